"""«Опросы и мониторинг» for staff: launch a campaign from a template (audience as for events,
once or monthly, how long it stays open), watch its waves, read the per-question results, take
the answers as XLSX, stop it; and «Расписание рассылок»: the scheduler's jobs and next runs.
Role check: RoleGate(staff, admin); a municipal service manages its municipality's campaigns."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from html import escape

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import MenuCD, Section, SurveyStaffCD
from bot.config import Settings
from bot.domain import surveys as domain
from bot.domain.events import Audience, parse_when
from bot.domain.roles import Role
from bot.domain.surveys import Recurrence
from bot.domain.time import Clock
from bot.i18n import Translator
from bot.middlewares import RoleGate
from bot.scheduler import JOBS, JobScheduler
from bot.services import content
from bot.services import events as event_service
from bot.services import roles as role_service
from bot.services import surveys as service
from bot.services.survey_xlsx import answers_xlsx
from bot.ui import events as event_screens
from bot.ui import surveys as screens
from bot.ui.messaging import show
from handlers.events_staff import zone_of
from storage.models import SurveyCampaign, User
from storage.repositories import Repos

log = logging.getLogger(__name__)
router = Router(name=__name__)
router.message.middleware(RoleGate({Role.STAFF, Role.ADMIN}))
router.callback_query.middleware(RoleGate({Role.STAFF, Role.ADMIN}))


class SurveyWizard(StatesGroup):
    start = State()  # data: c (campaign)


def _scope(user: User | None, roles: frozenset[Role]) -> int | None:
    return role_service.staff_scope(user, roles)


async def _own(
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    campaign_id: int,
    _: Translator,
    answer: CallbackAnswer,
    *,
    draft: bool | None = None,
) -> SurveyCampaign | None:
    """The campaign if this person may manage it; `draft` True/False also requires it to be (not)
    a draft — a stale wizard button after launching gets a clear answer."""
    campaign = await repos.surveys.campaign(campaign_id)
    if campaign is None or not service.may_manage(campaign, roles, _scope(user, roles)):
        answer.text, answer.show_alert = _("ss-not-found"), True
        return None
    if draft is True and campaign.status != "draft":
        answer.text, answer.show_alert = _("ss-launched-already"), True
        return None
    if draft is False and campaign.status == "draft":
        answer.text, answer.show_alert = _("ss-still-draft"), True
        return None
    return campaign


@router.callback_query(MenuCD.filter(F.section == Section.SURVEYS))
async def home(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await _list(query, state, repos, user, roles, 0, _)


@router.callback_query(SurveyStaffCD.filter(F.action == "list"))
async def campaigns(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await _list(query, state, repos, user, roles, max(0, callback_data.p), _)


async def _list(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    page: int,
    _: Translator,
) -> None:
    await state.clear()
    found, total = await repos.surveys.campaigns(_scope(user, roles), page * screens.PAGE, screens.PAGE)
    if not found and page:
        page = 0
        found, total = await repos.surveys.campaigns(_scope(user, roles), 0, screens.PAGE)
    errors = len(service.load_templates().errors)
    await show(query, screens.campaigns_screen(found, total, page, errors, _))


@router.callback_query(SurveyStaffCD.filter(F.action == "new"))
async def new(query: CallbackQuery, _: Translator) -> None:
    templates = service.load_templates()
    await show(query, screens.templates_screen(list(templates.found.values()), templates.errors, _))


@router.callback_query(SurveyStaffCD.filter(F.action == "tpl"))
async def chosen_template(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    template = service.load_templates().found.get(callback_data.v)
    if template is None or user is None:
        callback_answer.text, callback_answer.show_alert = _("ss-template-gone"), True
        return
    campaign = await service.start_draft(repos, user, template, _scope(user, roles), clock())
    await _audience(query, repos, campaign, _, clock)


def _buttons(campaign: SurveyCampaign) -> event_screens.AudienceButton:
    return lambda action, value: SurveyStaffCD(action=action, c=campaign.id, v=value)


async def _audience(
    event_: Message | CallbackQuery, repos: Repos, campaign: SurveyCampaign, _: Translator, clock: Clock
) -> None:
    audience = Audience.from_json(campaign.audience)
    count = len(await service.recipients(repos, campaign, clock().year))
    municipalities, _total = await repos.directory.municipalities()
    catalogue = await content.catalogue(repos.content)
    titles = {area: rec.title for area, rec in catalogue.areas.items()} if catalogue else {}
    await show(
        event_,
        event_screens.audience_screen(
            audience,
            count,
            {m.id: m.name for m in municipalities},
            titles,
            _,
            _buttons(campaign),
            next_label="ss-btn-next",
        ),
    )


@router.callback_query(SurveyStaffCD.filter(F.action.in_({"audience", "young", "opt", "aud"})))
async def audience(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    campaign = await _own(repos, user, roles, callback_data.c, _, callback_answer, draft=True)
    if campaign is None or user is None:
        return
    await state.clear()
    current = Audience.from_json(campaign.audience).edited(callback_data.action, callback_data.v)
    current = event_service.limit_audience(current, roles, _scope(user, roles), user)
    await repos.surveys.update(campaign, audience=current.to_json())
    if callback_data.action in ("aud", "opt"):
        key = callback_data.v if callback_data.action == "aud" else callback_data.v.split(".", 1)[0]
        if key not in ("roles", "municipalities", "subjects", "areas"):
            callback_answer.text = _("ss-not-found")
            return
        options = await event_service.audience_options(repos, key, _)
        chosen = {str(v) for v in getattr(current, key, ())}
        await show(query, event_screens.options_screen(key, options, chosen, _, _buttons(campaign)))
        return
    await _audience(query, repos, campaign, _, clock)


@router.callback_query(SurveyStaffCD.filter(F.action == "preview"))
async def when_(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    campaign = await _own(repos, user, roles, callback_data.c, _, callback_answer, draft=True)
    if campaign is None:
        return
    await state.clear()
    await show(query, screens.when_screen(campaign, _))


@router.callback_query(SurveyStaffCD.filter(F.action == "when"))
async def chose_when(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    campaign = await _own(repos, user, roles, callback_data.c, _, callback_answer, draft=True)
    if campaign is None:
        return
    if callback_data.v == "date":
        await state.set_state(SurveyWizard.start)
        await state.set_data({"c": campaign.id})
        await show(query, (_("ss-date-prompt"), None))
        return
    if callback_data.v == "monthly":
        await repos.surveys.update(
            campaign, recurrence=Recurrence.MONTHLY.value, day=1, hour=10, minute=0, starts_at=clock()
        )
    else:
        await repos.surveys.update(campaign, recurrence=Recurrence.ONCE.value, starts_at=clock())
    await show(query, screens.days_screen(campaign, _))


@router.message(SurveyWizard.start, F.text)
async def got_date(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    settings: Settings,
) -> None:
    campaign = await repos.surveys.campaign(int((await state.get_data()).get("c", 0)))
    if (
        campaign is None
        or campaign.status != "draft"
        or not service.may_manage(campaign, roles, _scope(user, roles))
    ):
        await state.clear()
        await message.answer(_("ss-launched-already"))
        return
    try:
        start = parse_when(message.text or "", zone_of(user, settings), clock())
    except ValueError:
        await message.answer(_("es-date-bad"))
        return
    if start <= clock():
        await message.answer(_("es-date-past"))
        return
    await repos.surveys.update(campaign, recurrence=Recurrence.ONCE.value, starts_at=start)
    await state.clear()
    await show(message, screens.days_screen(campaign, _))


@router.message(SurveyWizard.start)
async def date_not_text(message: Message, _: Translator) -> None:
    await message.answer(_("es-date-bad"))


async def _confirm(
    event_: Message | CallbackQuery,
    repos: Repos,
    campaign: SurveyCampaign,
    user: User | None,
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    tz = zone_of(user, settings)
    count = len(await service.recipients(repos, campaign, clock().year))
    first = domain.next_start(service.schedule_of(campaign), clock(), tz)
    await show(event_, screens.confirm_screen(campaign, count, first, tz, _))


@router.callback_query(SurveyStaffCD.filter(F.action.in_({"days", "anon"})))
async def days(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    campaign = await _own(repos, user, roles, callback_data.c, _, callback_answer, draft=True)
    if campaign is None:
        return
    if callback_data.action == "days":
        if not callback_data.v.isdigit() or int(callback_data.v) not in screens.DAYS:
            callback_answer.text = _("ss-not-found")
            return
        await repos.surveys.update(campaign, open_days=int(callback_data.v))
    else:
        await repos.surveys.update(campaign, anonymous=not campaign.anonymous)
    await _confirm(query, repos, campaign, user, settings, _, clock)


@router.callback_query(SurveyStaffCD.filter(F.action == "launch"))
async def launch(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    campaign = await _own(repos, user, roles, callback_data.c, _, callback_answer, draft=True)
    if campaign is None:
        return
    if not await service.recipients(repos, campaign, clock().year):
        callback_answer.text, callback_answer.show_alert = _("ss-nobody"), True
        return
    await service.launch(repos, campaign, clock())
    callback_answer.text = _("ss-launched")
    await _card(query, repos, campaign, user, settings, clock, 0, _)


@router.callback_query(SurveyStaffCD.filter(F.action == "drop"))
async def drop(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    campaign = await _own(repos, user, roles, callback_data.c, _, callback_answer, draft=True)
    if campaign is None:
        return
    await repos.surveys.delete_campaign(campaign)
    callback_answer.text = _("ss-dropped")
    await _list(query, state, repos, user, roles, 0, _)


async def _card(
    event_: CallbackQuery,
    repos: Repos,
    campaign: SurveyCampaign,
    user: User | None,
    settings: Settings,
    clock: Clock,
    page: int,
    _: Translator,
) -> None:
    tz = zone_of(user, settings)
    waves = await service.waves_of(repos, campaign)
    next_at = domain.next_start(service.schedule_of(campaign), clock(), tz)
    await show(event_, screens.card_screen(campaign, waves, next_at, tz, page, _))


@router.callback_query(SurveyStaffCD.filter(F.action == "card"))
async def card(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    campaign = await _own(repos, user, roles, callback_data.c, _, callback_answer)
    if campaign is None:
        return
    if campaign.status == "draft":
        await _confirm(query, repos, campaign, user, settings, _, clock)
        return
    await _card(query, repos, campaign, user, settings, clock, callback_data.p, _)


@router.callback_query(SurveyStaffCD.filter(F.action.in_({"stop", "stop_yes"})))
async def stop(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    campaign = await _own(repos, user, roles, callback_data.c, _, callback_answer, draft=False)
    if campaign is None:
        return
    if campaign.status != "active":
        callback_answer.text = _("ss-stopped-already")
    elif callback_data.action == "stop":
        await show(query, screens.stop_confirm(campaign, _))
        return
    else:
        await service.stop(repos, campaign, clock())
        callback_answer.text = _("ss-stopped")
    await _card(query, repos, campaign, user, settings, clock, 0, _)


@router.callback_query(SurveyStaffCD.filter(F.action == "res"))
async def results(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    campaign = await _own(repos, user, roles, callback_data.c, _, callback_answer, draft=False)
    if campaign is None:
        return
    wave_id = int(callback_data.v) if callback_data.v.isdigit() else 0
    found = await service.results(repos, campaign, wave_id)
    await show(query, screens.results_screen(found, zone_of(user, settings), _))


@router.callback_query(SurveyStaffCD.filter(F.action == "xlsx"))
async def xlsx(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    campaign = await _own(repos, user, roles, callback_data.c, _, callback_answer, draft=False)
    if campaign is None or query.bot is None:
        return
    found = await service.export(repos, campaign)
    if found.refused:
        callback_answer.text, callback_answer.show_alert = _("ss-res-hidden", min=domain.ANONYMOUS_MIN), True
        return
    data = await asyncio.to_thread(answers_xlsx, found, campaign.anonymous, _)
    name = f"survey-{campaign.template_id}-{clock():%Y-%m-%d}.xlsx"
    caption = _("ss-xlsx-caption", title=escape(campaign.title[:200]), count=len(found.rows))
    if found.withheld:
        caption += "\n" + _("ss-xlsx-withheld", count=found.withheld, min=domain.ANONYMOUS_MIN)
    await query.bot.send_document(query.from_user.id, BufferedInputFile(data, filename=name), caption=caption)


# --- the schedule of jobs -------------------------------------------------------------------------


@router.callback_query(MenuCD.filter(F.section == Section.SCHEDULE))
async def schedule(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    settings: Settings,
    scheduler: JobScheduler | None,
) -> None:
    await state.clear()
    # From the running scheduler (this process runs it): its jobs live in memory, not in a table.
    planned = scheduler.planned() if scheduler is not None else {}
    last = await repos.job_runs.last_runs()
    last_done = await repos.job_runs.last_done()
    tz = zone_of(user, settings)
    rows = []
    for job in JOBS:
        at = planned.get(job.id)
        run = last.get(job.id)
        done = last_done.get(job.id)
        rows.append(
            (
                job.id,
                at,
                run.started_at if run else None,
                run.done if run else None,
                run.error if run else None,
                done.started_at if done else None,
            )
        )
    now = clock()
    waves = []
    scope = _scope(user, roles)
    for campaign in await repos.surveys.active():
        if not service.may_manage(campaign, roles, scope):
            continue  # another municipality's campaign: not even its title
        start = domain.next_start(service.schedule_of(campaign), now, tz)
        if start is not None:
            waves.append((campaign.title, start))
    waves.sort(key=lambda w: w[1])
    queued = await repos.outbox.due_count(now + timedelta(days=366))
    await show(query, screens.jobs_screen(rows, waves, queued, tz, _))
