"""The scheduler's side of mentoring: nudges and escalations about quiet pairs and unpaired young
specialists, and this month's adaptation check. Each notice is queued in the outbox (with a dedupe
key) in the same transaction that records it was decided, so a restart or a second run repeats none."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.mentoring import (
    ESCALATE_UNPAIRED_AFTER,
    NUDGE_AFTER,
    EscalationKind,
    Quiet,
    adaptation_period,
    check_due,
    quiet_key,
    quiet_level,
    quiet_since,
)
from bot.domain.time import is_quiet, zone_of
from bot.services.mentoring.access import MentoringRepos, is_young
from bot.services.mentoring.notices import AdaptationInvite, PairAtRisk, QuietPairNudge, UnpairedYoung
from bot.services.notices import Letter, Notifier
from storage.models import AdaptationCheck, User


async def sweep(repos: MentoringRepos, notifier: Notifier, now: datetime, default_tz: str, year: int) -> int:
    """Quiet pairs: the mentor is reminded once a stretch (their local daytime), staff are told once
    when it reaches 30 days; young specialists unpaired a week after registering reach staff once.
    Returns the notices queued."""
    queued = 0
    for pair, mentor in await repos.mentoring.quiet_pairs(now - NUDGE_AFTER):
        assert pair.activated_at is not None
        since = quiet_since(pair.last_meeting_at, pair.activated_at)
        level = quiet_level(since, now)
        key = quiet_key(since)
        days = (now - since).days
        if level is Quiet.RISK and pair.risk_key != key:
            await repos.mentoring.update(pair, risk_key=key, risk_at=now)
            mentee = await repos.users.by_id(pair.mentee_id)
            risk = PairAtRisk(pair.id, mentor.full_name, mentee.full_name if mentee else None, days)
            staff = await repos.mentoring.staff(mentee.municipality_id if mentee else None)
            told = await notifier.tell_many(
                Letter(person, risk, dedupe=f"mn-risk:{pair.id}:{key}:{person.id}") for person in staff
            )
            queued += len(told)
        if level is not None and pair.nudged_key != key and not is_quiet(now, zone_of(mentor, default_tz)):
            await repos.mentoring.update(pair, nudged_key=key)
            mentee = await repos.users.by_id(pair.mentee_id)
            nudge = QuietPairNudge(pair.id, mentee.full_name if mentee else None, days)
            queued += await notifier.tell(mentor, nudge, dedupe=f"mn-nudge:{pair.id}:{key}")
    for young, _request in await repos.mentoring.unpaired_youngs(year, None):
        if young.registered_at is None or now - young.registered_at < ESCALATE_UNPAIRED_AFTER:
            continue
        if not await repos.mentoring.escalate_once(EscalationKind.UNPAIRED, young.id, now):
            continue
        unpaired = UnpairedYoung(young.full_name, (now - young.registered_at).days)
        staff = await repos.mentoring.staff(young.municipality_id)
        told = await notifier.tell_many(
            Letter(person, unpaired, dedupe=f"mn-unpaired:{young.id}:{person.id}") for person in staff
        )
        queued += len(told)
    return queued


async def claim_checks(
    repos: MentoringRepos, now: datetime, default_tz: str
) -> list[tuple[AdaptationCheck, User]]:
    """This month's check for every young specialist whose local time has come (and is daytime)."""
    claimed = []
    candidates: dict[int, User] = {}
    # The month differs across Russia's zones only around midnight on the 1st: look at every month
    # some zone may be in now, then decide each person in their own zone (the claim is unique).
    for period in {adaptation_period((now + timedelta(hours=h)).date()) for h in (-12, 0, 14)}:
        for user in await repos.mentoring.youngs_without_check(now.year, period):
            candidates[user.id] = user
    for user in candidates.values():
        zone = zone_of(user, default_tz)
        local_now = now.astimezone(ZoneInfo(zone))
        if is_quiet(now, zone) or not check_due(local_now):
            continue
        if not is_young(user, local_now.year):
            continue
        check = await repos.mentoring.claim_check(user.id, adaptation_period(local_now.date()), now)
        if check is not None:
            claimed.append((check, user))
    return claimed


async def send_checks(repos: MentoringRepos, notifier: Notifier, now: datetime, default_tz: str) -> int:
    """Claim this month's checks and queue each (marked sent as it is queued); returns how many."""
    claimed = await claim_checks(repos, now, default_tz)
    checks = {f"adapt:{check.id}": check for check, _user in claimed}
    told = await notifier.tell_many(
        Letter(user, AdaptationInvite(check.id), dedupe=f"adapt:{check.id}") for check, user in claimed
    )
    for letter in told:
        assert letter.dedupe is not None
        await repos.mentoring.update(checks[letter.dedupe], sent_at=now)
    return len(told)
