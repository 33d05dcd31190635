"""Part 9: the menu a person on a phone reads at a glance, and help that lists all of it.

For every kind of person (a teacher, a young specialist, a mentor, a methodist, municipal and centre
staff, an admin, an admin who teaches, and one who holds every role): no menu screen has more than
`MAX_ENTRIES` buttons, no two labels read alike, every entry opens its screen, every group refuses a
forged tap from someone who lacks it, and /help names every entry the person can reach.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations

import pytest

from bot.callbacks import MenuGroup, MenuGroupCD
from bot.config import SUPPORTED_LOCALES
from bot.domain.roles import Role
from bot.i18n import I18n
from bot.services import roles as role_service
from bot.ui.menu import GROUPS, MAX_ENTRIES, SECTIONS, layout, visible_sections
from bot.ui.screens import help_text, main_menu
from storage.models import User
from tests.conftest import ADMIN_ID, BotEnv
from tests.fakes import TgUser
from tests.flows import last_answer, open_section, register

# --- what "reads alike" means ---------------------------------------------------------------------

# Words that do not tell one entry from another: possessives, conjunctions, prepositions.
FILLER = frozenset(
    {"мой", "моя", "моё", "мое", "мои", "и", "в", "на", "по", "для", "с", "за", "к", "о", "об", "из", "от"}
    | {"my", "and", "of", "the", "for", "to", "in", "a", "an", "on"}
)
# Word endings, longest first: «диагностика» and «диагностики» are one word.
ENDINGS = tuple(
    sorted(
        {"ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ов", "ев", "ей", "ам", "ям", "ах", "ях"}
        | {"ой", "ый", "ий", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ом", "ем", "ия", "ью"}
        | {"а", "я", "ы", "и", "е", "о", "у", "ю", "ь", "ing", "es", "s"},
        key=len,
        reverse=True,
    )
)


def words(label: str) -> list[str]:
    """The label's telling words, lower case, endings cut (the emoji and filler words dropped)."""
    stems = []
    for word in re.findall(r"[^\W\d_]+", label.lower()):
        if word in FILLER:
            continue
        ending = next((e for e in ENDINGS if word.endswith(e) and len(word) - len(e) >= 3), "")
        stems.append(word[: len(word) - len(ending)] if ending else word)
    return stems


def alike(a: str, b: str) -> bool:
    """Two labels read alike when, the emoji aside, they say the same; when their first telling
    words begin alike (five letters: «Наставничество» / «Наставники и пары»); or when every word
    of one is in the other («Опросы» / «Опросы и мониторинг», «Диагностика» / «Результаты
    диагностики»)."""
    wa, wb = words(a), words(b)
    if not wa or not wb or wa == wb:
        return True
    if wa[0][:5] == wb[0][:5]:
        return True
    return set(wa) <= set(wb) or set(wb) <= set(wa)


def test_the_issue_s_pairs_read_alike_by_this_measure() -> None:
    # The measure catches what the issue saw, so passing it means something.
    assert alike("📊 Диагностика", "📊 Результаты диагностики")
    assert alike("📝 Опросы", "📝 Опросы и мониторинг")
    assert alike("🤝 Наставничество", "🤝 Наставники и пары")
    assert not alike("📊 Моя диагностика", "📈 Отчёты и показатели")


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_no_two_labels_of_the_whole_menu_read_alike(locale: str) -> None:
    _ = I18n().get(locale)
    labels = [_(f"menu-{s.key}") for s in SECTIONS] + [_(f"menu-group-{g}") for g in GROUPS]
    clashes = [(a, b) for a, b in combinations(labels, 2) if alike(a, b)]
    assert clashes == []
    # Telegram shows about 30 characters of a button on a phone before it cuts them.
    assert all(len(label) <= 32 for label in labels), labels


