"""Target indicators of the support system (DOMAIN.md «Target indicators»), computed from what the
bot itself records. Plain Python over plain rows: no SQL, no aiogram, no I/O.

A report is for a scope (the region, a municipality or a school) and a period of local calendar
days `first_day … last_day`, i.e. the moments `start ≤ t < end` in the region's time zone.

**Who is counted (N).** Registered people of the scope who give lessons (`users.teaches`, asked at
registration and changed in the profile) and whose profile was finished before the period's end
(`users.registered_at < end`). Centre staff and school administrators who do not teach are not
counted; staff, methodists, mentors and administrators who teach are — they are teachers as well.
Whether someone teaches is taken as it is now, for any period.

**What is known about a teacher** (`TeacherRow`). Every moment is the *latest such moment before the
period's end* (None: never), so the same row answers «did it happen within the period?» by one
comparison `start ≤ moment < end`; a later event never hides an earlier one within the period.

**Per teacher** (`Flags`; computed column-wise for a whole table of teachers by `flag_table`, and for
one row by `flags_of`):

- *young specialist*: `bot.domain.profile.is_young_specialist(birth_year, experience_years, Y)` with
  Y the year of the period's last day — turns at most 35 that year and has at most 3 years of
  experience (seed 003 §3). Both fields must be filled in.
- *diagnosed*: finished a diagnosis (any questionnaire) within the period.
- *recommended*: within the period finished a diagnosis that gave at least one area a deficit
  level — the results screen then shows addressed recommendations for those levels.
- *route in force*: their latest route (ИОМ) saved before the end — sent to the methodist at least
  once, so not a draft — whose term reaches into the period (`period_end ≥ first_day`).
- *ИОМ on diagnosis*: the route in force was built from a diagnosis (`routes.attempt_id` set).
- *trajectory formed*: the route in force was agreed by the methodist before the end.
- *route due*: the route in force has ended by the period's last day, or is carried out already;
  *route carried out*: it is due and reached «carried out» (every step not dropped is done) before
  the end. A route whose term still runs and is not done yet is not judged.
- *mentored* / *mentoring*: a mentoring pair as the mentee / the mentor that was activated before
  the end and had not ended before the start (still open, or ended within or after the period).
- *registered for an event*: a registration (not the waiting list, not cancelled) made within the
  period; *contest*: the same for an event of kind «contest», or a result in a contest of the bot
  recorded within the period, or a contest held elsewhere on a day within the period and confirmed
  by the teacher's methodist (or staff) before the end (part 11: `contest_results`,
  `external_contests`; folded into `contest_at` by the repository).
- *community*: a member of a methodological association (ШМО, ГМО/РМО, regional; part 11) who
  within the period attended one of its meetings (the leader's mark) or gave a talk at one — the
  meeting's start within the period. (A route step «work in a professional community» and a
  conference or round table still count as *involved*, not here.)
- *course*: a route step of the form «course» done within the period, or a course event within
  the period that the teacher attended (left feedback).
- *informed*: within the period Telegram accepted for them an event announcement, an update of an
  event or the weekly digest of events — or they registered for an event.
- *involved in support*: diagnosed, a route in force, mentored or mentoring, registered for an
  event, community, a community route step or conference (as above), or course.
- *practice*: presented their experience — a practice they wrote was published in the bank of
  practices by the experts (part 10: `practices.published_at`, status «published») within the
  period. (It does not make a teacher *involved*: the indicators above keep their meaning.)

**Indicators** (`INDICATORS`, targets from the seeds, `TARGETS`): share = n / N.

| indicator | n | N | target |
| --- | --- | --- | --- |
| diagnosed | diagnosed | teachers | ≥ 60 % (003 §4.1) |
| route | ИОМ on diagnosis | teachers | ≥ 30 % (003 §4.2) |
| route_done | route carried out | route due | 80 % (003 §4.2) |
| young_supported | young ∧ involved | young specialists | 60 % (003 §4.10) |
| young_mentored | young ∧ mentored | young specialists | 100 % (002, 004) |
| informed | informed | teachers | 100 % (001) |
| involved | involved | teachers | 80 % (001) |
| community | community | teachers | 70 % (001) |
| contests | contest | teachers | 20 % (001; about 30 % a year in 004) |
| trajectory | trajectory formed | teachers | 20 % (001) |
| recommendations | diagnosed ∧ recommended | diagnosed | 100 % (001) |
| practices | practice | teachers | — (the seeds give no figure: 002 §4.4, 003, 004 ask only for a bank) |

An indicator with N = 0, or without a target (`target_of` is None), is neither met nor missed. A
value is met when `100·n ≥ target·N` (exact integers); shares are shown rounded *down* to a tenth
of a percent, so a value shown as the target is the target met.

**Counts** (003 §4, «количество»): teachers with the first and with the highest qualification
category (the category in the profile today: the bot does not record when it was obtained),
teachers who completed a course, took part in a contest, mentored, and young specialists; and expert
activity (003 §4.8): experts of the territory who sent at least one review of a practice within the
period or sat on the jury of a contest held within it (`experts.expert_activity`).

**Deficits** (`deficit_matrix`): per group (municipality, or school within a municipality) and
competence area, the share of teachers whose latest diagnosis within the period gave the area a
high deficit, among those whose latest diagnosis within the period has a level for that area.

**Attestation** (`bot.domain.indicators.attestation`): the share of teachers attested to the first
or highest category within the period, the share whose category ends within the school year (due),
and of those the share supported (the preparation steps in their route, or a question to a
methodist about the attestation) — from the attestation records, confirmed ones only.

**Pseudonyms** (`pseudonym`): the anonymised file names a teacher by a keyed hash of their id,
the same in every file made with the same key, and not reversible without it. The key is the
installation's own (PSEUDONYM_KEY, or a random one kept in the database), never the bot token;
user ids are never reused, so a code always means one person.
"""

