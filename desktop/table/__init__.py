"""The statistical tables of the window: model, grid view, grouped header, clipboard."""

from desktop.table.model import FIRST_VALUE_COLUMN, LABEL_COLUMN, UNIT_COLUMN, TableModel
from desktop.table.view import TableView

__all__ = ["FIRST_VALUE_COLUMN", "LABEL_COLUMN", "UNIT_COLUMN", "TableModel", "TableView"]
