"""The practice bank end to end through the fake Bot API, by button text: a draft survives a restart
and is sent once however many taps; a returned practice is revised and sent again (round 2); a
published one is found by a word in another form and by filters, its card sends its files, and it
carries out the «представление опыта» step of its author's route (once)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.callbacks import PracticeAction, PracticeCD
from bot.domain.diagnostics import StepForm
from bot.domain.practices import ExpertStatus, PracticeForm, PracticeStatus, ReviewStatus
from storage.models import (
    Expert,
    Practice,
    PracticeFile,
    PracticeReview,
    Route,
    RouteStep,
    StepEvidence,
    User,
)
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import got, last_answer, open_section, register, services_of

DESCRIPTION = (
    "Ученики исследуют пришкольный участок: собирают листья, определяют деревья по ключу, "
    "измеряют освещённость и записывают наблюдения в общий дневник класса. В конце четверти "
    "каждая группа защищает свой мини-проект перед родителями."
)
TITLE = "Исследовательские проекты на уроках биологии"


async def user_id(env: BotEnv, tg_id: int) -> int:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        return user.id


async def practices_of(env: BotEnv, tg_id: int) -> list[Practice]:
    author = await user_id(env, tg_id)
    async with env.repos() as repos:
        rows = await repos.session.scalars(select(Practice).where(Practice.author_id == author))
        return list(rows)


async def start_practice(teacher: TgUser, title: str = TITLE) -> None:
    await open_section(teacher, "Банк практик")
    await teacher.click("➕ Предложить свою практику")
    await teacher.send(title)


async def fill_rest(teacher: TgUser, *, grades: tuple[str, ...] = ("5", "6"), form: str = "проект") -> None:
    """From the subjects step to the preview, with a document and a link."""
    await teacher.click("✅ Готово")  # the teacher's own subject is marked already
    for grade in grades:
        await teacher.click(grade)
    await teacher.click("✅ Готово")
    await teacher.click(form)
    await teacher.send(DESCRIPTION)
    await teacher.send_document("план.docx", b"PK plan", "application/vnd.openxmlformats")
    await teacher.click("➡️ Дальше")
    await teacher.send("school.ru/biology")
    await teacher.click("➡️ Дальше")


async def test_draft_survives_a_restart_and_is_sent_once(env_all: BotEnv) -> None:
    env = env_all
    teacher = env.user(7101)
    await register(teacher, name="Биологова Вера Павловна", subjects=("Биология",))

    # Bad input at the first steps: too short a title, a photo instead of text.
    await open_section(teacher, "Банк практик")
    await teacher.click("➕ Предложить свою практику")
    await teacher.send("Урок")
    assert "слишком короткое" in teacher.last_message.text
    assert "✖️ Отмена" in teacher.buttons()
    await teacher.send_photo()
    assert "жду текст" in teacher.last_message.text
    await teacher.send(TITLE)
    assert "К каким предметам" in teacher.last_message.text
    assert "✅ Биология" in teacher.buttons()  # the teacher's subject by default
    await teacher.click("✅ Биология")  # unticked: «Готово» now asks for one
    await teacher.click("✅ Готово")
    assert "хотя бы один предмет" in last_answer(env)
    await teacher.click("Биология")
    await teacher.click("География")
    await teacher.click("✅ Готово")
    assert "Для каких классов" in teacher.last_message.text
    await teacher.click("дошкольники")
    await teacher.click("5")
    await teacher.click("7")

    # The process dies mid-wizard: the draft is a row, the dialogue state is kept.
    await env.restart(crash=True)
    [draft] = await practices_of(env, 7101)
    assert draft.status is PracticeStatus.DRAFT and draft.title == TITLE
    assert draft.subjects == ["biology", "geography"] and draft.grades == [0, 5, 7]

    # Later, from «Мои практики»: the draft goes on where it stopped.
    await open_section(teacher, "Банк практик")
    await teacher.click("🗂 Мои практики")
    assert "черновик" in teacher.last_message.text
    await teacher.click("Исследовательские")
    assert "Состояние: черновик" in teacher.last_message.text
    await teacher.click("▶️ Продолжить")
    assert "Какая это форма работы" in teacher.last_message.text
    await teacher.send("проект")  # typed instead of tapped
    assert "кнопками" in teacher.last_message.text
    await teacher.click("проект")
    await teacher.send("Очень коротко.")
    assert "Пока мало" in teacher.last_message.text
    await teacher.send("Слово " * 600)
    assert "длинным" in teacher.last_message.text
    await teacher.send(DESCRIPTION)
    assert "Прикрепите материалы" in teacher.last_message.text
    await teacher.send("вот файл")
    assert "жду документ" in teacher.last_message.text
    await teacher.send_document("план.docx", b"PK plan", "application/vnd.openxmlformats")
    assert "Файл добавлен (всего 1)" in teacher.last_message.text
    await teacher.send_photo()
    assert "всего 2" in teacher.last_message.text
    await teacher.click("➡️ Дальше")
    await teacher.send("не ссылка вовсе")
    assert "распознать адрес" in teacher.last_message.text
    await teacher.send("https://school.ru/biology\nnsportal.ru/vera")
    assert "https://nsportal.ru/vera" in teacher.last_message.text
    await teacher.click("➡️ Дальше")
    preview = teacher.last_message.text
    assert "Проверьте, как эксперты увидят" in preview and DESCRIPTION[:40] in preview
    assert "дошкольники, 5, 7 классы" in preview and "проект" in preview

    # Changing one thing from the preview comes back to the preview.
    await teacher.click("✏️ Изменить")
    await teacher.click("Классы")
    await teacher.click("дошкольники")
    await teacher.click("✅ Готово")
    assert "Проверьте, как эксперты увидят" in teacher.last_message.text
    assert "Классы: 5, 7 классы" in teacher.last_message.text

    # A double tap on «Отправить»: sent once.
    submit = teacher.last_message
    data = str(teacher.button("📤 Отправить на экспертизу")["callback_data"])
    edit = str(teacher.button("✏️ Изменить")["callback_data"])
    await teacher.click_data(data, message=submit)
    assert "отправлена на экспертизу" in teacher.last_message.text
    await teacher.click_data(data, message=submit)
    assert "уже отправлена" in last_answer(env)
    [sent] = await practices_of(env, 7101)
    assert sent.status is PracticeStatus.SUBMITTED and sent.round == 1 and sent.submitted_at is not None
    teacher_row = await user_id(env, 7101)
    async with env.repos() as repos:
        author = await repos.session.get(User, teacher_row)
        assert author is not None
        assert sent.school_id == author.school_id and sent.municipality_id == author.municipality_id
        files = list(
            await repos.session.scalars(select(PracticeFile).where(PracticeFile.practice_id == sent.id))
        )
    assert [f.kind for f in files] == ["document", "photo"]
    assert sent.links == ["https://school.ru/biology", "https://nsportal.ru/vera"]

    # Sent: no more changes by an old button.
    await teacher.click_data(edit, message=submit)
    assert "нельзя изменить" in last_answer(env)


async def expert_returns(env: BotEnv, practice_id: int, comment: str) -> None:
    """What the experts' side does (h5's flow), by rows: a review with a comment, status RETURNED."""
    async with env.repos() as repos:
        s = repos.session
        now = env.clock()
        reviewer = User(
            tg_id=7999,
            locale="ru",
            consent_at=now,
            consent_version="1",
            full_name="Экспертова Эльза",
            registered_at=now,
        )
        s.add(reviewer)
        await s.flush()
        expert = Expert(user_id=reviewer.id, subjects=["biology"], status=ExpertStatus.ACTIVE)
        s.add(expert)
        await s.flush()
        practice = await s.get(Practice, practice_id)
        assert practice is not None
        s.add(
            PracticeReview(
                practice_id=practice_id,
                round=practice.round,
                expert_id=expert.id,
                status=ReviewStatus.DONE,
                scores={"novelty": 1},
                comment=comment,
                done_at=env.clock(),
            )
        )
        practice.status = PracticeStatus.RETURNED
        practice.decided_at = env.clock()
        await repos.commit()


async def test_a_returned_practice_is_revised_and_sent_again(env_all: BotEnv) -> None:
    env = env_all
    teacher = env.user(7201)
    await register(teacher, name="Биологова Вера Павловна", subjects=("Биология",))
    await start_practice(teacher)
    await fill_rest(teacher)
    await teacher.click("📤 Отправить на экспертизу")
    [practice] = await practices_of(env, 7201)
    await expert_returns(env, practice.id, "Опишите, как оцениваются <результаты> учеников.")

    await open_section(teacher, "Банк практик")
    await teacher.click("🗂 Мои практики")
    assert "возвращена на доработку" in teacher.last_message.text
    await teacher.click("Исследовательские")
    card = teacher.last_message.text
    assert "Замечания экспертов" in card and "Опишите, как оцениваются <результаты> учеников." in card
    await teacher.click("✏️ Доработать")
    await teacher.click("✏️ Изменить")
    await teacher.click("Описание")
    await teacher.send(DESCRIPTION + " Результаты оцениваем по листу наблюдений.")
    assert "листу наблюдений" in teacher.last_message.text
    await teacher.click("📤 Отправить снова")
    assert "попытка 2" in teacher.last_message.text
    [practice] = await practices_of(env, 7201)
    assert practice.status is PracticeStatus.SUBMITTED and practice.round == 2
    assert practice.description.endswith("листу наблюдений.")


async def publish(env: BotEnv, practice_id: int) -> None:
    """The experts' decision, by rows, then the call it makes."""
    async with env.repos() as repos:
        practice = await repos.session.get(Practice, practice_id)
        assert practice is not None
        practice.status = PracticeStatus.PUBLISHED
        practice.decided_at = practice.published_at = env.clock()
        await services_of(env, repos).practices.on_published(practice_id)
        await repos.commit()


