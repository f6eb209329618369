"""Every rule kind of the national pack: a pass and a fail, with exact findings."""

import pytest

from report_builder import T4_CELLS, ReportSpec, default_sections
from reportlint.findings import Fix

T3_SCOPE = "第2张表"


def test_clean_full_report_has_no_findings(lint):
    assert lint() == []


# -- required_sections ---------------------------------------------------------------------------------------
def test_missing_section_is_one_finding(lint):
    sections = [s for s in default_sections() if not s[0].startswith("五")]
    assert lint(ReportSpec(sections=sections)) == [
        ("required-sections", "「五、存在的主要问题及改进情况」", "缺少第五部分「五、存在的主要问题及改进情况」"),
    ]


def test_two_missing_sections_in_english(lint):
    sections = [s for s in default_sections() if s[0][0] not in "五六"]
    assert lint(ReportSpec(sections=sections), lang="en") == [
        ("required-sections", 'section "五、存在的主要问题及改进情况"', 'missing section 5 "存在的主要问题及改进情况"'),
        ("required-sections", 'section "六、其他需要报告的事项"', 'missing section 6 "其他需要报告的事项"'),
    ]


def test_variant_title_is_a_warning_not_a_missing_section(lint):
    sections = [("五、存在的问题及改进情况", body) if h.startswith("五") else (h, body) for h, body in default_sections()]
    found = lint(ReportSpec(sections=sections))
    assert found == [
        ("section-title", "第11段（五、存在的问题及改进情况）",
         "标题「五、存在的问题及改进情况」与规定标题「五、存在的主要问题及改进情况」不一致"),
    ]


@pytest.mark.parametrize(("number", "heading"), [
    ("五", "五、存在问题及改进情况"),  # the KIROGOVCOMPARE fixture's wording
    ("五", "五、政府信息公开工作存在的不足和整改措施"),
    ("四", "四、政府信息公开行政法复议、行政诉讼情况"),  # misspelt
    ("三", "三、依申请公开政府信息情况"),
])
def test_heading_recognised_by_number_and_terms_is_a_title_warning(lint, number, heading):
    sections = [(heading, body) if h.startswith(number) else (h, body) for h, body in default_sections()]
    official = next(h for h, _ in default_sections() if h.startswith(number))
    paragraph = {"三": 7, "四": 9, "五": 11}[number]
    assert lint(ReportSpec(sections=sections)) == [
        ("section-title", f"第{paragraph}段（{heading}）", f"标题「{heading}」与规定标题「{official}」不一致"),
    ]


def test_terms_under_another_number_are_not_the_section(lint):
    sections = [("七、存在问题及改进情况", body) if h.startswith("五") else (h, body) for h, body in default_sections()]
    assert lint(ReportSpec(sections=sections)) == [
        ("required-sections", "「五、存在的主要问题及改进情况」", "缺少第五部分「五、存在的主要问题及改进情况」"),
    ]


def test_heading_glued_to_its_body_is_found(lint):
    glued = "六、其他需要报告的事项2023年度本机关未收取信息处理费。"
    sections = [(glued, body) if h.startswith("六") else (h, body) for h, body in default_sections()]
    assert lint(ReportSpec(sections=sections)) == []


@pytest.mark.parametrize("heading", ["二、主动公开政府信息情况表", "二、 主动公开政府信息情况", "二.主动公开政府信息情况"])
def test_tolerated_title_spellings(lint, heading):
    sections = [(heading, body) if h.startswith("二") else (h, body) for h, body in default_sections()]
    assert lint(ReportSpec(sections=sections)) == []


def test_sections_out_of_order(lint):
    sections = default_sections()
    sections[4], sections[5] = sections[5], sections[4]
    assert lint(ReportSpec(sections=sections)) == [
        ("section-order", "第13段（五、存在的主要问题及改进情况）",
         "「五、存在的主要问题及改进情况」应排在「六、其他需要报告的事项」之前"),
    ]


