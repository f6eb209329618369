"""Inline suppressions: Word comments "reportlint: ignore[…]" (real comments, written with python-docx, on a cell,
a paragraph, the title), Markdown and HTML <!-- reportlint-disable … --> markers, unused-suppression, and the
count in the summary."""

from __future__ import annotations

import json

import docx
import pytest

from report_builder import ReportSpec, build_report
from reportlint.api import lint_paths
from reportlint.cli import main

WRONG = "9999"  # a value found nowhere else in a built report
TOTAL_CELL = "第2张表 行「三、本年度办理结果 / （七）总计」 列「申请人情况 / 总计」"


def comment_on(path, text: str, find) -> None:
    """Anchor a Word comment ``text`` on the runs of the first paragraph ``find(paragraph)`` accepts (body or
    table cells)."""
    document = docx.Document(str(path))
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    target = next(p for p in paragraphs if find(p))
    document.add_comment(target.runs, text=text, author="某某局办公室", initials="B")
    document.save(str(path))


def found(path, lang="zh"):
    report = lint_paths([str(path)], lang=lang)
    assert report.errors == []
    return [(f.rule, f.severity, f.location.render(lang), f.text(lang)) for f in report.findings], report.suppressed


@pytest.fixture()
def wrong_total(tmp_path):
    return build_report(tmp_path / "r.docx", ReportSpec(t3={("（七）总计", "总计"): WRONG}))


def test_a_comment_on_the_cell_hides_that_rule_there(wrong_total):
    before, _ = found(wrong_total)
    assert [(r, loc) for r, _, loc, _ in before] == [("t3-balance", TOTAL_CELL)]
    comment_on(wrong_total, "reportlint: ignore[t3-balance]", lambda p: p.text == WRONG)
    assert found(wrong_total) == ([], 1)


def test_a_reason_after_the_rules_is_the_reviewers_own(wrong_total):
    comment_on(wrong_total, "reportlint: ignore[t3-balance] 已与业务科室核实，数字无误", lambda p: p.text == WRONG)
    assert found(wrong_total) == ([], 1)


def test_a_reason_without_brackets_is_no_suppression(wrong_total):
    comment_on(wrong_total, "reportlint: ignore 已核实", lambda p: p.text == WRONG)
    assert [f[0] for f in found(wrong_total)[0]] == ["t3-balance"]


def test_a_comment_naming_another_rule_hides_nothing_and_is_reported(wrong_total):
    comment_on(wrong_total, "reportlint：ignore[blank-cell]", lambda p: p.text == WRONG)
    findings, suppressed = found(wrong_total)
    assert suppressed == 0
    assert [f[0] for f in findings] == ["t3-balance", "unused-suppression"]
    assert findings[1] == ("unused-suppression", "warning", "第2张表",
                           "标注「reportlint：ignore[blank-cell]」没有抑制任何问题，可以删除")


def test_a_suppression_naming_no_rule_says_so(wrong_total):
    comment_on(wrong_total, "reportlint: ignore[t3-balence]", lambda p: p.text == WRONG)
    findings, _ = found(wrong_total, "en")
    assert findings[-1] == ("unused-suppression", "warning", "table 2",
                            'the suppression "reportlint: ignore[t3-balence]" names t3-balence, which is no rule '
                            "(did you mean t3-balance?)")


def test_a_comment_on_a_paragraph_hides_all_its_findings(tmp_path):
    from report_builder import default_sections

    sections = default_sections()
    sections[0] = (sections[0][0], sections[0][1] + "[image: 1704859250673]")
    path = build_report(tmp_path / "r.docx", ReportSpec(sections=sections))
    assert [f[0] for f in found(path)[0]] == ["leftover-text"]
    comment_on(path, "reportlint: ignore", lambda p: "[image:" in p.text)
    assert found(path) == ([], 1)


def test_a_comment_on_the_title_hides_the_documents_own_findings(tmp_path):
    path = build_report(tmp_path / "r.docx", ReportSpec(period=None))
    assert [f[0] for f in found(path)[0]] == ["statistics-period"]
    comment_on(path, "reportlint: ignore[statistics-period]", lambda p: p.text.endswith("工作年度报告"))
    assert found(path) == ([], 1)


