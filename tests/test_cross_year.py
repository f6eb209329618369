"""carryover-mismatch (E5) and effective-docs-drift (E6): reports of consecutive years of the same agency."""

import subprocess
import sys

import pytest

from report_builder import (
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COLUMNS,
    ReportSpec,
    build_report,
    t2_texts,
    t3_texts,
)
from reportlint.api import lint_paths
from reportlint.history import agency_key, agency_of, same_agency

RULES = ("carryover-mismatch", "effective-docs-drift")


def pair(tmp_path, agency_before="某某市卫生健康局", agency_after="某某市卫健局", carried=None, in_force=None):
    """A 2022 and a 2023 report; the 2023 one carries in what 2022 carried out (unless ``carried`` overrides
    columns) and counts its documents in force from 2022's (unless ``in_force`` overrides rows)."""
    before = ReportSpec(agency=agency_before, year=2022)
    out = t3_texts(before)
    t3 = {(T3_CARRIED_IN, c): out[(T3_CARRIED_OUT, c)] for c in T3_COLUMNS}
    t3.update({(T3_CARRIED_IN, c): v for c, v in (carried or {}).items()})
    t2_before = t2_texts(before)
    after = ReportSpec(agency=agency_after, year=2023, t3=t3)
    t2_after = t2_texts(after)
    t2 = {}
    for row in ("规章", "行政规范性文件"):
        expected = (int(t2_before[(row, "现行有效件数")]) + int(t2_after[(row, "本年制发件数")])
                    - int(t2_after[(row, "本年废止件数")]))
        t2[(row, "现行有效件数")] = str((in_force or {}).get(row, expected))
    after.t2 = t2
    return (build_report(tmp_path / "2022年报.docx", before), build_report(tmp_path / "2023年报.docx", after),
            t2_before)


def cross(report):
    return [(f.path.rsplit("/", 1)[-1], f.rule, f.severity, f.location.render("zh"), f.text("zh"))
            for f in report.findings if f.rule in RULES]


def test_consecutive_consistent_reports_have_no_findings(tmp_path):
    pair(tmp_path)
    assert cross(lint_paths([str(tmp_path)])) == []


def test_carryover_mismatch_per_column_names_both_files(tmp_path):
    before, after, _ = pair(tmp_path, carried={"自然人": "9"})
    report = lint_paths([str(tmp_path)])
    found = cross(report)
    previous = next(f.details["previous_location"] for f in report.findings if f.rule == "carryover-mismatch")
    assert previous == {"table": 2, "row_label": "四、结转下年度继续办理", "column_label": "申请人情况 / 自然人",
                        "row": 28, "col": 4}
    out = t3_texts(ReportSpec(year=2022))[(T3_CARRIED_OUT, "自然人")]
    assert found == [
        ("2023年报.docx", "carryover-mismatch", "error",
         "第2张表 行「二、上年结转政府信息公开申请数量」 列「申请人情况 / 自然人」",
         f"表三「二、上年结转政府信息公开申请数量」「自然人」为9，与上年报告 {before} 的「四、结转下年度继续办理」「自然人」"
         f"{out}不一致"),
    ]


def test_effective_documents_drift_is_a_warning(tmp_path):
    before, _, t2_before = pair(tmp_path, in_force={"行政规范性文件": 99})
    after = t2_texts(ReportSpec(year=2023))
    then = t2_before[("行政规范性文件", "现行有效件数")]
    issued, repealed = after[("行政规范性文件", "本年制发件数")], after[("行政规范性文件", "本年废止件数")]
    expected = int(then) + int(issued) - int(repealed)
    assert cross(lint_paths([str(tmp_path)])) == [
        ("2023年报.docx", "effective-docs-drift", "warning",
         "第1张表 行「第二十条第（一）项 / 行政规范性文件」 列「现行有效件数」",
         f"表二「行政规范性文件」现行有效件数为99，按上年报告 {before} 的{then}件 + 本年制发{issued}件 − 本年废止"
         f"{repealed}件应为{expected}件"),
    ]


def test_another_agency_or_no_previous_year_gives_nothing(tmp_path):
    pair(tmp_path, agency_before="某某市教育局", carried={"自然人": "9"})
    assert cross(lint_paths([str(tmp_path)])) == []
    (tmp_path / "2022年报.docx").unlink()
    assert cross(lint_paths([str(tmp_path)])) == []


