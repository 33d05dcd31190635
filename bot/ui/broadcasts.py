"""Screens of broadcasting: the live progress message staff see."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardMarkup

from bot.callbacks import BroadcastAction, BroadcastCD
from bot.domain.events import BroadcastStatus
from bot.i18n import I18n
from bot.ui.keyboard import Keyboard
from bot.ui.routes import progress_bar


def markup_json(markup: InlineKeyboardMarkup | None) -> dict[str, Any] | None:
    """A keyboard as the outbox stores it."""
    return markup.model_dump(mode="json", exclude_none=True) if markup is not None else None


def broadcast_progress(
    broadcast: Any, counts: dict[str, int], i18n: I18n
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Edited in place every few seconds: sent / failed / pending with a bar, and a stop button."""
    _ = i18n.get(None)
    total = sum(counts.values())
    sent = counts.get("sent", 0)
    failed = counts.get("failed", 0) + counts.get("blocked", 0)
    pending = counts.get("pending", 0) + counts.get("sending", 0)
    done = total - pending
    percent = round(100 * done / total) if total else 100
    key = {
        BroadcastStatus.SENDING: "bc-progress",
        BroadcastStatus.DONE: "bc-progress-done",
        BroadcastStatus.STOPPED: "bc-progress-stopped",
    }.get(broadcast.status, "bc-progress")
    text = _(
        key,
        bar=progress_bar(percent),
        percent=percent,
        sent=sent,
        failed=failed,
        pending=pending,
        cancelled=counts.get("cancelled", 0),
        total=total,
    )
    if broadcast.status != BroadcastStatus.SENDING:
        return text, None
    kb = Keyboard()
    kb.button(text=_("bc-btn-stop"), callback_data=BroadcastCD(action=BroadcastAction.STOP, b=broadcast.id))
    return text, kb.as_markup()
