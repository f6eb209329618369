"""The HTML reader on small pages written in the tests, and a complete report laid out like a government portal
page (report tables with real rowspan/colspan headers inside a layout table) run through the national pack."""

from __future__ import annotations

import random

import pytest

from report_builder import (
    SECTION_HEADINGS,
    T2_BANDS,
    T2_INFO_HEADER,
    T3_APPLICANT_HEADER,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COLUMNS,
    T3_CORNER,
    T3_GROUPS,
    T3_NEW,
    T3_OPEN,
    T3_ORG_COLUMNS,
    T3_ORG_HEADER,
    T3_PARTIAL,
    T3_RESULTS,
    T3_ROW_PATHS,
    T3_ROWS,
    T3_TOTAL_ROW,
    T4_GROUPS,
    T4_LEAVES,
    T4_LITIGATION,
    T4_REVIEW,
    ReportSpec,
    t2_texts,
    t3_texts,
    t4_texts,
)
from reportlint.api import lint_document
from reportlint.errors import InputError
from reportlint.model import Paragraph, Table
from reportlint.readers import READERS, load_document
from reportlint.readers.html import declared_charset

PERIOD = "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
AGENCY = "某市卫生健康局"


def _write(tmp_path, data: str | bytes, name: str = "r.html") -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def _read(tmp_path, data: str | bytes, name: str = "r.html"):
    return load_document(_write(tmp_path, data, name))


def _shape(doc) -> list[tuple]:
    return [("P", b.text, b.heading_level, b.line) if isinstance(b, Paragraph)
            else ("T", b.index, b.line, b.nested_in) for b in doc.blocks]


def _cells(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.grid]


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


# -- a complete report as a portal page --------------------------------------------------------------------
def _td(text: str, colspan: int = 1, rowspan: int = 1, tag: str = "td") -> str:
    attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
    return f"<{tag}{attrs}>{text}</{tag}>"


def _nbsp(text: str) -> str:
    """Data cells as Word saves them: centred with NBSP padding ("&nbsp;12"); an empty cell is "&nbsp;"."""
    return f"&nbsp;{text}" if text else "&nbsp;"


def _label(text: str) -> str:
    """A long label broken with <br> like the official form's narrow columns."""
    return text.replace("（区分处理的", "<br>（区分处理的")


def t2_html(spec: ReportSpec) -> list[str]:
    texts = t2_texts(spec)
    rows = []
    for heading, cols, labels in T2_BANDS:
        rows.append(_td(heading, 4))
        if len(cols) == 1:
            rows.append(_td(T2_INFO_HEADER) + _td(cols[0], 3))
            rows += [_td(label) + _td(_nbsp(texts[(label, cols[0])]), 3) for label in labels]
        else:
            rows.append(_td(T2_INFO_HEADER) + "".join(_td(c) for c in cols))
            rows += [_td(label) + "".join(_td(_nbsp(texts[(label, c)])) for c in cols) for label in labels]
    return ['<table border="1" class="MsoTableGrid">', "<tbody>", *(f"<tr>{r}</tr>" for r in rows),
            "</tbody>", "</table>"]


