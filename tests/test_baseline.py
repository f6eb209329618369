"""--write-baseline / --baseline: old findings recorded once, keyed on places that survive edits."""

import json

import pytest

from report_builder import ReportSpec, build_report, default_sections
from reportlint.cli import main

PHONE = "电话号码「8928868」缺少区号（应为“区号-号码”，如 0537-8928868）"
CELL = "表四「行政诉讼 / 复议后起诉 / 结果纠正」为空，应填整数（没有的填 0）"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def old_report(path, extra_paragraphs: int = 0, **changes):
    sections = default_sections()
    if extra_paragraphs:  # text added above every defect
        heading, body = sections[0]
        sections[0] = (heading, body + "".join(f"\n补充说明第{i}段。" for i in range(extra_paragraphs)))
    spec = dict(contact="联系电话：8928868。", t4={("复议后起诉", "结果纠正"): ""}, sections=sections)
    spec.update(changes)
    return build_report(path, ReportSpec(**spec))


def test_baseline_file_is_readable_and_keyed_on_stable_places(capsys, tmp_path):
    old_report(tmp_path / "reports" / "old.docx")
    baseline = tmp_path / "baseline.json"
    code, out, err = run(capsys, "check", "--write-baseline", str(baseline), str(tmp_path / "reports"))
    assert (code, out, err) == (0, f"已将 2 个问题记入基线 {baseline}\n", "")
    assert json.loads(baseline.read_text(encoding="utf-8")) == {
        "version": 1,
        "findings": [
            {"path": "reports/old.docx", "rule": "blank-cell",
             "place": {"column": "行政诉讼 / 复议后起诉 / 结果纠正", "content": ""}},
            {"path": "reports/old.docx", "rule": "contact-info",
             "place": {"content": "8928868"}},  # the opening paragraph, before any section
        ],
    }


def test_baseline_survives_edits_above_the_defects_and_reports_new_ones(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = old_report(tmp_path / "reports" / "old.docx")
    baseline = tmp_path / "baseline.json"
    assert run(capsys, "check", "--write-baseline", str(baseline), "reports")[0] == 0
    assert run(capsys, "check", "--baseline", str(baseline), "reports") == (
        0, "未发现问题；共检查 1 个文件；另有 2 个问题在基线中。\n", "")

    # Paragraphs added above both defects, and a new defect (no statistics period) at the same time
    old_report(report, extra_paragraphs=3, period=None)
    code, out, err = run(capsys, "check", "--baseline", str(baseline), "--format", "concise", "reports")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "reports/old.docx:1:1: error statistics-period [全文] "
        "未找到统计期限（如“本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止”）"]

    # The blank cell is fixed: its entry is stale, which does not fail the run
    old_report(report, extra_paragraphs=3, t4=None)
    code, out, _err = run(capsys, "check", "--baseline", str(baseline), "reports")
    assert (code, out) == (0, "未发现问题；共检查 1 个文件；另有 1 个问题在基线中；"
                              "基线中有 1 条已不再出现，可用 --write-baseline 更新。\n")


def test_counts_and_subsets(capsys, tmp_path):
    old_report(tmp_path / "a.docx", t4={("复议后起诉", "结果纠正"): "", ("行政复议", "结果纠正"): ""})
    other = old_report(tmp_path / "b.docx")
    baseline = tmp_path / "baseline.json"
    run(capsys, "check", "--write-baseline", str(baseline), str(tmp_path / "a.docx"), str(other))
    # linting one file of the baseline: the other file's entries are not stale
    code, out, _err = run(capsys, "check", "--baseline", str(baseline), "--lang", "en", str(other))
    assert (code, out) == (0, "no problems found; 1 file checked; 2 more in the baseline.\n")
    # the same finding twice in one file: one recorded, two found -> one reported
    twice = old_report(tmp_path / "a.docx", contact="联系电话：8928868。咨询电话：8928868。",
                       t4={("复议后起诉", "结果纠正"): "", ("行政复议", "结果纠正"): ""})
    code, out, _err = run(capsys, "check", "-q", "--baseline", str(baseline), "--format", "concise", str(twice))
    assert (code, out) == (1, f"{twice}:1:1: error contact-info [第2段] {PHONE}\n")
    run(capsys, "check", "--write-baseline", str(baseline), str(twice))
    entry = json.loads(baseline.read_text(encoding="utf-8"))["findings"][-1]
    assert (entry["rule"], entry["count"]) == ("contact-info", 2)


@pytest.mark.parametrize("content, message", [
    (None, "基线文件不存在"),
    ("{not json", "基线文件不是有效的 JSON：Expecting property name enclosed in double quotes"),
    ('{"version": 1, "findings": [{"rule": "x"}]}', "基线条目格式不正确"),
    ('{"findings": []}', "不是 reportlint 基线文件（缺少 version/findings）"),
])
def test_missing_or_corrupt_baseline_is_one_line_exit_2(capsys, tmp_path, content, message):
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    report = old_report(tmp_path / "r.docx")
    code, out, err = run(capsys, "check", "--baseline", str(baseline), str(report))
    assert (code, out) == (2, "")
    assert err.startswith(f"{baseline}") and message in err and err.count("\n") == 1
