"""Conversation snippets shared by the end-to-end tests."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from bot.callbacks import MenuGroupCD
from bot.domain.roles import Role
from bot.services import roles as role_service
from bot.services.container import Services
from tests.conftest import ADMIN_ID
from tests.fakes import TgUser

if TYPE_CHECKING:
    from datetime import datetime

    from storage.models import Route, User
    from storage.repositories import Repos
    from tests.conftest import BotEnv


TEACHER = "👩‍🏫 Педагог"


async def register(
    user: TgUser,
    *,
    work: str = TEACHER,
    lessons: bool = False,
    name: str = "Иванова Мария Петровна",
    municipality: str = "г. Кострома",
    school: str = "Гимназия № 15",
    position: str = "Учитель",
    subjects: tuple[str, ...] = ("Математика",),
    experience: str = "2",
    birth_year: str = "1998",
    category: str = "Без категории",
    start: str = "/start",
) -> None:
    """Registration by buttons. `work`: the answer to «Кем вы работаете?»; anyone but a teacher is
    asked whether they give lessons too (`lessons`) — those who do not give only the name and the
    municipality."""
    await user.send(start)
    await user.click("Даю согласие")
    await user.click(work)
    if work != TEACHER:
        await user.click("✅ Да, веду" if lessons else "Нет, не веду")
    await user.send(name)
    await user.click(municipality)
    if work != TEACHER and not lessons:
        return
    await user.click(school)
    await user.click(position)
    for subject in subjects:
        await user.click(subject)
    await user.click("Готово")
    await user.send(experience)
    await user.send(birth_year)
    await user.click(category)


# --- what a person sees -------------------------------------------------------------------------


def got(user: TgUser, text: str) -> list[Any]:
    """The messages (text or caption) of `user` that contain `text`."""
    return [m for m in user.messages if text in (m.text or m.caption or "")]


def last_answer(env: BotEnv) -> str:
    """The text of the bot's last answer to a button (an alert or a note)."""
    return str(env.fake.requests_for("answerCallbackQuery")[-1].params.get("text", ""))


def documents(user: TgUser) -> list[bytes]:
    """The files `user` received, in order."""
    return [m.document for m in user.messages if m.document is not None]


# --- the menu ------------------------------------------------------------------------------------


def _labelled(user: TgUser, label: str) -> str | None:
    """The text of the one button of the newest message that is `label` or contains it."""
    texts = user.buttons()
    if label in texts:
        return label
    partial = [text for text in texts if label in text]
    return partial[0] if len(partial) == 1 else None


async def open_section(user: TgUser, label: str) -> None:
    """From /menu to the entry `label` (its text or a unique part of it), whether it is on the menu
    itself or inside one of its groups: tests do not depend on how a person's menu is grouped."""
    await user.send("/menu")
    found = _labelled(user, label)
    if found is not None:
        await user.click(found)
        return
    menu = user.last_message
    prefix = MenuGroupCD.__prefix__ + ":"
    groups = [b["text"] for b in menu.inline_buttons if str(b.get("callback_data", "")).startswith(prefix)]
    for index, group in enumerate(groups):
        if index:
            await user.send("/menu")
        await user.click(group)
        found = _labelled(user, label)
        if found is not None:
            await user.click(found)
            return
    raise AssertionError(f"no menu entry {label!r} for {user!r}: menu {menu.button_texts}, groups {groups}")


# --- people with a role ----------------------------------------------------------------------------


async def create_invite(env: BotEnv, role_label: str, uses: str = "1 человек", days: str = "7 дней") -> str:
    """The admin creates an invite for `role_label` (staff and methodists: the whole region); its payload."""
    admin = env.user(ADMIN_ID, first_name="Админ")
    await admin.send("/roles")
    await admin.click("Создать приглашение")
    await admin.click(role_label)
    if role_label in ("сотрудник методической службы", "методист"):
        await admin.click("Весь регион")
    await admin.click(uses)
    await admin.click(days)
    match = re.search(r"https://t\.me/metodist_test_bot\?start=(i-[\w-]+)", admin.last_message.text)
    assert match, admin.last_message.text
    return match.group(1)


async def staff_user(env: BotEnv, tg_id: int = 4001) -> TgUser:
    """A person registered through a staff invite (the regional methodical service)."""
    payload = await create_invite(env, "сотрудник методической службы")
    staff = env.user(tg_id)
    await register(
        staff, start=f"/start {payload}", name="Сотрудникова Елена", experience="15", birth_year="1979"
    )
    return staff


