"""The ``check`` subcommand of the command line: a report file's findings, as lines or JSON.

Exit codes: 0 no problems, 1 warnings only (or print warnings), 2 errors. What the reviewer
changed in WPS/Excel is listed first (``[改动]``); an approval that still holds is named last.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from forms.review import approval_holds, approval_line
from forms.validation.engine import BLANK_CODE, Report, validate

if TYPE_CHECKING:
    from forms.printable import PrintWarning

EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2


def run_check(args: argparse.Namespace) -> int:
    """``nianbao check FILE [--json]``: every finding, the print warnings and the summary."""
    from forms.printable import print_warnings
    from forms.xlsx import open_document

    opened = open_document(args.file)
    report = validate(opened.document)
    printing = print_warnings(opened.document)
    if args.json:
        data = _report_json(report, opened.differences)
        data["findings"] += [_print_warning_json(warning) for warning in printing]  # type: ignore[operator]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_report(report, opened.differences, printing)
        if approval_holds(opened.document):
            print(approval_line(opened.document))
    if any(finding.is_error for finding in report.findings):
        return EXIT_ERRORS
    return EXIT_WARNINGS if report.warnings or printing else EXIT_OK


def _report_json(report: Report, differences: list[str]) -> dict[str, object]:
    return {
        "status": report.status.value,
        "findings": [
            {
                "key": f.key,
                "code": f.code,
                "severity": f.severity.value,
                "message": f.message,
                "cells": list(f.cells),
                "explained": f.key in report.explained,
            }
            for f in report.findings
        ],
        "edited_outside_app": differences,
    }


def _print_warning_json(warning: PrintWarning) -> dict[str, object]:
    return {
        "key": f"print.{warning.code}.{warning.place}",
        "code": warning.code,
        "severity": "warning",
        "message": warning.message,
        "cells": [warning.place],
        "explained": False,
    }


def _print_report(
    report: Report, differences: list[str], printing: Sequence[PrintWarning] = ()
) -> None:
    for line in differences:
        print(f"[改动] {line}")
    for finding in report.findings:
        mark = "未填" if finding.code == BLANK_CODE else "错误" if finding.is_error else "警告"
        explained = "（已说明）" if finding.key in report.explained else ""
        print(f"[{mark} {finding.code}] {finding.message}{explained}  位置：{finding.cells[0]}")
    for warning in printing:
        print(f"[警告 {warning.code}] {warning.message}  位置：{warning.place}")
    print(report.summary())
