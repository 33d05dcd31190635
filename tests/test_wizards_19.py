"""Back and cancel on every step of every wizard (issue 19): journeys by button text.

The event wizard is walked forward to its last step, back to the first and forward again with every
answer kept; it is cancelled from every step. The survey launch, a route step, a mentoring meeting
and an invite go back and are cancelled too. A stale «⬅️ Назад» after a cancel gets a note.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.domain.diagnostics import StepForm
from bot.services import mentoring as mentoring_service
from storage.models import Event, Invite, MentorApplication, MentorMeeting, SurveyCampaign
from tests.conftest import ADMIN_ID, BotEnv
from tests.fakes import TgUser
from tests.flows import (
    create_seminar,
    current_route,
    diagnosed_teacher,
    invited,
    last_answer,
    open_section,
    register,
    settle,
    staff_user,
)

BACK, CANCEL, KEEP, MENU = "⬅️ Назад", "✖️ Отмена", "↩️ Оставить как есть", "🏠 В меню"
TITLE = "Формирующее оценивание на уроках математики"
ABOUT = "Практический семинар для учителей математики: приёмы, примеры, разбор уроков."
LINK = "https://webinar.example.org/room-15"
STALE = "Эта кнопка из уже закрытого шага"


def has_nav(user: TgUser) -> None:
    """The screen the person is on has «⬅️ Назад» and «✖️ Отмена»."""
    buttons = user.buttons(user._newest_with_inline_keyboard())
    assert BACK in buttons and CANCEL in buttons, buttons


async def open_wizard(staff: TgUser) -> None:
    await open_section(staff, "📣 Анонсы и объявления")
    await staff.click("➕ Новое мероприятие")


# The event wizard's steps, each: what the prompt says, and how to answer it going forward.
async def _kind(staff: TgUser) -> None:
    await staff.click("🎓 Семинар")


async def _level(staff: TgUser) -> None:
    await staff.click("региональный уровень")


async def _title(staff: TgUser) -> None:
    await staff.send(TITLE)


async def _description(staff: TgUser) -> None:
    await staff.send(ABOUT)


async def _start(staff: TgUser) -> None:
    await staff.send("30.11.2026 15:00")


async def _length(staff: TgUser) -> None:
    await staff.click("2 ч")


async def _place(staff: TgUser) -> None:
    await staff.send(LINK)


async def _deadline(staff: TgUser) -> None:
    await staff.click("За сутки до начала")


async def _capacity(staff: TgUser) -> None:
    await staff.send("2")


async def _media(staff: TgUser) -> None:
    await staff.click("Пропустить")


STEPS = [
    ("Что это будет?", _kind),
    ("Какого уровня?", _level),
    ("Напишите название", _title),
    ("Коротко опишите", _description),
    ("Когда начало?", _start),
    ("Сколько длится?", _length),
    ("Где? Адрес или ссылка", _place),
    ("До какого момента можно записаться", _deadline),
    ("Сколько мест?", _capacity),
    ("картинку-афишу или файл", _media),
]


async def test_the_event_wizard_goes_back_to_the_first_step_and_forward_again_with_every_answer_kept(
    env: BotEnv,
) -> None:
    staff = await staff_user(env)
    await open_wizard(staff)
    # Forward: every step has back and cancel (the three button steps and the picker too).
    for prompt, answer in STEPS:
        assert prompt in staff.last_message.text, staff.last_message.text
        has_nav(staff)
        await answer(staff)
    assert "Кому отправить" in staff.last_message.text
    has_nav(staff)

    # Back, step by step, to the first: each step shows its earlier answer.
    kept = [
        ("картинку-афишу или файл", "Сейчас: не указано"),
        ("Сколько мест?", "Сейчас: 2"),
        ("До какого момента можно записаться", "Сейчас: 29.11.2026 15:00"),
        ("Где? Адрес или ссылка", f"Сейчас: {LINK}"),
        ("Сколько длится?", "Сейчас: 30.11.2026 17:00"),
        ("Когда начало?", "Сейчас: 30.11.2026 15:00"),
        ("Коротко опишите", "Сейчас: Практический семинар"),
        ("Напишите название", f"Сейчас: {TITLE}"),
    ]
    for prompt, answer_now in kept:
        await staff.click(BACK)
        text = staff.last_message.text
        assert prompt in text and answer_now in text, text
        assert KEEP in staff.buttons()
    await staff.click(BACK)
    assert "Какого уровня?" in staff.last_message.text
    assert "✅ региональный уровень" in staff.buttons()
    await staff.click(BACK)
    assert "Что это будет?" in staff.last_message.text
    assert "✅ 🎓 Семинар" in staff.buttons()

    # Forward again: the earlier answers kept, one changed (the start: the end and deadline move).
    await staff.click("✅ 🎓 Семинар")
    await staff.click("✅ региональный уровень")
    await staff.click(KEEP)  # the title
    await staff.click(KEEP)  # the description
    await staff.send("01.12.2026 15:00")
    assert "✅ 2 ч" in staff.buttons() and "Сейчас: 01.12.2026 17:00" in staff.last_message.text
    await staff.click(KEEP)  # the length
    await staff.click(KEEP)  # the place
    assert "✅ За сутки до начала" in staff.buttons()
    await staff.click(KEEP)  # the deadline
    assert "✅ 🎓 Семинар" not in staff.buttons()
    await staff.click(KEEP)  # the seats
    await staff.click(KEEP)  # no picture
    assert "Кому отправить" in staff.last_message.text
    await staff.click("👁 Посмотреть, как увидят педагоги")
    preview = staff.last_message.text
    assert TITLE in preview and "Практический семинар" in preview and LINK in preview
    assert "01.12.2026 15:00" in preview and "до 01.12.2026 17:00" in preview
    assert "Запись до 30.11.2026 15:00" in preview and "Мест: 2" in preview
    has_nav(staff)
    await staff.click(BACK)
    assert "Кому отправить" in staff.last_message.text
    async with env.repos() as repos:
        drafts = (await repos.session.execute(select(Event))).scalars().all()
    assert len(drafts) == 1  # going back never made a second draft


async def test_the_event_wizard_says_what_a_step_takes_and_clears_an_earlier_answer(env: BotEnv) -> None:
    staff = await staff_user(env)
    await open_wizard(staff)
    await staff.send("Семинар")  # typed where a button is expected
    assert "Выберите вариант кнопкой" in staff.last_message.text
    await _kind(staff)
    await _level(staff)
    await staff.send_sticker()  # a sticker where the title is expected
    assert "нужно написать текстом" in staff.last_message.text
    for _prompt, answer in STEPS[2:]:
        await answer(staff)
    for _ in range(7):  # from the picker back to the description
        await staff.click(BACK)
    assert "Коротко опишите" in staff.last_message.text
    await staff.click("🧹 Убрать")
    for _ in range(6):  # start, length, place, deadline, seats, picture: as they are
        await staff.click(KEEP)
    await staff.click("👁 Посмотреть, как увидят педагоги")
    assert "Практический семинар" not in staff.last_message.text
    assert TITLE in staff.last_message.text


async def test_the_event_wizard_is_cancelled_from_every_step(env: BotEnv) -> None:
    staff = await staff_user(env)
    for reached in range(len(STEPS) + 2):
        await open_wizard(staff)
        for _prompt, answer in STEPS[:reached]:
            await answer(staff)
        if reached == len(STEPS) + 1:
            await staff.click("👁 Посмотреть, как увидят педагоги")
        await staff.click(CANCEL)
        text = staff.last_message.text
        buttons = staff.buttons()
        assert MENU in buttons and "📣 К мероприятиям" in buttons, (reached, buttons)
        if reached < 3:
            assert "мероприятие не создаём" in text, text
        else:
            assert "Черновик «Формирующее оценивание" in text and "сохранён" in text, text
            await staff.click("🗑 Удалить черновик")
            assert "Черновик удалён" in last_answer(env)
        # Typing now goes nowhere near the wizard.
        await staff.send("30.11.2026 15:00")
        assert "Черновик" not in staff.last_message.text
    async with env.repos() as repos:
        assert (await repos.session.execute(select(Event))).scalars().all() == []


async def test_a_stale_back_after_cancel_gets_a_note_and_changes_nothing(env: BotEnv) -> None:
    staff = await staff_user(env)
    await open_wizard(staff)
    for _prompt, answer in STEPS[:4]:
        await answer(staff)
    title_prompt = next(m for m in staff.messages if "Напишите название" in (m.text or ""))
    await staff.click(CANCEL)
    count = len(staff.messages)
    await staff.click(BACK, message=title_prompt)
    assert STALE in last_answer(env)
    await staff.click(CANCEL, message=title_prompt)
    assert STALE in last_answer(env)
    assert len(staff.messages) == count and "Напишите название" in title_prompt.text
    # A double tap on «Отмена»: the second one is told, the screen stays.
    await open_wizard(staff)
    await _kind(staff)
    data = str(staff.button(CANCEL)["callback_data"])
    screen = staff.last_message
    await staff.click_data(data, message=screen)
    assert "мероприятие не создаём" in screen.text
    await staff.click_data(data, message=screen)
    assert STALE in last_answer(env)


# --- the survey launch ---------------------------------------------------------------------------------

NEEDS, WELLBEING = "Профессиональные потребности и запросы", "Как вы себя чувствуете?"


async def open_surveys(staff: TgUser) -> None:
    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("➕ Новый опрос")


async def test_the_survey_launch_goes_back_with_answers_kept_and_is_cancelled(env: BotEnv) -> None:
    staff = await staff_user(env)
    await open_surveys(staff)
    assert "Выберите шаблон опроса" in staff.last_message.text
    has_nav(staff)
    await staff.click(NEEDS)
    assert "Кому отправить" in staff.last_message.text
    has_nav(staff)
    await staff.click("📚 Предметы")
    # The choices: «✅ Готово» is the way back (each tap is kept at once), «Отмена» ends.
    assert {"✅ Готово", CANCEL} <= set(staff.buttons())
    await staff.click("✅ Готово")
    await staff.click("Дальше ➡️")
    assert "Когда отправить опрос" in staff.last_message.text
    has_nav(staff)
    await staff.click("📅 Один раз, в другой день…")
    has_nav(staff)  # the typed date
    await staff.click(BACK)
    assert "Когда отправить опрос" in staff.last_message.text
    await staff.click("📅 Один раз, в другой день…")
    date_prompt = staff.last_message
    await staff.send("15.12 10:00")
    assert "Сколько дней" in staff.last_message.text
    has_nav(staff)
    await staff.click("14 дней")
    assert "Проверьте опрос" in staff.last_message.text and "15.12.2026 10:00" in staff.last_message.text
    has_nav(staff)

    # Back to the first step: every answer kept.
    await staff.click(BACK)
    assert "Сколько дней" in staff.last_message.text and "✅ 14 дней" in staff.buttons()
    await staff.click(BACK)
    assert "Сейчас: ⏰ Один раз: 15.12.2026 10:00" in staff.last_message.text
    assert KEEP in staff.buttons()
    await staff.click(BACK)
    assert "Кому отправить" in staff.last_message.text
    await staff.click(BACK)
    assert "Выберите шаблон опроса" in staff.last_message.text
    assert f"✅ {NEEDS}" in staff.buttons() and KEEP in staff.buttons()
    # Forward again with another template: the schedule stays.
    await staff.click(WELLBEING)
    await staff.click("Дальше ➡️")
    await staff.click(KEEP)
    await staff.click("✅ 14 дней")
    text = staff.last_message.text
    assert f"Проверьте опрос «{WELLBEING}" in text and "15.12.2026 10:00" in text
    async with env.repos() as repos:
        # Going back never made a second draft.
        assert len((await repos.session.execute(select(SurveyCampaign))).scalars().all()) == 1

    # Cancel on the last look: the draft stays in the list, and can go at once.
    await staff.click(CANCEL)
    text = staff.last_message.text
    assert f"Черновик опроса «{WELLBEING}" in text and "сохранён" in text
    assert {"🗑 Удалить черновик", "⬅️ К опросам", MENU} <= set(staff.buttons())
    # A stale «Назад» of the wizard, after the cancel: a note, nothing changes.
    count = len(staff.messages)
    await staff.click(BACK, message=date_prompt)
    assert STALE in last_answer(env) and len(staff.messages) == count
    await staff.click("🗑 Удалить черновик")
    assert "Черновик удалён" in last_answer(env)


async def test_the_survey_launch_is_cancelled_from_every_step(env: BotEnv) -> None:
    staff = await staff_user(env)
    walks = [
        [],
        [NEEDS],
        [NEEDS, "Дальше ➡️"],
        [NEEDS, "Дальше ➡️", "📅 Один раз, в другой день…"],
        [NEEDS, "Дальше ➡️", "🚀 Сейчас, один раз"],
        [NEEDS, "Дальше ➡️", "🚀 Сейчас, один раз", "7 дней"],
    ]
    for walk in walks:
        await open_surveys(staff)
        for label in walk:
            await staff.click(label)
        await staff.click(CANCEL)
        text = staff.last_message.text
        assert MENU in staff.buttons() and "⬅️ К опросам" in staff.buttons()
        if walk:
            assert "Черновик опроса «Профессиональные потребности и запросы» сохранён" in text, text
            await staff.click("🗑 Удалить черновик")
        else:
            assert "опрос не создаём" in text, text
        # After the cancel a typed date is not taken for the wizard.
        await staff.send("15.12 10:00")
        assert "Сколько дней" not in staff.last_message.text


# --- a step of one's own route ---------------------------------------------------------------------------

OWN_STEP = "Стажировка в гимназии № 1 по цифровым инструментам"


async def test_adding_a_route_step_goes_back_with_answers_kept_and_is_cancelled_from_every_step(
    env: BotEnv,
) -> None:
    teacher = await diagnosed_teacher(env, 2301, "Цифрова Ольга Павловна")
    await teacher.click("Построить ИОМ")
    steps_before = len((await current_route(env, 2301)).steps)
    await teacher.click("➕ Добавить свой шаг")
    has_nav(teacher)
    await teacher.click("Стажировка")
    has_nav(teacher)
    await teacher.send(OWN_STEP)
    has_nav(teacher)
    await teacher.click("Цифровые компетенции")
    has_nav(teacher)
    await teacher.click("В течение месяца")
    assert "описание или ссылку" in teacher.last_message.text
    has_nav(teacher)
    # Back to the form: every answer kept.
    await teacher.click(BACK)
    assert "✅ В течение месяца" in teacher.buttons()
    await teacher.click(BACK)
    assert "✅ Цифровые компетенции" in teacher.buttons()
    await teacher.click(BACK)
    assert f"Сейчас: {OWN_STEP}" in teacher.last_message.text and KEEP in teacher.buttons()
    await teacher.click(BACK)
    assert "✅ Стажировка" in teacher.buttons()
    # Forward again: another form, the rest kept.
    await teacher.click("Консультация")
    await teacher.click(KEEP)
    await teacher.click("✅ Цифровые компетенции")
    await teacher.click("✅ В течение месяца")
    await teacher.send("https://example.org/internship")
    assert "Шаг добавлен" in teacher.last_message.text
    own = (await current_route(env, 2301)).steps[-1]
    assert own.title == OWN_STEP and own.form is StepForm.CONSULTATION and own.area == "digital"

    # Cancel from every step: nothing is added.
    typed_title = ["Стажировка", "=", "Цифровые компетенции"]
    for walk in ([], ["Стажировка"], ["Стажировка", "="], typed_title, [*typed_title, "В течение месяца"]):
        await teacher.click("➕ Добавить свой шаг")
        for label in walk:
            await (teacher.send("Ещё один шаг") if label == "=" else teacher.click(label))
        await teacher.click(CANCEL)
        assert "шаг не добавляю" in teacher.last_message.text
        assert {"⬅️ К маршруту", MENU} <= set(teacher.buttons())
        # A stale «Назад» of an earlier prompt, after the cancel: a note, nothing changes.
        older = [m for m in teacher.messages[:-1] if BACK in m.button_texts]
        if "=" in walk:
            count = len(teacher.messages)
            await teacher.click(BACK, message=older[-1])
            assert STALE in last_answer(env) and len(teacher.messages) == count
        await teacher.click("⬅️ К маршруту")
    await teacher.send("Ещё один шаг")  # typed after a cancel: not taken for a step
    assert len((await current_route(env, 2301)).steps) == steps_before + 1


# --- a mentor's meeting ----------------------------------------------------------------------------------


async def a_pair(env: BotEnv) -> TgUser:
    """A mentor with a confirmed pair (matched by the service, confirmed by staff); the mentor."""
    staff = await invited(env, 3501, "сотрудник методической службы", "Сотрудникова Елена")
    mentor = await invited(env, 3502, "наставник", "Наставникова Галина")
    young = env.user(3503)
    await register(young, name="Молодова Анна")
    async with env.repos() as repos:
        run = await mentoring_service.run_matching(repos, None, env.clock().year)
        await repos.commit()
    assert len(run.proposals) == 1
    await open_section(staff, "🔗 Пары и подбор наставников")
    await staff.click("💡 Предложенные пары (1)")
    await staff.click("✅ Подтвердить все (1)")
    await settle(env)
    return mentor


async def test_logging_a_meeting_goes_back_with_answers_kept_and_is_cancelled(env: BotEnv) -> None:
    mentor = await a_pair(env)
    await mentor.click("📝 Записать встречу")
    has_nav(mentor)
    await mentor.click("Посещение урока")
    has_nav(mentor)
    await mentor.send("Дисциплина на уроке в 7 классе")
    has_nav(mentor)
    await mentor.click("45 мин")
    assert "Всё верно?" in mentor.last_message.text
    has_nav(mentor)
    await mentor.click("✍️ Заметка или фото")
    has_nav(mentor)  # the typed note
    await mentor.click(BACK)
    await mentor.click("📅 Другая дата")
    has_nav(mentor)
    await mentor.click(BACK)
    assert "Всё верно?" in mentor.last_message.text
    # Back to the first question: every answer kept.
    await mentor.click(BACK)
    assert "✅ 45 мин" in mentor.buttons()
    await mentor.click(BACK)
    assert "Сейчас: Дисциплина на уроке в 7 классе" in mentor.last_message.text
    assert KEEP in mentor.buttons()
    await mentor.click(BACK)
    assert "✅ Посещение урока" in mentor.buttons()
    # Forward again: another format, the rest kept.
    await mentor.click("Консультация")
    await mentor.click(KEEP)
    await mentor.click("✅ 45 мин")
    summary = mentor.last_message.text
    assert "Консультация" in summary and "Дисциплина на уроке в 7 классе" in summary and "45 мин" in summary
    await mentor.click("✅ Сохранить")
    assert "Встреча записана" in mentor.last_message.text

    # Cancel from every question: nothing is recorded.
    for walk in ([], ["Анализ урока"], ["Анализ урока", "="], ["Анализ урока", "=", "30 мин"]):
        await mentor.click("📝 Записать встречу")
        for label in walk:
            await (mentor.send("Разбор открытого урока") if label == "=" else mentor.click(label))
        await mentor.click(CANCEL)
        assert "встречу не записываю" in mentor.last_message.text
        assert {"⬅️ К паре", MENU} <= set(mentor.buttons())
        if "=" in walk:  # a stale «Назад» of the topic's question, after the cancel
            older = [m for m in mentor.messages[:-1] if BACK in m.button_texts]
            await mentor.click(BACK, message=older[-1])
            assert STALE in last_answer(env)
        await mentor.click("⬅️ К паре")
    async with env.repos() as repos:
        meetings = (await repos.session.execute(select(MentorMeeting))).scalars().all()
    assert [(m.format, m.topic, m.minutes) for m in meetings] == [
        ("consultation", "Дисциплина на уроке в 7 классе", 45)
    ]

    # A meeting's topic typed anew: back to the meeting, or cancel — the topic stays.
    await mentor.click("📜 Журнал встреч")
    await mentor.click("Дисциплина на уроке в 7 классе")
    await mentor.click("✏️ Изменить тему")
    assert "Сейчас: Дисциплина на уроке в 7 классе" in mentor.last_message.text
    has_nav(mentor)
    await mentor.click(BACK)
    assert "✏️ Изменить тему" in mentor.buttons()
    await mentor.click("✏️ Изменить тему")
    await mentor.click(CANCEL)
    assert "ничего не меняю" in mentor.last_message.text and "⬅️ К встрече" in mentor.buttons()
    await mentor.send("Новая тема")  # typed after the cancel: not a topic
    cancelled = mentor.messages[-2]
    await mentor.click("⬅️ К встрече", message=cancelled)
    assert "Дисциплина на уроке в 7 классе" in cancelled.text

    # The mentor card's «о себе»: it had no button at all; now back and cancel.
    await open_section(mentor, "👥 Мои молодые специалисты")
    await mentor.click("⚙️ Моя карточка наставника")
    await mentor.click("✏️ О себе")
    has_nav(mentor)
    await mentor.click(CANCEL)
    assert "ничего не меняю" in mentor.last_message.text
    await mentor.click("⚙️ К карточке наставника")
    await mentor.click("👥 Сколько наставляемых")
    has_nav(mentor)
    await mentor.click(BACK)
    assert "Карточка наставника" in mentor.last_message.text


async def test_applying_to_mentor_goes_back_with_the_number_kept_and_is_cancelled(env: BotEnv) -> None:
    teacher = env.user(3601)
    await register(teacher, name="Опытная Ольга", experience="20", birth_year="1975")
    await open_section(teacher, "🤝 Наставничество")
    await teacher.click("🙋 Стать наставником")
    has_nav(teacher)
    await teacher.click("3")
    has_nav(teacher)
    assert "Пропустить" in teacher.buttons()
    await teacher.click(BACK)
    assert "✅ 3" in teacher.buttons()
    number = teacher.last_message
    await teacher.send("20 лет в школе")  # back at the number: typing is not the few words
    assert "Заявка" not in teacher.last_message.text
    await teacher.click("✅ 3", message=number)
    assert "Пропустить" in number.button_texts
    await teacher.click(CANCEL, message=number)
    assert "заявку не отправляю" in number.text
    assert {"🤝 К наставничеству", MENU} <= set(number.button_texts)
    await teacher.send("20 лет в школе")
    async with env.repos() as repos:
        assert (await repos.session.execute(select(MentorApplication))).scalars().all() == []


# --- an invite -------------------------------------------------------------------------------------------


async def test_creating_an_invite_goes_back_with_choices_ticked_and_is_cancelled_from_every_step(
    env: BotEnv,
) -> None:
    admin = env.user(ADMIN_ID, first_name="Админ")
    await admin.send("/roles")
    await admin.click("➕ Создать приглашение")
    has_nav(admin)
    await admin.click("методист")
    has_nav(admin)
    await admin.click("🌐 Весь регион")
    has_nav(admin)
    await admin.click("5 человек")
    has_nav(admin)
    await admin.click(BACK)
    assert "Сколько человек" in admin.last_message.text and "✅ 5 человек" in admin.buttons()
    await admin.click(BACK)
    assert "✅ 🌐 Весь регион" in admin.buttons()
    await admin.click(BACK)
    assert "Какую роль" in admin.last_message.text and "✅ методист" in admin.buttons()
    await admin.click(BACK)
    assert "Роли и приглашения" in admin.last_message.text
    # A role with no scope to choose: back from the number of people is the role again.
    await admin.click("➕ Создать приглашение")
    await admin.click("наставник")
    assert "Сколько человек" in admin.last_message.text
    await admin.click(BACK)
    assert "✅ наставник" in admin.buttons()
    await admin.click("✅ наставник")
    await admin.click("1 человек")
    await admin.click("7 дней")
    assert "t.me/metodist_test_bot?start=i-" in admin.last_message.text

    # Cancel from every step: no invite is made; a double tap on «Отмена» is told, nothing breaks.
    for walk in (
        [],
        ["методист"],
        ["методист", "🌐 Весь регион"],
        ["методист", "🌐 Весь регион", "1 человек"],
    ):
        await admin.send("/roles")
        await admin.click("➕ Создать приглашение")
        for label in walk:
            await admin.click(label)
        data = str(admin.button(CANCEL)["callback_data"])
        screen = admin.last_message
        await admin.click(CANCEL)
        assert "приглашение не создаю" in admin.last_message.text
        assert {"⬅️ К ролям и приглашениям", MENU} <= set(admin.buttons())
        await admin.click_data(data, message=screen)
        assert "ничего не изменилось" in last_answer(env)
    async with env.repos() as repos:
        assert len((await repos.session.execute(select(Invite))).scalars().all()) == 1


async def test_the_publishing_time_and_an_edit_of_a_published_event_have_back_and_cancel(env: BotEnv) -> None:
    staff = await staff_user(env)
    await create_seminar(staff)
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🕒 Запланировать")
    assert "Когда опубликовать" in staff.last_message.text
    has_nav(staff)
    await staff.click(BACK)
    assert "Так сообщение увидят педагоги" in staff.last_message.text
    await staff.click("🕒 Запланировать")
    await staff.click(CANCEL)
    assert "сохранён" in staff.last_message.text
    await staff.click("📣 К мероприятиям")
    await staff.send("20.12.2026 10:00")  # typed after the cancel: not a publishing time
    async with env.repos() as repos:
        (event,) = (await repos.session.execute(select(Event))).scalars().all()
        assert event.status == "draft" and event.publish_at is None

    # The draft opened from the list: its preview is in the wizard again, then it is published.
    await open_section(staff, "📣 Анонсы и объявления")
    await staff.click("Формирующее оценивание")
    await staff.click("👁 Посмотреть, как увидят педагоги")
    has_nav(staff)
    await staff.click("🚀 Опубликовать сейчас")
    await settle(env)
    await open_section(staff, "📣 Анонсы и объявления")
    await staff.click("Формирующее оценивание")
    await staff.click("✏️ Изменить")
    await staff.click("Название")
    has_nav(staff)
    await staff.click(BACK)
    assert "Что изменить?" in staff.last_message.text
    await staff.click("Название")
    await staff.click(CANCEL)
    assert "ничего не меняю" in staff.last_message.text and "⬅️ К мероприятию" in staff.buttons()
    await staff.send("Совсем другое название")  # typed after the cancel: not a new title
    async with env.repos() as repos:
        (event,) = (await repos.session.execute(select(Event))).scalars().all()
        assert event.title == TITLE and event.status == "published"
