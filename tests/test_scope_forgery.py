"""Every button and command, forged by every role, against objects of another municipality.

One world is seeded once: municipality A holds the actors (a teacher, a mentor with a mentee, a
methodist, municipal staff, regional staff, the admin); municipality B holds what they must not
reach (a teacher who shares results, a route waiting for B's methodist, mentoring pairs, an event
with a registration and a running broadcast, a survey campaign, invites made by B's staff and by
the admin, a methodist of B, an upload staged by someone else). Then every row of the table below
is sent by every actor, and for the roles a row names as *guarded* the bot must:

* answer politely (the callback answered, and a note or a screen), with no traceback and no Bot
  API error;
* leak nothing of B (no name, title, comment, code of B in any text, button or file it sends);
* change nothing in the database (every table's rows compared, bookkeeping tables aside).

The other roles may legitimately act on B (the admin and regional staff, mostly); for them only
the first point is checked. `test_the_table_covers_every_button_and_command` fails when a handler
filters on a callback action or a command that the table does not forge.
"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData, CallbackQueryFilter
from aiogram.types import CallbackQuery
from aiogram.types import User as TelegramUser
from sqlalchemy import select

import bot.callbacks as callbacks
from bot.callbacks import (
    AdaptCD,
    AnnStaffCD,
    AsAction,
    AsCD,
    AssignAction,
    AssignCD,
    AsStaffAction,
    AsStaffCD,
    AttCD,
    AttStaffCD,
    BookCD,
    BroadcastCD,
    ConfirmCD,
    ConsultAction,
    ConsultCD,
    ConsultMAction,
    ConsultMCD,
    ConsultStaffAction,
    ConsultStaffCD,
    ContestCD,
    ContestStaffCD,
    DiagAction,
    DiagCD,
    DirectoryCD,
    EventCD,
    EventStaffCD,
    ExpertAction,
    ExpertCD,
    GroupCD,
    InviteCD,
    LangCD,
    MentorAction,
    MentorCD,
    MenuCD,
    MenuGroup,
    MenuGroupCD,
    MethodistCD,
    MyDataCD,
    NewsCD,
    PairAction,
    PairCD,
    PoolAction,
    PoolCD,
    PracticeAction,
    PracticeCD,
    ProfileCD,
    RegCD,
    ReportCD,
    ReviewAction,
    ReviewCD,
    RolesCD,
    RouteAction,
    RouteCD,
    Section,
    SlotCD,
    StatCD,
    SurveyCD,
    SurveyStaffCD,
    UploadCD,
)
from bot.domain.diagnostics import ContentKind, StepForm
from bot.domain.events import BroadcastKind, EventKind, EventLevel
from bot.domain.roles import Role
from bot.services import surveys as survey_service
from handlers import setup_routers
from storage.models import (
    AdaptationCheck,
    Announcement,
    Association,
    AssociationMaterial,
    AssociationMeeting,
    AssociationMember,
    AssociationPlanItem,
    AttestationRecord,
    Broadcast,
    ConsultMessage,
    ConsultQuestion,
    ConsultSlot,
    ContentVersion,
    ContestMaterial,
    ContestResultRow,
    ContestStage,
    Event,
    EventRegistration,
    Expert,
    ExternalContest,
    Invite,
    MentorApplication,
    MentorMeeting,
    MentorPair,
    MentorProfile,
    MethodistAssignment,
    Municipality,
    OutboxMessage,
    Practice,
    PracticeFile,
    PracticeReview,
    Route,
    RouteStep,
    School,
    StepEvidence,
    SurveyCampaign,
    SurveyInvite,
    SurveyResponse,
    SurveyWave,
    TargetGroupMark,
    User,
    UserRole,
    UserSubject,
)
from storage.repositories import Repos
from tests.conftest import ADMIN_ID, BotEnv
from tests.fakes import TgUser
from tests.flows import DbSnapshots, db_changes, finished_diagnosis

ROOT = Path(__file__).resolve().parent.parent

# The actors, all of municipality A (the admin too, so teacher screens have a profile to work on).
TEACHER, MENTOR, METHODIST, MUNI_STAFF, REGIONAL, ADMIN = (
    "teacher",
    "mentor",
    "methodist_A",
    "staff_A",
    "regional",
    "admin",
)
ROLES = (TEACHER, MENTOR, METHODIST, MUNI_STAFF, REGIONAL, ADMIN)
ACTOR_IDS = {TEACHER: 5001, MENTOR: 5002, METHODIST: 5004, MUNI_STAFF: 5005, REGIONAL: 5006, ADMIN: ADMIN_ID}

# Who must not reach B through a row.
EVERYONE = frozenset(ROLES)
BUT_REGION = frozenset({TEACHER, MENTOR, METHODIST, MUNI_STAFF})  # admin and regional staff may act on B
NOBODY: frozenset[str] = frozenset()

# Everything of B that must not reach A: people's names, titles, comments, codes.
SECRET = "Бэ-секрет"
B_NAMES = {
    "teacher": "Бэтова Белла Борисовна",
    "methodist": "Бэкина Берта Богдановна",
    "staff": "Бэрова Бронислава Борисовна",
    "mentor": "Бэнова Бажена Борисовна",
    "mentee": "Бэлина Бина Борисовна",
    "mentee2": "Бэшева Бела Борисовна",
    "expert": "Бэзова Бэлла Экспертовна",
    "expert_pending": "Бэрина Бэта Заявкина",
}
B_INVITE_CODES = ("BstaffInviteCode01", "AdminInviteCode002")


@dataclass
class World:
    """Ids of B's objects (and of A's actors), as the table forges them."""

    muni_a: int = 1
    muni_b: int = 2
    teacher_b: int = 1
    methodist_b: int = 1
    mentor_b: int = 1
    attempt_b: int = 1
    route_b: int = 1
    step_b: int = 1
    pair_b: int = 1
    proposed_b: int = 1
    meeting_b: int = 1
    application_b: int = 1
    check_b: int = 1
    event_b: int = 1
    registration_b: int = 1
    broadcast_b: int = 1
    campaign_b: int = 1
    wave_b: int = 1
    survey_invite_b: int = 1
    announcement_b: int = 1  # sent, its broadcast still sending
    draft_b: int = 1  # an announcement draft
    invite_b: int = 1
    admin_invite: int = 1
    staged_upload: int = 1
    consult_b: int = 1  # B's teacher's open question to B's methodist
    consult_closed_b: int = 1  # closed, the answer allowed into the FAQ
    question_b: int = 1  # a consultation question of B's teacher, overdue with B's methodist
    slot_b: int = 1  # a B methodist's slot booked by B's teacher, held, not counted yet
    free_slot_b: int = 1  # a free future slot of B's methodist
    expert_b: int = 1  # an active expert of B, with a review of B's practice
    expert_pending_b: int = 1  # a request to the pool from B
    reviewed_b: int = 1  # B's practice under review
    review_b: int = 1
    contest_b: int = 1  # a contest for B only (part 11: with a stage, B's teacher registered with a result)
    practice_b: int = 1  # B's teacher's practice, returned by the experts with a comment (editable)
    practice_draft_b: int = 1  # B's teacher's draft
    association_b: int = 1  # B's municipal association, led by B's teacher
    as_member_b: int = 1  # a member's place in it (B's mentee), and a request (B's second mentee)
    as_request_b: int = 1
    as_meeting_b: int = 1
    as_material_b: int = 1
    as_item_b: int = 1
    record_b: int = 1  # a contest held elsewhere by B's teacher, waiting for B's methodist
    mark_b: int = 1  # a target group marked by B's teacher, waiting for confirmation
    att_claim_b: int = 1  # B's teacher's claimed category, with a scan
    att_record_b: int = 1  # B's teacher's confirmed category, due this school year
    actors: dict[str, int] = field(default_factory=dict)  # role -> users.id


@dataclass(frozen=True)
class Forgery:
    """One forged request: callback data, a typed command or a document, and who must be refused."""

    label: str
    guarded: frozenset[str]
    data: str = ""  # callback data
    text: str = ""  # a typed message
    document: tuple[str, bytes] | None = None
    last: bool = False  # changes the actor itself (language, deleting their data): sent at the very end


# Staff's screens: the admin and regional staff see the whole region, B included.
STAFF_PREFIXES = frozenset({"roles", "inv", "ag", "pr", "es", "bc", "ss", "rp", "ds", "up", "an", "cst"})
STAFF_SECTIONS = frozenset(
    {
        "roles",
        "directory",
        "methodists",
        "pairs",
        "broadcasts",
        "surveys",
        "schedule",
        "reports",
        "diag_stats",
        "consult_staff",
        "assoc_staff",
    }
)


def cb(label: str, data: CallbackData, guarded: frozenset[str] | None = None, **kwargs: Any) -> Forgery:
    """A forged button. Unless told, staff's screens are guarded against all but the admin and
    regional staff, everything else against everyone (a teacher's own screens aimed at B's objects)."""
    if guarded is None:
        staff = data.__prefix__ in STAFF_PREFIXES or (
            isinstance(data, MenuCD) and data.section in STAFF_SECTIONS
        )
        guarded = BUT_REGION if staff else EVERYONE
    return Forgery(label, guarded, data=data.pack(), **kwargs)


def directory_csv() -> bytes:
    """A directory that would drop every school but one, if it were ever taken."""
    header = "municipality_code,municipality_name,timezone,school_code,school_name,school_short_name\n"
    return (header + "z,Зэ-район,Europe/Moscow,z-1,Школа Зэ,\n").encode()


def upload_yaml() -> bytes:
    text = (ROOT / "bot/content/questionnaires/general.yaml").read_text(encoding="utf-8")
    return text.replace("version: 1\n", "version: 41\n", 1).encode()


def table(w: World) -> list[Forgery]:
    """Every callback action and command, aimed at B. `guarded` = roles that must get nowhere."""
    b, r, s, p = w.muni_b, w.route_b, w.step_b, w.pair_b
    rows = [
        # --- commands anyone may type; none of them may show B
        Forgery("/start", EVERYONE, text="/start"),
        Forgery("/menu", EVERYONE, text="/menu"),
        Forgery("/help", EVERYONE, text="/help"),
        Forgery("/language", EVERYONE, text="/language"),
        Forgery("/cancel", EVERYONE, text="/cancel"),
        Forgery("/profile", EVERYONE, text="/profile"),
        Forgery("/mydata", EVERYONE, text="/mydata"),
        Forgery("/roles", EVERYONE, text="/roles"),
        Forgery("/invite", EVERYONE, text="/invite"),
        Forgery("upload a questionnaire", BUT_REGION, document=("general.yaml", upload_yaml())),
        # --- the menu
        cb("menu main", MenuCD(section=Section.MAIN)),
        cb("menu register", MenuCD(section=Section.REGISTER)),
        cb("menu help", MenuCD(section=Section.HELP)),
        cb("menu language", MenuCD(section=Section.LANGUAGE)),
        cb("menu profile", MenuCD(section=Section.PROFILE)),
        cb("menu diagnostics", MenuCD(section=Section.DIAGNOSTICS)),
        cb("menu route", MenuCD(section=Section.ROUTE)),
        cb("menu roles", MenuCD(section=Section.ROLES)),
        cb("menu directory", MenuCD(section=Section.DIRECTORY)),
        # --- loading the directory from a file: the admin's alone (regional staff included)
        cb("dir upload", DirectoryCD(action="upload"), EVERYONE - {ADMIN}),
        cb("dir sample (the whole directory)", DirectoryCD(action="sample"), EVERYONE - {ADMIN}),
        cb("dir apply (a guessed preview)", DirectoryCD(action="apply", t="0badc0de"), EVERYONE - {ADMIN}),
        cb("dir cancel (a guessed preview)", DirectoryCD(action="cancel", t="0badc0de"), EVERYONE - {ADMIN}),
        Forgery("send a directory file", EVERYONE - {ADMIN}, document=("справочник.csv", directory_csv())),
        cb("menu teachers", MenuCD(section=Section.TEACHERS)),
        cb("menu methodists", MenuCD(section=Section.METHODISTS)),
        cb("menu mentoring", MenuCD(section=Section.MENTORING)),
        cb("menu mentees", MenuCD(section=Section.MENTEES)),
        cb("menu pairs", MenuCD(section=Section.PAIRS)),
        cb("menu events", MenuCD(section=Section.EVENTS)),
        cb("menu broadcasts", MenuCD(section=Section.BROADCASTS)),
        cb("menu my_surveys", MenuCD(section=Section.MY_SURVEYS)),
        cb("menu surveys", MenuCD(section=Section.SURVEYS)),
        cb("menu schedule", MenuCD(section=Section.SCHEDULE)),
        cb("menu reports", MenuCD(section=Section.REPORTS)),
        cb("menu diag_stats", MenuCD(section=Section.DIAG_STATS)),
        cb("menu consult", MenuCD(section=Section.CONSULT)),
        cb("menu consult_queue", MenuCD(section=Section.CONSULT_QUEUE)),
        # --- the menu's groups (nothing of B on them; a group the actor lacks is refused)
        cb("menu group growth", MenuGroupCD(group=MenuGroup.GROWTH)),
        cb("menu group community", MenuGroupCD(group=MenuGroup.COMMUNITY)),
        cb("menu group service", MenuGroupCD(group=MenuGroup.SERVICE)),
        cb("menu group support", MenuGroupCD(group=MenuGroup.SUPPORT)),
        cb("menu group admin", MenuGroupCD(group=MenuGroup.ADMIN)),
        # --- one's own profile and data (nothing of B in it)
        cb("prof view", ProfileCD(action="view")),
        cb("prof edit", ProfileCD(action="edit", field="name")),
        cb("prof delete", ProfileCD(action="delete")),
        cb("prof delete_yes", ProfileCD(action="delete_yes"), NOBODY, last=True),
        cb("md show", MyDataCD(action="show")),
        cb("md delete", MyDataCD(action="delete")),
        cb("md back", MyDataCD(action="back")),
        cb("md delete_yes", MyDataCD(action="delete_yes"), NOBODY, last=True),
        cb("lang", LangCD(code="ru"), NOBODY, last=True),
        # --- registration steps, out of their dialogue
        cb("reg consent show", RegCD(step="consent", action="show")),
        cb("reg consent yes", RegCD(step="consent", action="yes")),
        cb("reg consent no", RegCD(step="consent", action="no"), NOBODY, last=True),
        cb("reg back", RegCD(step="school", action="back")),
        cb("reg cancel", RegCD(step="school", action="cancel")),
        cb("reg noop", RegCD(step="school", action="noop"), NOBODY),
        cb("reg experience pick", RegCD(step="experience", action="pick", value="3")),
        cb("reg page", RegCD(step="school", action="page", value="1")),
        cb("reg school all", RegCD(step="school", action="all")),
        cb("reg pick muni B", RegCD(step="muni", action="pick", value=str(b))),
        cb("reg school none", RegCD(step="school", action="none")),
        cb("reg subjects toggle", RegCD(step="subjects", action="toggle", value="math")),
        cb("reg subjects done", RegCD(step="subjects", action="done")),
        # --- B's teacher's diagnosis, as if it were one's own
        cb("dg list", DiagCD(action=DiagAction.LIST)),
        cb("dg open", DiagCD(action=DiagAction.OPEN, q="general", a=w.attempt_b)),
        cb("dg begin", DiagCD(action=DiagAction.BEGIN, q="general", a=w.attempt_b), NOBODY),
        cb("dg ans", DiagCD(action=DiagAction.ANS, a=w.attempt_b, i=0, v=2)),
        cb("dg result", DiagCD(action=DiagAction.RESULT, a=w.attempt_b)),
        cb("dg history", DiagCD(action=DiagAction.HISTORY, a=w.attempt_b)),
        cb("dg share", DiagCD(action=DiagAction.SHARE, a=w.attempt_b)),
        cb("dg plan", DiagCD(action=DiagAction.PLAN, a=w.attempt_b)),
        # --- B's teacher's route, as if it were one's own
        cb("rt build", RouteCD(action=RouteAction.BUILD, r=r)),
        cb("rt view", RouteCD(action=RouteAction.VIEW, r=r)),
        cb("rt rebuild", RouteCD(action=RouteAction.REBUILD, r=r)),
        cb("rt step", RouteCD(action=RouteAction.STEP, r=r, s=s)),
        cb("rt start", RouteCD(action=RouteAction.START, r=r, s=s)),
        cb("rt done", RouteCD(action=RouteAction.DONE, r=r, s=s)),
        cb("rt files", RouteCD(action=RouteAction.FILES, r=r, s=s)),
        cb("rt drop", RouteCD(action=RouteAction.DROP, r=r, s=s)),
        cb("rt remove", RouteCD(action=RouteAction.REMOVE, r=r, s=s)),
        cb("rt delete", RouteCD(action=RouteAction.DELETE, r=r, s=s)),
        cb("rt why", RouteCD(action=RouteAction.WHY, r=r, s=s, v="time")),
        cb("rt goal", RouteCD(action=RouteAction.GOAL, r=r)),
        cb("rt goal_take", RouteCD(action=RouteAction.GOAL_TAKE, r=r)),
        cb("rt add", RouteCD(action=RouteAction.ADD, r=r)),
        cb("rt form", RouteCD(action=RouteAction.FORM, r=r, v="course")),
        cb("rt area", RouteCD(action=RouteAction.AREA, r=r, v="subject")),
        cb("rt term", RouteCD(action=RouteAction.TERM, r=r, v="1")),
        cb("rt note_skip", RouteCD(action=RouteAction.NOTE_SKIP, r=r)),
        cb("rt add_step", RouteCD(action=RouteAction.ADD_STEP, r=r, v="title")),
        cb("rt add_abort", RouteCD(action=RouteAction.ADD_ABORT, r=r)),
        cb("rt submit", RouteCD(action=RouteAction.SUBMIT, r=r)),
        cb("rt export", RouteCD(action=RouteAction.EXPORT, r=r)),
        # --- roles and invites: B's methodist, B's staff's invite, the admin's invite
        cb("roles home", RolesCD(action="home")),
        cb("roles people", RolesCD(action="people")),
        cb("roles person (B's methodist)", RolesCD(action="person", user_id=w.methodist_b), BUT_REGION),
        cb(
            "roles revoke (B's methodist)",
            RolesCD(action="revoke", user_id=w.methodist_b, role="methodist"),
            BUT_REGION,
        ),
        cb("roles audit", RolesCD(action="audit")),
        cb("inv new", InviteCD(action="new")),
        cb("inv role methodist", InviteCD(action="role", role="methodist")),
        cb("inv scope B", InviteCD(action="scope", role="methodist", scope=b)),
        cb("inv uses", InviteCD(action="uses", role="methodist", scope=b, uses=1)),
        cb("inv role back to scope B", InviteCD(action="role", role="methodist", scope=b, again=1)),
        cb("inv new back to a role", InviteCD(action="new", role="staff")),
        cb("inv cancel", InviteCD(action="cancel")),
        # Municipal staff may make the invite, but for their own municipality only (checked after
        # the table: `invites_of_municipal_staff_stay_home`).
        cb(
            "inv days: a methodist of B",
            InviteCD(action="days", role="methodist", scope=b, uses=1, days=1),
            BUT_REGION - {MUNI_STAFF},
        ),
        cb(
            "inv days: a regional methodist",
            InviteCD(action="days", role="methodist", uses=1, days=1),
            BUT_REGION - {MUNI_STAFF},
        ),
        cb("inv list", InviteCD(action="list")),
        cb("inv revoke (B staff's invite)", InviteCD(action="revoke", id=w.invite_b), BUT_REGION),
        cb("inv revoke (the admin's invite)", InviteCD(action="revoke", id=w.admin_invite), BUT_REGION),
        # --- a methodist's review of B's route, and B's teacher's shared results
        cb("rv list", ReviewCD(action=ReviewAction.LIST)),
        cb("rv teacher", ReviewCD(action=ReviewAction.TEACHER, r=r, p=0)),
        cb("rv route", ReviewCD(action=ReviewAction.ROUTE, r=r)),
        cb("rv step", ReviewCD(action=ReviewAction.STEP, r=r, s=s)),
        cb("rv files", ReviewCD(action=ReviewAction.FILES, r=r, s=s)),
        cb("rv comment", ReviewCD(action=ReviewAction.COMMENT, r=r, s=s)),
        cb("rv uncomment", ReviewCD(action=ReviewAction.UNCOMMENT, r=r, s=s)),
        cb("rv return", ReviewCD(action=ReviewAction.RETURN, r=r)),
        cb("rv return_now", ReviewCD(action=ReviewAction.RETURN_NOW, r=r)),
        cb("rv approve", ReviewCD(action=ReviewAction.APPROVE, r=r)),
        cb("rv export", ReviewCD(action=ReviewAction.EXPORT, r=r)),
        cb("mt list", MethodistCD(action="list")),
        cb("mt open (B's teacher)", MethodistCD(action="open", user_id=w.teacher_b)),
        # --- staff putting teachers with methodists
        cb("ag home", AssignCD(action=AssignAction.HOME)),
        cb("ag auto", AssignCD(action=AssignAction.AUTO), BUT_REGION - {MUNI_STAFF}),
        cb("ag search", AssignCD(action=AssignAction.SEARCH)),
        cb("ag teacher (B's)", AssignCD(action=AssignAction.TEACHER, t=w.teacher_b), BUT_REGION),
        cb(
            "ag put B's teacher with A's methodist",
            AssignCD(action=AssignAction.PUT, t=w.teacher_b, m=w.actors.get(METHODIST, 1)),
            BUT_REGION,
        ),
        cb(
            "ag put A's teacher with B's methodist",
            AssignCD(action=AssignAction.PUT, t=w.actors.get(TEACHER, 1), m=w.methodist_b),
            BUT_REGION,
        ),
        # --- mentoring: the mentee's side on B's pair, the mentor's side on B's pair
        cb("mn ask", MentorCD(action=MentorAction.ASK)),
        cb("mn wish_subject", MentorCD(action=MentorAction.WISH_SUBJECT, v="math")),
        cb("mn wish_school", MentorCD(action=MentorAction.WISH_SCHOOL, v="1")),
        cb("mn request", MentorCD(action=MentorAction.REQUEST), NOBODY),
        cb("mn apply", MentorCD(action=MentorAction.APPLY)),
        cb("mn apply_cap", MentorCD(action=MentorAction.APPLY_CAP, v="2"), NOBODY),
        cb("mn apply_skip", MentorCD(action=MentorAction.APPLY_SKIP), NOBODY),
        cb("mn apply_cancel", MentorCD(action=MentorAction.APPLY_CANCEL)),
        cb("mn yes (B's meeting)", MentorCD(action=MentorAction.YES, p=p, m=w.meeting_b)),
        cb("mn no (B's meeting)", MentorCD(action=MentorAction.NO, p=p, m=w.meeting_b)),
        cb("mn rate (B's meeting)", MentorCD(action=MentorAction.RATE, p=p, m=w.meeting_b, v="5")),
        cb("mn no_comment", MentorCD(action=MentorAction.NO_COMMENT, p=p, m=w.meeting_b)),
        cb("mn fit (B's pair)", MentorCD(action=MentorAction.FIT, p=p, v="no")),
        cb("mn journal (B's pair)", MentorCD(action=MentorAction.JOURNAL, p=p)),
        cb("ad (B's check)", AdaptCD(c=w.check_b, i=0, v="1")),
        cb("mn profile", MentorCD(action=MentorAction.PROFILE)),
        cb("mn fmt", MentorCD(action=MentorAction.FMT, v="consultation"), NOBODY),
        cb("mn set_cap", MentorCD(action=MentorAction.SET_CAP, v="3"), NOBODY),
        cb("mn cap", MentorCD(action=MentorAction.CAP)),
        cb("mn about", MentorCD(action=MentorAction.ABOUT)),
        cb("mn pair (B's)", MentorCD(action=MentorAction.PAIR, p=p)),
        cb("mn log (B's)", MentorCD(action=MentorAction.LOG, p=p)),
        cb("mn log_fmt", MentorCD(action=MentorAction.LOG_FMT, p=p, v="consultation")),
        cb("mn log_topic", MentorCD(action=MentorAction.LOG_TOPIC, p=p, v="0")),
        cb("mn log_min", MentorCD(action=MentorAction.LOG_MIN, p=p, v="45")),
        cb("mn log_day", MentorCD(action=MentorAction.LOG_DAY, p=p, v="0")),
        cb("mn log_dates", MentorCD(action=MentorAction.LOG_DATES, p=p, v="0")),
        cb("mn log_note", MentorCD(action=MentorAction.LOG_NOTE, p=p)),
        cb("mn log_save", MentorCD(action=MentorAction.LOG_SAVE, p=p)),
        cb("mn log_go (B's)", MentorCD(action=MentorAction.LOG_GO, p=p, v="topic")),
        cb("mn log_cancel (B's)", MentorCD(action=MentorAction.LOG_CANCEL, p=p)),
        cb("mn meeting (B's)", MentorCD(action=MentorAction.MEETING, p=p, m=w.meeting_b)),
        cb("mn edit_min (B's)", MentorCD(action=MentorAction.EDIT_MIN, p=p, m=w.meeting_b, v="90")),
        cb("mn edit_topic (B's)", MentorCD(action=MentorAction.EDIT_TOPIC, p=p, m=w.meeting_b)),
        cb(
            "mn edit_cancel (B's)",
            MentorCD(action=MentorAction.EDIT_CANCEL, p=p, m=w.meeting_b, v="topic"),
        ),
        cb("mn edit_cancel (the card)", MentorCD(action=MentorAction.EDIT_CANCEL, v="card")),
        cb("mn delete (B's)", MentorCD(action=MentorAction.DELETE, p=p, m=w.meeting_b)),
        cb("mn delete_yes (B's)", MentorCD(action=MentorAction.DELETE_YES, p=p, m=w.meeting_b)),
        # --- staff's mentoring screens on B's pairs and applications
        cb("pr home", PairCD(action=PairAction.HOME)),
        cb("pr match", PairCD(action=PairAction.MATCH), BUT_REGION - {MUNI_STAFF}),
        cb("pr match_in B", PairCD(action=PairAction.MATCH_IN, m=b), BUT_REGION),
        cb("pr proposals", PairCD(action=PairAction.PROPOSALS)),
        cb("pr proposal (B's)", PairCD(action=PairAction.PROPOSAL, p=w.proposed_b), BUT_REGION),
        cb("pr confirm (B's)", PairCD(action=PairAction.CONFIRM, p=w.proposed_b), BUT_REGION),
        cb("pr confirm_all", PairCD(action=PairAction.CONFIRM_ALL), BUT_REGION - {MUNI_STAFF}),
        cb("pr others (B's)", PairCD(action=PairAction.OTHERS, p=w.proposed_b), BUT_REGION),
        cb("pr pick (B's)", PairCD(action=PairAction.PICK, p=w.proposed_b, m=w.mentor_b), BUT_REGION),
        cb("pr reject (B's)", PairCD(action=PairAction.REJECT, p=w.proposed_b), BUT_REGION),
        cb("pr risk", PairCD(action=PairAction.RISK)),
        cb("pr pair (B's)", PairCD(action=PairAction.PAIR, p=p), BUT_REGION),
        cb("pr pause (B's)", PairCD(action=PairAction.PAUSE, p=p), BUT_REGION),
        cb("pr resume (B's)", PairCD(action=PairAction.RESUME, p=p), BUT_REGION),
        cb("pr complete (B's)", PairCD(action=PairAction.COMPLETE, p=p), BUT_REGION),
        cb("pr rematch (B's)", PairCD(action=PairAction.REMATCH, p=p), BUT_REGION),
        cb("pr apps", PairCD(action=PairAction.APPS)),
        cb("pr approve (B's)", PairCD(action=PairAction.APPROVE, a=w.application_b), BUT_REGION),
        cb("pr decline (B's)", PairCD(action=PairAction.DECLINE, a=w.application_b), BUT_REGION),
        cb("pr report", PairCD(action=PairAction.REPORT)),
        cb("pr xlsx", PairCD(action=PairAction.XLSX)),
        # --- B's event, as a teacher
        cb("ev list", EventCD(action="list")),
        cb("ev mine", EventCD(action="mine")),
        cb("ev open (B's)", EventCD(action="open", e=w.event_b)),
        cb("ev reg (B's)", EventCD(action="reg", e=w.event_b)),
        cb("ev unreg (B's)", EventCD(action="unreg", e=w.event_b)),
        cb("ev ics (B's)", EventCD(action="ics", e=w.event_b)),
        cb("ev file (B's)", EventCD(action="file", e=w.event_b)),
        cb("ev route (B's)", EventCD(action="route", e=w.event_b)),
        cb("ev rate (B's)", EventCD(action="rate", e=w.event_b, k="5")),
        cb("ev no_comment (B's)", EventCD(action="no_comment", e=w.event_b)),
        cb("ev digest_off", EventCD(action="digest_off"), NOBODY),
        # --- B's event and broadcast, as staff
        cb("es home", EventStaffCD(action="home")),
        cb("es new", EventStaffCD(action="new")),
        cb("es kind", EventStaffCD(action="kind", v="seminar")),
        cb("es level", EventStaffCD(action="level", v="regional")),
        cb("es skip_description", EventStaffCD(action="skip_description")),
        cb("es length", EventStaffCD(action="length", v="120")),
        cb("es skip_place", EventStaffCD(action="skip_place")),
        cb("es deadline", EventStaffCD(action="deadline", v="1")),
        cb("es cap", EventStaffCD(action="cap", v="0")),
        cb("es skip_media", EventStaffCD(action="skip_media")),
        cb("es kind (B's draft)", EventStaffCD(action="kind", e=w.event_b, v="seminar"), BUT_REGION),
        cb("es level (B's draft)", EventStaffCD(action="level", e=w.event_b, v="regional"), BUT_REGION),
        cb("es step (B's)", EventStaffCD(action="step", e=w.event_b, v="title"), BUT_REGION),
        cb("es abort (B's)", EventStaffCD(action="abort", e=w.event_b), BUT_REGION),
        cb("es audience (B's)", EventStaffCD(action="audience", e=w.event_b), BUT_REGION),
        cb("es aud (B's)", EventStaffCD(action="aud", e=w.event_b, v="municipalities"), BUT_REGION),
        cb("es opt (B's)", EventStaffCD(action="opt", e=w.event_b, v=str(b)), BUT_REGION),
        cb("es young (B's)", EventStaffCD(action="young", e=w.event_b), BUT_REGION),
        cb("es preview (B's)", EventStaffCD(action="preview", e=w.event_b), BUT_REGION),
        cb("es urgent (B's)", EventStaffCD(action="urgent", e=w.event_b), BUT_REGION),
        cb("es publish (B's)", EventStaffCD(action="publish", e=w.event_b), BUT_REGION),
        cb("es schedule (B's)", EventStaffCD(action="schedule", e=w.event_b), BUT_REGION),
        cb("es drop (B's)", EventStaffCD(action="drop", e=w.event_b), BUT_REGION),
        cb("es card (B's)", EventStaffCD(action="card", e=w.event_b), BUT_REGION),
        cb("es people (B's)", EventStaffCD(action="people", e=w.event_b), BUT_REGION),
        cb(
            "es attend (B's)",
            EventStaffCD(action="attend", e=w.event_b, v=str(w.registration_b)),
            BUT_REGION,
        ),
        cb("es edit (B's)", EventStaffCD(action="edit", e=w.event_b), BUT_REGION),
        cb("es edit_field (B's)", EventStaffCD(action="edit_field", e=w.event_b, v="title"), BUT_REGION),
        cb("es cancel (B's)", EventStaffCD(action="cancel", e=w.event_b), BUT_REGION),
        cb("es xlsx (B's)", EventStaffCD(action="xlsx", e=w.event_b), BUT_REGION),
        cb("bc stop (B's)", BroadcastCD(action="stop", b=w.broadcast_b), BUT_REGION),
        # --- B's announcements, as a teacher reading «Новости» and as staff
        cb("nw list", NewsCD(action="list")),
        cb("nw open (B's)", NewsCD(action="open", a=w.announcement_b)),
        cb("an new", AnnStaffCD(action="new")),
        cb("an mine", AnnStaffCD(action="mine")),
        cb("an back home", AnnStaffCD(action="back", v="home")),
        cb("an cancel (no draft)", AnnStaffCD(action="cancel")),
        *[
            cb(f"an {action} (B's draft)", AnnStaffCD(action=action, a=w.draft_b, v=value), BUT_REGION)
            for action, value in (
                ("keep_text", ""),
                ("file_next", ""),
                ("file_drop", ""),
                ("buttons_clear", ""),
                ("buttons_next", ""),
                ("back", "text"),
                ("audience", ""),
                ("aud", "municipalities"),
                ("opt", "roles.mentor"),
                ("young", ""),
                ("preview", ""),
                ("schedule", ""),
                ("resume", ""),
                ("send", ""),
                ("drop", ""),
                ("cancel", ""),
            )
        ],
        *[
            cb(f"an {action} (B's sent)", AnnStaffCD(action=action, a=w.announcement_b), BUT_REGION)
            for action in ("card", "copy", "stop", "unschedule")
        ],
        # --- B's survey, as a teacher answering it
        cb("sv go (B's)", SurveyCD(action="go", r=w.survey_invite_b)),
        cb("sv at (B's)", SurveyCD(action="at", r=w.survey_invite_b, i=0)),
        cb("sv a (B's)", SurveyCD(action="a", r=w.survey_invite_b, i=0, v="0")),
        cb("sv t (B's)", SurveyCD(action="t", r=w.survey_invite_b, i=0, v="0")),
        cb("sv n (B's)", SurveyCD(action="n", r=w.survey_invite_b, i=0)),
        cb("sv s (B's)", SurveyCD(action="s", r=w.survey_invite_b, i=0)),
        cb("sv b (B's)", SurveyCD(action="b", r=w.survey_invite_b, i=1)),
        cb("sv send (B's)", SurveyCD(action="send", r=w.survey_invite_b)),
        cb("sv later (B's)", SurveyCD(action="later", r=w.survey_invite_b)),
        # --- B's survey campaign, as staff
        cb("ss list", SurveyStaffCD(action="list")),
        cb("ss new", SurveyStaffCD(action="new")),
        cb("ss tpl", SurveyStaffCD(action="tpl", v="needs"), BUT_REGION - {MUNI_STAFF}),
        cb("ss tpl (B's draft)", SurveyStaffCD(action="tpl", c=w.campaign_b, v="needs"), BUT_REGION),
        cb("ss step (B's)", SurveyStaffCD(action="step", c=w.campaign_b, v="aud"), BUT_REGION),
        cb("ss abort (B's)", SurveyStaffCD(action="abort", c=w.campaign_b), BUT_REGION),
        cb("ss audience (B's)", SurveyStaffCD(action="audience", c=w.campaign_b), BUT_REGION),
        cb("ss aud (B's)", SurveyStaffCD(action="aud", c=w.campaign_b, v="municipalities"), BUT_REGION),
        cb("ss opt (B's)", SurveyStaffCD(action="opt", c=w.campaign_b, v=str(b)), BUT_REGION),
        cb("ss young (B's)", SurveyStaffCD(action="young", c=w.campaign_b), BUT_REGION),
        cb("ss preview (B's)", SurveyStaffCD(action="preview", c=w.campaign_b), BUT_REGION),
        cb("ss when (B's)", SurveyStaffCD(action="when", c=w.campaign_b, v="now"), BUT_REGION),
        cb("ss days (B's)", SurveyStaffCD(action="days", c=w.campaign_b, v="14"), BUT_REGION),
        cb("ss anon (B's)", SurveyStaffCD(action="anon", c=w.campaign_b), BUT_REGION),
        cb("ss launch (B's)", SurveyStaffCD(action="launch", c=w.campaign_b), BUT_REGION),
        cb("ss drop (B's)", SurveyStaffCD(action="drop", c=w.campaign_b), BUT_REGION),
        cb("ss card (B's)", SurveyStaffCD(action="card", c=w.campaign_b), BUT_REGION),
        cb("ss stop (B's)", SurveyStaffCD(action="stop", c=w.campaign_b), BUT_REGION),
        cb("ss stop_yes (B's)", SurveyStaffCD(action="stop_yes", c=w.campaign_b), BUT_REGION),
        cb("ss res (B's)", SurveyStaffCD(action="res", c=w.campaign_b), BUT_REGION),
        cb("ss xlsx (B's)", SurveyStaffCD(action="xlsx", c=w.campaign_b), BUT_REGION),
        # --- reports and aggregates of B
        cb("rp home", ReportCD(action="home")),
        cb("rp munis", ReportCD(action="munis")),
        cb("rp schools of B", ReportCD(action="schools", m=b), BUT_REGION),
        cb("rp show B", ReportCD(action="show", m=b, p="all"), BUT_REGION),
        cb("rp xlsx B", ReportCD(action="xlsx", m=b, p="all"), BUT_REGION),
        cb("ds scope", StatCD(action="scope", q="general")),
        cb("ds show B", StatCD(action="show", q="general", m=b), BUT_REGION),
        cb("ds subjects B", StatCD(action="subjects", q="general", m=b), BUT_REGION),
        cb("ds schools B", StatCD(action="schools", q="general", m=b), BUT_REGION),
        cb("ds xlsx B", StatCD(action="xlsx", q="general", m=b), BUT_REGION),
        # --- «Вопрос методисту»: B's teacher's questions, as if they were one's own or assigned
        cb("cq home", ConsultCD(action=ConsultAction.HOME)),
        cb("cq ask", ConsultCD(action=ConsultAction.ASK)),
        cb("cq topic", ConsultCD(action=ConsultAction.TOPIC, v="attestation"), NOBODY),
        cb("cq subjects", ConsultCD(action=ConsultAction.SUBJECTS)),
        cb("cq subject", ConsultCD(action=ConsultAction.SUBJECT, v="math")),
        cb("cq send (no draft)", ConsultCD(action=ConsultAction.SEND)),
        cb("cq cancel", ConsultCD(action=ConsultAction.CANCEL)),
        cb("cq mine", ConsultCD(action=ConsultAction.MINE)),
        cb("cq open (B's)", ConsultCD(action=ConsultAction.OPEN, q=w.consult_b)),
        cb("cq reply (B's)", ConsultCD(action=ConsultAction.REPLY, q=w.consult_b)),
        cb("cq files (B's)", ConsultCD(action=ConsultAction.FILES, q=w.consult_b)),
        cb("cq solved (B's)", ConsultCD(action=ConsultAction.SOLVED, q=w.consult_b)),
        cb("cq rate (B's)", ConsultCD(action=ConsultAction.RATE, q=w.consult_closed_b, v="1")),
        cb("cq consent (B's)", ConsultCD(action=ConsultAction.CONSENT, q=w.consult_closed_b, v="0")),
        cb("cq faq", ConsultCD(action=ConsultAction.FAQ)),
        cb("cq faq_topic", ConsultCD(action=ConsultAction.FAQ_TOPIC, v="attestation")),
        cb("cq faq_entry (none)", ConsultCD(action=ConsultAction.FAQ_ENTRY, q=999_999)),
        cb("cq faq_search", ConsultCD(action=ConsultAction.FAQ_SEARCH), NOBODY),
        cb("cm queue", ConsultMCD(action=ConsultMAction.QUEUE)),
        cb("cm open (B's)", ConsultMCD(action=ConsultMAction.OPEN, q=w.consult_b)),
        cb("cm reply (B's)", ConsultMCD(action=ConsultMAction.REPLY, q=w.consult_b)),
        cb("cm files (B's)", ConsultMCD(action=ConsultMAction.FILES, q=w.consult_b)),
        cb("cm close (B's)", ConsultMCD(action=ConsultMAction.CLOSE, q=w.consult_b)),
        cb("cm publish (B's)", ConsultMCD(action=ConsultMAction.PUBLISH, q=w.consult_closed_b)),
        cb("cm keep (B's)", ConsultMCD(action=ConsultMAction.KEEP, q=w.consult_closed_b)),
        cb("cm cancel (B's)", ConsultMCD(action=ConsultMAction.CANCEL, q=w.consult_closed_b)),
        # --- staff's consultations: B's overdue question
        cb("menu consult_staff", MenuCD(section=Section.CONSULT_STAFF)),
        cb("cst home", ConsultStaffCD(action=ConsultStaffAction.HOME)),
        cb("cst open (B's)", ConsultStaffCD(action=ConsultStaffAction.OPEN, q=w.question_b), BUT_REGION),
        cb(
            "cst pick (B's)",
            ConsultStaffCD(action=ConsultStaffAction.PICK, q=w.question_b, f=w.methodist_b),
            BUT_REGION,
        ),
        cb(
            "cst move B's to A's methodist",
            ConsultStaffCD(
                action=ConsultStaffAction.MOVE, q=w.question_b, f=w.methodist_b, m=w.actors.get(METHODIST, 1)
            ),
            BUT_REGION,
        ),
        cb("cst report", ConsultStaffCD(action=ConsultStaffAction.REPORT, p="year")),
        cb("cst xlsx", ConsultStaffCD(action=ConsultStaffAction.XLSX, p="year")),
        # --- booking a consultation: B's methodist's slots, B's teacher's booking
        cb("menu consult_slots", MenuCD(section=Section.CONSULT_SLOTS)),
        cb("menu consult_book", MenuCD(section=Section.CONSULT_BOOK)),
        cb("slot home", SlotCD(action="home")),
        cb("slot new", SlotCD(action="new")),
        cb("slot abort", SlotCD(action="abort")),
        cb("slot dur (no wizard)", SlotCD(action="dur", v="30")),
        cb("slot mode (no wizard)", SlotCD(action="mode", v="online")),
        cb("slot skip_topic (no wizard)", SlotCD(action="skip_topic")),
        cb("slot publish (no wizard)", SlotCD(action="publish", v="1")),
        *[
            cb(f"slot {action} (B's)", SlotCD(action=action, s=slot))
            for action in ("open", "cancel", "cancel_yes", "held", "missed", "ics")
            for slot in (w.slot_b, w.free_slot_b)
        ],
        cb("book list", BookCD(action="list")),
        cb("book mine", BookCD(action="mine")),
        *[
            cb(f"book {action} (B's)", BookCD(action=action, s=slot, t=s))
            for action in ("open", "take", "ics", "drop", "drop_yes", "route", "route_add")
            for slot in (w.slot_b, w.free_slot_b)
        ],
        # --- the expert review: B's expert, request, practice, review and contest
        Forgery("/expert", EVERYONE, text="/expert"),
        cb("menu expertise", MenuCD(section=Section.EXPERTISE)),
        cb("menu experts", MenuCD(section=Section.EXPERTS), BUT_REGION),
        *[
            cb(f"xr {action} (B's review)", ExpertCD(action=action, r=w.review_b, c=0, v=3))
            for action in (
                ExpertAction.HOME,
                ExpertAction.CARD,
                ExpertAction.FILES,
                ExpertAction.CRIT,
                ExpertAction.SCORE,
                ExpertAction.COMMENT,
                ExpertAction.SUBMIT,
                ExpertAction.REFUSE,
                ExpertAction.REFUSE_YES,
            )
        ],
        cb("xr apply (the offer)", ExpertCD(action=ExpertAction.APPLY)),
        cb("xr apply_yes (one's own request)", ExpertCD(action=ExpertAction.APPLY_YES), NOBODY),
        cb("xr cert (B's practice)", ExpertCD(action=ExpertAction.CERT, p=w.reviewed_b)),
        cb("xp home", PoolCD(action=PoolAction.HOME), BUT_REGION),
        cb("xp requests", PoolCD(action=PoolAction.REQUESTS), BUT_REGION),
        cb("xp invite", PoolCD(action=PoolAction.INVITE), frozenset({TEACHER, MENTOR, METHODIST})),
        cb("xp contests", PoolCD(action=PoolAction.CONTESTS), BUT_REGION),
        cb("xp jury (B's contest)", PoolCD(action=PoolAction.JURY, ev=w.contest_b), BUT_REGION),
        cb("xp toggle (B's)", PoolCD(action=PoolAction.TOGGLE, ev=w.contest_b, e=w.expert_b), BUT_REGION),
        cb("xp approve (B's)", PoolCD(action=PoolAction.APPROVE, e=w.expert_pending_b), BUT_REGION),
        cb("xp decline (B's)", PoolCD(action=PoolAction.DECLINE, e=w.expert_pending_b), BUT_REGION),
        *[
            cb(f"xp {action} (B's expert)", PoolCD(action=action, e=w.expert_b), BUT_REGION)
            for action in (
                PoolAction.CARD,
                PoolAction.PAUSE,
                PoolAction.RESUME,
                PoolAction.REMOVE,
                PoolAction.REMOVE_YES,
            )
        ],
        # --- the practice bank: B's teacher's returned practice and draft, as if they were one's own
        cb("menu practices", MenuCD(section=Section.PRACTICES)),
        *[
            cb(f"pb {action} (B's {which})", PracticeCD(action=action, p=practice, v=value))
            for which, practice in (("returned", w.practice_b), ("draft", w.practice_draft_b))
            for action, value in (
                (PracticeAction.CARD, ""),
                (PracticeAction.FILES, ""),
                (PracticeAction.RESUME, ""),
                (PracticeAction.STEP, "title"),
                (PracticeAction.NEXT, "subjects"),
                (PracticeAction.SUBJ, "math"),
                (PracticeAction.GRADE, "5"),
                (PracticeAction.FORM, "lesson"),
                (PracticeAction.FILES_DROP, ""),
                (PracticeAction.LINKS_CLEAR, ""),
                (PracticeAction.PREVIEW, ""),
                (PracticeAction.EDIT, ""),
                (PracticeAction.SUBMIT, ""),
                (PracticeAction.DROP, ""),
                (PracticeAction.DROP_YES, ""),
                (PracticeAction.CANCEL, ""),
            )
        ],
        cb("pb home", PracticeCD(action=PracticeAction.HOME)),
        cb("pb find", PracticeCD(action=PracticeAction.FIND)),
        cb("pb list", PracticeCD(action=PracticeAction.LIST, v="math.5.lesson")),
        cb("pb newest", PracticeCD(action=PracticeAction.NEWEST, v="..")),
        cb("pb filter", PracticeCD(action=PracticeAction.FILTER, p=1, v="..")),
        cb("pb mine", PracticeCD(action=PracticeAction.MINE)),
        cb("pb new", PracticeCD(action=PracticeAction.NEW)),
        # --- methodological associations: B's association, its leader B's teacher
        cb("menu associations", MenuCD(section=Section.ASSOCIATIONS)),
        cb("menu assoc_staff", MenuCD(section=Section.ASSOCIATIONS_STAFF)),
        cb("as list", AsCD(action=AsAction.LIST)),
        cb("as open (B's)", AsCD(action=AsAction.OPEN, a=w.association_b), BUT_REGION),
        cb("as join (B's)", AsCD(action=AsAction.JOIN, a=w.association_b)),
        cb("as leave (B's)", AsCD(action=AsAction.LEAVE, a=w.association_b), BUT_REGION),
        cb("as leave_yes (B's)", AsCD(action=AsAction.LEAVE_YES, a=w.association_b), BUT_REGION),
        cb("as plan (B's)", AsCD(action=AsAction.PLAN, a=w.association_b), BUT_REGION),
        cb("as docx (B's)", AsCD(action=AsAction.DOCX, a=w.association_b), BUT_REGION),
        cb("as meetings (B's)", AsCD(action=AsAction.MEETINGS, a=w.association_b), BUT_REGION),
        cb(
            "as meeting (B's)", AsCD(action=AsAction.MEETING, a=w.association_b, i=w.as_meeting_b), BUT_REGION
        ),
        cb("as file (B's)", AsCD(action=AsAction.FILE, a=w.association_b, i=w.as_material_b), BUT_REGION),
        cb(
            "as minutes (B's)", AsCD(action=AsAction.MINUTES, a=w.association_b, i=w.as_meeting_b), BUT_REGION
        ),
        cb("as members (B's)", AsCD(action=AsAction.MEMBERS, a=w.association_b)),
        cb("as requests (B's)", AsCD(action=AsAction.REQUESTS, a=w.association_b)),
        cb("as approve (B's)", AsCD(action=AsAction.APPROVE, a=w.association_b, i=w.as_request_b)),
        cb("as decline (B's)", AsCD(action=AsAction.DECLINE, a=w.association_b, i=w.as_request_b)),
        cb("as remove (B's)", AsCD(action=AsAction.REMOVE, a=w.association_b, i=w.as_member_b)),
        cb("as cands (B's)", AsCD(action=AsAction.CANDIDATES, a=w.association_b)),
        # the paged lists: another page of B's lists is B's all the same; a forged page past the end
        cb("as list (page 999)", AsCD(action=AsAction.LIST, p=999)),
        cb("as members (B's, page 2)", AsCD(action=AsAction.MEMBERS, a=w.association_b, p=1)),
        cb("as requests (B's, page 2)", AsCD(action=AsAction.REQUESTS, a=w.association_b, p=1)),
        cb("as cands (B's, page 999)", AsCD(action=AsAction.CANDIDATES, a=w.association_b, p=999)),
        cb("as meetings (B's, page 2)", AsCD(action=AsAction.MEETINGS, a=w.association_b, p=1), BUT_REGION),
        cb(
            "as meeting (B's, page 2)",
            AsCD(action=AsAction.MEETING, a=w.association_b, i=w.as_meeting_b, p=1),
            BUT_REGION,
        ),
        cb("as add (B's)", AsCD(action=AsAction.ADD, a=w.association_b, u=w.teacher_b)),
        cb("as plan_add (B's)", AsCD(action=AsAction.PLAN_ADD, a=w.association_b)),
        cb("as plan_month (B's)", AsCD(action=AsAction.PLAN_MONTH, a=w.association_b, v="10")),
        cb("as plan_form (B's)", AsCD(action=AsAction.PLAN_FORM, a=w.association_b, v="seminar")),
        cb("as plan_me (B's)", AsCD(action=AsAction.PLAN_ME, a=w.association_b)),
        cb("as plan_del (B's)", AsCD(action=AsAction.PLAN_DEL, a=w.association_b, i=w.as_item_b)),
        cb("as meet_new (B's)", AsCD(action=AsAction.MEET_NEW, a=w.association_b)),
        cb("as meet_skip (B's)", AsCD(action=AsAction.MEET_SKIP, a=w.association_b, v="place")),
        cb("as meet_go (B's)", AsCD(action=AsAction.MEET_GO, a=w.association_b, v="00000000")),
        cb(
            "as attend (B's)",
            AsCD(action=AsAction.ATTEND, a=w.association_b, i=w.as_meeting_b, u=w.teacher_b),
        ),
        cb("as talk (B's)", AsCD(action=AsAction.TALK, a=w.association_b, i=w.as_meeting_b, u=w.teacher_b)),
        cb("as upload (B's)", AsCD(action=AsAction.UPLOAD, a=w.association_b, i=w.as_meeting_b)),
        cb("as write (B's)", AsCD(action=AsAction.WRITE, a=w.association_b)),
        cb("as send (B's)", AsCD(action=AsAction.SEND, a=w.association_b, v="00000000")),
        cb("as abort (B's)", AsCD(action=AsAction.ABORT, a=w.association_b, v="write")),
        cb("ast home", AsStaffCD(action=AsStaffAction.HOME), BUT_REGION),
        cb("ast home (page 999)", AsStaffCD(action=AsStaffAction.HOME, p=999), BUT_REGION),
        cb("ast new", AsStaffCD(action=AsStaffAction.NEW)),
        cb("ast level (no wizard)", AsStaffCD(action=AsStaffAction.LEVEL, v="municipal")),
        cb("ast muni B (no wizard)", AsStaffCD(action=AsStaffAction.MUNI, v=str(b))),
        cb("ast school (no wizard)", AsStaffCD(action=AsStaffAction.SCHOOL, v="1")),
        cb("ast subject (no wizard)", AsStaffCD(action=AsStaffAction.SUBJECT, v="math")),
        cb("ast approval (no wizard)", AsStaffCD(action=AsStaffAction.APPROVAL, v="1")),
        # staff_A's own wizard (the rows above) creates in A: theirs to do
        cb("ast create (no wizard)", AsStaffCD(action=AsStaffAction.CREATE), BUT_REGION - {MUNI_STAFF}),
        cb("ast open (B's)", AsStaffCD(action=AsStaffAction.OPEN, a=w.association_b), BUT_REGION),
        cb("ast members (B's)", AsStaffCD(action=AsStaffAction.MEMBERS, a=w.association_b), BUT_REGION),
        cb("ast invite (B's)", AsStaffCD(action=AsStaffAction.INVITE, a=w.association_b), BUT_REGION),
        cb(
            "ast lead (B's)",
            AsStaffCD(action=AsStaffAction.LEAD, a=w.association_b, i=w.as_member_b),
            BUT_REGION,
        ),
        cb("ast abort", AsStaffCD(action=AsStaffAction.ABORT), BUT_REGION),
        # --- part 11: B's contest, B's teacher's contest held elsewhere and target group
        cb("ct mine", ContestCD(action="mine")),
        cb("ct mat (B's)", ContestCD(action="mat", e=w.contest_b)),
        cb("ct consult (B's)", ContestCD(action="consult", e=w.contest_b)),
        cb("ct exp (B's)", ContestCD(action="exp", e=w.contest_b)),
        cb("ct rec", ContestCD(action="rec")),
        cb("ct level (no record)", ContestCD(action="level", v="regional")),
        cb("ct result (no record)", ContestCD(action="result", v="winner")),
        cb("ct abort", ContestCD(action="abort")),
        cb("tg home", GroupCD(action="home")),
        cb("tg toggle (stale)", GroupCD(action="toggle", v="nope")),
        *[
            cb(f"cs {action} (B's)", ContestStaffCD(action=action, e=w.contest_b, v=value), BUT_REGION)
            for action, value in (
                ("home", ""),
                ("stage", ""),
                ("stage", "final"),
                ("drop", "1"),
                ("people", ""),
                ("pick", str(w.teacher_b)),
                ("set", f"{w.teacher_b}.winner"),
                ("file", ""),
                ("import", ""),
                ("apply", ""),
            )
        ],
        cb("menu confirmations", MenuCD(section=Section.CONFIRMATIONS), BUT_REGION),
        cb("cf home", ConfirmCD(action="home"), BUT_REGION),
        cb("cf rec (B's)", ConfirmCD(action="rec", i=w.record_b), BUT_REGION),
        cb("cf rec_yes (B's)", ConfirmCD(action="rec_yes", i=w.record_b), BUT_REGION),
        cb("cf rec_no (B's)", ConfirmCD(action="rec_no", i=w.record_b), BUT_REGION),
        cb("cf grp_yes (B's)", ConfirmCD(action="grp_yes", i=w.mark_b), BUT_REGION),
        cb("cf grp_no (B's)", ConfirmCD(action="grp_no", i=w.mark_b), BUT_REGION),
        # --- content staged by someone else
        cb("up activate (staged by the admin)", UploadCD(action="activate", id=w.staged_upload), BUT_REGION),
        cb("up drop (staged by the admin)", UploadCD(action="drop", id=w.staged_upload), BUT_REGION),
        # --- attestation: the teacher's side aimed at B's records, staff's on B's claims
        cb("menu attestation", MenuCD(section=Section.ATTESTATION)),
        cb("menu att_staff", MenuCD(section=Section.ATTESTATION_STAFF)),
        cb("att home", AttCD(action="home")),
        cb("att claim", AttCD(action="claim")),
        cb("att cat", AttCD(action="cat", v="first")),
        cb("att skip (no wizard)", AttCD(action="skip")),
        cb("att cancel", AttCD(action="cancel")),
        cb("att history", AttCD(action="history")),
        cb("att support (B's record)", AttCD(action="support", r=w.att_record_b)),
        cb("att scan (B's claim)", AttCD(action="scan", r=w.att_claim_b)),
        cb("atts home", AttStaffCD(action="home")),
        cb("atts queue", AttStaffCD(action="queue"), BUT_REGION),
        cb("atts card (B's claim)", AttStaffCD(action="card", r=w.att_claim_b), BUT_REGION),
        # Municipal staff of another municipality, or a teacher confirming (their own or anyone's).
        cb("atts confirm (B's claim)", AttStaffCD(action="confirm", r=w.att_claim_b), BUT_REGION),
        cb("atts reject (B's claim)", AttStaffCD(action="reject", r=w.att_claim_b), BUT_REGION),
        cb("atts scan (B's claim)", AttStaffCD(action="scan", r=w.att_claim_b), BUT_REGION),
        # Importing a file of orders: staff and admins only (the file itself waits in the FSM).
        cb("atts import", AttStaffCD(action="import")),
        cb("atts apply (a guessed preview)", AttStaffCD(action="apply", t="0badc0de")),
        cb("atts drop (a guessed preview)", AttStaffCD(action="drop", t="0badc0de")),
        cb("atts due of B", AttStaffCD(action="due", m=b), BUT_REGION),
        cb("atts due_xlsx of B", AttStaffCD(action="due_xlsx", m=b), BUT_REGION),
    ]
    return rows


# --- the coverage of the table --------------------------------------------------------------------------


def _routers() -> Iterator[Any]:
    stack = [setup_routers()]
    while stack:
        router = stack.pop()
        yield router
        stack.extend(router.sub_routers)


def _callback_filters() -> list[tuple[str, CallbackQueryFilter]]:
    found = []
    for router in _routers():
        for handler in router.callback_query.handlers:
            for f in handler.filters or []:
                if isinstance(f.callback, CallbackQueryFilter):
                    found.append((f"{router.name}.{handler.callback.__name__}", f.callback))
    return found


def _commands() -> set[str]:
    found = set()
    for router in _routers():
        for handler in router.message.handlers:
            for f in handler.filters or []:
                if isinstance(f.callback, Command):
                    found |= {str(c) for c in f.callback.commands}
    return found


def _query(data: str) -> CallbackQuery:
    person = TelegramUser.model_construct(id=1, is_bot=False, first_name="x")
    return CallbackQuery.model_construct(id="1", from_user=person, chat_instance="1", data=data)


async def _matches(flt: CallbackQueryFilter, data: str) -> bool:
    return bool(await flt(_query(data)))


async def test_the_table_covers_every_button_and_command() -> None:
    rows = table(World())
    datas = [row.data for row in rows if row.data]
    uncovered = [
        name for name, flt in _callback_filters() if not [d for d in datas if await _matches(flt, d)]
    ]
    assert not uncovered, f"handlers whose callback data the forgery table never sends: {uncovered}"

    classes = {
        cls.__prefix__
        for cls in vars(callbacks).values()
        if isinstance(cls, type) and issubclass(cls, CallbackData) and cls is not CallbackData
    }
    forged = {d.split(":", 1)[0] for d in datas}
    assert classes <= forged, f"callback data classes the table never forges: {sorted(classes - forged)}"

    typed = {row.text.split()[0].lstrip("/") for row in rows if row.text.startswith("/")}
    commands = _commands() | {"start"}
    assert commands <= typed, f"commands the table never types: {sorted(commands - typed)}"


# --- the world ----------------------------------------------------------------------------------------------


async def _person(
    repos: Repos,
    env: BotEnv,
    tg_id: int,
    name: str,
    municipality: Municipality,
    school: School,
    *,
    roles: dict[str, int | None] | None = None,
    experience: int = 12,
    birth_year: int = 1985,
    share: bool = False,
) -> User:
    now = env.clock()
    user = User(
        tg_id=tg_id,
        locale="ru",
        consent_at=now,
        consent_version="1",
        full_name=name,
        municipality_id=municipality.id,
        school_id=school.id,
        position="teacher",
        experience_years=experience,
        birth_year=birth_year,
        category="none",
        registered_at=now,
        share_results=share,
    )
    repos.session.add(user)
    await repos.session.flush()
    repos.session.add(UserSubject(user_id=user.id, subject="math"))
    for role, scope in {"teacher": None, **(roles or {})}.items():
        repos.session.add(UserRole(user_id=user.id, role=role, scope_municipality_id=scope))
    await repos.session.flush()
    env.fake.add_chat({"id": tg_id, "is_bot": False, "first_name": name.split()[1]})
    return user


async def seed_world(env: BotEnv) -> World:
    w = World()
    now = env.clock()
    today = now.date()
    async with env.repos() as repos:
        s = repos.session
        munis = list(await s.scalars(select(Municipality).order_by(Municipality.id)))
        a, b = munis[0], munis[1]
        w.muni_a, w.muni_b = a.id, b.id
        school_a = (await s.scalars(select(School).where(School.municipality_id == a.id))).first()
        school_b = (await s.scalars(select(School).where(School.municipality_id == b.id))).first()
        assert school_a is not None and school_b is not None

        # A's actors.
        actors = {
            TEACHER: await _person(repos, env, 5001, "Аистова Анна Алексеевна", a, school_a),
            MENTOR: await _person(
                repos, env, 5002, "Агеева Алла Андреевна", a, school_a, roles={"mentor": None}
            ),
            METHODIST: await _person(
                repos, env, 5004, "Азарова Ада Антоновна", a, school_a, roles={"methodist": a.id}
            ),
            MUNI_STAFF: await _person(
                repos, env, 5005, "Акимова Ася Ароновна", a, school_a, roles={"staff": a.id}
            ),
            REGIONAL: await _person(
                repos, env, 5006, "Орлова Ольга Олеговна", a, school_a, roles={"staff": None}
            ),
            ADMIN: await _person(repos, env, ADMIN_ID, "Админова Алиса Аркадьевна", a, school_a),
        }
        w.actors = {role: user.id for role, user in actors.items()}
        mentee_a = await _person(
            repos, env, 5003, "Алёшина Ада Артёмовна", a, school_a, experience=1, birth_year=2001
        )
        s.add(MentorProfile(user_id=actors[MENTOR].id, capacity=2, formats=["consultation"]))
        s.add(
            MentorPair(
                mentor_id=actors[MENTOR].id,
                mentee_id=mentee_a.id,
                status="active",
                activated_at=now,
                period_start=today,
                period_end=today + timedelta(days=365),
            )
        )

        # B's people.
        teacher_b = await _person(repos, env, 6001, B_NAMES["teacher"], b, school_b, share=True)
        methodist_b = await _person(
            repos, env, 6002, B_NAMES["methodist"], b, school_b, roles={"methodist": b.id}
        )
        staff_b = await _person(repos, env, 6003, B_NAMES["staff"], b, school_b, roles={"staff": b.id})
        mentor_b = await _person(repos, env, 6004, B_NAMES["mentor"], b, school_b, roles={"mentor": None})
        mentee_b = await _person(
            repos, env, 6005, B_NAMES["mentee"], b, school_b, experience=1, birth_year=2001
        )
        mentee_b2 = await _person(
            repos, env, 6006, B_NAMES["mentee2"], b, school_b, experience=0, birth_year=2002
        )
        w.teacher_b, w.methodist_b, w.mentor_b = teacher_b.id, methodist_b.id, mentor_b.id

        # B's teacher's finished diagnosis, shared with B's methodist.
        w.attempt_b = await finished_diagnosis(env, repos, teacher_b, lambda index: index % 4, now)

        # B's teacher's route, sent for review to B's methodist.
        s.add(MethodistAssignment(teacher_id=teacher_b.id, methodist_id=methodist_b.id, source="staff"))
        route = Route(
            user_id=teacher_b.id,
            attempt_id=w.attempt_b,
            status="submitted",
            goal=f"Цель {SECRET}",
            period_start=today,
            period_end=today + timedelta(days=180),
            submitted_at=now,
        )
        s.add(route)
        await s.flush()
        step = RouteStep(
            route_id=route.id,
            position=0,
            form=StepForm.COURSE,
            title=f"Курс {SECRET}",
            description="",
            source="own",
            planned_start=today,
            planned_end=today + timedelta(days=30),
            status="in_progress",
            started_at=now,
            comment=f"Комментарий {SECRET}",
        )
        s.add(step)
        await s.flush()
        s.add(StepEvidence(step_id=step.id, kind="text", text=f"Отчёт {SECRET}"))
        w.route_b, w.step_b = route.id, step.id

        # B's mentoring: an active pair with a meeting, a proposal, an application, a check.
        s.add(
            MentorProfile(user_id=mentor_b.id, capacity=3, about=f"О себе {SECRET}", formats=["consultation"])
        )
        pair = MentorPair(
            mentor_id=mentor_b.id,
            mentee_id=mentee_b.id,
            status="active",
            activated_at=now,
            period_start=today,
            period_end=today + timedelta(days=365),
            fit_asked_at=now,
        )
        proposed = MentorPair(mentor_id=mentor_b.id, mentee_id=mentee_b2.id, status="proposed", score=0.8)
        s.add_all([pair, proposed])
        await s.flush()
        meeting = MentorMeeting(
            pair_id=pair.id,
            token="b-meeting-token",
            held_on=today - timedelta(days=1),
            format="consultation",
            topic=f"Встреча {SECRET}",
            minutes=45,
            note=f"Заметка {SECRET}",
        )
        application = MentorApplication(
            user_id=teacher_b.id, about=f"Заявка {SECRET}", capacity=2, status="pending"
        )
        check = AdaptationCheck(user_id=mentee_b.id, period=today.strftime("%Y-%m"), sent_at=now)
        s.add_all([meeting, application, check])
        await s.flush()
        w.pair_b, w.proposed_b, w.meeting_b = pair.id, proposed.id, meeting.id
        w.application_b, w.check_b = application.id, check.id

        # B's event by B's staff, B's teacher registered, its broadcast still sending.
        event = Event(
            kind=EventKind.SEMINAR,
            level=EventLevel.MUNICIPAL,
            title=f"Семинар {SECRET}",
            description=f"Описание {SECRET}",
            starts_at=now + timedelta(days=7),
            ends_at=now + timedelta(days=7, hours=2),
            timezone="Europe/Moscow",
            place=f"Место {SECRET}",
            audience={"municipalities": [b.id]},
            status="published",
            created_by_id=staff_b.id,
            published_at=now,
        )
        s.add(event)
        await s.flush()
        registration = EventRegistration(
            event_id=event.id,
            user_id=teacher_b.id,
            status="registered",
            created_at=now,
            feedback=f"Отзыв {SECRET}",
        )
        broadcast = Broadcast(
            kind=BroadcastKind.EVENT,
            event_id=event.id,
            text=f"Рассылка {SECRET}",
            status="sending",
            total=1,
            created_by_id=staff_b.id,
        )
        s.add_all([registration, broadcast])
        await s.flush()
        s.add(
            OutboxMessage(
                broadcast_id=broadcast.id,
                user_id=teacher_b.id,
                chat_id=teacher_b.tg_id,
                status="pending",
                not_before=now + timedelta(days=3),
            )
        )
        w.event_b, w.registration_b, w.broadcast_b = event.id, registration.id, broadcast.id

        # B's methodist's consultation slots: one booked by B's teacher and held, one free.
        held = ConsultSlot(
            methodist_id=methodist_b.id,
            starts_at=now - timedelta(days=1),
            minutes=30,
            timezone="Europe/Moscow",
            place=f"Кабинет {SECRET}",
            topic=f"Тема {SECRET}",
            status="booked",
            teacher_id=teacher_b.id,
            booked_at=now - timedelta(days=2),
            outcome="held",
            outcome_at=now - timedelta(hours=20),
        )
        free = ConsultSlot(
            methodist_id=methodist_b.id,
            starts_at=now + timedelta(days=2),
            minutes=30,
            timezone="Europe/Moscow",
            link="https://meet.example.org/b-room",
            topic=f"Тема {SECRET}",
            status="open",
        )
        s.add_all([held, free])
        await s.flush()
        w.slot_b, w.free_slot_b = held.id, free.id

        # B's announcements by B's staff: one sent (its broadcast still sending), one a draft.
        news_broadcast = Broadcast(
            kind=BroadcastKind.NEWS,
            text=f"Объявление {SECRET}",
            status="sending",
            total=1,
            created_by_id=staff_b.id,
        )
        s.add(news_broadcast)
        await s.flush()
        s.add(
            OutboxMessage(
                broadcast_id=news_broadcast.id,
                user_id=teacher_b.id,
                chat_id=teacher_b.tg_id,
                status="pending",
                not_before=now + timedelta(days=3),
            )
        )
        sent_b = Announcement(
            text=f"Объявление {SECRET}",
            buttons=[{"text": f"Ссылка {SECRET}", "url": "https://example.org/b"}],
            audience={"municipalities": [b.id]},
            timezone="Europe/Moscow",
            status="sent",
            sent_at=now,
            broadcast_id=news_broadcast.id,
            created_by_id=staff_b.id,
        )
        draft_b = Announcement(
            text=f"Черновик {SECRET}",
            buttons=[],
            audience={"municipalities": [b.id]},
            timezone="Europe/Moscow",
            status="draft",
            created_by_id=staff_b.id,
        )
        s.add_all([sent_b, draft_b])
        await s.flush()
        w.announcement_b, w.draft_b = sent_b.id, draft_b.id

        # B's teacher's practices: one returned by the experts with a comment, one a draft.
        returned = Practice(
            author_id=teacher_b.id,
            title=f"Практика {SECRET}",
            subjects=["math"],
            grades=[5],
            form="lesson",
            description=f"Описание {SECRET} " * 10,
            links=["https://example.org/b-practice"],
            status="returned",
            round=1,
            submitted_at=now,
            decided_at=now,
        )
        practice_draft = Practice(
            author_id=teacher_b.id, title=f"Черновик практики {SECRET}", subjects=["math"], status="draft"
        )
        s.add_all([returned, practice_draft])
        await s.flush()
        s.add(
            PracticeFile(
                practice_id=returned.id,
                file_id="b-practice-file",
                file_name=f"{SECRET}.docx",
                kind="document",
            )
        )
        s.add(PracticeFile(practice_id=practice_draft.id, file_id="b-draft-file", kind="photo"))
        w.practice_b, w.practice_draft_b = returned.id, practice_draft.id

        # B's survey campaign by B's staff: a wave open, B's teacher half-way, one answer in.
        template = survey_service.load_templates().found["needs"]
        campaign = SurveyCampaign(
            template_id=template.id,
            template_version=template.version,
            template=template.model_dump(mode="json"),
            title=f"Опрос {SECRET}",
            anonymous=False,
            audience={"municipalities": [b.id]},
            recurrence="once",
            starts_at=now - timedelta(days=1),
            open_days=7,
            closes_at=now + timedelta(days=6),
            status="active",
            created_by_id=staff_b.id,
            scope_municipality_id=b.id,
            launched_at=now - timedelta(days=1),
        )
        s.add(campaign)
        await s.flush()
        wave = SurveyWave(
            campaign_id=campaign.id,
            period="once",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=6),
            invited=2,
            created_at=now - timedelta(days=1),
        )
        s.add(wave)
        await s.flush()
        invite = SurveyInvite(wave_id=wave.id, user_id=teacher_b.id, status="answering", started_at=now)
        s.add(invite)
        s.add(SurveyInvite(wave_id=wave.id, user_id=mentee_b.id, status="done", done_at=now))
        first = template.questions[0]
        s.add(
            SurveyResponse(
                wave_id=wave.id, user_id=mentee_b.id, answers={first.id: SECRET}, submitted_on=today
            )
        )
        await s.flush()
        w.campaign_b, w.wave_b, w.survey_invite_b = campaign.id, wave.id, invite.id

        # B's teacher's questions to B's methodist: one open with a file, one closed and consented.
        for status, consent in (("open", None), ("closed", True)):
            question = ConsultQuestion(
                teacher_id=teacher_b.id,
                methodist_id=methodist_b.id,
                topic="attestation",
                subject="math",
                municipality_id=b.id,
                status=status,
                waiting_on="methodist",
                created_at=now,
                due_at=now + timedelta(days=2),
                last_activity_at=now,
                closed_at=now if status == "closed" else None,
                closed_by="teacher" if status == "closed" else None,
                faq_consent=consent,
            )
            s.add(question)
            await s.flush()
            s.add_all(
                [
                    ConsultMessage(
                        question_id=question.id, side="teacher", kind="text", text=f"Вопрос {SECRET}"
                    ),
                    ConsultMessage(
                        question_id=question.id,
                        side="methodist",
                        kind="document",
                        text=f"Ответ {SECRET}",
                        file_id="b-consult-file",
                        file_name=f"{SECRET}.docx",
                    ),
                ]
            )
            if status == "open":
                w.consult_b = question.id
            else:
                w.consult_closed_b = question.id
        # B's methodological association (municipal), led by B's teacher: a member, a request, a
        # plan item, a meeting (an event, B's teacher registered) with a material and minutes.
        association = Association(
            level="municipal",
            subject="math",
            name=f"ГМО {SECRET}",
            municipality_id=b.id,
            needs_approval=False,
        )
        s.add(association)
        await s.flush()
        s.add(
            AssociationMember(
                association_id=association.id,
                user_id=teacher_b.id,
                role="leader",
                status="active",
                created_at=now,
                joined_at=now,
            )
        )
        as_member = AssociationMember(
            association_id=association.id,
            user_id=mentee_b.id,
            role="member",
            status="active",
            created_at=now,
            joined_at=now,
        )
        as_request = AssociationMember(
            association_id=association.id,
            user_id=mentee_b2.id,
            role="member",
            status="requested",
            created_at=now,
        )
        item = AssociationPlanItem(
            association_id=association.id,
            school_year=2026,
            month=10,
            form="seminar",
            topic=f"Тема {SECRET}",
            responsible=B_NAMES["teacher"],
        )
        meeting_event = Event(
            kind=EventKind.OTHER,
            level=EventLevel.MUNICIPAL,
            title=f"ГМО {SECRET}",
            description=f"Повестка {SECRET}",
            starts_at=now - timedelta(hours=3),
            ends_at=now - timedelta(hours=1),
            timezone="Europe/Moscow",
            audience={"roles": ["association"], "association": association.id},
            status="published",
            created_by_id=teacher_b.id,
            published_at=now,
        )
        s.add_all([as_member, as_request, item, meeting_event])
        await s.flush()
        # Files Telegram knows (as if the leader had sent them), named without B's secrets.
        minutes_file = env.fake._store_file("document", b"minutes", "minutes.docx", None).file_id
        material_file = env.fake._store_file("document", b"material", "material.pdf", None).file_id
        as_meeting = AssociationMeeting(
            association_id=association.id,
            event_id=meeting_event.id,
            agenda=f"Повестка {SECRET}",
            minutes_file_id=minutes_file,
            minutes_file_name=f"Протокол {SECRET}.docx",
        )
        s.add(as_meeting)
        await s.flush()
        material = AssociationMaterial(
            meeting_id=as_meeting.id, file_id=material_file, file_name=f"{SECRET}.pdf"
        )
        s.add(material)
        s.add(
            EventRegistration(
                event_id=meeting_event.id, user_id=teacher_b.id, status="registered", created_at=now
            )
        )
        s.add(
            EventRegistration(
                event_id=meeting_event.id, user_id=mentee_b.id, status="registered", created_at=now
            )
        )
        await s.flush()
        w.association_b, w.as_member_b, w.as_request_b = association.id, as_member.id, as_request.id
        w.as_meeting_b, w.as_material_b, w.as_item_b = as_meeting.id, material.id, item.id

        # Invites: one by B's staff, one by the admin for a methodist of B.
        invite_b = Invite(
            code=B_INVITE_CODES[0],
            role=Role.MENTOR,
            created_by_tg_id=staff_b.tg_id,
            expires_at=now + timedelta(days=7),
            max_uses=5,
        )
        admin_invite = Invite(
            code=B_INVITE_CODES[1],
            role=Role.METHODIST,
            scope_municipality_id=b.id,
            created_by_tg_id=ADMIN_ID,
            expires_at=now + timedelta(days=7),
            max_uses=1,
        )
        # A questionnaire version staged (not activated) by the admin.
        active = await repos.content.active_one(ContentKind.QUESTIONNAIRE, "general")
        assert active is not None
        staged = ContentVersion(
            kind=ContentKind.QUESTIONNAIRE,
            content_id="general",
            version=40,
            body={**active.body, "version": 40},
            sha256="0" * 64,
            active=False,
            source="upload",
            uploaded_by_tg_id=ADMIN_ID,
        )
        s.add_all([invite_b, admin_invite, staged])
        await s.flush()
        w.invite_b, w.admin_invite, w.staged_upload = invite_b.id, admin_invite.id, staged.id

        # B's teacher's consultation question to B's methodist, overdue.
        question_b = ConsultQuestion(
            teacher_id=teacher_b.id,
            methodist_id=methodist_b.id,
            topic="attestation",
            subject="math",
            municipality_id=b.id,
            status="open",
            waiting_on="methodist",
            created_at=now - timedelta(days=5),
            due_at=now - timedelta(days=2),
        )
        s.add(question_b)
        await s.flush()
        s.add(
            ConsultMessage(
                question_id=question_b.id,
                author_id=teacher_b.id,
                side="teacher",
                kind="text",
                text=f"Вопрос {SECRET}",
            )
        )
        w.question_b = question_b.id
        # B's expert pool: an active expert reviewing B's teacher's practice, a request, a contest.
        expert_user = await _person(repos, env, 6010, B_NAMES["expert"], b, school_b, roles={"expert": None})
        asking = await _person(repos, env, 6011, B_NAMES["expert_pending"], b, school_b)
        expert_b = Expert(user_id=expert_user.id, subjects=["math"], municipality_id=b.id, status="active")
        pending_b = Expert(user_id=asking.id, subjects=["math"], municipality_id=b.id, status="pending")
        reviewed_b = Practice(
            author_id=teacher_b.id,
            school_id=school_b.id,
            municipality_id=b.id,
            title=f"Практика {SECRET}",
            subjects=["math"],
            description=f"Описание {SECRET}",
            status="in_review",
            round=1,
            submitted_at=now,
        )
        contest_b = Event(
            kind=EventKind.CONTEST,
            level=EventLevel.MUNICIPAL,
            title=f"Конкурс {SECRET}",
            starts_at=now + timedelta(days=20),
            timezone="Europe/Moscow",
            audience={"municipalities": [b.id]},
            status="published",
            created_by_id=staff_b.id,
            published_at=now,
        )
        s.add_all([expert_b, pending_b, reviewed_b, contest_b])
        await s.flush()
        review_b = PracticeReview(
            practice_id=reviewed_b.id,
            round=1,
            expert_id=expert_b.id,
            status="assigned",
            scores={},
            comment=f"Комментарий {SECRET}",
            due_at=now + timedelta(days=10),
        )
        s.add(review_b)
        await s.flush()
        w.expert_b, w.expert_pending_b, w.reviewed_b = expert_b.id, pending_b.id, reviewed_b.id
        w.review_b, w.contest_b = review_b.id, contest_b.id
        # Part 11: B's contest by B's staff with a stage, B's teacher registered with material and a
        # result; a contest held elsewhere and a target group of B's teacher, both waiting.
        contest = Event(
            kind=EventKind.CONTEST,
            level=EventLevel.MUNICIPAL,
            title=f"Конкурс {SECRET}",
            starts_at=now + timedelta(days=20),
            timezone="Europe/Moscow",
            audience={"municipalities": [b.id]},
            status="published",
            created_by_id=staff_b.id,
            published_at=now,
        )
        s.add(contest)
        await s.flush()
        s.add(ContestStage(event_id=contest.id, title=f"Этап {SECRET}", starts_on=today))
        s.add(
            EventRegistration(event_id=contest.id, user_id=teacher_b.id, status="registered", created_at=now)
        )
        s.add(
            ContestMaterial(
                event_id=contest.id,
                user_id=teacher_b.id,
                link=f"https://example.org/{SECRET}",
                created_at=now,
            )
        )
        s.add(ContestResultRow(event_id=contest.id, user_id=teacher_b.id, result="prize", recorded_at=now))
        record = ExternalContest(
            user_id=teacher_b.id,
            title=f"Внешний {SECRET}",
            level="regional",
            held_on=today,
            result="winner",
            file_id=env.fake._store_file("document", SECRET.encode(), "diploma.pdf", None).file_id,
            file_kind="document",
            status="pending",
        )
        mark = TargetGroupMark(user_id=teacher_b.id, group="gifted", status="pending")
        s.add_all([record, mark])
        await s.flush()
        w.contest_b, w.record_b, w.mark_b = contest.id, record.id, mark.id
        # B's teacher's categories: one claimed with a scan, one confirmed that ends this school year.
        att_claim = AttestationRecord(
            user_id=teacher_b.id,
            category="first",
            awarded_on=today - timedelta(days=300),
            expires_on=today - timedelta(days=300) + timedelta(days=1826),
            order_number=f"{SECRET}-1",
            scan_file_id=env.fake._store_file(
                "document", f"Скан {SECRET}".encode(), "scan.pdf", None
            ).file_id,
            scan_kind="document",
            status="claimed",
            source="teacher",
        )
        att_record = AttestationRecord(
            user_id=teacher_b.id,
            category="highest",
            awarded_on=today - timedelta(days=1700),
            expires_on=today + timedelta(days=126),
            order_number=f"{SECRET}-2",
            status="confirmed",
            source="import",
        )
        s.add_all([att_claim, att_record])
        await s.flush()
        w.att_claim_b, w.att_record_b = att_claim.id, att_record.id
        await repos.commit()
    return w


# --- one forged request, checked ----------------------------------------------------------------------


class ErrorLog(logging.Handler):
    """Tracebacks and errors the bot logs while the table runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _document_text(content: bytes) -> str:
    """A sent file as text: an XLSX/DOCX (a zip) by its XML parts, anything else as bytes."""
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return content.decode("utf-8", "replace")