def t3_html(spec: ReportSpec) -> list[str]:
    """Table 三 with the official merges: corner 3×3, 申请人情况 over 7 columns, 自然人/总计 over two header rows,
    法人或其他组织 over 5; 三、本年度办理结果 down 22 rows, （三）–（六） down their leaves."""
    texts = t3_texts(spec)

    def values(row: str) -> str:
        return "".join(_td(_nbsp(texts[(row, col)])) for col in T3_COLUMNS)

    head = [
        _td(T3_CORNER, 3, 3, "th") + _td(T3_APPLICANT_HEADER, 7, 1, "th"),
        _td(T3_COLUMNS[0], 1, 2, "th") + _td(T3_ORG_HEADER, 5, 1, "th") + _td("总计", 1, 2, "th"),
        "".join(_td(c[:2] + "<br>" + c[2:] if len(c) == 4 else c, tag="th") for c in T3_ORG_COLUMNS),
    ]
    results = 2 + sum(len(v) for v in T3_GROUPS.values()) + 1
    body = [
        _td(T3_NEW, 3) + values(T3_NEW),
        _td(T3_CARRIED_IN, 3) + values(T3_CARRIED_IN),
        _td(T3_RESULTS, 1, results) + _td(T3_OPEN, 2) + values(T3_OPEN),
        _td(_label(T3_PARTIAL), 2) + values(T3_PARTIAL),
    ]
    for group, leaves in T3_GROUPS.items():
        body.append(_td(group, 1, len(leaves)) + _td(leaves[0]) + values(leaves[0]))
        body += [_td(leaf) + values(leaf) for leaf in leaves[1:]]
    body.append(_td(T3_TOTAL_ROW, 2) + values(T3_TOTAL_ROW))
    body.append(_td(T3_CARRIED_OUT, 3) + values(T3_CARRIED_OUT))
    return ['<table border="1" style="border-collapse:collapse;width:100%">', "<thead>",
            *(f"<tr>{r}</tr>" for r in head), "</thead>", "<tbody>", *(f"<tr>{r}</tr>" for r in body),
            "</tbody>", "</table>"]


def t4_html(spec: ReportSpec) -> list[str]:
    texts = t4_texts(spec)
    rows = [
        _td(T4_REVIEW, 5) + _td(T4_LITIGATION, 10),
        "".join(_td(leaf, 1, 2) for leaf in T4_LEAVES) + _td(T4_GROUPS[1], 5) + _td(T4_GROUPS[2], 5),
        "".join(_td(leaf) for leaf in T4_LEAVES * 2),
        "".join(_td(_nbsp(texts[(g, leaf)])) for g in T4_GROUPS for leaf in T4_LEAVES),
    ]
    return ['<table border="1">', *(f"<tr>{r}</tr>" for r in rows), "</table>"]


def html_report(spec: ReportSpec | None = None) -> str:
    spec = spec or ReportSpec(agency=AGENCY, period=PERIOD)
    opening = [f"本报告由{spec.agency}按照《中华人民共和国政府信息公开条例》要求编制。"]
    opening += [s for s in (spec.resolved_period(), spec.resolved_contact()) if s]
    lines = [
        "<!DOCTYPE html>",
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        f"<title>{spec.resolved_title()}_政府信息公开年报</title>",
        "<style>td{font-size:14px}</style><script>var s='一、总体情况';</script>",
        "</head><body>",
        '<nav class="crumbs">首页 &gt; 政府信息公开 &gt; 年度报告</nav>',
        '<table width="980" class="layout"><tr><td>',
        '<div class="article">',
        f'<h1 style="text-align:center">{spec.resolved_title()}</h1>',
        f"<p>&nbsp;&nbsp;{''.join(opening)}</p>",
        "<!-- 正文开始 -->",
    ]
    tables = {"二": t2_html, "三": t3_html, "四": t4_html}
    for heading, body in spec.resolved_sections():
        lines += [f'<p style="font-weight:bold">{heading}</p>', f"<p>&nbsp;&nbsp;{body}</p>"]
        if heading[0] in tables:
            lines += tables[heading[0]](spec)
    if spec.resolved_signed():
        lines += [f'<p style="text-align:right">{spec.agency}<br>{spec.resolved_signed()}</p>']
    lines += ["</div>", "</td></tr>", '<tr><td class="footer">主办单位：某某市人民政府办公室</td></tr>',
              "</table>", "<script>document.title += '';</script>", "</body></html>"]
    return "\n".join(lines)


def _line_of(text: str, needle: str, after: int = 0) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if i > after and needle in line)


def _lint(tmp_path, national_pack, page: str):
    doc = load_document(_write(tmp_path, page.encode("gb18030")))
    return [(f.rule, f.location.render(), f.text()) for f in lint_document(doc, national_pack)]


