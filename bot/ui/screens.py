"""Main menu, profile card, help and language screens."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import (
    GroupAction,
    GroupCD,
    LangCD,
    MenuCD,
    MenuGroup,
    MenuGroupCD,
    MyDataAction,
    MyDataCD,
    ProfileAction,
    ProfileCD,
    Section,
)
from bot.domain.profile import young_teacher
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.ui.keyboard import Keyboard
from bot.ui.menu import MenuEntry, MenuLayout, layout, visible_sections
from storage.models import User

Screen = tuple[str, InlineKeyboardMarkup | None]


def menu_button(_: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN).pack())]
        ]
    )


def role_names(roles: frozenset[Role], _: Translator) -> str:
    return ", ".join(_(f"role-{r.value}") for r in Role if r in roles)


def _entry_button(builder: Keyboard, entry: MenuEntry, _: Translator) -> None:
    builder.button(text=_(f"menu-{entry.key}"), callback_data=MenuCD(section=entry.key))


def _registered(user: User | None) -> bool:
    return user is not None and user.registered_at is not None


# Before registration the menu also offers «Зарегистрироваться» and the language.
UNREGISTERED_EXTRA = 2


def menu_layout(user: User | None, roles: frozenset[Role], *, teaches: bool = True) -> MenuLayout:
    """Where the person's entries go: the one layout the menu, its groups and help all follow."""
    registered = _registered(user)
    entries = visible_sections(roles, teaches=teaches, registered=registered)
    return layout(entries, extra=0 if registered else UNREGISTERED_EXTRA)


def main_menu(user: User | None, roles: frozenset[Role], _: Translator, *, teaches: bool = True) -> Screen:
    """The menu: flat for up to `MAX_ENTRIES` entries, else with groups (`bot.ui.menu.layout`).
    `teaches`: whether the person teaches (staff and admins may not): teacher-only entries hide."""
    builder = Keyboard()
    menu = menu_layout(user, roles, teaches=teaches)
    if user is None or not _registered(user):
        text = _("menu-unregistered")
        builder.button(text=_("btn-register"), callback_data=MenuCD(section=Section.REGISTER))
    else:
        first_name = (user.full_name or "").split(" ")[1:2] or (user.full_name or "").split(" ")[:1]
        text = _("menu-title", name=escape(" ".join(first_name)), roles=role_names(roles, _))
    for item in menu.top:
        if isinstance(item, MenuEntry):
            _entry_button(builder, item, _)
        else:
            builder.button(text=_(f"menu-group-{item}"), callback_data=MenuGroupCD(group=item))
    if not _registered(user):
        # No profile to hold the language yet: it stays on the menu until registration.
        builder.button(text=_("menu-language"), callback_data=MenuCD(section=Section.LANGUAGE))
    builder.adjust(1)
    return text, builder.as_markup()


def _group_heading(group: MenuGroup, _: Translator) -> str:
    return _("menu-group-heading", label=_(f"menu-group-{group}"), about=_(f"menu-group-{group}-about"))


def group_screen(group: MenuGroup, entries: Sequence[MenuEntry], _: Translator) -> Screen:
    """A group of the menu: its entries the person has, and the way back."""
    builder = Keyboard()
    for entry in entries:
        _entry_button(builder, entry, _)
    builder.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    builder.adjust(1)
    return _group_heading(group, _), builder.as_markup()


HELP_MAX = 4000  # Telegram takes 4096 characters of a message; a margin for the markup


def help_text(user: User | None, roles: frozenset[Role], _: Translator, *, teaches: bool = True) -> str:
    """Everything the person can open from the menu, a line each, in the menu's order and groups.
    Someone with many roles would get more than one message holds: then a folded group is its
    heading and its entries' names only (each group's own screen tells the rest)."""
    text = _help_text(user, roles, _, teaches=teaches, brief=False)
    if len(text) <= HELP_MAX:
        return text
    return _help_text(user, roles, _, teaches=teaches, brief=True)


def _help_text(
    user: User | None, roles: frozenset[Role], _: Translator, *, teaches: bool, brief: bool
) -> str:
    menu = menu_layout(user, roles, teaches=teaches)

    def line(entry: MenuEntry) -> str:
        return _("help-line", label=_(f"menu-{entry.key}"), about=_(f"menu-about-{entry.key}"))

    def group(item: MenuGroup) -> str:
        entries = menu.entries_of(item)
        if brief:
            names = _("help-group-names", names=", ".join(_(f"menu-{e.key}") for e in entries))
            return "\n".join([_group_heading(item, _), names])
        return "\n".join([_group_heading(item, _), *(line(e) for e in entries)])

    blocks: list[str] = []
    loose: list[str] = []  # entries on the menu itself, between groups
    for item in menu.top:
        if isinstance(item, MenuEntry):
            loose.append(line(item))
            continue
        if loose:
            blocks.append("\n".join(loose))
            loose = []
        blocks.append(group(item))
    if loose:
        blocks.append("\n".join(loose))
    parts = [_("help-intro")]
    if not _registered(user):
        parts.append(_("help-register"))
    parts.append(_("help-menu") + "\n" + "\n\n".join(blocks))
    parts.append(_("help-commands"))
    return "\n\n".join(parts)


def help_screen(user: User | None, roles: frozenset[Role], _: Translator, *, teaches: bool = True) -> Screen:
    return help_text(user, roles, _, teaches=teaches), menu_button(_)


def language_screen(
    current: str, locales: tuple[str, ...], _: Translator, *, in_profile: bool = False
) -> Screen:
    """The languages; opened from the profile (a registered person), its way back is the profile."""
    builder = Keyboard()
    for code in locales:
        mark = "✅ " if code == current else ""
        builder.button(text=mark + _(f"lang-{code}"), callback_data=LangCD(code=code))
    if in_profile:
        builder.button(text=_("btn-back"), callback_data=ProfileCD(action=ProfileAction.VIEW))
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
    if user.teaches:  # part 11: the target groups they work with
        builder.button(text=_("tg-btn-profile"), callback_data=GroupCD(action=GroupAction.HOME))
    builder.button(text=_("menu-language"), callback_data=MenuCD(section=Section.LANGUAGE))
    builder.button(text=_("md-open"), callback_data=MyDataCD(action=MyDataAction.SHOW))
    builder.button(text=_("profile-delete"), callback_data=ProfileCD(action=ProfileAction.DELETE))
    builder.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    groups = (1,) if user.teaches else ()
    builder.adjust(*([2] * (len(fields) // 2)), *([1] * (len(fields) % 2)), 1, *groups, 2, 1, 1)
    return profile_text(user, _, year), builder.as_markup()


def confirm_delete_screen(_: Translator) -> Screen:
    builder = Keyboard()
    builder.button(text=_("profile-delete-yes"), callback_data=ProfileCD(action=ProfileAction.DELETE_YES))
    builder.button(text=_("profile-delete-no"), callback_data=ProfileCD(action=ProfileAction.VIEW))
    builder.adjust(1)
    return _("profile-delete-confirm"), builder.as_markup()
