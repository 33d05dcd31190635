"""Mentoring held to its scope: municipal staff reach their municipality only in every screen and
button (matching, proposals, pairs, applications, escalations, the report and its file), the
regional centre and admins reach all; mentors and young specialists reach their own pairs only.
Every forged button is refused politely and changes nothing in the database."""

from __future__ import annotations

import io
from dataclasses import dataclass

import openpyxl
from sqlalchemy import select

import bot.jobs
from bot.callbacks import AdaptCD, MentorAction, MentorCD, PairAction, PairCD
from bot.domain.mentoring import MeetingFormat, PairStatus, adaptation_period
from bot.domain.roles import Role
from bot.services import mentoring as service
from bot.services import roles as role_service
from storage.models import (
    AdaptationCheck,
    Escalation,
    MentorApplication,
    MentorMeeting,
    MentorPair,
    MentorProfile,
    MentorRequest,
    User,
    UserRole,
)
from tests.conftest import ADMIN_ID, BotEnv
from tests.fakes import TgUser
from tests.flows import last_answer, open_section, register, settle

OUT_OF_SCOPE = "вне вашего муниципалитета"
NOT_YOURS = "не ваша пара"

# Everybody in Galich (municipality B); the municipal staff member works for Kostroma (A).
B_NAMES = ("Галкина Юлия", "Галеева Ирина", "Галицкая Мария", "Галанова Нина", "Галушкина Ольга")


