"""Tests of the test-report builder itself (tests/report_builder.py)."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_builder import (  # noqa: E402
    SECTION_HEADINGS,
    T2_CELLS,
    T3_APPLICANT_COLUMNS,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COLUMNS,
    T3_CORNER,
    T3_NEW,
    T3_RESULT_LEAVES,
    T3_ROWS,
    T3_TOTAL_COLUMN,
    T3_TOTAL_ROW,
    T4_CELLS,
    T4_GROUPS,
    T4_LEAVES,
    ReportSpec,
    build_report,
    default_sections,
    default_t2,
    default_t3,
    default_t4,
)

TEMPLATE_GRIDSPAN = 26
TEMPLATE_VMERGE = 58


# --- arithmetic helpers over {row: {col: int}} -------------------------------------------------------------------


def e1_failures(t: dict[str, dict[str, int]]) -> list[str]:
    return [
        c
        for c in T3_COLUMNS
        if t[T3_NEW][c] + t[T3_CARRIED_IN][c] != t[T3_TOTAL_ROW][c] + t[T3_CARRIED_OUT][c]
    ]


def e2_failures(t: dict[str, dict[str, int]]) -> list[str]:
    return [c for c in T3_COLUMNS if t[T3_TOTAL_ROW][c] != sum(t[leaf][c] for leaf in T3_RESULT_LEAVES)]


def e3_failures(t: dict[str, dict[str, int]]) -> list[str]:
    return [r for r in T3_ROWS if t[r][T3_TOTAL_COLUMN] != sum(t[r][c] for c in T3_APPLICANT_COLUMNS)]


def e4_failures(t: dict[str, dict[str, int]]) -> list[str]:
    return [g for g in T4_GROUPS if t[g]["总计"] != sum(t[g][leaf] for leaf in T4_LEAVES[:-1])]


# --- reading a built report back ---------------------------------------------------------------------------------


def read_t3(table) -> dict[str, dict[str, str]]:
    """Cell texts of table 3 by grid position: data rows from grid row 3, data columns from grid column 3."""
    return {
        row: {col: table.cell(3 + i, 3 + j).text for j, col in enumerate(T3_COLUMNS)}
        for i, row in enumerate(T3_ROWS)
    }


def read_t4(table) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {g: {} for g in T4_GROUPS}
    for k, (g, leaf) in enumerate(T4_CELLS):
        out[g][leaf] = table.cell(3, k).text
    return out


def as_ints(t: dict[str, dict[str, str]]) -> dict[str, dict[str, int]]:
    return {r: {c: int(v) for c, v in cols.items()} for r, cols in t.items()}


def tc_props(tbl_element) -> list[list[tuple[str, int, str | None]]]:
    """Per row, per <w:tc>: (text, gridSpan, vMerge) where vMerge is None, 'restart' or 'continue'."""
    rows = []
    for tr in tbl_element.iter(qn("w:tr")):
        cells = []
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span, vmerge = 1, None
            if pr is not None:
                gs = pr.find(qn("w:gridSpan"))
                if gs is not None:
                    span = int(gs.get(qn("w:val")))
                vm = pr.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val")) or "continue"
            cells.append(("".join(t.text or "" for t in tc.iter(qn("w:t"))), span, vmerge))
        rows.append(cells)
    return rows


def body_sequence(doc) -> list[str]:
    """Document body as a list: paragraph text, or '<table>' for a table (empty paragraphs skipped)."""
    seq = []
    for el in doc.element.body:
        if el.tag == qn("w:tbl"):
            seq.append("<table>")
        elif el.tag == qn("w:p"):
            text = "".join(t.text or "" for t in el.iter(qn("w:t")))
            if text:
                seq.append(text)
    return seq


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    return build_report(tmp_path_factory.mktemp("rb") / "clean.docx")


# --- default numbers ----------------------------------------------------------------------------------------------


def test_default_t3_shape_and_mix():
    t = default_t3()
    assert list(t) == T3_ROWS and len(T3_ROWS) == 25
    assert all(list(cols) == T3_COLUMNS for cols in t.values()) and len(T3_COLUMNS) == 7
    values = [v for cols in t.values() for v in cols.values()]
    assert all(isinstance(v, int) and v >= 0 for v in values)
    assert 0 in values and sum(1 for v in values if v > 0) >= 20


def test_default_t3_satisfies_e1_e2_e3():
    t = default_t3()
    assert e1_failures(t) == []
    assert e2_failures(t) == []
    assert e3_failures(t) == []
    assert (t[T3_NEW][T3_TOTAL_COLUMN], t[T3_CARRIED_IN][T3_TOTAL_COLUMN]) == (61, 3)
    assert (t[T3_TOTAL_ROW][T3_TOTAL_COLUMN], t[T3_CARRIED_OUT][T3_TOTAL_COLUMN]) == (60, 4)


def test_default_t4_satisfies_e4_with_nonzero_values():
    t = default_t4()
    assert e4_failures(t) == []
    assert list(t) == T4_GROUPS and all(list(v) == T4_LEAVES for v in t.values())
    assert any(v for g in t.values() for v in g.values())


def test_default_t2_all_numeric_with_decimal_amount():
    t2 = default_t2()
    assert list(t2) == T2_CELLS and len(t2) == 10
    assert all(re.fullmatch(r"\d+(\.\d+)?", v) for v in t2.values())
    assert "." in t2[("行政事业性收费", "本年收费金额（单位：万元）")]


def test_mutating_default_t3_does_not_leak():
    default_t3()[T3_NEW]["自然人"] = 999
    assert default_t3()[T3_NEW]["自然人"] != 999


# --- built document -----------------------------------------------------------------------------------------------


def test_built_report_tables_and_shapes(clean):
    doc = Document(str(clean))
    assert len(doc.tables) == 3
    t2, t3, t4 = doc.tables
    assert (len(t2.rows), len(t2.columns)) == (14, 4)
    assert (len(t3.rows), len(t3.columns)) == (28, 10)
    assert (len(t4.rows), len(t4.columns)) == (4, 15)


def test_built_tables_read_back_consistent(clean):
    t2, t3, t4 = Document(str(clean)).tables
    nums = as_ints(read_t3(t3))
    assert nums == default_t3()
    assert e1_failures(nums) == e2_failures(nums) == e3_failures(nums) == []
    assert as_ints(read_t4(t4)) == default_t4()
    # table 2: every data cell numeric; single-column bands read the same text across the merged columns
    assert t2.cell(6, 1).text == t2.cell(6, 3).text == "326"
    assert t2.cell(13, 2).text == "12.5"


def test_table3_labels_by_grid_position(clean):
    t3 = Document(str(clean)).tables[1]
    assert t3.cell(0, 0).text == T3_CORNER
    assert t3.cell(2, 2).text == T3_CORNER  # covered by the 3×3 corner merge
    assert [t3.cell(2, 3 + j).text for j in range(7)] == T3_COLUMNS
    assert t3.cell(0, 9).text == "申请人情况"
    assert t3.cell(1, 6).text == "法人或其他组织"
    assert [t3.cell(3 + i, 2).text for i in range(25)] == T3_ROWS
    assert t3.cell(26, 0).text == "三、本年度办理结果"
    assert t3.cell(14, 1).text == "（三）不予公开"
    assert t3.cell(9, 2).text == "3.危及“三安全一稳定”"


def test_merge_counts_match_template(clean):
    xml = zipfile.ZipFile(clean).read("word/document.xml").decode("utf-8")
    assert xml.count("<w:gridSpan ") == TEMPLATE_GRIDSPAN
    assert len(re.findall(r"<w:vMerge\b", xml)) == TEMPLATE_VMERGE


def test_table3_merge_layout(clean):
    rows = tc_props(Document(str(clean)).tables[1]._tbl)
    assert len(rows) == 28
    # header
    assert rows[0][0] == (T3_CORNER, 3, "restart")
    assert rows[0][1] == ("申请人情况", 7, None)
    assert rows[1][0] == ("", 3, "continue") and rows[2][0] == ("", 3, "continue")
    assert rows[1][1:] == [("自然人", 1, "restart"), ("法人或其他组织", 5, None), ("总计", 1, "restart")]
    assert [c[0] for c in rows[2][2:7]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert rows[2][1][2] == "continue" and rows[2][7][2] == "continue"
    # data rows: 8 <w:tc> (one 3-wide label) or 9/10 (label columns split)
    assert rows[3][0] == (T3_NEW, 3, None) and len(rows[3]) == 8
    assert rows[27][0] == (T3_CARRIED_OUT, 3, None)
    assert rows[5][0] == ("三、本年度办理结果", 1, "restart")
    assert all(rows[r][0][2] == "continue" for r in range(6, 27))
    assert rows[5][1] == ("（一）予以公开", 2, None)
    assert rows[26][1] == (T3_TOTAL_ROW, 2, None) and len(rows[26]) == 9
    assert rows[7][1] == ("（三）不予公开", 1, "restart") and len(rows[7]) == 10
    assert all(rows[r][1][2] == "continue" for r in range(8, 15))
    assert rows[15][1] == ("（四）无法提供", 1, "restart")
    assert rows[18][1] == ("（五）不予处理", 1, "restart")
    assert rows[23][1] == ("（六）其他处理", 1, "restart")
    assert rows[25][1][2] == "continue" and rows[26][1][2] is None


def test_table2_and_table4_merge_layout(clean):
    t2, _, t4 = Document(str(clean)).tables
    r2 = tc_props(t2._tbl)
    assert r2[0] == [("第二十条第（一）项", 4, None)]
    assert [c[0] for c in r2[1]] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert r2[5] == [("信息内容", 1, None), ("本年处理决定数量", 3, None)]
    assert r2[13] == [("行政事业性收费", 1, None), ("12.5", 3, None)]
    r4 = tc_props(t4._tbl)
    assert r4[0] == [("行政复议", 5, None), ("行政诉讼", 10, None)]
    assert r4[1][:5] == [(leaf, 1, "restart") for leaf in T4_LEAVES]
    assert r4[1][5:] == [("未经复议直接起诉", 5, None), ("复议后起诉", 5, None)]
    assert [c[2] for c in r4[2][:5]] == ["continue"] * 5
    assert [c[0] for c in r4[2][5:]] == T4_LEAVES * 2
    assert len(r4[3]) == 15 and all(c[1] == 1 and c[2] is None for c in r4[3])


def test_document_structure(clean):
    doc = Document(str(clean))
    first = doc.paragraphs[0]
    assert first.text == "某某市某某局2023年政府信息公开工作年度报告"
    assert first.alignment == WD_ALIGN_PARAGRAPH.CENTER
    opening = doc.paragraphs[1].text
    assert "本报告统计期限为2023年1月1日至2023年12月31日。" in opening
    assert "联系电话：0537-1234567" in opening and "gk@example.gov.cn" in opening
    seq = body_sequence(doc)
    expected = [seq[0], seq[1]]
    for heading, body in default_sections():
        expected += [heading, body]
        if heading[0] in "二三四":
            expected.append("<table>")
    assert seq == [*expected, "某某市某某局", "2024年1月20日"]  # signed by the agency, dated before 31 January
    assert [h for h, _ in default_sections()] == SECTION_HEADINGS
    six = default_sections()[5][1]
    assert "信息处理费" in six and "0元" in six


# --- overrides and options -----------------------------------------------------------------------------------------


def test_t3_override_breaks_exactly_the_expected_equations(tmp_path):
    spec = ReportSpec(t3={(T3_TOTAL_ROW, "自然人"): "44"})
    t3 = Document(str(build_report(tmp_path / "r.docx", spec))).tables[1]
    assert t3.cell(26, 3).text == "44"
    nums = as_ints(read_t3(t3))
    assert e1_failures(nums) == ["自然人"]
    assert e2_failures(nums) == ["自然人"]
    assert e3_failures(nums) == [T3_TOTAL_ROW]


def test_t2_and_t4_overrides_appear(tmp_path):
    spec = ReportSpec(
        t2={("规章", "本年制发件数"): "—"}, t4={("复议后起诉", "结果纠正"): "", ("行政复议", "总计"): "3"}
    )
    t2, _, t4 = Document(str(build_report(tmp_path / "r.docx", spec))).tables
    assert t2.cell(2, 1).text == "—"
    cells = read_t4(t4)
    assert cells["复议后起诉"]["结果纠正"] == ""
    assert cells["行政复议"]["总计"] == "3"
    assert cells["未经复议直接起诉"]["总计"] == "1"


def test_unknown_override_key_is_rejected(tmp_path):
    with pytest.raises(KeyError):
        build_report(tmp_path / "r.docx", ReportSpec(t3={("（八）总计", "自然人"): "1"}))


def test_period_and_contact_options(tmp_path):
    none = Document(str(build_report(tmp_path / "a.docx", ReportSpec(period=None, contact=None))))
    assert "统计期限" not in none.paragraphs[1].text and "联系" not in none.paragraphs[1].text
    custom = ReportSpec(
        agency="某县卫生健康局",
        year=2022,
        period="统计期限自2022年1月1日起至2022年12月31日止。",
        contact="联系电话：8928868。",
    )
    doc = Document(str(build_report(tmp_path / "b.docx", custom)))
    assert doc.paragraphs[0].text == "某县卫生健康局2022年政府信息公开工作年度报告"
    assert "统计期限自2022年1月1日起至2022年12月31日止。联系电话：8928868。" in doc.paragraphs[1].text
    titled = Document(str(build_report(tmp_path / "c.docx", ReportSpec(title="年度报告"))))
    assert titled.paragraphs[0].text == "年度报告"


def test_missing_section_and_table_subset(tmp_path):
    sections = [s for s in default_sections() if not s[0].startswith(("二、", "五、"))]
    spec = ReportSpec(sections=sections, include_tables=("二", "四"))
    doc = Document(str(build_report(tmp_path / "r.docx", spec)))
    assert len(doc.tables) == 2
    seq = body_sequence(doc)
    headings = [s for s in seq if s in SECTION_HEADINGS]
    assert headings == [SECTION_HEADINGS[i] for i in (0, 2, 3, 5)]
    # table 2 keeps its place (after section 一's body, before section 三); table 4 follows section 四's body
    i3, i4 = seq.index(SECTION_HEADINGS[2]), seq.index(SECTION_HEADINGS[3])
    assert seq[i3 - 1] == "<table>" and seq[i3 - 2] == default_sections()[0][1]
    assert seq[i4 + 2] == "<table>" and seq[i4 + 3] == SECTION_HEADINGS[5]
