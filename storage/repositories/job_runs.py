"""The record of job runs (staff see it on the schedule screen)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import JobRun


class JobRunRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def started(self, job_id: str, now: datetime) -> JobRun:
        row = JobRun(job_id=job_id, started_at=now, done=0)
        self.session.add(row)
        await self.session.flush()
        return row

    async def finished(self, run_id: int, now: datetime, done: int, error: str | None) -> None:
        await self.session.execute(
            update(JobRun).where(JobRun.id == run_id).values(finished_at=now, done=done, error=error)
        )

    async def last_runs(self) -> dict[str, JobRun]:
        latest = select(JobRun.job_id, func.max(JobRun.id).label("id")).group_by(JobRun.job_id).subquery()
        rows = await self.session.scalars(select(JobRun).join(latest, latest.c.id == JobRun.id))
        return {row.job_id: row for row in rows}

    async def last_done(self) -> dict[str, JobRun]:
        """Each job's latest run that did something (sent, opened, published…)."""
        latest = (
            select(JobRun.job_id, func.max(JobRun.id).label("id"))
            .where(JobRun.done > 0)
            .group_by(JobRun.job_id)
            .subquery()
        )
        rows = await self.session.scalars(select(JobRun).join(latest, latest.c.id == JobRun.id))
        return {row.job_id: row for row in rows}

    async def prune(self, idle_before: datetime, before: datetime) -> None:
        """Forget runs that did nothing from before `idle_before`, and all from before `before`."""
        await self.session.execute(
            delete(JobRun).where(
                (JobRun.started_at < before) | ((JobRun.started_at < idle_before) & (JobRun.done == 0))
            )
        )
