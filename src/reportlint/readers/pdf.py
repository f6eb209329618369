"""The PDF reader (optional extra ``reportlint[pdf]``): text and ruled tables of a text PDF via pdfplumber.

pdfplumber (pdfminer.six) gives characters with their positions and the page's drawn lines and rectangles;
this module turns them into the document model:

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

import io
import itertools
import logging
import math
import re
import statistics
import unicodedata
import warnings
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from .. import limits
from ..errors import InputError
from ..model import Document, Paragraph, RawCell, Table
from ..model.layouts import LayoutLibrary
from ..normalize import clean, looks_like_value
from .pdf_content import content_size

__all__ = ["read_pdf"]

TOL = 3.0  # points: edges this close are the same edge
MIN_CELL = 5.0  # points: no cell is thinner; closer cell edges (double rules, overshoots) are one edge
JOIN_TOL = 6.0  # points: outer edges of table parts on two pages that count as the same
MAX_SEGMENTS = 2000  # rules on a page beyond this are a drawing; no missing rules are added then
MAX_GRID = 200  # rows or columns beyond this are no report table; keep the grid small
MARGIN_TOP, MARGIN_BOTTOM = 0.10, 0.88  # fractions of the page height: where headers/footers live

_PAGE_NUMBER_RE = re.compile(
    r"^[\s\-—–－_~·.]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4}|\s*[，,]?\s*共\s*\d{1,4}\s*页)?[\s\-—–－_~·.]*$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[）)]|第[一二三四五六七八九十]+[章节部分])")
_NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[.、．](?!\d))")
_CONTINUES_RE = re.compile(r"[A-Za-z0-9/\\\-_@:]$")  # a short line ending so may be a wrapped URL or number


# -- entry point -------------------------------------------------------------------------------------------
def read_pdf(path: str, data: bytes, layouts: LayoutLibrary | None = None) -> Document:
    """Read a text PDF from its bytes into paragraphs and tables."""
    pdfplumber = _import_pdfplumber(path)
    with _quiet():
        pages = _parse(path, data, pdfplumber)
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


# -- what a page holds -------------------------------------------------------------------------------------
@dataclass
class _Line:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str


@dataclass
class _Box:
    """One table cell on one page (coordinates in points from the page top)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass
