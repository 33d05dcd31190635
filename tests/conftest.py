"""Fixtures: the real application against a fake Telegram Bot API, on SQLite and — when
TEST_POSTGRES_URL / TEST_REDIS_URL are set — on PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from pydantic import SecretStr
from sqlalchemy import create_engine, delete, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app import App, build_app
from bot.config import Settings
from bot.domain.outbox import OutboxStatus
from handlers import setup_routers
from storage.models import OutboxMessage
from storage.repositories import Repos
from tests.fakes import FakeBotApiServer, FakeTelegram, TgUser, http_deliver

TOKEN = "123456789:TEST-token-for-the-fake-bot-api-0000"
ADMIN_ID = 900_000_001

# Under pytest-xdist (`pytest -n auto`) each worker (gw0, gw1, …) has a database and a Redis db
# of its own, so one worker's reset never wipes another's data: TEST_POSTGRES_URL's database name
# plus the worker's suffix (created on the first run), TEST_REDIS_URL's db number plus the worker's
# index. Without xdist the URLs are used as given. Every test reaches the servers through these two.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")  # "gw0", "gw1", … in an xdist worker


def worker_postgres_url(url: str | None, worker: str | None = XDIST_WORKER) -> str | None:
    if url is None or worker is None:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


def worker_redis_url(url: str | None, worker: str | None = XDIST_WORKER) -> str | None:
    if url is None or worker is None:
        return url
    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{db}"))


POSTGRES_URL = worker_postgres_url(os.environ.get("TEST_POSTGRES_URL"))
REDIS_URL = worker_redis_url(os.environ.get("TEST_REDIS_URL"))


def create_postgres_database(given_url: str, url: str) -> None:
    """Create `url`'s database, if missing, through a connection to the given one."""
    name = make_url(url).database or ""
    exists = text("SELECT 1 FROM pg_database WHERE datname = :name")
    create = text('CREATE DATABASE "{}"'.format(name.replace('"', '""')))
    engine = create_engine(
        make_url(given_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    try:
        with engine.connect() as conn:
            for attempt in range(5):
                if conn.execute(exists, {"name": name}).first() is not None:
                    return
                try:
                    conn.execute(create)
                    return
                except DBAPIError:
                    # Another run created it meanwhile, or was copying the template: look again.
                    if attempt == 4:
                        raise
                    time.sleep(0.5)
    finally:
        engine.dispose()


# The longest tests (a bot process of their own, or hundreds of forged requests): under xdist they
# start first, so that no worker is left running one of them alone at the end of the run.
SLOW_FILES = ("tests/test_walk.py", "tests/test_scope_forgery.py", "tests/test_process.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if XDIST_WORKER is not None:
        items.sort(key=lambda item: item.nodeid.split("::")[0] not in SLOW_FILES)


def pytest_sessionstart(session: pytest.Session) -> None:
    given = os.environ.get("TEST_POSTGRES_URL")
    if given and POSTGRES_URL and given != POSTGRES_URL:
        create_postgres_database(given, POSTGRES_URL)


BACKENDS = ["sqlite"] + (["postgres"] if POSTGRES_URL else []) + (["redis"] if REDIS_URL else [])


class FakeClock:
    """A clock the tests move by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


async def reset_postgres(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def reset_redis(url: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(url)
    await client.flushdb()
    await client.aclose()


def make_settings(tmp_path: Path, backend: str, base_url: str, **overrides: Any) -> Settings:
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    if backend == "postgres":
        assert POSTGRES_URL
        database_url = POSTGRES_URL
    values: dict[str, Any] = {
        "bot_token": SecretStr(TOKEN),
        "database_url": database_url,
        "telegram_api_url": base_url,
        "admin_ids": frozenset({ADMIN_ID}),
        "redis_url": REDIS_URL if backend == "redis" else None,
        # Tests click faster than people; the throttling test turns it on explicitly.
        "throttle_burst": 0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@dataclass
class BotEnv:
    """The bot as it runs in production (long polling over HTTP), against the fake Bot API."""

    fake: FakeTelegram
    server: FakeBotApiServer
    settings: Settings
    clock: FakeClock
    app: App | None = None
    task: asyncio.Task[None] | None = None
    _users: dict[int, TgUser] = field(default_factory=dict)

    async def start(self) -> None:
        polls_before = len(self.fake.requests_for("getUpdates"))
        self.app = await build_app(self.settings, routers=setup_routers, clock=self.clock)
        # Sequential handling: the next getUpdates means the previous update is fully processed.
        self.task = asyncio.create_task(
            self.app.run_polling(handle_as_tasks=False, handle_signals=False, polling_timeout=1)
        )
        for _ in range(500):
            if len(self.fake.requests_for("getUpdates")) > polls_before:
                break
            if self.task.done():
                self.task.result()
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        if self.app is None or self.task is None:
            return
        with contextlib.suppress(RuntimeError):
            await self.app.dp.stop_polling()
        await asyncio.wait_for(self.task, 15)
        self.app, self.task = None, None

    async def crash(self) -> None:
        """Kill polling mid-flight, as a crash would; only the database and FSM storage remain."""
        assert self.app is not None and self.task is not None
        self.app.outbox.kill()
        dp = self.app.dp
        # aiogram leaves its polling tasks running when the outer task is cancelled; a dead
        # process would not poll on, so cancel them too.
        pollers = [
            t
            for t in asyncio.all_tasks()
            if getattr(t.get_coro(), "cr_frame", None) is not None
            and t.get_coro().cr_frame.f_locals.get("self") is dp
        ]
        for task in [*pollers, self.task]:
            task.cancel()
        for task in [*pollers, self.task]:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.app, self.task = None, None

    async def restart(self, *, crash: bool = False) -> None:
        await (self.crash() if crash else self.stop())
        await self.start()

    def user(self, user_id: int, **kwargs: Any) -> TgUser:
        if user_id not in self._users:
            self._users[user_id] = TgUser(self.fake, http_deliver(self.fake), user_id, **kwargs)
        return self._users[user_id]

    @contextlib.asynccontextmanager
    async def repos(self) -> AsyncIterator[Repos]:
        assert self.app is not None
        async with self.app.sessionmaker() as session:
            yield Repos(session)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


async def drop_held(env: BotEnv) -> None:
    """Forget what the start kept for admins who have not written yet (the demo directory's notice):
    most tests' admin would otherwise get it with their first message, between the screens the test
    reads. `env_with_held` keeps it, for the tests of that notice."""
    assert env.app is not None
    async with env.app.sessionmaker() as session:
        await session.execute(delete(OutboxMessage).where(OutboxMessage.status == OutboxStatus.HELD))
        await session.commit()


async def _env(
    tmp_path: Path, backend: str, clock: FakeClock, *, keep_held: bool = False, **overrides: Any
) -> AsyncIterator[BotEnv]:
    if backend == "postgres":
        assert POSTGRES_URL
        await reset_postgres(POSTGRES_URL)
    if backend == "redis":
        assert REDIS_URL
        await reset_redis(REDIS_URL)
    fake = FakeTelegram(bot_id=int(TOKEN.split(":")[0]))
    server = FakeBotApiServer(fake)
    base_url = await server.start()
    env = BotEnv(fake, server, make_settings(tmp_path, backend, base_url, **overrides), clock)
    await env.start()
    if not keep_held:
        await drop_held(env)
    try:
        yield env
    finally:
        await env.stop()
        await server.stop()
    unanswered = fake.unanswered_callbacks()
    assert not unanswered, f"callback queries left unanswered: {unanswered}"


@pytest.fixture(params=BACKENDS)
async def env_all(request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock) -> AsyncIterator[BotEnv]:
    """The same flow on every configured backend."""
    async for env in _env(tmp_path, request.param, clock):
        yield env


@pytest.fixture
async def env(tmp_path: Path, clock: FakeClock) -> AsyncIterator[BotEnv]:
    async for item in _env(tmp_path, "sqlite", clock):
        yield item


@pytest.fixture(params=BACKENDS)
async def env_with_held(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock
) -> AsyncIterator[BotEnv]:
    """As `env_all`, keeping what the start held for admins who have not written yet."""
    async for item in _env(tmp_path, request.param, clock, keep_held=True):
        yield item
