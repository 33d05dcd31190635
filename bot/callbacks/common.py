"""Callback data: The menu, registration, profile, language, /mydata, roles and invites."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.domain.profile import Step


class Section(StrEnum):
    """The menu's sections (and the screens a «back to …» button opens)."""

    ASSOCIATIONS = "associations"
    ASSOCIATIONS_STAFF = "assoc_staff"
    ATTESTATION = "attestation"  # the teacher's category
    ATTESTATION_STAFF = "att_staff"  # claims, the file of orders, who is due
    BROADCASTS = "broadcasts"
    CONSULT = "consult"
    CONSULT_QUEUE = "consult_queue"
    CONSULT_STAFF = "consult_staff"
    CONSULT_BOOK = "consult_book"  # a teacher books a consultation
    CONSULT_SLOTS = "consult_slots"  # a methodist's consultation hours
    CONFIRMATIONS = "confirmations"  # part 11: contests held elsewhere, target groups
    DIAG_STATS = "diag_stats"
    DIAGNOSTICS = "diagnostics"
    DIRECTORY = "directory"
    EVENTS = "events"
    EXPERTISE = "expertise"  # the expert's queue of practices to review
    EXPERTS = "experts"  # staff's expert pool
    HELP = "help"
    LANGUAGE = "language"
    MAIN = "main"
    MENTEES = "mentees"
    MENTORING = "mentoring"
    METHODISTS = "methodists"
    MY_SURVEYS = "my_surveys"
    PAIRS = "pairs"
    PRACTICES = "practices"
    PROFILE = "profile"
    REGISTER = "register"
    REPORTS = "reports"
    ROLES = "roles"
    ROUTE = "route"
    SCHEDULE = "schedule"
    SURVEYS = "surveys"
    TEACHERS = "teachers"


class MenuCD(CallbackData, prefix="menu"):
    section: Section


class RegAction(StrEnum):
    SHOW = "show"
    YES = "yes"
    NO = "no"
    BACK = "back"
    CANCEL = "cancel"
    NOOP = "noop"
    PICK = "pick"
    PAGE = "page"
    ALL = "all"
    NONE = "none"
    TOGGLE = "toggle"
    DONE = "done"


class RegCD(CallbackData, prefix="reg"):
    """A registration step's button. `step` lets us spot a button from an older step."""

    step: Step
    action: RegAction
    value: str = ""


class ProfileAction(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    DELETE = "delete"
    DELETE_YES = "delete_yes"


class ProfileCD(CallbackData, prefix="prof"):
    action: ProfileAction
    field: str = ""


class LangCD(CallbackData, prefix="lang"):
    code: str


class MyDataAction(StrEnum):
    SHOW = "show"
    DELETE = "delete"
    BACK = "back"
    DELETE_YES = "delete_yes"


class MyDataCD(CallbackData, prefix="md"):
    """/mydata: the export, deleting one's data, withdrawing consent."""

    action: MyDataAction


class InviteAction(StrEnum):
    NEW = "new"
    ROLE = "role"
    SCOPE = "scope"
    USES = "uses"
    DAYS = "days"
    LIST = "list"
    REVOKE = "revoke"
    CANCEL = "cancel"


class InviteCD(CallbackData, prefix="inv"):
    """The invite wizard carries its choices along: role → scope → uses → days. «⬅️ Назад» carries
    them too, so the step shown again ticks its earlier answer (`again`: 1 for the scope, where 0 is
    an answer — the whole region)."""

    action: InviteAction
    role: str = ""
    scope: int = 0
    uses: int = 0
    days: int = 0
    id: int = 0
    page: int = 0
    again: int = 0


class RolesAction(StrEnum):
    HOME = "home"
    PEOPLE = "people"
    PERSON = "person"
    REVOKE = "revoke"
    AUDIT = "audit"


class RolesCD(CallbackData, prefix="roles"):
    action: RolesAction
    user_id: int = 0
    role: str = ""
    page: int = 0
