"""The statistical figures as a CSV of ``id,value`` pairs, both ways.

Written as UTF-8 with a byte-order mark and CRLF line ends, so that WPS and Excel on a
Chinese Windows open it with the right characters; a third column names each row for the
reader and is ignored on reading. Read back from UTF-8 (with or without BOM), UTF-16 (Excel's
"Unicode text") or GBK/GB18030 (what WPS and Excel save as "CSV" on a Chinese Windows), with
comma, tab or semicolon between fields.

A value that a spreadsheet would take for a formula (``=…``, ``+…``, ``-…``, ``@…``, tab, CR)
is written behind an apostrophe (as is a value that itself starts with one), and that
apostrophe is taken off again on reading.
Reading is strict about ids (an unknown or repeated id refuses the whole file, naming the
line) and lenient about values: a figure that is not a number is kept as typed and reported.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from forms.atomic import write_atomically
from forms.boundary import clean_text
from forms.codes import NianbaoError
from forms.definition import FormDefinition
from forms.derive import write_values
from forms.document import Document
from forms.values import Entry, RawText, Refusal, format_entry, parse_entry, parse_value
from forms.xlsx.guard import read_input

HEADER = ("id", "value", "指标")
MAX_BYTES = 2 * 1024 * 1024
MAX_FIELD = csv.field_size_limit()  # 131 072 characters: no figure or name comes near
_LINE_END = re.compile("\r\n|\r|\n")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ID_HEADERS = {"id", "编号", "代码", "指标编号"}
_VALUE_HEADERS = {"value", "数值", "统计数", "值"}
_MAX_LISTED = 5


# -- writing --------------------------------------------------------------------------------


def csv_text(document: Document) -> str:
    """The figures of a document as CSV text (without the BOM), one row per value cell."""
    index = document.form.index
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for cell in index.cell_order:
        value = _guarded(format_entry(document.values.get(cell)))
        writer.writerow([cell, value, index.label(cell)])
    return out.getvalue()


def _guarded(text: str) -> str:
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def export_csv(document: Document, path: Path) -> None:
    """Write the figures to ``path`` as UTF-8 CSV with BOM, atomically (coded error on failure)."""
    write_atomically(Path(path), csv_text(document).encode("utf-8-sig"))


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvNote:
    """A value kept as typed because it is not a figure: where, what, why."""

    line: int
    cell: str
    text: str
    reason: str


@dataclass
class CsvValues:
    """The figures read from a CSV and the values kept as typed."""

    values: dict[str, Entry] = field(default_factory=dict)
    notes: list[CsvNote] = field(default_factory=list)
    encoding: str = ""

    def lines(self) -> list[str]:
        out = [f"第{n.line}行 {n.cell}“{n.text}”：{n.reason}（已原样保留）" for n in self.notes]
        return [*out, f"读取 {len(self.values)} 项（编码 {self.encoding}）"]


def read_csv(path: Path, form: FormDefinition) -> CsvValues:
    """Read ``id,value`` pairs for ``form``; NianbaoError (F007/F011) if the file is unusable."""
    text, encoding = decode(read_input(Path(path), MAX_BYTES, Path(path).name), path)
    rows = _rows(text, Path(path))
    id_column, value_column, start = _columns(rows)
    result = CsvValues(encoding=encoding)
    problems: list[str] = []
    for number, row in enumerate(rows[start:], start=start + 1):
        if any(part.strip() for part in row):
            _read_row(form, row, number, (id_column, value_column), result, problems)
    if not result.values and not problems:
        problems.append("没有任何“编号,数值”行")
    if problems:
        listed = "；".join(problems[:_MAX_LISTED])
        more = f"；另有 {len(problems) - _MAX_LISTED} 处" if len(problems) > _MAX_LISTED else ""
        raise NianbaoError("F011", path=Path(path).name, where="CSV", detail=listed + more)
    return result


def apply_csv(document: Document, path: Path) -> CsvValues:
    """Put the figures of a CSV into ``document`` (all or nothing); what was read."""
    result = read_csv(path, document.form)
    write_values(document, result.values)  # a total the CSV gives is kept; others computed
    return result


def _rows(text: str, path: Path) -> list[list[str]]:
    """The rows of a CSV whatever its line ends (CR from Excel for Mac, LF, CRLF); a field
    longer than :data:`MAX_FIELD` is F025, any other malformation F011."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return list(reader)
    except csv.Error as exc:
        if "field larger" in str(exc):
            raise NianbaoError(
                "F025", path=path.name, line=reader.line_num, limit=MAX_FIELD
            ) from exc
        detail = f"第{reader.line_num}行格式有误（{exc}）"
        raise NianbaoError("F011", path=path.name, where="CSV", detail=detail) from exc


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """The text of a CSV and the encoding it was in: UTF-8 (BOM or not), UTF-16, GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding.upper().replace("-SIG", "")
        except UnicodeDecodeError:
            continue
    detail = "文字编码无法识别（请另存为 UTF-8 或 GBK 编码的 CSV）"
    raise NianbaoError("F007", path=Path(path).name, detail=detail)


def _delimiter(text: str) -> str:
    first = _LINE_END.split(text, maxsplit=1)[0]
    counts = {mark: first.count(mark) for mark in (",", "\t", ";")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def _columns(rows: list[list[str]]) -> tuple[int, int, int]:
    """Where the id and the value are, and the first data row (after a header, if any)."""
    header = [part.strip().lower() for part in rows[0]] if rows else []
    ids = [n for n, name in enumerate(header) if name in _ID_HEADERS]
    values = [n for n, name in enumerate(header) if name in _VALUE_HEADERS]
    if ids and values:
        return ids[0], values[0], 1
    return 0, 1, 0


def _read_row(
    form: FormDefinition,
    row: list[str],
    number: int,
    columns: tuple[int, int],
    result: CsvValues,
    problems: list[str],
) -> None:
    id_column, value_column = columns
    cell = row[id_column].strip() if id_column < len(row) else ""
    if cell not in form.index.cell_rows:
        problems.append(f"第{number}行“{cell[:40]}”不是本报表的指标编号")
        return
    if cell in result.values:
        problems.append(f"第{number}行“{cell}”重复出现")
        return
    cleaned = clean_text(_unguarded(row[value_column] if value_column < len(row) else ""))
    text = cleaned.text
    kind = form.index.kind(cell)
    entry = parse_entry(text, kind)
    result.values[cell] = entry
    if isinstance(entry, RawText):
        refusal = parse_value(text, kind)
        reason = refusal.reason if isinstance(refusal, Refusal) else "不是数字"
        reason = "；".join([reason, *cleaned.changes])
        result.notes.append(CsvNote(number, cell, text, reason))


def _unguarded(text: str) -> str:
    guarded = text.startswith("'") and text[1:].startswith((*FORMULA_STARTS, "'"))
    return text[1:] if guarded else text
