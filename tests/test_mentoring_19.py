"""Issue 19: the young specialist is asked one thing at a time.

«…записана встреча. Всё верно?» and «Подходит ли вам наставник?» used to arrive at the same moment,
and the rating then appeared in the older message, one message up. Now one question is out at a
time, the next comes after the answer as a new message at the bottom of the chat, and what is still
to be asked is read from the database, so a restart loses nothing."""

from __future__ import annotations

from bot.callbacks import PairAction, PairCD
from tests.conftest import BotEnv
from tests.fakes import FakeMessage, TgUser
from tests.flows import invited, open_section, register, settle

MENTOR_NAME = "Опытная Ольга Николаевна"
YOUNG_NAME = "Молодова Анна Сергеевна"
CONFIRM = "Всё верно?"
FIT = "Подходит ли вам наставник"


async def paired(env: BotEnv, base: int) -> tuple[TgUser, TgUser]:
    """A mentor and a young specialist, their pair proposed and confirmed by staff."""
    staff = await invited(env, base, "сотрудник методической службы", "Сотрудникова Елена")
    mentor = await invited(env, base + 1, "наставник", MENTOR_NAME)
    young = env.user(base + 2)
    await register(young, name=YOUNG_NAME)  # 2 years of experience, born 1998
    async with env.repos() as repos:
        mentor_user = await repos.users.by_tg_id(base + 1)
        young_user = await repos.users.by_tg_id(base + 2)
        assert mentor_user is not None and young_user is not None
        pair = await repos.mentoring.add_pair(
            mentor_id=mentor_user.id, mentee_id=young_user.id, status="proposed", score=1.0, reasons=[]
        )
        await repos.commit()
    await staff.send("/menu")
    await staff.click_data(PairCD(action=PairAction.CONFIRM, p=pair.id).pack())
    await settle(env)
    return mentor, young


async def log_meeting(env: BotEnv, mentor: TgUser, topic: str) -> None:
    await open_section(mentor, "👥 Мои молодые специалисты")
    await mentor.click(f"🤝 {YOUNG_NAME}")
    await mentor.click("📝 Записать встречу")
    await mentor.click("Консультация")
    await mentor.send(topic)
    await mentor.click("45 мин")
    await mentor.click("✅ Сохранить")
    assert "Встреча записана" in mentor.last_message.text
    await settle(env)


def asked(env: BotEnv, person: TgUser, text: str) -> list[str]:
    """The messages sent to `person` (as sent, whatever edits came later) that contain `text`."""
    sent = [
        r.params
        for r in env.fake.requests_for("sendMessage")
        if str(r.params.get("chat_id")) == str(person.chat_id)
    ]
    return [str(p.get("text", "")) for p in sent if text in str(p.get("text", ""))]


def shown(env: BotEnv, person: TgUser, message: FakeMessage) -> str:
    """What `message` shows now (after the bot's edits)."""
    current = env.fake.message(person.chat_id, message.message_id)
    assert current is not None
    return current.text or ""


