"""The fast paths give what the plain paths give.

The .docx reader parses the package with lxml directly; ``via_python_docx=True`` opens it through python-docx, the
plain path it replaced. Both must produce the same document (the dump, every paragraph and table grid) and the
same findings, on built reports and on every Word file of the wild corpus. The memoised normalisation must give
what the functions compute afresh.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path

import pytest

from report_builder import ReportSpec, build_report
from reportlint import limits, normalize
from reportlint.api import default_pack, lint_document
from reportlint.checks import contact_info, year_mismatch
from reportlint.errors import InputError
from reportlint.model.cells import holds_number
from reportlint.model.layouts import LayoutLibrary
from reportlint.output.dump import to_dict
from reportlint.readers import load_document
from reportlint.readers.docx import read_docx
from reportlint.rulepack import load_pack
from shared_data import CORPUS, SEEDS, TEMPLATE

ROOT = Path(__file__).resolve().parents[1]
WORD = {".docx", ".docm", ".dotx", ".dotm"}


@functools.cache
def _pack():
    return default_pack()


def _both_ways(path: Path) -> tuple[object, object]:
    data = path.read_bytes()
    out = []
    for via in (True, False):
        limits.document()  # each reading is a document of its own (load_document does this)
        try:
            doc = read_docx(str(path), data, via_python_docx=via)
        except InputError as exc:
            out.append(("error", exc.code))
            continue
        findings = [(f.rule, f.location.render("en"), f.text("en")) for f in lint_document(doc, _pack())]
        out.append((json.dumps(to_dict(doc), ensure_ascii=False, sort_keys=True), findings))
    return out[0], out[1]


def _built(tmp_path: Path) -> list[Path]:
    specs = [
        ReportSpec(),
        ReportSpec(t3={("（七）总计", "自然人"): "44"}, t4={("行政复议", "结果维持"): ""}),
        ReportSpec(period=None, contact=None, include_tables=("二", "四")),
        ReportSpec(year=2019, agency="某某县某某局"),
    ]
    return [build_report(tmp_path / f"r{i}.docx", spec) for i, spec in enumerate(specs)]


def test_built_reports_and_examples_read_the_same_both_ways(tmp_path):
    paths = _built(tmp_path) + sorted((ROOT / "examples").glob("*.docx"))
    if TEMPLATE.is_file():
        paths.append(TEMPLATE)
    for path in paths:
        plain, fast = _both_ways(path)
        assert fast == plain, path
    # and the comparison can fail: a defect changes the findings
    assert _both_ways(paths[0])[1] != _both_ways(paths[1])[1]


def _small_table(edit, tmp_path: Path) -> tuple[object, object]:
    """A document with one 2 × 3 table ("00" … "12"), changed by ``edit(table)``, read both ways."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}{c}"
    edit(table)
    path = tmp_path / "table.docx"
    document.save(str(path))
    return _both_ways(path)


def test_a_cell_with_two_spans_reads_the_same_both_ways(tmp_path):
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    # invalid but seen in generated files: two w:gridSpan in one cell's properties; the first one counts
    def edit(table):
        tcpr = table.rows[0].cells[0]._tc.get_or_add_tcPr()
        for value in ("3", "1"):
            span = OxmlElement("w:gridSpan")
            span.set(qn("w:val"), value)
            tcpr.append(span)

    plain, fast = _small_table(edit, tmp_path)
    assert fast == plain
    assert '"columns": 5' in fast[0] and '"merges": [[1, 1, 1, 3]]' in fast[0]  # the first span counts


@pytest.mark.parametrize("value", ["abc", "0", "-3", " 2 ", "500"])
def test_odd_span_values_read_the_same_both_ways(tmp_path, value):
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    # not a number, not above 1, padded, beyond Word's 63 columns (kept at MAX_SPAN)
    def edit(table):
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), value)
        table.rows[0].cells[1]._tc.get_or_add_tcPr().append(span)

    plain, fast = _small_table(edit, tmp_path)
    assert fast == plain
    columns = {"abc": 3, "0": 3, "-3": 3, " 2 ": 4, "500": 130}[value]
    assert f'"columns": {columns}' in fast[0]