class _Part:
    """A table, or the piece of a table that lies on one page."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    boxes: list[_Box]
    strays: list[dict] = field(default_factory=list)  # characters inside the table but in no cell box


@dataclass
class _Page:
    number: int
    height: float
    lines: list[_Line] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)


def _parse(path: str, data: bytes, pdfplumber) -> list[_Page]:
    from pdfplumber.utils.exceptions import PdfminerException

    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "bad-pdf", "no %PDF- header")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        raise _open_error(path, exc) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged files
        raise InputError(path, "bad-pdf", _short(exc)) from None
    with pdf:
        try:
            plumber_pages = list(pdf.pages)
        except Exception as exc:  # noqa: BLE001 - a broken page tree
            raise _open_error(path, exc) from None
        if not plumber_pages:
            raise InputError(path, "bad-pdf", "no pages")
        if len(plumber_pages) > limits.current.pdf_pages:  # reading takes about 0.15 s a page
            raise InputError(path, "too-large", f"{len(plumber_pages)} pages > {limits.current.pdf_pages}, pdf_pages")
        pages = []
        for page in plumber_pages:
            _check_content(path, page)
            try:
                objects = _objects(page)
            except Exception as exc:  # noqa: BLE001 - a damaged content stream, font or image
                raise InputError(path, "bad-pdf", f"page {page.page_number}: {_short(exc)}") from None
            pages.append(_read_page(page, *objects))
    _check_text(path, pages)
    return pages


def _check_content(path: str, page) -> None:
    """Refuse a page whose content streams decode to more than ``pdf_page_mb`` before pdfminer interprets them."""
    bound = int(limits.current.pdf_page_mb * 1024 * 1024)
    try:
        size = content_size(page.page_obj, bound)
    except Exception:  # noqa: BLE001 - a damaged stream: pdfminer's own reading reports it
        return
    if size > bound:
        raise InputError(path, "too-large", f"page {page.page_number} holds more than {limits.current.pdf_page_mb:g} "
                                            "MB of content, pdf_page_mb")


def _check_text(path: str, pages: list[_Page]) -> None:
    """A PDF without a text layer (a scan) or with fonts that map to no characters cannot be checked."""
    texts = [ln.text for p in pages for ln in p.lines] + [b.text for p in pages for t in p.parts for b in t.boxes]
    total = sum(len(t) for t in texts)
    if not total:
        raise InputError(path, "pdf-no-text", "no text layer")
    unmapped = sum(len(m) for t in texts for m in re.findall(r"\(cid:\d+\)", t))
    if unmapped * 2 > total:
        raise InputError(path, "pdf-no-text", "fonts without a character map")


def _open_error(path: str, exc: Exception) -> InputError:
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    name = type(cause).__name__
    if name in ("PDFPasswordIncorrect", "PDFEncryptionError") or "password" in str(cause).lower():
        return InputError(path, "encrypted-pdf")
    return InputError(path, "bad-pdf", _short(cause))


def _short(exc: BaseException, limit: int = 100) -> str:
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _objects(page):
    """Parse the page (this is where pdfminer reads the content stream): deduplicated chars and rules."""
    chars = page.chars
    if _has_duplicates(chars):  # fake bold: the same glyph drawn twice, a hair apart
        chars = page.dedupe_chars().chars  # (slow on long pages: only when needed)
    chars = [c for c in chars if c.get("text") and _finite(c, "size")]
    rules = [o for o in (*page.lines, *page.rects, *page.curves) if _finite(o) and _is_rule(o)]
    return chars, rules


def _has_duplicates(chars) -> bool:
    """Whether two characters with the same text sit within 1 pt of each other (what dedupe_chars removes)."""
    seen: set[tuple] = set()
    for c in chars:
        try:
            x, y = round(float(c["x0"])), round(float(c["doctop"]))
        except (KeyError, TypeError, ValueError, OverflowError):
            continue
        if any((c["text"], x + dx, y + dy) in seen for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            return True
        seen.add((c["text"], x, y))
    return False


def _finite(obj, *extra: str) -> bool:
    """Coordinates a damaged file may give as NaN or infinity are dropped with their object."""
    try:
        return all(math.isfinite(float(obj[k])) for k in ("x0", "x1", "top", "bottom", "width", "height", *extra))
    except (KeyError, TypeError, ValueError):
        return False


def _is_white(color) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return color >= 0.99
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(values) in (1, 3):
        return all(v >= 0.99 for v in values)
    if len(values) == 4:  # CMYK
        return all(v <= 0.01 for v in values)
    return False


def _is_rule(obj) -> bool:
    """A visible line: stroked in a non-white colour, or a thin filled bar. Filled boxes are backgrounds."""
    if obj.get("stroke", obj["object_type"] == "line") and not _is_white(obj.get("stroking_color")):
        return True
    thin = min(obj["width"], obj["height"]) <= 2.0
    return bool(obj.get("fill")) and thin and not _is_white(obj.get("non_stroking_color"))


def _read_page(page, chars, rules) -> _Page:
    out = _Page(page.page_number, float(page.height))
    tables = _find_tables(page, rules)
    assigned: set[int] = set()
    for table in tables:
        cells = [tuple(map(float, c)) for c in table.cells]
        if len(cells) < 2:
            continue
        x0, top, x1, bottom = map(float, table.bbox)
        inside = [c for c in chars if id(c) not in assigned and _center_in(c, (x0, top, x1, bottom))]
        boxes = []
        for bx0, btop, bx1, bbottom in cells:
            mine = [c for c in inside if id(c) not in assigned and _center_in(c, (bx0, btop, bx1, bbottom))]
            assigned.update(id(c) for c in mine)
            boxes.append(_Box(bx0, btop, bx1, bbottom, _text(mine)))
        strays = [c for c in inside if id(c) not in assigned]  # read later as the text of a grid hole
        assigned.update(id(c) for c in strays)
        if any(b.text for b in boxes) or strays:  # a grid with no text at all is a drawing (or a frame)
            out.parts.append(_Part(out.number, x0, top, x1, bottom, boxes, strays))
    body = [c for c in chars if id(c) not in assigned]
    for chars_of_line in _lines_of(body):
        ink = [c for c in chars_of_line if not c["text"].isspace()]  # an indent typed as U+3000 is no text
        if not ink:
            continue
        size = statistics.median(float(c["size"]) for c in ink)
        out.lines.append(_Line(
            out.number, min(c["x0"] for c in ink), max(c["x1"] for c in ink),
            min(c["top"] for c in ink), max(c["bottom"] for c in ink), size, _line_text(chars_of_line).strip(),
        ))
    return out


def _center_in(char, bbox) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


# -- tables on one page ------------------------------------------------------------------------------------
def _find_tables(page, rules):
    keep = {id(r) for r in rules}
    ruled = page.filter(lambda obj: id(obj) in keep)
    edges = ruled.edges
    extra_h, extra_v = _closing_edges(edges)
    settings = {"explicit_horizontal_lines": extra_h, "explicit_vertical_lines": extra_v}
    return ruled.find_tables(settings)


def _closing_edges(edges) -> tuple[list[dict], list[dict]]:
    """Rules a grid lacks: where two or more rules of one grid end at the same height with no crossing rule
    there (a table cut by a page break has no bottom rule), add the closing rule between them; likewise for
    missing side rules. Edges are (orientation, position, start, end)."""
    segs = [("h", e["top"], e["x0"], e["x1"]) if e["orientation"] == "h" else ("v", e["x0"], e["top"], e["bottom"])
            for e in edges]
    if len(segs) > MAX_SEGMENTS:  # a drawing, not a form: leave the rules as they are
        return [], []
    comp = _components(segs)
    ends: dict[tuple[str, int], list[tuple[float, float, bool]]] = {}  # (closer orientation, grid) -> ends
    for i, (o, at, lo, hi) in enumerate(segs):
        if comp[i] is None:
            continue  # a lone rule (underline, frame side) is no grid
        across = [s for s in segs if s[0] != o]
        for end in (lo, hi):
            touching = any(abs(s[1] - end) <= TOL and s[2] - TOL <= at <= s[3] + TOL for s in across)
            ends.setdefault(("h" if o == "v" else "v", comp[i]), []).append((end, at, not touching))
    h_out: list[dict] = []
    v_out: list[dict] = []
    for (o, _grid), points in ends.items():
        for group in _cluster(points, key=lambda p: p[0]):
            if len(group) < 2 or not any(p[2] for p in group):
                continue
            at = statistics.fmean(p[0] for p in group)
            lo, hi = min(p[1] for p in group), max(p[1] for p in group)
            if hi - lo <= TOL:
                continue
            if all(any(s[0] == o and abs(s[1] - at) < MIN_CELL and s[2] - TOL <= p[1] <= s[3] + TOL for s in segs)
                   for p in group if p[2]):
                continue  # rules overshooting a rule close by: nothing is missing
            if o == "h":
                h_out.append({"object_type": "line", "x0": lo, "x1": hi, "top": at, "bottom": at,
                              "width": hi - lo, "height": 0})
            else:
                v_out.append({"object_type": "line", "x0": at, "x1": at, "top": lo, "bottom": hi,
                              "width": 0, "height": hi - lo})
    return h_out, v_out


def _components(segs) -> list[int | None]:
    """Connected grids: segments joined through crossings (union-find); None for a segment crossing nothing."""
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    crossed = [False] * len(segs)
    hs = [i for i, s in enumerate(segs) if s[0] == "h"]
    vs = [i for i, s in enumerate(segs) if s[0] == "v"]
    for i in hs:
        _, y, x0, x1 = segs[i]
        for j in vs:
            _, x, top, bottom = segs[j]
            if x0 - TOL <= x <= x1 + TOL and top - TOL <= y <= bottom + TOL:
                crossed[i] = crossed[j] = True
                parent[find(i)] = find(j)
    return [find(i) if crossed[i] else None for i in range(len(segs))]


def _cluster(items, key, tol: float = TOL) -> list[list]:
    """Group items whose key values lie within ``tol`` of their neighbour (single linkage on sorted keys)."""
    groups: list[list] = []
    last = None
    for item in sorted(items, key=key):
        k = key(item)
        if last is None or k - last > tol:
            groups.append([])
        groups[-1].append(item)
        last = k
    return groups


# -- text of a line / cell ---------------------------------------------------------------------------------
def _lines_of(chars) -> list[list[dict]]:
    """Characters grouped into visual lines (pdfplumber's clustering), each in reading order."""
    if not chars:
        return []
    from pdfplumber.utils import chars_to_textmap

    lines = chars_to_textmap(list(chars)).extract_text_lines(strip=False, return_chars=True)
    return [[c for c in line["chars"] if c.get("text") is not None and "x0" in c] for line in lines]


def _text(chars) -> str:
    """Cell text: its lines joined by newlines."""
    return "\n".join(t for t in (_line_text(line).strip() for line in _lines_of(chars)) if t)


def _is_cjk(ch: str) -> bool:
    if not ch:
        return False
    o = ord(ch[0])
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF
            or 0x20000 <= o <= 0x2FFFF or unicodedata.east_asian_width(ch[0]) in ("W", "F"))


