"""The .txt reader: decoding, paragraphs, the three table export shapes (exact cells, spans, labels, lines),
complete reports linted with the national pack, the real seed reports, and hostile input."""

from __future__ import annotations

import codecs
import time

import pytest

from report_builder import (
    DEFAULT_CONTACT_TEMPLATE,
    T2_BANDS,
    T2_INFO_HEADER,
    T3_APPLICANT_HEADER,
    T3_COLUMNS,
    T3_CORNER,
    T3_GROUPS,
    T3_NATURAL,
    T3_NEW,
    T3_OPEN,
    T3_ORG_COLUMNS,
    T3_ORG_HEADER,
    T3_RESULTS,
    T3_ROW_PATHS,
    T3_ROWS,
    T3_TOTAL_COLUMN,
    T3_TOTAL_ROW,
    T4_CELLS,
    T4_GROUPS,
    T4_LEAVES,
    ReportSpec,
    default_sections,
    t2_texts,
    t3_texts,
    t4_texts,
)
from reportlint.api import lint_document
from reportlint.errors import InputError
from reportlint.model import Paragraph, Table
from reportlint.normalize import norm
from reportlint.readers import load_document
from shared_data import SEED_FINDINGS, SEEDS


def _load(tmp_path, text: str | bytes, name: str = "r.txt"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_document(str(path))


def _origins(table: Table) -> list[list[tuple[str, int, int, int]]]:
    """Per grid row, the cells that start in it: (text, col, row_span, col_span)."""
    return [
        [(c.text, c.col, c.row_span, c.col_span) for c in dict.fromkeys(row) if c.row == r]
        for r, row in enumerate(table.grid)
    ]


def _data(table: Table) -> list[tuple[str, str, str]]:
    return [(d.row_label, d.column_label, d.cell.text) for d in table.data]


def _paras(doc) -> list[tuple[str, int | None, int | None]]:
    return [(p.text, p.line, p.column) for p in doc.paragraphs]


# -- decoding and lines ----------------------------------------------------------------------------------------
def test_utf8_bom_and_crlf_lines(tmp_path):
    doc = _load(tmp_path, codecs.BOM_UTF8 + "标题报告\r\n\r\n  一、总体情况\r\n正文".encode())
    assert _paras(doc) == [("标题报告", 1, 1), ("一、总体情况", 3, 3), ("正文", 4, 1)]
    assert doc.format == "text"


def test_gb18030_and_bare_cr(tmp_path):
    doc = _load(tmp_path, "某局2023年政府信息公开工作年度报告\r一、总体情况\r\r二、主动公开".encode("gb18030"))
    assert _paras(doc) == [("某局2023年政府信息公开工作年度报告", 1, 1), ("一、总体情况", 2, 1), ("二、主动公开", 4, 1)]
    assert (doc.title, doc.year) == ("某局2023年政府信息公开工作年度报告", 2023)


@pytest.mark.parametrize(("lines", "title"), [
    ("曲沃县卫生健康和体育局\n2023年政府信息公开工作年度报告", "曲沃县卫生健康和体育局2023年政府信息公开工作年度报告"),
    ("宿州市人民政府2023年\n政府信息公开工作年度报告", "宿州市人民政府2023年政府信息公开工作年度报告"),
    ("标题: 平潭综合实验区2023年度政府信息公开工作年度报告", "平潭综合实验区2023年度政府信息公开工作年度报告"),
    ("某局2023年政府信息公开工作年度报告（修订版，第二稿）", "某局2023年政府信息公开工作年度报告（修订版，第二稿）"),
])
def test_a_title_split_over_two_lines_or_behind_a_label(tmp_path, lines, title):
    doc = _load(tmp_path, lines + "\n一、总体情况\n")
    assert (doc.title, doc.year) == (title, 2023)


def test_utf16_with_bom(tmp_path):
    doc = _load(tmp_path, "一、总体情况\n正文".encode("utf-16"))
    assert _paras(doc) == [("一、总体情况", 1, 1), ("正文", 2, 1)]


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image, not text"),
        (b"\x80\x80\xff\xfe\x81", "neither UTF-8, GB18030 nor Big5"),
        (codecs.BOM_UTF8 + b"ok\xff", "invalid utf-8 after its byte order mark (offset 5)"),
        (b"\x01\x02\x03\x04\x05\x06text", "binary data (control characters), not text"),
    ],
)
def test_undecodable_input_is_a_decode_error(tmp_path, data, detail):
    with pytest.raises(InputError) as err:
        _load(tmp_path, data)
    assert (err.value.code, err.value.detail) == ("decode", detail)
    assert err.value.render("en").endswith(f"cannot decode the text: {detail}")


# -- paragraphs ------------------------------------------------------------------------------------------------
def test_artefacts_split_off_headings_and_stay_in_text(tmp_path):
    doc = _load(tmp_path, "报告标题\n[image: 1704859250673]\n[bookmark: _GoBack]五、存在的主要问题及改进情况\n正文[bookmark: x]。\n")
    assert _paras(doc) == [
        ("报告标题", 1, 1),
        ("[image: 1704859250673]", 2, 1),
        ("[bookmark: _GoBack]", 3, 1),
        ("五、存在的主要问题及改进情况", 3, 20),
        ("正文[bookmark: x]。", 4, 1),
    ]
    assert [s.title for s in doc.sections()] == ["五、存在的主要问题及改进情况"]


