"""Locales: ru and en in step, every key the code asks for exists, every message formats."""

from __future__ import annotations

import ast as pyast
import re
from functools import cache
from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast, visitor

from bot.app import COMMANDS
from bot.config import SUPPORTED_LOCALES
from bot.domain.profile import CATEGORIES, POSITIONS, SUBJECTS, Problem
from bot.domain.roles import Role
from bot.domain.surveys import QType
from bot.i18n import LOCALES_DIR, I18n, LocaleError
from bot.scheduler import JOBS
from bot.services.roles import RedeemOutcome
from bot.ui.menu import GROUPS, SECTIONS
from bot.ui.registration.dialogue import TEXT_STEPS
from bot.ui.screens import PROFILE_FIELDS

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = (ROOT / "bot", ROOT / "handlers")


class _Variables(visitor.Visitor):
    def __init__(self) -> None:
        self.names: set[str] = set()
        self.selectors: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:  # noqa: N802
        self.names.add(node.id.name)

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:  # noqa: N802
        if isinstance(node.selector, ast.VariableReference):
            self.selectors.add(node.selector.id.name)
        self.generic_visit(node)


@cache
def messages(locale: str) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """id → (variables, variables used as plural/select selectors), for every .ftl of a locale."""
    result: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    files = sorted((LOCALES_DIR / locale).glob("*.ftl"))
    assert files, locale
    for file in files:
        resource = FluentParser().parse(file.read_text(encoding="utf-8"))
        junk = [e for e in resource.body if isinstance(e, ast.Junk)]
        assert not junk, f"{file}: {junk[0].content[:80]!r}"
        for entry in resource.body:
            if isinstance(entry, ast.Message | ast.Term):
                found = _Variables()
                found.visit(entry)
                name = entry.id.name if isinstance(entry, ast.Message) else "-" + entry.id.name
                assert name not in result, f"{file}: {name} defined twice"
                result[name] = (frozenset(found.names), frozenset(found.selectors))
    return result


@cache
def i18n() -> I18n:
    return I18n("ru")


def test_locales_exist_and_are_not_trivial() -> None:
    assert set(SUPPORTED_LOCALES) == {"ru", "en"}
    assert len(messages("ru")) > 100


def test_same_message_ids() -> None:
    ru, en = set(messages("ru")), set(messages("en"))
    assert sorted(ru - en) == [], "missing in en"
    assert sorted(en - ru) == [], "missing in ru"


def test_same_variables() -> None:
    ru, en = messages("ru"), messages("en")
    differ = {
        key: (sorted(ru[key][0]), sorted(en[key][0]))
        for key in ru.keys() & en.keys()
        if ru[key][0] != en[key][0]
    }
    assert differ == {}


# --- keys the code uses --------------------------------------------------------------------

_TRANSLATOR_VAR = re.compile(r"\b(\w+)\s*=\s*(?:[\w.]*\bi18n|I18n\([^)]*\))\.get\(")


