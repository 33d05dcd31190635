"""Announcements without an event (seed 002 §1: normative documents, course schedules, literature,
contests, news): staff write a text with an optional picture or document and link buttons, choose
the audience on the events' picker, see exactly what teachers get, and send it now or at a time —
through the outbox, with quiet hours, progress and stop. Teachers read them again in «Новости»;
the weekly digest recalls the week's.

- `common` — the repositories, who manages an announcement, sending one (a NEWS broadcast);
- `staff` — `AnnouncementStaffService`, the one call behind each staff screen;
- `news` — `NewsService`, the teachers' «Новости», and the week's announcements for the digest;
- `jobs` — claiming a scheduled announcement atomically and sending it once.
"""

from bot.services.announcements.common import AnnouncementRepos, Render, may_manage, send
from bot.services.announcements.jobs import Due, claim_and_send
from bot.services.announcements.news import NewsPage, NewsService, concerning, of_the_week
from bot.services.announcements.staff import AnnouncementStaffService

__all__ = [
    "AnnouncementRepos",
    "AnnouncementStaffService",
    "Due",
    "NewsPage",
    "NewsService",
    "Render",
    "claim_and_send",
    "concerning",
    "may_manage",
    "of_the_week",
    "send",
]
