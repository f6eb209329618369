"""Fuzzing: random Word structures, random rule packs, mutated real files. Nothing may crash: a document either
reads or is one InputError; a pack either loads or is one ConfigError; rules never raise; output is deterministic.

The number of examples is small in CI; set REPORTLINT_FUZZ_EXAMPLES=2000 (say) for a longer run."""

import io
import json
import os
import random
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import default_pack, lint_document
from reportlint.errors import ConfigError, InputError
from reportlint.model import RawCell, Table
from reportlint.model.cells import holds_number
from reportlint.model.layouts import LayoutLibrary
from reportlint.output.dump import to_dict
from reportlint.readers import load_document
from reportlint.readers.docx import read_docx
from reportlint.rulepack import load_pack
from shared_data import SHARED

EXAMPLES = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])

PIECES = ["一、总体情况", "二、主动公开政府信息情况", "三、", "（一）", "1.", "总计", "合计", "自然人", "0", "12", "—", "/",
          "无", " ", "\u00a0", "\u3000", "\n", "XX", "2024年", "统计期限", "电话：0537-1234567", "本年新收政府信息公开申请数量",
          "行政复议", "结果纠正", "规章", "本年制发件数", "[image: 1]", "a", "é", "\t"]
text = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
huge = st.integers(min_value=0, max_value=3).map(lambda k: "数" * (k * 4000))


@st.composite
def word_document(draw) -> bytes:
    d = docx.Document()
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["p", "h", "t"]))
        if kind == "p":
            d.add_paragraph(draw(text) + draw(huge))
        elif kind == "h":
            d.add_heading(draw(text) or "一、总体情况", level=draw(st.integers(1, 3)))
        else:
            _table(draw, d, depth=0)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _table(draw, parent, depth: int) -> None:
    rows, cols = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    table = parent.add_table(rows=rows, cols=cols)
    for r in range(rows):
        for c in range(cols):
            table.cell(r, c).text = draw(text)
    for _ in range(draw(st.integers(0, 3))):  # real merges: rectangles, possibly overlapping earlier ones
        r0, c0 = draw(st.integers(0, rows - 1)), draw(st.integers(0, cols - 1))
        r1, c1 = draw(st.integers(r0, rows - 1)), draw(st.integers(c0, cols - 1))
        try:
            table.cell(r0, c0).merge(table.cell(r1, c1))
        except Exception:  # noqa: BLE001 - python-docx refuses some overlapping merges; that is fine
            pass
    if depth < 2 and draw(st.booleans()):
        cell = table.cell(draw(st.integers(0, rows - 1)), draw(st.integers(0, cols - 1)))
        _table(draw, cell, depth + 1)


def lint_twice(path: Path) -> None:
    try:
        doc = load_document(str(path))
    except InputError:
        return
    pack = default_pack()
    errors: list = []
    first = [(f.rule, f.location.render("en"), f.text("en")) for f in lint_document(doc, pack, errors)]
    assert errors == []  # a rule that raised is a bug
    second = [(f.rule, f.location.render("en"), f.text("en")) for f in lint_document(load_document(str(path)), pack)]
    assert first == second


