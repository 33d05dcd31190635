"""Practice bank search: words in any form, with filters, over published practices; p95 per kind.

A fresh database (``storage.migrate.upgrade``) gets ``--practices`` published practices (default
20,000) of ``--authors`` teachers, inserted in bulk (their search words computed as the ORM listener
computes them; SQLite's full-text table filled by the migration's triggers, as in the bot). Titles and
descriptions are made of a pedagogical vocabulary in varied word forms (about 60–120 words each);
subjects 1–2, grades 1–4 of 0–11, a form each. Then ``--queries`` searches through
``PracticeBankService.search`` (the repository's query, the authors' names for the list, page 0),
each in its own session as an update has it, of four kinds: one word, two or three words, words with
a filter (subject, grade or form), filters only (browsing the newest). Timed: wall time per search
(time.perf_counter), p50 / p95 / max per kind and over all; the target is p95 < 50 ms.

Checked on SQLite: for every search of words the total equals a reference count computed in Python
over the seeded texts (every stem of the query a prefix of a stem of the practice, the filters held).
``--postgres URL`` repeats the run on PostgreSQL (the schema ``public`` there is DROPPED and recreated);
its totals come from PostgreSQL's own 'russian' stemming and are compared with SQLite's: the share of
searches with the same total is reported, not required.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import random
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.report import (
    capture_errors,
    cpu_count,
    exit_code,
    percentile,
    quiet_logging,
    say,
    say_total,
    table,
)
from benchmarks.seed import insert_rows, reset_postgres
from bot.domain.practice_bank import GRADES, query_stems, search_text, stems
from bot.domain.practices import PracticeForm
from bot.domain.profile import SUBJECTS
from bot.i18n import I18n
from bot.services.practices import PracticeBankService
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import Practice, User
from storage.repositories import Repos
from storage.repositories.practice_bank import Filters

# Word families (several forms each): what titles, descriptions and queries are made of.
FAMILIES = [
    ["проект", "проекта", "проекты", "проектов", "проектная", "проектной"],
    ["исследование", "исследования", "исследовательский", "исследовательская"],
    ["урок", "урока", "уроки", "уроков", "уроках"],
    ["игра", "игры", "игровой", "игровые", "играх"],
    ["экскурсия", "экскурсии", "экскурсий"],
    ["чтение", "чтения", "читательской", "читательская"],
    ["грамотность", "грамотности"],
    ["функциональная", "функциональной"],
    ["оценивание", "оценивания", "формирующее", "формирующего"],
    ["групповая", "групповой", "группах", "группа"],
    ["лаборатория", "лабораторная", "лабораторной", "лабораторные"],
    ["эксперимент", "эксперимента", "эксперименты"],
    ["музей", "музея", "музейный", "музейной"],
    ["театр", "театра", "театральная", "театральной"],
    ["краеведение", "краеведения", "краеведческий"],
    ["олимпиада", "олимпиады", "олимпиадных"],
    ["одарённые", "одарёнными", "одарённых"],
    ["инклюзия", "инклюзивного", "инклюзивное"],
    ["дистанционный", "дистанционного", "дистанционные"],
    ["цифровые", "цифровых", "цифровой"],
    ["квест", "квеста", "квесты"],
    ["дебаты", "дебатов"],
    ["кейс", "кейсы", "кейсов"],
    ["портфолио"],
    ["наставничество", "наставника", "наставники"],
    ["родители", "родителей", "родителями"],
    ["волонтёрство", "волонтёрского", "волонтёры"],
    ["экология", "экологической", "экологический"],
    ["финансовая", "финансовой"],
    ["робототехника", "робототехники"],
    ["шахматы", "шахматам", "шахматный"],
    ["хор", "хорового", "хоровое"],
    ["сочинение", "сочинения", "сочинений"],
    ["задача", "задачи", "задач", "задачами"],
    ["карта", "карты", "картами"],
    ["перемена", "переменах", "перемены"],
    ["патриотическое", "патриотического"],
    ["профориентация", "профориентации", "профориентационный"],
    ["медиация", "медиации"],
    ["подкаст", "подкаста", "подкасты"],
]
FILLER = [
    "ученики",
    "работают",
    "самостоятельно,",
    "затем",
    "обсуждают",
    "результаты",
    "вместе",
    "с",
    "учителем",
    "и",
    "делают",
    "выводы;",
    "занятие",
    "помогает",
    "развивать",
    "мышление,",
    "речь",
    "и",
    "умение",
    "работать",
    "в",
    "команде;",
    "материалы",
    "подходят",
    "для",
    "повторения",
    "и",
    "закрепления",
    "темы,",
    "а",
    "также",
    "для",
    "домашнего",
    "задания",
    "и",
    "подготовки",
    "к",
    "контрольной",
]
FORMS = list(PracticeForm)


def _text(rng: random.Random, words: int) -> str:
    out = []
    for _ in range(words):
        if rng.random() < 0.35:
            out.append(rng.choice(rng.choice(FAMILIES)))
        else:
            out.append(rng.choice(FILLER))
    return " ".join(out)


@dataclass(frozen=True)
class Seeded:
    practices: list[dict[str, object]]
    stem_sets: list[set[str]]


def make_rows(count: int, authors: list[int], seed: int, now: datetime) -> Seeded:
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    stem_sets: list[set[str]] = []
    for i in range(count):
        title = _text(rng, rng.randint(4, 9)).capitalize()
        description = _text(rng, rng.randint(60, 120))
        subjects = rng.sample(SUBJECTS, rng.choice((1, 1, 2)))
        start = rng.choice(GRADES)
        grades = sorted({min(11, start + k) for k in range(rng.randint(1, 4))})
        form = rng.choice(FORMS).value
        rows.append(
            {
                "author_id": authors[i % len(authors)],
                "title": title[:200],
                "subjects": subjects,
                "grades": grades,
                "form": form,
                "description": description,
                "links": [],
                "status": "published",
                "round": 1,
                "search_stems": search_text(title[:200], description),
                "published_at": now - timedelta(minutes=i),
                "submitted_at": now - timedelta(days=30),
                "decided_at": now - timedelta(minutes=i),
            }
        )
        stem_sets.append(set(stems(f"{title[:200]}\n{description}")))
    return Seeded(rows, stem_sets)


@dataclass(frozen=True)
class Query:
    kind: str
    words: str
    filters: Filters


def make_queries(count: int, seed: int) -> list[Query]:
    rng = random.Random(seed + 1)
    queries = []
    kinds = ["one word", "2–3 words", "words + a filter", "filters only"]
    for i in range(count):
        kind = kinds[i % len(kinds)]
        n = 1 if kind in {"one word", "words + a filter"} else rng.choice((2, 3))
        words = " ".join(rng.choice(rng.choice(FAMILIES)) for _ in range(n)) if kind != "filters only" else ""
        filters = Filters()
        if kind in {"words + a filter", "filters only"}:
            which = rng.choice(("subject", "grade", "form"))
            filters = Filters(
                subject=rng.choice(SUBJECTS) if which == "subject" else "",
                grade=rng.choice(GRADES) if which == "grade" else None,
                form=rng.choice(FORMS) if which == "form" else None,
            )
        queries.append(Query(kind, words, filters))
    return queries


def reference_total(seeded: Seeded, query: Query) -> int:
    wanted = query_stems(query.words)
    total = 0
    for row, row_stems in zip(seeded.practices, seeded.stem_sets, strict=True):
        f = query.filters
        if f.subject and f.subject not in row["subjects"]:
            continue
        if f.grade is not None and f.grade not in row["grades"]:
            continue
        if f.form is not None and row["form"] != f.form.value:
            continue
        if all(any(s.startswith(w) for s in row_stems) for w in wanted):
            total += 1
    return total


async def run_backend(
    label: str, url: str, args: argparse.Namespace
) -> tuple[list[str], dict[int, int], list[str]]:
    problems: list[str] = []
    engine = create_engine(url)
    await upgrade(engine)
    sessions = create_sessionmaker(engine)
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    started = time.perf_counter()
    async with sessions() as session:
        await insert_rows(
            session,
            User,
            [
                {
                    "tg_id": 9_000_000 + i,
                    "locale": "ru",
                    "consent_at": now,
                    "consent_version": "1",
                    "full_name": f"Педагогова Анна {i}",
                    "registered_at": now,
                    "teaches": True,
                    "share_results": False,
                    "digest_off": False,
                }
                for i in range(args.authors)
            ],
        )
        await session.commit()
        authors = list(await session.scalars(User.__table__.select().with_only_columns(User.id)))
    seeded = make_rows(args.practices, authors, args.seed, now)
    async with sessions() as session:
        await insert_rows(session, Practice, seeded.practices, chunk=2000)
        await session.commit()
    if "postgresql" in url:
        # Statistics and the visibility map, as autovacuum gathers them after a bulk load in a real
        # database (PostgreSQL 13+ vacuums insert-only tables too): the planner needs them to prefer
        # the full-text index to the status index. Legitimate, not a benchmark-only trick.
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.exec_driver_sql("VACUUM ANALYZE practices")
    seeded_in = time.perf_counter() - started
    i18n = I18n()
    queries = make_queries(args.queries, args.seed)
    times: dict[str, list[float]] = {}
    totals: dict[int, int] = {}
    for index, query in enumerate(queries):
        async with sessions() as session:
            repos = Repos(session)
            service = PracticeBankService(
                repos, repos, i18n, clock=lambda: now, timezone="Europe/Moscow", locale="ru"
            )
            t0 = time.perf_counter()
            view = await service.search(query.words, query.filters, 0)
            times.setdefault(query.kind, []).append(time.perf_counter() - t0)
        totals[index] = view.total
        if label == "SQLite" and query.words and index % args.check_every == 0:
            expected = reference_total(seeded, query)
            if expected != view.total:
                problems.append(f"PROBLEM {label}: {query} found {view.total}, expected {expected}")
    await engine.dispose()
    every = [t for values in times.values() for t in values]
    rows = [
        [
            kind,
            str(len(v)),
            f"{percentile(v, 50) * 1000:.1f}",
            f"{percentile(v, 95) * 1000:.1f}",
            f"{max(v) * 1000:.1f}",
        ]
        for kind, v in times.items()
    ]
    rows.append(
        [
            "all",
            str(len(every)),
            f"{percentile(every, 50) * 1000:.1f}",
            f"{percentile(every, 95) * 1000:.1f}",
            f"{max(every) * 1000:.1f}",
        ]
    )
    lines = [
        f"{label}: {args.practices} published practices of {args.authors} authors "
        f"seeded in {seeded_in:.1f} s",
        table(["searches", "n", "p50 ms", "p95 ms", "max ms"], rows),
    ]
    p95 = percentile(every, 95) * 1000
    verdict = "met" if p95 < args.target_ms else "MISSED"
    lines.append(f"p95 over all searches {p95:.1f} ms — target < {args.target_ms:.0f} ms {verdict}")
    if p95 >= args.target_ms:
        problems.append(f"PROBLEM {label}: p95 {p95:.1f} ms ≥ {args.target_ms} ms")
    return lines, totals, problems


async def main_async(args: argparse.Namespace) -> int:
    quiet_logging()
    say(
        f"Practice bank search benchmark — Python {platform.python_version()}, {cpu_count()} CPUs; "
        f"{args.queries} searches per database, seed {args.seed}; wall-clock times (time.perf_counter)."
    )
    overall = time.perf_counter()
    problems: list[str] = []
    with capture_errors() as errors, tempfile.TemporaryDirectory(prefix="metodist-bench-practices-") as tmp:
        backends = [("SQLite", f"sqlite+aiosqlite:///{Path(tmp) / 'practices.db'}")]
        if args.postgres:
            backends.append(("PostgreSQL", args.postgres))
        results: dict[str, dict[int, int]] = {}
        for label, url in backends:
            if label == "PostgreSQL":
                await reset_postgres(url)
            lines, totals, found = await run_backend(label, url, args)
            say()
            for line in lines:
                say(line)
            problems += found
            results[label] = totals
        if len(results) == 2:
            a, b = results["SQLite"], results["PostgreSQL"]
            same = sum(1 for k in a if a[k] == b.get(k))
            say(
                f"\nSame totals on SQLite and PostgreSQL: {same} of {len(a)} searches "
                f"({100 * same / len(a):.0f} %)"
            )
    for p in problems[:20]:
        say(p)
    say_total(overall)
    return exit_code(problems, errors)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--practices", type=int, default=20_000, help="published practices (default 20000)")
    parser.add_argument("--authors", type=int, default=3000, help="their authors (default 3000)")
    parser.add_argument("--queries", type=int, default=400, help="searches per database (default 400)")
    parser.add_argument(
        "--check-every", type=int, default=5, help="check every n-th search of words on SQLite"
    )
    parser.add_argument("--target-ms", type=float, default=50.0, help="the p95 target (default 50 ms)")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument("--postgres", metavar="URL", help="also on PostgreSQL (its schema public is DROPPED)")


def main(args: argparse.Namespace) -> int:
    return asyncio.run(main_async(args))
