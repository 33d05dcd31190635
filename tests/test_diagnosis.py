"""Self-diagnosis end to end through the fake Bot API."""

from __future__ import annotations

import io
import re

import openpyxl

from bot.callbacks import DiagAction, DiagCD
from bot.domain.diagnostics import ContentKind
from tests.conftest import ADMIN_ID, BotEnv
from tests.fakes import TgUser
from tests.flows import (
    BROKEN_QUESTIONNAIRE,
    GOOD_QUESTIONNAIRE,
    answer_items,
    create_invite,
    open_general,
    open_section,
    register,
)


async def test_general_questionnaire_with_restart_halfway(env_all: BotEnv) -> None:
    env = env_all
    user = env.user(1101, first_name="Мария")
    await register(user)
    await open_general(user)
    assert "Это не экзамен" in user.last_messages(1)[0].text or "≈10 мин" in user.last_message.text
    await user.click("Начать")
    assert "Утверждение 1 из 36" in user.last_message.text
    questionnaire_message = user.last_message

    # Communicative and digital (items 25–36) «Не делаю»; the rest «Делаю уверенно»: no deficit.
    def weak_digital(number: int) -> int:
        return 0 if number > 24 else 2

    assert await answer_items(user, weak_digital, stop_after=18) == 18
    assert "Утверждение 19 из 36" in user.last_message.text
    assert user.last_message.message_id == questionnaire_message.message_id  # one message, edited
    await user.click("Продолжить позже")
    assert "18 из 36" in user.last_message.text

    await env.restart(crash=True)
    await open_general(user)
    assert "Утверждение 19 из 36" in user.last_message.text
    await answer_items(user, weak_digital)

    texts = [m.text or "" for m in user.last_messages(3)]
    results, recommendations = texts[0], texts[2]
    assert "Результаты: Общая диагностика" in results
    assert "Цифровые компетенции — 0% · высокий дефицит" in results
    assert "Коммуникативные компетенции — 0% · высокий дефицит" in results
    # «Делаю уверенно» on every item: 12 of 18 points, 67 % — confident practice, no deficit.
    assert "Предметные компетенции — 67% · низкий дефицит" in results
    assert "средний дефицит" not in results
    # The legend takes the thresholds from the questionnaire (40 and 60).
    assert "Ниже 40% — высокий дефицит, ниже 60% — средний, от 60% — низкий." in results
    photo = user.last_messages(2)[0]
    assert photo.photo is not None and photo.photo.startswith(b"\x89PNG")
    assert "Что поможет" in recommendations and "Цифровые компетенции" in recommendations
    assert "🧭 Построить ИОМ" in user.buttons()
    await user.click("Построить ИОМ")
    route = user.last_message.text
    assert "Мой маршрут" in route and "черновик" in route and "Цифровые компетенции" in route

    async with env.repos() as repos:
        stored = await repos.users.by_tg_id(1101)
        assert stored is not None
        attempts = await repos.diagnosis.finished(stored.id, "general")
        assert len(attempts) == 1
        answers = await repos.diagnosis.answers(attempts[0].id)
        assert len(answers) == 36 and answers["digital-6"] == 0 and answers["subject-1"] == 2


async def test_second_attempt_shows_the_change(env: BotEnv) -> None:
    user = env.user(1102)
    await register(user)
    await open_general(user)
    await user.click("Начать")
    await answer_items(user, lambda n: 0)
    assert "высокий дефицит" in user.last_messages(3)[0].text
    env.clock.advance(days=200)
    await open_general(user)
    assert "Пора пройти диагностику снова" in user.last_message.text or "Начать" in " ".join(user.buttons())
    await user.click("Начать")
    await answer_items(user, lambda n: 3 if n <= 6 else 1)
    results = user.last_messages(3)[0].text
    assert "Что изменилось с прошлого раза" in results
    assert (
        "Предметные компетенции: дефицит снизился — был «высокий дефицит», стал «низкий дефицит»" in results
    )
    await user.click("История")
    assert user.last_message.text.count("🔴") >= 6


