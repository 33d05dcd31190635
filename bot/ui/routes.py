"""Screens of the route (ИОМ): the teacher's route and step cards, the step wizard, the
methodist's list and review, staff's methodists; and the route as a document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from bot.callbacks import AssignCD, MenuCD, MethodistCD, ReviewCD, RouteCD, Section
from bot.domain.diagnostics import AreaChange, StepForm
from bot.domain.profile import is_young_specialist
from bot.domain.routes import (
    EDITABLE,
    MAX_STEPS,
    SUBMITTABLE,
    Due,
    Progress,
    RouteStatus,
    StepAction,
    StepStatus,
    progress_bar,
    step_actions,
    step_due,
)
from bot.i18n import Translator
from bot.services.route_doc import DocStep, RouteDocument
from bot.services.routes import Basis, Nudge, TeacherRow, route_progress, status, step_status
from bot.ui.admin import local_time
from bot.ui.diagnosis import clip, level_word
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import Screen
from storage.models import Route, RouteStep, StepEvidence, User
from storage.repositories.routes import MethodistRow

PAGE = 10
STEP_MARK = {
    StepStatus.PLANNED: "▫️",
    StepStatus.IN_PROGRESS: "▶️",
    StepStatus.DONE: "✅",
    StepStatus.DROPPED: "✖️",
}
STATUS_MARK = {
    RouteStatus.DRAFT: "📝",
    RouteStatus.SUBMITTED: "📨",
    RouteStatus.RETURNED: "↩️",
    RouteStatus.APPROVED: "✅",
    RouteStatus.CARRIED_OUT: "🏁",
}
TERMS = ("1", "3", "0")  # months; 0 = to the end of the route's period
DROP_REASONS = ("time", "outdated", "replaced")
METHODIST_LOAD = 85  # one methodist per ~85 teachers (seed 004)


def d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def short(day: date) -> str:
    return day.strftime("%d.%m")


def name_of(user: User | None) -> str:
    return escape(user.full_name or "—") if user is not None else "—"


@dataclass(frozen=True, slots=True)
class RouteView:
    route: Route
    titles: dict[str, str]  # area id → title
    today: date  # the teacher's local date
    methodist: User | None = None
    effect: tuple[AreaChange, ...] = ()

    @property
    def status(self) -> RouteStatus:
        return status(self.route)

    @property
    def progress(self) -> Progress:
        return route_progress(self.route)


def _pages(count: int) -> int:
    return max(1, (count + PAGE - 1) // PAGE)


def cut(text: str, limit: int) -> str:
    """A preview on a list; the step card shows the whole text."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _step_line(number: int, step: RouteStep, view: RouteView, _: Translator) -> str:
    state = step_status(step)
    mark = STEP_MARK[state]
    due = step_due(step.planned_end, state, view.today)
    if due is Due.OVERDUE:
        mark = "⚠️"
    area = view.titles.get(step.area or "", "")
    line = _(
        "route-step-line",
        number=number,
        mark=mark,
        title=escape(cut(step.title, 120)),
        form=_(f"form-{step.form}"),
        start=short(step.planned_start),
        end=short(step.planned_end),
    )
    if area:
        line += " · " + escape(area)
    if due is Due.OVERDUE:
        line += "\n   " + _("route-step-overdue")
    if step.comment:
        line += "\n   💬 " + escape(cut(step.comment, 100))
    return line


def route_header(view: RouteView, _: Translator, title: str = "route-title") -> list[str]:
    route = view.route
    lines = [
        _(title, mark=STATUS_MARK[view.status], status=_(f"route-status-{view.status.value}")),
        _("route-period", start=d(route.period_start), end=d(route.period_end)),
        _("route-goal", goal=escape(route.goal)) if route.goal else _("route-goal-missing"),
    ]
    if view.status not in (RouteStatus.DRAFT,):
        p = view.progress
        lines.append(
            _("route-progress", bar=progress_bar(p.percent), percent=p.percent, done=p.done, total=p.active)
        )
    if view.methodist is not None and view.status is not RouteStatus.DRAFT:
        lines.append(_("route-methodist", name=name_of(view.methodist)))
    if view.route.review_comment and view.status in (RouteStatus.RETURNED, RouteStatus.APPROVED):
        lines.append(_("route-review-comment", comment=escape(cut(view.route.review_comment, 300))))
    return lines


