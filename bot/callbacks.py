"""Typed callback data. Ids and short codes only: Telegram allows 64 bytes."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class MenuCD(CallbackData, prefix="menu"):
    section: str


class RegCD(CallbackData, prefix="reg"):
    """A registration step's button. `step` lets us spot a button from an older step."""

    step: str
    action: str
    value: str = ""


class ProfileCD(CallbackData, prefix="prof"):
    action: str
    field: str = ""


class LangCD(CallbackData, prefix="lang"):
    code: str


class InviteCD(CallbackData, prefix="inv"):
    """The invite wizard carries its choices along: role → scope → uses → days."""

    action: str
    role: str = ""
    scope: int = 0
    uses: int = 0
    days: int = 0
    id: int = 0
    page: int = 0


class RolesCD(CallbackData, prefix="roles"):
    action: str
    user_id: int = 0
    role: str = ""
    page: int = 0


class DiagCD(CallbackData, prefix="dg"):
    """Diagnosis: `a` is an attempt id, `i` the item index on screen, `v` the chosen value."""

    action: str
    q: str = ""
    a: int = 0
    i: int = 0
    v: int = 0


class StatCD(CallbackData, prefix="ds"):
    """Staff aggregates: questionnaire, municipality, school, subject (0 / "" = all)."""

    action: str
    q: str = ""
    m: int = 0
    s: int = 0
    sub: str = ""
    page: int = 0


class UploadCD(CallbackData, prefix="up"):
    action: str
    id: int = 0


class MethodistCD(CallbackData, prefix="mt"):
    action: str
    user_id: int = 0
    page: int = 0


class RouteCD(CallbackData, prefix="rt"):
    """The teacher's route: `r` route id, `s` step id, `p` page, `v` a short choice (form, term…)."""

    action: str
    r: int = 0
    s: int = 0
    p: int = 0
    v: str = ""


class ReviewCD(CallbackData, prefix="rv"):
    """A methodist reviewing a route: `r` route id, `s` step id, `p` page."""

    action: str
    r: int = 0
    s: int = 0
    p: int = 0


class AssignCD(CallbackData, prefix="ag"):
    """Staff putting teachers with methodists: `t` teacher id, `m` methodist id."""

    action: str
    t: int = 0
    m: int = 0
    p: int = 0


class MentorCD(CallbackData, prefix="mn"):
    """Mentoring for mentors and young specialists: `p` pair id, `m` meeting id, `v` a short value."""

    action: str
    p: int = 0
    m: int = 0
    v: str = ""


class PairCD(CallbackData, prefix="pr"):
    """Staff's mentoring screens: `p` pair id, `m` mentor id, `a` application id, `pg` page."""

    action: str
    p: int = 0
    m: int = 0
    a: int = 0
    pg: int = 0


class AdaptCD(CallbackData, prefix="ad"):
    """The adaptation check: `c` check id, `i` the question on screen, `v` the option."""

    c: int
    i: int
    v: str


class BroadcastCD(CallbackData, prefix="bc"):
    action: str
    b: int = 0


class EventCD(CallbackData, prefix="ev"):
    """Events for teachers: `e` event id, `k` a type filter, `p` page."""

    action: str
    e: int = 0
    k: str = ""
    p: int = 0


class EventStaffCD(CallbackData, prefix="es"):
    """Creating and managing events: `e` event id, `v` a short value, `p` page."""

    action: str
    e: int = 0
    v: str = ""
    p: int = 0


class ReportCD(CallbackData, prefix="rp"):
    """The indicators report: `m` municipality, `s` school (0 = all), `p` period code, `an` 1 =
    anonymised file."""

    action: str
    m: int = 0
    s: int = 0
    p: str = ""
    an: int = 0
    pg: int = 0


class SurveyCD(CallbackData, prefix="sv"):
    """A teacher answering a survey: `r` response id, `i` the question on screen, `v` the option."""

    action: str
    r: int = 0
    i: int = 0
    v: str = ""


class SurveyStaffCD(CallbackData, prefix="ss"):
    """Staff's surveys: `c` campaign id, `v` a short value, `p` page."""

    action: str
    c: int = 0
    v: str = ""
    p: int = 0


class MyDataCD(CallbackData, prefix="md"):
    """/mydata: the export, deleting one's data, withdrawing consent."""

    action: str
