"""The teacher's route screens: the route, a step, the no-route screen, the step wizard's prompts."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from aiogram.filters.callback_data import CallbackData

from bot.callbacks import (
    MenuCD,
    RouteAction,
    RouteCD,
    Section,
)
from bot.domain.diagnostics import StepForm
from bot.domain.routes import (
    EDITABLE,
    MAX_STEPS,
    SUBMITTABLE,
    WORKABLE,
    Due,
    EvidenceKind,
    RouteStatus,
    StepAction,
    StepStatus,
    step_actions,
    step_due,
)
from bot.i18n import Translator
from bot.services.routes import deletable, ordered_steps, status, step_status
from bot.services.routes.views import RouteView
from bot.ui.diagnosis import clip, level_word
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.routes.common import (
    DROP_REASONS,
    PAGE,
    STATUS_MARK,
    STEP_MARK,
    TERMS,
    cancel_keyboard,
    cut,
    d,
    name_of,
    pages_of,
    progress_bar,
    short,
)
from bot.ui.wizard import Nav, cancelled, chosen, current, nav_screen, with_nav
from storage.models import Route, RouteStep, StepEvidence


def step_line(number: int, step: RouteStep, view: RouteView, _: Translator) -> str:
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
    pages = pages_of(len(steps))
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
    page_lines, kb, sizes = steps_page(
        view,
        page,
        pages,
        _,
        lambda step: RouteCD(action=RouteAction.STEP, r=route.id, s=step.id, p=page),
        lambda n: RouteCD(action=RouteAction.VIEW, r=route.id, p=n),
    )
    lines += page_lines
    if state in EDITABLE and len(steps) < MAX_STEPS:
        kb.button(text=_("route-btn-add"), callback_data=RouteCD(action=RouteAction.ADD, r=route.id))
        sizes.append(1)
    if state in EDITABLE:
        kb.button(text=_("route-btn-goal"), callback_data=RouteCD(action=RouteAction.GOAL, r=route.id))
        sizes.append(1)
    if state in SUBMITTABLE:
        key = "route-btn-submit" if state is RouteStatus.DRAFT else "route-btn-resubmit"
        kb.button(text=_(key), callback_data=RouteCD(action=RouteAction.SUBMIT, r=route.id))
        sizes.append(1)
    if state is RouteStatus.DRAFT:
        kb.button(text=_("route-btn-rebuild"), callback_data=RouteCD(action=RouteAction.REBUILD, r=route.id))
        sizes.append(1)
    if state is not RouteStatus.DRAFT:
        kb.button(text=_("route-btn-export"), callback_data=RouteCD(action=RouteAction.EXPORT, r=route.id))
        sizes.append(1)
    if state is RouteStatus.CARRIED_OUT:
        kb.button(text=_("route-btn-rediagnose"), callback_data=MenuCD(section=Section.DIAGNOSTICS))
        kb.button(text=_("route-btn-new"), callback_data=RouteCD(action=RouteAction.NEW, r=route.id))
        sizes += [1, 1]
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    sizes.append(1)
    kb.adjust(*sizes)
    return clip("\n".join(lines)), kb.as_markup()


def no_route_screen(has_diagnosis: bool, _: Translator) -> Screen:
    kb = Keyboard()
    if has_diagnosis:
        kb.button(text=_("route-btn-build"), callback_data=RouteCD(action=RouteAction.BUILD))
    else:
        kb.button(text=_("route-btn-diagnose"), callback_data=MenuCD(section=Section.DIAGNOSTICS))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return _("route-none-diagnosed") if has_diagnosis else _("route-none"), kb.as_markup()


def evidence_line(evidence: StepEvidence, _: Translator) -> str:
    if evidence.kind is EvidenceKind.PHOTO:
        return _("evidence-photo")
    if evidence.kind is EvidenceKind.DOCUMENT:
        return _("evidence-document", name=escape(evidence.file_name or "—"))
    if evidence.kind is EvidenceKind.LINK:
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
            text=_(labels[action]),
            callback_data=RouteCD(action=RouteAction(action.value), r=route.id, s=step.id, p=page),
        )
    if step_status(step) is StepStatus.DONE and view.status is not RouteStatus.DRAFT:
        kb.button(
            text=_("step-btn-more-evidence"),
            callback_data=RouteCD(action=RouteAction.DONE, r=route.id, s=step.id, p=page),
        )
    if any(e.file_id for e in step.evidence):
        kb.button(
            text=_("step-btn-show-evidence"),
            callback_data=RouteCD(action=RouteAction.FILES, r=route.id, s=step.id, p=page),
        )
    removable = deletable(route, step)
    if removable:
        kb.button(
            text=_("step-btn-remove"),
            callback_data=RouteCD(action=RouteAction.REMOVE, r=route.id, s=step.id, p=page),
        )
    kb.button(text=_("step-btn-back"), callback_data=RouteCD(action=RouteAction.VIEW, r=route.id, p=page))
    kb.adjust(1)
    text = step_text(step, view, _)
    if removable and StepAction.DROP in step_actions(view.status, step_status(step)):
        # Both ways out of the plan on one card: say which is which.
        text = clip(text + "\n\n" + _("step-drop-or-remove"))
    return text, kb.as_markup()


def remove_prompt(route: Route, step: RouteStep, page: int, _: Translator) -> Screen:
    """Delete the step for good? Yes, or back to its card."""
    kb = Keyboard()
    kb.button(
        text=_("step-btn-remove-yes"),
        callback_data=RouteCD(action=RouteAction.DELETE, r=route.id, s=step.id, p=page),
    )
    kb.button(
        text=_("step-btn-remove-no"),
        callback_data=RouteCD(action=RouteAction.STEP, r=route.id, s=step.id, p=page),
    )
    kb.adjust(1)
    key = "step-remove-prompt-workable" if status(route) in WORKABLE else "step-remove-prompt"
    return _(key, title=escape(step.title)), kb.as_markup()


def evidence_prompt(route: Route, step: RouteStep, more: bool, _: Translator) -> Screen:
    kb = cancel_keyboard(route.id, _)
    key = "evidence-prompt-more" if more else "evidence-prompt"
    return _(key, title=escape(step.title)), kb.as_markup()


def drop_prompt(route: Route, step: RouteStep, _: Translator) -> Screen:
    kb = cancel_keyboard(
        route.id,
        _,
        *(
            (_(f"drop-reason-{code}"), RouteCD(action=RouteAction.WHY, r=route.id, s=step.id, v=code))
            for code in DROP_REASONS
        ),
    )
    return _("drop-prompt", title=escape(step.title)), kb.as_markup()


def goal_prompt(route: Route, suggestion: str | None, _: Translator) -> Screen:
    extra = []
    if suggestion:
        extra.append((_("goal-btn-suggested"), RouteCD(action=RouteAction.GOAL_TAKE, r=route.id)))
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


def _add_nav(route: Route, back: str | None, keep: str | None = None) -> Nav:
    """Adding a step: «⬅️ Назад» to the step before (the route itself from the first), «✖️ Отмена»,
    and «↩️ Оставить как есть» on a step answered before."""
    return Nav(
        back=RouteCD(action=RouteAction.ADD_STEP, r=route.id, v=back)
        if back
        else RouteCD(action=RouteAction.VIEW, r=route.id),
        cancel=RouteCD(action=RouteAction.ADD_ABORT, r=route.id),
        keep=RouteCD(action=RouteAction.ADD_STEP, r=route.id, v=keep) if keep else None,
    )


def form_prompt(route: Route, _: Translator, mine: str | None = None) -> Screen:
    kb = Keyboard()
    for form in StepForm:
        kb.button(
            text=chosen(_(f"form-{form.value}"), mine == form.value),
            callback_data=RouteCD(action=RouteAction.FORM, r=route.id, v=form.value),
        )
    kb.adjust(2)
    return _("add-form-prompt"), with_nav(kb, _add_nav(route, None), _)


def title_prompt(route: Route, form: str, _: Translator, mine: str | None = None) -> Screen:
    text = _("add-title-prompt", form=_(f"form-{form}"))
    if mine:
        text += "\n\n" + current(escape(mine), _)
    return nav_screen(text, _add_nav(route, "form", "area" if mine else None), _)


def area_prompt(route: Route, titles: dict[str, str], _: Translator, mine: str | None = "") -> Screen:
    """`mine`: the area chosen before ("" — none yet; None — «other / no area» was chosen)."""
    kb = Keyboard()
    areas = list(dict.fromkeys(s.area for s in route.steps if s.area and s.area in titles))
    for area in areas[:8]:
        kb.button(
            text=chosen(shorten(titles[area], 60), mine == area),
            callback_data=RouteCD(action=RouteAction.AREA, r=route.id, v=area),
        )
    kb.button(
        text=chosen(_("add-area-none"), mine is None),
        callback_data=RouteCD(action=RouteAction.AREA, r=route.id, v="-"),
    )
    kb.adjust(1)
    return _("add-area-prompt"), with_nav(kb, _add_nav(route, "title"), _)


def term_prompt(route: Route, _: Translator, mine: int | None = None) -> Screen:
    kb = Keyboard()
    for term in TERMS:
        kb.button(
            text=chosen(_(f"add-term-{term}"), mine is not None and str(mine) == term),
            callback_data=RouteCD(action=RouteAction.TERM, r=route.id, v=term),
        )
    kb.adjust(1)
    return _("add-term-prompt", end=d(route.period_end)), with_nav(kb, _add_nav(route, "area"), _)


def note_prompt(route: Route, _: Translator) -> Screen:
    skip = (_("add-note-skip"), RouteCD(action=RouteAction.NOTE_SKIP, r=route.id))
    return nav_screen(_("add-note-prompt"), _add_nav(route, "term"), _, skip)


def add_cancelled(route: Route, _: Translator) -> Screen:
    """Adding a step cancelled: nothing added; back to the route, or the menu."""
    back = (_("step-btn-back"), RouteCD(action=RouteAction.VIEW, r=route.id))
    return cancelled(_("wz-route-step-cancelled"), _, back_to=back)


def steps_page(
    view: RouteView,
    page: int,
    pages: int,
    _: Translator,
    open_step: Callable[[RouteStep], CallbackData],
    to_page: Callable[[int], CallbackData],
) -> tuple[list[str], Keyboard, list[int]]:
    """One page of a route's steps, for the teacher and the methodist alike, in the order they are
    planned: a line and a button per step and the pager; returns the lines, the keyboard and the
    sizes of its rows so far."""
    chunk = ordered_steps(view.route)[page * PAGE : (page + 1) * PAGE]
    lines = [step_line(page * PAGE + i + 1, s, view, _) for i, s in enumerate(chunk)]
    if pages > 1:
        lines.append(_("route-page", page=page + 1, pages=pages))
    kb = Keyboard()
    for i, step in enumerate(chunk):
        kb.button(
            text=f"{page * PAGE + i + 1}. {STEP_MARK[step_status(step)]} {shorten(step.title, 40)}",
            callback_data=open_step(step),
        )
    sizes = [1] * len(chunk)
    nav = kb.pager(page, pages, to_page)
    if nav:
        sizes.append(nav)
    return lines, kb, sizes
