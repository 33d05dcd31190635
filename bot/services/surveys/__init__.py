"""Survey campaigns: templates from `bot/content/surveys/*.yaml`, drafting and launching, the waves
and reminders the scheduler sends, answering (resumable), and the results.

`SurveyService` (in `Services` as `services.surveys`) is made of three sides: the teacher's
(`answering`), staff's (`campaigns`) and the scheduler's (`waves`); they return the views of
`views`, which `bot/ui/surveys` renders.

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

from bot.services.surveys.answering import Press, TeacherSide
from bot.services.surveys.campaigns import PAGE, StaffSide, may_manage
from bot.services.surveys.desk import CampaignDesk
from bot.services.surveys.templates import (
    SURVEYS_DIR,
    Templates,
    load_templates,
    parse_template,
    schedule_of,
    template_of,
)
from bot.services.surveys.views import (
    Answering,
    AnswerRow,
    CampaignList,
    Card,
    Confirm,
    Export,
    Gone,
    JobRow,
    JobsView,
    MySurveys,
    Problem,
    Results,
    StopAsk,
    SurveyInvitation,
    SurveyStep,
    Thanks,
    WaveFigures,
)
from bot.services.surveys.waves import Opened, ScheduledSide


class SurveyService(TeacherSide, StaffSide, ScheduledSide):
    """Surveys: the teacher's, staff's and the scheduler's side (see the module's docstring)."""


__all__ = [
    "PAGE",
    "SURVEYS_DIR",
    "AnswerRow",
    "Answering",
    "CampaignDesk",
    "CampaignList",
    "Card",
    "Confirm",
    "Export",
    "Gone",
    "JobRow",
    "JobsView",
    "MySurveys",
    "Opened",
    "Press",
    "Problem",
    "Results",
    "StopAsk",
    "SurveyInvitation",
    "SurveyService",
    "SurveyStep",
    "Templates",
    "Thanks",
    "WaveFigures",
    "load_templates",
    "may_manage",
    "parse_template",
    "schedule_of",
    "template_of",
]
