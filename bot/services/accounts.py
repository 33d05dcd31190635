"""Consent, registration and the profile: what gets stored about a person, and when."""

from __future__ import annotations

from datetime import datetime

from bot.domain.profile import ProfileDraft
from bot.domain.roles import Role
from bot.services.roles import grant
from storage.models import User
from storage.repositories import Repos

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
}


async def give_consent(repos: Repos, tg_id: int, *, locale: str | None, now: datetime) -> User:
    """The first and only moment a row about a person appears."""
    user = await repos.users.by_tg_id(tg_id)
    if user is None:
        return await repos.users.create(tg_id, locale=locale, consent_at=now, consent_version=CONSENT_VERSION)
    await repos.users.update(user, consent_at=now, consent_version=CONSENT_VERSION)
    return user


async def delete_person(repos: Repos, user: User) -> None:
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
    )


async def _apply(repos: Repos, user: User, draft: ProfileDraft, columns: tuple[str, ...]) -> None:
    values = {c: getattr(draft, c) for c in columns if c != "subjects"}
    if values:
        await repos.users.update(user, **values)
    if "subjects" in columns:
        await repos.users.set_subjects(user, draft.subjects)
    if "school_note" in columns and draft.school_id is None and draft.school_note:
        await repos.users.add_school_request(user, draft.municipality_id, draft.school_note)


async def complete_registration(repos: Repos, user: User, draft: ProfileDraft, *, now: datetime) -> None:
    missing = draft.missing()
    if missing:
        raise ValueError(f"registration is missing {', '.join(missing)}")
    columns = tuple(c for cols in EDIT_FIELDS.values() for c in cols)
    await _apply(repos, user, draft, columns)
    await repos.users.update(user, registered_at=user.registered_at or now)
    await grant(repos, user, Role.TEACHER, actor_tg_id=None, source="registration")


async def update_profile_field(repos: Repos, user: User, field: str, draft: ProfileDraft) -> None:
    await _apply(repos, user, draft, EDIT_FIELDS[field])
