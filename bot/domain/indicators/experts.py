"""Expert activity (seed 003 §4.8): how many experts worked in the period — scored at least one
practice (a review sent within the period) or sat on the jury of a contest held within it.

Counted per person: an expert who did both, or many, counts once. The territory is the expert's own
(their municipality and school in the profile), as for the teachers' counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ExpertFact:
    expert_id: int
    at: datetime  # a review sent, or the day a contest whose jury the expert sat on began


def expert_activity(facts: Iterable[ExpertFact], start: datetime, end: datetime) -> int:
    """Experts with a fact in `start ≤ at < end`."""
    return len({f.expert_id for f in facts if start <= f.at < end})
