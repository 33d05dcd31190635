"""Consent, registration and the profile: what gets stored about a person, and when.

`AccountService` is the handlers' door (registration, the profile, the language, /mydata); the
module-level functions are the rules it applies, also used by seeders and tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from bot.domain.profile import (
    CATEGORIES,
    LESSONS,
    POSITIONS,
    SUBJECTS,
    WORKS,
    ProfileDraft,
    Step,
    apply_answer,
    apply_experience,
    apply_work,
)
from bot.domain.roles import Role
from bot.domain.time import Clock, zone_of
from bot.services import mydata
from bot.services.base import UnitOfWork
from bot.services.expertise import join_pool
from bot.services.roles import Redeemed, RedeemOutcome, RoleRepos, dead_invite, grant, redeem_invite
from storage.models import Municipality, School, User
from storage.repositories import AttestationRepo, ExpertRepo, PersonalDataRepo, SurveyRepo
from storage.repositories.directory import search_key


class AccountRepos(RoleRepos, Protocol):
    """What consent, registration and deletion touch (`Repos` is one)."""

    @property
    def personal_data(self) -> PersonalDataRepo: ...
    @property
    def surveys(self) -> SurveyRepo: ...
    @property
    def experts(self) -> ExpertRepo: ...
    @property
    def attestation(self) -> AttestationRepo: ...


CONSENT_VERSION = "2026-11"

# Which profile columns each editable field of the profile screen covers.
EDIT_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("full_name",),
    "place": ("municipality_id", "school_id", "school_note"),
    "position": ("position",),
    "subjects": ("subjects",),
    "experience": ("experience_years",),
    "birth_year": ("birth_year",),
    "category": ("category",),
    "work": ("teaches",),
}
# The profile field each step of a teacher's data fills (someone who starts teaching is asked the
# steps they have no answer for, and only those are saved).
STEP_FIELDS: dict[Step, str] = {
    Step.MUNI: "place",
    Step.SCHOOL: "place",
    Step.POSITION: "position",
    Step.SUBJECTS: "subjects",
    Step.EXPERIENCE: "experience",
    Step.YEAR: "birth_year",
    Step.CATEGORY: "category",
}


async def give_consent(repos: AccountRepos, tg_id: int, *, locale: str | None, now: datetime) -> User:
    """The first and only moment a row about a person appears."""
    user = await repos.users.by_tg_id(tg_id)
    if user is None:
        return await repos.users.create(tg_id, locale=locale, consent_at=now, consent_version=CONSENT_VERSION)
    await repos.users.update(user, consent_at=now, consent_version=CONSENT_VERSION)
    return user


async def delete_person(repos: AccountRepos, user: User) -> None:
    """Withdrawal of consent: the profile, roles and requests go; the audit trail is de-identified;
    survey answers stay in the totals, unlinked and undated (the day could point back to them);
    their Telegram id leaves every other row (`PersonalDataRepo.erase`)."""
    await repos.audit.forget(user.tg_id)
    await repos.personal_data.erase(user.id, user.tg_id)
    await repos.surveys.forget(user.id)
    await repos.users.delete(user)


def draft_from_user(user: User) -> ProfileDraft:
    return ProfileDraft(
        full_name=user.full_name,
        municipality_id=user.municipality_id,
        school_id=user.school_id,
        school_note=user.school_note,
        position=user.position,
        subjects=tuple(s.subject for s in user.subjects),
        experience_years=user.experience_years,
        birth_year=user.birth_year,
        category=user.category,
        teaches=user.teaches,
    )


async def _apply(repos: AccountRepos, user: User, draft: ProfileDraft, columns: tuple[str, ...]) -> None:
    values = {c: getattr(draft, c) for c in columns if c != "subjects"}
    if values:
        await repos.users.update(user, **values)
    if "subjects" in columns:
        await repos.users.set_subjects(user, draft.subjects)
    if "school_note" in columns and draft.school_id is None and draft.school_note:
        await repos.users.add_school_request(user, draft.municipality_id, draft.school_note)
    if "category" in columns:
        # The category typed here is a claim until the teacher gives its order (🏅 Аттестация).
        await repos.attestation.registration_claim(user.id, draft.category)


async def complete_registration(
    repos: AccountRepos, user: User, draft: ProfileDraft, *, now: datetime
) -> None:
    missing = draft.missing()
    if missing:
        raise ValueError(f"registration is missing {', '.join(missing)}")
    if draft.teaches:
        columns = tuple(c for cols in EDIT_FIELDS.values() for c in cols)
    else:
        # Least data: someone who gives no lessons leaves nothing of a teacher's data, even an
        # answer given before going back and choosing otherwise.
        columns = ("full_name", "municipality_id", "teaches")
    await _apply(repos, user, draft, columns)
    await repos.users.update(user, registered_at=user.registered_at or now)
    # The role opens the sections of everyone registered (events, surveys); who is counted and
    # targeted as a teacher is `users.teaches`.
    await grant(repos, user, Role.TEACHER, actor_tg_id=None, source="registration")


async def update_profile_field(repos: AccountRepos, user: User, field: str, draft: ProfileDraft) -> None:
    await _apply(repos, user, draft, EDIT_FIELDS[field])


async def change_work(repos: AccountRepos, user: User, draft: ProfileDraft, asked: list[Step]) -> None:
    """«🔁 Кем работаю»: whether the person teaches, with the teacher's data asked on the way (the
    steps in `asked`). Data given earlier stays: someone who stops teaching is simply not counted
    among teachers, and finds it again on coming back."""
    fields = dict.fromkeys(STEP_FIELDS[step] for step in asked if step in STEP_FIELDS)
    columns = tuple(c for field in ("work", *fields) for c in EDIT_FIELDS[field])
    await _apply(repos, user, draft, columns)


@dataclass(frozen=True, slots=True)
class Municipalities:
    """A page of the municipality step: filtered by a typed part of the name, cities and districts
    mixed by name."""

    items: list[Municipality]
    page: int
    total: int


@dataclass(frozen=True, slots=True)
class Schools:
    municipality: Municipality
    items: list[School]
    page: int
    total: int


@dataclass(frozen=True, slots=True)
class Finished:
    """Registration done: the roles now held (a role from an invite shows at once), and what came
    of the invite the person started with, if any."""

    roles: frozenset[Role]
    invite: Redeemed | None


class AccountService:
    def __init__(self, repos: AccountRepos, uow: UnitOfWork, *, clock: Clock, timezone: str) -> None:
        self.repos = repos
        self.users = repos.users
        self.directory = repos.directory
        self.uow = uow
        self.clock = clock
        self.timezone = timezone

    # --- consent, registration, the profile ------------------------------------------------------

    async def give_consent(self, tg_id: int, locale: str | None) -> User:
        return await give_consent(self.repos, tg_id, locale=locale, now=self.clock())

    async def delete(self, user: User) -> None:
        await delete_person(self.repos, user)

    async def dead_invite(self, code: str) -> Redeemed | None:
        """Why an invite link opened before registering cannot work (None: it can)."""
        return await dead_invite(self.repos, code, self.clock())

    async def redeem(self, user: User, code: str, roles: frozenset[Role]) -> Finished:
        """An invite link followed by someone registered already."""
        result = await redeem_invite(self.repos, user, code, self.clock())
        await self._expert_joined(user, code, result)
        return Finished(roles | frozenset(r.role for r in user.roles), result)

    async def finish(
        self, user: User, draft: ProfileDraft, invite: str | None, roles: frozenset[Role]
    ) -> Finished:
        await complete_registration(self.repos, user, draft, now=self.clock())
        result = await redeem_invite(self.repos, user, invite, self.clock()) if invite else None
        await self._expert_joined(user, invite, result)
        return Finished(roles | frozenset(r.role for r in user.roles), result)

    async def _expert_joined(self, user: User, code: str | None, result: Redeemed | None) -> None:
        """An expert invite puts the person in the expert pool too (the pool is the source of truth)."""
        if (
            code
            and result is not None
            and result.outcome is RedeemOutcome.GRANTED
            and result.role is Role.EXPERT
        ):
            invite = await self.repos.invites.by_code(code)
            await join_pool(
                self.repos.experts, user, invite.scope_municipality_id if invite else None, self.clock()
            )

    async def save_field(self, user: User, field: str, draft: ProfileDraft) -> None:
        await update_profile_field(self.repos, user, field, draft)

    async def change_work(self, user: User, draft: ProfileDraft, asked: list[Step]) -> None:
        await change_work(self.repos, user, draft, asked)

    async def set_locale(self, user: User, code: str) -> None:
        if user.locale != code:
            await self.users.update(user, locale=code)

    # --- the list steps ----------------------------------------------------------------------------

    async def municipalities(self, query: str | None, page: int, size: int) -> Municipalities:
        munis, _total = await self.directory.municipalities()
        # A region has tens of municipalities: filter and page in memory.
        munis.sort(key=lambda m: search_key(m.name.removeprefix("г. ")))
        if query:
            needle = search_key(query)
            munis = [m for m in munis if needle in search_key(m.name)]
        return Municipalities(munis[page * size : (page + 1) * size], page, len(munis))

    async def schools(
        self, municipality_id: int | None, query: str | None, page: int, size: int
    ) -> Schools | None:
        """A page of the school step; None when the municipality chosen is gone."""
        municipality = await self.directory.municipality(municipality_id or 0)
        if municipality is None:
            return None
        schools, total = await self.directory.schools(
            municipality.id, query=query, offset=page * size, limit=size
        )
        return Schools(municipality, schools, page, total)

    async def choose(self, step: Step, value: str, draft: ProfileDraft) -> ProfileDraft | None:
        """A button of a list step chosen: the draft with it, or None when the choice is gone (a
        municipality or school removed, a school of another municipality, an unknown code)."""
        number = int(value) if value.isdigit() else 0
        if step == Step.MUNI:
            municipality = await self.directory.municipality(number)
            if municipality is None:
                return None
            if draft.municipality_id != municipality.id:
                draft.school_id, draft.school_note = None, None
            draft.municipality_id = municipality.id
        elif step == Step.SCHOOL:
            school = await self.directory.school(number)
            if school is None or school.municipality_id != draft.municipality_id:
                return None
            draft.school_id, draft.school_note = school.id, None
        elif step == Step.WORK and value in WORKS:
            draft = apply_work(draft, value)
        elif step == Step.LESSONS and value in LESSONS:
            draft.teaches = value == "yes"
        elif step == Step.POSITION and value in POSITIONS:
            draft.position = value
        elif step == Step.CATEGORY and value in CATEGORIES:
            draft.category = value
        else:
            return None
        return draft

    def answer(self, step: Step, text: str, draft: ProfileDraft) -> ProfileDraft:
        """A typed answer (raises InvalidAnswer, said by the step's screen)."""
        return apply_answer(step, text, draft, self.clock().year)

    def picked_experience(self, draft: ProfileDraft, years: int) -> ProfileDraft:
        return apply_experience(draft, years, self.clock().year)

    @staticmethod
    def toggle_subject(draft: ProfileDraft, code: str) -> ProfileDraft:
        if code in SUBJECTS:
            chosen = set(draft.subjects) ^ {code}
            draft.subjects = tuple(s for s in SUBJECTS if s in chosen)
        return draft

    # --- /mydata ---------------------------------------------------------------------------------

    async def export(
        self, user: User | None, dialogue: Mapping[str, Any] | None, preferences: Mapping[str, Any] | None
    ) -> mydata.Export | None:
        """The person's data as a file; for someone without a row, what is kept under their id."""
        now = self.clock()
        if user is None:
            return mydata.guest_export(now, self.timezone, dialogue, preferences)
        data = await self.repos.personal_data.collect(user.id)
        if data is None:
            return None
        timezone = zone_of(user, self.timezone)
        export = mydata.document(user, data, now, timezone, dialogue, preferences)
        labels = await self.repos.personal_data.labels(**mydata.label_ids(data))
        readable = mydata.portrait(user, data, labels, now, timezone, dialogue=bool(dialogue))
        return replace(export, portrait=readable)