async def test_back_changes_the_previous_answer_and_stale_taps_change_nothing(env: BotEnv) -> None:
    user = env.user(1103)
    await register(user)
    await open_general(user)
    await user.click("Начать")
    first = user.last_message
    await user.click("Не делаю")
    assert "Утверждение 2 из 36" in user.last_message.text
    # A double tap on the first item's button arrives late: nothing changes, the current item stays.
    stale = DiagCD(action=DiagAction.ANS, a=1, i=0, v=3).pack()
    await user.click_data(stale, message=first)
    assert "уже позади" in env.fake.requests_for("answerCallbackQuery")[-1].params.get("text", "")
    assert "Утверждение 2 из 36" in user.last_message.text
    await user.click("Назад")
    assert "Утверждение 1 из 36" in user.last_message.text
    assert "✓ Не делаю" in user.buttons()
    await user.click("Помогаю коллегам")
    async with env.repos() as repos:
        stored = await repos.users.by_tg_id(1103)
        assert stored is not None
        attempt = await repos.diagnosis.open_attempt(stored.id, "general")
        assert attempt is not None
        assert (await repos.diagnosis.answers(attempt.id))["subject-1"] == 3


async def test_a_teacher_cannot_see_or_touch_another_teachers_diagnosis(env_all: BotEnv) -> None:
    env = env_all
    owner = env.user(1104)
    await register(owner)
    await open_general(owner)
    await owner.click("Начать")
    await answer_items(owner, lambda n: 1)
    async with env.repos() as repos:
        stored = await repos.users.by_tg_id(1104)
        assert stored is not None
        attempt_id = (await repos.diagnosis.finished(stored.id))[0].id

    intruder = env.user(1105)
    await register(intruder, name="Чужой Иван")
    before = len(intruder.messages)
    await intruder.click_data(DiagCD(action=DiagAction.RESULT, a=attempt_id).pack())
    assert "не ваша" in env.fake.requests_for("answerCallbackQuery")[-1].params.get("text", "")
    await intruder.click_data(DiagCD(action=DiagAction.ANS, a=attempt_id, i=0, v=3).pack())
    assert "не ваша" in env.fake.requests_for("answerCallbackQuery")[-1].params.get("text", "")
    assert len(intruder.messages) == before
    assert not [m for m in intruder.messages if m.photo]


async def _staff(env: BotEnv) -> TgUser:

    payload = await create_invite(env, "сотрудник методической службы")
    staff = env.user(1190, first_name="Светлана")
    await register(
        staff, start=f"/start {payload}", name="Белова Светлана", experience="20", birth_year="1975"
    )
    return staff


async def test_staff_upload_is_validated_previewed_and_activated(env: BotEnv) -> None:
    teacher = env.user(1106)
    await register(teacher)
    await open_general(teacher)
    await teacher.click("Начать")
    await answer_items(teacher, lambda n: 2)
    staff = await _staff(env)

    await staff.send_document("general.yaml", BROKEN_QUESTIONNAIRE.encode(), "application/x-yaml")
    refused = staff.last_message.text
    assert "Файл не принят" in refused and "digital-2" in refused and "text" in refused
    async with env.repos() as repos:
        assert (await repos.content.active_one(ContentKind.QUESTIONNAIRE, "general")).version == 2

    await staff.send_document("general.yaml", b"id: [unclosed", "application/x-yaml")
    assert "not valid YAML" in staff.last_message.text

    await staff.send_document("general.yaml", GOOD_QUESTIONNAIRE.encode(), "application/x-yaml")
    assert "версия 3 — 1 область, 2 утверждения" in staff.last_message.text
    await staff.click("Включить")
    assert "версия 3 действует" in staff.last_message.text
    async with env.repos() as repos:
        active = await repos.content.active_one(ContentKind.QUESTIONNAIRE, "general")
        assert active is not None and active.version == 3
        stored = await repos.users.by_tg_id(1106)
        assert stored is not None
        old = (await repos.diagnosis.finished(stored.id))[0]
        assert old.content_version_id != active.id  # old results keep their version
    await open_section(teacher, "📊 Моя диагностика")
    await teacher.click("Мой результат")
    assert "Предметные компетенции" in teacher.last_messages(3)[0].text

    # A teacher sending the same file is refused politely.
    await teacher.send_document("general.yaml", GOOD_QUESTIONNAIRE.encode(), "application/x-yaml")
    assert "только сотрудникам" in teacher.last_message.text


