"""What staff and methodists see of the diagnosis: the aggregates of a slice of teachers, the
results file, and the results of the teachers who share them with their methodist.

Every slice comes from a button, so possibly forged: `asked` holds municipal staff to their
municipality and its schools (`Refusal("stats-out-of-scope")` otherwise); a methodist opens a
teacher only by `roles.methodist_may_see`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.diagnostics import ContentKind, Level, Questionnaire
from bot.domain.errors import Refusal
from bot.domain.profile import SUBJECTS
from bot.domain.roles import Role, scope_covers
from bot.domain.time import zone_of
from bot.services import content as content_service
from bot.services import roles as role_service
from bot.services.diagnosis import DiagnosisService, Outcome
from storage.models import User
from storage.repositories import ContentRepo, DiagnosisRepo, DirectoryRepo, UserRepo
from storage.repositories.diagnosis import TeacherResult

MUNICIPALITIES_SHOWN = 40
SCHOOLS_SHOWN = 60


@dataclass(frozen=True, slots=True)
class Aggregate:
    questionnaire: Questionnaire
    teachers: int
    diagnosed: int
    areas: list[tuple[str, str, int, int, int]]  # area id, title, high, medium, low

    @property
    def share(self) -> float:
        return round(100 * self.diagnosed / self.teachers, 1) if self.teachers else 0.0


@dataclass(frozen=True, slots=True)
class Slice:
    """Which teachers staff look at: a municipality, a school, a subject (None = all)."""

    municipality_id: int | None = None
    school_id: int | None = None
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class Ask:
    """What a button asks for: a questionnaire and a slice, as ids (0 / "" = all)."""

    q: str
    m: int = 0
    s: int = 0
    sub: str = ""


@dataclass(frozen=True, slots=True)
class Asked:
    """What a button asks for, checked to be within the actor's reach (`asked`), and its slice."""

    ask: Ask
    part: Slice


@dataclass(frozen=True, slots=True)
class Stats:
    """The aggregate of a slice, named (a municipality, a school, a subject code; None = not chosen);
    `ask` is what the screen's buttons ask for next. `aggregate` None: the questionnaire is gone."""

    ask: Ask
    aggregate: Aggregate | None
    municipality: str | None = None
    school: str | None = None
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class Municipalities:
    """The region's municipalities to choose from (regional staff and admins)."""

    q: str
    items: list[tuple[int, str]]


@dataclass(frozen=True, slots=True)
class Export:
    questionnaire: Questionnaire
    rows: list[TeacherResult]
    timezone: str  # the reader's: the file's times are theirs, as in the chat
    now: datetime


@dataclass(frozen=True, slots=True)
class TeacherView:
    """A teacher's latest results, as their methodist sees them."""

    name: str | None
    outcome: Outcome
    timezone: str


