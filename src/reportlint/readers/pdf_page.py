"""One PDF page as the reader sees it: its text lines, and its tables found from the rules drawn (cells from the
geometry, missing outer rules closed), each cell's text from the characters inside it."""

from __future__ import annotations

import gc
import io
import math
import os
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from .. import limits
from ..errors import InputError
from . import pdf_pdfium
from .pdf_content import content_size

TOL = 3.0  # points: edges this close are the same edge
MIN_CELL = 5.0  # points: no cell is thinner; closer cell edges (double rules, overshoots) are one edge
JOIN_TOL = 6.0  # points: outer edges of table parts on two pages that count as the same
MAX_SEGMENTS = 2000  # rules on a page beyond this are a drawing; no missing rules are added then
MAX_GRID = 200  # rows or columns beyond this are no report table; keep the grid small
MARGIN_TOP, MARGIN_BOTTOM = 0.10, 0.88  # fractions of the page height: where headers/footers live


# -- what a page holds -------------------------------------------------------------------------------------
@dataclass
class Line:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str


@dataclass
class Box:
    """One table cell on one page (coordinates in points from the page top)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass
class Part:
    """A table, or the piece of a table that lies on one page."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    boxes: list[Box]
    strays: list[dict] = field(default_factory=list)  # characters inside the table but in no cell box


@dataclass
class Page:
    number: int
    height: float
    lines: list[Line] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)


def parse_pages(path: str, data: bytes, pdfplumber, engine: str | None = None) -> list[Page]:
    """The pages of a PDF, read by PDFium when pypdfium2 is installed (``engine`` "pdfium"), else by pdfminer
    ("pdfminer"; ``REPORTLINT_PDF_ENGINE`` chooses): the same characters and rules either way, so the same
    document (tests/test_pdf_engines.py, and every PDF test runs with both)."""
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "bad-pdf", "no %PDF- header")
    if engine is None:
        engine = os.environ.get("REPORTLINT_PDF_ENGINE") or ("pdfium" if pdf_pdfium.available() else "pdfminer")
    pages = _pdfium_pages(path, data) if engine == "pdfium" else _pdfminer_pages(path, data, pdfplumber)
    _check_text(path, pages)
    return pages


def _guard(path: str, data: bytes) -> None:
    """What pdfminer's reading of the structure alone (no page interpreted: 2 ms for a real report) says before
    PDFium reads the pages: encrypted, damaged, no pages, too many, or a page that draws more than pdf_page_mb —
    PDFium cannot be stopped by the time budget while it builds a page, so a glyph flood is refused here, as for
    pdfminer."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        pages = list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged files
        raise _open_error(path, exc) from None
    if not pages:
        raise InputError(path, "bad-pdf", "no pages")
    if len(pages) > limits.current.pdf_pages:
        raise InputError(path, "too-large", f"{len(pages)} pages > {limits.current.pdf_pages}, pdf_pages")
    for number, page in enumerate(pages, 1):
        _check_content(path, _Numbered(number, page))


@dataclass
class _Numbered:
    """A pdfminer page with its number, as _check_content reads a pdfplumber page."""

    page_number: int
    page_obj: object


def _pdfium_pages(path: str, data: bytes) -> list[Page]:
    try:
        _guard(path, data)
    finally:
        # pdfminer's document, its parser and the objects it cached refer to each other: collected now, while they
        # are young (a batch runs the cyclic collector rarely, and 110 KB a PDF were kept)
        gc.collect(0)
    pdf = pdf_pdfium.open_document(path, data)
    try:
        pages, doctop = [], 0.0  # the guard has refused a PDF without pages or with too many
        for index in range(len(pdf)):
            try:
                found = pdf_pdfium.read_page(pdf, index, doctop)
            except InputError:
                raise
            except Exception as exc:  # noqa: BLE001 - a damaged page
                raise InputError(path, "bad-pdf", f"page {index + 1}: {_short(exc)}") from None
            doctop += found.height
            chars = [c for c in found.chars if c["text"] and _finite(c, "size")]
            if _has_duplicates(chars):
                chars = _deduped(chars)
            rules = [o for o in found.rules if _finite(o) and _is_rule(o)]
            pages.append(_read_page(found.number, found.height, (0, 0, found.width, found.height), chars, rules))
        return pages
    finally:
        pdf.close()


def _deduped(chars: list[dict]) -> list[dict]:
    """pdfplumber's dedupe_chars (fake bold: the same glyph drawn twice, a hair apart) on a list of chars."""
    from pdfplumber.utils import dedupe_chars

    return list(dedupe_chars(chars, extra_attrs=("size",)))  # PDFium names no font per character


def _pdfminer_pages(path: str, data: bytes, pdfplumber) -> list[Page]:
    from pdfplumber.utils.exceptions import PdfminerException

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
            chars, rules = objects
            pages.append(_read_page(page.page_number, float(page.height), page.bbox, chars, rules))
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


def _check_text(path: str, pages: list[Page]) -> None:
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
        text = c["text"]
        for dx in (-1, 0, 1):  # loops, not a generator: this runs for every character of every page
            for dy in (-1, 0, 1):
                if (text, x + dx, y + dy) in seen:
                    return True
        seen.add((text, x, y))
    return False


