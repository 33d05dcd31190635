"""The expert review end to end through the fake Bot API: experts invited by link join the pool;
a submitted practice gets two experts (never of the author's school); they score it by buttons; the
practice is returned with their comments, revised, reviewed by the same experts and published; the
author is told and gets the certificate. A disagreement calls a third expert; an overdue review is
reminded once and then passed on; double taps and bad input."""

from __future__ import annotations

import io
import re

import docx
import openpyxl
from sqlalchemy import select

import bot.jobs
from bot.callbacks import ExpertAction, ExpertCD
from bot.domain.practices import PracticeStatus
from storage.models import OutboxMessage, Practice
from tests.conftest import BotEnv
from tests.expert_flows import (
    expert_invite,
    expert_of,
    invited_expert,
    practice_row,
    resubmit,
    reviews,
    score,
    submitted,
)
from tests.fakes import TgUser
from tests.flows import documents, got, invited, last_answer, open_section, register, settle

TITLE = "Геометрия школьного двора"


async def pool_of_four(env: BotEnv) -> tuple[TgUser, TgUser, list[TgUser]]:
    """Regional staff, an author of Гимназия № 15 and four math experts: three of other schools and
    one of the author's own."""
    staff = await invited(env, 7001, "сотрудник методической службы", "Сотрудникова Елена")
    payload = await expert_invite(staff)
    experts = [
        await invited_expert(env, payload, 7011, "Арбузова Анна", "СОШ № 1"),
        await invited_expert(env, payload, 7012, "Брусникина Белла", "Лицей № 17"),
        await invited_expert(env, payload, 7013, "Вишнёва Вера", "Лицей № 20"),
        await invited_expert(env, payload, 7014, "Гимназистова Галина", "Гимназия № 15"),
    ]
    author = env.user(7020)
    await register(author, name="Автор Мария Петровна", school="Гимназия № 15")
    return staff, author, experts


async def test_submit_two_reviews_return_resubmit_publish_certificate(env_all: BotEnv) -> None:
    env = env_all
    _staff, author, experts = await pool_of_four(env)
    first, second, third, colleague = experts
    # The invite link puts each in the pool with the subjects they teach; «Экспертиза» is in their
    # «Коллеги и методисты», not in the author's.
    joined = await expert_of(env, 7011)
    assert joined.status == "active" and joined.subjects == ["math"]
    for person, has in ((first, True), (author, False)):
        await person.send("/menu")
        await person.click("🤝 Коллеги и методисты")
        assert ("🧑‍⚖️ Экспертиза" in person.buttons()) is has

    practice_id = await submitted(env, 7020, TITLE)
    # The job assigns two experts, least loaded first, never the author's school colleague.
    assert await bot.jobs.expert_review() == 2
    assert await bot.jobs.expert_review() == 0  # a second run (another process) adds nobody
    await settle(env)
    assigned = await reviews(env, practice_id)
    assert [(r, s) for r, s, _t in assigned] == [(1, "assigned"), (1, "assigned")]
    assert {t for _r, _s, t in assigned} == {7011, 7012}
    assert (await practice_row(env, practice_id)).status == PracticeStatus.IN_REVIEW
    assert not got(colleague, TITLE) and not got(third, TITLE)
    assert f"Вам поручена практика «{TITLE}»" in first.last_message.text

    # The first expert: the card, bad input, an incomplete sheet refused, then low points.
    await first.click("📄 Открыть практику")
    assert TITLE in first.last_message.text and "Баллы: 0 из 25" in first.last_message.text
    await first.click("✅ Отправить оценку")
    assert "Поставьте баллы по всем критериям" in last_answer(env)
    await first.click("💬 Комментарий")
    await first.send_document("photo.pdf", b"%PDF-1.4")
    assert "Комментарий нужен текстом" in first.last_message.text
    await first.send("x" * 2001)
    assert "не больше 2\xa0000 знаков" in first.last_message.text
    await first.click("⬅️ Назад")
    await score(first, (3, 2, 2, 3, 2), "Мало данных о результатах учеников.")
    assert "Оценка отправлена" in first.last_message.text
    submit = ExpertCD(action=ExpertAction.SUBMIT, r=(await env_reviews_ids(env, practice_id))[0]).pack()
    await first.click_data(submit)  # a double tap
    assert "уже отправлена" in last_answer(env)

    # A forged tap on the second expert's review by the first is refused.
    other = (await env_reviews_ids(env, practice_id))[1]
    await first.click_data(ExpertCD(action=ExpertAction.CARD, r=other).pack())
    assert "не поручена" in last_answer(env)

    # The second expert: low too → returned with both comments (no names).
    await second.click("📄 Открыть практику")
    await score(second, (2, 2, 2, 2, 2), "Опишите этапы урока подробнее.")
    assert "автор уже узнал решение" in second.last_message.text
    await settle(env)
    returned = author.last_message.text
    assert "вернули практику" in returned and "Мало данных о результатах учеников." in returned
    assert "Опишите этапы урока подробнее." in returned
    assert "Арбузова" not in returned and "Брусникина" not in returned
    assert (await practice_row(env, practice_id)).status == PracticeStatus.RETURNED

    # Revised and sent again: the same two experts, although a third one is as free.
    await resubmit(env, practice_id, env.clock())
    assert await bot.jobs.expert_review() == 2
    await settle(env)
    assert {t for r, _s, t in await reviews(env, practice_id) if r == 2} == {7011, 7012}
    await env.restart()  # a restart between the reviews loses nothing
    await first.click("📄 Открыть практику")
    await score(first, (4, 4, 4, 4, 4), "Хорошая работа.")
    await second.click("📄 Открыть практику")
    await score(second, (4, 3, 4, 4, 3), "Можно тиражировать.")
    await settle(env)

    published = await practice_row(env, practice_id)
    assert published.status == PracticeStatus.PUBLISHED and published.published_at is not None
    notice = author.last_message
    assert "опубликована в банке" in notice.text and "Актуальность: 4 / 5" in notice.text
    await author.click("📄 Справка об экспертизе")
    file = docx.Document(io.BytesIO(author.last_message.document))
    text = "\n".join(p.text for p in file.paragraphs) + "\n".join(
        cell.text for table in file.tables for row in table.rows for cell in row.cells
    )
    assert "Справка об экспертизе" in text and TITLE in text and "Автор Мария Петровна" in text
    assert "Новизна\n3,5 / 5" in text and "Итого\n19,0 / 25" in text  # (4+3)/2 and (20+18)/2
    assert "Арбузова" not in text and "Брусникина" not in text
    # Nobody else gets the author's certificate.
    await first.click_data(ExpertCD(action=ExpertAction.CERT, p=practice_id).pack())
    assert "не поручена" in last_answer(env)


