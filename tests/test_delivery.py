"""The one delivery path: a service's notice is rendered in the recipient's language, queued in the
outbox within the update's (or the job's) transaction, sent at the shared pace once it has
committed — never when it was rolled back — at most once per dedupe key; a recipient who blocked
the bot is marked unreachable by the outbox."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Update
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import build_app
from bot.delivery import DEDUPE_LENGTH, Rendered, renders
from bot.domain.outbox import OutboxStatus
from bot.i18n import Translator
from bot.middlewares import DbSessionMiddleware
from bot.scheduler import JobRuntime
from bot.services.container import Services
from bot.services.notices import Letter, Notice
from handlers import setup_routers
from storage.models import OutboxMessage, User
from storage.repositories import Repos
from tests.conftest import ADMIN_ID, BotEnv, FakeClock, make_settings
from tests.fakes import FakeSession, FakeTelegram
from tests.flows import settle

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Ping(Notice):
    number: int


@renders(Ping)
def ping(notice: Ping, _: Translator) -> Rendered:
    # Any text of the locales will do: the one in the recipient's language.
    text = _("directory-sample-loaded", municipalities=notice.number, schools=notice.number)
    return text, InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="ok", callback_data="m:x")]]
    )


class Waker:
    """The outbox worker's door, counting the knocks (and passing them on to the real one)."""

    def __init__(self, env: BotEnv | None = None) -> None:
        self.env = env
        self.woken = 0

    def wake(self) -> None:
        self.woken += 1
        if self.env is not None and self.env.app is not None:
            self.env.app.outbox.wake()


async def person(env: BotEnv, tg_id: int, locale: str) -> User:
    env.fake.add_chat(tg_id)
    async with env.repos() as repos:
        user = await repos.users.create(tg_id, locale=locale, consent_at=NOW, consent_version="1")
        await repos.commit()
        return user


