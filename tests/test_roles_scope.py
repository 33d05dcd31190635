"""Roles, invites and methodist assignments held to the actor's scope: municipal staff reach their own
municipality only, whatever button they forge; a methodist's teachers do not outlive the role."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select, update

from bot.callbacks import AssignCD, InviteAction, InviteCD, ReviewCD, RolesAction, RolesCD
from bot.domain.diagnostics import StepForm
from bot.domain.roles import Role
from bot.domain.routes import AssignmentSource
from storage.models import Invite, MethodistAssignment, Route, UserRole
from tests.conftest import ADMIN_ID, BotEnv
from tests.fakes import TgUser
from tests.flows import last_answer, open_section, register, settle

GALICH, BUY = "г. Галич", "г. Буй"
REFUSED_SCOPE = "вне вашего муниципалитета"


async def make_invite(
    actor: TgUser, role_label: str, scope_label: str | None = None, uses: str = "1 человек"
) -> str:
    await actor.send("/invite")
    await actor.click(role_label)
    if scope_label is not None:
        await actor.click(scope_label)
    await actor.click(uses)
    await actor.click("7 дней")
    match = re.search(r"start=(i-[\w-]+)", actor.last_message.text)
    assert match, actor.last_message.text
    return match.group(1)


async def person(
    env: BotEnv,
    tg_id: int,
    name: str,
    town: str,
    role_label: str | None = None,
    scope_label: str | None = None,
) -> TgUser:
    """Someone registered in `town`, with a role from the admin's invite (scope chosen by label)."""
    user = env.user(tg_id)
    start = "/start"
    if role_label is not None:
        start = f"/start {await make_invite(env.user(ADMIN_ID), role_label, scope_label)}"
    school = "Гимназия № 15" if town == "г. Кострома" else "СОШ № 2"
    await register(user, start=start, name=name, municipality=town, school=school, birth_year="1980")
    return user


async def municipal_staff(env: BotEnv, tg_id: int = 3001, town: str = GALICH) -> TgUser:
    return await person(env, tg_id, "Галичская Служба", town, "сотрудник методической службы", town)


async def ids(env: BotEnv, *tg_ids: int) -> list[int]:
    async with env.repos() as repos:
        found = [await repos.users.by_tg_id(t) for t in tg_ids]
    assert all(u is not None for u in found)
    return [u.id for u in found if u is not None]


async def municipality_id(env: BotEnv, name: str) -> int:
    async with env.repos() as repos:
        return next(m.id for m in (await repos.directory.municipalities())[0] if m.name == name)


async def roles_of(env: BotEnv, tg_id: int) -> list[tuple[Role, int | None]]:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        return sorted((r.role, r.scope_municipality_id) for r in user.roles)


async def test_municipal_staff_invite_scope_is_their_municipality(env_all: BotEnv) -> None:
    env = env_all
    staff = await municipal_staff(env)
    galich, buy = await municipality_id(env, GALICH), await municipality_id(env, BUY)

    # No choice of scope: straight to the number of people; the invite works for Galich.
    await staff.send("/invite")
    await staff.click("методист")
    assert not any("Весь регион" in b or b == BUY for b in staff.buttons())
    await staff.click("1 человек")
    await staff.click("7 дней")
    assert f"Служба: {GALICH}" in staff.last_message.text
    async with env.repos() as repos:
        made = list(await repos.session.scalars(select(Invite).where(Invite.role == Role.METHODIST)))
        assert [i.scope_municipality_id for i in made] == [galich]

    # Forged: another municipality, the whole region, a scope screen of another municipality.
    for data in (
        InviteCD(action=InviteAction.DAYS, role="methodist", scope=buy, uses=1, days=7),
        InviteCD(action=InviteAction.DAYS, role="methodist", scope=0, uses=100, days=30),
        InviteCD(action=InviteAction.DAYS, role="mentor", scope=buy, uses=1, days=7),
        InviteCD(action=InviteAction.SCOPE, role="methodist", scope=buy),
        InviteCD(action=InviteAction.USES, role="methodist", scope=0, uses=5),
    ):
        await staff.click_data(data.pack())
        assert REFUSED_SCOPE in last_answer(env), data
    async with env.repos() as repos:
        assert await repos.invites.count() == 2  # the admin's staff invite and the one above

    # The regional centre and admins still choose freely; a forged unknown municipality is refused.
    admin = env.user(ADMIN_ID)
    await admin.click_data(
        InviteCD(action=InviteAction.DAYS, role="methodist", scope=999_999, uses=1, days=7).pack()
    )
    assert "только сотрудникам" in last_answer(env)
    payload = await make_invite(admin, "методист", BUY)
    newcomer = await person(env, 3002, "Буйская Методистка", BUY)
    await newcomer.send(f"/start {payload}")
    assert (Role.METHODIST, buy) in await roles_of(env, 3002)


