"""Staff's aggregate: the share of teachers at each level, area by area."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.patches import Patch

from bot.services.charts.base import (
    AMBER,
    GREEN,
    GREY,
    GRID,
    RED,
    TEXT,
    TITLE_WIDTH,
    add_title,
    new_figure,
    png_bytes,
    wrap,
)

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
        fig = new_figure(8, 4)
        add_title(fig, title, top=0.94)
        fig.text(0.5, 0.42, empty_text, ha="center", va="center", fontsize=18, color=GREY)
        return png_bytes(fig)

    names = [wrap(row[0], 54).split("\n") for row in rows]
    # Vertical budget in inches: a title line per 0.25, a bar 0.5, gaps 0.35.
    row_heights = [0.27 * len(lines) + 0.5 + 0.4 for lines in names]
    title_lines = len(wrap(title, TITLE_WIDTH).split("\n"))
    top, bottom = 0.35 * title_lines + 0.75, 0.35
    height = top + sum(row_heights) + bottom
    fig = new_figure(8, height)
    add_title(fig, title, top=1 - 0.12 / height)
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
    return png_bytes(fig)