def test_history_dir_is_read_not_checked(tmp_path):
    old, new = tmp_path / "archive", tmp_path / "current"
    old.mkdir(), new.mkdir()
    before, after, _ = pair(tmp_path, carried={"总计": "0"})
    before.rename(old / before.name)
    after.rename(new / after.name)
    run = subprocess.run([sys.executable, "-m", "reportlint", "check", "--format", "concise", "--history", str(old),
                          str(new)], capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    lines = [line for line in run.stdout.strip().split("\n") if " carryover-mismatch " in line]
    assert len(lines) == 1  # the history report itself is not checked
    assert all(str(old) not in line.split(":")[0] for line in run.stdout.strip().split("\n"))
    assert lines[0].startswith(f"{new / after.name}:") and str(old / before.name) in lines[0]
    # without --history the current report alone has nothing to compare with
    run = subprocess.run([sys.executable, "-m", "reportlint", "check", str(new)], capture_output=True, text=True)
    assert "carryover-mismatch" not in run.stdout and run.stderr == ""


def test_rules_across_years_can_be_switched_off(tmp_path):
    pair(tmp_path, carried={"自然人": "9"}, in_force={"规章": 50})
    (tmp_path / ".reportlint.yaml").write_text(
        'rules:\n  - {id: carryover-mismatch, severity: "off"}\nper-file-ignores:\n  "2023*": [effective-docs]\n',
        encoding="utf-8")
    assert cross(lint_paths([str(tmp_path)])) == []


@pytest.mark.parametrize(("a", "b", "same"), [
    ("某某市卫生健康局", "某某市卫健局", True),
    ("曲沃县卫生健康和体育局", "曲沃县卫体局", True),
    ("济宁市兖州区卫生健康局", "兖州区卫生健康局", True),
    ("某某市卫生健康局", "某某市教育局", False),
    ("济宁市卫生健康局", "卫生健康局", False),  # no place left to tell which
])
def test_agency_names_match_across_variants(a, b, same):
    assert same_agency(agency_key(a), agency_key(b)) is same


def test_agency_is_the_title_before_the_year():
    assert agency_of("济宁市兖州区卫生健康局2023年政府信息公开工作年度报告") == "济宁市兖州区卫生健康局"
    assert agency_of("政府信息公开工作年度报告") == ""


def test_history_keeps_what_rules_compare_on_disk_and_reads_it_back():
    from reportlint.history import Entry, History

    years = History()
    data = [{"carried_out": {"自然人": (3, "结转", None)}, "t2": {}}, {"carried_out": {}, "t2": {"规章": {"x": (1, None)}}},
            {"carried_out": {}, "t2": {}}]
    entries = [Entry(f"r{i}.docx", "甲市乙局", "甲市乙局", 2022 + i, dict(d)) for i, d in enumerate(data[:2])]
    entries.append(Entry("r9.docx", "丙县丁局", "丙县丁局", 2023, dict(data[2])))
    for entry in entries:
        years.add(entry)
    assert len(years) == 3 and years.years() == [2022, 2023]
    back = years.of_year(2023)  # from the file, in the order added
    assert [(e.path, e.data) for e in back] == [("r1.docx", data[1]), ("r9.docx", data[2])]
    before = years.of_year(2022)
    assert [e.data for e in before] == [data[0]]
    assert years.previous(back[0], before) is before[0]  # same agency, the year before
    assert years.previous(back[1], before) is None  # another agency
    years.close()


def test_a_location_kept_for_the_rules_across_years_is_the_location():
    import dataclasses

    from reportlint.findings import Location

    # every field, each with a value of its own: a field added to Location and not to astuple() fails here
    loc = Location(**{f.name: f"v{i}" for i, f in enumerate(dataclasses.fields(Location))})
    assert Location(*loc.astuple()) == loc


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_the_place_kept_of_a_cell_is_its_location(tmp_path, suffix):
    from reportlint.checks.base import table_location, table_place
    from reportlint.model.layouts import LayoutLibrary
    from reportlint.readers import load_document
    from test_markdown_reader import markdown_report

    # a .docx table, and a Markdown one whose rows have source lines of their own
    spec = ReportSpec(t3={("（七）总计", "自然人"): ""})
    path = tmp_path / f"r{suffix}"
    if suffix == ".md":
        path.write_text(markdown_report(spec), encoding="utf-8")
    else:
        build_report(path, spec)
    layouts = LayoutLibrary()
    tables = load_document(str(path), layouts).tables  # the first report of a layout: no template kept yet
    places = [(table_place(t, d), table_location(t, d).astuple()) for t in tables for d in t.data]
    assert len(places) > 100 and all(place == location for place, location in places)
    assert {place[7] is not None for place, _ in places} == {suffix == ".md"}  # lines only where the source has them
    rows = [(table_place(t, None, r), table_location(t, None, r).astuple()) for t in tables for r in range(t.nrows)]
    assert all(place == location for place, location in rows)
    # a second report of the layout: its tables are laid out from the first's, and its places are the same
    load_document(str(path), layouts)  # the second: its template kept
    again = load_document(str(path), layouts).tables
    assert all(t.layout is not None for t in again)
    assert [table_place(t, d) for t in again for d in t.data] == [place for place, _ in places]