async def env_reviews_ids(env: BotEnv, practice_id: int) -> list[int]:
    from storage.models import PracticeReview

    async with env.repos() as repos:
        rows = await repos.session.scalars(
            select(PracticeReview.id)
            .where(PracticeReview.practice_id == practice_id)
            .order_by(PracticeReview.id)
        )
        return list(rows)


async def test_disagreement_calls_a_third_expert_who_decides(env: BotEnv) -> None:
    _staff, author, experts = await pool_of_four(env)
    first, second, third, _colleague = experts
    practice_id = await submitted(env, 7020, TITLE)
    await bot.jobs.expert_review()
    await settle(env)
    await first.click("📄 Открыть практику")
    await score(first, (5, 4, 4, 4, 3), "Сильная практика.")
    await second.click("📄 Открыть практику")
    await score(second, (2, 2, 2, 2, 2), "Пока сыро.")
    assert "Решение будет, когда свою оценку отправят все эксперты" in second.last_message.text
    await settle(env)
    # 20 and 10: one above, one below → the third expert (not the author's school colleague).
    assert [(r, s, t) for r, s, t in await reviews(env, practice_id)][-1] == (1, "assigned", 7013)
    assert (await practice_row(env, practice_id)).reviewers_needed == 3
    assert f"Вам поручена практика «{TITLE}»" in third.last_message.text
    assert not got(author, TITLE)
    await third.click("📄 Открыть практику")
    await score(third, (4, 3, 3, 3, 3), "Согласна с публикацией.")
    await settle(env)
    assert (await practice_row(env, practice_id)).status == PracticeStatus.PUBLISHED
    assert "опубликована в банке" in author.last_message.text


async def test_an_overdue_review_is_reminded_once_then_passed_on(env: BotEnv) -> None:
    _staff, _author, experts = await pool_of_four(env)
    first, second, third, _colleague = experts
    practice_id = await submitted(env, 7020, TITLE)
    await bot.jobs.expert_review()
    await settle(env)
    await second.click("📄 Открыть практику")
    await score(second, (4, 4, 4, 4, 4), "Хорошо.")
    before = len(first.messages)
    env.clock.advance(days=10, hours=1)
    await bot.jobs.expert_review()
    await bot.jobs.expert_review()
    await settle(env)
    await env.restart()
    await bot.jobs.expert_review()
    await settle(env)
    assert len(first.messages) == before + 1
    assert "Срок оценки практики" in first.last_message.text and "3 дня" in first.last_message.text
    await open_section(first, "🧑‍⚖️ Экспертиза")
    assert any(b.startswith("⏰ ") and TITLE in b for b in first.buttons()), first.buttons()
    env.clock.advance(days=3)
    await bot.jobs.expert_review()
    await settle(env)
    assert "передана другому эксперту" in first.last_message.text
    statuses = [(s, t) for _r, s, t in await reviews(env, practice_id)]
    assert statuses == [("withdrawn", 7011), ("done", 7012), ("assigned", 7013)]
    assert f"Вам поручена практика «{TITLE}»" in third.last_message.text
    # The taken review's old button is refused politely.
    await first.click("📄 Открыть практику", message=got(first, "Вам поручена")[0])
    assert "передана другому эксперту" in last_answer(env)


