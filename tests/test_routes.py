"""The individual educational route (ИОМ) end to end through the fake Bot API: from the diagnosis
to a route carried out, with the methodist's review, evidence, the document and reminders."""

from __future__ import annotations

import io
from datetime import date, timedelta

import docx
from sqlalchemy import select, update

import bot.jobs
from bot.callbacks import ReviewAction, ReviewCD, RouteAction, RouteCD
from bot.domain.diagnostics import Level, StepForm
from bot.domain.outbox import OutboxStatus
from bot.domain.routes import RouteStatus, StepSource
from bot.services import routes as route_service
from bot.ui.keyboard import shorten
from storage.models import Municipality, OutboxMessage, Route, RouteStep
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import (
    answer_items,
    create_invite,
    current_route,
    diagnosed_teacher,
    last_answer,
    open_general,
    open_section,
    register,
    settle,
)


async def methodist_user(env: BotEnv, tg_id: int, name: str) -> TgUser:
    payload = await create_invite(env, "методист")
    methodist = env.user(tg_id)
    await register(methodist, start=f"/start {payload}", name=name, experience="15", birth_year="1978")
    return methodist


async def test_route_from_diagnosis_to_carried_out(env_all: BotEnv) -> None:
    env = env_all
    methodist = await methodist_user(env, 2201, "Петрова Нина Сергеевна")
    teacher = await diagnosed_teacher(env, 2202, "Смирнова Ольга Игоревна")

    route = await proposed_and_edited(env, teacher)
    await returned_then_approved(env, teacher, methodist, route)
    titles = await carried_out(env, teacher, methodist)
    await documented_and_rediagnosed(env, teacher, titles)


async def proposed_and_edited(env: BotEnv, teacher: TgUser) -> Route:
    """The proposal from the deficits, then one step removed and one of the teacher's own added."""
    # Proposal from the deficits: the high one (digital) first, then the medium one.
    await teacher.click("Построить ИОМ")
    text = teacher.last_message.text
    assert "Подобрано 4 шага" in text and "черновик" in text
    assert text.index("Цифровые компетенции") < text.index("Коммуникативные компетенции")
    route = await current_route(env, 2202)
    assert [s.area for s in route.steps] == ["digital", "digital", "communicative", "communicative"]
    assert all(s.status == "planned" and s.source == "catalogue" for s in route.steps)
    assert route.period_start == date(2026, 11, 23) and route.period_end == date(2027, 5, 31)

    # Edit: remove the second communicative step, add one of my own.
    await teacher.click("4. ▫️ " + shorten(route.steps[3].title, 40))
    await teacher.click("🗑 Удалить шаг")
    await teacher.click("🗑 Да, удалить шаг")
    assert "Шаг удалён" in last_answer(env)
    await teacher.click("➕ Добавить свой шаг")
    await teacher.click("Стажировка")
    await teacher.send("Стажировка в гимназии № 1 по цифровым инструментам")
    await teacher.click("Цифровые компетенции")
    await teacher.click("В течение месяца")
    await teacher.send("https://example.org/internship")
    assert "Шаг добавлен" in teacher.last_message.text
    route = await current_route(env, 2202)
    own = route.steps[-1]
    assert len(route.steps) == 4 and own.source is StepSource.OWN and own.form is StepForm.INTERNSHIP
    assert own.link == "https://example.org/internship" and own.area == "digital"
    assert own.planned_end == date(2026, 12, 23)
    return route


