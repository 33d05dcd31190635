"""Survey campaigns: templates from `bot/content/surveys/*.yaml`, drafting and launching, the waves
and reminders the scheduler sends, answering (resumable), and the results.

Idempotence: a wave is unique per (campaign, period) and is created in the same transaction as its
invites and queued messages (outbox rows with a dedupe key per person); a reminder is claimed by
moving the wave's counter in one UPDATE. A second run, a second process or a run after a crash
therefore neither repeats nor loses a message; quiet hours are the outbox's, in each person's zone.

Anonymity: in an anonymous campaign nothing in the database links an answer to its person. While
answering, the draft sits on the person's invite (so they can come back to it); on sending, the
invite keeps only "done" (for reminders to the rest, and the person is thanked at once) and the
answers wait in `survey_pending` with no person, no time and a random id. `release` — a periodic
job, in its own transaction — moves them to `survey_responses` in shuffled batches of at least
`RELEASE_BATCH`; when the wave has closed, whatever waits is released and the wave's answers are
written once more as one shuffled batch. So no answer shares a transaction (PostgreSQL's `xmin`),
an id order or a moment finer than its wave with the invite of the person who gave it.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from aiogram.types import InlineKeyboardMarkup

from bot.domain import surveys as domain
from bot.domain.events import Audience
from bot.domain.roles import Role
from bot.domain.surveys import Recurrence, Schedule, SurveyTemplate
from bot.domain.outbox import quiet_until
from bot.services import events as event_service
from bot.services.broadcasts import markup_json, zone
from bot.services.content import CONTENT_DIR
from bot.services.content_check import MAX_UPLOAD_BYTES, safe_yaml, validate
from storage.models import SurveyCampaign, SurveyInvite, SurveyWave, User
from storage.repositories import Repos
from storage.repositories.outbox import Recipient

log = logging.getLogger(__name__)

SURVEYS_DIR = CONTENT_DIR / "surveys"


# --- templates ------------------------------------------------------------------------------------


@dataclass
class Templates:
    found: dict[str, SurveyTemplate] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def parse_template(text: str, source: str) -> tuple[SurveyTemplate | None, list[str]]:
    """A template checked as an uploaded questionnaire is: no aliases, lists capped."""
    if len(text) > MAX_UPLOAD_BYTES:
        return None, [f"{source}: over {MAX_UPLOAD_BYTES // 1024} KB — too big for a template"]
    raw, errors, refusal = safe_yaml(text, source)
    if refusal is None and not errors and not isinstance(raw, dict):
        errors = [f"{source}: expected a mapping (id, version, questions…) at the top"]
    if refusal is None and not errors:
        template, errors, refusal = validate(SurveyTemplate, raw, source)
        if template is not None:
            return template, []
    return None, [refusal.describe(source)] if refusal is not None else errors


def load_templates(directory: Path = SURVEYS_DIR) -> Templates:
    """Every template file; a broken one is reported (and logged) and the others still work."""
    result = Templates()
    for path in sorted(directory.glob("*.yaml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            result.errors.append(f"{path.name}: cannot be read ({exc})")
            continue
        template, errors = parse_template(text, path.name)
        if template is None:
            result.errors.extend(errors)
        elif template.id in result.found:
            result.errors.append(f"{path.name}: the id «{template.id}» is used by another file")
        else:
            result.found[template.id] = template
    for error in result.errors:
        log.error("survey template refused: %s", error)
    return result


def template_of(campaign: SurveyCampaign) -> SurveyTemplate:
    return SurveyTemplate.model_validate(campaign.template)


def schedule_of(campaign: SurveyCampaign) -> Schedule:
    return Schedule(
        recurrence=Recurrence(campaign.recurrence),
        starts_at=campaign.starts_at,
        day=campaign.day,
        hour=campaign.hour,
        minute=campaign.minute,
        open_days=campaign.open_days,
        closes_at=campaign.closes_at,
    )


# --- drafting and launching, by staff -------------------------------------------------------------


async def start_draft(
    repos: Repos, author: User, template: SurveyTemplate, scope: int | None, now: datetime
) -> SurveyCampaign:
    audience = Audience(municipalities=(scope,) if scope is not None else (), young=template.young_only)
    return await repos.surveys.create(
        template_id=template.id,
        template_version=template.version,
        template=template.model_dump(mode="json"),
        title=template.title,
        anonymous=template.anonymous,
        audience=audience.to_json(),
        recurrence=Recurrence.ONCE.value,
        starts_at=now,
        open_days=7,
        status="draft",
        created_by_id=author.id,
        scope_municipality_id=scope,
    )


def may_manage(campaign: SurveyCampaign, roles: frozenset[Role], scope: int | None) -> bool:
    """Admins and regional staff every campaign; a municipal service its municipality's."""
    if Role.ADMIN in roles or scope is None:
        return True
    return campaign.scope_municipality_id == scope


