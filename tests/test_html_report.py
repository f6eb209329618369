"""``--format html``: the self-contained page, parsed with lxml, then rendered in headless Chromium."""

import os
import shutil
import signal
import subprocess

import lxml.html
import pytest

from report_builder import ReportSpec, build_report
from reportlint.api import default_pack, rule_infos
from reportlint.cli import main

ODD_NAME = "bad <&\"'>.docx"  # file names, cell texts and messages must come out escaped
ODD_CELL = '<b>&"x'
T3_ARITHMETIC = [  # (row, col, rule, text) of the cells the findings point at, table 2 (表三)
    (27, 4, "t3-balance", "44"),  # the one wrong cell, which breaks E1, E2 and E3
]
HIGHLIGHTED = [(2, *c) for c in T3_ARITHMETIC] + [(3, 4, 12, "blank-cell", ODD_CELL)]
LOCATIONS = [
    "全文",
    "第2张表 行「三、本年度办理结果 / （七）总计」 列「申请人情况 / 自然人」",
    "第3张表 列「行政诉讼 / 复议后起诉 / 结果纠正」",
]
BAD_CELL = f"表四「行政诉讼 / 复议后起诉 / 结果纠正」「{ODD_CELL}」不是数字，应填整数（没有的填 0）"
NOT_ZIP = "错误: 不是有效的 .docx 文件（不是 ZIP 包，文件可能已损坏或被截断）"


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    root = tmp_path_factory.mktemp("html")
    build_report(root / "in" / ODD_NAME, ReportSpec(t3={("（七）总计", "自然人"): "44"},
                                                    t4={("复议后起诉", "结果纠正"): ODD_CELL}, period=None))
    build_report(root / "in" / "clean.docx")
    (root / "in" / "broken.docx").write_bytes(b"not a zip")
    return root


def check(capsys, out, *paths, lang="zh"):
    code = main(["check", "--format", "html", "--lang", lang, "--output", str(out), *map(str, paths)])
    capsys.readouterr()
    return code, out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(reports):
    code = main(["check", "--format", "html", "--output", str(reports / "out.html"), str(reports / "in")])
    return code, (reports / "out.html").read_text(encoding="utf-8")


def cls(name):
    return f"contains(concat(' ', @class, ' '), ' {name} ')"


GRID = f"//table[{cls('grid')}]"
FINDING = f"{GRID}//*[{cls('finding')}]"
INVOLVED = f"{GRID}//*[{cls('involved')}]"


def cells(doc, xpath):
    """(table, row, col, rules, text) of the grid cells the expression selects."""
    return [(int(el.xpath("ancestor::table[1]/@data-table")[0]), int(el.get("data-row")),
             int(el.get("data-col")), el.get("data-rule"), el.text_content()) for el in doc.xpath(xpath)]


def counts(doc):
    return {li.get("data-count"): int(li.findtext("strong"))
            for li in doc.xpath("//section[@id='summary']/ul[@class='counts']/li")}


def sentence(doc):
    return doc.xpath("//section[@id='summary']/p[@class='sentence']")[0].text


def at(doc, row, col, table=2):
    """The drawn cell at a grid position (an origin of a merge)."""
    found = doc.xpath(f"{GRID}[@data-table='{table}']//*[@data-row='{row}'][@data-col='{col}']")
    assert len(found) == 1, (table, row, col)
    return found[0]


def test_summary_files_and_unreadable(page, reports):
    code, text = page
    doc = lxml.html.document_fromstring(text)
    assert code == 2  # an unreadable file
    assert doc.get("lang") == "zh-CN" and doc.xpath("//meta/@charset") == ["utf-8"]
    assert counts(doc) == {"checked": 2, "with-findings": 1, "findings": 3, "error": 3, "warning": 0,
                           "info": 0, "unreadable": 1, "skipped": 0}
    assert sentence(doc) == ("共 3 个问题（3 个错误），涉及 1 个文件；检查未完成：1 个文件读取错误（见错误信息）；共检查 2 个文件，"
                             "1 个无法读取。")
    folder = reports / "in"
    rows = doc.xpath("//table[@id='files']/tbody/tr")  # by agency and year; a file whose title names none last
    files = [(tr.get("data-agency"), tr.get("data-year"), tr.get("data-file"), tr.get("data-errors"), tr[-1].text)
             for tr in rows]
    assert files == [("某某市某某局", "2023", str(folder / ODD_NAME), "3", "有问题"),
                     ("某某市某某局", "2023", str(folder / "clean.docx"), "0", "未发现问题"),
                     ("", "", str(folder / "broken.docx"), "0", "无法读取")]
    errors = doc.xpath("//table[@id='not-checked']//tr[@data-result]")
    assert [[td.text for td in tr] for tr in errors] == [[str(folder / "broken.docx"), "无法读取",
                                                          NOT_ZIP.removeprefix("错误: ")]]
    by_rule = doc.xpath("//table[@id='by-rule']//tr[@data-rule]")
    assert [(tr.get("data-rule"), tr[2].text, tr[3].text) for tr in by_rule] == [
        ("blank-cell", "1", "1"), ("statistics-period", "1", "1"), ("t3-balance", "1", "1")]
    assert [d.get("id") for d in doc.xpath("//section[@id='rules']/details")] == [
        "rule-statistics-period", "rule-t3-balance", "rule-blank-cell"]
    assert [h.text for h in doc.xpath("//section[@class='file']/h2")] == [str(folder / ODD_NAME)]
    assert "bad &lt;&amp;&quot;&#x27;&gt;.docx" in text and ODD_NAME not in text and ODD_CELL not in text


