"""Main menu, profile card, help and language screens."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import LangCD, MenuCD, MyDataAction, MyDataCD, ProfileAction, ProfileCD, Section
from bot.domain.profile import young_teacher
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.ui.keyboard import Keyboard
from storage.models import User

Screen = tuple[str, InlineKeyboardMarkup | None]


@dataclass(frozen=True, slots=True)
class MenuEntry:
    key: Section
    roles: frozenset[Role] | None  # None: everyone with a profile
    teachers_only: bool = False  # for those who give lessons (`users.teaches`)


# Order is the order on the screen.
SECTIONS = (
    MenuEntry(Section.DIAGNOSTICS, frozenset({Role.TEACHER}), teachers_only=True),
    MenuEntry(Section.ROUTE, frozenset({Role.TEACHER}), teachers_only=True),
    MenuEntry(Section.MENTORING, frozenset({Role.TEACHER}), teachers_only=True),
    MenuEntry(Section.EVENTS, frozenset({Role.TEACHER})),
    MenuEntry(Section.MY_SURVEYS, frozenset({Role.TEACHER})),
    MenuEntry(Section.MENTEES, frozenset({Role.MENTOR})),
    MenuEntry(Section.TEACHERS, frozenset({Role.METHODIST})),
    MenuEntry(Section.BROADCASTS, frozenset({Role.STAFF, Role.ADMIN, Role.METHODIST})),
    MenuEntry(Section.DIAG_STATS, frozenset({Role.STAFF, Role.ADMIN})),
    MenuEntry(Section.METHODISTS, frozenset({Role.STAFF, Role.ADMIN})),
    MenuEntry(Section.PAIRS, frozenset({Role.STAFF, Role.ADMIN})),
    MenuEntry(Section.SURVEYS, frozenset({Role.STAFF, Role.ADMIN})),
    MenuEntry(Section.REPORTS, frozenset({Role.STAFF, Role.ADMIN})),
    MenuEntry(Section.SCHEDULE, frozenset({Role.STAFF, Role.ADMIN})),
    MenuEntry(Section.ROLES, frozenset({Role.STAFF, Role.ADMIN})),
    MenuEntry(Section.DIRECTORY, frozenset({Role.STAFF, Role.ADMIN})),
    MenuEntry(Section.PROFILE, None),
    MenuEntry(Section.HELP, None),
)
SECTION_KEYS = frozenset(s.key for s in SECTIONS) | {Section.MAIN, Section.LANGUAGE, Section.REGISTER}


def visible_sections(roles: frozenset[Role], *, teaches: bool = True) -> list[MenuEntry]:
    return [s for s in SECTIONS if (s.roles is None or s.roles & roles) and (teaches or not s.teachers_only)]


def menu_button(_: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN).pack())]
        ]
    )


def role_names(roles: frozenset[Role], _: Translator) -> str:
    return ", ".join(_(f"role-{r.value}") for r in Role if r in roles)


def main_menu(user: User | None, roles: frozenset[Role], _: Translator, *, teaches: bool = True) -> Screen:
    """`teaches`: False for someone who gives no lessons — no diagnosis, route or mentor to offer."""
    builder = Keyboard()
    registered = user is not None and user.registered_at is not None
    if not registered:
        text = _("menu-unregistered")
        builder.button(text=_("btn-register"), callback_data=MenuCD(section=Section.REGISTER))
        if roles:
            # An administrator from ADMIN_IDS can manage roles before filling in a profile.
            for section in visible_sections(roles):
                if section.roles is not None:
                    builder.button(text=_(f"menu-{section.key}"), callback_data=MenuCD(section=section.key))
        builder.button(text=_("menu-help"), callback_data=MenuCD(section=Section.HELP))
        builder.button(text=_("menu-language"), callback_data=MenuCD(section=Section.LANGUAGE))
        builder.adjust(1)
        return text, builder.as_markup()
    assert user is not None
    first_name = (user.full_name or "").split(" ")[1:2] or (user.full_name or "").split(" ")[:1]
    text = _("menu-title", name=escape(" ".join(first_name)), roles=role_names(roles, _))
    for section in visible_sections(roles, teaches=teaches):
        builder.button(text=_(f"menu-{section.key}"), callback_data=MenuCD(section=section.key))
    builder.button(text=_("menu-language"), callback_data=MenuCD(section=Section.LANGUAGE))
    builder.adjust(1)
    return text, builder.as_markup()


def help_screen(roles: frozenset[Role], _: Translator) -> Screen:
    parts = [_("help-intro")]
    for role in (Role.MENTOR, Role.METHODIST, Role.STAFF, Role.ADMIN):
        if role in roles:
            parts.append(_(f"help-{role.value}"))
    parts.append(_("help-commands"))
    return "\n\n".join(parts), menu_button(_)


def language_screen(current: str, locales: tuple[str, ...], _: Translator) -> Screen:
    builder = Keyboard()
    for code in locales:
        mark = "✅ " if code == current else ""
        builder.button(text=mark + _(f"lang-{code}"), callback_data=LangCD(code=code))
    builder.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    builder.adjust(len(locales), 1)
    return _("lang-choose"), builder.as_markup()


def profile_text(user: User, _: Translator, year: int, *, everything: bool = False) -> str:
    """The profile card. For someone who gives no lessons the teacher's data kept from before is out
    of sight, as it is out of counting — unless `everything` (what /mydata says is stored)."""
    dash = _("profile-empty")
    municipality = _(
        "profile-municipality", value=escape(user.municipality.name) if user.municipality else dash
    )
    subjects = ", ".join(_(f"subject-{s.subject}") for s in user.subjects) or _("subjects-none")
    head = [_("profile-title"), "", _("profile-name", value=escape(user.full_name or dash)), municipality]
    if user.school is not None:
        school = escape(user.school.short_name or user.school.name)
    elif user.school_note:
        school = _("profile-school-requested", name=escape(user.school_note))
    else:
        school = dash
    teacher = [
        _("profile-school", value=school),
        _("profile-position", value=_(f"position-{user.position}") if user.position else dash),
        _("profile-subjects", value=subjects),
        (
            _("profile-experience", years=user.experience_years)
            if user.experience_years is not None
            else _("profile-experience-empty")
        ),
        _("profile-birth-year", value=str(user.birth_year) if user.birth_year else dash),
        _("profile-category", value=_(f"category-{user.category}") if user.category else dash),
    ]
    if not user.teaches:
        lines = [*head, _("profile-work-other")]
        kept = (user.school_id, user.school_note, user.position, user.experience_years, user.birth_year)
        if everything and (any(v is not None for v in kept) or user.category or user.subjects):
            lines += ["", _("profile-kept"), *teacher]
        elif "subjects" in profile_fields(user):
            lines.append(_("profile-subjects", value=subjects))
        return "\n".join(lines)
    young = young_teacher(user.teaches, user.birth_year, user.experience_years, year)
    lines = [
        *head,
        _("profile-work-teacher"),
        *teacher,
        "",
        _("profile-young-yes") if young else _("profile-young-no"),
    ]
    return "\n".join(lines)


PROFILE_FIELDS = ("name", "place", "position", "subjects", "experience", "birth_year", "category")


def profile_fields(user: User) -> tuple[str, ...]:
    """The fields of the profile a person edits: a teacher's all of them; someone who gives no
    lessons only the name and the municipality — and a methodist the subjects they accompany
    (whom their announcements reach)."""
    if user.teaches:
        return PROFILE_FIELDS
    if any(r.role == Role.METHODIST for r in user.roles):
        return ("name", "place", "subjects")
    return ("name", "place")


def profile_screen(user: User, _: Translator, year: int) -> Screen:
    builder = Keyboard()
    fields = profile_fields(user)
    for field in fields:
        key = (
            "profile-edit-municipality" if field == "place" and not user.teaches else f"profile-edit-{field}"
        )
        builder.button(text=_(key), callback_data=ProfileCD(action=ProfileAction.EDIT, field=field))
    builder.button(
        text=_("profile-edit-work"), callback_data=ProfileCD(action=ProfileAction.EDIT, field="work")
    )
    builder.button(text=_("md-open"), callback_data=MyDataCD(action=MyDataAction.SHOW))
    builder.button(text=_("profile-delete"), callback_data=ProfileCD(action=ProfileAction.DELETE))
    builder.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    builder.adjust(*([2] * (len(fields) // 2)), *([1] * (len(fields) % 2)), 1, 1, 1, 1)
    return profile_text(user, _, year), builder.as_markup()


def confirm_delete_screen(_: Translator) -> Screen:
    builder = Keyboard()
    builder.button(text=_("profile-delete-yes"), callback_data=ProfileCD(action=ProfileAction.DELETE_YES))
    builder.button(text=_("profile-delete-no"), callback_data=ProfileCD(action=ProfileAction.VIEW))
    builder.adjust(1)
    return _("profile-delete-confirm"), builder.as_markup()