async def test_staff_sees_aggregates_and_gets_a_results_file(env: BotEnv) -> None:
    for number, value in ((1107, 0), (1108, 3)):
        teacher = env.user(number)
        await register(teacher, name=f"Учитель Номер{number - 1100}" if False else "Иванова Мария")
        await open_general(teacher)
        await teacher.click("Начать")

        def always(_number: int, value: int = value) -> int:
            return value

        await answer_items(teacher, always)
    staff = await _staff(env)
    await open_section(staff, "🎯 Профессиональные дефициты")
    await staff.click("Общая диагностика профессиональных компетенций")
    await staff.click("весь регион")
    text = staff.last_messages(2)[0].text
    assert "Прошли диагностику: 2 из 3" in text
    assert "Цифровые компетенции: 🔴 1 · 🟡 0 · 🟢 1" in text
    assert staff.last_message.photo is not None
    await staff.click("Выгрузить в Excel")
    document = staff.last_message
    assert document.file_name == "diagnosis-general.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(document.document))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "ФИО" and len(rows) == 3
    assert rows[1][0] == "Иванова Мария"


async def test_methodist_sees_only_teachers_who_share(env: BotEnv) -> None:

    teacher = env.user(1109)
    await register(teacher, name="Открытая Анна")
    await open_general(teacher)
    await teacher.click("Начать")
    await answer_items(teacher, lambda n: 1)
    payload = await create_invite(env, "методист")
    methodist = env.user(1110)
    await register(
        methodist, start=f"/start {payload}", name="Методист Нина", experience="12", birth_year="1980"
    )
    await open_section(methodist, "🧑‍🏫 Мои педагоги")
    assert "Открыли мне результаты" not in " ".join(methodist.buttons())
    await teacher.click("Показывать результаты методисту")
    await open_section(methodist, "🧑‍🏫 Мои педагоги")
    await methodist.click("Открыли мне результаты диагностики (1)")
    await methodist.click("Открытая Анна")
    assert "Открытая Анна" in methodist.last_messages(2)[0].text
    assert methodist.last_message.photo is not None
    # A teacher cannot open the methodist's screen.
    await teacher.send("/menu")
    assert "🧑‍🏫 Мои педагоги" not in teacher.buttons()
    _ = ADMIN_ID


def test_recommendation_hours_are_not_repeated() -> None:
    from bot.domain.diagnostics import AreaResult, Level, Recommendation, StepForm
    from bot.i18n import I18n
    from bot.services.diagnosis import Outcome
    from bot.ui.diagnosis import recommendations_screen

    rec_titled = Recommendation(
        form=StepForm.COURSE,
        title="КПК «Формирующее оценивание» (36 ч)",
        description="Курс о том, как оценивать.",
        hours=36,
    )
    rec_plain = Recommendation(
        form=StepForm.TRAINING,
        title="Тренинг по обратной связи",
        description="Практика на группе коллег.",
        hours=6,
    )
    result = AreaResult("methodological", "Методические компетенции", 30.0, Level.HIGH, 6, 6)

    class Attempt:
        id = 1

    class Q:
        id = "general"

    outcome = Outcome(Attempt(), Q(), [result], None, None, [(result, (rec_titled, rec_plain))])
    text, _markup = recommendations_screen(outcome, False, I18n("ru").get("ru"))
    assert text.count("36 ч") == 1
    assert "Тренинг по обратной связи (6 ч)" in text


