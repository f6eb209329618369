"""The command line: output formats, exit codes, bad input and bad packs."""

import json
import subprocess
import sys

import pytest

from report_builder import ReportSpec, build_report
from reportlint.cli import main


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports")
    build_report(root / "clean.docx")
    build_report(root / "sub" / "bad.docx", ReportSpec(period=None, t4={("复议后起诉", "结果纠正"): ""}))
    return root


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_report_exits_0_with_a_summary(capsys, reports):
    assert run(capsys, "check", str(reports / "clean.docx")) == (0, "未发现问题；共检查 1 个文件。\n", "")
    assert run(capsys, "check", "--quiet", str(reports / "clean.docx")) == (0, "", "")
    assert run(capsys, "check", "--lang", "en", str(reports / "clean.docx")) == (
        0, "no problems found; 1 file checked.\n", "")


BAD_PERIOD = "未找到统计期限（如“本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止”）"
BAD_CELL = "表四「行政诉讼 / 复议后起诉 / 结果纠正」为空，应填整数（没有的填 0）"


def test_text_output_grouped_by_file_with_summary_and_exit_1(capsys, reports):
    code, out, err = run(capsys, "check", str(reports))
    bad = reports / "sub" / "bad.docx"
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        str(bad),
        f"  全文  error  statistics-period  {BAD_PERIOD}",
        f"  第3张表 列「行政诉讼 / 复议后起诉 / 结果纠正」  error  blank-cell  {BAD_CELL}",
        "",
        "共 2 个问题（2 个错误），涉及 1 个文件；共检查 2 个文件。",
    ]


def test_concise_output_for_problem_matchers(capsys, reports):
    code, out, err = run(capsys, "check", "--format", "concise", str(reports))
    bad = reports / "sub" / "bad.docx"
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{bad}:1:1: error statistics-period [全文] {BAD_PERIOD}",
        f"{bad}:1:1: error blank-cell [第3张表 列「行政诉讼 / 复议后起诉 / 结果纠正」] {BAD_CELL}",
    ]


def test_statistics_fail_on_and_output_file(capsys, reports, tmp_path):
    code, out, _ = run(capsys, "check", "--statistics", str(reports))
    assert code == 1
    assert out.splitlines() == [
        "1  blank-cell         error    统计表只填数字，没有的填 0，不得空白或填入其他内容",
        "1  statistics-period  error    写明统计期限，且覆盖报告年度1月1日至12月31日",
        "2  个问题合计",
    ]
    target = tmp_path / "out" / "findings.json"
    target.parent.mkdir()
    code, out, err = run(capsys, "check", "--format", "json", "--output", str(target), str(reports))
    assert (code, out, err) == (1, "", "")
    written = json.loads(target.read_text(encoding="utf-8"))
    assert [f["rule"] for f in written["findings"]] == ["statistics-period", "blank-cell"]
    assert (written["errors"], written["summary"]["complete"]) == ([], True)
    assert [p.name for p in target.parent.iterdir()] == ["findings.json"]  # no temporary file left behind


def test_fail_on_warning(capsys, reports, tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("pack: mine\nrules:\n  - {id: period, kind: statistics_period, severity: warning}\n",
                    encoding="utf-8")
    assert run(capsys, "check", "-q", "--rules", str(pack), str(reports))[0] == 0
    assert run(capsys, "check", "-q", "--fail-on", "warning", "--rules", str(pack), str(reports))[0] == 1


def test_json_output_in_english(capsys, reports):
    bad = reports / "sub" / "bad.docx"
    code, out, _ = run(capsys, "check", "--format", "json", "--lang", "en", str(bad))
    assert code == 1
    data = json.loads(out)["findings"]
    assert data[1] == {
        "path": str(bad),
        "rule": "blank-cell",
        "severity": "error",
        "message": 'table 4 column "行政诉讼 / 复议后起诉 / 结果纠正" is blank; fill in a whole number (0 when there is nothing)',
        "location": {"table": 3, "row_label": None, "column_label": "行政诉讼 / 复议后起诉 / 结果纠正", "row": 4, "col": 12},
        "details": {"text": "", "expected": "integer"},
    }
    assert data[0]["location"] == {"section": None, "paragraph": None}


def test_bad_files_give_one_line_each_exit_2_and_others_are_still_checked(capsys, reports, tmp_path):
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 20)
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.docx"
    bad = reports / "sub" / "bad.docx"
    code, out, err = run(capsys, "check", str(corrupt), str(bad), str(empty), str(missing))
    assert code == 2
    assert out.splitlines()[-1] == ("共 2 个问题（2 个错误），涉及 1 个文件；检查未完成：3 个文件读取错误（见错误信息）；共检查 1 个文件，"
                                    "3 个无法读取。")
    assert err.splitlines() == [
        f"{corrupt}: 错误: 文件已损坏：ZIP 包无法解压（可能被截断或不完整）",
        f"{empty}: 错误: 文件为空（0 字节）",
        f"{missing}: 错误: 文件不存在",
    ]
    code, _, err = run(capsys, "check", "--lang", "en", str(empty))
    assert (code, err) == (2, f"{empty}: error: the file is empty (0 bytes)\n")


