"""«📅 Запись на консультацию» for teachers: free times of their methodist first, then of the
methodists covering their subject and municipality; booking (one tap, a calendar file), their
bookings, cancelling one (the methodist is told), and counting a consultation that took place as the
evidence of a «консультация» step of their route (ИОМ) in one tap.

TeachersOnly lets only those who give lessons in; the slot in the callback data is loaded by
VisibleSlot (their own booking, or a free slot of a methodist they may book — else refused)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks import BookAction, BookCD, MenuCD, Section
from bot.domain.errors import Refusal
from bot.filters import Actor, owned
from bot.i18n import Translator
from bot.middlewares import TeachersOnly, gated
from bot.services.consult_slots import Card, ConsultSlotService, Counted, SlotRow
from bot.services.container import Services
from bot.turn import Turn
from bot.ui import consult_slots as screens
from bot.ui.messaging import show


async def _visible(services: Services, actor: Actor, data: BookCD) -> SlotRow | None:
    if actor.user is None or actor.user.registered_at is None:
        return None
    return await services.consult_slots.visible(actor.user, data.s)


VisibleSlot = owned("slot", _visible)


async def listing(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    page = 0
    if query.data and query.data.startswith(BookCD.__prefix__ + ":"):
        page = BookCD.unpack(query.data).p
    view = await turn.services.consult_slots.listing(turn.person, page)
    await show(query, screens.free_list(view, _))


async def mine(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await show(query, screens.mine_screen(await turn.services.consult_slots.mine(turn.person), _))


def _from_text(query: CallbackQuery) -> bool:
    return isinstance(query.message, Message) and bool(query.message.text)


async def open_card(
    query: CallbackQuery, callback_data: BookCD, turn: Turn, slot: SlotRow, _: Translator
) -> None:
    card = await turn.services.consult_slots.card(turn.person, slot)
    await show(query, screens.teacher_card(card, _, callback_data.p), edit=_from_text(query))


async def _send_ics(bot: Bot, chat_id: int, service: ConsultSlotService, card: Card, _: Translator) -> None:
    title, description = screens.calendar_texts(card.slot, card.methodist, _, for_methodist=False)
    await bot.send_document(
        chat_id,
        BufferedInputFile(
            await service.calendar(card.slot, title, description), filename=f"consultation-{card.slot.id}.ics"
        ),
        caption=_("cs-ics-caption"),
    )


async def take(query: CallbackQuery, turn: Turn, slot: SlotRow, _: Translator) -> None:
    service = turn.services.consult_slots
    result = await service.book(turn.person, slot)
    turn.answer.text = _(f"bk-take-{result.status}")
    if result.card is None:
        # Someone was first, the time has passed or the teacher holds enough bookings: the list again.
        turn.answer.show_alert = True
        await show(query, screens.free_list(await service.listing(turn.person, 0), _), edit=_from_text(query))
        return
    await show(query, screens.teacher_card(result.card, _), edit=_from_text(query))
    if result.status == "booked":
        await _send_ics(turn.bot, query.from_user.id, service, result.card, _)


async def calendar(query: CallbackQuery, turn: Turn, slot: SlotRow, _: Translator) -> None:
    card = await turn.services.consult_slots.card(turn.person, slot)
    if card.teacher is None:
        raise Refusal("bk-not-for-you")
    await _send_ics(turn.bot, query.from_user.id, turn.services.consult_slots, card, _)


async def ask_drop(query: CallbackQuery, turn: Turn, slot: SlotRow, _: Translator) -> None:
    card = await turn.services.consult_slots.card(turn.person, slot)
    if card.teacher is None:
        raise Refusal("bk-not-for-you")
    await show(query, screens.drop_confirm(card, _))


async def drop(query: CallbackQuery, turn: Turn, slot: SlotRow, _: Translator) -> None:
    card = await turn.services.consult_slots.release(turn.person, slot)
    turn.answer.text = _("bk-cancelled")
    await show(query, screens.teacher_card(card, _))


async def to_route(
    query: CallbackQuery, callback_data: BookCD, turn: Turn, slot: SlotRow, _: Translator
) -> None:
    result = await turn.services.consult_slots.to_route(
        turn.person,
        slot,
        screens.describe(_),
        step_id=callback_data.t,
        add=callback_data.action == BookAction.ROUTE_ADD,
    )
    if isinstance(result, Counted):
        turn.answer.text = _("bk-route-done")
        await show(query, screens.counted(result, _), edit=_from_text(query))
    else:
        await show(query, screens.step_choice(result, _), edit=_from_text(query))


def build_router() -> Router:
    router = gated(__name__, TeachersOnly())
    tap = router.callback_query.register

    def on(*actions: BookAction) -> CallbackQueryFilter:
        return BookCD.filter(F.action.in_(set(actions)))

    tap(listing, MenuCD.filter(F.section == Section.CONSULT_BOOK))
    tap(listing, on(BookAction.LIST))
    tap(mine, on(BookAction.MINE))
    tap(open_card, on(BookAction.OPEN), VisibleSlot())
    tap(take, on(BookAction.TAKE), VisibleSlot())
    tap(calendar, on(BookAction.ICS), VisibleSlot())
    tap(ask_drop, on(BookAction.DROP), VisibleSlot())
    tap(drop, on(BookAction.DROP_YES), VisibleSlot())
    tap(to_route, on(BookAction.ROUTE, BookAction.ROUTE_ADD), VisibleSlot())
    return router
