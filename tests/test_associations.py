"""Methodological associations end to end through the fake Bot API: staff create a school association
(ШМО) with approval, a leader comes by the invite link, a teacher asks to join and is accepted, the
plan of work and its DOCX, a meeting (an event: .ics, reminders), minutes and attendance, the
«professional communities» indicator moves; the leader's message reaches only the members; bad
input, a restart in the middle of the meeting wizard, double taps, and forged taps by others."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import docx
from docx.enum.section import WD_ORIENT
from sqlalchemy import func, select

import bot.jobs
from bot.callbacks import AsAction, AsCD, AsStaffAction, AsStaffCD
from bot.domain import associations as domain
from bot.domain.indicators import Indicator, PeriodCode
from bot.domain.roles import Role
from bot.services import indicators as indicator_service
from bot.services import roles as role_service
from bot.services.association_doc import TEXT_WIDTH_CM, plan_widths_cm
from bot.services.docx_layout import CELL_PAD_CM, CHAR_CM, longest_word
from bot.services.indicators import Scope
from storage.models import (
    Association,
    AssociationMeeting,
    AssociationMember,
    Broadcast,
    EventRegistration,
    User,
)
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import documents, got, last_answer, open_section, register, settle, staff_user


async def _community(env: BotEnv) -> tuple[int, int]:
    """The region's «professional communities» indicator this school year: (n, N)."""
    async with env.repos() as repos:
        report = await indicator_service.build(
            repos.indicators,
            repos.content,
            Scope(None, None, None, None),
            PeriodCode.ACADEMIC_YEAR,
            now=env.clock(),
            timezone=env.settings.default_timezone,
        )
    share = report.shares[Indicator.COMMUNITY]
    return share.n, share.total


async def _create_shmo(staff: TgUser) -> str:
    """Staff create the ШМО of maths teachers of Гимназия № 15 with approval; the leader's link."""
    await open_section(staff, "Ведение объединений")
    await staff.click("➕ Новое объединение")
    await staff.click("ШМО")
    await staff.click("г. Кострома")
    await staff.click("Гимназия № 15")
    await staff.click("Математика")
    await staff.click("Да, с одобрением")
    assert "ШМО учителей математики (Гимназия № 15)" in staff.last_message.text
    await staff.click("✅ Оставить название")
    assert "Руководитель: пока не назначен" in staff.last_message.text
    await staff.click("🔗 Ссылка для руководителя")
    match = re.search(r"start=(a-[\w-]+)", staff.last_message.text)
    assert match, staff.last_message.text
    return match.group(1)


