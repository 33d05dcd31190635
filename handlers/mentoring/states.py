"""The teacher's dialogues in mentoring: a few words when applying to mentor, a rating's comment."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class MentoringDialog(StatesGroup):
    apply_about = State()
    rating_comment = State()
