"""Inline suppressions in Word: a comment whose text is ``reportlint: ignore`` or ``reportlint: ignore[rule-id, …]``
suppresses the findings located where it is anchored — the paragraphs its range covers (and the tables between), the
one cell it sits in, or the whole table when it spans several of its cells. A comment on the title also covers the
findings of the whole document (a missing section has no place of its own).

Only the comments part is read here; the body reader (told which comment ids matter) notes where each such comment
starts and ends (:class:`Anchors`), and :func:`suppressions` turns that into
:class:`~reportlint.model.Suppression` once the blocks are numbered."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from ..model import Document, Paragraph, Suppression
from ..model.suppression import rule_list, word_comment
from .docx_package import _inflate, _over_part_bound, _rels_targets, _safe_parser
from .wordml import W_T, w

W_COMMENT, W_ID = w("comment"), w("id")
W_COMMENT_START, W_COMMENT_END, W_COMMENT_REF = w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")
COMMENT_MARKS = frozenset({W_COMMENT_START, W_COMMENT_END, W_COMMENT_REF})


def reportlint_comments(zf: zipfile.ZipFile, names: dict[str, str], main_name: str) -> dict[str, tuple[str, str]]:
    """The comments that are suppressions: id → (the rules as written, the comment's text). Empty (and nothing
    parsed) for a document whose comments never mention reportlint."""
    base = posixpath.dirname(main_name.lstrip("/"))
    rels_name = posixpath.join(base, "_rels", posixpath.basename(main_name) + ".rels")
    targets = _rels_targets(zf, names, rels_name, "/comments", base) or [posixpath.join(base, "comments.xml")]
    found: dict[str, tuple[str, str]] = {}
    for target in targets:
        if target not in names:
            continue
        info = zf.getinfo(names[target])
        if _over_part_bound(info):
            continue
        try:
            data = _inflate(zf, info)
            if b"reportlint" not in data.lower():
                continue
            root = etree.fromstring(data, _safe_parser())
        except Exception:  # noqa: BLE001 - unreadable comments suppress nothing
            continue
        for comment in root.iter(W_COMMENT):
            text = "".join(t.text or "" for t in comment.iter(W_T))
            m = word_comment(text)
            if m and comment.get(W_ID) is not None:
                found[comment.get(W_ID)] = (m.group("rules") or "", text.strip())
    return found


# An anchor: a Paragraph block, or (table number, grid row, grid column) of a cell, 1-based.
Anchor = Paragraph | tuple[int, int, int]


@dataclass
class Anchors:
    """Where the suppressing comments start and end, as the body reader meets their marks."""

    wanted: dict[str, tuple[str, str]]
    pending: list[tuple[str, str]] = field(default_factory=list)  # (kind, id) met in the paragraph being read
    starts: dict[str, Anchor] = field(default_factory=dict)
    ends: dict[str, Anchor] = field(default_factory=dict)

    def mark(self, el) -> None:
        cid = el.get(W_ID)
        if cid in self.wanted:
            self.pending.append(("start" if el.tag == W_COMMENT_START else "end", cid))

    def place(self, anchor: Anchor) -> None:
        """The marks met since the last call belong to ``anchor``."""
        for kind, cid in self.pending:
            if kind == "start":
                self.starts.setdefault(cid, anchor)
            else:
                self.ends[cid] = anchor
        self.pending.clear()


def suppressions(doc: Document, anchors: Anchors) -> list[Suppression]:
    """The suppressions of a built document (its blocks numbered)."""
    tables = {t.index: t.block for t in doc.tables}
    title = doc.title_paragraph.block if doc.title_paragraph is not None else None
    out = []
    for cid, (rules, text) in anchors.wanted.items():
        start = anchors.starts.get(cid) or anchors.ends.get(cid)
        end = anchors.ends.get(cid) or start
        if start is None or end is None:
            continue  # a comment anchored nowhere in the body (a header, a footnote)
        where = _block(start, tables)
        if isinstance(start, tuple) and start == end:
            scope = {"cell": start}
        else:
            scope = {"blocks": (where, _block(end, tables))}
        paragraph = start.index if isinstance(start, Paragraph) else None
        covers_title = title is not None and "blocks" in scope and scope["blocks"][0] <= title <= scope["blocks"][1]
        out.append(Suppression(rule_list(rules), document=covers_title, paragraph=paragraph, block=where, text=text,
                               **scope))
    return sorted(out, key=lambda s: s.block or 0)


def _block(anchor: Anchor, tables: dict[int, int | None]) -> int:
    if isinstance(anchor, Paragraph):
        return anchor.block or 0
    return tables.get(anchor[0]) or 0
