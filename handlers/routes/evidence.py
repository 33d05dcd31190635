"""A step done, with evidence: a photo, a file, a link or a few words; the files sent back."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import RouteCD
from bot.domain.routes import EvidenceKind
from bot.i18n import Translator
from bot.services.routes import EVIDENCE_TEXT_MAX, Evidence
from bot.services.routes.views import Ask, Route
from bot.turn import Turn
from bot.ui.messaging import show
from bot.ui.routes import send_evidence_files
from bot.ui.routes.present import answered, evidence_again, present
from handlers.routes.states import data_of


def evidence_from(message: Message) -> Evidence | None:
    """A photo or a file as evidence (kept by its Telegram file id); None for anything else."""
    caption = (message.caption or "")[:EVIDENCE_TEXT_MAX] or None
    if message.photo:
        biggest = message.photo[-1]
        return Evidence(
            kind=EvidenceKind.PHOTO,
            file_id=biggest.file_id,
            file_unique_id=biggest.file_unique_id,
            file_size=biggest.file_size,
            text=caption,
        )
    if message.document:
        doc = message.document
        return Evidence(
            kind=EvidenceKind.DOCUMENT,
            file_id=doc.file_id,
            file_unique_id=doc.file_unique_id,
            file_name=(doc.file_name or "")[:255] or None,
            mime_type=(doc.mime_type or "")[:100] or None,
            file_size=doc.file_size,
            text=caption,
        )
    return None


async def got_evidence(message: Message, turn: Turn, _: Translator) -> None:
    route_id, step_id, page = await data_of(turn.state)
    view = await turn.services.routes.record_evidence(
        turn.person, route_id, step_id, page, evidence_from(message), message.text
    )
    await answered(turn.state, view)
    if isinstance(view, Ask):
        await show(message, evidence_again(view, _))
    else:
        await present(message, view, _)


async def send_files(query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route) -> None:
    await send_evidence_files(
        turn.bot, query.from_user.id, await turn.services.routes.files(route, callback_data.s)
    )