async def test_an_expert_refuses_and_the_practice_goes_to_another(env: BotEnv) -> None:
    _staff, _author, experts = await pool_of_four(env)
    first, _second, third, _colleague = experts
    practice_id = await submitted(env, 7020, TITLE)
    await bot.jobs.expert_review()
    await settle(env)
    await first.click("📄 Открыть практику")
    await first.click("🙅 Не могу оценить")
    await first.click("Да, передать другому эксперту")
    assert "передана другому эксперту" in first.last_message.text
    await settle(env)
    statuses = [(s, t) for _r, s, t in await reviews(env, practice_id)]
    assert statuses == [("withdrawn", 7011), ("assigned", 7012), ("assigned", 7013)]
    assert f"Вам поручена практика «{TITLE}»" in third.last_message.text
    await open_section(first, "🧑‍⚖️ Экспертиза")
    assert "Новых практик для оценки нет" in first.last_message.text


async def test_too_few_experts_keeps_it_submitted_and_tells_staff_once(env: BotEnv) -> None:
    staff = await invited(env, 7001, "сотрудник методической службы", "Сотрудникова Елена")
    payload = await expert_invite(staff)
    await invited_expert(env, payload, 7011, "Арбузова Анна", "СОШ № 1")
    await invited_expert(env, payload, 7014, "Гимназистова Галина", "Гимназия № 15")
    author = env.user(7020)
    await register(author, name="Автор Мария Петровна", school="Гимназия № 15")
    practice_id = await submitted(env, 7020, TITLE)
    before = len(staff.messages)
    for _ in range(3):
        assert await bot.jobs.expert_review() == 0
    await settle(env)
    assert (await practice_row(env, practice_id)).status == PracticeStatus.SUBMITTED
    assert await reviews(env, practice_id) == []
    assert len(staff.messages) == before + 1
    assert "не хватает экспертов: нужно 2, подходят 1" in staff.last_message.text
    async with env.repos() as repos:
        keys = list(
            await repos.session.scalars(
                select(OutboxMessage.dedupe).where(OutboxMessage.dedupe.like("xp-short-%"))
            )
        )
    assert len(keys) == 1
    # One more expert arrives: the next run assigns two.
    await invited_expert(env, payload, 7012, "Брусникина Белла", "Лицей № 17")
    assert await bot.jobs.expert_review() == 2
    assert (await practice_row(env, practice_id)).status == PracticeStatus.IN_REVIEW


