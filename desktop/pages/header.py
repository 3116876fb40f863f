"""The report header, the contact line and the signatory block as a form of fields.

Every field edit is an undoable command through the session; the core's field checks
(``Validation.recheck_fields``) mark a field at fault with the finding's colour, a border
and its message as tooltip. Dates (填报日期, 成文日期) are typed as people write them or
picked from a calendar, and kept as ISO text.
"""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR, date

from PySide6.QtCore import QDate, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLineEdit,
    QMenu,
    QScrollArea,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from desktop.marks import STYLES, Mark, icon
from desktop.session import CONTACT_PREFIX, HEADER_UNIT, SIGN_PREFIX, Session
from forms.definition import SignatoryField
from forms.validation.cells import chinese_date, parse_date

HEADER_YEAR = "header.year"
MODIFIER_KEYS = {Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta}


class DateField(QLineEdit):
    """A date typed as people write it (2026-01-20, 2026年1月20日, 2026/1/20, 2026.1.20) or
    picked from a calendar (the button at its end, or Alt+Down).

    The document keeps a readable date as ISO text and anything else as typed, so that the
    signatory check (S003) can name what is wrong; the field shows dates as 2026年1月20日.
    """

    chosen = Signal()  # a date was typed (on leaving the field) or picked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_example(date.today().year - 1)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip("从日历中选择日期")
        self.calendar_action.triggered.connect(self.show_calendar)
        self.editingFinished.connect(self._on_typed)
        self.calendar: QCalendarWidget | None = None

    def show_example(self, report_year: int) -> None:
        """The hint of an empty field: a date when such a report is filed (:func:`example_date`)."""
        example = chinese_date(example_date(report_year))
        self.setPlaceholderText(f"如 {example}（Alt+↓ 打开日历）")

    def stored_text(self) -> str:
        """What the document keeps: ISO for a readable date, else the text as typed."""
        parsed = parse_date(self.text())
        return parsed.isoformat() if parsed else self.text().strip()

    def show_text(self, text: str) -> None:
        parsed = parse_date(text)
        shown = chinese_date(parsed) if parsed else text
        if shown != self.text():
            self.setText(shown)

    def show_calendar(self) -> None:
        """A calendar under the field, open at its date (today when it has none)."""
        parsed = parse_date(self.text())
        start = QDate(parsed.year, parsed.month, parsed.day) if parsed else QDate.currentDate()
        menu = QMenu(self)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setSelectedDate(start)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(lambda day: self._pick(day, menu))
        self.calendar.activated.connect(lambda day: self._pick(day, menu))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.setFocus()

    def event(self, event: QEvent) -> bool:
        """A window shortcut pressed here (Ctrl+S, Ctrl+P, Ctrl+Q…) acts on the date as typed:
        the field keeps it first. It kept it only on leaving, so Ctrl+S saved the old date."""
        handled = super().event(event)
        override = event.type() == QEvent.Type.ShortcutOverride and not event.isAccepted()
        if override and isinstance(event, QKeyEvent) and _window_shortcut(event):
            self._on_typed()
        return handled

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt_down and event.key() == Qt.Key.Key_Down:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def _pick(self, day: QDate, menu: QMenu) -> None:
        menu.close()
        self.setText(chinese_date(date(day.year(), day.month(), day.day())))
        self.chosen.emit()

    def _on_typed(self) -> None:
        if self.isModified():
            self.setModified(False)
            self.chosen.emit()


def example_date(report_year: int) -> date:
    """20 January of the year after the report's: reports are filed and issued early in the
    next year (by 31 January). This year's date for a year no calendar can follow."""
    year = report_year + 1 if MINYEAR <= report_year < MAXYEAR else date.today().year
    return date(year, 1, 20)


def _window_shortcut(event: QKeyEvent) -> bool:
    """Ctrl+…, Alt+… or F1…F12, not the modifier key alone (plain typing never is)."""
    key, modifiers = event.key(), event.modifiers()
    if key in MODIFIER_KEYS:
        return False
    held = modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    return bool(held) or Qt.Key.Key_F1 <= key <= Qt.Key.Key_F12


