"""Conversation snippets of the expert review's tests: experts invited by link, practices submitted
as rows (the practice bank's author side is another part), a review scored by buttons."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select

from bot.domain.practices import PracticeStatus
from storage.models import Expert, Practice, PracticeReview, User
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import open_section, register

CRITERIA = ("Актуальность", "Новизна", "Результативность", "Методическая проработанность", "Тиражируемость")


async def expert_invite(staff: TgUser) -> str:
    """Staff make an invite link to the pool; its /start payload."""
    await open_section(staff, "👥 Пул экспертов")
    await staff.click("🔗 Пригласить эксперта")
    match = re.search(r"https://t\.me/metodist_test_bot\?start=(i-[\w-]+)", staff.last_message.text)
    assert match, staff.last_message.text
    return match.group(1)


async def invited_expert(env: BotEnv, payload: str, tg_id: int, name: str, school: str) -> TgUser:
    person = env.user(tg_id)
    await register(
        person, start=f"/start {payload}", name=name, school=school, experience="20", birth_year="1975"
    )
    return person


async def person_id(env: BotEnv, tg_id: int) -> int:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        return user.id


async def expert_of(env: BotEnv, tg_id: int) -> Expert:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        found = await repos.session.scalar(select(Expert).where(Expert.user_id == user.id))
        assert found is not None
        return found


async def submitted(env: BotEnv, author_tg: int, title: str, subjects: tuple[str, ...] = ("math",)) -> int:
    """A practice submitted by the author, as the practice bank leaves it: round 1, their school."""
    async with env.repos() as repos:
        author = await repos.users.by_tg_id(author_tg)
        assert author is not None
        practice = Practice(
            author_id=author.id,
            school_id=author.school_id,
            municipality_id=author.municipality_id,
            title=title,
            subjects=list(subjects),
            grades=[7, 8],
            description="Урок-исследование: ученики измеряют школьный двор и строят план в масштабе.",
            links=["https://example.org/plan"],
            status=PracticeStatus.SUBMITTED,
            round=1,
            submitted_at=env.clock(),
        )
        repos.session.add(practice)
        await repos.commit()
        return practice.id


async def resubmit(env: BotEnv, practice_id: int, now: datetime) -> None:
    """The author revised a returned practice and sent it again (the practice bank's part)."""
    async with env.repos() as repos:
        practice = await repos.session.get(Practice, practice_id)
        assert practice is not None and practice.status == PracticeStatus.RETURNED
        practice.status, practice.round, practice.submitted_at = (
            PracticeStatus.SUBMITTED,
            practice.round + 1,
            now,
        )
        await repos.commit()


async def practice_row(env: BotEnv, practice_id: int) -> Practice:
    async with env.repos() as repos:
        practice = await repos.session.get(Practice, practice_id)
        assert practice is not None
        return practice


async def reviews(env: BotEnv, practice_id: int) -> list[tuple[int, str, int]]:
    """(round, status, expert's tg id) of every review of the practice, in order."""
    async with env.repos() as repos:
        rows = await repos.session.execute(
            select(PracticeReview.round, PracticeReview.status, User.tg_id)
            .join(Expert, Expert.id == PracticeReview.expert_id)
            .join(User, User.id == Expert.user_id)
            .where(PracticeReview.practice_id == practice_id)
            .order_by(PracticeReview.id)
        )
        return [(r, str(s), t) for r, s, t in rows]


async def score(expert: TgUser, values: tuple[int, ...], comment: str) -> None:
    """On the practice's card: points criterion by criterion, the comment, send."""
    for name, value in zip(CRITERIA, values, strict=True):
        await expert.click(name)
        await expert.click(str(value))
        assert f"{name} · {value}" in expert.buttons()
    await expert.click("💬 Комментарий")
    await expert.send(comment)
    assert comment in expert.last_message.text
    await expert.click("✅ Отправить оценку")
