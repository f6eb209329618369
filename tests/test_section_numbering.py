"""section-numbering (kind section_numbering): 一、二、…, （一）（二）…, 1. 2. … without gaps, repeats or restarts."""

from __future__ import annotations

import pytest

from report_builder import ReportSpec, build_report, default_sections
from reportlint.api import lint_document
from reportlint.readers import load_document
from reportlint.rulepack import load_pack

AGENCY = "某某市卫生健康局"


@pytest.fixture(scope="module")
def pack():
    return load_pack("national-2021")


def lint(path, pack, lang="zh"):
    return [(f.location.render(lang), f.text(lang)) for f in lint_document(load_document(str(path)), pack)
            if f.rule == "section-numbering"]


def report(tmp_path, items: list[tuple[str, str]] | None = None, after: int = 0, extra_end=(), replace=None,
           name="r.docx"):
    """The default report with ``items`` (heading, body) after section ``after`` (0-based)."""
    sections = default_sections(AGENCY)
    if replace:
        for i, heading in replace.items():
            sections[i] = (heading, sections[i][1])
    sections[after + 1:after + 1] = items or []
    sections.extend(extra_end)
    return build_report(tmp_path / name, ReportSpec(agency=AGENCY, sections=sections))


def at(path, text) -> int:
    (index,) = [p.index for p in load_document(str(path)).paragraphs if p.display.startswith(text)]
    return index


ITEMS = [("（一）主动公开情况", "全年主动公开政府信息1095条。"), ("（二）依申请公开情况", "全年新收申请61件。"),
         ("（三）政府信息管理情况", "完善信息发布审核制度。")]


def test_sections_and_items_in_sequence_pass(tmp_path, pack):
    assert lint(report(tmp_path, ITEMS), pack) == []
    lists = [("（一）存在的主要问题", "1.更新不及时。"), ("1.解读不够。", "2.互动不足。"), ("（二）改进情况", "1.建立台账。")]
    assert lint(report(tmp_path, lists, after=4, name="lists.docx"), pack) == []


def test_a_skipped_item_is_named(tmp_path, pack):
    path = report(tmp_path, [ITEMS[0], ITEMS[2]])
    n = at(path, "（三）")
    assert lint(path, pack) == [(f"第{n}段（（三）政府信息管理情况）",
                                 "序号跳过了“（二）”：「（三）政府信息管理情况」前一项是「（一）主动公开情况」")]
    assert lint(path, pack, "en") == [(f"paragraph {n} (section \"（三）政府信息管理情况\")",
                                       "the numbering skips （二）: \"（三）政府信息管理情况\" follows \"（一）主动公开情况\"")]


def test_a_repeated_item_and_a_list_that_starts_late(tmp_path, pack):
    path = report(tmp_path, [ITEMS[0], ITEMS[1], ("（二）政府信息管理情况", "完善信息发布审核制度。")])
    assert [t for _, t in lint(path, pack)] == [
        "序号“（二）”重复：「（二）政府信息管理情况」前一项是「（二）依申请公开情况」，应为“（三）”"]
    late = report(tmp_path, [ITEMS[1], ITEMS[2]], name="late.docx")
    assert [t for _, t in lint(late, pack)] == ["序号应从“（一）”开始：「（二）依申请公开情况」"]


def test_a_gap_in_a_numbered_list_under_an_item(tmp_path, pack):
    path = report(tmp_path, [("（一）存在的主要问题", "1.更新不及时。"), ("2.解读不够。", "4.互动不足。")], after=4)
    assert [t for _, t in lint(path, pack)] == ["序号跳过了“3.”：「4.互动不足」前一项是「2.解读不够」"]


def test_a_section_under_another_number_and_a_restart_after_the_six(tmp_path, pack):
    path = report(tmp_path, replace={2: "四、收到和处理政府信息公开申请情况"},
                  extra_end=[("一、附表说明", "表中数据均经核对。")])
    assert [t for _, t in lint(path, pack)] == [
        "「四、收到和处理政府信息公开申请情况」的序号应为“三、”",
        "「六、其他需要报告的事项」之后序号又从“一、”开始：「一、附表说明」",
    ]


def test_table_rows_exported_as_text_are_not_items(tmp_path, pack):
    rows = [("（一）予以公开 1288 21 0 0 50 3 1362", ""), ("（三）不予公开 2 0 0 0 0 0 2", "")]
    assert lint(report(tmp_path, rows, after=2), pack) == []
