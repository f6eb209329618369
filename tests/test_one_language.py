"""One language at a time: what reportlint prints in Chinese holds no English sentence (identifiers, rule ids, option
names, paths and quoted text excepted); the language follows --lang, REPORTLINT_LANG, then the locale."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import lxml.html
import pytest

from report_builder import ReportSpec, build_report, default_sections

# what may stay as written in a Chinese line: quoted text, paths, options, identifiers
_EXEMPT = re.compile(r"'[^']*'|\"[^\"]*\"|「[^」]*」|“[^”]*”|\([^()]*\)|--?[\w-]+(?:=\S*)?|\S*[/\\.]\S*|\b[\w]+(?:[-_][\w]+)+\b"
                     r"|\{[^}]*\}|\[[^\]]*\]")
_ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?:\s+[A-Za-z]{2,})+\b")  # two English words in a row


def _identifiers() -> set[str]:
    from reportlint.checks import KINDS

    return {"reportlint", "check", "dump", "explain", "rules", "config", "show", "completion", "error", "warning",
            "info", "off", *KINDS}


IDENTIFIERS = _identifiers()  # commands, severities, rule kinds: words of the interface, not sentences


def english_in(line: str) -> list[str]:
    text = _EXEMPT.sub(" ", line)
    text = re.sub(r"\b[A-Za-z_]+\b", lambda m: " " if m.group(0) in IDENTIFIERS or m.group(0).isupper() else m.group(0),
                  text)
    return _ENGLISH.findall(text)


def run(*args, env_extra=None, stdin=None, cwd=None):
    env = {k: v for k, v in os.environ.items() if k not in ("REPORTLINT_LANG", "LC_ALL", "LC_MESSAGES")}
    env.update({"LANG": "C.UTF-8", **(env_extra or {})})
    proc = subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, env=env,
                          input=stdin, cwd=cwd, timeout=120)
    return proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    root = tmp_path_factory.mktemp("lang")
    build_report(root / "r.docx", ReportSpec(period=None, contact="联系电话：8928868", t3={("（七）总计", "总计"): "1"}))
    (root / "bad.yaml").write_text("pack: x\nrules:\n  - id: a\n    kind: of\n    severty: warning\n", encoding="utf-8")
    (root / "broken.yaml").write_text("pack: x\nrules: [\n", encoding="utf-8")
    (root / "equation.yaml").write_text("pack: x\nextends: national-2021\nrules:\n  - id: t3-balance\n"
                                        "    equation: '[a] + = [b]'\n", encoding="utf-8")
    (root / "notes.md").write_text("# 会议记录\n\n今天开会，讨论下一年度工作安排。\n", encoding="utf-8")
    (root / "conf").mkdir()
    (root / "conf" / ".reportlint.yaml").write_text("exlude: [x]\n", encoding="utf-8")
    return root


CASES = [
    ("check", "{r}"), ("check", "--format", "sarf", "{r}"), ("check", "--bogus", "{r}"), ("check", "-j", "-3", "{r}"),
    ("check", "--limit", "cels=3", "{r}"), ("check", "--statistics", "--format", "html", "{r}"),
    ("check", "--baseline", "a", "--write-baseline", "b", "{r}"), ("check", "--select", "t3-balence", "{r}"),
    ("check", "--rules", "shandog", "{r}"), ("check", "--rules", "{bad}", "{r}"), ("check", "--rules", "{broken}", "{r}"),
    ("check", "--rules", "{equation}", "{r}"),
    ("check", "--config", "{conf}", "{r}"), ("check", "-o", "/nonexistent/out.txt", "{r}"), ("check", "--help"),
    ("--help",), ("explain", "t3-balence"), ("explain", "aggregate-mismatch"), ("rules",), ("config", "show", "{r}"),
    ("dump", "{r}"), ("chek",), ("check", "--statistics", "{r}"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: " ".join(c))
def test_chinese_output_holds_no_english_sentence(files, case):
    args = [a.format(r=files / "r.docx", bad=files / "bad.yaml", broken=files / "broken.yaml",
                     equation=files / "equation.yaml",
                     conf=files / "conf" / ".reportlint.yaml") for a in case]
    out = run(*args)
    assert out.strip()
    assert [(line, found) for line in out.splitlines() if (found := english_in(line))] == []


def test_an_unknown_language_is_said_once_in_chinese(files):
    out = run("check", "-q", str(files / "r.docx"), env_extra={"REPORTLINT_LANG": "fr"})
    warnings = [line for line in out.splitlines() if "REPORTLINT_LANG" in line]
    assert warnings == ["reportlint: 警告: REPORTLINT_LANG=fr：不支持这种语言，使用中文（可用：zh、en）"]


@pytest.mark.parametrize(("env", "first"), [
    ({"LANG": "en_US.UTF-8"}, "usage: reportlint"), ({"LANG": "zh_CN.UTF-8"}, "用法：reportlint"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "用法：reportlint"), ({"LANG": "C.UTF-8"}, "用法：reportlint"),
    ({"LANG": "zh_CN.UTF-8", "REPORTLINT_LANG": "en"}, "usage: reportlint"),
])
def test_the_language_follows_reportlint_lang_then_the_locale(env, first):
    assert run("--help", env_extra=env).startswith(first)


def test_the_detector_finds_english_and_passes_identifiers():
    assert english_in("reportlint: 错误: --limit foo=1：unknown limit 'foo'") == ["unknown limit"]
    assert english_in("/x/out.txt: 错误: cannot write the output") == ["cannot write the output"]
    assert english_in("  aggregate-mismatch  aggregate  error  启用  ← /work/rules/national-2021.yaml:847") == []
    assert english_in("用法：reportlint check [-h] [--stdin-filename NAME]") == []


# what may stay Chinese in an English line: what a document says, quoted or as a label path (三、… / （七）总计)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*(?:\"|…)|「[^」]*」|“[^”]*”|《[^》]*》|\[[^\]]*\]|\S*[/\\]\S*"
                     r"|(?:\S+ [-+=≥≤] )+\S+")  # the last: an equation of the form's labels
_HAN = re.compile(r"[\u3400-\u9fff]+")


def chinese_in(line: str) -> list[str]:
    return _HAN.findall(_QUOTED.sub(" ", line))


@pytest.fixture(scope="module")
def defects(tmp_path_factory):
    """A report with a defect for most rules: no period, a bad phone number, a wrong total, a missing section, a
    blank cell, a late publication date, a year in the file name that is not the title's."""
    root = tmp_path_factory.mktemp("en")
    sections = [s for s in default_sections() if not s[0].startswith("五")]
    build_report(root / "2022-report.docx", ReportSpec(
        period=None, contact="联系电话：8928868", t3={("（七）总计", "总计"): "1"}, sections=sections,
        t2={("规章", "本年制发件数"): ""}, signed="2024年5月8日"))
    return root / "2022-report.docx"


