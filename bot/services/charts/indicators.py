"""The indicators report: indicators against their targets, and deficits by area × group."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from bot.services.charts.base import (
    GREEN,
    GREY,
    GRID,
    PHONE_HEIGHT,
    PHONE_WIDTH,
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

# (label, value in percent or None without data, target in percent or None without one, met or None)
IndicatorBar = tuple[str, float | None, int | None, bool | None]
INDICATOR_LABEL_WIDTH = 26  # characters per line of an indicator's name
HEAT_AREA_WIDTH = 22  # characters per line of an area's name (a row of the heatmap)
HEAT_GROUP_WIDTH = 20  # characters per line of a municipality's or school's name (a column)
HEAT_COLUMNS = 6  # groups side by side; more go into further blocks below, the areas repeated


def indicators_png(items: Sequence[IndicatorBar], *, title: str, legend: tuple[str, str, str]) -> bytes:
    return png_bytes(indicators_figure(items, title=title, legend=legend))


def indicators_figure(items: Sequence[IndicatorBar], *, title: str, legend: tuple[str, str, str]) -> Figure:
    """Each indicator as a bar on 0–100 % with its target as a black tick: green when met,
    vermillion when not, grey without data. `legend`: met, not met, target. Phone-shaped: 1080 px
    wide, portrait, names wrapped between words."""
    labels = [wrap(label, INDICATOR_LABEL_WIDTH) for label, *_rest in items]
    lines = [len(label.split("\n")) for label in labels]
    row_heights = [0.3 + 0.22 * n for n in lines]
    title_lines = len(wrap(title, TITLE_WIDTH).split("\n"))
    top = 0.35 * title_lines + 0.65
    bottom = 0.55
    rows = max(1.0, sum(row_heights))
    if top + rows + bottom < PHONE_HEIGHT:  # few indicators: taller rows keep the picture portrait
        stretch = (PHONE_HEIGHT - top - bottom) / rows
        row_heights = [h * stretch for h in row_heights]
        rows = sum(row_heights) or 1.0
    height = top + rows + bottom
    fig = new_figure(PHONE_WIDTH, height)
    add_title(fig, title, top=1 - 0.12 / height)
    ax = fig.add_axes((0.45, bottom / height, 0.5, rows / height))
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 50, 100])
    ax.set_xticklabels(["0", "50", "100 %"], fontsize=12, color=GREY)
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
        ax.barh(centre, clamped(value), height=min(0.4, h * 0.7), color=colour, zorder=2)
        if target is not None:  # (an indicator without a target: the bar alone)
            tick = [centre - h * 0.4, centre + h * 0.4]
            ax.plot([target, target], tick, color=TEXT, linewidth=2.2, zorder=3)
        shown = "—" if value is None else f"{value:.1f} %".replace(".", ",")
        inside = (value or 0) >= 75
        ax.text(
            1.5 if inside else min(clamped(value), 100) + 1.5,
            centre,
            shown,
            va="center",
            ha="left",
            fontsize=12,
            color="white" if inside else TEXT,
            fontweight="bold",
            zorder=4,
        )
    ax.set_yticks(centres)
    ax.set_yticklabels(labels, fontsize=12, color=TEXT, linespacing=1.05)
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
        fontsize=12,
        handlelength=1.2,
        columnspacing=1.2,
    )
    return fig


def heatmap_png(
    groups: Sequence[str],
    areas: Sequence[str],
    shares: Sequence[Sequence[float | None]],
    *,
    title: str,
    note: str = "",
) -> bytes:
    return png_bytes(heatmap_figure(groups, areas, shares, title=title, note=note))


def heatmap_figure(
    groups: Sequence[str],
    areas: Sequence[str],
    shares: Sequence[Sequence[float | None]],
    *,
    title: str,
    note: str = "",
) -> Figure:
    """Each cell the share of teachers with a high deficit (white → vermillion), «—» where nobody
    was rated; `shares[group][area]`. Phone-shaped: 1080 px wide and portrait, the areas as rows
    (their names wrapped between words on the left), the groups (municipalities, schools) as
    columns, at most `HEAT_COLUMNS` side by side — more go into further blocks below."""
    area_labels = [wrap(a, HEAT_AREA_WIDTH) for a in areas] or ["—"]
    names = list(groups) or ["—"]
    columns = min(len(names), HEAT_COLUMNS)
    data = np.array(
        [[np.nan if v is None else float(v) for v in row] for row in shares] or [[np.nan]], dtype=float
    )
    if data.ndim != 2 or data.shape != (len(names), len(area_labels)):
        data = np.full((len(names), len(area_labels)), np.nan)
    data = data.T  # areas × groups
    n_areas, n_groups = data.shape
    blocks = [list(range(i, min(i + HEAT_COLUMNS, n_groups))) for i in range(0, n_groups, HEAT_COLUMNS)]

    width = PHONE_WIDTH
    left, right = 3.0, 0.25
    cell_w = min(1.6, (width - left - right) / columns)
    area_lines = max(len(label.split("\n")) for label in area_labels)
    cell_h = max(0.6, 0.23 * area_lines + 0.2)
    # A line of text is about 0.09 in per character: group names lie over wide columns and stand
    # upright over narrow ones.
    upright = cell_w < 1.2
    group_labels = [wrap(g, HEAT_GROUP_WIDTH if upright else int(cell_w / 0.095)) for g in names]
    group_lines = [line for label in group_labels for line in label.split("\n")]
    if upright:
        header_h = 0.2 + 0.092 * max(len(line) for line in group_lines)
    else:
        header_h = 0.2 + 0.2 * max(len(label.split("\n")) for label in group_labels)
    title_lines = len(wrap(title, TITLE_WIDTH).split("\n"))
    top = 0.35 * title_lines + 0.35
    note_text = wrap(note, 70) if note else ""
    bottom = 0.25 + 0.22 * len(note_text.split("\n")) if note else 0.25
    gap = 0.35
    grid = sum(header_h + n_areas * cell_h for _block in blocks) + gap * (len(blocks) - 1)
    if top + grid + bottom < PHONE_HEIGHT:  # few areas: taller cells keep the picture portrait
        spare = PHONE_HEIGHT - top - grid - bottom
        cell_h += min(spare / (n_areas * len(blocks)), cell_h)
        grid = sum(header_h + n_areas * cell_h for _block in blocks) + gap * (len(blocks) - 1)
    height = max(PHONE_HEIGHT, top + grid + bottom)

    fig = new_figure(width, height)
    add_title(fig, title, top=1 - 0.12 / height)
    cmap = LinearSegmentedColormap.from_list("deficit", ["#FFFFFF", "#F6C8A8", RED]).with_extremes(
        bad="#EEEEEE"
    )
    y = top  # inches from the top
    for block in blocks:
        y += header_h
        block_h = n_areas * cell_h
        ax = fig.add_axes(
            (left / width, 1 - (y + block_h) / height, len(block) * cell_w / width, block_h / height)
        )
        part = data[:, block]
        ax.imshow(np.ma.masked_invalid(part), cmap=cmap, vmin=0, vmax=100, aspect="auto")
        ax.set_xticks(range(len(block)))
        ax.set_xticklabels(
            [group_labels[g] for g in block],
            fontsize=10.5,
            color=TEXT,
            rotation=90 if upright else 0,
            linespacing=1.0,
        )
        ax.xaxis.tick_top()
        ax.set_yticks(range(n_areas))
        ax.set_yticklabels(area_labels, fontsize=12, color=TEXT, linespacing=1.05)
        ax.tick_params(axis="both", length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        ax.set_xticks(np.arange(-0.5, len(block), 1), minor=True)
        ax.set_yticks(np.arange(-0.5, n_areas, 1), minor=True)
        ax.grid(which="minor", color="white", linewidth=2)
        ax.tick_params(which="minor", length=0)
        for i in range(n_areas):
            for j in range(len(block)):
                value = part[i, j]
                text = "—" if math.isnan(value) else f"{round(value):d}%"
                colour = "white" if not math.isnan(value) and value >= 70 else TEXT
                ax.text(j, i, text, ha="center", va="center", fontsize=12.5, color=colour, fontweight="bold")
        y += block_h + gap
    if note_text:
        fig.text(0.5, 0.15 / height, note_text, ha="center", va="bottom", fontsize=11, color=GREY)
    return fig
