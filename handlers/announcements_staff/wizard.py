"""The announcement wizard: the text (the draft is made), a picture or a document, link buttons;
every step with «⬅️ Назад» and «✖️ Отмена» (which deletes the draft)."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import AnnStaffCD
from bot.domain.announcements import Attachment
from bot.i18n import Translator
from bot.services.announcements.staff import AnnouncementRow
from bot.services.events.wizard import Problem
from bot.turn import Turn
from bot.ui import announcements as screens
from bot.ui import events as event_screens
from bot.ui.messaging import Screen, show
from handlers.announcements_staff.states import AnnWizard

Target = Message | CallbackQuery


async def _id(state: FSMContext) -> int:
    return int((await state.get_data()).get("a", 0))


def step_screen(step: str, announcement: AnnouncementRow | None, _: Translator) -> Screen | None:
    if step == "text":
        return screens.text_prompt(announcement, _)
    if announcement is None:
        return None
    return screens.file_prompt(announcement, _) if step == "file" else screens.buttons_prompt(announcement, _)


async def _said(message: Message, turn: Turn, result: object, step: str, _: Translator) -> bool:
    """The step is over here: a problem was said — with the step's buttons, so «Назад» and
    «Отмена» are in the newest message — and the wizard waits for another answer; or the draft is
    out of reach or sent meanwhile (the wizard ends with a note)."""
    if isinstance(result, Problem):
        screen = None
        if result.end:
            await turn.state.clear()
        else:
            draft = await turn.services.announcements.in_wizard(turn.actor, await _id(turn.state))
            screen = step_screen(step, draft, _)
        await message.answer(_(result.key, **result.values), reply_markup=screen[1] if screen else None)
        return True
    if result is None:
        await turn.state.clear()
        await message.answer(_("an-not-draft"))
        return True
    return False


async def home(target: Target, turn: Turn, _: Translator) -> None:
    """«📣 Анонсы и объявления», where the wizard began."""
    await turn.state.clear()
    events = await turn.services.events_staff.home(turn.actor)
    await show(target, event_screens.staff_home(events, _))


async def to_step(
    target: Target, state: FSMContext, step: str, announcement: AnnouncementRow, _: Translator
) -> None:
    """Show the prompt of `step` (text, file, buttons) and wait for its answer."""
    await state.set_state({"text": AnnWizard.text, "file": AnnWizard.file}.get(step, AnnWizard.buttons))
    await state.set_data({"a": announcement.id})
    screen = step_screen(step, announcement, _)
    assert screen is not None
    await show(target, screen)


# --- the text -------------------------------------------------------------------------------------


async def new(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.set_state(AnnWizard.text)
    await turn.state.set_data({"a": 0})
    await show(query, screens.text_prompt(None, _))


async def got_text(message: Message, turn: Turn, _: Translator) -> None:
    service, draft = turn.services.announcements, await _id(turn.state)
    text = message.text or ""
    result = await (service.retext(turn.actor, draft, text) if draft else service.start(turn.actor, text))
    if await _said(message, turn, result, "text", _):
        return
    assert isinstance(result, AnnouncementRow)
    await to_step(message, turn.state, "file", result, _)


async def keep_text(query: CallbackQuery, turn: Turn, announcement: AnnouncementRow, _: Translator) -> None:
    turn.services.announcements.draft(announcement)
    await to_step(query, turn.state, "file", announcement, _)


# --- the file -------------------------------------------------------------------------------------


async def got_file(message: Message, turn: Turn, _: Translator) -> None:
    if message.photo:
        kind, file_id, name = Attachment.PHOTO, message.photo[-1].file_id, None
    else:
        assert message.document is not None
        kind, file_id, name = Attachment.DOCUMENT, message.document.file_id, message.document.file_name
    result = await turn.services.announcements.attach(turn.actor, await _id(turn.state), kind, file_id, name)
    if await _said(message, turn, result, "file", _):
        return
    assert isinstance(result, AnnouncementRow)
    await to_step(message, turn.state, "buttons", result, _)


async def file_next(query: CallbackQuery, turn: Turn, announcement: AnnouncementRow, _: Translator) -> None:
    turn.services.announcements.draft(announcement)
    await to_step(query, turn.state, "buttons", announcement, _)


async def file_drop(query: CallbackQuery, turn: Turn, announcement: AnnouncementRow, _: Translator) -> None:
    announcement = await turn.services.announcements.detach(announcement)
    turn.answer.text = _("an-file-dropped")
    await to_step(query, turn.state, "file", announcement, _)


async def need_file(message: Message, _: Translator) -> None:
    await message.answer(_("an-file-bad"))


# --- the link buttons -----------------------------------------------------------------------------


async def got_link(message: Message, turn: Turn, _: Translator) -> None:
    result = await turn.services.announcements.add_button(
        turn.actor, await _id(turn.state), message.text or ""
    )
    if await _said(message, turn, result, "buttons", _):
        return
    assert isinstance(result, AnnouncementRow)
    await to_step(message, turn.state, "buttons", result, _)


async def buttons_clear(
    query: CallbackQuery, turn: Turn, announcement: AnnouncementRow, _: Translator
) -> None:
    announcement = await turn.services.announcements.clear_buttons(announcement)
    await to_step(query, turn.state, "buttons", announcement, _)


async def need_text(message: Message, _: Translator) -> None:
    await message.answer(_("route-need-text"))


# --- back and cancel ------------------------------------------------------------------------------


async def back(
    query: CallbackQuery,
    callback_data: AnnStaffCD,
    turn: Turn,
    announcement: AnnouncementRow | None,
    _: Translator,
) -> None:
    """«⬅️ Назад»: the step before (`v`), or — from the text — where the wizard began (a draft
    stays in «Мои объявления»)."""
    if callback_data.v not in ("text", "file", "buttons") or announcement is None:
        await home(query, turn, _)
        return
    turn.services.announcements.draft(announcement)
    await to_step(query, turn.state, callback_data.v, announcement, _)


async def cancel(
    query: CallbackQuery, turn: Turn, announcement: AnnouncementRow | None, _: Translator
) -> None:
    """«✖️ Отмена»: the draft is deleted (one sent or scheduled meanwhile stays as it is)."""
    if announcement is not None:
        await turn.services.announcements.drop(announcement)
    turn.answer.text = _("an-cancelled")
    await home(query, turn, _)
