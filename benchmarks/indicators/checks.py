"""Timing the report's parts, and checking its values, XLSX and charts against the seeded truth."""

from __future__ import annotations

import contextlib
import cProfile
import dataclasses
import io
import pstats
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from benchmarks.indicators.seeding import _cell_key
from benchmarks.indicators.world import CODE, NOW, PERIOD, TZ
from benchmarks.report import table, timed
from bot.domain import indicators as domain
from bot.domain.indicators import Indicator, target_of
from bot.i18n import Translator
from bot.services import charts
from bot.services import indicators as service
from bot.services.indicators import Report, Scope
from bot.services.reports import safe_sheet_title
from bot.ui import indicators as screens
from storage.repositories import Repos

# ---------------------------------------------------------------------------- measuring (the parent)


@dataclass
class Timing:
    label: str
    values: list[float]
    note: str = ""


def _s(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.2f}"


def timing_table(rows: Sequence[Timing]) -> str:
    header = ("measurement", "runs", "best s", "median s", "worst s", "note")
    cells = [
        (
            r.label,
            str(len(r.values)),
            _s(min(r.values)),
            _s(statistics.median(r.values)),
            _s(max(r.values)),
            r.note,
        )
        for r in rows
        if r.values
    ]
    return table(header, cells)


@contextlib.contextmanager
def capture_statements(engine: AsyncEngine) -> Iterator[list[tuple[str, Any]]]:
    """The SQL statements (and their DBAPI parameters) run on `engine` meanwhile."""
    seen: list[tuple[str, Any]] = []

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        seen.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", before)


async def build_once(
    sessionmaker: async_sessionmaker[AsyncSession], scope: Scope, _: Translator
) -> tuple[Report, float, float, str]:
    async with sessionmaker() as session:
        repos = Repos(session)
        t0 = time.perf_counter()
        report = await service.build(repos.indicators, repos.content, scope, CODE, now=NOW, timezone=TZ)
        t1 = time.perf_counter()
        summary, _markup = screens.summary_screen(report, _)
        t2 = time.perf_counter()
    return report, t1 - t0, t2 - t1, summary


async def phases(sessionmaker: async_sessionmaker[AsyncSession], scope: Scope) -> list[Timing]:
    """The region's build step by step, as ``service.build`` does it (one statement after the other
    here, the deficits not alongside; the garbage collector off, as there)."""
    out: dict[str, list[float]] = defaultdict(list)
    notes: dict[str, str] = {}
    m, s = scope.municipality_id, scope.school_id
    for _run in range(2):
        async with sessionmaker() as session:
            with service._bulk():
                repos = Repos(session)
                t = time.perf_counter()
                table = await repos.indicators.teacher_table(municipality_id=m, school_id=s, end=PERIOD.end)
                label = "  repo.teacher_table (a grouped statement per kind of fact, as columns)"
                out[label].append(time.perf_counter() - t)
                notes[label] = f"{table.size} people"
                t = time.perf_counter()
                teachers = table.take(domain.counted_mask(table, PERIOD))
                flags = domain.flag_table(teachers, PERIOD)
                shares = domain.compute(flags)
                domain.count_table(teachers, flags)
                out["  flag_table + compute + counts (pure, column-wise)"].append(time.perf_counter() - t)
                t = time.perf_counter()
                cells = await repos.indicators.deficits(
                    municipality_id=m,
                    school_id=s,
                    start=PERIOD.start,
                    end=PERIOD.end,
                    by_school=m is not None,
                )
                out["  repo.deficits (grouped query)"].append(time.perf_counter() - t)
                notes["  repo.deficits (grouped query)"] = f"{len(cells)} cells"
                t = time.perf_counter()
                municipalities = await repos.indicators.municipality_names()
                schools = await repos.indicators.school_names(m)
                titles = await service.area_titles(repos.content)
                domain.deficit_matrix(
                    cells, area_order=list(titles), group_order=list(schools if m else municipalities)
                )
                out["  names, area titles, deficit matrix"].append(time.perf_counter() - t)
                del table, teachers, flags, shares
    return [Timing(label, values, notes.get(label, "")) for label, values in out.items()]


def bare_sqlite(path: Path, statement: str, parameters: Any) -> tuple[float, int]:
    """The statement on the plain sqlite3 module: what SQLite itself needs, rows fetched as tuples."""
    conn = sqlite3.connect(path)
    try:
        t0 = time.perf_counter()
        rows = conn.execute(statement, parameters).fetchall()
        return time.perf_counter() - t0, len(rows)
    finally:
        conn.close()


def query_plan(path: Path, statement: str, parameters: Any) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [
            " ".join(str(c) for c in row[1:])
            for row in conn.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        ]
    finally:
        conn.close()


def profile_lines(profiler: cProfile.Profile, limit: int) -> list[str]:
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.sort_stats("tottime").print_stats(limit)
    lines = buffer.getvalue().splitlines()
    # Keep the header with the total and the table; paths shortened.
    root = str(Path.cwd()) + "/"
    return [line.replace(root, "").replace(sys.prefix + "/", "") for line in lines if line.strip()]


