"""Bar charts as server-rendered SVG: the geometry is computed here, templates/moderation/_charts.html
draws it with SVG presentation attributes and classes (the CSP allows no inline style or script).

Every chart comes with the rows of its data table, shown beside it for screen readers and
anyone who prefers numbers.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

# Drawing area margins, in SVG units.
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 12, 44


@dataclass
class Bar:
    label: str  # what the axis shows under (or beside) the bar
    value: int
    x: float
    y: float
    width: float
    height: float
    description: str = ""  # the full label, for the bar's tooltip (<title>)


@dataclass
class Tick:
    value: int
    position: float  # y for vertical charts, x for horizontal ones


@dataclass
class Chart:
    """One chart: its identifier (for aria-labelledby), size, bars, axis ticks and table."""

    id: str
    title: str
    summary: str
    width: int
    height: int
    orientation: str  # "vertical" or "horizontal"
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    columns: tuple[str, str] = ("", "")
    rows: list[tuple[str, int]] = field(default_factory=list)
    baseline: float = 0.0  # y of the x axis (vertical) or x of the y axis (horizontal)
    left: float = LEFT


def nice_max(value: int) -> int:
    """A round top for the axis: 1, 2, 5, 10, 20, 50…, at least ``value`` (and at least 1)."""
    if value <= 1:
        return 1
    magnitude = 10 ** int(math.floor(math.log10(value)))
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _ticks(top: int, count: int = 4) -> list[int]:
    step = max(1, top // count)
    return list(range(0, top + 1, step))


def vertical_bars(chart_id: str, title: str, summary: str, items: list[tuple[str, str, int]],
                  columns: tuple[str, str], width: int = 480, height: int = 240) -> Chart:
    """Columns left to right; ``items`` are (short axis label, full label, value)."""
    top = nice_max(max((value for _s, _f, value in items), default=0))
    plot_width, plot_height = width - LEFT - RIGHT, height - TOP - BOTTOM
    slot = plot_width / max(1, len(items))
    chart = Chart(chart_id, title, summary, width, height, "vertical", columns=columns,
                  rows=[(full, value) for _s, full, value in items], baseline=TOP + plot_height)
    for index, (short, full, value) in enumerate(items):
        bar_height = plot_height * value / top
        chart.bars.append(Bar(short, value, LEFT + index * slot + slot * 0.15, TOP + plot_height - bar_height,
                              slot * 0.7, bar_height, full))
    chart.ticks = [Tick(v, TOP + plot_height - plot_height * v / top) for v in _ticks(top)]
    return chart


def horizontal_bars(chart_id: str, title: str, summary: str, items: list[tuple[str, int]],
                    columns: tuple[str, str], width: int = 480, label_width: int = 160) -> Chart:
    """One bar per line, labels on the left; ``items`` are (label, value)."""
    line = 32
    height = TOP + line * max(1, len(items)) + 28
    top = nice_max(max((value for _l, value in items), default=0))
    plot_width = width - label_width - RIGHT - 40
    chart = Chart(chart_id, title, summary, width, height, "horizontal", columns=columns, rows=list(items),
                  baseline=label_width, left=label_width)
    for index, (label, value) in enumerate(items):
        chart.bars.append(Bar(label, value, label_width, TOP + index * line + 6, plot_width * value / top,
                              line - 12, label))
    chart.ticks = [Tick(v, label_width + plot_width * v / top) for v in _ticks(top)]
    return chart


def spark_bars(chart_id: str, title: str, summary: str, items: list[tuple[str, str, int]],
               top: int, width: int = 240, height: int = 72) -> Chart:
    """A small chart of one series (small multiples share ``top``, so they compare at a glance)."""
    top = max(1, top)
    plot_height = height - 22
    slot = width / max(1, len(items))
    chart = Chart(chart_id, title, summary, width, height, "spark", rows=[(f, v) for _s, f, v in items],
                  baseline=plot_height + 2)
    for index, (short, full, value) in enumerate(items):
        bar_height = plot_height * value / top
        chart.bars.append(Bar(short, value, index * slot + slot * 0.12, plot_height + 2 - bar_height,
                              slot * 0.76, bar_height, full))
    return chart
