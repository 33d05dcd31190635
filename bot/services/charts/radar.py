"""One teacher's areas: a radar, the previous attempt dashed (bars for one or two areas)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Text

from bot.services.charts.base import (
    AMBER,
    BLUE,
    GREY,
    GRID,
    LABEL_WIDTH,
    RED,
    TEXT,
    TITLE_WIDTH,
    Score,
    add_title,
    clamped,
    new_figure,
    png_bytes,
    score_text,
    use_font,
    wrap,
)

# --- radar ---------------------------------------------------------------------------------------


def _previous_map(areas: Sequence[Score], previous: Sequence[Score] | None) -> list[float | None]:
    """Previous scores aligned with `areas` by title (then by position for repeated titles)."""
    if previous is None:
        return [None] * len(areas)
    by_title: dict[str, list[float | None]] = {}
    for name, value in previous:
        by_title.setdefault(name, []).append(value)
    aligned: list[float | None] = []
    for name, _ in areas:
        values = by_title.get(name)
        aligned.append(values.pop(0) if values else None)
    return aligned


def radar_png(
    areas: list[tuple[str, float | None]],
    *,
    title: str,
    previous: list[tuple[str, float | None]] | None = None,
    labels: tuple[str, str] = ("Сейчас", "Раньше"),
    thresholds: tuple[float, float] = (50, 75),
) -> bytes:
    """A radar chart of area scores (0–100 %), the previous attempt as a dashed outline.

    `areas` are (title, score) pairs, score None when nothing was answered (plotted as 0, shown
    as "—"). `previous` is matched to `areas` by title. `thresholds` are the high/medium deficit
    boundaries: their circles are tinted. Fewer than three areas make a horizontal bar chart.
    """
    low, high = sorted(thresholds)
    before = _previous_map(areas, previous)
    if len(areas) < 3:
        return _bars_png(
            areas,
            before,
            title=title,
            has_previous=previous is not None,
            labels=labels,
            thresholds=(low, high),
        )

    count = len(areas)
    fig = new_figure(8, 8)
    heading = add_title(fig, title)
    ax = fig.add_axes((0.25, 0.2, 0.5, 0.5), projection="polar")  # placed properly by _fit_polar
    assert isinstance(ax, PolarAxes)
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_ylim(0, 100)
    ax.spines["polar"].set_color(GRID)

    angles = np.linspace(0, 2 * math.pi, count, endpoint=False)
    closed = np.append(angles, angles[0])
    ring = np.linspace(0, 2 * math.pi, 361)

    # Grid: plain circles at 25/50/75/100, the deficit thresholds tinted and thicker.
    ax.set_xticks(angles)
    ax.set_xticklabels([])
    ax.set_yticks([25, 50, 75, 100])
    ax.set_yticklabels(["25", "50", "75", "100"], fontsize=10, color=GREY)
    for tick in ax.get_yticklabels():
        tick.set_bbox({"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7, "edgecolor": "none"})
    ax.set_rlabel_position(180 / count)
    ax.grid(color=GRID, linewidth=0.8)
    ax.fill_between(ring, 0, low, color=RED, alpha=0.06, linewidth=0, zorder=0)
    ax.fill_between(ring, low, high, color=AMBER, alpha=0.07, linewidth=0, zorder=0)
    ax.plot(ring, np.full_like(ring, low), color=RED, linewidth=1.4, alpha=0.65, zorder=1)
    ax.plot(ring, np.full_like(ring, high), color=AMBER, linewidth=1.4, alpha=0.75, zorder=1)

    values = np.array([clamped(score) for _, score in areas])
    ax.fill(closed, np.append(values, values[0]), color=BLUE, alpha=0.22, zorder=2)
    (now_line,) = ax.plot(
        closed,
        np.append(values, values[0]),
        color=BLUE,
        linewidth=2.6,
        marker="o",
        markersize=6,
        label=labels[0],
        zorder=4,
    )
    handles = [now_line]
    if previous is not None:
        old = np.array([clamped(score) for score in before])
        (old_line,) = ax.plot(
            closed,
            np.append(old, old[0]),
            color=GREY,
            linewidth=2,
            linestyle=(0, (5, 3)),
            marker="o",
            markersize=4,
            label=labels[1],
            zorder=3,
        )
        handles.append(old_line)

    # Area titles outside the circle, aligned away from it, the score (bold) under each title.
    fontsize = 12.5 if count <= 8 else 11.5
    texts: list[Text] = []
    for angle, (name, score), old_score in zip(angles, areas, before, strict=True):
        x, y = math.sin(angle), math.cos(angle)
        ha = "left" if x > 0.25 else "right" if x < -0.25 else "center"
        va = "bottom" if y > 0.25 else "top" if y < -0.25 else "center"
        lift = fontsize + 4 if va == "bottom" else 0  # above the circle: room for the score below
        label = ax.annotate(
            wrap(name, LABEL_WIDTH),
            xy=(angle, 100),
            xytext=(12 * x, 12 * y + lift),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=fontsize,
            color=TEXT,
            linespacing=1.15,
            annotation_clip=False,
        )
        anchor = {"left": 0.0, "right": 1.0, "center": 0.5}[ha]
        note = ax.annotate(
            score_text(score, old_score, previous is not None),
            xy=(anchor, 0),
            xycoords=label,
            xytext=(0, -3),
            textcoords="offset points",
            ha=ha,
            va="top",
            fontsize=fontsize - 0.5,
            fontweight="bold",
            color=BLUE,
            annotation_clip=False,
        )
        texts += [label, note]

    legend = None
    if previous is not None:
        legend = fig.legend(
            handles=handles,
            loc="lower center",
            ncol=2,
            frameon=False,
            fontsize=13,
            bbox_to_anchor=(0.5, 0.01),
            handlelength=3,
        )
    _fit_polar(fig, ax, texts, heading, legend)
    return png_bytes(fig)


def _fit_polar(fig: Figure, ax: PolarAxes, texts: list[Text], heading: Text, legend: Legend | None) -> None:
    """Size and centre the circle so that it and the labels round it fill the space between the
    title and the legend without leaving the figure. Labels keep their size (they are offset in
    points), so the circle's radius absorbs the difference; a few passes settle it."""
    use_font(fig)
    width, height = fig.bbox.width, fig.bbox.height
    margin = 0.08 * fig.dpi
    top = heading.get_window_extent().y0 - 0.15 * fig.dpi
    bottom = legend.get_window_extent().y1 + 0.1 * fig.dpi if legend else margin
    max_radius, min_radius = 0.36 * width, 0.17 * width
    for _ in range(4):
        box = ax.get_position().transformed(fig.transFigure)
        cx, cy, radius = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, box.width / 2
        extents = [t.get_window_extent() for t in texts]
        # How far the labels reach beyond the circle on each side.
        left = (cx - radius) - min(e.x0 for e in extents)
        right = max(e.x1 for e in extents) - (cx + radius)
        under = (cy - radius) - min(e.y0 for e in extents)
        over = max(e.y1 for e in extents) - (cy + radius)
        left, right, under, over = (max(0.0, v) for v in (left, right, under, over))
        fit_x = (width - 2 * margin - left - right) / 2
        fit_y = (top - bottom - under - over) / 2
        new_radius = max(min_radius, min(max_radius, fit_x, fit_y))
        new_cx = margin + left + new_radius + (width - 2 * margin - left - right - 2 * new_radius) / 2
        new_cy = bottom + under + new_radius + (top - bottom - under - over - 2 * new_radius) / 2
        ax.set_position(
            (
                (new_cx - new_radius) / width,
                (new_cy - new_radius) / height,
                2 * new_radius / width,
                2 * new_radius / height,
            )
        )
        if abs(new_radius - radius) < 1 and abs(new_cx - cx) < 1 and abs(new_cy - cy) < 1:
            break


