"""Content uploads: only the region's (admins, regional staff) — and no file can stop the bot.

A 31 KB questionnaire with YAML aliases once froze every user for 19 s. Now aliases and anchors
are refused before anything is built, the size is capped (and checked before downloading), lists
are capped, duplicates are found in linear time, and an upload is checked in a child process with
a time limit while the bot answers everyone else. The end-to-end tests run polling as production
does (updates handled concurrently) and time both the refusal and another user's /help.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

import pytest
import yaml
from pydantic import ValidationError
from sqlalchemy import select

from bot.app import build_app
from bot.callbacks import UploadCD
from bot.domain.diagnostics import (
    MAX_AREAS,
    MAX_CATALOGUE_AREAS,
    MAX_ITEMS,
    MAX_RECOMMENDATIONS,
    ContentKind,
    Questionnaire,
    repeated,
)
from bot.domain.roles import Role
from bot.domain.surveys import MAX_OPTIONS, MAX_QUESTIONS, SurveyTemplate
from bot.i18n import I18n
from bot.services import content_check
from bot.services.content import check_upload
from bot.services.content_check import (
    MAX_KEYS,
    MAX_UPLOAD_BYTES,
    Refusal,
    _as_json,
    check_bytes,
    from_json,
    parse_content,
)
from bot.services.surveys import SURVEYS_DIR, parse_template
from bot.ui.diagnosis_staff import upload_refused
from handlers import setup_routers
from storage.models import ContentVersion, Municipality, School, User, UserRole, UserSubject
from storage.repositories import Repos
from tests.conftest import ADMIN_ID, BotEnv
from tests.fakes import TgUser
from tests.fakes.html import parse_html
from tests.fakes.telegram import FakeMessage, FileUpload
from tests.flows import GOOD_QUESTIONNAIRE, last_answer

REGIONAL, MUNICIPAL, METHODIST, TEACHER = 8001, 8002, 8003, 8004
REGIONAL_ONLY = "загружает и включает региональный центр"


# --- files ---------------------------------------------------------------------------------------


def dump(data: object) -> str:
    """YAML of `data` without anchors (PyYAML writes an alias for an object met twice)."""
    return yaml.safe_dump(json.loads(json.dumps(data)), allow_unicode=True)


def questionnaire_dict(areas: int = 2, items: int = 3) -> dict[str, object]:
    return {
        "id": "big",
        "version": 3,
        "title": "Большая анкета",
        "description": "Анкета для проверки ограничений загрузки.",
        "minutes": 10,
        "scale": [{"value": 0, "label": "Нет"}, {"value": 1, "label": "Да"}],
        "levels": {"high_below": 50, "medium_below": 75},
        "areas": [
            {
                "id": f"a{a}",
                "title": f"Область {a}",
                "items": [
                    {"id": f"a{a}-{i}", "text": f"Утверждение номер {i} области {a}."} for i in range(items)
                ],
            }
            for a in range(areas)
        ],
    }


def alias_bomb(size: int) -> bytes:
    """Like the file that froze the bot: one area of aliased items, then the area aliased over and
    over (a million items once expanded), padded with more aliases to `size` bytes."""
    head = GOOD_QUESTIONNAIRE.split("areas:")[0].replace("version: 3", "version: 9")
    items = ", ".join(["*i"] * 999)
    text = head + (
        "areas:\n"
        f"  - &a {{id: digital, title: Цифровые компетенции, items: [&i {{id: d-1, text: Я использую "
        f"цифровые ресурсы на уроке.}}, {items}]}}\n"
    )
    text += "  - *a\n" * ((size - len(text.encode())) // 7)
    return text.encode()


def billion_laughs() -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append("id: general\nversion: 5\ntitle: Смех\ndescription: *a9\nareas: *a9")
    return "\n".join(lines).encode()


def ten_thousand_items() -> bytes:
    """10,000 items in flow style: about 240 KB, under the size cap, so the item cap refuses it."""
    head = GOOD_QUESTIONNAIRE.split("areas:")[0].replace("version: 3", "version: 7")
    items = ",".join(f"{{id: i{n}, text: t}}" for n in range(10_000))
    return (head + f"areas: [{{id: a, title: Область, items: [{items}]}}]\n").encode()


# --- the world -----------------------------------------------------------------------------------


async def _person(env: BotEnv, repos: Repos, tg_id: int, role: tuple[Role, int | None] | None) -> None:
    now = env.clock()
    s = repos.session
    town = await s.scalar(select(Municipality).where(Municipality.name == "г. Кострома"))
    assert town is not None
    school = (await s.scalars(select(School).where(School.municipality_id == town.id))).first()
    assert school is not None
    user = User(
        tg_id=tg_id,
        locale="ru",
        consent_at=now,
        consent_version="1",
        full_name=f"Сотрудникова Вера {tg_id}",
        municipality_id=town.id,
        school_id=school.id,
        position="teacher",
        experience_years=12,
        birth_year=1985,
        category="none",
        registered_at=now,
    )
    s.add(user)
    await s.flush()
    s.add(UserSubject(user_id=user.id, subject="math"))
    s.add(UserRole(user_id=user.id, role=Role.TEACHER, scope_municipality_id=None))
    if role is not None:
        scope = town.id if role[1] == -1 else role[1]
        s.add(UserRole(user_id=user.id, role=role[0], scope_municipality_id=scope))
    await s.flush()
    env.fake.add_chat({"id": tg_id, "is_bot": False, "first_name": "Вера"})


async def seed(env: BotEnv) -> dict[int, TgUser]:
    """Regional staff, municipal staff of Kostroma (-1: the town), a methodist there, a teacher."""
    async with env.repos() as repos:
        await _person(env, repos, REGIONAL, (Role.STAFF, None))
        await _person(env, repos, MUNICIPAL, (Role.STAFF, -1))
        await _person(env, repos, METHODIST, (Role.METHODIST, -1))
        await _person(env, repos, TEACHER, None)
        await repos.session.commit()
    people = {tg_id: env.user(tg_id) for tg_id in (REGIONAL, MUNICIPAL, METHODIST, TEACHER)}
    for person in people.values():
        await person.send("/menu")
    return people


async def versions(env: BotEnv) -> list[tuple[object, ...]]:
    async with env.repos() as repos:
        table = ContentVersion.__table__
        rows = await repos.session.execute(select(*table.columns).order_by(table.c.id))
        return [tuple(row) for row in rows.all()]


# --- who may upload ------------------------------------------------------------------------------


async def test_only_admins_and_regional_staff_upload_and_activate_content(env_all: BotEnv) -> None:
    env = env_all
    people = await seed(env)
    before = await versions(env)

    for tg_id in (MUNICIPAL, METHODIST, TEACHER):
        await people[tg_id].send_document("general.yaml", GOOD_QUESTIONNAIRE.encode(), "application/x-yaml")
    assert REGIONAL_ONLY in people[MUNICIPAL].last_message.text
    assert "только сотрудникам" in people[METHODIST].last_message.text
    assert "только сотрудникам" in people[TEACHER].last_message.text
    assert await versions(env) == before

    # Regional staff upload: checked, previewed, staged (not active yet).
    regional = people[REGIONAL]
    await regional.send_document("general.yaml", GOOD_QUESTIONNAIRE.encode(), "application/x-yaml")
    assert "версия 3 — 1 область, 2 утверждения" in regional.last_message.text
    staged = await versions(env)
    assert len(staged) == len(before) + 1
    version_id = int(str(staged[-1][0]))

    # Forged «switch on» / «cancel» from municipal staff, a methodist, a teacher: nothing changes.
    for tg_id, refusal in (
        (MUNICIPAL, REGIONAL_ONLY),
        (METHODIST, "только сотрудникам"),
        (TEACHER, "только"),
    ):
        for action in ("activate", "drop"):
            await people[tg_id].click_data(UploadCD(action=action, id=version_id).pack())
            assert refusal in last_answer(env), (tg_id, action)
    assert await versions(env) == staged
    async with env.repos() as repos:
        active = await repos.content.active_one(ContentKind.QUESTIONNAIRE, "general")
        assert active is not None and active.version == 2

    await regional.click("Включить")
    assert "версия 3 действует" in regional.last_message.text
    async with env.repos() as repos:
        active = await repos.content.active_one(ContentKind.QUESTIONNAIRE, "general")
        assert active is not None and active.version == 3

    # The admin may too.
    admin = env.user(ADMIN_ID)
    await admin.send_document("general.yaml", GOOD_QUESTIONNAIRE.replace("version: 3", "version: 4").encode())
    assert "версия 4 — 1 область, 2 утверждения" in admin.last_message.text


# --- hostile files, while others use the bot -----------------------------------------------------


async def poll_concurrently(env: BotEnv) -> None:
    """Restart polling as production runs it: each update handled as its own task."""
    await env.stop()
    polls = len(env.fake.requests_for("getUpdates"))
    env.app = await build_app(env.settings, routers=setup_routers, clock=env.clock)
    env.task = asyncio.create_task(
        env.app.run_polling(handle_as_tasks=True, handle_signals=False, polling_timeout=1)
    )
    while len(env.fake.requests_for("getUpdates")) == polls:
        await env.fake.wait_for_change(0.1)


async def first_reply(env: BotEnv, user: TgUser, since: int, timeout: float = 15.0) -> FakeMessage:  # noqa: ASYNC109
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        new = [m for m in user.messages if m.seq > since]
        if new:
            return new[0]
        remaining = deadline - loop.time()
        assert remaining > 0, f"no answer to {user!r} within {timeout} s"
        await env.fake.wait_for_change(remaining)


async def race(env: BotEnv, uploader: TgUser, other: TgUser, data: bytes) -> tuple[str, float, float]:
    """The file, and at once another user's /help: the refusal's text and both answers' delays."""
    loop = asyncio.get_running_loop()
    since = env.fake.message_seq
    started = loop.time()
    upload = FileUpload(content=data, filename="general.yaml", content_type="application/x-yaml")
    env.fake.push_update(env.fake.make_message_update(uploader.user, document=upload))
    env.fake.push_update(env.fake.make_message_update(other.user, "/help"))

    async def timed(user: TgUser) -> tuple[str, float]:
        message = await first_reply(env, user, since)
        return message.text or "", loop.time() - started

    (refusal, refused_in), (help_text, helped_in) = await asyncio.gather(timed(uploader), timed(other))
    print(f"{len(data) // 1024} KB: refused in {refused_in:.3f} s, /help answered in {helped_in:.3f} s")
    assert "Помощь" in help_text or "/menu" in help_text, help_text
    return refusal, refused_in, helped_in


