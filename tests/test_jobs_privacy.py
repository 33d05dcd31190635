"""A failing periodic job leaves no person's text behind: the run's record (shown to staff on the
schedule screen) and the log carry the exception's type and where it failed, never its message."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

import pytest

import bot.jobs
from tests.conftest import BotEnv
from tests.flows import register

SECRET = "Шепчущая Секретова: в 7 «Б» мне тяжело, помогите"


async def test_a_failing_job_records_and_logs_no_persons_text(
    env: BotEnv, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert env.app is not None
    await register(env.user(7301), name="Секретова Анна")
    caplog.set_level(logging.DEBUG)

    async def sweep_echoing_text(*_args: object) -> list[object]:
        # As a validation error or a database error does: the message repeats what was typed.
        raise ValueError(f"cannot parse {SECRET!r}")

    monkeypatch.setattr(bot.jobs.mentoring, "sweep", sweep_echoing_text)
    env.app.scheduler.run_soon("mentoring-sweep")  # through APScheduler, as in production
    for _ in range(200):
        async with env.repos() as repos:
            run = (await repos.job_runs.last_runs()).get("mentoring-sweep")
        if run is not None and run.finished_at is not None:
            break
        await asyncio.sleep(0.02)
    else:
        raise AssertionError("the job did not run")
    await asyncio.sleep(0.1)  # APScheduler logs the outcome after the job returns

    assert run.error == "ValueError"
    formatter = logging.Formatter()
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert failures, "the failure is logged"
    assert any("sweep_echoing_text" in r.getMessage() for r in failures), "with where it failed"
    for record in caplog.records:
        logged = record.getMessage()
        if record.exc_info:
            logged += formatter.formatException(record.exc_info)
        if record.stack_info:
            logged += record.stack_info
        assert "Секретова" not in logged and "тяжело" not in logged, logged


async def test_a_job_that_fails_still_tells_its_caller(env: BotEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    async def failing(*_args: object) -> list[object]:
        raise ValueError(SECRET)

    monkeypatch.setattr(bot.jobs.mentoring, "sweep", failing)
    with pytest.raises(bot.jobs.JobFailed) as info:
        await bot.jobs.mentoring_sweep()
    assert str(info.value) == "mentoring-sweep: ValueError"
    assert info.value.__cause__ is None and info.value.__suppress_context__
    async with env.repos() as repos:
        run = (await repos.job_runs.last_runs())["mentoring-sweep"]
    assert run.error == "ValueError" and isinstance(run.finished_at, datetime)