def _line_text(chars) -> str:
    """A line's text with spaces only where the gap is a real space (see the module docstring)."""
    out: list[str] = []
    prev = None
    for ch in chars:
        text = ch["text"]
        if prev is not None and not text.isspace() and not prev["text"].isspace():
            gap = float(ch["x0"]) - float(prev["x1"])
            size = max(float(ch.get("size") or 0), float(prev.get("size") or 0), 1.0)
            cjk = _is_cjk(text) or _is_cjk(prev["text"][-1:])
            if gap > (0.45 if cjk else 0.15) * size:
                out.append(" ")
        out.append(text)
        prev = ch
    return re.sub(r"[ \t]{2,}", " ", "".join(out))


# -- headers and footers -----------------------------------------------------------------------------------
def _in_margin(line: _Line, height: float) -> bool:
    return line.bottom <= height * MARGIN_TOP or line.top >= height * MARGIN_BOTTOM


def _drop_running_lines(pages: list[_Page]) -> None:
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
def _blocks(pages: list[_Page], layouts: LayoutLibrary) -> list[Paragraph | Table]:
    flow: list[_Line | _Part] = []
    for page in pages:
        items: list[_Line | _Part] = [*page.lines, *page.parts]
        items.sort(key=lambda it: (it.top, it.x0))
        flow.extend(items)
    heights = {p.number: p.height for p in pages}
    layout = _Layout([it for it in flow if isinstance(it, _Line)])

    blocks: list[Paragraph | Table] = []
    pending: list[_Line] = []
    group: list[_Part] = []

    def flush_text():
        if pending:
            blocks.extend(layout.paragraphs(pending))
            pending.clear()

    def flush_table():
        if group:
            rows = _group_rows(group)
            if rows:
                blocks.append(layouts.from_rows(rows, sum(isinstance(b, Table) for b in blocks) + 1,
                                                page=group[0].page))
            group.clear()

    for item in flow:
        if isinstance(item, _Line):
            flush_table()
            pending.append(item)
            continue
        if group and _continues(group[-1], item, heights):
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

    def __init__(self, lines: list[_Line]) -> None:
        self.edges = {None: _text_edges(lines)}
        for page in {ln.page for ln in lines}:
            on_page = [ln for ln in lines if ln.page == page]
            if len(on_page) >= self.MIN_LINES:
                self.edges[page] = _text_edges(on_page)
        gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines) if a.page == b.page and b.top > a.bottom - 1]
        self.gap = statistics.median(gaps) if gaps else 0.0

    def paragraphs(self, lines: list[_Line]) -> list[Paragraph]:
        out: list[Paragraph] = []
        current: list[_Line] = []
        for line in lines:
            if current and self._breaks(current[-1], line):
                out.append(self._paragraph(current))
                current = []
            current.append(line)
        if current:
            out.append(self._paragraph(current))
        return out

    def _left(self, line: _Line) -> float:
        return self.edges.get(line.page, self.edges[None])[0]

    def _short(self, line: _Line) -> bool:
        return line.x1 < self.edges.get(line.page, self.edges[None])[1] - 1.5 * line.size

    def _breaks(self, prev: _Line, line: _Line) -> bool:
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
    def _paragraph(lines: list[_Line]) -> Paragraph:
        text = lines[0].text
        for line in lines[1:]:
            a, b = text[-1:], line.text[:1]
            url = a in "/-_@:" or b in "/-_.@:" or (a == "." and b.islower())  # a wrapped URL or e-mail address
            glue = "" if (_is_cjk(a) or _is_cjk(b) or url) else " "
            text += glue + line.text
        return Paragraph(text, page=lines[0].page)