EN_CASES = [c for c in CASES if c[0] not in ("dump", "explain")] + [
    ("check", "--lang", "en", "{defects}"), ("check", "--lang", "en", "--format", "html", "{defects}"),
    ("check", "--format", "sarif", "{defects}"), ("check", "--format", "junit", "{defects}"),
    ("check", "--format", "github", "{defects}"), ("check", "--statistics", "{defects}"),
    ("check", "--verbose", "{notes}")]


@pytest.mark.parametrize("case", EN_CASES, ids=lambda c: " ".join(c))
def test_english_output_holds_no_chinese_but_what_documents_say(files, defects, case):
    args = [a.format(r=files / "r.docx", bad=files / "bad.yaml", broken=files / "broken.yaml",
                     equation=files / "equation.yaml", conf=files / "conf" / ".reportlint.yaml", defects=defects,
                     notes=files / "notes.md")
            for a in case]
    out = run(*args, env_extra={"REPORTLINT_LANG": "en"})
    assert out.strip()
    if "html" in case:  # the tables redrawn and the sentences quoted are the document's
        page = lxml.html.fromstring(out)
        # also the agencies named by the titles (the filter's choices, the files' first column) and the rules'
        # explanations (the explain text, which cites the form's labels)
        for drawn in page.xpath('//div[@class="grid-wrap"] | //p[@class="sentence"] | //style | //script | //select'
                                ' | //table[@id="files"]//td[1] | //section[@id="rules"]'):
            drawn.drop_tree()
        lines = page.text_content().splitlines()
    elif "sarif" in case:  # the rules' help is the explain text, which cites the form's labels: not checked here
        log = json.loads(out)
        for run_ in log["runs"]:
            run_["tool"]["driver"]["rules"] = []
            for result in run_["results"]:  # the names of places: the document's headings and labels
                for location in result["locations"]:
                    location.pop("logicalLocations", None)
        lines = list(strings(log))
    else:
        lines = out.splitlines()
    assert [(line, found) for line in lines if (found := chinese_in(line))] == []


def strings(value):
    """Every string in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_the_chinese_detector_passes_quoted_document_text():
    assert chinese_in('table 3 "三、本年度办理结果 / （七）总计" does not add up: 行政复议/总计 = 1') == []
    assert chinese_in("missing section 5 “存在的主要问题及改进情况”") == []
    assert chinese_in("does not add up: 本年新收 + 上年结转 = （七）总计 + 结转下年度, but") == []
    assert chinese_in("缺少第五部分「五、存在的主要问题」") == ["缺少第五部分"]
