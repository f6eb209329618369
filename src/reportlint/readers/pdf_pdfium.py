"""The fast engine under the PDF reader: PDFium (pypdfium2, BSD/Apache) gives each page's characters with their
boxes and its path objects, in C, about ten times faster than pdfminer interprets the content streams in Python
(the profile: nine tenths of reading a PDF). They are handed on in the shapes pdfplumber gives (dicts with ``x0``,
``top``, ``x1``, ``bottom`` … in points from the page's top left), so the rest of the reader — pdfplumber's lattice
table finder on the visible rules, lines and paragraphs — is the same whichever engine read the page.

Characters: PDFium's own text (its generated spaces and line breaks left out), the "loose" box's left, right and
bottom (the glyph's advance and the font's descent, as pdfminer measures them) and, as pdfminer, a height of the
font size scaled by the text matrix. Rules: each path object split into
its subpaths (at every move), each in page coordinates (the object's matrix and those of the forms it sits in) and
classified as pdfminer does: two points a line, an axis-aligned closed four-point path a rect, anything else a
curve; with its stroke and fill and their colours."""

from __future__ import annotations

import ctypes
import itertools
import math
from dataclasses import dataclass
from typing import Any

from ..errors import InputError

_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2  # FPDF_SEGMENT_*
_PATH, _FORM = 2, 5  # FPDF_PAGEOBJ_*
_PASSWORD = 4  # FPDF_ERR_PASSWORD
_MAX_DEPTH = 16  # forms inside forms


def available() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass
class PageObjects:
    """One page as the table finder and the line builder need it."""

    number: int  # 1-based
    width: float
    height: float
    chars: list[dict[str, Any]]
    rules: list[dict[str, Any]]  # lines, rects and curves (not yet filtered to the visible rules)


def open_document(path: str, data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PASSWORD:
            raise InputError(path, "encrypted-pdf") from None
        raise InputError(path, "bad-pdf", str(exc)[:100]) from None


def read_page(pdf, index: int, doctop: float) -> PageObjects:
    """Page ``index`` (0-based); ``doctop``: the heights of the pages before it (pdfplumber's ``doctop``)."""
    page = pdf[index]
    try:
        left, bottom, right, top = page.get_mediabox()
        width, height = right - left, top - bottom

        def to_page(x: float, y: float) -> tuple[float, float]:
            return x - left, top - y

        chars = _chars(page, to_page, doctop)
        rules = _rules(page, to_page, doctop)
    finally:
        page.close()
    return PageObjects(index + 1, width, height, chars, rules)


def _chars(page, to_page, doctop: float) -> list[dict[str, Any]]:
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        out = []
        tp = textpage.raw
        matrix = raw.FS_MATRIX()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        rect = raw.FS_RECTF()
        byref_matrix, byref_rect = ctypes.byref(matrix), ctypes.byref(rect)
        for i in range(textpage.count_chars()):
            code = raw.FPDFText_GetUnicode(tp, i)
            if code in (0, 0x0A, 0x0D, 0xFFFE, 0xFFFF) or (code == 0x20 and raw.FPDFText_IsGenerated(tp, i) == 1):
                continue  # a line break or a space PDFium inferred (it infers no other): the reader spaces itself
            raw.FPDFText_GetLooseCharBox(tp, i, byref_rect)
            l_, b, r, t = rect.left, rect.bottom, rect.right, rect.top
            x0, _ = to_page(l_, t)
            x1, bottom_ = to_page(r, b)
            raw.FPDFText_GetMatrix(tp, i, byref_matrix)
            size = raw.FPDFText_GetFontSize(tp, i) * math.hypot(matrix.c, matrix.d)  # scaled as pdfminer scales it
            if x1 - x0 > 2 * size or t - b > 3 * size:  # a vertical-writing font: PDFium's loose box is unscaled
                raw.FPDFText_GetCharOrigin(tp, i, ctypes.byref(ox), ctypes.byref(oy))
                x0, bottom_ = to_page(ox.value, oy.value)  # pdfminer: the box stands on the origin, a size wide
                x1 = x0 + size
            top_ = bottom_ - size  # pdfminer's box: from the descent up by the font size
            out.append({"text": chr(code), "x0": x0, "x1": x1, "top": top_,
                        "bottom": bottom_, "doctop": doctop + top_, "width": x1 - x0, "height": size,
                        "size": size, "upright": True})
        return out
    finally:
        textpage.close()


def _rules(page, to_page, doctop: float) -> list[dict[str, Any]]:
    """The page's path objects as pdfminer's lines, rects and curves."""
    import pypdfium2.raw as raw

    out: list[dict[str, Any]] = []
    handle = page.raw
    objects = [raw.FPDFPage_GetObject(handle, i) for i in range(raw.FPDFPage_CountObjects(handle))]
    _paths(raw, objects, None, to_page, doctop, out, 0)
    return out


def _paths(raw, objects: list, outer: tuple[float, ...] | None, to_page, doctop: float, out: list, depth: int) -> None:
    """The path objects among ``objects`` (and inside the forms among them) as shapes, in page coordinates.
    The raw API: pypdfium2's object wrappers cost more than the rest of this (a page holds thousands of text
    objects)."""
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == _FORM and depth < _MAX_DEPTH:
            m = _matrix(obj)
            inner = [raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))]
            _paths(raw, inner, _compose(outer, m) if outer else m, to_page, doctop, out, depth + 1)
        elif kind == _PATH:
            m = _matrix(obj)
            style = _style(raw, obj)
            for points, closed in _subpaths(raw, obj, _compose(outer, m) if outer else m):
                shape = _shape([to_page(x, y) for x, y in points], closed, doctop)
                if shape is not None:
                    out.append({**shape, **style})


