"""The indicators report's data: the teachers of a scope as of a moment, as a table of columns
(`bot.domain.indicators.TeacherTable`), and deficit counts.

Everything is aggregated in the database — a grouped statement per kind of fact (diagnoses, the
route, its steps, registrations, announcements, mentoring pairs), never a query per teacher. Each
part is read whole, turned into columns and put in place by id with numpy (`searchsorted` on the
teachers' ids, read in id order): SQLite would otherwise materialise every part and build a
temporary index to join them, and a Python object per teacher and fact cost more than the SQL.
Covering indexes (migration 0007) let the big parts be read from the indexes alone. The parts
are read over two connections at once, and on SQLite each comes back packed as a JSON array per
column (see `_packs_columns`). Each moment is the latest such moment *before* `end`;
`bot.domain.indicators` decides what falls within the period. See `benchmarks/indicators/` for
the figures.
"""

from __future__ import annotations

from storage.repositories.indicators.columns import _in_id_order, _moments
from storage.repositories.indicators.repo import IndicatorRepo

__all__ = ["IndicatorRepo", "_in_id_order", "_moments"]
