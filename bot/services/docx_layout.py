"""Column widths of a DOCX table that follow their content, shared by the documents the bot makes
(`route_doc`'s steps table, `association_doc`'s plan of work).

A column is as wide as its longest unbreakable word (so Word and LibreOffice never break one inside),
within its limits; one content column takes whatever the others leave of the text width.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

__all__ = ["CELL_PAD_CM", "CHAR_CM", "clean", "longest_word", "widths_cm"]

CHAR_CM = 0.21  # an average Cyrillic letter of Times New Roman at 10 pt, bold header letters included
CELL_PAD_CM = 0.4  # the cell's left and right margins

# Characters XML 1.0 cannot hold (control characters except \t \n \r, lone surrogates, U+FFFE/U+FFFF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text a DOCX can hold: characters illegal in XML 1.0 are dropped, \\r\\n becomes \\n."""
    return _ILLEGAL.sub("", text).replace("\r\n", "\n")


def longest_word(texts: Sequence[str]) -> int:
    """Letters in the longest unbreakable piece: words split at spaces and after hyphens and dashes,
    where Word and LibreOffice may wrap a line."""
    pieces = (piece for text in texts for piece in re.split(r"\s+|(?<=[-–—/])", clean(text)))
    return max((len(piece) for piece in pieces), default=0)


def widths_cm(
    columns: Sequence[Sequence[str]],
    limits: Sequence[tuple[float, float]],
    content: int,
    text_width_cm: float,
) -> list[float]:
    """Widths of a table's columns, in cm: each as wide as its longest word (its header included)
    within its (min, max) limits; column `content` gets the rest of `text_width_cm`."""
    widths = [
        math.ceil(min(max(longest_word(texts) * CHAR_CM + CELL_PAD_CM, low), high) * 100) / 100
        for texts, (low, high) in zip(columns, limits, strict=True)
    ]
    others = sum(width for i, width in enumerate(widths) if i != content)
    widths[content] = math.floor(max(text_width_cm - others, limits[content][0]) * 100) / 100
    return widths
