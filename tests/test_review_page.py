"""The review page (``--format html`` over many departments' reports): files by agency and year, sorting and
filtering in a real browser, the overview by rule, reports not handed in, files not checked, and its size."""

from __future__ import annotations

import json
from collections import Counter

import lxml.html
import pytest

from report_builder import ReportSpec, build_report
from reportlint.cli import main
from test_html_report import browser, dump_dom

AGENCIES = [f"某某市{name}局" for name in ("教育", "公安", "民政", "司法", "财政", "自然资源", "生态环境", "住房建设",
                                         "交通运输", "水务", "农业农村", "商务", "文化旅游", "卫生健康", "应急管理",
                                         "审计", "市场监管", "统计", "医疗保障", "体育")]
LATE = {"统计", "体育"}  # no 2023 report from these two


def _defects(i: int) -> list[str]:
    """The rules the i-th report of the batch breaks, as _spec makes it."""
    return [rule for rule, hit in (("t3-balance", i % 5 == 0), ("blank-cell", i % 7 == 3),
                                   ("statistics-period", i % 4 == 1), ("contact-info", i % 6 == 2)) if hit]


def _spec(agency: str, year: int, i: int) -> ReportSpec:
    """Defects spread over the batch: a wrong total, a blank cell, no period, a phone without area code."""
    t3 = {("（七）总计", "自然人"): "44"} if i % 5 == 0 else None
    t2 = {("规章", "本年制发件数"): ""} if i % 7 == 3 else None
    return ReportSpec(agency=agency, year=year, t3=t3, t2=t2, period=None if i % 4 == 1 else "default",
                      contact="联系电话：8928868" if i % 6 == 2 else "default")


def _reports() -> list[tuple[str, int, list[str]]]:
    """(agency, year, rules it breaks) of each report of the batch, in the order they are made."""
    made = []
    for year in (2022, 2023):
        for agency in AGENCIES:
            if not (year == 2023 and agency[3:-1] in LATE):
                made.append((agency, year, _defects(len(made))))
    return made


REPORTS = _reports()
EXPECTED = sorted(REPORTS)  # the page's order: by agency, then year


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("review")
    folder = root / "reports"
    for i, (agency, year, _) in enumerate(REPORTS):
        build_report(folder / str(year) / f"{agency}.docx", _spec(agency, year, i))
    (folder / "2023" / "损坏.docx").write_bytes(b"not a zip")
    (folder / "2023" / "说明.md").write_text("# 报送说明\n\n请各单位于1月底前报送。\n", encoding="utf-8")
    out = root / "review.html"
    # the builder's tables do not carry over from year to year: the rules across years are not what is tested here
    code = main(["check", "--format", "html", "--ignore", "carryover-mismatch,effective-docs-drift", "--output", str(out),
                 str(folder)])
    return code, out, folder


def _doc(batch):
    return lxml.html.document_fromstring(batch[1].read_text(encoding="utf-8"))


def test_files_are_grouped_by_agency_and_year_with_their_counts(batch):
    code, out, folder = batch
    assert code == 2  # the broken file
    rows = _doc(batch).xpath("//table[@id='files']/tbody/tr")
    assert [(r.get("data-agency"), int(r.get("data-year")), r.get("data-rules").split(), int(r.get("data-errors")))
            for r in rows[:-2]] == [(a, y, sorted(rules, key=RULE_ORDER.index), len(rules)) for a, y, rules in EXPECTED]
    assert [r.get("data-file") for r in rows[-2:]] == [str(folder / "2023" / "损坏.docx"), str(folder / "2023" / "说明.md")]
    assert [r[-1].text for r in rows[-2:]] == ["无法读取", "不是年度报告，已跳过"]


RULE_ORDER = ["statistics-period", "contact-info", "blank-cell", "t3-balance"]  # the order of the pack's rules


def test_overview_by_rule_missing_reports_and_files_not_checked(batch):
    doc = _doc(batch)
    by_rule = {tr.get("data-rule"): (int(tr[2].text), int(tr[3].text))
               for tr in doc.xpath("//table[@id='by-rule']//tr[@data-rule]")}
    counted = Counter(rule for _, _, rules in REPORTS for rule in rules)
    assert by_rule == {rule: (n, n) for rule, n in counted.items()}
    missing = doc.xpath("//ul[@id='missing']/li")
    assert [(li.get("data-year"), li.text) for li in missing] == [
        ("2023", "2023年，没有报告的单位：某某市体育局、某某市统计局")]
    not_checked = [(tr[0].text.rsplit("/", 1)[-1], tr.get("data-result"))
                   for tr in doc.xpath("//table[@id='not-checked']//tr[@data-result]")]
    assert not_checked == [("损坏.docx", "unreadable"), ("说明.md", "skipped")]
    with_findings = sum(1 for _, _, rules in REPORTS if rules)
    assert len(doc.xpath("//section[@class='file']")) == with_findings  # each once, its tables drawn once