def _text_edges(lines: list[_Line]) -> tuple[float, float]:
    """The left and right edge of the text block: the most common line start and end."""
    starts = Counter(round(ln.x0) for ln in lines)
    ends = Counter(round(ln.x1) for ln in lines)
    left = min((x for x, n in starts.items() if n == max(starts.values())), default=0)
    right = max((x for x, n in ends.items() if n == max(ends.values())), default=0)
    return float(left), float(right)


# -- tables across pages -----------------------------------------------------------------------------------
def _edges_x(boxes: list[_Box]) -> list[float]:
    """The column edges of a table part."""
    return [statistics.fmean(g) for g in _cluster([x for b in boxes for x in (b.x0, b.x1)], key=float)]


def _continues(prev: _Part, part: _Part, heights: dict[int, float]) -> bool:
    """``part`` carries on ``prev``: next page, nothing in between, same outer edges, compatible columns."""
    if part.page != prev.page + 1:
        return False
    if prev.bottom < heights[prev.page] * 0.5 or part.top > heights[part.page] * 0.5:
        return False
    if abs(prev.x0 - part.x0) > JOIN_TOL or abs(prev.x1 - part.x1) > JOIN_TOL:
        return False
    a, b = _edges_x(prev.boxes), _edges_x(part.boxes)
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(abs(x - y) <= JOIN_TOL for y in large) for x in small)


