"""The measurements of the report on the seeded region: builds per scope, files, charts, profile."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from benchmarks.harness import SqlProbe
from benchmarks.indicators.checks import (
    Timing,
    _kib,
    bare_sqlite,
    build_once,
    capture_statements,
    check_xlsx,
    compare,
    draw_charts,
    expected_sheets,
    phases,
    profile_lines,
    query_plan,
    timing_table,
    values_table,
)
from benchmarks.indicators.world import CODE, NOW, PERIOD, TARGET_MEMORY, TARGET_REPORT, TARGET_XLSX, TZ
from benchmarks.report import LoopLag, MemoryMonitor, mib, say, table, timed
from bot.domain import indicators as domain
from bot.i18n import I18n, Translator
from bot.services import indicators as service
from bot.services.indicators import Report, Scope
from bot.services.reports import safe_sheet_title
from bot.ui import indicators as screens
from bot.ui.indicators_xlsx import indicators_xlsx
from storage.db import create_engine, create_sessionmaker
from storage.repositories import ContentRepo, Repos
from storage.repositories.indicators import IndicatorRepo


async def measure(path: Path, size: int, seeded: dict[str, Any], args: argparse.Namespace) -> int:
    problems: list[str] = []
    _ = I18n("ru").get("ru")
    key = domain.pseudonym_key("benchmark-secret")
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    process_rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    try:
        sessionmaker = create_sessionmaker(engine)
        async with sessionmaker() as session:
            repos = Repos(session)
            region = await service.resolve_scope(repos.indicators, 0, 0)
            muni = await service.resolve_scope(repos.indicators, seeded["municipality_id"], 0)
            school = await service.resolve_scope(
                repos.indicators, seeded["municipality_id"], seeded["school_id"]
            )
        assert region is not None and muni is not None and school is not None
        scopes = [("region", region), ("municipality", muni), ("school", school)]
        expected = seeded["expected"]
        timings: list[Timing] = []
        report_total: list[float] = []
        region_builds: list[float] = []
        handler_total: list[float] = []
        region_report: Report | None = None
        values: dict[str, str] = {}
        stalls: dict[str, str] = {}
        async with MemoryMonitor(trace=False) as monitor:
            for label, scope in scopes:
                builds: list[float] = []
                texts: list[float] = []
                both: list[float] = []
                statements = 0
                report: Report | None = None
                summary = ""
                collections = 0
                lags = LoopLag()  # the stalls of every run (not of the gc.collect() in between)
                for run in range(args.runs):
                    report = None
                    gc.collect()
                    before = sum(st["collections"] for st in gc.get_stats())
                    with SqlProbe(engine) as probe:
                        async with LoopLag() as lag:
                            report, build_s, text_s, summary = await build_once(sessionmaker, scope, _)
                    lags.lags += lag.lags
                    collections += sum(st["collections"] for st in gc.get_stats()) - before
                    if run == 0:
                        statements = probe.statements
                    builds.append(build_s)
                    texts.append(text_s)
                    both.append(build_s + text_s)
                stalls[label] = f"{lags.summary()}; {collections / args.runs:.0f} GC collections per build"
                assert report is not None
                name = screens.scope_name(scope, _)
                teachers = report.counts.teachers
                timings.append(
                    Timing(
                        f"build — {label}",
                        builds,
                        f"{name}: {teachers} teachers, {statements} SQL statements, fresh session each",
                    )
                )
                timings.append(Timing("  summary_screen (the text)", texts, f"{len(summary)} characters"))
                timings.append(Timing(f"  report = build + text — {label}", both))
                problems += compare(report, expected[label], label)
                if label == "region":
                    report_total, region_builds = both, builds
                    region_report = report
                    values[label] = values_table(report, expected[label])
                else:
                    values[label] = f"{label} «{name}»: {teachers} teachers; " + short_values(report)
                    del report
            assert region_report is not None
            if args.phases:
                timings += await phases(sessionmaker, region)

            # Charts as the handler draws them: the first call pays matplotlib's warm-up.
            chart_bars: list[float] = []
            chart_heat: list[float] = []
            bars = heat = b""
            for _run in range(args.runs + 1):
                bars, heat_or_none, bars_s, heat_s = await draw_charts(region_report, _)
                heat = heat_or_none or b""
                chart_bars.append(bars_s)
                chart_heat.append(heat_s)
            timings.append(
                Timing("charts: indicators_png — first call", chart_bars[:1], f"{_kib(len(bars))} PNG")
            )
            timings.append(
                Timing("charts: indicators_png — later calls", chart_bars[1:], f"{_kib(len(bars))} PNG")
            )
            groups = len(region_report.deficits.groups)
            areas = len(region_report.deficits.areas)
            timings.append(
                Timing(
                    "charts: heatmap_png — first call",
                    chart_heat[:1],
                    f"{_kib(len(heat))} PNG, {groups} × {areas}",
                )
            )
            timings.append(
                Timing("charts: heatmap_png — later calls", chart_heat[1:], f"{_kib(len(heat))} PNG")
            )
            warm = statistics.median(chart_bars[1:]) + statistics.median(chart_heat[1:])
            handler_total = [t + warm for t in report_total]

            # The XLSX, by name and anonymised, in a thread as the handler runs it.
            xlsx_named: list[float] = []
            xlsx_anon: list[float] = []
            files: dict[bool, bytes] = {}
            xlsx_lags = LoopLag()
            for _run in range(args.xlsx_runs):
                for anonymised, bucket in ((False, xlsx_named), (True, xlsx_anon)):
                    files.pop(anonymised, None)
                    async with LoopLag() as lag:
                        data, seconds = await timed(
                            asyncio.to_thread(
                                indicators_xlsx, region_report, _, anonymised=anonymised, key=key
                            )
                        )
                    xlsx_lags.lags += lag.lags
                    files[anonymised] = data
                    bucket.append(seconds)
            stalls["XLSX in a thread (region)"] = (
                f"{xlsx_lags.summary()} (the file is written in a thread, which holds the GIL)"
            )
            timings.append(
                Timing("indicators_xlsx — by name (region)", xlsx_named, f"{_kib(len(files[False]))}")
            )
            timings.append(
                Timing("indicators_xlsx — anonymised (region)", xlsx_anon, f"{_kib(len(files[True]))}")
            )
            xlsx_total = [statistics.median(region_builds) + t for t in xlsx_named + xlsx_anon]
        stats = monitor.stats
        assert stats is not None
        checks: list[str] = []
        for anonymised in (False, True):
            found, seconds = check_xlsx(files[anonymised], region_report, _, anonymised=anonymised)
            problems += [f"XLSX ({'anonymised' if anonymised else 'by name'}): {p}" for p in found]
            checks.append(
                f"{'anonymised' if anonymised else 'by name'}: reopened read-only in {seconds:.1f} s — "
                f"{'OK' if not found else 'PROBLEMS'} ({len(expected_sheets(_))} sheets as expected, "
                f"«{safe_sheet_title(_('rp-x-teachers'))}» {region_report.counts.teachers} rows + header)"
            )
        del files

        # tracemalloc: one more build + XLSX with tracing on (slower).
        del region_report
        gc.collect()
        async with MemoryMonitor(trace=True) as traced:
            t0 = time.perf_counter()
            report, *_rest = await build_once(sessionmaker, region, _)
            t1 = time.perf_counter()
            data = await asyncio.to_thread(indicators_xlsx, report, _, anonymised=False, key=key)
            t2 = time.perf_counter()
        traced_stats = traced.stats
        assert traced_stats is not None
        del data

        profile: list[str] = []
        if args.profile:
            profile = await profiling(engine, sessionmaker, path, region, report, _, key)
        del report
    finally:
        await engine.dispose()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    say(f"\nTimes — {args.runs} runs per scope, fresh session each; SQLite file {_kib(size)}\n")
    say(timing_table(timings))
    say()
    for line in checks:
        say(f"XLSX {line}")
    say("\nThe event loop meanwhile (build runs in it; only its SQL goes to aiosqlite's thread):")
    for label, line in stalls.items():
        say(f"  {label}: {line}")
    say(
        f"\nIndicators — region, {PERIOD.first_day:%d.%m.%Y}–{PERIOD.last_day:%d.%m.%Y}, "
        f"now {NOW:%d.%m.%Y %H:%M} UTC (checked against what the seeded data must give):\n"
    )
    say(values["region"])
    say(f"\n{counts_line(expected['region'])}")
    for label in ("municipality", "school"):
        say(values[label])
    say(
        f"\nMemory: RSS (psutil, sampled every 10 ms) over all timed runs {mib(stats.rss_before)} → "
        f"peak {mib(stats.rss_peak)} (+{mib(stats.rss_delta)});\n"
        f"  tracemalloc peak of one build + XLSX by name: {mib(traced_stats.traced_peak)} "
        f"(that run: build {t1 - t0:.2f} s, XLSX {t2 - t1:.2f} s with tracing on);\n"
        f"  ru_maxrss of this process: {mib(stats.maxrss_after)} after the timed runs (builds, charts, both "
        f"files), {mib(maxrss)} at the end (+ reopening the files, the traced run and its bookkeeping); "
        f"{mib(process_rss_start)} when measuring began (the bot's imports: aiogram, pydantic, SQLAlchemy, "
        f"matplotlib …); the seeding child's: {mib(seeded['maxrss'])}"
    )
    peak = max(stats.maxrss_after, stats.rss_peak)
    verdict = [
        ("report (build + text), region, median", statistics.median(report_total), TARGET_REPORT, "s"),
        ("  with both charts (warm), as the handler", statistics.median(handler_total), TARGET_REPORT, "s"),
        ("XLSX (build + file), region, worst", max(xlsx_total), TARGET_XLSX, "s"),
        ("peak memory (ru_maxrss after the timed runs)", peak, TARGET_MEMORY, "B"),
    ]
    cells = [
        (
            label,
            mib(int(value)) if unit == "B" else f"{value:.2f} s",
            mib(int(limit)) if unit == "B" else f"< {limit:g} s",
            "OK" if value < limit else "MISSED",
        )
        for label, value, limit, unit in verdict
    ]
    say("\nVerdict against the targets:\n")
    say(table(("measure", "measured", "target", "verdict"), cells))
    for line in profile:
        say(line)
    if any(v >= limit for _l, v, limit, _u in verdict if not _l.startswith("  ")):
        problems.append("a target was missed (see the verdict)")
    if problems:
        print("\n".join(f"PROBLEM: {p}" for p in problems), file=sys.stderr)
        return 1
    return 0


def counts_line(expected: dict[str, Any]) -> str:
    """The region's counts (checked equal to the report's)."""
    c = expected["counts"]
    return (
        f"counts: {c['teachers']} teachers, {c['young']} young specialists, "
        f"category first {c['category_first']} / highest {c['category_highest']}, course {c['course']}, "
        f"contest {c['contest']}, mentors {c['mentors']}; "
        f"deficit matrix {len(expected['deficits'])} cells"
    )


def short_values(report: Report) -> str:
    parts = []
    for indicator, share in report.shares.items():
        parts.append(f"{indicator.value} {'—' if share.percent is None else f'{share.percent:.1f} %'}")
    return ", ".join(parts)


async def profiling(
    engine: AsyncEngine,
    sessionmaker: async_sessionmaker[AsyncSession],
    path: Path,
    region: Scope,
    report: Report,
    _: Translator,
    key: bytes,
) -> list[str]:
    lines = ["\nProfile (cProfile, main thread; SQLite runs in aiosqlite's thread and shows as waiting):"]
    with capture_statements(engine) as statements:
        profiler = cProfile.Profile()
        profiler.enable()
        t0 = time.perf_counter()
        async with sessionmaker() as session:
            await service.build(
                IndicatorRepo(session), ContentRepo(session), region, CODE, now=NOW, timezone=TZ
            )
        wall = time.perf_counter() - t0
        profiler.disable()
    gc_on: list[float] = []
    gc_off: list[float] = []
    for _run in range(2):
        for bucket, disabled in ((gc_on, False), (gc_off, True)):
            gc.collect()
            if disabled:
                gc.disable()
            try:
                async with sessionmaker() as session:
                    t0 = time.perf_counter()
                    await service.build(
                        IndicatorRepo(session), ContentRepo(session), region, CODE, now=NOW, timezone=TZ
                    )
                    bucket.append(time.perf_counter() - t0)
            finally:
                gc.enable()
    lines.append(
        f"\nservice.build — region without the profiler: {min(gc_on):.2f} s; with the garbage collector "
        f"disabled meanwhile {min(gc_off):.2f} s (best of 2 each)"
    )
    lines.append(f"\nservice.build — region ({wall:.2f} s under the profiler), top by own time:")
    lines += profile_lines(profiler, 18)
    lines.append(
        "\nthe build's statements on the bare sqlite3 module (no SQLAlchemy, rows as tuples), "
        "each with its query plan:"
    )
    total = 0.0
    for statement, parameters in statements:
        if not statement.lstrip().upper().startswith("SELECT"):
            continue
        seconds, count = bare_sqlite(path, statement, parameters)
        total += seconds
        lines.append(f"  {seconds:.3f} s, {count} rows: {' '.join(statement.split())[:90]}…")
        lines += [f"      {line}" for line in query_plan(path, statement, parameters)]
    lines.append(f"  in all {total:.2f} s")
    profiler = cProfile.Profile()
    profiler.enable()
    t0 = time.perf_counter()
    indicators_xlsx(report, _, anonymised=True, key=key)
    wall = time.perf_counter() - t0
    profiler.disable()
    lines.append(f"\nindicators_xlsx — anonymised ({wall:.2f} s under the profiler), top by own time:")
    lines += profile_lines(profiler, 18)
    return lines