def test_registered_suffixes():
    assert READERS[".html"] is READERS[".htm"]
    assert READERS[".html"].__name__ == "read_html"


def test_complete_report_page_reads_and_is_clean(tmp_path, national_pack):
    page = html_report()
    doc = _read(tmp_path, page.encode("gb18030"))  # declared gb2312, written as GBK/GB18030

    assert doc.format == "html"
    assert doc.title == "某市卫生健康局2023年政府信息公开工作年度报告"
    assert [s.title for s in doc.sections() if s.level == 1] == SECTION_HEADINGS
    # the layout table is not a block; the three report tables are, numbered 1–3, not nested
    starts = [_line_of(page, "<table border")]
    for _ in range(2):
        starts.append(_line_of(page, "<table border", starts[-1]))
    assert [(t.index, t.nested_in, t.line) for t in doc.tables] == [
        (1, None, starts[0]), (2, None, starts[1]), (3, None, starts[2])]
    assert doc.paragraphs[-1].text == "主办单位：某某市人民政府办公室"
    assert "var s" not in doc.text() and "首页" not in doc.text() and "正文开始" not in doc.text()
    assert _lint(tmp_path, national_pack, page) == []


def test_table_3_spans_resolve_to_the_official_labels(tmp_path):
    page = html_report()
    t = _read(tmp_path, page).tables[1]
    assert (t.nrows, t.ncols, t.label_cols) == (28, 10, 3)
    assert t.row_kinds == ["header"] * 3 + ["data"] * 25
    assert t.grid[0][0] is t.grid[2][2]  # corner: colspan 3, rowspan 3
    assert t.grid[1][3] is t.grid[2][3] and t.grid[1][9] is t.grid[2][9]
    assert t.grid[5][0] is t.grid[26][0] and t.grid[5][0].text == T3_RESULTS
    assert t.grid[2][4].text == "商业\n企业"
    assert t.grid[3][3].text == "\xa046"
    assert len(t.data) == 175
    assert list(dict.fromkeys(tuple(lab.cell.key for lab in d.row_path) for d in t.data)) == [
        tuple(lab.replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ",")
              .replace("“", '"').replace("”", '"') for lab in T3_ROW_PATHS[row]) for row in T3_ROWS
    ]
    assert list(dict.fromkeys(d.column_label for d in t.data)) == [
        "申请人情况 / 自然人", *(f"申请人情况 / 法人或其他组织 / {c}" for c in T3_ORG_COLUMNS), "申请人情况 / 总计"]
    first_body = _line_of(page, T3_NEW)
    assert t.row_lines == [t.line + 2, t.line + 3, t.line + 4, *range(first_body, first_body + 25)]


def test_wrong_total_is_found_at_its_line(tmp_path, national_pack):
    spec = ReportSpec(agency=AGENCY, period=PERIOD, t3={(T3_TOTAL_ROW, "法律服务机构"): "4"})
    page = html_report(spec)
    line = _line_of(page, T3_TOTAL_ROW)
    col = "申请人情况 / 法人或其他组织 / 法律服务机构"
    where = f"{line}:1 第2张表 行「三、本年度办理结果 / （七）总计」"
    # one wrong cell breaks E1, E2 and E3: one finding, at the cell's own line
    assert _lint(tmp_path, national_pack, page) == [
        ("t3-balance", f"{where} 列「{col}」",
         f"表三「三、本年度办理结果 / （七）总计」「{col}」很可能填错：现为 4，它所在的 3 个等式都要求它为 3（t3-balance "
         f"列「{col}」，t3-results-total 列「{col}」，t3-row-total 行「三、本年度办理结果 / （七）总计」）"),
    ]


def test_nbsp_only_cell_is_blank(tmp_path, national_pack):
    spec = ReportSpec(agency=AGENCY, period=PERIOD, t3={(T3_CARRIED_OUT, "科研机构"): ""})
    page = html_report(spec)
    assert _lint(tmp_path, national_pack, page) == [
        ("blank-cell", f"{_line_of(page, T3_CARRIED_OUT)}:1 第2张表 行「四、结转下年度继续办理」 "
                       "列「申请人情况 / 法人或其他组织 / 科研机构」",
         "表三「四、结转下年度继续办理」「申请人情况 / 法人或其他组织 / 科研机构」为空，应填整数（没有的填 0）"),
    ]


