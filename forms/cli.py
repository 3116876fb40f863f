"""The command line: ``nianbao check|new|demo|pdf|docx|html|import …``, headless, no Qt.

Each subcommand is a small function taking parsed arguments and returning an exit code.
Usage errors and unreadable files print one clear line on stderr, never a traceback.
Exit codes of ``check``: 0 no problems, 1 warnings only, 2 errors
(:mod:`forms.validation.commands`).
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from forms.boundary import terminal_safe
from forms.cli_format import ChineseHelpFormatter
from forms.cli_words import speak_chinese
from forms.codes import NianbaoError
from forms.definition import DefinitionError
from forms.definition_files import form_for_year, shipped_heads
from forms.document import Document, DocumentError, new_document
from forms.office.commands import (
    add_approve_parser,
    add_consolidate_parser,
    run_approve,
    run_consolidate,
)
from forms.print_options import SIGNATURES
from forms.validation.cells import MAX_YEAR, MIN_YEAR
from forms.validation.commands import EXIT_OK, run_check

EXIT_USAGE = 2
OUTPUT_SUFFIXES = {
    "new": ".xlsx",
    "demo": ".xlsx",
    "import": ".xlsx",
    "pdf": ".pdf",
    "docx": ".docx",
    "html": ".html",
    "export-csv": ".csv",
    "consolidate": ".xlsx",
}
FRESH_OUTPUT = (
    "new",
    "demo",
    "import",
    "consolidate",
)  # these start a report: never over one without --force
INPUTS = {
    "new": ("last_year",),
    "pdf": ("file",),
    "docx": ("file",),
    "html": ("file",),
    "import": ("file",),
    "export-csv": ("file",),
    "consolidate": ("sources", "parent", "register"),
}
SUBCOMMANDS = (
    "check",
    "new",
    "demo",
    "pdf",
    "docx",
    "html",
    "import",
    "export-csv",
    "import-csv",
    "consolidate",
    "approve",
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one Chinese line and exit code 2, and lays out
    its help in terminal columns (a Chinese character is two)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


XLSX_OUT = "写出的年报文件（.xlsx）"


class _UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    speak_chinese()
    parser = _Parser(prog="nianbao", description="政府信息公开工作年度报告：填报、审核、打印")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="命令")
    check = sub.add_parser("check", help="审核年报文件，列出问题")
    check.add_argument("file", type=Path, metavar="年报文件", help="要审核的年报（.xlsx）")
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    new = sub.add_parser("new", help="新建空白年报文件")
    new.add_argument("--form", choices=_form_ids(), help=_forms_help("不填时按年度选择"))
    new.add_argument("--unit", metavar="单位", help="填报单位名称")
    new.add_argument("--year", type=report_year, metavar="年度", help="报告年度")
    new.add_argument(
        "--from",
        dest="last_year",
        type=Path,
        metavar="上年文件",
        help="由上年年报文件新建（沿用单位、联系方式、签署人，上年结转取上年的结转下年度继续办理；"
        "须同时用 --year 指明本年年度）",
    )
    new.add_argument("-o", "--output", type=Path, required=True, metavar="输出文件", help=XLSX_OUT)
    new.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    demo = sub.add_parser("demo", help="写出示例年报")
    demo.add_argument("--form", choices=_form_ids(), help=_forms_help("默认2018年格式的平川区年报"))
    demo.add_argument("-o", "--output", type=Path, required=True, metavar="输出文件", help=XLSX_OUT)
    demo.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    pdf = sub.add_parser("pdf", help="把年报文件打印成 PDF")
    pdf.add_argument("file", type=Path, metavar="年报文件", help="要打印的年报（.xlsx）")
    pdf.add_argument(
        "-o", "--output", type=Path, required=True, metavar="输出文件", help="写出的 PDF"
    )
    pdf.add_argument(
        "--signatures",
        choices=SIGNATURES,
        default="report",
        help="签署栏（单位负责人、审核人、填报人、联系电话、填报日期）印在报告末尾（report，默认）"
        "或另附报送单（sheet）",
    )
    for name, what, written in (
        (
            "docx",
            "把年报文件导出为 Word 文件（可在 WPS/Word 中继续编辑）",
            "写出的 Word 文件（.docx）",
        ),
        ("html", "把年报文件导出为网页（供门户网站发布）", "写出的网页（.html）"),
    ):
        publish = sub.add_parser(name, help=what)
        publish.add_argument("file", type=Path, metavar="年报文件", help="要导出的年报（.xlsx）")
        publish.add_argument(
            "-o", "--output", type=Path, required=True, metavar="输出文件", help=written
        )
    imp = sub.add_parser(
        "import", help="从其他单位的表格或留存的报告导入（xlsx、xls、docx、html、pdf）"
    )
    imp.add_argument("file", type=Path, metavar="表格或报告文件", help="要导入的表格或留存的报告")
    imp.add_argument("-o", "--output", type=Path, required=True, metavar="输出文件", help=XLSX_OUT)
    imp.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    imp.add_argument("--unit", default="", metavar="单位", help="填报单位名称")
    imp.add_argument("--year", type=report_year, default=0, metavar="年度", help="报告年度")
    imp.add_argument("--form", choices=_form_ids(), help=_forms_help("不填时按表格内容选择"))
    imp.add_argument(
        "--dashes",
        choices=("zero", "blank"),
        default="zero",
        help="数值格中的“-”“—”“/”读作0（zero，默认）或保持空白（blank）；两者都在报告中逐格列出",
    )
    exp_csv = sub.add_parser("export-csv", help="把统计数导出为 id,value 的 CSV")
    exp_csv.add_argument("file", type=Path, metavar="年报文件", help="要导出的年报（.xlsx）")
    exp_csv.add_argument(
        "-o", "--output", type=Path, required=True, metavar="输出文件", help="写出的 CSV 文件"
    )
    imp_csv = sub.add_parser("import-csv", help="把 id,value 的 CSV 填入年报文件")
    imp_csv.add_argument("file", type=Path, metavar="年报文件", help="年报文件（.xlsx），将被更新")
    imp_csv.add_argument("csv", type=Path, metavar="CSV文件", help="id,value 两列的 CSV 文件")
    add_consolidate_parser(sub, _form_ids(), report_year)
    add_approve_parser(sub)
    return parser


def _form_ids() -> list[str]:
    return list(shipped_heads("name"))


def _forms_help(default: str) -> str:
    """The formats listed by id and name (read from the files: no definition is built)."""
    listed = "；".join(f"{form_id}：{name}" for form_id, name in shipped_heads("name").items())
    return f"报表格式（{listed}）；{default}"


def report_year(text: str) -> int:
    """A report year from the command line: four digits, 1990–2100."""
    year = int(text) if text.isascii() and text.isdigit() and len(text) == 4 else 0
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"“{text[:20]}”不是有效的年度（{MIN_YEAR}–{MAX_YEAR}）")
    return year


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; whatever it prints reaches the terminal with control characters
    escaped (a value read from a file cannot move the cursor or recolour the screen)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    _tolerate_narrow_consoles()
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(sys.stdout), EscapingStream(sys.stderr)
    try:
        return _run(args_list)
    finally:
        sys.stdout, sys.stderr = streams


def run_to_exit(argv: Sequence[str]) -> int:
    """Run one command as the whole process does: the exit status is returned for the caller
    to exit with at once. The objects the command made are then left to the operating
    system (``gc.freeze``): Python's collector would otherwise walk every one of them once
    more as the interpreter ends, a tenth of a ``nianbao pdf``. Exit-time clean-up still
    runs (buffers flushed, ``atexit`` handlers), and every command has written and closed its
    files before it returns."""
    code = main(argv)
    gc.freeze()
    return code


class EscapingStream:
    """A text stream that shows control, escape and bidi characters as ``\\x1b`` and such."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return int(self.stream.write(terminal_safe(text)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _run(args_list: list[str]) -> int:
    try:
        args = build_parser().parse_args(args_list)
        _check_output(args)
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