async def test_published_found_by_another_word_form_filtered_files_and_route(env_all: BotEnv) -> None:
    env = env_all
    author = env.user(7301)
    await register(author, name="Биологова Вера Павловна", subjects=("Биология",))
    # The author's route, agreed, with a planned «представление опыта» step.
    author_id = await user_id(env, 7301)
    today = env.clock().date()
    async with env.repos() as repos:
        route = Route(
            user_id=author_id, status="approved", period_start=today, period_end=today + timedelta(days=180)
        )
        repos.session.add(route)
        await repos.session.flush()
        repos.session.add_all(
            [
                RouteStep(
                    route_id=route.id,
                    position=1,
                    form=StepForm.COURSE,
                    title="Курс",
                    source="own",
                    planned_start=today,
                    planned_end=today,
                    status="planned",
                ),
                RouteStep(
                    route_id=route.id,
                    position=2,
                    form=StepForm.EXPERIENCE,
                    title="Представить опыт коллегам",
                    source="own",
                    planned_start=today,
                    planned_end=today,
                    status="planned",
                ),
            ]
        )
        await repos.commit()

    await start_practice(author)
    await fill_rest(author, grades=("5", "6"), form="проект")
    await author.click("📤 Отправить на экспертизу")
    await start_practice(author, "Живая математика на переменах")
    await fill_rest(author, grades=("2",), form="внеурочное занятие")
    await author.click("📤 Отправить на экспертизу")
    first, second = sorted(await practices_of(env, 7301), key=lambda p: p.id)
    await publish(env, first.id)
    await publish(env, second.id)
    await publish(env, first.id)  # once more, as a second process might: nothing twice

    # The route's step is carried out, with the practice as its evidence, once.
    async with env.repos() as repos:
        step = await repos.session.scalar(select(RouteStep).where(RouteStep.form == StepForm.EXPERIENCE))
        assert step is not None and step.status == "done"
        evidence = list(
            await repos.session.scalars(select(StepEvidence).where(StepEvidence.step_id == step.id))
        )
        counted = await repos.session.get(Practice, first.id)
    assert len(evidence) == 1 and TITLE in (evidence[0].text or "")
    assert counted is not None and counted.route_step_id == step.id
    # The second practice got a step of its own, carried out too.
    async with env.repos() as repos:
        steps = list(
            await repos.session.scalars(select(RouteStep).where(RouteStep.form == StepForm.EXPERIENCE))
        )
    assert sorted(s.title for s in steps) == ["Живая математика на переменах", "Представить опыт коллегам"]
    assert {s.status for s in steps} == {"done"}

    # A reader (another teacher) finds it by a word in another form.
    reader = env.user(7302)
    await register(reader, name="Читателева Ольга Ивановна", municipality="г. Галич", school="СОШ № 2")
    await open_section(reader, "Банк практик")
    await reader.click("🔎 Найти практику")
    await reader.send("исследовательский проект")
    listing = reader.last_message.text
    assert "Нашлось практик: 1" in listing and TITLE in listing
    await reader.send("/menu")
    await open_section(reader, "Банк практик")
    await reader.click("🔎 Найти практику")
    await reader.send("биологией")
    assert TITLE in reader.last_message.text
    assert "Живая математика" not in reader.last_message.text
    # Filters: a grade the practice has, then one it has not; a form.
    await reader.click("Класс: все")
    await reader.click("6")
    assert "Нашлось практик: 1" in reader.last_message.text
    await reader.click("Класс: 6")
    await reader.click("9")
    assert "ничего не нашлось" in reader.last_message.text
    await reader.click("🧹 Убрать фильтры")
    await open_section(reader, "Банк практик")
    await reader.click("🆕 Новые практики")
    assert "Нашлось практик: 2" in reader.last_message.text
    await reader.click("Форма: все")
    await reader.click("внеурочное занятие")
    text = reader.last_message.text
    assert "Живая математика" in text and TITLE not in text

    # The card shows everything and sends its files on a tap.
    await reader.click("1. Живая математика на переменах")
    card = reader.last_message.text
    assert (
        "Автор: Биологова Вера Павловна" in card and "2 класс" in card and "https://school.ru/biology" in card
    )
    before = len(reader.messages)
    await reader.click("📎 Файлы (1)")
    sent = reader.messages[before:]
    assert [m.document is not None for m in sent] == [True]
    assert "файл 1 из 1" in (sent[0].caption or "")

    # Nobody but the author reaches a draft: a forged card of someone's draft is refused.
    await start_practice(author, "Черновик не для чужих глаз")
    [draft] = [p for p in await practices_of(env, 7301) if p.status is PracticeStatus.DRAFT]
    for action in (PracticeAction.CARD, PracticeAction.RESUME, PracticeAction.SUBMIT, PracticeAction.FILES):
        await reader.click_data(PracticeCD(action=action, p=draft.id).pack())
        assert "недоступна" in last_answer(env)
    assert got(reader, "Черновик не для чужих глаз") == []
    [still] = [p for p in await practices_of(env, 7301) if p.id == draft.id]
    assert still.status is PracticeStatus.DRAFT and still.round == 0


