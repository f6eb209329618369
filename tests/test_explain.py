"""`reportlint explain` and `reportlint rules`: every rule's documentation comes from the rule pack."""

import json
import os
import re
import textwrap
from decimal import Decimal

import docx
import pytest

from report_builder import (
    T3_CARRIED_OUT,
    T3_COLUMNS,
    T3_OPEN,
    T3_PARTIAL,
    ReportSpec,
    build_report,
    default_sections,
    default_t3,
    t2_texts,
    t3_texts,
    t4_texts,
)
from reportlint.api import lint_document, lint_paths
from reportlint.cli import main
from reportlint.errors import ConfigError
from reportlint.output.explain import kind_doc, plain
from reportlint.pack import builtin_pack_path
from reportlint.readers import load_document
from reportlint.rulepack import load_pack
from test_editions import old_report
from test_text_reader import _flattened

PACK_PATH = str(builtin_pack_path())
RULE_IDS = [
    "required-sections", "section-order", "section-title", "section-empty", "section-numbering", "statistics-period",
    "contact-info",
    "table-missing", "table-unreadable", "t3-balance", "t3-results-total", "t3-row-total", "t4-total", "t2-effective",
    "blank-cell", "fullwidth-digits",
    "leftover-text", "fee-statement", "publication-deadline", "year-mismatch", "year-inconsistent",
    "text-table-mismatch", "agency-mismatch", "old-format",
    "carryover-mismatch", "effective-docs-drift", "aggregate-mismatch", "unused-suppression",
]
FIELDS = ("what", "why", "pass", "fail")


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def defined_at(rule_id: str) -> str:
    """file:line of the rule's `- id:` line in the shipped pack, as explain and rules print it."""
    lines = builtin_pack_path().read_text(encoding="utf-8").splitlines()
    return f"{PACK_PATH}:{lines.index(f'  - id: {rule_id}') + 1}"


@pytest.fixture(scope="module")
def pack():
    return load_pack(builtin_pack_path())


def test_explain_prints_header_help_and_kind_doc_in_chinese(capsys):
    code, out, err = run(capsys, "explain", "t3-balance")
    assert (code, err) == (0, "")
    assert out.split("\n") == [
        "t3-balance — E1：第一项加第二项之和，等于第三项加第四项之和",
        "",
        "规则包: national-2021   类型: table_arithmetic   级别: error   启用: 是",
        f"定义于: {defined_at('t3-balance')}",
        "",
        "检查内容:",
        "    表三每一列（自然人、商业企业……总计）：“一、本年新收政府信息公开申请数量”加“二、上年结转政府信息公开"
        "申请数量”，等于“三、本年度办理结果”的“（七）总计”加“四、结转下年度继续办理”。一个填错的单元格往往同时使 E1、E2、E3 "
        "中的几个等式不平：如果只改这一个单元格就能使它所在的全部不平等式成立（它不在任何已成立的等式中，也没有别的单元格能做到），"
        "只在该单元格报告一条“很可能填错：现为 44，等式要求为 45”，列出相关等式，由其中级别最高的规则报告。",
        "依据:",
        "    格式表三左上角印明：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”"
        "（《中华人民共和国政府信息公开工作年度报告格式》，国办公开办函〔2021〕30号）。",
        "正确示例:",
        "    列「自然人」：一 = 46，二 = 2，（七）总计 = 45，四 = 3；46 + 2 = 45 + 3。",
        "错误示例:",
        "    同一列“四、结转下年度继续办理”填 4：",
        "    → 表三列「申请人情况 / 自然人」不平：本年新收政府信息公开申请数量 + 上年结转政府信息公开申请数量 = "
        "（七）总计 + 结转下年度继续办理，但左边 46 + 2 = 48，右边 45 + 4 = 49（相差 1）",
        "",
        "规则类型说明（table_arithmetic）",
        "",
        *plain(kind_doc("table_arithmetic", "zh")).split("\n"),
        "",
    ]


