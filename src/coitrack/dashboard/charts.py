"""Geometry of the dashboard's SVG charts (pure): the templates only place what this computes.

Charts are drawn on the server as inline SVG (no chart library, nothing from a CDN) in a fixed
``viewBox`` that the browser scales to the widget's width, so they read the same at 360 px and on
a desktop. Numbers always appear as text beside a chart too, as links.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    key: str
    count: int
    x: float  # in percent of the bar's width
    width: float


def stack(counts: list[tuple[str, int]]) -> list[Segment]:
    """Segments of a 100-wide stacked bar, one per non-zero count, in the given order."""
    total = sum(n for _, n in counts)
    segments: list[Segment] = []
    x = 0.0
    for key, n in counts:
        if n <= 0 or total == 0:
            continue
        width = 100.0 * n / total
        segments.append(Segment(key=key, count=n, x=round(x, 3), width=round(width, 3)))
        x += width
    return segments


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int  # where the plot starts (the axis labels sit left of it)
    path: str  # SVG path data; "" without points
    dots: list[tuple[float, float, str, float]]  # x, y, ISO day, value (for titles)
    grid: list[tuple[float, str]]  # y and label of each horizontal line
    first_day: dt.date
    last_day: dt.date


def line(points: list[tuple[dt.date, float]], *, start: dt.date, end: dt.date,
         width: int = 300, height: int = 110, left: int = 30, bottom: int = 4,
         top: int = 8) -> LineChart:
    """A 0-100 % line over the days ``start`` .. ``end``. A missing day breaks the line rather
    than being drawn across (days without a snapshot are unknown, not interpolated)."""
    span = max(1, (end - start).days)
    plot_w, plot_h = width - left - 8, height - top - bottom

    def xy(day: dt.date, value: float) -> tuple[float, float]:
        x = left + plot_w * (day - start).days / span
        y = top + plot_h * (1 - max(0.0, min(100.0, value)) / 100)
        return round(x, 1), round(y, 1)

    parts: list[str] = []
    dots = []
    previous: dt.date | None = None
    for day, value in sorted(points):
        if day < start or day > end:
            continue
        x, y = xy(day, value)
        parts.append(f"{'L' if previous and (day - previous).days == 1 else 'M'}{x},{y}")
        dots.append((x, y, day.isoformat(), round(value, 1)))
        previous = day
    grid = [(xy(start, v)[1], f"{v}%") for v in (0, 50, 100)]
    return LineChart(width=width, height=height, left=left, path=" ".join(parts), dots=dots,
                     grid=grid, first_day=start, last_day=end)