async def test_search_by_words_and_filters_in_the_repository(env_all: BotEnv) -> None:
    """Search itself, on each database: word forms, every word needed, filters, only published."""
    env = env_all
    teacher = env.user(7401)
    await register(teacher, name="Поисковая Анна Сергеевна")
    author = await user_id(env, 7401)
    rows = [
        ("Проектная деятельность на уроках химии", ["chemistry"], [8, 9], PracticeForm.PROJECT, "published"),
        ("Игры на переменах для младших школьников", ["primary"], [1, 2], PracticeForm.OTHER, "published"),
        ("Проекты по химии: черновик", ["chemistry"], [8], PracticeForm.PROJECT, "draft"),
    ]
    async with env.repos() as repos:
        for title, subjects, grades, form, status in rows:
            repos.session.add(
                Practice(
                    author_id=author,
                    title=title,
                    subjects=subjects,
                    grades=grades,
                    form=form,
                    description="Описание практики для поиска " * 5,
                    status=PracticeStatus(status),
                    published_at=env.clock() if status == "published" else None,
                )
            )
        await repos.commit()
    from storage.repositories.practice_bank import Filters

    async with env.repos() as repos:
        service = services_of(env, repos).practices
        found = await service.search("проектов химия", Filters(), 0)
        assert [p.title for p in found.practices] == ["Проектная деятельность на уроках химии"]
        assert (await service.search("проект игры", Filters(), 0)).total == 0
        assert (await service.search("перемена", Filters(grade=2), 0)).total == 1
        assert (await service.search("перемена", Filters(grade=3), 0)).total == 0
        assert (await service.search("", Filters(subject="chemistry"), 0)).total == 1
        assert (await service.search("", Filters(form=PracticeForm.OTHER), 0)).total == 1
        assert (await service.search("", Filters(), 0)).total == 2
