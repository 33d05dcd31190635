"""Telegram's answers handled: no needless edit ("message is not modified"), every tap answered in
time even when a handler is slow, a short 429 waited out with the action kept, a long one kept too."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiogram.types import BufferedInputFile
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

import bot.middlewares.answers
from bot.domain.roles import Role
from bot.services import roles as role_service
from bot.ui.rendered import render, stored
from bot.ui.screens import menu_button
from storage.models import JobRun, OutboxMessage
from tests.conftest import BotEnv
from tests.fakes import TgUser, tiny_png
from tests.flows import open_section, register

UNCHANGED = "Здесь ничего не изменилось."


def errors(env: BotEnv) -> list[str]:
    return [str(r) for r in env.fake.error_responses()]


def answer_text(env: BotEnv) -> str:
    return str(env.fake.requests_for("answerCallbackQuery")[-1].params.get("text", ""))


async def staff(env: BotEnv, tg_id: int) -> TgUser:
    person = env.user(tg_id)
    await register(person, name="Сотрудникова Елена", experience="15", birth_year="1979")
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        await role_service.grant(repos, user, Role.STAFF, actor_tg_id=None, source="test")
        await repos.commit()
    return person


# --- message is not modified ----------------------------------------------------------------------


async def test_retapping_the_current_language_makes_no_edit(env_all: BotEnv) -> None:
    env = env_all
    anna = env.user(7001)
    await anna.send("/language")
    screen = anna.last_message
    await anna.click("✅ Русский")
    assert answer_text(env) == "Язык уже русский."
    assert screen.edit_count == 0 and anna.last_message is screen
    await anna.click("English")
    assert "we speak English" in screen.text
    await anna.click("✅ English")
    assert answer_text(env) == "The language is already English."
    await anna.send("/help")
    assert "What I can do" in anna.last_message.text
    assert errors(env) == []


async def test_refreshing_the_schedule_twice_makes_no_failing_edit(env_all: BotEnv) -> None:
    env = env_all
    elena = await staff(env, 7002)
    await open_section(elena, "⏰ Расписание рассылок")
    screen = elena.last_message
    text = screen.text
    await elena.click("🔄 Обновить")
    await elena.click("🔄 Обновить")
    assert answer_text(env) == "Нового пока нет — всё как было."
    assert screen.text == text and elena.last_message is screen
    assert errors(env) == []


async def test_the_reports_screen_retapped_makes_no_failing_edit(env: BotEnv) -> None:
    elena = await staff(env, 7003)
    await open_section(elena, "📈 Отчёты и показатели")
    screen = elena.last_message
    edits = screen.edit_count
    selected = next(t for t in screen.button_texts if t.startswith("• "))  # the period shown
    await elena.click(selected)
    assert answer_text(env) == UNCHANGED
    assert screen.edit_count == edits and elena.last_message is screen
    assert errors(env) == []


async def test_a_double_tap_on_a_screen_already_changed_makes_no_failing_edit(env: BotEnv) -> None:
    """Both taps carry the message as it was before the first was handled (a quick double tap):
    the second must be compared with what the first edit left, not with that old copy."""
    anna = env.user(7004)
    await register(anna)
    await anna.send("/menu")
    menu = anna.last_message
    # Edited within the same second as the coming edit (Telegram's edit_date counts seconds), so
    # the time alone cannot tell which is newer.
    menu.edit_date = int(time.time()) + 2
    data = anna.button("❓ Помощь")["callback_data"]
    first = env.fake.make_callback_update(anna.user, menu, data)
    second = env.fake.make_callback_update(anna.user, menu, data)
    await anna.deliver(first)
    await anna.deliver(second)
    assert "Что я умею" in menu.text
    assert all(cb.answered for cb in env.fake.callbacks)
    assert answer_text(env) == UNCHANGED
    assert errors(env) == []


@pytest.mark.parametrize("crash", [True, False], ids=["killed", "stopped"])
async def test_a_double_tap_straddling_a_restart_makes_no_failing_edit(env: BotEnv, crash: bool) -> None:
    """The first tap is handled by a process that then dies; the second (pressed before the first
    edit landed, so it carries the old copy) reaches the new process, which has no memory of that
    edit: what the edit left is kept in the database, so no edit that changes nothing is asked."""
    anna = env.user(7010)
    await register(anna)
    await anna.send("/menu")
    menu = anna.last_message
    menu.edit_date = int(time.time()) + 2  # the time alone cannot tell which copy is newer
    data = anna.button("❓ Помощь")["callback_data"]
    first = env.fake.make_callback_update(anna.user, menu, data)
    second = env.fake.make_callback_update(anna.user, menu, data)
    await anna.deliver(first)
    assert "Что я умею" in menu.text
    async with env.repos() as repos:
        kept = await repos.screens.latest(anna.chat_id, menu.message_id)
    assert kept is not None and kept.before != kept.after
    await env.restart(crash=crash)
    await anna.deliver(second)
    assert "Что я умею" in menu.text
    assert all(cb.answered for cb in env.fake.callbacks)
    assert answer_text(env) == UNCHANGED
    assert errors(env) == []


async def test_a_button_under_a_photo_sends_its_screen_without_a_failing_edit(env: BotEnv) -> None:
    """A poster with buttons (an event's announcement) has no text to edit into a screen."""
    assert env.app is not None
    anna = env.user(7009)
    await register(anna)
    poster = await env.app.bot.send_photo(
        anna.chat_id,
        BufferedInputFile(tiny_png(), "poster.png"),
        caption="Вебинар",
        reply_markup=menu_button(env.app.i18n.get("ru")),
    )
    await anna.click("🏠 В меню", message=env.fake.message(anna.chat_id, poster.message_id))
    assert "Чем займёмся" in anna.last_message.text
    assert errors(env) == []


@pytest.mark.parametrize(
    "html",
    [
        "<b>Заголовок</b>\n\nТекст с <i>курсивом</i> и <a href='https://example.org/a?b=1&amp;c=2'>ссылкой</a>",
        "  \n<b>Жирный</b><b> продолжение</b>\n",
        'Код: <code>x &lt; y</code>, <pre><code class="language-python">print(1)</code></pre>',
        "🙂 Эмодзи 𝄞 и <u>подчёркнутое</u> <s>зачёркнутое</s> <tg-spoiler>скрытое</tg-spoiler>",
        "<blockquote>цитата</blockquote> /menu @someone https://t.me/x",
    ],
)
async def test_a_screen_compares_as_telegram_stores_it(env: BotEnv, html: str) -> None:
    """What `render` makes of our HTML equals what Telegram keeps of it (the fake applies
    Telegram's parser), so `show` skips exactly the edits Telegram would refuse."""
    assert env.app is not None
    anna = env.user(7005)
    await anna.send("/start")
    sent = await env.app.bot.send_message(anna.chat_id, html)
    kept = stored(sent)
    assert kept is not None and kept == render(html, None)
    assert kept != render(html + " ещё", None)


# --- callbacks answered in time -------------------------------------------------------------------


async def test_a_tap_waiting_for_the_database_is_answered_in_time(
    env: BotEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A handler that waits for SQLite's write lock (another update holds it while it talks to
    Telegram) used to answer its tap only when done — after Telegram had given up on it."""
    assert env.app is not None
    monkeypatch.setattr(bot.middlewares.answers, "ANSWER_WITHIN", 0.3)
    env.fake.callback_timeout = 1.5  # Telegram's patience, scaled down with the test
    anna = env.user(7006)
    await register(anna)
    await anna.send("/language")
    screen = anna.last_message

    async def busy_update() -> None:
        assert env.app is not None
        async with env.app.sessionmaker() as session:
            await session.execute(insert(JobRun).values(job_id="busy", started_at=env.clock(), done=0))
            await asyncio.sleep(2.5)
            await session.rollback()

    holder = asyncio.create_task(busy_update())
    await asyncio.sleep(0.2)
    await anna.click("English", message=screen)
    await holder
    tap = env.fake.callbacks[-1]
    assert tap.answer_delay is not None and tap.answer_delay < 1.0
    assert tap.answer is not None and tap.answer.get("text") == "Минутку, готовлю…"
    assert "we speak English" in screen.text  # the handler finished its work after all
    assert errors(env) == []


# --- 429 ------------------------------------------------------------------------------------------


async def test_a_short_429_on_a_reply_is_waited_out_and_the_action_kept(env_all: BotEnv) -> None:
    env = env_all
    admin = await staff(env, 7007)
    async with env.repos() as repos:
        invite = await role_service.create_invite(
            repos,
            frozenset({Role.ADMIN}),
            1,
            Role.MENTOR,
            actor_scope=None,
            days=7,
            uses=1,
            scope_municipality_id=None,
            now=env.clock(),
        )
        await repos.commit()
    env.fake.inject_429(retry_after=1, method="sendMessage", chat_id=admin.chat_id)
    started = time.monotonic()
    await admin.send(f"/start i-{invite.code}")
    assert time.monotonic() - started >= 1.0
    assert any("выдана роль «наставник»" in (m.text or "") for m in admin.replies)
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(admin.chat_id)
        assert user is not None and Role.MENTOR in {r.role for r in user.roles}
    assert errors(env) == []
    assert [r.outcome for r in env.fake.error_responses(include_injected=True)] == [429]


async def test_a_long_429_keeps_the_action_and_says_so_later(env: BotEnv) -> None:
    anna = env.user(7008)
    await anna.send("/language")
    env.fake.inject_429(retry_after=30, method="editMessageText", chat_id=anna.chat_id)
    await anna.click("English")
    async with env.repos() as repos:
        queued = (await repos.session.scalars(select(OutboxMessage))).all()
    assert [m.chat_id for m in queued] == [anna.chat_id]
    assert queued[0].text is not None and "сохранено" in queued[0].text  # in the language of the tap
    await anna.send("/help")  # the choice was kept: English from now on
    assert "What I can do" in anna.last_message.text
    assert not any("Что-то пошло не так" in (m.text or "") for m in anna.messages)


def test_a_callback_answer_longer_than_telegram_takes_is_cut() -> None:
    """Telegram refuses an answer over 200 UTF-16 units (MESSAGE_TOO_LONG): the tap would spin."""
    assert bot.middlewares.answers._fit("Коротко.", 200) == "Коротко."
    cut = bot.middlewares.answers._fit("Длинное объяснение. " * 20, 200)
    assert cut.endswith("…") and len(cut) == 200
    emoji = bot.middlewares.answers._fit("🙂" * 150, 200)  # two units each
    assert emoji.endswith("…") and len(emoji.encode("utf-16-le")) // 2 <= 200


async def test_a_prompt_keeps_its_buttons_until_its_step_is_committed(
    env: BotEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The previous prompt loses its buttons only after the step is committed: a process that dies
    in between leaves them, so the step comes again and takes them away once — before, the
    second time asked Telegram to remove buttons already gone («message is not modified»)."""
    anna = env.user(7011)
    await anna.send("/start")
    await anna.click("Даю согласие")
    await anna.click("👩‍🏫 Педагог")
    prompt = anna.last_message
    assert prompt.inline_keyboard
    real_commit = AsyncSession.commit
    armed = True

    async def dying_commit(self: AsyncSession) -> None:
        nonlocal armed
        if armed:
            armed = False
            raise ConnectionResetError("the process died before the commit")
        await real_commit(self)

    monkeypatch.setattr(AsyncSession, "commit", dying_commit)
    await anna.send("Учителева Анна Сергеевна")
    assert prompt.inline_keyboard, "the buttons went although the step was not saved"
    await anna.send("Учителева Анна Сергеевна")
    assert not prompt.inline_keyboard
    assert "муниципалитет" in anna.last_message.text.lower()
    assert errors(env) == []
