"""PNG charts for diagnostics results: a radar of one teacher's areas, a level distribution for staff.

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
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import Patch
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Text
from PIL import Image

FONT = "DejaVu Sans"
DPI = 130
LABEL_WIDTH = 18  # characters per line of an area title
TITLE_WIDTH = 42
MAX_PNG_BYTES = 280_000

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


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(" ".join(text.split()), width, break_long_words=True)) or "—"


def _value(score: float | None) -> float:
    """A score clamped to 0–100; None (nothing answered) and NaN plot as 0."""
    if score is None or math.isnan(score):
        return 0.0
    return min(100.0, max(0.0, float(score)))


def _fmt(score: float | None) -> str:
    if score is None or math.isnan(score):
        return "—"
    return f"{round(score):d} %"


def _score_text(current: float | None, previous: float | None, has_previous: bool) -> str:
    if not has_previous:
        return _fmt(current)
    return f"{_fmt(previous)} → {_fmt(current)}"


def _new_figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)  # the figure's own canvas: nothing registered globally, unlike pyplot
    return fig


def _title(fig: Figure, title: str, *, top: float = 0.975) -> Text:
    return fig.text(
        0.5, top, _wrap(title, TITLE_WIDTH), ha="center", va="top", fontsize=17, fontweight="bold", color=TEXT
    )


def _use_font(fig: Figure) -> None:
    """DejaVu Sans (bundled with matplotlib, has Cyrillic) for every text, whatever the rcParams."""
    for text in fig.findobj(Text):
        text.set_fontfamily(FONT)


def _png(fig: Figure) -> bytes:
    """Render with the figure's own Agg canvas and encode as an RGB PNG (the figure is opaque).

    An image over MAX_PNG_BYTES (a very tall distribution) is re-encoded with a 256-colour palette,
    which keeps it sharp but drops the faintest tints.
    """
    _use_font(fig)
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


# --- radar ---------------------------------------------------------------------------------------


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
    fig = _new_figure(8, 8)
    heading = _title(fig, title)
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

    values = np.array([_value(score) for _, score in areas])
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
        old = np.array([_value(score) for score in before])
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
            _wrap(name, LABEL_WIDTH),
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
            _score_text(score, old_score, previous is not None),
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
    return _png(fig)


def _fit_polar(fig: Figure, ax: PolarAxes, texts: list[Text], heading: Text, legend: Legend | None) -> None:
    """Size and centre the circle so that it and the labels round it fill the space between the
    title and the legend without leaving the figure. Labels keep their size (they are offset in
    points), so the circle's radius absorbs the difference; a few passes settle it."""
    _use_font(fig)
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
    title_lines = len(_wrap(title, TITLE_WIDTH).split("\n"))
    top = 0.35 * title_lines + 0.45  # inches
    rows = max(1, len(areas)) * (1.2 if has_previous else 0.95)
    bottom = 0.5 + (0.5 if has_previous else 0)
    height = top + rows + bottom
    fig = _new_figure(8, height)
    _title(fig, title, top=1 - 0.12 / height)
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
        return _png(fig)

    positions = np.arange(len(areas))[::-1].astype(float)
    height = 0.36 if has_previous else 0.5
    values = [_value(score) for _, score in areas]
    current_y = positions + (height / 2 if has_previous else 0)
    ax.barh(current_y, values, height=height, color=BLUE, alpha=0.9, label=labels[0], zorder=2)
    if has_previous:
        ax.barh(
            positions - height / 2,
            [_value(s) for s in before],
            height=height,
            color="white",
            edgecolor=GREY,
            linewidth=1.8,
            linestyle=(0, (5, 3)),
            label=labels[1],
            zorder=2,
        )
    for y, (_, score), old in zip(current_y, areas, before, strict=True):
        value, note = _value(score), _score_text(score, old, has_previous)
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
    ax.set_yticklabels([_wrap(name, LABEL_WIDTH) for name, _ in areas], fontsize=12.5, color=TEXT)
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
    return _png(fig)


# --- distribution --------------------------------------------------------------------------------


def _percentages(counts: Sequence[int]) -> list[int]:
    """Whole percentages summing to 100 (largest remainder)."""
    total = sum(counts)
    exact = [100 * c / total for c in counts]
    whole = [math.floor(p) for p in exact]
    order = sorted(range(len(counts)), key=lambda i: exact[i] - whole[i], reverse=True)
    for i in order[: 100 - sum(whole)]:
        whole[i] += 1
    return whole


