"""The window's file actions: new, open, a demo, import, save, recent files and recovery.

:class:`FileActions` is the base of the main window: it holds what the window does with files
and the questions it asks about them (save changes? which file? restore?). The questions are
methods, so tests can answer them. A failure to open or save leaves the current report
untouched and is shown as a Chinese message, never as a traceback.

A file is stamped (``forms.atomic.stamp_of``) before it is read and after each save; saving
over it checks the stamp, so a change another program made meanwhile is never overwritten
silently: the window offers 另存为 (or, asked, 覆盖). An autosave never ends the app: any
failure is logged and shown in the status bar.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox

from desktop import printing
from desktop.dialogs import (
    NewReport,
    NewReportDialog,
    ask_path,
    documents_folder,
    file_name_for,
)
from desktop.recovery import RecoveryCopy, orphans, read_orphan, remove_orphan
from desktop.session import Session
from forms.atomic import Stamp, save_error, stamp_of
from forms.codes import NianbaoError, render
from forms.definition import DefinitionError
from forms.definition_files import available_forms
from forms.demo import load_demo
from forms.document import Document, DocumentError, new_document

if TYPE_CHECKING:
    from forms.xlsx import Opened  # openpyxl: not at start-up

FILE_FILTER = "年报文件 (*.xlsx)"
RECENT_KEY = "recent_files"
MAX_RECENT = 8
READ_FAILURES = (NianbaoError, DocumentError, DefinitionError, OSError)
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
SAVE_AS, OVERWRITE = "save_as", "overwrite"
CHANGED_ON_DISK = "F049"

logger = logging.getLogger("nianbao.files")


@dataclass(frozen=True)
class OnDisk:
    """The file a session was read from or last saved to, as it was then."""

    session: Session
    path: Path
    stamp: Stamp


class FileActions(QMainWindow):
    """Files in and out of the window; the window itself builds the pages of a session."""

    session: Session
    settings: QSettings
    recovery: RecoveryCopy
    recent_menu: QMenu
    on_disk: OnDisk | None = None

    def replace_session(self, session: Session) -> None:
        raise NotImplementedError  # the main window shows the new report

    def _show_title(self) -> None:
        raise NotImplementedError

    # -- reports in ---------------------------------------------------------------------------

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
        stamp = _stamp(path)  # before reading: a change made while reading is caught too
        opened = self._read_report(path, "无法打开")
        if opened is None:
            return False
        self.replace_session(Session(opened.document, path))
        if stamp is not None:
            self.on_disk = OnDisk(self.session, path, stamp)
        self.remember_recent(path)
        if opened.differences:
            self.show_message("打开时发现的差异", "\n".join(opened.differences))
        return True

    def open_demo(self, form_id: str) -> bool:
        """An untitled copy of a form's demo report (保存 asks where to put it)."""
        if not self.settle_changes():
            return False
        self.replace_session(Session(load_demo(form_id)))
        return True

    def _read_report(self, path: Path, failure_title: str) -> Opened | None:
        """A report file read through ``forms.xlsx``; on failure a Chinese message and None."""
        from forms.xlsx import open_document  # openpyxl: imported when first needed

        try:
            return open_document(path)
        except READ_FAILURES as exc:
            self.show_error(failure_title, read_failure(path, exc))
        return None

    # -- reports out --------------------------------------------------------------------------

    @Slot()
    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._write(self.session.path)

    @Slot()
    def save_as(self) -> bool:
        path = self.ask_save_path(FILE_FILTER, ".xlsx")
        return path is not None and self._write(with_suffix(path, ".xlsx"))

    def _write(self, path: Path, *, checked: bool = True) -> bool:
        """Save to ``path``; if it changed on disk since read, ask (另存为, 覆盖 or 取消)."""
        from forms.xlsx import save_document

        expected = self._expected(path) if checked else None
        logged = self.session.log_changes()
        try:
            with printing.busy():
                stamp = save_document(self.session.document, path, expected=expected)
        except NianbaoError as exc:
            self.session.forget_changes(logged)
            if exc.code == CHANGED_ON_DISK:
                return self._changed_on_disk(path, exc.message)
            return self._fail("无法保存", exc.message)
        except OSError as exc:
            self.session.forget_changes(logged)
            return self._fail("无法保存", save_error(path, exc).message)
        self.on_disk = OnDisk(self.session, path, stamp)
        self.session.mark_saved(path)
        self.recovery.discard()
        self.remember_recent(path)
        self._show_title()
        self.statusBar().showMessage(f"已保存到 {path}", 5000)
        return True

    def _expected(self, path: Path) -> Stamp | None:
        """The stamp the file at ``path`` must still have, if this session read or wrote it."""
        known = self.on_disk
        if known is None or known.session is not self.session:
            return None
        return known.stamp if _same_place(known.path, path) else None

    def _changed_on_disk(self, path: Path, message: str) -> bool:
        answer = self.ask_changed_on_disk(message)
        if answer == SAVE_AS:
            return self.save_as()
        if answer == OVERWRITE:
            return self._write(path, checked=False)
        return False

    def _fail(self, title: str, message: str) -> bool:
        self.show_error(title, message)
        return False

    def settle_changes(self) -> bool:
        """True when the current report may be replaced or closed (saved or given up)."""
        self.keep_typing()
        if not self.session.is_modified:
            return True
        answer = self.ask_save_changes()
        if answer == SAVE:
            return self.save()
        return answer == DISCARD

    def keep_typing(self) -> None:
        """What the field with the focus holds becomes the report's before the window judges
        it saved or not: a date typed and the window then closed with the mouse was lost (a
        date field keeps its text on leaving). The field keeps the focus."""
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            return
        focused.clearFocus()  # leaving it: the field keeps what it holds
        focused.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- recent files -----------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        value = self.settings.value(RECENT_KEY, [])
        names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [Path(name) for name in names]

    def remember_recent(self, path: Path) -> None:
        paths = [path.resolve(), *(p for p in self.recent_files() if p != path.resolve())]
        self.settings.setValue(RECENT_KEY, [str(p) for p in paths[:MAX_RECENT]])
        self.settings.sync()  # kept even if the app is killed or crashes later

    @Slot()
    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for number, path in enumerate(self.recent_files(), start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
            action.setToolTip(str(path))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("（无）").setEnabled(False)

    # -- recovery ---------------------------------------------------------------------------

    @Slot()
    def _on_autosave(self) -> None:
        """Write or drop the recovery copy; a failure of any kind is logged and shown."""
        try:
            if self.session.is_modified:
                self.recovery.write(self.session.document)
            else:
                self.recovery.discard()
        except Exception as exc:  # the app must outlive any autosave failure
            logger.exception("自动保存失败")
            self.statusBar().showMessage(render("F051", detail=_reason(self.recovery.path, exc)))

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

    def ask_changed_on_disk(self, message: str) -> str:
        """The file changed on disk since it was read: 另存为 (default), 覆盖 or 取消."""
        box = QMessageBox(QMessageBox.Icon.Warning, "文件已被其他程序修改", message, parent=self)
        box.setObjectName("changedOnDisk")
        save_as = box.addButton("另存为…", QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton("覆盖", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        return SAVE_AS if clicked is save_as else OVERWRITE if clicked is overwrite else CANCEL

    def ask_open_path(self) -> Path | None:
        return ask_path(self, "打开年报", self._folder(), FILE_FILTER, save=False)

    def ask_save_path(self, file_filter: str, suffix: str) -> Path | None:
        name = self.suggested_name(suffix)
        return ask_path(self, "保存为", self._folder(), file_filter, save=True, name=name)

    def suggested_name(self, suffix: str) -> str:
        """The report's own file name with ``suffix``; for an untitled one, unit and title."""
        if self.session.path is not None:
            return self.session.path.with_suffix(suffix).name
        document = self.session.document
        return file_name_for(document.unit, document.title(), suffix)

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
        return str(self.session.path.parent if self.session.path else documents_folder())


def with_suffix(path: Path, suffix: str) -> Path:
    """The path with ``suffix`` added unless it already ends so (保存为 “年报” → 年报.xlsx)."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def read_failure(path: Path, exc: Exception) -> str:
    """Why ``path`` could not be read as a report, in Chinese."""
    if isinstance(exc, OSError):
        return render("F007", path=path, detail=exc.strerror or exc)
    return str(exc)


def _stamp(path: Path) -> Stamp | None:
    """The file's stamp before reading; None when it cannot be read (the reader says why)."""
    try:
        return stamp_of(path)
    except OSError:
        return None


def _same_place(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return one == other


def _reason(path: Path, exc: Exception) -> str:
    """Why an autosave failed, in Chinese (a coded message where there is one)."""
    if isinstance(exc, NianbaoError | OSError):
        return save_error(path, exc).message
    return f"程序错误 {type(exc).__name__}"
