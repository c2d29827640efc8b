"""Bar charts drawn on the server as SVG geometry, each with the numbers for an accessible table.

Series are told apart by pattern as well as colour (WCAG 1.4.1), and every bar carries its value
as text, so a chart reads in greyscale and the table beside it reads without the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Fill and pattern per series: solid, diagonal stripes, dots, cross-hatch.
SERIES_STYLES = ("solid", "stripes", "dots", "hatch")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: float
    label: str
    series: int


@dataclass(frozen=True)
class Chart:
    title: str
    categories: list[str]
    series_names: list[str]
    values: list[list[float]]  # values[series][category]
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # (y, label)
    width: int
    height: int
    plot_top: int
    plot_bottom: int
    plot_left: int
    unit: str

    @property
    def table_rows(self) -> list[tuple[str, list[float]]]:
        return [(category, [series[i] for series in self.values]) for i, category in enumerate(self.categories)]

    @property
    def legend(self) -> list[tuple[str, str, int]]:
        return [(name, SERIES_STYLES[i % len(SERIES_STYLES)], i) for i, name in enumerate(self.series_names)]

    @property
    def category_labels(self) -> list[tuple[float, str]]:
        if not self.categories:
            return []
        step = (self.width - self.plot_left - 10) / len(self.categories)
        return [(self.plot_left + step * (i + 0.5), c) for i, c in enumerate(self.categories)]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _format(value: float) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def bar_chart(
    *,
    title: str,
    categories: list[str],
    series: dict[str, list[float]],
    unit: str = "",
    width: int = 640,
    height: int = 260,
) -> Chart:
    """Grouped vertical bars: one group per category, one bar per series."""
    names = list(series)
    values = [list(series[name]) for name in names]
    top, bottom, left = 20, height - 40, 84  # room for "2 000 000" on the axis
    highest = _nice_max(max((v for row in values for v in row), default=0))
    plot_height = bottom - top
    group = (width - left - 10) / max(len(categories), 1)
    bar_width = max(4.0, group * 0.8 / max(len(names), 1))
    bars = []
    for s, row in enumerate(values):
        for c, value in enumerate(row):
            h = plot_height * (value / highest) if highest else 0
            x = left + group * c + group * 0.1 + bar_width * s
            bars.append(Bar(x=round(x, 1), y=round(bottom - h, 1), width=round(bar_width - 2, 1),
                            height=round(h, 1), value=value, label=_format(value), series=s))
    ticks = [(round(bottom - plot_height * i / 4, 1), _format(highest * i / 4)) for i in range(5)]
    return Chart(title=title, categories=categories, series_names=names, values=values, bars=bars, ticks=ticks,
                 width=width, height=height, plot_top=top, plot_bottom=bottom, plot_left=left, unit=unit)