def route_screen(view: RouteView, page: int, _: Translator) -> Screen:
    """The teacher's route: header, one page of steps, what can be done next."""
    route, state = view.route, view.status
    steps = route.steps
    pages = _pages(len(steps))
    page = min(max(page, 0), pages - 1)
    lines = route_header(view, _)
    hint = {
        RouteStatus.DRAFT: "route-hint-draft",
        RouteStatus.SUBMITTED: "route-hint-submitted",
        RouteStatus.RETURNED: "route-hint-returned",
        RouteStatus.APPROVED: "route-hint-approved",
        RouteStatus.CARRIED_OUT: "route-hint-carried-out",
    }[state]
    lines += ["", _(hint)]
    if state is RouteStatus.SUBMITTED and view.methodist is None:
        lines.append(_("route-no-methodist"))
    if view.effect:
        lines += ["", _("route-effect-title")]
        lines += [
            _(
                f"diag-change-{c.direction}",
                area=escape(c.title),
                before=level_word(c.before, _),
                after=level_word(c.after, _),
            )
            for c in view.effect
        ]
    lines.append("")
    if not steps:
        lines.append(_("route-no-steps"))
    chunk = steps[page * PAGE : (page + 1) * PAGE]
    lines += [_step_line(page * PAGE + i + 1, s, view, _) for i, s in enumerate(chunk)]
    if pages > 1:
        lines.append(_("route-page", page=page + 1, pages=pages))
    kb = Keyboard()
    for i, step in enumerate(chunk):
        kb.button(
            text=f"{page * PAGE + i + 1}. {STEP_MARK[step_status(step)]} {step.title[:40]}",
            callback_data=RouteCD(action="step", r=route.id, s=step.id, p=page),
        )
    sizes = [1] * len(chunk)
    nav = kb.pager(page, pages, lambda n: RouteCD(action="view", r=route.id, p=n))
    if nav:
        sizes.append(nav)
    if state in EDITABLE and len(steps) < MAX_STEPS:
        kb.button(text=_("route-btn-add"), callback_data=RouteCD(action="add", r=route.id))
        sizes.append(1)
    if state in EDITABLE:
        kb.button(text=_("route-btn-goal"), callback_data=RouteCD(action="goal", r=route.id))
        sizes.append(1)
    if state in SUBMITTABLE:
        key = "route-btn-submit" if state is RouteStatus.DRAFT else "route-btn-resubmit"
        kb.button(text=_(key), callback_data=RouteCD(action="submit", r=route.id))
        sizes.append(1)
    if state is RouteStatus.DRAFT:
        kb.button(text=_("route-btn-rebuild"), callback_data=RouteCD(action="rebuild", r=route.id))
        sizes.append(1)
    if state is not RouteStatus.DRAFT:
        kb.button(text=_("route-btn-export"), callback_data=RouteCD(action="export", r=route.id))
        sizes.append(1)
    if state is RouteStatus.CARRIED_OUT:
        kb.button(text=_("route-btn-rediagnose"), callback_data=MenuCD(section=Section.DIAGNOSTICS))
        kb.button(text=_("route-btn-new"), callback_data=RouteCD(action="new", r=route.id))
        sizes += [1, 1]
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    sizes.append(1)
    kb.adjust(*sizes)
    return clip("\n".join(lines)), kb.as_markup()


def no_route_screen(has_diagnosis: bool, _: Translator) -> Screen:
    kb = Keyboard()
    if has_diagnosis:
        kb.button(text=_("route-btn-build"), callback_data=RouteCD(action="build"))
    else:
        kb.button(text=_("route-btn-diagnose"), callback_data=MenuCD(section=Section.DIAGNOSTICS))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return _("route-none-diagnosed") if has_diagnosis else _("route-none"), kb.as_markup()


