"""Building and running the application. Tests build exactly this app against a fake Bot API."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiogram import Bot, Dispatcher, Router
from aiogram import methods as aiogram_methods
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.methods.base import Response, TelegramMethod
from aiogram.types import BotCommand, BotCommandScopeDefault
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.context import AppData
from bot.delivery import OutboxNotifier
from bot.domain.time import Clock, utc_now
from bot.i18n import I18n
from bot.isolation import ChatLocks, create_storage
from bot.middlewares import (
    DbSessionMiddleware,
    SafeCallbackAnswer,
    SlowDownMiddleware,
    ThrottlingMiddleware,
    TurnMiddleware,
    UserMiddleware,
)
from bot.outbox import OutboxWorker
from bot.scheduler import JobRuntime, JobScheduler
from bot.services import content
from bot.services.directory import SAMPLE_DIRECTORY, ensure_sample_directory
from bot.services.notices import Letter, SampleDirectoryLoaded
from bot.telegram import RequestPolicy
from bot.ui import notices as _notices  # noqa: F401  (registers the renderers of the bot's own notices)
from bot.ui.broadcasts import broadcast_progress
from bot.ui.messaging import EditLog
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.repositories import Repos

log = logging.getLogger(__name__)

COMMANDS = ("start", "menu", "profile", "mydata", "help", "language", "cancel")
# Updates handled at once (each holds a DB connection while it talks to Telegram).
MAX_CONCURRENT_UPDATES = 32
SHUTDOWN_GRACE_SECONDS = 15
# Pauses between attempts to reach Telegram at start: 1, 2, 4 … up to a minute.
CONNECT_BACKOFF = (1.0, 60.0)

T = TypeVar("T")


class TokenRefused(Exception):
    """Telegram does not know this bot token (401 Unauthorized, 404 Not Found)."""


class Stopped(Exception):
    """Asked to stop (SIGTERM, Ctrl+C) before the bot could start."""


@functools.cache
def _pin_response_types() -> tuple[type, ...]:
    """Keep aiogram's `Response[T]` classes alive.

    aiogram builds `Response[method.__returning__]` for every API answer; pydantic caches such
    generic classes only weakly, so they were rebuilt again and again (~6 ms of CPU per update in
    `benchmarks/registration`). Holding one strong reference per result type keeps the cache warm.
    """
    returning = set()
    for name in dir(aiogram_methods):
        method = getattr(aiogram_methods, name)
        if isinstance(method, type) and issubclass(method, TelegramMethod) and method is not TelegramMethod:
            result = getattr(method, "__returning__", None)
            if result is not None:
                returning.add(result)
    return tuple(Response[result] for result in returning)  # type: ignore[valid-type]


def create_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    _pin_response_types()
    if session is None:
        session = AiohttpSession()
        if settings.telegram_api_url:
            session.api = TelegramAPIServer.from_base(settings.telegram_api_url)
    return Bot(
        settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def create_dispatcher(
    settings: Settings,
    *,
    sessionmaker: async_sessionmaker[AsyncSession],
    storage: BaseStorage,
    events_isolation: BaseEventIsolation,
    i18n: I18n,
    routers: Router,
    clock: Clock = utc_now,
    outbox: OutboxWorker | None = None,
    scheduler: JobScheduler | None = None,
    edits: EditLog | None = None,
) -> Dispatcher:
    workflow: AppData = {
        "settings": settings,
        "i18n": i18n,
        "clock": clock,
        "outbox": outbox,
        "scheduler": scheduler,
    }
    dp = Dispatcher(storage=storage, events_isolation=events_isolation, **workflow)
    # Order matters: throttle before touching the database; the user needs the session; a long
    # 429 is caught inside the session, so what the person did is still committed.
    dp.update.outer_middleware(ThrottlingMiddleware(i18n, settings.throttle_burst, settings.throttle_rate))
    dp.update.outer_middleware(DbSessionMiddleware(sessionmaker))
    dp.update.outer_middleware(UserMiddleware(i18n, settings.admin_ids))
    dp.update.outer_middleware(SlowDownMiddleware())
    dp.callback_query.middleware(SafeCallbackAnswer(edits))
    # Last of the dispatcher's inner middlewares, so the handler's Turn holds the tap's answer.
    dp.message.middleware(TurnMiddleware())
    dp.callback_query.middleware(TurnMiddleware())
    dp.include_router(routers)
    return dp


@dataclass
class App:
    settings: Settings
    bot: Bot
    dp: Dispatcher
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    storage: BaseStorage
    i18n: I18n
    scheduler: JobScheduler
    clock: Clock
    outbox: OutboxWorker
    sample_loaded: bool = field(default=False)
    _stop: asyncio.Event = field(default_factory=asyncio.Event, init=False, repr=False)

    async def startup(self) -> None:
        await self.connect()
        await self._load_sample_directory()
        await self._load_content()
        await self._set_commands()
        await self.scheduler.start(
            JobRuntime(self.bot, self.sessionmaker, self.i18n, self.settings, self.clock, self.outbox)
        )
        await self.outbox.start()

    def request_stop(self) -> None:
        """SIGTERM or Ctrl+C while starting: give up waiting for Telegram (polling has its own)."""
        self._stop.set()

    async def connect(self) -> None:
        """Make sure Telegram answers and knows the token before anything else is sent."""
        me = await self._telegram("getMe", self.bot.me)
        log.info("connected to Telegram as @%s", me.username)

    async def _telegram(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        """A request at start: a network problem (or Telegram's own) is retried with a growing
        pause and a line in the log; a refused token stops the start with `TokenRefused`."""
        pause, longest = CONNECT_BACKOFF
        while True:
            try:
                return await call()
            except (TelegramUnauthorizedError, TelegramNotFound) as exc:
                raise TokenRefused(exc.message) from None
            except (TelegramNetworkError, TelegramServerError, TelegramRetryAfter, ClientDecodeError) as exc:
                wait = float(exc.retry_after) if isinstance(exc, TelegramRetryAfter) else pause
                reason = exc.message if isinstance(exc, TelegramAPIError) else str(exc)
                log.warning("%s: Telegram is not reachable (%s); trying again in %.0f s", what, reason, wait)
                pause = min(pause * 2, longest)
            try:
                await asyncio.wait_for(self._stop.wait(), wait)
            except TimeoutError:
                continue
            raise Stopped

    async def _load_sample_directory(self) -> None:
        path = self.settings.sample_directory or SAMPLE_DIRECTORY
        async with self.sessionmaker() as session:
            repos = Repos(session)
            report = await ensure_sample_directory(repos, path)
            if report is not None:
                # Through the outbox, sent once it starts. Telegram refuses a first message to
                # someone who never opened the bot ("chat not found"), or has blocked it: for such
                # an admin it is kept, and goes when they next write to the bot.
                notifier = OutboxNotifier(repos.outbox, self.i18n, self.clock, None)
                notice = SampleDirectoryLoaded(report.municipalities_added, report.schools_added)
                reachable = []
                for admin_id in sorted(self.settings.admin_ids):
                    admin = await repos.users.by_tg_id(admin_id)
                    if admin is not None and admin.unreachable_at is None:
                        reachable.append(Letter(admin, notice))
                    else:
                        await notifier.hold(admin_id, notice, to=admin)
                await notifier.tell_many(reachable)
            await repos.commit()
        if report is None:
            return
        self.sample_loaded = True
        log.warning(
            "The directory was empty: loaded the demo region from %s (%d municipalities, %d schools). "
            "Replace it with yours: python -m bot import-directory FILE --replace",
            path,
            report.municipalities_added,
            report.schools_added,
        )

    async def _load_content(self) -> None:
        """Questionnaires and recommendations shipped with the bot; a broken file keeps the old version."""
        async with self.sessionmaker() as session:
            repos = Repos(session)
            await content.sync_files(repos.content)
            await repos.commit()

    async def _set_commands(self) -> None:
        for locale in self.i18n.locales:
            _ = self.i18n.get(locale)
            commands = [BotCommand(command=c, description=_(f"cmd-{c}")) for c in COMMANDS]
            await self._telegram(
                "setMyCommands",
                functools.partial(
                    self.bot.set_my_commands, commands, scope=BotCommandScopeDefault(), language_code=locale
                ),
            )
            if locale == self.settings.default_locale:
                await self._telegram(
                    "setMyCommands",
                    functools.partial(self.bot.set_my_commands, commands, scope=BotCommandScopeDefault()),
                )

    async def run_polling(self, **kwargs: Any) -> None:
        """Start, poll until stopped (SIGINT/SIGTERM by default), then close everything.

        Raises `TokenRefused` when Telegram does not know the token; returns quietly when asked to
        stop while still waiting for Telegram."""
        kwargs.setdefault("tasks_concurrency_limit", MAX_CONCURRENT_UPDATES)
        try:
            await self.startup()
            await self._telegram(
                "deleteWebhook", functools.partial(self.bot.delete_webhook, drop_pending_updates=False)
            )
            await self._release_dead_locks()
            # The session stays open until updates in flight are done (see close()).
            await self.dp.start_polling(self.bot, close_bot_session=False, **kwargs)
        except Stopped:
            log.info("stopped before Telegram could be reached")
        finally:
            await self.close()

    async def _release_dead_locks(self) -> None:
        """Polling has a single consumer: chat locks found in Redis now belong to a process that
        died mid-update, and the chats they hold would not be answered until the locks expire."""
        isolation = self.dp.fsm.events_isolation
        if isinstance(isolation, ChatLocks):
            released = await isolation.release_all(self.bot.id)
            if released:
                log.info("released %d chat locks left by a previous run", released)

    async def close(self) -> None:
        # Updates already taken from Telegram are not delivered again: let them finish first.
        in_flight = [t for t in getattr(self.dp, "_handle_update_tasks", ()) if not t.done()]
        if in_flight:
            log.info("waiting for %d updates in progress", len(in_flight))
            await asyncio.wait(in_flight, timeout=SHUTDOWN_GRACE_SECONDS)
        self.scheduler.shutdown()
        await self.outbox.stop()
        await self.storage.close()
        await self.bot.session.close()
        await self.engine.dispose()


async def build_app(
    settings: Settings,
    *,
    routers: Callable[[], Router],
    clock: Clock = utc_now,
    session: BaseSession | None = None,
) -> App:
    """The application, composed: `routers` builds the handlers' tree (`handlers.setup_routers`;
    the bot's core knows no handler)."""
    engine = create_engine(settings.database_url)
    await upgrade(engine)
    sessionmaker = create_sessionmaker(engine)
    storage, isolation = create_storage(settings, engine, sessionmaker)
    i18n = I18n(settings.default_locale)
    bot = create_bot(settings, session)
    edits = EditLog()  # what the bot's edits left in messages: screens and broadcast progress
    outbox = OutboxWorker(
        bot, sessionmaker, i18n, clock, rate=settings.broadcast_rate, progress=broadcast_progress, edits=edits
    )
    # Short 429s of replies are waited out; every message sent takes a slot of the outbox's pace.
    bot.session.middleware(RequestPolicy(outbox.limiter.spend))
    scheduler = JobScheduler(settings)
    dp = create_dispatcher(
        settings,
        sessionmaker=sessionmaker,
        storage=storage,
        events_isolation=isolation,
        i18n=i18n,
        routers=routers(),
        clock=clock,
        outbox=outbox,
        scheduler=scheduler,
        edits=edits,
    )
    return App(settings, bot, dp, engine, sessionmaker, storage, i18n, scheduler, clock, outbox)
