"""The associations' dialogues: typed answers of the plan item, the meeting wizard, the minutes, a
message to members, and staff's name of a new association. The drafts live in the FSM data (the
persistent storage), so a restart in the middle loses nothing."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class AsDialog(StatesGroup):
    plan_topic = State()
    plan_who = State()
    meet_when = State()
    meet_place = State()
    meet_agenda = State()
    meet_files = State()
    minutes = State()
    write = State()


class AsStaffDialog(StatesGroup):
    name = State()
