"""The methodist's screens (their teachers, a route under review) and staff's (who accompanies whom)."""

from __future__ import annotations

from html import escape

from bot.callbacks import (
    AssignAction,
    AssignCD,
    MenuCD,
    MethodistAction,
    MethodistCD,
    ReviewAction,
    ReviewCD,
    Section,
)
from bot.domain.profile import is_young_specialist
from bot.domain.route_changes import RouteChanges
from bot.domain.routes import (
    RouteStatus,
)
from bot.i18n import Translator
from bot.services.routes import TeacherRow, status
from bot.services.routes.views import RouteView
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.routes.changes import changes_block
from bot.ui.routes.common import (
    METHODIST_LOAD,
    PAGE,
    STATUS_MARK,
    name_of,
    pages_of,
)
from bot.ui.routes.teacher import route_header, step_text, steps_page
from storage.models import RouteStep, User
from storage.repositories.routes import MethodistRow

# --- the methodist -------------------------------------------------------------------------------


def teacher_mark(row: TeacherRow) -> str:
    if row.overdue:
        return "⚠️"
    if row.route is None:
        return "▫️"
    return STATUS_MARK[status(row.route)]


def teachers_screen(rows: list[TeacherRow], shared: int, page: int, _: Translator) -> Screen:
    pages = pages_of(len(rows))
    page = min(max(page, 0), pages - 1)
    chunk = rows[page * PAGE : (page + 1) * PAGE]
    lines = [_("mt-teachers-title", count=len(rows))] if rows else [_("mt-teachers-empty")]
    waiting = sum(1 for r in rows if r.awaiting)
    overdue = sum(1 for r in rows if r.overdue)
    if rows:
        lines.append(_("mt-teachers-summary", waiting=waiting, overdue=overdue))
        lines.append(_("mt-teachers-legend"))
    kb = Keyboard()
    for row in chunk:
        if row.route is None:
            state = _("mt-no-route")
        else:
            state = _(f"mt-state-{status(row.route).value}")
            if row.progress is not None and status(row.route) is not RouteStatus.SUBMITTED:
                state += f" · {row.progress.percent}%"
        kb.button(
            text=f"{teacher_mark(row)} {shorten(row.teacher.full_name or '—', 34)} · {state}",
            callback_data=ReviewCD(action=ReviewAction.TEACHER, r=row.teacher.id, p=page),
        )
    sizes = [1] * len(chunk)
    nav = kb.pager(page, pages, lambda n: ReviewCD(action=ReviewAction.LIST, p=n))
    if nav:
        sizes.append(nav)
    if pages > 1:
        lines.append(_("route-page", page=page + 1, pages=pages))
    if shared:
        kb.button(
            text=_("mt-btn-shared", count=shared), callback_data=MethodistCD(action=MethodistAction.LIST)
        )
        sizes.append(1)
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    sizes.append(1)
    kb.adjust(*sizes)
    return "\n".join(lines), kb.as_markup()


def teacher_card(teacher: User, year: int, _: Translator) -> str:
    subjects = ", ".join(_(f"subject-{s.subject}") for s in teacher.subjects) or _("subjects-none")
    school = teacher.school.short_name or teacher.school.name if teacher.school else _("profile-empty")
    lines = [
        _("mt-teacher-name", name=name_of(teacher)),
        _(
            "mt-teacher-place",
            school=escape(school),
            municipality=escape(teacher.municipality.name if teacher.municipality else "—"),
        ),
        _("mt-teacher-subjects", subjects=subjects),
    ]
    if is_young_specialist(teacher.birth_year, teacher.experience_years, year):
        lines.append(_("mt-teacher-young"))
    return "\n".join(lines)