# -- statistics_period ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "本报告所列数据统计期限为2023年1月1日至12月31日。",
        "本年度报告中所列数据统计期限从2023年1月1日到12月31日止。",
        "统计期限为２０２３年１月１日至２０２３年１２月３１日。",
        "统计期限自2023年1月1日始至2023年12月31日止。",
        "本报告信息数据统计期限为:2023年1月1日-2023年12月31日。",
        "本报告统计时限为2023年1月1日至2023年12月31日。",
        "报告中所列数据的统计时间为2023年1月1日至2023年12月31日止。",
        "统计书记时间段:2023年1月1日起至2023年12月31日止。",
        "本报告统计数据从2023年1月1日至2023年12月31日止。",
        "统计期限为2023.1.1—2023.12.31。",
        "统计期限为2023年1月至12月。",
        "本报告统计期限为2023年度。",
        "本报告统计数据为2023年度。",
        "本报告统计期限为二〇二三年一月一日至二〇二三年十二月三十一日。",
    ],
)
def test_accepted_period_statements(lint, sentence):
    assert lint(ReportSpec(period=sentence)) == []


@pytest.mark.parametrize(("sentence", "message"), [
    # garbled: a digit or a character lost in export
    ("本报告中使用数据统计期限为20231月1日至12月31日。",
     "统计期限「20231月1日至12月31日」无法读作起止日期（有错字或缺字），应为“2023年1月1日至2023年12月31日”"),
    ("本年度报告统计数据时限为2023年11日至2023年1231日。",
     "统计期限「2023年11日至2023年1231日」无法读作起止日期（有错字或缺字），应为“2023年1月1日至2023年12月31日”"),
    # short: present, read, but not the whole year
    ("本报告统计期限涵盖2023年1月1日至12月21日。",
     "统计期限「2023年1月1日至12月21日」（2023年1月1日至2023年12月21日）未覆盖2023年1月1日至12月31日"),
    # a point in time, not a period
    ("报告中所涉及的数据核定时间点为2023年12月31日。",
     "只写了时间点「2023年12月31日」，未写明统计期限的起止日期（应为“2023年1月1日至2023年12月31日”）"),
    ("本报告数据统计截至2023年12月31日。",
     "只写了时间点「2023年12月31日」，未写明统计期限的起止日期（应为“2023年1月1日至2023年12月31日”）"),
])
def test_garbled_or_short_period_is_quoted_never_missing(lint, sentence, message):
    assert lint(ReportSpec(period=sentence)) == [("statistics-period", "第2段", message)]


def test_no_period(lint):
    assert lint(ReportSpec(period=None)) == [
        ("statistics-period", "全文",
         "未找到统计期限（如“本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止”）"),
    ]


def test_period_not_the_whole_year(lint):
    assert lint(ReportSpec(period="本报告统计期限为2023年1月1日至2023年6月30日。"), lang="en") == [
        ("statistics-period", "paragraph 2",
         'statistics period "2023年1月1日至2023年6月30日" (2023-01-01 to 2023-06-30) does not cover '
         "1 January–31 December 2023"),
    ]


def test_period_of_another_year(lint):
    assert lint(ReportSpec(period="本报告统计期限自2022年1月1日起至2022年12月31日止。")) == [
        ("statistics-period", "第2段", "统计期限「2022年1月1日起至2022年12月31日」是2022年，与报告年度2023年不符"),
    ]


# -- contact_info --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "contact",
    [
        "如对本报告有疑问，请与本局联系（联系电话：0537—8928868）。",
        "如对本报告有疑问，请与本局联系，联系电话：（0537）8928868，电子邮箱：gk@example.gov.cn。",
        "如对本报告有疑问，请联系：0537 8928868 或 13912345678。",
        "咨询电话：0537-8928868、12345。",
    ],
)
def test_accepted_contact_details(lint, contact):
    assert lint(ReportSpec(contact=contact)) == []