@pytest.mark.parametrize("where", ["cell", "paragraph", "span"])
def test_text_in_a_cell_or_paragraph_element_itself_reads_the_same_both_ways(tmp_path, where):
    from lxml import etree

    # invalid mixed content: text right in a w:tc, a w:p or a w:gridSpan, which the generic walk never reads; nor
    # does the fast pass (taking any element with text for a w:t, without asking its tag, would read it)
    def edit(table):
        element = {"cell": lambda: table.rows[0].cells[1]._tc,
                   "paragraph": lambda: table.rows[1].cells[2].paragraphs[0]._p,
                   "span": lambda: table.rows[1].cells[0]._tc.get_or_add_tcPr().get_or_add_gridSpan()}[where]()
        etree._Element.text.__set__(element, "stray")  # python-docx's element classes hide lxml's own text

    plain, fast = _small_table(edit, tmp_path)
    assert fast == plain
    assert "stray" not in fast[0] and '"00"' in fast[0] and '"12"' in fast[0]


@pytest.mark.slow
def test_every_corpus_word_file_reads_the_same_both_ways():
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not available: {CORPUS}")
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in WORD and p.is_file()
                   and p.stat().st_size < 3_000_000)
    assert len(files) > 300
    different = []
    for path in files:
        plain, fast = _both_ways(path)
        if plain != fast:
            different.append(str(path.relative_to(CORPUS)))
    assert different == []


def test_memoised_normalisation_equals_a_fresh_computation():
    samples = ["（七）总计", " 1,234 ", "—", "商业\n企业", "12.50", "-3", "无", "", "\u3000自然人\u00a0", "一、本年新收"]
    for text in samples:
        assert normalize.norm(text) == normalize.norm.__wrapped__(text)
        assert normalize.clean(text) == normalize.clean.__wrapped__(text)
        assert normalize.label_keys(text) == normalize.label_keys.__wrapped__(text)
        assert normalize.looks_like_value(text) == normalize.looks_like_value.__wrapped__(text)
        for decimal in (False, True):
            assert normalize.parse_number(text, decimal) == normalize.parse_number.__wrapped__(text, decimal)
    assert isinstance(normalize.label_keys("总计"), frozenset)  # shared between callers: must be immutable


def test_normalisation_of_long_and_special_texts():
    # the regex pre-scans give what translating every character gave
    assert normalize.norm("〔2021〕\u200b第 1 号【通知】“甲”—乙") == '(2021)第1号(通知)"甲"-乙'
    assert normalize.norm("总计" * 100 + "\u00ad") == "总计" * 100
    assert normalize.clean("商业\n企业\u00a0\u200b x\u3000y") == "商业企业 x y"
    assert normalize.clean("段落" * 200 + "\ufeff") == "段落" * 200


def test_nfkc_equals_unicodedata_on_reports_and_on_texts_where_the_replacement_alone_is_not_enough():
    texts = [p.text for path in sorted(SEEDS.glob("*.txt")) for p in load_document(str(path)).paragraphs]
    assert len(texts) > 100 and sum(unicodedata.is_normalized("NFKC", t) for t in texts) < len(texts)
    texts += [
        "联系电话：（0537）1234567，邮箱：ｇｋ＠ｅｘａｍｐｌｅ．ｃｏｍ",  # replacing the full-width forms is all
        "Ａ\u0301", "ｅ\u0301ｅ", "\u3000\u0308",  # a replaced form then composes with the mark after it
        "２０２３年⽉…①㎡ｶﾞ", "ﾃｽﾄ，测试", "，\u0301，", "",  # other compatibility forms: the full normalisation
    ]
    for text in texts:
        assert normalize.nfkc(text) == unicodedata.normalize("NFKC", text), text