def review_screen(
    view: RouteView,
    teacher: User,
    year: int,
    page: int,
    shared: bool,
    _: Translator,
    changes: RouteChanges | None = None,
) -> Screen:
    """The route under review; sent again after a return, with what changed since."""
    route, state = view.route, view.status
    steps = route.steps
    pages = pages_of(len(steps))
    page = min(max(page, 0), pages - 1)
    lines = [teacher_card(teacher, year, _), "", *route_header(view, _, "review-title")]
    if changes is not None:
        lines += ["", changes_block(changes, _)]
    if state is RouteStatus.SUBMITTED:
        lines += ["", _("review-hint")]
    lines.append("")
    page_lines, kb, sizes = steps_page(
        view,
        page,
        pages,
        _,
        lambda step: ReviewCD(action=ReviewAction.STEP, r=route.id, s=step.id, p=page),
        lambda n: ReviewCD(action=ReviewAction.ROUTE, r=route.id, p=n),
    )
    lines += page_lines
    if state is RouteStatus.SUBMITTED:
        kb.button(
            text=_("review-btn-approve"), callback_data=ReviewCD(action=ReviewAction.APPROVE, r=route.id)
        )
        kb.button(text=_("review-btn-return"), callback_data=ReviewCD(action=ReviewAction.RETURN, r=route.id))
        sizes += [1, 1]
    kb.button(text=_("route-btn-export"), callback_data=ReviewCD(action=ReviewAction.EXPORT, r=route.id))
    sizes.append(1)
    if shared:
        kb.button(
            text=_("review-btn-results"),
            callback_data=MethodistCD(action=MethodistAction.OPEN, user_id=teacher.id),
        )
        sizes.append(1)
    kb.button(text=_("review-btn-teachers"), callback_data=ReviewCD(action=ReviewAction.LIST))
    sizes.append(1)
    kb.adjust(*sizes)
    return clip("\n".join(lines)), kb.as_markup()


def review_step_screen(step: RouteStep, view: RouteView, page: int, _: Translator) -> Screen:
    kb = Keyboard()
    route = view.route
    if view.status is RouteStatus.SUBMITTED:
        kb.button(
            text=_("review-btn-comment"),
            callback_data=ReviewCD(action=ReviewAction.COMMENT, r=route.id, s=step.id, p=page),
        )
        if step.comment:
            kb.button(
                text=_("review-btn-uncomment"),
                callback_data=ReviewCD(action=ReviewAction.UNCOMMENT, r=route.id, s=step.id, p=page),
            )
    if any(e.file_id for e in step.evidence):
        kb.button(
            text=_("step-btn-show-evidence"),
            callback_data=ReviewCD(action=ReviewAction.FILES, r=route.id, s=step.id, p=page),
        )
    kb.button(text=_("step-btn-back"), callback_data=ReviewCD(action=ReviewAction.ROUTE, r=route.id, p=page))
    kb.adjust(1)
    return step_text(step, view, _), kb.as_markup()


# --- staff: methodists and their teachers ----------------------------------------------------------


def methodists_screen(
    rows: list[MethodistRow], unassigned: int, names: dict[int, str], _: Translator
) -> Screen:
    lines = [_("mts-title")]
    if not rows:
        lines.append(_("mts-none"))
    for row in rows[:40]:
        scope = (
            names.get(row.scope_municipality_id or 0, _("mts-region"))
            if row.scope_municipality_id
            else _("mts-region")
        )
        lines.append(
            _("mts-line", name=name_of(row.user), scope=escape(scope), load=row.load, norm=METHODIST_LOAD)
        )
    lines += ["", _("mts-unassigned", count=unassigned)]
    kb = Keyboard()
    if unassigned and rows:
        kb.button(text=_("mts-btn-auto", count=unassigned), callback_data=AssignCD(action=AssignAction.AUTO))
    if rows:
        kb.button(text=_("mts-btn-assign"), callback_data=AssignCD(action=AssignAction.SEARCH))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def search_prompt(_: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("route-btn-cancel"), callback_data=AssignCD(action=AssignAction.HOME))
    return _("mts-search-prompt"), kb.as_markup()


def search_results(found: list[tuple[int, str]], _: Translator) -> Screen:
    kb = Keyboard()
    for user_id, name in found:
        kb.button(text=shorten(name, 60), callback_data=AssignCD(action=AssignAction.TEACHER, t=user_id))
    kb.button(text=_("route-btn-cancel"), callback_data=AssignCD(action=AssignAction.HOME))
    kb.adjust(1)
    text = _("mts-search-found", count=len(found)) if found else _("mts-search-nothing")
    return text, kb.as_markup()


def pick_methodist_screen(
    teacher: User, current: User | None, rows: list[MethodistRow], _: Translator
) -> Screen:
    kb = Keyboard()
    for row in rows[:30]:
        mark = "✅ " if current is not None and row.user.id == current.id else ""
        kb.button(
            text=f"{mark}{shorten(row.user.full_name or '—', 44)} · {row.load}",
            callback_data=AssignCD(action=AssignAction.PUT, t=teacher.id, m=row.user.id),
        )
    kb.button(text=_("route-btn-cancel"), callback_data=AssignCD(action=AssignAction.HOME))
    kb.adjust(1)
    text = _("mts-pick", teacher=name_of(teacher))
    if current is not None:
        text += "\n" + _("mts-current", name=name_of(current))
    if not rows:
        text += "\n\n" + _("mts-pick-none")
    return text, kb.as_markup()