async def test_municipal_staff_see_and_revoke_only_invites_of_their_municipality(env_all: BotEnv) -> None:
    env = env_all
    staff = await municipal_staff(env)
    admin = env.user(ADMIN_ID)
    admins_mentor = await make_invite(admin, "наставник", uses="5 человек")
    admins_buy = await make_invite(admin, "методист", BUY, uses="5 человек")
    admins_galich = await make_invite(admin, "методист", GALICH, uses="5 человек")
    own = await make_invite(staff, "наставник", uses="5 человек")

    await staff.send("/roles")
    await staff.click("Действующие приглашения")
    text = staff.last_message.text
    assert own in text and admins_galich in text
    assert admins_mentor not in text and admins_buy not in text
    # The admin sees them all.
    await admin.send("/roles")
    await admin.click("Действующие приглашения")
    assert all(code in admin.last_message.text for code in (admins_mentor, admins_buy, own))

    async with env.repos() as repos:
        invites = {i.code: i.id for i in await repos.session.scalars(select(Invite))}
    for code in (admins_mentor, admins_buy):
        await staff.click_data(
            InviteCD(action=InviteAction.REVOKE, id=invites[code.removeprefix("i-")]).pack()
        )
        assert REFUSED_SCOPE in last_answer(env)
    async with env.repos() as repos:
        revoked = [i.code for i in await repos.session.scalars(select(Invite)) if i.revoked_at is not None]
        assert revoked == []
    await staff.click_data(InviteCD(action=InviteAction.REVOKE, id=invites[own.removeprefix("i-")]).pack())
    assert "Приглашение отозвано" in last_answer(env)


async def test_municipal_staff_list_and_open_only_people_of_their_municipality(env_all: BotEnv) -> None:
    env = env_all
    await person(env, 3011, "Буйский Методист", BUY, "методист", BUY)
    await person(env, 3012, "Буйский Наставник", BUY, "наставник")
    await person(env, 3013, "Галичский Методист", GALICH, "методист", GALICH)
    # Lives in Buy, works as a methodist for Galich: Galich's staff manage that role.
    await person(env, 3014, "Приезжий Методист", BUY, "методист", GALICH)
    await person(env, 3015, "Региональный Методист", GALICH, "методист", "Весь регион")
    staff = await municipal_staff(env)

    await staff.send("/roles")
    await staff.click("Люди с ролями")
    shown = staff.buttons()
    assert any(b.startswith("Галичский Методист") for b in shown)
    assert any(b.startswith("Приезжий Методист") for b in shown)
    assert any(b.startswith("Региональный Методист") for b in shown)  # lives in Galich
    assert not any(b.startswith("Буйский") for b in shown)
    assert "— 4" in staff.last_message.text  # three methodists and the staff member

    buy_methodist, buy_mentor = await ids(env, 3011, 3012)
    for target in (buy_methodist, buy_mentor):
        await staff.click_data(RolesCD(action=RolesAction.PERSON, user_id=target).pack())
        assert REFUSED_SCOPE in last_answer(env)
    # A regional methodist living in Galich: seen, but the role is the region's, not to be taken here.
    await staff.click("Региональный Методист — методист")
    assert "Снять роль «методист»" not in " ".join(staff.buttons())

    # The log of role changes is held to the same people.
    await staff.send("/roles")
    await staff.click("Журнал изменений")
    assert "Галичский Методист" in staff.last_message.text
    assert "Буйский" not in staff.last_message.text


