"""A teacher's route is theirs alone: every route button forged with another teacher's route or
step — or one's own route with another's step — is refused politely and changes nothing, and a
route cannot be built from another teacher's diagnosis."""

from __future__ import annotations

from sqlalchemy import select

from bot.callbacks import DiagAction, DiagCD, RouteCD
from bot.ui.keyboard import shorten
from storage.models import Route, RouteStep, StepEvidence
from tests.conftest import BotEnv
from tests.flows import current_route, diagnosed_teacher, last_answer, register

NOT_YOURS = "не ваш маршрут"
GONE = ("Этого шага уже нет", "устарела")

# Every action of the teacher's route screens (handlers/routes/) that names a route.
ROUTE_ACTIONS = (
    "view",
    "rebuild",
    "step",
    "start",
    "restore",
    "reopen",
    "remove",
    "done",
    "files",
    "drop",
    "goal",
    "goal_take",
    "add",
    "form",
    "area",
    "term",
    "submit",
    "export",
)


async def snapshot(env: BotEnv) -> dict[str, list[tuple[object, ...]]]:
    found: dict[str, list[tuple[object, ...]]] = {}
    async with env.repos() as repos:
        for model in (Route, RouteStep, StepEvidence):
            table = model.__table__
            rows = await repos.session.execute(select(*table.columns).order_by(*table.primary_key.columns))
            found[table.name] = [tuple(row) for row in rows.all()]
    return found


async def test_another_teacher_s_route_and_steps_cannot_be_reached(env_all: BotEnv) -> None:
    env = env_all
    owner = await diagnosed_teacher(env, 2601, "Хозяйкина Ольга")
    await owner.click("Построить ИОМ")
    route = await current_route(env, 2601)
    step = route.steps[0]
    # The owner's step has evidence: «files» would resend it.
    await owner.click("🎯 Цель маршрута")
    await owner.click("Взять предложенную")
    await owner.click("Отправить методисту")
    await owner.click("1. ▫️ " + shorten(step.title, 40))
    await owner.click("✅ Выполнено")
    await owner.send_document("udostoverenie.pdf", b"%PDF-1.4 certificate", "application/pdf")
    async with env.repos() as repos:
        stored = await repos.routes.by_id(route.id)
        assert stored is not None and stored.steps[0].evidence
    stranger = await diagnosed_teacher(env, 2602, "Чужакова Вера")
    await stranger.click("Построить ИОМ")
    theirs = await current_route(env, 2602)
    before = await snapshot(env)
    sent_before = len(stranger.messages)

    for action in ROUTE_ACTIONS:
        data = RouteCD(action=action, r=route.id, s=step.id, v="event")
        await stranger.click_data(data.pack())
        assert NOT_YOURS in last_answer(env), action
    assert len(stranger.messages) == sent_before  # no document, no file, no screen of someone else's
    assert await snapshot(env) == before
    # The last step of a dialogue (the drop reason, skipping the note) outside it: the menu, no change.
    for action in ("why", "note_skip"):
        await stranger.click_data(RouteCD(action=action, r=route.id, s=step.id, v="time").pack())
        assert "Чем займёмся?" in stranger.last_message.text
    assert await snapshot(env) == before

    # Their own route with the owner's step: that step is not in it.
    for action in ("step", "start", "restore", "reopen", "remove", "done", "files", "drop"):
        await stranger.click_data(RouteCD(action=action, r=theirs.id, s=step.id).pack())
        assert any(text in last_answer(env) for text in GONE), action
    assert await snapshot(env) == before
    assert all(m.document is None for m in stranger.messages)  # the owner's certificate stays theirs

    # A route cannot be built from someone else's diagnosis.
    async with env.repos() as repos:
        attempts = await repos.diagnosis.finished(route.user_id)
    newcomer = env.user(2603)
    await register(newcomer, name="Новенькая Анна")
    await newcomer.click_data(DiagCD(action=DiagAction.PLAN, a=attempts[0].id).pack())
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(2603)
        assert user is not None
        assert await repos.routes.current(user.id) is None
    assert await snapshot(env) == before
