"""The report's pages: the list of parts, each part page with its text and tables, the header
and signatories, history and its chart, and the window fitting a 1366×768 screen."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import POPUP_ON_OFFSCREEN, Typist, close_window, make_window
from modal import when_modal
from PySide6.QtCore import QDate, QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QGroupBox, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.marks import Mark
from desktop.pages.header import DateField, HeaderPage
from desktop.pages.history import chart_title
from desktop.pages.part import PartPage
from desktop.pages.plan import HEADER, HISTORY, PREFACE
from desktop.session import Session
from forms.definition_files import available_forms, load_form
from forms.document import new_document
from forms.validation import Finding

FORMS = [form.id for form in available_forms()]
PAGES_2018 = [
    "报告信息与签署",
    "前言",
    "一、概述",
    "二、主动公开政府信息的情况",
    "三、政府信息依申请公开办理情况",
    "四、政府信息公开的收费及减免情况",
    "五、因政府信息公开申请及被申请行政复议、提起及被提起行政诉讼的情况，和接受行政申诉、举报的情况",
    "六、政府信息公开工作存在的主要问题及改进措施",
    "七、需要说明的其他事项",
    "附件1 政府信息公开情况统计表",
    "附件2政府信息公开情况分析说明",
    "历年数据",
]
PAGES_2021 = [
    "报告信息与签署",
    "前言",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


@pytest.fixture
def window2021(qtbot: QtBot, settings: QSettings, data_dir: Path) -> Iterator[MainWindow]:
    """The window on a new 2021 report, shown at 1366×768."""
    document = new_document("gov-info-2021", "某某县人民政府办公室", 2024)
    win = make_window(qtbot, Session(document), settings, data_dir)
    yield win
    close_window(win)


@pytest.fixture(params=FORMS)
def any_window(
    request: pytest.FixtureRequest, qtbot: QtBot, settings: QSettings, data_dir: Path
) -> Iterator[MainWindow]:
    """The window on a new report of each form."""
    document = new_document(request.param, "某某县人民政府办公室", 2024)
    win = make_window(qtbot, Session(document), settings, data_dir)
    yield win
    close_window(win)


def click_page(window: MainWindow, qtbot: QtBot, title: str) -> QWidget:
    """Click a page's entry in the navigation list; the page now shown."""
    titles = [plan.title for plan in window.pages.plans]
    item = window.pages.list.item(titles.index(title))
    window.pages.list.scrollToItem(item)
    rect = window.pages.list.visualItemRect(item)
    qtbot.mouseClick(window.pages.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return window.pages.stack.currentWidget()


def fully_shown(widget: QWidget) -> bool:
    """Visible, and not cut by any widget it sits in nor by the window's edge."""
    window = widget.window()
    if not widget.isVisible():
        return False
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    clip = window.rect()
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        clip = clip.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return clip.contains(rect)


def page_widgets(page: QWidget) -> dict[str, QWidget]:
    """The widgets a filer must see on a page, by a name for the failure message."""
    if isinstance(page, HeaderPage):
        return {"page": page, **page.fields}
    if not isinstance(page, PartPage):
        return {"page": page}
    shown: dict[str, QWidget] = {}
    if page.editor is not None:
        editor = page.editor
        shown |= {"heading": editor.heading, "hint": editor.hint, "editor": editor.editor}
        shown["count"] = editor.count
    for table_id, block in page.blocks.items():
        shown[table_id] = block.view
        if block.title.text():
            shown[f"{table_id} title"] = block.title
    return shown


# -- the list of pages ------------------------------------------------------------------------


def test_the_pages_follow_the_printed_report(window: MainWindow, window2021: MainWindow) -> None:
    assert [plan.title for plan in window.pages.plans] == PAGES_2018
    assert [plan.title for plan in window2021.pages.plans] == PAGES_2021
    assert window2021.history is None, "a form without history years has no history page"
    items = [window2021.pages.list.item(i).text() for i in range(window2021.pages.list.count())]
    assert items == PAGES_2021


def test_each_part_page_holds_its_tables_under_its_text(window2021: MainWindow) -> None:
    pages = window2021.pages
    proactive = pages.parts["proactive"]
    assert list(proactive.blocks) == [
        "proactive.rules",
        "proactive.licensing",
        "proactive.penalties",
        "proactive.fees",
    ]
    titles = [block.title.text() for block in proactive.blocks.values()]
    assert titles == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert list(pages.parts["requests"].blocks) == ["requests"]
    assert pages.parts["requests"].blocks["requests"].title.text() == "", "三's table is 三"
    assert list(pages.parts["review_litigation"].blocks) == ["review_litigation"]
    for key in ("overview", "problems", "other", PREFACE):
        assert pages.parts[key].blocks == {}
    editor = proactive.editor
    assert editor is not None
    first_table = proactive.blocks["proactive.rules"]
    assert editor.geometry().bottom() < first_table.geometry().top(), "text above the tables"


@pytest.mark.parametrize("form_id", FORMS)
def test_clicking_each_page_shows_its_editor_and_tables(
    form_id: str, qtbot: QtBot, settings: QSettings, data_dir: Path
) -> None:
    form = load_form(form_id)
    window = make_window(qtbot, Session(new_document(form_id, "某县", 2024)), settings, data_dir)
    seen_tables: list[str] = []
    for plan in reversed(window.pages.plans):
        page = click_page(window, qtbot, plan.title)
        assert window.pages.current_key() == plan.key
        assert window.pages.list.currentItem().text() == plan.title
        assert page.isVisible()
        if isinstance(page, PartPage):
            if plan.part is not None:
                assert page.editor is not None and page.editor.editor.isVisible()
            for table_id, view in page.views.items():
                assert view.isVisible(), table_id
                seen_tables.append(table_id)
    assert sorted(seen_tables) == sorted(table.id for table in form.tables)
    close_window(window)


def test_arrow_keys_in_the_list_step_through_the_pages(window: MainWindow, qtbot: QtBot) -> None:
    pages = window.pages
    pages.list.setFocus()
    pages.show_page(HEADER)
    for plan in pages.plans[1:]:
        qtbot.keyClick(pages.list, Qt.Key.Key_Down)
        assert pages.current_key() == plan.key
    qtbot.keyClick(pages.list, Qt.Key.Key_Home)
    assert pages.current_key() == HEADER


def test_ctrl_keys_go_to_pages_and_f8_to_the_problems(window: MainWindow, qtbot: QtBot) -> None:
    plans = window.pages.plans
    for number, plan in enumerate(plans[:9], start=1):
        qtbot.keyClick(
            window.pages.list, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier
        )
        assert window.pages.current_key() == plan.key
    window.show_page("overview")
    qtbot.keyClick(window.pages.list, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.current_key() == "proactive"
    qtbot.keyClick(window.pages.list, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.current_key() == "overview"
    titles = [a.text() for a in window.view_menu.actions() if not a.isSeparator()]
    assert titles[: len(plans)] == [plan.title for plan in plans], "every page in 查看"
    qtbot.keyClick(window.pages.list, Qt.Key.Key_F8)
    assert window.problems.view.hasFocus()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "查看(&V)", "审核(&R)", "帮助(&H)"]


# -- fitting the screen ---------------------------------------------------------------------

SCALE = float(os.environ.get("QT_SCALE_FACTOR", "1"))


def test_every_page_shows_whole_at_1366_by_768(any_window: MainWindow) -> None:
    """Every widget of every page inside the window and its page, at 100 % or (run by the
    test below) 200 % scaling: no page scrolls, no short table scrolls. Both forms."""
    window = any_window
    assert window.devicePixelRatio() == SCALE
    assert (window.width(), window.height()) == (1366, 768)
    needed = window.minimumSizeHint()
    assert needed.width() <= 1366 and needed.height() <= 768 - 40  # a taskbar below
    cut: list[str] = []
    for plan in window.pages.plans:
        page = window.show_page(plan.key)
        QApplication.processEvents()  # the page's layout settles as it would on screen
        if isinstance(page, PartPage):
            assert not page.verticalScrollBar().isVisible(), f"{plan.title} scrolls"
        cut += [
            f"{plan.title}: {name}" for name, w in page_widgets(page).items() if not fully_shown(w)
        ]
        if isinstance(page, PartPage):
            for table_id, block in page.blocks.items():
                if block.short:
                    assert block.view.verticalScrollBar().maximum() == 0, table_id
    assert cut == []
    item_rects = [
        window.pages.list.visualItemRect(window.pages.list.item(i))
        for i in range(len(window.pages.plans))
    ]
    assert all(window.pages.list.viewport().rect().contains(rect) for rect in item_rects), (
        "every page listed without scrolling"
    )


def test_a_one_row_table_takes_only_its_own_height(window2021: MainWindow) -> None:
    block = window2021.pages.parts["review_litigation"].blocks["review_litigation"]
    window2021.show_page("review_litigation")
    view = block.view
    assert view.model().rowCount() == 1
    assert view.height() == block.content_height()
    row = view.verticalHeader().sectionSize(0)
    header = view.horizontalHeader().height()
    bar = view.horizontalScrollBar().height() if view.horizontalScrollBar().isVisible() else 0
    assert view.height() <= header + row + bar + 2 * view.frameWidth()
    assert view.viewport().height() >= row, "the row is not hidden under the scroll bar"
    editor = window2021.pages.editors["review_litigation"]
    assert editor.editor.height() > view.height(), "the rest of the page goes to the text"


def test_the_window_fits_at_200_percent_scaling(tmp_path: Path) -> None:
    """The fit test above, again in a Qt scaled by 2 on a 2732×1536 screen."""
    screens = tmp_path / "screen.json"
    screens.write_text(
        '{"screens": [{"name": "hidpi", "x": 0, "y": 0, "width": 2732, "height": 1536,'
        ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
        encoding="utf-8",
    )
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM=f"offscreen:configfile={screens}")
    tests = [
        f"{__file__}::test_every_page_shows_whole_at_1366_by_768",
        f"{__file__}::test_a_one_row_table_takes_only_its_own_height",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=Path(__file__).parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert f"{len(FORMS) + 1} passed" in result.stdout


# -- text parts ---------------------------------------------------------------------------------


def test_every_narrative_part_of_the_form_has_an_editor_with_its_hint(window: MainWindow) -> None:
    parts = window.session.form.narrative_parts()
    assert list(window.pages.editors) == [PREFACE, *(p.id for p in parts)]
    editor = window.pages.show_part("analysis")
    assert editor.hint.text() == parts[-1].hint
    assert "附件2" in editor.heading.text()
    assert editor.isVisible()


def test_typing_a_narrative_counts_characters_and_undoes_in_one_step(
    window: MainWindow, qtbot: QtBot
) -> None:
    part = window.pages.show_part("other")
    before = window.session.document.narrative["other"]
    part.editor.selectAll()
    qtbot.keyClick(part.editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(part.editor, "no other matters")
    assert window.session.document.narrative["other"] == "no other matters"
    assert part.count.text() == "14 字"
    window.undo_action.trigger()
    assert window.session.document.narrative["other"] == before
    assert part.editor.toPlainText() == before
    window.redo_action.trigger()
    assert part.editor.toPlainText() == "no other matters"


def test_preface_shows_the_template_from_the_contact_line(window: MainWindow) -> None:
    window.session.set_narrative(PREFACE, "")
    preface = window.pages.show_part(PREFACE)
    assert preface.editor.toPlainText() == ""
    assert "平川区会展中心一楼" in preface.editor.placeholderText()
    window.session.set_field("contact.address", "新地址")
    assert "新地址" in preface.editor.placeholderText()


# -- header and signatories ---------------------------------------------------------------------


def test_a_blank_signatory_is_marked_and_its_problem_focuses_the_field(
    window: MainWindow, qtbot: QtBot
) -> None:
    field = window.header.fields["sign.reviewer"]
    assert isinstance(field, QLineEdit)
    click_page(window, qtbot, "报告信息与签署")
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert window.session.document.signatories["reviewer"] == ""
    assert "审核人未填写" in field.toolTip()
    assert window.header.mark_actions["sign.reviewer"].isVisible(), "an icon, not only colour"
    assert window.status.text().startswith("草稿")
    click_page(window, qtbot, "一、概述")
    finding = next(f for f in window.session.report.findings if f.cells[0] == "sign.reviewer")
    window.show_finding(finding)
    assert window.pages.current_key() == HEADER
    assert field.hasFocus()
    qtbot.keyClicks(field, "Song")
    assert field.toolTip() == ""
    assert not window.header.mark_actions["sign.reviewer"].isVisible()


def test_the_unit_name_is_required(window: MainWindow, qtbot: QtBot) -> None:
    unit = window.header.fields["header.unit"]
    assert isinstance(unit, QLineEdit)
    unit.selectAll()
    qtbot.keyClick(unit, Qt.Key.Key_Delete)
    assert any(f.code == "H001" for f in window.session.report.findings)
    window.undo_action.trigger()
    assert unit.text() == "白银市平川区人民政府办公室"


def _type_date(qtbot: QtBot, field: DateField, text: str) -> None:
    """Select the field's text and type over it: ASCII as key presses, the rest as an input
    method commits it (QTest cannot press keys for 年, 月, 日 or full-width digits)."""
    field.setFocus()
    field.selectAll()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        commit = QInputMethodEvent()
        commit.setCommitString(text)
        QApplication.sendEvent(field, commit)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    "typed", ["2018-06-01", "2018年6月1日", "2018/6/1", "2018.6.1", "２０１８年６月１日"]
)
def test_a_date_typed_as_people_write_it_is_kept_as_iso_and_checked(
    window: MainWindow, qtbot: QtBot, typed: str
) -> None:
    date = window.header.fields["sign.date"]
    assert isinstance(date, DateField) and date.text() == "2019年2月27日"
    window.pages.show_page("header")
    _type_date(qtbot, date, typed)
    assert window.session.document.signatories["date"] == "2018-06-01"
    assert date.text() == "2018年6月1日"
    assert any(f.code == "S004" for f in window.session.report.findings)  # before the year's end
    window.undo_action.trigger()
    assert window.session.document.signatories["date"] == "2019-02-27"
    assert date.text() == "2019年2月27日"


def test_a_date_that_is_no_date_stays_as_typed_and_says_so(
    window: MainWindow, qtbot: QtBot
) -> None:
    date = window.header.fields["sign.date"]
    assert isinstance(date, DateField)
    window.pages.show_page("header")
    _type_date(qtbot, date, "二月底")
    assert window.session.document.signatories["date"] == "二月底"
    (finding,) = [f for f in window.session.report.findings if f.code == "S003"]
    assert "“二月底”不是有效日期" in finding.message and date.text() == "二月底"


@POPUP_ON_OFFSCREEN
def test_the_calendar_opens_at_the_fields_date_and_picks_one(
    window: MainWindow, qtbot: QtBot
) -> None:
    date = window.header.fields["sign.date"]
    assert isinstance(date, DateField)
    window.pages.show_page("header")
    date.setFocus()
    qtbot.keyClick(date, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = date.calendar
    assert calendar is not None and calendar.selectedDate() == QDate(2019, 2, 27)
    calendar.setSelectedDate(QDate(2019, 3, 4))
    calendar.activated.emit(QDate(2019, 3, 4))
    assert window.session.document.signatories["date"] == "2019-03-04"
    assert date.text() == "2019年3月4日"


# -- history ------------------------------------------------------------------------------------


def test_history_years_edit_the_series_the_chart_draws(window: MainWindow) -> None:
    history = window.history
    assert history is not None
    years = [year for year, _ in window.session.document.history_series()]
    assert years == [2014, 2015, 2016, 2017, 2018]
    assert history.table.item(4, 1).text() == "12457"
    assert not history.table.item(4, 1).flags() & Qt.ItemFlag.ItemIsEditable
    history.table.item(0, 1).setText("１,234")
    assert window.session.document.history[2014] == 1234
    assert window.session.document.history_series()[0] == (2014, 1234)
    assert chart_title(window.session.document.history_series()) == (
        "2014年—2018年主动公开政府信息情况"
    )
    window.show_page(HISTORY)
    image = history.chart.grab().toImage()
    assert not image.isNull()
    window.undo_action.trigger()
    assert window.session.document.history.get(2014) is None
    assert history.table.item(0, 1).text() == ""


def test_a_bad_history_figure_is_refused_with_a_reason(window: MainWindow) -> None:
    assert window.history is not None
    window.history.table.item(1, 1).setText("很多")
    assert 2015 not in window.session.document.history
    assert "不是数字" in window.history.note.text()


def test_the_year_changes_the_history_years(window: MainWindow) -> None:
    year = window.header.fields["header.year"]
    year.setValue(2019)  # type: ignore[attr-defined]
    assert window.session.document.year == 2019
    assert window.history is not None
    assert window.history.table.item(4, 0).text() == "2019年"


# -- marks, findings, about ---------------------------------------------------------------------


def test_a_table_mark_for_an_explained_warning_differs_from_an_open_one(
    window: MainWindow, typist: Typist
) -> None:
    typist.cell(window.table_views["annex1"], "fees.total", "1")
    model = window.table_views["annex1"].table_model
    assert model.mark("fees.total") is Mark.WARNING
    window.session.set_explanation("W204@fees.total", "说明")
    assert model.mark("fees.total") is Mark.EXPLAINED
    window.undo_action.trigger()
    assert model.mark("fees.total") is Mark.WARNING


def test_about_names_the_app_and_version(window: MainWindow, qtbot: QtBot) -> None:
    from desktop.identity import APP_NAME
    from forms.version import APP_VERSION

    seen: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal(QMessageBox, read_and_close)
    window._on_about()
    assert APP_NAME in seen[0] and APP_VERSION in seen[0]


def test_show_finding_ignores_a_place_the_window_does_not_have(window: MainWindow) -> None:
    current = window.pages.current_key()
    window.show_finding(Finding("X@nowhere", "X001", "error", "x", ("nowhere",)))  # type: ignore[arg-type]
    assert window.pages.current_key() == current


def test_keyboard_only_from_a_problem_to_its_cell(
    window: MainWindow, typist: Typist, qtbot: QtBot
) -> None:
    view = window.table_views["annex1"]
    typist.cell(view, "response.online_interviews_by_head", "9")
    window.show_page("overview")
    assert not view.isVisible()
    qtbot.keyClick(window.pages.list, Qt.Key.Key_F8)
    problems = window.problems.view
    assert problems.hasFocus()
    row = window.problems.model.row_of("E105@response.online_interviews_by_head")
    problems.setCurrentIndex(window.problems.model.index(row, 2))
    qtbot.keyClick(problems, Qt.Key.Key_Return)
    assert window.pages.current_key() == "table:annex1"
    assert view.isVisible()
    assert view.currentIndex() == view.table_model.index_of("response.online_interviews_by_head")
    assert view.hasFocus()


def test_each_list_entry_shows_the_worst_mark_on_its_page(
    window: MainWindow, typist: Typist, qtbot: QtBot
) -> None:
    pages = window.pages
    row = pages.keys.index("table:annex1")
    assert pages.list.item(row).toolTip() == ""
    typist.cell(window.table_views["annex1"], "proactive.channel.website", "20000")
    assert pages.list.item(row).toolTip() == "错误 1"
    error_icon = pages.list.item(row).icon().pixmap(16).toImage()
    assert error_icon.pixelColor(8, 8).alpha() > 0, "a visible mark, not the blank one"
    header = pages.keys.index(HEADER)
    field = window.header.fields["sign.reviewer"]
    assert isinstance(field, QLineEdit)
    click_page(window, qtbot, "报告信息与签署")
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert pages.list.item(header).toolTip() == "错误 1"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert pages.list.item(row).toolTip() == "" and pages.list.item(header).toolTip() == ""


def test_a_blank_2021_report_marks_every_page_with_figures_blank(window2021: MainWindow) -> None:
    pages = window2021.pages
    tips = {plan.key: pages.list.item(row).toolTip() for row, plan in enumerate(pages.plans)}
    assert tips["proactive"] == "未填 10"
    assert tips["requests"].startswith("未填 ")
    assert tips["review_litigation"] == "未填 12", "15 figures less the 3 computed 总计"
    assert tips["overview"] == "错误 1", "a required part left empty (P001)"
    assert tips["problems"] == tips["other"] == "错误 1"
    assert tips["proactive"] == "未填 10", "二's own text is optional"


def test_an_empty_required_part_s_problem_opens_its_text(
    window2021: MainWindow, typist: Typist
) -> None:
    window = window2021
    finding = next(f for f in window.session.report.findings if f.code == "P001")
    assert finding.cells[0] == "part.overview"
    window.show_finding(finding)
    editor = window.pages.editors["overview"].editor
    assert window.pages.current_key() == "overview" and editor.hasFocus()
    for char in "本年度":  # as an input method delivers them
        typist.key_text(editor, char)
    assert window.session.document.narrative["overview"] == "本年度"
    assert not any(
        f.code == "P001" and f.cells[0] == "part.overview" for f in window.session.report.findings
    )
    contact = next(f for f in window.session.report.findings if f.code == "C001")
    window.show_finding(contact)
    assert window.pages.current_key() == HEADER
    assert window.header.fields[contact.cells[0]].hasFocus()


def test_the_2021_header_page_has_the_signatory_line_and_the_closing(
    window2021: MainWindow,
) -> None:
    groups = [g.title() for g in window2021.header.findChildren(QGroupBox)]
    assert groups == [
        "报告信息",
        "联系方式（用于前言）",
        "签署栏",
        "落款（署填报单位名称，加盖公章）",
    ]
    issued = window2021.header.fields["sign.issued"]
    assert isinstance(issued, DateField)
    closing = next(
        g for g in window2021.header.findChildren(QGroupBox) if g.title().startswith("落款")
    )
    assert closing.isAncestorOf(issued)
    issued.setText("2026年1月20日")
    issued.chosen.emit()
    assert window2021.session.document.signatories["issued"] == "2026-01-20"


def test_a_page_chosen_by_key_takes_the_typing(window: MainWindow, qtbot: QtBot) -> None:
    """Ctrl+3 goes to 一、概述 with the cursor in its text; Ctrl+1 to the first field."""
    qtbot.keyClick(window.pages.list, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    editor = window.pages.editors["overview"].editor
    assert editor.hasFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "ABC")
    assert window.session.document.narrative["overview"].endswith("ABC")
    qtbot.keyClick(editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.header.fields["header.unit"].hasFocus()
    qtbot.keyClick(window.pages.list, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.current_key() == PREFACE
    assert window.pages.editors[PREFACE].editor.hasFocus(), "the cursor follows to the page"


def test_a_click_between_header_fields_does_not_send_typing_to_the_unit(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A filer clicked the gap between two contact fields and typed: the text went into
    填报单位. The page never takes the keyboard from the mouse now."""
    header = window.pages.show_page("header")
    email = window.header.fields["contact.email"]
    email.setFocus()
    body = window.header.widget()
    gap = email.mapTo(body, email.rect().bottomLeft()) + QPoint(email.width() // 2, 3)
    assert body.childAt(gap) is None or not isinstance(body.childAt(gap), QLineEdit)
    qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=gap)
    qtbot.keyClicks(QApplication.focusWidget() or header, "W")
    assert window.session.document.unit == "白银市平川区人民政府办公室"
    assert not window.header.fields["header.unit"].hasFocus()


def test_ctrl_z_while_typing_in_a_part_undoes_the_typing(window: MainWindow, qtbot: QtBot) -> None:
    """A filer typed in 七 and pressed Ctrl+Z: nothing happened (the editor claimed the key)."""
    window.pages.show_part("other")
    editor = window.pages.editors["other"].editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    before = window.session.document.narrative["other"]
    qtbot.keyClicks(editor, "xyz")
    assert window.session.document.narrative["other"] == before + "xyz"
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.narrative["other"] != before + "xyz"
    for _ in range(2):  # the typing may have been merged into one to three undo steps
        if window.session.document.narrative["other"] != before:
            qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == before
    qtbot.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.narrative["other"] != before
