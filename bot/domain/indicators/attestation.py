"""The attestation indicators (003 §4.7: certification to the first/highest category), computed from
the attestation records (`bot.domain.attestation`) of the teachers a report counts.

For a report of the period `first_day … last_day`, with *the school year* the one the period's last
day belongs to (1 September – 31 August):

| indicator | n | N |
| --- | --- | --- |
| attested | teachers with a confirmed first or highest category awarded within the period | teachers |
| due | teachers with a confirmed category whose term ends within the school year | teachers |
| supported | due teachers supported (below) | due teachers |

*Supported*: the preparation steps were added to their route (the support route), or they asked a
methodist about the attestation, from twelve months before the term's end to the period's end.

Only records confirmed (by staff, or from the region's file of orders) before the period's end
count; claims do not. The seeds set no target for these: they are shown as counts and shares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import StrEnum

from bot.domain.attestation import QUALIFIED, add_months, school_year
from bot.domain.indicators.period import Period
from bot.domain.indicators.shares import Share

# How long before the term's end a consultation counts as preparing for the attestation.
SUPPORT_MONTHS = 12


class AttIndicator(StrEnum):
    ATTESTED = "attested"
    DUE = "due"
    SUPPORTED = "supported"


def attestation_shares(
    teachers: Iterable[int],
    records: Iterable[tuple[int, str, date, date, bool]],
    asked: Mapping[int, datetime],
    period: Period,
) -> dict[AttIndicator, Share]:
    """The three shares for `teachers` (the report's counted teachers): `records` are their confirmed
    records (teacher, category, awarded, expires, support chosen before the end), `asked` the
    moment of each one's latest question about the attestation before the end."""
    counted = set(teachers)
    year = school_year(period.last_day)
    attested: set[int] = set()
    due: dict[int, bool] = {}
    for user_id, category, awarded, expires, support in records:
        if user_id not in counted:
            continue
        if category in QUALIFIED and period.first_day <= awarded <= period.last_day:
            attested.add(user_id)
        if year[0] <= expires <= year[1]:
            question = asked.get(user_id)
            since = add_months(expires, -SUPPORT_MONTHS)
            helped = support or (question is not None and question.date() >= since)
            due[user_id] = due.get(user_id, False) or helped
    total = len(counted)
    return {
        AttIndicator.ATTESTED: Share(len(attested), total),
        AttIndicator.DUE: Share(len(due), total),
        AttIndicator.SUPPORTED: Share(sum(due.values()), len(due)),
    }