async def test_municipal_methodist_sees_only_their_municipality(env: BotEnv) -> None:
    for number, name, town in ((1111, "Галичская Ольга", "г. Галич"), (1112, "Буйская Вера", "г. Буй")):
        teacher = env.user(number)
        await register(teacher, name=name, municipality=town, school="СОШ № 2")
        await open_general(teacher)
        await teacher.click("Начать")
        await answer_items(teacher, lambda n: 2)
        await teacher.click("Показывать результаты методисту")
    admin = env.user(ADMIN_ID)
    await admin.send("/invite")
    await admin.click("методист")
    await admin.click("г. Галич")
    await admin.click("1 человек")
    await admin.click("7 дней")
    payload = re.search(r"start=(i-[\w-]+)", admin.last_message.text).group(1)
    methodist = env.user(1113)
    await register(
        methodist, start=f"/start {payload}", name="Методист Галич", experience="12", birth_year="1980"
    )
    await open_section(methodist, "🧑‍🏫 Мои педагоги")
    await methodist.click("Открыли мне результаты диагностики (1)")
    assert "Галичская Ольга" in methodist.buttons() and "Буйская Вера" not in methodist.buttons()
    async with env.repos() as repos:
        other = await repos.users.by_tg_id(1112)
        assert other is not None
        other_id = other.id
    from bot.callbacks import MethodistCD

    await methodist.click_data(MethodistCD(action="open", user_id=other_id).pack())
    assert "вам не открыты" in env.fake.requests_for("answerCallbackQuery")[-1].params.get("text", "")


async def test_municipal_staff_sees_only_their_municipality(env: BotEnv) -> None:
    from bot.callbacks import StatCD

    teacher = env.user(1120)
    await register(teacher, municipality="г. Буй", school="СОШ № 2")
    await open_general(teacher)
    await teacher.click("Начать")
    await answer_items(teacher, lambda n: 1)
    admin = env.user(ADMIN_ID)
    await admin.send("/invite")
    await admin.click("сотрудник методической службы")
    await admin.click("г. Галич")
    await admin.click("1 человек")
    await admin.click("7 дней")
    payload = re.search(r"start=(i-[\w-]+)", admin.last_message.text).group(1)
    staff = env.user(1121)
    await register(
        staff, start=f"/start {payload}", name="Галичская Служба", municipality="г. Галич", school="СОШ № 2"
    )
    await open_section(staff, "🎯 Профессиональные дефициты")
    await staff.click("Общая диагностика профессиональных компетенций")
    assert "г. Галич" in staff.last_messages(2)[0].text  # no choice of scope: their municipality
    assert "Прошли диагностику: 0 из 1" in staff.last_messages(2)[0].text
    async with env.repos() as repos:
        buy = next(m for m in (await repos.directory.municipalities())[0] if m.name == "г. Буй")
    documents = len([m for m in staff.messages if m.document])
    await staff.click_data(StatCD(action="xlsx", q="general", m=buy.id).pack())
    assert "вне вашего муниципалитета" in env.fake.requests_for("answerCallbackQuery")[-1].params.get(
        "text", ""
    )
    await staff.click_data(StatCD(action="xlsx", q="general").pack())  # the whole region: refused too
    assert len([m for m in staff.messages if m.document]) == documents


async def test_diagnosis_needs_a_profile(env: BotEnv) -> None:
    stranger = env.user(1130)
    await stranger.send("/start")  # consent screen only, no profile
    await stranger.click_data(DiagCD(action=DiagAction.BEGIN, q="general").pack())
    assert "📝 Зарегистрироваться" in stranger.buttons()
    async with env.repos() as repos:
        assert await repos.users.by_tg_id(1130) is None