def expected_sheets(_: Translator) -> list[str]:
    return [
        safe_sheet_title(_("rp-x-summary")),
        *(safe_sheet_title(_(f"rp-sheet-{i.value}")) for i in Indicator),
        safe_sheet_title(_("rp-x-teachers")),
        safe_sheet_title(_("rp-x-deficits")),
    ]


def check_xlsx(data: bytes, report: Report, _: Translator, *, anonymised: bool) -> tuple[list[str], float]:
    """Reopen read-only: sheets, rows of «Педагоги», the summary; returns problems and seconds."""
    problems: list[str] = []
    t0 = time.perf_counter()
    wb = load_workbook(io.BytesIO(data), read_only=True)
    try:
        names = wb.sheetnames
        if names != expected_sheets(_):
            problems.append(f"sheets {names}, expected {expected_sheets(_)}")
        teachers = wb[safe_sheet_title(_("rp-x-teachers"))]
        first: list[object] = []
        rows = 0
        for i, row in enumerate(teachers.iter_rows(values_only=True)):
            if i == 0:
                continue
            rows += 1
            first.append(row[0])
        if rows != report.counts.teachers:
            problems.append(
                f"«{teachers.title}» has {rows} rows, the report counts {report.counts.teachers} teachers"
            )
        if anonymised:
            codes = [c for c in first if isinstance(c, str) and c.startswith("T-") and len(c) == 12]
            if len(codes) != rows or len(set(codes)) != rows:
                problems.append(
                    f"anonymised: {len(codes)} pseudonyms of {rows} rows, {len(set(codes))} distinct"
                )
        else:
            names_ = set(report.teachers.full_name)
            if any(c not in names_ for c in first):
                problems.append("named: a row's name is not a teacher's name")
        summary = list(wb[names[0]].iter_rows(values_only=True))
        for (indicator, share), row in zip(report.shares.items(), summary[1:], strict=False):
            if (row[3], row[4]) != (share.n, share.total):
                problems.append(
                    f"«{names[0]}»: {indicator.value} is {row[3]}/{row[4]}, "
                    f"the report {share.n}/{share.total}"
                )
    finally:
        wb.close()
    return problems, time.perf_counter() - t0


def compare(report: Report, expected: dict[str, Any], label: str) -> list[str]:
    problems: list[str] = []
    for indicator, share in report.shares.items():
        want = expected["shares"][indicator.value]
        if [share.n, share.total] != want:
            problems.append(
                f"{label}: {indicator.value} = {share.n}/{share.total}, "
                f"the seeded data give {want[0]}/{want[1]}"
            )
    got_counts = dataclasses.asdict(report.counts)
    if got_counts != expected["counts"]:
        problems.append(f"{label}: counts {got_counts}, the seeded data give {expected['counts']}")
    m = report.deficits
    cells = sorted(
        (
            [g, a, m.high[i][j], m.total[i][j]]
            for i, g in enumerate(m.groups)
            for j, a in enumerate(m.areas)
            if m.total[i][j] > 0
        ),
        key=_cell_key,
    )
    want = sorted((list(c) for c in expected["deficits"]), key=_cell_key)
    if cells != want:
        differ = sum(1 for c in cells if c not in want) + sum(1 for c in want if c not in cells)
        problems.append(
            f"{label}: deficit matrix has {len(cells)} cells, the seeded data give {len(want)} "
            f"({differ} differ)"
        )
    return problems


def values_table(report: Report, expected: dict[str, Any]) -> str:
    header = ("indicator", "target", "value", "n", "N", "met", "seeded n/N", "")
    cells = []
    for indicator, share in report.shares.items():
        target = target_of(indicator)
        met = share.met(target)
        want = expected["shares"][indicator.value]
        cells.append(
            (
                indicator.value,
                "—" if target is None else f"{target} %",
                "—" if share.percent is None else f"{share.percent:.1f} %",
                str(share.n),
                str(share.total),
                "—" if met is None else "yes" if met else "no",
                f"{want[0]}/{want[1]}",
                "ok" if [share.n, share.total] == want else "MISMATCH",
            )
        )
    return table(header, cells)


async def draw_charts(report: Report, _: Translator) -> tuple[bytes, bytes | None, float, float]:
    """Both pictures as the handler draws them (in the charts executor)."""
    name = screens.scope_name(report.scope, _)
    bars, bars_s = await timed(
        charts.draw(
            charts.indicators_png,
            screens.chart_bars(report, _),
            title=_("rp-chart-title", scope=name),
            legend=(_("rp-chart-met"), _("rp-chart-missed"), _("rp-chart-target")),
        )
    )
    groups, areas, shares = screens.heatmap_data(report, _)
    heat: bytes | None = None
    heat_s = float("nan")
    if groups and areas:
        note = _("rp-heat-note")
        if report.deficits.hidden_groups:
            note += " " + _("rp-heat-hidden", count=report.deficits.hidden_groups)
        heat, heat_s = await timed(
            charts.draw(
                charts.heatmap_png, groups, areas, shares, title=_("rp-heat-title", scope=name), note=note
            )
        )
    return bars, heat, bars_s, heat_s


def _kib(size: int) -> str:
    return f"{size / 1024:.0f} KiB" if size < 2**20 else f"{size / 2**20:.1f} MiB"