def test_spaces_are_collapsed_and_removed_as_the_regex_did():
    spaces = "".join(chr(c) for c in range(0x110000) if re.fullmatch(r"\s", chr(c)))
    assert spaces == "".join(chr(c) for c in range(0x110000) if chr(c).isspace())  # str's spaces are re's
    texts = [f"{spaces}甲{spaces}乙 丙\t\n丁{spaces}", " 甲", "甲 ", "", spaces, "a\u200bb\u3000c\u00a0d", "商业\n企业 x"]
    for text in texts:
        assert normalize.clean.__wrapped__(text) == re.sub(r"\s+", " ", normalize.clean.__wrapped__(text)).strip()
        assert normalize.norm.__wrapped__(text) == re.sub(r"\s+", "", normalize.norm.__wrapped__(text))
    assert normalize.clean(f"{spaces}甲{spaces}乙{spaces}") == "甲 乙"
    assert normalize.norm(f"{spaces}甲{spaces}乙{spaces}") == "甲乙"


_DASH = r"\-—–－‐‑―"
# The patterns as first written (a lookaround first), against the forms that open with a literal for speed.
PLAIN_PATTERNS = {
    (contact_info, "LANDLINE_RE"): rf"(?=[(0])(?<![\d.])(?:\(0\d{{2,3}}\)|0\d{{2,3}})\s*[{_DASH}]?\s*\d{{7,8}}"
                                   rf"(?:\s*[{_DASH}]\s*\d{{1,5}})?(?![\d.])",
    (contact_info, "MOBILE_RE"): r"(?=1)(?<![\d.])1[3-9]\d{9}(?![\d.])",
    (contact_info, "PHONE_CONTEXT_RE"): r"(?=[联电热手座T])(?:联系)?(?:电话|热线|手机|座机|联系方式|Tel|TEL|电\s*话)\s*(?:号码)?\s*"
                                        r"(?:为|是)?\s*[:：]?\s*",
    (contact_info, "ADDRESS_RE"): r"(?=[通联办邮地])(?:通讯|通信|联系|办公|邮寄)?地址\s*(?:为|是)?\s*[:：]?\s*\S{4,}",
    (year_mismatch, "_YEAR_RE"): r"(?<![\d.])(20\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?!度?报告)",
}
PATTERN_EDGES = [
    "0537-1234567", "(0537)1234567；", "x0537 1234567-12", "1.0537-1234567", "20537-1234567", ".(0537)1234567",
    "13812345678", "手机：15912345678。", "113812345678", "a13812345678b", "2.13812345678", "138123456789",
    "联系电话：0537-1234567", "联系方式为：", "电 话 是 ", "联系联系电话", "Tel:", "手机号码", "联系地址",
    "通讯地址：某某路1号", "地址 为 ab", "地址：abcd", "邮寄地址abc", "办公地址\n某某路1号",
    "2023年", "12023年", "1.2023年", "2023 年度报告", "2024年1月5日", "2024年报告", "22024年", "2020年2021年",
]


