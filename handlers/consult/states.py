"""The dialogues of «Вопрос методисту» (kept in FSM storage: a restart resumes them)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class AskDialog(StatesGroup):
    question = State()  # topic and subject chosen: the question is expected (text, photo, file, voice)
    similar = State()  # the question is held while the FAQ's similar answers are shown
    reply = State()  # the teacher writes in a question (`q`)
    faq_search = State()  # words to search the FAQ for


class AnswerDialog(StatesGroup):
    reply = State()  # the methodist writes in a question (`q`)
    faq_question = State()  # the FAQ entry's question, as it will be published
    faq_answer = State()  # and its answer
