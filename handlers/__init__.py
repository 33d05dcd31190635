"""All routers, in the order they are tried.

1. errors       — the error handler (sees failures of every router below)
2. common       — /start, /menu, /help, /cancel, /language: commands work in any state
3. profile      — /profile and editing
   mydata       — /mydata: one's own data as a JSON file, and deleting it
4. diagnosis    — the teacher's self-diagnosis
5. routes       — the teacher's route (ИОМ); before the staff routers, so evidence sent as a file
                  in the evidence step is evidence, not a content upload
6. roles_admin  — roles and invites, behind RoleGate (admin, staff)
7. routes_review — methodists review routes (RoleGate: methodist); staff assign methodists
8. mentoring    — a young specialist's mentor, applying to mentor, the mentee's side, adaptation
9. mentoring_log — the mentor's mentees and meeting log (RoleGate: mentor)
10. mentoring_staff — matching, pairs, applications, the report (RoleGate: staff, admin)
    events       — «Мероприятия» for teachers: list, card, registration, .ics, feedback
    events_staff — the event wizard, audience, publishing, progress and stop (staff, admin, methodist)
    surveys      — «Опросы» for teachers: answering a survey, resumable; typed answers are state-bound
    surveys_staff — survey campaigns, results, XLSX; the schedule of jobs (staff, admin)
    reports_staff — the indicators report: summary, charts, XLSX (staff, admin)
11. diagnosis_staff — aggregates, results file, content upload (staff, admin); methodists' view
12. registration — the registration dialogue (state-bound)
13. fallback    — anything nobody took: a helpful answer and the menu
"""

from __future__ import annotations

from aiogram import Router

from handlers import (
    common,
    diagnosis,
    diagnosis_staff,
    errors,
    events,
    events_staff,
    fallback,
    mentoring,
    mentoring_log,
    mentoring_staff,
    mydata,
    profile,
    registration,
    reports_staff,
    roles_admin,
    routes,
    routes_review,
    surveys,
    surveys_staff,
)

_root = Router(name="root")
_root.include_routers(
    errors.router,
    common.router,
    profile.router,
    mydata.router,
    diagnosis.router,
    routes.router,
    roles_admin.router,
    routes_review.methodists,
    routes_review.staff,
    mentoring.router,
    mentoring_log.router,
    mentoring_staff.router,
    events.router,
    events_staff.router,
    surveys.router,
    surveys_staff.router,
    reports_staff.router,
    diagnosis_staff.staff,
    diagnosis_staff.methodists,
    registration.router,
    fallback.router,
)


def setup_routers() -> Router:
    """The routers, free to attach to a new Dispatcher.

    Routers are module-level (decorators register handlers at import), and aiogram lets a router
    have one parent; a process that builds a second Dispatcher (a restart in tests) takes the
    tree back from the previous one first.
    """
    previous = _root.parent_router
    if previous is not None:
        previous.sub_routers.remove(_root)
        _root._parent_router = None
    return _root
