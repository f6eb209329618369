"""``--format sarif``, ``github`` and ``junit``: exact output for a clean report, a defective one and an unreadable
file; SARIF validated against the official SARIF 2.1.0 schema (tests/data, see its README); line-based formats
through a hand-built Report and, when the Markdown reader is there, through a real Markdown file."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from report_builder import ReportSpec, build_report, default_sections
from reportlint.api import default_pack, rule_infos
from reportlint.cli import main
from reportlint.errors import InputError
from reportlint.findings import Finding, Location
from reportlint.output import formatter
from reportlint.output.report import Report, RuleInfo
from reportlint.readers import READERS

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

PERIOD = "未找到统计期限（如“本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止”）"
PERIOD_EN = "no statistics period found (e.g. “本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止”)"
COLUMN = "行政诉讼 / 复议后起诉 / 结果纠正"
BLANK = f"表四「{COLUMN}」为空，应填整数（没有的填 0）"
BLANK_EN = f'table 4 column "{COLUMN}" is blank; fill in a whole number (0 when there is nothing)'
TITLE = "标题「五、存在的问题及改进情况」与规定标题「五、存在的主要问题及改进情况」不一致"
TITLE_EN = 'heading "五、存在的问题及改进情况" differs from the official title "五、存在的主要问题及改进情况"'
BROKEN = "broken.docx: 错误: 不是有效的 .docx 文件（不是 ZIP 包，文件可能已损坏或被截断）"


def _bad_spec(extra_paragraph: bool = False) -> ReportSpec:
    """Three defects: no statistics period (whole document), a blank cell in 表四, a variant heading (warning)."""
    sections = default_sections()
    sections[4] = ("五、存在的问题及改进情况", sections[4][1])
    if extra_paragraph:  # moves every later paragraph down by two
        sections.insert(1, ("另外，本局还做了以下工作。", "本局加强了政务公开平台建设，及时更新政府信息公开专栏。"))
    return ReportSpec(period=None, sections=sections, t4={("复议后起诉", "结果纠正"): ""})


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("formats")
    build_report(root / "clean.docx")
    build_report(root / "sub" / "bad.docx", _bad_spec())
    (root / "broken.docx").write_bytes(b"this is not a zip file")
    return root


@pytest.fixture
def cwd(root, monkeypatch):
    """Run in the folder of the reports, as a CI job runs in the repository root: paths come out relative."""
    monkeypatch.chdir(root)
    return root


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def schema_errors(validator, doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------------------------------------------
# github
# --------------------------------------------------------------------------------------------------------------


def test_github_annotations_for_docx(capsys, cwd):
    code, out, err = run(capsys, "check", "--format", "github", "clean.docx", "sub/bad.docx")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"::error file=sub/bad.docx,line=1,title=statistics-period::[全文] {PERIOD}",
        f"::error file=sub/bad.docx,line=1,title=blank-cell::[第3张表 列「{COLUMN}」] {BLANK}",
        f"::warning file=sub/bad.docx,line=1,title=section-title::[第11段（五、存在的问题及改进情况）] {TITLE}",
    ]
    assert run(capsys, "check", "--format", "github", "clean.docx") == (0, "", "")


def test_github_annotations_in_english(capsys, cwd):
    code, out, _ = run(capsys, "check", "--format", "github", "--lang", "en", "sub/bad.docx")
    assert code == 1
    assert out.splitlines() == [
        f"::error file=sub/bad.docx,line=1,title=statistics-period::[document] {PERIOD_EN}",
        f'::error file=sub/bad.docx,line=1,title=blank-cell::[table 3 column "{COLUMN}"] {BLANK_EN}',
        '::warning file=sub/bad.docx,line=1,title=section-title::'
        f'[paragraph 11 (section "五、存在的问题及改进情况")] {TITLE_EN}',
    ]


def test_github_unreadable_file_is_an_error_annotation(capsys, cwd):
    code, out, err = run(capsys, "check", "--format", "github", "broken.docx", "clean.docx")
    assert code == 2
    assert out == f"::error file=broken.docx::{BROKEN}\n"
    assert err == BROKEN + "\n"


def _rule(rule_id: str, severity: str = "error", **kw) -> RuleInfo:
    return RuleInfo(rule_id, "no_blank_cells", severity, "mine", "pack.yaml:1", {"zh": f"{rule_id} 标题"}, **kw)


def _line_report(lang: str = "zh") -> Report:
    """A Markdown report and a PDF report, findings made by hand."""
    md, pdf = "reports/2023.md", "reports/2022.pdf"
    cell = Location(table=1, row_label="行政复议", column_label="行政复议 / 结果纠正", row=4, col=2, line=15,
                    column=7, block=3)
    findings = [
        Finding("statistics-period", "error", "没有统计期限", "no period", Location(), md),
        Finding("contact-info", "info", "电话 010-1234 格式不对：100%\r\n请核对", "bad phone: 100%\r\ncheck",
                Location(section="六、其他需要报告的事项", paragraph=9, line=12, column=3, block=1), md),
        Finding("blank-cell", "warning", "单元格为空", "blank cell", cell, md),
        Finding("blank-cell", "error", "单元格为空", "blank cell",
                Location(table=3, row_label="（无）", column_label="行政复议 / 总计", row=4, col=5, page=2), pdf),
    ]
    rules = [_rule("statistics-period"), _rule("contact-info", "info"), _rule("blank-cell", "warning"),
             _rule("t4-total", "off")]
    return Report(findings=findings, paths=[pdf, md], formats={md: "markdown", pdf: "pdf"}, rules=rules,
                  lang=lang)


def test_github_line_based_files_and_escaping():
    out = formatter("github")(_line_report())
    assert out.splitlines() == [
        "::error file=reports/2023.md,line=1,title=statistics-period::[全文] 没有统计期限",
        "::notice file=reports/2023.md,line=12,col=3,title=contact-info::电话 010-1234 格式不对：100%25%0D%0A请核对",
        "::warning file=reports/2023.md,line=15,col=7,title=blank-cell::[第1张表 行「行政复议」 列「行政复议 / 结果纠正」] 单元格为空",
        "::error file=reports/2022.pdf,line=1,title=blank-cell::[第2页 第3张表 行「（无）」 列「行政复议 / 总计」] 单元格为空",
    ]
    odd = Report(findings=[Finding("a,b:c", "warning", "x:y,z", "x", Location(), "d%r, 1:2.docx")], lang="zh")
    assert formatter("github")(odd) == "::warning file=d%25r%2C 1%3A2.docx,line=1,title=a%2Cb%3Ac::[全文] x:y,z\n"


# --------------------------------------------------------------------------------------------------------------
# junit
# --------------------------------------------------------------------------------------------------------------

RULE_IDS = [info.id for info in rule_infos(default_pack()) if info.enabled]


def _suites(xml_text: str):
    root = ET.fromstring(xml_text.encode("utf-8"))
    assert root.tag == "testsuites"
    out = {}
    for suite in root:
        assert suite.tag == "testsuite"
        cases = []
        for case in suite:
            assert case.tag == "testcase"
            results = [(r.tag, r.get("type"), r.get("message"), r.text) for r in case]
            cases.append((case.get("classname"), case.get("name"), results))
        out[suite.get("name")] = (dict(suite.attrib), cases)
    return dict(root.attrib), out


def test_junit_one_testcase_per_file_and_rule(capsys, cwd):
    code, out, err = run(capsys, "check", "--format", "junit", "clean.docx", "sub/bad.docx")
    assert (code, err) == (1, "")
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    totals, suites = _suites(out)
    n = len(RULE_IDS)
    assert totals == {"name": "reportlint", "tests": str(2 * n), "failures": "3", "errors": "0", "skipped": "0"}
    assert list(suites) == ["clean.docx", "sub/bad.docx"]
    attrs, cases = suites["clean.docx"]
    assert attrs == {"name": "clean.docx", "tests": str(n), "failures": "0", "errors": "0", "skipped": "0"}
    assert cases == [("national-2021", rule, []) for rule in RULE_IDS]
    attrs, cases = suites["sub/bad.docx"]
    assert attrs == {"name": "sub/bad.docx", "tests": str(n), "failures": "3", "errors": "0", "skipped": "0"}
    failing = {name: results for _, name, results in cases if results}
    assert [name for _, name, _ in cases] == RULE_IDS
    assert failing == {
        "statistics-period": [("failure", "error", PERIOD, f"全文: {PERIOD}")],
        "blank-cell": [("failure", "error", BLANK, f"第3张表 列「{COLUMN}」: {BLANK}")],
        "section-title": [("failure", "warning", TITLE, f"第11段（五、存在的问题及改进情况）: {TITLE}")],
    }


def test_junit_unreadable_file_is_a_testcase_with_an_error(capsys, cwd):
    code, out, _ = run(capsys, "check", "--format", "junit", "--lang", "en", "broken.docx")
    assert code == 2
    totals, suites = _suites(out)
    assert totals == {"name": "reportlint", "tests": "1", "failures": "0", "errors": "1", "skipped": "0"}
    message = "broken.docx: error: not a valid .docx file (not a ZIP package; the file may be corrupt or truncated)"
    assert suites == {"broken.docx": (
        {"name": "broken.docx", "tests": "1", "failures": "0", "errors": "1", "skipped": "0"},
        [("reportlint", "read", [("error", "not-zip", message, message)])],
    )}


def test_junit_reads_with_junitparser(capsys, cwd, tmp_path):
    junitparser = pytest.importorskip("junitparser")
    target = tmp_path / "junit.xml"
    args = ("check", "--format", "junit", "--output", str(target), "clean.docx", "sub/bad.docx", "broken.docx")
    assert run(capsys, *args)[0] == 2
    xml = junitparser.JUnitXml.fromfile(str(target))
    written = (xml.tests, xml.failures, xml.errors, xml.skipped)
    assert written == (2 * len(RULE_IDS) + 1, 3, 1, 0)
    seen = {}
    for suite in xml:
        for case in suite:
            for result in case.result:
                seen[(suite.name, case.classname, case.name)] = (type(result).__name__, result.type, result.message,
                                                                 result.text)
    assert seen == {
        ("sub/bad.docx", "national-2021", "statistics-period"): ("Failure", "error", PERIOD, f"全文: {PERIOD}"),
        ("sub/bad.docx", "national-2021", "blank-cell"): ("Failure", "error", BLANK, f"第3张表 列「{COLUMN}」: {BLANK}"),
        ("sub/bad.docx", "national-2021", "section-title"):
            ("Failure", "warning", TITLE, f"第11段（五、存在的问题及改进情况）: {TITLE}"),
        ("broken.docx", "reportlint", "read"): ("Error", "not-zip", BROKEN, BROKEN),
    }
    xml.update_statistics()  # the reader's own count agrees with what was written
    assert (xml.tests, xml.failures, xml.errors, xml.skipped) == written


def test_junit_line_based_places_and_off_rules():
    totals, suites = _suites(formatter("junit")(_line_report()))
    assert totals["tests"] == "6" and totals["failures"] == "4"  # 3 enabled rules × 2 files; t4-total is off
    _, md_cases = suites["reports/2023.md"]
    assert [(c, n) for c, n, _ in md_cases] == [("mine", "statistics-period"), ("mine", "contact-info"),
                                                ("mine", "blank-cell")]
    assert md_cases[1][2] == [("failure", "info", "电话 010-1234 格式不对：100%\r\n请核对",
                               "12:3 第9段（六、其他需要报告的事项）: 电话 010-1234 格式不对：100%\n请核对")]
    assert md_cases[2][2][0][3] == "15:7 第1张表 行「行政复议」 列「行政复议 / 结果纠正」: 单元格为空"
    assert suites["reports/2022.pdf"][1][2][2][0][3] == "第2页 第3张表 行「（无）」 列「行政复议 / 总计」: 单元格为空"


# --------------------------------------------------------------------------------------------------------------
# sarif
# --------------------------------------------------------------------------------------------------------------


def _results(doc):
    out = []
    for r in doc["runs"][0]["results"]:
        (loc,) = r["locations"]
        phys = loc["physicalLocation"]
        out.append((r["ruleId"], r["ruleIndex"], r["level"], r["message"]["text"], phys["artifactLocation"]["uri"],
                    phys["region"], loc["logicalLocations"]))
    return out


def test_sarif_is_schema_valid_with_rules_results_and_places(capsys, cwd, validator):
    code, out, err = run(capsys, "check", "--format", "sarif", "clean.docx", "sub/bad.docx")
    assert (code, err) == (1, "")
    doc = json.loads(out)
    assert schema_errors(validator, doc) == []
    assert doc["version"] == "2.1.0" and doc["$schema"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    (run_,) = doc["runs"]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["informationUri"]) == ("reportlint", "https://pypi.org/project/reportlint/")
    assert driver["version"]
    infos = rule_infos(default_pack())
    assert [r["id"] for r in driver["rules"]] == [info.id for info in infos]
    for rule, info in zip(driver["rules"], infos, strict=True):
        assert rule["shortDescription"]["text"] == info.title("zh")
        assert rule["fullDescription"]["text"] == rule["help"]["text"] == info.help_text("zh")
        level = {"error": "error", "warning": "warning", "info": "note"}
        assert rule["defaultConfiguration"] == ({"level": level[info.severity]} if info.enabled else {"enabled": False})
    index = {r["id"]: i for i, r in enumerate(driver["rules"])}
    assert _results(doc) == [
        ("statistics-period", index["statistics-period"], "error", PERIOD, "sub/bad.docx", {"startLine": 1},
         [{"name": "全文", "fullyQualifiedName": "全文", "kind": "resource"}]),
        ("blank-cell", index["blank-cell"], "error", BLANK, "sub/bad.docx", {"startLine": 1},
         [{"name": f"第3张表 列「{COLUMN}」", "fullyQualifiedName": "第3张表/行政诉讼/复议后起诉/结果纠正",
           "kind": "element"}]),
        ("section-title", index["section-title"], "warning", TITLE, "sub/bad.docx", {"startLine": 1},
         [{"name": "第11段（五、存在的问题及改进情况）", "fullyQualifiedName": "五、存在的问题及改进情况/第11段",
           "kind": "text"}]),
    ]
    for r in run_["results"]:
        artifact = r["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert run_["artifacts"][artifact["index"]]["location"]["uri"] == artifact["uri"]
    assert [a["location"]["uri"] for a in run_["artifacts"]] == ["clean.docx", "sub/bad.docx"]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == cwd.as_uri() + "/"
    assert run_["invocations"] == [{"executionSuccessful": True}]
    fingerprints = [r["partialFingerprints"]["reportlintPlace/v1"] for r in run_["results"]]
    assert len(set(fingerprints)) == 3


def test_sarif_related_locations_of_a_probably_wrong_cell(tmp_path, monkeypatch, capsys, validator):
    monkeypatch.chdir(tmp_path)
    build_report(tmp_path / "r.docx", ReportSpec(t3={("（七）总计", "自然人"): "44"}))
    doc = json.loads(run(capsys, "check", "--format", "sarif", "r.docx")[1])
    assert schema_errors(validator, doc) == []
    (result,) = doc["runs"][0]["results"]
    assert result["locations"][0]["logicalLocations"][0]["name"] == (
        "第2张表 行「三、本年度办理结果 / （七）总计」 列「申请人情况 / 自然人」")
    related = result["relatedLocations"]
    assert [(r["id"], r["logicalLocations"][0]["name"], r["message"]["text"].split("：")[0]) for r in related] == [
        (1, "第2张表 行「一、本年新收政府信息公开申请数量」 列「申请人情况 / 自然人」", "表三列「申请人情况 / 自然人」不平"),
        (2, "第2张表 行「三、本年度办理结果 / （七）总计」 列「申请人情况 / 自然人」", "表三列「申请人情况 / 自然人」不平"),
        (3, "第2张表 行「三、本年度办理结果 / （七）总计」 列「申请人情况 / 总计」", "表三行「三、本年度办理结果 / （七）总计」不平"),
    ]
    assert all(r["physicalLocation"]["artifactLocation"]["uri"] == "r.docx" for r in related)


def test_sarif_in_english_with_an_unreadable_file(capsys, cwd, validator):
    code, out, _ = run(capsys, "check", "--format", "sarif", "--lang", "en", "broken.docx", "sub/bad.docx")
    assert code == 2
    doc = json.loads(out)
    assert schema_errors(validator, doc) == []
    (run_,) = doc["runs"]
    assert [a["location"]["uri"] for a in run_["artifacts"]] == ["broken.docx", "sub/bad.docx"]
    message = "broken.docx: error: not a valid .docx file (not a ZIP package; the file may be corrupt or truncated)"
    assert run_["invocations"] == [{
        "executionSuccessful": False,
        "toolExecutionNotifications": [{
            "level": "error",
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": {
                "uri": "broken.docx", "uriBaseId": "%SRCROOT%", "index": 0}}}],
            "descriptor": {"id": "not-zip"},
        }],
    }]
    assert [(r[3], r[6]) for r in _results(doc)] == [
        (PERIOD_EN, [{"name": "document", "fullyQualifiedName": "document", "kind": "resource"}]),
        (BLANK_EN, [{"name": f'table 3 column "{COLUMN}"',
                     "fullyQualifiedName": "table 3/行政诉讼/复议后起诉/结果纠正", "kind": "element"}]),
        (TITLE_EN, [{"name": 'paragraph 11 (section "五、存在的问题及改进情况")',
                     "fullyQualifiedName": "五、存在的问题及改进情况/paragraph 11", "kind": "text"}]),
    ]


def test_sarif_is_deterministic(capsys, cwd, tmp_path):
    args = ("check", "--format", "sarif", "clean.docx", "sub/bad.docx", "broken.docx")
    first = run(capsys, *args)[1]
    assert run(capsys, *args)[1] == first
    target = tmp_path / "out.sarif"
    run(capsys, *args, "--output", str(target))
    assert target.read_bytes() == first.encode("utf-8")


def test_sarif_fingerprints_survive_paragraphs_moving(capsys, cwd, tmp_path, monkeypatch):
    def fingerprints():
        doc = json.loads(run(capsys, "check", "--format", "sarif", "sub/bad.docx")[1])
        return {(r["ruleId"], r["partialFingerprints"]["reportlintPlace/v1"]) for r in doc["runs"][0]["results"]}

    before = fingerprints()
    build_report(tmp_path / "sub" / "bad.docx", _bad_spec(extra_paragraph=True))
    monkeypatch.chdir(tmp_path)
    doc = json.loads(run(capsys, "check", "--format", "sarif", "sub/bad.docx")[1])
    names = [r["locations"][0]["logicalLocations"][0]["name"] for r in doc["runs"][0]["results"]]
    assert names[-1] == "第13段（五、存在的问题及改进情况）"  # the heading moved from paragraph 11 …
    assert fingerprints() == before  # … and keeps its identity


def test_sarif_line_based_regions_off_rules_and_help(validator):
    report = _line_report("en")
    report.rules[2].help = {"en": {"what": "Every cell holds a number.", "fail": "an empty cell"}}
    doc = json.loads(formatter("sarif")(report))
    assert schema_errors(validator, doc) == []
    (run_,) = doc["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert rules[2]["help"] == {"text": "blank-cell 标题\nWhat:\n    Every cell holds a number.\nFailing:\n    an empty cell"}
    assert rules[3]["id"] == "t4-total" and rules[3]["defaultConfiguration"] == {"enabled": False}
    assert [(r[0], r[1], r[2], r[4], r[5]) for r in _results(doc)] == [
        ("statistics-period", 0, "error", "reports/2023.md", {"startLine": 1}),
        ("contact-info", 1, "note", "reports/2023.md", {"startLine": 12, "startColumn": 3}),
        ("blank-cell", 2, "warning", "reports/2023.md", {"startLine": 15, "startColumn": 7}),
        ("blank-cell", 2, "error", "reports/2022.pdf", {"startLine": 1}),
    ]
    assert [r[6][0]["fullyQualifiedName"] for r in _results(doc)] == [
        "document", "六、其他需要报告的事项/paragraph 9", "table 1/行政复议/行政复议/结果纠正", "table 3/（无）/行政复议/总计"]
    assert _results(doc)[3][6][0]["name"] == 'page 2 table 3 row "（无）" column "行政复议 / 总计"'
    assert [a["location"]["uri"] for a in run_["artifacts"]] == ["reports/2022.pdf", "reports/2023.md"]
    assert [a.get("mimeType") for a in run_["artifacts"]] == ["application/pdf", "text/markdown"]


def test_sarif_uris_and_repeated_places(tmp_path, monkeypatch, validator):
    monkeypatch.chdir(tmp_path)
    outside = str(tmp_path.parent / "elsewhere" / "年报.docx")
    same = Location(section="一、总体情况", paragraph=3)
    findings = [Finding("contact-info", "error", "电话不对", "bad phone", same, "年报 2023/报告#1.docx"),
                Finding("contact-info", "error", "电话不对", "bad phone",
                        Location(section="一、总体情况", paragraph=5), "年报 2023/报告#1.docx"),
                Finding("contact-info", "error", "电话不对", "bad phone", same, outside)]
    report = Report(findings=findings, paths=["年报 2023/报告#1.docx", outside], rules=[_rule("contact-info")],
                    errors=[InputError("gone.docx", "missing")])
    doc = json.loads(formatter("sarif")(report))
    assert schema_errors(validator, doc) == []
    locations = [a["location"] for a in doc["runs"][0]["artifacts"]]
    assert locations == [
        {"uri": "%E5%B9%B4%E6%8A%A5%202023/%E6%8A%A5%E5%91%8A%231.docx", "uriBaseId": "%SRCROOT%"},
        {"uri": Path(outside).as_uri()},
        {"uri": "gone.docx", "uriBaseId": "%SRCROOT%"},  # an unreadable file is listed too
    ]
    prints = [r["partialFingerprints"]["reportlintPlace/v1"] for r in doc["runs"][0]["results"]]
    assert len(set(prints)) == 3  # same rule in the same section twice: still two identities


@pytest.mark.parametrize("breakage", [
    "no version", "unknown level", "line 0", "unknown result property", "rules not an array", "bad language",
])
def test_sarif_schema_validation_really_runs(capsys, cwd, validator, breakage):
    doc = json.loads(run(capsys, "check", "--format", "sarif", "sub/bad.docx")[1])
    assert schema_errors(validator, doc) == []
    run_ = doc["runs"][0]
    result = run_["results"][0]
    if breakage == "no version":
        del doc["version"]
    elif breakage == "unknown level":
        result["level"] = "fatal"
    elif breakage == "line 0":
        result["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    elif breakage == "unknown result property":
        result["severity"] = "error"
    elif breakage == "rules not an array":
        run_["tool"]["driver"]["rules"] = {"blank-cell": {}}
    elif breakage == "bad language":
        run_["language"] = "chinese"
    assert schema_errors(validator, doc) != []


# --------------------------------------------------------------------------------------------------------------
# A real Markdown file (when the Markdown reader is there)
# --------------------------------------------------------------------------------------------------------------


def _markdown_report() -> str:
    groups = ["行政复议"] * 5 + ["行政诉讼"] * 10
    middle = ["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    values = ["1", "0", "0", "1", "2", "1", "0", "0", "0", "1", "0", "", "0", "0", "0"]

    def row(cells):
        return "| " + " | ".join(cells) + " |"

    lines = ["# 某某市某某局2023年政府信息公开工作年度报告", ""]
    for heading, body in default_sections():
        lines += [f"## {heading}", "", body, ""]
        if heading.startswith("四、"):
            lines += [row(groups), "|" + "---|" * 15, row(middle), row(leaves), row(values), ""]
    lines += ["联系电话：010-12345678", ""]
    return "\n".join(lines)


@pytest.mark.skipif(".md" not in READERS, reason="no Markdown reader yet")
def test_markdown_report_lines_in_all_three_formats(capsys, tmp_path, monkeypatch, validator):
    monkeypatch.chdir(tmp_path)
    text = _markdown_report()
    Path("report.md").write_text(text, encoding="utf-8")
    row_line = text.splitlines().index(next(line for line in text.splitlines() if line.startswith("| 1 |"))) + 1
    findings = json.loads(run(capsys, "check", "--format", "json", "report.md")[1])["findings"]
    blank = [f for f in findings if f["rule"] == "blank-cell"]
    assert [f["location"]["line"] for f in blank] == [row_line]
    col = blank[0]["location"]["column"]

    doc = json.loads(run(capsys, "check", "--format", "sarif", "report.md")[1])
    assert schema_errors(validator, doc) == []
    sarif = {r[0]: r for r in _results(doc)}
    region = {"startLine": row_line, **({"startColumn": col} if col is not None else {})}
    assert sarif["blank-cell"][4:] == ("report.md", region, [{
        "name": f"第{blank[0]['location']['table']}张表 列「{COLUMN}」",
        "fullyQualifiedName": f"第{blank[0]['location']['table']}张表/行政诉讼/复议后起诉/结果纠正", "kind": "element"}])
    assert len(doc["runs"][0]["results"]) == len(findings)

    out = run(capsys, "check", "--format", "github", "report.md")[1].splitlines()
    where = f"line={row_line}" + (f",col={col}" if col is not None else "")
    table = blank[0]["location"]["table"]
    assert f"::error file=report.md,{where},title=blank-cell::[第{table}张表 列「{COLUMN}」] {BLANK}" in out
    assert len(out) == len(findings)

    _, suites = _suites(run(capsys, "check", "--format", "junit", "report.md")[1])
    (failure,) = [r for _, name, results in suites["report.md"][1] if name == "blank-cell" for r in results]
    assert failure[3] == f"{row_line}:{col or 1} 第{table}张表 列「{COLUMN}」: {BLANK}"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "2 findings (1 error, 1 info) in 1 file; checking did not complete: 1 rule error (see the error messages); "
           "1 file checked; 3 more in the baseline; 2 baseline entries no longer match (update with "
           "--write-baseline)."),
    ("zh", "共 2 个问题（1 个错误，1 个提示），涉及 1 个文件；检查未完成：1 个规则内部错误（见错误信息）；共检查 1 个文件；"
           "另有 3 个问题在基线中；基线中有 2 条已不再出现，可用 --write-baseline 更新。"),
])
def test_the_summary_names_rule_errors_infos_and_the_baseline_in_one_language(lang, expected):
    from reportlint.errors import CheckError
    from reportlint.output.text import summary

    findings = [Finding("statistics-period", "error", "没有统计期限", "no period", Location(), "a.md"),
                Finding("contact-info", "info", "电话格式不对", "bad phone", Location(), "a.md")]
    report = Report(findings=findings, errors=[CheckError("a.md", "t3-balance", "boom")], paths=["a.md"], lang=lang,
                    baselined=3, stale_baseline=2)
    assert summary(report) == expected