EN_CONTACT = [
    "contact-info — A contact phone number is given; phone numbers and e-mail addresses are well formed",
    "",
    "pack: national-2021   kind: contact_info   severity: error   enabled: yes",
    f"defined at: {defined_at('contact-info')}",
    "",
    "What:",
    "    The text gives a contact phone number (this rule has require: [phone]). Every phone number given "
    "carries its area code (0537-8928868, 0537—8928868, (0537)8928868) or is an 11-digit mobile number; "
    "an e-mail address contains no spaces.",
    "Why:",
    "    Not a clause of the national format: giving an address, phone and e-mail after "
    "\"如对本报告有疑问，请与…联系\" is standard practice in 山东, 云南, 江苏 and 浙江 reports. A number "
    "without its area code cannot be dialled from another city.",
    "Passing:",
    "    如对本报告有疑问，请与某某市某某局办公室联系（联系电话：0537-8928868；电子邮箱：gk@example.gov.cn）。",
    "Failing:",
    "    联系电话：8928868",
    "    → phone number \"8928868\" has no area code (write it as 0537-8928868)",
    "",
    "rule kind contact_info",
    "",
    *plain(kind_doc("contact_info", "en")).split("\n"),
    "",
]


def test_explain_in_english_with_lang_or_environment(capsys, monkeypatch):
    code, out, err = run(capsys, "explain", "--lang", "en", "contact-info")
    assert (code, err) == (0, "")
    assert out.split("\n") == EN_CONTACT
    monkeypatch.setenv("REPORTLINT_LANG", "en_US.UTF-8")
    assert run(capsys, "explain", "contact-info") == (0, "\n".join(EN_CONTACT), "")


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_national_rule_has_complete_help_in_both_languages(capsys, pack, rule_id):
    spec = {r.id: r.spec for r in pack.rules}[rule_id]
    assert spec["description"] and spec["description_en"]
    assert sorted(spec["help"]) == ["en", "zh"]
    for lang, heads in (("zh", ("检查内容", "依据", "正确示例", "错误示例")), ("en", ("What", "Why", "Passing", "Failing"))):
        help_ = spec["help"][lang]
        assert sorted(help_) == sorted(FIELDS)
        assert all(isinstance(help_[k], str) and help_[k].strip() for k in FIELDS)
        # the failing example ends with the message the linter prints, on a line of its own
        assert help_["fail"].strip().split("\n")[-1].startswith("→ ")
        # only the articles of the 条例 that FORMAT.md gives (第四十九条, 第五十条) may be cited
        assert set(re.findall(r"第[一二三四五六七八九十百]+条", help_["why"])) <= {"第四十九条", "第五十条"}
        code, out, err = run(capsys, "explain", "--lang", lang, rule_id)
        assert (code, err) == (0, "")
        assert out.split("\n")[0] == f"{rule_id} — {spec['description' if lang == 'zh' else 'description_en']}"
        for head, key in zip(heads, FIELDS, strict=True):
            body = "\n".join(f"    {line}" if line else "" for line in help_[key].strip().split("\n"))
            assert f"\n{head}:\n{body}\n" in out