def _matrix(handle) -> tuple[float, ...]:
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(handle, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(outer: tuple[float, ...], inner: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix that applies ``inner`` then ``outer``."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _subpaths(raw, handle, m: tuple[float, ...]) -> list[tuple[list[tuple[float, float]], bool]]:
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    paths: list[tuple[list[tuple[float, float]], bool]] = []
    for i in range(raw.FPDFPath_CountSegments(handle)):
        seg = raw.FPDFPath_GetPathSegment(handle, i)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if raw.FPDFPathSegment_GetType(seg) == _MOVETO or not paths:
            paths.append(([point], False))
        else:
            paths[-1][0].append(point)
        if raw.FPDFPathSegment_GetClose(seg):
            paths[-1] = (paths[-1][0], True)
    return paths


def _shape(pts: list[tuple[float, float]], closed: bool, doctop: float) -> dict[str, Any] | None:
    """A subpath (page coordinates, top-down) as pdfminer classifies it."""
    if len(pts) < 2:
        return None
    if closed and pts[-1] != pts[0]:
        pts = [*pts, pts[0]]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    box = {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
           "doctop": doctop + top, "y0": -bottom, "y1": -top}
    if len(pts) == 2:
        return {"object_type": "line", **box, "pts": pts}
    if len(pts) == 5 and pts[0] == pts[4] and _axis_aligned(pts):
        return {"object_type": "rect", **box, "pts": pts}
    return {"object_type": "curve", **box, "pts": pts}


def _axis_aligned(pts: list[tuple[float, float]]) -> bool:
    return all(p[0] == q[0] or p[1] == q[1] for p, q in itertools.pairwise(pts))


def _style(raw, handle) -> dict[str, Any]:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(handle, ctypes.byref(fill), ctypes.byref(stroke))
    return {"fill": bool(fill.value), "stroke": bool(stroke.value),
            "stroking_color": _colour(raw.FPDFPageObj_GetStrokeColor, handle),
            "non_stroking_color": _colour(raw.FPDFPageObj_GetFillColor, handle)}


def _colour(getter, handle) -> tuple[float, ...] | None:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not getter(handle, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)