def _check_output(args: argparse.Namespace) -> None:
    """The output file's ending fits the command, it is none of the command's inputs, it can be
    written (``forms.atomic.target_of``), and a new report never replaces a file."""
    from forms.atomic import refuse_input, target_of

    suffix = OUTPUT_SUFFIXES.get(args.command)
    if suffix is None:
        return
    output: Path = args.output
    if output.suffix.lower() != suffix:
        raise _UsageError(f"输出文件应以 {suffix} 结尾：{output}")
    inputs: list[Path] = []
    for name in INPUTS.get(args.command, ()):
        value = getattr(args, name, None)
        inputs += value if isinstance(value, list) else [] if value is None else [value]
    refuse_input(output, inputs)
    target_of(output)
    if args.command in FRESH_OUTPUT and os.path.lexists(output) and not args.force:
        raise _UsageError(f"“{output}”已存在，未改动；要覆盖它请加 --force")


def _discard_stdout() -> None:
    """Point stdout at the null device so Python's exit flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _tolerate_narrow_consoles() -> None:
    """A Windows console in GBK cannot show every character: print ? instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _new(args: argparse.Namespace) -> int:
    from forms.xlsx import save_document

    document = _following(args) if args.last_year else _blank(args)
    save_document(document, args.output)
    print(f"已新建{document.year}年年报（{document.form.name}）：{args.output}")
    return EXIT_OK


