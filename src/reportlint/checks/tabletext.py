"""Statistical tables that are there but cannot be read: what the rules on tables must not take for missing or
blank, and what the text rules must not read as prose.

Two shapes are seen in real exports:

* **text**: a crawler or a text export flattened the table, so its labels and numbers run together in paragraphs
  ("一、本年新收政府信息公开申请数量15130000154二、上年结转…"). Such a table is found where at least ``min_match`` of
  the table's locating labels stand close together (each within ``CLUSTER_GAP`` characters of the next) and the
  text from the first of them to the end of the last one's line holds at least ``MIN_NUMBERS`` bare numbers —
  numbers without a unit (件, 条, 万元 …), which prose gives its numbers — or one of ``GLUED_DIGITS`` digits or
  more (table 4's one row run together: "25380363300630003");
* **cells**: the table is there, but at least ``MIN_GLUED_CELLS`` of its data cells hold several numbers apart
  ("3001 53 0 0 61 4 3119": a row's numbers landed in one cell).

Both are one ``table-unreadable`` finding; the arithmetic, blank-cell and table-missing rules leave the table
alone, and no rule reads the flattened table's text as a phone number.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..model import DataCell, Document, Paragraph, Table
from ..normalize import nfkc

CLUSTER_GAP = 300  # characters between one locating label and the next of the same table
MIN_NUMBERS = 3
GLUED_DIGITS = 6  # one bare number this long is a row of numbers run together ("25380363300630003")
MIN_GLUED_CELLS = 2
_UNIT = "件条个项次起人户家份篇万元%‰年月日号期届倍名所座台"
_BARE_NUMBER_RE = re.compile(rf"(?<![\d.,])\d[\d.,]*(?![\d.,])(?!\s*[{_UNIT}])")
_GLUED_RE = re.compile(r"\d\s+\d")
_LISTED_RE = re.compile(r"\s*[、，,；;和及与等]")
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:[\s,]\d{3})+")


@dataclass(frozen=True)
class Unreadable:
    """A table of the pack that is in the document but whose numbers cannot be read."""

    table_id: str
    how: str  # "text": flattened into paragraphs; "cells": a table whose cells hold several numbers each
    sample: str  # what the finding quotes
    paragraph: Paragraph | None = None  # where the flattened text starts ("text")
    table: Table | None = None  # the table ("cells")
    cell: DataCell | None = None  # its first cell holding several numbers ("cells")
    spans: tuple[tuple[Paragraph, int, int], ...] = ()  # the flattened text, in each paragraph's NFKC text
    count: int = 0  # cells holding several numbers ("cells")


@functools.lru_cache(maxsize=1024)  # the pack's locating labels: the same few dozen for every document
def _label_re(label: str) -> re.Pattern[str]:
    """A label as it may stand in flattened text: NFKC, any spaces between its characters ("社会公益 组织")."""
    chars = [c for c in nfkc(label) if not c.isspace()]
    return re.compile(r"\s*".join(re.escape(c) for c in chars))


def flattened(doc: Document, table_id: str, locate: list[str], min_match: int) -> Unreadable | None:
    """The table ``table_id`` as flattened text among the document's paragraphs, if it is there."""
    paragraphs = [p for p in doc.paragraphs if p.nfkc]
    stream = "\n".join(p.nfkc for p in paragraphs)
    hits = sorted((m.start(), m.end(), k) for k, label in enumerate(locate) for m in _label_re(label).finditer(stream))
    run: list[tuple[int, int, int]] = []
    for hit in hits:
        if run and hit[0] - run[-1][1] > CLUSTER_GAP:
            found = _region(stream, run, min_match)
            if found is not None:
                return _unreadable(table_id, paragraphs, stream, *found, locate)
            run = []
        run.append(hit)
    found = _region(stream, run, min_match) if run else None
    return _unreadable(table_id, paragraphs, stream, *found, locate) if found is not None else None


def _region(stream: str, run: list[tuple[int, int, int]], min_match: int) -> tuple[int, int] | None:
    """(start, end) of the flattened table a run of label hits makes: from the first hit to the end of the last
    one's line or sentence; None when the run has too few labels or too few bare numbers."""
    if len({k for _, _, k in run}) < min_match:
        return None
    # labels listed in a sentence ("规章、行政规范性文件及行政许可…等信息") introduce the table; they are not part of it
    listed = [hit for hit in run if not _LISTED_RE.match(stream, hit[1])]
    start, last = (listed or run)[0][0], run[-1][1]
    ends = [i for i in (stream.find(c, last) for c in "\n。") if i >= 0]
    end = min(ends) if ends else len(stream)
    numbers = _BARE_NUMBER_RE.findall(stream, start, end)
    if len(numbers) < MIN_NUMBERS and not any(len(n) >= GLUED_DIGITS for n in numbers):
        return None
    return start, end


def _unreadable(table_id: str, paragraphs: list[Paragraph], stream: str, start: int, end: int,
                locate: list[str]) -> Unreadable:
    spans: list[tuple[Paragraph, int, int]] = []
    offset = 0
    for p in paragraphs:
        a, b = max(start, offset), min(end, offset + len(p.nfkc))
        if a < b:
            spans.append((p, a - offset, b - offset))
        offset += len(p.nfkc) + 1
    # quote a label with the numbers run into it, if one has them ("本年新收政府信息公开申请数量15130000154")
    region = stream[start:end]
    sample = ""
    for label in locate:
        m = re.search(_label_re(label).pattern + r"\s*\d[\d.,\s]*", region)
        if m:
            sample = m.group(0).strip()
            break
    if not sample:  # else the longest number with the words before it ("尚未审结总计25380363300630003")
        number = max(_BARE_NUMBER_RE.finditer(region), key=lambda m: len(m.group(0)))
        sample = region[max(0, number.start() - 6):number.end()].split("\n")[-1].strip()
    return Unreadable(table_id, "text", sample, paragraph=spans[0][0], spans=tuple(spans))


def glued_cells(table: Table, table_id: str) -> Unreadable | None:
    """The table when at least MIN_GLUED_CELLS of its data cells hold several numbers apart."""
    texts = [d.cell.text for d in table.data]
    if not _GLUED_RE.search("|".join(texts)):  # one scan in C: in a readable table no cell holds two numbers
        return None
    glued = [i for i, text in enumerate(texts) if _GLUED_RE.search(text) and not _THOUSANDS_RE.fullmatch(text.strip())]
    if len(glued) < MIN_GLUED_CELLS:
        return None
    cell = table.data[glued[0]]
    return Unreadable(table_id, "cells", cell.cell.display, table=table, cell=cell, count=len(glued))