def test_forty_reports_stay_small(batch):
    assert len(REPORTS) + 2 == 40
    size = batch[1].stat().st_size
    assert size < 1.5 * 1024 * 1024, size


# Appended to a copy of the page: clicks and filters as a reviewer does, and records what is shown.
ACTIONS = """<script>
const shown = () => Array.from(document.querySelectorAll("#files tbody tr")).filter((r) => !r.hidden)
  .map((r) => r.dataset.agency + "|" + r.dataset.year + "|" + r.dataset.errors);
const sections = () => Array.from(document.querySelectorAll("section.file")).filter((s) => !s.hidden).length;
const heading = (key) => document.querySelector(`#files th[data-sort=${key}] button`);
const record = {};
heading("errors").click(); heading("errors").click();
record.byErrors = shown().slice(0, 3); record.sorted = document.querySelector("#files th[data-sort=errors]").getAttribute("aria-sort");
const agencies = () => shown().map((r) => r.split("|")[0]).filter((a, i, all) => a && all.indexOf(a) === i);
heading("agency").click(); record.agencyUp = agencies();
heading("agency").click(); record.agencyDown = agencies();
const rule = document.getElementById("f-rule"); rule.value = "t3-balance"; rule.dispatchEvent(new Event("input"));
record.rule = shown(); record.ruleCount = document.getElementById("shown").value; record.ruleSections = sections();
rule.value = ""; rule.dispatchEvent(new Event("input"));
const failing = document.getElementById("f-failing"); failing.checked = true; failing.dispatchEvent(new Event("input"));
record.failing = shown().length;
const text = document.getElementById("f-text"); text.value = "民政"; text.dispatchEvent(new Event("input"));
record.search = shown();
document.body.dataset.record = JSON.stringify(record);
</script>"""


@pytest.mark.skipif(browser() is None, reason="no headless browser installed (chromium); on Debian: apt-get install chromium")
def test_sorting_and_filtering_in_headless_chromium(batch, tmp_path):
    page = batch[1].read_text(encoding="utf-8")
    probed = tmp_path / "probed.html"
    probed.write_text(page.replace("</body>", ACTIONS + "</body>"), encoding="utf-8")
    record = json.loads(lxml.html.document_fromstring(dump_dom(browser(), probed, tmp_path / "profile")).body.get("data-record"))
    assert record["sorted"] == "descending"
    by_errors = sorted(EXPECTED, key=lambda r: -len(r[2]))  # a stable sort of the page's order
    assert record["byErrors"] == [f"{a}|{y}|{len(rules)}" for a, y, rules in by_errors[:3]]
    assert record["agencyDown"] == record["agencyUp"][::-1] != record["agencyUp"]
    assert sorted(record["rule"]) == sorted(f"{a}|{y}|{len(rules)}" for a, y, rules in REPORTS if "t3-balance" in rules)
    assert (record["ruleCount"], record["ruleSections"]) == (str(len(record["rule"])), len(record["rule"]))
    assert record["failing"] == sum(1 for _, _, rules in REPORTS if rules) + 1  # and the unreadable file
    assert sorted(record["search"]) == sorted(f"{a}|{y}|{len(rules)}" for a, y, rules in REPORTS if "民政" in a
                                              and rules)


def test_history_names_the_agencies_whose_report_of_this_year_is_missing(batch, tmp_path):
    folder = batch[2]
    out = tmp_path / "2023.html"
    main(["check", "--format", "html", "--ignore", "carryover-mismatch,effective-docs-drift", "--history",
          str(folder / "2022"), "--output", str(out), str(folder / "2023")])
    doc = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    assert [(li.get("data-year"), li.text) for li in doc.xpath("//ul[@id='missing']/li")] == [
        ("2023", "2023年，没有报告的单位：某某市体育局、某某市统计局")]
    assert len(doc.xpath("//table[@id='files']/tbody/tr")) == 20  # the history's reports are not rows