def test_no_phone_number(lint):
    assert lint(ReportSpec(contact="如对本报告有疑问，请来信至某某市某某路1号。")) == [
        ("contact-info", "全文", "未找到联系电话（如对本报告有疑问的联系方式）"),
    ]


def test_phone_without_area_code_and_email_with_space(lint):
    contact = "如对本报告有疑问，请联系（联系电话：8928868；电子邮箱：gk @example.gov.cn）。"
    assert lint(ReportSpec(contact=contact)) == [
        ("contact-info", "第2段", "电话号码「8928868」缺少区号（应为“区号-号码”，如 0537-8928868）"),
        ("contact-info", "第2段", "电子邮箱「gk @example.gov.cn」中有空格"),
    ]


# -- required_tables -----------------------------------------------------------------------------------------
def test_missing_table(lint):
    assert lint(ReportSpec(include_tables=("二", "三"))) == [
        ("table-missing", "全文", "未找到表四「政府信息公开行政复议、行政诉讼情况」统计表"),
    ]


def test_table_whose_cells_hold_several_numbers_is_unreadable_not_wrong(lint):
    # a row's numbers landed in its first cells, as a PDF or text export leaves them: one finding, no arithmetic
    glued = {("一、本年新收政府信息公开申请数量", "自然人"): "3001 53 0 0", ("一、本年新收政府信息公开申请数量", "商业企业"): "61 4 3119",
             ("一、本年新收政府信息公开申请数量", "科研机构"): ""}
    assert lint(ReportSpec(t3=glued)) == [
        ("table-unreadable", "第2张表 行「一、本年新收政府信息公开申请数量」 列「申请人情况 / 自然人」",
         "表三「收到和处理政府信息公开申请情况」有 2 个单元格里挤着几个数字（如「3001 53 0 0」），表格结构在导出时已丢失，"
         "其中的数字无法核对；请从原表格重新导出"),
    ]


def test_a_number_with_a_thousands_space_is_one_number(lint):
    t3 = {("一、本年新收政府信息公开申请数量", "自然人"): "1 234", ("二、上年结转政府信息公开申请数量", "自然人"): "2 000"}
    assert [rule for rule, _where, _message in lint(ReportSpec(t3=t3))] == ["t3-balance", "t3-row-total",
                                                                            "t3-row-total"]


# -- table_arithmetic ----------------------------------------------------------------------------------------
E1_NATURAL = ("t3-balance", f"{T3_SCOPE} 行「一、本年新收政府信息公开申请数量」 列「申请人情况 / 自然人」",
              "表三列「申请人情况 / 自然人」不平：本年新收政府信息公开申请数量 + 上年结转政府信息公开申请数量 = "
              "（七）总计 + 结转下年度继续办理，但左边 46 + 2 = 48，右边 44 + 3 = 47（相差 1）")
E2_NATURAL = ("t3-results-total", f"{T3_SCOPE} 行「三、本年度办理结果 / （七）总计」 列「申请人情况 / 自然人」",
              "表三列「申请人情况 / 自然人」不平：（七）总计 = 予以公开 + 部分公开 + Σ不予公开 + Σ无法提供 + Σ不予处理 + "
              "Σ其他处理，但左边 44，右边 20 + 3 + 5 + 11 + 4 + 2 = 45（相差 1）")
E3_TOTAL = ("t3-row-total", f"{T3_SCOPE} 行「三、本年度办理结果 / （七）总计」 列「申请人情况 / 总计」",
            "表三行「三、本年度办理结果 / （七）总计」不平：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + "
            "法律服务机构 + 法人或其他组织/其他，但左边 60，右边 44 + 10 + 1 + 0 + 3 + 1 = 59（相差 1）")
WRONG_TOTAL_CELL = f"{T3_SCOPE} 行「三、本年度办理结果 / （七）总计」 列「申请人情况 / 自然人」"


