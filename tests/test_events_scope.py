"""Events held to each role's scope, forged the way a hostile insider would: municipal staff reach
only their municipality's events (list, card, attendees, spreadsheet, edits, cancelling, stopping
the broadcast), a methodist only their own, and a methodist's audience never leaves their
subjects and municipality."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot.callbacks import BroadcastAction, BroadcastCD, EventAction, EventCD, EventStaffAction, EventStaffCD
from bot.domain.roles import Role
from storage.models import Event, OutboxMessage
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import create_seminar, last_answer, open_section, register, settle

NOT_YOURS = "Это мероприятие вам недоступно."
BROADCAST_NOT_YOURS = "Эта рассылка вам не доступна."
KOSTROMA, GALICH = "г. Кострома", "г. Галич"
SCHOOL = {KOSTROMA: "Гимназия № 15", GALICH: "СОШ № 2"}


async def municipality_id(env: BotEnv, name: str) -> int:
    async with env.repos() as repos:
        items, _total = await repos.directory.municipalities()
    return next(m.id for m in items if m.name == name)


async def person(
    env: BotEnv,
    tg_id: int,
    name: str,
    *,
    municipality: str = KOSTROMA,
    subjects: tuple[str, ...] = ("Математика",),
    role: Role | None = None,
    scope: str | None = None,
) -> TgUser:
    """A registered person; `role` granted with `scope` (a municipality's name, None = region)."""
    user = env.user(tg_id)
    await register(
        user,
        name=name,
        municipality=municipality,
        school=SCHOOL[municipality],
        subjects=subjects or ("Математика",),
    )
    scope_id = await municipality_id(env, scope) if scope is not None else None
    async with env.repos() as repos:
        stored = await repos.users.by_tg_id(tg_id)
        assert stored is not None
        if not subjects:  # «Не веду предметы»
            stored.subjects.clear()
        if role is not None:
            await repos.users.add_role(stored, role, scope_municipality_id=scope_id, granted_by_tg_id=None)
        await repos.commit()
    return user


async def event_titled(env: BotEnv, title: str) -> Event:
    async with env.repos() as repos:
        found = await repos.session.scalar(select(Event).where(Event.title == title))
    assert found is not None, title
    return found


async def publish_seminar(staff: TgUser, title: str) -> None:
    await create_seminar(staff, title=title)
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🚀 Опубликовать сейчас")


async def snapshot(env: BotEnv, event_id: int) -> dict[str, Any]:
    """Everything a forged button could change about an event."""
    async with env.repos() as repos:
        event = await repos.events.event(event_id)
        assert event is not None
        regs = await repos.events.registrations(event_id, ("registered", "waitlist", "cancelled"))
        broadcasts = await repos.outbox.broadcasts_of(event_id)
        return {
            "event": (
                event.status,
                event.title,
                event.description,
                event.place,
                event.link,
                event.starts_at,
                event.audience,
                event.urgent,
                event.publish_at,
            ),
            "registrations": [(r.user_id, r.status, r.attended, r.rating) for r, _u in regs],
            "broadcasts": [(b.id, b.status, b.total) for b in broadcasts],
            "outbox": [await repos.outbox.counts(b.id) for b in broadcasts],
        }


async def event_titles_on_home(user: TgUser) -> list[str]:
    await open_section(user, "📣 Анонсы и объявления")
    return user.buttons()


EVERY_ACTION = (
    ("card", ""),
    ("people", ""),
    ("attend", "REG"),
    ("xlsx", ""),
    ("edit", ""),
    ("edit_field", "title"),
    ("cancel", ""),
    ("preview", ""),
    ("urgent", ""),
    ("publish", ""),
    ("schedule", ""),
    ("drop", ""),
    ("audience", ""),
    ("aud", "municipalities"),
    ("opt", "roles.mentor"),
    ("young", ""),
)


async def forge_everything(env: BotEnv, intruder: TgUser, event_id: int, registration_id: int) -> None:
    """Every staff button of the event, forged: a polite refusal each time, no file, no change."""
    before = await snapshot(env, event_id)
    documents = len(env.fake.requests_for("sendDocument"))
    for action, value in EVERY_ACTION:
        value = str(registration_id) if value == "REG" else value
        await intruder.click_data(EventStaffCD(action=action, e=event_id, v=value).pack())
        assert last_answer(env) == NOT_YOURS, (action, last_answer(env))
    for broadcast_id, _status, _total in before["broadcasts"]:
        await intruder.click_data(BroadcastCD(action=BroadcastAction.STOP, b=broadcast_id).pack())
        assert last_answer(env) == BROADCAST_NOT_YOURS
    assert len(env.fake.requests_for("sendDocument")) == documents
    assert await snapshot(env, event_id) == before
    # Nor can a forged wizard step reach it: the intruder's typing changes nothing.
    await intruder.send("Захваченное название")
    assert await snapshot(env, event_id) == before


async def test_municipal_staff_manage_only_their_municipalitys_events(env: BotEnv) -> None:
    # At night the announcement waits for the morning: the broadcast is still running.
    env.clock.now = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # 23:00 in Kostroma
    kostroma = await person(env, 4601, "Костромская Ксения", role=Role.STAFF, scope=KOSTROMA)
    galich = await person(env, 4602, "Галичская Гала", municipality=GALICH, role=Role.STAFF, scope=GALICH)
    regional = await person(env, 4603, "Областная Ольга", role=Role.STAFF, scope=None)
    anna = await person(env, 4604, "Математикова Анна")

    await publish_seminar(kostroma, "Костромской семинар")
    await publish_seminar(regional, "Областной семинар")
    local = await event_titled(env, "Костромской семинар")
    region = await event_titled(env, "Областной семинар")
    assert local.audience["municipalities"] == [await municipality_id(env, KOSTROMA)]
    await anna.click_data(EventCD(action=EventAction.REG, e=local.id).pack())
    async with env.repos() as repos:
        anna_row = await repos.users.by_tg_id(4604)
        assert anna_row is not None
        registration = await repos.events.registration(local.id, anna_row.id)
        assert registration is not None and registration.status == "registered"
        broadcasts = await repos.outbox.broadcasts_of(local.id)
        assert broadcasts and broadcasts[0].status == "sending"

    # Galich's service: not Kostroma's event, whatever it forges; nor the region's.
    await forge_everything(env, galich, local.id, registration.id)
    await forge_everything(env, galich, region.id, registration.id)
    # Kostroma's service: not the region's event.
    await forge_everything(env, kostroma, region.id, registration.id)

    # Each list shows only what its reader may manage.
    galich_home = await event_titles_on_home(galich)
    assert not any("семинар" in b for b in galich_home)
    kostroma_home = await event_titles_on_home(kostroma)
    assert any("Костромской семинар" in b for b in kostroma_home)
    assert not any("Областной семинар" in b for b in kostroma_home)
    regional_home = await event_titles_on_home(regional)
    assert any("Костромской семинар" in b for b in regional_home)
    assert any("Областной семинар" in b for b in regional_home)

    # Kostroma's service manages its own: the card, the file, stopping the broadcast.
    await kostroma.click("Костромской семинар")
    assert "Записались: 1" in kostroma.last_message.text
    await kostroma.click("📥 Выгрузить в Excel")
    assert kostroma.last_message.file_name == f"event-{local.id}.xlsx"
    await kostroma.click_data(BroadcastCD(action=BroadcastAction.STOP, b=broadcasts[0].id).pack())
    assert "Рассылка остановлена" in last_answer(env)
    # The regional centre manages every event.
    await regional.click_data(EventStaffCD(action=EventStaffAction.CARD, e=local.id).pack())
    assert "Костромской семинар" in regional.last_message.text


async def test_a_methodist_manages_only_their_own_events(env: BotEnv) -> None:
    methodist = await person(env, 4611, "Методистова Мира", role=Role.METHODIST, scope=KOSTROMA)
    other = await person(env, 4612, "Другая Дарья", role=Role.METHODIST, scope=KOSTROMA)
    kostroma = await person(env, 4613, "Костромская Ксения", role=Role.STAFF, scope=KOSTROMA)
    galich = await person(env, 4614, "Галичская Гала", municipality=GALICH, role=Role.STAFF, scope=GALICH)
    anna = await person(env, 4615, "Математикова Анна")

    await publish_seminar(methodist, "Семинар объединения")
    await settle(env)
    own = await event_titled(env, "Семинар объединения")
    await anna.click_data(EventCD(action=EventAction.REG, e=own.id).pack())
    async with env.repos() as repos:
        anna_row = await repos.users.by_tg_id(4615)
        assert anna_row is not None
        registration = await repos.events.registration(own.id, anna_row.id)
        assert registration is not None

    await forge_everything(env, other, own.id, registration.id)
    await forge_everything(env, galich, own.id, registration.id)
    assert not any("Семинар объединения" in b for b in await event_titles_on_home(other))
    assert any("Семинар объединения" in b for b in await event_titles_on_home(methodist))
    # The municipal service of Kostroma oversees its methodists' events.
    assert any("Семинар объединения" in b for b in await event_titles_on_home(kostroma))
    await kostroma.click("Семинар объединения")
    assert "Записались: 1" in kostroma.last_message.text


async def recipients_of(env: BotEnv, event_id: int) -> set[int]:
    async with env.repos() as repos:
        broadcasts = await repos.outbox.broadcasts_of(event_id)
        rows = await repos.session.scalars(
            select(OutboxMessage.chat_id).where(OutboxMessage.broadcast_id == broadcasts[0].id)
        )
        return set(rows)


async def test_a_methodists_audience_stays_within_their_subjects_and_municipality(env: BotEnv) -> None:
    methodist = await person(
        env, 4621, "Историкова Ирина", subjects=("История",), role=Role.METHODIST, scope=KOSTROMA
    )
    await person(env, 4622, "Историков Борис", subjects=("История",))
    await person(env, 4623, "Математикова Анна")
    await person(env, 4624, "Галичский Глеб", municipality=GALICH, subjects=("История",))
    galich_id = await municipality_id(env, GALICH)

    await create_seminar(methodist, title="История края")
    event = await event_titled(env, "История края")
    # Forged choices outside her scope: another municipality, another subject, all of them.
    for value in (f"municipalities.{galich_id}", "subjects.Математика", "subjects.История"):
        await methodist.click_data(EventStaffCD(action=EventStaffAction.OPT, e=event.id, v=value).pack())
    await methodist.click_data(EventStaffCD(action=EventStaffAction.AUDIENCE, e=event.id).pack())
    text = methodist.last_message.text
    assert "муниципалитеты: г. Кострома" in text and "предметы: История" in text
    assert "Получат: 2" in text  # Boris and herself: history teachers of Kostroma
    await methodist.click("👁 Посмотреть, как увидят педагоги")
    await methodist.click("🚀 Опубликовать сейчас (2)")
    assert await recipients_of(env, event.id) == {4621, 4622}


async def test_a_methodist_without_subjects_reaches_nobody(env: BotEnv) -> None:
    regional = await person(env, 4631, "Беспредметная Бэла", subjects=(), role=Role.METHODIST, scope=None)
    local = await person(env, 4632, "Безпредметный Богдан", subjects=(), role=Role.METHODIST, scope=KOSTROMA)
    await person(env, 4633, "Математикова Анна")
    await person(env, 4634, "Галичский Глеб", municipality=GALICH, subjects=("История",))

    for methodist, title in ((regional, "Для всех области"), (local, "Для всех Костромы")):
        await create_seminar(methodist, title=title)
        event = await event_titled(env, title)
        text = methodist.last_message.text
        assert "Получат: 0" in text and "не указаны предметы" in text, text
        await methodist.click("👁 Посмотреть, как увидят педагоги")
        await methodist.click_data(EventStaffCD(action=EventStaffAction.PUBLISH, e=event.id).pack())
        assert "не указаны предметы" in last_answer(env)
        await methodist.click_data(EventStaffCD(action=EventStaffAction.SCHEDULE, e=event.id).pack())
        assert "не указаны предметы" in last_answer(env)
        async with env.repos() as repos:
            assert await repos.outbox.broadcasts_of(event.id) == []
            stored = await repos.events.event(event.id)
            assert stored is not None and stored.status == "draft"
