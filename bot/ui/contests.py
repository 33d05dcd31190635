"""Screens of part 11: a contest's stages and application materials, «Мои конкурсы» and recording a
contest held elsewhere, staff's contest screen (stages, participants, results, the file, the
import's preview), the target groups in the profile, the confirmations list; and how the notices
read (registered with `@renders`)."""

from __future__ import annotations

from html import escape

from bot.callbacks import (
    ConfirmAction,
    ConfirmCD,
    ContestAction,
    ContestCD,
    ContestStaffAction,
    ContestStaffCD,
    EventAction,
    EventCD,
    EventStaffAction,
    EventStaffCD,
    GroupAction,
    GroupCD,
    MenuCD,
    PracticeAction,
    PracticeCD,
    ProfileAction,
    ProfileCD,
    Section,
)
from bot.delivery import Rendered, renders
from bot.domain.contests import STAGE_PRESETS, ContestResult, ImportPreview, RecordStatus, TargetGroup
from bot.domain.events import EventLevel
from bot.i18n import Translator
from bot.services.contests import (
    ConsultWanted,
    GroupReviewed,
    Groups,
    Mine,
    RecordReviewed,
    RecordToReview,
    ResultTold,
    ReviewList,
    StaffView,
)
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from storage.models import ContestMaterial, ContestStage, ExternalContest, User

RESULT_MARK = {
    ContestResult.WINNER: "🥇",
    ContestResult.PRIZE: "🥈",
    ContestResult.LAUREATE: "🏅",
    ContestResult.PARTICIPANT: "🎗",
}
STATUS_MARK = {RecordStatus.PENDING: "⏳", RecordStatus.CONFIRMED: "✅", RecordStatus.REJECTED: "✖️"}


def _day(day: object) -> str:
    return day.strftime("%d.%m.%Y") if hasattr(day, "strftime") else str(day)


def stage_lines(stages: list[ContestStage], _: Translator) -> list[str]:
    """The stages as the card shows them."""
    if not stages:
        return []
    lines = [_("ct-stages-title")]
    for stage in stages:
        span = _day(stage.starts_on) + (f" – {_day(stage.ends_on)}" if stage.ends_on else "")
        lines.append(f"• {escape(stage.title)}: {span}")
    return lines


def result_word(result: ContestResult | str, _: Translator) -> str:
    return _(f"ct-result-{ContestResult(result).value}")


# --- a participant ------------------------------------------------------------------------------


def materials_screen(event_id: int, title: str, materials: list[ContestMaterial], _: Translator) -> Screen:
    lines = [_("ct-materials-title", title=escape(title))]
    if not materials:
        lines.append(_("ct-materials-none"))
    for number, m in enumerate(materials, start=1):
        what = escape(m.file_name or _("ct-material-file")) if m.file_id else escape(m.link or "")
        lines.append(f"{number}. {what}")
    lines.append("")
    lines.append(_("ct-materials-hint"))
    kb = Keyboard()
    kb.button(text=_("ct-btn-done"), callback_data=EventCD(action=EventAction.OPEN, e=event_id, p=1))
    return clip("\n".join(lines)), kb.as_markup()


def mine_screen(mine: Mine, _: Translator) -> Screen:
    lines = [_("ct-mine-title")]
    if not mine.results and not mine.records:
        lines.append(_("ct-mine-empty"))
    for result, event in mine.results[:20]:
        lines.append(f"{RESULT_MARK[result]} {escape(event.title)} — {result_word(result, _)}")
    if mine.records:
        lines.append("")
        lines.append(_("ct-mine-records"))
    for record in mine.records[:20]:
        lines.append(
            f"{STATUS_MARK[record.status]} {escape(record.title)}, {_day(record.held_on)} — "
            f"{result_word(record.result, _)} ({_(f'ct-status-{record.status.value}')})"
        )
    kb = Keyboard()
    kb.button(text=_("ct-btn-record"), callback_data=ContestCD(action=ContestAction.RECORD))
    kb.button(text=_("btn-back"), callback_data=EventCD(action=EventAction.LIST))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def _abort(kb: Keyboard, _: Translator) -> None:
    kb.button(text=_("ct-btn-abort"), callback_data=ContestCD(action=ContestAction.ABORT))