def test_web_metadata_list_is_one_paragraph_before_the_title(tmp_path):
    doc = _load(tmp_path, "- 索引号：mlswjj/2025-00078\n- 发布机构：弥勒市卫健局\n- 文号\n某局2023年政府信息公开工作年度报告\n")
    assert _paras(doc) == [
        ("- 索引号：mlswjj/2025-00078\n- 发布机构：弥勒市卫健局\n- 文号", 1, 1),
        ("某局2023年政府信息公开工作年度报告", 4, 1),
    ]
    assert doc.title == "某局2023年政府信息公开工作年度报告"


def test_tab_indented_prose_is_not_a_table(tmp_path):
    doc = _load(tmp_path, "\t一、总体情况\n\t本年度我局工作正常。\n\n\t（一）主动公开\n\t全年公开信息若干条。\n")
    assert doc.tables == []
    assert _paras(doc) == [("一、总体情况", 1, 2), ("本年度我局工作正常。", 2, 2), ("（一）主动公开", 4, 2),
                           ("全年公开信息若干条。", 5, 2)]


# A crawler's export: the whole page on one line, headings inline after a sentence end, a space, a number, or (when
# it is the next number) any other character; the opening's own enumeration and lists of numbers stay whole.
FLAT_LINE = (
    "本报告包括：一、总体情况；二、主动公开政府信息情况等部分。" + "正文" * 80 + "。"
    "一、总体情况2023年，我局有三、四个方面的工作。（一）主动公开。全年公开信息12条。"
    " 二、主动公开政府信息情况第二十条规章000"
    "行政事业性收费12.5元三、收到和处理政府信息公开申请情况申请人情况自然人一、本年新收政府信息公开申请数量5"
    "二、上年结转政府信息公开申请数量0"
)


def test_a_flattened_page_is_split_before_its_inline_headings(tmp_path):
    doc = _load(tmp_path, "某局2023年政府信息公开工作年度报告\n" + FLAT_LINE + "\n")
    opening_end = FLAT_LINE.index("一、总体情况2023")
    assert [(text[:8], line, column) for text, line, column in _paras(doc)] == [
        ("某局2023年政", 1, 1),
        ("本报告包括：一、", 2, 1),
        ("一、总体情况20", 2, opening_end + 1),
        ("（一）主动公开。", 2, FLAT_LINE.index("（一）") + 1),
        ("二、主动公开政府", 2, FLAT_LINE.index(" 二、") + 2),
        ("三、收到和处理政", 2, FLAT_LINE.index("元三、") + 2),
        ("二、上年结转政府", 2, FLAT_LINE.index("5二、") + 2),
    ]


def test_a_long_line_with_one_inline_number_is_left_whole(tmp_path):
    line = "正文" * 200 + "。二、主动公开政府信息情况"
    doc = _load(tmp_path, line)
    assert _paras(doc) == [(line, 1, 1)]


# -- shape: one cell per line ----------------------------------------------------------------------------------
CELL_TABLE = "\n".join([
    "表前文字",  # 1
    "\t项目（勾稽关系：",  # 2  corner, broken over two lines
    "第一项等于第二项）",  # 3
    "\t申请人",  # 4
    "",  # 5
    "\t",  # 6  corner continued
    "\t自然人",  # 7
    "\t法人",  # 8
    "\t总",  # 9
    "计",  # 10
    "",  # 11
    "\t",  # 12
    "\t",  # 13  自然人 continued
    "\t[bookmark: _Hlk1]企业",  # 14
    "\t其他",  # 15
    "\t",  # 16  总计 continued
    "",  # 17
    "\t一、新收",  # 18
    "\t1",  # 19
    "\t\u00a0\u00a02",  # 20
    "\t0\u00a0",  # 21
    "\t3",  # 22
    "",  # 23
    "\t三、结果",  # 24
    "\t（一）公开",  # 25
    "\t1", "\t0", "\t0", "\t1",  # 26-29
    "",  # 30
    "\t",  # 31  三、 continued
    "\t（二）不予",  # 32
    "\t1.秘密",  # 33
    "\t0", "\t1", "\t0",  # 34-36
    "\t",  # 37  a cell whose text starts on the next line
    "1",  # 38
    "",  # 39
    "",  # 40
    "\t",  # 41
    "\t",  # 42
    "\t2.其他",  # 43
    "事项",  # 44
    "\t0", "\t0", "\t0",  # 45-47  the last value is missing
    "",  # 48
    "\t四、结转",  # 49
    "\t0", "\t0", "\t0", "\t0",  # 50-53
    "",  # 54
    "后文",  # 55
])