def _blank(args: argparse.Namespace) -> Document:
    if args.unit is None or args.year is None:
        raise _UsageError("新建空白年报需要 --unit 和 --year（或用 --from 由上年年报新建）")
    form_id = args.form or form_for_year(args.year).id
    notices: list[str] = []
    document = new_document(form_id, args.unit, args.year, notices)
    for line in notices:
        print(f"[注意] {line}")
    return document


def _following(args: argparse.Namespace) -> Document:
    from forms.importing.carry import follow_on, not_carried
    from forms.importing.sources import last_report

    previous = last_report(args.last_year)  # this program's file, or any importable report
    if args.year is None:  # asked, never assumed: a report for the wrong year is worse than a retry
        raise NianbaoError("V007", last=previous.year, next=previous.year + 1)
    form_id = args.form or form_for_year(args.year).id
    document = follow_on(previous, year=args.year, form_id=form_id)
    for line in not_carried(previous, form_id):
        print(f"未沿用：{line}")
    return document


def _demo(args: argparse.Namespace) -> int:
    from forms.demo import DEFAULT_DEMO, load_demo
    from forms.xlsx import save_document

    save_document(load_demo(args.form or DEFAULT_DEMO), args.output)
    print(f"已写出示例年报：{args.output}")
    return EXIT_OK


def _pdf(args: argparse.Namespace) -> int:
    from forms.pdf import render_pdf
    from forms.xlsx import open_document

    document = open_document(args.file).document
    render_pdf(document, args.output, signatures=args.signatures)
    print(f"已生成 PDF：{args.output}")
    return EXIT_OK


def _docx(args: argparse.Namespace) -> int:
    from forms.docx import render_docx
    from forms.xlsx import open_document

    render_docx(open_document(args.file).document, args.output)
    print(f"已生成 Word 文件：{args.output}")
    return EXIT_OK


def _html(args: argparse.Namespace) -> int:
    from forms.html import render_html
    from forms.xlsx import open_document

    render_html(open_document(args.file).document, args.output)
    print(f"已生成网页：{args.output}")
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


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": run_check,
    "new": _new,
    "demo": _demo,
    "pdf": _pdf,
    "docx": _docx,
    "html": _html,
    "import": _import,
    "export-csv": _export_csv,
    "import-csv": _import_csv,
    "consolidate": run_consolidate,
    "approve": run_approve,
}