def evidence_line(evidence: StepEvidence, _: Translator) -> str:
    if evidence.kind == "photo":
        return _("evidence-photo")
    if evidence.kind == "document":
        return _("evidence-document", name=escape(evidence.file_name or "—"))
    if evidence.kind == "link":
        return _("evidence-link", link=escape(evidence.text or ""))
    return _("evidence-text", text=escape(evidence.text or ""))


def step_text(step: RouteStep, view: RouteView, _: Translator) -> str:
    state = step_status(step)
    lines = [
        _("step-title", form=_(f"form-{step.form}"), title=escape(step.title)),
        _("step-status", mark=STEP_MARK[state], status=_(f"step-status-{state.value}")),
        _("step-period", start=d(step.planned_start), end=d(step.planned_end)),
    ]
    area = view.titles.get(step.area or "", "")
    if area:
        lines.append(_("step-area", area=escape(area)))
    if step.hours and f"{step.hours} ч" not in step.title:
        lines.append(_("step-hours", hours=step.hours))
    if step.description:
        lines += ["", escape(step.description)]
    if step.link:
        lines.append(escape(step.link))
    if step_due(step.planned_end, state, view.today) is Due.OVERDUE:
        lines += ["", _("step-overdue")]
    if step.drop_reason and state is StepStatus.DROPPED:
        lines += ["", _("step-drop-reason", reason=escape(step.drop_reason))]
    if step.comment:
        lines += ["", _("step-comment", comment=escape(step.comment))]
    if step.evidence:
        lines += ["", _("step-evidence-title")]
        lines += ["• " + evidence_line(e, _) for e in step.evidence]
    return clip("\n".join(lines))


def step_screen(step: RouteStep, view: RouteView, page: int, _: Translator) -> Screen:
    route = view.route
    kb = Keyboard()
    labels = {
        StepAction.START: "step-btn-start",
        StepAction.DONE: "step-btn-done",
        StepAction.DROP: "step-btn-drop",
        StepAction.RESTORE: "step-btn-restore",
        StepAction.REOPEN: "step-btn-reopen",
    }
    for action in step_actions(view.status, step_status(step)):
        kb.button(
            text=_(labels[action]), callback_data=RouteCD(action=action.value, r=route.id, s=step.id, p=page)
        )
    if step_status(step) is StepStatus.DONE and view.status is not RouteStatus.DRAFT:
        kb.button(
            text=_("step-btn-more-evidence"),
            callback_data=RouteCD(action="done", r=route.id, s=step.id, p=page),
        )
    if any(e.file_id for e in step.evidence):
        kb.button(
            text=_("step-btn-show-evidence"),
            callback_data=RouteCD(action="files", r=route.id, s=step.id, p=page),
        )
    if view.status in EDITABLE:
        kb.button(
            text=_("step-btn-remove"), callback_data=RouteCD(action="remove", r=route.id, s=step.id, p=page)
        )
    kb.button(text=_("step-btn-back"), callback_data=RouteCD(action="view", r=route.id, p=page))
    kb.adjust(1)
    return step_text(step, view, _), kb.as_markup()


def cancel_keyboard(route_id: int, _: Translator, *extra: tuple[str, RouteCD]) -> Keyboard:
    kb = Keyboard()
    for text, data in extra:
        kb.button(text=text, callback_data=data)
    kb.button(text=_("route-btn-cancel"), callback_data=RouteCD(action="view", r=route_id))
    kb.adjust(1)
    return kb


def evidence_prompt(route: Route, step: RouteStep, more: bool, _: Translator) -> Screen:
    kb = cancel_keyboard(route.id, _)
    key = "evidence-prompt-more" if more else "evidence-prompt"
    return _(key, title=escape(step.title)), kb.as_markup()