class StaffDiagnosisService:
    def __init__(
        self,
        diagnosis: DiagnosisRepo,
        content: ContentRepo,
        directory: DirectoryRepo,
        users: UserRepo,
        teacher_side: DiagnosisService,
        *,
        timezone: str,
    ) -> None:
        self.diagnosis = diagnosis
        self.content = content
        self.directory = directory
        self.users = users
        self.teacher_side = teacher_side
        self.timezone = timezone

    # --- staff: aggregates ------------------------------------------------------------------------

    async def questionnaires(self) -> list[Questionnaire]:
        return [q for _version, q in await content_service.questionnaires(self.content)]

    async def scopes(self, user: User | None, roles: frozenset[Role], q: str) -> Stats | Municipalities:
        """Where to look: municipal staff get their municipality's aggregate at once (no choice)."""
        fixed = role_service.staff_scope(user, roles)
        if fixed is not None:
            return await self._stats(Ask(q, m=fixed), Slice(municipality_id=fixed))
        municipalities, _total = await self.directory.municipalities(limit=MUNICIPALITIES_SHOWN)
        return Municipalities(q, [(muni.id, muni.name) for muni in municipalities])

    async def asked(self, user: User | None, roles: frozenset[Role], ask: Ask) -> Asked:
        """What a (possibly forged) button asks for, if it is within the actor's reach (the `InSlice`
        filter's loader, which runs before the router's role gate: it says the gate's «no» itself):
        municipal staff see their municipality and its schools only, and a school must lie in the
        municipality chosen."""
        if not roles & {Role.STAFF, Role.ADMIN}:
            raise Refusal("refused-role")
        actor_scope = role_service.staff_scope(user, roles)
        refused = Refusal("stats-out-of-scope")
        if actor_scope is not None and ask.m != actor_scope:
            raise refused
        if ask.sub and ask.sub not in SUBJECTS:
            raise refused
        if ask.s:
            school = await self.directory.school(ask.s)
            if school is None or not scope_covers(actor_scope, school.municipality_id):
                raise refused
            if ask.m and school.municipality_id != ask.m:
                raise refused
        return Asked(ask, Slice(ask.m or None, ask.s or None, ask.sub or None))

    async def stats(self, asked: Asked) -> Stats:
        return await self._stats(asked.ask, asked.part)

    async def schools(self, asked: Asked) -> list[tuple[int, str]]:
        """The schools of the slice's municipality to narrow it to."""
        if asked.part.municipality_id is None:
            raise Refusal("stats-out-of-scope")
        schools, _total = await self.directory.schools(
            asked.part.municipality_id, query=None, offset=0, limit=SCHOOLS_SHOWN
        )
        return [(school.id, school.short_name or school.name) for school in schools]

    async def export(self, asked: Asked, reader: User | None = None) -> Export:
        """The latest results of every teacher of the slice, for the results file (its times in
        the `reader`'s zone)."""
        ask, part = asked.ask, asked.part
        version = await self.content.active_one(ContentKind.QUESTIONNAIRE, ask.q)
        if version is None:
            raise Refusal("diag-gone", alert=False)
        rows = await self.diagnosis.teacher_results(
            ask.q, municipality_id=part.municipality_id, school_id=part.school_id, subject=part.subject
        )
        zone = zone_of(reader, self.timezone)
        questionnaire = content_service.as_questionnaire(version)
        return Export(questionnaire, rows, zone, self.teacher_side.clock())

    async def aggregate(self, questionnaire_id: str, part: Slice) -> Aggregate | None:
        version = await self.content.active_one(ContentKind.QUESTIONNAIRE, questionnaire_id)
        if version is None:
            return None
        questionnaire = content_service.as_questionnaire(version)
        m, s, sub = part.municipality_id, part.school_id, part.subject
        teachers = await self.diagnosis.count_teachers(municipality_id=m, school_id=s, subject=sub)
        diagnosed, counts = await self.diagnosis.level_counts(
            questionnaire_id, municipality_id=m, school_id=s, subject=sub
        )
        areas = [
            (
                area.id,
                area.title,
                counts.get(area.id, {}).get(Level.HIGH, 0),
                counts.get(area.id, {}).get(Level.MEDIUM, 0),
                counts.get(area.id, {}).get(Level.LOW, 0),
            )
            for area in questionnaire.areas
        ]
        return Aggregate(questionnaire, teachers, diagnosed, areas)

    async def _stats(self, ask: Ask, part: Slice) -> Stats:
        aggregate = await self.aggregate(ask.q, part)
        municipality = school = None
        if part.municipality_id:
            muni = await self.directory.municipality(part.municipality_id)
            municipality = muni.name if muni else "?"
        if part.school_id:
            found = await self.directory.school(part.school_id)
            school = (found.short_name or found.name) if found else "?"
        return Stats(ask, aggregate, municipality, school, part.subject)

    # --- methodists -------------------------------------------------------------------------------

    async def shared_teachers(self, methodist: User | None) -> list[User]:
        """Teachers who share their results with the methodists of this one's municipality."""
        return await self.diagnosis.shared_teachers(role_service.role_scope(methodist, Role.METHODIST))

    async def teacher(self, methodist: User | None, roles: frozenset[Role], teacher_id: int) -> User:
        """A teacher whose results this methodist may see (the `OwnTeacher` filter's loader, which
        runs before the router's role gate: it says the gate's «no» itself)."""
        if Role.METHODIST not in roles:
            raise Refusal("refused-role")
        teacher = await self.users.by_id(teacher_id)
        if teacher is None or not role_service.methodist_may_see(methodist, teacher):
            raise Refusal("methodist-not-shared")
        return teacher

    async def teacher_results(self, teacher: User) -> TeacherView:
        finished = await self.diagnosis.finished(teacher.id)
        if not finished:
            raise Refusal("diag-history-empty", alert=False)
        outcome = await self.teacher_side.outcome(teacher, finished[0].id)
        return TeacherView(teacher.full_name, outcome, self.timezone)
