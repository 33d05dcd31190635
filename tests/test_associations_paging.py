"""Long lists of associations page (◀️ / ▶️) through the fake Bot API: staff's list of a region's
associations, a teacher's list (theirs first, then those that fit), an association's members, requests
and the teachers a leader may add. A forged page past the end shows the last page; every button's
callback data fits Telegram's 64 bytes."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.callbacks import AsAction, AsCD, AsStaffAction, AsStaffCD
from bot.domain.associations import Level, MemberRole, MemberStatus
from bot.domain.events import EventKind, EventLevel, EventStatus
from storage.models import Association, AssociationMeeting, AssociationMember, Event, User, UserSubject
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import open_section, register, staff_user

COUNT = 25  # three pages of ten
NOW = datetime(2026, 10, 1, tzinfo=UTC)


def _page(user: TgUser) -> tuple[int, int]:
    match = re.search(r"Страница (\d+) из (\d+)", user.last_message.text)
    assert match, user.last_message.text
    return int(match.group(1)), int(match.group(2))


def _fits_64(user: TgUser) -> None:
    for button in user.last_message.inline_buttons:
        assert len(str(button.get("callback_data", "")).encode()) <= 64, button


def _named(user: TgUser) -> list[str]:
    return [t for t in user.buttons() if "РМО № " in t]


async def _seed(env: BotEnv, leader_tg: int, anna_tg: int) -> int:
    """25 regional maths associations; the first led by the leader with 23 members, 12 requests and
    14 teachers who could be added; Anna asked to join the 20th. Returns the first one's id."""
    async with env.repos() as repos:
        session = repos.session
        leader = await repos.users.by_tg_id(leader_tg)
        anna = await repos.users.by_tg_id(anna_tg)
        assert leader is not None and anna is not None
        rows = [
            Association(level=Level.REGIONAL, subject="math", name=f"РМО № {n:02} учителей математики")
            for n in range(1, COUNT + 1)
        ]
        session.add_all(rows)
        await session.flush()
        first = rows[0].id
        people = [
            User(
                tg_id=990_000 + n,
                consent_at=NOW,
                consent_version="1",
                full_name=f"Учитель {n:02}",
                municipality_id=anna.municipality_id,
                school_id=anna.school_id,
                registered_at=NOW,
            )
            for n in range(1, 23 + 12 + 14 + 1)
        ]
        session.add_all(people)
        await session.flush()
        session.add_all(UserSubject(user_id=p.id, subject="math") for p in people)

        def place(user_id: int, role: MemberRole, status: MemberStatus, a: int = first) -> AssociationMember:
            joined = NOW if status is MemberStatus.ACTIVE else None
            return AssociationMember(
                association_id=a, user_id=user_id, role=role, status=status, created_at=NOW, joined_at=joined
            )

        session.add(place(leader.id, MemberRole.LEADER, MemberStatus.ACTIVE))
        session.add_all(place(p.id, MemberRole.MEMBER, MemberStatus.ACTIVE) for p in people[:23])
        session.add_all(place(p.id, MemberRole.MEMBER, MemberStatus.REQUESTED) for p in people[23:35])
        session.add(place(anna.id, MemberRole.MEMBER, MemberStatus.REQUESTED, rows[19].id))
        await session.commit()
    return first