def test_cell_per_line_table(tmp_path):
    doc = _load(tmp_path, CELL_TABLE)
    assert [(type(b).__name__, getattr(b, "line", None)) for b in doc.blocks] == [
        ("Paragraph", 1), ("Table", 2), ("Paragraph", 55)]
    (t,) = doc.tables
    assert (t.index, t.line, t.caption) == (1, 2, "表前文字")
    assert t.row_lines == [2, 6, 12, 18, 24, 31, 41, 49]
    assert _origins(t) == [
        [("项目（勾稽关系：\n第一项等于第二项）", 0, 3, 3), ("申请人", 3, 1, 4)],
        [("自然人", 3, 2, 1), ("法人", 4, 1, 2), ("总\n计", 6, 2, 1)],
        [("企业", 4, 1, 1), ("其他", 5, 1, 1)],
        [("一、新收", 0, 1, 3), ("1", 3, 1, 1), ("\u00a0\u00a02", 4, 1, 1), ("0\u00a0", 5, 1, 1), ("3", 6, 1, 1)],
        [("三、结果", 0, 3, 1), ("（一）公开", 1, 1, 2), ("1", 3, 1, 1), ("0", 4, 1, 1), ("0", 5, 1, 1),
         ("1", 6, 1, 1)],
        [("（二）不予", 1, 2, 1), ("1.秘密", 2, 1, 1), ("0", 3, 1, 1), ("1", 4, 1, 1), ("0", 5, 1, 1),
         ("\n1", 6, 1, 1)],
        [("2.其他\n事项", 2, 1, 1), ("0", 3, 1, 1), ("0", 4, 1, 1), ("0", 5, 1, 1), ("", 6, 1, 1)],
        [("四、结转", 0, 1, 3), ("0", 3, 1, 1), ("0", 4, 1, 1), ("0", 5, 1, 1), ("0", 6, 1, 1)],
    ]
    assert t.label_cols == 3
    assert {d.column_label for d in t.data} == {"申请人 / 自然人", "申请人 / 法人 / 企业", "申请人 / 法人 / 其他",
                                               "申请人 / 总计"}
    assert [(d.row_label, d.column_label, d.cell.text) for d in t.data if d.col in (3, 6)] == [
        ("一、新收", "申请人 / 自然人", "1"), ("一、新收", "申请人 / 总计", "3"),
        ("三、结果 / （一）公开", "申请人 / 自然人", "1"), ("三、结果 / （一）公开", "申请人 / 总计", "1"),
        ("三、结果 / （二）不予 / 1.秘密", "申请人 / 自然人", "0"), ("三、结果 / （二）不予 / 1.秘密", "申请人 / 总计", "\n1"),
        ("三、结果 / （二）不予 / 2.其他事项", "申请人 / 自然人", "0"),
        ("三、结果 / （二）不予 / 2.其他事项", "申请人 / 总计", ""),
        ("四、结转", "申请人 / 自然人", "0"), ("四、结转", "申请人 / 总计", "0"),
    ]


def test_cell_per_line_spaces_before_the_tab_start_a_new_row(tmp_path):
    # The row-ending blank line and the next row's first cell on one line (" \t…"): a row with a missing value.
    doc = _load(tmp_path, "\t第一项\n\n\t信息内容\n\t甲\n\t乙\n\n\t规章\n\t2\n \t第二项\n\n\t信息内容\n\t丙\n\n\t许可\n\t5\n")
    (t,) = doc.tables
    assert _origins(t) == [
        [("第一项", 0, 1, 3)],
        [("信息内容", 0, 1, 1), ("甲", 1, 1, 1), ("乙", 2, 1, 1)],
        [("规章", 0, 1, 1), ("2", 1, 1, 1), ("", 2, 1, 1)],
        [("第二项", 0, 1, 3)],
        [("信息内容", 0, 1, 1), ("丙", 1, 1, 2)],
        [("许可", 0, 1, 1), ("5", 1, 1, 2)],
    ]
    assert t.row_lines == [1, 3, 7, 9, 11, 14]
    assert _data(t) == [("第一项 / 规章", "甲", "2"), ("第一项 / 规章", "乙", ""), ("第二项 / 许可", "丙", "5")]


def test_cell_per_line_table_ends_at_text_after_a_number(tmp_path):
    doc = _load(tmp_path, "\t项目\n\t数量\n\n\t规章\n\t3\n五、存在的主要问题及改进情况\n")
    (t,) = doc.tables
    assert _origins(t) == [[("项目", 0, 1, 1), ("数量", 1, 1, 1)], [("规章", 0, 1, 1), ("3", 1, 1, 1)]]
    assert _paras(doc) == [("五、存在的主要问题及改进情况", 6, 1)]


# -- shape: tab-separated rows ---------------------------------------------------------------------------------
TAB_TABLE = "\n".join([
    "项目\t\t申请人\t\t总计\t",  # 1  corner over 2 grid columns, 总计 outside 申请人
    "\t\t自然人\t企业\t",  # 2
    "一、新收\t\t1\t2\t3\t",  # 3  the label's span written as an empty cell, a stray empty cell at the end
    "三、结果\t（一）公开\t1\t1\t2",  # 4
    "\t（二）不予\t1.秘密\t0\t1\t1",  # 5  three label cells: the label columns are 3
    "",  # 6  a row split by a blank line
    "\t2.其他\t0\t0",  # 7  the last value is missing
    "四、结转\t\t0\t0\t0",  # 8
    "后文",  # 9
])


