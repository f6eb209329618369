"""The real reports in ../shared/corpus/reports-wild, linted with the national packs: every finding listed here was
judged by reading the document, and is one a reviewer would agree with; nothing else may be reported.

* pingtan-archive/: a crawler's exports of a region government's reports (2019 and 2020 in the 2019 format).
  Headings sit inline and every table is flattened into glued digits: no section is missing, each table is
  unreadable (not missing, not blank, never a phone number); 2021 keeps the page's chrome; 2025 gives no phone.
  Published in February and March, within the 31 March deadline of a government's own report.
* KIROGOVCOMPARE/: the HTML import fixture (五 worded 存在问题及改进情况; no phone, no date; every total balances)
  and two district reports as PDFs (2023: two table 4 totals of 0 under non-zero results, as printed).
* govnianbao/: the blank official template (placeholders, no period, no phone, the three tables never filled in:
  one finding each) and a city report as PDF; section3_raw_text.txt is a fragment of one section, not a report.
* openings/: 31 report openings cut after 一、总体情况, checked for what an opening holds — the statistics period,
  the contact details, a web page's chrome, the first heading, the date where the page gives one — against the
  period and phone MANIFEST.tsv records for each. What the cut removes (sections 二 to 六, the tables, the fee
  statement in 六, the date under the signature) is not asked of them.
"""

from __future__ import annotations

import csv

import pytest

from reportlint.api import lint_paths
from reportlint.checks.statistics_period import DEFAULT_KEYWORDS, find_periods
from reportlint.readers import load_document
from shared_data import SHARED

WILD = SHARED / "corpus" / "reports-wild"
pytestmark = pytest.mark.skipif(not WILD.is_dir(), reason=f"real reports not available: {WILD}")

