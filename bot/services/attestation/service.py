"""`AttestationService`: the teacher's categories, staff's queue and import, who is due, the support
route offered before the attestation. Scope: a municipal service reaches its municipality only
(`bot.services.roles.staff_scope`), checked here whatever a button says."""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.domain.attestation import (
    SUPPORT_STEPS,
    AttSource,
    AttStatus,
    Category,
    expiry,
    school_year,
)
from bot.domain.errors import Refusal
from bot.domain.roles import Role
from bot.domain.routes import RouteStatus, StepSource, route_period
from bot.domain.time import Clock, local_today, zone_of
from bot.services import attestation_check
from bot.services import roles as role_service
from bot.services import routes as route_service
from bot.services.attestation.matching import Matching, find_school, match, school_index
from bot.services.attestation.notices import ClaimDecided, SupportChosen
from bot.services.attestation_check import BadRow, OrderRow, Read
from bot.services.base import UnitOfWork
from bot.services.directory_check import FileKind, kind_of, size_refusal
from bot.services.directory_check import Refusal as FileRefusal
from bot.services.notices import Notifier
from bot.services.sandbox import run_child
from storage.models import AttestationRecord, User
from storage.repositories import Repos
from storage.repositories.attestation import DueRow

log = logging.getLogger(__name__)

CHECK_SECONDS = 10.0
QUEUE_PAGE = 8
STAFF = frozenset({Role.STAFF, Role.ADMIN})


# --- what the teacher sees ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Home:
    today: date
    current: AttestationRecord | None  # the current confirmed category
    pending: AttestationRecord | None  # a claim with its order, waiting for staff
    orderless: AttestationRecord | None  # the category typed at registration, no order yet
    rejected: AttestationRecord | None  # the latest rejected claim, when nothing newer came
    support_offer: bool  # expires within 6 months, support not chosen yet


@dataclass(frozen=True, slots=True)
class Claimed:
    record: AttestationRecord
    already: bool  # the same category and date are confirmed already


@dataclass(frozen=True, slots=True)
class Supported:
    route_id: int
    added: int
    already: bool = False


# --- what staff see ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Queue:
    items: list[tuple[AttestationRecord, User]]
    page: int
    total: int


@dataclass(frozen=True, slots=True)
class Card:
    record: AttestationRecord
    teacher: User


@dataclass(frozen=True, slots=True)
class Decided:
    card: Card
    done: bool  # False: someone decided it before (a double tap, a colleague)


@dataclass(frozen=True, slots=True)
class DueView:
    year: tuple[date, date]
    municipality_id: int | None
    school_id: int | None
    title: str | None  # the municipality or school named, None for the region
    rows: list[DueRow]
    region: bool  # the actor may look at the whole region

    def groups(self) -> list[tuple[int, str, int, int]]:
        """(id, name, teachers due, of them supported) per municipality (region) or school."""
        by_school = self.municipality_id is not None
        acc: dict[int, list[Any]] = {}
        for row in self.rows:
            key = (row.school_id if by_school else row.municipality_id) or 0
            name = row.school if by_school else row.municipality
            entry = acc.setdefault(key, [name, 0, 0])
            entry[1] += 1
            entry[2] += row.supported
        return sorted(((k, v[0], v[1], v[2]) for k, v in acc.items()), key=lambda g: (-g[2], g[1]))


# --- the import -------------------------------------------------------------------------------------


@dataclass
class Pending:
    """A checked file of orders waiting for «apply», as JSON for the FSM storage."""

    token: str
    name: str
    rows: list[OrderRow]
    bad: list[BadRow]

    def to_json(self) -> dict[str, Any]:
        return {
            "token": self.token,
            "name": self.name,
            "read": attestation_check.to_json(Read(rows=self.rows, bad=self.bad)),
        }

    @classmethod
    def from_json(cls, data: Any) -> Pending | None:
        try:
            read = attestation_check.from_json(data["read"])
            return cls(str(data["token"]), str(data["name"]), read.rows, read.bad)
        except (KeyError, TypeError, ValueError, IndexError):
            return None


