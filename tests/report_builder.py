"""Build complete, realistic 2021-format 政府信息公开工作年度报告 .docx files for tests and examples.

The three tables reproduce the merged-cell layout of the official blank template
(``../shared/corpus/reports-wild/govnianbao/政务公开年报模版.docx``) with real Word merges: python-docx's
``a.merge(b)`` writes ``w:gridSpan`` / ``w:vMerge`` exactly as Word does. The default numbers are internally
consistent (E1–E4 all hold); a test introduces defects through :class:`ReportSpec` overrides, which are
applied to cell text *after* the consistent numbers are computed, so the test knows exactly which equations
a changed cell breaks.

This module is a plain library (no pytest dependency) so that ``examples/make_examples.py`` can use it too.

    from report_builder import ReportSpec, build_report
    build_report(tmp_path / "r.docx", ReportSpec(t3={("（七）总计", "自然人"): "44"}))
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

# --------------------------------------------------------------------------------------------------------------
# Label texts, exactly as printed in the official template
# --------------------------------------------------------------------------------------------------------------

SECTION_HEADINGS: list[str] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

# Table 二: four bands (heading, value columns, rows). Single-column bands merge the column across 3 grid columns.
T2_INFO_HEADER = "信息内容"
T2_BANDS: list[tuple[str, list[str], list[str]]] = [
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "行政规范性文件"]),
    ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
    ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"]),
]
T2_ROWS: list[str] = [row for _, _, rows in T2_BANDS for row in rows]
# (row label, column label) of the 10 data cells, in document order
T2_CELLS: list[tuple[str, str]] = [(row, col) for _, cols, rows in T2_BANDS for row in rows for col in cols]

# Table 三
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANT_HEADER = "申请人情况"
T3_ORG_HEADER = "法人或其他组织"
T3_NATURAL = "自然人"
T3_ORG_COLUMNS: list[str] = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
T3_TOTAL_COLUMN = "总计"
T3_COLUMNS: list[str] = [T3_NATURAL, *T3_ORG_COLUMNS, T3_TOTAL_COLUMN]  # the 7 data columns (leaf labels)
T3_APPLICANT_COLUMNS: list[str] = T3_COLUMNS[:-1]  # the 6 columns that 总计 sums (E3)

T3_NEW = "一、本年新收政府信息公开申请数量"
T3_CARRIED_IN = "二、上年结转政府信息公开申请数量"
T3_RESULTS = "三、本年度办理结果"
T3_CARRIED_OUT = "四、结转下年度继续办理"
T3_OPEN = "（一）予以公开"
T3_PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
T3_TOTAL_ROW = "（七）总计"

# Group label → its numbered leaves (groups carry no numbers of their own)
T3_GROUPS: dict[str, list[str]] = {
    "（三）不予公开": [
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
    ],
    "（四）无法提供": [
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
    ],
    "（五）不予处理": [
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
    ],
    "（六）其他处理": [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ],
}

# The 21 result leaves that （七）总计 sums (E2), in order
T3_RESULT_LEAVES: list[str] = [
    T3_OPEN,
    T3_PARTIAL,
    *(leaf for leaves in T3_GROUPS.values() for leaf in leaves),
]
# The 25 data rows (leaf labels, all unique), in document order
T3_ROWS: list[str] = [T3_NEW, T3_CARRIED_IN, *T3_RESULT_LEAVES, T3_TOTAL_ROW, T3_CARRIED_OUT]
# Full label path of every data row (for readers that resolve paths)
T3_ROW_PATHS: dict[str, tuple[str, ...]] = {
    T3_NEW: (T3_NEW,),
    T3_CARRIED_IN: (T3_CARRIED_IN,),
    T3_OPEN: (T3_RESULTS, T3_OPEN),
    T3_PARTIAL: (T3_RESULTS, T3_PARTIAL),
    **{leaf: (T3_RESULTS, group, leaf) for group, leaves in T3_GROUPS.items() for leaf in leaves},
    T3_TOTAL_ROW: (T3_RESULTS, T3_TOTAL_ROW),
    T3_CARRIED_OUT: (T3_CARRIED_OUT,),
}
T3_HEADER_ROWS = 3
T3_GRID_COLUMNS = 10  # 3 label columns + 7 data columns

# Table 四
T4_REVIEW = "行政复议"
T4_LITIGATION = "行政诉讼"
T4_GROUPS: list[str] = ["行政复议", "未经复议直接起诉", "复议后起诉"]
T4_LEAVES: list[str] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T4_CELLS: list[tuple[str, str]] = [(g, leaf) for g in T4_GROUPS for leaf in T4_LEAVES]  # the 15, in order

DEFAULT_CONTACT_TEMPLATE = (
    "如对本报告有疑问，请与{agency}办公室联系（地址：某某市某某路1号；联系电话：0537-1234567；"
    "电子邮箱：gk@example.gov.cn）。"
)

# --------------------------------------------------------------------------------------------------------------
# Default (consistent) numbers
# --------------------------------------------------------------------------------------------------------------

_T2_DEFAULT: dict[tuple[str, str], str] = {
    ("规章", "本年制发件数"): "1",
    ("规章", "本年废止件数"): "0",
    ("规章", "现行有效件数"): "3",
    ("行政规范性文件", "本年制发件数"): "4",
    ("行政规范性文件", "本年废止件数"): "1",
    ("行政规范性文件", "现行有效件数"): "18",
    ("行政许可", "本年处理决定数量"): "326",
    ("行政处罚", "本年处理决定数量"): "48",
    ("行政强制", "本年处理决定数量"): "2",
    ("行政事业性收费", "本年收费金额（单位：万元）"): "12.5",
}

# Non-zero result leaves per applicant column (every other leaf is 0), plus 二、上年结转 and 四、结转下年度.
_T3_RESULT_SEED: dict[str, dict[str, int]] = {
    "自然人": {
        T3_OPEN: 20,
        T3_PARTIAL: 3,
        "2.其他法律行政法规禁止公开": 1,
        "4.保护第三方合法权益": 1,
        "6.属于四类过程性信息": 2,
        "7.属于行政执法案卷": 1,
        "1.本机关不掌握相关政府信息": 8,
        "2.没有现成信息需要另行制作": 2,
        "3.补正后申请内容仍不明确": 1,
        "1.信访举报投诉类申请": 2,
        "2.重复申请": 1,
        "5.要求行政机关确认或重新出具已获取信息": 1,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": 1,
        "3.其他": 1,
    },
    "商业企业": {
        T3_OPEN: 5,
        T3_PARTIAL: 1,
        "4.保护第三方合法权益": 1,
        "1.本机关不掌握相关政府信息": 2,
        "3.其他": 1,
    },
    "科研机构": {T3_OPEN: 1},
    "社会公益组织": {},
    "法律服务机构": {T3_OPEN: 2, "1.本机关不掌握相关政府信息": 1},
    "其他": {T3_OPEN: 1},
}
_T3_CARRIED_IN_SEED = {
    "自然人": 2,
    "商业企业": 0,
    "科研机构": 0,
    "社会公益组织": 0,
    "法律服务机构": 1,
    "其他": 0,
}
_T3_CARRIED_OUT_SEED = {
    "自然人": 3,
    "商业企业": 1,
    "科研机构": 0,
    "社会公益组织": 0,
    "法律服务机构": 0,
    "其他": 0,
}

_T4_DEFAULT: dict[str, dict[str, int]] = {
    "行政复议": {"结果维持": 1, "结果纠正": 0, "其他结果": 0, "尚未审结": 1},
    "未经复议直接起诉": {"结果维持": 1, "结果纠正": 0, "其他结果": 0, "尚未审结": 0},
    "复议后起诉": {"结果维持": 0, "结果纠正": 0, "其他结果": 0, "尚未审结": 0},
}


def default_t2() -> dict[tuple[str, str], str]:
    """The default table 2 cell texts: (row label, column label) → text (10 cells, one decimal 万元 amount)."""
    return dict(_T2_DEFAULT)


def default_t3() -> dict[str, dict[str, int]]:
    """The consistent default table 3 numbers: row leaf label → column leaf label → int (25 × 7).

    Derived rows/columns are computed, so E1, E2 and E3 hold by construction:
    （七）总计 = Σ result leaves (E2); 一 = （七）总计 + 四 − 二 (E1); 总计 column = Σ six applicant columns (E3).
    """
    table: dict[str, dict[str, int]] = {row: {} for row in T3_ROWS}
    for col in T3_APPLICANT_COLUMNS:
        seed = _T3_RESULT_SEED[col]
        for leaf in T3_RESULT_LEAVES:
            table[leaf][col] = seed.get(leaf, 0)
        done = sum(table[leaf][col] for leaf in T3_RESULT_LEAVES)
        table[T3_TOTAL_ROW][col] = done
        table[T3_CARRIED_IN][col] = _T3_CARRIED_IN_SEED[col]
        table[T3_CARRIED_OUT][col] = _T3_CARRIED_OUT_SEED[col]
        table[T3_NEW][col] = done + _T3_CARRIED_OUT_SEED[col] - _T3_CARRIED_IN_SEED[col]
        assert table[T3_NEW][col] >= 0
    for row in T3_ROWS:
        table[row][T3_TOTAL_COLUMN] = sum(table[row][c] for c in T3_APPLICANT_COLUMNS)
    return table


def default_t4() -> dict[str, dict[str, int]]:
    """The consistent default table 4 numbers: group → leaf → int (总计 = sum of the other four, E4)."""
    out: dict[str, dict[str, int]] = {}
    for group in T4_GROUPS:
        vals = dict(_T4_DEFAULT[group])
        vals["总计"] = sum(vals.values())
        out[group] = {leaf: vals[leaf] for leaf in T4_LEAVES}
    return out


def default_sections(agency: str = "某某市某某局", year: int = 2023) -> list[tuple[str, str]]:
    """The six official headings with realistic one-paragraph bodies."""
    new_total = default_t3()[T3_NEW][T3_TOTAL_COLUMN]
    bodies = [
        f"{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
        f"坚持“以公开为常态、不公开为例外”原则，扎实做好主动公开、依申请公开、政府信息管理、平台建设和监督保障等工作。"
        f"全年通过政府门户网站主动公开政府信息1095条；本年新收政府信息公开申请{new_total}件，均在法定期限内答复；"
        f"严格落实信息发布“三审”制度，加强政务新媒体管理，将政务公开工作纳入年度考核，全年未发生泄密事件。",
        f"{year}年，{agency}依法依规做好规章、行政规范性文件及行政许可、行政处罚、行政强制和行政事业性收费等信息的"
        f"主动公开工作，具体情况如下：",
        f"{year}年，{agency}严格按照法定程序和时限办理政府信息公开申请，收到和处理申请情况如下：",
        f"{year}年，{agency}因政府信息公开工作被申请行政复议、提起行政诉讼情况如下：",
        f"{year}年，{agency}政府信息公开工作取得一定成效，但仍存在公开内容不够全面、部分栏目更新不够及时等问题。"
        f"下一步，我局将进一步完善信息发布审核机制，加强业务培训，及时更新专栏内容，不断提升政府信息公开工作质量。",
        f"（一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况：{year}年度本机关未收取信息处理费，"
        f"收取金额0元。（二）本机关无其他需要报告的事项。",
    ]
    return list(zip(SECTION_HEADINGS, bodies, strict=True))


# --------------------------------------------------------------------------------------------------------------
# Spec
# --------------------------------------------------------------------------------------------------------------


@dataclass
class ReportSpec:
    agency: str = "某某市某某局"
    year: int = 2023
    title: str | None = None  # default f"{agency}{year}年政府信息公开工作年度报告"
    period: str | None = "default"  # "default" → the full-year sentence; None → omitted; other → used as is
    contact: str | None = "default"  # "default" → DEFAULT_CONTACT_TEMPLATE; None → omitted; other → as is
    sections: list[tuple[str, str]] | None = None  # (heading, body); None → default_sections(agency, year)
    t2: dict[tuple[str, str], str] | None = None  # (row label, column label) → cell text
    t3: dict[tuple[str, str], str] | None = None  # (row leaf label, column leaf label) → cell text
    t4: dict[tuple[str, str], str] | None = None  # (group, leaf) → cell text
    include_tables: tuple[str, ...] = ("二", "三", "四")
    signed: str | None = "default"  # the date under the signature; "default" → 20 January of the next year

    def resolved_signed(self) -> str | None:
        return f"{self.year + 1}年1月20日" if self.signed == "default" else self.signed

    def resolved_title(self) -> str:
        return self.title if self.title is not None else f"{self.agency}{self.year}年政府信息公开工作年度报告"

    def resolved_period(self) -> str | None:
        if self.period == "default":
            return f"本报告统计期限为{self.year}年1月1日至{self.year}年12月31日。"
        return self.period

    def resolved_contact(self) -> str | None:
        if self.contact == "default":
            return DEFAULT_CONTACT_TEMPLATE.format(agency=self.agency)
        return self.contact

    def resolved_sections(self) -> list[tuple[str, str]]:
        return list(self.sections) if self.sections is not None else default_sections(self.agency, self.year)


# Cell texts after overrides -------------------------------------------------------------------------------------


def _check_keys(
    overrides: dict[tuple[str, str], str] | None, valid: list[tuple[str, str]], table: str
) -> dict:
    overrides = dict(overrides or {})
    unknown = [k for k in overrides if k not in set(valid)]
    if unknown:
        raise KeyError(f"table {table}: unknown override key(s) {unknown!r}")
    return overrides


def t2_texts(spec: ReportSpec | None = None) -> dict[tuple[str, str], str]:
    """Final table 2 cell texts (defaults with spec.t2 applied)."""
    texts = default_t2()
    texts.update(_check_keys(spec.t2 if spec else None, T2_CELLS, "二"))
    return texts


def t3_texts(spec: ReportSpec | None = None) -> dict[tuple[str, str], str]:
    """Final table 3 cell texts keyed (row leaf, column leaf), defaults with spec.t3 applied."""
    nums = default_t3()
    texts = {(row, col): str(nums[row][col]) for row in T3_ROWS for col in T3_COLUMNS}
    texts.update(_check_keys(spec.t3 if spec else None, list(texts), "三"))
    return texts


def t4_texts(spec: ReportSpec | None = None) -> dict[tuple[str, str], str]:
    """Final table 4 cell texts keyed (group, leaf), defaults with spec.t4 applied."""
    nums = default_t4()
    texts = {(g, leaf): str(nums[g][leaf]) for g, leaf in T4_CELLS}
    texts.update(_check_keys(spec.t4 if spec else None, T4_CELLS, "四"))
    return texts


# --------------------------------------------------------------------------------------------------------------
# docx writing
# --------------------------------------------------------------------------------------------------------------

_BODY_FONT = "仿宋_GB2312"
_TITLE_FONT = "方正小标宋简体"
_HEADING_FONT = "黑体"


def _style_run(run, east_asian: str, size: float, bold: bool = False) -> None:
    run.bold = bold or None
    run.font.size = Pt(size)
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)


def _add_paragraph(
    doc,
    text: str,
    *,
    font: str = _BODY_FONT,
    size: float = 16,
    bold: bool = False,
    center: bool = False,
    indent: bool = False,
):
    p = doc.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _style_run(p.add_run(text), font, size, bold)
    return p


def _set(cell, text: str, *, center: bool = True) -> None:
    """Replace a (possibly merged) cell's content by one paragraph holding ``text``."""
    for extra in cell.paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    p = cell.paragraphs[0]
    for r in list(p.runs):
        r._element.getparent().remove(r._element)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        _style_run(p.add_run(text), _BODY_FONT, 10.5)