def _leaks(haystack: str) -> list[str]:
    secrets = [SECRET, *B_NAMES.values(), *B_INVITE_CODES]
    return [s for s in secrets if s in haystack]


async def forge(
    env: BotEnv,
    actor: TgUser,
    row: Forgery,
    *,
    guarded: bool,
    snapshots: DbSnapshots,
    errors: ErrorLog,
    generic_error: str,
) -> list[str]:
    """Send one forged request; what went wrong, empty if nothing."""
    before = snapshots.take()
    mark = len(env.fake.requests)
    logged = len(errors.records)
    callback_id: str | None = None
    if row.data:
        message = actor._newest_with_inline_keyboard() or actor.last_message
        update = env.fake.make_callback_update(actor.user, message, row.data)
        callback_id = update["callback_query"]["id"]
        await actor.deliver(update)
    elif row.document is not None:
        name, content = row.document
        await actor.send_document(name, content)
    else:
        await actor.send(row.text)
    problems: list[str] = []
    for record in errors.records[logged:]:
        problems.append(f"logged {record.levelname}: {record.getMessage()[:200]}")
    sent = [r for r in env.fake.requests[mark:] if r.method != "getUpdates"]
    for request in sent:
        if not request.ok:
            problems.append(f"Bot API {request.outcome} on {request.method}: {request.description}")
    to_actor = [
        r for r in sent if r.params.get("chat_id") == actor.chat_id or r.method == "answerCallbackQuery"
    ]
    if any(generic_error in str(r.params.get("text", "")) for r in to_actor):
        problems.append("the person was told that something went wrong")
    answer_text = ""
    if callback_id is not None:
        pressed = env.fake.callback(callback_id)
        if not pressed.answered:
            problems.append("callback left unanswered")
        answer_text = str((pressed.answer or {}).get("text") or "")
    if not guarded:
        return problems
    screens = [r for r in to_actor if r.method != "answerCallbackQuery"]
    if not answer_text and not screens:
        problems.append("no answer at all: neither a note nor a screen")
    haystack = answer_text + " ".join(json.dumps(r.params, ensure_ascii=False) for r in screens)
    for request in screens:
        for upload in request.files.values():
            haystack += _document_text(upload.content)
    leaked = _leaks(haystack)
    if leaked:
        problems.append(f"showed B's {leaked}")
    changes = db_changes(before, snapshots.take())
    if changes:
        problems.append("changed the database: " + "; ".join(changes[:6]))
    return problems