def _rows_of(boxes: list[_Box]) -> list[list[_Box]]:
    """Boxes grouped by their top edge, top to bottom, each row left to right."""
    return [sorted(g, key=lambda b: b.x0) for g in _cluster(boxes, key=lambda b: b.top)]


def _group_rows(parts: list[_Part]) -> list[list[RawCell]]:
    """Stack the parts of one table, join what the page breaks cut, and lay the cells out on one grid."""
    first_rows = _rows_of(parts[0].boxes)
    boxes = [_Box(b.x0, b.top, b.x1, b.bottom, b.text) for b in parts[0].boxes]
    seam = max((b.bottom for b in boxes), default=parts[0].bottom)
    offset_chars: list[tuple[float, list]] = [(0.0, parts[0].strays)]
    for part in parts[1:]:
        rows = _rows_of(part.boxes)
        start = _repeated_header(first_rows, rows)
        cut = rows[start][0].top if start < len(rows) else part.bottom
        shift = seam - cut
        ref = _edges_x(boxes)
        new = [_Box(_snap(b.x0, ref), max(b.top, cut) + shift, _snap(b.x1, ref), b.bottom + shift, b.text)
               for b in part.boxes if b.bottom > cut + TOL]
        offset_chars.append((shift, [c for c in part.strays if c["top"] >= cut - TOL]))
        _join_seam(boxes, new, seam)
        boxes.extend(new)
        seam = max((b.bottom for b in boxes), default=seam)
    return _layout_grid(boxes, offset_chars)


def _snap(x: float, ref: list[float]) -> float:
    """A column edge of a continuation, moved onto the matching edge of the part above (pages shift a little)."""
    near = min(ref, key=lambda r: abs(r - x), default=x)
    return near if abs(near - x) <= JOIN_TOL else x


def _repeated_header(first_rows: list[list[_Box]], rows: list[list[_Box]]) -> int:
    """How many leading rows of a continuation repeat the table's first (header) rows."""
    n = 0
    while n < min(len(first_rows), len(rows)) - 1:
        a = [clean(b.text) for b in first_rows[n]]
        b = [clean(x.text) for x in rows[n]]
        if a != b or not any(t and not looks_like_value(t) for t in a):
            break
        n += 1
    return n


