"""Booking a consultation end to end through the fake Bot API: a methodist publishes a slot (bad input
at each step, a restart mid-wizard), a teacher books it (a double tap books once) and gets an .ics,
both are told and reminded a day and an hour before (once), the teacher cancels (the slot is free
and the methodist told), another teacher books it, the methodist cancels (the teacher told); two
teachers taking the last slot at once — one gets it; a slot in the past cannot be booked; after a
consultation that took place, one tap counts it for the «консультация» step of the teacher's route."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

import bot.jobs
from bot.callbacks import BookAction, BookCD, SlotAction, SlotCD
from bot.domain.consult_slots import (
    Methodist,
    SlotInputError,
    SlotProblem,
    Teacher,
    bookable_order,
    check_future,
    may_book,
    moment,
    parse_day,
    parse_time,
    read_link,
    read_place,
    repeated,
)
from bot.domain.diagnostics import StepForm
from bot.domain.roles import Role
from bot.services import roles as role_service
from storage.models import ConsultSlot, Route, RouteStep, StepEvidence
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.fakes.client import feed_deliver
from tests.flows import got, last_answer, open_section, register, settle

MOSCOW = "Europe/Moscow"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the fixture clock: Monday 12:00 in Moscow
SLOT_AT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 25.11 15:00 in Moscow


async def methodist_user(
    env: BotEnv, tg_id: int = 7001, name: str = "Методистова Нина Сергеевна", scope: int | None = None
) -> TgUser:
    """A registered maths teacher of Kostroma who is also a (regional, unless `scope`) methodist."""
    person = env.user(tg_id)
    await register(person, name=name, experience="20", birth_year="1975")
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        await role_service.grant(
            repos, user, Role.METHODIST, actor_tg_id=None, source="test", scope_municipality_id=scope
        )
        await repos.commit()
    return person


async def publish_slot(
    methodist: TgUser, day: str = "25.11", at: str = "15:00", weeks: str = "✅ Опубликовать"
) -> None:
    await open_section(methodist, "🗓 Мои часы консультаций")
    await methodist.click("➕ Добавить время")
    await methodist.send(day)
    await methodist.send(at)
    await methodist.click("30 минут")
    await methodist.click("💻 Онлайн")
    await methodist.send("https://meet.example.org/room-7")
    await methodist.click("➡️ Без темы")
    await methodist.click(weeks)


async def slots(env: BotEnv) -> list[ConsultSlot]:
    async with env.repos() as repos:
        return list(await repos.session.scalars(select(ConsultSlot).order_by(ConsultSlot.id)))


async def user_id(env: BotEnv, tg_id: int) -> int:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        return user.id


def tapping_at_once(env: BotEnv, person: TgUser) -> TgUser:
    """The same person, their taps fed to the bot directly: two such taps are handled at the same
    moment, each in its own database session (as two processes would)."""
    assert env.app is not None
    return TgUser(env.fake, feed_deliver(env.app.dp, env.app.bot), person.id, first_name=person.first_name)


# --- the whole journey ---------------------------------------------------------------------------------


async def test_slot_booking_ics_reminders_cancel_and_rebook(env_all: BotEnv) -> None:
    env = env_all
    methodist = await methodist_user(env)
    await open_section(methodist, "🗓 Мои часы консультаций")
    assert "Свободного времени пока нет" in methodist.last_message.text

    # The wizard, with bad input at each step and a restart in the middle.
    await methodist.click("➕ Добавить время")
    assert "по московскому времени" in methodist.last_message.text
    await methodist.send("завтра")
    assert "Не получилось прочитать дату" in methodist.last_message.text
    await methodist.send("31.02.2027")
    assert "Такого дня нет" in methodist.last_message.text
    await methodist.send("20.11.2026")
    assert "Этот день уже прошёл" in methodist.last_message.text
    await methodist.send_photo()
    assert "напишите ответ текстом" in methodist.last_message.text
    await methodist.send("25.11")
    assert "25.11.2026. Во сколько начало?" in methodist.last_message.text
    await env.restart()  # the wizard's state is kept
    await methodist.send("25:00")
    assert "Не получилось прочитать время" in methodist.last_message.text
    await methodist.send("15:00")
    await methodist.click("30 минут")
    await methodist.click("💻 Онлайн")
    await methodist.send("встреча в зуме")
    assert "Это не похоже на ссылку" in methodist.last_message.text
    await methodist.send("https://meet.example.org/" + "a" * 600)
    assert "Ссылка слишком длинная" in methodist.last_message.text
    await methodist.send("https://meet.example.org/room-7")
    await methodist.send("По аттестации\nи не только")
    assert "одной строкой" in methodist.last_message.text
    await methodist.send("По аттестации")
    preview = methodist.last_message.text
    assert "25.11.2026 15:00" in preview and "30 минут" in preview and "room-7" in preview
    await methodist.click("✅ Опубликовать")
    assert "Новых окон для записи: 1" in methodist.last_message.text
    [slot] = await slots(env)
    assert slot.starts_at == SLOT_AT and slot.minutes == 30 and slot.status == "open"
    assert slot.link == "https://meet.example.org/room-7" and slot.topic == "По аттестации"

    # A teacher of the same subject and municipality sees it and books it; the link comes after booking.
    anna = env.user(7101)
    await register(anna, name="Аннина Анна Андреевна")
    await open_section(anna, "📅 Запись на консультацию")
    assert "по московскому времени" in anna.last_message.text
    await anna.click("25.11 15:00")
    card = anna.last_message
    assert "Методистова Нина Сергеевна" in card.text and "room-7" not in card.text
    take = str(anna.button("✅ Записаться", message=card)["callback_data"])
    await anna.click("✅ Записаться", message=card)
    assert "Вы записаны" in last_answer(env)
    ics = anna.last_message
    assert ics.file_name == f"consultation-{slot.id}.ics" and b"BEGIN:VCALENDAR" in ics.document
    assert b"DTSTART:20261125T120000Z" in ics.document and b"room-7" in ics.document
    assert any("room-7" in (m.text or "") and "Вы записаны" in (m.text or "") for m in anna.messages)
    await anna.click_data(take, message=card)  # a double tap
    assert "уже записаны" in last_answer(env)
    [slot] = await slots(env)
    anna_id = await user_id(env, 7101)
    assert slot.status == "booked" and slot.teacher_id == anna_id
    await settle(env)
    [booked] = got(methodist, "На консультацию записался педагог")
    assert "Аннина Анна Андреевна" in booked.text and "25.11.2026 15:00" in booked.text
    await methodist.click("📅 Файл для календаря", message=booked)
    assert methodist.last_message.file_name == f"consultation-{slot.id}.ics"
    assert "Аннина".encode() in methodist.last_message.document

    # A day before: one reminder each; again: nothing. An hour before: one more each, also after a restart.
    env.clock.now = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
    assert await bot.jobs.consult_slot_reminders() == 2
    assert await bot.jobs.consult_slot_reminders() == 0
    await settle(env)
    assert len(got(anna, "Завтра консультация с методистом Методистова")) == 1
    assert len(got(methodist, "Завтра консультация: Аннина")) == 1
    env.clock.now = datetime(2026, 11, 25, 11, 10, tzinfo=UTC)
    assert await bot.jobs.consult_slot_reminders() == 2
    await env.restart()
    assert await bot.jobs.consult_slot_reminders() == 0
    await settle(env)
    assert (
        len(got(anna, "Через час консультация")) == 1 and len(got(methodist, "Через час консультация")) == 1
    )

    # The teacher cancels: the slot is free again, the methodist is told.
    await open_section(anna, "📅 Запись на консультацию")
    await anna.click("📋 Мои записи")
    await anna.click("25.11 15:00")
    await anna.click("❌ Отменить запись")
    await anna.click("Да, отменить запись")
    assert "Запись отменена" in anna.last_message.text
    [slot] = await slots(env)
    assert slot.status == "open" and slot.teacher_id is None
    await settle(env)
    assert got(methodist, "Аннина Анна Андреевна отменил запись")

    # Another teacher books it; the reminders are hers (the hour's is due at once).
    boris = env.user(7102)
    await register(boris, name="Борисова Бета Борисовна")
    await open_section(boris, "📅 Запись на консультацию")
    await boris.click("25.11 15:00")
    await boris.click("✅ Записаться")
    assert "Вы записаны" in last_answer(env)
    assert await bot.jobs.consult_slot_reminders() == 2
    await settle(env)
    assert len(got(boris, "Через час консультация")) == 1

    # The methodist cancels the slot: the teacher is told and offered other times.
    await open_section(methodist, "🗓 Мои часы консультаций")
    await methodist.click("25.11 15:00")
    assert "Записан педагог: Борисова Бета Борисовна" in methodist.last_message.text
    await methodist.click("❌ Отменить это время")
    await methodist.click("Да, отменить")
    assert "Отменено" in methodist.last_message.text
    await settle(env)
    [told] = got(boris, "отменил консультацию")
    assert "Выбрать другое время" in str(told.inline_buttons)
    await boris.click("📅 Выбрать другое время", message=told)
    assert "Свободного времени у методистов сейчас нет" in boris.last_message.text


async def test_two_teachers_taking_the_last_slot_at_once_one_gets_it(env_all: BotEnv) -> None:
    env = env_all
    methodist = await methodist_user(env)
    await publish_slot(methodist)
    [slot] = await slots(env)
    anna, boris = env.user(7201), env.user(7202)
    await register(anna, name="Аннина Анна Андреевна")
    await register(boris, name="Борисова Бета Борисовна")
    for teacher in (anna, boris):
        await open_section(teacher, "📅 Запись на консультацию")

    take = BookCD(action=BookAction.TAKE, s=slot.id).pack()
    await asyncio.gather(
        tapping_at_once(env, anna).click_data(take), tapping_at_once(env, boris).click_data(take)
    )
    await settle(env)

    [slot] = await slots(env)
    winner = {await user_id(env, 7201): anna, await user_id(env, 7202): boris}[slot.teacher_id or 0]
    loser = boris if winner is anna else anna
    assert slot.status == "booked"
    answers = [str(r.params.get("text", "")) for r in env.fake.requests_for("answerCallbackQuery")][-2:]
    assert sorted(a[:12] for a in answers) == sorted(["Вы записаны!"[:12], "Это время только что занял"[:12]])
    assert winner.messages[-1].file_name == f"consultation-{slot.id}.ics"
    assert "Запись на консультацию" in loser.last_message.text  # the list again, without the slot
    assert "25.11 15:00" not in " ".join(loser.buttons())
    assert len(got(methodist, "На консультацию записался педагог")) == 1


async def test_a_double_tap_at_once_books_once(env: BotEnv) -> None:
    methodist = await methodist_user(env)
    await publish_slot(methodist)
    [slot] = await slots(env)
    anna = env.user(7301)
    await register(anna, name="Аннина Анна Андреевна")
    await open_section(anna, "📅 Запись на консультацию")
    take = BookCD(action=BookAction.TAKE, s=slot.id).pack()
    fast = tapping_at_once(env, anna)
    await asyncio.gather(fast.click_data(take), fast.click_data(take))
    await settle(env)
    [slot] = await slots(env)
    assert slot.teacher_id == await user_id(env, 7301)
    assert len([m for m in anna.messages if m.file_name]) == 1
    assert len(got(methodist, "На консультацию записался педагог")) == 1


async def test_a_slot_in_the_past_cannot_be_booked_or_cancelled(env: BotEnv) -> None:
    methodist = await methodist_user(env)
    await publish_slot(methodist)
    anna = env.user(7401)
    await register(anna, name="Аннина Анна Андреевна")
    await open_section(anna, "📅 Запись на консультацию")
    await anna.click("25.11 15:00")
    card = anna.last_message
    take = str(anna.button("✅ Записаться", message=card)["callback_data"])
    env.clock.now = SLOT_AT + timedelta(minutes=1)
    await anna.click("✅ Записаться", message=card)
    assert "Это время уже прошло" in last_answer(env)
    assert "Свободного времени у методистов сейчас нет" in anna.last_message.text
    [slot] = await slots(env)
    assert slot.status == "open" and slot.teacher_id is None

    # Booked, then too late to cancel.
    env.clock.now = NOW
    await anna.click_data(take)
    env.clock.now = SLOT_AT + timedelta(minutes=1)
    await anna.click_data(BookCD(action=BookAction.DROP_YES, s=slot.id).pack())
    assert "уже началась" in last_answer(env)
    [slot] = await slots(env)
    assert slot.status == "booked"


async def test_scope_a_teacher_sees_only_slots_they_may_book(env: BotEnv) -> None:
    maths = await methodist_user(env, 7501, "Математикова Нина Сергеевна")
    history = env.user(7502)
    await register(
        history, name="Историкова Вера Павловна", subjects=("История",), experience="20", birth_year="1975"
    )
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(7502)
        assert user is not None
        await role_service.grant(repos, user, Role.METHODIST, actor_tg_id=None, source="test")
        await repos.commit()
    await publish_slot(maths)
    await publish_slot(history, at="16:00")
    [maths_slot, history_slot] = await slots(env)

    anna = env.user(7503)
    await register(anna, name="Аннина Анна Андреевна")
    await open_section(anna, "📅 Запись на консультацию")
    buttons = " ".join(anna.buttons())
    assert "Математикова" in buttons and "Историкова" not in buttons
    # A forged tap on the other methodist's slot is refused and changes nothing.
    await anna.click_data(BookCD(action=BookAction.TAKE, s=history_slot.id).pack())
    assert "недоступно" in last_answer(env)
    assert (await slots(env))[1].status == "open"

    # Once staff put her with the history methodist, that methodist's slot is hers to book too, first.
    async with env.repos() as repos:
        await repos.assignments.assign(await user_id(env, 7503), await user_id(env, 7502), "staff", NOW)
        await repos.commit()
    await open_section(anna, "📅 Запись на консультацию")
    assert anna.buttons()[0].startswith("⭐ 25.11 16:00")
    await anna.click("⭐ 25.11 16:00")
    await anna.click("✅ Записаться")

    # Someone else cannot cancel her booking or see it; a methodist cannot touch another's slot.
    boris = env.user(7504)
    await register(boris, name="Борисова Бета Борисовна")
    await boris.send("/menu")
    await boris.click_data(BookCD(action=BookAction.DROP_YES, s=history_slot.id).pack())
    assert "недоступно" in last_answer(env)
    await maths.click_data(SlotCD(action=SlotAction.CANCEL_YES, s=history_slot.id).pack())
    assert "другому методисту" in last_answer(env)
    [_m, history_slot] = await slots(env)
    assert history_slot.status == "booked" and history_slot.teacher_id == await user_id(env, 7503)
    # A teacher is no methodist: the methodist's buttons are refused.
    await anna.click_data(SlotCD(action=SlotAction.OPEN, s=maths_slot.id).pack())
    assert "Историкова" not in (anna.last_message.text or "")


# --- a consultation that took place, as the evidence of a route step ------------------------------------


async def seed_route(env: BotEnv, tg_id: int, consultation_steps: int) -> int:
    """A route sent to the methodist with a course step and `consultation_steps` «консультация» steps."""
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        route = Route(
            user_id=user.id,
            status="submitted",
            goal="Научиться готовиться к аттестации",
            period_start=date(2026, 11, 1),
            period_end=date(2027, 5, 31),
            submitted_at=NOW,
        )
        repos.session.add(route)
        await repos.session.flush()
        forms = [StepForm.COURSE] + [StepForm.CONSULTATION] * consultation_steps
        for position, form in enumerate(forms):
            repos.session.add(
                RouteStep(
                    route_id=route.id,
                    position=position,
                    form=form,
                    title=f"Шаг {position + 1}: {form.value}",
                    description="",
                    source="catalogue",
                    planned_start=date(2026, 11, 1),
                    planned_end=date(2027, 1, 31),
                    status="planned",
                )
            )
        await repos.commit()
        return route.id


async def held_consultation(env: BotEnv, teacher: TgUser, methodist: TgUser) -> None:
    """Booked, the time passes, the methodist marks it as held (not before its end)."""
    await open_section(teacher, "📅 Запись на консультацию")
    await teacher.click("25.11 15:00")
    await teacher.click("✅ Записаться")
    env.clock.now = SLOT_AT + timedelta(minutes=10)
    [slot] = await slots(env)
    await methodist.click_data(SlotCD(action=SlotAction.HELD, s=slot.id).pack())
    assert "когда время консультации пройдёт" in last_answer(env)
    env.clock.now = SLOT_AT + timedelta(minutes=40)
    await open_section(methodist, "🗓 Мои часы консультаций")
    assert "Отметьте, состоялась ли консультация" in methodist.last_message.text
    await methodist.click("25.11 15:00")
    await methodist.click("✅ Состоялась")
    assert "консультация состоялась" in last_answer(env)
    await methodist.click_data(SlotCD(action=SlotAction.MISSED, s=slot.id).pack())  # a second mark
    assert (await slots(env))[0].outcome == "held"
    await settle(env)


async def evidence_of(env: BotEnv, route_id: int) -> list[tuple[RouteStep, list[StepEvidence]]]:
    async with env.repos() as repos:
        route = await repos.routes.by_id(route_id)
        assert route is not None
        return [(s, list(s.evidence)) for s in route.steps]


async def test_a_held_consultation_counts_for_the_route_step_in_one_tap(env_all: BotEnv) -> None:
    env = env_all
    methodist = await methodist_user(env)
    await publish_slot(methodist)
    anna = env.user(7601)
    await register(anna, name="Аннина Анна Андреевна")
    route_id = await seed_route(env, 7601, consultation_steps=1)
    await held_consultation(env, anna, methodist)

    [held] = got(anna, "состоялась. Засчитать её в ваш маршрут?")
    count = str(anna.button("📎 Засчитать в маршрут", message=held)["callback_data"])
    await anna.click("📎 Засчитать в маршрут", message=held)
    assert "засчитана в шаг маршрута «Шаг 2: consultation»" in anna.last_message.text
    steps = await evidence_of(env, route_id)
    course, consultation = steps
    assert course[0].status == "planned" and course[1] == []
    assert consultation[0].status == "done" and len(consultation[1]) == 1
    assert "Методистова Нина Сергеевна" in (consultation[1][0].text or "")
    assert "25.11.2026 15:00" in (consultation[1][0].text or "")
    [slot] = await slots(env)
    assert slot.route_step_id == consultation[0].id
    await anna.click_data(count)  # a second tap counts nothing twice
    assert "уже засчитана" in last_answer(env)
    assert len((await evidence_of(env, route_id))[1][1]) == 1


async def test_without_a_consultation_step_one_is_offered_and_added(env: BotEnv) -> None:
    methodist = await methodist_user(env)
    await publish_slot(methodist)
    anna = env.user(7701)
    await register(anna, name="Аннина Анна Андреевна")

    # No route at all: said, nothing changes.
    await held_consultation(env, anna, methodist)
    [held] = got(anna, "Засчитать её в ваш маршрут?")
    await anna.click("📎 Засчитать в маршрут", message=held)
    assert "нет маршрута" in last_answer(env)

    route_id = await seed_route(env, 7701, consultation_steps=0)
    await anna.click("📎 Засчитать в маршрут", message=held)
    assert "нет открытого шага «Консультация»" in anna.last_message.text
    await anna.click("➕ Добавить шаг «Консультация» и засчитать")
    assert "добавлен шаг «Консультация с методистом Методистова Нина Сергеевна»" in anna.last_message.text
    steps = await evidence_of(env, route_id)
    assert [s.form for s, _e in steps] == [StepForm.COURSE, StepForm.CONSULTATION]
    assert steps[1][0].status == "done" and len(steps[1][1]) == 1


async def test_with_several_consultation_steps_the_teacher_picks_one(env: BotEnv) -> None:
    methodist = await methodist_user(env)
    await publish_slot(methodist)
    anna = env.user(7801)
    await register(anna, name="Аннина Анна Андреевна")
    route_id = await seed_route(env, 7801, consultation_steps=2)
    await held_consultation(env, anna, methodist)
    await anna.click("📎 Засчитать в маршрут", message=got(anna, "Засчитать её в ваш маршрут?")[0])
    assert "Какой из них засчитать" in anna.last_message.text
    await anna.click("Шаг 3: consultation")
    steps = await evidence_of(env, route_id)
    assert [s.status for s, _e in steps] == ["planned", "planned", "done"]


async def test_publishing_for_four_weeks_skips_what_overlaps(env: BotEnv) -> None:
    methodist = await methodist_user(env)
    await publish_slot(methodist, day="09.12", at="15:15")
    await publish_slot(methodist, weeks="🔁 Опубликовать на 4 недели подряд")
    text = methodist.last_message.text
    assert "Новых окон для записи: 3" in text and "Пропущено" in text and "09.12 15:00" in text
    starts = [s.starts_at for s in await slots(env)]
    assert starts[1:] == [SLOT_AT, SLOT_AT + timedelta(weeks=1), SLOT_AT + timedelta(weeks=3)]


# --- the domain rules -----------------------------------------------------------------------------------


def test_reading_days_and_times() -> None:
    assert parse_day("25.11", MOSCOW, NOW) == date(2026, 11, 25)
    assert parse_day("01.02", MOSCOW, NOW) == date(2027, 2, 1)  # passed this year: the next
    assert parse_day("23.11.26", MOSCOW, NOW) == date(2026, 11, 23)  # today is allowed
    for text, problem in (
        ("завтра", SlotProblem.FORMAT),
        ("31.02.2027", SlotProblem.DATE),
        ("22.11.2026", SlotProblem.PAST),
        ("23.11.2027", SlotProblem.FAR),
    ):
        try:
            parse_day(text, MOSCOW, NOW)
        except SlotInputError as exc:
            assert exc.problem is problem, text
        else:
            raise AssertionError(text)
    assert parse_time("9.30").hour == 9
    for bad in ("24:00", "15", "15:7"):
        try:
            parse_time(bad)
        except SlotInputError:
            continue
        raise AssertionError(bad)
    starts = moment(date(2026, 11, 23), parse_time("11:59"), MOSCOW)
    try:
        check_future(starts, NOW)
    except SlotInputError as exc:
        assert exc.problem is SlotProblem.PAST
    else:
        raise AssertionError("a past time was taken")
    assert moment(date(2026, 11, 23), parse_time("15:00"), "Asia/Yekaterinburg").hour == 10


def test_links_and_places() -> None:
    assert read_link(" https://meet.example.org/x ") == "https://meet.example.org/x"
    for bad, problem in (
        ("meet.example.org", SlotProblem.NOT_URL),
        ("https://", SlotProblem.NOT_URL),
        ("https://a.b/" + "x" * 600, SlotProblem.LONG),
    ):
        try:
            read_link(bad)
        except SlotInputError as exc:
            assert exc.problem is problem, bad
        else:
            raise AssertionError(bad)
    assert read_place("  ул. Ленина, 5,   каб. 12 ") == "ул. Ленина, 5, каб. 12"
    try:
        read_place("ул. Ленина\nкаб. 12")
    except SlotInputError as exc:
        assert exc.problem is SlotProblem.LINES
    else:
        raise AssertionError("a place with a line break was taken")


def test_who_may_book_whose_slots() -> None:
    anna = Teacher(1, municipality_id=10, subjects=frozenset({"math"}), methodist_id=None)
    regional_maths = Methodist(2, scope=None, subjects=frozenset({"math"}))
    local_history = Methodist(3, scope=10, subjects=frozenset({"history"}))
    other_maths = Methodist(4, scope=11, subjects=frozenset({"math"}))
    assert may_book(anna, regional_maths)
    assert not may_book(anna, local_history)  # no common subject, not her methodist
    assert not may_book(anna, other_maths)  # another municipality
    assert not may_book(Teacher(2, 10, frozenset({"math"}), None), regional_maths)  # oneself
    assigned = Teacher(1, 10, frozenset({"math"}), methodist_id=3)
    assert may_book(assigned, local_history)
    assert not may_book(Teacher(1, 10, frozenset(), methodist_id=4), other_maths)  # scope moved away
    assert bookable_order(assigned, [regional_maths, local_history, other_maths]) == [3, 2]


def test_repeating_keeps_the_wall_clock() -> None:
    first = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    times = repeated(first, 4, "Europe/Berlin")  # no DST change in December: same UTC hour
    assert [t - first for t in times] == [timedelta(weeks=n) for n in range(4)]
    spring = repeated(datetime(2027, 3, 24, 12, 0, tzinfo=UTC), 2, "Europe/Berlin")  # 13:00 CET → CEST
    assert spring[1] == datetime(2027, 3, 31, 11, 0, tzinfo=UTC)
