"""All routers, in the order they are tried.

1. errors       — the error handler (sees failures of every router below)
   association_links — /start a-<code>: a leader's invite link to one association (before common)
2. common       — /start, /menu, /help, /cancel, /language: commands work in any state
3. profile      — /profile and editing
   mydata       — /mydata: one's own data as a JSON file, and deleting it
4. diagnosis    — the teacher's self-diagnosis (TeachersOnly: those who give lessons)
5. routes       — the teacher's route (ИОМ; TeachersOnly); before the staff routers, so evidence
                  sent as a file in the evidence step is evidence, not a content upload
   consult      — «Вопрос методисту»: the teacher's questions and the FAQ (TeachersOnly), the
                  methodist's queue and answers (RoleGate: methodist); early for the same reason as
                  routes: a file sent as a question or an answer is the conversation's
   contests     — part 11 for teachers: a contest's application materials, consultation, «представление
                  опыта», «Мои конкурсы», a contest held elsewhere, target groups (TeachersOnly);
                  early, so a file sent as material or a diploma is that, not an upload
   contests_staff — part 11 for staff: stages, participants, results, the results file's import,
                  «✅ Подтверждения» (staff, admin, methodist); early for the same reason
   attestation  — «🏅 Аттестация» for teachers: the category, its order, the support route (TeachersOnly)
   attestation_staff — claims, the file of attestation orders, who is due (staff, admin); early, so
                  that the wizard's scan and the file of orders are theirs, not an upload of anything else
   announcements_staff — the announcement wizard, audience, preview, now or later, «Мои объявления»
                  (staff, admin, methodist); early for the same reason: a file sent in the
                  wizard's file step is the announcement's, not an upload of anything else
6. roles_admin  — roles and invites, behind RoleGate (admin, staff)
   directory_admin — loading the directory from a file, with a preview (RoleGate: admin)
7. routes_review — methodists review routes (RoleGate: methodist); staff assign methodists
8. mentoring    — a young specialist's mentor, applying to mentor, the mentee's side, adaptation
                  (TeachersOnly)
9. mentoring_log — the mentor's mentees and meeting log (RoleGate: mentor)
10. mentoring_staff — matching, pairs, applications, the report (RoleGate: staff, admin)
    events       — «Мероприятия» for teachers: list, card, registration, .ics, feedback
    events_staff — the event wizard, audience, publishing, progress and stop (staff, admin, methodist)
    announcements — «Новости» for teachers: announcements without an event, newest first
    surveys      — «Мои опросы» for teachers: answering a survey, resumable; typed answers are state-bound
    surveys_staff — survey campaigns, results, XLSX; the schedule of jobs (staff, admin)
    practices    — «📚 Банк практик»: search, cards and files (registered); offering one's own
                   practice, «Мои практики», revising a returned one (TeachersOnly)
    reports_staff — the indicators report: summary, charts, XLSX (staff, admin)
    consult_staff — consultations for staff: overdue and unrouted questions, reassigning, the report
    consult_slots — «Мои часы консультаций»: a methodist's slots, the slot wizard, outcomes (methodist)
    consult_book — «Запись на консультацию»: booking a methodist's slot, .ics, ИОМ evidence (TeachersOnly)
    expertise    — the expert review: the expert's queue and scoring (RoleGate: expert), staff's
                  expert pool and juries (staff, admin), /expert and the author's certificate
    associations — methodological associations: teachers join, leaders run members, the plan,
                  meetings (events), attendance, minutes, a message to members; staff create them
11. diagnosis_staff — aggregates, results file, content upload (staff, admin); methodists' view
12. registration — the registration dialogue (state-bound)
13. fallback    — anything nobody took: a helpful answer and the menu
"""

from __future__ import annotations

from aiogram import Router

from handlers import (
    announcements,
    announcements_staff,
    association_links,
    associations,
    attestation,
    attestation_staff,
    common,
    consult,
    consult_book,
    consult_slots,
    consult_staff,
    contests,
    contests_staff,
    diagnosis,
    diagnosis_staff,
    directory_admin,
    errors,
    events,
    events_staff,
    expertise,
    fallback,
    mentoring,
    mentoring_log,
    mentoring_staff,
    mydata,
    practices,
    profile,
    registration,
    reports_staff,
    roles_admin,
    routes,
    routes_review,
    surveys,
    surveys_staff,
)

ORDER = (
    errors,
    association_links,
    common,
    profile,
    mydata,
    diagnosis,
    routes,
    consult,
    contests,
    contests_staff,
    attestation,
    attestation_staff,
    announcements_staff,
    roles_admin,
    directory_admin,
    routes_review,
    mentoring,
    mentoring_log,
    mentoring_staff,
    events,
    events_staff,
    announcements,
    surveys,
    surveys_staff,
    practices,
    reports_staff,
    consult_staff,
    consult_slots,
    consult_book,
    expertise,
    associations,
    diagnosis_staff,
    registration,
    fallback,
)


def setup_routers() -> Router:
    """A new tree of routers, in the order above, free to attach to a new Dispatcher.

    Every module (or package) builds its router in `build_router()`: nothing is registered at import, so
    a process that builds a second Dispatcher (a restart in tests) simply builds again.
    """
    root = Router(name="root")
    for module in ORDER:
        root.include_router(module.build_router())
    return root