async def queued(env: BotEnv) -> list[OutboxMessage]:
    async with env.repos() as repos:
        return list(await repos.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def services(env: BotEnv, repos: Any, wake: Waker | None = None) -> Services:
    assert env.app is not None
    return Services.build(repos, env.settings, env.clock, env.app.i18n, wake.wake if wake else None)


async def test_a_notice_is_rendered_in_each_recipients_language(env: BotEnv) -> None:
    assert env.app is not None
    ru, en = await person(env, 7001, "ru"), await person(env, 7002, "en")
    async with env.repos() as repos:
        notifier = services(env, repos).notifier
        assert await notifier.tell(ru, Ping(3))
        assert await notifier.tell(en, Ping(3))
        await repos.commit()
    await settle(env)
    for user in (ru, en):
        _ = env.app.i18n.get(user.locale)
        (message,) = env.fake.bot_messages(user.tg_id)
        wanted, _markup = ping(Ping(3), _)
        assert message.html == wanted
        assert (
            message.reply_markup is not None and message.reply_markup["inline_keyboard"][0][0]["text"] == "ok"
        )
    assert env.fake.bot_messages(ru.tg_id)[0].text != env.fake.bot_messages(en.tg_id)[0].text


async def test_a_notice_goes_with_the_updates_transaction_and_the_worker_is_woken_after_commit(
    env: BotEnv,
) -> None:
    assert env.app is not None
    teacher = await person(env, 7003, "ru")
    middleware = DbSessionMiddleware(env.app.sessionmaker)
    waker = Waker(env)

    def data() -> dict[str, Any]:
        return {"settings": env.settings, "clock": env.clock, "i18n": env.app.i18n, "outbox": waker}

    async def fails(_event: Any, data: dict[str, Any]) -> None:
        assert await data["services"].notifier.tell(teacher, Ping(1))
        raise RuntimeError("the update failed after telling")

    with pytest.raises(RuntimeError):
        await middleware(fails, Update(update_id=1), data())
    await settle(env)
    assert await queued(env) == [] and waker.woken == 0
    assert env.fake.bot_messages(teacher.tg_id) == []

    async def succeeds(_event: Any, data: dict[str, Any]) -> None:
        assert await data["services"].notifier.tell(teacher, Ping(2))
        assert await data["services"].notifier.tell(teacher, Ping(3))
        assert waker.woken == 0  # not before the commit: the worker would find nothing

    await middleware(succeeds, Update(update_id=2), data())
    assert waker.woken == 1  # once for the transaction, however many were told
    await settle(env)
    assert [m.status for m in await queued(env)] == [OutboxStatus.SENT, OutboxStatus.SENT]
    assert len(env.fake.bot_messages(teacher.tg_id)) == 2


async def test_a_dedupe_key_is_queued_once(env: BotEnv) -> None:
    teacher = await person(env, 7004, "ru")
    for _run in range(2):  # a job that runs twice
        async with env.repos() as repos:
            told = await services(env, repos).notifier.tell(teacher, Ping(1), dedupe="ping:7004")
            await repos.commit()
        assert told is (_run == 0)
    async with env.repos() as repos:
        with pytest.raises(ValueError, match="dedupe key"):
            await services(env, repos).notifier.tell(teacher, Ping(1), dedupe="k" * (DEDUPE_LENGTH + 1))
    await settle(env)
    assert len(await queued(env)) == 1
    assert len(env.fake.bot_messages(teacher.tg_id)) == 1


async def test_a_recipient_without_a_chat_is_not_queued(env: BotEnv) -> None:
    assert env.app is not None
    async with env.repos() as repos:
        nobody = User(id=10**6, tg_id=None, locale="ru")
        assert not await services(env, repos).notifier.tell(nobody, Ping(1))
    assert await queued(env) == []


async def test_a_blocked_recipient_is_marked_unreachable_by_the_outbox(env: BotEnv) -> None:
    teacher = await person(env, 7005, "ru")
    env.fake.block_user(teacher.tg_id)
    async with env.repos() as repos:
        assert await services(env, repos, Waker(env)).notifier.tell(teacher, Ping(1))
        await repos.commit()
    await settle(env)
    (row,) = await queued(env)
    assert row.status == OutboxStatus.BLOCKED
    async with env.repos() as repos:
        again = await repos.users.by_id(teacher.id)
        assert again is not None and again.unreachable_at is not None


async def test_a_jobs_notices_are_queued_with_its_commit(env: BotEnv) -> None:
    assert env.app is not None
    teacher = await person(env, 7006, "en")
    waker = Waker(env)
    rt = JobRuntime(env.app.bot, env.app.sessionmaker, env.app.i18n, env.settings, env.clock, waker)
    with pytest.raises(RuntimeError):
        async with rt.services() as job:
            assert await job.notifier.tell(teacher, Ping(1))
            raise RuntimeError("the job failed")
    assert await queued(env) == [] and waker.woken == 0
    async with rt.services() as job:
        assert await job.notifier.tell(teacher, Ping(2))
        assert waker.woken == 0
    assert waker.woken == 1
    await settle(env)
    (message,) = env.fake.bot_messages(teacher.tg_id)
    assert message.html == ping(Ping(2), env.app.i18n.get("en"))[0]


async def test_admins_are_told_through_the_outbox_that_the_demo_directory_was_loaded(
    tmp_path: Path, clock: FakeClock
) -> None:
    fake = FakeTelegram(bot_id=123456789)
    fake.add_chat(ADMIN_ID)
    settings = make_settings(tmp_path, "sqlite", "http://unused.invalid")
    app = await build_app(settings, routers=setup_routers, clock=clock, session=FakeSession(fake))
    try:
        async with app.sessionmaker() as session:  # an admin who has opened the bot, in English
            repos = Repos(session)
            await repos.users.create(ADMIN_ID, locale="en", consent_at=NOW, consent_version="1")
            await repos.commit()
        await app.startup()  # the directory is empty: the demo region is loaded
        assert app.sample_loaded
        for _ in range(200):
            if fake.bot_messages(ADMIN_ID):
                break
            await asyncio.sleep(0.05)
        (message,) = fake.bot_messages(ADMIN_ID)
        assert message.text is not None and "demo" in message.text
        async with app.sessionmaker() as session:
            (row,) = (await session.scalars(select(OutboxMessage))).all()
        assert row.chat_id == ADMIN_ID and row.text == message.html
    finally:
        await app.close()


async def test_messages_to_one_chat_arrive_in_the_order_they_were_queued(env: BotEnv) -> None:
    """A notice and the question after it, to one person: the outbox sends them concurrently to
    different chats, but one chat's messages wait for each other."""
    teacher = await person(env, 7008, "ru")
    others = [await person(env, 7100 + n, "ru") for n in range(6)]
    async with env.repos() as repos:
        told = services(env, repos).notifier
        for number in range(1, 7):
            await told.tell(teacher, Ping(number))
            await told.tell(others[number - 1], Ping(number))
        await repos.commit()
    assert env.app is not None
    env.app.outbox.wake()
    await settle(env)
    # The Ping's number is the first figure of its text (municipalities).
    numbers = [int(re.findall(r"\d+", m.text or "")[0]) for m in env.fake.bot_messages(teacher.tg_id)]
    assert numbers == [1, 2, 3, 4, 5, 6]


@contextlib.contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """The SQL statements run on `engine` meanwhile."""
    seen: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", before)


async def test_many_are_told_in_one_statement_each_in_their_language(env: BotEnv) -> None:
    """A survey's wave: everyone's invitation in one INSERT, rendered in each one's language;
    someone without a chat is left out."""
    assert env.app is not None
    people = [await person(env, 7200 + n, "en" if n % 2 else "ru") for n in range(6)]
    nobody = User(id=10**6, tg_id=None, locale="ru")
    waker = Waker(env)
    async with env.repos() as repos:
        notifier = services(env, repos, waker).notifier
        letters = [Letter(p, Ping(n), dedupe=f"many:{p.id}") for n, p in enumerate([*people, nobody])]
        with statements(env.app.engine) as seen:
            told = await notifier.tell_many(letters)
        assert told == letters[:-1]
        (statement,) = seen
        assert statement.lstrip().upper().startswith("INSERT INTO OUTBOX")
        await repos.commit()
    assert waker.woken == 1
    await settle(env)
    for n, user in enumerate(people):
        (message,) = env.fake.bot_messages(user.tg_id)
        assert message.html == ping(Ping(n), env.app.i18n.get(user.locale))[0]
    assert {m.user_id for m in await queued(env)} == {p.id for p in people}


async def test_many_told_twice_are_queued_once(env: BotEnv) -> None:
    """A wave's job that runs twice (or a letter repeated in one call) queues nobody twice; what
    was queued before is not returned, the new ones are."""
    first, second = await person(env, 7301, "ru"), await person(env, 7302, "en")
    async with env.repos() as repos:
        notifier = services(env, repos).notifier
        told = await notifier.tell_many(
            [Letter(first, Ping(1), dedupe="twice:1"), Letter(first, Ping(2), dedupe="twice:1")]
        )
        assert [letter.notice for letter in told] == [Ping(1)]
        await repos.commit()
    async with env.repos() as repos:
        notifier = services(env, repos).notifier
        again = [Letter(first, Ping(1), dedupe="twice:1"), Letter(second, Ping(1), dedupe="twice:2")]
        assert await notifier.tell_many(again) == again[1:]
        assert await notifier.tell_many([]) == []
        with pytest.raises(ValueError, match="dedupe key"):
            await notifier.tell_many([Letter(second, Ping(1), dedupe="k" * (DEDUPE_LENGTH + 1))])
        await repos.commit()
    rows = await queued(env)
    assert [(r.user_id, r.dedupe) for r in rows] == [(first.id, "twice:1"), (second.id, "twice:2")]
