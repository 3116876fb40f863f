"""The one catalogue of coded messages that are not rules of a form.

Rule codes (E1xx, W2xx) live with their rules in the definition files. Here are the codes
the app itself uses: cell values (E001, V0xx), the report header and signatory block (H0xx,
S0xx), completeness (P0xx, C0xx), the narrative against the tables (T0xx), this year against last (Y0xx) and files (F0xx). Each has a Chinese template; :func:`render` fills it and never
fails on a missing field. :class:`NianbaoError` carries a code to the UI and the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import Any


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    template: str


_CODES = [
    # cells
    Code("E001", "未填", "{label}未填写（空白不等于0，没有发生请填0）"),
    Code("E002", "总计为空", "{label}为空，各项之和为{sum}（可一键填入）"),
    Code("V001", "不是数字", "{label}：“{text}”不是数字"),
    Code("V002", "负数", "{label}：“{text}”不能为负数"),
    Code("V003", "小数", "{label}：“{text}”应为整数"),
    Code("V004", "小数位过多", "{label}：“{text}”最多保留4位小数"),
    Code("V005", "数值过大", "{label}：“{text}”数值过大"),
    Code("V006", "标题行", "{label}是标题行，不填数值"),
    Code(
        "V007",
        "未指明年度",
        "由上年年报（{last}年）新建，请指明本年报告的年度：加 --year {next}"
        "（上年之后一年），或写其他年度",
    ),
    Code("V008", "年度不在上年之后", "本年报告的年度（{year}年）应晚于上年报告的年度（{last}年）"),
    Code("V010", "文字已清理", "{label}：{what}"),
    Code(
        "V011",
        "数值超出范围",
        "{label}：文件中的“{text}”超出范围（最大10^12，最多4位小数），{action}",
    ),
    Code("V012", "年度超出范围", "文件中的报告年度“{text}”不在1990–2100年之间，未采用"),
    # report header and signatories
    Code("H001", "缺单位名称", "填报单位名称未填写"),
    Code("H002", "年度不对", "报告年度（{year}）不是有效年份"),
    Code("H003", "格式与年度不符", "报告年度为{year}年，但{reason}；请核实年度和报表格式"),
    Code("S001", "签署栏未填", "{label}未填写"),
    Code(
        "S002",
        "电话格式",
        "{label}“{text}”格式不对：应为带区号的固定电话（如0943-6629128）或11位手机号",
    ),
    Code("S003", "日期无效", "{label}“{text}”不是有效日期（应为如2019-02-27的日期）"),
    Code("S004", "日期过早", "{label}（{text}）应晚于报告年度结束（{year}年12月31日）"),
    # completeness
    Code("P001", "正文未填", "报告正文“{label}”未填写（没有内容时也应说明，如“无”或零报告）"),
    Code("C001", "联系方式未填", "联系方式“{label}”未填写，前言中会缺少这一项"),
    # narrative against the tables
    Code("T001", "正文与表格不符", "{part}中“{phrase}”与表中{name}（{value}）不一致"),
    Code("T002", "正文年份", "{part}中“{phrase}”的年份不是报告年度{year}年"),
    Code("T003", "正文只写了无", "{part}只写了“{text}”，请写明实际情况"),
    Code("T004", "正文缺少说明", "{part}未说明{what}"),
    Code(
        "T005",
        "正文有未填数字",
        "{part}中还有{count}处“{blank}”（插入草稿时表中尚未填写的数字），请填上",
    ),
    # this year against last year's report
    Code(
        "Y001",
        "数字照搬上年",
        "本年有{same}项数字与上年报告完全相同（共比较{count}项非零数字），疑似照搬上年报告，请核实",
    ),
    Code(
        "Y002", "正文照搬上年", "{part}与上年报告的文字相似度为{percent}%，疑似照搬上年内容，请核实"
    ),
    # the reviewer's sign-off (审核通过)
    Code("R050", "尚有错误", "报告还有{count}处错误，如：{message}；改正后才能审核通过"),
    Code(
        "R051",
        "警告未说明",
        "报告还有{count}个警告未说明，如：{message}；写明说明后才能审核通过",
    ),
    Code(
        "R052",
        "说明未核实",
        "有{count}个警告的说明被标为“{state}”，如：{message}；"
        "核实后改标“已核实”（问题列表右键），或修改报告后再审核通过",
    ),
    # print (W401–W419)
    Code("W401", "无字体", "{place}中的字符“{char}”（U+{hex}）没有可嵌入的字体，打印时以□代替"),
    Code("W402", "不可见字符", "{place}含有不可见的控制或双向文本字符（{codes}），打印时删去"),
    # files
    Code("F001", "不是xlsx", "“{path}”不是有效的 xlsx 文件（{detail}）"),
    Code("F002", "不是本软件的文件", "“{path}”不是本软件保存的年报文件：{detail}"),
    Code("F003", "报表格式不符", "“{path}”使用的报表格式“{form}”本软件没有"),
    Code(
        "F004",
        "版本过新",
        "“{path}”由更新版本的软件保存（格式 {form} 第{version}版），请升级本软件后再打开",
    ),
    Code("F005", "文件损坏", "“{path}”已损坏：{detail}"),
    Code("F006", "文件过大", "“{path}”过大或含有异常内容（{detail}），为安全起见拒绝打开"),
    Code("F007", "无法读取", "无法读取“{path}”：{detail}"),
    Code("F008", "无法保存", "无法保存到“{path}”：{detail}。原文件未被改动"),
    Code("F009", "加密文件", "“{path}”有密码保护，请在 WPS/Excel 中取消密码后再打开"),
    Code("F010", "旧格式", "“{path}”是旧版 .xls 文件，请在 WPS/Excel 中另存为 .xlsx 后再导入"),
    Code("F011", "表格内容不符", "“{path}”中的{where}：{detail}"),
    # saving (forms.atomic): each refusal and each OS error its own code; the old file is kept
    Code(
        "F040",
        "文件名过长",
        "无法保存到“{path}”：文件名过长（最多255字节，约85个汉字），请改用较短的文件名",
    ),
    Code(
        "F041",
        "磁盘空间不足",
        "无法保存到“{path}”：磁盘空间不足（或超出配额、文件大小限制），请清理磁盘或换一个位置保存。原文件未被改动",
    ),
    Code(
        "F042",
        "没有写入权限",
        "无法保存到“{path}”：没有写入权限，或文件正被 WPS/Excel 等程序打开。原文件未被改动",
    ),
    Code("F043", "目标是文件夹", "无法保存到“{path}”：这是一个文件夹，不是文件"),
    Code(
        "F044", "位置只读", "无法保存到“{path}”：该位置只读（如光盘、写保护的U盘）。原文件未被改动"
    ),
    Code("F045", "文件夹不存在", "无法保存到“{path}”：文件夹不存在"),
    Code(
        "F046",
        "不是普通文件",
        "无法保存到“{path}”：它不是普通文件（是设备、管道或套接字），为安全起见不覆盖",
    ),
    Code(
        "F047",
        "文件为只读",
        "文件为只读：“{path}”不能被覆盖，原文件未被改动（请另存为新文件，或在文件属性中取消“只读”）",
    ),
    Code(
        "F048",
        "输出即输入",
        "输出文件“{path}”就是输入文件“{source}”，覆盖它会丢失原文件，请换一个输出文件名",
    ),
    Code(
        "F049",
        "文件已被修改",
        "文件已被其他程序修改：“{path}”在本软件读取之后又被改动过，为免覆盖别人的改动，未保存（请另存为新文件，或重新打开后再改）",
    ),
    Code(
        "F050",
        "文件被占用",
        "无法保存到“{path}”：文件正被其他程序占用（WPS/Excel、杀毒软件、OneDrive 同步等），请关闭占用的程序后重试。原文件未被改动",
    ),
    Code("F051", "恢复文件未写入", "自动保存的恢复文件未能写入（{detail}），请尽快手动保存"),
    Code("F052", "系统错误", "无法保存到“{path}”：{detail}（系统错误 {name}）。原文件未被改动"),
    # reports kept as Word, web page or PDF (issue 10)
    Code(
        "F060",
        "内容与扩展名不符",
        "“{path}”的扩展名是{ext}，但内容是{kind}，请确认文件或改正扩展名",
    ),
    Code(
        "F061",
        "不能导入的文件",
        "“{path}”不是可导入的文件（{detail}）；可导入 .xlsx、.xls、.docx、.html、.pdf",
    ),
    Code("F062", "不是有效的Word文档", "“{path}”不是有效的 Word 文档（{detail}）"),
    Code("F063", "不是有效的网页", "“{path}”不是可读取的网页（{detail}）"),
    Code("F064", "不是有效的PDF", "“{path}”不是有效的 PDF 文件（{detail}）"),
    Code(
        "F065",
        "PDF没有文字层",
        "“{path}”：PDF没有文字层，可能是扫描件，无法读取其中的文字和表格；"
        "请改用原始的 Word/WPS 文件或网页导入",
    ),
    Code("F066", "PDF加密", "“{path}”有密码保护，请取消密码后再导入"),
    Code("F067", "旧版Word", "“{path}”是旧版 .doc 文件，请在 WPS/Word 中另存为 .docx 后再导入"),
    Code("F020", "内存不足", "读取“{path}”时内存不足，请关闭其他程序后重试；文件本身可能没有问题"),
    Code(
        "F021",
        "含宏的工作簿",
        "“{path}”是含宏的工作簿（.xlsm），请在 WPS/Excel 中另存为不含宏的 .xlsx 后再打开",
    ),
    Code("F022", "文件种类不对", "“{path}”是{kind}，不是 xlsx 工作簿"),
    Code("F023", "不是普通文件", "“{path}”是{kind}，不是普通文件，不能读取"),
    Code(
        "F024",
        "表格范围外有内容",
        "工作表“{sheet}”在年报表格范围之外有内容（直到 {where}），这些内容未读取",
    ),
    Code("F025", "CSV字段过长", "“{path}”第{line}行有超过{limit}个字符的内容，不是统计数 CSV"),
]

CATALOGUE: dict[str, Code] = {code.code: code for code in _CODES}


class _Forgiving(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "？"


def fill(template: str, **context: Any) -> str:
    """Fill a template; a field the context lacks shows as ？ instead of failing."""
    try:
        return Formatter().vformat(template, (), _Forgiving(context))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template


def render(code: str, **context: Any) -> str:
    return fill(CATALOGUE[code].template, **context)


class NianbaoError(Exception):
    """A failure the user must read: a catalogue code and the filled Chinese message."""

    def __init__(self, code: str, **context: Any) -> None:
        self.code = code
        self.context = context
        super().__init__(render(code, **context))

    @property
    def message(self) -> str:
        return str(self.args[0])