async def returned_then_approved(env: BotEnv, teacher: TgUser, methodist: TgUser, route: Route) -> None:
    """Sent with a goal, returned with a comment on a step, fixed, sent again and approved."""
    # Sending without a goal asks for it first.
    await teacher.click("Отправить методисту")
    assert "запишите цель" in teacher.last_message.text
    await teacher.send("Да")
    assert "Слишком коротко" in teacher.last_message.text
    await teacher.send("Научиться проектировать уроки с цифровыми ресурсами ФГИС «Моя школа»")
    assert "Цель записана" in teacher.last_message.text
    await teacher.click("Отправить методисту")
    assert "Маршрут отправлен методисту: Петрова Нина Сергеевна" in teacher.last_message.text
    assert "на согласовании" in teacher.last_message.text

    # The methodist was chosen by municipality and gets a notice with the route.
    await settle(env)
    assert "Маршрут (ИОМ) на согласование от педагога: Смирнова Ольга Игоревна" in methodist.last_message.text
    await methodist.click("Открыть маршрут")
    review = methodist.last_message.text
    assert "Смирнова Ольга Игоревна" in review and "Научиться проектировать" in review
    # Steps come in date order: the teacher's own internship (this month) before the first course.
    first = route.steps[0]
    await methodist.click("2. ▫️ " + shorten(first.title, 40))
    await methodist.click("💬 Комментарий к шагу")
    await methodist.send("Возьмите очный курс в ЦНППМ, он ближе к вашей практике.")
    assert "Комментарий сохранён" in methodist.last_message.text
    await methodist.click("↩️ Вернуть на доработку")
    await methodist.click("Вернуть без общего комментария")
    assert "возвращён педагогу" in methodist.last_message.text

    # The teacher is told, sees the comment and fixes the route.
    await settle(env)
    assert "Ваш маршрут вернулся с комментариями" in teacher.last_message.text
    await teacher.click("🧭 Мой маршрут")
    text = teacher.last_message.text
    assert "возвращён на доработку" in text and "💬 Возьмите очный курс" in text
    await teacher.click("2. ▫️ " + shorten(first.title, 40))
    assert "Комментарий методиста: Возьмите очный курс" in teacher.last_message.text
    await teacher.click("🗑 Удалить шаг")
    await teacher.click("🗑 Да, удалить шаг")
    await teacher.click("➕ Добавить свой шаг")
    await teacher.click("Курсы (КПК)")
    await teacher.send("Очные курсы ЦНППМ «Цифровая дидактика»")
    await teacher.click("Цифровые компетенции")
    await teacher.click("До конца маршрута")
    await teacher.click("Пропустить")
    await teacher.click("Отправить снова")
    assert "Маршрут отправлен" in teacher.last_message.text
    await settle(env)
    assert "Исправленный маршрут от педагога" in methodist.last_message.text

    # Approval.
    await methodist.click("Открыть маршрут")
    await methodist.click("✅ Утвердить маршрут")
    assert "Маршрут утверждён" in methodist.last_message.text
    await settle(env)
    assert "Ваш маршрут утверждён" in teacher.last_message.text


async def carried_out(env: BotEnv, teacher: TgUser, methodist: TgUser) -> list[str]:
    """Steps done with a photo, a document and a link, one dropped; the methodist sees the files."""
    # Carrying it out: a photo, a document, a link, and one step dropped with a reason.
    route = await current_route(env, 2202)
    assert route.status == "approved" and len(route.steps) == 4
    ordered = route_service.ordered_steps(route)
    titles = [s.title for s in ordered]
    await teacher.click("🧭 Мой маршрут")
    assert "0%" in teacher.last_message.text
    await teacher.click("1. ▫️ " + shorten(titles[0], 40))
    await teacher.click("▶️ Начать")
    assert "в работе" in teacher.last_message.text
    await teacher.click("✅ Выполнено")
    await teacher.send_sticker()
    assert "Такое не подойдёт" in teacher.last_message.text
    await teacher.send_photo(caption="Сертификат участника")
    assert "шаг выполнен" in teacher.last_message.text and "• Фото" in teacher.last_message.text
    await teacher.click("⬅️ К маршруту")
    await teacher.click("2. ▫️ " + shorten(titles[1], 40))
    await teacher.click("✅ Выполнено")
    await teacher.send_document("udostoverenie.pdf", b"%PDF-1.4 certificate", "application/pdf")
    assert "Документ: udostoverenie.pdf" in teacher.last_message.text
    await teacher.click("⬅️ К маршруту")
    await teacher.click("3. ▫️ " + shorten(titles[2], 40))
    await teacher.click("✖️ Не буду выполнять")
    await teacher.click("Уже не актуально")
    assert "шаг остаётся в маршруте с причиной" in teacher.last_message.text
    await teacher.click("⬅️ К маршруту")
    assert "67%" in teacher.last_message.text and "выполнено 2 из 3" in teacher.last_message.text
    await teacher.click("4. ▫️ " + shorten(titles[3], 40))
    await teacher.click("✅ Выполнено")
    await teacher.send("https://cnppm.example.org/reports/123")
    texts = [m.text or "" for m in teacher.last_messages(2)]
    assert "Ссылка: https://cnppm.example.org/reports/123" in texts[0]
    assert "маршрут выполнен" in texts[1] and "Пройдите диагностику снова" in texts[1]
    await settle(env)
    assert ": маршрут выполнен" in methodist.last_message.text

    route = await current_route(env, 2202)
    assert route.status == "carried_out" and route.completed_at is not None
    ordered = route_service.ordered_steps(route)
    statuses = [s.status for s in ordered]
    assert statuses == ["done", "done", "dropped", "done"]
    assert ordered[2].drop_reason == "Уже не актуально"
    assert [e.kind for e in ordered[0].evidence] == ["photo"]
    assert ordered[1].evidence[0].file_name == "udostoverenie.pdf"
    assert ordered[1].evidence[0].file_id

    # The methodist can see the evidence files (resent by file_id).
    await methodist.click("Открыть маршрут")
    await methodist.click("2. ✅ " + shorten(titles[1], 40))
    await methodist.click("📂 Показать файлы")
    assert methodist.last_message.document == b"%PDF-1.4 certificate"
    return titles