async def test_an_association_from_creation_to_the_indicator(env: BotEnv) -> None:
    staff = await staff_user(env)
    leader = env.user(4201)
    await register(leader, name="Лидерова Людмила Львовна", experience="20", birth_year="1975")
    anna = env.user(4202)
    await register(anna, name="Аннова Анна Андреевна")
    boris = env.user(4203)
    await register(boris, name="Историков Борис Борисович", subjects=("История",))
    galina = env.user(4204)
    await register(galina, name="Галичская Галина Георгиевна", municipality="г. Галич", school="СОШ № 2")

    before = await _community(env)
    payload = await _create_shmo(staff)

    # The leader's link; opened twice, it stays one leader and uses one place of the link.
    await leader.send(f"/start {payload}")
    assert "Вы руководитель объединения" in leader.last_message.text
    await leader.send(f"/start {payload}")
    async with env.repos() as repos:
        association = (await repos.session.scalars(select(Association))).one()
        leaders = await repos.associations.leaders(association.id)
        assert [u.full_name for u in leaders] == ["Лидерова Людмила Львовна"]
    a = association.id

    # Anna fits (maths, her school) and asks to join; Boris (history) and Galina (Галич) do not see it.
    await open_section(anna, "ШМО и ГМО")
    await anna.click("ШМО учителей математики")
    await anna.click("➕ Вступить")
    assert "Заявка отправлена руководителю" in last_answer(env)
    await open_section(boris, "ШМО и ГМО")
    assert "Пока нет методических объединений" in boris.last_message.text
    await open_section(galina, "ШМО и ГМО")
    assert "ШМО учителей математики" not in " ".join(galina.buttons())
    await boris.click_data(AsCD(action=AsAction.JOIN, a=a).pack())
    assert "недоступно" in last_answer(env)

    # The leader approves from the notice; a second tap changes nothing.
    await settle(env)
    request = got(leader, "просит принять")
    assert len(request) == 1 and "Аннова Анна Андреевна" in request[0].text
    await leader.click("📨 Открыть заявки", message=request[0])
    await leader.click("✅ Аннова Анна Андреевна")
    assert "Заявка принята" in last_answer(env)
    await leader.click_data(AsCD(action=AsAction.APPROVE, a=a, i=1).pack())
    await settle(env)
    assert got(anna, "Вас приняли")

    # The plan: bad input, then two items; the DOCX is landscape with the items in a table.
    await leader.send("/menu")
    await open_section(leader, "ШМО и ГМО")
    await leader.click("ШМО учителей математики")
    await leader.click("🗓 План работы")
    await leader.click("➕ Добавить в план")
    await leader.click("Октябрь")
    await leader.click("Открытый урок")
    await leader.send("x" * (domain.TOPIC_MAX + 1))
    assert "Слишком длинно" in leader.last_message.text
    await leader.send("Формирующее оценивание на уроках геометрии")
    await leader.click("🙋 Ответственный — я")
    assert "1. Октябрь · Открытый урок: Формирующее оценивание" in leader.last_message.text
    await leader.click("➕ Добавить в план")
    await leader.click("Сентябрь")
    await leader.click("Заседание")
    await leader.send("Утверждение плана работы на год")
    await leader.send("Аннова А. А.")
    text = leader.last_message.text
    assert text.index("Сентябрь") < text.index("Октябрь")  # in the school year's order
    await leader.click("📄 План файлом (DOCX)")
    document = docx.Document(io.BytesIO(documents(leader)[-1]))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    table = document.tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[1][1:] == ["Сентябрь", "Заседание", "Утверждение плана работы на год", "Аннова А. А."]
    assert cells[2][3] == "Формирующее оценивание на уроках геометрии"
    # Members see the plan; Boris is not a member.
    await boris.click_data(AsCD(action=AsAction.PLAN, a=a).pack())
    assert "только участники" in last_answer(env)

    # A meeting: a bad date, then the wizard goes on across a restart.
    await leader.click("⬅️ Назад")
    await leader.click("🗓 Назначить заседание")
    await leader.send("вчера")
    assert "Не понял дату" in leader.last_message.text
    await leader.send("01.12.2026 15:00")
    await leader.send("Кабинет 21")
    await env.restart()
    await leader.send("1. Итоги мониторинга\n2. Открытые уроки")
    await leader.send_document("памятка.pdf", b"%PDF-1.4 memo")
    assert "Уже добавлено: 1" in leader.last_message.text
    await leader.click("✅ Готово")
    assert "Его получат участники объединения: 2" in leader.last_message.text
    go = str(leader.button("✅ Назначить и разослать")["callback_data"])
    await leader.click("✅ Назначить и разослать")
    assert "Заседание назначено" in last_answer(env)
    await leader.click_data(go)  # a double tap
    assert "ничего не изменилось" in last_answer(env)
    async with env.repos() as repos:
        assert await repos.session.scalar(select(func.count()).select_from(AssociationMeeting)) == 1
        meeting = (await repos.session.scalars(select(AssociationMeeting))).one()
        registered = await repos.session.scalar(
            select(func.count())
            .select_from(EventRegistration)
            .where(EventRegistration.event_id == meeting.event_id)
        )
        assert registered == 2  # the leader and Anna
    await settle(env)
    call = got(anna, "Заседание объединения")
    assert len(call) == 1 and "01.12.2026 15:00" in call[0].text and "Итоги мониторинга" in call[0].text
    await anna.click("📅 В календарь (.ics)", message=call[0])
    assert b"BEGIN:VCALENDAR" in documents(anna)[-1]
    # Boris cannot open it, nor its material.
    await boris.click_data(AsCD(action=AsAction.MEETING, a=a, i=meeting.id).pack())
    assert "только участники" in last_answer(env)

    # The events machinery reminds members a day before, once.
    env.clock.now = datetime(2026, 11, 30, 13, 0, tzinfo=UTC)
    await bot.jobs.event_reminders()
    await settle(env)
    assert len(got(anna, "Завтра:")) == 1

    # Attendance can be marked once it has begun; then one tap each; minutes uploaded.
    await anna.click("📂 Открыть заседание", message=call[0])
    await anna.click("📎 памятка.pdf")
    assert documents(anna)[-1] == b"%PDF-1.4 memo"
    env.clock.now = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
    await leader.click_data(AsCD(action=AsAction.MEETING, a=a, i=meeting.id).pack())
    assert "пришли 0 из 2" in leader.last_message.text
    await leader.click("▫️ Аннова Анна Андреевна")
    assert "пришли 1 из 2" in leader.last_message.text
    anna_row = leader.last_message.button_texts.index("✅ Аннова Анна Андреевна")
    talk = leader.last_message.inline_buttons[anna_row + 1]
    await leader.click_data(str(talk["callback_data"]))
    assert "выступили: 1" in leader.last_message.text
    await leader.click("📤 Загрузить протокол")
    await leader.send("вот протокол")
    assert "Нужен файл-документ" in leader.last_message.text
    await leader.send_document("протокол.docx", b"PK minutes")
    assert got(leader, "Протокол сохранён")

    # The communities indicator: Anna attended and gave a talk — she counts now.
    after = await _community(env)
    assert after[0] == before[0] + 1

    # Anna gets the minutes.
    await anna.click_data(AsCD(action=AsAction.MEETING, a=a, i=meeting.id).pack())
    await anna.click("📄 Протокол")
    assert documents(anna)[-1] == b"PK minutes"

    # The leader's message reaches the members only; a second tap sends nothing more.
    await leader.click_data(AsCD(action=AsAction.WRITE, a=a).pack())
    await leader.send("Коллеги, жду планы открытых уроков до пятницы.")
    send = str(leader.button("🚀 Отправить (2)")["callback_data"])
    await leader.click("🚀 Отправить (2)")
    assert "Сообщение поставлено в очередь: 1 участник" in leader.last_message.text
    await leader.click_data(send)
    await settle(env)
    assert len(got(anna, "жду планы открытых уроков")) == 1
    for other in (boris, galina, staff):
        assert not got(other, "жду планы открытых уроков")
    async with env.repos() as repos:
        assert await repos.session.scalar(select(func.count()).select_from(Broadcast)) == 1

    # A teacher who is not its leader cannot act as one.
    for forged in (
        AsCD(action=AsAction.MEMBERS, a=a),
        AsCD(action=AsAction.WRITE, a=a),
        AsCD(action=AsAction.ATTEND, a=a, i=meeting.id, u=1),
    ):
        await anna.click_data(forged.pack())
        assert "только руководитель" in last_answer(env)

    # Anna leaves; the leader's list no longer has her.
    await anna.click_data(AsCD(action=AsAction.OPEN, a=a).pack())
    await anna.click("🚪 Выйти из объединения")
    await anna.click("Да, выйти")
    async with env.repos() as repos:
        anna_user = await repos.users.by_tg_id(4202)
        assert anna_user is not None
        assert await repos.associations.member(a, anna_user.id) is None