def test_one_wrong_cell_is_one_finding_at_that_cell_with_its_equations_related(tmp_path, national_pack):
    from report_builder import build_report
    from reportlint.api import lint_document
    from reportlint.readers import load_document

    path = build_report(tmp_path / "r.docx", ReportSpec(t3={("（七）总计", "自然人"): "44"}))
    (found,) = lint_document(load_document(str(path)), national_pack)
    assert (found.rule, found.severity, found.location.render(), found.text()) == (
        "t3-balance", "error", WRONG_TOTAL_CELL,
        "表三「三、本年度办理结果 / （七）总计」「申请人情况 / 自然人」很可能填错：现为 44，它所在的 3 个等式都要求它为 45"
        "（t3-balance 列「申请人情况 / 自然人」，t3-results-total 列「申请人情况 / 自然人」，"
        "t3-row-total 行「三、本年度办理结果 / （七）总计」）")
    assert found.text("en").startswith('table 3 row "三、本年度办理结果 / （七）总计" column "申请人情况 / 自然人" is '
                                       "probably wrong: it is 44, and the 3 equations it takes part in all give 45 (")
    assert [(found.rule, r.location.render(), r.text()) for r in found.related] == [
        (found.rule, E1_NATURAL[1], E1_NATURAL[2]), (found.rule, E2_NATURAL[1], E2_NATURAL[2]),
        (found.rule, E3_TOTAL[1], E3_TOTAL[2])]
    assert (found.details["value"], found.details["expected"]) == ("44", "45")
    assert [e["rule"] for e in found.details["equations"]] == ["t3-balance", "t3-results-total", "t3-row-total"]
    assert (27, 4) not in {(c["row"], c["col"]) for c in found.details["cells"]}  # the cell itself is not "related"
    assert (found.location.row, found.location.col) == (27, 4)
    as_dict = found.to_dict()
    assert as_dict["related"][0] == {"location": {"table": 2, "row_label": "一、本年新收政府信息公开申请数量",
                                                  "column_label": "申请人情况 / 自然人", "row": 4, "col": 4},
                                     "message": E1_NATURAL[2]}


def test_the_merged_finding_goes_to_the_most_severe_rule(tmp_path, lint):
    pack = tmp_path / "pack.yaml"
    pack.write_text("pack: x\nextends: national-2021\nrules:\n  - {id: t3-balance, severity: warning}\n",
                    encoding="utf-8")
    from report_builder import build_report
    from reportlint.api import lint_document
    from reportlint.readers import load_document
    from reportlint.rulepack import load_pack

    path = build_report(tmp_path / "r.docx", ReportSpec(t3={("（七）总计", "自然人"): "44"}))
    found = lint_document(load_document(str(path)), load_pack(pack))
    assert [(f.rule, f.severity, f.location.render()) for f in found] == [
        ("t3-results-total", "error", WRONG_TOTAL_CELL)]