async def recipients(repos: Repos, campaign: SurveyCampaign, year: int) -> list[User]:
    return await event_service.audience_members(repos, Audience.from_json(campaign.audience), year)


async def launch(repos: Repos, campaign: SurveyCampaign, now: datetime) -> None:
    """A draft goes live; its first wave opens with the scheduler's next run (within minutes)."""
    if campaign.recurrence == Recurrence.ONCE.value:
        start = max(campaign.starts_at, now)
        closes = start + timedelta(days=campaign.open_days)
    else:
        start, closes = now, None
    await repos.surveys.update(campaign, status="active", launched_at=now, starts_at=start, closes_at=closes)


async def stop(repos: Repos, campaign: SurveyCampaign, now: datetime) -> None:
    """No more waves; an open wave closes now (answers given so far stay)."""
    await repos.surveys.update(campaign, status="stopped", finished_at=now)
    for wave in await repos.surveys.waves(campaign.id):
        if wave.closes_at > now:
            await repos.surveys.set_wave(wave, closes_at=now)
            await repos.surveys.drop_drafts(wave.id)


# --- the scheduler's work -------------------------------------------------------------------------

Render = Callable[[SurveyCampaign, SurveyWave, int, User, str], tuple[str, InlineKeyboardMarkup | None]]


@dataclass(frozen=True, slots=True)
class Opened:
    campaign_id: int
    wave_id: int
    period: str
    invited: int


async def open_waves(repos: Repos, now: datetime, default_tz: str, render: Render) -> list[Opened]:
    """Open every wave that is due and not opened yet: invites and their messages, in one go.

    `render(campaign, wave, invite_id, user, kind)` makes the message ("invite" or "remind")."""
    opened = []
    for campaign in await repos.surveys.active():
        schedule = schedule_of(campaign)
        period = domain.due_period(schedule, now)
        if period is None:
            continue
        wave = await repos.surveys.open_wave(
            campaign.id,
            period,
            opens_at=domain.local_start(schedule, period, "UTC") - domain.EARLIEST_OFFSET
            if schedule.recurrence == Recurrence.MONTHLY
            else schedule.starts_at,
            closes_at=domain.wave_closes(schedule, period),
            now=now,
        )
        if wave is None:
            continue  # opened before: by an earlier run, or another process
        people = await recipients(repos, campaign, now.year)
        invites = await repos.surveys.invite_all(wave.id, [p.id for p in people])
        messages = []
        for person in people:
            tz = zone(person, default_tz)
            start = max(now, domain.local_start(schedule, period, tz))
            text, markup = render(campaign, wave, invites[person.id], person, "invite")
            messages.append(
                Recipient(
                    person.id,
                    person.tg_id,
                    quiet_until(start, tz, False),
                    text=text,
                    markup=markup_json(markup),
                    dedupe=f"sv:{wave.id}:{person.id}",
                )
            )
        await repos.outbox.enqueue(None, messages)
        await repos.surveys.set_wave(wave, invited=len(invites))
        opened.append(Opened(campaign.id, wave.id, period, len(invites)))
        log.info("survey %s: wave %s opened, %d invited", campaign.id, period, len(invites))
    return opened


async def close_finished(repos: Repos, now: datetime) -> int:
    """One-off campaigns whose wave has closed are finished; closed waves forget half-answers."""
    finished = await repos.surveys.finished_once(now)
    for campaign in finished:
        await repos.surveys.update(campaign, status="finished", finished_at=now)
        for wave in await repos.surveys.waves(campaign.id):
            await repos.surveys.drop_drafts(wave.id)
    return len(finished)