def distribution_png(
    rows: list[tuple[str, int, int, int]],
    *,
    title: str,
    legend: tuple[str, str, str] = ("Высокий дефицит", "Средний", "Низкий"),
    empty_text: str = "Нет данных",
) -> bytes:
    """Per area (title, high, medium, low counts): a 100 % stacked bar with counts and shares.

    The area title sits above its bar, so the bar can use the full width of a phone screen.
    With no rows, or only zero rows, the image says `empty_text` under the title.
    """
    colours = (RED, AMBER, GREEN)
    has_data = any(sum(max(0, c) for c in row[1:]) > 0 for row in rows)
    if not has_data:
        fig = _new_figure(8, 4)
        _title(fig, title, top=0.94)
        fig.text(0.5, 0.42, empty_text, ha="center", va="center", fontsize=18, color=GREY)
        return _png(fig)

    names = [_wrap(row[0], 54).split("\n") for row in rows]
    # Vertical budget in inches: a title line per 0.25, a bar 0.5, gaps 0.35.
    row_heights = [0.27 * len(lines) + 0.5 + 0.4 for lines in names]
    title_lines = len(_wrap(title, TITLE_WIDTH).split("\n"))
    top, bottom = 0.35 * title_lines + 0.75, 0.35
    height = top + sum(row_heights) + bottom
    fig = _new_figure(8, height)
    _title(fig, title, top=1 - 0.12 / height)
    ax = fig.add_axes((0.04, bottom / height, 0.92, sum(row_heights) / height))
    ax.set_xlim(0, 100)
    ax.set_ylim(sum(row_heights), 0)
    ax.set_axis_off()

    fig.legend(
        handles=[Patch(color=c, label=name) for c, name in zip(colours, legend, strict=True)],
        loc="upper center",
        ncol=3,
        frameon=False,
        fontsize=12.5,
        handlelength=1.2,
        bbox_to_anchor=(0.5, 1 - (0.35 * title_lines + 0.2) / height),
        columnspacing=1.4,
    )

    y = 0.0
    for (_, *raw), lines, row_height in zip(rows, names, row_heights, strict=True):
        counts = [max(0, int(c)) for c in raw]
        total = sum(counts)
        label_h = 0.27 * len(lines)
        ax.text(
            0,
            y + label_h,
            "\n".join(lines),
            ha="left",
            va="bottom",
            fontsize=12.5,
            color=TEXT,
            linespacing=1.1,
        )
        ax.text(100, y + label_h, f"n = {total}", ha="right", va="bottom", fontsize=11.5, color=GREY)
        bar_y = y + label_h + 0.06 + 0.25
        if total == 0:
            ax.barh(bar_y, 100, height=0.5, color="#F2F2F2", edgecolor=GRID)
            ax.text(50, bar_y, empty_text, ha="center", va="center", fontsize=11.5, color=GREY)
        else:
            left = 0.0
            for count, share, colour in zip(counts, _percentages(counts), colours, strict=True):
                width = 100 * count / total
                if count:
                    ax.barh(
                        bar_y, width, left=left, height=0.5, color=colour, edgecolor="white", linewidth=1.5
                    )
                if width >= 13:
                    text = f"{count} · {share} %"
                elif width >= 6:
                    text = f"{count}"
                else:
                    text = ""
                if text:
                    ax.text(
                        left + width / 2,
                        bar_y,
                        text,
                        ha="center",
                        va="center",
                        fontsize=11.5 if width >= 13 else 10.5,
                        fontweight="bold",
                        color="black",
                    )
                left += width
        y += row_height
    return _png(fig)


# One drawing thread for the whole bot: charts are CPU-bound and hold the GIL, so more threads
# only fight each other (and each figure costs memory); the event loop stays free meanwhile.
_DRAWING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts")


async def draw(render: Callable[..., bytes], *args: Any, **kwargs: Any) -> bytes:
    """Run a chart function off the event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_DRAWING, functools.partial(render, *args, **kwargs))


# --- the indicators report -----------------------------------------------------------------------

# (label, value in percent or None without data, target in percent, met or None)
IndicatorBar = tuple[str, float | None, int, bool | None]
INDICATOR_LABEL_WIDTH = 34
HEAT_LABEL_WIDTH = 12
HEAT_GROUP_WIDTH = 28


def indicators_png(items: Sequence[IndicatorBar], *, title: str, legend: tuple[str, str, str]) -> bytes:
    """Each indicator as a bar on 0–100 % with its target as a black tick: green when met,
    vermillion when not, grey without data. `legend`: met, not met, target."""
    labels = [_wrap(label, INDICATOR_LABEL_WIDTH) for label, *_rest in items]
    lines = [len(label.split("\n")) for label in labels]
    row_heights = [0.32 + 0.2 * n for n in lines]
    title_lines = len(_wrap(title, TITLE_WIDTH).split("\n"))
    top = 0.35 * title_lines + 0.55
    rows = max(1.0, sum(row_heights))
    bottom = 0.55
    height = top + rows + bottom
    fig = _new_figure(10, height)
    _title(fig, title, top=1 - 0.12 / height)
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
        ax.barh(centre, _value(value), height=min(0.34, h * 0.7), color=colour, zorder=2)
        ax.plot([target, target], [centre - h * 0.42, centre + h * 0.42], color=TEXT, linewidth=2.2, zorder=3)
        shown = "—" if value is None else f"{value:.1f} %".replace(".", ",")
        ax.text(
            min(_value(value), 100) + 1.2 if (value or 0) < 85 else 1.5,
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
    return _png(fig)


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
    row_labels = [_wrap(g, HEAT_GROUP_WIDTH) for g in groups] or ["—"]
    col_labels = [_wrap(a, HEAT_LABEL_WIDTH) for a in areas] or ["—"]
    data = np.array(
        [[np.nan if v is None else float(v) for v in row] for row in shares] or [[np.nan]], dtype=float
    )
    if data.size == 0 or data.shape[1] == 0:
        data = np.full((len(row_labels), len(col_labels)), np.nan)
    n_rows, n_cols = data.shape
    title_lines = len(_wrap(title, TITLE_WIDTH).split("\n"))
    label_lines = max(len(c.split("\n")) for c in col_labels)
    top = 0.35 * title_lines + 0.3 + 0.19 * label_lines
    cell_h, cell_w = 0.42, 1.1
    bottom = 0.45 if note else 0.2
    left = 2.6
    width = max(7.0, left + n_cols * cell_w + 0.4)
    height = top + n_rows * cell_h + bottom
    fig = _new_figure(width, height)
    _title(fig, title, top=1 - 0.12 / height)
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
        fig.text(0.5, 0.12 / height, _wrap(note, 110), ha="center", va="bottom", fontsize=9, color=GREY)
    return _png(fig)
