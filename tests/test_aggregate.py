"""aggregate-mismatch (kind aggregate): a summary report's tables are the sums of its parts', where ``aggregates:`` of
``.reportlint.yaml`` names them. A folder of python-docx-built reports (real merged cells); exact findings."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest

from report_builder import ReportSpec, build_report, t2_texts, t3_texts, t4_texts
from reportlint.api import lint_paths
from reportlint.checks.aggregate import _listed

PARTS = ("教育局", "卫生健康局", "民政局")
TOTAL = ("（七）总计", "总计")
TOTAL_PLACE = "第2张表 行「三、本年度办理结果 / （七）总计」 列「申请人情况 / 总计」"
RULE = "aggregate-mismatch"


def _times(texts: dict, n: int) -> dict:
    return {k: str(n * Decimal(v)) for k, v in texts.items()}


def summary_spec(n: int = len(PARTS), t3: dict | None = None) -> ReportSpec:
    """A summary whose every number is ``n`` times the default report's (the parts are default reports)."""
    base = ReportSpec()
    numbers = _times(t3_texts(base), n)
    numbers.update(t3 or {})
    return ReportSpec(agency="某某市人民政府办公室", t2=_times(t2_texts(base), n), t3=numbers,
                      t4=_times(t4_texts(base), n))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The default reports of three departments, a summary that sums them and one with a wrong total."""
    root = tmp_path_factory.mktemp("built")
    for name in PARTS:
        build_report(root / "parts" / f"{name}.docx", ReportSpec(agency=f"某某市{name}"))
    build_report(root / "right.docx", summary_spec())
    total = t3_texts(ReportSpec())[TOTAL]
    build_report(root / "wrong.docx", summary_spec(t3={TOTAL: str(3 * int(total) + 2)}))
    build_report(root / "no-t4.docx", ReportSpec(agency="某某市司法局", include_tables=("二", "三")))
    build_report(root / "blank.docx", ReportSpec(agency="某某市司法局", t3={TOTAL: ""}))
    return root


def folder(tmp_path, built, summary="right.docx", parts=PARTS, config=None):
    """``tmp_path`` with 汇总.docx (a copy of ``summary``), 部门/ holding ``parts`` and the configuration."""
    shutil.copy(built / summary, tmp_path / "汇总.docx")
    (tmp_path / "部门").mkdir()
    for name in parts:
        source = built / "parts" / f"{name}.docx" if name in PARTS else built / name
        shutil.copy(source, tmp_path / "部门" / (f"{name}.docx" if name in PARTS else name))
    if config is None:
        config = 'aggregates:\n  - summary: 汇总.docx\n    parts: ["部门/*.docx"]\n'
    (tmp_path / ".reportlint.yaml").write_text(config, encoding="utf-8")
    return tmp_path


def found(paths, lang="zh", jobs=1, errors=()):
    report = lint_paths([str(p) for p in paths], lang=lang, jobs=jobs)
    assert [e.code for e in report.errors] == list(errors)
    return [(f.path.rsplit("/", 1)[-1], f.severity, f.location.render(lang), f.text(lang))
            for f in report.findings if f.rule == RULE]


def test_a_summary_equal_to_the_sum_of_its_parts_passes(tmp_path, built):
    assert found([folder(tmp_path, built)]) == []


def test_a_wrong_sum_is_reported_at_the_summarys_cell_listing_the_parts(tmp_path, built):
    root = folder(tmp_path, built, "wrong.docx")
    total = int(t3_texts(ReportSpec())[TOTAL])
    assert found([root]) == [
        ("汇总.docx", "error", TOTAL_PLACE,
         f"表三「三、本年度办理结果 / （七）总计」「申请人情况 / 总计」为{3 * total + 2}，各组成报告之和为{3 * total}"
         f"（部门/卫生健康局.docx {total}、部门/教育局.docx {total}、部门/民政局.docx {total}）"),
    ]
    assert found([root], "en") == [
        ("汇总.docx", "error", 'table 2 row "三、本年度办理结果 / （七）总计" column "申请人情况 / 总计"',
         f'table 3 "三、本年度办理结果 / （七）总计" "申请人情况 / 总计" is {3 * total + 2}, but the parts add up to '
         f"{3 * total} (部门/卫生健康局.docx {total}, 部门/教育局.docx {total}, 部门/民政局.docx {total})"),
    ]


def test_the_details_list_every_parts_value(tmp_path, built):
    report = lint_paths([str(folder(tmp_path, built, "wrong.docx"))])
    (finding,) = [f for f in report.findings if f.rule == RULE]
    total = t3_texts(ReportSpec())[TOTAL]
    assert finding.details == {
        "value": str(3 * int(total) + 2), "sum": str(3 * int(total)),
        "parts": [{"path": f"部门/{n}.docx", "value": total} for n in ("卫生健康局", "教育局", "民政局")]}


def test_only_the_summary_checked_still_reads_its_parts_and_a_part_alone_checks_nothing(tmp_path, built):
    root = folder(tmp_path, built, "wrong.docx")
    assert [f[0] for f in found([root / "汇总.docx"])] == ["汇总.docx"]
    assert found([root / "部门" / "教育局.docx"]) == []


def test_workers_give_the_same_findings(tmp_path, built, monkeypatch):
    monkeypatch.setenv("REPORTLINT_MIN_WORK_PER_JOB", "1")  # workers for eight short files too
    root = folder(tmp_path, built, "wrong.docx")
    for i in range(4):  # eight files: two workers of four
        shutil.copy(built / "right.docx", root / f"other{i}.docx")
    assert found([root], jobs=2) == found([root], jobs=1) != []


def test_without_aggregates_nothing_is_compared(tmp_path, built):
    assert found([folder(tmp_path, built, "wrong.docx", config="pack: national-2021\n")]) == []


@pytest.mark.parametrize("config", [
    'aggregates:\n  - summary: 汇总.docx\n    parts: ["部门/*.docx"]\nper-file-ignores:\n  "汇总.docx": [aggregate-]\n',
    'aggregates:\n  - summary: 汇总.docx\n    parts: ["部门/*.docx"]\nrules:\n  - id: aggregate-mismatch\n'
    '    severity: "off"\n',
])
def test_the_rule_is_switched_off_like_any_other(tmp_path, built, config):
    assert found([folder(tmp_path, built, "wrong.docx", config=config)]) == []


def test_a_missing_part_or_a_glob_matching_nothing_is_said_and_nothing_compared(tmp_path, built):
    config = 'aggregates:\n  - summary: 汇总.docx\n    parts: ["部门/*.docx", 区县/某某区.docx, "乡镇/*.docx"]\n'
    root = folder(tmp_path, built, "wrong.docx", config=config)
    assert found([root]) == [
        ("汇总.docx", "error", "全文", "组成报告 区县/某某区.docx 不存在，汇总报告的合计未核对"),
        ("汇总.docx", "error", "全文", "组成报告 乡镇/*.docx 没有匹配的文件，汇总报告的合计未核对"),
    ]
    assert [f[3] for f in found([root], "en")] == [
        "part 区县/某某区.docx does not exist: the summary's sums were not checked",
        "part 乡镇/*.docx matches no file: the summary's sums were not checked",
    ]


def test_an_unreadable_part_or_one_that_is_no_report_is_said(tmp_path, built):
    root = folder(tmp_path, built, "wrong.docx", config="aggregates:\n  - summary: 汇总.docx\n    parts: [部门]\n")
    (root / "部门" / "坏.docx").write_bytes(b"not a zip at all")
    (root / "部门" / "说明.md").write_text("# 说明\n\n这是一份说明。\n", encoding="utf-8")
    assert found([root], errors=["not-zip"]) == [
        ("汇总.docx", "error", "全文",
         "组成报告 部门/坏.docx 无法读取（不是有效的 .docx 文件（不是 ZIP 包，文件可能已损坏或被截断）），汇总报告的合计未核对"),
        ("汇总.docx", "error", "全文",
         "组成报告 部门/说明.md 不是年度报告（没有政府信息公开工作年度报告的标题，只有报告的 0 个部分、0 张统计表），汇总报告的合计未核对"),
    ]
    # the same when the summary alone is checked (the parts are read, not linted)
    assert found([root / "汇总.docx"]) == found([root], errors=["not-zip"])


def test_a_part_without_a_table_leaves_that_table_unchecked(tmp_path, built):
    # no-t4 is a default report without table 4: tables 二 and 三 of the three parts still sum to the summary's
    root = folder(tmp_path, built, parts=(*PARTS[:2], "no-t4.docx"))
    assert found([root]) == [
        ("汇总.docx", "error", "全文", "组成报告 部门/no-t4.docx 没有可读取的表四，表四的合计未核对")]


def test_a_part_cell_that_is_not_a_number_leaves_that_cell_unchecked(tmp_path, built):
    # blank is a default report with its total blank: the summary's wrong total is not compared, nor reported
    root = folder(tmp_path, built, "wrong.docx", parts=(*PARTS[:2], "blank.docx"))
    assert found([root]) == [
        ("汇总.docx", "error", "全文",
         "组成报告 部门/blank.docx 的表三有1格不是数字或没有对应的行列（「三、本年度办理结果 / （七）总计」"
         "「申请人情况 / 总计」），这些格的合计未核对")]


def test_the_summary_is_never_its_own_part(tmp_path, built):
    config = 'aggregates:\n  - summary: 汇总.docx\n    parts: ["*.docx"]\n'
    root = folder(tmp_path, built, config=config)
    shutil.rmtree(root / "部门")
    for name in PARTS:
        shutil.copy(built / "parts" / f"{name}.docx", root / f"{name}.docx")
    assert found([root]) == []


def test_many_parts_are_listed_by_their_non_zero_values():
    values = [(f"p{i}.docx", Decimal(i % 3)) for i in range(12)]
    assert _listed(values[:3]) == ("p0.docx 0、p1.docx 1、p2.docx 2", "p0.docx 0, p1.docx 1, p2.docx 2")
    zh, en = _listed(values)
    assert zh == ("p1.docx 1、p2.docx 2、p4.docx 1、p5.docx 2、p7.docx 1、p8.docx 2、p10.docx 1、p11.docx 2，"
                  "其余4份合计0")
    assert en.endswith("p11.docx 2, 4 more totalling 0")


def test_a_configuration_without_parts_is_one_clear_error(tmp_path, built):
    root = folder(tmp_path, built, config="aggregates:\n  - summary: 汇总.docx\n")
    out = subprocess.run([sys.executable, "-m", "reportlint", "check", "--lang", "en", str(root)],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines()[0].endswith(
        "invalid configuration: aggregates.0: 'parts' is a required property")


def test_config_show_names_the_summary_and_its_parts(tmp_path, built):
    root = folder(tmp_path, built, "wrong.docx")
    out = subprocess.run([sys.executable, "-m", "reportlint", "config", "show", "--format", "json",
                          str(root / "汇总.docx")], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["aggregates"] == [
        {"summary": "汇总.docx", "role": "summary", "defined_at": f"{root / '.reportlint.yaml'}:2",
         "parts": ["部门/卫生健康局.docx", "部门/教育局.docx", "部门/民政局.docx"], "unmatched": []}]


def test_a_summary_given_as_a_glob_is_one_clear_error(tmp_path, built):
    root = folder(tmp_path, built, config='aggregates:\n  - summary: "*.docx"\n    parts: [部门]\n')
    out = subprocess.run([sys.executable, "-m", "reportlint", "check", "--lang", "en", str(root)],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines()[0] == (
        f"{root / '.reportlint.yaml'}:2:14: summary must be the path of one report, not a glob")