def test_tab_separated_table(tmp_path):
    doc = _load(tmp_path, TAB_TABLE)
    (t,) = doc.tables
    assert (t.line, t.row_lines) == (1, [1, 2, 3, 4, 5, 7, 8])
    assert _origins(t) == [
        [("项目", 0, 2, 3), ("申请人", 3, 1, 2), ("总计", 5, 2, 1)],
        [("自然人", 3, 1, 1), ("企业", 4, 1, 1)],
        [("一、新收", 0, 1, 3), ("1", 3, 1, 1), ("2", 4, 1, 1), ("3", 5, 1, 1)],
        [("三、结果", 0, 3, 1), ("（一）公开", 1, 1, 2), ("1", 3, 1, 1), ("1", 4, 1, 1), ("2", 5, 1, 1)],
        [("（二）不予", 1, 2, 1), ("1.秘密", 2, 1, 1), ("0", 3, 1, 1), ("1", 4, 1, 1), ("1", 5, 1, 1)],
        [("2.其他", 2, 1, 1), ("0", 3, 1, 1), ("0", 4, 1, 1), ("", 5, 1, 1)],
        [("四、结转", 0, 1, 3), ("0", 3, 1, 1), ("0", 4, 1, 1), ("0", 5, 1, 1)],
    ]
    assert [(d.row_label, d.column_label, d.cell.text) for d in t.data if d.col == 5] == [
        ("一、新收", "总计", "3"), ("三、结果 / （一）公开", "总计", "2"), ("三、结果 / （二）不予 / 1.秘密", "总计", "1"),
        ("三、结果 / （二）不予 / 2.其他", "总计", ""), ("四、结转", "总计", "0"),
    ]
    assert {d.column_label for d in t.data} == {"申请人 / 自然人", "申请人 / 企业", "总计"}
    assert _paras(doc) == [("后文", 9, 1)]


def test_a_tab_line_alone_is_a_paragraph(tmp_path):
    doc = _load(tmp_path, "联系电话：\t0537-1234567\n")
    assert doc.tables == []
    assert _paras(doc) == [("联系电话：\t0537-1234567", 1, 1)]


# -- shape: pipe rows ------------------------------------------------------------------------------------------
PIPE_TABLE = "\n".join([
    "| 项目 | 申请人情况 | | | |",  # 1
    "|---|---|---|---|---|",  # 2  a Markdown rule row: skipped
    "自然人 | 法人或其他组织 | 总计 | ||",  # 3  covered cells left out, rows padded at the end
    "商业企业 | 其他 | |||",  # 4
    "一、新收 | 1 | 2 | 0 | 3 |",  # 5
    "三、结果 | （一）公开 | 1 | 1 | 0 | 2 |",  # 6
    "（二）部分 | 0 | 1 | 0 | 1 ||",  # 7
    "（三）不予 | 1.秘密 | 0 | 0 | 0 | 0 |",  # 8
    "2.其他 | 1 | 0 | 0 | |",  # 9  the last value is blank
    "四、结转 | 0 | 0 | 0 | 0 |",  # 10
])


def test_pipe_table(tmp_path):
    doc = _load(tmp_path, PIPE_TABLE)
    (t,) = doc.tables
    assert (t.line, t.row_lines) == (1, [1, 3, 4, 5, 6, 7, 8, 9, 10])
    assert _origins(t) == [
        [("项目", 0, 3, 3), ("申请人情况", 3, 1, 4)],
        [("自然人", 3, 2, 1), ("法人或其他组织", 4, 1, 2), ("总计", 6, 2, 1)],
        [("商业企业", 4, 1, 1), ("其他", 5, 1, 1)],
        [("一、新收", 0, 1, 3), ("1", 3, 1, 1), ("2", 4, 1, 1), ("0", 5, 1, 1), ("3", 6, 1, 1)],
        [("三、结果", 0, 4, 1), ("（一）公开", 1, 1, 2), ("1", 3, 1, 1), ("1", 4, 1, 1), ("0", 5, 1, 1),
         ("2", 6, 1, 1)],
        [("（二）部分", 1, 1, 2), ("0", 3, 1, 1), ("1", 4, 1, 1), ("0", 5, 1, 1), ("1", 6, 1, 1)],
        [("（三）不予", 1, 2, 1), ("1.秘密", 2, 1, 1), ("0", 3, 1, 1), ("0", 4, 1, 1), ("0", 5, 1, 1),
         ("0", 6, 1, 1)],
        [("2.其他", 2, 1, 1), ("1", 3, 1, 1), ("0", 4, 1, 1), ("0", 5, 1, 1), ("", 6, 1, 1)],
        [("四、结转", 0, 1, 3), ("0", 3, 1, 1), ("0", 4, 1, 1), ("0", 5, 1, 1), ("0", 6, 1, 1)],
    ]
    assert [d.column_label for d in t.data[:4]] == [
        "申请人情况 / 自然人", "申请人情况 / 法人或其他组织 / 商业企业", "申请人情况 / 法人或其他组织 / 其他",
        "申请人情况 / 总计"]
    assert [t.row_paths[r] and " / ".join(lab.text for lab in t.row_paths[r]) for r in t.data_rows()] == [
        "一、新收", "三、结果 / （一）公开", "三、结果 / （二）部分", "三、结果 / （三）不予 / 1.秘密",
        "三、结果 / （三）不予 / 2.其他", "四、结转"]


def test_pipe_header_groups_follow_the_structure_below(tmp_path):
    # Table 四 as a web page writes it: five single columns spanning down, two groups of five.
    leaves = " | ".join(T4_LEAVES)
    text = "\n".join([
        "行政复议 | 行政诉讼 |",
        " | ".join([*T4_LEAVES, "未经复议直接起诉", "复议后起诉"]) + " |",
        f"{leaves} | {leaves} |",
        " | ".join(str(k) for k in range(15)) + " |",
    ])
    (t,) = _load(tmp_path, text).tables
    assert [d.column_label for d in t.data] == [
        *(f"行政复议 / {leaf}" for leaf in T4_LEAVES),
        *(f"行政诉讼 / 未经复议直接起诉 / {leaf}" for leaf in T4_LEAVES),
        *(f"行政诉讼 / 复议后起诉 / {leaf}" for leaf in T4_LEAVES),
    ]
    assert [d.cell.text for d in t.data] == [str(k) for k in range(15)]


