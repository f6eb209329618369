"""No false all-clears: a configuration or input error never leaves an output that reads as success, in any
format; a path or --history that does not exist is exit 2; no file to check is a warning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import junitparser
import lxml.html
import pytest

from reportlint.cli import main

CONFIG_ERROR = "rules.contact-info.require.0：'fax' 不是可用的值；可用：phone, email, address"
CONFIG_ERROR_EN = "rules.contact-info.require.0: 'fax' is not one of phone, email, address"


@pytest.fixture(scope="module")
def broken(tmp_path_factory, examples):
    """A folder with a clean report under a .reportlint.yaml that fails the schema."""
    root = tmp_path_factory.mktemp("broken")
    shutil.copy(examples / "clean-report.docx", root / "clean.docx")
    (root / ".reportlint.yaml").write_text("pack: national-2021\nrules:\n  - id: contact-info\n    require: [fax]\n",
                                           encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def examples():
    return Path(__file__).resolve().parents[1] / "examples"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_names_the_configuration_error(capsys, broken):
    code, out, err = run(capsys, "check", str(broken))
    assert (code, out) == (2, "检查未完成：1 个配置错误（见错误信息）；共检查 0 个文件，1 个因配置错误未检查。\n")
    assert err == f"{broken}/.reportlint.yaml:4:15: 不符合规则包格式：{CONFIG_ERROR}\n"
    code, out, _err = run(capsys, "check", "--lang", "en", str(broken))
    assert (code, out) == (2, "checking did not complete: 1 configuration error (see the error messages); 0 files "
                              "checked, 1 not checked (configuration error).\n")
    assert "未发现问题" not in run(capsys, "check", "--statistics", str(broken))[1]


def test_json_carries_the_error_and_says_incomplete(capsys, broken):
    code, out, _err = run(capsys, "check", "--format", "json", "--lang", "en", str(broken))
    data = json.loads(out)
    assert code == 2
    assert data["errors"] == [{"kind": "config", "path": f"{broken}/.reportlint.yaml", "line": 4, "column": 15,
                               "message": f"{broken}/.reportlint.yaml:4:15: does not match the rule pack schema: "
                                          f"{CONFIG_ERROR_EN}"}]
    assert data["not_checked"] == [{"path": f"{broken}/clean.docx", "reason": data["errors"][0]["message"]}]
    assert data["summary"] == {"files": 1, "checked": 0, "skipped": 0, "unreadable": 0, "not_checked": 1,
                               "findings": 0, "suppressed": 0, "baselined": 0, "errors": 1, "complete": False}


def test_junit_marks_the_file_errored_with_no_passing_rules(capsys, broken, tmp_path):
    out = tmp_path / "junit.xml"
    assert run(capsys, "check", "--format", "junit", "--output", str(out), str(broken))[0] == 2
    xml = junitparser.JUnitXml.fromfile(str(out))
    cases = [(suite.name, case.name, [type(r).__name__ for r in case.result]) for suite in xml for case in suite]
    assert cases == [(f"{broken}/clean.docx", "config", ["Error"])]
    assert (xml.tests, xml.failures, xml.errors, xml.skipped) == (1, 0, 1, 0)


def test_sarif_says_the_run_did_not_succeed(capsys, broken):
    run_ = json.loads(run(capsys, "check", "--format", "sarif", str(broken))[1])["runs"][0]
    (invocation,) = run_["invocations"]
    assert invocation["executionSuccessful"] is False
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == [
        f"{broken}/.reportlint.yaml:4:15: 不符合规则包格式：{CONFIG_ERROR}"]


def test_html_shows_the_file_as_not_checked(capsys, broken, tmp_path):
    out = tmp_path / "r.html"
    assert run(capsys, "check", "--format", "html", "--output", str(out), str(broken))[0] == 2
    doc = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    rows = [(tr.get("data-file"), tr.get("data-failing"), tr[-1].text) for tr in doc.xpath("//table[@id='files']/tbody/tr")]
    assert rows == [(f"{broken}/clean.docx", "1", "未检查（配置错误）")]
    reasons = [tr[-1].text for tr in doc.xpath("//table[@id='not-checked']//tr[@data-result='not_checked']")]
    assert len(reasons) == 1 and reasons[0].startswith(f"{broken}/.reportlint.yaml")
    assert "未发现问题" not in doc.xpath("string(//p[@class='sentence'])")


def test_a_path_that_does_not_exist_is_exit_2(capsys, tmp_path):
    missing = tmp_path / "nonexistent"
    assert run(capsys, "check", str(missing)) == (
        2, "检查未完成：1 个文件读取错误（见错误信息）；共检查 0 个文件，1 个无法读取。\n", f"{missing}: 错误: 文件不存在\n")


def test_history_that_does_not_exist_is_exit_2(capsys, examples, tmp_path):
    assert run(capsys, "check", "--history", str(tmp_path / "nohist"), str(examples / "clean-report.docx")) == (
        2, "", f"reportlint: 错误: --history {tmp_path / 'nohist'}：文件或目录不存在\n")


def test_no_file_to_check_is_a_warning_exit_0(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    assert run(capsys, "check", "--lang", "en", str(tmp_path / "empty")) == (
        0, "no files to check.\n", f"reportlint: warning: no report files to check under {tmp_path / 'empty'}\n")
    code, out, _err = run(capsys, "check", "--format", "json", str(tmp_path / "empty"))
    assert (code, json.loads(out)["summary"]["files"]) == (0, 0)