def literal_keys() -> dict[str, list[str]]:
    """`_("key")` (and calls of any other translator taken from `i18n.get(...)`) → where used.

    Calls are found in the syntax tree, so a `_("key")` in a docstring or comment does not count.
    """
    found: dict[str, list[str]] = {}
    for folder in CODE_DIRS:
        for file in sorted(folder.rglob("*.py")):
            source = file.read_text(encoding="utf-8")
            names = {"_", *_TRANSLATOR_VAR.findall(source)}
            for node in pyast.walk(pyast.parse(source, filename=str(file))):
                if (
                    isinstance(node, pyast.Call)
                    and isinstance(node.func, pyast.Name)
                    and node.func.id in names
                    and node.args
                    and isinstance(node.args[0], pyast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    where = f"{file.relative_to(ROOT)}:{node.lineno}"
                    found.setdefault(node.args[0].value, []).append(where)
    return found


def test_literal_keys_exist() -> None:
    used = literal_keys()
    # The scan really finds the code's texts (a broken regex would find nothing and pass).
    assert len(used) > 80
    assert {"btn-menu", "cli-config-error", "role-revoked-notice", "person-no-name"} <= used.keys()
    known = set(messages("ru"))
    missing = {key: where for key, where in used.items() if key not in known}
    assert missing == {}


FAMILIES: dict[str, set[str]] = {
    "role": {f"role-{r.value}" for r in Role},
    "position": {f"position-{p}" for p in POSITIONS},
    "subject": {f"subject-{s}" for s in SUBJECTS},
    "category": {f"category-{c}" for c in CATEGORIES},
    "menu": {f"menu-{s.key}" for s in SECTIONS} | {"menu-language"},
    "menu-about": {f"menu-about-{s.key}" for s in SECTIONS},
    "menu-group": {f"menu-group-{g}" for g in GROUPS} | {f"menu-group-{g}-about" for g in GROUPS},
    "job": {f"job-{j.id}" for j in JOBS},
    "survey-status": {f"ss-status-{s}" for s in ("draft", "active", "finished", "stopped")},
    "survey-type": {f"ss-type-{t.value}" for t in QType},
    "reg-error": {f"reg-error-{p.value}" for p in Problem},
    "help": {"help-intro", "help-register", "help-menu", "help-line", "help-commands"},
    "cmd": {f"cmd-{c}" for c in COMMANDS},
    "invite": {f"invite-{o.value}" for o in RedeemOutcome},
    "ask": {f"ask-{step}" for step in TEXT_STEPS},
    "profile-edit": {f"profile-edit-{f}" for f in PROFILE_FIELDS},
    "lang": {f"lang-{code}" for code in SUPPORTED_LOCALES},
    "audit": {"audit-grant", "audit-revoke"}
    | {f"audit-source-{s}" for s in ("invite", "registration", "manual")},
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_key_families_complete(family: str, locale: str) -> None:
    expected = FAMILIES[family]
    assert expected, family
    missing = sorted(expected - set(messages(locale)))
    assert missing == []


def test_families_reflect_the_code() -> None:
    # The families above are built from the code's constants; make sure those are what the code uses.
    assert len(FAMILIES["job"]) == len(JOBS) >= 9
    assert len(FAMILIES["reg-error"]) == len(Problem) >= 10
    assert {"granted", "already", "unknown", "revoked", "expired", "exhausted"} == {
        o.value for o in RedeemOutcome
    }
    assert "start" in COMMANDS and "cancel" in COMMANDS


# --- every message formats -----------------------------------------------------------------

NUMERIC = {
    "count",
    "years",
    "max",
    "low",
    "high",
    "page",
    "pages",
    "number",
    "used",
    "uses",
    "year",
    "experience",
    "m_added",
    "m_updated",
    "s_added",
    "s_updated",
    "unchanged",
    "schools",
    "municipalities",
    "requests",
    "kept",
}


def all_cases() -> list[tuple[str, str]]:
    return [(locale, key) for locale in SUPPORTED_LOCALES for key in sorted(messages(locale))]


@pytest.mark.parametrize(("locale", "key"), all_cases())
def test_message_formats(locale: str, key: str) -> None:
    names, selectors = messages(locale)[key]
    numeric = (names & NUMERIC) | selectors
    texts = {name: f"«{name.upper()}»" for name in names - numeric}
    bundle = i18n().get(locale)._bundle
    message = bundle.get_message(key)
    assert message.value is not None
    for number in (0, 1, 2, 5, 11, 21, 120):
        args: dict[str, object] = {**texts, **dict.fromkeys(numeric, number)}
        text, errors = bundle.format_pattern(message.value, args)
        assert errors == [], (locale, key, number)
        assert text.strip(), (locale, key)
        for name, value in texts.items():
            assert value in text, (locale, key, name)
        assert "{" not in text and "}" not in text, (locale, key, text)


@pytest.mark.parametrize(
    ("count", "expected"), [(1, "1 школа"), (2, "2 школы"), (5, "5 школ"), (21, "21 школа"), (11, "11 школ")]
)
def test_russian_plurals(count: int, expected: str) -> None:
    _ = i18n().get("ru")
    assert _("ask-school-found", query="q", municipality="m", count=count).endswith(f": {expected}.")


def test_english_plurals() -> None:
    _ = i18n().get("en")
    one = _("invite-days-option", count=1)
    many = _("invite-days-option", count=7)
    assert one != many and "1" in one and "7" in many


def test_translator_fallback_and_unknown_key() -> None:
    service = i18n()
    assert service.get("en")("btn-menu") != service.get("ru")("btn-menu")
    assert service.get("de")("btn-menu") == service.get("ru")("btn-menu")
    assert service.get(None)("no-such-key") == "no-such-key"
    assert service.negotiate("en-US") == "en"
    assert service.negotiate("uk") == "ru"
    assert service.negotiate(None) == "ru"


# --- broken locale files -------------------------------------------------------------------


def write_locales(tmp_path: Path, ru: str, en: str = "hello = Hello\n") -> Path:
    for locale, text in (("ru", ru), ("en", en)):
        folder = tmp_path / locale
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "main.ftl").write_text(text, encoding="utf-8")
    return tmp_path


def test_good_temp_locales_load(tmp_path: Path) -> None:
    service = I18n("ru", path=write_locales(tmp_path, "hello = Привет, { $name }!\n"))
    assert service.get("ru")("hello", name="Мария") == "Привет, Мария!"
    assert service.message_ids == {"ru": {"hello"}, "en": {"hello"}}


def test_broken_ftl_names_file_and_line(tmp_path: Path) -> None:
    ru = "hello = Привет\n\nbye = Пока\nbroken = { $name\nlast = Ещё\n"
    path = write_locales(tmp_path, ru)
    with pytest.raises(LocaleError) as info:
        I18n("ru", path=path)
    message = str(info.value)
    assert str(path / "ru" / "main.ftl") in message
    assert "line 4" in message


def test_broken_ftl_in_other_locale(tmp_path: Path) -> None:
    path = write_locales(tmp_path, "hello = Привет\n", en="hello = Hello\n= no id here\n")
    with pytest.raises(LocaleError) as info:
        I18n("ru", path=path)
    assert str(path / "en" / "main.ftl") in str(info.value)
    assert "line 2" in str(info.value)


def test_duplicate_message_id(tmp_path: Path) -> None:
    path = write_locales(tmp_path, "hello = Привет\nhello = Здравствуйте\n")
    with pytest.raises(LocaleError, match="'hello' defined twice") as info:
        I18n("ru", path=path)
    assert str(path / "ru" / "main.ftl") in str(info.value)


def test_missing_locale_folder(tmp_path: Path) -> None:
    write_locales(tmp_path, "hello = Привет\n")
    (tmp_path / "en" / "main.ftl").unlink()
    with pytest.raises(LocaleError, match=r"no \.ftl files"):
        I18n("ru", path=tmp_path)
