"""Routing a question and staff's `reassign`, on the service with a real database (no buttons)."""

from __future__ import annotations

from sqlalchemy import select

from bot.domain.consult import ConsultTopic, MessageKind, Side
from bot.services.consult import Draft
from storage.models import (
    ConsultQuestion,
    MethodistAssignment,
    Municipality,
    OutboxMessage,
    User,
    UserRole,
    UserSubject,
)
from storage.repositories import Repos
from tests.conftest import BotEnv
from tests.flows import services_of

TEXT = Draft(MessageKind.TEXT, "Как оформить рабочую программу?")


async def person(
    repos: Repos, env: BotEnv, tg_id: int, municipality: int, subjects: tuple[str, ...], **roles: int | None
) -> User:
    user = User(
        tg_id=tg_id,
        locale="ru",
        consent_at=env.clock(),
        consent_version="1",
        full_name=f"Человек {tg_id}",
        municipality_id=municipality,
        registered_at=env.clock(),
        position="teacher",
    )
    repos.session.add(user)
    await repos.session.flush()
    for subject in subjects:
        repos.session.add(UserSubject(user_id=user.id, subject=subject))
    for role, scope in {"teacher": None, **roles}.items():
        repos.session.add(UserRole(user_id=user.id, role=role, scope_municipality_id=scope))
    await repos.session.flush()
    await repos.session.refresh(user, ["subjects", "roles", "municipality"])
    return user


async def municipalities(repos: Repos) -> tuple[int, int]:
    ids = list(await repos.session.scalars(select(Municipality.id).order_by(Municipality.id)))
    return ids[0], ids[1]


async def test_routing_own_methodist_then_subject_municipality_and_load(env: BotEnv) -> None:
    async with env.repos() as repos:
        a, b = await municipalities(repos)
        busy = await person(repos, env, 7001, a, ("math",), methodist=a)
        free = await person(repos, env, 7002, a, ("math",), methodist=a)
        physics = await person(repos, env, 7003, a, ("physics",), methodist=a)
        await person(repos, env, 7004, b, ("math",), methodist=b)  # another municipality's
        own = await person(repos, env, 7005, a, ("history",), methodist=None)  # regional
        teacher = await person(repos, env, 7010, a, ("math",))
        other = await person(repos, env, 7011, a, ("math", "physics"))
        service = services_of(env, repos).consult

        # Two open questions for `busy`: the next goes to `free`.
        for key in ("k1", "k2"):
            q, _new = await service.ask(other, ConsultTopic.OTHER, "math", TEXT, key)
            await repos.session.execute(
                ConsultQuestion.__table__.update()
                .where(ConsultQuestion.id == q.id)
                .values(methodist_id=busy.id)
            )
        routed = await service.route(teacher, "math")
        assert routed is not None and routed.id == free.id
        # The question's subject decides before the teacher's first one.
        routed = await service.route(other, "physics")
        assert routed is not None and routed.id == physics.id

        # The teacher's own methodist (part 3's assignment) wins, whatever the load.
        repos.session.add(MethodistAssignment(teacher_id=teacher.id, methodist_id=own.id, source="staff"))
        await repos.session.flush()
        question, new = await service.ask(teacher, ConsultTopic.PROGRAM, "math", TEXT, "k3")
        assert new and question.methodist_id == own.id
        assert question.municipality_id == a and question.waiting_on == Side.METHODIST
        # The same draft again (a double tap, a second process): the same question.
        again, new = await service.ask(teacher, ConsultTopic.PROGRAM, "math", TEXT, "k3")
        assert not new and again.id == question.id
        # A subject that is not the teacher's is dropped, not stored.
        odd, _new = await service.ask(teacher, ConsultTopic.PROGRAM, "chemistry", TEXT, "k4")
        assert odd.subject is None
        # The methodist was told once per question.
        told = list(
            await repos.session.scalars(select(OutboxMessage.dedupe).where(OutboxMessage.user_id == own.id))
        )
        assert sorted(told) == sorted([f"cq-new:{question.id}", f"cq-new:{odd.id}"])
        await repos.commit()