@pytest.fixture(scope="module")
def defect_findings(tmp_path_factory, pack):
    """Three reports carrying, between them, the failing example of every rule: rule id → [(zh, en)]."""
    root = tmp_path_factory.mktemp("defects")
    sections = default_sections()
    t3 = default_t3()
    specs = [
        ReportSpec(sections=[s for s in sections if not s[0].startswith("五")],
                   period="本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
                   contact="如对本报告有疑问，请与某某市某某局办公室联系（联系电话：8928868）。",
                   # each equation's failing example alone: a second change keeps one cell from explaining two
                   # equations (which would make them one finding at that cell)
                   include_tables=("二", "三"), t3={("四、结转下年度继续办理", "自然人"): "4",
                                                   ("四、结转下年度继续办理", "总计"): str(t3[T3_CARRIED_OUT]["总计"] + 1)}),
        ReportSpec(sections=[*sections[:4], sections[5], sections[4]],
                   t3={("（一）予以公开", "自然人"): "21", ("（一）予以公开", "总计"): str(t3[T3_OPEN]["总计"] + 1)},
                   t4={("行政复议", "总计"): "3", ("复议后起诉", "结果纠正"): ""}),
        ReportSpec(sections=[(h.replace("存在的主要问题", "存在的问题"), b) for h, b in sections],
                   t3={("（一）予以公开", "总计"): "30", (T3_PARTIAL, "总计"): str(t3[T3_PARTIAL]["总计"] - 1)}),
        ReportSpec(agency="XX局", signed="发布日期：2024年2月1日",
                   sections=[(sections[0][0], "2024年，市卫生健康局始终坚持……"),
                             ("（一）依申请公开", "2023年，区政府办代表区政府受理政府信息公开申请17件。"),
                             *sections[1:5], (sections[5][0], "无。")],
                   t3={("一、本年新收政府信息公开申请数量", "总计"): "95"}),
        ReportSpec(agency="某某市卫生健康局", signed="发布日期：2024年2月1日"),
        ReportSpec(sections=[*sections[:4], (sections[4][0], "无。"), sections[5]]),
        ReportSpec(t2={("行政规范性文件", "本年制发件数"): "4", ("行政规范性文件", "现行有效件数"): "2"}),
        ReportSpec(t3={("（一）予以公开", "自然人"): "２０"}),  # full-width digits, the value the default's
        ReportSpec(title="弥勒市卫生健康局2023年政府信息公开工作年度报告", agency="乐清市卫生健康局"),
        ReportSpec(sections=[sections[0], ("（一）主动公开", "全年主动公开政府信息1095条。"),
                             ("（三）政府信息管理", "完善信息发布审核制度。"), *sections[1:]]),
    ]
    found: dict[str, list[tuple[str, str]]] = {}
    paths = [str(build_report(root / f"r{n}.docx", spec)) for n, spec in enumerate(specs)]
    paths.append(old_report(root, 2023))  # a 2023 report in the 2019 layout
    paths.append(str(build_report(root / "某某局2023年报.docx", ReportSpec(agency="某某市卫生健康局", year=2022))))
    # a crawler's page: table 3 flattened into text, its first row run together as 15130000154
    new = dict(zip(T3_COLUMNS, ["151", "3", "0", "0", "0", "0", "154"], strict=True))
    flat = root / "page.txt"
    flat.write_text(_flattened(ReportSpec(t3={("一、本年新收政府信息公开申请数量", c): v for c, v in new.items()})),
                    encoding="utf-8")
    paths.append(str(flat))
    for path in paths:
        doc = load_document(path)
        for f in lint_document(doc, pack):
            found.setdefault(f.rule, []).append((f.text("zh"), f.text("en")))
    # Two years of one agency, linted together from their folder so that messages name "2022.docx".
    years = root / "years"
    build_report(years / "2022.docx", ReportSpec(year=2022, t3={("四、结转下年度继续办理", "自然人"): "3"},
                                                 t2={("行政规范性文件", "现行有效件数"): "8"}))
    build_report(years / "2023.docx", ReportSpec(year=2023, t3={("二、上年结转政府信息公开申请数量", "自然人"): "2"},
                                                 t2={("行政规范性文件", "本年制发件数"): "3",
                                                     ("行政规范性文件", "本年废止件数"): "1",
                                                     ("行政规范性文件", "现行有效件数"): "12"}))
    cwd = os.getcwd()
    os.chdir(years)
    try:
        for f in lint_paths(["2022.docx", "2023.docx"]).findings:
            found.setdefault(f.rule, []).append((f.text("zh"), f.text("en")))
    finally:
        os.chdir(cwd)
    # A summary of three parts, the parts' totals 40, 50 and 28 and the summary's 120.
    summed = root / "summed"
    base = ReportSpec()
    for name, total in (("a", "40"), ("b", "50"), ("c", "28")):
        build_report(summed / f"{name}.docx", ReportSpec(t3={("（七）总计", "总计"): total}))
    three = {key: str(3 * Decimal(v)) for key, v in t3_texts(base).items()}
    build_report(summed / "汇总.docx", ReportSpec(t2={k: str(3 * Decimal(v)) for k, v in t2_texts(base).items()},
                                                t3={**three, ("（七）总计", "总计"): "120"},
                                                t4={k: str(3 * Decimal(v)) for k, v in t4_texts(base).items()}))
    (summed / ".reportlint.yaml").write_text("aggregates:\n  - summary: 汇总.docx\n    parts: [a.docx, b.docx, c.docx]\n",
                                             encoding="utf-8")
    for f in lint_paths([str(summed / "汇总.docx")]).findings:
        found.setdefault(f.rule, []).append((f.text("zh"), f.text("en")))
    # A Word comment "reportlint: ignore[t3-balance]" on a cell whose numbers are right.
    commented = build_report(root / "commented.docx", ReportSpec())
    document = docx.Document(str(commented))
    total = next(row.cells[-1] for t in document.tables for row in t.rows if "（七）总计" in [c.text for c in row.cells])
    document.add_comment(total.paragraphs[0].runs, text="reportlint: ignore[t3-balance]", author="x")
    document.save(str(commented))
    for f in lint_paths([str(commented)], pack=pack).findings:
        found.setdefault(f.rule, []).append((f.text("zh"), f.text("en")))
    return found


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_failing_example_quotes_the_linters_own_message(pack, defect_findings, rule_id):
    help_ = {r.id: r.spec for r in pack.rules}[rule_id]["help"]
    zh, en = (help_[lang]["fail"].strip().split("\n")[-1].removeprefix("→ ") for lang in ("zh", "en"))
    assert (zh, en) in defect_findings[rule_id]


