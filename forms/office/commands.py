"""The ``consolidate`` subcommand: ``nianbao consolidate 文件夹或文件… -o 汇总.xlsx``.

It reads every unit's file (several processes for many files, a progress bar on a terminal
from tqdm), prints what it left out and why, the parent's figures that differ from the sum of
its children, and the checks of the total, then writes the total. Exit code 0 when every file
was counted (and the parent agrees), 1 when something was left out or differs, 130 when the
user pressed Ctrl+C (nothing written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_NOTES, EXIT_CANCELLED = 0, 1, 130


def add_consolidate_parser(sub: Any, form_ids: list[str], year_type: Any) -> None:
    """The subcommand's arguments, in Chinese like the others."""
    parser = sub.add_parser("consolidate", help="汇总多个单位的年报（同一格式、同一年度）")
    parser.add_argument(
        "sources", type=Path, nargs="+", metavar="文件夹或文件", help="各单位的年报文件或其文件夹"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="输出文件",
        help="写出的汇总年报（.xlsx）",
    )
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    parser.add_argument("--form", choices=form_ids, help="报表格式；不填时取多数文件的格式")
    parser.add_argument("--year", type=year_type, metavar="年度", help="报告年度；不填时取多数")
    parser.add_argument("--unit", default="", metavar="单位", help="汇总报告的单位名称")
    parser.add_argument(
        "--parent", type=Path, metavar="上级年报", help="上级单位自己的年报：逐项与下级合计核对"
    )
    parser.add_argument(
        "--register",
        type=Path,
        metavar="单位名单",
        help="应报送单位的名单（xlsx 或 csv，“单位名称”一列）；不填时使用文件夹中的“单位名单”",
    )


def run_consolidate(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from forms.office.consolidate import consolidate, read_units, unit_files
    from forms.office.register import (
        MISSING,
        Filing,
        filing_counts,
        filing_states,
        find_register,
        read_register,
    )
    from forms.office.workbook import save_consolidation
    from forms.xlsx import open_document

    parent = open_document(args.parent).document if args.parent else None
    register = args.register or find_register(p for p in args.sources if p.is_dir())
    not_units = {args.output.resolve(), *([register.resolve()] if register else [])}
    paths = [p for p in unit_files(args.sources) if p.resolve() not in not_units]
    if not paths:
        print("错误：没有找到任何 .xlsx 年报文件（未写出文件）", file=sys.stderr)
        return 2
    with tqdm(total=len(paths), desc="读取", unit="个文件", disable=None, file=sys.stderr) as bar:

        def progress(done: int, count: int) -> None:
            bar.update(done - bar.n)

        try:
            units = read_units(paths, progress)
        except KeyboardInterrupt:
            print("已取消，未写出文件", file=sys.stderr)
            return EXIT_CANCELLED
    result = consolidate(units, args.form, args.year, args.unit, parent)
    print(
        f"汇总{result.total.year}年{result.form.name}：计入{len(result.counted)}个单位，"
        f"共读{len(paths)}个文件"
    )
    for item in result.left_out:
        print(f"[未计入] {Path(item.path).name}：{item.reason}")
    for diff in result.parent_differences:
        children = "，".join(f"{unit} {figure}" for unit, figure in diff.contributions) or "均为0"
        print(
            f"[上级不符] {diff.label}：上级报告为{diff.parent_text}，下级合计为{diff.children}"
            f"（{children}）"
        )
    filings: list[Filing] = []
    if register is not None:
        names = read_register(register)
        filings = filing_states(names, units, result.total.form_id, result.total.year)
        missing = [f.unit for f in filings if f.state == MISSING]
        print(f"报送情况（{register.name}，{len(names)}个单位）：" + filing_counts(filings))
        if missing:
            print("未报送：" + "、".join(missing))
    print(result.check_summary())
    save_consolidation(result, args.output, filings)
    print(f"已写出：{args.output}")
    return EXIT_NOTES if result.left_out or result.parent_differences else EXIT_OK


def add_approve_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "approve", help="审核通过：审核人签署年报（报告有错误或未说明的警告时拒绝）"
    )
    parser.add_argument("file", type=Path, metavar="年报文件", help="年报文件（.xlsx），将被更新")
    parser.add_argument("--by", required=True, metavar="审核人", help="审核人姓名")
    parser.add_argument("--date", metavar="日期", help="审核日期（如2026-01-20）；默认今天")


def run_approve(args: argparse.Namespace) -> int:
    """``nianbao approve FILE --by 审核人``: sign the report off, if it is ready."""
    from datetime import date

    from forms.atomic import stamp_of
    from forms.review import approval_refusal, approve
    from forms.validation import validate
    from forms.validation.cells import parse_date
    from forms.xlsx import open_document, save_document

    day = parse_date(args.date) if args.date else date.today()
    on = day.isoformat() if day else ""
    if not on or not args.by.strip():
        print("错误：审核人姓名不能为空，日期应为如2026-01-20的日期（未改动文件）", file=sys.stderr)
        return 2
    before = stamp_of(args.file)
    document = open_document(args.file).document
    refusal = approval_refusal(document, validate(document))
    if refusal is not None:
        print(f"错误：[{refusal.code}] {refusal.message}（未改动文件）", file=sys.stderr)
        return 2
    approve(document, args.by, on)
    save_document(document, args.file, expected=before)
    print(f"已审核通过：{args.by.strip()}，{on}（{args.file}）")
    return EXIT_OK