def record_prompt(key: str, _: Translator) -> Screen:
    kb = Keyboard()
    _abort(kb, _)
    return _(key), kb.as_markup()


def level_screen(_: Translator) -> Screen:
    kb = Keyboard()
    for level in EventLevel:
        kb.button(
            text=_(f"ct-level-{level.value}"),
            callback_data=ContestCD(action=ContestAction.LEVEL, v=level.value),
        )
    _abort(kb, _)
    kb.adjust(2, 2, 1)
    return _("ct-record-level"), kb.as_markup()


def result_screen(_: Translator) -> Screen:
    kb = Keyboard()
    for result in ContestResult:
        kb.button(
            text=f"{RESULT_MARK[result]} {result_word(result, _)}",
            callback_data=ContestCD(action=ContestAction.RESULT, v=result.value),
        )
    _abort(kb, _)
    kb.adjust(2, 2, 1)
    return _("ct-record-result"), kb.as_markup()


# --- staff --------------------------------------------------------------------------------------


def staff_screen(view: StaffView, _: Translator) -> Screen:
    event = view.event
    with_result = sum(1 for p in view.people if p.result is not None)
    lines = [_("ct-staff-title", title=escape(event.title))]
    lines += stage_lines(view.stages, _) or [_("ct-stages-none")]
    lines.append("")
    lines.append(_("ct-staff-people", count=len(view.people), results=with_result))
    kb = Keyboard()
    for stage in view.stages:
        kb.button(
            text="🗑 " + shorten(stage.title, 40),
            callback_data=ContestStaffCD(action=ContestStaffAction.DROP, e=event.id, v=str(stage.id)),
        )
    kb.button(
        text=_("ct-btn-stage"), callback_data=ContestStaffCD(action=ContestStaffAction.STAGE, e=event.id)
    )
    kb.button(
        text=_("ct-btn-people"), callback_data=ContestStaffCD(action=ContestStaffAction.PEOPLE, e=event.id)
    )
    kb.button(text=_("ct-btn-file"), callback_data=ContestStaffCD(action=ContestStaffAction.FILE, e=event.id))
    kb.button(
        text=_("ct-btn-import"), callback_data=ContestStaffCD(action=ContestStaffAction.IMPORT, e=event.id)
    )
    kb.button(text=_("btn-back"), callback_data=EventStaffCD(action=EventStaffAction.CARD, e=event.id))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def stage_presets(event_id: int, _: Translator) -> Screen:
    kb = Keyboard()
    for preset in STAGE_PRESETS:
        kb.button(
            text=_(f"ct-stage-{preset}"),
            callback_data=ContestStaffCD(action=ContestStaffAction.STAGE, e=event_id, v=preset),
        )
    kb.button(text=_("btn-back"), callback_data=ContestStaffCD(action=ContestStaffAction.HOME, e=event_id))
    kb.adjust(2, 2, 1)
    return _("ct-stage-pick"), kb.as_markup()


def stage_dates_prompt(event_id: int, title: str, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("btn-back"), callback_data=ContestStaffCD(action=ContestStaffAction.HOME, e=event_id))
    return _("ct-stage-dates", title=escape(title)), kb.as_markup()


