"""The history chart: proactive disclosures per year as vector bars, blank years marked 未填.

A year without a figure is a gap in the bars with 未填 written where the bar would stand; it
is never drawn as 0. Every bar carries its figure; the axes are labelled.
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from forms.values import Number, format_number

MISSING = "未填"
BAR_COLOUR = colors.HexColor("#4a6fa5")


def chart_title(series: list[tuple[int, Number | None]]) -> str:
    first, last = series[0][0], series[-1][0]
    return f"{first}年—{last}年主动公开政府信息情况的示意图"


def history_chart(
    series: list[tuple[int, Number | None]],
    font: str,
    width: float,
    unit: str = "条",
) -> Drawing:
    """A bar chart of ``series`` (year, figure or ``None``) set in ``font``."""
    height = 95 * mm
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # else reportlab starts the drawing in unembedded Helvetica
    drawing.initialFontSize = 10
    chart = _bars(series, font, width, height)
    drawing.add(chart)
    drawing.add(_axis_title(f"单位：{unit}", font, chart.x - 4, chart.y + chart.height + 8))
    drawing.add(_axis_title("年份", font, chart.x + chart.width + 4, chart.y - 3))
    for index, (_year, value) in enumerate(series):
        x = chart.x + chart.width * (index + 0.5) / len(series)
        label = MISSING if value is None else format_number(value)
        y = chart.y + 4 if value is None else _bar_top(chart, value) + 4
        drawing.add(_label(label, font, x, y, missing=value is None))
    return drawing


def _bars(
    series: list[tuple[int, Number | None]], font: str, width: float, height: float
) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x, chart.y = 22 * mm, 18 * mm
    chart.width, chart.height = width - 34 * mm, height - 32 * mm
    chart.data = [[_as_float(value) for _year, value in series]]
    chart.categoryAxis.categoryNames = [f"{year}年" for year, _value in series]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 10
    chart.categoryAxis.labels.dy = -4
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _top(series)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 9
    chart.valueAxis.labelTextFormat = _axis_number
    chart.bars[0].fillColor = BAR_COLOUR
    chart.bars[0].strokeColor = None
    chart.barWidth = 10
    chart.groupSpacing = 14
    return chart


def _as_float(value: Number | None) -> float | None:
    return None if value is None else float(value)


def _top(series: list[tuple[int, Number | None]]) -> float:
    """A round top for the value axis, a little above the largest figure."""
    figures = [float(value) for _year, value in series if value is not None]
    largest = max(figures, default=0.0)
    if largest <= 0:
        return 10.0
    step = 10 ** max(len(str(int(largest))) - 1, 0)
    return float((int(largest * 1.15 / step) + 1) * step)


def _axis_number(value: float) -> str:
    return format_number(Decimal(str(value)).normalize(), grouping=False)


def _bar_top(chart: VerticalBarChart, value: Number) -> float:
    axis_top = float(chart.valueAxis.valueMax)
    return float(chart.y + chart.height * float(value) / axis_top)


def _label(text: str, font: str, x: float, y: float, missing: bool) -> String:
    colour = colors.HexColor("#888888") if missing else colors.black
    return String(x, y, text, fontName=font, fontSize=10, fillColor=colour, textAnchor="middle")


def _axis_title(text: str, font: str, x: float, y: float, anchor: str = "start") -> String:
    return String(x, y, text, fontName=font, fontSize=10, textAnchor=anchor)
