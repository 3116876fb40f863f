"""The main window: the report's pages beside a list of its parts, the problems, the menus.

The window holds one :class:`~desktop.session.Session` at a time. Opening or creating a
report builds a new session and new pages (:class:`~desktop.pages.Pages`). What the window
does with files and printers lives in its bases, :mod:`desktop.file_actions`,
:mod:`desktop.print_actions` and :mod:`desktop.publish_actions`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu, QWidget

from desktop.dialogs import show_about
from desktop.file_actions import CANCEL, DISCARD, SAVE, with_suffix
from desktop.marks import app_icon
from desktop.pages import Pages
from desktop.pages.header import HeaderPage
from desktop.pages.history import HistoryPage
from desktop.pages.plan import HEADER, PART_PREFIX
from desktop.problems import ProblemsPanel
from desktop.publish_actions import PublishActions
from desktop.recovery import AUTOSAVE_SECONDS, RecoveryCopy
from desktop.review_actions import ReviewActions
from desktop.session import Session
from desktop.settings import app_settings
from desktop.table import TableView
from desktop.year_actions import YearComparison
from forms.validation import Finding

__all__ = ["CANCEL", "DISCARD", "SAVE", "MainWindow", "with_suffix"]
PAGE_SHORTCUTS = 9  # Ctrl+1 … Ctrl+9 go to the first nine pages


class MainWindow(PublishActions):
    """One report at a time, with every page of it and the list of its problems."""

    def __init__(
        self,
        session: Session,
        settings: QSettings | None = None,
        recovery: RecoveryCopy | None = None,
        autosave_seconds: float = AUTOSAVE_SECONDS,
    ) -> None:
        super().__init__()
        self.settings = settings if settings is not None else app_settings()
        self.recovery = recovery or RecoveryCopy()
        self.undo_group = QUndoGroup(self)
        self.undo_group.cleanChanged.connect(self._show_title)
        # what a paste said is stale once the step is undone, redone or followed by another
        self.undo_group.indexChanged.connect(self._clear_message)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.pages = Pages(self)
        self.setCentralWidget(self.pages)
        self.years = YearComparison(self)
        self.review = ReviewActions(self)
        self.dock = QDockWidget("问题列表", self)
        self.dock.setObjectName("problems")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.status = QLabel(self)
        self.statusBar().addPermanentWidget(self.status)  # room on the left for messages
        self._build_menus()
        self.autosave = QTimer(self)
        self.autosave.setInterval(int(autosave_seconds * 1000))
        self.autosave.timeout.connect(self._on_autosave)
        self.autosave.start()
        self.session = session
        self._show_session(session)

    # -- the pages --------------------------------------------------------------------------

    @property
    def table_views(self) -> dict[str, TableView]:
        return self.pages.table_views

    @property
    def header(self) -> HeaderPage:
        return self.pages.header

    @property
    def history(self) -> HistoryPage | None:
        return self.pages.history

    def show_page(self, key: str) -> QWidget:
        """Show a page by key (``header``, ``preface``, a part id, ``table:<id>``, ``history``)."""
        page = self.pages.show_page(key)
        page.setFocus()
        return page

    # -- menus ----------------------------------------------------------------------------

    def _action(self, text: str, slot: object, shortcut: object = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[call-overload]
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        key = QKeySequence.StandardKey
        file_menu.addAction(self._action("新建(&N)…", self.new_report, key.New))
        file_menu.addAction(self._action("打开(&O)…", self.ask_and_open, key.Open))
        self.demo_menu = file_menu.addMenu("打开示例(&D)")
        self.demo_menu.aboutToShow.connect(self._fill_demo_menu)
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self._action("保存(&S)", self.save, key.Save))
        file_menu.addAction(self._action("另存为(&A)…", self.save_as, "Ctrl+Shift+S"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("导入统计表(&I)…", self.import_table, "Ctrl+I"))
        file_menu.addAction(self._action("由上年年报新建(&L)…", self.new_from_last_year))
        file_menu.addAction(self.years.load_action)
        file_menu.addAction(self._action("汇总各单位年报(&H)…", self.consolidate_units))
        file_menu.addSeparator()
        file_menu.addAction(self._action("打印预览(&V)…", self.print_preview, "Ctrl+Shift+P"))
        file_menu.addAction(self._action("导出PDF(&E)…", self.export_pdf, "Ctrl+E"))
        file_menu.addAction(self._action("导出Word(&W)…", self.export_word))
        file_menu.addAction(self._action("导出网页(&T)…", self.export_web_page))
        file_menu.addAction(self._action("打印(&P)…", self.print_report, key.Print))
        self.build_signature_menu(file_menu.addMenu("签署栏位置(&G)"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("退出(&X)", self.close, "Ctrl+Q"))
        self._build_edit_menu(bar.addMenu("编辑(&E)"))
        self.view_menu = bar.addMenu("查看(&V)")
        review_menu = bar.addMenu("审核(&R)")
        for action in (self.review.approve_action, self.review.withdraw_action):
            review_menu.addAction(action)
        review_menu.addSeparator()
        review_menu.addAction(self.review.changes_action)
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addMenu(self.demo_menu)
        help_menu.addAction(self._action("关于(&A)", self._on_about))

    def _build_edit_menu(self, menu: QMenu) -> None:
        undo = self.undo_group.createUndoAction(self, "撤销(&U)")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, "重做(&R)")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.undo_action, self.redo_action = undo, redo
        menu.addAction(undo)
        menu.addAction(redo)

    def _fill_view_menu(self) -> None:
        """One entry per page (Ctrl+1 … Ctrl+9 for the first nine), then page steps, F8."""
        self.view_menu.clear()
        for number, plan in enumerate(self.pages.plans):
            action = self._action(plan.title, lambda _c=False, k=plan.key: self.show_page(k))
            if number < PAGE_SHORTCUTS:
                action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self._action("下一页(&N)", self._next_page, "Ctrl+PgDown"))
        self.view_menu.addAction(self._action("上一页(&P)", self._previous_page, "Ctrl+PgUp"))
        self.view_menu.addAction(self._action("问题列表(&L)", self._focus_problems, "F8"))
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.years.show_action)

    @Slot()
    def _fill_demo_menu(self) -> None:
        from desktop.demos import demos

        self.demo_menu.clear()
        for demo in demos():
            action = self.demo_menu.addAction(demo.label)
            action.triggered.connect(lambda _c=False, f=demo.form_id: self.open_demo(f))

    # -- the session and its pages ----------------------------------------------------------

    @Slot(int)
    def _clear_message(self, _index: int) -> None:
        self.statusBar().clearMessage()

    def _show_session(self, session: Session) -> None:
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.pages.load(session)
        self.problems = ProblemsPanel(session, self.dock)
        self.problems.finding_activated.connect(self.show_finding)
        self.dock.setWidget(self.problems)
        session.report_changed.connect(self._show_status)
        session.review_changed.connect(self._on_review_changed)
        self.years.apply()
        self._fill_view_menu()
        self._show_title()
        self._show_status()

    def replace_session(self, session: Session) -> None:
        old = self.session
        self._show_session(session)
        self.undo_group.removeStack(old.undo_stack)
        old.deleteLater()
        self.recovery.discard()

    @Slot()
    def _show_title(self) -> None:
        name = self.session.path.name if self.session.path else "未命名"
        self.setWindowTitle(f"{name}[*]")
        self.setWindowModified(not self.undo_group.isClean())

    @Slot()
    def _show_status(self) -> None:
        approved = self.review.state()
        summary = self.session.report.summary()
        self.status.setText(f"{approved} · {summary}" if approved else summary)

    @Slot(str)
    def _on_review_changed(self, said: str) -> None:
        if said:  # after the edit's own undo step, whose index change clears the message bar
            QTimer.singleShot(0, lambda: self.statusBar().showMessage(said, 10000))
        self._show_status()

    @Slot()
    def _next_page(self) -> None:
        self.show_page(self.pages.step(1))

    @Slot()
    def _previous_page(self) -> None:
        self.show_page(self.pages.step(-1))

    @Slot()
    def _focus_problems(self) -> None:
        self.problems.view.setFocus()

    # -- findings ---------------------------------------------------------------------------

    @Slot(object)
    def show_finding(self, finding: Finding) -> None:
        """Select the cells of a finding, or focus the text or field it is about."""
        place = finding.cells[0]
        table = self.session.form.index.cell_tables.get(place)
        part = place.removeprefix(PART_PREFIX) if place.startswith(PART_PREFIX) else place
        if table is not None:
            view = self.table_views[table.id]
            self.pages.show_widget(view)
            view.select_cells(finding.cells)
        elif part in self.pages.editors:
            editor = self.pages.show_part(part)
            editor.editor.setFocus()
            if finding.span is not None:
                editor.select_span(finding.span)
        elif self.header.fields.get(place) is not None:
            self.pages.show_page(HEADER)
            self.header.focus_field(place)

    @Slot()
    def _on_about(self) -> None:
        show_about(self)

    # -- window events -----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.settle_changes():
            event.ignore()
            return
        self.autosave.stop()
        self.recovery.discard()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.open_path(path))


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return files[0] if files else None