def people_screen(view: StaffView, _: Translator) -> Screen:
    event = view.event
    lines = [_("ct-people-title", title=escape(event.title), count=len(view.people))]
    if not view.people:
        lines.append(_("ct-people-none"))
    kb = Keyboard()
    for p in view.people[:60]:
        mark = RESULT_MARK[p.result] if p.result else "▫️"
        result = f" — {result_word(p.result, _)}" if p.result else ""
        materials = f" 📎{p.materials}" if p.materials else ""
        lines.append(f"{mark} {escape(p.name)}, {escape(p.school or '—')}{result}{materials}")
        kb.button(
            text=f"{mark} {shorten(p.name, 48)}",
            callback_data=ContestStaffCD(action=ContestStaffAction.PICK, e=event.id, v=str(p.user_id)),
        )
    lines.append(_("ct-people-hint"))
    kb.button(text=_("btn-back"), callback_data=ContestStaffCD(action=ContestStaffAction.HOME, e=event.id))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def pick_screen(event_id: int, user_id: int, name: str, _: Translator) -> Screen:
    kb = Keyboard()
    for result in ContestResult:
        kb.button(
            text=f"{RESULT_MARK[result]} {result_word(result, _)}",
            callback_data=ContestStaffCD(
                action=ContestStaffAction.SET, e=event_id, v=f"{user_id}.{result.value}"
            ),
        )
    kb.button(text=_("btn-back"), callback_data=ContestStaffCD(action=ContestStaffAction.PEOPLE, e=event_id))
    kb.adjust(2, 2, 1)
    return _("ct-pick", name=escape(name)), kb.as_markup()


def import_prompt(event_id: int, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("btn-back"), callback_data=ContestStaffCD(action=ContestStaffAction.HOME, e=event_id))
    return _("ct-import-prompt"), kb.as_markup()


def preview_screen(event_id: int, preview: ImportPreview, _: Translator) -> Screen:
    lines = [_("ct-preview-title", matched=len(preview.matched), unmatched=len(preview.unmatched))]
    for row in preview.matched[:30]:
        lines.append(f"✅ {row.line}: {escape(row.name)} — {result_word(row.result, _)}")
    for miss in preview.unmatched[:30]:
        lines.append(f"⚠️ {miss.line}: {escape(miss.name or '—')} — {_(f'ct-unmatched-{miss.why}')}")
    kb = Keyboard()
    if preview.matched:
        kb.button(
            text=_("ct-btn-apply", count=len(preview.matched)),
            callback_data=ContestStaffCD(action=ContestStaffAction.APPLY, e=event_id),
        )
    kb.button(text=_("btn-back"), callback_data=ContestStaffCD(action=ContestStaffAction.HOME, e=event_id))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


# --- target groups ------------------------------------------------------------------------------


def groups_screen(groups: Groups, _: Translator) -> Screen:
    lines = [_("tg-title")]
    kb = Keyboard()
    for group in TargetGroup:
        status = groups.marks.get(group)
        mark = STATUS_MARK[status] + " " if status is not None else ""
        note = f" ({_(f'ct-status-{status.value}')})" if status is not None else ""
        lines.append(f"{mark or '▫️ '}{_(f'tg-group-{group.value}')}{note}")
        kb.button(
            text=(mark or "▫️ ") + _(f"tg-group-{group.value}"),
            callback_data=GroupCD(action=GroupAction.TOGGLE, v=group.value),
        )
    if groups.shnor_school:
        lines.append(_("tg-shnor-school"))
    lines.append("")
    lines.append(_("tg-hint"))
    kb.button(text=_("btn-back"), callback_data=ProfileCD(action=ProfileAction.VIEW))
    kb.adjust(1)
    return "\n".join(lines), kb.as_markup()


# --- confirmations ------------------------------------------------------------------------------


def review_screen(view: ReviewList, _: Translator) -> Screen:
    lines = [_("cf-title")]
    if not view.records and not view.marks:
        lines.append(_("cf-empty"))
    kb = Keyboard()
    sizes: list[int] = []
    if view.records:
        lines.append(_("cf-records", count=len(view.records)))
    for record, owner in view.records:
        kb.button(
            text=f"🏆 {shorten(owner.full_name or '—', 24)}: {shorten(record.title, 30)}",
            callback_data=ConfirmCD(action=ConfirmAction.RECORD, i=record.id),
        )
        sizes.append(1)
    if view.marks:
        lines.append(_("cf-groups", count=len(view.marks)))
    for mark_id, group, owner in view.marks:
        lines.append(f"• {escape(owner.full_name or '—')} — {_(f'tg-group-{group.value}')}")
        label = shorten(owner.full_name or "—", 22)
        kb.button(text=f"✅ {label}", callback_data=ConfirmCD(action=ConfirmAction.GROUP_YES, i=mark_id))
        kb.button(text="✖️", callback_data=ConfirmCD(action=ConfirmAction.GROUP_NO, i=mark_id))
        sizes.append(2)
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    sizes.append(1)
    kb.adjust(*sizes)
    return clip("\n".join(lines)), kb.as_markup()