# -- complete reports in each shape, linted with the national pack ---------------------------------------------
class _Writer:
    """Writes report lines and remembers where each table row starts."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.row_line: dict[str, int] = {}

    def add(self, *lines: str, row: str | None = None) -> None:
        if row is not None:
            self.row_line[row] = len(self.lines) + 1
        self.lines.extend(part for line in lines for part in line.split("\n"))


def _t3_labels() -> list[list[str]]:
    """The label cells of each table 3 row as one cell per line writes them (vertical merges as empty cells)."""
    out: list[list[str]] = []
    for leaf in T3_ROWS:
        path = T3_ROW_PATHS[leaf]
        if len(path) == 1:
            out.append([leaf])
        elif leaf == T3_OPEN:
            out.append([T3_RESULTS, leaf])
        elif len(path) == 2:
            out.append(["", leaf])
        else:
            group = path[1]
            out.append(["", group, leaf] if T3_GROUPS[group][0] == leaf else ["", "", leaf])
    return out


def _render(shape: str, spec: ReportSpec) -> _Writer:
    w = _Writer()
    t2, t3, t4 = t2_texts(spec), t3_texts(spec), t4_texts(spec)
    if shape == "pipe":
        w.add("- 索引号：000000/2024-00001", "- 发布机构：某某市某某局", "- 发布日期：2024-01-20")
    w.add(spec.resolved_title(), "")
    w.add(f"本报告由{spec.agency}编制。{spec.resolved_period()}{DEFAULT_CONTACT_TEMPLATE.format(agency=spec.agency)}", "")
    for k, (heading, body) in enumerate(default_sections(spec.agency, spec.year)):
        w.add(heading, body, "")
        if k == 1:
            _render_t2(w, shape, t2)
        elif k == 2:
            _render_t3(w, shape, t3)
        elif k == 3:
            _render_t4(w, shape, t4)
    if shape != "pipe":  # the web page gives its 发布日期 in the metadata instead
        w.add(spec.agency, spec.resolved_signed(), "")
    return w


def _row(w: _Writer, shape: str, cells: list[str], width: int, row: str | None = None) -> None:
    if shape == "cell":
        w.add(*(f"\t{c.strip(chr(0))}" for c in cells), "", row=row)
    elif shape == "tab":
        w.add("\t".join([c.strip(chr(0)) for c in cells] + [""] * (width - len(cells))), row=row)
    else:
        kept = [c for c in cells if c != "\0"]
        w.add(" | ".join(kept) + " |" + "|" * (width - len(kept)), row=row)


def _render_t2(w: _Writer, shape: str, t2) -> None:
    for heading, cols, rows in T2_BANDS:
        _row(w, shape, [heading], 4)
        _row(w, shape, [T2_INFO_HEADER, *cols], 4)
        for r in rows:
            _row(w, shape, [r, *(t2[(r, c)] for c in cols)], 4, row=r)
    w.add("")


def _render_t3(w: _Writer, shape: str, t3) -> None:
    skip = "\0"  # a covered cell: empty in one-cell-per-line and tab rows, left out of pipe rows
    if shape == "tab":  # the original grid: 3 label columns, merges as empty cells
        _row(w, shape, [T3_CORNER, "", "", T3_APPLICANT_HEADER], 10)
        _row(w, shape, ["", "", "", T3_NATURAL, T3_ORG_HEADER, "", "", "", "", T3_TOTAL_COLUMN], 10)
        _row(w, shape, ["", "", "", "", *T3_ORG_COLUMNS, ""], 10)
        for leaf, labels in zip(T3_ROWS, _t3_labels(), strict=True):
            grid = (labels + ["", "", ""])[:3]  # a label spanning columns is followed by empty cells
            _row(w, shape, [*grid, *(t3[(leaf, c)] for c in T3_COLUMNS)], 10, row=leaf)
    else:
        _row(w, shape, [T3_CORNER, T3_APPLICANT_HEADER], 10)
        _row(w, shape, [skip, T3_NATURAL, T3_ORG_HEADER, T3_TOTAL_COLUMN], 10)
        _row(w, shape, [skip, skip, *T3_ORG_COLUMNS, skip], 10)
        for leaf, labels in zip(T3_ROWS, _t3_labels(), strict=True):
            cells = [skip if not c else c for c in labels]
            _row(w, shape, [*cells, *(t3[(leaf, c)] for c in T3_COLUMNS)], 10, row=leaf)
    w.add("")


def _render_t4(w: _Writer, shape: str, t4) -> None:
    values = [t4[k] for k in T4_CELLS]
    if shape == "tab":
        _row(w, shape, ["行政复议", "", "", "", "", "行政诉讼"], 15)
        _row(w, shape, [*T4_LEAVES, T4_GROUPS[1], "", "", "", "", T4_GROUPS[2]], 15)
        _row(w, shape, [""] * 5 + T4_LEAVES * 2, 15)
    else:
        skip = "" if shape == "cell" else "\0"
        leaves = ["结果\n维持", *T4_LEAVES[1:]] if shape == "cell" else T4_LEAVES  # a line break in a cell
        _row(w, shape, ["行政复议", "行政诉讼"], 15)
        _row(w, shape, [*leaves, T4_GROUPS[1], T4_GROUPS[2]], 15)
        _row(w, shape, [skip] * 5 + T4_LEAVES * 2, 15)
    _row(w, shape, values, 15, row="t4")
    w.add("")


SHAPES = ["cell", "tab", "pipe"]


def _flattened(spec: ReportSpec) -> str:
    """The report as a crawler saves a page: the title line, then everything else on one line, each table's labels
    and numbers run together ("一、本年新收政府信息公开申请数量15130000154二、…")."""
    t2, t3, t4 = t2_texts(spec), t3_texts(spec), t4_texts(spec)
    tables = {
        1: "".join(band + T2_INFO_HEADER + "".join(cols) + "".join(r + "".join(t2[(r, c)] for c in cols) for r in rows)
                   for band, cols, rows in T2_BANDS),
        2: T3_CORNER + T3_APPLICANT_HEADER + T3_NATURAL + T3_ORG_HEADER + T3_TOTAL_COLUMN + "".join(T3_ORG_COLUMNS)
           + "".join("".join(labels) + "".join(t3[(leaf, c)] for c in T3_COLUMNS)
                     for leaf, labels in zip(T3_ROWS, _t3_labels(), strict=True)),
        3: "行政复议行政诉讼" + "".join(T4_LEAVES) + "".join(T4_GROUPS[1:]) + "".join(T4_LEAVES) * 2
           + "".join(t4[k] for k in T4_CELLS),
    }
    body = [f"本报告由{spec.agency}编制。{spec.resolved_period()}{spec.resolved_contact() or ''}"]
    for k, (heading, text) in enumerate(default_sections(spec.agency, spec.year)):
        body.append(heading + text + tables.get(k, ""))
    return spec.resolved_title() + "\n" + "".join(body) + f"{spec.agency} {spec.resolved_signed()}\n"


def test_tables_flattened_by_a_crawler_are_unreadable_not_missing(tmp_path, national_pack):
    # the row 一、本年新收 runs together as "15130000154", which reads like a mobile number; no phone is given
    new = dict(zip(T3_COLUMNS, ["151", "3", "0", "0", "0", "0", "154"], strict=True))
    spec = ReportSpec(contact=None, t3={("一、本年新收政府信息公开申请数量", c): v for c, v in new.items()})
    text = _flattened(spec)
    doc = _load(tmp_path, text)
    assert "15130000154" in text
    line = text.split("\n")[1]
    found = [(f.rule, f.location.render(), f.text()) for f in lint_document(doc, national_pack)]

    def at(needle: str) -> str:  # the section is the pack's, found inline
        paragraph = next(p for p in doc.paragraphs if needle in p.text)
        heading = next(h for h, _body in default_sections() if paragraph.text.startswith(h))
        return f"2:{line.index(needle) + 1} 第{paragraph.index}段（{heading}）"

    t2 = t2_texts(spec)
    t4_run = "尚未审结总计" + "".join(t4_texts(spec)[k] for k in T4_CELLS)
    assert found == [
        ("contact-info", "全文", "未找到联系电话（如对本报告有疑问的联系方式）"),
        ("table-unreadable", at("规章1"), "表二「主动公开政府信息情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「规章"
         f"{t2[('规章', '本年制发件数')]}{t2[('规章', '本年废止件数')]}{t2[('规章', '现行有效件数')]}」），其中的数字无法"
         "核对；请从原表格（Word、Excel 或网页表格）重新导出"),
        ("table-unreadable", at("本年新收政府信息公开申请数量1"), "表三「收到和处理政府信息公开申请情况」只剩文字，表格结构已丢失（标签和数字连在一起，"
         "如「本年新收政府信息公开申请数量15130000154」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出"),
        ("table-unreadable", at(t4_run), "表四「政府信息公开行政复议、行政诉讼情况」只剩文字，表格结构已丢失（标签和数字连在"
         f"一起，如「{t4_run}」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出"),
    ]


def test_prose_naming_table_labels_is_not_a_flattened_table(tmp_path, national_pack):
    prose = ("全年公开行政许可信息1234条、行政处罚信息567条、行政强制信息89条、行政事业性收费信息12条，"
             "本年新收政府信息公开申请154件，上年结转4件，予以公开120件，不予公开3件，结转下年度继续办理6件，"
             "因政府信息公开被申请行政复议2件、提起行政诉讼1件，结果维持1件、结果纠正1件。")
    spec = ReportSpec()
    lines = [spec.resolved_title(), f"{spec.resolved_period()}{spec.resolved_contact()}"]
    for heading, body in default_sections():
        lines += [heading, body + prose if heading.startswith("一") else body]
    doc = _load(tmp_path, "\n".join([*lines, spec.resolved_signed()]))
    assert [(f.rule, f.text()) for f in lint_document(doc, national_pack)] == [
        ("table-missing", "未找到表二「主动公开政府信息情况」统计表"),
        ("table-missing", "未找到表三「收到和处理政府信息公开申请情况」统计表"),
        ("table-missing", "未找到表四「政府信息公开行政复议、行政诉讼情况」统计表"),
    ]




def _lint(tmp_path, national_pack, shape: str, spec: ReportSpec):
    w = _render(shape, spec)
    doc = _load(tmp_path, "\n".join(w.lines), name=f"{shape}.txt")
    return w, doc, [(f.rule, f.location.render(), f.text()) for f in lint_document(doc, national_pack)]


@pytest.mark.parametrize("shape", SHAPES)
def test_clean_report_has_no_findings(tmp_path, national_pack, shape):
    _, doc, found = _lint(tmp_path, national_pack, shape, ReportSpec())
    assert found == []
    assert [s.title for s in doc.root.children] == [h for h, _ in default_sections()]
    assert (doc.title, doc.year) == ("某某市某某局2023年政府信息公开工作年度报告", 2023)
    t3 = doc.tables[1]
    assert [tuple(lab.text for lab in t3.row_paths[r]) for r in t3.data_rows()] == [T3_ROW_PATHS[x] for x in T3_ROWS]


@pytest.mark.parametrize("shape", SHAPES)
def test_broken_total_is_found_on_its_line(tmp_path, national_pack, shape):
    w, doc, found = _lint(tmp_path, national_pack, shape, ReportSpec(t3={("（七）总计", "自然人"): "44"}))
    new, total = w.row_line[T3_NEW], w.row_line[T3_TOTAL_ROW]
    assert found == [
        ("t3-balance", f"{total}:1 第2张表 行「三、本年度办理结果 / （七）总计」 列「申请人情况 / 自然人」",
         "表三「三、本年度办理结果 / （七）总计」「申请人情况 / 自然人」很可能填错：现为 44，它所在的 3 个等式都要求它为 45"
         "（t3-balance 列「申请人情况 / 自然人」，t3-results-total 列「申请人情况 / 自然人」，"
         "t3-row-total 行「三、本年度办理结果 / （七）总计」）"),
    ]
    # the equations it breaks, each at the line of its first cell
    (finding,) = lint_document(doc, national_pack)
    assert [(r.location.line, r.text().split("：")[0]) for r in finding.related] == [
        (new, "表三列「申请人情况 / 自然人」不平"), (total, "表三列「申请人情况 / 自然人」不平"),
        (total, "表三行「三、本年度办理结果 / （七）总计」不平")]


@pytest.mark.parametrize("shape", SHAPES)
def test_blank_last_cells_and_table_four_total(tmp_path, national_pack, shape):
    spec = ReportSpec(t2={("规章", "现行有效件数"): ""}, t4={("复议后起诉", "总计"): "2"})
    w, _, found = _lint(tmp_path, national_pack, shape, spec)
    assert found == [
        ("blank-cell", f"{w.row_line['规章']}:1 第1张表 行「第二十条第（一）项 / 规章」 列「现行有效件数」",
         "表二「第二十条第（一）项 / 规章」「现行有效件数」为空，应填整数（没有的填 0）"),
        ("t4-total", f"{w.row_line['t4']}:1 第3张表 列「行政诉讼 / 复议后起诉 / 总计」",
         "表四不平：复议后起诉/总计 = 复议后起诉/结果维持 + 复议后起诉/结果纠正 + 复议后起诉/其他结果 + "
         "复议后起诉/尚未审结，但左边 2，右边 0 + 0 + 0 + 0 = 0（相差 2）"),
    ]


# -- the real seed reports -------------------------------------------------------------------------------------
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed reports not found at {SEEDS}")


def _seed(prefix: str):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return load_document(str(path))


def _key(text: str) -> str:
    return norm(text).replace("不再受理", "不再处理")  # 001 writes the pack's alias


def _find(doc, label: str) -> Table:
    return next(t for t in doc.tables if any(label in c.text for c in t.origins()))


def _paths(table: Table) -> list[tuple[str, ...]]:
    return [tuple(_key(lab.text) for lab in table.row_paths[r]) for r in table.data_rows()]


T3_COLUMN_PATHS = [
    (T3_APPLICANT_HEADER, T3_NATURAL),
    *((T3_APPLICANT_HEADER, T3_ORG_HEADER, c) for c in T3_ORG_COLUMNS),
    (T3_APPLICANT_HEADER, T3_TOTAL_COLUMN),
]


def _strip_partial_note(key: str) -> str:
    return key.split("(区分处理")[0] if key.startswith("(二)") else key


@needs_seeds
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_table_three(prefix):
    doc = _seed(prefix)
    t3 = _find(doc, "本年新收政府信息公开申请数量")
    rows = t3.data_rows()
    assert len(rows) == 25
    columns = sorted({d.col for d in t3.data})
    assert len(columns) == 7 and all(len(t3.cells_in_row(r)) == 7 for r in rows)
    expected_cols = [tuple(_key(x) for x in path) for path in T3_COLUMN_PATHS]
    if prefix == "002":  # 总计 stands outside 申请人情况 in this report's header
        expected_cols[-1] = (_key(T3_TOTAL_COLUMN),)
    got_cols = [tuple(_key(lab.text) for lab in d.col_path) for d in t3.cells_in_row(rows[0])]
    assert got_cols == expected_cols
    expected_rows = [tuple(_strip_partial_note(_key(x)) for x in T3_ROW_PATHS[leaf]) for leaf in T3_ROWS]
    got_rows = [tuple(_strip_partial_note(k) for k in path) for path in _paths(t3)]
    if prefix == "004":  # the table's own title row heads every row path
        assert {path[0] for path in got_rows} == {_key("收到和处理政府信息公开申请情况")}
        got_rows = [path[1:] for path in got_rows]
    assert got_rows == expected_rows
    assert [r for r in t3.row_kinds[: rows[0]]].count("header") == 3


SEED_T3_NONZERO = {
    "000": {}, "001": {}, "002": {}, "003": {},
    "004": {(T3_NEW, T3_NATURAL): 1, (T3_NEW, T3_TOTAL_COLUMN): 1,
            ("1.本机关不掌握相关政府信息", T3_NATURAL): 1, ("1.本机关不掌握相关政府信息", T3_TOTAL_COLUMN): 1,
            (T3_TOTAL_ROW, T3_NATURAL): 1, (T3_TOTAL_ROW, T3_TOTAL_COLUMN): 1},
}


@needs_seeds
@pytest.mark.parametrize("prefix", sorted(SEED_T3_NONZERO))
def test_seed_table_three_numbers(prefix):
    from reportlint.normalize import parse_number

    t3 = _find(_seed(prefix), "本年新收政府信息公开申请数量")
    numbers = {(d.row_path[-1].text, d.col_path[-1].text): parse_number(d.cell.text) for d in t3.data}
    assert None not in numbers.values()  # every one of the 175 cells reads as a number (NBSP, "\n0" …)
    assert {(_key(r), _key(c)): int(v) for (r, c), v in numbers.items() if v} == {
        (_key(r), _key(c)): v for (r, c), v in SEED_T3_NONZERO[prefix].items()}


SEED_T2 = {  # (row, first value column) → text of the non-zero or odd cells
    "000": {("行政处罚", "本年处理决定数量"): "48"},
    "001": {},
    "002": {("行政规范性文件", "现行有效件数"): "9", ("行政处罚", "本年处理决定数量"): "105"},
    "003": {("行政处罚", "本年处理决定数量"): "62"},
    "004": {("行政规范性文件", "本年制发件数"): "2", ("行政规范性文件", "现行有效件数"): "",
            ("行政许可", "本年处理决定数量"): "6608", ("行政处罚", "本年处理决定数量"): "437",
            ("行政强制", "本年处理决定数量"): "2"},
}


@needs_seeds
@pytest.mark.parametrize("prefix", sorted(SEED_T2))
def test_seed_table_two(prefix):
    t2 = _find(_seed(prefix), "行政许可")
    cells = {(d.row_path[-1].text, d.column_label): d.cell.text.strip("\u00a0 ") for d in t2.data}
    assert [(_key(d.row_label), _key(d.column_label)) for d in t2.data] == [
        (_key(f"{band}/{row}"), _key(col)) for band, cols, rows in T2_BANDS for row in rows for col in cols]
    odd = {(r, norm(c)): v for (r, c), v in cells.items() if v != "0"}
    assert odd == {(r, norm(c)): v for (r, c), v in SEED_T2[prefix].items()}


@needs_seeds
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_table_four(prefix):
    t4 = _find(_seed(prefix), "复议后起诉")
    labels = [tuple(_key(lab.text) for lab in d.col_path) for d in t4.data]
    total = "合计" if prefix == "002" else "总计"
    leaves = [leaf.replace("总计", total) for leaf in T4_LEAVES]
    if prefix == "001":  # the web export kept the first line of each two-line header cell only
        leaves = ["结果维持", "结果", "其他", "尚未", "总计"]
        leaves_below = ["结果", "结果", "其他", "尚未", "总计"]
    else:
        leaves_below = leaves
    assert labels == [
        *(("行政复议", leaf) for leaf in leaves),
        *(("行政诉讼", "未经复议直接起诉", leaf) for leaf in leaves_below),
        *(("行政诉讼", "复议后起诉", leaf) for leaf in leaves_below),
    ]
    assert [d.cell.text.strip("\u00a0") for d in t4.data] == ["0"] * 15


@needs_seeds
def test_seed_findings(national_pack):
    """Every finding on the seeds is a real defect of the report (see the reader's hand-over notes)."""
    found = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = load_document(str(path))
        found[path.name[:3]] = [(f.rule, f.location.render()) for f in lint_document(doc, national_pack)]
    assert found == SEED_FINDINGS


# -- hostile input ---------------------------------------------------------------------------------------------
def test_only_blank_lines(tmp_path):
    doc = _load(tmp_path, "\n \n\t\n\u3000\r\n" * 1000)
    assert (doc.blocks, doc.title) == ([], "")


def test_tabs_everywhere(tmp_path):
    doc = _load(tmp_path, "\t\t\t\n" * 1000 + "\t".join("1" * 60) + "\n" + "\ta\tb\n" * 3)
    assert all(isinstance(b, (Paragraph, Table)) for b in doc.blocks)
    (t,) = doc.tables
    assert (t.nrows, t.line) == (4, 1001)


def test_one_line_of_four_megabytes(tmp_path):  # just under the text_mb bound
    start = time.perf_counter()
    doc = _load(tmp_path, "12 | " * 780_000)
    assert [(len(p.text), p.line, p.column) for p in doc.paragraphs] == [(3_899_999, 1, 1)]
    assert doc.tables == []
    assert time.perf_counter() - start < 10


def test_a_megabyte_of_tab_cells_on_one_line(tmp_path):
    doc = _load(tmp_path, "\t1" * 500_000 + "\n\t2\n")
    assert [(len(p.text), p.line, p.column) for p in doc.paragraphs] == [(999_999, 1, 2), (1, 2, 2)]
    assert doc.tables == []


def test_random_bytes_never_crash(tmp_path):
    import random

    rng = random.Random(5)
    alphabet = ["\t", "|", " | ", "\n", "\n\n", "0", "7", "-", "一、", "（三）", "1.", "合计", "\u00a0", " \t", "[image: x]"]
    for k in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        doc = _load(tmp_path, text, name=f"f{k}.txt")
        for table in doc.tables:
            assert len(table.row_lines) == table.nrows