async def test_no_role_reaches_another_municipality_by_forging_requests(env: BotEnv) -> None:
    world = await seed_world(env)
    assert env.app is not None
    # Sending would change rows on its own while a request is checked: the queue stays still.
    await env.app.outbox.stop()
    rows = table(world)
    actors = {role: env.user(tg_id, first_name=role) for role, tg_id in ACTOR_IDS.items()}
    for actor in actors.values():
        await actor.send("/menu")
    assert env.settings.database_url.startswith("sqlite")
    path = Path(env.settings.database_url.split("///", 1)[1])
    snapshots = DbSnapshots(path)
    errors = ErrorLog()
    logging.getLogger().addHandler(errors)
    assert env.app is not None
    generic_error = env.app.i18n.get("ru")("error-generic")[:30]
    failures: list[str] = []
    try:
        # Guarded pairs first, on the world as seeded; then what may act on B; then what changes the
        # actors themselves.
        plan = [(row, role, True) for row in rows if not row.last for role in ROLES if role in row.guarded]
        plan += [
            (row, role, False) for row in rows if not row.last for role in ROLES if role not in row.guarded
        ]
        plan += [(row, role, role in row.guarded) for row in rows if row.last for role in ROLES]
        for row, role, guarded in plan:
            problems = await forge(
                env,
                actors[role],
                row,
                guarded=guarded,
                snapshots=snapshots,
                errors=errors,
                generic_error=generic_error,
            )
            failures += [
                f"{role:12} {row.label:40} {row.data or row.text or 'document'}: {p}" for p in problems
            ]
    finally:
        logging.getLogger().removeHandler(errors)
        snapshots.close()
    failures += await invites_of_municipal_staff_stay_home(env, world)
    assert not failures, f"{len(failures)} forged requests misbehaved:\n" + "\n".join(failures)


async def invites_of_municipal_staff_stay_home(env: BotEnv, world: World) -> list[str]:
    """A municipal service's invites are for its own municipality, whatever scope the button said."""
    async with env.repos() as repos:
        made = await repos.session.scalars(
            select(Invite).where(Invite.created_by_tg_id == ACTOR_IDS[MUNI_STAFF])
        )
        return [
            f"{MUNI_STAFF:12} made an invite for {invite.role} with scope {invite.scope_municipality_id} "
            f"(their municipality is {world.muni_a})"
            for invite in made
            if invite.scope_municipality_id != world.muni_a
        ]
