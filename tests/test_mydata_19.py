"""Issue 19, «/mydata is a raw database dump»: /mydata first says in words, section by section and in
the reader's language, what the bot knows about the person — codes turned into words, ids into
names — then sends the machine-readable file as before. A long history stays within Telegram's
limits: the newest entries are listed, the rest is counted and left to the file."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from bot.domain.diagnostics import StepForm
from bot.domain.events import EventKind, EventLevel
from bot.domain.roles import Role
from storage.models import (
    Event,
    EventRegistration,
    MentorMeeting,
    MentorPair,
    Route,
    RouteStep,
    SurveyCampaign,
    SurveyInvite,
    SurveyResponse,
    SurveyWave,
    UserRole,
)
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import diagnosed_teacher, register

ANNA = "Учителева Анна Сергеевна"
OLGA = "Опытная Ольга Николаевна"
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
SECTIONS_RU = (
    "📄 Что я о вас знаю",
    "👤 Профиль",
    "🔑 Роли",
    "📊 Диагностика",
    "🧭 Маршрут (ИОМ)",
    "🤝 Наставничество",
    "📅 Мероприятия",
    "📝 Опросы",
    "✅ Согласие на обработку персональных данных",
)
SECTIONS_EN = (
    "📄 What I know about you",
    "👤 Profile",
    "🔑 Roles",
    "📊 Self-assessment",
    "🧭 Learning route",
    "🤝 Mentoring",
    "📅 Events",
    "📝 Surveys",
    "✅ Consent to personal data processing",
)
# Codes that must never reach the reader: the values the database keeps.
CODES = (
    "psychologist",
    "none",
    "teacher",
    "mentor",
    "math",
    "registered",
    "waitlist",
    "submitted",
    "planned",
    "course",
    "active",
    "done",
    "high",
    "medium",
    "low",
    "general",
    "digital",
    "invite",
    "user_id",
    "created_at",
    "true",
    "false",
)


async def user_id(env: BotEnv, tg_id: int) -> int:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        return user.id


async def seed(env: BotEnv, anna: int, olga: int, *, events: int = 1, surveys: int = 1) -> None:
    """Anna: a route with a step, `events` registrations, `surveys` named surveys answered and an
    anonymous one; a mentoring pair with Olga and two meetings; the mentor role."""
    async with env.repos() as repos:
        s = repos.session
        route = Route(
            user_id=anna,
            status="submitted",
            goal="Освоить цифровые инструменты",
            period_start=date(2026, 11, 1),
            period_end=date(2027, 5, 31),
            reviewer_id=olga,
            review_comment="Хороший план, добавьте стажировку. " * 40,
        )
        pair = MentorPair(
            mentor_id=olga,
            mentee_id=anna,
            status="active",
            period_start=date(2026, 11, 1),
            period_end=date(2027, 10, 31),
        )
        s.add_all([route, pair, UserRole(user_id=anna, role=Role.MENTOR, granted_at=NOW)])
        await s.flush()
        s.add(
            RouteStep(
                route_id=route.id,
                position=0,
                form=StepForm.COURSE,
                title="Курс «Цифровая школа»",
                source="own",
                planned_start=date(2026, 12, 1),
                planned_end=date(2026, 12, 20),
                status="planned",
            )
        )
        for day, topic in ((3, "Планирование урока"), (10, "Разбор урока")):
            s.add(
                MentorMeeting(
                    pair_id=pair.id,
                    token=f"t{day}",
                    held_on=date(2026, 11, day),
                    format="consultation",
                    topic=topic,
                    minutes=45,
                )
            )
        for number in range(events):
            event = Event(
                kind=EventKind.SEMINAR,
                level=EventLevel.REGIONAL,
                title=f"Семинар о формирующем оценивании № {number + 1}",
                starts_at=NOW + timedelta(days=number),
                timezone="Europe/Moscow",
                status="published",
            )
            s.add(event)
            await s.flush()
            status = "waitlist" if number == 0 else "registered"
            s.add(EventRegistration(event_id=event.id, user_id=anna, status=status, created_at=NOW))
        for number in range(surveys + 1):
            anonymous = number == surveys
            campaign = SurveyCampaign(
                template_id="needs",
                template_version=1,
                template={},
                title="Самочувствие" if anonymous else f"Потребности в обучении № {number + 1}",
                anonymous=anonymous,
                recurrence="once",
                starts_at=NOW,
                status="active",
            )
            s.add(campaign)
            await s.flush()
            wave = SurveyWave(
                campaign_id=campaign.id, period="once", opens_at=NOW, closes_at=NOW, created_at=NOW
            )
            s.add(wave)
            await s.flush()
            s.add(SurveyInvite(wave_id=wave.id, user_id=anna, status="done", done_at=NOW))
            if not anonymous:
                s.add(
                    SurveyResponse(wave_id=wave.id, user_id=anna, answers={"a": 1}, submitted_on=NOW.date())
                )
        await repos.commit()


async def world(env: BotEnv, **sizes: int) -> TgUser:
    anna = await diagnosed_teacher(env, 6401, ANNA)
    olga = env.user(6402, first_name="Ольга")
    await register(olga, name=OLGA, experience="25", birth_year="1970")
    await seed(env, await user_id(env, anna.id), await user_id(env, olga.id), **sizes)
    return anna


def readable_part(user: TgUser, since: int) -> list[str]:
    """The messages /mydata sent before its file."""
    sent = [m for m in user.messages if m.seq > since]
    texts = []
    for message in sent:
        if message.document is not None:
            break
        texts.append(message.text or "")
    return texts


async def test_mydata_says_in_words_and_in_sections_what_the_bot_knows(env_all: BotEnv) -> None:
    env = env_all
    anna = await world(env)
    mark = env.fake.message_seq
    await anna.send("/mydata")
    texts = readable_part(anna, mark)
    assert texts and texts[0].startswith("📄 Что я о вас знаю")
    text = "\n".join(texts)
    positions = [text.index(section) for section in SECTIONS_RU]
    assert positions == sorted(positions), "sections out of order"

    # Codes in words, ids as names.
    for words in (
        "ФИО: " + ANNA,
        "Муниципалитет: г. Кострома",
        "Предметы: Математика",
        "Категория: Без категории",
        "Язык: Русский",
        "· педагог — с ",
        "· наставник — с 20.11.2026",
        "выдана роль «педагог» (при регистрации)",
        "пройдена 23.11.2026, ответов: 36",
        "высокий дефицит",
        "Маршрут на 01.11.2026 — 31.05.2027: на согласовании у методиста",
        "Методист: " + OLGA,
        "· Курс «Цифровая школа» — Курсы (КПК), до 20.12.2026, запланирован",
        "Ваш наставник: " + OLGA + " — пара действует",
        "встреч в журнале: 2, последняя — 10.11.2026",
        "· «Семинар о формирующем оценивании № 1» (Семинар), 20.11.2026: вы в листе ожидания",
        "· «Потребности в обучении № 1»: ответ отправлен 20.11.2026",
        "«Самочувствие»: ответ отправлен 20.11.2026 (опрос анонимный",
        "Дано 23.11.2026",
    ):
        assert words in text, words
    latin = set(re.findall(r"[A-Za-z_]{2,}", re.sub(r"<[^>]+>", "", text)))
    assert latin <= {"JSON"}, latin
    for code in CODES:
        assert not re.search(rf"\b{code}\b", text, re.IGNORECASE), code

    # Then the file, as before, and what to do next.
    file = next(m for m in anna.messages if m.seq > mark and m.document is not None)
    assert file.file_name is not None and file.file_name.endswith(".json")
    assert "всё, что я о вас храню" in (file.caption or "")
    assert anna.buttons() == ["🗑 Удалить мои данные", "🏠 В меню"]


async def test_a_long_history_stays_within_telegrams_limits(env: BotEnv) -> None:
    anna = await world(env, events=120, surveys=40)
    mark = env.fake.message_seq
    await anna.send("/mydata")
    texts = readable_part(anna, mark)
    assert all(len(t) <= 4096 for t in texts)
    assert len(texts) <= 3  # the newest entries in words; the rest counted, in the file
    text = "\n".join(texts)
    for section in SECTIONS_RU:
        assert section in text, section
    assert "…и ещё 105 — в файле." in text  # 120 events, 15 shown
    assert "…и ещё 26 — в файле." in text  # 41 surveys
    assert "Семинар о формирующем оценивании № 120" in text  # the newest first
    assert "Хороший план, добавьте стажировку." in text and "…" in text  # a long comment, shortened


async def test_mydata_speaks_the_readers_language(env: BotEnv) -> None:
    anna = await world(env)
    await anna.send("/language")
    await anna.click("English")
    mark = env.fake.message_seq
    await anna.send("/mydata")
    text = "\n".join(readable_part(anna, mark))
    for section in SECTIONS_EN:
        assert section in text, section
    for words in ("Language: English", "· mentor — since 20.11.2026", "large gap", "Your mentor: " + OLGA):
        assert words in text, words
    assert "Что я о вас знаю" not in text
