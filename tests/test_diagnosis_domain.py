"""Self-diagnosis without Telegram: scoring, content validation, shipped content, versioned sync,
recommendations and audience."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.diagnostics import (
    Area,
    AreaChange,
    AreaResult,
    Audience,
    Catalogue,
    ContentKind,
    Item,
    Level,
    Questionnaire,
    Recommendation,
    StepForm,
    Thresholds,
    compare,
    level_for,
    missing_required,
    recommend,
    score,
    score_area,
    weakest,
)
from bot.services import diagnosis as service
from bot.services.content import (
    CONTENT_DIR,
    check_catalogue_covers,
    parse_content,
    sync_files,
)
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import ContentVersion
from storage.repositories import Repos

QUESTIONNAIRES = sorted((CONTENT_DIR / "questionnaires").glob("*.yaml"))
CATALOGUE_FILE = CONTENT_DIR / "recommendations.yaml"


# --- a small hand-built questionnaire ------------------------------------------------------


def q_dict(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "mini",
        "version": 1,
        "title": "Мини-анкета",
        "description": "Небольшая анкета для проверки подсчёта.",
        "minutes": 5,
        "scale": [
            {"value": 0, "label": "Нет"},
            {"value": 1, "label": "Немного"},
            {"value": 2, "label": "Да"},
            {"value": 3, "label": "Учу других"},
        ],
        "levels": {"high_below": 50, "medium_below": 75},
        "areas": [
            {
                "id": "alpha",
                "title": "Альфа",
                "items": [
                    {"id": "a-1", "text": "Первое утверждение альфы."},
                    {"id": "a-2", "text": "Второе утверждение альфы."},
                    {"id": "a-3", "text": "Необязательное утверждение альфы.", "optional": True},
                ],
            },
            {
                "id": "beta",
                "title": "Бета",
                "items": [
                    {"id": "b-1", "text": "Первое утверждение беты."},
                    {"id": "b-2", "text": "Второе утверждение беты."},
                    {"id": "b-3", "text": "Третье утверждение беты."},
                    {"id": "b-4", "text": "Четвёртое утверждение беты."},
                ],
            },
            {
                "id": "gamma",
                "title": "Гамма",
                "items": [{"id": "g-1", "text": "Единственное утверждение гаммы.", "optional": True}],
            },
        ],
    }
    data.update(overrides)
    return data


def mini(**overrides: Any) -> Questionnaire:
    return Questionnaire.model_validate(q_dict(**overrides))


def by_area(results: list[AreaResult]) -> dict[str, AreaResult]:
    return {r.area: r for r in results}


def result(area: str, value: float | None, level: Level | None) -> AreaResult:
    return AreaResult(area, area.title(), value, level, 1 if value is not None else 0, 1)


# --- scoring -------------------------------------------------------------------------------


def test_all_minimum_is_zero_and_high_everywhere() -> None:
    q = mini()
    results = by_area(score(q, dict.fromkeys(q.item_ids, 0)))
    assert [(r.score, r.level) for r in results.values()] == [(0.0, Level.HIGH)] * 3
    assert (results["alpha"].answered, results["alpha"].total) == (3, 3)


def test_all_maximum_is_hundred_and_low_everywhere() -> None:
    q = mini()
    results = score(q, dict.fromkeys(q.item_ids, 3))
    assert [(r.area, r.score, r.level) for r in results] == [
        ("alpha", 100.0, Level.LOW),
        ("beta", 100.0, Level.LOW),
        ("gamma", 100.0, Level.LOW),
    ]


def test_unanswered_optional_item_is_not_in_the_denominator() -> None:
    q = mini()
    # a-3 (optional) skipped: 3 of max 6 → 50 %, not 3 of 9 → 33.3 %.
    alpha = score_area(q.areas[0], {"a-1": 3, "a-2": 0}, q)
    assert alpha.score == 50.0
    assert alpha.level is Level.MEDIUM
    assert (alpha.answered, alpha.total) == (2, 3)
    # Answered, the optional item counts like any other.
    assert score_area(q.areas[0], {"a-1": 3, "a-2": 0, "a-3": 0}, q).score == 33.3


def test_area_without_answers_has_no_score_and_no_level() -> None:
    q = mini()
    results = by_area(score(q, {"a-1": 2, "a-2": 2}))
    gamma = results["gamma"]
    assert (gamma.score, gamma.level, gamma.answered, gamma.total) == (None, None, 0, 1)
    assert (results["beta"].score, results["beta"].level) == (None, None)
    assert results["alpha"].score == 66.7


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (0.0, Level.HIGH),
        (49.9, Level.HIGH),
        (50.0, Level.MEDIUM),
        (74.9, Level.MEDIUM),
        (75.0, Level.LOW),
        (100.0, Level.LOW),
    ],
)
def test_level_for_borders(value: float, level: Level) -> None:
    assert level_for(value, Thresholds(high_below=50, medium_below=75)) is level


def test_borders_reached_through_answers() -> None:
    q = mini()
    # alpha: 3 of 6 → exactly 50 → medium; beta: 9 of 12 → exactly 75 → low.
    results = by_area(score(q, {"a-1": 2, "a-2": 1, "b-1": 3, "b-2": 3, "b-3": 3, "b-4": 0}))
    assert (results["alpha"].score, results["alpha"].level) == (50.0, Level.MEDIUM)
    assert (results["beta"].score, results["beta"].level) == (75.0, Level.LOW)
    # One point less in beta: 8 of 12 → 66.7 → medium; in alpha 2 of 6 → 33.3 → high.
    results = by_area(score(q, {"a-1": 1, "a-2": 1, "b-1": 3, "b-2": 3, "b-3": 2, "b-4": 0}))
    assert (results["alpha"].score, results["alpha"].level) == (33.3, Level.HIGH)
    assert (results["beta"].score, results["beta"].level) == (66.7, Level.MEDIUM)


def test_scale_not_starting_at_zero() -> None:
    scale = [{"value": v, "label": f"Вариант {v}"} for v in (1, 2, 3, 4)]
    q = mini(scale=scale)
    assert (q.min_value, q.max_value) == (1, 4)
    low = by_area(score(q, dict.fromkeys(q.item_ids, 1)))
    high = by_area(score(q, dict.fromkeys(q.item_ids, 4)))
    assert {r.score for r in low.values()} == {0.0}
    assert {r.level for r in low.values()} == {Level.HIGH}
    assert {r.score for r in high.values()} == {100.0}
    assert {r.level for r in high.values()} == {Level.LOW}
    # Middle: (2-1)+(3-1) = 3 of 6 → 50.
    assert score_area(q.areas[0], {"a-1": 2, "a-2": 3}, q).score == 50.0


def test_rounding_to_one_decimal() -> None:
    q = mini()
    beta = q.areas[1]
    # 1 of 12 → 8.333… ; 5 of 12 → 41.666… ; 11 of 12 → 91.666…
    assert score_area(beta, {"b-1": 1, "b-2": 0, "b-3": 0, "b-4": 0}, q).score == 8.3
    assert score_area(beta, {"b-1": 3, "b-2": 2, "b-3": 0, "b-4": 0}, q).score == 41.7
    assert score_area(beta, {"b-1": 3, "b-2": 3, "b-3": 3, "b-4": 2}, q).score == 91.7
    # 1 of 3 → 33.3, 2 of 3 → 66.7
    gamma = q.areas[2]
    assert score_area(gamma, {"g-1": 1}, q).score == 33.3
    assert score_area(gamma, {"g-1": 2}, q).score == 66.7


def test_missing_required_lists_only_required_unanswered() -> None:
    q = mini()
    assert missing_required(q, {}) == ["a-1", "a-2", "b-1", "b-2", "b-3", "b-4"]
    assert missing_required(q, {"a-1": 0, "b-2": 3, "b-4": 1}) == ["a-2", "b-1", "b-3"]
    # Optional items (a-3, g-1) never show up; everything required answered → nothing missing.
    required = {i: 1 for i in q.item_ids if i not in ("a-3", "g-1")}
    assert missing_required(q, required) == []


def test_weakest_orders_by_score_and_skips_unscored() -> None:
    results = [
        result("alpha", 60.0, Level.MEDIUM),
        result("beta", None, None),
        result("gamma", 10.0, Level.HIGH),
        result("delta", 90.0, Level.LOW),
        result("epsilon", 60.0, Level.MEDIUM),
    ]
    assert [r.area for r in weakest(results)] == ["gamma", "alpha", "epsilon"]
    assert [r.area for r in weakest(results, count=10)] == ["gamma", "alpha", "epsilon", "delta"]
    assert weakest([result("beta", None, None)]) == []


def test_compare_directions_and_delta() -> None:
    before = [
        result("up", 40.0, Level.HIGH),
        result("down", 80.0, Level.LOW),
        result("flat", 55.0, Level.MEDIUM),
        result("unscored", None, None),
    ]
    after = [
        result("up", 62.5, Level.MEDIUM),
        result("down", 70.0, Level.MEDIUM),
        result("flat", 60.1, Level.MEDIUM),
        result("unscored", 30.0, Level.HIGH),
        result("added", 90.0, Level.LOW),
    ]
    changes = {c.area: c for c in compare(before, after)}
    assert list(changes) == ["up", "down", "flat", "unscored", "added"]
    assert {a: c.direction for a, c in changes.items()} == {
        "up": "better",
        "down": "worse",
        "flat": "same",
        "unscored": "new",
        "added": "new",
    }
    assert changes["up"].delta == 22.5
    assert changes["down"].delta == -10.0
    assert changes["flat"].delta == 5.1
    assert changes["unscored"].delta is None
    assert (changes["added"].before, changes["added"].after, changes["added"].delta) == (
        None,
        Level.LOW,
        None,
    )
    assert (changes["up"].before, changes["up"].after) == (Level.HIGH, Level.MEDIUM)
    assert AreaChange("x", "X", Level.HIGH, Level.LOW, 60.0).direction == "better"
    assert AreaChange("x", "X", Level.LOW, Level.HIGH, -60.0).direction == "worse"


# --- content models reject -----------------------------------------------------------------


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return str(exc.value)


def test_duplicate_item_ids_are_named() -> None:
    data = q_dict()
    data["areas"][1]["items"][0]["id"] = "a-2"
    data["areas"][2]["items"][0]["id"] = "a-1"
    with pytest.raises(ValidationError) as exc:
        Questionnaire.model_validate(data)
    assert "item ids repeat: a-1, a-2" in errors_of(exc)


def test_duplicate_area_ids() -> None:
    data = q_dict()
    data["areas"][2]["id"] = "alpha"
    with pytest.raises(ValidationError) as exc:
        Questionnaire.model_validate(data)
    assert "area ids repeat" in errors_of(exc)


@pytest.mark.parametrize("values", [(0, 2, 1, 3), (0, 1, 1, 3), (3, 2, 1, 0)])
def test_scale_must_ascend(values: tuple[int, ...]) -> None:
    scale = [{"value": v, "label": f"Вариант {i}"} for i, v in enumerate(values)]
    with pytest.raises(ValidationError) as exc:
        mini(scale=scale)
    assert "scale values must be distinct and ascending" in errors_of(exc)


@pytest.mark.parametrize(("high", "medium"), [(75, 50), (60, 60)])
def test_thresholds_must_be_ordered(high: float, medium: float) -> None:
    with pytest.raises(ValidationError) as exc:
        Thresholds(high_below=high, medium_below=medium)
    assert "high_below must be lower than medium_below" in errors_of(exc)
    with pytest.raises(ValidationError):
        mini(levels={"high_below": high, "medium_below": medium})


@pytest.mark.parametrize("bad", ["Alpha", "-alpha", "альфа", "a b", "a" * 33, ""])
def test_bad_id_pattern(bad: str) -> None:
    with pytest.raises(ValidationError):
        Item(id=bad, text="Достаточно длинный текст.")
    with pytest.raises(ValidationError):
        Area(id=bad, title="Альфа", items=(Item(id="a-1", text="Достаточно длинный текст."),))
    data = q_dict()
    data["areas"][0]["items"][0]["id"] = bad
    with pytest.raises(ValidationError):
        Questionnaire.model_validate(data)
    # The pattern's own edges are fine.
    Item(id="a" * 32, text="Достаточно длинный текст.")
    Item(id="0_x-y", text="Достаточно длинный текст.")


def test_too_short_text() -> None:
    with pytest.raises(ValidationError) as exc:
        Item(id="a-1", text="Коротко")
    assert "at least 10 characters" in errors_of(exc)
    Item(id="a-1", text="Ровно 10 с")  # exactly 10 characters


def test_parse_content_broken_yaml_names_the_file_and_line() -> None:
    parsed = parse_content("id: general\nversion: [1\n", "general.yaml")
    assert parsed.model is None and parsed.kind is None
    assert len(parsed.errors) == 1
    assert parsed.errors[0].startswith("general.yaml, line ")
    assert "not valid YAML" in parsed.errors[0]


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just text\n"])
def test_parse_content_not_a_mapping(text: str) -> None:
    parsed = parse_content(text, "odd.yaml")
    assert parsed.model is None
    assert parsed.errors == ["odd.yaml: expected a mapping (id, version, …) at the top"]


def test_parse_content_validation_error_names_file_area_item_and_field() -> None:
    data = yaml.safe_load((CONTENT_DIR / "questionnaires" / "general.yaml").read_text(encoding="utf-8"))
    digital = next(a for a in data["areas"] if a["id"] == "digital")
    next(i for i in digital["items"] if i["id"] == "digital-2")["text"] = "Коротко"
    parsed = parse_content(yaml.safe_dump(data, allow_unicode=True), "general.yaml")
    assert parsed.kind is ContentKind.QUESTIONNAIRE and parsed.model is None
    assert len(parsed.errors) == 1
    error = parsed.errors[0]
    assert error.startswith("general.yaml: ")
    assert "digital" in error and "digital-2" in error and "text" in error
    assert (
        error
        == "general.yaml: areas[digital] → items[digital-2] → text: String should have at least 10 characters"
    )


def test_parse_content_scale_error_location() -> None:
    data = q_dict()
    data["scale"][1]["label"] = ""
    parsed = parse_content(yaml.safe_dump(data, allow_unicode=True), "mini.yaml")
    assert len(parsed.errors) == 1
    assert parsed.errors[0].startswith("mini.yaml: scale[2] → label: ")


def test_parse_content_good_questionnaire() -> None:
    parsed = parse_content(yaml.safe_dump(q_dict(), allow_unicode=True), "mini.yaml")
    assert parsed.errors == []
    assert parsed.kind is ContentKind.QUESTIONNAIRE
    assert parsed.questionnaire == mini() and parsed.model is parsed.questionnaire


def catalogue_dict(areas: list[str]) -> dict[str, Any]:
    def one() -> dict[str, Any]:
        return {"form": "course", "title": "Курс повышения", "description": "Описание рекомендации."}

    return {
        "id": "recommendations",
        "version": 1,
        "areas": {a: {"title": a.title(), "high": [one()], "medium": [one()], "low": [one()]} for a in areas},
    }


def test_catalogue_detected_by_areas_mapping() -> None:
    good = parse_content(yaml.safe_dump(catalogue_dict(["alpha", "beta"])), "recommendations.yaml")
    assert good.errors == [] and good.kind is ContentKind.CATALOGUE
    assert good.catalogue is not None and good.model is good.catalogue
    assert set(good.catalogue.areas) == {"alpha", "beta"}

    broken = catalogue_dict(["alpha"])
    broken["areas"]["alpha"]["medium"][0]["form"] = "webinar"
    parsed = parse_content(yaml.safe_dump(broken), "recommendations.yaml")
    assert parsed.kind is ContentKind.CATALOGUE and parsed.model is None
    # pydantic also adds "medium: Tuple should have at least 1 item after validation" after the real error.
    assert parsed.errors[0].startswith("recommendations.yaml: areas → alpha → medium[1] → form: ")
    assert all(e.startswith("recommendations.yaml: areas → alpha → medium") for e in parsed.errors)

    # The same file with `areas` as a list is read as a questionnaire.
    as_list = parse_content(yaml.safe_dump({"id": "x", "version": 1, "areas": []}), "x.yaml")
    assert as_list.kind is ContentKind.QUESTIONNAIRE and as_list.errors


def test_check_catalogue_covers_reports_missing_areas() -> None:
    catalogue = Catalogue.model_validate(catalogue_dict(["alpha"]))
    assert check_catalogue_covers(catalogue, [mini()]) == [
        "recommendations: no entry for area «beta»",
        "recommendations: no entry for area «gamma»",
    ]
    full = Catalogue.model_validate(catalogue_dict(["alpha", "beta", "gamma", "extra"]))
    assert check_catalogue_covers(full, [mini()]) == []


# --- shipped content -----------------------------------------------------------------------


def load_shipped() -> tuple[dict[str, Questionnaire], Catalogue]:
    questionnaires = {}
    for path in QUESTIONNAIRES:
        parsed = parse_content(path.read_text(encoding="utf-8"), path.name)
        assert parsed.errors == [], parsed.errors
        assert parsed.kind is ContentKind.QUESTIONNAIRE and parsed.questionnaire is not None
        questionnaires[parsed.questionnaire.id] = parsed.questionnaire
    parsed = parse_content(CATALOGUE_FILE.read_text(encoding="utf-8"), CATALOGUE_FILE.name)
    assert parsed.errors == [], parsed.errors
    assert parsed.kind is ContentKind.CATALOGUE and parsed.catalogue is not None
    return questionnaires, parsed.catalogue


def test_shipped_questionnaires_validate() -> None:
    questionnaires, _ = load_shipped()
    assert len(QUESTIONNAIRES) >= 3
    assert "general" in questionnaires
    assert len(questionnaires) == len(QUESTIONNAIRES)


def test_shipped_general_questionnaire() -> None:
    general = load_shipped()[0]["general"]
    assert len(general.items) >= 30
    assert len(general.areas) == 6
    assert [(o.value, o.label) for o in general.scale] == [
        (0, "Не делаю"),
        (1, "Делаю с трудом"),
        (2, "Делаю уверенно"),
        (3, "Помогаю коллегам"),
    ]
    assert general.audience is Audience.ALL


def test_confident_practice_is_no_deficit_in_any_shipped_questionnaire() -> None:
    """«Делаю уверенно» on every item used to score 66.7 % — a «средний дефицит» everywhere and a
    12-step route. Confident practice is no deficit; «с трудом» everywhere is a high one; a few
    weak skills among confident ones make a medium one."""
    questionnaires = load_shipped()[0]
    for q in questionnaires.values():
        every = [item for area in q.areas for item in area.items]
        confident = {item.id: 2 for item in every}
        assert {r.level for r in score(q, confident)} == {Level.LOW}, q.id
        struggling = {item.id: 1 for item in every}
        assert {r.level for r in score(q, struggling)} == {Level.HIGH}, q.id
        for area in q.areas:
            mixed = dict(confident)
            half = len(area.items) // 2
            mixed.update({item.id: 1 for item in area.items[: max(half, 1)]})
            result = next(r for r in score(q, mixed) if r.area == area.id)
            assert result.level is Level.MEDIUM, (q.id, area.id, result.score)


def test_shipped_catalogue_covers_every_area() -> None:
    questionnaires, catalogue = load_shipped()
    assert check_catalogue_covers(catalogue, list(questionnaires.values())) == []
    for q in questionnaires.values():
        for area in q.areas:
            entry = catalogue.areas[area.id]
            for level in Level:
                assert len(entry.for_level(level)) >= 1, (area.id, level)


def test_shipped_recommendation_forms_are_step_forms() -> None:
    _, catalogue = load_shipped()
    raw = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    raw_forms = {
        r["form"] for a in raw["areas"].values() for level in ("high", "medium", "low") for r in a[level]
    }
    assert raw_forms <= {f.value for f in StepForm}
    for entry in catalogue.areas.values():
        for level in Level:
            for rec in entry.for_level(level):
                assert isinstance(rec.form, StepForm)


# --- sync_files into a migrated SQLite database --------------------------------------------


@pytest.fixture
async def sessions(tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'content.db'}")
    await upgrade(engine)
    try:
        yield create_sessionmaker(engine)
    finally:
        await engine.dispose()


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "content"
    (directory / "questionnaires").mkdir(parents=True)
    for path in QUESTIONNAIRES:
        shutil.copy(path, directory / "questionnaires" / path.name)
    shutil.copy(CATALOGUE_FILE, directory / "recommendations.yaml")
    return directory


async def run_sync(sessions: async_sessionmaker[AsyncSession], directory: Path) -> list[str]:
    async with sessions() as session:
        repos = Repos(session)
        problems = await sync_files(repos.content, directory)
        await repos.commit()
        return problems


async def versions(sessions: async_sessionmaker[AsyncSession]) -> dict[tuple[ContentKind, str, int], bool]:
    async with sessions() as session:
        rows = await session.scalars(select(ContentVersion))
        return {(r.kind, r.content_id, r.version): r.active for r in rows}


async def test_sync_files_versions(sessions: async_sessionmaker[AsyncSession], content_dir: Path) -> None:
    shipped_ids = {yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in QUESTIONNAIRES}
    general_path = content_dir / "questionnaires" / "general.yaml"
    original = general_path.read_text(encoding="utf-8")

    # First sync: the shipped version of everything, active.
    assert await run_sync(sessions, content_dir) == []
    first = await versions(sessions)
    expected = {(ContentKind.QUESTIONNAIRE, q, 2): True for q in shipped_ids} | {
        (ContentKind.CATALOGUE, "recommendations", 1): True
    }
    assert first == expected

    # Second sync: nothing changes.
    assert await run_sync(sessions, content_dir) == []
    assert await versions(sessions) == first

    # A broken file: problems name the file, the item and the field; version 1 stays.
    broken = original.replace(
        'text: "Я провожу онлайн-занятия и консультации в «Сферуме» '
        'или другом отечественном сервисе видеосвязи."',
        'text: "Коротко"',
    )
    assert broken != original
    general_path.write_text(broken, encoding="utf-8")
    problems = await run_sync(sessions, content_dir)
    assert len(problems) == 1
    assert "general.yaml" in problems[0] and "digital-2" in problems[0] and "text" in problems[0]
    assert await versions(sessions) == first

    # Invalid YAML altogether: the same.
    general_path.write_text(original + "\n  - : [\n", encoding="utf-8")
    problems = await run_sync(sessions, content_dir)
    assert len(problems) == 1 and problems[0].startswith("general.yaml, line ")
    assert await versions(sessions) == first

    # Changed text with the same version number: refused, version 1 stays.
    changed = original.replace("займёт она около 10 минут", "займёт она около 12 минут")
    assert changed != original
    general_path.write_text(changed, encoding="utf-8")
    problems = await run_sync(sessions, content_dir)
    assert problems == ["general.yaml: changed without a new version number — the old text stays in use"]
    assert await versions(sessions) == first

    # A new version: activated, version 1 kept but inactive.
    general_path.write_text(changed.replace("\nversion: 2\n", "\nversion: 3\n"), encoding="utf-8")
    assert await run_sync(sessions, content_dir) == []
    after = await versions(sessions)
    assert after == first | {
        (ContentKind.QUESTIONNAIRE, "general", 2): False,
        (ContentKind.QUESTIONNAIRE, "general", 3): True,
    }
    async with sessions() as session:
        active = await Repos(session).content.active_one(ContentKind.QUESTIONNAIRE, "general")
        assert active is not None and active.version == 3
        assert "около 12 минут" in Questionnaire.model_validate(active.body).description

    # Back to the old file (version 2): version 3 stays active.
    general_path.write_text(original, encoding="utf-8")
    assert await run_sync(sessions, content_dir) == []
    assert await versions(sessions) == after


async def test_sync_files_reports_a_missing_catalogue(
    sessions: async_sessionmaker[AsyncSession], content_dir: Path
) -> None:
    (content_dir / "recommendations.yaml").unlink()
    problems = await run_sync(sessions, content_dir)
    assert len(problems) == 1 and problems[0].endswith("recommendations.yaml: missing")
    assert (ContentKind.CATALOGUE, "recommendations", 1) not in await versions(sessions)


# --- recommendations -----------------------------------------------------------------------


def rec(area: str, level: str, n: int) -> dict[str, Any]:
    return {
        "form": "course",
        "title": f"{area} {level} {n} шаг",
        "description": f"Описание {area} {level} {n}.",
    }


def catalogue_for(areas: list[str]) -> Catalogue:
    return Catalogue.model_validate(
        {
            "version": 1,
            "areas": {
                a: {
                    "title": f"Область {a}",
                    **{lv: [rec(a, lv, n) for n in (1, 2, 3)] for lv in ("high", "medium", "low")},
                }
                for a in areas
            },
        }
    )


def titles(recs: tuple[Recommendation, ...]) -> list[str]:
    return [r.title for r in recs]


def test_recommend_weakest_deficits_first() -> None:
    results = [
        result("a", 80.0, Level.LOW),
        result("b", 60.0, Level.MEDIUM),
        result("c", 10.0, Level.HIGH),
        result("d", 40.0, Level.HIGH),
        result("e", None, None),
        result("f", 70.0, Level.MEDIUM),
    ]
    picked = recommend(results, catalogue_for(["a", "b", "c", "d", "e", "f"]))
    assert [(r.area, r.level) for r, _ in picked] == [
        ("c", Level.HIGH),
        ("d", Level.HIGH),
        ("b", Level.MEDIUM),
    ]
    assert titles(picked[0][1]) == ["c high 1 шаг", "c high 2 шаг"]
    assert titles(picked[2][1]) == ["b medium 1 шаг", "b medium 2 шаг"]
    assert all(len(recs) <= 2 for _, recs in picked)


def test_recommend_fewer_deficits_and_missing_catalogue_entries() -> None:
    results = [result("a", 80.0, Level.LOW), result("b", 60.0, Level.MEDIUM), result("c", 10.0, Level.HIGH)]
    # "c" is not in the catalogue: skipped, the LOW area is not padded in.
    picked = recommend(results, catalogue_for(["a", "b"]))
    assert [(r.area, titles(recs)) for r, recs in picked] == [("b", ["b medium 1 шаг", "b medium 2 шаг"])]
    assert [r.area for r, _ in recommend(results, catalogue_for(["a", "b", "c"]), count=1)] == ["c"]


def test_recommend_all_low_suggests_sharing_experience() -> None:
    results = [result("a", 80.0, Level.LOW), result("b", 95.0, Level.LOW), result("c", 75.0, Level.LOW)]
    picked = recommend(results, catalogue_for(["a", "b", "c"]))
    assert len(picked) == 1
    area, recs = picked[0]
    assert area.area == "b"
    assert titles(recs) == ["b low 1 шаг", "b low 2 шаг"]


def test_recommend_without_catalogue_or_scores() -> None:
    results = [result("a", 10.0, Level.HIGH)]
    assert recommend(results, None) == []
    assert recommend([result("a", None, None)], catalogue_for(["a"])) == []
    assert recommend([], catalogue_for(["a"])) == []


def test_recommend_on_shipped_content() -> None:
    questionnaires, catalogue = load_shipped()
    general = questionnaires["general"]
    answers = {i: 3 for i in general.item_ids}
    for item in general.areas[0].items:
        answers[item.id] = 0
    # «Делаю уверенно» on every item of the second area: 2/3 of its maximum, no deficit.
    for item in general.areas[1].items:
        answers[item.id] = 2
    picked = recommend(score(general, answers), catalogue)
    assert [(r.area, r.score, r.level) for r, _ in picked] == [(general.areas[0].id, 0.0, Level.HIGH)]
    assert picked[0][1] == catalogue.areas[general.areas[0].id].high[:2]

    # Half of it «Делаю с трудом», half «Делаю уверенно»: (3·1 + 3·2) / 18 = 50 %, a medium deficit.
    second = general.areas[1].items
    assert len(second) == 6
    for item in second[:3]:
        answers[item.id] = 1
    picked = recommend(score(general, answers), catalogue)
    assert [(r.area, r.score, r.level) for r, _ in picked] == [
        (general.areas[0].id, 0.0, Level.HIGH),
        (general.areas[1].id, 50.0, Level.MEDIUM),
    ]
    assert picked[0][1] == catalogue.areas[general.areas[0].id].high[:2]
    assert picked[1][1] == catalogue.areas[general.areas[1].id].medium[:2]


# --- audience ------------------------------------------------------------------------------


def teacher(birth_year: int | None, experience_years: int | None) -> Any:
    return SimpleNamespace(teaches=True, birth_year=birth_year, experience_years=experience_years)


@pytest.mark.parametrize(
    ("birth_year", "experience", "young"),
    [
        (2000, 1, True),
        (1991, 3, True),  # turns 35 in 2026, third year
        (1990, 1, False),  # 36
        (2000, 4, False),  # fourth year of work
        (None, 1, False),
        (2000, None, False),
    ],
)
def test_visible_to_young_only_for_young_specialists(
    birth_year: int | None, experience: int | None, young: bool
) -> None:
    user = teacher(birth_year, experience)
    assert service.visible_to(mini(audience="young"), user, 2026) is young
    assert service.visible_to(mini(), user, 2026) is True
    assert service.visible_to(mini(audience="all"), user, 2026) is True


def test_the_young_questionnaire_is_for_young_people_who_teach() -> None:
    # Young and new to the job, but working in the methodological service: not a young specialist.
    not_teaching = SimpleNamespace(teaches=False, birth_year=2000, experience_years=1)
    assert service.visible_to(mini(audience="young"), not_teaching, 2026) is False
    assert service.visible_to(mini(), not_teaching, 2026) is True


def test_young_audience_parsed_from_yaml() -> None:
    parsed = parse_content(yaml.safe_dump(q_dict(audience="young"), allow_unicode=True), "young.yaml")
    assert parsed.questionnaire is not None and parsed.questionnaire.audience is Audience.YOUNG
    assert service.visible_to(parsed.questionnaire, teacher(2000, 1), 2026) is True
    assert service.visible_to(parsed.questionnaire, teacher(1970, 30), 2026) is False


def test_who_sees_what_scope_rules() -> None:
    from types import SimpleNamespace

    from bot.domain.roles import Role
    from bot.services.roles import methodist_may_see, role_scope, staff_scope

    def person(*roles: tuple[str, int | None], municipality: int | None = None, share: bool = False):
        return SimpleNamespace(
            roles=[SimpleNamespace(role=r, scope_municipality_id=m) for r, m in roles],
            municipality_id=municipality,
            share_results=share,
            teaches=True,
        )

    municipal = person(("staff", 7))
    assert staff_scope(municipal, frozenset({Role.STAFF})) == 7
    assert staff_scope(municipal, frozenset({Role.STAFF, Role.ADMIN})) is None  # admins see all
    assert staff_scope(person(("staff", None)), frozenset({Role.STAFF})) is None
    assert role_scope(None, Role.METHODIST) is None

    methodist = person(("methodist", 7))
    assert methodist_may_see(methodist, person(municipality=7, share=True))
    assert not methodist_may_see(methodist, person(municipality=8, share=True))
    assert not methodist_may_see(methodist, person(municipality=7, share=False))
    assert methodist_may_see(person(("methodist", None)), person(municipality=8, share=True))