class HeaderPage(QScrollArea):
    """Unit, year, contact line and signatories, each field keyed like its findings."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.fields: dict[str, QWidget] = {}
        self.mark_actions: dict[str, QAction] = {}  # the mark's icon inside a text field
        self._shown_marks: dict[str, object] = {}  # the mark each field shows now
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(self._header_group())
        layout.addWidget(self._contact_group())
        for group in self._signatory_groups():
            layout.addWidget(group)
        layout.addStretch(1)
        _align_labels(body)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)  # as the other pages
        self.setFocusProxy(next(iter(self.fields.values())))  # the page's first field
        # a click between fields must not hand the keyboard to that first field (it did, and
        # typing went into 填报单位): the page itself never takes focus from the mouse
        for widget in (self, self.viewport(), body):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._show_document()
        self._show_marks()
        session.fields_changed.connect(self._show_document)
        session.report_changed.connect(self._show_marks)

    # -- building -------------------------------------------------------------------------

    def _header_group(self) -> QGroupBox:
        group, form = _group("报告信息", self)
        self._add_line(form, HEADER_UNIT, "填报单位(&U)：")
        year = QSpinBox(group)
        year.setRange(0, 9999)
        year.setGroupSeparatorShown(False)
        year.setKeyboardTracking(False)  # 2025 typed is one change, not 2, 20, 202 and 2025
        year.valueChanged.connect(self._on_year_changed)
        self._add(form, HEADER_YEAR, "报告年度(&Y)：", year)
        return group

    def _contact_group(self) -> QGroupBox:
        group, form = _group("联系方式（用于前言）", self)
        for item in self._session.form.contact:
            self._add_line(form, CONTACT_PREFIX + item.id, f"{item.label}：")
        return group

    def _signatory_groups(self) -> list[QGroupBox]:
        """签署栏 (the signatory line) and, where the form has one, 落款 (成文日期)."""
        fields = self._session.form.signatories
        line = [field for field in fields if field.signatory_line]
        closing = [field for field in fields if not field.signatory_line]
        named = [("签署栏", line), ("落款（署填报单位名称，加盖公章）", closing)]
        return [self._signatory_group(title, group) for title, group in named if group]

    def _signatory_group(self, title: str, fields: list[SignatoryField]) -> QGroupBox:
        group, form = _group(title, self)
        for field in fields:
            place = SIGN_PREFIX + field.id
            if field.kind == "date":
                picker = DateField(group)
                picker.chosen.connect(
                    lambda place=place, picker=picker: self._on_date(place, picker)
                )
                self._add(form, place, f"{field.label}：", picker)
            else:
                self._add_line(form, place, f"{field.label}：")
        return group

    def _add_line(self, form: QFormLayout, place: str, label: str) -> None:
        line = QLineEdit()
        line.textEdited.connect(lambda text, place=place: self._session.set_field(place, text))
        mark = line.addAction(QIcon(), QLineEdit.ActionPosition.TrailingPosition)
        mark.setVisible(False)
        self.mark_actions[place] = mark
        self._add(form, place, label, line)

    def _add(self, form: QFormLayout, place: str, label: str, widget: QWidget) -> None:
        widget.setAccessibleName(label.rstrip("：").replace("(&", "").split(")")[0])
        self.fields[place] = widget
        form.addRow(label, widget)

    # -- reacting -------------------------------------------------------------------------

    @Slot(int)
    def _on_year_changed(self, year: int) -> None:
        self._session.set_year(year)

    def _on_date(self, place: str, picker: DateField) -> None:
        if picker.stored_text() != self._session.field_text(place):
            self._session.set_field(place, picker.stored_text())
        picker.show_text(picker.stored_text())

    @Slot()
    def _show_document(self) -> None:
        for place, widget in self.fields.items():
            widget.blockSignals(True)
            if isinstance(widget, DateField):
                widget.show_text(self._session.field_text(place))
                widget.show_example(self._session.document.year)
            elif isinstance(widget, QLineEdit) and widget.text() != self._session.field_text(place):
                widget.setText(self._session.field_text(place))
            elif isinstance(widget, QSpinBox):
                widget.setValue(self._session.document.year)
            widget.blockSignals(False)

    @Slot()
    def _show_marks(self) -> None:
        """Mark the fields at fault; a field whose mark did not change is left alone (restyling
        all fourteen on every keystroke in a table cost about 1 ms)."""
        marks = self._session.marks
        for place, widget in self.fields.items():
            marked = marks.get(place)
            if self._shown_marks.get(place) == marked:
                continue
            self._shown_marks[place] = marked
            widget.setToolTip("\n".join(marked[1]) if marked else "")
            widget.setStyleSheet(_field_style(marked[0]) if marked else "")
            widget.setAccessibleDescription(widget.toolTip())
            action = self.mark_actions.get(place)
            if action is not None:
                action.setVisible(marked is not None)
                action.setIcon(icon(marked[0]) if marked else QIcon())
                action.setToolTip(widget.toolTip())

    def focus_field(self, place: str) -> bool:
        widget = self.fields.get(place)
        if widget is None:
            return False
        self.ensureWidgetVisible(widget)
        widget.setFocus()
        return True


def _group(title: str, parent: QWidget) -> tuple[QGroupBox, QFormLayout]:
    group = QGroupBox(title, parent)
    form = QFormLayout(group)
    return group, form


def _align_labels(body: QWidget) -> None:
    """One label width in every group, so that all the fields start at the same x."""
    forms = body.findChildren(QFormLayout)
    labels = [
        form.labelForField(form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget())
        for form in forms
        for row in range(form.rowCount())
    ]
    width = max(label.sizeHint().width() for label in labels if label is not None)
    for label in labels:
        if label is not None:
            label.setMinimumWidth(width)


def _field_style(mark: Mark) -> str:
    style = STYLES[mark]
    return f"background: {style.background}; border: 2px solid {style.border};"
