"""The author's side (those who teach): «➕ Предложить свою практику» — the wizard, step by step, on
a draft kept in the database (so a restart loses nothing and «🗂 Мои практики» continues it), the
preview, «📤 Отправить на экспертизу» (once, however many taps), revising a returned practice."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import PracticeCD
from bot.domain.errors import Refusal
from bot.domain.practice_bank import STEPS, Field, Problem
from bot.domain.practices import PracticeStatus
from bot.i18n import Translator
from bot.turn import Turn
from bot.ui import practices as screens
from bot.ui.messaging import Screen, show
from handlers.practices.states import PracticeWizard
from storage.models import Practice

Target = Message | CallbackQuery
Where = screens.Where

TYPED = {
    Field.TITLE: PracticeWizard.title,
    Field.DESCRIPTION: PracticeWizard.description,
    Field.FILES: PracticeWizard.files,
    Field.LINKS: PracticeWizard.links,
}


async def _where(state: FSMContext) -> Where:
    data = await state.get_data()
    return Where(int(data.get("p", 0)), bool(data.get("edit", False)))


async def step_screen(turn: Turn, step: str, practice: Practice, where: Where, _: Translator) -> Screen:
    if step == Field.TITLE:
        return screens.title_prompt(practice, where, _)
    if step == Field.SUBJECTS:
        return screens.subjects_screen(practice, where, _)
    if step == Field.GRADES:
        return screens.grades_screen(practice, where, _)
    if step == Field.FORM:
        return screens.form_screen(practice, where, _)
    if step == Field.DESCRIPTION:
        return screens.description_prompt(practice, where, _)
    if step == Field.FILES:
        count = len(await turn.services.practices.files(practice))
        return screens.files_prompt(practice, count, where, _)
    return screens.links_prompt(practice, where, _)


async def to_step(
    target: Target,
    turn: Turn,
    step: str,
    practice: Practice,
    editing: bool,
    _: Translator,
    *,
    edit: bool = True,
) -> None:
    """Show `step` of `practice` and wait for its answer."""
    if step not in STEPS:
        step = Field.TITLE
    await turn.state.set_state(TYPED.get(step, PracticeWizard.choice))
    await turn.state.set_data({"p": practice.id, "edit": editing})
    await show(target, await step_screen(turn, step, practice, Where(practice.id, editing), _), edit=edit)


async def to_preview(
    target: Target, turn: Turn, practice: Practice, _: Translator, *, edit: bool = True
) -> None:
    await turn.state.set_state(None)
    await turn.state.set_data({"p": practice.id})
    service = turn.services.practices
    view = await service.card(practice)
    await show(target, screens.preview_screen(view, service.missing(practice), _), edit=edit)


async def onward(
    target: Target, turn: Turn, step: str, practice: Practice, editing: bool, _: Translator
) -> None:
    """After `step` was answered: the next step, or the preview (the last step, or changing one)."""
    index = STEPS.index(step) if step in STEPS else len(STEPS) - 1
    edit = isinstance(target, CallbackQuery)
    if editing or index == len(STEPS) - 1:
        await to_preview(target, turn, practice, _, edit=edit)
    else:
        await to_step(target, turn, STEPS[index + 1], practice, False, _, edit=edit)


async def _draft(message: Message, turn: Turn, _: Translator) -> Practice | None:
    """The wizard's practice for a typed answer, still the author's to change; else the wizard ends."""
    where = await _where(turn.state)
    try:
        return await turn.services.practices.editable(turn.person, where.practice)
    except Refusal:
        await turn.state.clear()
        await message.answer(_("pb-not-editable"), reply_markup=screens.after_screen("", _)[1])
        return None


async def _problem(
    message: Message, turn: Turn, problem: Problem, step: str, practice: Practice | None, _: Translator
) -> None:
    """Say what is wrong, with the step's buttons under it: «Назад» and «Отмена» stay at hand."""
    where = await _where(turn.state)
    markup = (
        (await step_screen(turn, step, practice, where, _))[1]
        if practice
        else screens.title_prompt(None, where, _)[1]
    )
    await message.answer(_(problem.key, **problem.kwargs), reply_markup=markup)


