"""section-empty (kind section_content): a section that is there says something. Pass and fail, exact."""

from __future__ import annotations

import pytest

from report_builder import ReportSpec, build_report, default_sections
from reportlint.api import lint_document
from reportlint.readers import load_document
from reportlint.rulepack import load_pack

AGENCY = "某某市卫生健康局"
FIVE = "五、存在的主要问题及改进情况"


@pytest.fixture(scope="module")
def pack():
    return load_pack("national-2021")


def lint(path, pack, lang="zh"):
    return [(f.rule, f.location.render(lang), f.text(lang)) for f in lint_document(load_document(str(path)), pack)
            if f.rule == "section-empty"]


def report(tmp_path, bodies: dict[int, str], name: str = "r.docx"):
    sections = default_sections(AGENCY)
    for i, body in bodies.items():
        sections[i] = (sections[i][0], body)
    return build_report(tmp_path / name, ReportSpec(agency=AGENCY, sections=sections))


def five_at(path) -> int:
    (index,) = [p.index for p in load_document(str(path)).paragraphs if p.display == FIVE]
    return index


def test_a_report_whose_sections_say_something_passes(tmp_path, pack):
    assert lint(report(tmp_path, {}), pack) == []


@pytest.mark.parametrize(("body", "zh", "en"), [
    ("无。", f"「{FIVE}」下只写了“无。”", f"\"{FIVE}\" says only \"无。\""),
    ("暂无", f"「{FIVE}」下只写了“暂无”", f"\"{FIVE}\" says only \"暂无\""),
    ("暂无问题，继续努力。", f"「{FIVE}」下只有 8 个字：“暂无问题，继续努力。”",
     f"\"{FIVE}\" holds only 8 characters: \"暂无问题，继续努力。\""),
    ("", f"「{FIVE}」下没有内容", f"\"{FIVE}\" has nothing under its heading"),
])
def test_section_five_with_nothing_to_say_is_an_error_quoting_it(tmp_path, pack, body, zh, en):
    path = report(tmp_path, {4: body})
    n = five_at(path)
    assert lint(path, pack) == [("section-empty", f"第{n}段（{FIVE}）", f"{zh}，请写明该部分的实际情况")]
    assert lint(path, pack, "en") == [("section-empty", f"paragraph {n} (section \"{FIVE}\")",
                                       f"{en}; write what the section must report")]


def test_sub_headings_alone_are_no_content(tmp_path, pack):
    path = report(tmp_path, {4: "（一）存在的主要问题\n（二）改进情况"})
    assert [f[2] for f in lint(path, pack)] == [f"「{FIVE}」下没有内容，请写明该部分的实际情况"]
    said = "（一）存在的主要问题。信息公开的及时性有待提高。\n（二）改进情况。建立更新台账，按月检查。"
    assert lint(report(tmp_path, {4: said}, "full.docx"), pack) == []


def test_a_section_holding_its_table_is_not_empty(tmp_path, pack):
    # section 三 with no words, only table 3 under its heading
    assert lint(report(tmp_path, {2: ""}), pack) == []


def test_section_six_saying_only_none_is_left_to_fee_statement(tmp_path, pack):
    path = report(tmp_path, {5: "无。"})
    assert lint(path, pack) == []
    assert [f.rule for f in lint_document(load_document(str(path)), pack)] == ["fee-statement"]


def test_a_template_placeholder_is_left_to_leftover_text(tmp_path, pack):
    path = report(tmp_path, {4: "（文字描述）"})
    assert lint(path, pack) == []
    assert [f.rule for f in lint_document(load_document(str(path)), pack)] == ["leftover-text"]


def test_sections_checked_and_the_threshold_are_settings(tmp_path):
    custom = tmp_path / "pack.yaml"
    custom.write_text("pack: mine\nextends: national-2021\nrules:\n  - id: section-empty\n    sections: [problems, other]\n"
                      "    min_chars: 30\n", encoding="utf-8")
    path = report(tmp_path, {5: "本年度未收取信息处理费。"})
    # the signature under the last section (agency, date) is not its content
    assert [f[2] for f in lint(path, load_pack(custom))] == [
        "「六、其他需要报告的事项」下只有 11 个字：“本年度未收取信息处理费。”，请写明该部分的实际情况"]


def test_a_document_that_stops_at_a_heading_is_left_to_required_sections(tmp_path, pack):
    # an excerpt cut right after 一、总体情况: the missing sections are the finding, not an empty 一
    path = build_report(tmp_path / "cut.docx", ReportSpec(agency=AGENCY, sections=[("一、总体情况", "")],
                                                          include_tables=(), signed=None, contact=None, period=None))
    assert lint(path, pack) == []
    assert {f.rule for f in lint_document(load_document(str(path)), pack)} >= {"required-sections"}