async def snapshot(env: BotEnv) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table mentoring or roles write to."""
    tables = (
        MentorPair,
        MentorMeeting,
        MentorApplication,
        MentorProfile,
        MentorRequest,
        AdaptationCheck,
        Escalation,
        UserRole,
    )
    found: dict[str, list[tuple[object, ...]]] = {}
    async with env.repos() as repos:
        for model in tables:
            table = model.__table__
            rows = await repos.session.execute(select(*table.columns).order_by(*table.primary_key.columns))
            found[table.name] = [tuple(row) for row in rows.all()]
    return found


@dataclass
class World:
    staff_a: TgUser
    regional: TgUser
    mentor_a: TgUser
    young_a: TgUser
    mentor_b: TgUser
    mentor_b2: TgUser
    young_b: TgUser
    young_b2: TgUser
    applicant_b: TgUser
    town_b: int
    pair_a: int
    pair_b: int  # active, with a confirmed meeting
    proposal_b: int
    other_mentor_b: int  # a Galich mentor who is not the proposal's
    meeting_a: int
    meeting_b: int
    check_b: int
    application_b: int


async def user_of(env: BotEnv, person: TgUser) -> User:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(person.id)
        assert user is not None
        return user


async def world(env: BotEnv) -> World:
    """Kostroma: a municipal staff member, the regional centre, a mentor and a young specialist;
    Galich: two mentors, two young specialists (one active pair with a meeting, one proposal),
    an adaptation check, and a teacher applying to be a mentor."""
    older = {"experience": "15", "birth_year": "1979"}
    galich = {"municipality": "г. Галич", "school": "СОШ № 2"}
    people = {
        "staff_a": (4001, "Костромская Светлана", older, {}),
        "regional": (4002, "Областная Елена", older, {}),
        "mentor_a": (4003, "Костромин Пётр", older, {}),
        "young_a": (4004, "Молодцова Дарья", {}, {}),
        "mentor_b": (4005, B_NAMES[2], older, galich),
        "mentor_b2": (4006, B_NAMES[3], older, galich),
        "young_b": (4007, B_NAMES[0], {}, galich),
        "young_b2": (4008, B_NAMES[1], {}, galich),
        "applicant_b": (4009, B_NAMES[4], older, galich),
    }
    users: dict[str, TgUser] = {}
    for key, (tg_id, name, age, place) in people.items():
        users[key] = env.user(tg_id)
        await register(users[key], name=name, **age, **place)
    now = env.clock()
    async with env.repos() as repos:
        found = {key: await repos.users.by_tg_id(person.id) for key, person in users.items()}
        rows = {key: user for key, user in found.items() if user is not None}
        town_a = rows["staff_a"].municipality_id
        town_b = rows["young_b"].municipality_id
        assert town_a is not None and town_b is not None and town_a != town_b
        await role_service.grant(
            repos, rows["staff_a"], Role.STAFF, actor_tg_id=None, source="test", scope_municipality_id=town_a
        )
        await role_service.grant(repos, rows["regional"], Role.STAFF, actor_tg_id=None, source="test")
        for key in ("mentor_a", "mentor_b", "mentor_b2"):
            await role_service.grant(repos, rows[key], Role.MENTOR, actor_tg_id=None, source="test")
        application = await service.apply(repos, rows["applicant_b"], "Хочу помогать молодым", 2)
        await repos.commit()
    async with env.repos() as repos:
        run = await service.run_matching(repos, None, now.year)
        by_mentee = {p.mentee_id: p for p in run.proposals}
        assert set(by_mentee) == {rows[k].id for k in ("young_a", "young_b", "young_b2")}
        pair_a, pair_b = by_mentee[rows["young_a"].id], by_mentee[rows["young_b"].id]
        proposal_b = by_mentee[rows["young_b2"].id]
        for pair in (pair_a, pair_b):
            await service.confirm(repos, pair, now, now.date())
        meetings = []
        for pair, token in ((pair_a, "a" * 16), (pair_b, "b" * 16)):
            logged = await service.log_meeting(
                repos,
                pair,
                token=token,
                held_on=now.date(),
                meeting_format=MeetingFormat.OBSERVATION,
                topic="Урок в 5 классе",
                minutes=45,
                note=None,
                photo_file_id=None,
                now=now,
            )
            meetings.append(logged.meeting.id)
        meeting_b = await repos.mentoring.meeting(meetings[1])
        assert meeting_b is not None
        await service.confirm_meeting(repos, meeting_b, now)
        check = await repos.mentoring.claim_check(rows["young_b"].id, adaptation_period(now.date()), now)
        assert check is not None
        other = rows["mentor_b2"] if proposal_b.mentor_id == rows["mentor_b"].id else rows["mentor_b"]
        result = World(
            **users,
            town_b=town_b,
            pair_a=pair_a.id,
            pair_b=pair_b.id,
            proposal_b=proposal_b.id,
            other_mentor_b=other.id,
            meeting_a=meetings[0],
            meeting_b=meetings[1],
            check_b=check.id,
            application_b=application.id,
        )
        await repos.commit()
    return result


def forged_staff_buttons(w: World) -> list[PairCD]:
    """Every staff button that names an object (or a municipality) of Galich."""
    return [
        PairCD(action=PairAction.MATCH_IN, m=w.town_b),
        PairCD(action=PairAction.MATCH_IN),  # «the whole region»
        PairCD(action=PairAction.PROPOSAL, p=w.proposal_b),
        PairCD(action=PairAction.CONFIRM, p=w.proposal_b),
        PairCD(action=PairAction.REJECT, p=w.proposal_b),
        PairCD(action=PairAction.OTHERS, p=w.proposal_b),
        PairCD(action=PairAction.PICK, p=w.proposal_b, m=w.other_mentor_b),
        PairCD(action=PairAction.PAIR, p=w.pair_b),
        PairCD(action=PairAction.PAUSE, p=w.pair_b),
        PairCD(action=PairAction.RESUME, p=w.pair_b),
        PairCD(action=PairAction.COMPLETE, p=w.pair_b),
        PairCD(action=PairAction.REMATCH, p=w.pair_b),
        PairCD(action=PairAction.APPROVE, a=w.application_b),
        PairCD(action=PairAction.DECLINE, a=w.application_b),
    ]


def assert_no_galich(text: str) -> None:
    for name in B_NAMES:
        assert name not in text, f"{name} leaked into: {text}"


async def test_municipal_staff_reach_only_their_municipality_in_mentoring(env_all: BotEnv) -> None:
    env = env_all
    w = await world(env)
    staff = w.staff_a
    await staff.send("/menu")
    before = await snapshot(env)

    # Every forged button about Galich: a polite refusal, nothing changed.
    for data in forged_staff_buttons(w):
        await staff.click_data(data.pack())
        assert OUT_OF_SCOPE in last_answer(env), data
    assert await snapshot(env) == before

    # The screens and the file show Kostroma only.
    await open_section(staff, "🔗 Пары и подбор наставников")
    home = staff.last_message.text
    assert "с наставником: 1 из 1" in home
    assert_no_galich(home)
    await staff.click_data(PairCD(action=PairAction.PROPOSALS).pack())
    assert "Предложенные пары</b> (0)" in (staff.last_message.html or "")
    await staff.click_data(PairCD(action=PairAction.APPS).pack())
    assert_no_galich(staff.last_message.text)
    await staff.click_data(PairCD(action=PairAction.REPORT).pack())
    assert_no_galich(staff.last_message.text)
    assert "Костромин Пётр" in staff.last_message.text
    await staff.click("📥 Выгрузить в Excel")
    book = openpyxl.load_workbook(io.BytesIO(staff.last_message.document))
    cells = " ".join(
        str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row if value
    )
    assert "Молодцова Дарья" in cells
    assert_no_galich(cells)
    env.clock.advance(days=31)  # both pairs are quiet for a month now
    await open_section(staff, "🔗 Пары и подбор наставников")
    await staff.click_data(PairCD(action=PairAction.RISK).pack())
    assert "Молодцова Дарья" in staff.last_message.text
    assert_no_galich(staff.last_message.text)
    assert await snapshot(env) == before

    # Their own matching replaces their own proposals only.
    await open_section(staff, "🔗 Пары и подбор наставников")
    await staff.click("🔎 Подобрать пары")
    assert "Для кого подобрать пары?" not in staff.last_message.text  # no choice: their municipality
    async with env.repos() as repos:
        proposal = await repos.mentoring.pair(w.proposal_b)
        assert proposal is not None and proposal.status == PairStatus.PROPOSED.value

    # The regional centre reaches Galich: the pair's card, the application, the matching there.
    regional = w.regional
    await regional.send("/menu")
    await regional.click_data(PairCD(action=PairAction.PAIR, p=w.pair_b).pack())
    assert "Галкина Юлия" in regional.last_message.text
    await regional.click_data(PairCD(action=PairAction.APPS).pack())
    assert "Галушкина Ольга" in regional.last_message.text
    await regional.click_data(PairCD(action=PairAction.DECLINE, a=w.application_b).pack())
    await regional.click_data(PairCD(action=PairAction.MATCH_IN, m=w.town_b).pack())
    assert "Галеева Ирина" in regional.last_message.text
    async with env.repos() as repos:
        application = await repos.mentoring.application(w.application_b)
        assert application is not None and application.status == "declined"
    # So does an admin.
    admin = env.user(ADMIN_ID)
    await admin.send("/menu")
    await admin.click_data(PairCD(action=PairAction.PAIR, p=w.pair_b).pack())
    assert "Галкина Юлия" in admin.last_message.text


async def test_escalations_reach_the_municipality_s_own_staff_and_the_region_only(env: BotEnv) -> None:
    w = await world(env)
    newcomer = env.user(4010)
    await register(newcomer, name="Галиева Вера", municipality="г. Галич", school="СОШ № 2")
    staff_before, regional_before = len(w.staff_a.messages), len(w.regional.messages)
    env.clock.advance(days=31)
    await bot.jobs.mentoring_sweep()
    await settle(env)
    staff_news = [m.text or "" for m in w.staff_a.messages[staff_before:]]
    regional_news = " ".join(m.text or "" for m in w.regional.messages[regional_before:])
    assert any("Пара в зоне риска" in t and "Молодцова Дарья" in t for t in staff_news)
    for text in staff_news:
        assert_no_galich(text)
        assert "Галиева Вера" not in text
    assert "Галкина Юлия" in regional_news and "Галиева Вера" in regional_news

    # A young specialist of Galich saying «the mentor does not suit me» reaches Galich's staff only.
    staff_before, regional_before = len(w.staff_a.messages), len(w.regional.messages)
    await w.young_b.click_data(MentorCD(action=MentorAction.FIT, p=w.pair_b, v="no").pack())
    await settle(env)
    assert len(w.staff_a.messages) == staff_before
    assert "Галкина Юлия" in w.regional.last_message.text
    # Said again (a forged or repeated tap): staff are not told twice.
    await w.young_b.click_data(MentorCD(action=MentorAction.FIT, p=w.pair_b, v="no").pack())
    await settle(env)
    assert len(w.regional.messages) == regional_before + 1


async def test_mentors_and_mentees_reach_their_own_pairs_only(env_all: BotEnv) -> None:
    env = env_all
    w = await world(env)
    before = await snapshot(env)

    # A mentor of Kostroma forges every mentor button against the pair and meeting of Galich.
    mentor = w.mentor_a
    await mentor.send("/menu")
    pair, meeting = w.pair_b, w.meeting_b
    for data in (
        MentorCD(action=MentorAction.PAIR, p=pair),
        MentorCD(action=MentorAction.LOG, p=pair),
        MentorCD(action=MentorAction.LOG_FMT, p=pair, v="planning"),
        MentorCD(action=MentorAction.LOG_TOPIC, p=pair, v="0"),
        MentorCD(action=MentorAction.LOG_MIN, p=pair, v="45"),
        MentorCD(action=MentorAction.LOG_DAY, p=pair, v=env.clock().date().isoformat()),
        MentorCD(action=MentorAction.LOG_DATES, p=pair),
        MentorCD(action=MentorAction.LOG_NOTE, p=pair),
        MentorCD(action=MentorAction.LOG_SAVE, p=pair, v="b" * 16),
        MentorCD(action=MentorAction.JOURNAL, p=pair),
        MentorCD(action=MentorAction.MEETING, m=meeting),
        MentorCD(action=MentorAction.EDIT_MIN, m=meeting, v="90"),
        MentorCD(action=MentorAction.EDIT_TOPIC, m=meeting),
        MentorCD(action=MentorAction.DELETE, m=meeting),
        MentorCD(action=MentorAction.DELETE_YES, m=meeting),
    ):
        await mentor.click_data(data.pack())
        assert NOT_YOURS in last_answer(env), data
    # Their own pair's form, saved against someone else's pair: refused too.
    await mentor.click_data(MentorCD(action=MentorAction.LOG, p=w.pair_a).pack())
    await mentor.click_data(MentorCD(action=MentorAction.LOG_SAVE, p=pair, v="x" * 16).pack())
    assert NOT_YOURS in last_answer(env)

    # A young specialist of Kostroma forges the mentee's buttons against Galich's pair.
    young = w.young_a
    await young.send("/menu")
    for data_ in (
        MentorCD(action=MentorAction.YES, m=meeting),
        MentorCD(action=MentorAction.NO, m=meeting),
        MentorCD(action=MentorAction.RATE, m=meeting, v="1"),
        MentorCD(action=MentorAction.FIT, p=pair, v="no"),
        MentorCD(action=MentorAction.JOURNAL, p=pair),
        AdaptCD(c=w.check_b, i=0, v="paperwork"),
        AdaptCD(c=w.check_b, i=0, v="done"),
    ):
        await young.click_data(data_.pack())
        assert NOT_YOURS in last_answer(env), data_
    # A mentee's buttons are not the mentor's, and the mentor's are not the mentee's.
    await w.young_b.click_data(MentorCD(action=MentorAction.EDIT_MIN, m=meeting, v="90").pack())
    assert "только сотрудникам с нужной ролью" in last_answer(env)
    mentor_b = w.mentor_b if await _mentor_of(env, pair) == w.mentor_b.id else w.mentor_b2
    await mentor_b.send("/menu")
    await mentor_b.click_data(MentorCD(action=MentorAction.RATE, m=meeting, v="1").pack())
    assert NOT_YOURS in last_answer(env)
    assert await snapshot(env) == before


async def _mentor_of(env: BotEnv, pair_id: int) -> int:
    async with env.repos() as repos:
        pair = await repos.mentoring.pair(pair_id)
        assert pair is not None
        mentor = await repos.users.by_id(pair.mentor_id)
        assert mentor is not None
        return mentor.tg_id


async def test_a_former_mentor_cannot_change_the_log_of_a_cancelled_pair(env: BotEnv) -> None:
    w = await world(env)
    old_mentor = w.mentor_b if await _mentor_of(env, w.pair_b) == w.mentor_b.id else w.mentor_b2
    # Staff of Galich's region cancel the pair and propose someone else.
    await w.regional.send("/menu")
    await w.regional.click_data(PairCD(action=PairAction.REMATCH, p=w.pair_b).pack())
    async with env.repos() as repos:
        pair = await repos.mentoring.pair(w.pair_b)
        assert pair is not None and pair.status == PairStatus.CANCELLED.value
    before = await snapshot(env)
    await old_mentor.send("/menu")
    for data in (
        MentorCD(action=MentorAction.MEETING, m=w.meeting_b),
        MentorCD(action=MentorAction.EDIT_MIN, m=w.meeting_b, v="90"),
        MentorCD(action=MentorAction.EDIT_TOPIC, m=w.meeting_b),
        MentorCD(action=MentorAction.DELETE_YES, m=w.meeting_b),
        MentorCD(action=MentorAction.JOURNAL, p=w.pair_b),
    ):
        await old_mentor.click_data(data.pack())
        assert NOT_YOURS in last_answer(env), data
    # Nor does the young specialist rate a meeting of the cancelled pair.
    await w.young_b.send("/menu")
    await w.young_b.click_data(MentorCD(action=MentorAction.RATE, m=w.meeting_b, v="1").pack())
    assert NOT_YOURS in last_answer(env)
    assert await snapshot(env) == before


async def test_a_proposed_pair_stays_closed_to_both_people_until_staff_confirm_it(env: BotEnv) -> None:
    w = await world(env)
    mentor_id = await _mentor_of(env, w.proposal_b)
    proposed_mentor = w.mentor_b if mentor_id == w.mentor_b.id else w.mentor_b2
    await w.young_b2.send("/menu")
    await w.young_b2.click_data(MentorCD(action=MentorAction.JOURNAL, p=w.proposal_b).pack())
    assert NOT_YOURS in last_answer(env)
    await proposed_mentor.send("/menu")
    await proposed_mentor.click_data(MentorCD(action=MentorAction.JOURNAL, p=w.proposal_b).pack())
    assert NOT_YOURS in last_answer(env)
    await proposed_mentor.click_data(MentorCD(action=MentorAction.PAIR, p=w.proposal_b).pack())
    assert NOT_YOURS in last_answer(env)