async def test_municipal_staff_cannot_revoke_roles_in_another_municipality(env_all: BotEnv) -> None:
    env = env_all
    await person(env, 3021, "Буйский Методист", BUY, "методист", BUY)
    await person(env, 3022, "Буйский Наставник", BUY, "наставник")
    await person(env, 3023, "Региональный Методист", GALICH, "методист", "Весь регион")
    await person(env, 3024, "Галичский Наставник", GALICH, "наставник")
    staff = await municipal_staff(env)
    buy_methodist, buy_mentor, regional, galich_mentor = await ids(env, 3021, 3022, 3023, 3024)

    for target, role in ((buy_methodist, "methodist"), (buy_mentor, "mentor"), (regional, "methodist")):
        await staff.click_data(RolesCD(action=RolesAction.REVOKE, user_id=target, role=role).pack())
        assert REFUSED_SCOPE in last_answer(env)
    assert (Role.METHODIST, await municipality_id(env, BUY)) in await roles_of(env, 3021)
    assert (Role.MENTOR, None) in await roles_of(env, 3022)
    assert (Role.METHODIST, None) in await roles_of(env, 3023)
    async with env.repos() as repos:
        assert not [e for e in await repos.audit.recent() if e.action == "revoke"]

    # Their own municipality's mentor: the role is taken, as before.
    await staff.click_data(RolesCD(action=RolesAction.REVOKE, user_id=galich_mentor, role="mentor").pack())
    assert "Роль «наставник» снята" in last_answer(env)
    assert await roles_of(env, 3024) == [(Role.TEACHER, None)]


async def _waiting_route(env: BotEnv, teacher_tg: int, methodist_tg: int) -> int:
    """A route sent for review, with the teacher put with this methodist (set up in the database)."""
    async with env.repos() as repos:
        teacher = await repos.users.by_tg_id(teacher_tg)
        methodist = await repos.users.by_tg_id(methodist_tg)
        assert teacher is not None and methodist is not None
        route = await repos.routes.create(
            user_id=teacher.id,
            attempt_id=None,
            status="submitted",
            period_start=date(2026, 11, 23),
            period_end=date(2027, 5, 31),
            goal="Научиться работать с цифровыми ресурсами на уроках",
        )
        await repos.routes.add_step(
            route,
            form=StepForm.COURSE,
            title="Курс по цифровым инструментам",
            description="",
            link=None,
            hours=36,
            area="digital",
            level=None,
            source="own",
            planned_start=date(2026, 11, 23),
            planned_end=date(2026, 12, 23),
            status="planned",
        )
        await repos.assignments.assign(teacher.id, methodist.id, AssignmentSource.STAFF, env.clock())
        await repos.commit()
        return route.id


async def _assignments(env: BotEnv) -> dict[int, int]:
    async with env.repos() as repos:
        rows = await repos.session.scalars(select(MethodistAssignment))
        return {row.teacher_id: row.methodist_id for row in rows}


async def test_revoking_a_methodist_releases_their_teachers_and_reroutes_waiting_routes(
    env_all: BotEnv,
) -> None:
    env = env_all
    leaving = await person(env, 3031, "Уходящая Методистка", GALICH, "методист", GALICH)
    waiting = await person(env, 3032, "Ждущая Проверки", GALICH)
    await person(env, 3033, "Без Маршрута", GALICH)
    route_id = await _waiting_route(env, 3032, 3031)
    leaving_id, waiting_id, quiet_id = await ids(env, 3031, 3032, 3033)
    async with env.repos() as repos:
        await repos.assignments.assign(quiet_id, leaving_id, AssignmentSource.STAFF, env.clock())
        await repos.commit()
    successor = await person(env, 3034, "Новая Методистка", GALICH, "методист", GALICH)
    (successor_id,) = await ids(env, 3034)
    staff = await municipal_staff(env)

    await staff.send("/roles")
    await staff.click("Люди с ролями")
    await staff.click("Уходящая Методистка — методист")
    await staff.click("Снять роль «методист»")
    card = staff.last_message.text
    assert "Ждущая Проверки → Новая Методистка" in card
    assert "Без методиста остались: Без Маршрута" in card

    assert await _assignments(env) == {waiting_id: successor_id}
    await settle(env)
    assert "Ждущая Проверки" in successor.last_message.text
    assert "Новая Методистка" in waiting.last_message.text
    await successor.click("Открыть маршрут")
    assert "Научиться работать с цифровыми ресурсами" in successor.last_message.text
    # The former methodist opens nothing any more.
    await leaving.click_data(ReviewCD(action="route", r=route_id).pack())
    assert "только сотрудникам" in last_answer(env)