@pytest.mark.parametrize("module, name", list(PLAIN_PATTERNS))
def test_patterns_opened_with_a_literal_match_as_their_plain_forms(module, name):
    plain, fast = re.compile(PLAIN_PATTERNS[module, name]), getattr(module, name)
    texts = [t for path in sorted(SEEDS.glob("*.txt")) for p in load_document(str(path)).paragraphs
             for t in (p.text, p.nfkc)] + PATTERN_EDGES
    matched = 0
    for text in texts:
        expected = [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == expected, text
        assert bool(fast.fullmatch(text)) == bool(plain.fullmatch(text)), text
        matched += bool(expected)
    assert matched >= 3  # the texts exercise the pattern


def test_tables_of_one_layout_share_labels_derived_once(tmp_path):
    # the same official layout with other numbers (and a blank cell): the second report's labels come from the
    # layout the first one derived, and are what deriving them afresh gives
    a = build_report(tmp_path / "a.docx", ReportSpec())
    b = build_report(tmp_path / "b.docx", ReportSpec(t3={("（七）总计", "自然人"): "44", ("（一）予以公开", "商业企业"): ""}))
    layouts = LayoutLibrary()
    once = read_docx(str(a), a.read_bytes(), layouts)  # a layout is kept from its second table on
    assert all(t.layout is None and t.labelling is not None for t in once.tables)
    first = read_docx(str(a), a.read_bytes(), layouts)
    assert [t.labelling for t in first.tables] == [t.labelling for t in once.tables]
    second = read_docx(str(b), b.read_bytes(), layouts)
    shared = [t for t in second.tables if any(t.row_paths[r] is u.row_paths.get(r) for u in first.tables
                                              for r in t.row_paths)]
    assert len(shared) == 3
    # table 3 has a blank where a number was: a layout of its own (what rules remember of its texts is its own),
    # labelled as the layout without the blank, so what rules plan from labels alone is shared
    assert [t.layout is u.layout for t, u in zip(second.tables, first.tables, strict=True)] == [True, False, True]
    assert second.tables[1].labelling is first.tables[1].labelling
    assert all(t.layout is not None for t in second.tables)
    fresh = read_docx(str(b), b.read_bytes())  # a library of its own: labelled afresh
    assert json.dumps(to_dict(second), ensure_ascii=False) == json.dumps(to_dict(fresh), ensure_ascii=False)
    assert [(f.rule, f.location.render("en"), f.text("en")) for f in lint_document(second, _pack())] == \
        [(f.rule, f.location.render("en"), f.text("en")) for f in lint_document(fresh, _pack())]
    # a layout keeps no report's cells: its labels are detached copies
    grid_cells = {id(c) for t in first.tables for row in t.grid for c in row}
    assert not any(id(lab.cell) in grid_cells for t in first.tables for path in t.row_paths.values() for lab in path)
    # a table laid out from it has the layout's Cells where the layout fixes the text (its labels' very cells), and
    # Cells of its own for its numbers
    later, again = second.tables[0], read_docx(str(a), a.read_bytes(), layouts).tables[0]
    for r, path in later.row_paths.items():
        in_row = [lab.cell for lab in path if lab.cell.row <= r < lab.cell.row + lab.cell.row_span]
        assert in_row and all(later.grid[r][cell.col] is cell for cell in in_row)
    pairs = [(c, d) for row, other in zip(later.grid, again.grid, strict=True) for c, d in zip(row, other, strict=True)]
    numbers = [(c, d) for c, d in pairs if holds_number(c.text)]
    assert len(numbers) > 10 and not any(c is d for c, d in numbers)
    fixed = [(c, d) for c, d in pairs if not holds_number(c.text)]
    assert fixed and all(c is d for c, d in fixed)


def test_what_checks_derive_from_labels_is_derived_once_per_labelling_and_pack(tmp_path, monkeypatch):
    from reportlint.checks import table_arithmetic
    from reportlint.checks.base import Context
    from reportlint.checks.tableindex import RunMemo

    plans: list[int] = []
    make_plan = table_arithmetic._make_plan
    monkeypatch.setattr(table_arithmetic, "_make_plan", lambda ctx, rule, t: plans.append(t.index) or make_plan(ctx, rule, t))
    a = build_report(tmp_path / "a.docx", ReportSpec())
    b = build_report(tmp_path / "b.docx", ReportSpec(t3={("（七）总计", "自然人"): "44"}))  # the sum no longer holds
    memo, pack = RunMemo(), _pack()
    arithmetic = sum(1 for r in pack.rules if r.kind == "table_arithmetic")
    for path in (a, b):
        doc = load_document(str(path), memo.layouts)
        found = lint_document(doc, pack, None, Context.create(doc, pack, memo=memo))
    assert [(f.rule, f.location.table) for f in found] == [("t3-balance", 2)]  # one wrong cell, one finding
    assert len(plans) == arithmetic  # each rule's plan once for the two reports: the tables are labelled alike
    # a pack that says something else is planned for on its own, though its rules have the same ids
    other = load_pack(_pack().path)
    other.fingerprint = "another pack"
    doc = load_document(str(a), memo.layouts)
    lint_document(doc, other, None, Context.create(doc, other, memo=memo))
    assert len(plans) == 2 * arithmetic
    # without the run's memo a document is planned for on its own
    lint_document(load_document(str(a)), pack)
    assert len(plans) == 3 * arithmetic


def test_a_blank_that_changes_the_labels_is_not_laid_out_from_the_layout_with_the_number():
    from reportlint.model import RawCell, Table

    # the only number of a row goes blank: a row of labels and blanks above the values is a header, so the table is
    # resolved and labelled afresh instead of taking the labels of the layout that had the number
    def rows(value: str) -> list[list[RawCell]]:
        return [[RawCell(t) for t in texts] for texts in
                (["项目", "甲类", "乙类"], ["合计", "说明", value], ["乙", "3", "5"], ["丙", "4", "6"])]

    layouts = LayoutLibrary()
    layouts.from_rows(rows("12"), index=1)
    first = layouts.from_rows(rows("12"), index=1)
    blank = layouts.from_rows(rows(""), index=1)
    fresh = Table.from_rows(rows(""), index=1)
    assert first.row_kinds == ["header", "data", "data", "data"]
    assert blank.row_kinds == fresh.row_kinds == ["header", "header", "data", "data"]
    assert [(d.row, d.col, d.row_label, d.column_label) for d in blank.data] == \
        [(d.row, d.col, d.row_label, d.column_label) for d in fresh.data] == \
        [(2, 1, "乙", "甲类 / 说明"), (2, 2, "乙", "乙类"), (3, 1, "丙", "甲类 / 说明"), (3, 2, "丙", "乙类")]
    # the blank in a row that keeps a number takes the labels (and the labelling) of the layout with the number
    other = [list(row) for row in rows("12")]
    other[2][2] = RawCell("-")
    layouts = LayoutLibrary()
    layouts.from_rows(rows("12"), index=1)
    first = layouts.from_rows(rows("12"), index=1)
    dash = layouts.from_rows(other, index=1)
    assert blank.labelling is not first.labelling
    assert dash.layout is not first.layout and dash.labelling is first.labelling
    assert dash.row_paths == first.row_paths and dash.row_kinds == first.row_kinds


def test_tables_labelled_alike_but_written_otherwise_share_plans_and_quote_their_own_labels(tmp_path):
    # the labels of the second report's tables are written with half-width brackets and a space inside (a
    # layout of their own, the same matching keys): what rules plan from labels is shared with the first report,
    # and its findings are those it gets on its own, quoting its labels as written
    import subprocess
    import sys

    from test_markdown_reader import markdown_report

    first = markdown_report()
    second = markdown_report(ReportSpec(t3={("（七）总计", "自然人"): "999"}))
    second = re.sub(r"（([一二三四五六七])）", r"(\1) ", second.replace("予以公开", "予以 公开"))
    assert second.count("(七) 总计") == 1
    (tmp_path / "a.md").write_text(first, encoding="utf-8")
    (tmp_path / "b.md").write_text(second, encoding="utf-8")

    def findings(*paths: Path) -> list[tuple]:
        out = subprocess.run([sys.executable, "-m", "reportlint", "check", "--format", "json", "--lang", "en",
                              *map(str, paths)], capture_output=True, check=False)
        return [(f["rule"], f["location"], f["message"]) for f in json.loads(out.stdout)["findings"]
                if f["path"].endswith("b.md")]

    together, alone = findings(tmp_path / "a.md", tmp_path / "b.md"), findings(tmp_path / "b.md")
    assert together == alone
    assert [rule for rule, _, _ in alone] == ["t3-balance"]
    assert any("(七) 总计" in message for _, _, message in alone)
    layouts = LayoutLibrary()
    a = load_document(str(tmp_path / "a.md"), layouts)
    b = load_document(str(tmp_path / "b.md"), layouts)
    assert all(t.labelling is u.labelling for t, u in zip(a.tables, b.tables, strict=True))
    # tables 二 and 三 are written otherwise (a layout key of their own, seen once), table 四 as in the first
    assert [t.layout is not None for t in b.tables] == [False, False, True]
