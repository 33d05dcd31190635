"""«Наставничество» for a teacher: a young specialist's mentor, asking for one with wishes, and
applying to become a mentor."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MentorAction, MentorCD
from bot.context import User
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.mentoring.views import Wishes
from bot.turn import Turn
from bot.ui.mentoring import teacher as screens
from bot.ui.mentoring.common import one_line
from bot.ui.messaging import show
from bot.ui.wizard import end_wizard, stale_tap
from handlers.mentoring.states import MentoringDialog

ABOUT_MAX = 500


async def home(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.home_screen(await turn.services.mentoring.home(turn.person), _))


# --- asking for a mentor ----------------------------------------------------------------


def _wishes(data: dict[str, object], subjects: tuple[str, ...]) -> Wishes:
    subject = data.get("wish_subject")
    return Wishes(subjects, subject if isinstance(subject, str) else None, bool(data.get("wish_school")))


async def wishes(query: CallbackQuery, callback_data: MentorCD, turn: Turn, _: Translator) -> None:
    mentoring = turn.services.mentoring
    if callback_data.action == MentorAction.ASK:
        chosen = await mentoring.start_wishes(turn.person)
    else:
        current = _wishes(await turn.state.get_data(), ())
        if callback_data.action == MentorAction.WISH_SUBJECT:
            chosen = mentoring.wish_subject(turn.person, current, callback_data.v)
        else:
            chosen = mentoring.wish_school(turn.person, current, callback_data.v == "1")
    await turn.state.set_data({"wish_subject": chosen.subject, "wish_school": chosen.same_school})
    await show(query, screens.ask_screen(chosen, _))


async def send_request(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    wished = _wishes(await turn.state.get_data(), ())
    await turn.state.clear()
    view = await turn.services.mentoring.ask(turn.person, wished.subject, wished.same_school)
    turn.answer.text = _("mn-request-saved")
    await show(query, screens.home_screen(view, _))


# --- becoming a mentor ----------------------------------------------------------------


async def apply_start(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    """How many young colleagues (also «⬅️ Назад» from the few words: the number ticked)."""
    await turn.services.mentoring.may_apply(turn.person)
    mine = None
    if await turn.state.get_state() == MentoringDialog.apply_about.state:
        mine = int((await turn.state.get_data()).get("capacity", 0)) or None
        await turn.state.set_state(None)  # nothing typed next is taken for the few words
    await show(query, screens.capacity_prompt(_, mine=mine))


async def apply_cancel(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    """«✖️ Отмена» while applying to mentor: nothing is sent."""
    if await turn.state.get_state() in (None, MentoringDialog.apply_about.state):
        await end_wizard(query, turn.state, screens.apply_cancelled(_))
    else:
        stale_tap(turn.answer, _)


async def apply_capacity(query: CallbackQuery, callback_data: MentorCD, turn: Turn, _: Translator) -> None:
    capacity = int(callback_data.v) if callback_data.v.isdigit() else 2
    await turn.state.set_state(MentoringDialog.apply_about)
    await turn.state.set_data({"capacity": max(1, min(capacity, 10))})
    await show(query, screens.about_prompt(_))


async def _apply_finish(
    event: CallbackQuery | Message,
    state: FSMContext,
    services: Services,
    user: User,
    _: Translator,
    about: str | None,
) -> None:
    data = await state.get_data()
    await state.clear()
    view = await services.mentoring.apply(user, about, int(data.get("capacity", 2)))
    await show(event, screens.home_screen(view, _) if view is not None else (_("mn-applied-already"), None))


async def apply_without_about(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await _apply_finish(query, turn.state, turn.services, turn.person, _, None)


async def apply_about(message: Message, turn: Turn, _: Translator) -> None:
    about = await one_line(message, ABOUT_MAX, _)
    if about is not None:
        await _apply_finish(message, turn.state, turn.services, turn.person, _, about or None)
