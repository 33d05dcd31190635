"""Staff's mentoring: run the matching and confirm pairs (all, one by one, or another mentor),
pairs at risk, mentors' applications, the report and its XLSX. Role check: RoleGate(staff, admin);
municipal staff see and change their municipality only."""

from __future__ import annotations

import asyncio
import logging
from datetime import date

from aiogram import Bot, F, Router
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import MentorCD, MenuCD, PairCD, Section
from bot.config import Settings
from bot.domain.mentoring import PairStatus
from bot.domain.roles import Role
from bot.domain.time import Clock, local_today
from bot.i18n import I18n, Translator
from bot.middlewares import RoleGate
from bot.services import mentoring as service
from bot.services import reports
from bot.ui import mentoring as screens
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import notify, show
from storage.models import MentorPair, User
from storage.repositories import Repos

log = logging.getLogger(__name__)
router = Router(name=__name__)
router.message.middleware(RoleGate({Role.STAFF, Role.ADMIN}))
router.callback_query.middleware(RoleGate({Role.STAFF, Role.ADMIN}))


def _today(settings: Settings, clock: Clock) -> date:
    return local_today(clock(), settings.default_timezone)


async def _home(
    event: CallbackQuery | Message,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    note: str | None = None,
) -> None:
    scope = service.scope_of(user, roles)
    report = await service.report(repos, scope, clock(), _today(settings, clock))
    applications = len(await repos.mentoring.applications(scope))
    text, markup = screens.staff_home(report, applications, _)
    await show(event, ((note + "\n\n" + text) if note else text, markup))