# -- structure ---------------------------------------------------------------------------------------------
def test_paragraphs_headings_and_skipped_content_in_order(tmp_path):
    page = (
        "<html><head><title>页面标题</title><style>p{}</style></head>\n"  # 1
        "<body><script>var x = '不读';</script>\n"  # 2
        "<nav>首页</nav><!-- 注释 -->\n"  # 3
        "<h2>一、总体\n情况</h2>\n"  # 4–5: a line break between CJK characters vanishes
        "<p>&nbsp;&nbsp;本年度，我局<b>认真</b>贯彻\n"  # 6
        "  <a href='x'>《条例》</a>, OK\n   again。</p>\n"  # 7–8
        "<p hidden>隐藏</p><div style='display: none'>也隐藏</div>\n"  # 9
        "<div>正文文字<span>在div里</span>\n"  # 10
        "<ul><li>列表项 one two</li></ul>div 的尾巴</div>\n"  # 11
        "文字节点<br>\n"  # 12
        "（一）第二行<br><br>\n"  # 13
        "<h3>三级</h3>\n"  # 14
        "</body></html>\n"
    )
    doc = _read(tmp_path, page)
    assert _shape(doc) == [
        ("P", "一、总体情况", 2, 4),
        ("P", "\xa0\xa0本年度，我局认真贯彻《条例》, OK again。", None, 6),
        ("P", "正文文字在div里", None, 10),
        ("P", "列表项 one two", None, 11),
        ("P", "div 的尾巴", None, 11),
        ("P", "文字节点", None, 12),
        ("P", "（一）第二行", None, 13),
        ("P", "三级", 3, 14),
    ]


def test_cells_br_blocks_nbsp_and_row_groups(tmp_path):
    page = _page(
        "<table>\n"  # 1
        "<tfoot><tr><td>脚</td><td>9</td></tr></tfoot>\n"  # 2: rows in document order
        "<thead><tr><th>项目</th><th>数量<br>（件）</th></tr></thead>\n"  # 3
        "<tbody><tr><td><p>行政</p><div>许可</div></td><td>&nbsp;</td></tr>\n"  # 4
        "<tr><td>  a\n  b  </td><td><span>1</span><span>2</span></td></tr></tbody>\n"  # 5
        "</table>"
    )
    t = _read(tmp_path, page).tables[0]
    assert _cells(t) == [["脚", "9"], ["项目", "数量\n（件）"], ["行政\n许可", "\xa0"], ["a b", "12"]]
    assert (t.line, t.row_lines) == (1, [2, 3, 4, 5])


def test_bad_spans_are_clamped(tmp_path):
    page = _page(
        "<table>"
        '<tr><td rowspan="0">全</td><td colspan="0">a</td><td colspan="abc">b</td></tr>'
        '<tr><td rowspan="1000000">c</td><td colspan="-2">d</td></tr>'
        '<tr><td colspan="1000000">e</td></tr>'
        "</table>"
    )
    t = _read(tmp_path, page).tables[0]
    assert (t.nrows, t.ncols) == (3, 1002)  # no colspan beyond 1000 (plus the two rowspan columns)
    assert t.grid[0][0] is t.grid[2][0]  # rowspan 0: to the last row
    assert t.grid[1][1].row_span == 2  # rowspan 1000000: the rows left
    assert [c.text for c in t.grid[0][:4]] == ["全", "a", "b", ""]
    assert t.grid[2][2].col_span == 1000 and t.grid[2][2].text == "e"