def test_with_a_rule_switched_off_the_others_still_merge(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("pack: x\nextends: national-2021\nrules:\n  - {id: t3-row-total, severity: \"off\"}\n",
                    encoding="utf-8")
    from report_builder import build_report
    from reportlint.api import lint_document
    from reportlint.readers import load_document
    from reportlint.rulepack import load_pack

    path = build_report(tmp_path / "r.docx", ReportSpec(t3={("（七）总计", "自然人"): "44"}))
    (found,) = lint_document(load_document(str(path)), load_pack(pack))
    assert (found.rule, found.location.render(), len(found.related)) == ("t3-balance", WRONG_TOTAL_CELL, 2)


def test_when_no_single_cell_explains_them_each_equation_is_a_finding(lint):
    # the same total one too high in 自然人 and one too low in 商业企业: E3 of （七）总计 holds, so neither cell is the
    # one change that fixes everything, and the four failing equations are reported one by one
    found = lint(ReportSpec(t3={("（七）总计", "自然人"): "46", ("（七）总计", "商业企业"): "9"}))
    assert [(rule, where.split(" 列")[1]) for rule, where, _message in found] == [
        ("t3-balance", "「申请人情况 / 自然人」"), ("t3-balance", "「申请人情况 / 法人或其他组织 / 商业企业」"),
        ("t3-results-total", "「申请人情况 / 自然人」"), ("t3-results-total", "「申请人情况 / 法人或其他组织 / 商业企业」"),
    ]


def test_one_equation_alone_is_its_own_finding(lint):
    found = lint(ReportSpec(t4={("行政复议", "总计"): "3"}))
    assert [rule for rule, _where, _message in found] == ["t4-total"]


def test_arithmetic_details_in_json_shape(tmp_path, national_pack):
    from report_builder import build_report
    from reportlint.api import lint_document
    from reportlint.readers import load_document

    path = build_report(tmp_path / "r.docx", ReportSpec(t4={("行政复议", "总计"): "3"}))
    findings = lint_document(load_document(str(path)), national_pack)
    assert [f.to_dict("en") for f in findings] == [{
        "path": str(path),
        "rule": "t4-total",
        "severity": "error",
        "message": 'table 4 does not add up: 行政复议/总计 = 行政复议/结果维持 + 行政复议/结果纠正 + 行政复议/其他结果 + '
                   "行政复议/尚未审结, but the left side is 3 and the right side 1 + 0 + 0 + 1 = 2 (difference 1)",
        "location": {"table": 3, "row_label": None, "column_label": "行政复议 / 总计", "row": 4, "col": 5},
        "details": {
            "equation": "行政复议/总计 = 行政复议/结果维持 + 行政复议/结果纠正 + 行政复议/其他结果 + 行政复议/尚未审结",
            "left": "3", "right": "2",
            "cells": [
                {"row_label": "", "column_label": "行政复议 / 总计", "row": 4, "col": 5, "text": "3"},
                {"row_label": "", "column_label": "行政复议 / 结果维持", "row": 4, "col": 1, "text": "1"},
                {"row_label": "", "column_label": "行政复议 / 结果纠正", "row": 4, "col": 2, "text": "0"},
                {"row_label": "", "column_label": "行政复议 / 其他结果", "row": 4, "col": 3, "text": "0"},
                {"row_label": "", "column_label": "行政复议 / 尚未审结", "row": 4, "col": 4, "text": "1"},
            ],
        },
    }]


def test_a_table_never_filled_in_is_one_blank_cell_finding(lint):
    assert lint(ReportSpec(t4=dict.fromkeys(T4_CELLS, ""))) == [
        ("blank-cell", "第3张表", "表四未填写：15 个单元格为空，应填数字（没有的填 0）"),
    ]
    # one cell filled in: the others are reported one by one
    partly = dict.fromkeys(T4_CELLS[1:], "")
    assert [rule for rule, _where, _message in lint(ReportSpec(t4=partly))] == ["blank-cell"] * 14


def test_unreadable_cell_is_not_taken_as_zero(lint):
    # A blank 自然人 cell of row 一 is reported once, as blank; E1/E3 are not evaluated with a made-up 0.
    found = lint(ReportSpec(t3={("一、本年新收政府信息公开申请数量", "自然人"): ""}))
    assert found == [
        ("blank-cell", f"{T3_SCOPE} 行「一、本年新收政府信息公开申请数量」 列「申请人情况 / 自然人」",
         "表三「一、本年新收政府信息公开申请数量」「申请人情况 / 自然人」为空，应填整数（没有的填 0）"),
    ]


# -- no_blank_cells ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "problem"),
    [("—", "填写了「—」"), ("/", "填写了「/」"), ("无", "填写了「无」"), ("-", "填写了「-」"), ("3.5", "「3.5」不是整数"),
     ("三", "「三」不是数字")],
)
def test_non_numbers_in_count_cells(lint, text, problem):
    found = lint(ReportSpec(t2={("规章", "本年制发件数"): text}))
    assert found == [
        ("blank-cell", "第1张表 行「第二十条第（一）项 / 规章」 列「本年制发件数」",
         f"表二「第二十条第（一）项 / 规章」「本年制发件数」{problem}，应填整数（没有的填 0）"),
    ]