EXPECTED = {
    "KIROGOVCOMPARE/filing_html_import_fixture.html": [
        ('contact-info', 'error', '全文', '未找到联系电话（如对本报告有疑问的联系方式）'),
        ('publication-deadline', 'warning', '全文', '未找到公布日期（文末落款日期或“发布日期”）'),
        ('section-title', 'warning', '82:1 第9段（五、存在问题及改进情况）', '标题「五、存在问题及改进情况」与规定标题「五、存在的主要问题及改进情况」不一致'),
    ],
    "KIROGOVCOMPARE/hzq2023_working.pdf": [
        ('publication-deadline', 'warning', '全文', '未找到公布日期（文末落款日期或“发布日期”）'),
        ('t4-total', 'error', '第4页 第3张表 列「行政复议 / 总 计」', '表四不平：行政复议/总计 = 行政复议/结果维持 + 行政复议/结果纠正 + 行政复议/其他结果 + 行政复议/尚未审结，但左边 0，右边 10 + 1 + 0 + 0 = 11（相差 11）'),
        ('t4-total', 'error', '第4页 第3张表 列「行政诉讼 / 复议后起诉 / 总计」', '表四不平：复议后起诉/总计 = 复议后起诉/结果维持 + 复议后起诉/结果纠正 + 复议后起诉/其他结果 + 复议后起诉/尚未审结，但左边 0，右边 5 + 0 + 0 + 0 = 5（相差 5）'),
    ],
    "KIROGOVCOMPARE/hzq2024_working.pdf": [
        ('publication-deadline', 'warning', '全文', '未找到公布日期（文末落款日期或“发布日期”）'),
        ('text-table-mismatch', 'warning', '第1页 第7段（（一）主动公开情况）', '总体情况中政府信息公开申请为17件，表三「一、本年新收政府信息公开申请数量 / 申请人情况 / 总计」为95件'),
    ],
    "govnianbao/szfgs2024.pdf": [
        ('publication-deadline', 'warning', '全文', '未找到公布日期（文末落款日期或“发布日期”）'),
    ],
    "govnianbao/政务公开年报模版.docx": [
        ('contact-info', 'error', '全文', '未找到联系电话（如对本报告有疑问的联系方式）'),
        ('statistics-period', 'error', '全文', '未找到统计期限（如“本报告中所列数据的统计期限自YYYY年1月1日起至YYYY年12月31日止”）'),
        ('leftover-text', 'error', '第5段（一、总体情况）', '模板占位符未替换：「（文字描述）」'),
        ('blank-cell', 'error', '第1张表', '表二未填写：10 个单元格为空，应填数字（没有的填 0）'),
        ('blank-cell', 'error', '第2张表', '表三未填写：175 个单元格为空，应填数字（没有的填 0）'),
        ('blank-cell', 'error', '第3张表', '表四未填写：15 个单元格为空，应填数字（没有的填 0）'),
        ('leftover-text', 'error', '第30段（五、存在的主要问题及改进情况）', '模板占位符未替换：「（文字描述）」'),
    ],
    "pingtan-archive/pingtan2019_page.txt": [
        ('table-unreadable', 'error', '10:4332 第14段（二、主动公开政府信息情况）', '表二「主动公开政府信息情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「规章000」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出'),
        ('table-unreadable', 'error', '10:4631 第15段（三、收到和处理政府信息公开申请情况）', '表三「收到和处理政府信息公开申请情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「本年新收政府信息公开申请数量230 000023」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出'),
        ('table-unreadable', 'error', '10:5217 第20段（四、政府信息公开行政复议、行政诉讼情况）', '表四「政府信息公开行政复议、行政诉讼情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「尚未审结总计000000000000000」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出'),
    ],
    "pingtan-archive/pingtan2020_page.txt": [
        ('table-unreadable', 'error', '10:4643 第14段（二、主动公开政府信息情况）', '表二「主动公开政府信息情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「规章007」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出'),
        ('table-unreadable', 'error', '10:4950 第15段（三、收到和处理政府信息公开申请情况）', '表三「收到和处理政府信息公开申请情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「本年新收政府信息公开申请数量200 000121」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出'),
        ('table-unreadable', 'error', '10:5537 第20段（四、政府信息公开行政复议、行政诉讼情况）', '表四「政府信息公开行政复议、行政诉讼情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「尚未审结总计000000000000000」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出'),
    ],
    "pingtan-archive/pingtan2021_page.txt": [
        ('leftover-text', 'error', '10:1 第10段', '网页上的导航或按钮文字混入了报告：「当前位置： 首页」'),
        ('leftover-text', 'error', '10:85 第10段', '网页上的导航或按钮文字混入了报告：「微信 微博 QQ空间」'),
        ('leftover-text', 'error', '10:104 第10段', '网页上的导航或按钮文字混入了报告：「文件下载」'),
        ('table-unreadable', 'error', '10:2106 第17段（二、主动公开政府信息情况）', '表二「主动公开政府信息情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「规章 000」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出'),
        ('table-unreadable', 'error', '10:2330 第18段（三、收到和处理政府信息公开申请情况）', '表三「收到和处理政府信息公开申请情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「本年新收政府信息公开申请数量640020470」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出'),
        ('table-unreadable', 'error', '10:2986 第22段（四、政府信息公开行政复议、行政诉讼情况）', '表四「政府信息公开行政复议、行政诉讼情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「尚未审结总计10203120001200000」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出'),
        ('leftover-text', 'error', '10:3349 第25段（六、其他需要报告的事项）', '网页上的导航或按钮文字混入了报告：「附件下载」'),
    ],
    "pingtan-archive/pingtan2025_page.txt": [
        ('contact-info', 'error', '全文', '未找到联系电话（如对本报告有疑问的联系方式）'),
        ('table-unreadable', 'error', '10:1282 第17段（二、主动公开政府信息情况）', '表二「主动公开政府信息情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「规章000」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出'),
        ('table-unreadable', 'error', '10:1504 第18段（三、收到和处理政府信息公开申请情况）', '表三「收到和处理政府信息公开申请情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「本年新收政府信息公开申请数量15130000154」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出'),
        ('table-unreadable', 'error', '10:2167 第22段（四、政府信息公开行政复议、行政诉讼情况）', '表四「政府信息公开行政复议、行政诉讼情况」只剩文字，表格结构已丢失（标签和数字连在一起，如「尚未审结总计25380363300630003」），其中的数字无法核对；请从原表格（Word、Excel 或网页表格）重新导出'),
    ],
}


