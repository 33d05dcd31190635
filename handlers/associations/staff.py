"""Staff's side of associations («🗂 Методобъединения: ведение»): the list of their scope's associations,
the creation wizard (level → municipality → school → subject → approval → name), an association's
card with its members, a leader's invite link, making a member a leader.

The router is behind RoleGate(staff, admin); what an association button reaches is checked by
`Managed` (municipal staff: their municipality only), and `create` checks the scope again."""

from __future__ import annotations

from typing import Any

from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, Message

from bot.callbacks import AsStaffAction, AsStaffCD
from bot.domain.associations import Level, levels_for
from bot.i18n import Translator
from bot.services.associations import staff_scope
from bot.turn import Turn
from bot.ui import associations as screens
from bot.ui.messaging import show
from bot.ui.wizard import stale_tap
from handlers.associations.states import AsStaffDialog
from storage.models import Association

SCHOOLS_PAGE = 10


def _scope(turn: Turn) -> int | None:
    scope = staff_scope(turn.user, turn.roles)
    return None if scope is False or scope is True else scope


async def home(query: CallbackQuery, callback_data: CallbackData, turn: Turn, _: Translator) -> None:
    """Staff's list, a page of it (`p`; from the menu: the first)."""
    await turn.state.clear()
    page = callback_data.p if isinstance(callback_data, AsStaffCD) else 0
    view = await turn.services.associations.staff_list(turn.user, turn.roles, page)
    await show(query, screens.staff_home(view, _))