def record_card(record: ExternalContest, owner: User, _: Translator) -> Screen:
    text = _(
        "cf-record",
        name=escape(owner.full_name or "—"),
        title=escape(record.title),
        level=_(f"ct-level-{record.level.value}"),
        day=_day(record.held_on),
        result=result_word(record.result, _),
        status=_(f"ct-status-{record.status.value}"),
    )
    kb = Keyboard()
    if record.status is RecordStatus.PENDING:
        kb.button(text=_("cf-btn-yes"), callback_data=ConfirmCD(action=ConfirmAction.RECORD_YES, i=record.id))
        kb.button(text=_("cf-btn-no"), callback_data=ConfirmCD(action=ConfirmAction.RECORD_NO, i=record.id))
    kb.button(text=_("btn-back"), callback_data=ConfirmCD(action=ConfirmAction.HOME))
    kb.adjust(2, 1)
    return text, kb.as_markup()


# --- notices ------------------------------------------------------------------------------------


def support_before(kb: Keyboard, event_id: int, _: Translator) -> None:
    """Support before a contest (issue 21): ask the methodist (or mentor) for a consultation, or
    book one of the methodists' published times («📅 Запись на консультацию»)."""
    kb.button(text=_("ct-btn-consult"), callback_data=ContestCD(action=ContestAction.CONSULT, e=event_id))
    kb.button(text=_("ct-btn-book"), callback_data=MenuCD(section=Section.CONSULT_BOOK))


def support_after(kb: Keyboard, event_id: int, _: Translator) -> None:
    """Support after it: present the experience — a step of the route (ИОМ), and a practice offered
    to the bank of practices (its new-practice wizard; the experts review it)."""
    kb.button(
        text=_("ct-btn-experience"), callback_data=ContestCD(action=ContestAction.EXPERIENCE, e=event_id)
    )
    kb.button(text=_("ct-btn-practice"), callback_data=PracticeCD(action=PracticeAction.NEW))


@renders(ResultTold)
def result_told(notice: ResultTold, _: Translator) -> Rendered:
    kb = Keyboard()
    support_after(kb, notice.event_id, _)
    kb.adjust(1)
    text = _("ct-result-told", title=escape(notice.title), result=result_word(notice.result, _))
    return text, kb.as_markup()


@renders(ConsultWanted)
def consult_wanted(notice: ConsultWanted, _: Translator) -> Rendered:
    key = "ct-consult-to-mentor" if notice.as_mentor else "ct-consult-to-methodist"
    kb = Keyboard()
    kb.link(text=_("ct-btn-write"), url=f"tg://user?id={notice.tg_id}")
    return _(key, name=escape(notice.teacher), title=escape(notice.title)), kb.as_markup()


@renders(RecordToReview)
def record_to_review(notice: RecordToReview, _: Translator) -> Rendered:
    kb = Keyboard()
    kb.button(text=_("cf-btn-open"), callback_data=ConfirmCD(action=ConfirmAction.HOME))
    return _("cf-to-review", name=escape(notice.teacher), title=escape(notice.title)), kb.as_markup()


@renders(RecordReviewed)
def record_reviewed(notice: RecordReviewed, _: Translator) -> Rendered:
    key = "ct-record-confirmed" if notice.confirmed else "ct-record-rejected"
    return _(key, title=escape(notice.title)), None


@renders(GroupReviewed)
def group_reviewed(notice: GroupReviewed, _: Translator) -> Rendered:
    key = "tg-confirmed" if notice.confirmed else "tg-rejected"
    return _(key, group=_(f"tg-group-{notice.group}")), None