def _join_seam(above: list[_Box], below: list[_Box], seam: float) -> None:
    """A merged label cell cut by the page break continues in the first row below: join the two pieces."""
    first = [b for b in below if abs(b.top - seam) <= TOL]
    for cell in sorted(first, key=lambda b: b.x0):
        text = clean(cell.text)
        if looks_like_value(text) and text:
            continue
        if text and _NUMBERED_RE.match(text):
            continue  # a new label, not the rest of one
        # Only a group label (one with a label cell to its right in the same row) spans rows; a leaf label
        # (followed by the numbers) under another leaf label is the next row.
        right = [b for b in first if b.x0 >= cell.x1 - TOL and b.text.strip()]
        if not right or looks_like_value(clean(min(right, key=lambda b: b.x0).text)):
            continue
        match = [b for b in above if abs(b.bottom - seam) <= TOL and abs(b.x0 - cell.x0) <= JOIN_TOL
                 and abs(b.x1 - cell.x1) <= JOIN_TOL]
        if len(match) != 1:
            continue
        host = match[0]
        if not host.text.strip() or looks_like_value(clean(host.text)):
            continue
        host.bottom = cell.bottom
        if cell.text.strip():
            host.text = f"{host.text}\n{cell.text}"
        below.remove(cell)


def _layout_grid(boxes: list[_Box], stray_sets) -> list[list[RawCell]]:
    """The grid of all cell edges; each box becomes a RawCell with its spans, a slot no box covers an empty
    cell (holding any stray text that falls in it)."""
    xs = [statistics.fmean(g) for g in _cluster([x for b in boxes for x in (b.x0, b.x1)], float, MIN_CELL)]
    ys = [statistics.fmean(g) for g in _cluster([y for b in boxes for y in (b.top, b.bottom)], float, MIN_CELL)]
    if len(xs) < 2 or len(ys) < 2 or len(xs) > MAX_GRID + 1 or len(ys) > MAX_GRID * 10:
        return []

    def index(values: list[float], v: float) -> int:
        return min(range(len(values)), key=lambda i: abs(values[i] - v))

    ncols, nrows = len(xs) - 1, len(ys) - 1
    owner: list[list[int | None]] = [[None] * ncols for _ in range(nrows)]
    spans: list[tuple[int, int, int, int]] = []
    texts: list[str] = []
    for b in boxes:
        c0, c1 = index(xs, b.x0), index(xs, b.x1)
        r0, r1 = index(ys, b.top), index(ys, b.bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        clash = {owner[r][c] for r in range(r0, r1) for c in range(c0, c1)} - {None}
        if clash:  # overlapping boxes: keep the text with the box that came first
            k = min(clash)  # type: ignore[type-var]
            texts[k] = "\n".join(t for t in (texts[k], b.text) if t)
            continue
        k = len(spans)
        spans.append((r0, c0, r1, c1))
        texts.append(b.text)
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner[r][c] = k
    holes = _hole_texts(owner, xs, ys, stray_sets)
    rows: list[list[RawCell]] = []
    for r in range(nrows):
        row: list[RawCell] = []
        c = 0
        while c < ncols:
            k = owner[r][c]
            if k is None:
                row.append(RawCell(holes.get((r, c), "")))
                c += 1
                continue
            r0, c0, r1, c1 = spans[k]
            if r0 == r and c0 == c:
                row.append(RawCell(texts[k], span=c1 - c0, rowspan=r1 - r0))
            c = c1
        rows.append(row)
    return rows


def _hole_texts(owner, xs, ys, stray_sets) -> dict[tuple[int, int], str]:
    """Text of characters inside the table but in no cell box, by the grid slot they fall in."""
    found: dict[tuple[int, int], list] = {}
    for shift, chars in stray_sets:
        for ch in chars:
            x = (ch["x0"] + ch["x1"]) / 2
            y = (ch["top"] + ch["bottom"]) / 2 + shift
            c = next((i for i in range(len(xs) - 1) if xs[i] <= x <= xs[i + 1]), None)
            r = next((i for i in range(len(ys) - 1) if ys[i] <= y <= ys[i + 1]), None)
            if r is not None and c is not None and owner[r][c] is None:
                found.setdefault((r, c), []).append(ch)
    return {k: _text(v) for k, v in found.items()}