async def documented_and_rediagnosed(env: BotEnv, teacher: TgUser, titles: list[str]) -> None:
    """The route's document for the school's files; a new diagnosis half a year on proposes a new draft."""
    # The document for the school's files.
    await teacher.click("📄 Скачать документ")
    sent = teacher.last_message
    assert sent.file_name is not None and sent.file_name.endswith(".docx")
    document = docx.Document(io.BytesIO(sent.document))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Индивидуальный образовательный маршрут" in body
    assert "Смирнова Ольга Игоревна" in cells and "Научиться проектировать" in body
    assert "Петрова Нина Сергеевна" in body  # approved by
    for title in titles:
        assert title in cells
    assert "udostoverenie.pdf" in cells and "не будет выполнен" in cells

    # The re-diagnosis: «Делаю уверенно» on every item, 12 of 18 points (67 %) in each area, is no
    # deficit anywhere, and the new draft is short: one step to share experience.
    env.clock.advance(days=190)
    await open_general(teacher)
    await teacher.click("Начать")
    await answer_items(teacher, lambda n: 2)
    texts = [m.text or "" for m in teacher.last_messages(3)]
    results, recommendations = texts[0], texts[2]
    assert results.count("— 67% · низкий дефицит") == 6
    assert "Выраженных дефицитов нет" in recommendations and "Что поможет" not in recommendations
    # The areas tie at 67 %: the first by id shares its experience, here and in the route.
    assert "Коммуникативные компетенции (низкий дефицит)" in recommendations
    await teacher.click("🧭 Построить ИОМ")
    assert "Выраженных дефицитов нет, поэтому предложен один шаг" in teacher.last_message.text
    draft = await current_route(env, 2202)
    assert draft.status == RouteStatus.DRAFT  # the carried-out one stays in the history
    assert [(s.area, s.level, s.source) for s in draft.steps] == [("communicative", Level.LOW, "catalogue")]


async def test_route_survives_a_crash_in_the_middle_of_a_step(env: BotEnv) -> None:
    teacher = await diagnosed_teacher(env, 2210, "Кузнецова Анна")
    await teacher.click("Построить ИОМ")
    await teacher.click("🎯 Цель маршрута")
    await teacher.click("Взять предложенную")
    goal = "Снизить профессиональные дефициты по направлениям: цифровые компетенции, коммуникативные"
    assert goal in teacher.last_message.text
    await teacher.click("Отправить методисту")
    assert "ждёт методиста" in teacher.last_message.text  # nobody to assign yet
    route = await current_route(env, 2210)
    await teacher.click("1. ▫️ " + shorten(route.steps[0].title, 40))
    await teacher.click("✅ Выполнено")
    await env.restart(crash=True)
    # The bot remembers it was waiting for the evidence.
    await teacher.send("Прошла курс, получила удостоверение о повышении квалификации")
    assert "шаг выполнен" in teacher.last_message.text
    route = await current_route(env, 2210)
    assert route.steps[0].status == "done" and route.steps[0].evidence[0].kind == "text"