def drop_prompt(route: Route, step: RouteStep, _: Translator) -> Screen:
    kb = cancel_keyboard(
        route.id,
        _,
        *(
            (_(f"drop-reason-{code}"), RouteCD(action="why", r=route.id, s=step.id, v=code))
            for code in DROP_REASONS
        ),
    )
    return _("drop-prompt", title=escape(step.title)), kb.as_markup()


def goal_prompt(route: Route, suggestion: str | None, _: Translator) -> Screen:
    extra = []
    if suggestion:
        extra.append((_("goal-btn-suggested"), RouteCD(action="goal_take", r=route.id)))
    kb = cancel_keyboard(route.id, _, *extra)
    text = _("goal-prompt")
    if suggestion:
        text += "\n\n" + _("goal-suggestion", goal=escape(suggestion))
    if route.goal:
        text += "\n\n" + _("goal-current", goal=escape(route.goal))
    return text, kb.as_markup()


def suggested_goal(route: Route, titles: dict[str, str], _: Translator) -> str | None:
    areas = list(dict.fromkeys(titles[s.area] for s in route.steps if s.area and s.area in titles))
    if not areas:
        return None
    return _("goal-suggested", areas=", ".join(a[:1].lower() + a[1:] for a in areas[:3]))


def form_prompt(route: Route, _: Translator) -> Screen:
    kb = Keyboard()
    for form in StepForm:
        kb.button(
            text=_(f"form-{form.value}"), callback_data=RouteCD(action="form", r=route.id, v=form.value)
        )
    kb.button(text=_("route-btn-cancel"), callback_data=RouteCD(action="view", r=route.id))
    kb.adjust(2, 2, 2, 1)
    return _("add-form-prompt"), kb.as_markup()


def title_prompt(route: Route, form: str, _: Translator) -> Screen:
    return _("add-title-prompt", form=_(f"form-{form}")), cancel_keyboard(route.id, _).as_markup()


def area_prompt(route: Route, titles: dict[str, str], _: Translator) -> Screen:
    kb = Keyboard()
    areas = list(dict.fromkeys(s.area for s in route.steps if s.area and s.area in titles))
    for area in areas[:8]:
        kb.button(text=titles[area][:60], callback_data=RouteCD(action="area", r=route.id, v=area))
    kb.button(text=_("add-area-none"), callback_data=RouteCD(action="area", r=route.id, v="-"))
    kb.button(text=_("route-btn-cancel"), callback_data=RouteCD(action="view", r=route.id))
    kb.adjust(1)
    return _("add-area-prompt"), kb.as_markup()


def term_prompt(route: Route, _: Translator) -> Screen:
    kb = Keyboard()
    for term in TERMS:
        kb.button(text=_(f"add-term-{term}"), callback_data=RouteCD(action="term", r=route.id, v=term))
    kb.button(text=_("route-btn-cancel"), callback_data=RouteCD(action="view", r=route.id))
    kb.adjust(1)
    return _("add-term-prompt", end=d(route.period_end)), kb.as_markup()


def note_prompt(route: Route, _: Translator) -> Screen:
    kb = cancel_keyboard(route.id, _, (_("add-note-skip"), RouteCD(action="note_skip", r=route.id)))
    return _("add-note-prompt"), kb.as_markup()


# --- the methodist -------------------------------------------------------------------------------


def teacher_mark(row: TeacherRow) -> str:
    if row.overdue:
        return "⚠️"
    if row.route is None:
        return "▫️"
    return STATUS_MARK[status(row.route)]


