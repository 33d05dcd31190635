"""The mentor's dialogues: the meeting form's typed answers, a topic edited, the card's «о себе»."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class MeetingDialog(StatesGroup):
    topic = State()
    note = State()
    edit_topic = State()


class MentorCardDialog(StatesGroup):
    about = State()