async def test_nobody_else_can_open_or_change_a_route(env_all: BotEnv) -> None:
    env = env_all
    owner = await diagnosed_teacher(env, 2220, "Владелец Маршрута")
    await owner.click("Построить ИОМ")
    route = await current_route(env, 2220)
    step = route.steps[0]

    stranger = env.user(2221)
    await register(stranger, name="Чужой Педагог")
    for data in (
        RouteCD(action=RouteAction.VIEW, r=route.id),
        RouteCD(action=RouteAction.STEP, r=route.id, s=step.id),
        RouteCD(action=RouteAction.REMOVE, r=route.id, s=step.id),
        RouteCD(action=RouteAction.DONE, r=route.id, s=step.id),
        RouteCD(action=RouteAction.EXPORT, r=route.id),
    ):
        await stranger.click_data(data.pack())
        assert "не ваш маршрут" in last_answer(env)
    # A teacher is no methodist: the review buttons are refused by role.
    await stranger.click_data(ReviewCD(action=ReviewAction.ROUTE, r=route.id).pack())
    assert "только сотрудникам с нужной ролью" in last_answer(env)

    # A methodist who is not this teacher's cannot open it either, even after it is sent.
    await owner.click("🎯 Цель маршрута")
    await owner.click("Взять предложенную")
    mine = await methodist_user(env, 2222, "Свой Методист")
    await owner.click("Отправить методисту")
    assert "Свой Методист" in owner.last_message.text
    other = await methodist_user(env, 2223, "Чужой Методист")
    await other.click_data(ReviewCD(action=ReviewAction.ROUTE, r=route.id).pack())
    assert "закреплён за другим методистом" in last_answer(env)
    await other.click_data(ReviewCD(action=ReviewAction.APPROVE, r=route.id).pack())
    assert "закреплён за другим методистом" in last_answer(env)
    route = await current_route(env, 2220)
    assert route.status == "submitted" and all(s.status == "planned" for s in route.steps)
    # A double tap on approval approves once and then says the button is old.
    await settle(env)  # the notice with «Открыть маршрут» goes through the outbox
    await mine.click("Открыть маршрут")
    approve_screen = mine.last_message
    await mine.click("✅ Утвердить маршрут")
    await mine.click_data(ReviewCD(action=ReviewAction.APPROVE, r=route.id).pack(), message=approve_screen)
    assert "устарела" in last_answer(env)
    assert (await current_route(env, 2220)).status == "approved"


async def _approved_route_due_in(env: BotEnv, tg_id: int, days: int, timezone: str) -> Route:
    """A teacher whose approved route has one step ending `days` after today; the municipality's zone."""
    teacher = await diagnosed_teacher(env, tg_id, "Дальневосточная Ирина")
    await teacher.click("Построить ИОМ")
    route = await current_route(env, tg_id)
    today = env.clock().date()
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None and user.municipality_id is not None
        await repos.session.execute(
            update(Municipality).where(Municipality.id == user.municipality_id).values(timezone=timezone)
        )
        await repos.session.execute(
            update(Route).where(Route.id == route.id).values(status="approved", goal="Цель")
        )
        await repos.session.execute(
            update(RouteStep)
            .where(RouteStep.route_id == route.id)
            .values(planned_end=today + timedelta(days=60))
        )
        await repos.session.execute(
            update(RouteStep)
            .where(RouteStep.id == route.steps[0].id)
            .values(planned_end=today + timedelta(days=days))
        )
        await repos.commit()
    return await current_route(env, tg_id)