async def test_a_hostile_500_kb_file_is_refused_fast_while_others_are_answered(env: BotEnv) -> None:
    people = await seed(env)
    await poll_concurrently(env)
    regional, teacher = people[REGIONAL], people[TEACHER]
    before = await versions(env)

    bomb = alias_bomb(500 * 1024)
    assert len(bomb) > 490 * 1024 and b"*a" in bomb
    refusal, refused_in, helped_in = await race(env, regional, teacher, bomb)
    assert "Файл не принят" in refusal and "КБ" in refusal
    assert refused_in < 1.0, refused_in
    assert helped_in < 0.2, helped_in

    # The same bomb, small enough to be read: refused for its aliases, in a child process.
    small = alias_bomb(32 * 1024)
    refusal, refused_in, helped_in = await race(env, regional, teacher, small)
    assert "строке 11 есть якорь или ссылка YAML" in refusal, refusal
    assert refused_in < 3.0, refused_in
    assert helped_in < 0.2, helped_in

    refusal, refused_in, helped_in = await race(env, regional, teacher, billion_laughs())
    assert "строке 1 есть якорь или ссылка YAML" in refusal, refusal
    assert refused_in < 3.0, refused_in
    assert helped_in < 0.2, helped_in

    data = ten_thousand_items()
    assert len(data) < MAX_UPLOAD_BYTES
    refusal, refused_in, helped_in = await race(env, regional, teacher, data)
    assert "утверждений — 10\xa0000, а можно не больше 200" in refusal, refusal
    assert refused_in < 5.0, refused_in
    assert helped_in < 0.2, helped_in

    assert await versions(env) == before


