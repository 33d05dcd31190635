"""Screens of methodological associations: the teacher's list and an association's card, members and
requests, the plan, meetings and attendance, the leader's message, staff's list and the creation
wizard; and how the associations' notices read (`@renders`)."""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup

from bot.callbacks import AsAction, AsCD, AsStaffAction, AsStaffCD, EventAction, EventCD, MenuCD, Section
from bot.delivery import Rendered, renders
from bot.domain.associations import (
    PAGE,
    SCHOOL_MONTHS,
    Level,
    MemberRole,
    MemberStatus,
    PlanForm,
    page_in,
    pages,
)
from bot.domain.profile import SUBJECTS
from bot.i18n import Translator
from bot.services.association_doc import PlanDocument, PlanRow
from bot.services.associations import (
    Candidates,
    Card,
    JoinDecided,
    JoinRequested,
    LeaderGranted,
    Listing,
    MeetingCalled,
    Meetings,
    MeetingView,
    MemberAdded,
    Page,
    PlanView,
    StaffList,
)
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.wizard import Nav, nav_screen, with_nav
from storage.models import Association, Municipality, School

LABEL = 48


def _cd(action: AsAction, a: int = 0, **kw: int | str) -> AsCD:
    return AsCD(action=action, a=a, **kw)


def when_text(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d.%m.%Y %H:%M")


_when = when_text


def _menu(kb: Keyboard, _: Translator) -> None:
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))


def _page_line(page: int, total: int, _: Translator) -> str:
    """«Страница 2 из 300» under a list longer than a page; nothing for a short one."""
    count = pages(total)
    return "\n" + _("as-page", page=page + 1, pages=count) if count > 1 else ""


def subject_name(subject: str | None, _: Translator) -> str:
    return _(f"subject-{subject}") if subject else _("as-direction")


def title_of(a: Association, _: Translator) -> str:
    return _("as-title", name=escape(a.name))


# --- the teacher's side -------------------------------------------------------------------------------


def list_screen(listing: Listing, _: Translator) -> Screen:
    kb = Keyboard()
    for association, mine in listing.rows:
        if mine is None:
            mark = "➕"
        elif mine.status is MemberStatus.REQUESTED:
            mark = "⏳"
        elif mine.role is MemberRole.LEADER:
            mark = "👑"
        else:
            mark = "✅"
        kb.button(
            text=f"{mark} {shorten(association.name, LABEL)}",
            callback_data=_cd(AsAction.OPEN, association.id),
        )
    added = kb.pager(listing.page, pages(listing.total), lambda p: _cd(AsAction.LIST, p=p))
    _menu(kb, _)
    kb.adjust(*([1] * len(listing.rows)), *([added] if added else []), 1)
    text = _("as-list") + _page_line(listing.page, listing.total, _) if listing.total else _("as-list-empty")
    return text, kb.as_markup()


def card_screen(card: Card, _: Translator) -> Screen:
    a = card.association
    lines = [
        f"<b>{title_of(a, _)}</b>",
        _("as-card-level", level=_(f"as-level-{a.level}")),
        _("as-card-subject", subject=subject_name(a.subject, _)),
    ]
    if card.place_name:
        lines.append(_("as-card-place", place=escape(card.place_name)))
    names = ", ".join(escape(u.full_name or "") for u in card.leaders) or _("as-no-leader")
    lines.append(_("as-card-leaders", names=names))
    lines.append(_("as-card-members", count=card.members))
    if a.needs_approval:
        lines.append(_("as-card-approval"))
    if card.mine is None:
        lines.append(_("as-card-not-member"))
    elif card.mine.status is MemberStatus.REQUESTED:
        lines.append(_("as-card-requested"))
    elif card.leader:
        lines.append(_("as-card-leader"))
    else:
        lines.append(_("as-card-member"))
    kb = Keyboard()
    if card.can_join:
        kb.button(text=_("as-btn-join"), callback_data=_cd(AsAction.JOIN, a.id))
    if card.member or card.staff:
        kb.button(text=_("as-btn-plan"), callback_data=_cd(AsAction.PLAN, a.id))
        kb.button(text=_("as-btn-meetings"), callback_data=_cd(AsAction.MEETINGS, a.id))
    if card.leader:
        kb.button(text=_("as-btn-members", count=card.members), callback_data=_cd(AsAction.MEMBERS, a.id))
        if card.requests:
            kb.button(
                text=_("as-btn-requests", count=card.requests), callback_data=_cd(AsAction.REQUESTS, a.id)
            )
        kb.button(text=_("as-btn-add"), callback_data=_cd(AsAction.CANDIDATES, a.id))
        kb.button(text=_("as-btn-meet-new"), callback_data=_cd(AsAction.MEET_NEW, a.id))
        kb.button(text=_("as-btn-write"), callback_data=_cd(AsAction.WRITE, a.id))
    if card.staff:
        kb.button(text=_("as-btn-staff"), callback_data=AsStaffCD(action=AsStaffAction.OPEN, a=a.id))
    if card.mine is not None:
        kb.button(text=_("as-btn-leave"), callback_data=_cd(AsAction.LEAVE, a.id))
    kb.button(text=_("as-btn-list"), callback_data=_cd(AsAction.LIST))
    return "\n".join(lines), kb.as_markup()