async def test_a_step_reminder_fires_once_at_local_daytime(env: BotEnv) -> None:
    # 12:00 UTC is 22:00 in Vladivostok: night there.
    env.clock.now = env.clock.now.replace(hour=12)
    route = await _approved_route_due_in(env, 2230, days=2, timezone="Asia/Vladivostok")
    teacher = env.user(2230)
    before = len(teacher.messages)
    assert await bot.jobs.route_reminders() == 0
    env.clock.advance(hours=6)  # 04:00 local
    assert await bot.jobs.route_reminders() == 0
    assert len(teacher.messages) == before

    env.clock.advance(hours=5)  # 09:00 local: morning
    assert await bot.jobs.route_reminders() == 1
    await settle(env)
    reminder = teacher.last_message
    assert "Напоминание о маршруте" in reminder.text and route.steps[0].title[:30] in reminder.text
    assert "срок до" in reminder.text
    # Once: the next sweeps, a restart, and a sweep after the restart send nothing more.
    assert await bot.jobs.route_reminders() == 0
    env.clock.advance(minutes=30)
    assert await bot.jobs.route_reminders() == 0
    await env.restart(crash=True)
    assert await bot.jobs.route_reminders() == 0
    await settle(env)
    assert len(teacher.messages) == before + 1
    await teacher.click("Мой маршрут")
    assert "Мой маршрут" in teacher.last_message.text

    # A week later the step is overdue: one more reminder (a week since the last one), then none.
    env.clock.advance(days=6, hours=23)
    assert await bot.jobs.route_reminders() == 0  # not a week yet
    env.clock.advance(hours=1)
    assert await bot.jobs.route_reminders() == 1
    await settle(env)
    assert "срок прошёл" in teacher.last_message.text
    env.clock.advance(days=8)
    assert await bot.jobs.route_reminders() == 0
    async with env.repos() as repos:
        kinds = [(r.kind, r.sent_at is not None) for r in await repos.routes.reminders(route.id)]
    assert kinds == [("near", True), ("overdue", True)]


async def test_a_reminder_claimed_before_a_crash_is_sent_after_it(env: BotEnv) -> None:
    route = await _approved_route_due_in(env, 2240, days=1, timezone="Europe/Moscow")
    teacher = env.user(2240)
    before = len(teacher.messages)
    assert env.app is not None
    # The sweep claimed the reminder, then the process died before sending it.
    async with env.repos() as repos:
        nudges = await route_service.claim_reminders(repos, env.clock(), "Europe/Moscow")
        await repos.commit()
    assert [n.route_id for n in nudges] == [route.id]
    await env.restart(crash=True)
    assert await bot.jobs.route_reminders() == 0  # a fresh claim: maybe still being sent
    env.clock.advance(minutes=11)
    assert await bot.jobs.route_reminders() == 1
    assert await bot.jobs.route_reminders() == 0
    await settle(env)
    assert len(teacher.messages) == before + 1


async def test_a_blocked_teacher_is_not_retried(env: BotEnv) -> None:
    route = await _approved_route_due_in(env, 2250, days=1, timezone="Europe/Moscow")
    env.fake.block_user(2250)
    # Queued for the outbox, which meets the block: the message is given up on, never retried.
    assert await bot.jobs.route_reminders() == 1
    await settle(env)
    env.clock.advance(days=8)
    assert await bot.jobs.route_reminders() == 0
    async with env.repos() as repos:
        reminders = await repos.routes.reminders(route.id)
        given_up = await repos.session.scalars(
            select(OutboxMessage.status).where(OutboxMessage.chat_id == 2250)
        )
        assert list(given_up) == [OutboxStatus.BLOCKED]
    assert len(reminders) == 1
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(2250)
        assert user is not None and user.unreachable_at is not None
    # Writing to the bot again means they unblocked it: reminders may go to them again.
    env.fake.unblock_user(2250)
    await env.user(2250).send("/menu")
    env.clock.advance(days=8)
    assert await bot.jobs.route_reminders() == 1


