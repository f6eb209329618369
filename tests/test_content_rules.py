"""leftover-text, fee-statement, publication-deadline, year-mismatch, text-table-mismatch: pass and fail, exact."""

import textwrap

import pytest

from report_builder import ReportSpec, build_report, default_sections
from reportlint.api import lint_document
from reportlint.errors import ConfigError
from reportlint.readers import load_document
from reportlint.rulepack import load_pack

AGENCY = "某某市卫生健康局"
RULES = {"leftover-text", "fee-statement", "publication-deadline", "year-mismatch", "text-table-mismatch"}


@pytest.fixture(scope="module")
def pack():
    return load_pack("national-2021")


def lint(path, pack, lang="zh"):
    doc = load_document(str(path))
    return [(f.rule, f.severity, f.location.render(lang), f.text(lang)) for f in lint_document(doc, pack)
            if f.rule in RULES]


def report(tmp_path, name="r.docx", overview_extra="", six=None, five_extra="", overview=None, **spec):
    sections = default_sections(AGENCY)
    sections[0] = (sections[0][0], (sections[0][1] if overview is None else overview) + overview_extra)
    sections[4] = (sections[4][0], sections[4][1] + five_extra)
    if six is not None:
        sections[5] = (sections[5][0], six)
    return build_report(tmp_path / name, ReportSpec(agency=AGENCY, sections=sections, **spec))


def paragraph_of(path, text):
    (index,) = [p.index for p in load_document(str(path)).paragraphs if text in p.display]
    return index


def test_clean_report_has_none_of_these_findings(tmp_path, pack):
    assert lint(report(tmp_path), pack) == []


# -- leftover-text -----------------------------------------------------------------------------------------------


def test_placeholders_and_artefacts_are_quoted(tmp_path, pack):
    path = report(tmp_path, overview_extra="XX科室负责审核。[image: 1704859250673]",
                  five_extra="20XX年将继续改进（文字描述）。错误！未定义书签。",
                  t2={("规章", "本年制发件数"): "××"})
    overview = paragraph_of(path, "XX科室")
    five = paragraph_of(path, "20XX年")
    assert lint(path, pack) == [
        ("leftover-text", "error", f"第{overview}段（一、总体情况）", "模板占位符未替换：「XX」"),
        ("leftover-text", "error", f"第{overview}段（一、总体情况）", "导出痕迹未清除：「[image: 1704859250673]」"),
        ("leftover-text", "error", "第1张表 行「第二十条第（一）项 / 规章」 列「本年制发件数」", "模板占位符未替换：「××」"),
        ("leftover-text", "error", f"第{five}段（五、存在的主要问题及改进情况）", "模板占位符未替换：「20XX年」"),
        ("leftover-text", "error", f"第{five}段（五、存在的主要问题及改进情况）", "模板占位符未替换：「（文字描述）」"),
        ("leftover-text", "error", f"第{five}段（五、存在的主要问题及改进情况）", "导出痕迹未清除：「错误！未定义书签。」"),
    ]
    assert lint(path, pack, "en")[0][3] == "template placeholder left in: “XX”"


def test_a_placeholder_only_in_a_table_is_found_in_every_report_of_its_layout(tmp_path, pack):
    placeholder = ("leftover-text", "error", "第1张表 行「第二十条第（一）项 / 规章」 列「本年制发件数」", "模板占位符未替换：「××」")
    # the tables' scan is remembered by layout: the second report of the layout, then one without the placeholder
    for name in ("a.docx", "b.docx"):
        assert lint(report(tmp_path, name, t2={("规章", "本年制发件数"): "××"}), pack) == [placeholder]
    assert lint(report(tmp_path, "c.docx"), pack) == []


@pytest.mark.parametrize("text", ["访问 www.xxgk.gov.cn 查询。", "XXL号", "Windows XP系统", "第XX届", "2021年"])
def test_words_that_merely_contain_x_are_not_placeholders(tmp_path, pack, text):
    found = lint(report(tmp_path, overview_extra=text), pack)
    assert found == ([("leftover-text", "error", found[0][2], "模板占位符未替换：「XX」")] if text == "第XX届" else [])


@pytest.mark.parametrize("chrome", ["当前位置：首页", "您现在的位置: 网站首页", "微信 微博 QQ空间", "分享到：", "【打印】",
                                    "【关闭】", "[字体：大 中 小]", "字号：大 中 小", "附件下载", "浏览次数：",
                                    "扫一扫在手机打开当前页"])
