"""The expert pool end to end: a teacher asks to join (/expert), staff approve, pause, resume and
remove (the menu entry follows the pool); municipal staff invite and see their municipality's experts
only; experts on a contest's jury; the expert activity indicator."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

import bot.jobs
from bot.callbacks import ExpertAction, ExpertCD, PoolAction, PoolCD
from bot.domain.events import EventKind, EventLevel
from bot.domain.indicators import ExpertFact, PeriodCode, expert_activity
from bot.services import roles as role_service
from bot.services.indicators import Scope, build
from storage.models import Event, Expert, ExpertJury, Practice, PracticeReview, UserRole
from tests.conftest import BotEnv
from tests.expert_flows import expert_invite, expert_of, invited_expert, person_id, submitted
from tests.flows import invited, last_answer, open_section, register, settle


async def test_a_teacher_asks_staff_approve_pause_resume_remove(env: BotEnv) -> None:
    staff = await invited(env, 7101, "сотрудник методической службы", "Сотрудникова Елена")
    teacher = env.user(7102)
    await register(teacher, name="Заявкина Зоя", school="СОШ № 1")
    await teacher.send("/expert")
    assert "Хотите в пул экспертов?" in teacher.last_message.text
    ask = teacher.button("🙋 Хочу быть экспертом")["callback_data"]
    await teacher.click("🙋 Хочу быть экспертом")
    assert "Заявка отправлена" in teacher.last_message.text
    await teacher.click_data(ask)  # a double tap: one request
    assert "Заявка отправлена" in teacher.last_message.text
    async with env.repos() as repos:
        rows = list(await repos.session.scalars(select(Expert)))
    assert [(e.status, e.subjects) for e in rows] == [("pending", ["math"])]
    await settle(env)
    assert "Заявкина Зоя хочет стать экспертом" in staff.last_message.text

    await staff.click("🙋 Заявки (1)")
    assert "Заявкина Зоя — Математика" in staff.last_message.text
    approve = staff.button("✅ Заявкина Зоя")
    await staff.click("✅ Заявкина Зоя")
    assert "Эксперт добавлен" in last_answer(env)
    await staff.click_data(approve["callback_data"])
    assert "Эксперт" in last_answer(env) or "Уже сделано" in last_answer(env)
    await settle(env)
    assert "Вы в пуле экспертов" in teacher.last_message.text
    await teacher.click("🧑‍⚖️ Экспертиза")
    assert "Новых практик для оценки нет" in teacher.last_message.text

    # The pool: load and done per expert; pause, resume, remove (the person is told each time).
    await open_section(staff, "👥 Пул экспертов")
    assert "Экспертов: 1" in staff.last_message.text
    await staff.click("Заявкина Зоя · 0 / 0")
    assert "Статус: работает" in staff.last_message.text
    await staff.click("⏸ Пауза")
    assert "Статус: на паузе" in staff.last_message.text
    await settle(env)
    assert "поставила вас на паузу" in teacher.last_message.text
    author = env.user(7103)
    await register(author, name="Автор Анна", school="Гимназия № 15")
    await submitted(env, 7103, "Пока на паузе")
    assert await bot.jobs.expert_review() == 0  # a paused expert gets nothing new
    await settle(env)
    assert "не хватает экспертов: нужно 2, подходят 0" in staff.last_message.text
    await staff.click("👥 Пул экспертов")
    await staff.click("Заявкина Зоя · 0 / 0")
    await staff.click("▶️ Снять с паузы")
    assert "Статус: работает" in staff.last_message.text
    await staff.click("🗑 Исключить из пула")
    assert "Исключить Заявкина Зоя из пула экспертов?" in staff.last_message.text
    await staff.click("Да, исключить")
    assert "Статус: исключён из пула" in staff.last_message.text or "уже нет в пуле" in last_answer(env)
    await settle(env)
    assert "исключила вас из пула экспертов" in teacher.last_message.text
    async with env.repos() as repos:
        roles = list(
            await repos.session.scalars(
                select(UserRole.role).where(UserRole.user_id == await person_id(env, 7102))
            )
        )
    assert "expert" not in roles
    await teacher.send("/menu")
    assert "🧑‍⚖️ Экспертиза" not in teacher.buttons()
    await teacher.click_data(ExpertCD(action=ExpertAction.HOME).pack())
    assert "только сотрудникам с нужной ролью" in last_answer(env)


async def test_municipal_staff_invite_and_see_their_own_experts_only(env: BotEnv) -> None:
    regional = await invited(env, 7201, "сотрудник методической службы", "Региональная Рита")
    local = env.user(7202)
    await register(local, name="Муниципальная Мила", experience="15", birth_year="1979")
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(7202)
        assert user is not None and user.municipality_id is not None
        kostroma = user.municipality_id
        await role_service.grant(
            repos,
            user,
            role_service.Role.STAFF,
            actor_tg_id=None,
            source="test",
            scope_municipality_id=kostroma,
        )
        await repos.commit()
    local_link = await expert_invite(local)
    assert "Служба: г. Кострома" in local.last_message.text
    await invited_expert(env, local_link, 7211, "Костромская Ксения", "СОШ № 1")
    region_link = await expert_invite(regional)
    galich = env.user(7212)
    await register(
        galich,
        start=f"/start {region_link}",
        name="Галичская Галина",
        municipality="г. Галич",
        school="СОШ № 2",
    )
    assert (await expert_of(env, 7211)).municipality_id == kostroma
    far = await expert_of(env, 7212)
    assert far.municipality_id != kostroma and far.status == "active"

    await open_section(local, "👥 Пул экспертов")
    assert "Экспертов: 1" in local.last_message.text
    assert "Костромская Ксения" in str(local.buttons()) and "Галичская" not in str(local.buttons())
    await local.click_data(PoolCD(action=PoolAction.PAUSE, e=far.id).pack())
    assert "в другом муниципалитете" in last_answer(env)
    assert (await expert_of(env, 7212)).status == "active"
    await open_section(regional, "👥 Пул экспертов")
    assert "Экспертов: 2" in regional.last_message.text


async def test_jury_of_a_contest_and_the_expert_activity_indicator(env: BotEnv) -> None:
    staff = await invited(env, 7301, "сотрудник методической службы", "Сотрудникова Елена")
    link = await expert_invite(staff)
    await invited_expert(env, link, 7311, "Жюрина Жанна", "СОШ № 1")
    await invited_expert(env, link, 7312, "Рецензентова Роза", "Лицей № 17")
    now = env.clock()
    async with env.repos() as repos:
        contest = Event(
            kind=EventKind.CONTEST,
            level=EventLevel.MUNICIPAL,
            title="Учитель года — 2026",
            starts_at=now + timedelta(days=2),
            timezone="Europe/Moscow",
            audience={},
            status="published",
            published_at=now,
        )
        repos.session.add(contest)
        await repos.commit()
        contest_id = contest.id

    await open_section(staff, "👥 Пул экспертов")
    await staff.click("🧑‍⚖️ Жюри")
    await staff.click("🏆 Учитель года — 2026")
    assert "Экспертов в жюри: 0" in staff.last_message.text
    await staff.click("➕ Жюрина Жанна")
    assert "Экспертов в жюри: 1" in staff.last_message.text and "✅ Жюрина Жанна" in staff.buttons()
    await staff.click("✅ Жюрина Жанна")  # off again
    assert "Экспертов в жюри: 0" in staff.last_message.text
    await staff.click("➕ Жюрина Жанна")
    async with env.repos() as repos:
        jury = list(await repos.session.scalars(select(ExpertJury).where(ExpertJury.event_id == contest_id)))
    assert len(jury) == 1

    # The second expert sends a review within the period: two experts at work; the first one's
    # review too would still count her once.
    author = env.user(7320)
    await register(author, name="Автор Анна", school="Гимназия № 15")
    practice_id = await submitted(env, 7320, "Практика для индикатора")
    second = await expert_of(env, 7312)
    first = await expert_of(env, 7311)
    async with env.repos() as repos:
        practice = await repos.session.get(Practice, practice_id)
        assert practice is not None
        for expert in (first, second):
            repos.session.add(
                PracticeReview(
                    practice_id=practice_id, round=1, expert_id=expert.id, status="done", done_at=now
                )
            )
        await repos.commit()
        report = await build(
            repos.indicators,
            repos.content,
            Scope(None, None, None, None),
            PeriodCode.ACADEMIC_YEAR,
            now=now + timedelta(days=3),
            timezone="Europe/Moscow",
            experts=repos.experts,
        )
    assert report.counts.experts == 2
    async with env.repos() as repos:
        empty = await build(
            repos.indicators,
            repos.content,
            Scope(None, None, None, None),
            PeriodCode.PREVIOUS_YEAR,
            now=now + timedelta(days=3),
            timezone="Europe/Moscow",
            experts=repos.experts,
        )
    assert empty.counts.experts == 0


def test_expert_activity_counts_each_expert_once_within_the_period() -> None:
    from datetime import UTC, datetime

    start, end = datetime(2026, 9, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
    facts = [
        ExpertFact(1, datetime(2026, 9, 5, tzinfo=UTC)),
        ExpertFact(1, datetime(2026, 10, 5, tzinfo=UTC)),  # a jury too: still one expert
        ExpertFact(2, datetime(2026, 12, 1, tzinfo=UTC)),  # the end is not within
        ExpertFact(3, datetime(2026, 8, 31, tzinfo=UTC)),  # before the start
        ExpertFact(4, start),
    ]
    assert expert_activity(facts, start, end) == 2
