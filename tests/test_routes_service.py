"""Route services and screens without Telegram: parsing input, the methodists' load, a 30-step route."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.diagnostics import StepForm
from bot.domain.roles import Role
from bot.domain.routes import MAX_STEPS, RouteStatus, StepStatus
from bot.i18n import I18n
from bot.services import routes as service
from bot.ui import routes as screens
from bot.ui.messaging import Screen
from storage.models import Route, RouteStep, StepEvidence
from tests.conftest import BotEnv

_ = I18n("ru").get("ru")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class TestInput:
    def test_a_lone_link_is_a_link_else_text(self) -> None:
        assert service.text_evidence(" https://example.org/cert ") == service.Evidence(
            kind="link", text="https://example.org/cert"
        )
        assert service.text_evidence("Провела открытый урок").kind == "text"
        assert service.text_evidence("Смотрите https://example.org").kind == "text"
        with pytest.raises(ValueError, match="short"):
            service.text_evidence(" ")
        with pytest.raises(ValueError, match="long"):
            service.text_evidence("а" * 1001)

    def test_note_and_title(self) -> None:
        assert service.parse_note("https://example.org/x") == ("", "https://example.org/x")
        assert service.parse_note("Очно, 36 часов") == ("Очно, 36 часов", None)
        assert service.parse_title("  Курсы   по  ФГОС ") == "Курсы по ФГОС"
        with pytest.raises(ValueError, match="short"):
            service.parse_title("ab")
        with pytest.raises(ValueError, match="long"):
            service.parse_note("x" * 801)

    def test_search_by_part_of_the_name_ignores_case_and_yo(self) -> None:
        names = [(1, "Семёнова Анна"), (2, "Семенов Пётр"), (3, "Иванова Мария")]
        assert service.search_names(names, "семен") == [(1, "Семёнова Анна"), (2, "Семенов Пётр")]
        assert service.search_names(names, "СЕМЁНОВА анна") == [(1, "Семёнова Анна")]
        assert service.search_names(names, "  ") == []
        assert service.search_names(names, "а", limit=2) == [(1, "Семёнова Анна"), (3, "Иванова Мария")]

    def test_planned_window_stays_inside_the_route(self) -> None:
        route = Route(period_start=date(2026, 11, 23), period_end=date(2027, 5, 31))
        assert service.planned_window(route, date(2026, 12, 1), 1) == (date(2026, 12, 1), date(2026, 12, 31))
        assert service.planned_window(route, date(2027, 5, 20), 3) == (date(2027, 5, 20), date(2027, 5, 31))
        assert service.planned_window(route, date(2026, 12, 1), 0) == (date(2026, 12, 1), date(2027, 5, 31))
        # In summer a route for the coming year starts on its first day.
        summer = Route(period_start=date(2027, 9, 1), period_end=date(2028, 5, 31))
        assert service.planned_window(summer, date(2027, 7, 1), 1) == (date(2027, 9, 1), date(2027, 10, 1))


def big_route(steps: int) -> Route:
    route = Route(
        id=77,
        user_id=1,
        status=RouteStatus.APPROVED.value,
        goal="Научиться вести уроки с цифровыми ресурсами " * 4,
        period_start=date(2026, 9, 1),
        period_end=date(2027, 5, 31),
        review_comment="Хороший маршрут, но не забудьте про стажировку " * 5,
    )
    route.steps = []
    statuses = list(StepStatus)
    for i in range(steps):
        step = RouteStep(
            id=1000 + i,
            route_id=77,
            position=i + 1,
            form=StepForm.COURSE,
            title=f"Курсы повышения квалификации «Очень длинное название программы номер {i}» " * 2,
            description="Описание " * 50,
            link="https://example.org/" + "x" * 100,
            area="digital",
            source="catalogue",
            planned_start=date(2026, 9, 1),
            planned_end=date(2026, 11, 1) if i % 3 == 0 else date(2027, 5, 1),
            status=statuses[i % 4].value,
            comment="Комментарий методиста к шагу " * 3 if i % 5 == 0 else None,
        )
        step.evidence = [StepEvidence(kind="link", text="https://example.org/evidence")]
        route.steps.append(step)
    return route


def assert_telegram_limits(screen: Screen) -> None:
    text, markup = screen
    assert 0 < len(text) <= 4096
    assert markup is not None
    for row in markup.inline_keyboard:
        for button in row:
            assert button.callback_data and len(button.callback_data.encode()) <= 64
            assert len(button.text) <= 64


def test_a_route_of_30_steps_fits_telegram_limits_page_by_page() -> None:
    route = big_route(MAX_STEPS)
    view = screens.RouteView(route, {"digital": "Цифровые компетенции"}, date(2026, 11, 23))
    for page in range(3):
        screen = screens.route_screen(view, page, _)
        assert_telegram_limits(screen)
        assert f"Страница {page + 1} из 3" in screen[0]
        numbers = [
            b.text.split(".")[0] for row in screen[1].inline_keyboard for b in row if "." in b.text[:3]
        ]
        assert numbers == [str(n) for n in range(page * 10 + 1, page * 10 + 11)]
    assert "⚠️ срок прошёл" in screens.route_screen(view, 0, _)[0]
    for step in route.steps:
        assert_telegram_limits(screens.step_screen(step, view, 0, _))
        assert_telegram_limits(screens.review_step_screen(step, view, 0, _))
    teacher_row = service.TeacherRow(teacher=_teacher(), route=route, progress=view.progress, overdue=3)
    assert_telegram_limits(screens.teachers_screen([teacher_row] * 25, 4, 2, _))


def _teacher():
    from storage.models import User

    user = User(id=1, tg_id=5, full_name="Очень-Длинная-Фамилия " * 5, consent_at=NOW, consent_version="1")
    user.subjects = []
    return user


async def _person(
    env: BotEnv, tg_id: int, name: str, municipality_id: int, subjects: list[str], role: Role | None
):
    async with env.repos() as repos:
        user = await repos.users.create(tg_id, locale="ru", consent_at=NOW, consent_version="1")
        await repos.users.update(user, full_name=name, municipality_id=municipality_id, registered_at=NOW)
        await repos.users.set_subjects(user, subjects)
        if role:
            await repos.users.add_role(user, role, scope_municipality_id=None, granted_by_tg_id=None)
        await repos.commit()
        return user.id


async def test_auto_assign_spreads_teachers_by_subject_and_load(env: BotEnv) -> None:
    async with env.repos() as repos:
        municipalities, _total = await repos.directory.municipalities()
    first, second = municipalities[0].id, municipalities[1].id
    math = await _person(env, 1, "Математикова", first, ["math"], Role.METHODIST)
    history = await _person(env, 2, "Историкова", first, ["history"], Role.METHODIST)
    teachers = [await _person(env, 10 + i, f"Учитель {i}", first, ["math"], None) for i in range(3)]
    historian = await _person(env, 20, "Историк", first, ["history"], None)
    elsewhere = await _person(env, 21, "Далёкий", second, ["math"], None)
    async with env.repos() as repos:
        assert await service.auto_assign(repos, first, NOW) == 4  # only the municipality asked for
        await repos.commit()
        got = {t: (await repos.assignments.of_teacher(t)).methodist_id for t in [*teachers, historian]}
        assert got == {teachers[0]: math, teachers[1]: math, teachers[2]: math, historian: history}
        assert await repos.assignments.of_teacher(elsewhere) is None
        loads = {row.user.id: row.load for row in await repos.assignments.methodists(first)}
        assert loads == {math: 3, history: 1}
        assert await service.auto_assign(repos, first, NOW) == 0  # nobody left: running twice changes nothing
        # Both methodists are regional, so the other municipality's teacher gets the math one.
        assert await service.auto_assign(repos, None, NOW) == 1
        assert (await repos.assignments.of_teacher(elsewhere)).methodist_id == math


def test_every_step_of_a_page_is_listed_even_at_the_input_limits() -> None:
    route = big_route(MAX_STEPS)
    for step in route.steps:
        step.title = "Т" * 200
        step.comment = "К" * 1000
    route.review_comment = "О" * 1000
    route.goal = "Ц" * 300
    view = screens.RouteView(route, {"digital": "Цифровые компетенции"}, date(2026, 11, 23))
    for page in range(3):
        text, _markup = screens.route_screen(view, page, _)
        assert len(text) <= 4096
        for number in range(page * 10 + 1, page * 10 + 11):
            assert f"\n{number}. " in text


async def _due_route(env: BotEnv, tg_id: int, *, unreachable: bool = False) -> int:
    async with env.repos() as repos:
        municipalities, _total = await repos.directory.municipalities()
        user = await repos.users.create(tg_id, locale="ru", consent_at=NOW, consent_version="1")
        await repos.users.update(
            user,
            full_name=f"Учитель {tg_id}",
            municipality_id=municipalities[0].id,
            registered_at=NOW,
            unreachable_at=NOW if unreachable else None,
        )
        route = await repos.routes.create(
            user_id=user.id,
            attempt_id=None,
            status="approved",
            period_start=date(2026, 9, 1),
            period_end=date(2027, 5, 31),
            goal="Цель",
        )
        await repos.routes.add_step(
            route,
            form=StepForm.COURSE,
            title="Курсы",
            description="",
            link=None,
            hours=None,
            area=None,
            level=None,
            source="own",
            planned_start=date(2026, 11, 1),
            planned_end=date(2026, 11, 24),
            status="planned",
        )
        await repos.commit()
        return route.id


async def test_regression_the_sweep_reads_every_page_even_when_some_teachers_blocked_the_bot(
    env: BotEnv,
) -> None:
    """A page with an unreachable teacher's route looked short and the sweep stopped there."""
    blocked = [await _due_route(env, 100 + i, unreachable=True) for i in range(3)]
    reachable = [await _due_route(env, 200 + i) for i in range(5)]
    async with env.repos() as repos:
        nudges = await service.claim_reminders(repos, NOW, "Europe/Moscow", page=2)
    assert sorted(n.route_id for n in nudges) == reachable
    assert not set(blocked) & {n.route_id for n in nudges}
    # Claimed once: a second sweep right away (another process, say) gets nothing.
    async with env.repos() as repos:
        assert await service.claim_reminders(repos, NOW, "Europe/Moscow", page=2) == []
        assert len(await repos.routes.reminders(reachable[0])) == 1
