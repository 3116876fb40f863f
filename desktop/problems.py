"""The problems panel: every finding with its code, kind and message, and a 说明 for warnings.

Activating a row (click, Enter) emits :attr:`ProblemsPanel.finding_activated`; the window then
selects the cells or focuses the field involved. A warning's 说明 column is edited in place
and stored as ``document.explanations[finding.key]`` through an undoable command. A blank
total over non-zero parts (E002) has one action, 填入各项之和: a button under the list while
its row is current, and in the row's context menu; one undo step.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.finding_order import place_ranks
from desktop.marks import STYLES, Mark, icon, mark_of
from desktop.session import Session
from forms.review import VERDICTS
from forms.validation import Finding
from forms.validation.engine import BLANK_TOTAL_CODE
from forms.values import format_number

KIND_COLUMN, CODE_COLUMN, MESSAGE_COLUMN, EXPLANATION_COLUMN = range(4)
HEADERS = ("类别", "代码", "问题", "说明")
ASK_FOR_EXPLANATION = "（双击填写说明）"
AnyIndex = QModelIndex | QPersistentModelIndex


# the group a row is listed in: a warning keeps its place when it is given a 说明
GROUP = {Mark.ERROR: 0, Mark.WARNING: 1, Mark.EXPLAINED: 1, Mark.BLANK: 2}
EXPLAINED_FOREGROUND = "#6b6b6b"  # an explained warning is greyed, its 说明 stays dark


class ProblemsModel(QAbstractTableModel):
    """The session's findings: errors, then warnings (explained or not), then blanks; in each
    group by where the finding's place is in the report, so that no row jumps when explained."""

    row_changed = Signal(int)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._ranks: tuple[object, dict[str, int]] = (None, {})
        self._rows = self._sorted_rows()
        session.report_changed.connect(self._on_report_changed)
        session.review_changed.connect(lambda _said: self._explanations_changed())

    def _place_ranks(self) -> dict[str, int]:
        """The places' order, built once per form (a keystroke re-sorts the rows)."""
        form, ranks = self._ranks
        if form is not self._session.form:
            ranks = place_ranks(self._session.document)
            self._ranks = (self._session.form, ranks)
        return ranks

    def _sorted_rows(self) -> list[tuple[Finding, Mark]]:
        report, ranks = self._session.report, self._place_ranks()
        last = len(ranks)

        def order(item: tuple[int, Finding, Mark]) -> tuple[int, int, int]:
            position, finding, mark = item
            return (GROUP[mark], ranks.get(finding.cells[0], last), position)

        marked = [(i, f, mark_of(f, report)) for i, f in enumerate(report.findings)]
        return [(finding, mark) for _, finding, mark in sorted(marked, key=order)]

    def finding(self, row: int) -> Finding:
        return self._rows[row][0]

    def row_of(self, key: str) -> int:
        return next((r for r, (f, _m) in enumerate(self._rows) if f.key == key), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        finding = self.finding(index.row())
        if index.column() == EXPLANATION_COLUMN and not finding.is_error:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        finding, mark = self._rows[index.row()]
        column = index.column()
        if (
            role == Qt.ItemDataRole.DisplayRole
            and mark is Mark.WARNING
            and column == EXPLANATION_COLUMN
        ):
            return ASK_FOR_EXPLANATION
        if role == Qt.ItemDataRole.DisplayRole and column == EXPLANATION_COLUMN:
            return self._with_verdict(finding, self._text(finding, mark, column))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(finding, mark, column)
        if role == Qt.ItemDataRole.DecorationRole and column == KIND_COLUMN:
            return icon(mark)
        if role == Qt.ItemDataRole.ToolTipRole and column in (MESSAGE_COLUMN, EXPLANATION_COLUMN):
            text = self._text(finding, mark, column) or "双击此处填写说明"
            return self._with_verdict(finding, text) if column == EXPLANATION_COLUMN else text
        if role == Qt.ItemDataRole.ForegroundRole:
            return _foreground(mark, column)
        return None

    def _text(self, finding: Finding, mark: Mark, column: int) -> str:
        if column == KIND_COLUMN:
            return STYLES[mark].word
        if column == CODE_COLUMN:
            return finding.code
        if column == MESSAGE_COLUMN:
            return finding.message
        if finding.is_error:
            return ""
        return self._session.document.explanations.get(finding.key, "")

    def _with_verdict(self, finding: Finding, text: str) -> str:
        """The 说明 as shown, with the reviewer's word under it (审核：不采纳（陈晓岚）); the
        editor gets the 说明 alone."""
        verdict = self._session.document.review.verdicts.get(finding.key)
        if verdict is None:
            return text
        return f"{text}\n审核：{verdict.state}（{verdict.by}）"

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != EXPLANATION_COLUMN or role != Qt.ItemDataRole.EditRole:
            return False
        # After the editor has closed: the edit re-sorts the rows, which must not happen
        # while the view is still committing from the editor.
        edit = partial(self._session.set_explanation, self.finding(index.row()).key, str(value))
        QTimer.singleShot(0, edit)
        return True

    @Slot()
    def _on_report_changed(self) -> None:
        rows = self._sorted_rows()
        if rows == self._rows:
            self._explanations_changed()
        elif not self._update_in_place(rows):
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()

    def _update_in_place(self, rows: list[tuple[Finding, Mark]]) -> bool:
        """Remove and insert only the rows that came and went, so that the view re-measures
        just those (a reset re-measures every row: too slow for a blank form's 200 rows).
        False when the kept rows changed order; the caller then resets."""
        new_keys = [finding.key for finding, _mark in rows]
        kept, old_keys = set(new_keys), {f.key for f, _m in self._rows}
        old_kept = [f.key for f, _m in self._rows if f.key in kept]
        if old_kept != [key for key in new_keys if key in old_keys]:
            return False
        for row in reversed(range(len(self._rows))):
            if self._rows[row][0].key not in kept:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        old = {f.key for f, _m in self._rows}
        for row, item in enumerate(rows):
            if item[0].key not in old:
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.insert(row, item)
                self.endInsertRows()
            elif self._rows[row] != item:
                self._rows[row] = item
                self.row_changed.emit(row)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        return True

    def _explanations_changed(self) -> None:
        if self._rows:
            top = self.index(0, EXPLANATION_COLUMN)
            bottom = self.index(len(self._rows) - 1, EXPLANATION_COLUMN)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])


