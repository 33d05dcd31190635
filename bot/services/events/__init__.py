"""Events: drafts by staff, who they concern, publishing through the outbox, registration with a
deadline, capacity and a waiting list, edits and cancellations told to those registered, reminders,
feedback, the weekly digest, and turning a registration into a route step.

- `common` — the refusals, `may_manage` / `reach_of` (who manages what, whom an author reaches);
- `lifecycle` — a draft, publishing now or later, cancelling;
- `teachers` — what concerns a teacher, registration, attendance, ratings, a route step;
- `jobs` — publishing what is due, reminders, feedback requests, the weekly digest;
- `staff` — `EventStaffService`, the one call behind each staff screen (`services.events_staff`).
"""

from bot.services.events.common import (
    NoReach,
    NotAllowed,
    NotOver,
    NotYours,
    default_audience,
    ends_at,
    is_draft,
    is_over,
    manageable,
    manageable_event,
    may_manage,
    person_of,
    reach_of,
    recipients,
    stoppable,
)
from bot.services.events.jobs import (
    DIGEST_DAYS,
    DIGEST_HOUR,
    Render,
    ask_feedback,
    digest,
    digest_due,
    publish_due,
    remind,
)
from bot.services.events.lifecycle import cancel, interested, publish, schedule, start_draft
from bot.services.events.teachers import (
    Registered,
    add_to_route,
    calendar_entry,
    rate,
    register,
    state,
    toggle_attendance,
    unregister,
    upcoming_for,
    visible,
)

__all__ = [
    "DIGEST_DAYS",
    "DIGEST_HOUR",
    "NoReach",
    "NotAllowed",
    "NotOver",
    "NotYours",
    "Registered",
    "Render",
    "add_to_route",
    "ask_feedback",
    "calendar_entry",
    "cancel",
    "default_audience",
    "digest",
    "digest_due",
    "ends_at",
    "interested",
    "is_draft",
    "is_over",
    "manageable",
    "manageable_event",
    "may_manage",
    "person_of",
    "publish",
    "publish_due",
    "rate",
    "reach_of",
    "recipients",
    "register",
    "remind",
    "schedule",
    "start_draft",
    "state",
    "stoppable",
    "toggle_attendance",
    "unregister",
    "upcoming_for",
    "visible",
]