@dataclass(frozen=True, slots=True)
class Rejected:
    name: str
    refusal: FileRefusal | None
    bad: list[BadRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Preview:
    pending: Pending
    matching: Matching
    new: int  # records to add
    confirm: int  # claims the file confirms
    same: int  # already there: a second import changes nothing

    @property
    def changes(self) -> int:
        return self.new + self.confirm


@dataclass(frozen=True, slots=True)
class Applied:
    added: int
    confirmed: int
    same: int
    unmatched: int
    ambiguous: int
    bad: int


@dataclass(frozen=True, slots=True)
class Gone:
    """No pending file with this token (applied, cancelled, or another file came since)."""


async def check_file(data: bytes, kind: FileKind, *, timeout: float = CHECK_SECONDS) -> Read:  # noqa: ASYNC109
    """`attestation_check.check_bytes` in the sandboxed child process."""
    refusal = size_refusal(len(data))
    if refusal is not None:
        return Read(refusal=refusal)
    outcome = await run_child(
        attestation_check.__name__, kind.value, data, timeout=timeout, what="attestation orders check"
    )
    if outcome.failure == "too-slow":
        return Read(refusal=FileRefusal("too-slow", {"seconds": int(timeout)}))
    if outcome.failure is not None:
        return Read(refusal=FileRefusal("broken"))
    try:
        return attestation_check.from_json(json.loads(outcome.out))
    except (ValueError, KeyError, TypeError, IndexError):
        log.error("attestation orders check answered something unreadable")
        return Read(refusal=FileRefusal("broken"))


class AttestationService:
    def __init__(
        self, repos: Repos, uow: UnitOfWork, notifier: Notifier, *, clock: Clock, timezone: str
    ) -> None:
        self.repos = repos
        self.repo = repos.attestation
        self.uow = uow
        self.notifier = notifier
        self.clock = clock
        self.timezone = timezone

    def today(self, user: User | None) -> date:
        return local_today(self.clock(), zone_of(user, self.timezone))

    # --- the teacher ---------------------------------------------------------------------------------

    async def home(self, user: User) -> Home:
        today = self.today(user)
        records = await self.repo.of_user(user.id)
        confirmed = [r for r in records if r.status is AttStatus.CONFIRMED and r.superseded_at is None]
        current = confirmed[0] if confirmed else None
        pending = next((r for r in records if r.status is AttStatus.CLAIMED and r.awarded_on), None)
        orderless = next((r for r in records if r.status is AttStatus.CLAIMED and not r.awarded_on), None)
        newest = max(records, key=lambda r: r.id, default=None)
        rejected = newest if newest is not None and newest.status is AttStatus.REJECTED else None
        offer = (
            current is not None
            and current.expires_on is not None
            and current.support_at is None
            and today <= current.expires_on
            and (current.reminded_6_at is not None or current.reminded_3_at is not None)
        )
        return Home(today, current, pending, orderless, rejected, offer)

    async def history(self, user: User) -> list[AttestationRecord]:
        return [r for r in await self.repo.of_user(user.id) if r.awarded_on is not None]

    async def claim(
        self,
        user: User,
        category: Category,
        awarded_on: date,
        order: str,
        scan: tuple[str, str] | None,
    ) -> Claimed:
        """The teacher gives a category with its order: a claim for staff (the same order twice,
        a double tap, is one record)."""
        fields: dict[str, Any] = {
            "expires_on": expiry(awarded_on),
            "order_number": order,
            "order_date": awarded_on,
            "scan_file_id": scan[0] if scan else None,
            "scan_kind": scan[1] if scan else None,
        }
        existing = await self.repo.find(user.id, category, awarded_on)
        if existing is None:
            existing = await self.repo.add(
                user_id=user.id,
                category=category,
                awarded_on=awarded_on,
                status=AttStatus.CLAIMED,
                source=AttSource.TEACHER,
                **fields,
            )
            if existing is None:  # the same claim came in meanwhile
                existing = await self.repo.find(user.id, category, awarded_on)
                assert existing is not None
        elif existing.status is AttStatus.CONFIRMED:
            return Claimed(existing, already=True)
        else:
            await self.repo.update(
                existing,
                status=AttStatus.CLAIMED,
                source=AttSource.TEACHER,
                reject_reason=None,
                decided_at=None,
                decided_by_id=None,
                **fields,
            )
        await self.repo.drop_orderless_claims(user.id)
        return Claimed(existing, already=False)

    async def own(self, user: User, record_id: int) -> AttestationRecord:
        record = await self.repo.by_id(record_id)
        if record is None or record.user_id != user.id:
            raise Refusal("att-not-yours")
        return record

    async def support(self, user: User, record_id: int, titles: Mapping[str, str]) -> Supported:
        """The steps of preparing for the attestation (portfolio, consultation, open lesson, course)
        added to the teacher's route — a route started if there is none — in one tap, once; their
        methodist is told."""
        record = await self.own(user, record_id)
        if record.status is not AttStatus.CONFIRMED:
            raise Refusal("att-support-unconfirmed")
        now, today = self.clock(), self.today(user)
        route = await self.repos.routes.current(user.id)
        if not await self.repo.mark_support(record.id, now):
            return Supported(route.id if route is not None else 0, 0, already=True)
        if route is not None and route_service.status(route) is RouteStatus.CARRIED_OUT:
            await self.repos.routes.update(route, archived_at=now)
            route = None
        if route is None:
            start, end = route_period(today)
            route = await self.repos.routes.create(
                user_id=user.id, attempt_id=None, status=RouteStatus.DRAFT, period_start=start, period_end=end
            )
        added = 0
        for step in SUPPORT_STEPS:
            try:
                await route_service.add_step(
                    self.repos,
                    route,
                    route_service.NewStep(
                        form=step.form,
                        title=titles[step.key][: route_service.TITLE_MAX],
                        area=None,
                        months=step.months,
                        source=StepSource.ATTESTATION,
                    ),
                    today,
                    check_editable=False,
                )
            except route_service.RouteFull:
                break
            added += 1
        methodist = await route_service.methodist_of(self.repos, user, now)
        if methodist is not None:
            await self.notifier.tell(
                methodist,
                SupportChosen(user.full_name, record.category, record.expires_on, route.id),
                dedupe=f"att-support:{record.id}",
            )
        return Supported(route.id, added)

    # --- staff --------------------------------------------------------------------------------------

    @staticmethod
    def _check_staff(roles: frozenset[Role]) -> None:
        if not roles & STAFF:
            raise Refusal("refused-role")

    def scope(self, user: User | None, roles: frozenset[Role]) -> int | None:
        self._check_staff(roles)
        return role_service.staff_scope(user, roles)

    async def queue(self, user: User | None, roles: frozenset[Role], page: int) -> Queue:
        scope = self.scope(user, roles)
        page = max(page, 0)
        items, total = await self.repo.claims(scope, page * QUEUE_PAGE, QUEUE_PAGE)
        if not items and page > 0 and total:
            last = (total - 1) // QUEUE_PAGE
            items, total = await self.repo.claims(scope, last * QUEUE_PAGE, QUEUE_PAGE)
            page = last
        return Queue(items, page, total)

    async def card(self, user: User | None, roles: frozenset[Role], record_id: int) -> Card:
        scope = self.scope(user, roles)
        record = await self.repo.by_id(record_id)
        teacher = await self.repos.users.by_id(record.user_id) if record is not None else None
        if record is None or teacher is None or record.awarded_on is None:
            raise Refusal("att-claim-gone")
        if scope is not None and teacher.municipality_id != scope:
            raise Refusal("att-not-your-municipality")
        return Card(record, teacher)

    async def confirm(self, user: User | None, roles: frozenset[Role], record_id: int) -> Decided:
        card = await self.card(user, roles, record_id)
        if user is not None and card.teacher.id == user.id and Role.ADMIN not in roles:
            raise Refusal("att-not-own")
        done = await self.repo.decide(
            record_id, AttStatus.CONFIRMED, by_id=user.id if user else None, now=self.clock()
        )
        if done:
            await self.repo.drop_orderless_claims(card.teacher.id)
            await self.repo.settle_current([card.teacher.id], self.clock())
            await self.notifier.tell(
                card.teacher, ClaimDecided(card.record.category, True), dedupe=f"att-ok:{record_id}"
            )
        return Decided(card, done)

    async def reject(self, user: User | None, roles: frozenset[Role], record_id: int, reason: str) -> Decided:
        card = await self.card(user, roles, record_id)
        if user is not None and card.teacher.id == user.id and Role.ADMIN not in roles:
            raise Refusal("att-not-own")
        done = await self.repo.decide(
            record_id, AttStatus.REJECTED, by_id=user.id if user else None, now=self.clock(), reason=reason
        )
        if done:
            await self.notifier.tell(
                card.teacher,
                ClaimDecided(card.record.category, False, reason),
                dedupe=f"att-no:{record_id}",
            )
        return Decided(card, done)

    async def scan(self, user: User | None, roles: frozenset[Role], record_id: int) -> AttestationRecord:
        """The order's scan: for its teacher, or for staff who may see the claim."""
        record = await self.repo.by_id(record_id)
        if record is not None and user is not None and record.user_id == user.id:
            return record
        return (await self.card(user, roles, record_id)).record

    # --- the import ---------------------------------------------------------------------------------

    async def receive(
        self,
        user: User | None,
        roles: frozenset[Role],
        *,
        name: str | None,
        size: int | None,
        fetch: Callable[[], Awaitable[bytes]],
    ) -> Rejected | Preview:
        self.scope(user, roles)
        shown = (name or "file")[:120]
        kind = kind_of(name)
        if kind is None:
            return Rejected(shown, FileRefusal("wrong-type"))
        refusal = size_refusal(size)
        read = Read(refusal=refusal) if refusal is not None else await check_file(await fetch(), kind)
        if read.refusal is not None or not read.rows:
            return Rejected(shown, read.refusal, read.bad)
        pending = Pending(secrets.token_hex(4), shown, read.rows, read.bad)
        return await self.preview(user, roles, pending)

    async def _match(self, scope: int | None, rows: list[OrderRow], user: User | None) -> Matching:
        by_code, by_name = school_index(await self.repo.schools(None))
        schools = {row.line: find_school(row, by_code, by_name) for row in rows}
        ids = [s.id for s in schools.values() if s is not None and not isinstance(s, list)]
        return match(rows, schools, await self.repo.candidates(ids), scope, self.today(user))

    async def preview(self, user: User | None, roles: frozenset[Role], pending: Pending) -> Preview:
        matching = await self._match(self.scope(user, roles), pending.rows, user)
        known = await self.repo.statuses([m.user_id for m in matching.matched])
        new = confirm = same = 0
        seen: set[tuple[int, str, date]] = set()
        for m in matching.matched:
            key = (m.user_id, m.category.value, m.awarded_on)
            if key in seen:
                same += 1
                continue
            seen.add(key)
            status = known.get(key)
            if status is None:
                new += 1
            elif status is AttStatus.CONFIRMED:
                same += 1
            else:
                confirm += 1
        return Preview(pending, matching, new, confirm, same)

    async def apply(
        self, user: User | None, roles: frozenset[Role], pending: Pending | None, token: str
    ) -> Applied | Gone:
        scope = self.scope(user, roles)
        if pending is None or pending.token != token:
            return Gone()
        matching = await self._match(scope, pending.rows, user)
        now = self.clock()
        added = confirmed = same = 0
        touched: set[int] = set()
        for m in matching.matched:
            existing = await self.repo.find(m.user_id, m.category, m.awarded_on)
            decided = {"decided_at": now, "decided_by_id": user.id if user else None}
            if existing is None:
                record = await self.repo.add(
                    user_id=m.user_id,
                    category=m.category,
                    awarded_on=m.awarded_on,
                    expires_on=m.expires_on,
                    order_number=m.order,
                    order_date=m.awarded_on,
                    status=AttStatus.CONFIRMED,
                    source=AttSource.IMPORT,
                    **decided,
                )
                if record is None:
                    same += 1
                    continue
                added += 1
            elif existing.status is AttStatus.CONFIRMED:
                same += 1
                continue
            else:
                await self.repo.update(
                    existing,
                    status=AttStatus.CONFIRMED,
                    order_number=m.order,
                    expires_on=m.expires_on,
                    reject_reason=None,
                    **decided,
                )
                confirmed += 1
            touched.add(m.user_id)
        for user_id in touched:
            await self.repo.drop_orderless_claims(user_id)
        await self.repo.settle_current(touched, now)
        log.info(
            "attestation orders imported by user %s: +%d confirmed %d same %d unmatched %d ambiguous %d",
            user.id if user else None,
            added,
            confirmed,
            same,
            len(matching.unmatched),
            len(matching.ambiguous),
        )
        return Applied(
            added, confirmed, same, len(matching.unmatched), len(matching.ambiguous), len(pending.bad)
        )

    def cancel(self, user: User | None, roles: frozenset[Role], pending: Pending | None, token: str) -> bool:
        self.scope(user, roles)
        return not token or (pending is not None and pending.token == token)

    # --- who is due this school year -----------------------------------------------------------------

    async def due(self, user: User | None, roles: frozenset[Role], m: int, s: int) -> DueView:
        allowed = self.scope(user, roles)
        if allowed is not None and m != allowed:
            m, s = allowed, 0
        municipality_id, school_id = m or None, (s or None) if m else None
        title = None
        if municipality_id is not None:
            municipality = await self.repos.directory.municipality(municipality_id)
            if municipality is None:
                raise Refusal("att-scope-gone")
            title = municipality.name
            if school_id is not None:
                school = await self.repos.directory.school(school_id)
                if school is None or school.municipality_id != municipality_id:
                    raise Refusal("att-scope-gone")
                title = f"{municipality.name} — {school.short_name or school.name}"
        year = school_year(self.today(user))
        rows = await self.repo.due(year[0], year[1], municipality_id, school_id)
        return DueView(year, municipality_id, school_id, title, rows, allowed is None)
