"""The audience (the events' picker), the preview — the very message teachers get, then the panel —
and sending now (the broadcast and its live progress) or at a time."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import AnnStaffCD
from bot.config import Settings
from bot.i18n import Translator
from bot.outbox import OutboxWorker
from bot.services.announcements.staff import AnnouncementRow
from bot.services.audience import AudienceStep
from bot.services.events.wizard import Problem
from bot.turn import Turn
from bot.ui import announcements as screens
from bot.ui.messaging import show
from handlers.announcements_staff.states import AnnWizard
from handlers.events_staff.progress import start_broadcast


def teachers(turn: Turn, settings: Settings) -> Translator:
    """What teachers get is written in the installation's language."""
    return turn.i18n.get(settings.default_locale)


async def buttons_next(
    query: CallbackQuery, turn: Turn, announcement: AnnouncementRow, _: Translator
) -> None:
    service = turn.services.announcements
    service.draft(announcement)
    await turn.state.set_state(None)
    await show(
        query, screens.audience(await service.audience_view(turn.actor, announcement), announcement, _)
    )


async def pick(
    query: CallbackQuery, callback_data: AnnStaffCD, turn: Turn, announcement: AnnouncementRow, _: Translator
) -> None:
    await turn.state.set_state(None)
    step = AudienceStep(callback_data.action.value)
    view = await turn.services.announcements.pick(turn.actor, announcement, step, callback_data.v)
    await show(query, screens.audience(view, announcement, _))


async def preview(
    query: CallbackQuery, turn: Turn, announcement: AnnouncementRow, settings: Settings, _: Translator
) -> None:
    """The announcement exactly as teachers will get it, then what to do with it."""
    view = await turn.services.announcements.preview(turn.actor, announcement)
    await turn.state.set_state(None)
    await show(query, (_("an-preview-below"), None))
    await screens.send_copy(turn.bot, query.from_user.id, view.announcement, teachers(turn, settings))
    await show(query, screens.preview_panel(view.announcement, view.count, _), edit=False)


async def send_now(
    query: CallbackQuery,
    turn: Turn,
    announcement: AnnouncementRow,
    settings: Settings,
    outbox: OutboxWorker | None,
    _: Translator,
) -> None:
    service = turn.services.announcements
    sent = await service.send_now(turn.actor, announcement, screens.NewsAnnouncer(teachers(turn, settings)))
    await turn.state.clear()
    turn.answer.text = _("an-sent", count=sent.broadcast.total)
    card = await service.card(sent.card.announcement)
    await show(query, screens.card_screen(card.announcement, card.broadcast, card.delivery, 0, _))
    await start_broadcast(turn.bot, turn.services, sent.broadcast, query.from_user.id, turn.i18n, outbox)


async def ask_schedule(
    query: CallbackQuery, turn: Turn, announcement: AnnouncementRow, _: Translator
) -> None:
    announcement = await turn.services.announcements.ask_schedule(announcement)
    await turn.state.set_state(AnnWizard.schedule)
    await turn.state.set_data({"a": announcement.id})
    await show(query, screens.schedule_prompt(announcement, turn.services.clock(), _))


async def got_schedule(message: Message, turn: Turn, _: Translator) -> None:
    draft = int((await turn.state.get_data()).get("a", 0))
    result = await turn.services.announcements.schedule(turn.actor, draft, message.text or "")
    if result is None:
        await turn.state.clear()
        await message.answer(_("an-not-draft"))
        return
    if isinstance(result, Problem):
        markup = None
        if result.end:
            await turn.state.clear()
        elif (found := await turn.services.announcements.in_wizard(turn.actor, draft)) is not None:
            markup = screens.schedule_prompt(found, turn.services.clock(), _)[1]
        await message.answer(_(result.key, **result.values), reply_markup=markup)
        return
    await turn.state.clear()
    await message.answer(_("an-scheduled"))
    await show(message, screens.card_screen(result.announcement, None, None, 0, _))