def test_huge_colspans_on_many_rows_do_not_inflate_the_grid(tmp_path):
    rows = "".join(f'<tr><td colspan="1000">{i}</td><td>x</td></tr>' for i in range(400))
    t = _read(tmp_path, _page(f"<table>{rows}</table>")).tables[0]
    assert (t.nrows, t.ncols) == (400, 2)


def test_layout_wrapper_is_dropped_statistical_table_keeps_its_nested_table(tmp_path):
    page = _page(
        "<table><tr><td>导航</td><td>\n"  # 1: layout: a cell holds a table
        "<p>正文</p>\n"  # 2
        "<table><tr><td>项目</td><td>数量</td></tr>\n"  # 3: statistical, with a nested table
        "<tr><td>甲</td><td>1</td></tr><tr><td>乙</td><td>2</td></tr>\n"  # 4
        "<tr><td>丙</td><td>3</td></tr><tr><td>丁<table><tr><td>内</td><td>5</td></tr></table></td>"  # 5
        "<td>4</td></tr></table>\n"
        "</td></tr></table>"
    )
    doc = _read(tmp_path, page)
    assert _shape(doc) == [("P", "导航", None, 1), ("P", "正文", None, 2), ("T", 1, 3, None), ("T", 2, 5, 1)]
    outer, inner = doc.tables
    assert _cells(outer)[-1] == ["丁", "4"]
    assert _cells(inner) == [["内", "5"]]


def test_table_caption_is_a_paragraph_before_it(tmp_path):
    doc = _read(tmp_path, _page("<table><caption>表二 主动公开</caption><tr><td>规章</td><td>1</td></tr></table>"))
    assert _shape(doc) == [("P", "表二 主动公开", None, 1), ("T", 1, 1, None)]
    assert doc.tables[0].caption == "表二 主动公开"


# -- decoding ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta charset="gbk">', "gbk"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030"),
        ('<meta charset="GB2312" />', "gbk"),
        ("", "gb18030"),  # nothing declared: UTF-8 fails, GB18030 reads it
        ('<meta charset="utf-8">', "gb18030"),  # declared wrongly: UTF-8 fails, GB18030 reads it
        ('<meta charset="gbk">', "utf-8"),  # declared wrongly the other way
    ],
)
def test_declared_and_undeclared_chinese_encodings(tmp_path, head, encoding):
    text = "朱镕基" + ("㐀" if encoding != "gbk" else "")  # 镕 is not GB2312; 㐀 is GB18030 only
    doc = _read(tmp_path, _page(f"<p>{text}</p>", head).encode(encoding))
    assert [p.text for p in doc.paragraphs] == [text]


def test_declared_charset_labels():
    assert declared_charset(b'<meta charset="gb2312">') == "gb18030"
    assert declared_charset(b"<meta content='text/html;charset=x-gbk' http-equiv=Content-Type>") == "gb18030"
    assert declared_charset(b'<?xml version="1.0" encoding="GBK"?><html>') == "gb18030"
    assert declared_charset(b'<meta charset="utf-16">') == "utf-8"
    assert declared_charset(b'<meta charset="big5">') == "big5hkscs"
    assert declared_charset(b'<meta charset="no-such-codec">') is None
    assert declared_charset(b"<p>charset=gbk</p>") is None


def test_undeclared_undecodable_page(tmp_path):
    with pytest.raises(InputError) as err:
        _read(tmp_path, b"<p>\x81\x30\xff\xfe</p>")
    assert (err.value.code, err.value.detail) == ("decode", "neither UTF-8, GB18030 nor Big5")


# -- robustness --------------------------------------------------------------------------------------------
def test_ten_thousand_nested_divs_is_an_input_error(tmp_path):
    page = _page("<div>" * 10_000 + "一、总体情况" + "</div>" * 10_000)
    with pytest.raises(InputError) as err:
        _read(tmp_path, page)
    assert err.value.code == "too-deep"
    assert err.value.render("en").endswith("nests elements more than 2048 levels deep and cannot be read completely")