INVITED_ROLES = {"сотрудник методической службы": Role.STAFF, "наставник": Role.MENTOR}


async def invited(env: BotEnv, tg_id: int, role: str, name: str, **kwargs: str) -> TgUser:
    """A registered person given a role (staff: the regional centre) — as an invite would."""
    person = env.user(tg_id)
    await register(person, name=name, experience="15", birth_year="1979", **kwargs)
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        await role_service.grant(repos, user, INVITED_ROLES[role], actor_tg_id=None, source="test")
        await repos.commit()
    return person


# --- the diagnosis and the route -------------------------------------------------------------------

ITEM = re.compile(r"Утверждение (\d+) из (\d+)")
LABELS = ("Не делаю", "Делаю с трудом", "Делаю уверенно", "Помогаю коллегам")


async def open_general(user: TgUser) -> None:
    """From the menu to the general diagnosis (resuming an attempt begun)."""
    await open_section(user, "📊 Моя диагностика")
    resume = [b for b in user.buttons() if b.startswith("▶️ Продолжить: Общая")]
    await user.click(resume[0] if resume else "📝 Общая диагностика профессиональных компетенций")


async def answer_items(
    user: TgUser, value_for: Callable[[int], int], *, stop_after: int | None = None
) -> int:
    """Answer items as they come; `value_for(number)` picks the label index. Returns items answered."""
    done = 0
    while True:
        match = ITEM.search(user.last_message.text or "")
        if match is None:
            return done
        number = int(match.group(1))
        await user.click(LABELS[value_for(number)])
        done += 1
        if stop_after is not None and done >= stop_after:
            return done


def digital_weak(number: int) -> int:
    """Digital competences (items 31–36) a high deficit: «Не делаю», 0 %. Communicative (25–30) a
    medium one: «Делаю с трудом» on 25–27 and «Делаю уверенно» on 28–30, (3·1 + 3·2) / 18 = 50 %.
    The rest «Помогаю коллегам», 100 %, no deficit (so is «Делаю уверенно» alone: 67 %)."""
    if number > 30:
        return 0
    if number > 27:
        return 2
    return 1 if number > 24 else 3


async def diagnosed_teacher(env: BotEnv, tg_id: int, name: str) -> TgUser:
    """A registered teacher who finished the general diagnosis weak in digital competences."""
    teacher = env.user(tg_id)
    await register(teacher, name=name)
    await open_general(teacher)
    await teacher.click("Начать")
    await answer_items(teacher, digital_weak)
    return teacher


async def current_route(env: BotEnv, tg_id: int) -> Route:
    """The current route of the person with `tg_id` (there must be one)."""
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        route = await repos.routes.current(user.id)
        assert route is not None
        return route


# An uploaded questionnaire: BROKEN fails validation (an item too short), GOOD passes. Version 3:
# the shipped general questionnaire is version 2.
BROKEN_QUESTIONNAIRE = """id: general
version: 3
title: Общая диагностика
description: Новая версия анкеты для проверки загрузки.
minutes: 10
scale:
  - {value: 0, label: Не делаю}
  - {value: 1, label: Делаю}
levels: {high_below: 50, medium_below: 75}
areas:
  - id: digital
    title: Цифровые компетенции
    items:
      - id: digital-1
        text: Я использую цифровые ресурсы на уроке.
      - id: digital-2
        text: Коротко
"""
GOOD_QUESTIONNAIRE = BROKEN_QUESTIONNAIRE.replace(
    "        text: Коротко\n", "        text: Я веду электронный журнал без напоминаний.\n"
)


# --- events and surveys ----------------------------------------------------------------------------


async def create_seminar(staff: TgUser, title: str = "Формирующее оценивание на уроках математики") -> None:
    """The wizard up to the audience screen: 30.11.2026 15:00 for 2 h, online, 2 seats."""
    await open_section(staff, "📣 Анонсы и объявления")
    await staff.click("➕ Новое мероприятие")
    await staff.click("🎓 Семинар")
    await staff.click("региональный уровень")
    await staff.send(title)
    await staff.send("Практический семинар для учителей математики: приёмы, примеры, разбор уроков.")
    await staff.send("30.11.2026 15:00")
    await staff.click("2 ч")
    await staff.send("https://webinar.example.org/room-15")
    await staff.click("За сутки до начала")
    await staff.send("2")
    await staff.click("Пропустить")