def test_unknown_rule_exits_2_naming_the_known_rules(capsys):
    known = ", ".join(sorted(RULE_IDS))
    assert run(capsys, "explain", "no-such-rule") == (
        2, "", f"reportlint: 错误: 没有规则 'no-such-rule'；现有规则：{known}\n")
    assert run(capsys, "explain", "--lang", "en", "no-such-rule") == (
        2, "", f"reportlint: error: unknown rule 'no-such-rule'; rules: {known}\n")


def test_rules_lists_every_rule_as_text(capsys):
    code, out, err = run(capsys, "rules")
    assert (code, err) == (0, "")
    assert out.split("\n") == [
        "规则                  规则包         类型                 级别     启用",
        "required-sections     national-2021  required_sections    error    是    六个部分齐全",
        "section-order         national-2021  required_sections    error    是    六个部分按规定顺序排列",
        "section-title         national-2021  required_sections    warning  是    部分标题使用规定写法",
        "section-empty         national-2021  section_content      error    是    各部分写有实际内容，不是只有标题或只写“无”",
        "section-numbering     national-2021  section_numbering    warning  是    标题序号连续，不跳号、不重号、不重新编号",
        "statistics-period     national-2021  statistics_period    error    是    写明统计期限，且覆盖报告年度1月1日至12月31日",
        "contact-info          national-2021  contact_info         error    是    写明联系电话，电话和邮箱格式正确",
        "table-missing         national-2021  required_tables      error    是    表二、表三、表四齐全",
        "table-unreadable      national-2021  required_tables      error    是    统计表可以读取，没有在导出时丢失结构",
        "t3-balance            national-2021  table_arithmetic     error    是    E1：第一项加第二项之和，等于第三项加第四项之和",
        "t3-results-total      national-2021  table_arithmetic     error    是    E2：（七）总计等于（一）至（六）各项之和",
        "t3-row-total          national-2021  table_arithmetic     error    是    E3：每行总计等于自然人与各类法人或其他组织之和",
        "t4-total              national-2021  table_arithmetic     error    是    E4：行政复议、未经复议直接起诉、复议后起诉各自的总计等于四项结果之和",
        "t2-effective          national-2021  table_arithmetic     warning  是    表二现行有效件数不少于本年制发件数",
        "blank-cell            national-2021  no_blank_cells       error    是    统计表只填数字，没有的填 0，不得空白或填入其他内容",
        "fullwidth-digits      national-2021  halfwidth_digits     info     是    统计表的数字用半角数字书写",
        "leftover-text         national-2021  leftover_text        error    是    没有残留的模板占位符和导出痕迹",
        "fee-statement         national-2021  require_text         error    是    第六部分说明信息处理费的收取情况",
        "publication-deadline  national-2021  publication_date     error    是    在报告年度结束后、按发布机关类别的期限内公布（部门1月31日，本级人民政府3月31日）",
        "year-mismatch         national-2021  year_mismatch        warning  是    正文不叙述报告年度之后的年份，也不把上年的工作当作本年度叙述",
        "year-inconsistent     national-2021  year_consistency     warning  是    文件名中的报告年份与标题一致",
        "text-table-mismatch   national-2021  text_table_mismatch  warning  是    总体情况中引用的申请、结转、办结、公开结果、复议、诉讼、许可、处罚和规范性文件数字与表二、表三、表四一致",
        "agency-mismatch       national-2021  agency_consistency   warning  是    联系方式、落款和编制说明中的机关与标题一致",
        "old-format            national-2021  old_format           error    是    2021年度起使用新版格式，不再使用2019年版表格",
        "carryover-mismatch    national-2021  cross_year           error    是    E5：本年“上年结转”等于上年报告的“结转下年度继续办理”",
        "effective-docs-drift  national-2021  cross_year           warning  是    E6：现行有效件数等于上年现行有效件数加本年制发减本年废止",
        "aggregate-mismatch    national-2021  aggregate            error    是    汇总报告的统计表等于各组成报告之和（在配置中指明时）",
        "unused-suppression    national-2021  unused_suppression   warning  是    文档中的忽略标注确实忽略了问题",
        "",
    ]
    code, out, err = run(capsys, "rules", "--lang", "en")
    assert (code, err) == (0, "")
    assert out.split("\n")[:2] == [
        "rule                  pack           kind                 severity  enabled",
        "required-sections     national-2021  required_sections    error     yes      All six sections are present",
    ]


