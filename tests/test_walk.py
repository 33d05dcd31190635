"""A short random walk over the real bot process (``python -m benchmarks walk`` in small): people
tapping, typing hostile text, forging buttons, sending files, with one kill -9 and a restart.
Nothing of it may end in a traceback, a Bot API error or a callback left unanswered."""

from __future__ import annotations

from pathlib import Path

from benchmarks.walk import Walk


async def test_a_random_walk_with_a_kill_leaves_no_traceback_api_error_or_unanswered_button(
    tmp_path: Path,
) -> None:
    walk = Walk(users=8, actions=300, seed=17, kill_at=150, workdir=tmp_path, think_range=(0.05, 0.45))
    report = await walk.run()
    summary = report.render()
    assert report.actions == 300 and report.kills == 1, summary
    assert not report.setup_problems, summary
    assert not report.tracebacks, summary
    assert not report.api_errors, summary
    assert not report.unanswered, summary