def leave_confirm(a: Association, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("as-btn-leave-yes"), callback_data=_cd(AsAction.LEAVE_YES, a.id))
    kb.button(text=_("btn-back"), callback_data=_cd(AsAction.OPEN, a.id))
    return _("as-leave-ask", name=escape(a.name)), kb.as_markup()


# --- members ------------------------------------------------------------------------------------------


def members_screen(a: Association, page: Page, _: Translator) -> Screen:
    kb = Keyboard()
    lines = [f"<b>{title_of(a, _)}</b>", _("as-members-head", count=page.total)]
    for member, user in page.rows:
        name = escape(user.full_name or "")
        if member.role is MemberRole.LEADER:
            lines.append(f"👑 {name}")
        else:
            lines.append(f"• {name}")
            kb.button(
                text=_("as-btn-remove", name=shorten(user.full_name or "", LABEL)),
                callback_data=_cd(AsAction.REMOVE, a.id, i=member.id, p=page.page),
            )
    removes = sum(1 for member, _u in page.rows if member.role is not MemberRole.LEADER)
    added = kb.pager(page.page, pages(page.total), lambda p: _cd(AsAction.MEMBERS, a.id, p=p))
    kb.button(text=_("btn-back"), callback_data=_cd(AsAction.OPEN, a.id))
    kb.adjust(*([1] * removes), *([added] if added else []), 1)
    return "\n".join(lines), kb.as_markup()


def requests_screen(a: Association, page: Page, _: Translator) -> Screen:
    kb = Keyboard()
    lines = [f"<b>{title_of(a, _)}</b>", _("as-requests-head", count=page.total)]
    for member, user in page.rows:
        name = shorten(user.full_name or "", LABEL - 4)
        lines.append(f"• {escape(user.full_name or '')}")
        kb.button(text=f"✅ {name}", callback_data=_cd(AsAction.APPROVE, a.id, i=member.id, p=page.page))
        kb.button(text=f"✖️ {name}", callback_data=_cd(AsAction.DECLINE, a.id, i=member.id, p=page.page))
    added = kb.pager(page.page, pages(page.total), lambda p: _cd(AsAction.REQUESTS, a.id, p=p))
    kb.button(text=_("btn-back"), callback_data=_cd(AsAction.OPEN, a.id))
    kb.adjust(*([2] * len(page.rows)), *([added] if added else []), 1)
    return "\n".join(lines), kb.as_markup()


def candidates_screen(a: Association, found: Candidates, _: Translator) -> Screen:
    kb = Keyboard()
    for person in found.people:
        kb.button(
            text=f"➕ {shorten(person.full_name or '', LABEL)}",
            callback_data=_cd(AsAction.ADD, a.id, u=person.id, p=found.page),
        )
    added = kb.pager(found.page, pages(found.total), lambda p: _cd(AsAction.CANDIDATES, a.id, p=p))
    kb.button(text=_("btn-back"), callback_data=_cd(AsAction.OPEN, a.id))
    kb.adjust(*([1] * len(found.people)), *([added] if added else []), 1)
    text = _("as-cands-head", count=found.total) if found.total else _("as-cands-none")
    return f"<b>{title_of(a, _)}</b>\n{text}", kb.as_markup()


# --- the plan -----------------------------------------------------------------------------------------


