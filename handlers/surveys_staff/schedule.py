"""«Расписание рассылок»: the scheduler's jobs, their next and last runs, the next survey waves."""

from __future__ import annotations

from aiogram.types import CallbackQuery

from bot.context import Planner
from bot.i18n import Translator
from bot.scheduler import JOBS
from bot.turn import Turn
from bot.ui import surveys as screens
from bot.ui.messaging import show


async def schedule(query: CallbackQuery, turn: Turn, scheduler: Planner | None, _: Translator) -> None:
    # From the running scheduler (this process runs it): its jobs live in memory, not in a table.
    planned = scheduler.planned() if scheduler is not None else {}
    view = await turn.services.surveys.jobs(turn.user, turn.roles, [job.id for job in JOBS], planned)
    # Tapped again (🔄) with nothing new: a word saying so, not an edit.
    await show(query, screens.jobs_screen(view, _), unchanged=_("jobs-nothing-new"))
