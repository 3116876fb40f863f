"""2021-format tables (二、三、四) as offices lay them out, written as real .xlsx files.

- :func:`write_national`: the national template: merged three-row header over table 三
  (申请人情况 → 自然人 / 法人或其他组织 → 商业企业 …), the labels of 三 in three merged label
  columns (三、本年度办理结果 down the first, （三）不予公开 down the second), table 四 with no
  row label under a three-level header (行政复议 / 行政诉讼 → 未经复议直接起诉 / 复议后起诉
  → 结果维持 …).
- :func:`write_district`: a district's variant: numbering in its own column, labels retyped
  ((一), 一., 其它, half-width brackets, spaces), headings on rows of their own, the applicant
  columns in another order with an extra subtotal column, table 四 split into two header rows
  with its own label column, each part on its own sheet, and an extra row 其他主动公开文件.
- :func:`write_web`: a table copied from a web page into Excel: no merges (each header only in
  its first cell), figures as text with spaces, "—" for nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from forms.definition import Row, Table
from forms.definition_files import load_form

FORM = load_form("gov-info-2021")
TABLES = {table.id: table for table in FORM.tables}
REQUESTS = TABLES["requests"]
REVIEW = TABLES["review_litigation"]
PROACTIVE = [TABLES[name] for name in ("proactive.rules", "proactive.licensing",
                                        "proactive.penalties", "proactive.fees")]  # fmt: skip


def random_figures(seed: int) -> dict[str, int | Decimal]:
    """A figure for every cell of the 2021 form (amounts with two decimals)."""
    rng = random.Random(seed)
    values: dict[str, int | Decimal] = {}
    for cell in FORM.index.cell_order:
        if FORM.index.kind(cell).value == "decimal":
            values[cell] = Decimal(rng.randint(0, 99999)) / 100
        else:
            values[cell] = rng.randint(0, 400)
    return values


@dataclass
class Sheet:
    """A worksheet being written, with or without merged cells."""

    sheet: Worksheet
    merges: bool = True
    line: int = 1
    spans: list[str] = field(default_factory=list)

    def put(self, row: int, column: int, value: object, rows: int = 1, columns: int = 1) -> None:
        self.sheet.cell(row, column, value)
        if self.merges and (rows > 1 or columns > 1):
            last = (row + rows - 1, column + columns - 1)
            self.sheet.merge_cells(
                start_row=row, start_column=column, end_row=last[0], end_column=last[1]
            )


def _value(values: dict[str, int | Decimal], cell: str, text: bool = False) -> object:
    figure = values[cell]
    if text:
        return "—" if figure == 0 else f" {figure} "
    return float(figure) if isinstance(figure, Decimal) else figure


# -- the national template ------------------------------------------------------------------


def write_national(path: Path, values: dict[str, int | Decimal], year: int = 2021) -> Path:
    workbook = Workbook()
    out = Sheet(workbook.active)
    out.sheet.title = "统计表"
    out.put(1, 1, f"{year}年政府信息公开工作年度报告统计表", columns=10)
    out.line = 3
    _proactive(out, values, label_columns=3)
    _requests_national(out, values)
    _review_national(out, values, left=1)
    workbook.save(path)
    return path


def _proactive(out: Sheet, values: dict[str, int | Decimal], label_columns: int,
               extra_row: bool = False, text: bool = False) -> None:  # fmt: skip
    out.put(out.line, 1, "二、主动公开政府信息情况", columns=label_columns + 7)
    out.line += 1
    first = label_columns + 1
    for table in PROACTIVE:
        out.put(out.line, 1, table.title, columns=label_columns + 7)
        out.put(out.line + 1, 1, table.label_header, columns=label_columns)
        width = 7 // len(table.columns)
        for number, column in enumerate(table.columns):
            out.put(out.line + 1, first + number * width, column.label, columns=width)
        out.line += 2
        for row in table.value_rows():
            out.put(out.line, 1, row.label, columns=label_columns)
            for number, column in enumerate(table.columns):
                cell = table.cell_key(row.id, column.id)
                out.put(out.line, first + number * width, _value(values, cell, text), columns=width)
            out.line += 1
            if extra_row and row.id == "proactive.rules.normative_docs":
                out.put(out.line, 1, "其他主动公开文件", columns=label_columns)
                for number in range(len(table.columns)):
                    out.put(out.line, first + number * width, 9, columns=width)
                out.line += 1


def _requests_national(out: Sheet, values: dict[str, int | Decimal]) -> None:
    out.put(out.line, 1, "三、收到和处理政府信息公开申请情况", columns=10)
    top = out.line + 1
    out.put(top, 1, REQUESTS.note, rows=3, columns=3)
    out.put(top, 4, "申请人情况", columns=7)
    out.put(top + 1, 4, "自然人", rows=2)
    out.put(top + 1, 5, "法人或其他组织", columns=5)
    out.put(top + 1, 10, "总计", rows=2)
    for number, column in enumerate(REQUESTS.columns[1:6]):
        out.put(top + 2, 5 + number, column.label)
    out.line = top + 3
    spans = _spans(REQUESTS)
    for row in REQUESTS.rows:
        line = out.line
        if row.is_heading:
            column = 1 if row.level == 0 else 2
            out.put(line, column, row.printed_label, rows=spans[row.id])
            continue
        if row.level == 0:
            out.put(line, 1, row.printed_label, columns=3)
        elif row.level == 1:
            out.put(line, 2, row.printed_label, columns=2)
        else:
            out.put(line, 3, row.printed_label)
        for number, column in enumerate(REQUESTS.columns):
            out.put(line, 4 + number, _value(values, REQUESTS.cell_key(row.id, column.id)))
        out.line += 1
    out.line += 1


def _spans(table: Table) -> dict[str, int]:
    """How many value rows each heading stands beside."""
    spans: dict[str, int] = {}
    rows = list(table.rows)
    for number, row in enumerate(rows):
        if row.is_heading:
            spans[row.id] = sum(1 for _ in _children_until(rows[number + 1 :], row.level))
    return spans


def _children_until(rows: list[Row], level: int):  # type: ignore[no-untyped-def]
    for row in rows:
        if row.level <= level:
            return
        if not row.is_heading:
            yield row


def _review_national(out: Sheet, values: dict[str, int | Decimal], left: int) -> None:
    out.put(out.line, left, "四、政府信息公开行政复议、行政诉讼情况", columns=15)
    top = out.line + 1
    out.put(top, left, "行政复议", columns=5)
    out.put(top, left + 5, "行政诉讼", columns=10)
    for number, column in enumerate(REVIEW.columns):
        if number < 5:
            out.put(top + 1, left + number, column.label, rows=2)
        else:
            out.put(top + 2, left + number, column.label)
    out.put(top + 1, left + 5, "未经复议直接起诉", columns=5)
    out.put(top + 1, left + 10, "复议后起诉", columns=5)
    for number, column in enumerate(REVIEW.columns):
        out.put(top + 3, left + number, _value(values, REVIEW.cell_key("cases", column.id)))
    out.line = top + 5


# -- a district's variant -------------------------------------------------------------------

DISTRICT_ORDER = ["other", "natural_person", "business", "research", "public_interest",
                  "legal_service", "total"]  # fmt: skip


def district_label(row: Row) -> str:
    """A retyped label: half-width brackets, 一. for 一、, 其它, spaces inside."""
    label = row.label.replace("其他", "其它")
    number = row.number.replace("（", "(").replace("）", ")").replace("、", ".")
    return f"{number} {label[:2]} {label[2:]}" if len(label) > 3 else f"{number}{label}"


def write_district(path: Path, values: dict[str, int | Decimal]) -> Path:
    workbook = Workbook()
    first = Sheet(workbook.active)
    first.sheet.title = "表一 主动公开"
    first.put(1, 1, "某某区2021年度政府信息公开工作年度报告")
    first.line = 3
    _proactive(first, values, label_columns=1, extra_row=True)
    second = Sheet(workbook.create_sheet("表二 依申请"))
    _requests_district(second, values)
    third = Sheet(workbook.create_sheet("表三 复议诉讼"))
    _review_district(third, values)
    workbook.save(path)
    return path


def _requests_district(out: Sheet, values: dict[str, int | Decimal]) -> None:
    columns = {column.id: column for column in REQUESTS.columns}
    out.put(1, 1, "序号")
    out.put(1, 2, "项目")
    # 申请人情况 over everything; 法人或其他组织 split: its first row over 商业企业…法律服务机构,
    # with 其他 (moved first) and a 小计 column of the district's own.
    out.put(1, 3, "申请人情况", columns=8)
    out.put(2, 3, "法人或其他组织")
    out.put(3, 3, "其它")
    out.put(2, 4, "自然人", rows=2)
    out.put(2, 5, "法人或其他组织", columns=4)
    for number, name in enumerate(DISTRICT_ORDER[2:6]):
        out.put(3, 5 + number, columns[name].label)
    out.put(2, 9, "法人或其他组织小计", rows=2)
    out.put(2, 10, "总计", rows=2)
    line = 4
    order = {name: 3 + n for n, name in enumerate(["other", "natural_person"])}
    order.update({name: 5 + n for n, name in enumerate(DISTRICT_ORDER[2:6])})
    order["total"] = 10
    for row in REQUESTS.rows:
        out.put(line, 1, row.number.replace("（", "(").replace("）", ")"))
        out.put(line, 2, district_label(row).split(" ", 1)[-1] if row.number else row.label)
        if not row.is_heading:
            for name, column in order.items():
                out.put(line, column, _value(values, REQUESTS.cell_key(row.id, name)))
            legal = [values[REQUESTS.cell_key(row.id, name)] for name in DISTRICT_ORDER[2:6]]
            out.put(line, 9, sum(legal) + values[REQUESTS.cell_key(row.id, "other")])
        line += 1


def _review_district(out: Sheet, values: dict[str, int | Decimal]) -> None:
    out.put(1, 1, "政府信息公开行政复议、行政诉讼情况")
    out.put(2, 2, "行政复议", columns=5)
    out.put(2, 7, "行政诉讼（未经复议直接起诉）", columns=5)
    out.put(2, 12, "行政诉讼（复议后起诉）", columns=5)
    for number, column in enumerate(REVIEW.columns):
        out.put(3, 2 + number, column.label)
    out.put(4, 1, "案件数")
    for number, column in enumerate(REVIEW.columns):
        out.put(4, 2 + number, _value(values, REVIEW.cell_key("cases", column.id)))


# -- a table copied from a web page ---------------------------------------------------------


def write_web(path: Path, values: dict[str, int | Decimal]) -> Path:
    workbook = Workbook()
    out = Sheet(workbook.active, merges=False)
    out.sheet.title = "Sheet1"
    out.line = 1
    _proactive(out, values, label_columns=1, text=True)
    out.put(out.line, 1, "三、收到和处理政府信息公开申请情况")
    top = out.line + 1
    out.put(top, 2, "申请人情况")
    out.put(top + 1, 2, "自然人")
    out.put(top + 1, 3, "法人或其他组织")
    out.put(top + 1, 8, "总计")
    for number, column in enumerate(REQUESTS.columns[1:6]):
        out.put(top + 2, 3 + number, column.label)
    line = top + 3
    for row in REQUESTS.rows:
        out.put(line, 1, f"{row.number}\n{row.label}{row.note}")
        if not row.is_heading:
            for number, column in enumerate(REQUESTS.columns):
                cell = REQUESTS.cell_key(row.id, column.id)
                out.put(line, 2 + number, _value(values, cell, text=True))
        line += 1
    out.line = line + 1
    _review_national(out, values, left=2)
    workbook.save(path)
    return path
