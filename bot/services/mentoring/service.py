"""`MentoringService`: mentoring's one door for handlers (`services.mentoring`), in three parts."""

from __future__ import annotations

from bot.services.mentoring.mentor import MentorSide
from bot.services.mentoring.staff import StaffSide
from bot.services.mentoring.young import YoungSide


class MentoringService(YoungSide, MentorSide, StaffSide):
    """The teacher's and mentee's side (`young`), the mentor's log (`mentor`) and staff's (`staff`).

    Refusals (a forged or old button, a decided proposal) come as `Refusal` with today's locale
    keys; notices go to the outbox through the notifier, in the update's transaction."""
