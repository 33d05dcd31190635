"""Announcements for staff (and methodists): the one call behind each screen of
`handlers/announcements_staff` (`services.announcements`).

The wizard's typed answers return a `Problem` (said; the person types again) or None when the
draft is out of reach (the wizard ends quietly); buttons on an announcement that is not a draft any
more are refused with a note. Whom an author reaches is the events' rule (`reach_of`): staff their
municipality (regional staff and admins everyone), a methodist the teachers of their subjects.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.announcements import (
    BUTTONS_MAX,
    LABEL_MAX,
    AnnouncementStatus,
    Attachment,
    ButtonProblem,
    TextProblem,
    buttons_of,
    fits_caption,
    read_button,
    read_text,
    text_limit,
    utf16_len,
)
from bot.domain.errors import Refusal
from bot.domain.events import Audience, BroadcastStatus, parse_when, within
from bot.domain.roles import Role
from bot.domain.time import Clock, zone_of
from bot.services import broadcasts
from bot.services.announcements.common import AnnouncementRepos, Render, audience_service, may_manage, send
from bot.services.audience import AudienceStep, AudienceView, ChoicesView, reach_of, regional
from bot.services.base import UnitOfWork
from bot.services.broadcasts import Delivery
from bot.services.events.common import default_audience
from bot.services.events.wizard import Actor, Problem
from storage.models import Announcement, Broadcast

AnnouncementRow = Announcement  # for the handlers, which do not import storage
FILE_NAME_MAX = 255


@dataclass(frozen=True, slots=True)
class Listed:
    announcement: Announcement
    broadcast: Broadcast | None


@dataclass(frozen=True, slots=True)
class Card:
    announcement: Announcement
    broadcast: Broadcast | None
    delivery: Delivery | None


@dataclass(frozen=True, slots=True)
class Preview:
    announcement: Announcement
    count: int


@dataclass(frozen=True, slots=True)
class Sent:
    card: Card
    broadcast: Broadcast


def text_problem(problem: ValueError, text: str, with_file: bool) -> Problem:
    reason = problem.args[0] if problem.args else TextProblem.EMPTY
    if reason == TextProblem.LONG:
        return Problem("an-text-long", {"max": text_limit(with_file), "count": utf16_len(text.strip())})
    return Problem(f"an-text-{reason}")


def button_problem(problem: ValueError) -> Problem:
    reason = problem.args[0] if problem.args else ButtonProblem.FORMAT
    return Problem(
        f"an-button-{reason}", {"max": LABEL_MAX if reason == ButtonProblem.LABEL else BUTTONS_MAX}
    )


class AnnouncementStaffService:
    def __init__(self, repos: AnnouncementRepos, uow: UnitOfWork, *, clock: Clock, timezone: str) -> None:
        self.repos = repos
        self.rows = repos.announcements
        self.uow = uow
        self.clock = clock
        self.timezone = timezone
        self.audience = audience_service(repos)

    # --- finding -----------------------------------------------------------------------------------

    async def own(self, actor: Actor, announcement_id: int) -> Announcement:
        """An announcement this person may manage (the OwnAnnouncement filter)."""
        found = await self.rows.get(announcement_id)
        if found is None or actor.user is None or not may_manage(found, actor.user, actor.roles):
            raise Refusal("an-not-yours")
        return found

    async def in_wizard(self, actor: Actor, announcement_id: int) -> Announcement | None:
        """The draft a typed answer is for; None when it is gone, out of reach or sent already."""
        found = await self.rows.get(announcement_id) if announcement_id else None
        if found is None or actor.user is None or not may_manage(found, actor.user, actor.roles):
            return None
        return found if found.status is AnnouncementStatus.DRAFT else None

    @staticmethod
    def draft(announcement: Announcement) -> Announcement:
        """A button of the wizard on an announcement sent (or scheduled) meanwhile: a note."""
        if announcement.status is not AnnouncementStatus.DRAFT:
            raise Refusal("an-not-draft", alert=False)
        return announcement

    async def mine(self, actor: Actor, limit: int = 100) -> list[Listed]:
        """The newest announcements this person may manage, newest first, with their broadcasts."""
        user = actor.user
        if user is None:
            return []
        if regional(user, actor.roles):
            found = await self.rows.authored(None, limit)
        else:
            author = None if Role.STAFF in actor.roles else user.id
            found, before = [], None
            while len(found) < limit:
                page = await self.rows.authored(author, 200, before_id=before)
                found += [a for a in page if may_manage(a, user, actor.roles)]
                if len(page) < 200:
                    break
                before = page[-1].id
            found = found[:limit]
        sent = await self.rows.broadcasts(a.broadcast_id for a in found if a.broadcast_id is not None)
        return [Listed(a, sent.get(a.broadcast_id) if a.broadcast_id else None) for a in found]

    # --- the wizard: text, file, buttons ----------------------------------------------------------

    async def start(self, actor: Actor, text: str) -> Announcement | Problem | None:
        """The text typed first makes the draft (for the author's whole reach, to narrow down)."""
        if actor.user is None:
            return None
        try:
            clean = read_text(text, with_file=False)
        except ValueError as problem:
            return text_problem(problem, text, False)
        return await self.rows.create(
            text=clean,
            buttons=[],
            audience=default_audience(actor.user, actor.roles).to_json(),
            timezone=zone_of(actor.user, self.timezone),
            status=AnnouncementStatus.DRAFT,
            created_by_id=actor.user.id,
        )

    async def retext(self, actor: Actor, announcement_id: int, text: str) -> Announcement | Problem | None:
        found = await self.in_wizard(actor, announcement_id)
        if found is None:
            return None
        with_file = found.file_id is not None
        try:
            clean = read_text(text, with_file=with_file)
        except ValueError as problem:
            return text_problem(problem, text, with_file)
        await self.rows.update(found, text=clean)
        return found

    async def attach(
        self, actor: Actor, announcement_id: int, kind: Attachment, file_id: str, file_name: str | None
    ) -> Announcement | Problem | None:
        """A picture or a document: the text becomes its caption, so it must fit one."""
        found = await self.in_wizard(actor, announcement_id)
        if found is None:
            return None
        if not fits_caption(found.text):
            return Problem("an-file-text-long", {"max": text_limit(True), "count": utf16_len(found.text)})
        name = (file_name or "")[:FILE_NAME_MAX] or None
        await self.rows.update(found, file_id=file_id, file_kind=kind, file_name=name)
        return found

    async def detach(self, announcement: Announcement) -> Announcement:
        self.draft(announcement)
        await self.rows.update(announcement, file_id=None, file_kind=None, file_name=None)
        return announcement

    async def add_button(
        self, actor: Actor, announcement_id: int, text: str
    ) -> Announcement | Problem | None:
        found = await self.in_wizard(actor, announcement_id)
        if found is None:
            return None
        current = buttons_of(found.buttons)
        if len(current) >= BUTTONS_MAX:
            return Problem("an-button-many", {"max": BUTTONS_MAX})
        try:
            button = read_button(text)
        except ValueError as problem:
            return button_problem(problem)
        await self.rows.update(found, buttons=[b.to_json() for b in [*current, button]])
        return found

    async def clear_buttons(self, announcement: Announcement) -> Announcement:
        self.draft(announcement)
        await self.rows.update(announcement, buttons=[])
        return announcement

    # --- the audience and the preview -------------------------------------------------------------

    async def audience_view(self, actor: Actor, announcement: Announcement) -> AudienceView:
        assert actor.user is not None
        reach = reach_of(actor.user, actor.roles)
        return await self.audience.view(Audience.from_json(announcement.audience), self.clock().year, reach)

    async def pick(
        self, actor: Actor, announcement: Announcement, step: AudienceStep, value: str
    ) -> AudienceView | ChoicesView:
        """One tap of the audience picker on a draft."""
        assert actor.user is not None
        self.draft(announcement)
        reach = reach_of(actor.user, actor.roles)
        audience, view = await self.audience.step(
            Audience.from_json(announcement.audience), step, value, reach, self.clock().year
        )
        await self.rows.update(announcement, audience=audience.to_json())
        return view if view is not None else await self.audience_view(actor, announcement)

    async def preview(self, actor: Actor, announcement: Announcement) -> Preview:
        assert actor.user is not None
        self.draft(announcement)
        reach = reach_of(actor.user, actor.roles)
        people = await self.audience.reached(
            Audience.from_json(announcement.audience), self.clock().year, reach
        )
        return Preview(announcement, len(people))

    async def _confine(self, actor: Actor, announcement: Announcement) -> bool:
        """The audience cut to the author's reach before it goes; False for a reach of nobody."""
        assert actor.user is not None
        reach = reach_of(actor.user, actor.roles)
        if reach.nobody:
            return False
        audience = within(Audience.from_json(announcement.audience), reach)
        await self.rows.update(announcement, audience=audience.to_json())
        return True

    # --- sending now or later ---------------------------------------------------------------------

    async def send_now(self, actor: Actor, announcement: Announcement, render: Render) -> Sent:
        """Claim the draft and queue its broadcast (committed before the progress message is sent);
        a second tap finds it sent already."""
        assert actor.user is not None
        self.draft(announcement)
        if not await self._confine(actor, announcement):
            raise Refusal("an-no-reach")
        now = self.clock()
        claimed = await self.rows.transition(
            announcement.id, AnnouncementStatus.DRAFT, AnnouncementStatus.SENT, sent_at=now, send_at=None
        )
        if not claimed:
            raise Refusal("an-not-draft", alert=False)
        announcement = await self.rows.get(announcement.id, fresh=True) or announcement
        broadcast = await send(
            self.repos, announcement, actor.user, render(announcement), now=now, default_tz=self.timezone
        )
        await self.uow.commit()
        return Sent(Card(announcement, broadcast, None), broadcast)

    async def ask_schedule(self, announcement: Announcement) -> Announcement:
        return self.draft(announcement)

    async def schedule(self, actor: Actor, announcement_id: int, text: str) -> Card | Problem | None:
        found = await self.in_wizard(actor, announcement_id)
        if found is None:
            return None
        now = self.clock()
        try:
            at = parse_when(text, found.timezone, now)
        except ValueError:
            return Problem("an-date-bad")
        if at <= now:
            return Problem("an-date-past")
        if not await self._confine(actor, found):
            return Problem("an-no-reach", end=True)
        if not await self.rows.transition(
            found.id, AnnouncementStatus.DRAFT, AnnouncementStatus.SCHEDULED, send_at=at
        ):
            return Problem("an-not-draft", end=True)
        found = await self.rows.get(found.id, fresh=True) or found
        return Card(found, None, None)

    async def unschedule(self, announcement: Announcement) -> Card:
        """Back to a draft — unless the job has just sent it."""
        if not await self.rows.transition(
            announcement.id, AnnouncementStatus.SCHEDULED, AnnouncementStatus.DRAFT, send_at=None
        ):
            raise Refusal("an-not-scheduled", alert=False)
        announcement = await self.rows.get(announcement.id, fresh=True) or announcement
        return Card(announcement, None, None)

    async def drop(self, announcement: Announcement) -> None:
        """Only a draft is deleted (a scheduled one is taken back to a draft first, on its card)."""
        self.draft(announcement)
        await self.rows.delete(announcement)

    # --- after sending ----------------------------------------------------------------------------

    async def card(self, announcement: Announcement) -> Card:
        broadcast = (
            await self.repos.outbox.broadcast(announcement.broadcast_id)
            if announcement.broadcast_id
            else None
        )
        delivery = await broadcasts.delivery(self.repos, broadcast) if broadcast is not None else None
        return Card(announcement, broadcast, delivery)

    async def stop(self, announcement: Announcement) -> tuple[Card, int]:
        """Staff stop its broadcast: what is still queued is not sent, and it leaves «Новости»."""
        broadcast = (
            await self.repos.outbox.broadcast(announcement.broadcast_id)
            if announcement.broadcast_id
            else None
        )
        if broadcast is None or broadcast.status is not BroadcastStatus.SENDING:
            raise Refusal("an-not-sending", alert=False)
        dropped = await broadcasts.stop(self.repos, broadcast, self.clock())
        await self.uow.commit()
        return await self.card(announcement), dropped
