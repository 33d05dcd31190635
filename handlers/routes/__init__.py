"""«Мой маршрут (ИОМ)»: build it from the diagnosis, shape it, send it to the methodist, carry it
out step by step with evidence, get it as a document.

Screens: `view` (the route), `steps` (a step and what is done with it), `evidence`, `add_step`,
`submit` (the goal, sending), `document`. Every button naming a route goes through `OwnRoute`
(the teacher's own current route, or the «not yours» alert).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter

from bot.callbacks import DiagAction, DiagCD, MenuCD, RouteAction, RouteCD, Section
from bot.middlewares import RegisteredOnly, gated
from handlers.routes import add_step, document, evidence, steps, submit, view
from handlers.routes.filters import OwnRoute
from handlers.routes.states import RouteDialog


def on(action: RouteAction, *more: RouteAction) -> CallbackQueryFilter:
    return RouteCD.filter(F.action.in_({action, *more}))


def build_router() -> Router:
    router = gated(__name__, RegisteredOnly())
    tap, typed = router.callback_query.register, router.message.register
    tap(view.open_route, MenuCD.filter(F.section == Section.ROUTE))
    tap(view.build, on(RouteAction.BUILD, RouteAction.NEW))
    tap(view.build, DiagCD.filter(F.action == DiagAction.PLAN))
    tap(view.view, on(RouteAction.VIEW), OwnRoute())
    tap(view.rebuild, on(RouteAction.REBUILD), OwnRoute())
    tap(steps.step_card, on(RouteAction.STEP), OwnRoute())
    tap(steps.step_change, on(RouteAction.START, RouteAction.RESTORE, RouteAction.REOPEN), OwnRoute())
    tap(steps.ask_remove, on(RouteAction.REMOVE), OwnRoute())
    tap(steps.remove, on(RouteAction.DELETE), OwnRoute())
    tap(steps.ask_about_step, on(RouteAction.DONE), OwnRoute())
    typed(evidence.got_evidence, RouteDialog.evidence)
    tap(evidence.send_files, on(RouteAction.FILES), OwnRoute())
    tap(steps.ask_about_step, on(RouteAction.DROP), OwnRoute())
    tap(steps.drop_with_button, RouteDialog.drop_reason, on(RouteAction.WHY))
    typed(steps.drop_with_text, RouteDialog.drop_reason, F.text)
    tap(submit.ask_goal, on(RouteAction.GOAL), OwnRoute())
    tap(submit.take_suggested_goal, on(RouteAction.GOAL_TAKE), OwnRoute())
    typed(submit.typed_goal, RouteDialog.goal, F.text)
    tap(add_step.add_start, on(RouteAction.ADD), OwnRoute())
    tap(add_step.add_form, on(RouteAction.FORM), OwnRoute())
    typed(add_step.add_title, RouteDialog.step_title, F.text)
    tap(add_step.add_area, on(RouteAction.AREA), OwnRoute())
    tap(add_step.add_term, on(RouteAction.TERM), OwnRoute())
    tap(add_step.add_back, on(RouteAction.ADD_STEP), OwnRoute())
    tap(add_step.add_abort, on(RouteAction.ADD_ABORT), OwnRoute())
    tap(add_step.add_note_skipped, RouteDialog.step_note, on(RouteAction.NOTE_SKIP))
    typed(add_step.add_note, RouteDialog.step_note, F.text)
    typed(add_step.choose_with_buttons, StateFilter(RouteDialog.step_form, RouteDialog.step_choice))
    typed(
        add_step.not_text,
        StateFilter(RouteDialog.goal, RouteDialog.step_title, RouteDialog.step_note, RouteDialog.drop_reason),
    )
    tap(submit.submit, on(RouteAction.SUBMIT), OwnRoute())
    tap(document.export, on(RouteAction.EXPORT), OwnRoute())
    return router