def test_findings_list_links_to_the_highlighted_cells(page):
    doc = lxml.html.document_fromstring(page[1])
    titles = {info.id: info.title("zh") for info in rule_infos(default_pack())}
    rows = doc.xpath(f"//table[{cls('findings')}]//tr[@data-rule]")
    assert [(tr.get("data-rule"), tr[1].text_content(), tr[3].text_content()) for tr in rows] == list(zip(
        ["statistics-period", "t3-balance", "blank-cell"], ["错误"] * 3, LOCATIONS, strict=True))
    for tr in rows:
        assert tr[2].text_content() == tr.get("data-rule") + titles[tr.get("data-rule")]
    assert rows[2][4].text == BAD_CELL
    assert rows[0].xpath(".//a") == []  # no table, no link
    for tr in rows[1:]:
        target = doc.get_element_by_id(tr[3].xpath(".//a/@href")[0][1:])
        assert target.get("data-rule") == tr.get("data-rule") and target.get("title") == tr[4].text


def test_highlighted_and_involved_cells(page):
    doc = lxml.html.document_fromstring(page[1])
    assert cells(doc, FINDING) == HIGHLIGHTED
    # only the wrong cell is boxed; the cells of the equations it breaks are shaded, each under its own rule
    assert {(el.tag, el.get("class")) for el in doc.xpath(FINDING)} == {("td", "finding error")}
    assert doc.xpath(FINDING)[1].get("title") == BAD_CELL
    involved = {(r, c): rules for t, r, c, _, _ in cells(doc, INVOLVED) for rules in
                [at(doc, r, c, t).get("data-involved")]}
    expected = ({(r, 4) for r in range(4, 29)} | {(27, c) for c in range(4, 11)}) - {(27, 4)}
    assert set(involved) == expected
    assert involved[(4, 4)] == "t3-balance" and involved[(6, 4)] == "t3-results-total"
    assert involved[(27, 5)] == "t3-row-total"
    notes = {li.get("data-rule"): li for li in doc.xpath("//ol[@class='notes']/li")}
    balance = notes["t3-balance"]
    assert [span.text for span in balance.xpath(".//span[@class='equation']")] == [
        "本年新收政府信息公开申请数量 + 上年结转政府信息公开申请数量 = （七）总计 + 结转下年度继续办理",
        "（七）总计 = 予以公开 + 部分公开 + Σ不予公开 + Σ无法提供 + Σ不予处理 + Σ其他处理",
        "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 法人或其他组织/其他"]
    assert [b.text for b in balance.xpath(".//b")] == ["48", "47", "44", "45", "60", "59"]
    assert notes["blank-cell"].xpath(".//span[@class='equation']") == []


def test_tables_drawn_with_merges_headers_and_labels(page):
    doc = lxml.html.document_fromstring(page[1])
    assert [t.get("data-table") for t in doc.xpath(GRID)] == ["2", "3"]
    t3 = doc.xpath(GRID + "[@data-table='2']")[0]
    assert len(t3.xpath(".//tr")) == 28 and len(t3.xpath(".//td | .//th")) == 215  # 280 slots, 65 covered
    assert [tr.get("class") for tr in t3.xpath(".//tr")][:4] == ["header", "header", "header", "data"]
    corner = t3.xpath(".//tr")[0][0]
    assert (corner.tag, corner.get("rowspan"), corner.get("colspan")) == ("th", "3", "3")
    total = at(doc, 27, 2)
    assert (total.tag, total.text, total.get("colspan"), total.get("scope"), total.get("class")) == (
        "th", "（七）总计", "2", "row", "label")
    assert at(doc, 6, 1).get("rowspan") == "22"
    assert at(doc, 2, 4).text == "自然人"


