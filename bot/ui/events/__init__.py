"""Screens of events: the list and card for teachers, reminders and the digest; the staff wizard,
the preview that shows exactly what teachers get, and the event's management card.

- `common` — the announcement, change and cancellation texts, `TeacherAnnouncer`;
- `teachers` — the teachers' screens, reminders and the digest;
- `staff` — the staff screens; `wizard` — the wizard's steps; `xlsx` — the event's spreadsheet.
(The audience picker is `bot.ui.audience`.)
"""

from bot.ui.events.common import (
    KIND_MARK,
    TeacherAnnouncer,
    announcement,
    announcement_keyboard,
    cancel_notice,
    change_notice,
    event_buttons,
    mark,
    seat_freed,
    when,
    when_short,
    zone_words,
)
from bot.ui.events.staff import (
    edit_fields,
    people_screen,
    preview_screen,
    staff_card,
    staff_home,
)
from bot.ui.events.teachers import (
    PAGE,
    card_screen,
    comment_prompt,
    digest,
    digest_message,
    list_screen,
    mine_screen,
    reminder,
    reminder_message,
)
from bot.ui.events.xlsx import event_xlsx

__all__ = [
    "KIND_MARK",
    "PAGE",
    "TeacherAnnouncer",
    "announcement",
    "announcement_keyboard",
    "cancel_notice",
    "card_screen",
    "change_notice",
    "comment_prompt",
    "digest",
    "digest_message",
    "edit_fields",
    "event_buttons",
    "event_xlsx",
    "list_screen",
    "mark",
    "mine_screen",
    "people_screen",
    "preview_screen",
    "reminder",
    "reminder_message",
    "seat_freed",
    "staff_card",
    "staff_home",
    "when",
    "when_short",
    "zone_words",
]
