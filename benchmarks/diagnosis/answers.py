"""Part 1: recording an answer — teachers answering through the real app, one at a time and at once,
and the database part alone."""

from __future__ import annotations

import asyncio
import random
import re
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from aiogram.methods import TelegramMethod
from aiogram.types import Update

from benchmarks.harness import SqlProbe
from benchmarks.report import LoopLag, Row
from benchmarks.seed import (
    QUESTIONNAIRE,
    register_teachers,
)
from bot.app import App
from bot.domain.diagnostics import Questionnaire
from bot.domain.time import utc_now
from bot.services.diagnosis import DiagnosisService
from bot.services.diagnosis_staff import StaffDiagnosisService
from storage.repositories import Repos
from tests.fakes import FakeTelegram, FileUpload, TgUser

ITEM = re.compile(r"Вопрос (\d+) из (\d+)")
T = TypeVar("T")


ZONE = "Europe/Moscow"


def _diagnosis(repos: Repos) -> DiagnosisService:
    """The teacher's diagnosis service around one session, as the bot builds it for an update."""
    return DiagnosisService(repos.diagnosis, repos.content, repos.users, repos, clock=utc_now, timezone=ZONE)


def _staff(repos: Repos) -> StaffDiagnosisService:
    """What staff see of it (the aggregates), around one session."""
    return StaffDiagnosisService(
        repos.diagnosis,
        repos.content,
        repos.directory,
        repos.users,
        _diagnosis(repos),
        timezone="Europe/Moscow",
    )


# ---------------------------------------------------------------------------- output


# ---------------------------------------------------------------------------- 1. answers


