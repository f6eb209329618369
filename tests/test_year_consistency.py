"""year-inconsistent (kind year_consistency): the report year in the file name is the title's. Exact findings."""

from __future__ import annotations

import pytest

from report_builder import ReportSpec, build_report
from reportlint.api import lint_document
from reportlint.checks.year_consistency import name_years
from reportlint.readers import load_document
from reportlint.rulepack import load_pack


@pytest.fixture(scope="module")
def pack():
    return load_pack("national-2021")


def lint(tmp_path, name, pack, lang="zh", **spec):
    path = build_report(tmp_path / name, ReportSpec(**spec))
    return [(f.location.render(lang), f.text(lang)) for f in lint_document(load_document(str(path)), pack)
            if f.rule == "year-inconsistent"]


def test_a_name_with_the_titles_year_or_without_a_year_passes(tmp_path, pack):
    assert lint(tmp_path, "某某局2023年报.docx", pack) == []
    assert lint(tmp_path, "年报.docx", pack) == []
    assert lint(tmp_path, "2024-01-20发布_2023年报.docx", pack) == []


def test_a_name_of_another_year_is_a_warning_at_the_title(tmp_path, pack):
    assert lint(tmp_path, "某某局2023年报.docx", pack, year=2022) == [
        ("第1段", "文件名中的年份为2023年，标题中的报告年度为2022年，请核对是否放错了年度的文件")]
    assert lint(tmp_path, "report-2023.docx", pack, "en", year=2022) == [
        ("paragraph 1", "the file name says 2023, the title's report year is 2022: is it the right year's file?")]


@pytest.mark.parametrize(("name", "years"), [
    ("某某局2023年报.docx", [2023]), ("report-2023.pdf", [2023]), ("20240115.docx", []),
    ("2024-01-15_x.docx", []), ("2024年1月发布.docx", []), ("x_2023_20240115.docx", [2023]),
])
def test_dates_in_a_name_are_not_report_years(name, years):
    assert name_years(name) == years