def teachers_screen(rows: list[TeacherRow], shared: int, page: int, _: Translator) -> Screen:
    pages = _pages(len(rows))
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
            text=f"{teacher_mark(row)} {(row.teacher.full_name or '—')[:34]} · {state}"[:64],
            callback_data=ReviewCD(action="teacher", r=row.teacher.id, p=page),
        )
    sizes = [1] * len(chunk)
    nav = kb.pager(page, pages, lambda n: ReviewCD(action="list", p=n))
    if nav:
        sizes.append(nav)
    if pages > 1:
        lines.append(_("route-page", page=page + 1, pages=pages))
    if shared:
        kb.button(text=_("mt-btn-shared", count=shared), callback_data=MethodistCD(action="list"))
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
    view: RouteView, teacher: User, year: int, page: int, shared: bool, _: Translator
) -> Screen:
    route, state = view.route, view.status
    steps = route.steps
    pages = _pages(len(steps))
    page = min(max(page, 0), pages - 1)
    lines = [teacher_card(teacher, year, _), "", *route_header(view, _, "review-title")]
    if state is RouteStatus.SUBMITTED:
        lines += ["", _("review-hint")]
    lines.append("")
    chunk = steps[page * PAGE : (page + 1) * PAGE]
    lines += [_step_line(page * PAGE + i + 1, s, view, _) for i, s in enumerate(chunk)]
    if pages > 1:
        lines.append(_("route-page", page=page + 1, pages=pages))
    kb = Keyboard()
    for i, step in enumerate(chunk):
        kb.button(
            text=f"{page * PAGE + i + 1}. {STEP_MARK[step_status(step)]} {step.title[:40]}",
            callback_data=ReviewCD(action="step", r=route.id, s=step.id, p=page),
        )
    sizes = [1] * len(chunk)
    nav = kb.pager(page, pages, lambda n: ReviewCD(action="route", r=route.id, p=n))
    if nav:
        sizes.append(nav)
    if state is RouteStatus.SUBMITTED:
        kb.button(text=_("review-btn-approve"), callback_data=ReviewCD(action="approve", r=route.id))
        kb.button(text=_("review-btn-return"), callback_data=ReviewCD(action="return", r=route.id))
        sizes += [1, 1]
    kb.button(text=_("route-btn-export"), callback_data=ReviewCD(action="export", r=route.id))
    sizes.append(1)
    if shared:
        kb.button(text=_("review-btn-results"), callback_data=MethodistCD(action="open", user_id=teacher.id))
        sizes.append(1)
    kb.button(text=_("review-btn-teachers"), callback_data=ReviewCD(action="list"))
    sizes.append(1)
    kb.adjust(*sizes)
    return clip("\n".join(lines)), kb.as_markup()


def review_step_screen(step: RouteStep, view: RouteView, page: int, _: Translator) -> Screen:
    kb = Keyboard()
    route = view.route
    if view.status is RouteStatus.SUBMITTED:
        kb.button(
            text=_("review-btn-comment"),
            callback_data=ReviewCD(action="comment", r=route.id, s=step.id, p=page),
        )
        if step.comment:
            kb.button(
                text=_("review-btn-uncomment"),
                callback_data=ReviewCD(action="uncomment", r=route.id, s=step.id, p=page),
            )
    if any(e.file_id for e in step.evidence):
        kb.button(
            text=_("step-btn-show-evidence"),
            callback_data=ReviewCD(action="files", r=route.id, s=step.id, p=page),
        )
    kb.button(text=_("step-btn-back"), callback_data=ReviewCD(action="route", r=route.id, p=page))
    kb.adjust(1)
    return step_text(step, view, _), kb.as_markup()


def review_cancel(route_id: int, _: Translator, *extra: tuple[str, ReviewCD]) -> Keyboard:
    kb = Keyboard()
    for text, data in extra:
        kb.button(text=text, callback_data=data)
    kb.button(text=_("route-btn-cancel"), callback_data=ReviewCD(action="route", r=route_id))
    kb.adjust(1)
    return kb


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
        kb.button(text=_("mts-btn-auto", count=unassigned), callback_data=AssignCD(action="auto"))
    if rows:
        kb.button(text=_("mts-btn-assign"), callback_data=AssignCD(action="search"))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def search_prompt(_: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("route-btn-cancel"), callback_data=AssignCD(action="home"))
    return _("mts-search-prompt"), kb.as_markup()