# --- the people ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of person: their roles besides teaching, and whether they teach at all."""

    name: str
    roles: tuple[Role, ...] = ()
    teaches: bool = True
    young: bool = False
    municipal: bool = False  # staff or methodist of one municipality (else the region)
    admin_id: bool = False  # the admin of ADMIN_IDS (config), not a stored role
    expected_groups: frozenset[MenuGroup] = field(default_factory=frozenset)


KINDS = (
    Kind("teacher", expected_groups=frozenset({MenuGroup.COMMUNITY})),
    Kind("young specialist", young=True, expected_groups=frozenset({MenuGroup.COMMUNITY})),
    Kind("mentor", (Role.MENTOR,), expected_groups=frozenset({MenuGroup.COMMUNITY})),
    Kind(
        "methodist",
        (Role.METHODIST,),
        expected_groups=frozenset({MenuGroup.GROWTH, MenuGroup.COMMUNITY, MenuGroup.SUPPORT}),
    ),
    Kind(
        "municipal staff",
        (Role.STAFF,),
        teaches=False,
        municipal=True,
        expected_groups=frozenset({MenuGroup.SERVICE, MenuGroup.SUPPORT, MenuGroup.ADMIN}),
    ),
    Kind(
        "centre staff",
        (Role.STAFF,),
        teaches=False,
        expected_groups=frozenset({MenuGroup.SERVICE, MenuGroup.SUPPORT, MenuGroup.ADMIN}),
    ),
    Kind(
        "admin",
        teaches=False,
        admin_id=True,
        expected_groups=frozenset({MenuGroup.SERVICE, MenuGroup.SUPPORT, MenuGroup.ADMIN}),
    ),
    Kind("admin who teaches", admin_id=True, expected_groups=frozenset(GROUPS)),
    Kind("methodist who is not a teacher", (Role.METHODIST,), teaches=False),
    Kind(
        "every role",
        (Role.MENTOR, Role.METHODIST, Role.STAFF, Role.ADMIN),
        expected_groups=frozenset(GROUPS),
    ),
)
IDS = [k.name for k in KINDS]


async def person(env: BotEnv, kind: Kind) -> TgUser:
    """A registered person of `kind`: a teacher's profile, the roles granted, teaching taken away
    for those who do not teach."""
    tg_id = ADMIN_ID if kind.admin_id else 7001
    user = env.user(tg_id)
    if kind.young:
        await register(user, name="Юная Яна Юрьевна")
    else:
        await register(user, name="Опытная Ольга Николаевна", experience="15", birth_year="1979")
    async with env.repos() as repos:
        record = await repos.users.by_tg_id(tg_id)
        assert record is not None
        scope = record.municipality_id if kind.municipal else None
        for role in kind.roles:
            await role_service.grant(
                repos, record, role, actor_tg_id=None, source="test", scope_municipality_id=scope
            )
        if not kind.teaches:
            await repos.users.remove_role(record, Role.TEACHER)
        await repos.commit()
    return user


def effective(kind: Kind) -> frozenset[Role]:
    roles = set(kind.roles) | ({Role.TEACHER} if kind.teaches else set())
    return frozenset(roles | ({Role.ADMIN} if kind.admin_id else set()))


# --- what a person finds ----------------------------------------------------------------------------


@dataclass
class Found:
    top: list[str]  # the menu's buttons
    groups: dict[str, list[str]]  # a group's button → its screen's buttons
    entries: list[str]  # every entry reachable, top level and groups
    texts: set[str]  # the texts of the menu and its group screens


async def walk_menu(user: TgUser) -> Found:
    await user.send("/menu")
    menu = user.last_message
    top = list(menu.button_texts)
    prefix = MenuGroupCD.__prefix__ + ":"
    group_labels = [b["text"] for b in menu.inline_buttons if str(b["callback_data"]).startswith(prefix)]
    groups: dict[str, list[str]] = {}
    texts = {menu.text or ""}
    for label in group_labels:
        await user.send("/menu")
        await user.click(label)
        groups[label] = list(user.last_message.button_texts)
        texts.add(user.last_message.text or "")
    entries = [t for t in top if t not in groups]
    entries += [t for inside in groups.values() for t in inside if t != "🏠 В меню"]
    return Found(top, groups, entries, texts)


