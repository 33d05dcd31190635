"""Registration under load: N people register at once; then the same load on a bare echo bot.

Each simulated person goes through the whole dialogue over HTTP, like ``tests.flows.register``:
/start, consent, name, municipality, school, position, one subject, «Готово», experience,
birth year, category — 11 updates, choosing municipality/school/position/subject/category by
the texts of the bot's real keyboards (different people choose differently).

The echo bot (a Dispatcher with one message handler and one callback handler) gets the same
number of people × the same sequence of messages and button presses through the same fake
Bot API, so the ratio bot/echo shows what the bot's own work costs.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy import func, select

from benchmarks.harness import (
    TOKEN,
    BenchTelegram,
    LoadResult,
    SimUser,
    bench_settings,
    fake_bot_api,
    format_memory,
    format_table,
    run_load,
    running_app,
    running_dispatcher,
)
from benchmarks.report import mib, quiet_logging
from bot.app import App, build_app
from bot.callbacks import RegCD
from bot.services.directory import SAMPLE_DIRECTORY, ensure_sample_directory
from handlers import setup_routers
from storage.models import User
from storage.repositories import Repos

# What each person sends, in order: a typed message or a button press.
STEPS = ("text", "click", "text", "click", "click", "click", "click", "click", "text", "text", "click")
FIRST_USER_ID = 700_000_001

_WOMEN = (
    ("Иванова", "Мария", "Петровна"),
    ("Смирнова", "Анна", "Сергеевна"),
    ("Кузнецова", "Елена", "Викторовна"),
    ("Соколова", "Ольга", "Ивановна"),
    ("Лебедева", "Наталья", "Андреевна"),
    ("Морозова", "Татьяна", "Юрьевна"),
    ("Новикова", "Светлана", "Алексеевна"),
    ("Фёдорова", "Ирина", "Николаевна"),
)
_MEN = (
    ("Петров", "Пётр", "Ильич"),
    ("Волков", "Андрей", "Олегович"),
    ("Зайцев", "Дмитрий", "Сергеевич"),
    ("Орлов", "Михаил", "Павлович"),
)


@dataclass(frozen=True)
class Person:
    user_id: int
    first_name: str
    full_name: str
    language_code: str | None
    experience: str
    birth_year: str


def make_people(count: int, seed: int, year: int) -> list[Person]:
    rng = random.Random(seed)
    people = []
    for index in range(count):
        surname, first, patronymic = rng.choice(_WOMEN if rng.random() < 0.75 else _MEN)
        full_name = rng.choice(
            (f"{surname} {first} {patronymic}", f"{surname} {first}", f"{first} {surname}")
        )
        experience = rng.randint(0, 30)
        age = experience + rng.randint(22, 40)
        people.append(
            Person(
                user_id=FIRST_USER_ID + index,
                first_name=first,
                full_name=full_name,
                language_code=rng.choice(("ru", "ru", "ru", None)),
                experience=rng.choice((str(experience), f"{experience} лет")),
                birth_year=str(year - age),
            )
        )
    return people


def _options(user: SimUser, step: str, action: str) -> list[str]:
    """Texts of the choice buttons on the newest bot message, as the person sees them."""
    texts = []
    for button in user.last_message.inline_buttons:
        try:
            data = RegCD.unpack(str(button.get("callback_data", "")))
        except (TypeError, ValueError):
            continue
        if data.step == step and data.action == action:
            texts.append(str(button["text"]))
    if not texts:
        raise AssertionError(f"{user!r}: no {step}/{action} buttons on {user.last_message}")
    return texts


async def register(user: SimUser, person: Person, rng: random.Random) -> None:
    await user.send("/start")
    await user.click("Даю согласие")
    await user.send(person.full_name)
    await user.click(rng.choice(_options(user, "muni", "pick")))
    await user.click(rng.choice(_options(user, "school", "pick")))
    await user.click(rng.choice(_options(user, "position", "pick")))
    await user.click(rng.choice(_options(user, "subjects", "toggle")))
    await user.click("Готово")
    await user.send(person.experience)
    await user.send(person.birth_year)
    await user.click(rng.choice(_options(user, "category", "pick")))
    if not any("вы зарегистрированы" in m.content for m in user.last_messages(2)):
        raise AssertionError(f"{user!r} did not see the «registered» message: {user.last_messages(2)}")


# ---------------------------------------------------------------------------- the echo bot


def _counter(presses: int) -> InlineKeyboardMarkup:
    button = InlineKeyboardButton(text="Нажми", callback_data=f"echo:{presses}")
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


def build_echo_bot(base_url: str) -> tuple[Bot, Dispatcher]:
    """A bare aiogram bot: echo text (with one button); a press edits the message, then answers.

    Same session type and default properties as the real bot; edit-then-answer is the order the
    real bot uses (its callback answer middleware answers after the handler).
    """
    bot = Bot(
        TOKEN,
        session=AiohttpSession(api=TelegramAPIServer.from_base(base_url)),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    dp = Dispatcher()

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(escape(message.text or ""), reply_markup=_counter(0))

    @dp.callback_query()
    async def pressed(query: CallbackQuery) -> None:
        presses = int((query.data or "echo:0").split(":")[1]) + 1
        if isinstance(query.message, Message):
            await query.message.edit_text(f"Нажато: {presses}", reply_markup=_counter(presses))
        await query.answer()

    return bot, dp


async def echo_steps(user: SimUser, person: Person) -> None:
    texts = iter(("/start", person.full_name, person.experience, person.birth_year))
    for kind in STEPS:
        if kind == "text":
            await user.send(next(texts))
        else:
            await user.click("Нажми")


# ---------------------------------------------------------------------------- running


def _sim_users(fake: BenchTelegram, people: list[Person]) -> list[SimUser]:
    return [SimUser(fake, p.user_id, first_name=p.first_name, language_code=p.language_code) for p in people]


async def _load_directory(app: App) -> None:
    """The demo region, as an admin would have imported a directory before opening the bot."""
    async with app.sessionmaker() as session:
        repos = Repos(session)
        await ensure_sample_directory(repos, SAMPLE_DIRECTORY)
        await repos.commit()


async def _registered(app: App, ids: list[int]) -> int:
    async with app.sessionmaker() as session:
        query = (
            select(func.count()).select_from(User).where(User.registered_at.is_not(None), User.tg_id.in_(ids))
        )
        return int(await session.scalar(query) or 0)


async def run_bot(
    people: list[Person], seed: int, trace_memory: bool, database: Path
) -> tuple[LoadResult, int]:
    async with fake_bot_api() as api:
        app = await build_app(bench_settings(database, api.base_url, throttle_burst=0), routers=setup_routers)
        await _load_directory(app)
        async with running_app(app, api.fake):
            users = _sim_users(api.fake, people)
            rngs = {p.user_id: random.Random(seed * 1_000_003 + p.user_id) for p in people}
            by_id = {p.user_id: p for p in people}

            async def scenario(user: SimUser) -> None:
                await register(user, by_id[user.id], rngs[user.id])

            result = await run_load(
                "bot", api.fake, users, scenario, trace_memory=trace_memory, engine=app.engine
            )
            registered = await _registered(app, [p.user_id for p in people])
    return result, registered


async def run_echo(people: list[Person], trace_memory: bool) -> LoadResult:
    async with fake_bot_api() as api:
        bot, dp = build_echo_bot(api.base_url)
        async with running_dispatcher(dp, bot, api.fake):
            users = _sim_users(api.fake, people)
            by_id = {p.user_id: p for p in people}

            async def scenario(user: SimUser) -> None:
                await echo_steps(user, by_id[user.id])

            return await run_load("echo", api.fake, users, scenario, trace_memory=trace_memory)


def _per_update(count: int | None, result: LoadResult) -> str:
    return "n/a" if count is None or not result.updates else f"{count / result.updates:.1f}"


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def report(bot: LoadResult, echo: LoadResult, registered: int, expected: int, traced: bool) -> str:
    calls_bot = sum(bot.api_calls.values())
    calls_echo = sum(echo.api_calls.values())
    sql = bot.sql
    lines = [
        format_table([bot, echo]),
        "",
        f"bot/echo: throughput {bot.throughput / echo.throughput:.2f}×, "
        f"p50 latency {bot.latency_ms(50) / echo.latency_ms(50):.1f}×, "
        f"p95 latency {bot.latency_ms(95) / echo.latency_ms(95):.1f}×",
        "",
        "Bot peak memory — the whole process during the bot run (bot + fake Bot API + simulated users):",
        _indent(format_memory(bot)),
    ]
    if traced:
        lines.append(f"  (echo run, for scale: tracemalloc {mib(echo.memory.traced_peak)})")
    else:
        lines.append("  (tracemalloc is off: it slows the bot ~3×; --tracemalloc turns it on for both runs)")
    lines += [
        "",
        f"Per update: bot {_per_update(calls_bot, bot)} Bot API calls, "
        f"{_per_update(sql.statements if sql else None, bot)} SQL statements, "
        f"{_per_update(sql.commits if sql else None, bot)} commits; "
        f"echo {_per_update(calls_echo, echo)} Bot API calls",
        "Bot API calls by the bot: " + ", ".join(f"{m} {n}" for m, n in bot.api_calls.most_common()),
    ]
    if sql is not None:
        if sql.summary(bot.wall):
            lines.append("SQLite: " + sql.summary(bot.wall))
        lines.append("Pool: " + sql.pool_summary(bot.wall))
    lines += ["", f"DB check: {registered}/{expected} users registered (registered_at not null)"]
    for result in (bot, echo):
        if result.unanswered:
            lines.append(
                f"WARNING {result.label}: {result.unanswered} button presses never answered "
                f"({result.late_answers} answered > 15 s after the press, which Telegram refuses: "
                "the person sees the spinner time out)"
            )
        if result.silent:
            lines.append(f"WARNING {result.label}: {result.silent} updates handled without any visible reply")
    return "\n".join(lines)


async def main_async(users: int, seed: int, trace_memory: bool) -> int:
    quiet_logging()
    year = datetime.now(UTC).year
    people = make_people(users, seed, year)
    with tempfile.TemporaryDirectory(prefix="metodist-bench-") as tmp:
        database = Path(tmp) / "bench.db"
        print(
            f"Registration: {users} simulated people × {len(STEPS)} steps, all at once, over HTTP to a fake "
            "Bot API on 127.0.0.1; bot and fake in one process and event loop.\n"
            f"bot:  the real app (build_app + run_polling, handle_as_tasks=True), SQLite in a temp file "
            f"({database}), throttling off (throttle_burst=0), demo directory.\n"
            "echo: a bare aiogram Dispatcher (echo text; a button press edits, then answers), same fake, "
            "same steps.\n"
            "latency: update pushed → first visible reply in that chat "
            "(new message, edit or callback answer).\n",
            flush=True,
        )
        bot, registered = await run_bot(people, seed, trace_memory, database)
    echo = await run_echo(people, trace_memory)
    print(report(bot, echo, registered, users, trace_memory))
    problems = [r.problems() for r in (bot, echo) if not r.ok]
    if registered != users:
        problems.append(f"FAILED: only {registered} of {users} simulated users are registered in the DB")
    if bot.updates != users * len(STEPS) or echo.updates != users * len(STEPS):
        problems.append(
            f"FAILED: expected {users * len(STEPS)} updates per run, got {bot.updates} / {echo.updates}"
        )
    if problems:
        print("\n" + "\n".join(problems), file=sys.stderr)
        return 1
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--users", type=int, default=200, help="simulated people (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed for names and choices")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="trace Python allocations in both runs (peak reported; ~3× slower, so timings change)",
    )


def main(args: argparse.Namespace) -> int:
    if args.users < 1:
        raise SystemExit("--users must be at least 1")
    return asyncio.run(main_async(args.users, args.seed, args.tracemalloc))