# --- starting, going on ---------------------------------------------------------------------------


async def new(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.set_state(PracticeWizard.title)
    await turn.state.set_data({"p": 0, "edit": False})
    await show(query, screens.title_prompt(None, Where(0), _))


async def resume(query: CallbackQuery, turn: Turn, practice: Practice, _: Translator) -> None:
    missing = turn.services.practices.missing(practice)
    if missing:
        await to_step(query, turn, missing[0], practice, False, _)
    else:
        await to_preview(query, turn, practice, _)


async def step(
    query: CallbackQuery, callback_data: PracticeCD, turn: Turn, practice: Practice, _: Translator
) -> None:
    await to_step(query, turn, callback_data.v, practice, callback_data.n == 1, _)


async def next_step(
    query: CallbackQuery, callback_data: PracticeCD, turn: Turn, practice: Practice, _: Translator
) -> None:
    """«Готово», «Дальше», «Оставить как есть» on step `v`."""
    if callback_data.v == Field.SUBJECTS and not practice.subjects:
        turn.answer.text, turn.answer.show_alert = _("pb-need-subject"), True
        return
    if callback_data.v == Field.GRADES and not practice.grades:
        turn.answer.text, turn.answer.show_alert = _("pb-need-grade"), True
        return
    await onward(query, turn, callback_data.v, practice, callback_data.n == 1, _)


# --- the steps -----------------------------------------------------------------------------------


async def got_title(message: Message, turn: Turn, _: Translator) -> None:
    service, where = turn.services.practices, await _where(turn.state)
    practice = None
    if where.practice:
        practice = await _draft(message, turn, _)
        if practice is None:
            return
        result = await service.retitle(practice, message.text or "")
    else:
        result = await service.start(turn.person, message.text or "")
    if isinstance(result, Problem):
        await _problem(message, turn, result, Field.TITLE, practice, _)
        return
    await onward(message, turn, Field.TITLE, result, where.editing, _)


async def toggle_subject(
    query: CallbackQuery, callback_data: PracticeCD, turn: Turn, practice: Practice, _: Translator
) -> None:
    practice = await turn.services.practices.toggle_subject(practice, callback_data.v)
    await to_step(query, turn, Field.SUBJECTS, practice, callback_data.n == 1, _)


async def toggle_grade(
    query: CallbackQuery, callback_data: PracticeCD, turn: Turn, practice: Practice, _: Translator
) -> None:
    grade = int(callback_data.v) if callback_data.v.isdigit() else -1
    practice = await turn.services.practices.toggle_grade(practice, grade)
    await to_step(query, turn, Field.GRADES, practice, callback_data.n == 1, _)


async def pick_form(
    query: CallbackQuery, callback_data: PracticeCD, turn: Turn, practice: Practice, _: Translator
) -> None:
    practice = await turn.services.practices.set_form(practice, callback_data.v)
    await onward(query, turn, Field.FORM, practice, callback_data.n == 1, _)


async def got_description(message: Message, turn: Turn, _: Translator) -> None:
    practice = await _draft(message, turn, _)
    if practice is None:
        return
    where = await _where(turn.state)
    result = await turn.services.practices.describe(practice, message.text or "")
    if isinstance(result, Problem):
        await _problem(message, turn, result, Field.DESCRIPTION, practice, _)
        return
    await onward(message, turn, Field.DESCRIPTION, result, where.editing, _)


async def got_file(message: Message, turn: Turn, _: Translator) -> None:
    practice = await _draft(message, turn, _)
    if practice is None:
        return
    if message.photo:
        kind, file_id, name = "photo", message.photo[-1].file_id, None
    else:
        assert message.document is not None
        kind, file_id, name = "document", message.document.file_id, message.document.file_name
    result = await turn.services.practices.attach(practice, kind, file_id, name)
    if isinstance(result, Problem):
        await _problem(message, turn, result, Field.FILES, practice, _)
        return
    where = await _where(turn.state)
    screen = screens.files_prompt(practice, result, where, _)
    await message.answer(_("pb-file-taken", count=result) + "\n\n" + screen[0], reply_markup=screen[1])


async def drop_files(
    query: CallbackQuery, callback_data: PracticeCD, turn: Turn, practice: Practice, _: Translator
) -> None:
    await turn.services.practices.drop_files(practice)
    turn.answer.text = _("pb-files-dropped")
    await to_step(query, turn, Field.FILES, practice, callback_data.n == 1, _)


async def got_links(message: Message, turn: Turn, _: Translator) -> None:
    practice = await _draft(message, turn, _)
    if practice is None:
        return
    result = await turn.services.practices.add_links(practice, message.text or "")
    if isinstance(result, Problem):
        await _problem(message, turn, result, Field.LINKS, practice, _)
        return
    where = await _where(turn.state)
    await show(message, screens.links_prompt(result, where, _))


async def clear_links(
    query: CallbackQuery, callback_data: PracticeCD, turn: Turn, practice: Practice, _: Translator
) -> None:
    practice = await turn.services.practices.clear_links(practice)
    await to_step(query, turn, Field.LINKS, practice, callback_data.n == 1, _)


# --- wrong kinds of answers ----------------------------------------------------------------------


async def need_text(message: Message, turn: Turn, _: Translator) -> None:
    await message.answer(_("pb-need-text"))


async def need_file(message: Message, turn: Turn, _: Translator) -> None:
    practice = await _draft(message, turn, _)
    if practice is None:
        return
    screen = await step_screen(turn, Field.FILES, practice, await _where(turn.state), _)
    await message.answer(_("pb-need-file"), reply_markup=screen[1])


async def use_buttons(message: Message, turn: Turn, _: Translator) -> None:
    await message.answer(_("pb-use-buttons"))


# --- the preview, sending, putting aside -----------------------------------------------------------


async def preview(query: CallbackQuery, turn: Turn, practice: Practice, _: Translator) -> None:
    await to_preview(query, turn, practice, _)


async def edit_menu(query: CallbackQuery, turn: Turn, practice: Practice, _: Translator) -> None:
    await turn.state.set_state(None)
    await show(query, screens.edit_menu(practice, _))


async def submit(query: CallbackQuery, turn: Turn, practice: Practice, _: Translator) -> None:
    """Sent once: a second tap (or a tap on an old preview) finds it sent and says so."""
    returned = practice.status is PracticeStatus.RETURNED
    result = await turn.services.practices.submit(turn.person, practice)
    if result.missing:
        turn.answer.text, turn.answer.show_alert = _("pb-missing-alert"), True
        return
    if not result.sent:
        turn.answer.text = _("pb-already-sent")
        return
    await turn.state.clear()
    note = _("pb-resent" if returned else "pb-sent", title=practice.title, round=practice.round)
    await show(query, screens.after_screen(note, _))


async def cancel(query: CallbackQuery, callback_data: PracticeCD, turn: Turn, _: Translator) -> None:
    """The wizard ends; a draft made so far stays in «Мои практики»."""
    await turn.state.clear()
    if callback_data.p:
        await show(query, screens.after_screen(_("pb-put-aside"), _))
    else:
        await show(query, screens.home_screen(True, _))


async def mine(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.mine_screen(await turn.services.practices.mine(turn.person), _))


async def drop(query: CallbackQuery, turn: Turn, practice: Practice, _: Translator) -> None:
    if practice.status is not PracticeStatus.DRAFT:
        turn.answer.text, turn.answer.show_alert = _("pb-not-editable"), True
        return
    await show(query, screens.drop_confirm(practice, _))


async def drop_yes(query: CallbackQuery, turn: Turn, practice: Practice, _: Translator) -> None:
    dropped = await turn.services.practices.drop_draft(turn.person, practice)
    await turn.state.clear()
    turn.answer.text = _("pb-dropped" if dropped else "pb-not-editable")
    await show(query, screens.mine_screen(await turn.services.practices.mine(turn.person), _))