def _finite(obj, *extra: str) -> bool:
    """Coordinates a damaged file may give as NaN or infinity are dropped with their object."""
    try:  # one NaN or infinity makes the sum one (a finite overflow aside, which is no coordinate either)
        total = obj["x0"] + obj["x1"] + obj["top"] + obj["bottom"] + obj["width"] + obj["height"]
        for k in extra:
            total += obj[k]
        return math.isfinite(total)
    except (KeyError, TypeError, ValueError, OverflowError):
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


def _read_page(number: int, height: float, bbox, chars, rules) -> Page:
    out = Page(number, height)
    tables = _find_tables(rules, bbox)
    assigned: set[int] = set()
    for table in tables:
        cells = [tuple(map(float, c)) for c in table.cells]
        if len(cells) < 2:
            continue
        x0, top, x1, bottom = map(float, table.bbox)
        inside = [c for c in chars if id(c) not in assigned and _center_in(c, (x0, top, x1, bottom))]
        owned = _owners(cells, inside)
        boxes = []
        for n, (bx0, btop, bx1, bbottom) in enumerate(cells):
            mine = owned.get(n, [])
            assigned.update(id(c) for c in mine)
            boxes.append(Box(bx0, btop, bx1, bbottom, chars_text(mine)))
        strays = [c for c in inside if id(c) not in assigned]  # read later as the text of a grid hole
        assigned.update(id(c) for c in strays)
        if any(b.text for b in boxes) or strays:  # a grid with no text at all is a drawing (or a frame)
            out.parts.append(Part(out.number, x0, top, x1, bottom, boxes, strays))
    body = [c for c in chars if id(c) not in assigned]
    for chars_of_line in _lines_of(body):
        ink = [c for c in chars_of_line if not c["text"].isspace()]  # an indent typed as U+3000 is no text
        if not ink:
            continue
        size = statistics.median(float(c["size"]) for c in ink)
        out.lines.append(Line(
            out.number, min(c["x0"] for c in ink), max(c["x1"] for c in ink),
            min(c["top"] for c in ink), max(c["bottom"] for c in ink), size, _line_text(chars_of_line).strip(),
        ))
    return out


def _owners(cells: list[tuple[float, ...]], chars: list[dict]) -> dict[int, list[dict]]:
    """cell index → the characters whose centre it holds, in their order; a centre on a shared edge goes to the
    first cell that holds it (as testing the cells in turn would). Cells are looked up by horizontal bands of
    ``_BAND`` points, not each against every character (a table of 300 cells and 1,000 characters)."""
    bands: dict[int, list[int]] = {}
    for n, (_, top, _, bottom) in enumerate(cells):
        for band in range(int(top // _BAND), int(bottom // _BAND) + 1):
            bands.setdefault(band, []).append(n)
    owned: dict[int, list[dict]] = {}
    for c in chars:
        y = (c["top"] + c["bottom"]) / 2
        for n in bands.get(int(y // _BAND), ()):
            if _center_in(c, cells[n]):
                owned.setdefault(n, []).append(c)
                break
    return owned


_BAND = 20.0


def _center_in(char, bbox) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


# -- tables on one page ------------------------------------------------------------------------------------
def _find_tables(rules, bbox):
    """pdfplumber's lattice finder on these rules alone (as ``page.filter(…).find_tables`` would run it: the lines'
    edges, then the rects', then the curves'), with the closing rules a cut table lacks."""
    from pdfplumber.table import TableFinder
    from pdfplumber.utils import obj_to_edges

    edges = [e for kind in ("line", "rect", "curve") for r in rules if r["object_type"] == kind
             for e in obj_to_edges(r)]
    extra_h, extra_v = _closing_edges(edges)
    settings = {"explicit_horizontal_lines": extra_h, "explicit_vertical_lines": extra_v}
    return TableFinder(_Ruled(edges, bbox), settings).tables


@dataclass
class _Ruled:
    """What pdfplumber's TableFinder reads of a page when it looks for ruled tables: the edges and the box."""

    edges: list
    bbox: tuple


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
        for group in cluster(points, key=lambda p: p[0]):
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


def cluster(items, key, tol: float = TOL) -> list[list]:
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
_ONE_LINE = 3.0  # pdfplumber's y_tolerance: characters whose tops lie this close are on one line


def _x0(char: dict) -> float:
    return char["x0"]

def _lines_of(chars) -> list[list[dict]]:
    """Characters grouped into visual lines (pdfplumber's clustering), each in reading order."""
    if not chars:
        return []
    tops = [c["top"] for c in chars]
    if max(tops) - min(tops) <= _ONE_LINE and all(c["upright"] for c in chars):
        # one line, as most table cells are: what the clustering gives, without building a text map
        return [sorted(chars, key=_x0)]
    return textmap_lines(chars)


def textmap_lines(chars) -> list[list[dict]]:
    """pdfplumber's clustering of characters into lines (the plain path of :func:`_lines_of`)."""
    from pdfplumber.utils import chars_to_textmap

    lines = chars_to_textmap(list(chars)).extract_text_lines(strip=False, return_chars=True)
    return [[c for c in line["chars"] if c.get("text") is not None and "x0" in c] for line in lines]


def chars_text(chars) -> str:
    """Cell text: its lines joined by newlines."""
    return "\n".join(t for t in (_line_text(line).strip() for line in _lines_of(chars)) if t)


def is_cjk(ch: str) -> bool:
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
            cjk = is_cjk(text) or is_cjk(prev["text"][-1:])
            if gap > (0.45 if cjk else 0.15) * size:
                out.append(" ")
        out.append(text)
        prev = ch
    return re.sub(r"[ \t]{2,}", " ", "".join(out))