async def launch(staff: TgUser, template: str, when: str, days: str = "7 дней") -> None:
    """Staff launch a survey campaign from `template` for everyone, starting `when`, open `days`."""
    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("➕ Новый опрос")
    await staff.click(template)
    assert "Кому отправить" in staff.last_message.text
    await staff.click("Дальше ➡️")
    await staff.click(when)
    await staff.click(days)
    assert "Проверьте опрос" in staff.last_message.text
    await staff.click("🚀 Запустить")
    assert "🟢 Идёт" in staff.last_message.text


def survey_invites(user: TgUser) -> list[Any]:
    """The invitations to the «Профессиональные потребности» survey that `user` received."""
    return got(user, "Опрос: Профессиональные потребности")


# --- the database as a whole, before and after a request ------------------------------------------

# Tables that change on their own or as bookkeeping: the dialogue state, the scheduler's jobs and
# runs, the migration marker, keys the installation generates on first use, what edits left in
# messages.
BOOKKEEPING_TABLES = frozenset(
    {"fsm_records", "job_runs", "apscheduler_jobs", "alembic_version", "installation_secrets", "screen_edits"}
)


class DbSnapshots:
    """Every row of every table of a SQLite database (found by reflection, so a new table is
    included without touching this), to prove that a request changed nothing.

    `PRAGMA data_version` tells cheaply whether anyone committed since the last look, so a loop
    of forged requests reads the tables only when something was written.
    """

    def __init__(self, path: Path, ignore: frozenset[str] = BOOKKEEPING_TABLES) -> None:
        self.engine = sa.create_engine(f"sqlite:///{path}")
        self.conn = self.engine.connect()
        self.ignore = ignore
        self._version: int | None = None
        self._last: dict[str, list[tuple[object, ...]]] = {}
        self._schema: object = None
        self._metadata = sa.MetaData()

    def close(self) -> None:
        self.conn.close()
        self.engine.dispose()

    def _data_version(self) -> int:
        value = self.conn.exec_driver_sql("PRAGMA data_version").scalar()
        self.conn.rollback()
        return int(value or 0)

    def take(self) -> dict[str, list[tuple[object, ...]]]:
        version = self._data_version()
        if version == self._version:
            return self._last
        schema = self.conn.exec_driver_sql("SELECT group_concat(name) FROM sqlite_master").scalar()
        if schema != self._schema:
            self._metadata = sa.MetaData()
            self._metadata.reflect(self.conn)
            self._schema = schema
        tables: dict[str, list[tuple[object, ...]]] = {}
        for name, table in sorted(self._metadata.tables.items()):
            if name in self.ignore:
                continue
            rows = self.conn.execute(sa.select(table)).all()
            tables[name] = sorted((tuple(r) for r in rows), key=repr)
        self.conn.rollback()
        self._version, self._last = version, tables
        return tables


def db_changes(
    before: dict[str, list[tuple[object, ...]]], after: dict[str, list[tuple[object, ...]]]
) -> list[str]:
    """What differs, table by table: rows gone and rows new (an update is one of each)."""
    changes: list[str] = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, []), after.get(name, [])
        if old == new:
            continue
        gone = [r for r in old if r not in new]
        added = [r for r in new if r not in old]
        changes += [f"{name}: - {row!r}"[:300] for row in gone]
        changes += [f"{name}: + {row!r}"[:300] for row in added]
    return changes


async def settle(env: BotEnv, limit: float = 15.0) -> None:
    """Until the outbox has nothing left to send now."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    assert env.app is not None
    env.app.outbox.wake()
    while True:
        async with env.repos() as repos:
            due = await repos.outbox.due_count(env.clock())
        if not due:
            await asyncio.sleep(0.3)  # the progress message's last edit
            return
        assert loop.time() < deadline, "the outbox did not finish"
        await asyncio.sleep(0.1)


# --- seeding without the bot ----------------------------------------------------------------------


def services_of(env: BotEnv, repos: Repos) -> Services:
    """The bot's services around `repos`, as a job has them: to seed a world without the buttons."""
    assert env.app is not None
    return Services.build(repos, env.settings, env.clock, env.app.i18n)


async def finished_diagnosis(
    env: BotEnv, repos: Repos, user: User, value: Callable[[int], int], now: datetime | None = None
) -> int:
    """`user`'s finished general diagnosis, item `i` answered `value(i)`; the attempt's id."""
    diagnosis = services_of(env, repos).diagnosis
    attempt, questionnaire = await diagnosis.start_or_resume(user, "general")
    for index, (_area, item) in enumerate(questionnaire.items):
        await repos.diagnosis.save_answer(attempt, item.id, value(index), index + 1)
    await diagnosis.finish(attempt, questionnaire, now or env.clock())
    return attempt.id