def _bars_png(
    areas: Sequence[Score],
    before: Sequence[float | None],
    *,
    title: str,
    has_previous: bool,
    labels: tuple[str, str],
    thresholds: tuple[float, float],
) -> bytes:
    """The radar's fallback for one or two areas (or none): horizontal bars on a 0–100 scale."""
    low, high = thresholds
    title_lines = len(wrap(title, TITLE_WIDTH).split("\n"))
    top = 0.35 * title_lines + 0.45  # inches
    rows = max(1, len(areas)) * (1.2 if has_previous else 0.95)
    bottom = 0.5 + (0.5 if has_previous else 0)
    height = top + rows + bottom
    fig = new_figure(8, height)
    add_title(fig, title, top=1 - 0.12 / height)
    ax = fig.add_axes((0.31, bottom / height, 0.64, rows / height))
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xticklabels(["0", "25", "50", "75", "100 %"], fontsize=11, color=GREY)
    ax.tick_params(axis="both", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(GRID)
    ax.axvspan(0, low, color=RED, alpha=0.06, linewidth=0)
    ax.axvspan(low, high, color=AMBER, alpha=0.07, linewidth=0)
    ax.axvline(low, color=RED, linewidth=1.4, alpha=0.65, zorder=1.5)
    ax.axvline(high, color=AMBER, linewidth=1.4, alpha=0.75, zorder=1.5)
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)

    if not areas:
        ax.set_yticks([])
        ax.text(
            50,
            0.5,
            "—",
            ha="center",
            va="center",
            fontsize=28,
            color=GREY,
            transform=ax.get_xaxis_transform(),
        )
        return png_bytes(fig)

    positions = np.arange(len(areas))[::-1].astype(float)
    height = 0.36 if has_previous else 0.5
    values = [clamped(score) for _, score in areas]
    current_y = positions + (height / 2 if has_previous else 0)
    ax.barh(current_y, values, height=height, color=BLUE, alpha=0.9, label=labels[0], zorder=2)
    if has_previous:
        ax.barh(
            positions - height / 2,
            [clamped(s) for s in before],
            height=height,
            color="white",
            edgecolor=GREY,
            linewidth=1.8,
            linestyle=(0, (5, 3)),
            label=labels[1],
            zorder=2,
        )
    for y, (_, score), old in zip(current_y, areas, before, strict=True):
        value, note = clamped(score), score_text(score, old, has_previous)
        inside = value >= (65 if has_previous else 45)  # else there is no room right of it
        ax.text(
            value - 1.5 if inside else value + 1.5,
            y,
            note,
            va="center",
            ha="right" if inside else "left",
            fontsize=12.5,
            fontweight="bold",
            color="white" if inside else BLUE,
            clip_on=False,
            zorder=3,
            bbox=None if inside else {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
        )
    ax.set_yticks(positions)
    ax.set_yticklabels([wrap(name, LABEL_WIDTH) for name, _ in areas], fontsize=12.5, color=TEXT)
    ax.set_ylim(positions.min() - 0.55, positions.max() + 0.55)
    if has_previous:
        fig.legend(
            loc="lower center",
            ncol=2,
            frameon=False,
            fontsize=13,
            bbox_to_anchor=(0.5, 0.0),
            handlelength=2.5,
        )
    return png_bytes(fig)
