"""PNG charts for diagnostics results and the indicators report: a radar of one teacher's areas
(`radar`), a level distribution for staff (`distribution`), the indicators against their targets
and a deficits heatmap (`indicators`).

Pure rendering, no aiogram. Only the object-oriented matplotlib API is used (a fresh `Figure` drawn
by its own `FigureCanvasAgg`), never pyplot: no global figure registry, no `matplotlib.use`, no
rcParams changes, so the functions may run in worker threads (`draw`). All text is set in DejaVu
Sans, bundled with matplotlib, which covers Cyrillic.
"""

from __future__ import annotations

from bot.services.charts.base import DPI, FONT, MAX_PNG_BYTES, Score, draw
from bot.services.charts.distribution import distribution_png
from bot.services.charts.indicators import (
    IndicatorBar,
    heatmap_figure,
    heatmap_png,
    indicators_figure,
    indicators_png,
)
from bot.services.charts.radar import radar_png

__all__ = [
    "DPI",
    "FONT",
    "MAX_PNG_BYTES",
    "IndicatorBar",
    "Score",
    "distribution_png",
    "draw",
    "heatmap_figure",
    "heatmap_png",
    "indicators_figure",
    "indicators_png",
    "radar_png",
]