async def test_a_waiting_route_with_nobody_to_take_it_is_left_for_staff(env: BotEnv) -> None:
    await person(env, 3041, "Единственная Методистка", GALICH, "методист", GALICH)
    await person(env, 3042, "Ждущая Проверки", GALICH)
    await _waiting_route(env, 3042, 3041)
    staff = await municipal_staff(env)
    await staff.send("/roles")
    await staff.click("Люди с ролями")
    await staff.click("Единственная Методистка — методист")
    await staff.click("Снять роль «методист»")
    assert "Маршрут ждёт проверки, а передать некому: Ждущая Проверки" in staff.last_message.text
    assert await _assignments(env) == {}
    await open_section(staff, "🗂 Закрепление за методистами")
    # The teacher, the former methodist and the staff member themselves.
    assert "без методиста: 3" in staff.last_message.text


async def test_may_review_checks_the_methodists_current_scope(env_all: BotEnv) -> None:
    env = env_all
    methodist = await person(env, 3051, "Галичская Методистка", GALICH, "методист", GALICH)
    await person(env, 3052, "Галичская Учительница", GALICH)
    route_id = await _waiting_route(env, 3052, 3051)
    (methodist_id,) = await ids(env, 3051)
    # The role now works for another municipality (changed outside the bot, or by an old version).
    buy = await municipality_id(env, BUY)
    async with env.repos() as repos:
        await repos.session.execute(
            update(UserRole)
            .where(UserRole.user_id == methodist_id, UserRole.role == Role.METHODIST)
            .values(scope_municipality_id=buy)
        )
        await repos.commit()
    for data in (
        ReviewCD(action="route", r=route_id),
        ReviewCD(action="approve", r=route_id),
        ReviewCD(action="return", r=route_id),
    ):
        await methodist.click_data(data.pack())
        assert "вам недоступен" in last_answer(env), data
    async with env.repos() as repos:
        route = await repos.session.get(Route, route_id)
        assert route is not None and route.status == "submitted" and route.reviewer_id is None
    await open_section(methodist, "🧑‍🏫 Мои педагоги")
    assert "Галичская Учительница" not in " ".join(methodist.buttons())


async def test_municipal_staff_assign_only_within_their_municipality(env_all: BotEnv) -> None:
    env = env_all
    await person(env, 3061, "Буйский Методист", BUY, "методист", BUY)
    await person(env, 3062, "Галичский Методист", GALICH, "методист", GALICH)
    await person(env, 3063, "Буйская Учительница", BUY)
    await person(env, 3064, "Галичская Учительница", GALICH)
    staff = await municipal_staff(env)
    buy_m, galich_m, buy_t, galich_t = await ids(env, 3061, 3062, 3063, 3064)

    for data in (
        AssignCD(action="teacher", t=buy_t),
        AssignCD(action="put", t=buy_t, m=buy_m),
        AssignCD(action="put", t=buy_t, m=galich_m),
        AssignCD(action="put", t=galich_t, m=buy_m),
        AssignCD(action="put", t=galich_m, m=galich_m),
    ):
        await staff.click_data(data.pack())
        assert "закрепить не можете" in last_answer(env), data
    assert await _assignments(env) == {}
    await staff.click_data(AssignCD(action="put", t=galich_t, m=galich_m).pack())
    assert await _assignments(env) == {galich_t: galich_m}