def test_deep_but_parseable_nesting_is_read(tmp_path):
    page = _page("<div>" * 1500 + "一、总体情况" + "</div>" * 1500 + "<p>后文</p>")
    assert [p.text for p in _read(tmp_path, page).paragraphs] == ["一、总体情况", "后文"]


def test_empty_ragged_and_degenerate_tables(tmp_path):
    page = _page(
        "<table></table><table><tr></tr></table>"  # empty: no blocks
        "<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>1</td></tr></table>"  # ragged
        "<table><td>x</td><td>y</td></table>"  # cells without <tr>
    )
    doc = _read(tmp_path, page)
    assert [_cells(t) for t in doc.tables] == [[["a", "b", "c"], ["1", "", ""]], [["x", "y"]]]


def test_whitespace_only_page_has_no_blocks(tmp_path):
    assert _read(tmp_path, "  \n <!-- nothing --> \n").blocks == []


def test_random_bytes_raise_only_input_errors(tmp_path):
    rng = random.Random(7)
    outcomes = set()
    for i in range(40):
        if i % 2:
            data = bytes(rng.choice(b"<>/=\"' tdrbalepv&;#x1\n") for _ in range(400))
        else:
            data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        try:
            doc = _read(tmp_path, data)
            outcomes.add("read")
            assert all(isinstance(b, Paragraph | Table) for b in doc.blocks)
        except InputError as exc:
            outcomes.add(exc.code)
    assert outcomes == {"read", "decode"}


def test_binary_file_named_html(tmp_path):
    with pytest.raises(InputError) as err:
        _read(tmp_path, b"%PDF-1.7\n\x00\x01binary", name="report.htm")
    assert (err.value.code, err.value.detail) == ("decode", "a PDF file, not text")


def test_official_template_tables_read_the_same_as_from_docx(tmp_path):
    """The blank official template's three tables, written out as HTML with their real merges (rowspan/colspan
    from the .docx grid, line breaks as <br>): the HTML reader derives the same rows, columns and labels."""
    from html import escape

    from shared_data import TEMPLATE

    if not TEMPLATE.is_file():
        pytest.skip(f"template not available: {TEMPLATE}")
    tables = load_document(str(TEMPLATE)).tables
    parts = []
    for t in tables:
        parts.append("<table border=1>")
        for r, row in enumerate(t.grid):
            cells = [
                _td(escape(cell.text).replace("\n", "<br>"), cell.col_span, cell.row_span)
                for c, cell in enumerate(row) if cell.row == r and cell.col == c
            ]
            parts.append(f"<tr>{''.join(cells)}</tr>")
        parts.append("</table>")
    again = _read(tmp_path, _page("\n".join(parts))).tables

    def summary(t: Table):
        return (t.nrows, t.ncols, t.label_cols, t.row_kinds,
                [(d.row, d.col, d.row_label, d.column_label, d.cell.display) for d in t.data])

    assert len(again) == 3
    assert [summary(t) for t in again] == [summary(t) for t in tables]
    assert [len(t.data) for t in again] == [10, 175, 15]


def test_a_page_flattened_into_one_element_is_split_before_its_headings(tmp_path):
    from test_text_reader import FLAT_LINE

    page = tmp_path / "flat.html"
    page.write_text(f"<html><body><p>某局2023年政府信息公开工作年度报告</p><p>{FLAT_LINE}</p></body></html>", encoding="utf-8")
    assert [p.text[:8] for p in load_document(str(page)).paragraphs] == [
        "某局2023年政", "本报告包括：一、", "一、总体情况20", "（一）主动公开。", "二、主动公开政府", "三、收到和处理政", "二、上年结转政府"]


_FAST_PATH_CELLS = (
    "<table><tr><td>12</td><td> 1 2 </td><td>\n政府\n信息\n</td><td>a\n b</td><td>&nbsp;</td><td></td><td>\t</td></tr>"
    "<tr><th>项目 （件）</th><td>&#12288;3&#12288;</td><td>x&nbsp; y</td><td><br></td><td><span>7</span></td>"
    "<form><td>8</td></form><td>中\r\n文</td></tr>"
    "<tr><td>a  b </td><td> x</td><td>y\t</td><td>p\fq</td><td>一\u3000二</td><td>r\rs</td><td> </td></tr></table>"
)