async def test_the_whole_way_with_the_practice_bank(env: BotEnv) -> None:
    """The author's side by buttons (the practice bank): submit → two reviews → returned → revised and
    sent again → the same experts → published → counted in the route → found by search → the
    certificate from the practice's card."""
    from tests.test_practice_bank import TITLE as BANK_TITLE
    from tests.test_practice_bank import fill_rest, start_practice

    _staff, _author, experts = await pool_of_four(env)
    first, second, _third, _colleague = experts
    author = env.user(7030)
    await register(author, name="Биологова Вера Павловна", subjects=("Биология",), school="Гимназия № 15")
    async with env.repos() as repos:
        for expert in (await expert_of(env, 7011), await expert_of(env, 7012)):
            found = await repos.session.get(type(expert), expert.id)
            assert found is not None
            found.subjects = ["math", "biology"]
        await repos.commit()
    await start_practice(author)
    await fill_rest(author)
    await author.click("📤 Отправить на экспертизу")
    assert await bot.jobs.expert_review() == 2
    await settle(env)
    await first.click("📄 Открыть практику")
    await first.click("📎 1 файл")
    assert first.last_message.document is not None  # the author's file, by its file_id
    await open_section(first, "🧑‍⚖️ Экспертиза")  # the queue, the practice in it
    await first.click("📄 Исследовательские")
    await score(first, (3, 2, 2, 2, 2), "Опишите, как оцениваются результаты.")
    await second.click("📄 Открыть практику")
    await score(second, (2, 2, 2, 2, 2), "Добавьте критерии оценки.")
    await settle(env)
    assert "вернули практику" in author.last_message.text

    await open_section(author, "Банк практик")
    await author.click("🗂 Мои практики")
    await author.click("Исследовательские")
    assert "Опишите, как оцениваются результаты." in author.last_message.text
    await author.click("✏️ Доработать")
    await author.click("✏️ Изменить")
    await author.click("Описание")
    await author.send("Ученики ведут исследование и оценивают его по листу наблюдений. " * 3)
    await author.click("📤 Отправить снова")
    assert await bot.jobs.expert_review() == 2
    await settle(env)
    assert {t for r, _s, t in await reviews(env, (await practice_of(env, 7030)).id) if r == 2} == {7011, 7012}
    await first.click("📄 Открыть практику")
    await score(first, (4, 4, 4, 4, 4), "Хорошо.")
    await second.click("📄 Открыть практику")
    await score(second, (4, 4, 3, 4, 4), "Готово к публикации.")
    await settle(env)
    practice = await practice_of(env, 7030)
    assert practice.status == PracticeStatus.PUBLISHED and practice.counted_at is not None
    assert "опубликована в банке" in author.last_message.text

    reader = env.user(7031)
    await register(reader, name="Читателева Ольга Ивановна", municipality="г. Галич", school="СОШ № 2")
    await open_section(reader, "Банк практик")
    await reader.click("🔎 Найти практику")
    await reader.send("исследовательский проект")
    assert BANK_TITLE in reader.last_message.text

    await open_section(author, "Банк практик")
    await author.click("🗂 Мои практики")
    await author.click("Исследовательские")
    await author.click("📄 Справка об экспертизе")
    file = docx.Document(io.BytesIO(author.last_message.document))
    assert BANK_TITLE in "\n".join(
        cell.text for table in file.tables for row in table.rows for cell in row.cells
    )


async def practice_of(env: BotEnv, tg_id: int) -> Practice:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        found = await repos.session.scalar(select(Practice).where(Practice.author_id == user.id))
        assert found is not None
        return found


PRACTICES_LINE = re.compile(r"▫️ Представили опыт в банке практик — [\d,]+ % \((\d+) из (\d+)\) · без цели")


async def practices_share(staff: TgUser) -> tuple[int, int]:
    """«Представили опыт в банке практик» on the region's report: n and N."""
    await open_section(staff, "📈 Отчёты и показатели")
    await staff.click("📊 Показать показатели")
    found = PRACTICES_LINE.search(staff.last_message.text)
    assert found is not None, staff.last_message.text
    return int(found[1]), int(found[2])


async def test_a_published_practice_moves_the_practices_indicator(env_all: BotEnv) -> None:
    """Issue 20: a practice published by the experts counts in the indicators — «Представили опыт
    в банке практик» goes from 0 to 1 of N (no target: not judged), in the XLSX too."""
    env = env_all
    staff, _author, experts = await pool_of_four(env)
    first, second, _third, _colleague = experts
    n, total = await practices_share(staff)
    assert n == 0 and total >= 6  # the staff member, the author and the experts all teach

    practice_id = await submitted(env, 7020, TITLE)
    await bot.jobs.expert_review()
    await settle(env)
    assert await practices_share(staff) == (0, total)  # submitted or in review: not yet
    await first.click("📄 Открыть практику")
    await score(first, (4, 4, 4, 4, 4), "Хорошая работа.")
    await second.click("📄 Открыть практику")
    await score(second, (4, 4, 4, 4, 4), "Можно тиражировать.")
    await settle(env)
    assert (await practice_row(env, practice_id)).status == PracticeStatus.PUBLISHED
    assert await practices_share(staff) == (1, total)

    await staff.click("📥 Таблица Excel")
    book = openpyxl.load_workbook(io.BytesIO(documents(staff)[-1]))
    rows = {r[0]: r for r in book["Сводка"].iter_rows(values_only=True) if r and r[0]}
    line = rows["Представили опыт в банке практик"]
    assert line[1] is None and line[3:6] == (1, total, None)  # no target, neither met nor missed
    assert "опубликовали в банке практик" in line[6]
    sheet = {r[0]: r for r in book["Банк практик"].iter_rows(values_only=True)}
    assert sheet["Всего"][1:3] == (1, total)
    teachers = list(book["Педагоги"].iter_rows(values_only=True))
    marks = {r[0]: dict(zip(teachers[0], r, strict=True))["Практика в банке"] for r in teachers[1:]}
    assert marks["Автор Мария Петровна"] == 1 and marks["Арбузова Анна"] == 0
