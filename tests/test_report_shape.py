"""Is it a report? One structural test for every format: a title naming a 政府信息公开工作(年度)报告, the report's
sections, its tables. What is not one is skipped, counted, and `--verbose` says why."""

from __future__ import annotations

import importlib.util

import docx
import pytest

from report_builder import ReportSpec, build_report
from reportlint.api import lint_paths
from reportlint.cli import main
from test_pdf_reader import make_pdf, text

NO_TITLE = ("没有政府信息公开工作年度报告的标题，只有报告的 {s} 个部分、{t} 张统计表",
            "it has no title naming a government information disclosure annual report, and only {s} of the report's sections and {t} of its "
            "tables")


def _docx(path, *paragraphs: str):
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(path))
    return path


def _verdicts(*paths) -> tuple[list[str], dict[str, tuple[str, str]], set[str]]:
    report = lint_paths([str(p) for p in paths])
    return report.skipped, report.skip_reasons, {f.path for f in report.findings}


def test_a_letter_and_a_stub_in_word_are_skipped(tmp_path):
    letter = _docx(tmp_path / "letter.docx", "关于召开2023年度工作会议的通知", "各科室：", "定于1月5日召开工作会议，请准时参加。",
                   "某某市某某局办公室", "2023年12月28日")
    stub = _docx(tmp_path / "stub.docx", "某某市某某局2023年政府信息公开工作年度报告", "（待补充）")
    skipped, reasons, _ = _verdicts(letter, stub)
    assert skipped == [str(letter), str(stub)]
    assert reasons[str(letter)] == (NO_TITLE[0].format(s=0, t=0), NO_TITLE[1].format(s=0, t=0))
    assert reasons[str(stub)] == (
        "标题「某某市某某局2023年政府信息公开工作年度报告」是年度报告的标题，但没有报告的章节和统计表，正文只有 5 个字",
        "its title “某某市某某局2023年政府信息公开工作年度报告” names a report, but it has none of the report's sections "
        "or tables and only 5 characters of text")


def test_a_report_titled_without_nian_du_is_checked(tmp_path):
    path = build_report(tmp_path / "r.docx", ReportSpec(title="张家川县龙山镇人民政府2024年度政府信息公开工作报告", year=2024,
                                                        include_tables=("二", "三")))
    skipped, _reasons, linted = _verdicts(path)
    assert (skipped, linted) == ([], {str(path)})


@pytest.mark.parametrize("title", ["某局2023年政府信息公开年报", "某局2023年度政府信息公开工作年度报告 2024-01-15",
                                   "某局2023年政府信息公开工作年度报告（全文）"])
def test_title_variants_name_a_report(tmp_path, title):
    path = tmp_path / "op.txt"
    path.write_text(f"{title}\n根据条例编制本报告。\n一、总体情况\n", encoding="utf-8")
    skipped, _reasons, linted = _verdicts(path)
    assert (skipped, linted) == ([], {str(path)})


def test_an_opening_with_only_its_first_heading_is_checked(tmp_path):
    path = tmp_path / "op.txt"
    path.write_text("2018年建新镇政府信息公开工作年度报告\n特向社会公开2018年度报告。\n一、主动公开政府信息的情况\n",
                    encoding="utf-8")
    skipped, _reasons, linted = _verdicts(path)
    assert (skipped, linted) == ([], {str(path)})


def test_without_a_title_three_sections_make_a_report(tmp_path):
    path = tmp_path / "body.md"
    path.write_text("# 一、总体情况\n\n正文。\n\n# 二、主动公开政府信息情况\n\n正文。\n\n# 三、收到和处理政府信息公开申请情况\n\n正文。\n",
                    encoding="utf-8")
    fragment = tmp_path / "fragment.md"
    fragment.write_text("# 三、收到和处理政府信息公开申请情况\n\n本年新收政府信息公开申请12件。\n", encoding="utf-8")
    skipped, reasons, linted = _verdicts(path, fragment)
    assert (skipped, linted) == ([str(fragment)], {str(path)})
    assert reasons[str(fragment)][1] == NO_TITLE[1].format(s=1, t=0)


@pytest.mark.parametrize(("name", "content"), [
    ("README.md", "# reportlint\n\nA linter for 政府信息公开工作年度报告: 总体情况, 主动公开政府信息情况, 统计期限 ….\n"),
    ("notes.txt", "2023年政府信息公开工作年度报告的编写要点：统计期限、本年新收政府信息公开申请数量、行政复议。\n"),
    ("page.html", "<html><head><title>某某市召开政务公开工作会议_某某市人民政府</title></head><body>"
                  "<p>会议部署了政府信息公开工作年度报告的编制，要求写明统计期限和行政复议情况。</p></body></html>"),
    ("sources.md", "# reports-wild: real 政府信息公开工作年度报告 found in public repositories\n\n"
                   + "A description of the reports. " * 20 + "\n"),
])
def test_text_formats_about_reports_are_skipped(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    skipped, reasons, linted = _verdicts(path)
    assert (skipped, linted) == ([str(path)], set())
    assert reasons[str(path)] == (NO_TITLE[0].format(s=0, t=0), NO_TITLE[1].format(s=0, t=0))


@pytest.mark.skipif(importlib.util.find_spec("pdfplumber") is None, reason="pdfplumber not installed")
def test_an_unrelated_pdf_is_skipped_and_a_report_pdf_checked(tmp_path):
    invoice = tmp_path / "invoice.pdf"
    invoice.write_bytes(make_pdf([[("t", 72, 100, 14, "Invoice 2023-117"), ("t", 72, 130, 11, "Total: 1,200.00")]]))
    report = tmp_path / "report.pdf"
    report.write_bytes(make_pdf([[*text(72, 100, "某某市某某局2023年政府信息公开工作年度报告", size=22),
                                  *text(72, 200, "一、总体情况"), *text(72, 260, "2023年，本局扎实推进政务公开。")]]))
    skipped, _reasons, linted = _verdicts(invoice, report)
    assert (skipped, linted) == ([str(invoice)], {str(report)})


def test_verbose_says_why_each_file_was_skipped(tmp_path, capsys):
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nnothing here\n", encoding="utf-8")
    stub = _docx(tmp_path / "stub.docx", "某某市某某局2023年政府信息公开工作年度报告")
    assert main(["check", "--verbose", "--lang", "en", str(notes), str(stub)]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"reportlint: skipped {notes}: {NO_TITLE[1].format(s=0, t=0)}",
        f"reportlint: skipped {stub}: its title “某某市某某局2023年政府信息公开工作年度报告” names a report, but it has "
        "none of the report's sections or tables and only 0 characters of text",
    ]
    assert main(["check", str(notes)]) == 0
    assert capsys.readouterr().err == ""
