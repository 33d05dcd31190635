"""Issue 19, the route (ИОМ) at a glance: «🗑 Удалить шаг» (confirmed, for a step put in by mistake)
and «✖️ Не буду выполнять» (kept with a reason) are two different things; steps come in date order
on the teacher's screen, the methodist's and in the document; a methodist getting a route sent
again after a return is told what changed since."""

from __future__ import annotations

import io
from datetime import date, timedelta

import docx
from sqlalchemy import update

from bot.callbacks import RouteAction, RouteCD
from bot.domain.diagnostics import StepForm
from bot.domain.route_changes import RouteState, StepState, route_changes
from bot.domain.routes import RouteStatus, StepStatus, in_date_order, may_delete
from bot.i18n import I18n
from bot.services import routes as route_service
from bot.ui.keyboard import shorten
from bot.ui.routes.changes import changes_block
from storage.models import RouteStep
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import create_invite, current_route, diagnosed_teacher, last_answer, register, settle

DELETE = "🗑 Удалить шаг"
DELETE_YES = "🗑 Да, удалить шаг"
WONT_DO = "✖️ Не буду выполнять"


async def methodist_user(env: BotEnv, tg_id: int, name: str) -> TgUser:
    payload = await create_invite(env, "методист")
    methodist = env.user(tg_id)
    await register(methodist, start=f"/start {payload}", name=name, experience="15", birth_year="1978")
    return methodist


def step_buttons(user: TgUser) -> list[str]:
    """The step buttons of the newest screen, in the order shown («1. ▫️ …»)."""
    return [b for b in user.buttons() if b[:1].isdigit() and ". " in b]


def label(number: int, title: str, mark: str = "▫️") -> str:
    return f"{number}. {mark} {shorten(title, 40)}"


async def own_step(teacher: TgUser, form: str, title: str, term: str) -> None:
    await teacher.click("➕ Добавить свой шаг")
    await teacher.click(form)
    await teacher.send(title)
    await teacher.click("Другое / без области")
    await teacher.click(term)
    await teacher.click("Пропустить")
    assert "Шаг добавлен" in teacher.last_message.text


# --- two buttons, two meanings ---------------------------------------------------------------------


async def test_delete_a_step_put_in_by_mistake_or_keep_one_as_not_done(env: BotEnv) -> None:
    teacher = await diagnosed_teacher(env, 3901, "Двухкнопкина Алла Петровна")
    await teacher.click("Построить ИОМ")
    route = await current_route(env, 3901)
    first, second, third = route.steps[0], route.steps[1], route.steps[2]

    # A draft: a step can only be deleted (nothing is carried out yet), and it asks first.
    await teacher.click(label(2, second.title))
    assert DELETE in teacher.buttons() and WONT_DO not in teacher.buttons()
    await teacher.click(DELETE)
    assert "Удалить этот шаг из маршрута?" in teacher.last_message.text
    assert "исчезнет совсем" in teacher.last_message.text
    await teacher.click("⬅️ Не удалять")
    assert second.title in teacher.last_message.text  # back on the step's card
    assert len((await current_route(env, 3901)).steps) == 4
    await teacher.click(DELETE)
    await teacher.click(DELETE_YES)
    assert "Шаг удалён" in last_answer(env)
    assert [s.id for s in (await current_route(env, 3901)).steps] == [
        first.id,
        third.id,
        route.steps[3].id,
    ]

    # Sent (nobody to review it yet): steps are worked on now, and none is deleted any more.
    await teacher.click("🎯 Цель маршрута")
    await teacher.click("Взять предложенную")
    await teacher.click("Отправить методисту")
    await teacher.click(label(2, third.title))
    assert WONT_DO in teacher.buttons() and DELETE not in teacher.buttons()
    await teacher.click(WONT_DO)
    assert "Почему не будете выполнять этот шаг?" in teacher.last_message.text
    await teacher.click("Не хватает времени")
    assert "шаг остаётся в маршруте с причиной" in teacher.last_message.text
    card = teacher.last_message.text
    assert "не будет выполнен" in card and "Причина: Не хватает времени" in card
    await teacher.click("⬅️ К маршруту")
    assert label(2, third.title, "✖️") in teacher.buttons()  # still in the route, in the history
    assert "выполнено 0 из 2" in teacher.last_message.text  # and out of the progress count
    step = route_service.find_step(await current_route(env, 3901), third.id)
    assert step.status == "dropped" and step.drop_reason == "Не хватает времени"

    # An old «delete» button of a step worked on deletes nothing.
    await teacher.click(label(1, first.title))
    await teacher.click("▶️ Начать")
    await teacher.click_data(RouteCD(action=RouteAction.DELETE, r=route.id, s=first.id).pack())
    assert "устарела" in last_answer(env)
    assert len((await current_route(env, 3901)).steps) == 3