@router.callback_query(MenuCD.filter(F.section == Section.PAIRS))
@router.callback_query(PairCD.filter(F.action == "home"))
async def home(
    query: CallbackQuery,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    await _home(query, repos, user, roles, settings, _, clock)


async def _people(repos: Repos, pairs: list[MentorPair]) -> dict[int, User]:
    return await repos.mentoring.users(sorted({p.mentee_id for p in pairs} | {p.mentor_id for p in pairs}))


@router.callback_query(PairCD.filter(F.action == "match"))
async def pick_scope(
    query: CallbackQuery, repos: Repos, user: User | None, roles: frozenset[Role], _: Translator, clock: Clock
) -> None:
    """The regional centre chooses the region or one municipality; a municipal service runs its own."""
    scope = service.scope_of(user, roles)
    if scope is not None:
        await _match(query, repos, scope, _, clock)
        return
    municipalities, _total = await repos.directory.municipalities()
    await show(query, screens.match_scope_screen(municipalities, _))


@router.callback_query(PairCD.filter(F.action == "match_in"))
async def run_matching(
    query: CallbackQuery,
    callback_data: PairCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    scope = service.scope_of(user, roles)
    wanted = callback_data.m or None
    if not service.in_scope(scope, wanted):  # None = the whole region: the regional centre only
        callback_answer.text, callback_answer.show_alert = _("mts-pair-gone"), True
        return
    await _match(query, repos, wanted, _, clock)


async def _match(query: CallbackQuery, repos: Repos, scope: int | None, _: Translator, clock: Clock) -> None:
    run = await service.run_matching(repos, scope, clock().year)
    await repos.commit()
    people = await _people(repos, run.proposals)
    await show(query, screens.proposals_screen(run.proposals, people, len(run.unmatched), 0, _))


@router.callback_query(PairCD.filter(F.action == "proposals"))
async def proposals(
    query: CallbackQuery,
    callback_data: PairCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    pairs = await repos.mentoring.proposed(service.scope_of(user, roles))
    await show(query, screens.proposals_screen(pairs, await _people(repos, pairs), None, callback_data.pg, _))


async def _scoped(
    repos: Repos,
    pair_id: int,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    answer: CallbackAnswer,
) -> tuple[MentorPair, User, User] | None:
    try:
        return await service.pair_in_scope(repos, pair_id, service.scope_of(user, roles))
    except service.NotYours:
        answer.text, answer.show_alert = _("mts-pair-gone"), True
        return None


async def _show_proposal(
    event: CallbackQuery, repos: Repos, pair: MentorPair, mentee: User, mentor: User, page: int, _: Translator
) -> None:
    profile = await repos.mentoring.profile(mentor.id)
    load = await repos.mentoring.load(mentor.id)
    await show(
        event,
        screens.proposal_screen(pair, mentee, mentor, load, profile.capacity if profile else 2, page, _),
    )


@router.callback_query(PairCD.filter(F.action == "proposal"))
async def proposal(
    query: CallbackQuery,
    callback_data: PairCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _scoped(repos, callback_data.p, user, roles, _, callback_answer)
    if found is None:
        return
    pair, mentee, mentor = found
    if pair.status != PairStatus.PROPOSED.value:
        callback_answer.text = _("mts-pair-decided")
        return
    await _show_proposal(query, repos, pair, mentee, mentor, callback_data.pg, _)


async def introduce(bot: Bot, repos: Repos, i18n: I18n, pair: MentorPair, mentee: User, mentor: User) -> None:
    """Both people are told and introduced: each gets the other's card."""
    theirs = i18n.get(mentor.locale)
    text = theirs("mn-intro-mentor") + "\n\n" + "\n".join(screens.person_card(mentee, theirs))
    kb = Keyboard()
    kb.button(text=theirs("mn-btn-log"), callback_data=MentorCD(action="log", p=pair.id))
    await notify(bot, mentor.tg_id, text, kb.as_markup())
    theirs = i18n.get(mentee.locale)
    profile = await repos.mentoring.profile(mentor.id)
    text, markup = screens.my_mentor_screen(pair, mentor, profile, theirs)
    await notify(bot, mentee.tg_id, theirs("mn-intro-mentee") + "\n\n" + text, markup)


@router.callback_query(PairCD.filter(F.action == "confirm"))
async def confirm(
    query: CallbackQuery,
    callback_data: PairCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _scoped(repos, callback_data.p, user, roles, _, callback_answer)
    if found is None:
        return
    pair, mentee, mentor = found
    try:
        await service.confirm(repos, pair, clock(), _today(settings, clock))
    except service.Decided:
        # Someone confirmed (or rejected) it first and introduced the pair: show what is left.
        note = _("mts-pair-decided")
    except service.NotAllowed:
        callback_answer.text, callback_answer.show_alert = _("mts-cannot-confirm"), True
        return
    else:
        await repos.commit()
        note = _("mts-confirmed")
        await introduce(bot, repos, i18n, pair, mentee, mentor)
    callback_answer.text = note
    pairs = await repos.mentoring.proposed(service.scope_of(user, roles))
    if not pairs:
        await _home(query, repos, user, roles, settings, _, clock, note=note)
        return
    await show(query, screens.proposals_screen(pairs, await _people(repos, pairs), None, callback_data.pg, _))


@router.callback_query(PairCD.filter(F.action == "confirm_all"))
async def confirm_all(
    query: CallbackQuery,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
) -> None:
    done = await service.confirm_all(repos, service.scope_of(user, roles), clock(), _today(settings, clock))
    await repos.commit()
    people = await _people(repos, done)
    for pair in done:
        await introduce(bot, repos, i18n, pair, people[pair.mentee_id], people[pair.mentor_id])
    await _home(query, repos, user, roles, settings, _, clock, note=_("mts-confirmed-all", count=len(done)))


@router.callback_query(PairCD.filter(F.action == "others"))
async def others(
    query: CallbackQuery,
    callback_data: PairCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _scoped(repos, callback_data.p, user, roles, _, callback_answer)
    if found is None:
        return
    pair = found[0]
    await show(
        query, screens.others_screen(pair, await service.other_mentors(repos, pair), callback_data.pg, _)
    )


@router.callback_query(PairCD.filter(F.action == "pick"))
async def pick(
    query: CallbackQuery,
    callback_data: PairCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _scoped(repos, callback_data.p, user, roles, _, callback_answer)
    if found is None:
        return
    pair, mentee, _mentor = found
    try:
        await service.choose_other(repos, pair, callback_data.m)
    except (service.NotAllowed, service.NotYours):
        callback_answer.text, callback_answer.show_alert = _("mts-cannot-confirm"), True
        return
    mentor = await repos.users.by_id(pair.mentor_id)
    if mentor is not None:
        await _show_proposal(query, repos, pair, mentee, mentor, callback_data.pg, _)


@router.callback_query(PairCD.filter(F.action == "reject"))
async def reject(
    query: CallbackQuery,
    callback_data: PairCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _scoped(repos, callback_data.p, user, roles, _, callback_answer)
    if found is None:
        return
    try:
        await service.reject(repos, found[0], clock())
    except service.NotAllowed:
        callback_answer.text = _("mts-pair-decided")
    pairs = await repos.mentoring.proposed(service.scope_of(user, roles))
    await show(query, screens.proposals_screen(pairs, await _people(repos, pairs), None, callback_data.pg, _))


# --- pairs at risk, one pair ----------------------------------------------------------------


@router.callback_query(PairCD.filter(F.action == "risk"))
async def risk(
    query: CallbackQuery,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    report = await service.report(repos, service.scope_of(user, roles), clock(), _today(settings, clock))
    await show(query, screens.risk_screen(report.at_risk, _))


@router.callback_query(PairCD.filter(F.action.in_({"pair", "pause", "resume", "complete"})))
async def pair_card(
    query: CallbackQuery,
    callback_data: PairCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _scoped(repos, callback_data.p, user, roles, _, callback_answer)
    if found is None:
        return
    pair, mentee, mentor = found
    target = {"pause": PairStatus.PAUSED, "resume": PairStatus.ACTIVE, "complete": PairStatus.COMPLETED}
    if callback_data.action in target:
        try:
            await service.end_pair(repos, pair, target[callback_data.action], clock())
        except service.NotAllowed:
            callback_answer.text = _("mts-pair-decided")
    meetings = len(await repos.mentoring.meetings(pair.id))
    await show(query, screens.staff_pair_screen(pair, mentee, mentor, meetings, _))


@router.callback_query(PairCD.filter(F.action == "rematch"))
async def rematch(
    query: CallbackQuery,
    callback_data: PairCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    """The pair does not work out: it is cancelled and another mentor is proposed for the young one."""
    found = await _scoped(repos, callback_data.p, user, roles, _, callback_answer)
    if found is None:
        return
    pair, mentee, _mentor = found
    try:
        await service.end_pair(repos, pair, PairStatus.CANCELLED, clock())
    except service.NotAllowed:
        callback_answer.text = _("mts-pair-decided")
        return
    options = await service.other_mentors(repos, pair)
    if not options:
        await _home(query, repos, user, roles, settings, _, clock, note=_("mts-others-none"))
        return
    best = options[0]
    proposal_ = await repos.mentoring.add_pair(
        mentor_id=best[0].id,
        mentee_id=mentee.id,
        status=PairStatus.PROPOSED.value,
        score=best[1],
        reasons=[r.value for r in best[2]],
    )
    await _show_proposal(query, repos, proposal_, mentee, best[0], 0, _)


# --- applications ----------------------------------------------------------------


@router.callback_query(PairCD.filter(F.action.in_({"apps", "approve", "decline"})))
async def applications(
    query: CallbackQuery,
    callback_data: PairCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    i18n: I18n,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    scope = service.scope_of(user, roles)
    if callback_data.action != "apps":
        try:
            application, applicant = await service.application_in_scope(repos, callback_data.a, scope)
        except service.NotYours:
            callback_answer.text, callback_answer.show_alert = _("mts-pair-gone"), True
            return
        approve = callback_data.action == "approve"
        try:
            await service.decide(repos, application, user, approve, query.from_user.id, clock())
        except service.NotAllowed:
            callback_answer.text = _("mts-pair-decided")
        else:
            await repos.commit()
            their = i18n.get(applicant.locale)
            await notify(
                bot, applicant.tg_id, their("mn-notice-approved" if approve else "mn-notice-declined")
            )
            callback_answer.text = _("mts-app-done")
    await show(query, screens.applications_screen(await repos.mentoring.applications(scope), _))


# --- the report ----------------------------------------------------------------


@router.callback_query(PairCD.filter(F.action == "report"))
async def report(
    query: CallbackQuery,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    data = await service.report(repos, service.scope_of(user, roles), clock(), _today(settings, clock))
    kb = Keyboard()
    kb.button(text=_("mts-btn-xlsx"), callback_data=PairCD(action="xlsx"))
    kb.button(text=_("btn-back"), callback_data=PairCD(action="home"))
    kb.adjust(1)
    await show(query, (screens.report_text(data, _), kb.as_markup()))


@router.callback_query(PairCD.filter(F.action == "xlsx"))
async def xlsx(
    query: CallbackQuery,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    callback_answer.text = _("export-wait")
    data = await service.report(repos, service.scope_of(user, roles), clock(), _today(settings, clock))
    sheets = screens.report_sheets(data, await service.report_meetings(repos, data), _)
    content = await asyncio.to_thread(reports.workbook, sheets)
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(content, filename=f"mentoring-{_today(settings, clock).isoformat()}.xlsx"),
        caption=_("mts-xlsx-caption"),
    )
