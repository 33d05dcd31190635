"""The main menu as data: every entry, who has it and the group it belongs to; the layout a person gets.

One definition serves the menu, its group screens and /help, so help can never fall behind the menu.

A person with at most `MAX_ENTRIES` buttons gets them all on one screen. Otherwise groups fold into one
button each, in `FOLD_ORDER` and only as far as needed: first the methodological service's work, then
administration, then — when still too many — colleagues and methodists, the person's own things as a
teacher, and last a methodist's accompanying of their teachers (their daily work stays on top). A
group holding a single entry never folds: a screen with one button is a tap for nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.callbacks import MenuGroup, Section
from bot.domain.roles import Role

# Buttons on one menu screen: what a phone shows without scrolling, easy to read through.
MAX_ENTRIES = 8


@dataclass(frozen=True, slots=True)
class MenuEntry:
    key: Section
    roles: frozenset[Role] | None  # None: everyone with a profile (and before it, if `before_profile`)
    group: MenuGroup | None = None  # None: always on the top level
    teaching: bool = False  # for people who teach: hidden for staff and admins who do not
    before_profile: bool = False


TEACHER = frozenset({Role.TEACHER})
STAFF = frozenset({Role.STAFF, Role.ADMIN})

# Order is the order on the screen (a folded group takes the place of its first entry).
SECTIONS = (
    MenuEntry(Section.DIAGNOSTICS, TEACHER, MenuGroup.GROWTH, teaching=True),
    MenuEntry(Section.ROUTE, TEACHER, MenuGroup.GROWTH, teaching=True),
    MenuEntry(Section.EVENTS, TEACHER, MenuGroup.GROWTH, teaching=True),
    MenuEntry(Section.MY_SURVEYS, TEACHER, MenuGroup.GROWTH, teaching=True),
    MenuEntry(Section.ATTESTATION, TEACHER, MenuGroup.GROWTH, teaching=True),
    MenuEntry(Section.MENTORING, TEACHER, MenuGroup.COMMUNITY, teaching=True),
    MenuEntry(Section.CONSULT, TEACHER, MenuGroup.COMMUNITY, teaching=True),
    MenuEntry(Section.CONSULT_BOOK, TEACHER, MenuGroup.COMMUNITY, teaching=True),
    MenuEntry(Section.ASSOCIATIONS, TEACHER, MenuGroup.COMMUNITY, teaching=True),
    MenuEntry(Section.PRACTICES, None, MenuGroup.COMMUNITY),
    MenuEntry(Section.MENTEES, frozenset({Role.MENTOR}), MenuGroup.COMMUNITY),
    MenuEntry(Section.EXPERTISE, frozenset({Role.EXPERT}), MenuGroup.COMMUNITY),
    MenuEntry(Section.TEACHERS, frozenset({Role.METHODIST}), MenuGroup.SUPPORT),
    MenuEntry(Section.CONSULT_QUEUE, frozenset({Role.METHODIST}), MenuGroup.SUPPORT),
    MenuEntry(Section.CONSULT_SLOTS, frozenset({Role.METHODIST}), MenuGroup.SUPPORT),
    MenuEntry(Section.BROADCASTS, STAFF | {Role.METHODIST}, MenuGroup.SERVICE),
    MenuEntry(Section.DIAG_STATS, STAFF, MenuGroup.SERVICE),
    MenuEntry(Section.METHODISTS, STAFF, MenuGroup.SERVICE),
    MenuEntry(Section.PAIRS, STAFF, MenuGroup.SERVICE),
    MenuEntry(Section.SURVEYS, STAFF, MenuGroup.SERVICE),
    MenuEntry(Section.EXPERTS, STAFF, MenuGroup.SERVICE),
    MenuEntry(Section.REPORTS, STAFF, MenuGroup.SERVICE),
    MenuEntry(Section.CONSULT_STAFF, STAFF, MenuGroup.SUPPORT),
    MenuEntry(Section.ASSOCIATIONS_STAFF, STAFF, MenuGroup.SUPPORT),
    MenuEntry(Section.CONFIRMATIONS, STAFF | {Role.METHODIST}, MenuGroup.SUPPORT),
    MenuEntry(Section.ATTESTATION_STAFF, STAFF, MenuGroup.SUPPORT),
    MenuEntry(Section.ROLES, STAFF, MenuGroup.ADMIN),
    MenuEntry(Section.DIRECTORY, STAFF, MenuGroup.ADMIN),
    MenuEntry(Section.SCHEDULE, STAFF, MenuGroup.ADMIN),
    MenuEntry(Section.PROFILE, None),
    MenuEntry(Section.HELP, None, before_profile=True),
)
SECTION_KEYS = frozenset(s.key for s in SECTIONS) | {Section.MAIN, Section.LANGUAGE, Section.REGISTER}
GROUPS = tuple(MenuGroup)
FOLD_ORDER = (MenuGroup.SERVICE, MenuGroup.ADMIN, MenuGroup.COMMUNITY, MenuGroup.GROWTH, MenuGroup.SUPPORT)


def has_entry(entry: MenuEntry, roles: frozenset[Role], *, teaches: bool, registered: bool) -> bool:
    if entry.teaching and not teaches:
        return False
    if entry.roles is None:
        return registered or entry.before_profile
    return bool(entry.roles & roles)


def visible_sections(
    roles: frozenset[Role], *, teaches: bool = True, registered: bool = True
) -> list[MenuEntry]:
    """Every entry the person has, in the menu's order, wherever the layout puts it."""
    return [s for s in SECTIONS if has_entry(s, roles, teaches=teaches, registered=registered)]


def group_entries(
    group: MenuGroup, roles: frozenset[Role], *, teaches: bool = True, registered: bool = True
) -> list[MenuEntry]:
    """The entries of `group` the person has (none: the group is not theirs)."""
    return [s for s in visible_sections(roles, teaches=teaches, registered=registered) if s.group == group]


@dataclass(frozen=True, slots=True)
class MenuLayout:
    top: tuple[MenuEntry | MenuGroup, ...]  # the menu's buttons: entries and folded groups
    groups: tuple[tuple[MenuGroup, tuple[MenuEntry, ...]], ...]  # each folded group's entries

    @property
    def flat(self) -> bool:
        return not self.groups

    def entries_of(self, group: MenuGroup) -> tuple[MenuEntry, ...]:
        return next((entries for g, entries in self.groups if g == group), ())


def layout(entries: Sequence[MenuEntry], *, extra: int = 0) -> MenuLayout:
    """Where each of `entries` goes; `extra` buttons (register, language) share the top screen."""
    folded: list[MenuGroup] = []

    def top() -> list[MenuEntry | MenuGroup]:
        items: list[MenuEntry | MenuGroup] = []
        for entry in entries:
            if entry.group is None or entry.group not in folded:
                items.append(entry)
            elif entry.group not in items:
                items.append(entry.group)
        return items

    for group in FOLD_ORDER:
        if len(top()) + extra <= MAX_ENTRIES:
            break
        if sum(1 for e in entries if e.group == group) > 1:
            folded.append(group)
    items = top()
    groups = tuple((g, tuple(e for e in entries if e.group == g)) for g in GROUPS if g in folded)
    return MenuLayout(tuple(items), groups)