async def test_one_question_at_a_time_each_in_the_newest_message(env_all: BotEnv) -> None:
    env = env_all
    mentor, young = await paired(env, 7101)

    # The first meeting: «Всё верно?» once, and no fit question beside it.
    await log_meeting(env, mentor, "Дисциплина на уроке в 7 классе")
    assert len(asked(env, young, CONFIRM)) == 1
    assert not asked(env, young, FIT)
    confirm = young.last_message
    assert f"Наставник {MENTOR_NAME}: записана встреча с вами. Всё верно?" in confirm.text
    assert "Дисциплина на уроке в 7 классе" in confirm.text

    # Confirming and rating happen in that message — the newest one — and nothing comes meanwhile.
    await young.click("✅ Да, встреча была", message=confirm)
    await settle(env)
    assert young.last_message.message_id == confirm.message_id
    assert "Насколько встреча была полезной" in young.last_message.text
    await young.click("★★★★★", message=young.last_message)
    await settle(env)
    assert young.last_message.message_id == confirm.message_id
    assert "Хотите что-нибудь добавить" in young.last_message.text
    assert not asked(env, young, FIT)

    # The answer given: the fit question arrives as a new message, below the thanks.
    await young.click("Без комментария", message=young.last_message)
    assert "оценка сохранена" in shown(env, young, confirm)
    await settle(env)
    fit = young.last_message
    assert FIT in fit.text and fit.message_id > confirm.message_id
    assert len(asked(env, young, FIT)) == 1

    # A second meeting logged while the fit question waits: its «Всё верно?» waits too.
    await log_meeting(env, mentor, "Родительское собрание")
    assert len(asked(env, young, CONFIRM)) == 1
    assert young.last_message.message_id == fit.message_id

    # The fit answer is shown in the fit message; then the second meeting's question, as a new one.
    await young.click("👍 Да, подходит", message=fit)
    assert "Отлично!" in shown(env, young, fit)
    await settle(env)
    second = young.last_message
    assert CONFIRM in second.text and "Родительское собрание" in second.text
    assert second.message_id > fit.message_id
    assert len(asked(env, young, CONFIRM)) == 2 and len(asked(env, young, FIT)) == 1

    # «Такой встречи не было»: the mentor hears of it, in words that need nobody's gender.
    await young.click("❌ Такой встречи не было", message=second)
    await settle(env)
    assert young.last_message.message_id == second.message_id
    assert f"{YOUNG_NAME} отвечает, что её не было" in mentor.last_message.text
    assert "(а)" not in mentor.last_message.text


async def test_questions_waiting_survive_a_restart_and_a_deleted_meeting_gives_way(env: BotEnv) -> None:
    mentor, young = await paired(env, 7201)
    await log_meeting(env, mentor, "Первая тема")
    await log_meeting(env, mentor, "Вторая тема")
    await log_meeting(env, mentor, "Третья тема")
    assert len(asked(env, young, CONFIRM)) == 1
    assert "Первая тема" in young.last_message.text

    # Nothing is held in memory: after a restart the answer brings the next question.
    await env.restart()
    await young.click("❌ Такой встречи не было", message=young.last_message)
    await settle(env)
    assert len(asked(env, young, CONFIRM)) == 2 and "Вторая тема" in young.last_message.text

    # The mentor deletes the meeting whose question is out: the next one takes its place.
    await open_section(mentor, "👥 Мои молодые специалисты")
    await mentor.click(f"🤝 {YOUNG_NAME}")
    await mentor.click("📜 Журнал встреч")
    await mentor.click("Вторая тема")
    await mentor.click("🗑 Удалить запись")
    await mentor.click("Да, удалить")
    await settle(env)
    assert len(asked(env, young, CONFIRM)) == 3 and "Третья тема" in young.last_message.text


async def test_a_written_comment_ends_the_answer_and_a_rating_left_half_way_holds_only_an_hour(
    env: BotEnv,
) -> None:
    mentor, young = await paired(env, 7301)
    await log_meeting(env, mentor, "Первая тема")
    await young.click("✅ Да, встреча была")
    await young.click("★★★")
    await young.send("Было полезно")
    assert "оценка сохранена" in young.last_message.text
    await settle(env)
    assert FIT in young.last_message.text
    await young.click("🤔 Пока не знаю")

    # Confirmed and left without a rating: a meeting logged at once waits …
    await log_meeting(env, mentor, "Вторая тема")
    await young.click("✅ Да, встреча была")
    await log_meeting(env, mentor, "Третья тема")
    assert not [text for text in asked(env, young, CONFIRM) if "Третья тема" in text]
    # … but not for ever: an hour later the next meeting's question goes out.
    env.clock.advance(hours=1, minutes=5)
    await log_meeting(env, mentor, "Четвёртая тема")
    assert "Третья тема" in young.last_message.text and CONFIRM in young.last_message.text
