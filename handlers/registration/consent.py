"""Consent: the first «yes» creates the person's row; a «no» after it withdraws everything."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from bot.context import User
from bot.i18n import Translator
from bot.services.container import Services
from bot.ui.messaging import show
from bot.ui.registration import screens
from bot.ui.registration.dialogue import Reg, forget, start_registration


async def consent_again(query: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(Reg.consent)
    await show(query, screens.consent_screen(_, welcome=False))


async def consent_given(
    query: CallbackQuery, state: FSMContext, services: Services, user: User | None, locale: str, _: Translator
) -> None:
    if user is not None and user.registered_at is not None:
        await state.clear()
        await show(query, (_("consent-already"), None))
        return
    await services.accounts.give_consent(query.from_user.id, locale)
    await show(query, (_("consent-thanks"), None))
    await start_registration(query, state, services, _, resume=True)


async def consent_declined(
    query: CallbackQuery, state: FSMContext, services: Services, user: User | None, _: Translator
) -> None:
    if user is not None:
        # Saying «no» after «yes» withdraws consent: nothing personal stays.
        await services.accounts.delete(user)
        await forget(state)
    await state.clear()
    await show(query, screens.declined_screen(_))