def _new_table(doc, rows: int, cols: int):
    table = doc.add_table(rows=rows, cols=cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    return table


def _merge(table, r0: int, c0: int, r1: int, c1: int):
    return table.cell(r0, c0).merge(table.cell(r1, c1))


class _Grid:
    """Grid-position access to a table whose merges are done (``table.cell`` rebuilds the grid on every call)."""

    def __init__(self, table):
        self._cols = len(table.columns)
        self._cells = table._cells  # one snapshot: covered slots map to their merged (origin) cell

    def cell(self, row: int, col: int):
        return self._cells[row * self._cols + col]


def _add_table_2(doc, spec: ReportSpec) -> None:
    texts = t2_texts(spec)
    n_rows = sum(2 + len(rows) for _, _, rows in T2_BANDS)
    table = _new_table(doc, n_rows, 4)
    r = 0
    for heading, cols, rows in T2_BANDS:
        _set(_merge(table, r, 0, r, 3), heading)
        r += 1
        _set(table.cell(r, 0), T2_INFO_HEADER)
        if len(cols) == 1:
            _set(_merge(table, r, 1, r, 3), cols[0])
        else:
            for j, col in enumerate(cols, start=1):
                _set(table.cell(r, j), col)
        r += 1
        for row in rows:
            _set(table.cell(r, 0), row)
            if len(cols) == 1:
                _set(_merge(table, r, 1, r, 3), texts[(row, cols[0])])
            else:
                for j, col in enumerate(cols, start=1):
                    _set(table.cell(r, j), texts[(row, col)])
            r += 1


def _add_table_3(doc, spec: ReportSpec) -> None:
    texts = t3_texts(spec)
    n_rows = T3_HEADER_ROWS + len(T3_ROWS)  # 28
    table = _new_table(doc, n_rows, T3_GRID_COLUMNS)
    row_of = {label: T3_HEADER_ROWS + i for i, label in enumerate(T3_ROWS)}
    # header: corner 3 cols × 3 rows; 申请人情况 spans 7; 自然人 / 总计 vertical over rows 1–2; 法人 spans 5
    _merge(table, 0, 0, 2, 2)
    _merge(table, 0, 3, 0, 9)
    _merge(table, 1, 3, 2, 3)
    _merge(table, 1, 4, 1, 8)
    _merge(table, 1, 9, 2, 9)
    # label columns: 一/二/四 span 3; 三 vertical over all its rows; （一）（二）（七） span 2; （三）–（六） vertical
    for label in (T3_NEW, T3_CARRIED_IN, T3_CARRIED_OUT):
        _merge(table, row_of[label], 0, row_of[label], 2)
    _merge(table, row_of[T3_OPEN], 0, row_of[T3_TOTAL_ROW], 0)
    for label in (T3_OPEN, T3_PARTIAL, T3_TOTAL_ROW):
        _merge(table, row_of[label], 1, row_of[label], 2)
    for leaves in T3_GROUPS.values():
        _merge(table, row_of[leaves[0]], 1, row_of[leaves[-1]], 1)

    grid = _Grid(table)
    _set(grid.cell(0, 0), T3_CORNER)
    _set(grid.cell(0, 3), T3_APPLICANT_HEADER)
    _set(grid.cell(1, 3), T3_NATURAL)
    _set(grid.cell(1, 4), T3_ORG_HEADER)
    _set(grid.cell(1, 9), T3_TOTAL_COLUMN)
    for j, col in enumerate(T3_ORG_COLUMNS, start=4):
        _set(grid.cell(2, j), col)
    for label in (T3_NEW, T3_CARRIED_IN, T3_CARRIED_OUT):
        _set(grid.cell(row_of[label], 0), label, center=False)
    _set(grid.cell(row_of[T3_OPEN], 0), T3_RESULTS)
    for label in (T3_OPEN, T3_PARTIAL, T3_TOTAL_ROW):
        _set(grid.cell(row_of[label], 1), label, center=False)
    for group, leaves in T3_GROUPS.items():
        _set(grid.cell(row_of[leaves[0]], 1), group)
        for leaf in leaves:
            _set(grid.cell(row_of[leaf], 2), leaf, center=False)
    # data
    for label in T3_ROWS:
        for j, col in enumerate(T3_COLUMNS, start=3):
            _set(grid.cell(row_of[label], j), texts[(label, col)])


def _add_table_4(doc, spec: ReportSpec) -> None:
    texts = t4_texts(spec)
    table = _new_table(doc, 4, 15)
    _set(_merge(table, 0, 0, 0, 4), T4_REVIEW)
    _set(_merge(table, 0, 5, 0, 14), T4_LITIGATION)
    for j, leaf in enumerate(T4_LEAVES):
        _set(_merge(table, 1, j, 2, j), leaf)
    _set(_merge(table, 1, 5, 1, 9), T4_GROUPS[1])
    _set(_merge(table, 1, 10, 1, 14), T4_GROUPS[2])
    grid = _Grid(table)
    for k, leaf in enumerate(T4_LEAVES * 2):
        _set(grid.cell(2, 5 + k), leaf)
    for k, key in enumerate(T4_CELLS):
        _set(grid.cell(3, k), texts[key])


_TABLE_WRITERS = {"二": _add_table_2, "三": _add_table_3, "四": _add_table_4}
_NUMERALS = "一二三四五六七八九十"


def _section_number(heading: str) -> int | None:
    head = heading.strip()
    if head and head[0] in _NUMERALS:
        return _NUMERALS.index(head[0]) + 1
    return None


def build_report(path, spec: ReportSpec | None = None) -> Path:
    """Write the report described by ``spec`` (defaults: a clean, consistent report) to ``path``.

    Each table follows the body of its section (table 2 after section 二, …). If that section is absent from
    ``spec.sections``, the table still appears where the section would have been (before the next later
    section), like a report whose heading went missing while its content stayed.
    """
    spec = spec or ReportSpec()
    unknown = [t for t in spec.include_tables if t not in _TABLE_WRITERS]
    if unknown:
        raise ValueError(f"unknown table(s) {unknown!r}; use 二, 三, 四")
    path = Path(path)
    doc = Document()

    _add_paragraph(doc, spec.resolved_title(), font=_TITLE_FONT, size=22, center=True)
    opening = [
        f"本报告由{spec.agency}按照《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
        f"（国办公开办函〔2021〕30号）要求编制。"
    ]
    for sentence in (spec.resolved_period(), spec.resolved_contact()):
        if sentence:
            opening.append(sentence)
    _add_paragraph(doc, "".join(opening), indent=True)

    pending = sorted((_NUMERALS.index(t) + 1, t) for t in dict.fromkeys(spec.include_tables))

    def flush(upto: int) -> None:
        while pending and pending[0][0] <= upto:
            _TABLE_WRITERS[pending.pop(0)[1]](doc, spec)

    for heading, body in spec.resolved_sections():
        number = _section_number(heading)
        if number is not None:
            flush(number - 1)
        _add_paragraph(doc, heading, font=_HEADING_FONT, bold=True, indent=True)
        if body:
            _add_paragraph(doc, body, indent=True)
        if number is not None:
            flush(number)
    flush(len(_NUMERALS))
    if spec.resolved_signed():
        _add_paragraph(doc, spec.agency)
        _add_paragraph(doc, spec.resolved_signed())

    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
