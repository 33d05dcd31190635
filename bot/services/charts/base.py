"""What every chart shares: the figure, the font, the palette, the PNG, the drawing thread.

Pure rendering, no aiogram. Only the object-oriented matplotlib API is used (a fresh `Figure` drawn
by its own `FigureCanvasAgg`), never pyplot: no global figure registry, no `matplotlib.use`, no
rcParams changes, so the functions may run in worker threads (`asyncio.to_thread`). All text is set
in DejaVu Sans, bundled with matplotlib, which covers Cyrillic.
"""

from __future__ import annotations

import asyncio
import functools
import io
import math
import textwrap
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

FONT = "DejaVu Sans"
DPI = 130
LABEL_WIDTH = 18  # characters per line of an area title
TITLE_WIDTH = 42
MAX_PNG_BYTES = 280_000
# A phone's screen: 1080 px wide, at least 1350 px tall (4:5, what Telegram shows uncropped).
PHONE_WIDTH = 1080 / DPI
PHONE_HEIGHT = 1350 / DPI

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
BLUE = "#0072B2"
RED = "#D55E00"  # vermillion — high deficit
AMBER = "#E69F00"  # medium
GREEN = "#009E73"  # low
GREY = "#6B6B6B"
TEXT = "#222222"
GRID = "#C8C8C8"

Score = tuple[str, float | None]


# --- helpers -------------------------------------------------------------------------------------


def wrap(text: str, width: int) -> str:
    """Lines of at most `width` characters, broken only between words: a word longer than that
    («Психолого-педагогические») keeps its line whole rather than being split mid-word."""
    lines = textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) or "—"


def clamped(score: float | None) -> float:
    """A score clamped to 0–100; None (nothing answered) and NaN plot as 0."""
    if score is None or math.isnan(score):
        return 0.0
    return min(100.0, max(0.0, float(score)))


def percent_text(score: float | None) -> str:
    if score is None or math.isnan(score):
        return "—"
    return f"{round(score):d} %"


def score_text(current: float | None, previous: float | None, has_previous: bool) -> str:
    if not has_previous:
        return percent_text(current)
    return f"{percent_text(previous)} → {percent_text(current)}"


def new_figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)  # the figure's own canvas: nothing registered globally, unlike pyplot
    return fig


def add_title(fig: Figure, title: str, *, top: float = 0.975) -> Text:
    return fig.text(
        0.5, top, wrap(title, TITLE_WIDTH), ha="center", va="top", fontsize=17, fontweight="bold", color=TEXT
    )


def use_font(fig: Figure) -> None:
    """DejaVu Sans (bundled with matplotlib, has Cyrillic) for every text, whatever the rcParams."""
    for text in fig.findobj(Text):
        text.set_fontfamily(FONT)


def png_bytes(fig: Figure) -> bytes:
    """Render with the figure's own Agg canvas and encode as an RGB PNG (the figure is opaque).

    An image over MAX_PNG_BYTES (a very tall distribution) is re-encoded with a 256-colour palette,
    which keeps it sharp but drops the faintest tints.
    """
    use_font(fig)
    raw = io.BytesIO()
    try:
        fig.savefig(raw, format="rgba", dpi=DPI, facecolor="white")
        size = fig.canvas.get_width_height()
    finally:
        fig.clear()
    image = Image.frombytes("RGBA", size, raw.getvalue()).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    if buffer.tell() > MAX_PNG_BYTES:
        buffer = io.BytesIO()
        image.quantize(256, method=Image.Quantize.FASTOCTREE).save(buffer, format="PNG")
    return buffer.getvalue()


# One drawing thread for the whole bot: charts are CPU-bound and hold the GIL, so more threads
# only fight each other (and each figure costs memory); the event loop stays free meanwhile.
_DRAWING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts")


async def draw(render: Callable[..., bytes], *args: Any, **kwargs: Any) -> bytes:
    """Run a chart function off the event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_DRAWING, functools.partial(render, *args, **kwargs))
