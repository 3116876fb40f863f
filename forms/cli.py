"""The command line: ``nianbao check|new|demo|pdf|import …``, headless, no Qt.

Each subcommand is a small function taking parsed arguments and returning an exit code.
Usage errors and unreadable files print one clear line on stderr, never a traceback.
Exit codes of ``check``: 0 no problems, 1 warnings only, 2 errors.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from forms.codes import NianbaoError
from forms.definition import DefinitionError, available_forms
from forms.document import Document, DocumentError, new_document
from forms.validation import Report, validate

EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2, 2
SUBCOMMANDS = ("check", "new", "demo", "pdf", "import", "export-csv", "import-csv")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one Chinese line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nianbao", description="政府信息公开工作年度报告：填报、审核、打印")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = sub.add_parser("check", help="审核年报文件，列出问题")
    check.add_argument("file", type=Path)
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    new = sub.add_parser("new", help="新建空白年报文件")
    new.add_argument("--form", default="gov-info-2018", help="报表格式 id")
    new.add_argument("--unit", help="填报单位名称")
    new.add_argument("--year", type=int, help="报告年度")
    new.add_argument(
        "--from",
        dest="last_year",
        type=Path,
        help="由上年年报文件新建（沿用单位、联系方式、签署人）",
    )
    new.add_argument("-o", "--output", type=Path, required=True)
    demo = sub.add_parser("demo", help="写出示例年报（平川区2018年）")
    demo.add_argument("-o", "--output", type=Path, required=True)
    pdf = sub.add_parser("pdf", help="把年报文件打印成 PDF")
    pdf.add_argument("file", type=Path)
    pdf.add_argument("-o", "--output", type=Path, required=True)
    imp = sub.add_parser("import", help="从其他单位或旧表格导入统计表")
    imp.add_argument("file", type=Path)
    imp.add_argument("-o", "--output", type=Path, required=True)
    imp.add_argument("--unit", default="", help="填报单位名称")
    imp.add_argument("--year", type=int, default=0, help="报告年度")
    exp_csv = sub.add_parser("export-csv", help="把统计数导出为 id,value 的 CSV")
    exp_csv.add_argument("file", type=Path)
    exp_csv.add_argument("-o", "--output", type=Path, required=True)
    imp_csv = sub.add_parser("import-csv", help="把 id,value 的 CSV 填入年报文件")
    imp_csv.add_argument("file", type=Path, help="年报文件（.xlsx），将被更新")
    imp_csv.add_argument("csv", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    _tolerate_narrow_consoles()
    try:
        args = build_parser().parse_args(args_list)
        return _COMMANDS[args.command](args)
    except _UsageError as exc:
        print(f"用法错误：{exc}（nianbao --help 查看用法）", file=sys.stderr)
        return EXIT_USAGE
    except (NianbaoError, DocumentError, DefinitionError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `nianbao check x.xlsx | head`: the reader has gone, not an error
        _discard_stdout()
        return EXIT_OK


def _discard_stdout() -> None:
    """Point stdout at the null device so Python's exit flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _tolerate_narrow_consoles() -> None:
    """A Windows console in GBK cannot show every character: print ? instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _check(args: argparse.Namespace) -> int:
    from forms.xlsx import open_document

    opened = open_document(args.file)
    report = validate(opened.document)
    if args.json:
        print(json.dumps(_report_json(report, opened.differences), ensure_ascii=False, indent=2))
    else:
        _print_report(report, opened.differences)
    if any(finding.is_error for finding in report.findings):
        return EXIT_ERRORS
    return EXIT_WARNINGS if report.warnings else EXIT_OK


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


def _print_report(report: Report, differences: list[str]) -> None:
    for line in differences:
        print(f"[改动] {line}")
    for finding in report.findings:
        mark = "错误" if finding.is_error else "警告"
        explained = "（已说明）" if finding.key in report.explained else ""
        print(f"[{mark} {finding.code}] {finding.message}{explained}  位置：{finding.cells[0]}")
    print(report.summary())


def _new(args: argparse.Namespace) -> int:
    from forms.xlsx import save_document

    document = _following(args.last_year) if args.last_year else _blank(args)
    save_document(document, args.output)
    print(f"已新建{document.year}年年报：{args.output}")
    return EXIT_OK


def _blank(args: argparse.Namespace) -> Document:
    known = {form.id for form in available_forms()}
    if args.form not in known:
        raise _UsageError(f"没有报表格式 {args.form}，可用：{'、'.join(sorted(known))}")
    if args.unit is None or args.year is None:
        raise _UsageError("新建空白年报需要 --unit 和 --year（或用 --from 由上年年报新建）")
    return new_document(args.form, args.unit, args.year)


def _following(last_year: Path) -> Document:
    from forms.importing.carry import follow_on
    from forms.xlsx import open_document

    return follow_on(open_document(last_year).document)


def _demo(args: argparse.Namespace) -> int:
    from forms.demo import load_demo
    from forms.xlsx import save_document

    save_document(load_demo(), args.output)
    print(f"已写出示例年报：{args.output}")
    return EXIT_OK


def _pdf(args: argparse.Namespace) -> int:
    from forms.pdf import render_pdf
    from forms.xlsx import open_document

    document = open_document(args.file).document
    render_pdf(document, args.output)
    print(f"已生成 PDF：{args.output}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from forms.importing.commands import run_import

    return run_import(args)


def _export_csv(args: argparse.Namespace) -> int:
    from forms.importing.commands import run_export_csv

    return run_export_csv(args)


def _import_csv(args: argparse.Namespace) -> int:
    from forms.importing.commands import run_import_csv

    return run_import_csv(args)


def _not_yet(args: argparse.Namespace) -> int:
    print(f"“{args.command}”尚未实现", file=sys.stderr)
    return EXIT_USAGE


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "new": _new,
    "demo": _demo,
    "pdf": _pdf,
    "import": _import,
    "export-csv": _export_csv,
    "import-csv": _import_csv,
}
