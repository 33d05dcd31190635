"""Confirming pairs is atomic in the database: two staff confirming the same proposal at once
activate it once and introduce the pair once; two proposals for a mentor with one free place
cannot both take it; «confirm all» beside a single confirmation introduces nobody twice."""

from __future__ import annotations

import asyncio

from bot.callbacks import PairAction, PairCD
from storage.models import MentorPair
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.fakes.client import feed_deliver
from tests.flows import invited, register, settle

INTRO_MENTOR = "За вами закреплён молодой специалист"
INTRO_MENTEE = "У вас есть наставник"


def tapping_at_once(env: BotEnv, person: TgUser) -> TgUser:
    """The same person, their taps fed to the bot directly rather than one by one through polling:
    two such taps are handled at the same moment, each in its own database session (as with
    production's concurrent updates, or two processes on one database)."""
    assert env.app is not None
    return TgUser(env.fake, feed_deliver(env.app.dp, env.app.bot), person.id, first_name=person.first_name)


async def propose(env: BotEnv, mentor_tg: int, mentee_tg: int) -> int:
    async with env.repos() as repos:
        mentor = await repos.users.by_tg_id(mentor_tg)
        mentee = await repos.users.by_tg_id(mentee_tg)
        assert mentor is not None and mentee is not None
        pair = await repos.mentoring.add_pair(
            mentor_id=mentor.id, mentee_id=mentee.id, status="proposed", score=1.0, reasons=[]
        )
        await repos.commit()
        return pair.id


def answers(env: BotEnv) -> list[str]:
    return [str(r.params.get("text", "")) for r in env.fake.requests_for("answerCallbackQuery")]


def received(person: TgUser, text: str) -> int:
    return sum(text in m.text for m in person.messages)


async def test_two_staff_confirming_one_proposal_at_once_activate_and_introduce_it_once(
    env_all: BotEnv,
) -> None:
    env = env_all
    first = await invited(env, 3401, "сотрудник методической службы", "Первая Сотрудница")
    second = await invited(env, 3402, "сотрудник методической службы", "Вторая Сотрудница")
    mentor = await invited(env, 3403, "наставник", "Наставникова Галина")
    young = env.user(3404)
    await register(young, name="Молодова Анна")
    pair_id = await propose(env, 3403, 3404)
    for staff in (first, second):
        await staff.send("/menu")

    confirm = PairCD(action=PairAction.CONFIRM, p=pair_id).pack()
    await asyncio.gather(
        tapping_at_once(env, first).click_data(confirm), tapping_at_once(env, second).click_data(confirm)
    )
    await settle(env)

    async with env.repos() as repos:
        pair = await repos.mentoring.pair(pair_id)
        assert pair is not None and pair.status == "active"
        assert len(await repos.mentoring.pairs_of_mentor(pair.mentor_id, ("active", "paused"))) == 1
    assert received(mentor, INTRO_MENTOR) == 1
    assert received(young, INTRO_MENTEE) == 1
    told = answers(env)[-2:]
    assert sorted(told) == [
        "Пара подтверждена: наставник и молодой специалист получили контакты друг друга.",
        "Эта пара уже решена.",
    ], told


async def test_two_proposals_for_a_mentors_last_place_confirmed_at_once_take_it_once(env_all: BotEnv) -> None:
    env = env_all
    first = await invited(env, 3501, "сотрудник методической службы", "Первая Сотрудница")
    second = await invited(env, 3502, "сотрудник методической службы", "Вторая Сотрудница")
    mentor = await invited(env, 3503, "наставник", "Наставникова Галина")
    anna, olga = env.user(3504), env.user(3505)
    await register(anna, name="Молодова Анна")
    await register(olga, name="Юная Ольга")
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(3503)
        assert user is not None
        await repos.mentoring.save_profile(user.id, capacity=1)
        await repos.commit()
    for_anna, for_olga = await propose(env, 3503, 3504), await propose(env, 3503, 3505)
    for staff in (first, second):
        await staff.send("/menu")

    await asyncio.gather(
        tapping_at_once(env, first).click_data(PairCD(action=PairAction.CONFIRM, p=for_anna).pack()),
        tapping_at_once(env, second).click_data(PairCD(action=PairAction.CONFIRM, p=for_olga).pack()),
    )
    await settle(env)

    async with env.repos() as repos:
        pairs = [await repos.mentoring.pair(pair_id) for pair_id in (for_anna, for_olga)]
    statuses = sorted(p.status for p in pairs if p is not None)
    assert statuses == ["active", "proposed"]
    assert received(mentor, INTRO_MENTOR) == 1
    assert received(anna, INTRO_MENTEE) + received(olga, INTRO_MENTEE) == 1
    assert any("у наставника нет свободного места" in text for text in answers(env)[-2:])


async def test_confirm_all_beside_a_single_confirmation_introduces_each_pair_once(env_all: BotEnv) -> None:
    env = env_all
    first = await invited(env, 3601, "сотрудник методической службы", "Первая Сотрудница")
    second = await invited(env, 3602, "сотрудник методической службы", "Вторая Сотрудница")
    mentor = await invited(env, 3603, "наставник", "Наставникова Галина")
    anna, olga = env.user(3604), env.user(3605)
    await register(anna, name="Молодова Анна")
    await register(olga, name="Юная Ольга")
    for_anna, _for_olga = await propose(env, 3603, 3604), await propose(env, 3603, 3605)
    for staff in (first, second):
        await staff.send("/menu")

    await asyncio.gather(
        tapping_at_once(env, first).click_data(PairCD(action=PairAction.CONFIRM_ALL).pack()),
        tapping_at_once(env, second).click_data(PairCD(action=PairAction.CONFIRM, p=for_anna).pack()),
    )
    await settle(env)

    async with env.repos() as repos:
        assert await repos.mentoring.proposed(None) == []
    assert len(await _holding(env)) == 2
    assert received(mentor, INTRO_MENTOR) == 2  # one per young specialist, none twice
    assert received(anna, INTRO_MENTEE) == 1 and received(olga, INTRO_MENTEE) == 1


async def _holding(env: BotEnv) -> list[MentorPair]:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(3603)
        assert user is not None
        return [p for p, _u in await repos.mentoring.pairs_of_mentor(user.id, ("active", "paused"))]