def plan_screen(view: PlanView, _: Translator) -> Screen:
    a = view.association
    year = f"{view.school_year}/{view.school_year + 1}"
    lines = [f"<b>{title_of(a, _)}</b>", _("as-plan-head", year=year)]
    kb = Keyboard()
    if not view.items:
        lines.append(_("as-plan-empty"))
    for number, item in enumerate(view.items, 1):
        lines.append(
            _(
                "as-plan-item",
                n=number,
                month=_(f"as-month-{item.month}"),
                form=_(f"as-form-{item.form}"),
                topic=escape(item.topic),
                who=escape(item.responsible),
            )
        )
        if view.leader:
            kb.button(
                text=_("as-btn-plan-del", n=number), callback_data=_cd(AsAction.PLAN_DEL, a.id, i=item.id)
            )
    deletes = len(view.items) if view.leader else 0
    if view.leader:
        kb.button(text=_("as-btn-plan-add"), callback_data=_cd(AsAction.PLAN_ADD, a.id))
    kb.button(text=_("as-btn-docx"), callback_data=_cd(AsAction.DOCX, a.id))
    kb.button(text=_("btn-back"), callback_data=_cd(AsAction.OPEN, a.id))
    kb.adjust(*([4] * (deletes // 4)), *([deletes % 4] if deletes % 4 else []), 1)
    return "\n".join(lines), kb.as_markup()


def plan_document(view: PlanView, card: Card, today: date, _: Translator) -> PlanDocument:
    """The plan as the DOCX renderer takes it: every text localized."""
    return PlanDocument(
        association=view.association.name,
        place=card.place_name,
        school_year=f"{view.school_year}/{view.school_year + 1}",
        leaders=", ".join(u.full_name or "" for u in card.leaders),
        rows=tuple(
            PlanRow(_(f"as-month-{i.month}"), _(f"as-form-{i.form}"), i.topic, i.responsible)
            for i in view.items
        ),
        generated=today.strftime("%d.%m.%Y"),
    )


def _plan_nav(a: int) -> Nav:
    return Nav(back=_cd(AsAction.PLAN, a), cancel=_cd(AsAction.ABORT, a, v="plan"))


def month_picker(a: int, _: Translator) -> Screen:
    kb = Keyboard()
    for month in SCHOOL_MONTHS:
        kb.button(text=_(f"as-month-{month}"), callback_data=_cd(AsAction.PLAN_MONTH, a, v=str(month)))
    kb.adjust(3)
    return _("as-plan-ask-month"), with_nav(kb, _plan_nav(a), _)


def form_picker(a: int, _: Translator) -> Screen:
    kb = Keyboard()
    for form in PlanForm:
        kb.button(text=_(f"as-form-{form}"), callback_data=_cd(AsAction.PLAN_FORM, a, v=form.value))
    kb.adjust(2)
    return _("as-plan-ask-form"), with_nav(kb, _plan_nav(a), _)


def topic_prompt(a: int, _: Translator) -> Screen:
    return nav_screen(_("as-plan-ask-topic"), _plan_nav(a), _)


def responsible_prompt(a: int, _: Translator) -> Screen:
    return nav_screen(_("as-plan-ask-who"), _plan_nav(a), _, (_("as-btn-plan-me"), _cd(AsAction.PLAN_ME, a)))


# --- meetings -----------------------------------------------------------------------------------------


def meetings_screen(view: Meetings, _: Translator) -> Screen:
    a, leader = view.association, view.leader
    kb = Keyboard()
    lines = [f"<b>{title_of(a, _)}</b>", _("as-meetings-head") if view.total else _("as-meetings-none")]
    for meeting, event in view.rows:
        mark = "📄" if meeting.minutes_file_id else "📅"
        kb.button(
            text=f"{mark} {_when(event.starts_at, event.timezone)}",
            callback_data=_cd(AsAction.MEETING, a.id, i=meeting.id),
        )
    added = kb.pager(view.page, pages(view.total), lambda p: _cd(AsAction.MEETINGS, a.id, p=p))
    if leader:
        kb.button(text=_("as-btn-meet-new"), callback_data=_cd(AsAction.MEET_NEW, a.id))
    kb.button(text=_("btn-back"), callback_data=_cd(AsAction.OPEN, a.id))
    kb.adjust(*([1] * len(view.rows)), *([added] if added else []), 1)
    return "\n".join(lines), kb.as_markup()


def meeting_screen(view: MeetingView, _: Translator, page: int = 0) -> Screen:
    """A meeting; for its leader, once it has begun, attendance and talks a page of members at a time
    (`page`, clamped)."""
    a, event, meeting = view.association, view.event, view.meeting
    lines = [f"<b>{title_of(a, _)}</b>", _("as-meeting-when", when=_when(event.starts_at, event.timezone))]
    if event.place:
        lines.append(_("as-meeting-place", place=escape(event.place)))
    if event.link:
        lines.append(_("as-meeting-link", link=escape(event.link)))
    if meeting.agenda:
        lines.append(_("as-meeting-agenda", agenda=escape(meeting.agenda)))
    kb = Keyboard()
    kb.button(text=_("as-btn-ics"), callback_data=EventCD(action=EventAction.ICS, e=event.id))
    for material in view.materials:
        kb.button(
            text=f"📎 {shorten(material.file_name or _('as-material'), LABEL)}",
            callback_data=_cd(AsAction.FILE, a.id, i=material.id),
        )
    if meeting.minutes_file_id:
        kb.button(text=_("as-btn-minutes"), callback_data=_cd(AsAction.MINUTES, a.id, i=meeting.id))
    rows = 1 + len(view.materials) + (1 if meeting.minutes_file_id else 0)
    sizes = [1] * rows
    if view.leader:
        if view.started:
            came = sum(1 for r, _u in view.attendance if r.attended)
            lines.append(_("as-attend-head", came=came, total=len(view.attendance), talks=len(view.talks)))
            page = page_in(page, len(view.attendance))
            for row, user in view.attendance[page * PAGE : (page + 1) * PAGE]:
                name = shorten(user.full_name or "", 30)
                kb.button(
                    text=("✅ " if row.attended else "▫️ ") + name,
                    callback_data=_cd(AsAction.ATTEND, a.id, i=meeting.id, u=user.id, p=page),
                )
                kb.button(
                    text="🎤" if user.id in view.talks else "·",
                    callback_data=_cd(AsAction.TALK, a.id, i=meeting.id, u=user.id, p=page),
                )
                sizes.append(2)
            added = kb.pager(
                page, pages(len(view.attendance)), lambda p: _cd(AsAction.MEETING, a.id, i=meeting.id, p=p)
            )
            if added:
                sizes.append(added)
            kb.button(text=_("as-btn-upload"), callback_data=_cd(AsAction.UPLOAD, a.id, i=meeting.id))
            sizes.append(1)
        else:
            lines.append(_("as-attend-later", count=len(view.attendance)))
    kb.button(text=_("btn-back"), callback_data=_cd(AsAction.MEETINGS, a.id))
    sizes.append(1)
    kb.adjust(*sizes)
    return "\n".join(lines), kb.as_markup()


def _meet_nav(a: int, back: str | None) -> Nav:
    return Nav(
        back=_cd(AsAction.MEET_NEW, a, v=back) if back else None, cancel=_cd(AsAction.ABORT, a, v="meet")
    )


def meet_prompt(a: int, step: str, _: Translator, files: int = 0) -> Screen:
    """The meeting wizard's typed steps: when → place → agenda → materials → confirm."""
    back = {"when": None, "place": "when", "agenda": "place", "files": "agenda"}[step]
    nav = _meet_nav(a, back)
    if step == "place":
        return nav_screen(
            _("as-meet-ask-place"), nav, _, (_("as-btn-skip"), _cd(AsAction.MEET_SKIP, a, v="place"))
        )
    if step == "files":
        return nav_screen(
            _("as-meet-ask-files", count=files),
            nav,
            _,
            (_("as-btn-files-done"), _cd(AsAction.MEET_SKIP, a, v="files")),
        )
    return nav_screen(_(f"as-meet-ask-{step}"), nav, _)


def meet_confirm(a: Association, data: dict[str, object], when: str, count: int, _: Translator) -> Screen:
    lines = [f"<b>{title_of(a, _)}</b>", _("as-meet-confirm", count=count), _("as-meeting-when", when=when)]
    if data.get("place"):
        lines.append(_("as-meeting-place", place=escape(str(data["place"]))))
    if data.get("link"):
        lines.append(_("as-meeting-link", link=escape(str(data["link"]))))
    lines.append(_("as-meeting-agenda", agenda=escape(str(data.get("agenda", "")))))
    files = data.get("files")
    lines.append(_("as-meet-files", count=len(files) if isinstance(files, list) else 0))
    kb = Keyboard()
    kb.button(
        text=_("as-btn-meet-go"), callback_data=_cd(AsAction.MEET_GO, a.id, v=str(data.get("token", "")))
    )
    return "\n".join(lines), with_nav(kb, _meet_nav(a.id, "files"), _)


def minutes_prompt(a: int, meeting: int, _: Translator) -> Screen:
    return nav_screen(_("as-minutes-ask"), Nav(cancel=_cd(AsAction.MEETING, a, i=meeting)), _)


# --- the leader's message ----------------------------------------------------------------------------


def write_prompt(a: Association, count: int, _: Translator) -> Screen:
    return nav_screen(
        _("as-write-ask", name=escape(a.name), count=count),
        Nav(cancel=_cd(AsAction.ABORT, a.id, v="write")),
        _,
    )


def write_preview(a: Association, text: str, count: int, token: str, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("as-btn-send", count=count), callback_data=_cd(AsAction.SEND, a.id, v=token))
    return (
        _("as-write-preview", count=count) + "\n\n" + message_text(a.name, text, _),
        with_nav(kb, Nav(back=_cd(AsAction.WRITE, a.id), cancel=_cd(AsAction.ABORT, a.id, v="write")), _),
    )


def message_text(name: str, text: str, _: Translator) -> str:
    return _("as-message", name=escape(name)) + "\n\n" + escape(text)


def back_to(a: int, note: str, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("as-btn-back-card"), callback_data=_cd(AsAction.OPEN, a))
    _menu(kb, _)
    return note, kb.as_markup()


# --- staff --------------------------------------------------------------------------------------------


def _staff(action: AsStaffAction, **kw: int | str) -> AsStaffCD:
    return AsStaffCD(action=action, **kw)


def staff_home(view: StaffList, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("as-btn-new"), callback_data=_staff(AsStaffAction.NEW))
    for association, members in view.rows:
        kb.button(
            text=f"{shorten(association.name, LABEL)} · {members}",
            callback_data=_staff(AsStaffAction.OPEN, a=association.id),
        )
    added = kb.pager(view.page, pages(view.total), lambda p: _staff(AsStaffAction.HOME, p=p))
    _menu(kb, _)
    kb.adjust(*([1] * (1 + len(view.rows))), *([added] if added else []), 1)
    if not view.total:
        return _("as-staff-empty"), kb.as_markup()
    return _("as-staff-home", count=view.total) + _page_line(view.page, view.total, _), kb.as_markup()


def _staff_nav() -> Nav:
    return Nav(back=_staff(AsStaffAction.NEW), cancel=_staff(AsStaffAction.ABORT))


def level_picker(levels: tuple[Level, ...], _: Translator) -> Screen:
    kb = Keyboard()
    for level in levels:
        kb.button(text=_(f"as-level-{level}"), callback_data=_staff(AsStaffAction.LEVEL, v=level.value))
    return _("as-new-level"), with_nav(kb, Nav(cancel=_staff(AsStaffAction.ABORT)), _)


def muni_picker(municipalities: list[Municipality], _: Translator) -> Screen:
    kb = Keyboard()
    for m in municipalities:
        kb.button(text=shorten(m.name, LABEL), callback_data=_staff(AsStaffAction.MUNI, v=str(m.id)))
    kb.adjust(2)
    return _("as-new-muni"), with_nav(kb, _staff_nav(), _)


def school_picker(schools: list[School], page: int, pages: int, muni: int, _: Translator) -> Screen:
    kb = Keyboard()
    for s in schools:
        kb.button(
            text=shorten(s.short_name or s.name, LABEL),
            callback_data=_staff(AsStaffAction.SCHOOL, v=str(s.id)),
        )
    added = kb.pager(page, pages, lambda p: _staff(AsStaffAction.MUNI, v=str(muni), p=p))
    kb.adjust(*([2] * ((len(schools) + 1) // 2)), *([added] if added else []))
    return _("as-new-school"), with_nav(kb, _staff_nav(), _)


def subject_picker(_: Translator) -> Screen:
    kb = Keyboard()
    for subject in SUBJECTS:
        kb.button(text=_(f"subject-{subject}"), callback_data=_staff(AsStaffAction.SUBJECT, v=subject))
    kb.button(text=_("as-direction"), callback_data=_staff(AsStaffAction.SUBJECT, v="-"))
    kb.adjust(2)
    return _("as-new-subject"), with_nav(kb, _staff_nav(), _)


def approval_picker(_: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("as-btn-approval-yes"), callback_data=_staff(AsStaffAction.APPROVAL, v="1"))
    kb.button(text=_("as-btn-approval-no"), callback_data=_staff(AsStaffAction.APPROVAL, v="0"))
    return _("as-new-approval"), with_nav(kb, _staff_nav(), _)


def name_prompt(suggested: str, _: Translator) -> Screen:
    return nav_screen(
        _("as-new-name", name=escape(suggested)),
        _staff_nav(),
        _,
        (_("as-btn-name-keep"), _staff(AsStaffAction.CREATE)),
    )


def staff_card(card: Card, link: str | None, page: Page, _: Translator) -> Screen:
    a = card.association
    lines = [
        f"<b>{title_of(a, _)}</b>",
        _("as-card-level", level=_(f"as-level-{a.level}")),
        _("as-card-subject", subject=subject_name(a.subject, _)),
    ]
    if card.place_name:
        lines.append(_("as-card-place", place=escape(card.place_name)))
    names = ", ".join(escape(u.full_name or "") for u in card.leaders) or _("as-no-leader")
    lines.append(_("as-card-leaders", names=names))
    lines.append(_("as-card-members", count=card.members))
    if link:
        lines.append(_("as-invite-made", link=escape(link)))
    kb = Keyboard()
    kb.button(text=_("as-btn-invite"), callback_data=_staff(AsStaffAction.INVITE, a=a.id))
    for member, user in page.rows:
        if member.role is not MemberRole.LEADER:
            kb.button(
                text=_("as-btn-lead", name=shorten(user.full_name or "", LABEL)),
                callback_data=_staff(AsStaffAction.LEAD, a=a.id, i=member.id, p=page.page),
            )
    added = kb.pager(page.page, pages(page.total), lambda p: _staff(AsStaffAction.MEMBERS, a=a.id, p=p))
    kb.button(text=_("as-btn-staff-list"), callback_data=_staff(AsStaffAction.HOME))
    buttons = 1 + sum(1 for m, _u in page.rows if m.role is not MemberRole.LEADER)
    kb.adjust(*([1] * buttons), *([added] if added else []), 1)
    return "\n".join(lines), kb.as_markup()


# --- notices --------------------------------------------------------------------------------------------


def _open_button(a: int, _: Translator) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(text=_("as-btn-open"), callback_data=_cd(AsAction.OPEN, a, v="n"))
    return kb.as_markup()


@renders(JoinRequested)
def join_requested(n: JoinRequested, _: Translator) -> Rendered:
    kb = Keyboard()
    kb.button(text=_("as-btn-requests-open"), callback_data=_cd(AsAction.REQUESTS, n.association_id, v="n"))
    return _("as-n-request", name=escape(n.name), association=escape(n.association)), kb.as_markup()


@renders(JoinDecided)
def join_decided(n: JoinDecided, _: Translator) -> Rendered:
    key = "as-n-approved" if n.approved else "as-n-declined"
    return _(key, association=escape(n.association)), _open_button(
        n.association_id, _
    ) if n.approved else None


@renders(MemberAdded)
def member_added(n: MemberAdded, _: Translator) -> Rendered:
    return _("as-n-added", association=escape(n.association)), _open_button(n.association_id, _)


@renders(LeaderGranted)
def leader_granted(n: LeaderGranted, _: Translator) -> Rendered:
    return _("as-n-leader", association=escape(n.association)), _open_button(n.association_id, _)


@renders(MeetingCalled)
def meeting_called(n: MeetingCalled, _: Translator) -> Rendered:
    lines = [
        _("as-n-meeting", association=escape(n.association)),
        _("as-meeting-when", when=_when(n.starts_at, n.timezone)),
    ]
    if n.place:
        lines.append(_("as-meeting-place", place=escape(n.place)))
    if n.link:
        lines.append(_("as-meeting-link", link=escape(n.link)))
    lines.append(_("as-meeting-agenda", agenda=escape(n.agenda)))
    kb = Keyboard()
    kb.button(text=_("as-btn-ics"), callback_data=EventCD(action=EventAction.ICS, e=n.event_id))
    kb.button(
        text=_("as-btn-meeting-open"),
        callback_data=_cd(AsAction.MEETING, n.association_id, i=n.meeting_id, v="n"),
    )
    return "\n".join(lines), kb.as_markup()
