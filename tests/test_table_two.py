"""Table 二's values: whole non-negative counts, a non-negative fee (blank-cell's typing), and t2-effective
(现行有效件数 >= 本年制发件数, a warning). Exact findings on python-docx reports."""

from __future__ import annotations

import pytest

from report_builder import ReportSpec, build_report
from reportlint.api import lint_document
from reportlint.pack.expr import ExprError, parse_equation
from reportlint.readers import load_document
from reportlint.rulepack import load_pack

FEE = "本年收费金额（单位：万元）"


@pytest.fixture(scope="module")
def pack():
    return load_pack("national-2021")


def lint(tmp_path, t2, pack):
    path = build_report(tmp_path / "r.docx", ReportSpec(t2=t2))
    return [(f.rule, f.severity, f.location.render("zh"), f.text("zh"))
            for f in lint_document(load_document(str(path)), pack) if f.rule in ("blank-cell", "t2-effective")]


def test_whole_counts_and_a_decimal_fee_pass(tmp_path, pack):
    assert lint(tmp_path, {("行政事业性收费", FEE): "12.5", ("规章", "本年制发件数"): "0"}, pack) == []


def test_negatives_fractions_and_words_around_a_number_are_not_numbers(tmp_path, pack):
    t2 = {("规章", "本年制发件数"): "-3", ("规章", "本年废止件数"): "1.5", ("行政许可", "本年处理决定数量"): "约3",
          ("行政处罚", "本年处理决定数量"): "3件", ("行政事业性收费", FEE): "-1.2"}
    where = "第1张表 行「第二十条第（{}）项 / {}」 列「{}」"
    assert lint(tmp_path, t2, pack) == [
        ("blank-cell", "error", where.format("一", "规章", "本年制发件数"),
         "表二「第二十条第（一）项 / 规章」「本年制发件数」「-3」是负数，应填整数（没有的填 0）"),
        ("blank-cell", "error", where.format("一", "规章", "本年废止件数"),
         "表二「第二十条第（一）项 / 规章」「本年废止件数」「1.5」不是整数，应填整数（没有的填 0）"),
        ("blank-cell", "error", where.format("五", "行政许可", "本年处理决定数量"),
         "表二「第二十条第（五）项 / 行政许可」「本年处理决定数量」「约3」不是数字，应填整数（没有的填 0）"),
        ("blank-cell", "error", where.format("六", "行政处罚", "本年处理决定数量"),
         "表二「第二十条第（六）项 / 行政处罚」「本年处理决定数量」「3件」不是数字，应填整数（没有的填 0）"),
        ("blank-cell", "error", where.format("八", "行政事业性收费", FEE),
         f"表二「第二十条第（八）项 / 行政事业性收费」「{FEE}」「-1.2」是负数，应填数字（没有的填 0）"),
    ]


def test_fewer_documents_in_force_than_issued_is_a_warning(tmp_path, pack):
    t2 = {("行政规范性文件", "本年制发件数"): "4", ("行政规范性文件", "现行有效件数"): "2"}
    assert lint(tmp_path, t2, pack) == [
        ("t2-effective", "warning", "第1张表 行「第二十条第（一）项 / 行政规范性文件」 列「现行有效件数」",
         "表二行「第二十条第（一）项 / 行政规范性文件」不满足：现行有效件数 >= 本年制发件数，但左边 2，右边 4"),
    ]


def test_an_inequality_parses_and_says_which_way():
    eq = parse_equation("[现行有效件数] >= [本年制发件数] - [本年废止件数]")
    assert (eq.op, eq.holds(3, 4), eq.holds(4, 4), parse_equation("[a] <= 2").holds(3, 2)) == (">=", False, True, False)
    with pytest.raises(ExprError, match="needs '='"):
        parse_equation("[a] [b]")
