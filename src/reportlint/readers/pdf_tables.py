"""PDF tables across pages: the parts of one table on consecutive pages joined (a repeated header dropped, a row
cut at the page seam joined), and laid out as raw rows on one grid."""

from __future__ import annotations

import bisect
import re
import statistics

from ..model import RawCell
from ..normalize import clean, looks_like_value
from .pdf_page import JOIN_TOL, MAX_GRID, MIN_CELL, TOL, Box, Part, chars_text, cluster

_NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[.、．](?!\d))")



# -- tables across pages -----------------------------------------------------------------------------------
def _edges_x(boxes: list[Box]) -> list[float]:
    """The column edges of a table part."""
    return [statistics.fmean(g) for g in cluster([x for b in boxes for x in (b.x0, b.x1)], key=float)]


def continues(prev: Part, part: Part, heights: dict[int, float]) -> bool:
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


def _rows_of(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped by their top edge, top to bottom, each row left to right."""
    return [sorted(g, key=lambda b: b.x0) for g in cluster(boxes, key=lambda b: b.top)]


def group_rows(parts: list[Part]) -> list[list[RawCell]]:
    """Stack the parts of one table, join what the page breaks cut, and lay the cells out on one grid."""
    first_rows = _rows_of(parts[0].boxes)
    boxes = [Box(b.x0, b.top, b.x1, b.bottom, b.text) for b in parts[0].boxes]
    seam = max((b.bottom for b in boxes), default=parts[0].bottom)
    offset_chars: list[tuple[float, list]] = [(0.0, parts[0].strays)]
    for part in parts[1:]:
        rows = _rows_of(part.boxes)
        start = _repeated_header(first_rows, rows)
        cut = rows[start][0].top if start < len(rows) else part.bottom
        shift = seam - cut
        ref = _edges_x(boxes)
        new = [Box(_snap(b.x0, ref), max(b.top, cut) + shift, _snap(b.x1, ref), b.bottom + shift, b.text)
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


def _repeated_header(first_rows: list[list[Box]], rows: list[list[Box]]) -> int:
    """How many leading rows of a continuation repeat the table's first (header) rows."""
    n = 0
    while n < min(len(first_rows), len(rows)) - 1:
        a = [clean(b.text) for b in first_rows[n]]
        b = [clean(x.text) for x in rows[n]]
        if a != b or not any(t and not looks_like_value(t) for t in a):
            break
        n += 1
    return n


def _join_seam(above: list[Box], below: list[Box], seam: float) -> None:
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


def _layout_grid(boxes: list[Box], stray_sets) -> list[list[RawCell]]:
    """The grid of all cell edges; each box becomes a RawCell with its spans, a slot no box covers an empty
    cell (holding any stray text that falls in it)."""
    xs = [statistics.fmean(g) for g in cluster([x for b in boxes for x in (b.x0, b.x1)], float, MIN_CELL)]
    ys = [statistics.fmean(g) for g in cluster([y for b in boxes for y in (b.top, b.bottom)], float, MIN_CELL)]
    if len(xs) < 2 or len(ys) < 2 or len(xs) > MAX_GRID + 1 or len(ys) > MAX_GRID * 10:
        return []

    def index(values: list[float], v: float) -> int:
        """The nearest of the sorted ``values`` (the lower one on a tie, as min() over them would give)."""
        i = bisect.bisect_left(values, v)
        if i == 0:
            return 0
        if i == len(values) or abs(values[i - 1] - v) <= abs(values[i] - v):
            return i - 1
        return i

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
    return {k: chars_text(v) for k, v in found.items()}
