"""The broadcast engine against the fake Bot API: the global rate, 429 storms, blocked users,
network errors, stopping, and a crash in the middle of a broadcast."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.events import BroadcastKind
from bot.services import broadcasts
from storage.models import Broadcast, User
from tests.conftest import BotEnv, FakeClock, _env

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
async def fast_env(tmp_path: Path, clock: FakeClock):
    async for env in _env(tmp_path, "sqlite", clock, broadcast_rate=40.0):
        yield env


async def people(env: BotEnv, count: int, start: int = 5000) -> list[User]:
    async with env.repos() as repos:
        users = []
        for i in range(count):
            tg_id = start + i
            env.fake.add_chat(tg_id)
            user = await repos.users.create(tg_id, locale="ru", consent_at=NOW, consent_version="1")
            await repos.users.update(user, full_name=f"Учитель {i}", registered_at=NOW)
            users.append(user)
        await repos.commit()
        return users


async def broadcast_to(env: BotEnv, users: list[User], text: str = "📣 Семинар в пятницу") -> int:
    async with env.repos() as repos:
        fresh = [await repos.users.by_id(u.id) for u in users]
        row = await broadcasts.send_to(
            repos,
            [u for u in fresh if u is not None],
            kind=BroadcastKind.EVENT,
            text=text,
            markup=None,
            now=env.clock(),
            default_tz="Europe/Moscow",
        )
        await repos.commit()
        broadcast_id = row.id
    assert env.app is not None
    env.app.outbox.wake()
    return broadcast_id


async def wait_done(
    env: BotEnv,
    broadcast_id: int,
    limit: float = 30.0,
    *,
    tick: bool = False,
) -> broadcasts.Delivery:
    """Until nothing is queued; `tick` moves the bot's clock on, so retries after backoff come due."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while True:
        async with env.repos() as repos:
            row = await repos.session.get(Broadcast, broadcast_id)
            assert row is not None
            delivery = await broadcasts.delivery(repos, row)
        if delivery.pending == 0:
            return delivery
        assert loop.time() < deadline, f"broadcast still pending: {delivery}"
        if tick:
            env.clock.advance(seconds=5)
        await asyncio.sleep(0.1)


def received(env: BotEnv, users: list[User], text: str) -> Counter[int]:
    return Counter(
        m.chat_id
        for u in users
        for m in env.fake.bot_messages(u.tg_id)
        if (m.text or "").startswith(text[:10])
    )


async def test_everyone_reachable_gets_it_once_despite_429s_blocks_and_network_errors(
    fast_env: BotEnv,
) -> None:
    env = fast_env
    users = await people(env, 30)
    env.fake.block_user(users[3].tg_id)
    env.fake.block_user(users[7].tg_id)
    env.fake.inject_429(retry_after=1, method="sendMessage", count=3)
    env.fake.inject_error("sendMessage", users[10].tg_id, 502, "Bad Gateway", count=2)
    broadcast_id = await broadcast_to(env, users)
    delivery = await wait_done(env, broadcast_id, tick=True)
    assert delivery.sent == 28 and delivery.blocked == 2 and delivery.failed == 0
    counts = received(env, users, "📣 Семинар")
    assert set(counts) == {u.tg_id for i, u in enumerate(users) if i not in (3, 7)}
    assert all(n == 1 for n in counts.values())
    assert env.app is not None
    stats = env.app.outbox.stats
    assert stats.rate_limited >= 1 and stats.retried >= 1
    async with env.repos() as repos:
        blocked = await repos.users.by_id(users[3].id)
        assert blocked is not None and blocked.unreachable_at is not None
        # A person who blocked the bot is not even queued next time.
        again = await broadcasts.send_to(
            repos,
            [u for u in [await repos.users.by_id(x.id) for x in users] if u is not None],
            kind=BroadcastKind.EVENT,
            text="x",
            markup=None,
            now=env.clock(),
            default_tz="Europe/Moscow",
        )
        assert again.total == 28
        await repos.outbox.cancel_pending(again.id)
        await repos.commit()


async def test_the_global_rate_is_kept_and_a_429_pauses_everyone(tmp_path: Path, clock: FakeClock) -> None:
    async for env in _env(tmp_path, "sqlite", clock, broadcast_rate=20.0):
        users = await people(env, 40)
        # Telegram's own limit here is above ours: no 429 should come from pacing alone.
        env.fake.set_rate_limit(global_per_second=25, per_chat_per_second=1)
        loop = asyncio.get_running_loop()
        started = loop.time()
        broadcast_id = await broadcast_to(env, users)
        delivery = await wait_done(env, broadcast_id)
        elapsed = loop.time() - started
        assert delivery.sent == 40
        assert elapsed >= 40 / 20 * 0.85  # not faster than the configured rate
        assert env.app is not None and env.app.outbox.stats.rate_limited == 0
        # Now a storm: a 429 with retry_after=2 stops every sender for 2 seconds at once.
        more = await people(env, 10, start=7000)
        env.fake.inject_429(retry_after=2, method="sendMessage", count=1)
        t0 = loop.time()
        second = await broadcast_to(env, more, text="📣 Второе")
        delivery = await wait_done(env, second)
        assert delivery.sent == 10 and loop.time() - t0 >= 2.0
        assert env.app.outbox.limiter.pauses >= 1


async def test_staff_stop_a_broadcast_and_the_rest_is_not_sent(tmp_path: Path, clock: FakeClock) -> None:
    async for env in _env(tmp_path, "sqlite", clock, broadcast_rate=10.0):
        users = await people(env, 60)
        broadcast_id = await broadcast_to(env, users)
        await asyncio.sleep(1.0)
        async with env.repos() as repos:
            row = await repos.session.get(Broadcast, broadcast_id)
            assert row is not None
            dropped = await broadcasts.stop(repos, row, env.clock())
            await repos.commit()
        assert dropped > 20
        delivery = await wait_done(env, broadcast_id)
        assert delivery.cancelled == dropped and delivery.sent + delivery.cancelled == 60
        await asyncio.sleep(0.5)
        assert sum(received(env, users, "📣 Семинар").values()) == delivery.sent


async def test_a_crash_mid_broadcast_loses_nobody_and_duplicates_stay_within_the_in_flight(
    tmp_path: Path, clock: FakeClock
) -> None:
    async for env in _env(tmp_path, "sqlite", clock, broadcast_rate=15.0):
        users = await people(env, 45)
        broadcast_id = await broadcast_to(env, users)
        await asyncio.sleep(1.2)
        await env.crash()  # the process dies: nothing is flushed, claims stay "sending"
        before = sum(received(env, users, "📣 Семинар").values())
        assert 0 < before < 45
        await env.start()
        delivery = await wait_done(env, broadcast_id)
        counts = received(env, users, "📣 Семинар")
        assert set(counts) == {u.tg_id for u in users}  # every recipient got it
        duplicates = sum(n - 1 for n in counts.values())
        async with env.repos() as repos:
            row = await repos.session.get(Broadcast, broadcast_id)
            assert row is not None
        assert duplicates <= row.resent_after_crash  # only those in flight at the crash, and counted
        assert delivery.sent == 45
