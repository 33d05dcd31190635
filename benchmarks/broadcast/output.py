"""The broadcast benchmark's figures: per run, the table of runs, the storms."""

from __future__ import annotations

import math
from collections.abc import Sequence

from benchmarks.broadcast.pace import PER_CHAT, Outcome
from benchmarks.report import (
    mib,
    percentile,
)
from bot.outbox import BATCH

# ---------------------------------------------------------------------------- output


def ms(values: Sequence[float], q: float) -> str:
    return f"{percentile(values, q) * 1000:.1f}" if values else "n/a"


def gc_line(pauses: Sequence[tuple[int, float]]) -> str:
    if not pauses:
        return "no garbage collection"
    oldest = [d for g, d in pauses if g == 2]
    return (
        f"{len(pauses)} garbage collections ({len(oldest)} of generation 2, max "
        f"{max(oldest, default=0.0) * 1000:.0f} ms), max {max(d for _, d in pauses) * 1000:.0f} ms, "
        f"sum {sum(d for _, d in pauses):.2f} s"
    )


def where(out: Outcome) -> str:
    if not out.other_429_where:
        return ""
    return " (" + ", ".join(f"{n} × {what}" for what, n in out.other_429_where.most_common()) + ")"


def ratio(value: float, rate: float) -> str:
    return "n/a" if math.isnan(value) else f"{value / rate:.3f}"


def describe(out: Outcome) -> list[str]:
    spec = out.spec
    limit = "off" if spec.fake_global is None else f"{spec.fake_global:g}/s"
    m = out.memory
    memory = (
        f"RSS {mib(m.rss_before)} before the enqueue, {mib(out.rss_after_enqueue)} after it "
        f"(+{mib(out.rss_after_enqueue - m.rss_before)}), peak {mib(m.rss_peak)} until done: "
        f"+{mib(m.rss_delta)} in all; ru_maxrss +{mib(m.maxrss_delta)}"
        if m is not None
        else "n/a"
    )
    cpu = (
        f"CPU {out.cpu_seconds:.1f} s during the delivery = {out.cpu_seconds / out.wall:.0%} of one core "
        f"(bot + fake + SQLite, one process), {out.cpu_seconds / max(out.sent, 1) * 1e6:.0f} µs per message"
        if out.wall > 0
        else "CPU n/a"
    )
    return [
        f"{spec.label}: configured {spec.rate:g}/s, {spec.recipients} recipients; fake Bot API limit global "
        f"{limit}, per chat {PER_CHAT:g}/s; worker concurrency {out.concurrency}, claims of "
        f"{min(BATCH, out.concurrency)}",
        f"  seeding {spec.recipients} users (bulk insert) {out.seed_seconds:.2f} s; enqueue: audience query "
        f"(ORM users) {out.load_seconds:.2f} s + send_to + commit {out.enqueue_seconds:.2f} s, then the "
        f"progress message {out.progress_seconds * 1000:.0f} ms; {out.enqueue_statements} SQL statements; "
        f"loop stalls max {ms(out.enqueue_lags, 100)} ms; {gc_line(out.enqueue_gc)}",
        f"  sent {out.sent} (fake); first send {out.first_send * 1000:.0f} ms after the commit; "
        f"first → last send {out.pace_span:.2f} s; commit → every row marked {out.wall:.2f} s "
        f"(last send → marked {out.last_to_marked * 1000:.0f} ms, → broadcast closed as done "
        f"{out.closed_after * 1000:.0f} ms)",
        f"  achieved: pace (fake, (sent−1)/first→last) {out.pace:.2f}/s = {ratio(out.pace, spec.rate)} of "
        f"configured; end to end (sent/commit→marked) {out.end_to_end:.2f}/s = "
        f"{ratio(out.end_to_end, spec.rate)}",
        f"  429s: {out.got_429} to sendMessage (worker counted {out.worker_429}), {out.other_429} to other "
        f"calls{where(out)}; limiter pauses {out.pauses} ({len(out.pause_calls)} pause calls, "
        f"{out.paused:.2f} s paused); most calls accepted in any 1 s: {out.max_window}; "
        f"longest gap between sends {out.longest_gap * 1000:.0f} ms",
        f"  sendMessage latency (stats.latencies, n={len(out.latencies)}): p50 {ms(out.latencies, 50)} ms, "
        f"p95 {ms(out.latencies, 95)} ms, p99 {ms(out.latencies, 99)} ms, max {ms(out.latencies, 100)} ms",
        f"  event loop during the delivery: stalls p99 {ms(out.loop_lags, 99)} ms, max "
        f"{ms(out.loop_lags, 100)} ms; {gc_line(out.gc)}",
        f"  {cpu}",
        f"  memory: {memory}",
        f"  SQL (the app's engine, delivery): {out.statements} statements, {out.commits} commits = "
        f"{out.statements / max(out.sent, 1) * 1000:.0f} statements per 1000 messages",
        f"  progress message: first edit tried {out.first_edit_after * 1000:.0f} ms after it was sent; "
        f"{out.progress_edits} edits; last: {out.progress_text[:120]}",
        f"  worker stats: {out.stats}",
    ]


