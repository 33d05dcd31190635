"""«Расписание рассылок»: the scheduler's jobs, their next and last runs, the next survey waves."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from bot.context import Planner, User
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.scheduler import JOBS
from bot.services.container import Services
from bot.ui import surveys as screens
from bot.ui.messaging import show


async def schedule(
    query: CallbackQuery,
    state: FSMContext,
    services: Services,
    user: User,
    roles: frozenset[Role],
    _: Translator,
    scheduler: Planner | None,
) -> None:
    await state.clear()
    # From the running scheduler (this process runs it): its jobs live in memory, not in a table.
    planned = scheduler.planned() if scheduler is not None else {}
    view = await services.surveys.jobs(user, roles, [job.id for job in JOBS], planned)
    await show(query, screens.jobs_screen(view, _))