@FUZZ
@given(data=word_document())
def test_random_word_documents_never_crash_and_lint_deterministically(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "r.docx"
    path.write_bytes(data)
    lint_twice(path)


@FUZZ
@given(data=word_document())
def test_random_word_documents_read_the_same_on_the_fast_and_the_plain_path(tmp_path_factory, data):
    # the plain path (python-docx, the generic walk, labels derived afresh) against the fast one (lxml, the plain
    # table pass, labels from the layout the plain read just derived): random merges, nesting, tabs and breaks
    path = str(tmp_path_factory.mktemp("fast") / "r.docx")
    layouts = LayoutLibrary()
    docs = [read_docx(path, data, layouts, via_python_docx=via) for via in (True, False)]
    dumps = [json.dumps(to_dict(doc), ensure_ascii=False, sort_keys=True) for doc in docs]
    assert dumps[0] == dumps[1]
    pack = default_pack()
    found = [[(f.rule, f.location.render("en"), f.text("en")) for f in lint_document(doc, pack)] for doc in docs]
    assert found[0] == found[1]


raw_cell = st.builds(RawCell, st.sampled_from(["", " ", "12", "0", "—", "总计", "自然人", "（一）予以公开", "1.属于国家秘密",
                                              "三、本年度办理结果", "12\n件", "x"]),
                     st.integers(0, 3), st.sampled_from([None, None, "restart", "continue"]), st.integers(1, 3))


def _after_and_afresh(rows, numbers_to) -> tuple[Table, Table, Table]:
    """(the table of ``rows``, then the table of rows whose numbers ``numbers_to`` replaced, made right after it by
    the same layout library, and the same made on its own): what sharing a layout gives against what it must
    give."""
    layouts = LayoutLibrary()
    layouts.from_rows(rows, index=1)  # a layout is kept from its second table on
    first = layouts.from_rows(rows, index=1)
    other = [[RawCell(numbers_to() if holds_number(c.text) else c.text, c.span, c.vmerge, c.rowspan)
              for c in row] for row in rows]
    shared = layouts.from_rows(other, index=1)
    fresh = Table.from_rows(other, index=1)
    assert fresh.layout is None and fresh.labelling is None
    assert json.dumps(shared.to_dict(), ensure_ascii=False) == json.dumps(fresh.to_dict(), ensure_ascii=False)
    assert [(d.row, d.col, d.band, d.row_label, d.column_label, d.cell.text) for d in shared.data] == \
        [(d.row, d.col, d.band, d.row_label, d.column_label, d.cell.text) for d in fresh.data]
    assert shared.row_kinds == fresh.row_kinds and shared.label_cols == fresh.label_cols
    return first, shared, fresh


@FUZZ
@given(rows=st.lists(st.lists(raw_cell, min_size=1, max_size=6), min_size=1, max_size=7), numbers=st.randoms())
def test_a_table_laid_out_from_its_layout_is_the_table_resolved_afresh(rows, numbers):
    # merges of both kinds (Word vMerge, HTML rowspan), spans, ragged rows, continued cells with and without text;
    # the second table has other numbers where the first had numbers, so it takes the first one's layout
    first, shared, _ = _after_and_afresh(rows, lambda: str(numbers.randint(0, 99)))
    assert (shared.layout is not None) == (first.layout is not None)
    if shared.layout is not None:
        assert shared.layout is first.layout and shared.labelling is first.labelling
        assert shared.row_paths == first.row_paths


@FUZZ
@given(rows=st.lists(st.lists(raw_cell, min_size=1, max_size=6), min_size=1, max_size=7), numbers=st.randoms())
def test_a_table_with_blanks_where_its_layout_has_numbers_is_the_table_resolved_afresh(rows, numbers):
    # the commonest defect: a blank or a placeholder where the known layout has a number. Such a table takes the
    # known layout's labels only when they are what it gets resolved and labelled afresh (a row whose only number
    # goes blank may turn into a header, a blank may open the values of its row); what checks derive from its
    # texts is its own (a layout token of its own)
    first, shared, _ = _after_and_afresh(rows, lambda: numbers.choice(["", " ", "-", "无", "/", "7", "1.2.3"]))
    if shared.labelling is not None and shared.labelling is first.labelling:
        assert shared.row_paths == first.row_paths
        def fixed(table: Table) -> list[str | None]:  # what a layout fixes: every text but the numbers
            return [None if holds_number(c.text) else c.text for row in table.grid for c in row]

        assert (shared.layout is not first.layout) == (fixed(shared) != fixed(first))


RULE_FRAGMENTS = [
    "  - {id: a, kind: required_sections}\n",
    "  - {id: b, kind: statistics_period, keywords: [统计]}\n",
    "  - {id: c, kind: contact_info, require: [phone, email]}\n",
    "  - {id: d, kind: forbid_text, pattern: '(a+)+$'}\n",
    "  - {id: e, kind: require_text, text: 信息处理费, scope: section, section: other}\n",
    "  - {id: f, kind: table_arithmetic, table: t3, equation: '[总计] = [自然人]'}\n",
    "  - {id: g, kind: no_blank_cells, tables: [t2, t9]}\n",
    "  - {id: h, kind: magic}\n",
    "  - {id: required-sections, severity: 'off'}\n",
    "  - {id: i, kind: forbid_text, pattern: '[unclosed'}\n",
    "  - {id: j, kind: publication_date, deadline: '13-40'}\n",
    "  - {id: k, kind: leftover_text, ignore: [XX]}\n",
    "  - {id: l, kind: cross_year, check: carryover}\n",
    "  - id: m\n    kind: year_mismatch\n",
    "  - [\n",
    "  - {id: a, kind: old_format, from_year: 1}\n",
    "  - {id: n, kind: text_table_mismatch}\n",
]
HEADS = ["pack: fuzz\nextends: national-2021\n", "pack: fuzz\n", "pack: fuzz\nextends: nowhere\n", "", "pack: [\n",
         "pack: fuzz\nextends: national-2019\nsections:\n  - {id: x, title: 七、附件, parent: nope}\n"]


@FUZZ
@given(head=st.sampled_from(HEADS), rules=st.lists(st.sampled_from(RULE_FRAGMENTS), max_size=6),
       cut=st.integers(0, 400))
def test_random_rule_packs_load_or_fail_cleanly(tmp_path_factory, head, rules, cut):
    text = head + "rules:\n" + "".join(rules)
    text = text[: len(text) - cut % max(1, len(text))] if cut % 3 == 0 else text
    path = tmp_path_factory.mktemp("packs") / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        pack = load_pack(path)
    except ConfigError as exc:
        line = exc.render("en")
        assert "\n" not in line and line.startswith(str(path))
        return
    doc = load_document(str(SHARED / "seeds" / "000_d93e1d25621cc069.txt"))
    errors: list = []
    lint_document(doc, pack, errors)
    assert all(getattr(e, "timeout", False) or getattr(e, "budget", None) for e in errors), errors


def _corpus() -> list[Path]:
    root = SHARED / "corpus" / "docx-wild"
    return sorted(p for p in root.rglob("*.docx") if p.is_file() and p.stat().st_size < 2_000_000)


def _mutate(data: bytes, rng: random.Random) -> bytes:
    how = rng.choice(["truncate", "flip", "drop"])
    if how == "truncate":
        return data[: rng.randrange(0, len(data))]
    if how == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zin:
            names = zin.namelist()
            victim = rng.choice(names)
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as zout:
                for name in names:
                    if name != victim:
                        zout.writestr(name, zin.read(name))
            return buf.getvalue()
    except Exception:  # noqa: BLE001 - not a zip to begin with: truncate instead
        return data[: len(data) // 2]


@pytest.mark.skipif(not _corpus(), reason="needs ../shared/corpus/docx-wild")
def test_mutated_corpus_files_never_crash(tmp_path):
    files = _corpus()
    rng = random.Random(20261123)
    for k in range(EXAMPLES * 2):
        source = rng.choice(files)
        path = tmp_path / f"m{k}.docx"
        path.write_bytes(_mutate(source.read_bytes(), rng))
        lint_twice(path)