def search_results(found: list[tuple[int, str]], _: Translator) -> Screen:
    kb = Keyboard()
    for user_id, name in found:
        kb.button(text=name[:60], callback_data=AssignCD(action="teacher", t=user_id))
    kb.button(text=_("route-btn-cancel"), callback_data=AssignCD(action="home"))
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
            text=f"{mark}{(row.user.full_name or '—')[:44]} · {row.load}",
            callback_data=AssignCD(action="put", t=teacher.id, m=row.user.id),
        )
    kb.button(text=_("route-btn-cancel"), callback_data=AssignCD(action="home"))
    kb.adjust(1)
    text = _("mts-pick", teacher=name_of(teacher))
    if current is not None:
        text += "\n" + _("mts-current", name=name_of(current))
    if not rows:
        text += "\n\n" + _("mts-pick-none")
    return text, kb.as_markup()


# --- the document --------------------------------------------------------------------------------


def route_document(
    route: Route,
    teacher: User,
    found: Basis | None,
    titles: dict[str, str],
    reviewer: User | None,
    now: datetime,
    tz: str,
    _: Translator,
) -> RouteDocument:
    dash = "—"
    subjects = ", ".join(_(f"subject-{s.subject}") for s in teacher.subjects) or dash
    school = teacher.school.name if teacher.school else (teacher.school_note or dash)
    p = route_progress(route)
    steps = tuple(
        DocStep(
            number=i + 1,
            form=_(f"form-{s.form}"),
            title=s.title,
            description=s.description or "",
            link=s.link,
            area=titles.get(s.area or "", ""),
            period=f"{d(s.planned_start)} – {d(s.planned_end)}",
            status=_(f"step-status-{s.status}")
            + (f" ({s.drop_reason})" if s.drop_reason and s.status == StepStatus.DROPPED.value else ""),
            evidence=tuple(_plain_evidence(e, _) for e in s.evidence),
            comment=s.comment,
        )
        for i, s in enumerate(route.steps)
    )
    approval = None
    if route.approved_at is not None:
        approval = _(
            "doc-approval-value",
            name=reviewer.full_name if reviewer and reviewer.full_name else dash,
            date=local_time(route.approved_at, tz)[:10],
        )
    return RouteDocument(
        teacher_name=teacher.full_name or dash,
        municipality=teacher.municipality.name if teacher.municipality else dash,
        school=school,
        position=_(f"position-{teacher.position}") if teacher.position else dash,
        subjects=subjects,
        category=_(f"category-{teacher.category}") if teacher.category else dash,
        experience=_("doc-experience-value", years=teacher.experience_years)
        if teacher.experience_years is not None
        else dash,
        period=f"{d(route.period_start)} – {d(route.period_end)}",
        goal=route.goal or dash,
        status=_(f"route-status-{route.status}"),
        basis_date=local_time(found.attempt.finished_at, tz)[:10]
        if found and found.attempt.finished_at
        else None,
        basis=tuple((r.title, level_word(r.level, _)) for r in found.results) if found else (),
        steps=steps,
        progress=_("doc-progress-value", done=p.done, total=p.active, percent=p.percent),
        approval=approval,
        comment=route.review_comment,
        generated=local_time(now, tz)[:10],
    )


def _plain_evidence(evidence: StepEvidence, _: Translator) -> str:
    if evidence.kind == "photo":
        return _("evidence-photo")
    if evidence.kind == "document":
        return _("evidence-document", name=evidence.file_name or "—")
    if evidence.kind == "link":
        return _("evidence-link", link=evidence.text or "")
    return _("evidence-text", text=evidence.text or "")


def route_reminder(nudge: Nudge, _: Translator) -> Screen:
    lines = [_("reminder-title"), ""]
    for item in nudge.items:
        key = "reminder-overdue" if item.due is Due.OVERDUE else "reminder-near"
        lines.append(_(key, title=escape(item.title), end=d(item.planned_end)))
    lines += ["", _("reminder-hint")]
    kb = Keyboard()
    kb.button(text=_("notice-btn-route"), callback_data=RouteCD(action="view", r=nudge.route_id))
    return clip("\n".join(lines)), kb.as_markup()
