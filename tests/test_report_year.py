"""A title without a year: the report year is the statistics period's, else the year before the publication date,
and dump says where it came from. The rules that need the year then check the report as a titled one."""

from __future__ import annotations

import json

from report_builder import ReportSpec, build_report
from reportlint.api import lint_document
from reportlint.checks.report_year import complete_year
from reportlint.cli import main
from reportlint.readers import load_document
from reportlint.rulepack import load_pack

UNTITLED = "某某市卫生健康局政府信息公开工作年度报告"


def read(tmp_path, name="r.docx", **spec):
    doc = load_document(str(build_report(tmp_path / name, ReportSpec(title=UNTITLED, **spec))))
    complete_year(doc)
    return doc


def test_the_year_of_the_period_then_of_the_publication_date(tmp_path):
    doc = read(tmp_path)
    assert (doc.year, doc.year_from) == (2023, "period")
    doc = read(tmp_path, "dated.docx", period=None, signed="发布日期：2024年1月20日")
    assert (doc.year, doc.year_from) == (2023, "date")
    doc = read(tmp_path, "none.docx", period=None, signed=None)
    assert (doc.year, doc.year_from) == (None, "")
    titled = load_document(str(build_report(tmp_path / "t.docx", ReportSpec())))
    complete_year(titled)
    assert (titled.year, titled.year_from) == (2023, "title")


def test_a_report_dated_by_its_period_is_held_to_that_year(tmp_path):
    doc = read(tmp_path, signed="发布日期：2024年4月1日")
    found = [(f.rule, f.text("en")) for f in lint_document(doc, load_pack("national-2021"))
             if f.rule == "publication-deadline"]
    assert found == [("publication-deadline", "published on 2024-04-01, after the deadline of 2024-01-31: “某某市卫生健康局” "
                                              "is a government department, which publishes its 2023 report by 31 January "
                                              "(Regulations art. 49)")]


def test_dump_says_where_the_year_came_from(tmp_path, capsys):
    path = build_report(tmp_path / "r.docx", ReportSpec(title=UNTITLED))
    assert main(["dump", "--format", "json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["year"], data["year_from"]) == (2023, "period")
    assert main(["dump", "--lang", "en", str(path)]) == 0
    assert "year: 2023 (from the statistics period)" in capsys.readouterr().out
    assert main(["dump", str(path)]) == 0
    assert "年度: 2023（据统计期限）" in capsys.readouterr().out