def expected_entries(kind: Kind) -> list[str]:
    _ = I18n().get("ru")
    return [_(f"menu-{s.key}") for s in visible_sections(effective(kind))]


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
async def test_every_menu_screen_fits_a_phone_and_every_entry_opens_its_screen(
    env: BotEnv, kind: Kind
) -> None:
    user = await person(env, kind)
    found = await walk_menu(user)
    assert len(found.top) <= MAX_ENTRIES, found.top
    for label, inside in found.groups.items():
        assert len(inside) <= MAX_ENTRIES, (label, inside)
        assert inside[-1] == "🏠 В меню"
        assert len(inside) > 2, f"a group of one entry is a tap for nothing: {label} {inside}"
    _ = I18n().get("ru")
    assert {g for g in GROUPS if _(f"menu-group-{g}") in found.groups} == kind.expected_groups
    # Everything the person may do is reachable, once, and nothing else.
    assert sorted(found.entries) == sorted(expected_entries(kind))
    assert "🌐 Язык / Language" not in found.entries
    labels = found.top + [t for inside in found.groups.values() for t in inside if t != "🏠 В меню"]
    assert [(a, b) for a, b in combinations(labels, 2) if alike(a, b)] == []
    for label in found.entries:
        await open_section(user, label)
        assert (user.last_message.text or "") not in found.texts, label
        assert "недоступ" not in last_answer(env) and "нужной ролью" not in last_answer(env), label
    assert env.fake.error_responses() == []


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
async def test_a_group_refuses_a_forged_tap_from_someone_who_lacks_it(env: BotEnv, kind: Kind) -> None:
    user = await person(env, kind)
    roles = effective(kind)
    await user.send("/menu")
    menu = user.last_message
    before = menu.text
    lacking = [g for g in GROUPS if not [s for s in visible_sections(roles) if s.group == g]]
    for group in lacking:
        await user.click_data(MenuGroupCD(group=group).pack(), message=menu)
        assert "нужной ролью" in last_answer(env), group
        assert user.last_message.text == before
    # And one they have opens (when they have any group's entries at all).
    having = [g for g in GROUPS if g not in lacking]
    for group in having:
        await user.send("/menu")
        await user.click_data(MenuGroupCD(group=group).pack())
        assert "нужной ролью" not in last_answer(env)
    assert env.fake.error_responses() == []


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
async def test_help_lists_every_entry_the_person_can_reach(env: BotEnv, kind: Kind) -> None:
    user = await person(env, kind)
    found = await walk_menu(user)
    await user.send("/help")
    text = user.last_message.text or ""
    _ = I18n().get("ru")
    brief = _("help-group-names", names="").split(":")[0] + ":"  # «Здесь:» — a folded group named briefly
    for label in found.entries:
        about = next(_(f"menu-about-{s.key}") for s in SECTIONS if _(f"menu-{s.key}") == label)
        assert f"{label} — {about}" in text or (label in text and brief in text), label
    for label in found.groups:
        assert label in text, label
    # Nothing the person cannot reach.
    for section in SECTIONS:
        label = _(f"menu-{section.key}")
        if label not in found.entries:
            assert label not in text, label
    assert "python -m bot" not in text


async def test_the_language_is_chosen_in_the_profile(env: BotEnv) -> None:
    user = await person(env, KINDS[0])
    await user.send("/menu")
    assert not [b for b in user.buttons() if "Язык" in b]
    await user.click("👤 Профиль")
    await user.click("🌐 Язык / Language")
    assert "Выберите язык" in user.last_message.text
    await user.click("English")
    assert "we speak English" in user.last_message.text
    await user.click("⬅️ Back")
    assert "Your profile" in user.last_message.text
    await user.send("/menu")
    assert "👤 Profile" in user.buttons()
    assert env.fake.error_responses() == []


