"""The ``import``, ``export-csv`` and ``import-csv`` subcommands of the command line.

Each prints what it did on stdout and returns the exit code: 0 when everything was read,
1 when the result was written but the report lists rows not found, ambiguous labels or
values kept as typed, 2 on a usage error. Errors with a code propagate to ``forms.cli``.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from forms.atomic import Stamp

EXIT_OK, EXIT_NOTES, EXIT_USAGE = 0, 1, 2


def run_import(args: argparse.Namespace) -> int:
    """``nianbao import FILE [--form ID] -o OUT.xlsx``: a table or a report into a new report.

    FILE is a workbook (.xlsx .xls), a Word file (.docx), a saved web page (.html .htm) or a
    PDF with a text layer. Dashes ("-", "—", "/") in value cells are read as 0 by default: in
    published tables they mean "nothing happened", and leaving them blank would only make the
    filer type the zeros; every such cell is listed in the report, and ``--dashes blank``
    keeps them blank.
    """
    from forms.importing import Reading
    from forms.importing.sources import import_file
    from forms.xlsx import save_document

    reading = Reading(dashes_as_zero=getattr(args, "dashes", "zero") == "zero")
    form = getattr(args, "form", None)
    imported = import_file(args.file, form, args.unit, args.year, reading)
    print("\n".join(imported.report.lines()))
    if imported.report.form_reason:
        print("（可用 --form 指定其他格式）")
    if not imported.document.year:
        print("错误：表格中没有找到报告年度，请用 --year 指定（未写出文件）", file=sys.stderr)
        return EXIT_USAGE
    save_document(imported.document, args.output)
    print(f"已导入到：{args.output}")
    return EXIT_OK if imported.report.clean else EXIT_NOTES


def run_export_csv(args: argparse.Namespace) -> int:
    """``nianbao export-csv FILE.xlsx -o OUT.csv``: the figures as id,value pairs."""
    from forms.csvio import export_csv
    from forms.xlsx import open_document

    document = open_document(args.file).document
    export_csv(document, args.output)
    print(f"已导出 {len(document.form.index.cell_order)} 项到：{args.output}")
    return EXIT_OK


def run_import_csv(args: argparse.Namespace) -> int:
    """``nianbao import-csv FILE.xlsx IN.csv``: put the CSV's figures into the report file.

    The file is stamped before it is read: if another program changes it before the save,
    the save is refused (F049) rather than overwriting that change.
    """
    from forms.csvio import apply_csv
    from forms.review import record_changes, void_if_changed
    from forms.xlsx import open_document, save_document

    before = _stamp(args.file)
    document = open_document(args.file).document
    as_read = copy.deepcopy(document)
    result = apply_csv(document, args.csv)
    record_changes(as_read, document)  # the file's change log (forms.review)
    void_if_changed(document)
    save_document(document, args.file, expected=before)
    print("\n".join(result.lines()))
    print(f"已更新：{args.file}")
    return EXIT_NOTES if result.notes else EXIT_OK


def _stamp(path: Path) -> Stamp | None:
    """The file's stamp, or None when it cannot be read (the reader then says why, coded)."""
    from forms.atomic import stamp_of

    try:
        return stamp_of(path)
    except OSError:
        return None
