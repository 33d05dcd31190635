"""The walk itself and its report: tracebacks, Bot API errors and unanswered buttons."""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.walk.people import (
    ADMIN_TG_ID,
    FIRST_USER_TG_ID,
    FORGED_GARBAGE,
    NAMES,
    PATRONYMICS,
    SURNAMES,
    TOKEN,
    BotProcess,
    Step,
    Walker,
    _documents,
)
from tests.fakes import FakeBotApiServer, FakeTelegram
from tests.fakes.telegram import RecordedRequest


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
        # The newest message with a link: the notice kept for the admin since the start (the demo
        # directory) arrives with their first message, and may land after the invite.
        for message in reversed(admin.messages[-3:]):
            match = re.search(r"\?start=(i-[\w-]+)", message.text or "")
            if match:
                return match.group(1)
        raise AssertionError(f"no invite link in {admin.last_message.text!r}")

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
