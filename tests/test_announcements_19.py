"""Announcements without an event (issue 19, seed 002 §1), end to end by button text: staff write a
text with a document and a link button, choose the audience on the events' picker, see exactly what
teachers get, send it now — through the outbox, with progress — or at a time (a restart between, a
job that claims it once even when two run at once); quiet hours are kept, a broadcast is stopped
mid-way; hostile or too long texts and bad links are refused with a note; teachers find the
announcements in «📰 Новости», and the weekly digest recalls the week's."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy import select, update

import bot.jobs
from bot.callbacks import AnnStaffAction, AnnStaffCD, NewsAction, NewsCD
from bot.domain.announcements import AnnouncementStatus
from bot.domain.events import BroadcastKind
from bot.domain.roles import Role
from storage.models import Announcement, Broadcast, Municipality, OutboxMessage
from tests.conftest import TOKEN, BotEnv
from tests.fakes import FakeSession, FakeTelegram, TgUser
from tests.flows import got, last_answer, open_section, register, settle, staff_user

COURSES = "План-график курсов повышения квалификации на 2027 год"
TEXT = f"{COURSES}.\nЗапись до 15 декабря, <b>места</b> ограничены & спешите."
PDF = b"%PDF-1.4\n% plan-grafik\n"
LINK = "https://edu.example.org/kursy-2027"


async def open_wizard(staff: TgUser) -> None:
    await open_section(staff, "📣 Анонсы и объявления")
    await staff.click("📰 Новое объявление")


async def write_announcement(
    staff: TgUser, text: str, *, document: bool = False, link: str | None = None
) -> None:
    """The wizard from the staff screen to the audience picker."""
    await open_wizard(staff)
    await staff.send(text)
    if document:
        await staff.send_document("plan-grafik-2027.pdf", PDF, "application/pdf")
    else:
        await staff.click("➡️ Дальше")
    if link is not None:
        await staff.send(f"Записаться на курсы {link}")
    await staff.click("➡️ Дальше")
    assert "Кому отправить" in staff.last_message.text


async def teacher(env: BotEnv, tg_id: int, name: str, **kwargs: Any) -> TgUser:
    user = env.user(tg_id)
    await register(user, name=name, **kwargs)
    return user


def url_buttons(message: Any) -> list[tuple[str, str]]:
    return [(b["text"], b["url"]) for b in message.inline_buttons if "url" in b]


async def announcements(env: BotEnv) -> list[Announcement]:
    async with env.repos() as repos:
        return list(await repos.session.scalars(select(Announcement).order_by(Announcement.id)))


async def test_an_announcement_with_a_document_and_a_link_reaches_its_teachers_and_stays_in_news(
    env_all: BotEnv,
) -> None:
    env = env_all
    staff = await staff_user(env)
    anna = await teacher(env, 4701, "Математикова Анна")
    boris = await teacher(env, 4702, "Историков Борис", subjects=("История",))

    await write_announcement(staff, TEXT, document=True, link=LINK)
    await staff.click("📚 Предметы")
    await staff.click("Математика")
    await staff.click("✅ Готово")
    assert "Получат: 2" in staff.last_message.text  # Anna and the staff member teach maths
    await staff.click("👁 Посмотреть, как увидят педагоги")

    # The preview is the very message teachers get: the document, the text as its caption, as typed.
    copy = staff.last_messages(2)[0]
    assert copy.document == PDF and copy.file_name == "plan-grafik-2027.pdf"
    assert copy.caption is not None and "📰 Объявление" in copy.caption
    assert "<b>места</b> ограничены & спешите" in copy.caption  # shown as written, not as markup
    assert url_buttons(copy) == [("Записаться на курсы", LINK)]
    assert "Получат: 2" in staff.last_message.text
    await staff.click("🚀 Отправить сейчас (2)")
    assert "Отправляю" in last_answer(env)
    await settle(env)

    received = got(anna, COURSES)
    assert len(received) == 1
    assert received[0].document == PDF and received[0].caption == copy.caption
    assert url_buttons(received[0]) == [("Записаться на курсы", LINK)]
    assert got(boris, COURSES) == []
    progress = [m for m in staff.messages if "Рассылка" in (m.text or "")]
    assert progress and "Рассылка завершена" in progress[-1].text
    async with env.repos() as repos:
        broadcast = (await repos.session.scalars(select(Broadcast))).one()
    assert broadcast.kind is BroadcastKind.NEWS and broadcast.document_file_id is not None
    [stored] = await announcements(env)
    assert stored.status is AnnouncementStatus.SENT and stored.broadcast_id == broadcast.id

    # «📰 Новости»: from the events list; the announcement opens again as it came.
    await open_section(anna, "📅 Мероприятия")
    await anna.click("📰 Новости")
    assert COURSES in anna.last_message.text
    await anna.click(f"📎 {datetime(2026, 11, 23).strftime('%d.%m')} План-график курсов")
    again = anna.last_message
    assert again.document == PDF and again.caption == copy.caption
    assert url_buttons(again) == [("Записаться на курсы", LINK)]
    await anna.click("⬅️ Ко всем новостям")
    assert COURSES in anna.last_message.text
    # Boris has no news: it was not for him, and a forged button does not open it.
    await open_section(boris, "📅 Мероприятия")
    await boris.click("📰 Новости")
    assert "Пока новостей нет" in boris.last_message.text
    await boris.click_data(NewsCD(action=NewsAction.OPEN, a=stored.id).pack())
    assert last_answer(env) == "Эта новость вам недоступна."

    # «🗂 Мои объявления»: the card with how it went.
    await open_section(staff, "📣 Анонсы и объявления")
    await staff.click("🗂 Мои объявления")
    await staff.click("План-график курсов")
    card = staff.last_message.text
    assert "отправлено" in card and "доставлено 2" in card and "plan-grafik-2027.pdf" in card


async def test_a_text_announcement_goes_at_its_time_once_across_a_restart(env_all: BotEnv) -> None:
    env = env_all
    staff = await staff_user(env)
    vera = await teacher(env, 4711, "Временная Вера")
    await write_announcement(staff, "Новинки методической литературы: подборка для учителей математики.")
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🕒 Запланировать")
    assert "по московскому времени" in staff.last_message.text
    await staff.send("24.11.2026 10:00")
    assert "Запланировано" in staff.last_messages(2)[0].text
    assert "запланировано" in staff.last_message.text and "24.11.2026 10:00" in staff.last_message.text

    await env.restart(crash=True)
    assert await bot.jobs.send_announcements() == 0  # not yet
    env.clock.now = datetime(2026, 11, 24, 7, 1, tzinfo=UTC)  # 10:01 in Moscow
    # Two processes run the job at the same moment: the announcement is claimed by one of them.
    first, second = await asyncio.gather(bot.jobs.send_announcements(), bot.jobs.send_announcements())
    assert first + second == 1
    assert await bot.jobs.send_announcements() == 0
    await settle(env)
    assert len(got(vera, "Новинки методической литературы")) == 1
    async with env.repos() as repos:
        broadcasts = list(await repos.session.scalars(select(Broadcast)))
    assert len(broadcasts) == 1 and broadcasts[0].kind is BroadcastKind.NEWS
    # Its author watches the progress of the scheduled sending.
    assert got(staff, "Рассылка завершена")
    [stored] = await announcements(env)
    assert stored.status is AnnouncementStatus.SENT


async def in_vladivostok(env: BotEnv, municipality: str = "г. Галич") -> None:
    """`municipality` moves to UTC+10: at 13:00 UTC it is 16:00 in Moscow and 23:00 there."""
    async with env.repos() as repos:
        await repos.session.execute(
            update(Municipality).where(Municipality.name == municipality).values(timezone="Asia/Vladivostok")
        )
        await repos.commit()


async def send_to_everyone(env: BotEnv, staff: TgUser, text: str) -> None:
    await write_announcement(staff, text)
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🚀 Отправить сейчас")
    await settle(env)


async def test_night_waits_for_the_morning_in_each_teachers_zone(env: BotEnv) -> None:
    staff = await staff_user(env)
    moscow = await teacher(env, 4721, "Дневная Дарья")
    far = await teacher(env, 4722, "Ночная Нина", municipality="г. Галич", school="СОШ № 2")
    await in_vladivostok(env)
    env.clock.now = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
    await send_to_everyone(env, staff, "Открыт приём заявок на конкурс «Педагог года».")
    assert len(got(moscow, "Педагог года")) == 1
    assert got(far, "Педагог года") == []  # 23:00 in Vladivostok: it waits
    async with env.repos() as repos:
        waiting = (
            await repos.session.scalars(select(OutboxMessage).where(OutboxMessage.status == "pending"))
        ).one()
    assert waiting.not_before == datetime(2026, 11, 24, 23, 0, tzinfo=UTC)  # 09:00 there
    env.clock.now = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    await settle(env)
    assert len(got(far, "Педагог года")) == 1


async def test_stopped_mid_way_the_rest_is_not_sent_and_the_announcement_leaves_news(env: BotEnv) -> None:
    staff = await staff_user(env)
    moscow = await teacher(env, 4731, "Дневная Дарья")
    far = await teacher(env, 4732, "Ночная Нина", municipality="г. Галич", school="СОШ № 2")
    await in_vladivostok(env)
    env.clock.now = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
    await send_to_everyone(env, staff, "Ошибочное объявление о семинаре.")
    assert len(got(moscow, "Ошибочное объявление")) == 1

    await open_section(staff, "📣 Анонсы и объявления")
    await staff.click("🗂 Мои объявления")
    await staff.click("Ошибочное объявление")
    assert "отправляется" in staff.last_message.text and "в очереди 1" in staff.last_message.text
    await staff.click("⏹ Остановить рассылку")
    assert "в очереди оставалось 1" in last_answer(env)
    assert "остановлено" in staff.last_message.text
    env.clock.now = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    await settle(env)
    assert got(far, "Ошибочное объявление") == []
    for person in (moscow, far):
        await open_section(person, "📅 Мероприятия")
        await person.click("📰 Новости")
        assert "Ошибочное объявление" not in person.last_message.text


async def test_hostile_or_long_texts_and_bad_links_are_refused_and_every_step_goes_back_or_cancels(
    env: BotEnv,
) -> None:
    staff = await staff_user(env)
    await open_wizard(staff)
    assert {"⬅️ Назад", "✖️ Отмена"} <= set(staff.buttons())
    await staff.send("Приказ о\u202e аттестации")
    assert "невидимые служебные знаки" in staff.last_message.text
    await staff.send("Очень длинный текст. " * 180)
    assert "Слишком длинно: 3\xa0779 знаков, а можно до 3\xa0500" in staff.last_message.text
    assert await announcements(env) == []

    # A long text with a document: it would be the caption, so it is refused; back, and shorter.
    long_text = "Положение о региональном конкурсе методических разработок. " * 17
    await staff.send(long_text)
    assert "Приложите документ" in staff.last_message.text
    assert {"➡️ Дальше", "⬅️ Назад", "✖️ Отмена"} <= set(staff.buttons())
    await staff.send_document("polozhenie.pdf", PDF, "application/pdf")
    assert "подпись — до 950 знаков" in staff.last_message.text
    await staff.click("⬅️ Назад")
    assert "Сейчас текст такой" in staff.last_message.text
    await staff.send("<script>alert(1)</script> Положение о конкурсе & «приказ»")
    await staff.send_document("polozhenie.pdf", PDF, "application/pdf")
    assert "Добавьте кнопку со ссылкой" in staff.last_message.text
    assert "📎 Приложен файл: polozhenie.pdf" in staff.last_message.text

    # Links: only a label with one https address of a real host.
    for typed, note in (
        ("Положение http://example.org/p.pdf", "защищённая ссылка"),
        ("Положение https://gosuslugi.ru@evil.example.org/", "Не похоже на адрес сайта"),
        ("https://example.org/p.pdf", "подпись кнопки и одну ссылку"),
        ("Положение javascript:alert(1)", "подпись кнопки и одну ссылку"),
        ("Положение https://localhost/", "Не похоже на адрес сайта"),
        ("Очень длинная подпись кнопки, которая не поместится https://example.org", "до 40 знаков"),
    ):
        await staff.send(typed)
        assert note in staff.last_message.text, (typed, staff.last_message.text)
    [draft] = await announcements(env)
    assert draft.buttons == []
    await staff.send("Положение о конкурсе — https://example.org/polozhenie.pdf")
    assert "🔗 Положение о конкурсе — https://example.org/polozhenie.pdf" in staff.last_message.text
    assert {"⬅️ Назад", "✖️ Отмена"} <= set(staff.buttons())

    # The audience, the preview, the schedule: back and cancel on each.
    await staff.click("➡️ Дальше")
    assert {"⬅️ Назад", "✖️ Отмена"} <= set(staff.buttons())
    await staff.click("👁 Посмотреть, как увидят педагоги")
    copy = staff.last_messages(2)[0]
    assert copy.caption is not None and "<script>alert(1)</script>" in copy.caption
    assert {"⬅️ Назад", "✖️ Отмена"} <= set(staff.buttons())
    await staff.click("🕒 Запланировать")
    assert {"⬅️ Назад", "✖️ Отмена"} <= set(staff.buttons())
    await staff.send("01.01.2020 10:00")
    assert "уже прошло" in staff.last_message.text
    await staff.click("⬅️ Назад")  # to the preview
    await staff.click("⬅️ Назад")  # to the audience
    assert "Кому отправить" in staff.last_message.text
    await staff.click("⬅️ Назад")  # to the buttons
    assert "Добавьте кнопку" in staff.last_message.text
    await staff.click("✖️ Отмена")
    assert "не отправляю" in last_answer(env)
    assert "Анонсы и объявления" in staff.last_message.text
    assert await announcements(env) == []


async def test_the_weekly_digest_recalls_the_weeks_announcements(env: BotEnv) -> None:
    staff = await staff_user(env)
    irina = await teacher(env, 4741, "Дайджестова Ирина")
    env.clock.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    await send_to_everyone(env, staff, "Открыта запись на курсы по функциональной грамотности.")
    env.clock.now = datetime(2026, 11, 30, 7, 30, tzinfo=UTC)  # Monday 10:30 in Moscow
    assert await bot.jobs.weekly_digest() >= 1
    assert await bot.jobs.weekly_digest() == 0
    await settle(env)
    [digest] = got(irina, "Новости за неделю")
    assert "24.11 · Открыта запись на курсы по функциональной грамотности." in digest.text
    await irina.click("📰 Новости", message=digest)
    assert "функциональной грамотности" in irina.last_message.text
    assert irina.last_message.message_id != digest.message_id  # the digest stays
    # A week later it is no news any more.
    env.clock.now = datetime(2026, 12, 7, 7, 30, tzinfo=UTC)
    await bot.jobs.weekly_digest()
    await settle(env)
    assert len(got(irina, "Новости за неделю")) == 1


async def grant(env: BotEnv, tg_id: int, role: Role, municipality: str | None) -> None:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        scope = None
        if municipality is not None:
            scope = await repos.session.scalar(
                select(Municipality.id).where(Municipality.name == municipality)
            )
        await repos.users.add_role(user, role, scope_municipality_id=scope, granted_by_tg_id=None)
        await repos.commit()


async def test_municipal_staff_reach_only_their_municipality_and_a_forged_button_is_refused(
    env: BotEnv,
) -> None:
    kostroma = await teacher(env, 4751, "Костромская Ксения")
    await grant(env, 4751, Role.STAFF, "г. Кострома")
    galich = await teacher(env, 4752, "Галичская Гала", municipality="г. Галич", school="СОШ № 2")
    await grant(env, 4752, Role.STAFF, "г. Галич")
    anna = await teacher(env, 4753, "Математикова Анна")

    await write_announcement(kostroma, "Совещание руководителей ШМО в четверг.")
    assert "муниципалитеты: г. Кострома" in kostroma.last_message.text
    await kostroma.click("🏙 Муниципалитеты")
    await kostroma.click("г. Галич")  # whatever the buttons say, Kostroma it stays
    await kostroma.click("✅ Готово")
    assert "муниципалитеты: г. Кострома" in kostroma.last_message.text
    await kostroma.click("👁 Посмотреть, как увидят педагоги")
    await kostroma.click("🚀 Отправить сейчас")
    await settle(env)
    assert len(got(anna, "Совещание руководителей ШМО")) == 1
    assert got(galich, "Совещание руководителей ШМО") == []

    [stored] = await announcements(env)
    for action in (AnnStaffAction.CARD, AnnStaffAction.STOP, AnnStaffAction.COPY, AnnStaffAction.PREVIEW):
        await galich.click_data(AnnStaffCD(action=action, a=stored.id).pack())
        assert last_answer(env) == "Это объявление вам недоступно."
    await open_section(galich, "📣 Анонсы и объявления")
    await galich.click("🗂 Мои объявления")
    assert "Совещание" not in " ".join(galich.buttons())


async def test_the_fake_bot_api_sends_a_document_by_file_id_with_a_caption_and_link_buttons() -> None:
    fake = FakeTelegram()
    fake.add_chat(777)
    bot_ = Bot(TOKEN, session=FakeSession(fake), default=DefaultBotProperties(parse_mode="HTML"))
    first = await bot_.send_document(777, BufferedInputFile(PDF, "p.pdf"))
    assert first.document is not None
    file_id = first.document.file_id
    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Сайт", url=LINK)]])
    sent = await bot_.send_document(777, file_id, caption="<b>Подпись</b>", reply_markup=markup)
    assert sent.caption == "Подпись"
    assert url_buttons(fake.message(777, sent.message_id)) == [("Сайт", LINK)]
    with pytest.raises(TelegramBadRequest, match="caption is too long"):
        await bot_.send_document(777, file_id, caption="я" * 1025)
    with pytest.raises(TelegramBadRequest, match="type of file mismatch"):
        await bot_.send_photo(777, file_id, caption="Подпись")
    bad = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Сайт", url="ftp://x")]])
    with pytest.raises(TelegramBadRequest, match="BUTTON_URL_INVALID"):
        await bot_.send_document(777, file_id, caption="Подпись", reply_markup=bad)
