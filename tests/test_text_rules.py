"""require_text and forbid_text: local rules without code, user regexes located and time-limited."""

import textwrap
import time

import pytest

from report_builder import ReportSpec, build_report, default_sections
from reportlint.api import lint_document
from reportlint.errors import CheckError, ConfigError
from reportlint.readers import load_document
from reportlint.rulepack import load_pack
from test_markdown_reader import markdown_report

PACK = """\
    pack: city
    rules:
      - id: portal-url
        kind: require_text
        pattern: "https?://[\\\\w./-]+"
        message: 未写明电子版查阅网址
        message_en: the web address of the electronic version is not given
      - id: fee-named
        kind: require_text
        text: 信息处理费
        scope: section
        section: 六、其他需要报告的事项
      - id: title-agency
        kind: require_text
        pattern: 卫生健康
        scope: title
        severity: warning
      - id: no-placeholder
        kind: forbid_text
        pattern: "XX|××|20XX"
    """


def write(tmp_path, text, name="pack.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def lint(path, pack):
    doc = load_document(str(path))
    return [(f.rule, f.location.render(), f.text()) for f in lint_document(doc, pack)]


@pytest.fixture
def pack(tmp_path):
    return load_pack(write(tmp_path, PACK))


def sections_with(six: str | None = None, overview_extra: str = ""):
    sections = default_sections(agency="某某市卫生健康局")
    heading, body = sections[0]
    sections[0] = (heading, body + overview_extra)
    if six is not None:
        sections[5] = (sections[5][0], six)
    return sections


def test_passing_report_has_no_findings(tmp_path, pack):
    spec = ReportSpec(agency="某某市卫生健康局", sections=sections_with(
        overview_extra="本报告电子版可在某某市人民政府门户网站（http://www.example.gov.cn）查阅。"))
    assert lint(build_report(tmp_path / "ok.docx", spec), pack) == []


def test_failing_report_has_exact_findings(tmp_path, pack):
    spec = ReportSpec(agency="XX局", sections=sections_with(six="本机关无其他需要报告的事项。"))
    assert lint(build_report(tmp_path / "bad.docx", spec), pack) == [
        ("fee-named", "「六、其他需要报告的事项」", "未找到规定内容「信息处理费」"),
        ("portal-url", "全文", "未写明电子版查阅网址"),
        ("title-agency", "全文", "未找到规定内容「卫生健康」"),
        ("no-placeholder", "第1段", "出现不应有的内容「XX」"),  # the title
        ("no-placeholder", "第2段", "出现不应有的内容「XX」"),  # the opening paragraph names the agency twice
        ("no-placeholder", "第2段", "出现不应有的内容「XX」"),
        ("no-placeholder", "第15段（六、其他需要报告的事项）", "出现不应有的内容「XX」"),  # the signature
    ]


def test_forbidden_text_is_located_at_its_line_and_column_and_in_cells(tmp_path, pack):
    text = markdown_report(ReportSpec(agency="某某市卫生健康局", sections=sections_with(
        overview_extra="本报告电子版见 http://www.example.gov.cn 。20XX年将继续推进。")))
    text = text.replace("| 规章 |", "| 规章XX |", 1)
    path = tmp_path / "r.md"
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    n = next(i for i, line in enumerate(lines, 1) if "20XX年" in line)
    col = lines[n - 1].index("20XX") + 1
    found = lint(path, pack)
    assert found[0] == ("no-placeholder", f"{n}:{col} 第4段（一、总体情况）", "出现不应有的内容「20XX」")
    assert [(f[0], f[2]) for f in found[1:]] == [("no-placeholder", "出现不应有的内容「XX」")]
    assert "第1张表" in found[1][1]


@pytest.mark.parametrize("rule, where, message", [
    ('kind: forbid_text\n    pattern: "(XX|××"', (5, 21), "regular expression does not compile: missing )"),
    ('kind: require_text\n    pattern: "a[b"', (5, 18), "regular expression does not compile: unterminated character set"),
    ("kind: forbid_text\n    text: X\n    pattern: X", (3, 5), "is valid under each of"),
    ("kind: require_text\n    text: X\n    scope: section", (3, 5), "'section' is a required property"),
])
def test_bad_rule_settings_are_located(tmp_path, rule, where, message):
    path = write(tmp_path, f"pack: x\nrules:\n  - id: r\n    {rule}\n")
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    err = info.value
    assert (err.line, err.column) == where, err.render("en")
    assert message in err.render("en")


def test_patterns_that_cannot_backtrack_much_are_matched_by_re_the_others_by_regex_with_a_timeout(pack):
    engines = {rule.id: type(rule.compiled.pattern).__module__ for rule in pack.rules}
    assert engines == {"portal-url": "_regex", "fee-named": "builtins", "title-agency": "re",
                       "no-placeholder": "re"}  # fee-named is a literal: no pattern (None)


@pytest.mark.parametrize("source, linear", [
    ("信息(?:公开)?处理费", True),
    (r"电子版|门户网站|政府网站|网站|网址|https?://|www\.", True),
    ("(?i)report", True),
    ("(a|b|c)(d|e)?x{0,1}", True),
    ("(a|b)" * 9, True),  # a class of characters, one way
    ("(ab|ba)" * 6, True),  # 64 ways
    ("(ab|ba)" * 7, False),  # 128 ways
    ("(abcdefghijklmnop|ponmlkjihgfedcba)" * 5, False),  # 32 ways, but times its length too many steps
    ("(a+)+$", False),
    (r"https?://[\w./-]+", False),
    ("a{2}", False),
    (r"(a)\1", False),
    ("(?=a)b", False),
    ("(?<!a)b", False),
    (r"\p{Han}", False),  # regex's syntax only
    ("a[b", False),  # regex says why it does not compile
    ("[[a]", False),  # the standard library warns of a nested set, which regex reads otherwise
])
def test_which_patterns_the_standard_library_matches(source, linear):
    from reportlint.checks.text_match import _linear

    assert (_linear(source, 0) is not None) == linear


def test_catastrophic_pattern_is_stopped_in_bounded_time(tmp_path):
    pack = load_pack(write(tmp_path, """\
        pack: x
        rules:
          - {id: slow, kind: forbid_text, pattern: "(a+)+$"}
          - {id: fine, kind: forbid_text, text: XX}
        """))
    spec = ReportSpec(agency="XX局", sections=sections_with(overview_extra="a" * 50_000 + "!"))
    doc = load_document(str(build_report(tmp_path / "r.docx", spec)))
    errors = []
    started = time.monotonic()
    findings = lint_document(doc, pack, errors)
    assert time.monotonic() - started < 30  # one second per paragraph at most, never hours
    assert {f.rule for f in findings} == {"fine"}  # the other rules still ran
    assert len(errors) == 1 and isinstance(errors[0], CheckError)
    assert errors[0].render("en") == (f"{doc.path}: error: rule slow: the regular expression (a+)+$ timed out; "
                                      "simplify the pattern")