@pytest.fixture(scope="module")
def wild():
    report = lint_paths([str(WILD / "pingtan-archive"), str(WILD / "KIROGOVCOMPARE"), str(WILD / "govnianbao"),
                         str(WILD / "SOURCES.md")])
    found: dict[str, list] = {}
    for f in report.findings:
        found.setdefault(f.path.split("reports-wild/")[1], []).append(
            (f.rule, f.severity, f.location.render(), f.text()))
    return report, found


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_report_findings(wild, name):
    assert wild[1].get(name, []) == EXPECTED[name]


def test_nothing_else_is_reported_and_nothing_fails(wild):
    report, found = wild
    assert set(found) == set(EXPECTED)
    assert report.errors == []


def test_a_fragment_and_a_note_about_the_reports_are_skipped(wild):
    report = wild[0]
    assert {p.split("reports-wild/")[1]: report.skip_reasons[p][0] for p in report.skipped} == {
        "govnianbao/section3_raw_text.txt": "没有政府信息公开工作年度报告的标题，只有报告的 1 个部分、0 张统计表",
        "SOURCES.md": "没有政府信息公开工作年度报告的标题，只有报告的 0 个部分、0 张统计表",
    }


def test_the_region_government_reports_are_dated_within_their_deadline():
    # 平潭综合实验区 is a region government: its reports are due by 31 March, and were published in January to March
    for year, published in ((2019, "2020-01-20"), (2020, "2021-03-05"), (2021, "2022-02-08"), (2025, "2026-03-10")):
        doc = load_document(str(WILD / "pingtan-archive" / f"pingtan{year}_page.txt"))
        assert (doc.year, doc.title) == (year, f"平潭综合实验区{year}年度政府信息公开工作年度报告")
        assert any(published in p.text for p in doc.paragraphs[:3])


# -- openings ---------------------------------------------------------------------------------------------------
# What an opening is checked for, and what the cut after 一、总体情况 leaves nothing to check.
OPENING_RULES = {"statistics-period", "contact-info", "leftover-text", "section-title", "year-mismatch",
                 "publication-deadline"}
NO_PHONE = ("contact-info", "全文", "未找到联系电话（如对本报告有疑问的联系方式）")


def no_period(year: int) -> tuple[str, str, str]:
    return ("statistics-period", "全文", f"未找到统计期限（如“本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止”）")


def chrome(where: str, text: str) -> tuple[str, str, str]:
    return ("leftover-text", where, f"网页上的导航或按钮文字混入了报告：「{text}」")