from __future__ import annotations

from bot.domain.indicators.attestation import AttIndicator, attestation_shares
from bot.domain.indicators.deficits import (
    MAX_HEATMAP_GROUPS,
    DeficitCount,
    DeficitMatrix,
    deficit_matrix,
)
from bot.domain.indicators.experts import ExpertFact, expert_activity
from bot.domain.indicators.period import (
    ACADEMIC_YEAR_MONTH,
    DEFAULT_PERIOD,
    Period,
    PeriodCode,
    academic_year_start,
    make_period,
    months_back,
    parse_period,
)
from bot.domain.indicators.pseudonyms import (
    pseudonym,
    pseudonym_key,
)
from bot.domain.indicators.shares import (
    INDICATORS,
    TARGETS,
    Counts,
    Indicator,
    Share,
    Target,
    breakdown,
    compute,
    count_table,
    counts,
    group_breakdown,
    share_community,
    share_contests,
    share_diagnosed,
    share_informed,
    share_involved,
    share_practices,
    share_recommendations,
    share_route,
    share_route_done,
    share_trajectory,
    share_young_mentored,
    share_young_supported,
    target_of,
)
from bot.domain.indicators.table import (
    COMMUNITY_KINDS,
    CONTEST_KINDS,
    COURSE_KINDS,
    DIGEST_DEDUPE_PREFIX,
    INFORMING_BROADCASTS,
    BoolArray,
    Flags,
    FlagTable,
    FloatArray,
    MomentArray,
    TeacherRow,
    TeacherTable,
    counted,
    counted_mask,
    day_array,
    flag_table,
    flag_table_of,
    flags_of,
    moment_array,
    number_array,
    table_of,
    teacher_flags,
    utc_moment,
    young_mask,
)

__all__ = [
    "ACADEMIC_YEAR_MONTH",
    "COMMUNITY_KINDS",
    "CONTEST_KINDS",
    "COURSE_KINDS",
    "DEFAULT_PERIOD",
    "DIGEST_DEDUPE_PREFIX",
    "INDICATORS",
    "INFORMING_BROADCASTS",
    "MAX_HEATMAP_GROUPS",
    "TARGETS",
    "AttIndicator",
    "BoolArray",
    "Counts",
    "DeficitCount",
    "DeficitMatrix",
    "ExpertFact",
    "FlagTable",
    "Flags",
    "FloatArray",
    "Indicator",
    "MomentArray",
    "Period",
    "PeriodCode",
    "Share",
    "Target",
    "TeacherRow",
    "TeacherTable",
    "academic_year_start",
    "attestation_shares",
    "breakdown",
    "compute",
    "count_table",
    "counted",
    "counted_mask",
    "counts",
    "day_array",
    "deficit_matrix",
    "expert_activity",
    "flag_table",
    "flag_table_of",
    "flags_of",
    "group_breakdown",
    "make_period",
    "moment_array",
    "months_back",
    "number_array",
    "parse_period",
    "pseudonym",
    "pseudonym_key",
    "share_community",
    "share_contests",
    "share_diagnosed",
    "share_informed",
    "share_involved",
    "share_practices",
    "share_recommendations",
    "share_route",
    "share_route_done",
    "share_trajectory",
    "share_young_mentored",
    "share_young_supported",
    "table_of",
    "target_of",
    "teacher_flags",
    "utc_moment",
    "young_mask",
]