@pytest.mark.parametrize("source", ["written", "shared"])
def test_html_fast_paths_equal_the_walk(source):
    """A cell of text only is read without the walk, a row without a form without the row walk: both give what
    the plain paths give, on cells written here (whitespace, CJK line breaks, NBSP, ideographic spaces, empty)
    and on every cell of the real page in ../shared."""
    from lxml import etree

    from reportlint.model.layouts import LayoutLibrary
    from reportlint.readers import html

    if source == "written":
        data = _page(_FAST_PATH_CELLS)
    else:
        from shared_data import SHARED

        page = SHARED / "corpus" / "reports-wild" / "KIROGOVCOMPARE" / "filing_html_import_fixture.html"
        if not page.is_file():
            pytest.skip("../shared is not here")
        data = page.read_text(encoding="utf-8")
    root = html._parse("p.html", data)
    reader = html._HtmlReader(0, 1, LayoutLibrary())
    leaves = [c for c in root.iter("td", "th") if len(c) == 0]
    assert len(leaves) >= (19 if source == "written" else 250)
    for cell in leaves:
        assert html._collapse(cell.text or "") == reader._cell_text(cell, 1, 1, []), etree.tostring(cell)
    rows = list(root.iter("tr"))
    assert any(html._row_cells(tr) != [c for c in tr if c.tag in ("td", "th")] for tr in rows) == (
        source == "written")
    for tr in rows:
        assert html._row_cells(tr) == html._row_cells_walked(tr)


def _is_layout_plainly(rows: list) -> bool:
    """The layout test as first written: every cell's text read and its numbers counted."""
    from reportlint.normalize import parse_number
    from reportlint.readers import html

    cells = [c for _, row in rows for c in row]
    if not cells or max(len(row) for _, row in rows) < 2:
        return True
    structural, numbers = False, 0
    for cell in cells:
        if next(cell.iter("table", "h1", "h2", "h3", "h4", "h5", "h6"), None) is not None and len(cell):
            structural = True
            continue
        text = cell.text or "" if len(cell) == 0 else html._string(cell)
        if len(text) > html.LAYOUT_CELL_CHARS:
            structural = True
        elif parse_number(text, decimal=True) is not None:
            numbers += 1
    return structural and numbers < 4


@pytest.mark.parametrize("source", ["written", "shared"])
def test_the_layout_test_counts_numbers_only_where_they_decide_and_decides_as_before(source):
    from reportlint.readers import html

    long = "文" * 501
    if source == "written":
        pages = [_page(body) for body in (
            "<table><tr><td>1</td><td>2</td></tr></table>",  # statistics
            f"<table><tr><td>{long}</td><td>2</td></tr></table>",  # an article beside three numbers and less
            f"<table><tr><td>{long}</td><td>1</td><td>2</td><td>3</td><td>4</td></tr></table>",  # and four
            "<table><tr><td><h2>标题</h2></td><td>x</td></tr><tr><td>1</td><td>2</td></tr></table>",
            "<table><tr><td><table><tr><td>1</td><td>2</td></tr></table></td><td>3</td></tr></table>",
            "<table><tr><td>x</td></tr></table>")]  # one column
    else:
        from shared_data import SHARED

        page = SHARED / "corpus" / "reports-wild" / "KIROGOVCOMPARE" / "filing_html_import_fixture.html"
        if not page.is_file():
            pytest.skip("../shared is not here")
        pages = [page.read_text(encoding="utf-8")]
    decided = []
    for data in pages:
        for table in html._parse("p.html", data).iter("table"):
            rows = html._table_rows(table)
            decided.append(html._is_layout(rows))
            assert decided[-1] == _is_layout_plainly(rows)
    assert decided == ([False, True, False, True, True, False, True] if source == "written" else [False] * 3)