async def remind(repos: Repos, now: datetime, default_tz: str, render: Render) -> int:
    """The reminders due now, only to those who have not answered; each at most once."""
    queued = 0
    for wave, campaign in await repos.surveys.open_waves(now):
        number = domain.reminder_due(wave.opens_at, wave.closes_at, wave.reminders_sent, now)
        if number is None or not await repos.surveys.claim_reminder(wave.id, wave.reminders_sent, number):
            continue
        messages = []
        for invite, person in await repos.surveys.not_answered(wave.id):
            text, markup = render(campaign, wave, invite.id, person, "remind")
            messages.append(
                Recipient(
                    person.id,
                    person.tg_id,
                    quiet_until(now, zone(person, default_tz), False),
                    text=text,
                    markup=markup_json(markup),
                    dedupe=f"svr:{wave.id}:{number}:{person.id}",
                )
            )
        queued += await repos.outbox.enqueue(None, messages)
    return queued


# --- answering ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Answering:
    invite: SurveyInvite
    wave: SurveyWave
    campaign: SurveyCampaign
    template: SurveyTemplate

    @property
    def answers(self) -> dict[str, Any]:
        return dict(self.invite.draft or {})


class Refused(Exception):
    """Why a survey cannot be answered: a locale key."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


async def answering(repos: Repos, invite_id: int, user: User | None, now: datetime) -> Answering:
    invite = await repos.surveys.invite(invite_id)
    if invite is None or user is None or invite.user_id != user.id:
        raise Refused("sv-gone")
    wave = await repos.surveys.wave(invite.wave_id)
    campaign = await repos.surveys.campaign(wave.campaign_id) if wave is not None else None
    if wave is None or campaign is None:
        raise Refused("sv-gone")
    if invite.status == "done":
        raise Refused("sv-done-already")
    if now >= wave.closes_at or campaign.status not in ("active",):
        raise Refused("sv-closed")
    return Answering(invite, wave, campaign, template_of(campaign))


async def give(repos: Repos, ctx: Answering, index: int, value: Any, now: datetime) -> int | None:
    """Save one answer as given; returns the next question's index (None: all asked)."""
    question = ctx.template.questions[index]
    answers = ctx.answers
    answers[question.id] = value
    answers = domain.visible_answers(ctx.template, answers)
    skipped = [s for s in (ctx.invite.skipped or []) if s != question.id]
    following = domain.next_index(ctx.template, answers, index)
    await repos.surveys.set_invite(
        ctx.invite,
        draft=answers,
        skipped=skipped,
        status="answering",
        position=following if following is not None else len(ctx.template.questions),
        started_at=ctx.invite.started_at or (None if ctx.campaign.anonymous else now),
    )
    return following


async def keep_choices(repos: Repos, ctx: Answering, index: int, chosen: list[str], now: datetime) -> None:
    """A multiple choice in progress (each tap is saved, so nothing is lost on a restart)."""
    question = ctx.template.questions[index]
    answers = ctx.answers
    if chosen:
        answers[question.id] = chosen
    else:
        answers.pop(question.id, None)
    await repos.surveys.set_invite(
        ctx.invite,
        draft=answers,
        status="answering",
        position=index,
        started_at=ctx.invite.started_at or (None if ctx.campaign.anonymous else now),
    )


async def skip(repos: Repos, ctx: Answering, index: int) -> int | None:
    question = ctx.template.questions[index]
    answers = ctx.answers
    answers.pop(question.id, None)
    skipped = sorted({*(ctx.invite.skipped or []), question.id})
    following = domain.next_index(ctx.template, answers, index)
    await repos.surveys.set_invite(
        ctx.invite,
        draft=answers,
        skipped=skipped,
        status="answering",
        position=following if following is not None else len(ctx.template.questions),
    )
    return following


async def finish(repos: Repos, ctx: Answering, now: datetime) -> bool:
    """Store the finished answers (anonymously when the campaign is); returns whether the closing
    message should offer help (the well-being check)."""
    answers = domain.visible_answers(ctx.template, ctx.answers)
    anonymous = ctx.campaign.anonymous
    if anonymous:
        await repos.surveys.add_pending(ctx.wave.id, answers)
    else:
        await repos.surveys.add_response(ctx.wave.id, ctx.invite.user_id, answers, now.date())
    await repos.surveys.set_invite(
        ctx.invite,
        status="done",
        draft={},
        skipped=[],
        done_at=None if anonymous else now,
        started_at=None if anonymous else ctx.invite.started_at,
    )
    return domain.concerned(ctx.template, answers)


# --- releasing anonymous answers ------------------------------------------------------------------


async def release_waiting(repos: Repos, now: datetime) -> list[tuple[int, bool]]:
    """The anonymous waves with something to release: (wave id, closed)."""
    return await repos.surveys.to_release(now)


