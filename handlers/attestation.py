"""«🏅 Аттестация» for teachers: the current category and its expiry, «✏️ Указать категорию»
(category → the order's date → its number → a scan, optional), the history, and the support route
offered before the attestation in one tap (from the reminder or the screen). TeachersOnly.

The wizard's answers wait in the FSM storage (SQL or Redis): a restart between steps loses nothing,
the next typed answer goes on where the teacher was. A button of a wizard no longer open (an old
message, a double tap) is said to be stale and shows the screen.
"""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks import AttAction, AttCD, MenuCD, Section
from bot.domain.attestation import Category, InvalidInput, parse_awarded, parse_order
from bot.i18n import Translator
from bot.middlewares import TeachersOnly, gated
from bot.turn import Turn
from bot.ui import attestation as screens
from bot.ui.messaging import show


class AttWizard(StatesGroup):
    date = State()
    order = State()
    scan = State()


CAT, DAY, ORDER = "att_cat", "att_day", "att_order"


async def home(event: CallbackQuery | Message, turn: Turn, _: Translator) -> None:
    if await turn.state.get_state() in {s.state for s in AttWizard.__states__}:
        await turn.state.clear()
    await show(event, screens.home_screen(await turn.services.attestation.home(turn.person), _))


async def claim(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.categories_screen(_))


async def pick_category(query: CallbackQuery, callback_data: AttCD, turn: Turn, _: Translator) -> None:
    try:
        code = Category(callback_data.v)
    except ValueError:
        turn.answer.text = _("att-stale")
        return
    await turn.state.set_state(AttWizard.date)
    await turn.state.set_data({CAT: code.value})
    await show(query, screens.ask_date_screen(code, _))


async def _category(turn: Turn) -> Category | None:
    try:
        return Category(str((await turn.state.get_data()).get(CAT)))
    except ValueError:
        return None


async def typed_date(message: Message, turn: Turn, _: Translator) -> None:
    code = await _category(turn)
    if code is None:
        await turn.state.clear()
        await show(message, screens.categories_screen(_))
        return
    try:
        day = parse_awarded(message.text or "", turn.services.attestation.today(turn.person))
    except InvalidInput as bad:
        await show(message, screens.ask_date_screen(code, _, bad.key))
        return
    await turn.state.update_data({DAY: day.isoformat()})
    await turn.state.set_state(AttWizard.order)
    await show(message, screens.ask_order_screen(_))


async def not_a_date(message: Message, turn: Turn, _: Translator) -> None:
    code = await _category(turn) or Category.FIRST
    await show(message, screens.ask_date_screen(code, _, "att-bad-date"))


async def typed_order(message: Message, turn: Turn, _: Translator) -> None:
    try:
        order = parse_order(message.text or "")
    except InvalidInput as bad:
        await show(message, screens.ask_order_screen(_, bad.key))
        return
    await turn.state.update_data({ORDER: order})
    await turn.state.set_state(AttWizard.scan)
    await show(message, screens.ask_scan_screen(_))


async def not_an_order(message: Message, _: Translator) -> None:
    await show(message, screens.ask_order_screen(_, "att-bad-order"))


async def _finish(
    event: Message | CallbackQuery, turn: Turn, _: Translator, scan: tuple[str, str] | None
) -> None:
    data = await turn.state.get_data()
    try:
        code = Category(str(data.get(CAT)))
        day = date.fromisoformat(str(data.get(DAY)))
        order = str(data[ORDER])
    except (ValueError, KeyError):
        await turn.state.clear()
        await show(event, screens.categories_screen(_))
        return
    claimed = await turn.services.attestation.claim(turn.person, code, day, order, scan)
    await turn.state.clear()
    await show(event, screens.claimed_screen(claimed.record, claimed.already, _))


async def got_scan(message: Message, turn: Turn, _: Translator) -> None:
    if message.photo:
        scan = (message.photo[-1].file_id, "photo")
    elif message.document:
        scan = (message.document.file_id, "document")
    else:
        await show(message, screens.ask_scan_screen(_, "att-bad-scan"))
        return
    await _finish(message, turn, _, scan)


async def skip_scan(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    if await turn.state.get_state() != AttWizard.scan.state:
        turn.answer.text = _("att-stale")
        await home(query, turn, _)
        return
    await _finish(query, turn, _, None)


async def cancel(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.cancelled_screen(_))


async def history(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await show(query, screens.history_screen(await turn.services.attestation.history(turn.person), _))


async def support(query: CallbackQuery, callback_data: AttCD, turn: Turn, _: Translator) -> None:
    done = await turn.services.attestation.support(turn.person, callback_data.r, screens.support_titles(_))
    turn.answer.text = _("att-support-already") if done.already else _("att-support-note")
    await show(query, screens.supported_screen(done, _), edit=False)


async def own_scan(query: CallbackQuery, callback_data: AttCD, turn: Turn, _: Translator) -> None:
    record = await turn.services.attestation.own(turn.person, callback_data.r)
    if not await screens.send_scan(turn.bot, query.from_user.id, record):
        turn.answer.text = _("att-no-scan")


def build_router() -> Router:
    router = gated(__name__, TeachersOnly())
    on, cd = router.callback_query.register, AttCD.filter
    on(home, MenuCD.filter(F.section == Section.ATTESTATION))
    on(home, cd(F.action == AttAction.HOME))
    on(claim, cd(F.action == AttAction.CLAIM))
    on(pick_category, cd(F.action == AttAction.CAT))
    on(skip_scan, cd(F.action == AttAction.SKIP))
    on(cancel, cd(F.action == AttAction.CANCEL))
    on(history, cd(F.action == AttAction.HISTORY))
    on(support, cd(F.action == AttAction.SUPPORT))
    on(own_scan, cd(F.action == AttAction.SCAN))
    message = router.message.register
    commands = F.text.startswith("/")
    message(typed_date, AttWizard.date, F.text, ~commands)
    message(not_a_date, AttWizard.date, ~commands)
    message(typed_order, AttWizard.order, F.text, ~commands)
    message(not_an_order, AttWizard.order, ~commands)
    message(got_scan, AttWizard.scan, ~commands)
    return router