async def test_a_returned_route_offers_both_and_says_which_is_which(env: BotEnv) -> None:
    methodist = await methodist_user(env, 3902, "Возвратова Нина Ильинична")
    teacher = await diagnosed_teacher(env, 3903, "Правкина Ольга Юрьевна")
    await teacher.click("Построить ИОМ")
    await teacher.click("🎯 Цель маршрута")
    await teacher.click("Взять предложенную")
    await teacher.click("Отправить методисту")
    await settle(env)
    await methodist.click("Открыть маршрут")
    await methodist.click("↩️ Вернуть на доработку")
    await methodist.send("Уберите лишний курс.")
    await settle(env)
    route = await current_route(env, 3903)
    await teacher.click("🧭 Мой маршрут")
    await teacher.click(label(4, route.steps[3].title))
    card = teacher.last_message.text
    assert DELETE in teacher.buttons() and WONT_DO in teacher.buttons()
    assert "останется в маршруте с причиной" in card and "попал в маршрут по ошибке" in card
    await teacher.click(DELETE)
    assert "лучше нажмите «✖️ Не буду выполнять»" in teacher.last_message.text
    await teacher.click(DELETE_YES)
    assert len((await current_route(env, 3903)).steps) == 3


# --- date order -----------------------------------------------------------------------------------------