class TimedTelegram(FakeTelegram):
    """The fake Bot API, adding up the time spent inside it (to subtract it from the bot's)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.api_seconds = 0.0

    async def handle_async(
        self,
        method: str,
        params: Mapping[str, Any],
        files: Mapping[str, bytes | FileUpload] | None = None,
        *,
        should_stop: Callable[[], bool] | None = None,
    ) -> Any:
        started = time.perf_counter()
        try:
            return await super().handle_async(method, params, files, should_stop=should_stop)
        finally:
            self.api_seconds += time.perf_counter() - started


@dataclass
class Sample:
    seconds: float  # Dispatcher.feed_update, whole
    api_seconds: float  # of which inside the fake Bot API (meaningful only one update at a time)
    statements: int  # SQL statements (meaningful only one update at a time)
    lock_held: float  # SQLite write lock: first write → COMMIT (meaningful only one update at a time)


class Teacher:
    """A registered teacher talking to the app through Dispatcher.feed_update, each update timed."""

    def __init__(self, app: App, fake: TimedTelegram, probe: SqlProbe, tg_id: int) -> None:
        self.app, self.fake, self.probe = app, fake, probe
        self.user = TgUser(fake, self._deliver, tg_id, first_name="Мария", language_code="ru")
        self.last: Sample | None = None

    async def _deliver(self, update: dict[str, Any]) -> None:
        bot, dp = self.app.bot, self.app.dp
        parsed = Update.model_validate(update, context={"bot": bot})
        api_before, sql_before = self.fake.api_seconds, self.probe.statements
        holds_before = len(self.probe.write_holds)
        started = time.perf_counter()
        response = await dp.feed_update(bot, parsed)
        elapsed = time.perf_counter() - started
        if isinstance(response, TelegramMethod):  # polling would execute it too
            await bot(response)
        self.last = Sample(
            elapsed,
            self.fake.api_seconds - api_before,
            self.probe.statements - sql_before,
            sum(self.probe.write_holds[holds_before:]),
        )

    def taken(self) -> Sample:
        assert self.last is not None
        sample, self.last = self.last, None
        return sample


@dataclass
class AnswerSamples:
    begin: list[Sample] = field(default_factory=list)  # «Начать» → the first item
    items: list[Sample] = field(default_factory=list)  # answers 1..35 → the next item
    final: list[Sample] = field(default_factory=list)  # answer 36 → results, radar, recommendations


async def open_and_answer(
    teacher: Teacher, labels: Sequence[str], rng: random.Random, out: AnswerSamples
) -> None:
    user = teacher.user
    await user.send("/menu")
    await user.click("📊 Моя диагностика")
    await user.click("Общая диагностика")
    teacher.last = None
    await user.click("Начать")
    out.begin.append(teacher.taken())
    skill = rng.uniform(0.4, 2.6)
    count = 0
    while True:
        match = ITEM.search(user.last_message.text or "")
        if match is None:
            break
        number, total = int(match.group(1)), int(match.group(2))
        if number != count + 1:
            raise AssertionError(f"{user!r}: expected item {count + 1}, the bot shows {number}")
        value = max(0, min(len(labels) - 1, round(rng.gauss(skill, 0.8))))
        await user.click(labels[value])
        (out.final if number == total else out.items).append(teacher.taken())
        count += 1
    texts = [m.text or "" for m in user.last_messages(3)]
    if count != 36 or not any("Результаты" in t for t in texts):
        raise AssertionError(f"{user!r}: answered {count} items, no results shown: {texts}")


def _sample_rows(prefix: str, samples: Sequence[Sample], *, split: bool) -> list[Row]:
    rows = [Row(prefix, [s.seconds for s in samples])]
    if split:
        sql = sorted(s.statements for s in samples)
        rows[0].note = f"{statistics.median(sql):.0f} SQL statements (min {sql[0]}, max {sql[-1]})"
        rows.append(Row("  of which bot (minus fake Bot API)", [s.seconds - s.api_seconds for s in samples]))
        rows.append(Row("  SQLite write lock held (1st write→COMMIT)", [s.lock_held for s in samples]))
    return rows


async def bench_answers(
    app: App, fake: TimedTelegram, questionnaire: Questionnaire, teachers: int, seed: int
) -> tuple[list[Row], list[str]]:
    rng = random.Random(seed)
    labels = [option.label for option in questionnaire.scale]
    now = datetime.now(UTC)
    sequential_ids = [800_000_001 + i for i in range(teachers)]
    concurrent_ids = [801_000_001 + i for i in range(teachers)]
    db_ids = [802_000_001 + i for i in range(teachers)]
    await register_teachers(app.sessionmaker, sequential_ids + concurrent_ids + db_ids, rng, now)
    rows: list[Row] = []
    notes: list[str] = []

    # One teacher at a time: the server time of each update, nothing else running.
    one = AnswerSamples()
    with SqlProbe(app.engine) as probe:
        started = time.perf_counter()
        for tg_id in sequential_ids:
            await open_and_answer(Teacher(app, fake, probe, tg_id), labels, random.Random(rng.random()), one)
        one_wall = time.perf_counter() - started
    # All at once, one event loop: what a teacher waits when colleagues answer too.
    many = AnswerSamples()
    with SqlProbe(app.engine) as crowd_probe:
        crowd = [Teacher(app, fake, crowd_probe, tg_id) for tg_id in concurrent_ids]
        async with LoopLag() as lag:
            started = time.perf_counter()
            await asyncio.gather(
                *(open_and_answer(t, labels, random.Random(rng.random()), many) for t in crowd)
            )
            crowd_wall = time.perf_counter() - started

    rows += _sample_rows(f"answer → next item (1 teacher at a time, {teachers}×35)", one.items, split=True)
    rows += _sample_rows("answer 36 → results + radar + recs (1 at a time)", one.final, split=True)
    rows += _sample_rows("«Начать» → attempt + item 1 (1 at a time)", one.begin, split=True)
    rows += _sample_rows(f"answer → next item ({teachers} teachers at once)", many.items, split=False)
    rows += _sample_rows(f"answer 36 → results ({teachers} at once)", many.final, split=False)
    updates = teachers * (4 + 36)
    notes += [
        f"{teachers} teachers at once: {updates} updates in {crowd_wall:.1f} s = "
        f"{updates / crowd_wall:.0f} upd/s",
        f"  event loop blocked (a 10 ms sleep overshooting): {lag.summary()}",
        f"  SQLite: {crowd_probe.summary(crowd_wall)}",
        f"  pool: {crowd_probe.pool_summary(crowd_wall)}",
        f"1 teacher at a time: {updates} updates in {one_wall:.1f} s; SQLite: {probe.summary(one_wall)}",
    ]

    # The DB part alone, one answer per session (= per update) as the bot does it.
    t_user: list[float] = []
    t_load: list[float] = []
    t_answer: list[float] = []
    t_commit: list[float] = []
    attempts: dict[int, int] = {}
    for tg_id in db_ids:
        async with app.sessionmaker() as session:
            repos = Repos(session)
            user = await repos.users.by_tg_id(tg_id)
            assert user is not None
            attempt, _q = await _diagnosis(repos).start_or_resume(user, QUESTIONNAIRE)
            attempts[tg_id] = attempt.id
            await repos.commit()
    for index in range(len(questionnaire.items)):
        for tg_id in db_ids:
            async with app.sessionmaker() as session:
                repos = Repos(session)
                started = time.perf_counter()
                user = await repos.users.by_tg_id(tg_id)
                assert user is not None
                loaded = time.perf_counter()
                attempt, q = await _diagnosis(repos).load_attempt(user, attempts[tg_id])
                answering = time.perf_counter()
                await _diagnosis(repos).answer(attempt, q, index, rng.randrange(len(labels)))
                committing = time.perf_counter()
                await repos.commit()
                done = time.perf_counter()
            t_user.append(loaded - started)
            t_load.append(answering - loaded)
            t_answer.append(committing - answering)
            t_commit.append(done - committing)
    n = len(t_answer)
    rows += [
        Row(
            f"DB: service.answer + commit ({teachers}×36)",
            [a + c for a, c in zip(t_answer, t_commit, strict=True)],
            "upsert answer, flush position, COMMIT",
        ),
        Row("  service.answer (upsert + flush)", t_answer),
        Row("  commit", t_commit),
        Row("DB: users.by_tg_id (UserMiddleware)", t_user, "User + selectin subjects + roles"),
        Row("DB: service.load_attempt", t_load, "attempt + content version + Questionnaire validate"),
        Row(
            "DB: all of the above",
            [t_user[i] + t_load[i] + t_answer[i] + t_commit[i] for i in range(n)],
        ),
    ]
    version_body = questionnaire.model_dump(mode="json")
    validate: list[float] = []
    for _ in range(200):
        started = time.perf_counter()
        Questionnaire.model_validate(version_body)
        validate.append(time.perf_counter() - started)
    rows.append(Row("  Questionnaire.model_validate(body)", validate, "once per version (cached)"))
    return rows, notes
