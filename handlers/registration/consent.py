"""Consent: the first «yes» creates the person's row; a «no» after it withdraws everything."""

from __future__ import annotations

from aiogram.types import CallbackQuery

from bot.i18n import Translator
from bot.turn import Turn
from bot.ui.messaging import show
from bot.ui.registration import screens
from bot.ui.registration.dialogue import Reg, forget, start_registration


async def consent_again(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.set_state(Reg.consent)
    await show(query, screens.consent_screen(_, welcome=False))


async def consent_given(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    if turn.user is not None and turn.user.registered_at is not None:
        await turn.state.clear()
        await show(query, (_("consent-already"), None))
        return
    await turn.services.accounts.give_consent(query.from_user.id, turn.locale)
    await show(query, (_("consent-thanks"), None))
    await start_registration(query, turn.state, turn.services, _, resume=True)


async def consent_declined(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    if turn.user is not None:
        # Saying «no» after «yes» withdraws consent: nothing personal stays.
        await turn.services.accounts.delete(turn.user)
        await forget(turn.state)
    await turn.state.clear()
    await show(query, screens.declined_screen(_))
