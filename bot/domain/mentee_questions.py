"""What a young specialist is asked about their pair, one question at a time.

Two kinds of question reach the young specialist: «…записана встреча. Всё верно?» for every meeting
the mentor logs, and, once a meeting has been confirmed, «Подходит ли вам наставник?». Sent together,
they pile up in the chat and the answer to the older one lands one message up. So only one is out
at a time; the next goes out after the answer, as a new message at the bottom of the chat.

Nothing is kept in memory: what is due follows from the pairs and meetings as stored (answered or
not, the fit question asked or not), so the queue survives a restart. A meeting the person is in
the middle of answering (confirmed, its rating or comment not given yet) holds the queue for
`MIDWAY_HOLD`: a person who stopped half-way for that long has left it, and the next question may
come. Plain Python."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

MIDWAY_HOLD = timedelta(hours=1)


class Asking(StrEnum):
    CONFIRM = "confirm"  # the meeting took place? (then its rating and a comment, in the same message)
    FIT = "fit"  # does the mentor suit you? — once per pair, after its first confirmed meeting


@dataclass(frozen=True, slots=True)
class PairFit:
    """A pair of the young specialist (active or paused) as the fit question goes."""

    pair_id: int
    asked: bool
    answered: bool


@dataclass(frozen=True, slots=True)
class MeetingAnswer:
    """A logged meeting as the young specialist answered it."""

    meeting_id: int
    pair_id: int
    confirmed_at: datetime | None
    disputed: bool
    rated: bool
    commented: bool  # a comment written, or «Без комментария» tapped

    @property
    def unanswered(self) -> bool:
        return self.confirmed_at is None and not self.disputed

    def midway(self, now: datetime) -> bool:
        """Confirmed, and its rating or comment still to come, lately enough to wait for them."""
        if self.confirmed_at is None or (self.rated and self.commented):
            return False
        return now - self.confirmed_at < MIDWAY_HOLD


@dataclass(frozen=True, slots=True)
class Question:
    kind: Asking
    pair_id: int
    meeting_id: int | None = None
    # Known to be in the chat already (the fit question's `asked`); a meeting's question is sent
    # under `key`, which the outbox takes once at most, so asking it again sends nothing.
    out: bool = False

    @property
    def key(self) -> str:
        """The outbox's once-only key of this question."""
        if self.kind is Asking.FIT:
            return f"mn-fit:{self.pair_id}"
        return f"mn-meet:{self.meeting_id}"


def next_question(
    pairs: Sequence[PairFit], meetings: Sequence[MeetingAnswer], now: datetime
) -> Question | None:
    """The one question that should be in the young specialist's chat now, asked or to be asked;
    None when nothing is due or they are half-way through answering about a meeting.

    The fit question comes first (it is about the first meeting, already behind), then the
    meetings in the order they were logged."""
    if any(m.midway(now) for m in meetings):
        return None
    confirmed = {m.pair_id for m in meetings if m.confirmed_at is not None}
    for pair in sorted(pairs, key=lambda p: p.pair_id):
        if not pair.answered and pair.pair_id in confirmed:
            return Question(Asking.FIT, pair.pair_id, out=pair.asked)
    waiting = sorted((m for m in meetings if m.unanswered), key=lambda m: m.meeting_id)
    if waiting:
        return Question(Asking.CONFIRM, waiting[0].pair_id, waiting[0].meeting_id)
    return None
