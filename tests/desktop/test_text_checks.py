"""The narrative against the tables in the window: the phrase at fault shaded, its problem
opening it, and the draft from the figures inserted without touching what was written."""

from __future__ import annotations

from conftest import Typist
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from forms.validation import Status

PHRASE = "新收政府信息公开申请16件"


def text_problems(window: MainWindow) -> list[str]:
    return [f.key for f in window.session.report.findings if f.code.startswith("T")]


def shaded(window: MainWindow, part: str) -> list[str]:
    editor = window.pages.editors[part].editor
    return [selection.cursor.selectedText() for selection in editor.extraSelections()]


def test_a_figure_typed_in_the_table_flags_the_sentence_that_quotes_it(
    demo2021: MainWindow, typist: Typist
) -> None:
    window = demo2021
    assert text_problems(window) == [] and shaded(window, "overview") == []
    view = window.table_views["requests"]
    typist.cell(view, "requests.new/natural_person", "11")  # 新收 总计 16 → 15
    assert window.session.document.values["requests.new/total"] == 15
    assert "T001@part.overview#new" in text_problems(window)
    assert shaded(window, "overview") == [PHRASE]
    finding = next(f for f in window.session.report.findings if f.code == "T001")
    assert "（15）不一致" in finding.message
    window.undo_action.trigger()
    assert text_problems(window) == [] and shaded(window, "overview") == []


def test_the_problem_opens_the_text_with_the_phrase_selected(
    demo2021: MainWindow, typist: Typist, qtbot: QtBot
) -> None:
    window = demo2021
    typist.cell(window.table_views["requests"], "requests.new/natural_person", "11")
    qtbot.keyClick(window.pages.list, Qt.Key.Key_F8)  # F8: the problems panel
    problems = window.problems.view
    assert problems.hasFocus()
    row = window.problems.model.row_of("T001@part.overview#new")
    problems.setCurrentIndex(window.problems.model.index(row, 2))
    qtbot.keyClick(problems, Qt.Key.Key_Return)
    editor = window.pages.editors["overview"].editor
    assert window.pages.current_key() == "overview" and editor.hasFocus()
    assert editor.textCursor().selectedText() == PHRASE


def test_typing_the_right_figure_into_the_text_settles_it(
    demo2021: MainWindow, typist: Typist
) -> None:
    window = demo2021
    typist.cell(window.table_views["requests"], "requests.new/natural_person", "11")
    part = window.pages.show_part("overview")
    editor = part.editor
    start = editor.toPlainText().index(PHRASE) + len(PHRASE) - 3  # the "16"
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + 2, cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    for char in "１５":  # full-width digits, as an input method may give them
        typist.key_text(editor, char)
    assert "新收政府信息公开申请１５件" in window.session.document.narrative["overview"]
    assert "T001@part.overview#new" not in text_problems(window)


def test_the_draft_follows_the_table_and_is_inserted_as_one_undo_step(
    demo2021: MainWindow, typist: Typist, qtbot: QtBot
) -> None:
    window = demo2021
    part = window.pages.show_part("requests")
    assert part.draft is not None and part.draft.isVisible()
    assert "本年新收政府信息公开申请16件，上年结转1件。" in part.draft.shown()
    typist.cell(window.table_views["requests"], "requests.granted/business", "3")
    assert "予以公开8件" in part.draft.shown()  # 5 + 3
    window.pages.show_part("requests")
    written = "我局依法答复每一件申请。"
    part.editor.setPlainText(written)
    part.editor.selectAll()  # a selection is kept: the draft goes after it
    qtbot.mouseClick(part.draft.insert, Qt.MouseButton.LeftButton)
    text = window.session.document.narrative["requests"]
    assert text.startswith(written + "\n本年新收政府信息公开申请16件")
    assert "予以公开8件" in text and "共办结17件" in text
    assert not [key for key in text_problems(window) if key.startswith("T001@part.requests")]
    window.undo_action.trigger()
    assert window.session.document.narrative["requests"] == written


def test_only_parts_with_a_draft_offer_one(demo2021: MainWindow) -> None:
    editors = demo2021.pages.editors
    offered = {part for part, editor in editors.items() if editor.draft is not None}
    assert offered == {"overview", "proactive", "requests", "review_litigation"}


def test_a_text_warning_is_explained_like_any_other(demo2021: MainWindow) -> None:
    window = demo2021
    window.pages.show_part("problems").editor.setPlainText("无")
    key = "T003@part.problems"
    assert key in text_problems(window)
    assert key in {f.key for f in window.session.report.unexplained}
    window.session.set_explanation(key, "本年度确无问题，经领导审定。")
    assert key not in {f.key for f in window.session.report.unexplained}


def test_a_rare_character_before_the_phrase_does_not_shift_the_shading(
    demo2021: MainWindow, typist: Typist
) -> None:
    window = demo2021
    part = window.pages.show_part("overview")
    part.editor.setPlainText("𠮷𠮷县自然资源局全年新收政府信息公开申请15件。")
    assert shaded(window, "overview") == ["新收政府信息公开申请15件"]
    finding = next(f for f in window.session.report.findings if f.code == "T001")
    window.show_finding(finding)
    assert part.editor.textCursor().selectedText() == "新收政府信息公开申请15件"
    part.draft.insert.click()  # type: ignore[union-attr]
    assert window.session.document.narrative["overview"].startswith(
        "𠮷𠮷县自然资源局全年新收政府信息公开申请15件。\n本年制发规章0件"
    )


def test_a_draft_inserted_before_its_figures_keeps_the_report_a_draft_until_filled(
    demo2021: MainWindow, typist: Typist, qtbot: QtBot
) -> None:
    """插入草稿 writes ＿＿ for a figure still blank; printed, it would read 办结＿＿件."""
    window = demo2021
    view = window.table_views["requests"]
    typist.cell(view, "requests.granted/business", "3")
    view.setCurrentIndex(view.table_model.index_of("requests.granted/business"))
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # the figure not known yet
    assert window.session.document.values["requests.granted/business"] is None
    part = window.pages.show_part("requests")
    part.editor.setPlainText("")
    qtbot.mouseClick(part.draft.insert, Qt.MouseButton.LeftButton)
    text = window.session.document.narrative["requests"]
    assert "予以公开＿＿件" in text and "共办结＿＿件" in text
    report = window.session.report
    blank = next(f for f in report.findings if f.code == "T005")
    assert blank.key == "T005@part.requests" and blank.severity.value == "error"
    assert blank.message.startswith("三、收到和处理政府信息公开申请情况中还有")
    assert text[blank.span[0] : blank.span[1]] == "＿＿"  # type: ignore[index]
    assert shaded(window, "requests")[0] == "＿＿"
    assert report.status is Status.DRAFT
    part.editor.setPlainText(text.replace("＿＿", "1"))
    assert "T005@part.requests" not in text_problems(window)
