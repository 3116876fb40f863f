"""The main window: the report's pages in tabs, the problems panel, menus and file handling.

The window holds one :class:`~desktop.session.Session` at a time. Opening or creating a
report builds a new session and new pages; a failure to open or save leaves the current
report untouched and is shown as a Chinese message, never as a traceback. The questions the
window asks (save changes? which file? restore?) are methods, so tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
)

from desktop import printing
from desktop.dialogs import NewReport, NewReportDialog, ask_path, show_about
from desktop.header import HeaderPage
from desktop.history import HistoryPage
from desktop.marks import app_icon
from desktop.narrative import NarrativePage
from desktop.problems import ProblemsPanel
from desktop.recovery import AUTOSAVE_SECONDS, RecoveryCopy, orphans, read_orphan, remove_orphan
from desktop.session import Session
from desktop.table import TableModel, TableView
from forms.codes import NianbaoError, render
from forms.definition import DefinitionError, available_forms
from forms.document import Document, DocumentError, new_document
from forms.validation import Finding

if TYPE_CHECKING:
    from forms.xlsx import Opened  # openpyxl: not at start-up

FILE_FILTER = "年报文件 (*.xlsx)"
PDF_FILTER = "PDF 文件 (*.pdf)"
IMPORT_FILTER = "表格 (*.xlsx *.xls)"
RECENT_KEY = "recent_files"
MAX_RECENT = 8
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


class MainWindow(QMainWindow):
    """One report at a time, with every page of it and the list of its problems."""

    def __init__(
        self,
        session: Session,
        settings: QSettings | None = None,
        recovery: RecoveryCopy | None = None,
        autosave_seconds: float = AUTOSAVE_SECONDS,
    ) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.recovery = recovery or RecoveryCopy()
        self.undo_group = QUndoGroup(self)
        self.undo_group.cleanChanged.connect(self._show_title)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.dock = QDockWidget("问题列表", self)
        self.dock.setObjectName("problems")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.status = QLabel(self)
        self.statusBar().addPermanentWidget(self.status, 1)
        self._build_menus()
        self.autosave = QTimer(self)
        self.autosave.setInterval(int(autosave_seconds * 1000))
        self.autosave.timeout.connect(self._on_autosave)
        self.autosave.start()
        self.session = session
        self._show_session(session)

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
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self._action("保存(&S)", self.save, key.Save))
        file_menu.addAction(self._action("另存为(&A)…", self.save_as, "Ctrl+Shift+S"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("导入统计表(&I)…", self.import_table, "Ctrl+I"))
        file_menu.addAction(self._action("由上年年报新建(&L)…", self.new_from_last_year))
        file_menu.addSeparator()
        file_menu.addAction(self._action("打印预览(&V)…", self.print_preview, "Ctrl+Shift+P"))
        file_menu.addAction(self._action("导出PDF(&E)…", self.export_pdf, "Ctrl+E"))
        file_menu.addAction(self._action("打印(&P)…", self.print_report, key.Print))
        file_menu.addSeparator()
        file_menu.addAction(self._action("退出(&X)", self.close, "Ctrl+Q"))
        self._build_edit_menu(bar.addMenu("编辑(&E)"))
        self.view_menu = bar.addMenu("查看(&V)")
        help_menu = bar.addMenu("帮助(&H)")
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
        self.view_menu.clear()
        for number in range(self.tabs.count()):
            title = self.tabs.tabText(number).replace("&", "")
            action = self._action(title, lambda _c=False, n=number: self._show_tab(n))
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self._action("问题列表(&L)", self._focus_problems, "F8"))

    # -- the session and its pages ----------------------------------------------------------

    def _show_session(self, session: Session) -> None:
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self._build_pages(session)
        self.problems = ProblemsPanel(session, self.dock)
        self.problems.finding_activated.connect(self.show_finding)
        self.dock.setWidget(self.problems)
        session.report_changed.connect(self._show_status)
        self._fill_view_menu()
        self._show_title()
        self._show_status()

    def _build_pages(self, session: Session) -> None:
        old_pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
        self.tabs.clear()
        for page in old_pages:
            if page is not None:
                page.deleteLater()
        self.table_views: dict[str, TableView] = {}
        for table in session.form.tables:
            view = TableView(TableModel(session, table), self.tabs)
            self.table_views[table.id] = view
            self.tabs.addTab(view, f"{table.annex} {table.title}".strip())
        self.narrative = NarrativePage(session, self.tabs)
        self.tabs.addTab(self.narrative, "报告正文")
        self.header = HeaderPage(session, self.tabs)
        self.tabs.addTab(self.header, "报告信息与签署")
        self.history = HistoryPage(session, self.tabs)
        self.tabs.addTab(self.history, "历年数据")

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
        self.status.setText(self.session.report.summary())

    def _show_tab(self, number: int) -> None:
        self.tabs.setCurrentIndex(number)
        self.tabs.currentWidget().setFocus()

    @Slot()
    def _focus_problems(self) -> None:
        self.problems.view.setFocus()

    # -- findings ---------------------------------------------------------------------------

    @Slot(object)
    def show_finding(self, finding: Finding) -> None:
        """Select the cells of a finding, or focus the header/signatory field it is about."""
        place = finding.cells[0]
        table = self.session.form.index.cell_tables.get(place)
        if table is not None:
            view = self.table_views[table.id]
            self.tabs.setCurrentWidget(view)
            view.select_cells(finding.cells)
        elif self.header.fields.get(place) is not None:
            self.tabs.setCurrentWidget(self.header)
            self.header.focus_field(place)

    # -- files --------------------------------------------------------------------------------

    @Slot()
    def new_report(self) -> None:
        if not self.settle_changes():
            return
        choice = self.ask_new_report()
        if choice is not None:
            document = new_document(choice.form_id, choice.unit, choice.year)
            self.replace_session(Session(document))

    @Slot()
    def ask_and_open(self) -> None:
        path = self.ask_open_path()
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Open a file in place of the current report; on failure keep the current one."""
        if not self.settle_changes():
            return False
        opened = self._read_report(path, "无法打开")
        if opened is None:
            return False
        self.replace_session(Session(opened.document, path))
        self.remember_recent(path)
        if opened.differences:
            self.show_message("打开时发现的差异", "\n".join(opened.differences))
        return True

    @Slot()
    def import_table(self) -> None:
        """文件 → 导入: a foreign Annex 1 table, shown with its mapping report before use."""
        if not self.settle_changes():
            return
        path = self.ask_import_path()
        if path is None:
            return
        from desktop.import_dialog import run_import_dialog

        document = run_import_dialog(self, path)
        if document is not None:
            self.replace_session(Session(document))

    @Slot()
    def new_from_last_year(self) -> None:
        """A new report for the next year: unit, contact and names from last year's file."""
        if not self.settle_changes():
            return
        path = self.ask_open_path()
        if path is None:
            return
        from forms.importing.carry import follow_on

        opened = self._read_report(path, "无法读取上年年报")
        if opened is not None:
            self.replace_session(Session(follow_on(opened.document)))

    def _read_report(self, path: Path, failure_title: str) -> Opened | None:
        """A report file read through ``forms.xlsx``; on failure a Chinese message and None."""
        from forms.xlsx import open_document  # openpyxl: imported when first needed

        try:
            return open_document(path)
        except (NianbaoError, DocumentError, DefinitionError) as exc:
            self.show_error(failure_title, str(exc))
        except OSError as exc:
            detail = exc.strerror or exc
            self.show_error(failure_title, render("F007", path=path, detail=detail))
        return None

    @Slot()
    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._write(self.session.path)

    @Slot()
    def save_as(self) -> bool:
        path = self.ask_save_path(FILE_FILTER, ".xlsx")
        return path is not None and self._write(with_suffix(path, ".xlsx"))

    def _write(self, path: Path) -> bool:
        from forms.xlsx import save_document

        try:
            with printing.busy():
                save_document(self.session.document, path)
        except NianbaoError as exc:
            return self._fail("无法保存", exc.message)
        except OSError as exc:
            return self._fail("无法保存", render("F008", path=path, detail=exc.strerror or exc))
        self.session.mark_saved(path)
        self.recovery.discard()
        self.remember_recent(path)
        self._show_title()
        self.statusBar().showMessage(f"已保存到 {path}", 5000)
        return True

    def _fail(self, title: str, message: str) -> bool:
        self.show_error(title, message)
        return False

    def settle_changes(self) -> bool:
        """True when the current report may be replaced or closed (saved or given up)."""
        if not self.session.is_modified:
            return True
        answer = self.ask_save_changes()
        if answer == SAVE:
            return self.save()
        return answer == DISCARD

    # -- recent files -----------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        value = self.settings.value(RECENT_KEY, [])
        names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [Path(name) for name in names]

    def remember_recent(self, path: Path) -> None:
        paths = [path.resolve(), *(p for p in self.recent_files() if p != path.resolve())]
        self.settings.setValue(RECENT_KEY, [str(p) for p in paths[:MAX_RECENT]])

    @Slot()
    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for number, path in enumerate(self.recent_files(), start=1):
            action = self._action(
                f"&{number} {path.name}", lambda _c=False, p=path: self.open_path(p)
            )
            action.setToolTip(str(path))
            self.recent_menu.addAction(action)
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("（无）").setEnabled(False)

    # -- recovery ---------------------------------------------------------------------------

    @Slot()
    def _on_autosave(self) -> None:
        if self.session.is_modified:
            try:
                self.recovery.write(self.session.document)
            except OSError as exc:
                self.statusBar().showMessage(f"无法写入恢复文件：{exc.strerror or exc}", 5000)
        else:
            self.recovery.discard()

    def offer_recovery(self) -> bool:
        """Offer the copies left by a crashed run, newest first; True when one was restored.

        A copy the user declines is deleted; so is a copy with the same content as one
        already offered (the autosave and the crash handler may both have written it).
        """
        offered: set[str] = set()
        for path in orphans(self.recovery.folder):
            document = self._read_orphan(path)
            if document is None or document.to_json() in offered:
                remove_orphan(path)
                continue
            offered.add(document.to_json())
            restore = self.ask_restore(document)
            remove_orphan(path)
            if restore:
                self._restore(document)
                return True
        return False

    def _read_orphan(self, path: Path) -> Document | None:
        try:
            document = read_orphan(path)
            document.form  # noqa: B018 - the form must exist for the copy to be usable
        except (DocumentError, DefinitionError) as exc:
            self.show_error("无法恢复", f"恢复文件“{path.name}”已损坏，已删除：{exc}")
            return None
        return document

    def _restore(self, document: Document) -> None:
        session = Session(document)
        session.undo_stack.resetClean()
        self.replace_session(session)
        self._on_autosave()

    # -- printing ----------------------------------------------------------------------------

    @Slot()
    def export_pdf(self) -> bool:
        chosen = self.ask_save_path(PDF_FILTER, ".pdf")
        if chosen is None:
            return False
        path = with_suffix(chosen, ".pdf")
        if not self._render(lambda: printing.export_pdf(self.session.document, path)):
            return False
        self.statusBar().showMessage(f"已导出 {path}", 5000)
        return True

    @Slot()
    def print_preview(self) -> None:
        pages = self._pages(printing.PREVIEW_DPI)
        if pages is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle("打印预览")
        dialog.paintRequested.connect(lambda target: printing.paint_pages(target, pages))
        dialog.exec()

    @Slot()
    def print_report(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        pages = self._pages(printing.PRINT_DPI)
        if pages is not None:
            printing.paint_pages(printer, pages)

    def _pages(self, dpi: int) -> list[QImage] | None:
        pages: list[QImage] = []
        document = self.session.document
        ok = self._render(lambda: pages.extend(printing.document_pages(document, dpi)))
        return pages if ok else None

    def _render(self, job: Callable[[], object]) -> bool:
        try:
            job()
        except NianbaoError as exc:
            return self._fail("无法打印", exc.message)
        except Exception as exc:  # the renderer is a boundary: show, never crash
            return self._fail("无法打印", f"生成 PDF 时出错：{exc}")
        return True

    # -- questions to the user (methods, so tests can answer them) ----------------------------

    def ask_save_changes(self) -> str:
        box = QMessageBox(QMessageBox.Icon.Question, "保存更改", "", parent=self)
        box.setText(f"“{self.windowTitle().replace('[*]', '')}”有未保存的更改，是否保存？")
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
        box.setDefaultButton(buttons.Save)
        answer = box.exec()
        return {buttons.Save: SAVE, buttons.Discard: DISCARD}.get(
            QMessageBox.StandardButton(answer), CANCEL
        )

    def ask_open_path(self) -> Path | None:
        return ask_path(self, "打开年报", self._folder(), FILE_FILTER, save=False)

    def ask_import_path(self) -> Path | None:
        return ask_path(self, "导入统计表", self._folder(), IMPORT_FILTER, save=False)

    def ask_save_path(self, file_filter: str, suffix: str) -> Path | None:
        return ask_path(self, "保存为", self._folder(), file_filter, save=True)

    def ask_new_report(self) -> NewReport | None:
        dialog = NewReportDialog(available_forms(), self.session.document.unit, self)
        return dialog.choice() if dialog.exec() == NewReportDialog.DialogCode.Accepted else None

    def ask_restore(self, document: Document) -> bool:
        text = (
            f"上次运行时“{document.unit or '未命名单位'}”的{document.year}年年报没有正常关闭，"
            "留有自动保存的恢复副本。是否恢复？"
        )
        answer = QMessageBox.question(self, "恢复未保存的年报", text)
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    def show_message(self, title: str, message: str) -> None:
        QMessageBox.information(self, title, message)

    def _folder(self) -> str:
        return str(self.session.path.parent) if self.session.path else str(Path.home())

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


def with_suffix(path: Path, suffix: str) -> Path:
    """The path with ``suffix`` added unless it already ends so (保存为 “年报” → 年报.xlsx)."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return files[0] if files else None
