"""The PDF reader (optional extra ``reportlint[pdf]``): text and ruled tables of a text PDF.

PDFium (pypdfium2, :mod:`.pdf_pdfium`) gives characters with their positions and the page's drawn lines and
rectangles, five times faster than pdfminer, which reads them when pypdfium2 is not installed (both give the same
document: tests/test_pdf_engines.py); pdfminer still reads the file's structure first, to refuse what no engine
should be asked to draw (:func:`~.pdf_page.parse_pages`); pdfplumber finds the ruled tables. This module turns it
into the document model:

* Tables: pdfplumber's lattice finder (``find_tables``) on the *visible rules* only: stroked lines and
  rectangles and thin filled bars. Word/WPS exports paint white or shaded filled boxes behind body text and
  header rows; those are no rules and would turn every paragraph into a one-column "table". A table broken by
  a page break often has no closing rule at the break: where vertical rules of a grid end without a crossing
  horizontal one, the missing rule is added (and likewise for missing side rules).
* Cells become :class:`~reportlint.model.RawCell` rows from the cell *geometry*: every cell box is placed on
  the grid of all cell edges, so a merged cell gets its column span and row span, and a slot no box covers is
  an empty cell. Lines inside a cell are kept as "\\n".
* A table continued on the next page (it is the last thing on page N and the first on page N+1, same outer
  edges, compatible column edges) is joined into one table; a repeated header on the continuation is dropped,
  and a merged label cell cut by the page break (empty, or holding the rest of its text) is joined again.
* Body text is every character outside the tables. Lines are joined into paragraphs: a line break inside a
  sentence is no paragraph break; a paragraph starts at an indented line, after a clearly short line, at a
  size change or a large vertical gap; a numbered heading (一、/（一）) on its own line stays its own paragraph.
  Page numbers ("- 3 -", "第3页") and running headers/footers repeated on several pages are dropped.
* Spacing: PDFs rarely hold space characters; a space is inserted between two Latin characters separated by a
  word gap, and between characters involving CJK text only for a gap of about half an em or more (the width
  of a real space), so justification and the automatic gap between "2023" and "年" add no spaces.

Only :class:`~reportlint.errors.InputError` leaves this module for bad input: ``pdf-extra`` (pdfplumber not
installed), ``encrypted-pdf`` (password protected), ``pdf-no-text`` (a scan: no text to check), ``too-large``
(more than the ``pdf_pages`` limit) and ``bad-pdf`` (not a PDF, truncated, damaged). pdfminer's logging is silenced
while reading.
"""
from __future__ import annotations

import itertools
import logging
import re
import statistics
import warnings
from collections import Counter
from contextlib import contextmanager

from ..errors import InputError
from ..model import Document, Paragraph, Table
from ..model.layouts import LayoutLibrary
from ..normalize import clean
from .pdf_page import MARGIN_BOTTOM, MARGIN_TOP, Line, Page, Part, is_cjk, parse_pages
from .pdf_tables import continues, group_rows

__all__ = ["read_pdf"]

_PAGE_NUMBER_RE = re.compile(
    r"^[\s\-—–－_~·.]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4}|\s*[，,]?\s*共\s*\d{1,4}\s*页)?[\s\-—–－_~·.]*$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[）)]|第[一二三四五六七八九十]+[章节部分])")
_CONTINUES_RE = re.compile(r"[A-Za-z0-9/\\\-_@:]$")  # a short line ending so may be a wrapped URL or number


# -- entry point -------------------------------------------------------------------------------------------
def read_pdf(path: str, data: bytes, layouts: LayoutLibrary | None = None) -> Document:
    """Read a text PDF from its bytes into paragraphs and tables."""
    pdfplumber = _import_pdfplumber(path)
    with _quiet():
        pages = parse_pages(path, data, pdfplumber)
    _drop_running_lines(pages)
    return Document.build(path, _blocks(pages, layouts if layouts is not None else LayoutLibrary()), "pdf")


def _import_pdfplumber(path: str):
    try:
        import pdfplumber
    except ImportError:
        raise InputError(path, "pdf-extra") from None
    return pdfplumber


@contextmanager
def _quiet():
    """Silence pdfminer/pdfplumber logging (their child loggers inherit the level) and warnings while reading;
    restore the levels afterwards."""
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    saved = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, saved, strict=True):
            lg.setLevel(level)


# -- headers and footers -----------------------------------------------------------------------------------
def _in_margin(line: Line, height: float) -> bool:
    return line.bottom <= height * MARGIN_TOP or line.top >= height * MARGIN_BOTTOM


