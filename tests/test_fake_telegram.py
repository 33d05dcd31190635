"""Self-tests of the fake Telegram Bot API (tests/fakes), driven by the real aiogram Bot."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, F, Router, html
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.filters import Command, CommandStart
from aiogram.methods import AnswerCallbackQuery
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from tests.fakes.client import TgUser, feed_deliver, http_deliver, make_user, tiny_png
from tests.fakes.html import HtmlError, parse_html, utf16_len
from tests.fakes.server import FakeBotApiServer
from tests.fakes.session import FakeSession
from tests.fakes.telegram import FakeTelegram, TelegramApiError

TOKEN = "123456:TEST-abcdefghijklmnopqrstuvwxyz012345"
CHAT = 42
ANNA = {"id": CHAT, "is_bot": False, "first_name": "Анна"}


def http_bot(base_url: str) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(base_url))
    return Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))


def inprocess_bot(fake: FakeTelegram) -> Bot:
    return Bot(TOKEN, session=FakeSession(fake), default=DefaultBotProperties(parse_mode="HTML"))


async def close_quickly(bot: Bot) -> None:
    """Close the bot's HTTP session without AiohttpSession.close()'s 250 ms sleep."""
    inner = getattr(bot.session, "_session", None)
    if inner is not None and not inner.closed:
        await inner.close()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def fake(clock: Clock) -> FakeTelegram:
    return FakeTelegram(clock=clock)


@pytest.fixture
async def server(fake: FakeTelegram) -> AsyncIterator[FakeBotApiServer]:
    srv = FakeBotApiServer(fake)
    await srv.start()
    yield srv
    await srv.stop()
    assert not srv.internal_errors


@pytest.fixture(params=["http", "inprocess"])
async def bot(request: pytest.FixtureRequest, fake: FakeTelegram) -> AsyncIterator[Bot]:
    """The real aiogram Bot over HTTP (AiohttpSession) and in-process (FakeSession)."""
    fake.add_chat(ANNA)
    if request.param == "http":
        srv = FakeBotApiServer(fake)
        real_bot = http_bot(await srv.start())
        yield real_bot
        await close_quickly(real_bot)
        await srv.stop()
        assert not srv.internal_errors
    else:
        yield inprocess_bot(fake)


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t, callback_data=d)] for t, d in buttons]
    )


# ---------------------------------------------------------------------- HTML parser


@pytest.mark.parametrize(
    ("source", "text", "entities"),
    [
        ("<b>x</b> y", "x y", [{"type": "bold", "offset": 0, "length": 1}]),
        ("a &lt; b &amp; &quot;c&quot; &#33; &#x41;", 'a < b & "c" ! A', []),
        ("😀<i>é</i>", "😀é", [{"type": "italic", "offset": 2, "length": 1}]),
        (
            '<pre><code class="language-python">x = 1</code></pre>',
            "x = 1",
            [{"type": "pre", "offset": 0, "length": 5, "language": "python"}],
        ),
        (
            '<a href="https://example.com/?a=1&b=2">link</a>',
            "link",
            [
                {
                    "type": "text_link",
                    "offset": 0,
                    "length": 4,
                    "url": "https://example.com/?a=1&b=2",
                }
            ],
        ),
        (
            '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>',
            "st",
            [
                {"type": "spoiler", "offset": 0, "length": 1},
                {"type": "spoiler", "offset": 1, "length": 1},
            ],
        ),
        (
            "<blockquote expandable>q</blockquote>",
            "q",
            [{"type": "expandable_blockquote", "offset": 0, "length": 1}],
        ),
        (
            "<b><i>x</i></b>",
            "x",
            [
                {"type": "bold", "offset": 0, "length": 1},
                {"type": "italic", "offset": 0, "length": 1},
            ],
        ),
        ("<b></b>z", "z", []),
    ],
)
def test_parse_html_ok(source: str, text: str, entities: list[dict[str, Any]]) -> None:
    assert parse_html(source) == (text, entities)


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("Привет <foo>", 'Unsupported start tag "foo" at byte offset 13'),
        ("x<br>", 'Unsupported start tag "br" at byte offset 1'),
        ("</b>", "Unexpected end tag at byte offset 0"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("a &foo; b", 'Unsupported HTML entity "&foo;" at byte offset 2'),
        ("AT&T", 'Unescaped "&" at byte offset 2'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("<a>x</a>", 'Tag "a" must have attribute "href"'),
        ("x <b", "Unclosed start tag at byte offset 2"),
    ],
)
def test_parse_html_errors(source: str, reason: str) -> None:
    with pytest.raises(HtmlError) as info:
        parse_html(source)
    assert info.value.description.startswith("Bad Request: can't parse entities: ")
    assert reason in info.value.description


def test_utf16_len() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("Привет") == 6
    assert utf16_len("😀") == 2


# ---------------------------------------------------------------------- rules via real Bot


async def test_text_length_is_counted_after_parsing(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(CHAT, "x" * 5000)
    sent = await bot.send_message(CHAT, "<b>" + "x" * 4000 + "</b><i>" + "y" * 96 + "</i>")
    assert sent.text is not None and len(sent.text) == 4096
    assert sent.entities is not None and [e.type for e in sent.entities] == ["bold", "italic"]
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(CHAT, "<b>" + "x" * 4097 + "</b>")
    # 4096 UTF-16 units: emoji count twice
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(CHAT, "😀" * 2049)


async def test_html_validation(bot: Bot, fake: FakeTelegram) -> None:
    with pytest.raises(TelegramBadRequest, match="can't parse entities: Can't find end tag"):
        await bot.send_message(CHAT, "<b>x")
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "" at byte offset 2'):
        await bot.send_message(CHAT, "a < b")
    sent = await bot.send_message(CHAT, "a &lt; b")
    assert sent.text == "a < b"
    assert fake.bot_messages(CHAT)[-1].html == "a &lt; b"
    # parse_mode=None sends raw text
    raw = await bot.send_message(CHAT, "a < b", parse_mode=None)
    assert raw.text == "a < b"
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(CHAT, "")
    with pytest.raises(TelegramBadRequest, match="message must be non-empty"):
        await bot.send_message(CHAT, "<b> </b>")


async def test_callback_data_limit_is_in_bytes(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(CHAT, "k", reply_markup=keyboard(("b", "x" * 65)))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(CHAT, "k", reply_markup=keyboard(("b", "ж" * 33)))
    sent = await bot.send_message(CHAT, "k", reply_markup=keyboard(("b", "ж" * 32)))
    assert sent.reply_markup is not None


async def test_keyboard_rules(bot: Bot, fake: FakeTelegram) -> None:
    with pytest.raises(TelegramBadRequest, match="BUTTON_URL_INVALID"):
        markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="site", url="example")]])
        await bot.send_message(CHAT, "k", reply_markup=markup)
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="t")]])
        await bot.send_message(CHAT, "k", reply_markup=markup)
    reply = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="Меню")]], resize_keyboard=True)
    sent = await bot.send_message(CHAT, "k", reply_markup=reply)
    assert sent.reply_markup is None  # Telegram echoes only inline keyboards
    assert fake.reply_keyboard_buttons(CHAT) == ["Меню"]
    await bot.send_message(CHAT, "bye", reply_markup=ReplyKeyboardRemove())
    assert fake.reply_keyboard(CHAT) is None


async def test_edit_rules(bot: Bot, fake: FakeTelegram) -> None:
    markup = keyboard(("A", "a"))
    sent = await bot.send_message(CHAT, "<b>hi</b>", reply_markup=markup)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            "<b>hi</b>", chat_id=CHAT, message_id=sent.message_id, reply_markup=markup
        )
    # same text, different formatting -> modified
    await bot.edit_message_text("<i>hi</i>", chat_id=CHAT, message_id=sent.message_id, reply_markup=markup)
    # editing without reply_markup removes the keyboard
    await bot.edit_message_text("<i>hi</i>", chat_id=CHAT, message_id=sent.message_id)
    stored = fake.message(CHAT, sent.message_id)
    assert stored is not None and stored.reply_markup is None and stored.edit_count == 2
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=CHAT, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=CHAT, message_id=9999)
    assert await bot.delete_message(CHAT, sent.message_id) is True
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(CHAT, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=CHAT, message_id=sent.message_id)
    assert fake.chat_messages(CHAT) == []


async def test_chat_errors(bot: Bot, fake: FakeTelegram) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(777, "hi")
    fake.block_user(CHAT)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "hi")
    fake.unblock_user(CHAT)
    fake.inject_429(retry_after=3, method="sendMessage")
    with pytest.raises(TelegramRetryAfter) as info:
        await bot.send_message(CHAT, "hi")
    assert info.value.retry_after == 3
    assert "Too Many Requests: retry after 3" in str(info.value)
    await bot.send_message(CHAT, "hi")  # injection was used up
    fake.inject_error("sendMessage", CHAT, 400, "Bad Request: custom", count=2)
    for _ in range(2):
        with pytest.raises(TelegramBadRequest, match="custom"):
            await bot.send_message(CHAT, "hi")
    assert [r.outcome for r in fake.requests_for("sendmessage")] == [400, 403, 429, "ok", 400, 400]


async def test_answer_callback_query(bot: Bot, fake: FakeTelegram, clock: Clock) -> None:
    sent = await bot.send_message(CHAT, "k", reply_markup=keyboard(("A", "a")))
    stored = fake.message(CHAT, sent.message_id)
    assert stored is not None
    first = fake.make_callback_update(ANNA, stored, "a")["callback_query"]["id"]
    assert [cb.id for cb in fake.unanswered_callbacks()] == [first]
    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(first, text="x" * 201)
    assert await bot.answer_callback_query(first, text="ok") is True
    assert fake.unanswered_callbacks() == []
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(first)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query("123")
    late = fake.make_callback_update(ANNA, stored, "a")["callback_query"]["id"]
    clock.now += 16
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(late)


async def test_files_round_trip(bot: Bot, fake: FakeTelegram) -> None:
    png = tiny_png()
    photo = await bot.send_photo(CHAT, BufferedInputFile(png, "p.png"), caption="<b>Фото</b>")
    assert photo.photo is not None and photo.caption == "Фото"
    doc = await bot.send_document(CHAT, BufferedInputFile(b"%PDF-1.4 data", "report.pdf"))
    assert doc.document is not None
    assert doc.document.file_name == "report.pdf"
    assert doc.document.mime_type == "application/pdf"
    assert doc.document.file_size == len(b"%PDF-1.4 data")
    photo_msg, doc_msg = fake.bot_messages(CHAT)
    assert photo_msg.photo == png and photo_msg.caption == "Фото"
    assert doc_msg.document == b"%PDF-1.4 data" and doc_msg.file_name == "report.pdf"
    downloaded = await bot.download(doc.document.file_id)
    assert downloaded is not None and downloaded.read() == b"%PDF-1.4 data"
    # re-send by file_id
    again = await bot.send_document(CHAT, doc.document.file_id)
    assert again.document is not None and again.document.file_id == doc.document.file_id
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(CHAT, BufferedInputFile(b"not an image", "x.jpg"))
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_photo(CHAT, BufferedInputFile(png, "p.png"), caption="x" * 1025)


async def test_misc_methods(bot: Bot, fake: FakeTelegram) -> None:
    me = await bot.get_me()
    assert me.username == "metodist_test_bot" and me.is_bot
    commands = [BotCommand(command="start", description="Начать")]
    assert await bot.set_my_commands(commands) is True
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Start", description="x")])
    assert await bot.delete_my_commands() is True
    assert await bot.get_my_commands() == []
    assert await bot.send_chat_action(CHAT, "typing") is True
    assert fake.chat_actions(CHAT) == ["typing"]
    assert await bot.delete_webhook(drop_pending_updates=True) is True
    info = await bot.get_webhook_info()
    assert info.url == ""
    # methods the fake does not implement fail loudly, like unknown methods in Telegram
    with pytest.raises(TelegramNotFound, match="Not Found"):
        await bot.send_dice(CHAT)


# ---------------------------------------------------------------------- core-level semantics


async def test_get_updates_semantics(fake: FakeTelegram) -> None:
    first = fake.push_update(fake.make_message_update(ANNA, "one"))
    second = fake.push_update(fake.make_message_update(ANNA, "two"))
    updates = fake.handle("getUpdates", {"limit": "1"})
    assert [u["update_id"] for u in updates] == [first]
    assert [u["update_id"] for u in fake.handle("getUpdates", {"offset": str(first + 1)})] == [second]
    assert fake.is_processed(first) and not fake.is_processed(second)
    started = time.monotonic()
    assert await fake.handle_async("getUpdates", {"offset": second + 1, "timeout": 1}) == []
    assert 0.9 < time.monotonic() - started < 2
    assert fake.confirmed_offset == second + 1

    # a waiting poll wakes up for a new update
    poll = asyncio.create_task(fake.handle_async("getUpdates", {"offset": second + 1, "timeout": 5}))
    await asyncio.sleep(0.05)
    third = fake.push_update(fake.make_message_update(ANNA, "three"))
    assert [u["update_id"] for u in await asyncio.wait_for(poll, 1)] == [third]

    # a newer poll terminates an older one with 409 Conflict
    old = asyncio.create_task(fake.handle_async("getUpdates", {"offset": third + 1, "timeout": 5}))
    await asyncio.sleep(0.05)
    fake.handle("getUpdates", {"offset": third + 1})
    with pytest.raises(TelegramApiError) as info:
        await asyncio.wait_for(old, 1)
    assert info.value.error_code == 409


async def test_allowed_updates_filter(fake: FakeTelegram) -> None:
    fake.handle("getUpdates", {"allowed_updates": '["message"]'})
    update_id = fake.push_update({"edited_message": {}})
    assert fake.handle("getUpdates", {}) == []
    assert fake.is_processed(update_id)  # never delivered, so nobody waits for it


async def test_wait_processed_timeout_reports_requests(fake: FakeTelegram) -> None:
    fake.add_chat(ANNA)
    fake.handle("sendMessage", {"chat_id": CHAT, "text": "hello"})
    update_id = fake.push_update(fake.make_message_update(ANNA, "hi"))
    with pytest.raises(AssertionError, match=r"not processed(.|\n)*sendMessage"):
        await fake.wait_processed(update_id, timeout=0.1)


def test_command_entities(fake: FakeTelegram) -> None:
    message = fake.make_message_update(ANNA, "/start payload")["message"]
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    message = fake.make_message_update(ANNA, "/help@metodist_test_bot")["message"]
    assert message["entities"][0]["length"] == len("/help@metodist_test_bot")
    assert "entities" not in fake.make_message_update(ANNA, "hi /start")["message"]


def test_rate_limit(fake: FakeTelegram, clock: Clock) -> None:
    fake.add_chat(ANNA)
    fake.add_chat(43)
    fake.set_rate_limit(global_per_second=2, per_chat_per_second=1)
    fake.handle("sendMessage", {"chat_id": CHAT, "text": "1"})
    with pytest.raises(TelegramApiError) as info:
        fake.handle("sendMessage", {"chat_id": CHAT, "text": "2"})
    assert info.value.error_code == 429 and info.value.parameters == {"retry_after": 1}
    fake.handle("sendMessage", {"chat_id": 43, "text": "3"})
    fake.add_chat(44)
    with pytest.raises(TelegramApiError):
        fake.handle("sendMessage", {"chat_id": 44, "text": "global limit"})
    clock.now += 1.01
    fake.handle("sendMessage", {"chat_id": CHAT, "text": "4"})
    fake.set_rate_limit(None, None)
    for i in range(10):
        fake.handle("sendMessage", {"chat_id": CHAT, "text": str(i)})


async def test_raw_http_wire_format(fake: FakeTelegram, server: FakeBotApiServer) -> None:
    base = f"{server.base_url}/bot{TOKEN}"
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/getMe") as resp:
            assert resp.status == 200
            assert (await resp.json())["result"]["id"] == fake.bot_id
        async with http.post(f"{base}/sendMessage", json={"chat_id": 1, "text": "x"}) as resp:
            assert resp.status == 400
            assert await resp.json() == {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: chat not found",
            }
        async with http.post(f"{base}/noSuchMethod") as resp:
            assert resp.status == 404
            assert (await resp.json())["description"] == "Not Found"
        fake.add_chat(ANNA)
        form = {
            "chat_id": str(CHAT),
            "text": "hi",
            "reply_markup": '{"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}',
        }
        async with http.post(f"{base}/SENDMESSAGE", data=form) as resp:
            assert resp.status == 200
        assert fake.requests[-1].params["reply_markup"]["inline_keyboard"][0][0]["text"] == "A"
        fake.inject_429(retry_after=5)
        async with http.post(f"{base}/sendMessage", data=form) as resp:
            assert resp.status == 429
            assert (await resp.json())["parameters"] == {"retry_after": 5}


async def test_server_stop_interrupts_long_poll(server: FakeBotApiServer) -> None:
    async with aiohttp.ClientSession() as http:
        url = f"{server.base_url}/bot{TOKEN}/getUpdates"
        poll = asyncio.create_task(http.post(url, data={"timeout": "30"}))
        await asyncio.sleep(0.1)
        started = time.monotonic()
        await server.stop()
        assert time.monotonic() - started < 1.5
        response = await asyncio.wait_for(poll, 2)
        assert (await response.json()) == {"ok": True, "result": []}
        response.release()


# ---------------------------------------------------------------------- conversations


def build_dispatcher() -> Dispatcher:
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        assert message.from_user is not None
        await message.answer(
            f"Привет, <b>{html.quote(message.from_user.first_name)}</b>!",
            reply_markup=keyboard(("Нажми меня", "press"), ("Молчун", "silent")),
        )

    @router.message(Command("menu"))
    async def menu(message: Message) -> None:
        markup = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="📚 Каталог")]], resize_keyboard=True)
        await message.answer("Меню", reply_markup=markup)

    @router.message(F.text == "📚 Каталог")
    async def catalog(message: Message) -> None:
        await message.answer("Каталог пуст")

    @router.message(Command("raw"))
    async def raw(message: Message) -> None:
        await message.answer(message.text or "")  # forgets html.quote

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(html.quote(message.text or ""))

    @router.message(F.photo)
    async def photo(message: Message) -> None:
        await message.answer("Фото получено")

    @router.callback_query(F.data == "press")
    async def press(callback: CallbackQuery) -> AnswerCallbackQuery:
        assert isinstance(callback.message, Message)
        await callback.message.edit_text("Нажато")
        return callback.answer("ok")  # executed by aiogram like a webhook answer

    @router.callback_query(F.data == "silent")
    async def silent(callback: CallbackQuery) -> None:
        pass  # forgets callback.answer()

    @router.callback_query()
    async def stale(callback: CallbackQuery) -> None:
        await callback.answer("Кнопка устарела", show_alert=True)

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher


async def run_conversation(anna: TgUser) -> None:
    await anna.send("/start")
    assert anna.last_message.text == "Привет, Анна!"
    assert anna.last_message.entities == [{"type": "bold", "offset": 8, "length": 4}]
    assert anna.buttons() == ["Нажми меня", "Молчун"]

    await anna.send("a < b & c")
    assert anna.last_message.text == "a < b & c"
    assert [m.text for m in anna.replies] == ["a < b & c"]

    with pytest.raises(AssertionError, match="spinner"):
        await anna.click("Молчун")
    with pytest.raises(AssertionError, match="not found"):
        await anna.click("Нет такой")

    greeting = anna.messages[0]
    await anna.click("Нажми")  # unique substring
    assert greeting.text == "Нажато" and greeting.reply_markup is None and greeting.edited
    assert anna.fake.callbacks[-1].answer == {"text": "ok"}

    await anna.click_data("outdated:1", message=greeting)
    assert anna.fake.callbacks[-1].answer == {"text": "Кнопка устарела", "show_alert": True}

    await anna.send("/menu")
    assert anna.reply_keyboard == ["📚 Каталог"]
    await anna.click("Каталог")  # reply keyboard button -> sends its text
    assert anna.last_message.text == "Каталог пуст"

    await anna.send_photo()
    assert anna.last_message.text == "Фото получено"
    assert [m.text for m in anna.last_messages(2)] == ["Каталог пуст", "Фото получено"]


async def test_conversation_over_http_polling(fake: FakeTelegram, server: FakeBotApiServer) -> None:
    bot = http_bot(str(server.base_url))
    dispatcher = build_dispatcher()
    polling = asyncio.create_task(
        dispatcher.start_polling(bot, handle_as_tasks=False, handle_signals=False, polling_timeout=1)
    )
    try:
        anna = make_user(fake, http_deliver(fake, timeout=5), CHAT)
        await run_conversation(anna)
        # unescaped user input: polling logs the error, the user just gets no reply
        before = len(anna.messages)
        await anna.send("/raw <script>")
        assert len(anna.messages) == before
        assert fake.requests_for("sendMessage")[-1].outcome == 400
    finally:
        started = time.monotonic()
        await asyncio.wait_for(dispatcher.stop_polling(), 5)
        await asyncio.wait_for(polling, 5)
        assert time.monotonic() - started < 2
    started = time.monotonic()
    await server.stop()
    assert time.monotonic() - started < 1.5
    assert fake.unanswered_callbacks()[0].data == "silent"


async def test_conversation_in_process(fake: FakeTelegram) -> None:
    bot = inprocess_bot(fake)
    dispatcher = build_dispatcher()
    anna = TgUser(fake, feed_deliver(dispatcher, bot), CHAT)
    await run_conversation(anna)
    # in-process, handler exceptions reach the test
    with pytest.raises(TelegramBadRequest, match="Unsupported start tag"):
        await anna.send("/raw <script>")
