"""The 2019 and 2021 editions of the format: the pack follows the report (tables, else year); old-format."""

import docx
import pytest

from report_builder import T3_RESULTS, ReportSpec, build_report
from reportlint.api import lint_document, lint_paths
from reportlint.edition import detect_layout, edition_for
from reportlint.readers import load_document
from reportlint.rulepack import load_pack
from test_markdown_reader import _gfm, markdown_report, t2_rows, t3_rows

OTHER = "（六）其他处理"

# Table 二 of the 2019 trial format (FORMAT.md): block heading, its columns, its rows with values.
OLD_T2 = [
    ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("规章", ["0", "0", "0"]), ("规范性文件", ["1", "1", "5"])]),
    ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政许可", ["10", "-2", "300"]), ("其他对外管理服务事项", ["0", "0", "0"])]),
    ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政处罚", ["5", "1", "20"]), ("行政强制", ["0", "0", "0"])]),
    ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], [("行政事业性收费", ["3", "0"])]),
    ("第二十条第（九）项", ["采购项目数量", "采购总金额"], [("政府集中采购", ["2", "35.6"])]),
]


def old_t2_rows() -> list[list[str]]:
    rows = []
    for heading, cols, body in OLD_T2:
        rows.append([heading] * 4)
        rows.append(["信息内容", *cols, *[cols[-1]] * (3 - len(cols))])
        for label, values in body:
            rows.append([label, *values, *[values[-1]] * (3 - len(values))])
    return rows


def old_t3_rows(spec: ReportSpec) -> list[list[str]]:
    """Table 三 with （六）其他处理 as one row holding the sum of the 2021 edition's three leaves."""
    rows = t3_rows(spec)
    leaves = [r for r in rows if r[1] == OTHER]
    sums = [str(sum(int(r[3 + k]) for r in leaves)) for k in range(7)]
    at = rows.index(leaves[0])
    return [*rows[:at], [T3_RESULTS, OTHER, "", *sums], *rows[at + len(leaves):]]


def old_report(tmp_path, year: int, name: str = "r.md") -> str:
    """A Markdown report in the 2019 layout (tables 二 and 三), otherwise complete and consistent."""
    spec = ReportSpec(agency="某某市某某局", year=year)
    text = markdown_report(spec)
    new_t2 = "\n".join(_gfm(t2_rows(spec)))
    new_t3 = "\n".join(_gfm(t3_rows(spec)))
    assert new_t2 in text and new_t3 in text
    text = text.replace(new_t2, "\n".join(_gfm(old_t2_rows()))).replace(new_t3, "\n".join(_gfm(old_t3_rows(spec))))
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def findings(path):
    report = lint_paths([str(path)])
    assert not report.errors, [e.render("en") for e in report.errors]
    return [(f.rule, f.location.render("zh"), f.text("zh")) for f in report.findings]


def test_a_2020_report_in_the_2019_layout_is_checked_against_the_2019_pack_and_clean(tmp_path):
    path = old_report(tmp_path, 2020)
    doc = load_document(path)
    assert (detect_layout(doc), edition_for(doc)) == ("2019", "2019")
    assert findings(path) == []
    # Against the 2021 pack the same report would not add up (（六）其他处理 has no 2021 leaves).
    assert [f.rule for f in lint_document(doc, load_pack("national-2021"))] != []


def test_a_2023_report_in_the_2019_layout_is_one_old_format_finding(tmp_path):
    path = old_report(tmp_path, 2023)
    assert findings(path) == [
        ("old-format", "14:1 第1张表",
         "2023年度报告仍使用2019年版表格（「本年新制作数量」「本年新公开数量」「对外公开总数量」），2021年起应使用新版格式"),
    ]


def test_negative_change_is_a_number_in_the_2019_pack_only(tmp_path):
    doc = load_document(old_report(tmp_path, 2020))
    assert [f.rule for f in lint_document(doc, load_pack("national-2019"))] == []


@pytest.mark.parametrize(("year", "edition"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2024, "2021")])
def test_without_edition_labels_the_year_decides(tmp_path, year, edition):
    path = build_report(tmp_path / "r.docx", ReportSpec(year=year, include_tables=("三", "四")))
    doc = load_document(str(path))
    assert (detect_layout(doc), edition_for(doc)) == (None, edition)


def test_a_2020_report_in_the_2021_layout_follows_its_tables(tmp_path):
    path = build_report(tmp_path / "r.docx", ReportSpec(year=2020))
    doc = load_document(str(path))
    assert (detect_layout(doc), edition_for(doc)) == ("2021", "2021")
    assert findings(path) == []


def test_old_layout_in_word_with_merged_cells(tmp_path):
    """A .docx whose table 2 is the 2019 layout with real merges is recognised and flagged for a 2023 report."""
    path = build_report(tmp_path / "r.docx", ReportSpec(year=2023, include_tables=("三", "四")))
    document = docx.Document(str(path))
    rows = old_t2_rows()
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        if len(set(row)) == 1:  # a block heading across the table
            table.cell(r, 0).merge(table.cell(r, 3)).text = row[0]
            continue
        for c, text in enumerate(row):
            if c == 3 and row[3] == row[2] and r and rows[r][2] == rows[r][3]:
                table.cell(r, 2).merge(table.cell(r, 3)).text = text
                break
            table.cell(r, c).text = text
    section_two = next(p for p in document.paragraphs if p.text.startswith("二、"))
    body = section_two._p.getnext()
    body.addnext(table._tbl)
    document.save(str(path))
    doc = load_document(str(path))
    assert detect_layout(doc) == "2019"
    assert [(rule, where) for rule, where, _ in findings(path) if rule == "old-format"] == [("old-format", "第1张表")]


def test_a_chosen_pack_is_kept_and_still_flags_the_old_layout(tmp_path):
    """--rules (or a configuration) keeps its pack; old-format is part of the 2021 pack too."""
    path = old_report(tmp_path, 2023)
    report = lint_paths([path], pack=load_pack("national-2021"))
    assert "old-format" in [f.rule for f in report.findings]
