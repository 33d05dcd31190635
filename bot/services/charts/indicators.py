"""The indicators report: indicators against their targets, and deficits by area × group."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Patch

from bot.services.charts.base import (
    GREEN,
    GREY,
    GRID,
    RED,
    TEXT,
    TITLE_WIDTH,
    add_title,
    clamped,
    new_figure,
    png_bytes,
    wrap,
)

# --- the indicators report -----------------------------------------------------------------------

# (label, value in percent or None without data, target in percent, met or None)
IndicatorBar = tuple[str, float | None, int, bool | None]
INDICATOR_LABEL_WIDTH = 34
HEAT_LABEL_WIDTH = 12
HEAT_GROUP_WIDTH = 28


def indicators_png(items: Sequence[IndicatorBar], *, title: str, legend: tuple[str, str, str]) -> bytes:
    """Each indicator as a bar on 0–100 % with its target as a black tick: green when met,
    vermillion when not, grey without data. `legend`: met, not met, target."""
    labels = [wrap(label, INDICATOR_LABEL_WIDTH) for label, *_rest in items]
    lines = [len(label.split("\n")) for label in labels]
    row_heights = [0.32 + 0.2 * n for n in lines]
    title_lines = len(wrap(title, TITLE_WIDTH).split("\n"))
    top = 0.35 * title_lines + 0.55
    rows = max(1.0, sum(row_heights))
    bottom = 0.55
    height = top + rows + bottom
    fig = new_figure(10, height)
    add_title(fig, title, top=1 - 0.12 / height)
    ax = fig.add_axes((0.37, bottom / height, 0.56, rows / height))
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xticklabels(["0", "25", "50", "75", "100 %"], fontsize=10, color=GREY)
    ax.tick_params(axis="both", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(GRID)
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    centres: list[float] = []
    y = 0.0
    for h in row_heights:
        centres.append(y + h / 2)
        y += h
    ax.set_ylim(y, 0)
    for (_label, value, target, met), centre, h in zip(items, centres, row_heights, strict=True):
        colour = GREY if met is None else (GREEN if met else RED)
        ax.barh(centre, clamped(value), height=min(0.34, h * 0.7), color=colour, zorder=2)
        ax.plot([target, target], [centre - h * 0.42, centre + h * 0.42], color=TEXT, linewidth=2.2, zorder=3)
        shown = "—" if value is None else f"{value:.1f} %".replace(".", ",")
        ax.text(
            min(clamped(value), 100) + 1.2 if (value or 0) < 85 else 1.5,
            centre,
            shown,
            va="center",
            ha="left",
            fontsize=10,
            color=TEXT if (value or 0) < 85 else "white",
            fontweight="bold",
            zorder=4,
        )
    ax.set_yticks(centres)
    ax.set_yticklabels(labels, fontsize=10, color=TEXT)
    handles = [
        Patch(color=GREEN, label=legend[0]),
        Patch(color=RED, label=legend[1]),
        Patch(color=TEXT, label=legend[2]),
    ]
    fig.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 1 - (0.35 * title_lines + 0.15) / height),
        ncol=3,
        frameon=False,
        fontsize=10,
    )
    return png_bytes(fig)


def heatmap_png(
    groups: Sequence[str],
    areas: Sequence[str],
    shares: Sequence[Sequence[float | None]],
    *,
    title: str,
    note: str = "",
) -> bytes:
    """Rows are groups (municipalities, schools), columns competence areas; each cell the share of
    teachers with a high deficit (white → vermillion), «—» where nobody was rated."""
    row_labels = [wrap(g, HEAT_GROUP_WIDTH) for g in groups] or ["—"]
    col_labels = [wrap(a, HEAT_LABEL_WIDTH) for a in areas] or ["—"]
    data = np.array(
        [[np.nan if v is None else float(v) for v in row] for row in shares] or [[np.nan]], dtype=float
    )
    if data.size == 0 or data.shape[1] == 0:
        data = np.full((len(row_labels), len(col_labels)), np.nan)
    n_rows, n_cols = data.shape
    title_lines = len(wrap(title, TITLE_WIDTH).split("\n"))
    label_lines = max(len(c.split("\n")) for c in col_labels)
    top = 0.35 * title_lines + 0.3 + 0.19 * label_lines
    cell_h, cell_w = 0.42, 1.1
    bottom = 0.45 if note else 0.2
    left = 2.6
    width = max(7.0, left + n_cols * cell_w + 0.4)
    height = top + n_rows * cell_h + bottom
    fig = new_figure(width, height)
    add_title(fig, title, top=1 - 0.12 / height)
    ax = fig.add_axes((left / width, bottom / height, n_cols * cell_w / width, n_rows * cell_h / height))
    cmap = LinearSegmentedColormap.from_list("deficit", ["#FFFFFF", "#F6C8A8", RED]).with_extremes(
        bad="#EEEEEE"
    )
    ax.imshow(np.ma.masked_invalid(data), cmap=cmap, vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(range(n_cols))
    ax.set_xticklabels(col_labels, fontsize=9, color=TEXT)
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_rows))
    ax.set_yticklabels(row_labels, fontsize=9, color=TEXT)
    ax.tick_params(axis="both", length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    for i in range(n_rows):
        for j in range(n_cols):
            value = data[i, j]
            text = "—" if math.isnan(value) else f"{round(value):d}%"
            colour = "white" if not math.isnan(value) and value >= 70 else TEXT
            ax.text(j, i, text, ha="center", va="center", fontsize=9, color=colour)
    if note:
        fig.text(0.5, 0.12 / height, wrap(note, 110), ha="center", va="bottom", fontsize=9, color=GREY)
    return png_bytes(fig)