# --- the checks themselves -----------------------------------------------------------------------


def test_anchors_and_aliases_are_refused_before_anything_is_built() -> None:
    anchored = "id: x\nversion: 1\ntitle: &t Анкета\n"
    assert parse_content(anchored, "x.yaml").refusal == Refusal("aliases", {"line": 3})
    started = time.perf_counter()
    parsed = check_bytes(billion_laughs(), "lol.yaml")
    assert parsed.refusal == Refusal("aliases", {"line": 1})
    assert time.perf_counter() - started < 0.5
    template = yaml.safe_dump(yaml.safe_load((SURVEYS_DIR / "needs.yaml").read_text(encoding="utf-8")))
    assert parse_template(template, "needs.yaml")[0] is not None
    _, errors = parse_template("id: &x needs\nversion: 1\n", "needs.yaml")
    assert errors == ["needs.yaml: line 1: YAML anchors and aliases (& and *) are not allowed"]


def test_a_mapping_with_too_many_keys_is_refused() -> None:
    text = "{" + ", ".join(f"k{n}: 1" for n in range(MAX_KEYS + 1)) + "}"
    assert parse_content(text, "x.yaml").refusal == Refusal("too-many-keys", {"line": 1, "limit": MAX_KEYS})
    assert parse_content(text.replace(f", k{MAX_KEYS}: 1", ""), "x.yaml").refusal is None