async def test_long_lists_page_and_forged_pages_show_the_last(env_all: BotEnv) -> None:
    env = env_all
    staff = await staff_user(env)
    leader = env.user(4801)
    await register(leader, name="Лидерова Лада")
    anna = env.user(4802)
    await register(anna, name="Аннова Анна")
    first = await _seed(env, 4801, 4802)

    # Staff: 25 associations, ten a page, newest first; ▶️ and ◀️ walk; a forged page shows the last.
    await open_section(staff, "Ведение объединений")
    assert _page(staff) == (1, 3) and "Методические объединения" in staff.last_message.text
    assert "▶️" in staff.buttons() and "◀️" not in staff.buttons()
    seen = _named(staff)
    assert len(seen) == 10 and seen[0].startswith("РМО № 25")
    _fits_64(staff)
    await staff.click("▶️")
    assert _page(staff) == (2, 3) and {"◀️", "▶️"} <= set(staff.buttons())
    seen += _named(staff)
    await staff.click("▶️")
    assert _page(staff) == (3, 3) and "▶️" not in staff.buttons()
    seen += _named(staff)
    assert len(set(seen)) == COUNT
    await staff.click("◀️")
    assert _page(staff) == (2, 3)
    await staff.click_data(AsStaffCD(action=AsStaffAction.HOME, p=999).pack())
    assert _page(staff) == (3, 3) and len(_named(staff)) == 5
    await staff.click_data(AsStaffCD(action=AsStaffAction.HOME, p=-5).pack())
    assert _page(staff) == (1, 3)
    _fits_64(staff)

    # The teacher: the one she asked to join first, then the 24 that fit; every one once.
    await open_section(anna, "ШМО и ГМО")
    assert _page(anna) == (1, 3)
    listed = _named(anna)
    assert listed[0].startswith("⏳ РМО № 20")
    while "▶️" in anna.buttons():
        await anna.click("▶️")
        listed += _named(anna)
    assert _page(anna) == (3, 3) and len(listed) == COUNT
    assert len({t.split(" ", 1)[1] for t in listed}) == COUNT
    await anna.click_data(AsCD(action=AsAction.LIST, p=999).pack())
    assert _page(anna) == (3, 3) and len(_named(anna)) == 5
    await anna.click("◀️")
    assert _page(anna) == (2, 3)
    _fits_64(anna)

    # The leader: members (24 with the leader), requests (12), teachers to add — all paged.
    await leader.click_data(AsCD(action=AsAction.MEMBERS, a=first).pack())
    assert "Участники: 24" in leader.last_message.text
    assert "▶️" in leader.buttons() and "◀️" not in leader.buttons()
    await leader.click("▶️")
    assert "◀️" in leader.buttons() and "Учитель 1" in leader.last_message.text
    await leader.click_data(AsCD(action=AsAction.MEMBERS, a=first, p=999).pack())
    assert "▶️" not in leader.buttons() and "◀️" in leader.buttons()
    assert "Учитель 23" in leader.last_message.text
    _fits_64(leader)
    await leader.click_data(AsCD(action=AsAction.REQUESTS, a=first).pack())
    assert "Заявки на вступление: 12" in leader.last_message.text and "▶️" in leader.buttons()
    await leader.click_data(AsCD(action=AsAction.REQUESTS, a=first, p=999).pack())
    assert "▶️" not in leader.buttons() and "◀️" in leader.buttons()
    assert "✅ Учитель 35" in leader.buttons()
    # Accepting on the second page stays there.
    await leader.click("✅ Учитель 35")
    assert "Заявки на вступление: 11" in leader.last_message.text and "◀️" in leader.buttons()
    await leader.click_data(AsCD(action=AsAction.CANDIDATES, a=first, p=999).pack())
    assert "▶️" not in leader.buttons() and "◀️" in leader.buttons()
    _fits_64(leader)
    async with env.repos() as repos:
        active = await repos.associations.member_count(first, MemberStatus.ACTIVE)
        assert active == 25
        assert (await repos.session.scalars(select(Association.id))).all().__len__() == COUNT


async def test_meetings_and_attendance_page(env: BotEnv) -> None:
    """An association with 12 meetings and 24 members: the meetings list and a past meeting's
    attendance page; a mark on the second page of attendance keeps that page."""
    staff = await staff_user(env)
    leader = env.user(4811)
    await register(leader, name="Лидерова Лада")
    anna = env.user(4812)
    await register(anna, name="Аннова Анна")
    first = await _seed(env, 4811, 4812)
    now = env.clock()
    async with env.repos() as repos:
        session = repos.session
        meetings = []
        for n in range(12):
            event = Event(
                kind=EventKind.OTHER,
                level=EventLevel.REGIONAL,
                title=f"Заседание {n + 1}",
                starts_at=now - timedelta(days=30 * (n + 1)),
                timezone=env.settings.default_timezone,
                status=EventStatus.PUBLISHED,
            )
            session.add(event)
            await session.flush()
            meeting = AssociationMeeting(association_id=first, event_id=event.id, agenda=f"Повестка {n + 1}")
            session.add(meeting)
            meetings.append((meeting, event))
        await session.flush()
        latest_meeting, latest = meetings[0]
        members = [u.id for u in await repos.associations.audience(first)]
        await repos.associations.register_members(latest.id, members, now)
        await session.commit()
        meeting_id = latest_meeting.id
    del staff

    await leader.click_data(AsCD(action=AsAction.MEETINGS, a=first).pack())
    dated = [t for t in leader.buttons() if t.startswith("📅")]
    assert len(dated) == 10 and "▶️" in leader.buttons()
    await leader.click("▶️")
    assert len([t for t in leader.buttons() if t.startswith("📅")]) == 2 and "◀️" in leader.buttons()
    await leader.click_data(AsCD(action=AsAction.MEETINGS, a=first, p=999).pack())
    assert len([t for t in leader.buttons() if t.startswith("📅")]) == 2
    _fits_64(leader)

    # The latest meeting has begun: 24 registered members, ten a page.
    await leader.click_data(AsCD(action=AsAction.MEETING, a=first, i=meeting_id).pack())
    marks = [t for t in leader.buttons() if t.startswith("▫️")]
    assert len(marks) == 10 and "▶️" in leader.buttons()
    await leader.click_data(AsCD(action=AsAction.MEETING, a=first, i=meeting_id, p=999).pack())
    marks = [t for t in leader.buttons() if t.startswith("▫️")]
    assert len(marks) == 4 and "◀️" in leader.buttons() and "▶️" not in leader.buttons()
    await leader.click("◀️")
    target = next(t for t in leader.buttons() if t.startswith("▫️"))
    await leader.click(target)
    assert "✅ " + target.removeprefix("▫️ ") in leader.buttons()  # marked, still on this page
    assert {"◀️", "▶️"} <= set(leader.buttons())
    _fits_64(leader)
