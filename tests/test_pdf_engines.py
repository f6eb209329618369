"""PDFium under the PDF reader (the fast path) against pdfminer (the plain path): the same characters, the same
rules, so the same document — cell for cell on the three real PDFs of ../shared; and the fallback when pypdfium2
is not installed."""

from __future__ import annotations

import io

import pytest

from reportlint.readers import load_document, pdf_page
from shared_data import SHARED

pytest.importorskip("pypdfium2")
pdfplumber = pytest.importorskip("pdfplumber")

REAL = sorted((SHARED / "corpus" / "reports-wild").rglob("*.pdf"))


def _read(path, engine, monkeypatch):
    monkeypatch.setenv("REPORTLINT_PDF_ENGINE", engine)
    return load_document(str(path))


def _shape(doc):
    """The document as the rules see it: every paragraph's text and page, every table's rows (texts and spans)."""
    return ([(p.text, p.page) for p in doc.paragraphs],
            [[[(c.text, c.row, c.col, c.row_span, c.col_span) for c in row] for row in t.grid] for t in doc.tables])


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_both_engines_read_a_real_report_alike(path, monkeypatch):
    plain, fast = _read(path, "pdfminer", monkeypatch), _read(path, "pdfium", monkeypatch)
    assert _shape(fast) == _shape(plain)
    assert len(fast.tables) == 3 and all(t.data for t in fast.tables)


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_characters_and_rules_agree_within_a_fifth_of_a_point(path):
    from reportlint.readers import pdf_pdfium

    data = path.read_bytes()
    plumbed = pdfplumber.open(io.BytesIO(data))
    pdf = pdf_pdfium.open_document(str(path), data)
    doctop = 0.0
    for index, page in enumerate(plumbed.pages):
        found = pdf_pdfium.read_page(pdf, index, doctop)
        doctop += found.height
        chars, _ = pdf_page._objects(page)
        assert [c["text"] for c in found.chars] == [c["text"] for c in chars]
        worst = max((abs(a[k] - b[k]) for a, b in zip(found.chars, chars, strict=True)
                     for k in ("x0", "x1", "top", "bottom", "size", "doctop")), default=0)
        assert worst < 0.2, (index, worst)
        kinds = sorted(o["object_type"] for o in found.rules)
        assert kinds == sorted(o["object_type"] for o in (*page.lines, *page.rects, *page.curves))
    pdf.close()


def test_without_pypdfium2_pdfminer_reads(monkeypatch):
    from reportlint.readers import pdf_pdfium

    monkeypatch.delenv("REPORTLINT_PDF_ENGINE", raising=False)
    monkeypatch.setattr(pdf_pdfium, "available", lambda: False)
    calls = []
    real = pdf_page._pdfminer_pages
    monkeypatch.setattr(pdf_page, "_pdfminer_pages", lambda *a: calls.append(1) or real(*a))
    assert _shape(load_document(str(REAL[0]))) == _shape(_read(REAL[0], "pdfium", monkeypatch))
    assert calls == [1]


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_the_one_line_fast_path_groups_as_the_text_map_does(path):
    """Every line of every page (and every cell's characters, which are such lines or several): the shortcut for
    characters on one line gives what pdfplumber's text map gives."""
    from reportlint.readers import pdf_pdfium

    data = path.read_bytes()
    pdf = pdf_pdfium.open_document(str(path), data)
    checked = 0
    for index in range(len(pdf)):
        chars = [c for c in pdf_pdfium.read_page(pdf, index, 0.0).chars if c["text"]]
        for line in pdf_page.textmap_lines(chars):
            assert pdf_page._lines_of(line) == pdf_page.textmap_lines(line)
            checked += 1
    pdf.close()
    assert checked > 50