def _foreground(mark: Mark, column: int) -> QColor | None:
    """Grey for the hint of an open warning and for an explained warning but its 说明."""
    if mark is Mark.WARNING and column == EXPLANATION_COLUMN:
        return QColor(EXPLAINED_FOREGROUND)
    if mark is Mark.EXPLAINED and column != EXPLANATION_COLUMN:
        return QColor(EXPLAINED_FOREGROUND)
    return None


class ProblemsPanel(QWidget):
    """A summary line above the list of findings."""

    finding_activated = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = ProblemsModel(session, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("问题列表")
        self._remeasure = QTimer(self)  # wrapped rows get their heights once resizing settles
        self._remeasure.setSingleShot(True)
        self._remeasure.setInterval(0)
        self._remeasure.timeout.connect(self.view.resizeRowsToContents)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.fill_button = QPushButton(self)
        self.fill_button.setVisible(False)
        self.fill_button.clicked.connect(self.fill_current_total)
        self._arrange()
        self._show_summary()
        self.view.clicked.connect(self._on_clicked)
        self.view.activated.connect(self._on_clicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_menu)
        self.view.selectionModel().currentRowChanged.connect(self._offer_fill)
        session.report_changed.connect(self._show_summary)
        session.report_changed.connect(self._offer_fill)
        session.review_changed.connect(self._remeasure.start)  # a verdict adds a line

    def _arrange(self) -> None:
        view = self.view
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.setWordWrap(True)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.verticalHeader().setVisible(False)
        header = view.horizontalHeader()
        # Fixed widths: ResizeToContents would measure every row on every edit.
        metrics = view.fontMetrics()
        header.setSectionResizeMode(KIND_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(CODE_COLUMN, QHeaderView.ResizeMode.Fixed)
        # the icon, the longest word and the cell's margins and grid line, on one line
        kind = metrics.horizontalAdvance("已说明") + 2 * metrics.height() + metrics.height() // 2
        view.setColumnWidth(KIND_COLUMN, kind)
        view.setColumnWidth(CODE_COLUMN, metrics.horizontalAdvance("W0000"))
        header.setSectionResizeMode(MESSAGE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(EXPLANATION_COLUMN, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(EXPLANATION_COLUMN, view.fontMetrics().horizontalAdvance("说") * 9)
        # Row heights are measured per row as rows come and change (see _on_rows_*):
        # ResizeToContents would re-measure every row on every edit.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.model.rowsInserted.connect(self._on_rows_inserted)
        self.model.row_changed.connect(view.resizeRowToContents)
        self.model.modelReset.connect(view.resizeRowsToContents)
        header.sectionResized.connect(self._on_section_resized)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(view)
        layout.addWidget(self.fill_button)

    @Slot(QModelIndex, int, int)
    def _on_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self.view.resizeRowToContents(row)

    @Slot(int, int, int)
    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column in (MESSAGE_COLUMN, EXPLANATION_COLUMN):
            self._remeasure.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._remeasure.start()

    def sizeHint(self) -> QSize:
        """Wide enough for a message of about 20 characters a line beside the other columns."""
        return QSize(self.fontMetrics().horizontalAdvance("中") * 36, 400)

    @Slot()
    def _show_summary(self) -> None:
        self.summary.setText(self._session.report.summary())

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.finding_activated.emit(self.model.finding(index.row()))

    def explain(self, key: str) -> None:
        """Open the 说明 editor of the warning with this key (keyboard path to explaining)."""
        row = self.model.row_of(key)
        if row >= 0:
            index = self.model.index(row, EXPLANATION_COLUMN)
            self.view.setCurrentIndex(index)
            self.view.edit(index)

    # -- the one action of a blank total (E002) ----------------------------------------------

    def _blank_total_at(self, row: int) -> str | None:
        """The total cell of the E002 finding in ``row``, if it is one."""
        if not 0 <= row < self.model.rowCount():
            return None
        finding = self.model.finding(row)
        return finding.cells[0] if finding.code == BLANK_TOTAL_CODE else None

    def fill_label(self, cell: str) -> str:
        return f"填入各项之和（{format_number(self._session.parts_sum(cell), grouping=True)}）"

    @Slot()
    def _offer_fill(self) -> None:
        cell = self._blank_total_at(self.view.currentIndex().row())
        self.fill_button.setVisible(cell is not None)
        if cell is not None:
            self.fill_button.setText(self.fill_label(cell))

    @Slot()
    def fill_current_total(self) -> None:
        cell = self._blank_total_at(self.view.currentIndex().row())
        if cell is not None:
            self._session.fill_total(cell)

    @Slot(QPoint)
    def _show_menu(self, point: QPoint) -> None:
        row = self.view.indexAt(point).row()
        if not 0 <= row < self.model.rowCount():
            return
        finding, cell = self.model.finding(row), self._blank_total_at(row)
        menu = QMenu(self)
        fill = menu.addAction(self.fill_label(cell)) if cell is not None else None
        verdicts = {} if finding.is_error else self.verdict_actions(menu, finding.key)
        if not menu.actions():
            menu.deleteLater()
            return
        chosen = menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()
        if chosen is not None and chosen is fill and cell is not None:
            self._session.fill_total(cell)  # after the menu closed: the fill removes this row
        elif chosen in verdicts:
            self.give_verdict(finding.key, verdicts[chosen])

    def verdict_actions(self, menu: QMenu, key: str) -> dict[QAction, str]:
        """审核人核实: 待核实 / 已核实 / 不采纳, the current one checked."""
        current = self._session.document.review.verdicts.get(key)
        actions = {}
        for state in VERDICTS:
            action = menu.addAction(f"核实：{state}")
            action.setCheckable(True)
            action.setChecked(current is not None and current.state == state)
            actions[action] = state
        return actions

    def give_verdict(self, key: str, state: str) -> None:
        reviewer = self._session.reviewer() or "审核人"
        self._session.set_verdict(key, state, reviewer)