async def test_municipal_staff_stay_in_their_municipality(env: BotEnv) -> None:
    """A municipal service creates within its municipality; another municipality's association is
    out of its reach, and the levels it may choose are school and municipal."""
    staff = await staff_user(env)
    await _create_shmo(staff)
    muni = env.user(4301)
    await register(muni, name="Муниципалова Мария", municipality="г. Галич", school="СОШ № 2")
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(4301)
        assert user is not None
        galich = user.municipality_id
        await role_service.grant(
            repos, user, Role.STAFF, actor_tg_id=None, source="test", scope_municipality_id=galich
        )
        await repos.commit()
        kostroma = (await repos.session.scalars(select(Association))).one()
    await open_section(muni, "Ведение объединений")
    assert "ШМО учителей математики" not in " ".join(muni.buttons())
    await muni.click("➕ Новое объединение")
    assert "Региональное объединение" not in " ".join(muni.buttons())
    await muni.click("ГМО / РМО")
    await muni.click("Математика")
    assert "ГМО учителей математики (г. Галич)" in muni.last_message.text
    await muni.send("ГМО математиков Галича")
    assert "Ссылка для руководителя" in " ".join(muni.buttons())
    for forged in (
        AsStaffCD(action=AsStaffAction.OPEN, a=kostroma.id),
        AsStaffCD(action=AsStaffAction.INVITE, a=kostroma.id),
        AsStaffCD(action=AsStaffAction.MUNI, v=str(kostroma.municipality_id)),
    ):
        await muni.click_data(forged.pack())
        assert "недоступно" in last_answer(env) or "ничего не изменилось" in last_answer(env)
    async with env.repos() as repos:
        made = list(await repos.session.scalars(select(Association).order_by(Association.id)))
        assert [(x.name, x.municipality_id) for x in made][1] == ("ГМО математиков Галича", galich)
        assert len(made) == 2


