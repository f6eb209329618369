"""A second kind of report needs a YAML pack and no code: 法治政府建设年度报告 (sections 主要举措和成效, 存在的不足和原因,
党政主要负责人履行推进法治建设第一责任人职责情况, 下一年度工作安排; published by the end of March), checked with
tests/data/packs/fazhi-zhengfu.yaml on reports built here with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from reportlint.api import lint_paths
from reportlint.rulepack import load_pack

PACK = Path(__file__).parent / "data" / "packs" / "fazhi-zhengfu.yaml"
TITLE = "某某市人民政府2023年法治政府建设年度报告"
SECTIONS = {
    "一、主要举措和成效": "2023年，市政府坚持以习近平法治思想为指导，全面推进依法行政，完善重大行政决策程序，"
                         "全年审查规范性文件42件，办理行政复议案件118件。",
    "二、存在的不足和原因": "行政执法规范化水平仍需提高，基层执法人员专业能力不足，原因在于培训覆盖面不够。",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况": "市政府主要负责人主持召开常务会议专题研究法治政府建设工作4次，"
                                                       "带头参加旁听庭审和学法活动。",
    "四、下一年度工作安排": "2024年，将继续深化行政执法体制改革，加强行政复议规范化建设，提升依法行政能力。",
}


def build(path: Path, sections: dict[str, str], date: str = "2024年3月20日", title: str = TITLE) -> str:
    document = docx.Document()
    document.add_paragraph(title)
    for heading, body in sections.items():
        document.add_paragraph(heading)
        document.add_paragraph(body)
    document.add_paragraph("某某市人民政府")
    document.add_paragraph(date)
    document.save(str(path))
    return str(path)


def findings(*paths: str, lang: str = "zh") -> list[tuple[str, str, str, str]]:
    report = lint_paths(list(paths), pack=load_pack(PACK), lang=lang)
    assert report.errors == []
    return [(Path(f.path).name, f.rule, f.location.render(lang), f.text(lang)) for f in report.findings]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path


def test_the_pack_says_what_the_report_is():
    pack = load_pack(PACK)
    assert (pack.report.name, pack.report.subject) == ("法治政府建设年度报告", "法治政府建设")
    assert [s.id for s in pack.sections] == ["measures", "shortcomings", "leaders", "plans"]


def test_a_complete_report_published_in_time_has_no_finding(folder):
    assert findings(build(folder / "完整.docx", SECTIONS)) == []


def test_a_missing_section_a_heading_in_other_words_and_a_late_date(folder):
    sections = {("二、存在的问题和原因" if k.startswith("二") else k): v for k, v in SECTIONS.items()
                if not k.startswith("三")}
    path = build(folder / "有问题.docx", sections, date="2024年4月15日")
    assert findings(path) == [
        ("有问题.docx", "required-sections", "「三、党政主要负责人履行推进法治建设第一责任人职责情况」",
         "缺少第三部分「三、党政主要负责人履行推进法治建设第一责任人职责情况」"),
        ("有问题.docx", "section-title", "第4段（二、存在的问题和原因）",
         "标题「二、存在的问题和原因」与规定标题「二、存在的不足和原因」不一致"),
        ("有问题.docx", "publication-deadline", "第9段（四、下一年度工作安排）",
         "落款日期2024年4月15日晚于公布期限2024年3月31日：按规则设定的期限，2023年度报告应于次年3月31日前公布"),
    ]


def test_sections_out_of_order_in_english(folder):
    keys = list(SECTIONS)
    path = build(folder / "order.docx", {k: SECTIONS[k] for k in [keys[0], keys[3], keys[1], keys[2]]})
    assert findings(path, lang="en") == [
        ("order.docx", "section-order", "paragraph 6 (section \"二、存在的不足和原因\")",
         "\"二、存在的不足和原因\" should come before \"四、下一年度工作安排\""),
        ("order.docx", "section-order", "paragraph 8 (section \"三、党政主要负责人履行推进法治建设第一责任人职责情况\")",
         "\"三、党政主要负责人履行推进法治建设第一责任人职责情况\" should come before \"四、下一年度工作安排\""),
    ]


def test_another_kind_of_report_is_not_taken_for_this_one(folder):
    # a 政府信息公开 report names another subject and has none of these sections: skipped, with the pack's name
    other = build(folder / "公开.docx", {"一、总体情况": "本年度主动公开政府信息1095条。", "二、主动公开政府信息情况": "见下表。"},
                  title="某某市人民政府2023年政府信息公开工作年度报告")
    report = lint_paths([other], pack=load_pack(PACK))
    assert report.findings == [] and report.skipped == [other]
    assert report.skip_reasons[other][0] == "没有法治政府建设年度报告的标题，只有报告的 0 个部分、0 张统计表"


def test_a_report_is_told_by_the_subject_its_title_names(folder):
    # one section only: taken for this kind of report when its title names 法治政府建设, not when it names another
    first = {k: v for k, v in SECTIONS.items() if k.startswith("一")}
    named = build(folder / "named.docx", first)
    other = build(folder / "other.docx", first, title="某某市人民政府2023年政府信息公开工作年度报告")
    report = lint_paths([named, other], pack=load_pack(PACK), lang="en")
    assert report.skipped == [other]
    assert [(Path(f.path).name, f.rule, f.text("en")) for f in report.findings] == [
        ("named.docx", "required-sections", f"missing section {n} \"{title}\"")
        for n, title in (("2", "存在的不足和原因"), ("3", "党政主要负责人履行推进法治建设第一责任人职责情况"),
                         ("4", "下一年度工作安排"))]