async def test_staff_assign_teachers_to_methodists(env: BotEnv) -> None:
    from tests.conftest import ADMIN_ID

    methodist = await methodist_user(env, 2260, "Методистова Алла")
    teacher = env.user(2261)
    await register(teacher, name="Учителева Дарья")
    second = env.user(2262)
    await register(second, name="Второва Галина")
    admin = env.user(ADMIN_ID)
    await open_section(admin, "🗂 Закрепление за методистами")
    text = admin.last_message.text
    assert "Методистова Алла" in text and "педагогов: 0" in text and "без методиста: 2" in text
    await admin.click("➕ Закрепить педагога за методистом")
    await admin.send("учителева")
    await admin.click("Учителева Дарья")
    await admin.click("Методистова Алла · 0")
    assert "Учителева Дарья — теперь с методистом Методистова Алла" in admin.last_message.text
    await settle(env)
    assert "закреплён педагог: Учителева Дарья" in methodist.last_message.text
    await admin.click("Распределить автоматически (1)")
    assert "Готово: 1 педагог закреплён" in admin.last_message.text
    assert "педагогов: 2" in admin.last_message.text

    await open_section(methodist, "🧑‍🏫 Мои педагоги")
    assert "Мои педагоги</b> (2)" in methodist.last_message.html or "(2)" in methodist.last_message.text
    await methodist.click("Учителева Дарья")
    assert "Маршрута пока нет" in methodist.last_message.text
    # A teacher cannot use staff screens.
    await teacher.send("/menu")
    assert "🗂 Закрепление за методистами" not in teacher.buttons()


async def test_wrong_input_in_the_route_dialogues_gets_a_clear_answer(env: BotEnv) -> None:
    teacher = await diagnosed_teacher(env, 2270, "Пробова Ирина")
    await teacher.click("Построить ИОМ")
    await teacher.click("🎯 Цель маршрута")
    await teacher.send_sticker()
    assert "нужно написать текстом" in teacher.last_message.text
    await teacher.send("я" * 301)
    assert "300 знаков" in teacher.last_message.text
    await teacher.send("/cancel")
    assert "Мой маршрут (ИОМ)" in " ".join(teacher.buttons())

    await teacher.click("Мой маршрут")
    await teacher.click("➕ Добавить свой шаг")
    await teacher.click("Тренинг")
    await teacher.send("ок")
    assert "Слишком коротко" in teacher.last_message.text
    await teacher.send("Тренинг «Эмоциональное выгорание: как себе помочь»")
    await teacher.send("Коммуникативные")  # typed where a button is expected
    assert "Выберите вариант кнопкой" in teacher.last_message.text
    await teacher.click("Другое / без области")
    await teacher.click("В течение трёх месяцев")
    await teacher.send("x" * 801)
    assert "800 знаков" in teacher.last_message.text
    await teacher.send("Очно, в субботу")
    route = await current_route(env, 2270)
    assert route.steps[-1].title.startswith("Тренинг «Эмоциональное") and route.steps[-1].area is None
    assert route.steps[-1].description == "Очно, в субботу"
    # An old button of the finished wizard does nothing to the route.
    await teacher.click_data(RouteCD(action=RouteAction.TERM, r=route.id, v="1").pack())
    assert len((await current_route(env, 2270)).steps) == len(route.steps)


async def test_deleting_my_data_deletes_my_route_and_evidence(env: BotEnv) -> None:
    methodist = await methodist_user(env, 2280, "Методист Удалений")
    teacher = await diagnosed_teacher(env, 2281, "Удаляемая Вера")
    await teacher.click("Построить ИОМ")
    await teacher.click("🎯 Цель маршрута")
    await teacher.click("Взять предложенную")
    await teacher.click("Отправить методисту")
    route = await current_route(env, 2281)
    await teacher.click("1. ▫️ " + shorten(route.steps[0].title, 40))
    await teacher.click("✅ Выполнено")
    await teacher.send_photo()
    await teacher.send("/profile")
    await teacher.click("🗑 Удалить мои данные")
    await teacher.click("Да, удалить всё")
    async with env.repos() as repos:
        assert await repos.routes.by_id(route.id) is None
        assert await repos.users.by_tg_id(2281) is None
        methodist_row = await repos.users.by_tg_id(2280)
        assert methodist_row is not None
        assert await repos.assignments.teachers_of(methodist_row.id) == []
    await open_section(methodist, "🧑‍🏫 Мои педагоги")
    assert "ни один педагог" in methodist.last_message.text
