"""Everything stored about one person, found by walking the schema's foreign keys from `users`.

The walk reads `Base.metadata`, so a table added later is exported without touching this file.
What counts as the person's own row:

* a row whose foreign key to one of their rows is ON DELETE CASCADE — it is deleted with them
  (their attempts, and the attempts' answers and results; their routes, steps and evidence …);
* their non-anonymous survey answers (`OWNED_DESPITE_SET_NULL`): SET NULL by design, so the
  answer stays in the totals once the person is gone, but while linked it is theirs;
* role-change records about them, keyed by Telegram id (`OWNED_BY_TG_ID`).

Rows that only *mention* the person — an event they created, a route they reviewed, an invite
they issued, a record of a role they gave someone — come as `mentions`: the row's primary key and
the columns naming the person, never the rest, because the rest is content or someone else's data.
Nothing is followed from a mention, and nothing is followed upwards (from a registration to the
event): reference data and content are not part of a person's data.

`erase` runs before the person's row is deleted (whose cascades take their own rows): it removes
what the cascades cannot reach — their Telegram id in other rows (found by the same column walk),
and the escalations about them, which name them by user id without a foreign key.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Base

Row = dict[str, Any]
RowKey = tuple[Any, ...]

OWNED_DESPITE_SET_NULL = frozenset({("survey_responses", "user_id")})
OWNED_BY_TG_ID = frozenset({("role_audit", "target_tg_id")})
# Integer columns with these endings hold a Telegram id (a private chat's id is the person's id).
TG_ID_SUFFIXES = ("tg_id", "chat_id")
# Escalation kinds whose subject_id is a user id (the others name a pair, which the cascade takes).
USER_ESCALATIONS = frozenset({"unpaired"})
CHUNK = 500


@dataclass
class Labels:
    """Names the readable part of /mydata puts beside ids: reference data and content (a
    questionnaire's title and areas, an event's title and time, a survey's title, a municipality),
    and the names of the people the person works with (their mentor or mentee, their methodist)."""

    content: dict[int, dict[str, Any]] = field(default_factory=dict)  # version id → body
    events: dict[int, Row] = field(default_factory=dict)  # id → title, kind, starts_at, timezone
    surveys: dict[int, Row] = field(default_factory=dict)  # wave id → title, anonymous
    people: dict[int, str] = field(default_factory=dict)  # user id → full name
    municipalities: dict[int, str] = field(default_factory=dict)


@dataclass
class PersonalData:
    """Raw column values, table by table (in the schema's dependency order)."""

    user: Row
    tables: dict[str, list[Row]] = field(default_factory=dict)
    mentions: dict[str, list[Row]] = field(default_factory=dict)


def _owned(table: Table, fk: ForeignKey) -> bool:
    if (table.name, fk.parent.name) in OWNED_DESPITE_SET_NULL:
        return True
    return (fk.ondelete or "").upper() == "CASCADE"


def _key(table: Table, row: Row) -> RowKey:
    return tuple(row[c.name] for c in table.primary_key.columns)


def _tg_columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if c.name.endswith(TG_ID_SUFFIXES) and isinstance(c.type, Integer)]


def _fks(table: Table) -> list[ForeignKey]:
    # A set in SQLAlchemy: sort it, so the export (and its queries) come in a stable order.
    return sorted(table.foreign_keys, key=lambda fk: (fk.parent.name, fk.target_fullname))


class PersonalDataRepo:
    def __init__(self, session: AsyncSession, metadata: MetaData = Base.metadata) -> None:
        self.session = session
        self.metadata = metadata

    async def collect(self, user_id: int) -> PersonalData | None:
        """The person's row, every row that belongs to them, and the rows that mention them."""
        users = self.metadata.tables["users"]
        root = await self._rows(users, users.c.id, [user_id])
        if not root:
            return None
        found: dict[str, dict[RowKey, Row]] = {users.name: {_key(users, root[0]): root[0]}}
        mentions: dict[str, dict[RowKey, Row]] = {}
        await self._by_tg_id(root[0]["tg_id"], found, mentions)
        await self._walk(found)
        await self._mentions(users, user_id, found, mentions)

        result = PersonalData(user=root[0])
        for table in self.metadata.sorted_tables:
            rows = found.get(table.name)
            if table is not users and rows:
                result.tables[table.name] = [rows[k] for k in sorted(rows)]
            mentioned = {k: v for k, v in mentions.get(table.name, {}).items() if k not in (rows or {})}
            if mentioned:
                result.mentions[table.name] = [mentioned[k] for k in sorted(mentioned)]
        return result

    async def labels(
        self,
        *,
        content: Collection[int] = (),
        events: Collection[int] = (),
        waves: Collection[int] = (),
        people: Collection[int] = (),
        municipalities: Collection[int] = (),
    ) -> Labels:
        """The names for `Labels`, looked up by the ids the person's rows hold."""
        t = self.metadata.tables
        found = Labels()
        if content:
            table = t["content_versions"]
            for row in await self._rows(table, table.c.id, content):
                found.content[row["id"]] = dict(row["body"] or {})
        if events:
            table = t["events"]
            columns = (table.c.id, table.c.title, table.c.kind, table.c.starts_at, table.c.timezone)
            result = await self.session.execute(select(*columns).where(table.c.id.in_(sorted(events))))
            found.events = {m["id"]: dict(m) for m in result.mappings()}
        if waves:
            wave, campaign = t["survey_waves"], t["survey_campaigns"]
            result = await self.session.execute(
                select(wave.c.id, campaign.c.title, campaign.c.anonymous)
                .join(campaign, wave.c.campaign_id == campaign.c.id)
                .where(wave.c.id.in_(sorted(waves)))
            )
            found.surveys = {m["id"]: dict(m) for m in result.mappings()}
        if people:
            users = t["users"]
            result = await self.session.execute(
                select(users.c.id, users.c.full_name).where(users.c.id.in_(sorted(people)))
            )
            found.people = {row.id: row.full_name or "" for row in result}
        if municipalities:
            table = t["municipalities"]
            result = await self.session.execute(
                select(table.c.id, table.c.name).where(table.c.id.in_(sorted(municipalities)))
            )
            found.municipalities = {row.id: row.name for row in result}
        return found

    async def erase(self, user_id: int, tg_id: int) -> None:
        """Every trace of the person outside their own rows, before their row goes.

        A Telegram id in a column that may be empty becomes NULL: the row keeps its meaning (a role
        audit entry keeps the role and the action, a role someone holds stays theirs, an uploaded
        questionnaire stays). Where the id is required the row exists only for them and goes: an
        invite they issued stops working, a message for their chat is not sent.
        """
        for table in self.metadata.sorted_tables:
            if table.name == "users":
                continue
            for column in _tg_columns(table):
                if column.nullable:
                    await self.session.execute(
                        update(table).where(column == tg_id).values({column.name: None})
                    )
                else:
                    await self.session.execute(delete(table).where(column == tg_id))
        escalations = self.metadata.tables["escalations"]
        await self.session.execute(
            delete(escalations).where(
                escalations.c.kind.in_(sorted(USER_ESCALATIONS)), escalations.c.subject_id == user_id
            )
        )

    async def _walk(self, found: dict[str, dict[RowKey, Row]]) -> None:
        """Down the owning foreign keys until no new rows turn up (any depth, cycles included)."""
        asked: dict[ForeignKey, set[Any]] = {}
        progress = True
        while progress:
            progress = False
            for table in self.metadata.sorted_tables:
                for fk in _fks(table):
                    parent = found.get(fk.column.table.name)
                    if not parent or not _owned(table, fk):
                        continue
                    done = asked.setdefault(fk, set())
                    values = {row[fk.column.name] for row in parent.values()} - done - {None}
                    if not values:
                        continue
                    done |= values
                    rows = found.setdefault(table.name, {})
                    for row in await self._rows(table, fk.parent, values):
                        key = _key(table, row)
                        if key not in rows:
                            rows[key] = row
                            progress = True

    async def _by_tg_id(
        self, tg_id: int, found: dict[str, dict[RowKey, Row]], mentions: dict[str, dict[RowKey, Row]]
    ) -> None:
        """Rows that name the person by Telegram id rather than by a foreign key (the role audit)."""
        for table in self.metadata.sorted_tables:
            if table.name == "users":
                continue
            for column in _tg_columns(table):
                if (table.name, column.name) in OWNED_BY_TG_ID:
                    rows = found.setdefault(table.name, {})
                    for row in await self._rows(table, column, [tg_id]):
                        rows.setdefault(_key(table, row), row)
                else:
                    await self._mention(table, column, tg_id, mentions)

    async def _mentions(
        self,
        users: Table,
        user_id: int,
        found: dict[str, dict[RowKey, Row]],
        mentions: dict[str, dict[RowKey, Row]],
    ) -> None:
        for table in self.metadata.sorted_tables:
            for fk in _fks(table):
                if fk.column.table is users and not _owned(table, fk):
                    await self._mention(table, fk.parent, user_id, mentions)

    async def _mention(
        self, table: Table, column: Column[Any], value: Any, mentions: dict[str, dict[RowKey, Row]]
    ) -> None:
        keys = list(table.primary_key.columns)
        result = await self.session.execute(select(*keys, column).where(column == value).order_by(*keys))
        rows = mentions.setdefault(table.name, {})
        for mapping in result.mappings():
            row = dict(mapping)
            rows.setdefault(_key(table, row), {}).update(row)

    async def _rows(self, table: Table, column: Column[Any], values: Iterable[Any]) -> list[Row]:
        ordered = sorted(values)
        rows: list[Row] = []
        for start in range(0, len(ordered), CHUNK):
            chunk: Collection[Any] = ordered[start : start + CHUNK]
            result = await self.session.execute(
                select(table).where(column.in_(chunk)).order_by(*table.primary_key.columns)
            )
            rows.extend(dict(m) for m in result.mappings())
        return rows