def test_web_page_chrome_is_quoted(tmp_path, pack, chrome):
    path = report(tmp_path, overview_extra=chrome)
    where = f"第{paragraph_of(path, chrome)}段（一、总体情况）"
    assert lint(path, pack) == [("leftover-text", "error", where, f"网页上的导航或按钮文字混入了报告：「{chrome}」")]
    assert lint(path, pack, "en")[0][3] == f"web page navigation or button text left in: “{chrome}”"


@pytest.mark.parametrize("text", ["网站浏览次数：12万次。", "发文字号：某政发〔2023〕1号。", "通过微信公众号发布信息35条。",
                                  "在微信、微博等平台同步发布。", "通过政务微信微博发布信息。", "专栏提供文件下载服务。"])
def test_prose_that_names_the_same_things_is_not_chrome(tmp_path, pack, text):
    assert lint(report(tmp_path, overview_extra=text), pack) == []


def test_ignore_accepts_listed_texts(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text("pack: x\nextends: national-2021\nrules:\n  - id: leftover-text\n    ignore: [XX]\n",
                    encoding="utf-8")
    assert lint(report(tmp_path, overview_extra="XX科室负责审核。"), load_pack(path)) == []


# -- fee-statement -----------------------------------------------------------------------------------------------


def test_section_six_without_fee_statement(tmp_path, pack):
    path = report(tmp_path, six="本机关无其他需要报告的事项。")
    assert lint(path, pack) == [
        ("fee-statement", "error", "「六、其他需要报告的事项」",
         "第六部分未说明信息处理费的收取情况（没有收取也应写明，如“本年度未收取信息处理费”）"),
    ]


@pytest.mark.parametrize("six", ["本年度未收取信息处理费。", "2023年卫生健康局未产生信息公开处理费。",
                                 "收取信息处理费0元。"])
def test_fee_statement_wordings_pass(tmp_path, pack, six):
    assert lint(report(tmp_path, six=six), pack) == []


def test_fee_mentioned_outside_section_six_does_not_count(tmp_path, pack):
    path = report(tmp_path, six="无。", overview_extra="本年度未收取信息处理费。")
    assert [f[0] for f in lint(path, pack)] == ["fee-statement"]


# -- publication-deadline ----------------------------------------------------------------------------------------


DEPARTMENT_WHY = "「某某市卫生健康局」是政府部门，2023年度报告应于次年1月31日前公布（条例第四十九条）"
DEPARTMENT_WHY_EN = "“某某市卫生健康局” is a government department, which publishes its 2023 report by 31 January " \
    "(Regulations art. 49)"


@pytest.mark.parametrize(("signed", "zh", "en"), [
    ("2024年2月1日", f"落款日期2024年2月1日晚于公布期限2024年1月31日：{DEPARTMENT_WHY}",
     f"dated 2024-02-01, after the deadline of 2024-01-31: {DEPARTMENT_WHY_EN}"),
    ("二〇二三年十二月二十日", "落款日期2023年12月20日早于报告年度2023年结束，报告不能涵盖全年",
     "dated 2023-12-20, before the report year 2023 is over"),
    ("发布日期：2024-03-05", f"发布日期2024年3月5日晚于公布期限2024年1月31日：{DEPARTMENT_WHY}",
     f"published on 2024-03-05, after the deadline of 2024-01-31: {DEPARTMENT_WHY_EN}"),
    ("发布时间：2024-03-05", f"发布日期2024年3月5日晚于公布期限2024年1月31日：{DEPARTMENT_WHY}",
     f"published on 2024-03-05, after the deadline of 2024-01-31: {DEPARTMENT_WHY_EN}"),
])
def test_late_or_early_dates(tmp_path, pack, signed, zh, en):
    path = report(tmp_path, signed=signed)
    # The default section 六 opens with an inline item heading "（一）依据…的情况：…", which holds the signature.
    where = f"第{paragraph_of(path, signed)}段（（一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况）"
    assert lint(path, pack) == [("publication-deadline", "error", where, zh)]
    assert lint(path, pack, "en")[0][3] == en


@pytest.mark.parametrize(("title", "signed", "expected"), [
    # a government's own report (a place, or a region's 管委会 acting as one): 31 March
    ("平潭综合实验区2025年度政府信息公开工作年度报告", "2026年3月10日", None),
    ("2022年上海市政府信息公开工作年度报告", "2023年3月31日", None),
    ("某某市人民政府2023年政府信息公开工作年度报告", "2024年4月1日",
     ("error", "落款日期2024年4月1日晚于公布期限2024年3月31日：「某某市人民政府」是本级人民政府，其2023年度报告应由政府"
               "信息公开工作主管部门于次年3月31日前公布（条例第四十九条）")),
    # the government's office, named in the title, is a department: 31 January
    ("某某市人民政府办公室2023年政府信息公开工作年度报告", "2024年2月5日",
     ("error", "落款日期2024年2月5日晚于公布期限2024年1月31日：「某某市人民政府办公室」是政府部门，2023年度报告应于次年1月"
               "31日前公布（条例第四十九条）")),
    # a 镇 or 街道: the departments' date
    ("2023年下各镇政府信息公开工作年度报告", "2024年2月5日",
     ("error", "落款日期2024年2月5日晚于公布期限2024年1月31日：「下各镇」是乡镇、街道，条例未规定其期限，按部门的期限，2023"
               "年度报告应于次年1月31日前公布（可在配置中用 deadlines 修改）")),
    # no issuer named: the departments' date, only a warning while a government's would still be met
    ("2023年政府信息公开工作年度报告", "2024年2月5日",
     ("warning", "落款日期2024年2月5日晚于公布期限2024年1月31日：标题和开头未写明发布机关，按部门的期限，2023年度报告应于次年"
                 "1月31日前公布；如为本级人民政府的报告，请在配置中设定 issuer: government")),
    ("2023年政府信息公开工作年度报告", "2024年4月2日",
     ("error", "落款日期2024年4月2日晚于公布期限2024年1月31日：标题和开头未写明发布机关，按部门的期限，2023年度报告应于次年"
               "1月31日前公布；如为本级人民政府的报告，请在配置中设定 issuer: government")),
])
def test_deadline_by_kind_of_issuer(tmp_path, pack, title, signed, expected):
    path = report(tmp_path, title=title, signed=signed)
    found = [(f[1], f[3]) for f in lint(path, pack) if f[0] == "publication-deadline"]
    assert found == ([] if expected is None else [expected])


@pytest.mark.parametrize("line", ["来源：某某市卫生健康局 时间：2024-02-05 10:00", "作者:本站原创 | 来源:本站原创 | 时间:2024-02-05",
                                  "信息提供日期 : 2024-02-05 17:48"])
def test_a_web_pages_date_after_its_source_or_as_provided(tmp_path, pack, line):
    path = report(tmp_path, overview_extra="", signed=None, title=f"{AGENCY}2023年政府信息公开工作年度报告")
    text = load_document(str(path))
    assert text.year == 2023
    page = tmp_path / "page.txt"
    body = [p.text for p in text.paragraphs]
    page.write_text("\n".join([body[0], line, *body[1:]]), encoding="utf-8")
    assert [(f[0], f[3]) for f in lint(page, pack)] == [
        ("publication-deadline", f"发布日期2024年2月5日晚于公布期限2024年1月31日：{DEPARTMENT_WHY}")]


def test_issuer_and_deadlines_set_in_configuration(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text("pack: x\nextends: national-2021\nrules:\n  - id: publication-deadline\n    issuer: government\n"
                    "    deadlines: {government: '03-15'}\n", encoding="utf-8")
    found = lint(report(tmp_path, signed="2024年3月20日"), load_pack(path), "en")
    assert [(f[0], f[1], f[3]) for f in found] == [
        ("publication-deadline", "error", "dated 2024-03-20, after the deadline of 2024-03-15: the configuration sets "
         "the issuer to a government (issuer: government), due by 15 March"),
    ]
    assert lint(report(tmp_path, signed="2024年3月15日"), load_pack(path)) == []


@pytest.mark.parametrize("signed", ["2024年1月31日", "二〇二四年一月二十日", "2024.1.5", "2023年12月31日"])
def test_dates_in_the_window_pass(tmp_path, pack, signed):
    assert lint(report(tmp_path, signed=signed), pack) == []


def test_no_date_is_a_warning_even_under_an_error_rule(tmp_path, pack):
    assert lint(report(tmp_path, signed=None), pack) == [
        ("publication-deadline", "warning", "全文", "未找到公布日期（文末落款日期或“发布日期”）"),
    ]


def test_deadline_is_configurable_and_validated(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text("pack: x\nextends: national-2021\nrules:\n  - id: publication-deadline\n    deadline: '02-15'\n",
                    encoding="utf-8")
    assert lint(report(tmp_path, signed="2024年2月10日"), load_pack(path)) == []
    path.write_text("pack: x\nextends: national-2021\nrules:\n  - id: publication-deadline\n    deadline: '02-30'\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    assert info.value.render("en") == (
        f"{path}:5:15: rule publication-deadline: deadline must be MM-DD, e.g. \"01-31\", not '02-30'")


# -- year-mismatch -----------------------------------------------------------------------------------------------


def test_later_year_in_the_body_is_quoted(tmp_path, pack):
    path = report(tmp_path, overview_extra="2024年，市卫生健康局始终坚持网站常态化监管。")
    where = f"第{paragraph_of(path, '2024年，市卫生健康局')}段（一、总体情况）"
    assert lint(path, pack) == [
        ("year-mismatch", "warning", where,
         "正文叙述了报告年度（2023年）之后的2024年：「2024年，市卫生健康局始终坚持网站常态化监管。」"),
    ]
    assert lint(path, pack, "en")[0][3] == (
        "the body describes 2024, after the report year 2023: “2024年，市卫生健康局始终坚持网站常态化监管。”")


@pytest.mark.parametrize("text", [
    "下一步，2024年我局将进一步完善制度。",  # a plan
    "2024年计划开展培训3次。",
    "报告于2024年1月20日公布。",  # a full date
    "根据《关于做好2024年政务公开工作的通知》要求开展工作。",  # a document title
    "数据截至2024年1月。",
    "2023年，我局共公开信息100条。",
])
def test_plans_dates_titles_and_the_report_year_pass(tmp_path, pack, text):
    assert lint(report(tmp_path, overview_extra=text), pack) == []


@pytest.mark.parametrize("text", [
    "2022年，我局共受理政府信息公开申请12件。",
    "我局2022年度主动公开政府信息1095条。",
    "2022年，区政府办代表区政府受理政府信息公开申请17件。",
])
def test_the_year_before_reported_as_this_years_work_is_quoted(tmp_path, pack, text):
    path = report(tmp_path, overview_extra=text)
    where = f"第{paragraph_of(path, text)}段（一、总体情况）"
    assert lint(path, pack) == [
        ("year-mismatch", "warning", where, f"正文以2022年叙述本年度工作（报告年度为2023年），可能沿用了上年报告：「{text}」"),
    ]
    assert lint(path, pack, "en")[0][3] == (
        f"the body reports the work of 2022 as the year's (the report year is 2023); copied from last year's "
        f"report? “{text}”")


@pytest.mark.parametrize("text", [
    "主动公开政府信息1095条，较2022年增长12%。",  # a comparison
    "与2022年相比，申请数量有所下降。",
    "2022年结转的3件申请均已办结。",  # a carry-over
    "2022年至2023年共受理申请30件。",  # a span that reaches the report year
    "根据《2022年政务公开工作要点》公开文件5件。",  # a document's title
    "2022年12月31日前受理的申请均已答复。",  # a date, not the year's work
])
def test_comparisons_carry_overs_titles_and_dates_of_the_year_before_pass(tmp_path, pack, text):
    assert lint(report(tmp_path, overview_extra=text), pack) == []


# -- text-table-mismatch -----------------------------------------------------------------------------------------


def test_overview_counts_that_differ_from_the_tables(tmp_path, pack):
    path = report(tmp_path, overview="全年共受理政府信息公开申请17件。被申请行政复议5件，行政诉讼2件。")
    where = f"第{paragraph_of(path, '受理政府信息公开申请17件')}段（一、总体情况）"
    assert lint(path, pack) == [
        ("text-table-mismatch", "warning", where,
         "总体情况中政府信息公开申请为17件，表三「一、本年新收政府信息公开申请数量 / 申请人情况 / 总计」为61件"),
        ("text-table-mismatch", "warning", where, "总体情况中行政复议为5件，表四「行政复议 / 总计」为2件"),
        ("text-table-mismatch", "warning", where, "总体情况中行政诉讼为2件，表四「行政诉讼 / 总计」为1件"),
    ]


def test_counts_that_match_pass_including_new_plus_carried_over_and_none(tmp_path, pack):
    assert lint(report(tmp_path, overview="共受理政府信息公开申请64件（含上年结转）。"), pack) == []
    assert lint(report(tmp_path, t4={("行政复议", "总计"): "0", ("行政复议", "结果维持"): "0",
                                     ("行政复议", "尚未审结"): "0"},
                       overview_extra="本年度未发生行政复议案件。"), pack) == []
    path = report(tmp_path, overview_extra="本年度未发生行政复议和行政诉讼。")
    assert [f[3][:12] for f in lint(path, pack)] == ["总体情况中行政复议为0件", "总体情况中行政诉讼为0件"]


def test_the_other_counts_of_the_overview_agree_with_tables_two_and_three(tmp_path, pack):
    # the default tables: 上年结转 3, （七）总计 60, 结转下年度 4, 予以公开 29, 部分公开 4; 行政许可 326, 行政处罚 48,
    # 行政规范性文件 制发 4
    agreeing = ("上年结转申请3件，办结政府信息公开申请60件，结转下年度继续办理4件；予以公开29件，部分公开4件。"
                "全年作出行政许可决定326件、行政处罚决定48件，制发行政规范性文件4件。")
    assert lint(report(tmp_path, overview_extra=agreeing), pack) == []
    differing = ("上年结转申请2件，办结政府信息公开申请61件，结转下年度继续办理5件；予以公开30件，部分公开3件。"
                 "全年作出行政许可决定300件、行政处罚决定40件，制发行政规范性文件5件。")
    path = report(tmp_path, name="d.docx", overview_extra=differing)
    assert [f[3] for f in lint(path, pack)] == [
        "总体情况中上年结转的申请为2件，表三「二、上年结转政府信息公开申请数量 / 申请人情况 / 总计」为3件",
        "总体情况中结转下年度继续办理的申请为5件，表三「四、结转下年度继续办理 / 申请人情况 / 总计」为4件",
        "总体情况中办结的申请为61件，表三「三、本年度办理结果 / （七）总计 / 申请人情况 / 总计」为60件",
        "总体情况中予以公开的申请为30件，表三「三、本年度办理结果 / （一）予以公开 / 申请人情况 / 总计」为29件",
        "总体情况中部分公开的申请为3件，表三「三、本年度办理结果 / （二）部分公开（区分处理的，只计这一情形，不计其他情形） "
        "/ 申请人情况 / 总计」为4件",
        "总体情况中行政许可处理决定为300件，表二「第二十条第（五）项 / 行政许可 / 本年处理决定数量」为326件",
        "总体情况中行政处罚处理决定为40件，表二「第二十条第（六）项 / 行政处罚 / 本年处理决定数量」为48件",
        "总体情况中本年制发的行政规范性文件为5件，表二「第二十条第（一）项 / 行政规范性文件 / 本年制发件数」为4件",
    ]


def test_a_total_that_counts_the_carried_over_requests_is_not_reported(tmp_path, pack):
    # 新收 61 + 上年结转 3 = 64: "共收到64件" counts the carried-over requests too
    assert lint(report(tmp_path, overview="全年共收到政府信息公开申请64件。"), pack) == []
    assert [f[3] for f in lint(report(tmp_path, name="x.docx", overview="全年共收到政府信息公开申请65件。"),
                               pack)] == [
        "总体情况中政府信息公开申请为65件，表三「一、本年新收政府信息公开申请数量 / 申请人情况 / 总计」为61件"]


def test_rules_can_be_switched_off(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text(textwrap.dedent("""\
        pack: x
        extends: national-2021
        rules:
          - {id: leftover-text, severity: "off"}
          - {id: fee-statement, severity: "off"}
          - {id: publication-deadline, severity: "off"}
          - {id: year-mismatch, severity: "off"}
          - {id: text-table-mismatch, severity: "off"}
        """), encoding="utf-8")
    spec = {"overview_extra": "XX科室。2024年，局里开展工作。共受理政府信息公开申请1件。", "six": "无。", "signed": None}
    assert lint(report(tmp_path, **spec), load_pack(path)) == []