def test_pack_failing_the_schema_is_file_line_col_exit_2(capsys, reports, tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("pack: mine\nrules:\n  - id: period\n    kind: statistics_period\n    severity: fatal\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "check", "--rules", str(pack), str(reports))
    assert (code, out) == (2, "")
    assert err == f"{pack}:5:15: 不符合规则包格式：rules.0.severity：'fatal' 不是可用的值；可用：error, warning, info, off\n"


def test_custom_pack_with_severity_off_and_warning(capsys, reports, tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: mine\nrules:\n  - {id: period, kind: statistics_period, severity: warning}\n",
        encoding="utf-8")
    code, out, _ = run(capsys, "check", "--rules", str(pack), str(reports))
    assert code == 0  # warnings do not fail
    assert out.splitlines()[:2] == [str(reports / "sub" / "bad.docx"), f"  全文  warning  period  {BAD_PERIOD}"]


def test_directory_walk_skips_word_lock_files(capsys, tmp_path):
    (tmp_path / "~$report.docx").write_bytes(b"\x00lock")
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    assert run(capsys, "check", str(tmp_path)) == (
        0, "没有要检查的文件。\n", f"reportlint: 警告: 在 {tmp_path} 下没有找到要检查的报告文件\n")


def test_directory_walk_names_files_as_pathlib_joins_them(tmp_path, monkeypatch):
    from reportlint.api import collect

    monkeypatch.setenv("REPORTLINT_SOFFICE", "")  # .doc files are walked only when LibreOffice can convert them
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("r.DOCX", "s.md", ".docx", "t.", "~$u.docx", ".~lock.v.docx#", "w.doc", "x.docx.bak"):
        (tmp_path / "a" / "b" / name).write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    # the names str(Path(folder) / name) gives: "./" and "//" dropped; lock files, .doc and no suffix passed over
    assert list(collect(["./a//b/"])) == list(collect(["a/./b"])) == ["a/b/r.DOCX", "a/b/s.md"]
    assert list(collect(["."])) == ["a/b/r.DOCX", "a/b/s.md"]
    assert list(collect([str(tmp_path) + "//a/"])) == [f"{tmp_path}/a/b/r.DOCX", f"{tmp_path}/a/b/s.md"]


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["check", "--format", "xml"])
    assert info.value.code == 2


def test_python_dash_m_and_version():
    proc = subprocess.run([sys.executable, "-m", "reportlint", "--version"], capture_output=True, text=True)
    from importlib.metadata import version

    assert (proc.returncode, proc.stdout.splitlines()[0]) == (0, f"reportlint {version('reportlint')}")


def test_text_files_that_are_not_reports_are_skipped(capsys, reports, tmp_path):
    """A README, notes, or reportlint's own HTML report beside the reports are not linted as reports."""
    (tmp_path / "README.md").write_text("# 年报仓库\n\n本仓库存放各单位的文档。\n\n| 单位 | 负责人 |\n|---|---|\n| 办公室 | 张三 |\n",
                                        encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("python-docx>=1.1\n", encoding="utf-8")
    html = tmp_path / "report.html"
    assert run(capsys, "check", "--format", "html", "--output", str(html), str(reports))[0] == 1
    assert "信息公开" in html.read_text(encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path))
    assert (code, out, err) == (0, "没有检查任何年度报告；共检查 0 个文件，3 个不是年度报告已跳过。\n", "")


def test_help_in_chinese_by_default_and_english_on_request(capsys, monkeypatch):
    monkeypatch.delenv("REPORTLINT_LANG", raising=False)
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "  --quiet, -q           只输出问题（不输出汇总）\n" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["check", "--lang", "en", "--help"])
    assert "  --quiet, -q           print findings only (no summary)\n" in capsys.readouterr().out


def test_colour_only_on_a_terminal_and_never_with_no_color(capsys, reports, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _code, out, _err = run(capsys, "check", str(reports / "sub" / "bad.docx"))
    assert f"\033[1m{reports / 'sub' / 'bad.docx'}\033[0m" in out and "  全文  \033[31merror\033[0m  " in out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in run(capsys, "check", str(reports / "sub" / "bad.docx"))[1]
    monkeypatch.delenv("NO_COLOR")
    assert "\033[" not in run(capsys, "check", "--format", "concise", str(reports / "sub" / "bad.docx"))[1]