def test_self_contained_and_deterministic(page, reports, capsys):
    text = page[1]
    doc = lxml.html.document_fromstring(text)
    assert doc.xpath("//script[@src] | //link | //img | //iframe | //object | //embed") == []
    script = doc.xpath("//script")
    assert len(script) == 1  # inline: sorting and filtering, nothing fetched or stored
    assert not any(part in script[0].text for part in ("fetch(", "XMLHttpRequest", "localStorage", "http", "import"))
    refs = [el.get(a) for el in doc.iter() if isinstance(el.tag, str) for a in ("src", "href") if el.get(a)]
    assert refs and all(ref.startswith("#") for ref in refs)
    for needle in ("@import", "url(", "http://", "https://", "//fonts"):
        assert needle not in text
    assert "@media print" in doc.findtext(".//style")
    _, again = check(capsys, reports / "again.html", reports / "in")
    assert again == text


def test_clean_report_and_english(reports, tmp_path, capsys):
    code, text = check(capsys, tmp_path / "clean.html", reports / "in" / "clean.docx")
    doc = lxml.html.document_fromstring(text)
    assert code == 0
    assert counts(doc) == {"checked": 1, "with-findings": 0, "findings": 0, "error": 0, "warning": 0,
                           "info": 0, "unreadable": 0, "skipped": 0}
    assert doc.xpath(f"//section[@class='file'] | {GRID} | //*[{cls('finding')}]") == []
    assert sentence(doc) == "未发现问题；共检查 1 个文件。"
    code, text = check(capsys, tmp_path / "en.html", reports / "in" / ODD_NAME, lang="en")
    doc = lxml.html.document_fromstring(text)
    assert (code, doc.get("lang")) == (1, "en")
    assert sentence(doc) == "3 findings (3 errors) in 1 file; 1 file checked."
    assert doc.xpath("//section[@id='summary']/h2")[0].text == "Summary"
    rows = doc.xpath(f"//table[{cls('findings')}]//tr[@data-rule]")
    assert rows[1][1].text_content() == "error"
    assert rows[1][3].text_content() == 'table 2 row "三、本年度办理结果 / （七）总计" column "申请人情况 / 自然人"'
    assert cells(doc, FINDING)[0] == (2, *T3_ARITHMETIC[0])


# -- the page in a real browser ----------------------------------------------------------------------------
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
ERROR_BG = "rgb(255, 201, 201)"  # #ffc9c9
# Appended to a copy of the page: records what the browser computed, so --dump-dom shows it.
PROBE = """<script>
for (const el of document.querySelectorAll("table.grid td, table.grid th")) {
  const s = getComputedStyle(el), box = el.getBoundingClientRect();
  el.dataset.bg = s.backgroundColor;
  el.dataset.outline = s.outlineStyle + " " + s.outlineColor;
  el.dataset.x = Math.round(box.left);
  el.dataset.shown = String(box.width > 0 && box.height > 0);
}
document.body.dataset.resources = String(performance.getEntriesByType("resource").length);
</script>"""


def browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def dump_dom(exe, html_file, profile):
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--dump-dom", html_file.resolve().as_uri()]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the browser and its helper processes
        proc.communicate()
        pytest.fail("the browser did not finish within 60 s")
    assert proc.returncode == 0, err.decode("utf-8", "replace")[-2000:]
    return out.decode("utf-8")


@pytest.mark.skipif(browser() is None, reason="no headless browser installed (chromium, chromium-browser or "
                    "google-chrome); on Debian: apt-get install chromium")
def test_page_renders_in_headless_chromium(page, tmp_path):
    text = page[1]
    assert text.count("</body>") == 1
    probed = tmp_path / "probed.html"
    probed.write_text(text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = dump_dom(browser(), probed, tmp_path / "profile")
    doc = lxml.html.document_fromstring(dom)
    assert doc.body.get("data-resources") == "0"  # nothing fetched
    assert cells(doc, FINDING) == HIGHLIGHTED
    t3 = doc.xpath(GRID + "[@data-table='2']")[0]
    assert len(t3.xpath(".//tr")) == 28 and len(t3.xpath(".//td | .//th")) == 215
    assert {el.get("data-shown") for el in t3.xpath(".//td | .//th")} == {"true"}
    for row, col, _, _ in T3_ARITHMETIC:
        cell = at(doc, row, col)
        assert (cell.get("data-bg"), cell.get("data-outline")) == (ERROR_BG, "solid rgb(176, 0, 32)")
    assert at(doc, 4, 12, 3).get("data-bg") == ERROR_BG
    assert at(doc, 5, 4).get("data-bg") == "rgb(255, 244, 194)"  # involved: lighter
    assert at(doc, 5, 5).get("data-bg") == "rgba(0, 0, 0, 0)"  # plain cell
    assert at(doc, 5, 1).get("data-bg") == "rgb(232, 237, 243)"  # row label
    # merges laid out as a grid: each value sits under its column header
    assert at(doc, 4, 4).get("data-x") == at(doc, 2, 4).get("data-x") == at(doc, 27, 4).get("data-x")
    assert at(doc, 27, 10).get("data-x") == at(doc, 2, 10).get("data-x")
    assert at(doc, 4, 12, 3).get("data-x") == at(doc, 3, 12, 3).get("data-x")