def test_rules_as_json(capsys):
    code, out, err = run(capsys, "rules", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [d["id"] for d in data] == RULE_IDS
    assert {(d["pack"], d["enabled"]) for d in data} == {("national-2021", True)}
    assert data[2] == {"id": "section-title", "pack": "national-2021", "kind": "required_sections",
                       "severity": "warning", "enabled": True, "description": "部分标题使用规定写法",
                       "source": defined_at("section-title")}
    code, out, err = run(capsys, "rules", "--format", "json", "--lang", "en")
    assert (code, err) == (0, "")
    assert json.loads(out)[9] == {
        "id": "t3-balance", "pack": "national-2021", "kind": "table_arithmetic", "severity": "error",
        "enabled": True,
        "description": "E1: item one plus item two equals item three plus item four (table 3, every column)",
        "source": defined_at("t3-balance")}


def write(tmp_path, text):
    path = tmp_path / "pack.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_rules_shows_a_disabled_rule_and_explain_falls_back_to_chinese(tmp_path, capsys):
    path = write(tmp_path, """\
        pack: local
        rules:
          - id: period
            kind: statistics_period
            severity: "off"
            description: 统计期限
            help:
              zh: {what: 检查统计期限}
        """)
    code, out, err = run(capsys, "rules", "--rules", str(path), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [{"id": "period", "pack": "local", "kind": "statistics_period", "severity": "off",
                                "enabled": False, "description": "统计期限", "source": f"{path}:3"}]
    assert run(capsys, "rules", "--rules", str(path)) == (0, (
        "规则    规则包  类型               级别  启用\n"
        "period  local   statistics_period  off   否（off）  统计期限\n"), "")
    code, out, err = run(capsys, "explain", "--rules", str(path), "--lang", "en", "period")
    assert (code, err) == (0, "")
    assert out.split("\n")[:7] == [
        "period — 统计期限", "", "pack: local   kind: statistics_period   severity: off   enabled: no (off)",
        f"defined at: {path}:3", "", "What:", "    检查统计期限"]


BASE = "pack: bad\nrules:\n  - id: period\n    kind: statistics_period\n"


@pytest.mark.parametrize(
    ("tail", "where", "message", "message_zh"),
    [
        ("    help:\n      zh:\n        what: [1]\n", ":7:9: ", "rules.0.help.zh.what: [1] is not of type 'string'",
         "rules.0.help.zh.what：[1] 的类型不对，应为文字"),
        ("    help:\n      zh:\n        what: 检查\n        example: 示例\n", ":8:9: ",
         "rules.0.help.zh.example: unknown key 'example'", "rules.0.help.zh.example：未知的键 'example'"),
        ("    help:\n      fr: {what: x}\n", ":6:7: ", "rules.0.help.fr: unknown key 'fr'",
         "rules.0.help.fr：未知的键 'fr'"),
        ("    help:\n      en:\n        why: |\n          ok\n        pass: 3\n", ":9:15: ",
         "rules.0.help.en.pass: 3 is not of type 'string'", "rules.0.help.en.pass：3 的类型不对，应为文字"),
        ("    help: 说明\n", ":5:11: ", "rules.0.help: '说明' is not of type 'object'",
         "rules.0.help：'说明' 的类型不对，应为键值表（key: value）"),
        ("    description_en: 5\n", ":5:21: ", "rules.0.description_en: 5 is not of type 'string'",
         "rules.0.description_en：5 的类型不对，应为文字"),
    ],
)
def test_malformed_help_is_a_located_config_error(tmp_path, capsys, tail, where, message, message_zh):
    path = tmp_path / "pack.yaml"
    path.write_text(BASE + tail, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    assert info.value.render("en") == f"{path}{where}does not match the rule pack schema: {message}"
    assert run(capsys, "check", "--rules", str(path), str(tmp_path)) == (
        2, "", f"{path}{where}不符合规则包格式：{message_zh}\n")
    assert run(capsys, "explain", "--rules", str(path), "--lang", "en", "period") == (
        2, "", f"{path}{where}does not match the rule pack schema: {message}\n")


def test_every_kind_is_documented_in_chinese_and_english(capsys):
    from reportlint.checks import KINDS

    for kind in KINDS:
        zh, en = kind_doc(kind, "zh"), kind_doc(kind, "en")
        assert zh.startswith(f"{kind} —— ") and re.search(r"[\u4e00-\u9fff]{8}", zh), kind
        assert en.startswith(f"{kind} — ") and "What it does" in en and "作用" not in en, kind
        assert {"作用", "依据", "示例"} <= set(re.findall(r"^(作用|依据|示例)$", zh, re.M)), kind
    out = run(capsys, "explain", "blank-cell")[1]
    assert "\n规则类型说明（no_blank_cells）\n\nno_blank_cells —— 统计表的每个数据格都填了数字。\n" in out
    out = run(capsys, "explain", "--lang", "en", "blank-cell")[1]
    assert "\nrule kind no_blank_cells\n\nno_blank_cells — every data cell of a statistical table holds a number.\n" in out


def test_explain_shows_the_kinds_documentation_without_markup():
    assert plain("作用\n    只在 ``aggregates:`` 指明时检查::\n\n        aggregates: []\n    错误::\n    ::\n") == (
        "作用\n    只在 aggregates: 指明时检查：\n\n        aggregates: []\n    错误：\n")
    assert plain("Configuration::\n\n    - id: x") == "Configuration:\n\n    - id: x"
    for kind in ("table_arithmetic", "aggregate", "contact_info"):
        for lang in ("zh", "en"):
            assert "``" not in plain(kind_doc(kind, lang)) and "::" not in plain(kind_doc(kind, lang))
