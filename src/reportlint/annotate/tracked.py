"""A replacement in a Word paragraph as a tracked change (``w:del`` of the old text, ``w:ins`` of the new, author
"reportlint" and a date), so that the office accepts or rejects each fix in Word or WPS.

The old text is found in the paragraph's text as its runs show it (``w:t`` of the runs not deleted, through
hyperlinks, insertions and content controls). The runs at its ends are split where it starts and ends, the runs it
covers move into the ``w:del`` (their ``w:t`` made ``w:delText``), and one run with the first one's properties
holds the new text in the ``w:ins``. A run that holds more than text (a tab, a break, a field, a picture) where the
old text is, or an old text not found, leaves the paragraph as it is: the fix is not made (the comment still is).
"""

from __future__ import annotations

import copy
from itertools import count

from lxml import etree

from ..readers.wordml import W_DEL, W_P, W_R, W_RPR, W_T, W_TXBXCONTENT, w

W_INS, W_DELTEXT, W_ID, W_AUTHOR, W_DATE = w("ins"), w("delText"), w("id"), w("author"), w("date")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TEXT_ONLY = frozenset({W_RPR, W_T, w("lastRenderedPageBreak")})
_NOT_SHOWN = frozenset({W_DEL, w("moveFrom"), W_TXBXCONTENT, W_P, W_R})


class Changes:
    """Tracked changes made in one document: their ids (after every id the document uses), author and date."""

    def __init__(self, root, author: str, date: str) -> None:
        used = [int(v) for el in root.iter(W_INS, W_DEL, w("commentRangeStart"), w("bookmarkStart"))
                if (v := el.get(W_ID)) is not None and v.lstrip("-").isdigit()]
        self._ids = count(max(used, default=0) + 1)
        self.author, self.date = author, date

    def mark(self, tag: str) -> etree._Element:
        return etree.Element(tag, {W_ID: str(next(self._ids)), W_AUTHOR: self.author, W_DATE: self.date})

    def replace(self, p, old: str, new: str) -> bool:
        """Replace the first ``old`` in paragraph ``p`` by ``new`` as a tracked change; False when it cannot."""
        runs = shown_runs(p)
        texts = ["".join(t.text or "" for t in r.iter(W_T)) for r in runs]
        start = "".join(texts).find(old)
        if not old or start < 0:
            return False
        end = start + len(old)
        covered, at = [], 0
        for r, text in zip(runs, texts, strict=True):
            if at < end and at + len(text) > start:
                if _text(r) is None:
                    return False  # more than text where the old text is
                covered.append((r, max(start - at, 0), min(end - at, len(text))))
            at += len(text)
        first = _split(*covered[0])
        inner = [first] + [_split(*c) for c in covered[1:]]
        deleted = self.mark(W_DEL)
        first.addprevious(deleted)
        for r in inner:
            deleted.append(r)
            for t in r.iter(W_T):
                t.tag = W_DELTEXT
                t.set(XML_SPACE, "preserve")
        if new:
            inserted = self.mark(W_INS)
            run = etree.SubElement(inserted, W_R)
            props = first.find(W_RPR)
            if props is not None:
                run.append(copy.deepcopy(props))
            t = etree.SubElement(run, W_T)
            t.text = new
            t.set(XML_SPACE, "preserve")
            deleted.addnext(inserted)
        return True


def shown_runs(p) -> list:
    """The runs of paragraph ``p`` itself, through hyperlinks, insertions and content controls; not deleted ones,
    nor those of a text box or paragraph inside it."""
    out = []
    for r in p.iter(W_R):
        parent = r.getparent()
        while parent is not None and parent is not p and parent.tag not in _NOT_SHOWN:
            parent = parent.getparent()
        if parent is p:
            out.append(r)
    return out


def _text(r) -> str | None:
    """The run's text when it holds nothing but text, else None."""
    if any(child.tag not in _TEXT_ONLY for child in r):
        return None
    return "".join(t.text or "" for t in r.iter(W_T))


def _split(r, a: int, b: int):
    """The part [a, b) of text-only run ``r`` as a run of its own (``r`` keeps what is before, a copy after)."""
    text = _text(r) or ""
    if b < len(text):
        after = copy.deepcopy(r)
        _set_text(after, text[b:])
        r.addnext(after)
    if a > 0:
        inside = copy.deepcopy(r)
        _set_text(inside, text[a:b])
        _set_text(r, text[:a])
        r.addnext(inside)
        return inside
    _set_text(r, text[a:b])
    return r


def _set_text(r, text: str) -> None:
    ts = list(r.iter(W_T))
    for t in ts[1:]:
        r.remove(t)
    if ts:
        ts[0].text = text
        ts[0].set(XML_SPACE, "preserve")
    else:
        t = etree.SubElement(r, W_T)
        t.text = text
        t.set(XML_SPACE, "preserve")