async def test_before_registration_the_admin_s_menu_is_grouped_and_offers_the_language(env: BotEnv) -> None:
    admin = env.user(ADMIN_ID)
    await admin.send("/menu")
    labels = admin.buttons()
    assert len(labels) <= MAX_ENTRIES, labels
    assert "📝 Зарегистрироваться" in labels and "🌐 Язык / Language" in labels
    await admin.click("🏛 Методическая служба")
    assert "📈 Отчёты и показатели" in admin.buttons()
    await admin.send("/menu")
    await admin.click("❓ Помощь")
    assert "Зарегистрироваться" in admin.last_message.text
    assert "📈 Отчёты и показатели" in admin.last_message.text


# --- people who do not teach ----------------------------------------------------------------------


def test_teacher_entries_hide_for_someone_who_does_not_teach() -> None:
    _ = I18n().get("ru")
    user = User(tg_id=1, full_name="Сотрудникова Елена Ивановна", registered_at=datetime.now(UTC))
    roles = frozenset({Role.TEACHER, Role.STAFF})
    markup = main_menu(user, roles, _)[1]
    markup_not = main_menu(user, roles, _, teaches=False)[1]
    assert markup is not None and markup_not is not None
    flat = [b.text for row in markup.inline_keyboard for b in row]
    flat_not = [b.text for row in markup_not.inline_keyboard for b in row]
    assert "📚 Моё развитие" in flat and "📚 Моё развитие" not in flat_not
    assert "📊 Моя диагностика" not in help_text(user, roles, _, teaches=False)
    assert "📊 Моя диагностика" in help_text(user, roles, _)
    assert len(flat) <= MAX_ENTRIES and len(flat_not) <= MAX_ENTRIES


@pytest.mark.parametrize("teaches", [True, False])
def test_every_combination_of_roles_fits(teaches: bool) -> None:
    """Not only the kinds above: every set of roles gets at most MAX_ENTRIES buttons per screen."""
    others = (Role.MENTOR, Role.METHODIST, Role.STAFF, Role.ADMIN)
    for size in range(len(others) + 1):
        for chosen in combinations(others, size):
            roles = frozenset(chosen) | {Role.TEACHER}
            for registered in (True, False):
                entries = visible_sections(roles, teaches=teaches, registered=registered)
                menu = layout(entries, extra=0 if registered else 2)
                assert len(menu.top) + (0 if registered else 2) <= MAX_ENTRIES, (roles, menu.top)
                for group, inside in menu.groups:
                    assert 2 <= len(inside) < MAX_ENTRIES, (roles, group)  # and «🏠 В меню»


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_help_fits_one_message_for_every_combination_of_roles(locale: str) -> None:
    # Telegram refuses a message over 4096 characters: /help of someone with every role must still
    # go out (the folded groups then name their entries without the explanations).
    _ = I18n().get(locale)
    registered = User(registered_at=datetime(2026, 9, 1, tzinfo=UTC))
    roles = [r for r in Role if r != Role.TEACHER]
    seen_brief = False
    for size in range(len(roles) + 1):
        for combo in combinations(roles, size):
            for user in (registered, None):
                for teaches in (True, False):
                    held = frozenset(combo) | ({Role.TEACHER} if teaches else set())
                    text = help_text(user, held, _, teaches=teaches)
                    assert len(text) <= 4096, (locale, held, len(text))
                    seen_brief = seen_brief or _("help-group-names", names="").split(":")[0] in text
                    for entry in visible_sections(held, teaches=teaches, registered=user is not None):
                        assert _(f"menu-{entry.key}") in text, (held, entry.key)
    assert seen_brief  # the long case is really exercised