async def release(repos: Repos, wave_id: int, closed: bool) -> int | None:
    """Move a wave's waiting anonymous answers into the results, shuffled; returns how many were
    released, or None when nothing is to be done now.

    Call it in a transaction of its own; commit when it returns a number, roll back on None (that
    undoes a claim it made without releasing). An open wave releases only when at least `RELEASE_BATCH`
    wait, so each batch hides each answer among that many; a closed wave releases the rest and
    writes all its answers again as one batch (one transaction, one shuffled order for the wave)."""
    if not closed:
        batch = await repos.surveys.claim_pending(wave_id)
        if len(batch) < domain.RELEASE_BATCH:
            return None
        await repos.surveys.add_unnamed(wave_id, _shuffled(batch))
        return len(batch)
    if not await repos.surveys.claim_seal(wave_id):
        return None
    batch = await repos.surveys.claim_pending(wave_id)
    kept = await repos.surveys.take_unnamed(wave_id)
    await repos.surveys.add_unnamed(wave_id, _shuffled([*kept, *batch]))
    return len(batch)


def _shuffled(batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    secrets.SystemRandom().shuffle(batch)
    return batch


# --- results --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WaveFigures:
    wave: SurveyWave
    invited: int
    answered: int


@dataclass(frozen=True, slots=True)
class Results:
    campaign: SurveyCampaign
    template: SurveyTemplate
    waves: list[WaveFigures]
    chosen: WaveFigures | None
    summaries: list[domain.QuestionSummary]
    hidden: bool  # anonymous and too few answers to show
    given: int  # answers of the chosen wave in the results
    waiting: int  # anonymous answers of the chosen wave not released yet


async def waves_of(repos: Repos, campaign: SurveyCampaign) -> list[WaveFigures]:
    waves = await repos.surveys.waves(campaign.id)
    counts = await repos.surveys.invite_counts([w.id for w in waves])
    return [WaveFigures(w, *counts.get(w.id, (0, 0))) for w in waves]


async def results(repos: Repos, campaign: SurveyCampaign, wave_id: int = 0) -> Results:
    template = template_of(campaign)
    waves = await waves_of(repos, campaign)
    chosen = next((w for w in waves if w.wave.id == wave_id), waves[-1] if waves else None)
    rows = await repos.surveys.responses([chosen.wave.id]) if chosen else []
    answers = [r.answers for r, _period, _user in rows]
    hidden = domain.withheld(campaign.anonymous, len(answers))
    summaries = [] if hidden else domain.summarize(template, answers)
    waiting = (await repos.surveys.pending_counts([chosen.wave.id])).get(chosen.wave.id, 0) if chosen else 0
    return Results(campaign, template, waves, chosen, summaries, hidden, len(answers), waiting)


@dataclass(frozen=True, slots=True)
class AnswerRow:
    period: str
    person: User | None
    submitted_on: date | None
    answers: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Export:
    """What the XLSX holds: the answers of the waves that may be shown (an anonymous wave with
    fewer than `ANONYMOUS_MIN` answers is left out), and how many each wave put in the file."""

    template: SurveyTemplate
    waves: list[WaveFigures]
    rows: list[AnswerRow]
    in_file: dict[int, int]
    withheld: int  # answers left out

    @property
    def refused(self) -> bool:
        """Nothing may be shown although there are answers."""
        return not self.rows and self.withheld > 0


async def export(repos: Repos, campaign: SurveyCampaign) -> Export:
    waves = await waves_of(repos, campaign)
    found = await repos.surveys.responses([w.wave.id for w in waves])
    by_wave: dict[int, list[AnswerRow]] = {}
    for r, period, person in found:
        by_wave.setdefault(r.wave_id, []).append(AnswerRow(period, person, r.submitted_on, dict(r.answers)))
    rows: list[AnswerRow] = []
    in_file: dict[int, int] = {}
    withheld = 0
    for figures in waves:
        given = by_wave.get(figures.wave.id, [])
        if domain.withheld(campaign.anonymous, len(given)):
            withheld += len(given)
            given = []
        rows.extend(given)
        in_file[figures.wave.id] = len(given)
    return Export(template_of(campaign), waves, rows, in_file, withheld)


async def my_open(repos: Repos, user: User, now: datetime) -> list[tuple[SurveyInvite, SurveyCampaign]]:
    return [(i, c) for i, _w, c in await repos.surveys.open_invites(user.id, now)]