async def test_steps_are_shown_by_planned_date_on_every_screen_and_in_the_document(env: BotEnv) -> None:
    methodist = await methodist_user(env, 3904, "Датова Инна Сергеевна")
    teacher = await diagnosed_teacher(env, 3905, "Календарёва Мария Андреевна")
    await teacher.click("Построить ИОМ")
    cat = (await current_route(env, 3905)).steps  # proposed one after another
    await own_step(teacher, "Курсы (КПК)", "Курс до конца учебного года", "До конца маршрута")
    await own_step(teacher, "Тренинг", "Тренинг в этом месяце", "В течение месяца")
    route = await current_route(env, 3905)
    end, month = route.steps[4], route.steps[5]
    # The fourth proposed step moved to the second one's dates: planned alike, it stays after it.
    async with env.repos() as repos:
        await repos.session.execute(
            update(RouteStep)
            .where(RouteStep.id == cat[3].id)
            .values(planned_start=cat[1].planned_start, planned_end=cat[1].planned_end)
        )
        await repos.commit()
    # This month's training (ends first among those starting today), the first proposed step, the
    # course to the end of the year, then the second proposed step with the fourth, then the third.
    expected = [month, cat[0], end, cat[1], cat[3], cat[2]]
    titles = [s.title for s in expected]
    labels = [label(i + 1, t) for i, t in enumerate(titles)]

    await teacher.click("🏠 В меню")
    await teacher.click("Мой маршрут")
    assert step_buttons(teacher) == labels
    text = teacher.last_message.text
    where = [text.index(t[:30]) for t in titles]
    assert where == sorted(where)

    await teacher.click("🎯 Цель маршрута")
    await teacher.click("Взять предложенную")
    await teacher.click("Отправить методисту")
    await settle(env)
    await methodist.click("Открыть маршрут")
    assert step_buttons(methodist) == labels
    await methodist.click(labels[0])
    assert month.title in methodist.last_message.text

    await teacher.click("📄 Скачать документ")
    document = docx.Document(io.BytesIO(teacher.last_message.document))
    rows = [" ".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    step_rows = [next(i for i, row in enumerate(rows) if t in row) for t in titles]
    assert step_rows == sorted(step_rows)


def test_date_order_is_by_start_then_end_undated_last_and_stable() -> None:
    d = date(2027, 1, 10)
    steps = [
        ("undated", None, None),
        ("late", d + timedelta(days=30), d + timedelta(days=40)),
        ("tie-a", d, d + timedelta(days=5)),
        ("long", d, d + timedelta(days=90)),
        ("tie-b", d, d + timedelta(days=5)),
        ("no end", d, None),
        ("early", d - timedelta(days=1), d + timedelta(days=200)),
    ]
    ordered = in_date_order(steps, lambda s: (s[1], s[2]))
    assert [s[0] for s in ordered] == ["early", "tie-a", "tie-b", "long", "no end", "late", "undated"]


def test_only_an_untouched_step_of_a_route_being_shaped_may_be_deleted() -> None:
    planned = StepStatus.PLANNED
    assert may_delete(RouteStatus.DRAFT, planned, started=False, evidence=0)
    assert may_delete(RouteStatus.RETURNED, planned, started=False, evidence=0)
    for route_status in (RouteStatus.SUBMITTED, RouteStatus.APPROVED, RouteStatus.CARRIED_OUT):
        assert not may_delete(route_status, planned, started=False, evidence=0)
    for step_status in (StepStatus.IN_PROGRESS, StepStatus.DONE, StepStatus.DROPPED):
        assert not may_delete(RouteStatus.RETURNED, step_status, started=False, evidence=0)
    assert not may_delete(RouteStatus.RETURNED, planned, started=True, evidence=0)  # started, restored
    assert not may_delete(RouteStatus.RETURNED, planned, started=False, evidence=1)


# --- what changed since the return --------------------------------------------------------------------


async def test_a_route_sent_again_tells_the_methodist_what_changed_since_the_return(env_all: BotEnv) -> None:
    env = env_all
    methodist = await methodist_user(env, 3906, "Сверкина Анна Львовна")
    teacher = await diagnosed_teacher(env, 3907, "Исправова Елена Маратовна")
    await teacher.click("Построить ИОМ")
    await teacher.click("🎯 Цель маршрута")
    await teacher.click("Взять предложенную")
    await teacher.click("Отправить методисту")
    await settle(env)
    assert "Что изменилось" not in methodist.last_message.text  # the first time: nothing to compare
    cat = (await current_route(env, 3907)).steps

    # Returned with a comment: what the route holds is kept.
    await methodist.click("Открыть маршрут")
    assert "Что изменилось" not in methodist.last_message.text
    await methodist.click("↩️ Вернуть на доработку")
    await methodist.send("Добавьте стажировку, уберите второй курс по цифре.")
    assert "возвращён педагогу" in methodist.last_message.text
    route = await current_route(env, 3907)
    async with env.repos() as repos:
        kept = await repos.routes.returned(route.id)
        assert kept is not None
        assert [s.step_id for s in kept.steps] == [s.id for s in cat]
        assert all(s.status == "planned" and s.evidence == 0 for s in kept.steps)

    # The teacher reworks it: a step deleted, one added, one not to be done, one done with a photo,
    # a new goal; a rescheduled event moved a step's dates (and it became a training).
    await settle(env)
    await teacher.click("🧭 Мой маршрут")
    await teacher.click(label(2, cat[1].title))
    await teacher.click(DELETE)
    await teacher.click(DELETE_YES)
    await own_step(teacher, "Стажировка", "Стажировка в гимназии № 5", "В течение месяца")
    await teacher.click(label(3, cat[2].title))
    await teacher.click(WONT_DO)
    await teacher.click("Не хватает времени")
    await teacher.click("⬅️ К маршруту")
    await teacher.click(label(2, cat[0].title))
    await teacher.click("✅ Выполнено")
    await teacher.send_photo(caption="Сертификат")
    await teacher.click("⬅️ К маршруту")
    await teacher.click("🎯 Цель маршрута")
    await teacher.send("Освоить цифровые инструменты для уроков литературы")
    moved = cat[3].planned_start + timedelta(days=14), cat[3].planned_end + timedelta(days=14)
    async with env.repos() as repos:
        await repos.session.execute(
            update(RouteStep)
            .where(RouteStep.id == cat[3].id)
            .values(planned_start=moved[0], planned_end=moved[1], form=StepForm.TRAINING)
        )
        await repos.commit()
    await teacher.click("📨 Отправить снова")
    assert "Маршрут отправлен" in teacher.last_message.text

    # The methodist's notice says what changed, and so does the route under review.
    await settle(env)
    notice = methodist.last_message.text
    await methodist.click("Открыть маршрут")
    review = methodist.last_message.text
    for text in (notice, review):
        assert "Что изменилось после возврата" in text
        assert "🎯 Новая цель: «Освоить цифровые инструменты для уроков литературы»" in text
        assert "➕ Новый шаг: «Стажировка в гимназии № 5» (Стажировка," in text
        assert f"🗑 Удалён шаг: «{shorten(cat[1].title, 60)}»" in text
        assert f"✅ «{shorten(cat[0].title, 60)}»: теперь выполнен; 1 новое подтверждение" in text
        assert f"✖️ «{shorten(cat[2].title, 60)}»: не будет выполнен — Не хватает времени" in text
        before = f"{cat[3].planned_start:%d.%m}–{cat[3].planned_end:%d.%m}"
        after = f"{moved[0]:%d.%m}–{moved[1]:%d.%m}"
        assert (
            f"📅 «{shorten(cat[3].title, 60)}»: форма «Профессиональное сообщество» → «Тренинг»; "
            f"сроки {before} → {after}"
        ) in text

    # Returned again and sent back untouched: the methodist hears that nothing changed.
    await methodist.click("↩️ Вернуть на доработку")
    await methodist.send("Теперь уточните сроки стажировки.")
    await settle(env)
    await teacher.click("🧭 Мой маршрут")
    await teacher.click("📨 Отправить снова")
    await settle(env)
    assert "После возврата маршрут не менялся" in methodist.last_message.text

    # Approved: the comparison has done its work and is not shown any more.
    await methodist.click("Открыть маршрут")
    await methodist.click("✅ Утвердить маршрут")
    assert "Что изменилось" not in methodist.last_message.text
    assert "маршрут не менялся" not in methodist.last_message.text


def _step(
    step_id: int,
    start: date | None,
    *,
    title: str = "",
    form: StepForm = StepForm.COURSE,
    status: StepStatus = StepStatus.PLANNED,
    evidence: int = 0,
    days: int = 30,
) -> StepState:
    end = start + timedelta(days=days) if start else None
    return StepState(step_id, title or f"Шаг {step_id}", form, start, end, status, evidence)


D = date(2026, 12, 1)


def test_nothing_changed_is_empty() -> None:
    state = RouteState("Цель", (_step(1, D), _step(2, D + timedelta(days=40))))
    changes = route_changes(state, state)
    assert changes.empty and changes.count == 0


def test_steps_added_and_removed_come_in_date_order() -> None:
    before = RouteState(
        "Цель", (_step(1, D + timedelta(days=60)), _step(2, D), _step(3, D + timedelta(days=9)))
    )
    after = RouteState(
        "Цель",
        (_step(2, D), _step(5, None), _step(4, D + timedelta(days=1)), _step(6, D - timedelta(days=3))),
    )
    changes = route_changes(before, after)
    assert [s.step_id for s in changes.added] == [6, 4, 5]  # the undated one last
    assert [s.step_id for s in changes.removed] == [3, 1]
    assert changes.changed == () and changes.goal is None and changes.count == 5


def test_a_kept_step_changed_in_dates_form_title_status_and_evidence() -> None:
    before = RouteState(
        "Цель",
        (
            _step(1, D),
            _step(2, D, form=StepForm.COURSE),
            _step(3, D, title="Старое название"),
            _step(4, D),
            _step(5, D, status=StepStatus.DONE, evidence=1),
            _step(6, D),
        ),
    )
    after = RouteState(
        "Цель",
        (
            _step(1, D + timedelta(days=7)),
            _step(2, D, form=StepForm.INTERNSHIP),
            _step(3, D, title="Новое название"),
            _step(4, D, status=StepStatus.DROPPED),
            _step(5, D, status=StepStatus.DONE, evidence=3),
            _step(6, D),
        ),
    )
    changes = route_changes(before, after)
    by_id = {c.after.step_id: c for c in changes.changed}
    assert sorted(by_id) == [1, 2, 3, 4, 5]  # step 6 is as it was
    assert by_id[1].dates_changed and not by_id[1].form_changed
    assert by_id[2].form_changed and not by_id[2].dates_changed
    assert by_id[3].title_changed
    assert by_id[4].status_changed and by_id[4].after.status is StepStatus.DROPPED
    assert by_id[5].evidence_added == 2 and not by_id[5].status_changed
    # Listed in the order the steps are planned now (step 1 moved to a week later: last).
    assert [c.after.step_id for c in changes.changed] == [2, 3, 4, 5, 1]


def test_evidence_taken_away_is_no_evidence_added() -> None:
    before = RouteState(None, (_step(1, D, evidence=2),))
    after = RouteState(None, (_step(1, D, evidence=1),))
    assert route_changes(before, after).empty


def test_the_goal_rewritten_is_a_change_and_an_empty_goal_is_no_goal() -> None:
    steps = (_step(1, D),)
    changes = route_changes(RouteState("Старая цель", steps), RouteState("Новая цель", steps))
    assert changes.goal == ("Старая цель", "Новая цель") and not changes.empty and changes.count == 1
    assert route_changes(RouteState("", steps), RouteState(None, steps)).empty


def test_a_step_deleted_and_a_look_alike_added_are_two_changes() -> None:
    before = RouteState("Цель", (_step(1, D, title="Курс"),))
    after = RouteState("Цель", (_step(2, D, title="Курс"),))
    changes = route_changes(before, after)
    assert [s.step_id for s in changes.added] == [2] and [s.step_id for s in changes.removed] == [1]


def test_a_long_list_of_changes_is_cut_with_a_count_of_the_rest() -> None:
    ru, en = I18n("ru").get("ru"), I18n("ru").get("en")
    before = RouteState("Цель", ())
    after = RouteState("Цель", tuple(_step(i, D + timedelta(days=i)) for i in range(1, 16)))
    text = changes_block(route_changes(before, after), ru, limit=12)
    assert text.count("➕ Новый шаг") == 12 and text.endswith("…и ещё 3 изменения — всё видно в маршруте.")
    assert "Шаг 1»" in text and "Шаг 13»" not in text  # the earliest first
    assert changes_block(route_changes(after, after), en).startswith("🔄 Nothing changed")
