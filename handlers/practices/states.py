"""The practice bank's dialogue states. The wizard's FSM data holds `p` (the practice, 0 before the
title made the draft) and `edit` (came from the preview to change one thing); the reader's holds `q`
(the words searched last)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class PracticeWizard(StatesGroup):
    title = State()
    choice = State()  # subjects, grades, form: answered by buttons
    description = State()
    files = State()
    links = State()


class PracticeSearch(StatesGroup):
    words = State()