@pytest.mark.parametrize("text", [" 1 ", "1\u00a0", "\u30001", "0"])
def test_tolerated_number_spellings(lint, text):
    assert lint(ReportSpec(t2={("规章", "本年制发件数"): text})) == []


# -- halfwidth_digits ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "old", "new"), [("１", "１", "1"), ("\u3000２ ", "２", "2"), ("１0", "１0", "10")])
def test_full_width_digits_are_a_note_with_a_fix_and_nothing_else(tmp_path, national_pack, text, old, new):
    from report_builder import build_report
    from reportlint.engine import lint_document
    from reportlint.readers import load_document

    path = build_report(tmp_path / "r.docx", ReportSpec(t2={("规章", "本年制发件数"): text, ("规章", "现行有效件数"): "10"}))
    found = lint_document(load_document(str(path)), national_pack)
    assert [(f.rule, f.severity, f.location.render(), f.text(), f.fix) for f in found] == [
        ("fullwidth-digits", "info", "第1张表 行「第二十条第（一）项 / 规章」 列「本年制发件数」",
         f"表二「第二十条第（一）项 / 规章」「本年制发件数」的「{old}」是全角数字，宜改为半角「{new}」"
         "（表格软件把全角数字当作文字，汇总时不计入）", Fix(old, new)),
    ]
    assert found[0].text("en") == (
        f'table 2 row "第二十条第（一）项 / 规章" column "本年制发件数" "{old}" is written in full-width digits; '
        f'write "{new}" (spreadsheets read full-width digits as text and leave them out of sums)')


def test_full_width_numbers_of_every_form_keep_their_value_and_non_numbers_are_blank_cells_only(lint):
    t2 = {("规章", "本年制发件数"): "－１", ("行政事业性收费", "本年收费金额（单位：万元）"): "１，２３４．５"}
    assert lint(ReportSpec(t2=t2), lang="en") == [
        ("blank-cell", 'table 1 row "第二十条第（一）项 / 规章" column "本年制发件数"',
         'table 2 row "第二十条第（一）项 / 规章" column "本年制发件数" "－１" is negative; fill in a whole number '
         "(0 when there is nothing)"),
        ("fullwidth-digits", 'table 1 row "第二十条第（一）项 / 规章" column "本年制发件数"',
         'table 2 row "第二十条第（一）项 / 规章" column "本年制发件数" "－１" is written in full-width digits; '
         'write "-1" (spreadsheets read full-width digits as text and leave them out of sums)'),
        ("fullwidth-digits", 'table 1 row "第二十条第（八）项 / 行政事业性收费" column "本年收费金额（单位：万元）"',
         'table 2 row "第二十条第（八）项 / 行政事业性收费" column "本年收费金额（单位：万元）" "１，２３４．５" is written in '
         'full-width digits; write "1,234.5" (spreadsheets read full-width digits as text and leave them out of sums)'),
    ]
    assert lint(ReportSpec(t2={("规章", "本年制发件数"): "３件"})) == [
        ("blank-cell", "第1张表 行「第二十条第（一）项 / 规章」 列「本年制发件数」",
         "表二「第二十条第（一）项 / 规章」「本年制发件数」「３件」不是数字，应填整数（没有的填 0）"),
    ]


def test_decimal_amount_column_accepts_decimals_only_there(lint):
    assert lint(ReportSpec(t2={("行政事业性收费", "本年收费金额（单位：万元）"): "0.35"})) == []
    assert lint(ReportSpec(t2={("行政事业性收费", "本年收费金额（单位：万元）"): "—"}), lang="en") == [
        ("blank-cell", 'table 1 row "第二十条第（八）项 / 行政事业性收费" column "本年收费金额（单位：万元）"',
         'table 2 row "第二十条第（八）项 / 行政事业性收费" column "本年收费金额（单位：万元）" holds "—"; '
         "fill in a number (0 when there is nothing)"),
    ]
