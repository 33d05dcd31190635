"""The linear keyboard builder cuts rows exactly as aiogram's InlineKeyboardBuilder does."""

from __future__ import annotations

import pytest
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import LangCD
from bot.ui.keyboard import Keyboard


@pytest.mark.parametrize("count", [0, 1, 2, 3, 5, 8, 13, 25])
@pytest.mark.parametrize("sizes", [(1,), (2,), (3, 1), (2, 2, 1), (1, 1, 1, 2), (4, 2), (2, 0, 1)])
def test_same_rows_as_aiogram(count: int, sizes: tuple[int, ...]) -> None:
    ours, theirs = Keyboard(), InlineKeyboardBuilder()
    for number in range(count):
        ours.button(text=f"b{number}", callback_data=LangCD(code=f"s{number}"))
        theirs.button(text=f"b{number}", callback_data=LangCD(code=f"s{number}"))
    ours.adjust(*sizes)
    theirs.adjust(*[s for s in sizes if s > 0])
    assert ours.as_markup() == theirs.as_markup()
