"""Invites grant roles; roles are checked on the server for typed commands and forged buttons."""

from __future__ import annotations

from bot.callbacks import InviteAction, InviteCD, RolesAction, RolesCD
from bot.domain.roles import AuditAction, Role
from tests.conftest import ADMIN_ID, BotEnv
from tests.flows import create_invite, register, settle


async def test_admin_invites_a_mentor_who_registers(env_all: BotEnv) -> None:
    payload = await create_invite(env_all, "наставник")
    mentor = env_all.user(701, first_name="Ольга")
    await register(
        mentor, start=f"/start {payload}", name="Орлова Ольга Сергеевна", experience="15", birth_year="1980"
    )
    granted = mentor.last_messages(2)[0].text
    assert "выдана роль «наставник»" in granted
    assert "наставник" in mentor.last_message.text  # roles line of the menu
    async with env_all.repos() as repos:
        stored = await repos.users.by_tg_id(701)
        assert stored is not None
        assert sorted(r.role for r in stored.roles) == [Role.MENTOR, Role.TEACHER]
        audit = await repos.audit.recent()
        assert any(
            e.role is Role.MENTOR and e.action is AuditAction.GRANT and e.source.startswith("invite:")
            for e in audit
        )

    # A one-use invite cannot be used twice.
    other = env_all.user(702)
    await other.send(f"/start {payload}")
    assert "получили все" in other.last_messages(2)[0].text  # said when opened, before registering


async def test_registered_user_redeems_invite_and_expired_invite_is_refused(env: BotEnv) -> None:
    teacher = env.user(703)
    await register(teacher)
    payload = await create_invite(env, "методист", days="1 день")
    await teacher.send(f"/start {payload}")
    assert "выдана роль «методист»" in teacher.last_messages(2)[0].text
    await teacher.send(f"/start {payload}")
    assert "у вас уже есть" in teacher.last_messages(2)[0].text

    late = await create_invite(env, "методист", uses="5 человек", days="1 день")
    env.clock.advance(days=2)
    other = env.user(704)
    await register(other)
    await other.send(f"/start {late}")
    assert "Срок действия приглашения истёк" in other.last_messages(2)[0].text
    await other.send("/start i-no-such-code")
    assert "не найдена" in other.last_messages(2)[0].text


async def test_teacher_is_refused_admin_commands_and_forged_buttons(env_all: BotEnv) -> None:
    env = env_all
    teacher = env.user(705)
    await register(teacher)
    await teacher.send("/roles")
    assert "только сотрудникам с нужной ролью" in teacher.last_message.text
    await teacher.send("/invite")
    assert "только сотрудникам с нужной ролью" in teacher.last_message.text
    before = len(env.fake.requests_for("sendMessage"))
    await teacher.click_data(InviteCD(action=InviteAction.DAYS, role="admin", uses=100, days=30).pack())
    callback = env.fake.requests_for("answerCallbackQuery")[-1]
    assert "только сотрудникам" in callback.params.get("text", "")
    assert len(env.fake.requests_for("sendMessage")) == before
    await teacher.click_data(RolesCD(action=RolesAction.REVOKE, user_id=1, role="teacher").pack())
    async with env.repos() as repos:
        assert await repos.invites.count() == 0
        stored = await repos.users.by_tg_id(705)
        assert stored is not None and [r.role for r in stored.roles] == [Role.TEACHER]


async def test_staff_can_invite_only_mentors_and_methodists(env: BotEnv) -> None:
    staff_payload = await create_invite(env, "сотрудник методической службы")
    staff = env.user(706, first_name="Светлана")
    await register(
        staff, start=f"/start {staff_payload}", name="Белова Светлана", experience="20", birth_year="1975"
    )
    await staff.send("/invite")
    assert set(staff.buttons()) >= {"наставник", "методист"}
    assert "администратор" not in staff.buttons()
    assert "сотрудник методической службы" not in staff.buttons()
    # Forged: staff tries to mint an admin invite.
    await staff.click_data(InviteCD(action=InviteAction.DAYS, role="admin", uses=1, days=1).pack())
    assert "только сотрудникам" in env.fake.requests_for("answerCallbackQuery")[-1].params.get("text", "")
    async with env.repos() as repos:
        assert await repos.invites.count() == 1  # only the admin's staff invite


async def test_admin_lists_and_revokes_roles_and_invites(env: BotEnv) -> None:
    payload = await create_invite(env, "методист")
    methodist = env.user(707, first_name="Нина")
    await register(
        methodist, start=f"/start {payload}", name="Зайцева Нина", experience="9", birth_year="1985"
    )
    spare = await create_invite(env, "наставник", uses="5 человек")
    admin = env.user(ADMIN_ID)
    await admin.send("/roles")
    await admin.click("Действующие приглашения")
    assert spare in admin.last_message.text
    await admin.click("Отозвать № 1")
    assert "Действующих приглашений нет" in admin.last_message.text

    await admin.click("Назад")
    await admin.click("Люди с ролями")
    await admin.click("Зайцева Нина — методист")
    await admin.click("Снять роль «методист»")
    assert "Роли: педагог" in admin.last_message.text
    await settle(env)
    assert "Роль «методист» у вас снята" in methodist.last_message.text
    await admin.click("Назад")
    await admin.click("Назад")
    await admin.click("Журнал изменений")
    assert "Зайцева Нина: снята роль «методист»" in admin.last_message.text

    newcomer = env.user(708)
    await newcomer.send(f"/start {spare}")
    assert "отозвано" in newcomer.last_messages(2)[0].text  # said when opened, before registering