OPENINGS = {
    "op001": [NO_PHONE, chrome("3:1 第2段", "字号:")],
    "op002": [NO_PHONE, no_period(2023)],
    "op003": [NO_PHONE, no_period(2023)],
    "op004": [NO_PHONE],
    "op005": [NO_PHONE],
    "op006": [chrome("2:1 第2段", "返回首页"), chrome("3:1 第3段", "您现在所在的位置: 网站首页"), chrome("8:1 第6段", "[字体:]"),
              ("statistics-period", "10:145 第7段",
               "统计期限「20241月1日至12月31日」无法读作起止日期（有错字或缺字），应为“2024年1月1日至2024年12月31日”")],
    "op007": [NO_PHONE],
    "op008": [NO_PHONE],
    "op009": [],
    "op010": [NO_PHONE, no_period(2023)],
    "op011": [NO_PHONE, no_period(2023)],
    "op012": [],
    "op013": [NO_PHONE],
    "op014": [],
    "op015": [NO_PHONE, ("statistics-period", "3:148 第2段",
                         "只写了时间点「2022年12月31日」，未写明统计期限的起止日期（应为“2022年1月1日至2022年12月31日”）")],
    "op016": [NO_PHONE],
    "op017": [NO_PHONE],
    "op018": [NO_PHONE],
    "op019": [NO_PHONE],
    "op020": [NO_PHONE, no_period(2022)],
    "op021": [NO_PHONE, chrome("9:5 第9段", "浏览次数:")],
    "op022": [chrome("2:1 第2段", "当前位置: 首页")],
    "op023": [],
    "op024": [("statistics-period", "4:141 第3段",
               "统计期限「2018年11日至2018年1231日」无法读作起止日期（有错字或缺字），应为“2018年1月1日至2018年12月31日”")],
    # a 2016 report: its first heading is the old 一、概述, a variant of today's 一、总体情况
    "op025": [("section-title", "8:1 第6段（一、概述）", "标题「一、概述」与规定标题「一、总体情况」不一致")],
    "op026": [NO_PHONE, no_period(2023), chrome("2:1 第2段", "当前位置: 首页"), chrome("11:18 第8段", "访问次数:")],
    "op027": [NO_PHONE, chrome("3:35 第2段", "点击数:"), chrome("3:41 第2段", "分享到:")],
    "op028": [NO_PHONE, no_period(2021)],
    "op029": [chrome("8:11 第5段", "浏览次数:"),
              ("contact-info", "9:195 第6段", "电话号码「3838739」缺少区号（应为“区号-号码”，如 0537-8928868）")],
    "op030": [NO_PHONE, no_period(2021)],
    "op031": [NO_PHONE, no_period(2024)],
}


def _manifest() -> dict[str, dict[str, str]]:
    with open(WILD / "openings" / "MANIFEST.tsv", encoding="utf-8", newline="") as f:
        return {row["file"][:-4]: row for row in csv.DictReader(f, delimiter="\t")}


@pytest.fixture(scope="module")
def openings():
    report = lint_paths([str(WILD / "openings")])
    found: dict[str, list] = {}
    for f in report.findings:
        if f.rule in OPENING_RULES and not (f.rule == "publication-deadline" and "date" not in f.details):
            found.setdefault(f.path.split("/")[-1][:-4], []).append((f.rule, f.location.render(), f.text()))
    return report, found


def test_every_opening_is_checked_as_a_report(openings):
    report = openings[0]
    assert (report.skipped, report.errors, len(report.paths)) == ([], [], 31)
    assert set(_manifest()) == set(OPENINGS)


@pytest.mark.parametrize("name", sorted(OPENINGS))
def test_opening_findings(openings, name):
    assert openings[1].get(name, []) == OPENINGS[name]


@pytest.mark.parametrize("name", sorted(OPENINGS))
def test_opening_period_and_phone_read_as_the_manifest_records(name):
    row = _manifest()[name]
    doc = load_document(str(WILD / "openings" / row["file"]))
    assert doc.year == int(row["report_year"])
    read = [p.text for p in find_periods(doc.paragraphs, DEFAULT_KEYWORDS)]
    recorded = row["statistics_period_text"]
    if recorded and not any(f[0] == "statistics-period" for f in OPENINGS[name]):  # a period read as a range
        assert read and all(text.replace(" ", "") in recorded for text in read), (read, recorded)
    elif recorded:  # garbled or a point in time: quoted by the finding, never "not found"
        assert any(f[0] == "statistics-period" and "未找到" not in f[2] for f in OPENINGS[name])
    missing_phone = NO_PHONE in OPENINGS[name]
    assert missing_phone == (not row["phones"]), row["phones"]
