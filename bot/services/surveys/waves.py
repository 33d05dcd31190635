"""The scheduler's work: open the waves that are due (invites and their messages in one go; a
campaign launched «now» opens its own at the launch), remind those who have not answered, finish
one-off campaigns, release anonymous answers in batches."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import Any

from bot.domain import surveys as domain
from bot.domain.surveys import CampaignStatus, Recurrence, SurveyTemplate
from bot.domain.time import next_allowed, zone_of
from bot.services.notices import Letter
from bot.services.surveys.base import SurveyBase
from bot.services.surveys.templates import schedule_of, template_of
from bot.services.surveys.views import SurveyInvitation
from storage.models import SurveyCampaign, SurveyWave

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Opened:
    campaign_id: int
    wave_id: int
    period: str
    invited: int


def invitation(
    campaign: SurveyCampaign,
    template: SurveyTemplate,
    wave: SurveyWave,
    invite_id: int,
    timezone: str,
    *,
    remind: bool = False,
) -> SurveyInvitation:
    return SurveyInvitation(
        invite_id=invite_id,
        title=campaign.title,
        description=template.description,
        minutes=template.minutes,
        closes_at=wave.closes_at,
        timezone=timezone,
        anonymous=campaign.anonymous,
        remind=remind,
    )


async def open_due_wave(side: SurveyBase, campaign: SurveyCampaign) -> Opened | None:
    """Open the campaign's wave that is due now — invites and their messages in one go — or None
    when none is due or it is open already.

    The wave is claimed by inserting its row (unique per campaign and period; a second insert adds
    nothing), so the launch «now» and every run of the wave job, in any process, race for it and
    exactly one of them invites. Each person hears of it at the wave's start in their own zone (and
    not at night); the outbox sends once the transaction has committed."""
    now = side.clock()
    schedule = schedule_of(campaign)
    period = domain.due_period(schedule, now)
    if period is None:
        return None
    wave = await side.surveys.open_wave(
        campaign.id,
        period,
        opens_at=domain.local_start(schedule, period, "UTC") - domain.EARLIEST_OFFSET
        if schedule.recurrence == Recurrence.MONTHLY
        else schedule.starts_at,
        closes_at=domain.wave_closes(schedule, period),
        now=now,
    )
    if wave is None:
        return None  # opened before: by the launch, an earlier run, or another process
    people = await side.recipients(campaign)
    invites = await side.surveys.invite_all(wave.id, [p.id for p in people])
    template = template_of(campaign)
    letters = []
    for person in people:
        tz = zone_of(person, side.timezone)
        start = max(now, domain.local_start(schedule, period, tz))
        letters.append(
            Letter(
                person,
                invitation(campaign, template, wave, invites[person.id], tz),
                dedupe=f"sv:{wave.id}:{person.id}",
                not_before=next_allowed(start, tz),
            )
        )
    await side.notifier.tell_many(letters)
    await side.surveys.set_wave(wave, invited=len(invites))
    log.info("survey %s: wave %s opened, %d invited", campaign.id, period, len(invites))
    return Opened(campaign.id, wave.id, period, len(invites))


class ScheduledSide(SurveyBase):
    async def open_waves(self) -> list[Opened]:
        """Open every wave that is due and not opened yet (see `open_due_wave`)."""
        opened = []
        for campaign in await self.surveys.active():
            wave = await open_due_wave(self, campaign)
            if wave is not None:
                opened.append(wave)
        return opened

    async def close_finished(self) -> int:
        """One-off campaigns whose wave has closed are finished; closed waves forget half-answers."""
        now = self.clock()
        finished = await self.surveys.finished_once(now)
        for campaign in finished:
            await self.surveys.update(campaign, status=CampaignStatus.FINISHED, finished_at=now)
            for wave in await self.surveys.waves(campaign.id):
                await self.surveys.drop_drafts(wave.id)
        return len(finished)

    async def remind(self) -> int:
        """The reminders due now, only to those who have not answered; each at most once."""
        now = self.clock()
        queued = 0
        for wave, campaign in await self.surveys.open_waves(now):
            number = domain.reminder_due(wave.opens_at, wave.closes_at, wave.reminders_sent, now)
            if number is None or not await self.surveys.claim_reminder(wave.id, wave.reminders_sent, number):
                continue
            template = template_of(campaign)
            letters = []
            for invite, person in await self.surveys.not_answered(wave.id):
                tz = zone_of(person, self.timezone)
                letters.append(
                    Letter(
                        person,
                        invitation(campaign, template, wave, invite.id, tz, remind=True),
                        dedupe=f"svr:{wave.id}:{number}:{person.id}",
                        not_before=next_allowed(now, tz),
                    )
                )
            queued += len(await self.notifier.tell_many(letters))
        return queued

    # --- releasing anonymous answers ------------------------------------------------------------------

    async def release_waiting(self) -> list[tuple[int, bool]]:
        """The anonymous waves with something to release: (wave id, closed)."""
        return await self.surveys.to_release(self.clock())

    async def release(self, wave_id: int, closed: bool) -> int | None:
        """Move a wave's waiting anonymous answers into the results, shuffled; returns how many were
        released, or None when nothing is to be done now.

        Call it in a transaction of its own; commit when it returns a number, roll back on None (that
        undoes a claim it made without releasing). An open wave releases only when at least
        `RELEASE_BATCH` wait, so each batch hides each answer among that many; a closed wave releases
        the rest and writes all its answers again as one batch (one transaction, one shuffled order
        for the wave)."""
        if not closed:
            batch = await self.surveys.claim_pending(wave_id)
            if len(batch) < domain.RELEASE_BATCH:
                return None
            await self.surveys.add_unnamed(wave_id, _shuffled(batch))
            return len(batch)
        if not await self.surveys.claim_seal(wave_id):
            return None
        batch = await self.surveys.claim_pending(wave_id)
        kept = await self.surveys.take_unnamed(wave_id)
        await self.surveys.add_unnamed(wave_id, _shuffled([*kept, *batch]))
        return len(batch)


def _shuffled(batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    secrets.SystemRandom().shuffle(batch)
    return batch
