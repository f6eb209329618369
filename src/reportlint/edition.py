"""Which edition of the national format a document's tables follow: 2019 (格式（试行）) or 2021.

The two editions differ in table 2 only (FORMAT.md): the 2019 edition has the columns 本年新制作数量 · 本年新公开数量 ·
对外公开总数量, 上一年项目数量 · 本年增/减 and the block 第二十条第（九）项 (采购项目数量 · 采购总金额); the 2021 edition has
本年制发件数 · 本年废止件数 · 现行有效件数 and 本年处理决定数量. A document shows its edition by these labels; a report that
shows neither is taken to follow the edition of its year (2019–2020 → 2019, later → 2021).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Document, Table
from .normalize import norm

if TYPE_CHECKING:
    from .checks.tableindex import TableIndex

OLD_LABELS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "采购项目数量",
              "采购总金额")
NEW_LABELS = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量")
_OLD = [norm(x) for x in OLD_LABELS]
_NEW = [norm(x) for x in NEW_LABELS]


def old_labels_in(doc: Document) -> list[str]:
    """The 2019-only labels found in the document's tables, as written."""
    found: dict[str, str] = {}
    for table in doc.tables:
        for cell in table.origins():
            key = norm(cell.text)
            for label, wanted in zip(OLD_LABELS, _OLD, strict=True):
                if wanted in key and label not in found:
                    found[label] = cell.display
    return list(found)


def detect_layout(doc: Document, index: TableIndex | None = None) -> str | None:
    """"2019" or "2021" when the tables show one edition's labels (at least two, and more than the other's).
    ``index``: the document's, which remembers what a table shows per layout."""
    old: set[int] = set()
    new: set[int] = set()
    for table in doc.tables:
        old_here, new_here = (index.by_layout("edition-labels", table, _labels_of) if index is not None
                              else _labels_of(table))
        old |= old_here
        new |= new_here
    if len(old) >= 2 and len(old) > len(new):
        return "2019"
    if len(new) >= 2 and len(new) > len(old):
        return "2021"
    return None


def _labels_of(table: Table) -> tuple[frozenset[int], frozenset[int]]:
    """Which of each edition's labels a table shows (by position in _OLD, _NEW)."""
    # each cell's normalised text on a line of its own (a number is never one of these labels)
    text = table.label_text(norm)
    return (frozenset(i for i, w in enumerate(_OLD) if w in text),
            frozenset(i for i, w in enumerate(_NEW) if w in text))


def edition_for(doc: Document, index: TableIndex | None = None) -> str:
    """The edition to check a document against: the one its tables show, else the one of its year."""
    layout = detect_layout(doc, index)
    if layout is not None:
        return layout
    return "2019" if doc.year is not None and doc.year <= 2020 else "2021"
