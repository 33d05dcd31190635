"""«Вопрос методисту» end to end through the fake Bot API: ask → routed → the methodist answers →
the teacher follows up → answered again → closed → rated → published to the FAQ → another teacher
finds it by a word in another form before asking. Then bad input, a restart mid-ask, a double tap."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.domain.consult import QuestionStatus, Side
from storage.models import ConsultFaq, ConsultMessage, ConsultQuestion, User
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import create_invite, got, last_answer, open_section, register, settle

QUESTION = "Как подготовить портфолио к аттестации на первую категорию? Что туда обязательно положить?"
ANSWER = "Начните с аналитической справки за пять лет: результаты учеников, открытые уроки, курсы."


async def methodist_user(env: BotEnv, tg_id: int, name: str) -> TgUser:
    payload = await create_invite(env, "методист")
    methodist = env.user(tg_id, username="nina_secret_login")
    await register(methodist, start=f"/start {payload}", name=name, experience="15", birth_year="1978")
    return methodist


async def teacher_user(env: BotEnv, tg_id: int, name: str) -> TgUser:
    teacher = env.user(tg_id)
    await register(teacher, name=name, subjects=("Математика", "Физика"))
    return teacher


async def user_id(env: BotEnv, tg_id: int) -> int:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        return user.id


async def questions_of(env: BotEnv, tg_id: int) -> list[ConsultQuestion]:
    teacher = await user_id(env, tg_id)
    async with env.repos() as repos:
        rows = await repos.session.scalars(
            select(ConsultQuestion).where(ConsultQuestion.teacher_id == teacher).order_by(ConsultQuestion.id)
        )
        return list(rows)


async def ask(teacher: TgUser, topic: str, text: str) -> None:
    await open_section(teacher, "❓ Спросить методиста")
    await teacher.click("✍️ Задать вопрос")
    await teacher.click(topic)
    await teacher.send(text)


async def test_ask_answer_follow_up_close_rate_publish_and_found_before_asking(env_all: BotEnv) -> None:
    env = env_all
    methodist = await methodist_user(env, 2301, "Петрова Нина Сергеевна")
    teacher = await teacher_user(env, 2302, "Смирнова Ольга Игоревна")

    # Asking: a topic, the subject by default, the question; no FAQ yet, so it goes at once.
    await open_section(teacher, "❓ Спросить методиста")
    assert "Вопрос методисту" in teacher.last_message.text
    await teacher.click("✍️ Задать вопрос")
    await teacher.click("Аттестация")
    assert "Математика" in teacher.last_message.text
    await teacher.send(QUESTION)
    sent = teacher.last_message.text
    assert "Вопрос отправлен" in sent and "Петрова Нина Сергеевна" in sent
    assert "25.11 18:00" in sent  # Monday 12:00 in Kostroma (Moscow time) → Wednesday, end of day

    [question] = await questions_of(env, 2302)
    assert question.methodist_id == await user_id(env, 2301)
    assert question.subject == "math" and question.topic == "attestation"
    assert question.waiting_on == Side.METHODIST and question.status == QuestionStatus.OPEN
    assert question.due_at == datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    assert question.first_answer_at is None

    # The methodist is told through the outbox, with the question and a way to answer.
    await settle(env)
    notice = got(methodist, "Новый вопрос")
    assert notice and "Смирнова Ольга Игоревна" in notice[-1].text and "портфолио" in notice[-1].text

    # The queue: the question, its topic, subject, age and deadline; open, answer.
    env.clock.advance(hours=3)
    await open_section(methodist, "📥 Входящие вопросы")
    queue = methodist.last_message.text
    assert "Аттестация · Математика" in queue and "3 часа" in queue and "25.11 18:00" in queue
    await methodist.click("Аттестация")
    assert QUESTION[:40] in methodist.last_message.text
    await methodist.click("✍️ Ответить")
    await methodist.send(ANSWER)
    assert "Отправлено" in methodist.last_message.text

    [question] = await questions_of(env, 2302)
    assert question.first_answer_at == env.clock() and question.waiting_on == Side.TEACHER

    # The teacher gets the answer through the bot: the methodist's name, no contact.
    await settle(env)
    answer = got(teacher, "Ответ методиста")
    assert answer and ANSWER in answer[-1].text and "Петрова Нина Сергеевна" in answer[-1].text
    assert "nina_secret_login" not in answer[-1].text and "2301" not in answer[-1].text

    # A follow-up with a photo, by the button under the answer.
    env.clock.advance(hours=1)
    await teacher.click("✍️ Написать", message=answer[-1])
    await teacher.send_photo(caption="Вот мой план, посмотрите, пожалуйста")
    [question] = await questions_of(env, 2302)
    assert question.waiting_on == Side.METHODIST and question.first_answer_at != env.clock()
    await settle(env)
    follow_up = got(methodist, "Сообщение педагога")
    assert follow_up and "Фото" in follow_up[-1].text and "Вот мой план" in follow_up[-1].text

    # The methodist opens it, takes the photo, answers with a document.
    await methodist.click("📂 Открыть вопрос", message=follow_up[-1])
    await methodist.click("📎 Файлы (1)")
    assert methodist.last_message.photo is not None
    await methodist.click("✍️ Ответить")
    await methodist.send_document("образец.docx", b"PK docx", caption="Образец аналитической справки")
    await settle(env)
    second = got(teacher, "Образец аналитической справки")
    assert second and "Документ" in second[-1].text

    # The teacher closes it, rates it and allows the FAQ.
    await teacher.click("📂 Открыть вопрос", message=second[-1])
    await teacher.click("📎 Файлы")
    assert teacher.last_message.document == b"PK docx"
    await teacher.click("✅ Вопрос решён")
    await teacher.click("⭐⭐⭐⭐⭐")
    assert "опубликовать" in teacher.last_message.text
    await teacher.click("✅ Да, можно")
    [question] = await questions_of(env, 2302)
    assert question.status == QuestionStatus.CLOSED and question.closed_by == Side.TEACHER
    assert question.closed_at == env.clock() and question.rating == 5 and question.faq_consent is True
    async with env.repos() as repos:
        kinds = list(
            await repos.session.scalars(
                select(ConsultMessage.kind)
                .where(ConsultMessage.question_id == question.id)
                .order_by(ConsultMessage.id)
            )
        )
    assert kinds == ["text", "text", "photo", "document"]
    await settle(env)
    assert got(methodist, "отмечен решённым")

    # The methodist publishes it: the question rewritten, the answer kept.
    await open_section(methodist, "📥 Входящие вопросы")
    assert "можно опубликовать" in methodist.last_message.text
    await methodist.click("Аттестация")
    await methodist.click("📖 Опубликовать в частых вопросах")
    await methodist.send("Как собрать портфолио для аттестации на первую категорию?")
    await methodist.click("✅ Оставить так")
    assert "опубликован" in methodist.last_message.text
    async with env.repos() as repos:
        [entry] = list(await repos.session.scalars(select(ConsultFaq)))
    assert entry.question_id == question.id and "Смирнова" not in entry.question + entry.answer
    assert ANSWER in entry.answer

    # Another teacher asks with other forms of the words: the answer is shown before sending.
    other = await teacher_user(env, 2303, "Кузнецова Анна Павловна")
    await ask(other, "Аттестация", "Помогите с аттестацией: какое портфолио собирать?")
    assert "Может быть, ответ уже есть" in other.last_message.text
    assert "Как собрать портфолио" in other.last_message.text
    assert await questions_of(env, 2303) == []
    send_screen = other.last_message
    send_data = str(other.button("📨 Всё равно спросить")["callback_data"])
    await other.click("📨 Всё равно спросить")
    assert "Вопрос отправлен" in other.last_message.text
    # A double tap on the same button (the tap that came in after the first): one question.
    await other.click_data(send_data, message=send_screen)
    assert len(await questions_of(env, 2303)) == 1

    # And searching the FAQ by a word in yet another form.
    await open_section(other, "❓ Спросить методиста")
    await other.click("📖 Частые вопросы")
    await other.click("🔎 Найти по словам")
    await other.send("портфолио аттестаций")
    assert any("Как собрать портфолио" in b for b in other.buttons())
    await other.send("аттестации математика")  # no entry has both: the one sharing a word
    assert any("Как собрать портфолио" in b for b in other.buttons())
    await other.click("Как собрать портфолио")
    assert ANSWER in other.last_message.text
    await other.send("расписание вебинаров")
    assert "ничего не нашлось" in other.last_message.text


async def test_bad_input_stale_buttons_and_a_restart_mid_ask(env: BotEnv) -> None:
    methodist = await methodist_user(env, 2311, "Петрова Нина Сергеевна")
    teacher = await teacher_user(env, 2312, "Смирнова Ольга Игоревна")
    await open_section(teacher, "❓ Спросить методиста")
    await teacher.click("✍️ Задать вопрос")
    await teacher.click("Рабочая программа")
    # Another of one's subjects, by button.
    await teacher.click("📚 Другой предмет")
    await teacher.click("Физика")
    assert "Физика" in teacher.last_message.text

    await teacher.send_sticker()
    assert "не смогу" in teacher.last_message.text
    await teacher.send("   ")
    assert "пустое" in teacher.last_message.text
    await teacher.send("а" * 3600)
    assert "слишком длинное" in teacher.last_message.text and "3\xa0500" in teacher.last_message.text
    assert await questions_of(env, 2312) == []

    # The process restarts in the middle: the dialogue goes on where it was.
    await env.restart(crash=True)
    await teacher.send_voice()
    assert "Вопрос отправлен" in teacher.last_message.text
    [question] = await questions_of(env, 2312)
    assert question.subject == "physics" and question.topic == "program"

    # The methodist closes it; the old «write» button of the teacher is refused.
    await settle(env)
    await methodist.click("📂 Открыть вопрос", message=got(methodist, "Новый вопрос")[-1])
    await methodist.click("📎 Файлы (1)")
    assert methodist.last_message.document == b"OggS voice"
    await methodist.click("🔒 Закрыть вопрос")
    assert last_answer(env) == "Вопрос закрыт."
    await settle(env)
    closed = got(teacher, "закрыт методистом")
    assert closed
    five = str(teacher.button("⭐⭐⭐⭐⭐", message=closed[-1])["callback_data"])
    await teacher.click("⭐⭐⭐", message=closed[-1])
    await teacher.click("Нет, не публиковать")
    [question] = await questions_of(env, 2312)
    assert question.closed_by == Side.METHODIST and question.rating == 3 and question.faq_consent is False
    await teacher.click_data(five, message=closed[-1])
    assert "уже оценили" in last_answer(env)
    [question] = await questions_of(env, 2312)
    assert question.rating == 3
    await teacher.click("🗂 Мои вопросы")
    await teacher.click("✅ Рабочая программа")
    assert "Вопрос решён" in teacher.last_message.text and "✍️ Написать" not in teacher.buttons()
    # The methodist's old «answer» button on the closed question.
    await methodist.click("✍️ Ответить", message=got(methodist, "Новый вопрос")[-1])
    assert "уже закрыт" in last_answer(env)
    # Not consented: nothing to publish.
    async with env.repos() as repos:
        count = await repos.session.scalar(select(func.count()).select_from(ConsultFaq))
    assert count == 0


async def test_no_methodist_leaves_the_question_for_staff(env: BotEnv) -> None:
    teacher = await teacher_user(env, 2321, "Смирнова Ольга Игоревна")
    await ask(teacher, "Другое", "Где найти расписание курсов?")
    assert "пока нет" in teacher.last_message.text
    [question] = await questions_of(env, 2321)
    assert question.methodist_id is None and question.municipality_id is not None
    async with env.repos() as repos:
        methodists = await repos.session.scalar(select(func.count()).select_from(User))
    assert methodists == 1