async def new(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.set_state(None)
    await turn.state.set_data({"kind": "new"})
    await show(query, screens.level_picker(levels_for(_scope(turn)), _))


async def _wizard(turn: Turn) -> dict[str, Any] | None:
    data = await turn.state.get_data()
    return data if data.get("kind") == "new" else None


async def _schools(query: CallbackQuery, turn: Turn, municipality_id: int, page: int, _: Translator) -> None:
    schools, total = await turn.services.associations.repos.directory.schools(
        municipality_id, query=None, offset=page * SCHOOLS_PAGE, limit=SCHOOLS_PAGE
    )
    pages = max(1, (total + SCHOOLS_PAGE - 1) // SCHOOLS_PAGE)
    await show(query, screens.school_picker(schools, page, pages, municipality_id, _))


async def level(query: CallbackQuery, callback_data: AsStaffCD, turn: Turn, _: Translator) -> None:
    data = await _wizard(turn)
    scope = _scope(turn)
    if data is None or callback_data.v not in {lv.value for lv in levels_for(scope)}:
        stale_tap(turn.answer, _)
        return
    data = {"kind": "new", "level": callback_data.v}
    await turn.state.set_data(data)
    if callback_data.v == Level.REGIONAL:
        await show(query, screens.subject_picker(_))
    elif scope is not None:
        data["muni"] = scope
        await turn.state.set_data(data)
        await _after_muni(query, turn, data, 0, _)
    else:
        municipalities, _total = await turn.services.associations.repos.directory.municipalities()
        await show(query, screens.muni_picker(municipalities, _))


async def _after_muni(
    query: CallbackQuery, turn: Turn, data: dict[str, Any], page: int, _: Translator
) -> None:
    if data["level"] == Level.SCHOOL:
        await _schools(query, turn, int(data["muni"]), page, _)
    else:
        await show(query, screens.subject_picker(_))


async def muni(query: CallbackQuery, callback_data: AsStaffCD, turn: Turn, _: Translator) -> None:
    data = await _wizard(turn)
    scope = _scope(turn)
    if data is None or "level" not in data or not callback_data.v.isdigit():
        stale_tap(turn.answer, _)
        return
    chosen = int(callback_data.v)
    if scope is not None and chosen != scope:
        turn.answer.text, turn.answer.show_alert = _("as-not-yours"), True
        return
    if await turn.services.associations.repos.directory.municipality(chosen) is None:
        stale_tap(turn.answer, _)
        return
    data["muni"] = chosen
    await turn.state.set_data(data)
    await _after_muni(query, turn, data, max(callback_data.p, 0), _)


async def school(query: CallbackQuery, callback_data: AsStaffCD, turn: Turn, _: Translator) -> None:
    data = await _wizard(turn)
    if data is None or "muni" not in data or not callback_data.v.isdigit():
        stale_tap(turn.answer, _)
        return
    found = await turn.services.associations.repos.directory.school(int(callback_data.v))
    if found is None or found.municipality_id != data["muni"]:
        stale_tap(turn.answer, _)
        return
    data["school"] = found.id
    data["place"] = found.short_name or found.name
    await turn.state.set_data(data)
    await show(query, screens.subject_picker(_))


def _suggested(data: dict[str, Any], _: Translator) -> str:
    subject = data.get("subject")
    what = _(f"as-of-subject-{subject}") if subject else _("as-of-direction")
    return _(f"as-suggest-{data['level']}", what=what, place=str(data.get("place", "")))


async def _ask_name(event: CallbackQuery, turn: Turn, data: dict[str, Any], _: Translator) -> None:
    if "place" not in data and data.get("muni") is not None:
        found = await turn.services.associations.repos.directory.municipality(int(data["muni"]))
        data["place"] = found.name if found is not None else ""
    data["name"] = _suggested(data, _)[:200]
    await turn.state.set_data(data)
    await turn.state.set_state(AsStaffDialog.name)
    await show(event, screens.name_prompt(str(data["name"]), _))


async def subject(query: CallbackQuery, callback_data: AsStaffCD, turn: Turn, _: Translator) -> None:
    data = await _wizard(turn)
    if data is None or "level" not in data:
        stale_tap(turn.answer, _)
        return
    data["subject"] = None if callback_data.v == "-" else callback_data.v
    await turn.state.set_data(data)
    if data["level"] == Level.SCHOOL:
        await show(query, screens.approval_picker(_))
    else:
        await _ask_name(query, turn, data, _)


async def approval(query: CallbackQuery, callback_data: AsStaffCD, turn: Turn, _: Translator) -> None:
    data = await _wizard(turn)
    if data is None or "subject" not in data:
        stale_tap(turn.answer, _)
        return
    data["approval"] = callback_data.v == "1"
    await _ask_name(query, turn, data, _)


async def _create(
    event: Message | CallbackQuery, turn: Turn, data: dict[str, Any], name: str, _: Translator
) -> None:
    association = await turn.services.associations.create(
        turn.person,
        turn.roles,
        level=str(data.get("level")),
        municipality_id=data.get("muni"),
        school_id=data.get("school"),
        subject=data.get("subject"),
        name=name,
        approval=bool(data.get("approval")),
    )
    await turn.state.clear()
    await _card(event, turn, association, None, 0, _)


async def create(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    data = await _wizard(turn)
    if data is None or "name" not in data:
        stale_tap(turn.answer, _)
        return
    await _create(query, turn, data, str(data["name"]), _)


async def typed_name(message: Message, turn: Turn, _: Translator) -> None:
    data = await _wizard(turn)
    if data is None or "name" not in data:
        await turn.state.clear()
        return
    await _create(message, turn, data, message.text or "", _)


async def _card(
    event: Message | CallbackQuery,
    turn: Turn,
    association: Association,
    link: str | None,
    page: int,
    _: Translator,
) -> None:
    service = turn.services.associations
    card = await service.card(turn.person, turn.roles, association)
    members = await service.members(association, page)
    await show(event, screens.staff_card(card, link, members, _))


async def open_card(
    query: CallbackQuery, callback_data: AsStaffCD, turn: Turn, association: Association, _: Translator
) -> None:
    await turn.state.clear()
    await _card(query, turn, association, None, max(callback_data.p, 0), _)


async def invite(query: CallbackQuery, turn: Turn, association: Association, _: Translator) -> None:
    made = await turn.services.associations.invite(turn.person, association)
    username = (await turn.bot.me()).username or ""
    link = f"https://t.me/{username}?start=a-{made.code}"
    await _card(query, turn, association, link, 0, _)


async def lead(
    query: CallbackQuery, callback_data: AsStaffCD, turn: Turn, association: Association, _: Translator
) -> None:
    done = await turn.services.associations.make_leader(association, callback_data.i)
    turn.answer.text = _("as-lead-done" if done else "as-lead-already")
    await _card(query, turn, association, None, max(callback_data.p, 0), _)


async def abort(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await home(query, AsStaffCD(action=AsStaffAction.HOME), turn, _)


async def not_text(message: Message, _: Translator) -> None:
    await message.answer(_("as-need-text"))