def test_a_comment_elsewhere_does_not_hide_the_documents_findings(tmp_path):
    path = build_report(tmp_path / "r.docx", ReportSpec(period=None))
    comment_on(path, "reportlint: ignore[statistics-period]", lambda p: p.text.startswith("五、"))
    assert [f[0] for f in found(path)[0]] == ["statistics-period", "unused-suppression"]


def test_other_comments_change_nothing(wrong_total):
    comment_on(wrong_total, "请核对这个数字", lambda p: p.text == WRONG)
    assert [f[0] for f in found(wrong_total)[0]] == ["t3-balance"]


def test_unused_suppression_can_be_switched_off(wrong_total, capsys):
    comment_on(wrong_total, "reportlint: ignore[blank-cell]", lambda p: p.text == WRONG)
    assert main(["check", "--format", "json", "--ignore", "unused-suppression", str(wrong_total)]) == 1
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["t3-balance"]


def test_a_finding_across_years_is_suppressed_at_its_cell(tmp_path):
    from test_cross_year import pair

    _, after, _ = pair(tmp_path, carried={"自然人": "77"})
    report = lint_paths([str(tmp_path)])
    rules = [f.rule for f in report.findings]
    assert "carryover-mismatch" in rules
    comment_on(after, "reportlint: ignore[carryover]", lambda p: p.text == "77")
    report = lint_paths([str(tmp_path)])
    assert [f.rule for f in report.findings] == [r for r in rules if r != "carryover-mismatch"]
    assert report.suppressed == 1


MD = """\
<!-- reportlint-disable statistics-period -->
# 某某市某某局2023年政府信息公开工作年度报告

## 一、总体情况

2023年，本局认真落实条例。[image: 1.png]
<!-- reportlint-disable-next-line leftover-text -->

2023年，本局认真落实条例。[image: 2.png]

2023年，本局认真落实条例。[image: 3.png]
"""


def test_markdown_markers(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(MD, encoding="utf-8")
    findings = [(r, loc) for r, _, loc, _ in found(path)[0] if r in ("leftover-text", "statistics-period")]
    # the statistics period (no line) is hidden by the disable at the top; the image on line 9 by the marker
    assert findings == [("leftover-text", "6:16 第3段（一、总体情况）"), ("leftover-text", "11:16 第5段（一、总体情况）")]
    assert found(path)[1] == 2


def test_markdown_enable_ends_a_region_and_an_unused_marker_is_reported(tmp_path):
    text = ("# 某某市某某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n<!-- reportlint-disable leftover-text -->\n"
            "[image: 1.png]\n<!-- reportlint-enable -->\n\n[image: 2.png]\n\n<!-- reportlint-disable-next-line t3 -->\n"
            "## 五、存在的主要问题及改进情况\n")
    path = tmp_path / "r.md"
    path.write_text(text, encoding="utf-8")
    findings = [(r, loc, msg) for r, _, loc, msg in found(path, "en")[0] if r in ("leftover-text", "unused-suppression")]
    assert findings == [
        ("leftover-text", "9:1 paragraph 4 (section \"一、总体情况\")", "export artefact left in: “[image: 2.png]”"),
        ("unused-suppression", "11:1", 'the suppression "<!-- reportlint-disable-next-line t3 -->" suppresses '
                                       "nothing: remove it"),
    ]


def test_html_markers(tmp_path):
    path = tmp_path / "r.html"
    path.write_text("<html><body><h1>某某市某某局2023年政府信息公开工作年度报告</h1>\n<h2>一、总体情况</h2>\n"
                    "<!-- reportlint-disable-next-line leftover-text -->\n<p>[image: 1.png]</p>\n"
                    "<p>[image: 2.png]</p>\n<h2>五、存在的主要问题及改进情况</h2>\n</body></html>\n", encoding="utf-8")
    findings = [(r, loc) for r, _, loc, _ in found(path)[0] if r == "leftover-text"]
    assert findings == [("leftover-text", "5:1 第4段（一、总体情况）")]


def test_the_summary_counts_what_was_suppressed(wrong_total, capsys):
    comment_on(wrong_total, "reportlint: ignore[t3-balance]", lambda p: p.text == WRONG)
    assert main(["check", "--lang", "en", str(wrong_total)]) == 0
    assert capsys.readouterr().out == "no problems found; 1 file checked; 1 suppressed in the documents.\n"
    assert main(["check", "--format", "json", str(wrong_total)]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["suppressed"] == 1