def table(outcomes: Sequence[Outcome]) -> str:
    header = (
        "run",
        "recipients",
        "rate/s",
        "fake limit",
        "pace/s",
        "ratio",
        "e2e/s",
        "ratio",
        "wall s",
        "429s",
        "p50 ms",
        "p95 ms",
        "RSS +MiB",
        "SQL",
    )
    rows = [
        (
            o.spec.label,
            str(o.spec.recipients),
            f"{o.spec.rate:g}",
            "off" if o.spec.fake_global is None else f"{o.spec.fake_global:g}",
            f"{o.pace:.2f}",
            ratio(o.pace, o.spec.rate),
            f"{o.end_to_end:.2f}",
            ratio(o.end_to_end, o.spec.rate),
            f"{o.wall:.1f}",
            str(o.got_429 + o.other_429),
            ms(o.latencies, 50),
            ms(o.latencies, 95),
            f"{o.memory.rss_delta / 2**20:.1f}" if o.memory else "n/a",
            str(o.statements),
        )
        for o in outcomes
    ]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join([line(header), "-" * len(line(header)), *(line(r) for r in rows)])


def storm_lines(out: Outcome) -> list[str]:
    spec = out.spec
    storm = spec.storm
    lines = []
    if storm is not None and storm.bursts:
        base = (spec.recipients - 1) / spec.rate
        best = base + storm.bursts * storm.retry_after
        worst = base + storm.bursts * storm.count * storm.retry_after
        after = ", ".join(str(spec.recipients * k // (storm.bursts + 1)) for k in range(1, storm.bursts + 1))
        periods = ", ".join(f"{p:.2f}" for p in out.pause_periods)
        lines.append(
            f"  storm: {storm.bursts} bursts of {storm.count} × 429 (retry_after {storm.retry_after} s) "
            f"injected after {after} sent — the fake fails the next {storm.count} sendMessage calls whenever "
            f"they come, so a burst costs between one retry_after (the in-flight calls take all "
            f"{storm.count} at once) and {storm.count} × retry_after (one call after each pause takes one): "
            f"first → last {best:.1f}…{worst:.1f} s expected, {out.pace_span:.1f} s measured; "
            f"separate stretches of pausing (s): {periods}"
        )
    elif spec.fake_global is not None and spec.fake_global < spec.rate:
        lines.append(
            f"  throttled: the fake allows {spec.fake_global:g}/s, the worker is set to {spec.rate:g}/s: "
            f"effective {out.pace:.1f}/s = {out.pace / spec.fake_global:.2f} of what Telegram allowed"
        )
    lost = "none" if not any("got no message" in p for p in out.problems) else "SEE PROBLEM"
    lines.append(
        f"  {out.got_429} × 429 to sendMessage, {out.other_429} to other calls{where(out)}; "
        f"limiter.pauses {out.pauses}, {len(out.pause_calls)} pause calls, {out.paused:.2f} s paused "
        f"in total; longest gap between sends {out.longest_gap:.2f} s; lost or duplicated: {lost}; "
        f"effective rate {out.pace:.1f}/s "
        f"({ratio(out.pace, spec.rate)} of configured)"
    )
    return lines
