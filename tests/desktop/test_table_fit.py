"""A wide matrix fits the page at 1366×768: wrapped headers over columns sized to the figures.

Table 四 of the 2021 form has fifteen value columns; at 1366×768 it scrolled sideways. Now
its labels wrap (结果 / 维持) and no column is narrower than a four-digit figure.
"""

from __future__ import annotations

import pytest
from conftest import Typist
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from desktop.main_window import MainWindow
from desktop.table import FIRST_VALUE_COLUMN, TableView
from desktop.table.fit import pieces_of, wrap
from desktop.table.model import LAST_YEAR_ROLE

FOUR_DIGITS = "9,999"


def table_four(window: MainWindow) -> TableView:
    view = window.table_views["review_litigation"]
    window.pages.show_widget(view)
    return view


def value_columns(view: TableView) -> range:
    return range(FIRST_VALUE_COLUMN, view.table_model.columnCount())


def assert_no_sideways_scrolling(view: TableView) -> None:
    assert view.horizontalHeader().length() <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    assert view.horizontalScrollBar().maximum() == 0


def assert_every_figure_readable(view: TableView) -> None:
    """Each column holds its own figure and a four-digit one, with the cell's margins (as the
    delegate measures a cell) and a grid line."""
    model, metrics = view.table_model, QFontMetrics(view.font())
    for column in value_columns(view):
        index = model.index(0, column)
        text = str(index.data())
        needed = view.sizeHintForIndex(index).width()
        assert needed > metrics.horizontalAdvance(text)
        four_digits = (
            needed - metrics.horizontalAdvance(text) + metrics.horizontalAdvance(FOUR_DIGITS)
        )
        assert view.columnWidth(column) > max(needed, four_digits), (column, text)


def test_table_four_fits_1366_without_scrolling_sideways(
    demo2021: MainWindow, typist: Typist
) -> None:
    view = table_four(demo2021)
    assert demo2021.width() == 1366
    assert_no_sideways_scrolling(view)
    for group in ("review", "litigation_direct", "litigation_after_review"):
        typist.cell(view, f"cases/{group}.upheld", "9999")
    QApplication.processEvents()
    assert view.table_model.index_of("cases/review.upheld").data() == FOUR_DIGITS
    assert_every_figure_readable(view)
    assert_no_sideways_scrolling(view)


def test_the_wrapped_labels_show_whole_in_their_header_cells(demo2021: MainWindow) -> None:
    view = table_four(demo2021)
    header = view.horizontalHeader()
    metrics = header.fontMetrics()
    margins = 2 * header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMargin)
    for column in value_columns(view):
        label = view.table_model.column_headings()[column - FIRST_VALUE_COLUMN]
        lines = header.shown_label(column).split("\n")
        assert "".join(lines) == label
        assert len(lines) == (1 if len(label) <= 2 else 2)  # 总计 whole, 结果 / 维持
        rect = header.cell_rect(header.cells_of(column)[-1])
        assert max(map(metrics.horizontalAdvance, lines)) + margins <= rect.width()
        assert len(lines) * metrics.lineSpacing() <= rect.height()


def test_a_wider_figure_widens_its_column_and_is_never_cut(
    demo2021: MainWindow, typist: Typist
) -> None:
    view = table_four(demo2021)
    typist.cell(view, "cases/review.other", "1234567")
    assert view.table_model.index_of("cases/review.other").data() == "1,234,567"
    assert_every_figure_readable(view)


def test_a_marked_figure_in_a_narrowed_column_is_never_cut(
    demo2021: MainWindow, typist: Typist
) -> None:
    """Table 三 is narrowed at 1366; a four-digit figure that breaks the balance gets its error
    mark before it, and the column makes room for both (it showed “8,…” and “…”)."""
    view = demo2021.table_views["requests"]
    demo2021.pages.show_widget(view)
    typist.cell(view, "requests.carried_out/natural_person", "9999")
    typist.cell(view, "requests.carried_out/business", "8888")
    QApplication.processEvents()
    model = view.table_model
    marked = [
        model.index_of(f"requests.carried_out/{column}")
        for column in ("natural_person", "business", "total")
    ]
    assert all(index.data(Qt.ItemDataRole.DecorationRole) is not None for index in marked)
    for index in marked:  # Qt's own measure of the cell: mark, figure and margins
        assert view.columnWidth(index.column()) >= view.sizeHintForIndex(index).width()


def test_last_years_figures_fit_beside_this_years(demo2021: MainWindow) -> None:
    """With 显示上年数, last year's figure is drawn small on the left of each cell: the column
    has room for it, the mark and this year's figure side by side."""
    view = demo2021.table_views["requests"]
    demo2021.pages.show_widget(view)
    form = demo2021.session.document.form
    demo2021.session.set_last_year(({cell: 1234 for cell in form.index.cell_order}, {}))
    view.table_model.set_show_last_year(True)
    QApplication.processEvents()
    small = QFont(view.font())
    small.setPointSizeF(small.pointSizeF() * 0.85)
    last_width = QFontMetrics(small).horizontalAdvance("〔1,234〕")
    model = view.table_model
    for column in value_columns(view):
        for row in range(model.rowCount()):
            index = model.index(row, column)
            if index.data(LAST_YEAR_ROLE) is None:
                continue
            needed = view.sizeHintForIndex(index).width() + last_width
            assert view.columnWidth(column) >= needed, (row, column)


def test_a_wide_page_keeps_the_labels_on_one_line(demo2021: MainWindow, typist: Typist) -> None:
    demo2021.resize(2400, 900)
    QApplication.processEvents()
    view = table_four(demo2021)
    header = view.horizontalHeader()
    assert all("\n" not in header.shown_label(c) for c in value_columns(view))
    assert header.height() == header.levels * header.level_height()
    typist.cell(view, "cases/review.pending", "123456789")  # wider than the eight digits
    assert_every_figure_readable(view)


@pytest.mark.parametrize(
    ("label", "two_lines"),
    [
        ("结果维持", "结果\n维持"),
        ("未经复议直接起诉", "未经复议\n直接起诉"),
        ("本年收费金额（单位：万元）", "本年收费金额\n（单位：万元）"),
        ("Excel表格（sheet）", "Excel表格\n（sheet）"),
    ],
)
def test_a_label_breaks_between_characters_never_inside_a_word(
    qapp: QApplication, label: str, two_lines: str
) -> None:
    metrics = QFontMetrics(qapp.font())
    assert wrap(metrics, label, 2) == two_lines
    for lines in (2, 3):
        for piece in wrap(metrics, label, lines).split("\n"):
            assert not piece.startswith(("）", "：", "，")) and not piece.endswith("（")
    assert pieces_of("共1,234.56万元") == ["共", "1,234.56", "万", "元"]
