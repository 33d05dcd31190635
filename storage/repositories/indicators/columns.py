"""Reading the parts as columns and putting them in place by id with numpy (see
`storage.repositories.indicators`)."""

from __future__ import annotations

import json
import sqlite3
import warnings
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import (
    BigInteger,
    Select,
    String,
    cast,
    func,
    select,
    type_coerce,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.indicators import (
    BoolArray,
    MomentArray,
    TeacherTable,
    moment_array,
    number_array,
)

# The moments are read in a form numpy takes in C, column by column: for 100,000 teachers × 15
# moments, SQLAlchemy's SQLite datetime processing (a regular expression per value, then the zone)
# was a third of the report's time, and numpy converts datetime objects one by one, slowly. SQLite
# hands back its text as stored (UTC), parsed by numpy; PostgreSQL is asked for microseconds since
# the epoch, «never» being numpy's NaT itself. Anything else (a stored offset, another backend)
# goes value by value.
_RAW = String()
_NAT = int(np.iinfo(np.int64).min)  # numpy's NaT as an int64
_NAT_TEXT = "NaT"  # and as text: numpy parses a column of strings several times faster than one with None


def _stored_moment(column: Any, postgres: bool) -> Any:
    if postgres:
        micros = cast(func.extract("epoch", column) * 1_000_000, BigInteger)
        return func.coalesce(micros, _NAT)
    return func.coalesce(type_coerce(column, _RAW), _NAT_TEXT)


def _stored_day(column: Any, postgres: bool) -> Any:
    return column if postgres else type_coerce(column, _RAW)


def _moments(values: Sequence[Any]) -> MomentArray:
    if values and type(values[0]) is int:  # microseconds since the epoch
        return np.array(values, dtype=np.int64).view("datetime64[us]")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # numpy only warns about a zone, and then guesses
            return np.array(values, dtype="datetime64[us]")
    except (ValueError, TypeError, UserWarning, DeprecationWarning):
        return moment_array(_moment(v) for v in values)


def _moment(value: Any) -> datetime | None:
    if value == _NAT_TEXT:
        return None
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo is not None else value.replace(tzinfo=UTC)
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)  # stored as UTC


# On SQLite each part comes back as one row: a JSON array per column, built by SQLite itself.
# Row by row, the sqlite3 module makes a tuple and a Python object per value while holding the
# interpreter — most of the report's time for 100,000 teachers, and it kept the deficit counts'
# connection waiting; `json.loads` builds the same values in C, several times faster. SQLite has
# JSON built in since 3.38; older ones, and PostgreSQL (asyncpg decodes rows fast), read rows.
PACK_AS_JSON = True


def _packs_columns(dialect: str) -> bool:
    return PACK_AS_JSON and dialect == "sqlite" and sqlite3.sqlite_version_info >= (3, 38)


async def _columns(connection: AsyncConnection, query: Select[Any], packed: bool) -> list[Sequence[Any]]:
    if packed:
        part = query.subquery()
        row = (await connection.execute(select(*(func.json_group_array(c) for c in part.c)))).one()
        return [tuple(json.loads(column)) for column in row]
    rows = (await connection.execute(query)).all()  # fetched at once: much faster than row by row
    return list(zip(*rows, strict=True)) if rows else [()] * len(query.selected_columns)


def _in_id_order(columns: list[Sequence[Any]]) -> list[Sequence[Any]]:
    """The people's columns by id, the first column (an aggregate need not keep a subquery's order)."""
    ids = np.array(columns[0], dtype=np.int64)
    if bool(np.all(ids[1:] > ids[:-1])):
        return columns
    order = np.argsort(ids, kind="stable").tolist()
    return [tuple(column[i] for i in order) for column in columns]


def _day(value: Any) -> Any:
    return date.fromisoformat(value) if type(value) is str else value


def _select(column: Sequence[Any], keep: BoolArray) -> list[Any]:
    return [v for v, kept in zip(column, keep.tolist(), strict=True) if kept]


def assemble(first: list[list[Sequence[Any]]], second: list[list[Sequence[Any]]]) -> TeacherTable:
    """The table from its parts' columns (the two halves of `parts.teacher_parts`): each part's
    facts put at its teachers' rows."""
    (who, route_part, registrations_part, mentee_part, mentor_part) = first
    (diagnosed_part, steps_part, informed_part, associations_part, practices_part) = second
    who = _in_id_order(who)
    ids = np.array(who[0], dtype=np.int64)
    n = len(ids)

    def facts(part: list[Sequence[Any]]) -> tuple[npt.NDArray[np.intp], list[Sequence[Any]]]:
        """A part's columns and where its teachers are in `ids` (its people not counted here,
        e.g. registered after the end, left out)."""
        uid, *values = part
        found = np.array(uid, dtype=np.int64)
        at = np.minimum(np.searchsorted(ids, found), max(n - 1, 0))
        keep = ids[at] == found if n else np.zeros(len(found), dtype=np.bool_)
        if keep.all():
            return at, values
        return at[keep], [_select(column, keep) for column in values]

    def moments(at: npt.NDArray[np.intp], column: Sequence[Any]) -> MomentArray:
        full = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
        full[at] = _moments(column)
        return full

    def flags(at: npt.NDArray[np.intp], column: Sequence[Any]) -> BoolArray:
        full = np.zeros(n, dtype=np.bool_)
        full[at] = np.array([bool(v) for v in column], dtype=np.bool_)
        return full

    d_at, (diagnosed, recommended) = facts(diagnosed_part)
    r_at, (saved, attempt, ends, approved, completed) = facts(route_part)
    s_at, (community_step, course_step) = facts(steps_part)
    g_at, (registered, contest, community_event, course_event) = facts(registrations_part)
    i_at, (informed_at,) = facts(informed_part)
    a_at, (association_at,) = facts(associations_part)
    p_at, (practice_at,) = facts(practices_part)
    e_at, (mentee_open, mentee_ended) = facts(mentee_part)
    o_at, (mentor_open, mentor_ended) = facts(mentor_part)
    route_ends = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    route_ends[r_at] = np.array([_day(v) for v in ends], dtype="datetime64[D]")
    on_diagnosis = np.zeros(n, dtype=np.bool_)
    on_diagnosis[r_at] = np.array([v is not None for v in attempt], dtype=np.bool_)
    return TeacherTable(
        user_id=who[0],
        tg_id=who[1],
        full_name=who[2],
        municipality_id=who[3],
        school_id=who[4],
        birth_year=number_array(who[5]),
        experience_years=number_array(who[6]),
        category=who[7],
        registered_at=_moments(who[8]),
        diagnosed_at=moments(d_at, diagnosed),
        recommended_at=moments(d_at, recommended),
        route_saved_at=moments(r_at, saved),
        route_on_diagnosis=on_diagnosis,
        route_ends=route_ends,
        route_approved_at=moments(r_at, approved),
        route_completed_at=moments(r_at, completed),
        community_step_at=moments(s_at, community_step),
        course_step_at=moments(s_at, course_step),
        event_registered_at=moments(g_at, registered),
        contest_at=moments(g_at, contest),
        community_event_at=moments(g_at, community_event),
        course_event_at=moments(g_at, course_event),
        informed_at=moments(i_at, informed_at),
        mentee_open=flags(e_at, mentee_open),
        mentee_ended_at=moments(e_at, mentee_ended),
        mentor_open=flags(o_at, mentor_open),
        mentor_ended_at=moments(o_at, mentor_ended),
        association_at=moments(a_at, association_at),
        practice_at=moments(p_at, practice_at),
    )