@pytest.mark.parametrize(
    ("data", "what", "count", "limit"),
    [
        (questionnaire_dict(areas=MAX_AREAS + 1, items=1), "areas", MAX_AREAS + 1, MAX_AREAS),
        (questionnaire_dict(areas=3, items=MAX_ITEMS // 3 + 1), "items", 3 * (MAX_ITEMS // 3 + 1), MAX_ITEMS),
        ({**questionnaire_dict(), "scale": [{"value": v, "label": "x"} for v in range(7)]}, "scale", 7, 6),
    ],
)
def test_questionnaire_lists_are_capped(data: dict[str, object], what: str, count: int, limit: int) -> None:
    parsed = parse_content(dump(data), "big.yaml")
    assert parsed.refusal is not None
    assert parsed.refusal.key == "too-many"
    assert {k: parsed.refusal.args[k] for k in ("what", "count", "limit")} == {
        "what": what,
        "count": count,
        "limit": limit,
    }


def test_catalogue_and_survey_lists_are_capped() -> None:
    rec = {"form": "course", "title": "Курс по теме", "description": "Описание курса по теме."}
    area = {"title": "Область", "high": [rec], "medium": [rec], "low": [rec]}
    many_areas = {"version": 2, "areas": {f"a{n}": area for n in range(MAX_CATALOGUE_AREAS + 1)}}
    parsed = parse_content(dump(many_areas), "recommendations.yaml")
    assert parsed.refusal is not None and parsed.refusal.args["what"] == "areas"
    many_recs = {"version": 2, "areas": {"digital": {**area, "low": [rec] * (MAX_RECOMMENDATIONS + 1)}}}
    parsed = parse_content(dump(many_recs), "recommendations.yaml")
    assert parsed.refusal == Refusal(
        "too-many-in",
        {
            "what": "recommendations",
            "count": MAX_RECOMMENDATIONS + 1,
            "limit": MAX_RECOMMENDATIONS,
            "where": "areas → digital",
        },
    )
    text = "Как вы оцениваете работу?"
    question = {
        "id": "q",
        "type": "single",
        "text": text,
        "options": [{"value": f"o{n}", "label": "x"} for n in range(100_000)],
    }
    started = time.perf_counter()
    with pytest.raises(ValidationError, match=f"too many options: 100000, at most {MAX_OPTIONS}"):
        SurveyTemplate.model_validate(
            {
                "id": "s",
                "version": 1,
                "title": "Опрос",
                "description": "Опрос для проверки.",
                "minutes": 5,
                "questions": [question],
            }
        )
    assert time.perf_counter() - started < 0.5
    questions = [{"id": f"q{n}", "type": "text", "text": text} for n in range(MAX_QUESTIONS + 1)]
    with pytest.raises(ValidationError, match="too many questions"):
        SurveyTemplate.model_validate(
            {
                "id": "s",
                "version": 1,
                "title": "Опрос",
                "description": "Опрос для проверки.",
                "minutes": 5,
                "questions": questions,
            }
        )


def test_duplicates_are_found_in_linear_time() -> None:
    started = time.perf_counter()
    assert repeated([f"i{n % 100_000}" for n in range(200_000)])[:2] == ["i0", "i1"]
    assert time.perf_counter() - started < 1.0  # list.count per value: 4·10¹⁰ steps
    data = questionnaire_dict(areas=2, items=3)
    data["areas"][1]["items"][0]["id"] = "a0-0"
    with pytest.raises(ValidationError, match="item ids repeat: a0-0"):
        Questionnaire.model_validate(data)


def test_too_big_not_utf8_and_deep_files_are_refused() -> None:
    assert check_bytes(b"x" * (MAX_UPLOAD_BYTES + 1), "x.yaml").refusal == Refusal(
        "too-big", {"size": 257, "limit": 256}
    )
    assert check_bytes("id: анкета".encode("cp1251"), "x.yaml").refusal == Refusal("not-utf8")
    started = time.perf_counter()
    deep = check_bytes(b"[" * 100_000 + b"]" * 100_000, "deep.yaml")
    assert deep.refusal is not None or deep.errors
    assert time.perf_counter() - started < 1.0


def test_the_child_answer_names_the_content_kind() -> None:
    """The child's JSON carries the kind as text; read back it is the enum, and a kind the bot does
    not know (not something the child writes) is the failed check, not a traceback."""
    parsed = parse_content(GOOD_QUESTIONNAIRE, "general.yaml")
    back = from_json(json.loads(json.dumps(_as_json(parsed))))
    assert back.kind is ContentKind.QUESTIONNAIRE and back.questionnaire == parsed.questionnaire
    forged = {**_as_json(parsed), "kind": "webinar"}
    assert from_json(forged).refusal == Refusal("check-failed") and from_json(forged).model is None


async def test_the_check_runs_in_a_child_process_with_a_time_limit() -> None:
    good = await check_upload(GOOD_QUESTIONNAIRE.encode(), "general.yaml")
    assert good.refusal is None and good.errors == []
    assert good.questionnaire == parse_content(GOOD_QUESTIONNAIRE, "general.yaml").questionnaire
    broken = await check_upload(
        GOOD_QUESTIONNAIRE.replace("text: Я веду", "txt: Я веду").encode(), "general.yaml"
    )
    assert any("digital-2" in line and "txt" in line for line in broken.errors)
    # A check that outlives its limit is stopped (the child killed), and says so.
    slow = await check_upload(GOOD_QUESTIONNAIRE.encode(), "general.yaml", timeout=0.001)
    assert slow.refusal == Refusal("too-slow", {"seconds": 0})


async def test_a_check_that_crashes_refuses_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", "/bin/false")
    crashed = await check_upload(GOOD_QUESTIONNAIRE.encode(), "general.yaml")
    assert crashed.refusal == Refusal("check-failed") and crashed.model is None


@pytest.mark.parametrize("locale", ["ru", "en"])
def test_every_refusal_is_told_in_the_users_language(locale: str) -> None:
    _ = I18n("ru").get(locale)
    args: dict[str, str | int] = {
        "line": 3,
        "limit": 9,
        "size": 300,
        "count": 12,
        "what": "items",
        "seconds": 10,
        "where": "areas → <b>",
    }
    for key in content_check._ENGLISH:
        parsed = content_check.Parsed(refusal=Refusal(key, args))
        text = upload_refused(parsed, _)
        assert text.strip() and "{" not in text and "<b>" not in text, (key, text)
        parse_html(text)  # what Telegram accepts: `&` and the file's own text escaped
    ru = upload_refused(content_check.Parsed(refusal=Refusal("too-many", args)), I18n("ru").get("ru"))
    assert "утверждений — 12, а можно не больше 9" in ru