def _drop_running_lines(pages: list[Page]) -> None:
    """Drop page numbers and running headers/footers (margin lines repeated on several pages)."""
    seen: Counter[str] = Counter()
    for page in pages:
        keys = {_running_key(ln.text) for ln in page.lines if _in_margin(ln, page.height)}
        seen.update(keys)
    repeated = {k for k, n in seen.items() if n >= 2 and n * 2 >= len(pages)}
    for page in pages:
        page.lines = [
            ln for ln in page.lines
            if not (_in_margin(ln, page.height)
                    and (_PAGE_NUMBER_RE.match(ln.text) or _running_key(ln.text) in repeated))
        ]


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


# -- blocks ------------------------------------------------------------------------------------------------
def _blocks(pages: list[Page], layouts: LayoutLibrary) -> list[Paragraph | Table]:
    flow: list[Line | Part] = []
    for page in pages:
        items: list[Line | Part] = [*page.lines, *page.parts]
        items.sort(key=lambda it: (it.top, it.x0))
        flow.extend(items)
    heights = {p.number: p.height for p in pages}
    layout = _Layout([it for it in flow if isinstance(it, Line)])

    blocks: list[Paragraph | Table] = []
    pending: list[Line] = []
    group: list[Part] = []

    def flush_text():
        if pending:
            blocks.extend(layout.paragraphs(pending))
            pending.clear()

    def flush_table():
        if group:
            rows = group_rows(group)
            if rows:
                blocks.append(layouts.from_rows(rows, sum(isinstance(b, Table) for b in blocks) + 1,
                                                page=group[0].page))
            group.clear()

    for item in flow:
        if isinstance(item, Line):
            flush_table()
            pending.append(item)
            continue
        if group and continues(group[-1], item, heights):
            group.append(item)
            continue
        flush_text()
        flush_table()
        group.append(item)
    flush_text()
    flush_table()
    return blocks


class _Layout:
    """The body text geometry (left/right text edges per page, line gaps) and the paragraph-break rules."""

    MIN_LINES = 6  # a page with fewer body lines takes the document's text edges

    def __init__(self, lines: list[Line]) -> None:
        self.edges = {None: _text_edges(lines)}
        for page in {ln.page for ln in lines}:
            on_page = [ln for ln in lines if ln.page == page]
            if len(on_page) >= self.MIN_LINES:
                self.edges[page] = _text_edges(on_page)
        gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines) if a.page == b.page and b.top > a.bottom - 1]
        self.gap = statistics.median(gaps) if gaps else 0.0

    def paragraphs(self, lines: list[Line]) -> list[Paragraph]:
        out: list[Paragraph] = []
        current: list[Line] = []
        for line in lines:
            if current and self._breaks(current[-1], line):
                out.append(self._paragraph(current))
                current = []
            current.append(line)
        if current:
            out.append(self._paragraph(current))
        return out

    def _left(self, line: Line) -> float:
        return self.edges.get(line.page, self.edges[None])[0]

    def _short(self, line: Line) -> bool:
        return line.x1 < self.edges.get(line.page, self.edges[None])[1] - 1.5 * line.size

    def _breaks(self, prev: Line, line: Line) -> bool:
        size = max(line.size, 1.0)
        if abs(line.size - prev.size) > 1.0:
            return True
        if line.x0 > self._left(line) + 0.6 * size:  # first-line indent, or a centred line
            return True
        if prev.page == line.page and line.top - prev.bottom > max(2 * self.gap, 1.2 * size):
            return True
        if self._short(prev) and not _CONTINUES_RE.search(prev.text):
            return True
        if _HEADING_RE.match(clean(line.text)) and (self._short(prev) or re.search(r"[。！？；：:;]$", prev.text)):
            return True
        return False

    @staticmethod
    def _paragraph(lines: list[Line]) -> Paragraph:
        text = lines[0].text
        for line in lines[1:]:
            a, b = text[-1:], line.text[:1]
            url = a in "/-_@:" or b in "/-_.@:" or (a == "." and b.islower())  # a wrapped URL or e-mail address
            glue = "" if (is_cjk(a) or is_cjk(b) or url) else " "
            text += glue + line.text
        return Paragraph(text, page=lines[0].page)


def _text_edges(lines: list[Line]) -> tuple[float, float]:
    """The left and right edge of the text block: the most common line start and end."""
    starts = Counter(round(ln.x0) for ln in lines)
    ends = Counter(round(ln.x1) for ln in lines)
    left = min((x for x, n in starts.items() if n == max(starts.values())), default=0)
    right = max((x for x, n in ends.items() if n == max(ends.values())), default=0)
    return float(left), float(right)