def test_fits_and_scope_rules() -> None:
    teacher = domain.TeacherPlace(municipality_id=1, school_id=10, subjects=frozenset({"math"}))
    school = domain.Place(domain.Level.SCHOOL, 1, 10)
    other_school = domain.Place(domain.Level.SCHOOL, 1, 11)
    municipal = domain.Place(domain.Level.MUNICIPAL, 1, None)
    regional = domain.Place(domain.Level.REGIONAL, None, None)
    assert domain.fits(school, "math", teacher) and not domain.fits(other_school, "math", teacher)
    assert domain.fits(municipal, None, teacher) and not domain.fits(municipal, "history", teacher)
    assert domain.fits(regional, "math", teacher)
    assert not domain.fits(domain.Place(domain.Level.MUNICIPAL, 2, None), "math", teacher)
    assert domain.staff_may_manage(school, None) and domain.staff_may_manage(school, 1)
    assert not domain.staff_may_manage(school, 2) and not domain.staff_may_manage(regional, 1)
    assert domain.levels_for(1) == (domain.Level.SCHOOL, domain.Level.MUNICIPAL)
    assert not domain.needs_approval(domain.Level.MUNICIPAL, True)
    assert domain.school_year_of(datetime(2026, 8, 31).date()) == 2025
    assert domain.school_year_of(datetime(2026, 9, 1).date()) == 2026
    assert sorted(range(1, 13), key=domain.plan_order)[:2] == [9, 10]


def test_plan_columns_follow_their_content() -> None:
    """The plan uses the same sizing as the route's DOCX: no word broken, the topic takes the rest."""
    columns = [
        ["№", "12"],
        ["Месяц", "Сентябрь"],
        ["Форма", "Педагогическая мастерская"],
        ["Тема", "Очень длинная тема " * 8],
        ["Ответственный", "Константинопольская Анна"],
    ]
    widths = plan_widths_cm(columns)
    assert max(widths) == widths[3] and widths[3] > widths[2] > widths[0]
    assert abs(sum(widths) - TEXT_WIDTH_CM) < 0.05
    for index, texts in enumerate(columns):
        if index != 3:
            assert widths[index] >= min(longest_word(texts) * CHAR_CM + CELL_PAD_CM, 5.0) - 0.01
    short = plan_widths_cm([["№", "1"], ["М", "май"], ["Ф", "Курс"], ["Т", "x"], ["О", "Я"]])
    assert short[3] > widths[3]


async def test_members_on_leader_screens_and_bad_taps(env: BotEnv) -> None:
    """A leader adds a teacher from those in scope, removes them; stale and forged taps are told."""
    staff = await staff_user(env)
    payload = await _create_shmo(staff)
    leader = env.user(4401)
    await register(leader, name="Лидерова Лариса")
    await leader.send(f"/start {payload}")
    dina = env.user(4402)
    await register(dina, name="Динова Дина")
    await leader.click("⬅️ К объединению")
    await leader.click("➕ Добавить участника")
    assert "Динова Дина" in " ".join(leader.buttons())
    assert "Сотрудникова Елена" in " ".join(leader.buttons())  # staff who teach maths there count too
    await leader.click("➕ Динова Дина")
    assert "добавлен" in last_answer(env)
    await settle(env)
    assert got(dina, "Вас добавили")
    async with env.repos() as repos:
        association = (await repos.session.scalars(select(Association))).one()
        boris_like = await repos.users.by_tg_id(4001)
        assert boris_like is not None
        rows = list(await repos.session.scalars(select(AssociationMember)))
        assert len(rows) == 2
    a = association.id
    # A teacher of another subject cannot be added by a forged button.
    historian = env.user(4403)
    await register(historian, name="Историкова Ирина", subjects=("История",))
    async with env.repos() as repos:
        h = await repos.users.by_tg_id(4403)
        assert isinstance(h, User)
    await leader.click_data(AsCD(action=AsAction.ADD, a=a, u=h.id).pack())
    assert "нельзя добавить" in last_answer(env)
    await leader.click_data(AsCD(action=AsAction.MEMBERS, a=a).pack())
    await leader.click("✖️ Динова Дина")
    assert "исключён" in last_answer(env)
    # A stale plan button (no draft) changes nothing.
    await leader.click_data(AsCD(action=AsAction.PLAN_FORM, a=a, v="seminar").pack())
    assert "ничего не изменилось" in last_answer(env)
    await leader.click_data(AsCD(action=AsAction.SEND, a=a, v="deadbeef").pack())
    async with env.repos() as repos:
        assert await repos.session.scalar(select(func.count()).select_from(Broadcast)) == 0
