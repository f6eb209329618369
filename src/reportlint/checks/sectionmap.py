"""Where the pack's sections are in a document: shared by required_sections and the text rules' section scope.

A pack section matches a heading when the heading's text, numbering, spaces, punctuation width and a trailing 表
ignored, equals its ``title``, an ``alias`` or a ``variant``, or contains every one of its ``keywords``. A short
paragraph whose text (up to its first full stop or colon) is such a heading counts too, for headings written
without numbering or not recognised as headings.

A section with a ``parent`` is looked for only inside its parent: from the parent's heading to the next heading
at the parent's level or the next section of the parent's own group, whichever comes first. A parent that is not
found leaves its sub-sections unlooked-for (the parent's own absence is the finding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Paragraph, Section
from ..normalize import memoise_short, norm, strip_number
from .base import Context

_INLINE_MAX = 40  # a paragraph longer than this (up to its first stop) is body text, not a heading


@dataclass
class Match:
    section_id: str
    paragraph: Paragraph
    title: str  # as written
    variant: bool
    end: int | None = None  # index of the first paragraph after the section (None: to the end of the document)


@memoise_short
def title_key(text: str) -> str:
    key = strip_number(norm(text))
    key = re.sub(r"[.。:：;；,，!！]+$", "", key)
    key = re.sub(r"(情况)?表$", lambda m: m.group(1) or "", key)
    return key


def inline_title(text: str) -> str:
    m = re.search(r"[。：:]", text)
    return text[: m.start()] if m else text


class _Wanted:
    """The ways one group of sibling sections can be written."""

    def __init__(self, defs: list) -> None:
        self.exact: list[tuple[str, str, bool]] = []  # (key, section id, is_variant)
        self.keywords: list[tuple[list[str], str]] = []
        for sdef in defs:
            for text in [sdef.title, *sdef.aliases]:
                self.exact.append((title_key(text), sdef.id, False))
            for text in sdef.variants:
                self.exact.append((title_key(text), sdef.id, True))
            if sdef.keywords:
                self.keywords.append(([norm(k) for k in sdef.keywords], sdef.id))

    def match(self, title: str, taken: dict[str, Match]) -> tuple[str, bool] | None:
        key = title_key(title)
        if not key:
            return None
        for wkey, sid, variant in self.exact:
            if key == wkey and sid not in taken:
                return sid, variant
        for words, sid in self.keywords:
            if sid not in taken and all(w in key for w in words):
                return sid, False
        return None


def find_sections(ctx: Context) -> dict[str, Match]:
    """Section id → the heading that holds it (first match in document order), with the section's extent."""
    cache = ctx.cache.get("sections")
    if cache is None:
        cache = ctx.cache["sections"] = _find(ctx)
    return cache


def section_paragraphs(ctx: Context, match: Match) -> list[Paragraph]:
    """The paragraphs of a found section, its heading included."""
    end = match.end
    return [p for p in ctx.doc.paragraphs if p.index >= match.paragraph.index and (end is None or p.index < end)]


def _find(ctx: Context) -> dict[str, Match]:
    defs = ctx.pack.sections
    headings: list[Section] = [s for s in ctx.doc.sections() if s.paragraph is not None]
    by_paragraph = {id(s.paragraph): s for s in headings}
    found: dict[str, Match] = {}
    groups: dict[str | None, list] = {}
    for sdef in defs:
        groups.setdefault(sdef.parent, []).append(sdef)
    pending: list[str | None] = [None]
    while pending:
        parent_id = pending.pop(0)
        members = groups.get(parent_id, [])
        if parent_id is None:
            lo, hi = 0, None
        else:
            pm = found.get(parent_id)
            if pm is None:
                continue
            lo, hi = pm.paragraph.index, pm.end
        group = _find_group(ctx, members, headings, lo, hi)
        _set_extents(group, by_paragraph, hi)
        found.update(group)
        pending.extend(sdef.id for sdef in members if sdef.id in groups)
    return found


def _find_group(ctx: Context, members: list, headings: list[Section], lo: int, hi: int | None) -> dict[str, Match]:
    if not members:
        return {}
    wanted = _Wanted(members)
    found: dict[str, Match] = {}

    def inside(p: Paragraph) -> bool:
        return p.index > lo and (hi is None or p.index < hi)

    for s in headings:
        if inside(s.paragraph):  # type: ignore[arg-type]
            hit = wanted.match(s.title, found)
            if hit:
                found[hit[0]] = Match(hit[0], s.paragraph, s.title, hit[1])  # type: ignore[arg-type]
    if len(found) < len(members):
        for p in ctx.doc.paragraphs:
            text = p.display
            if not text or not inside(p):
                continue
            title = inline_title(text)
            if len(title) <= _INLINE_MAX:
                hit = wanted.match(title, found)
                if hit:
                    found[hit[0]] = Match(hit[0], p, title, hit[1])
    return found


def _set_extents(group: dict[str, Match], by_paragraph: dict[int, Section], hi: int | None) -> None:
    """A section ends at the next section of its group, at the next heading at its level, or where its parent
    ends."""
    starts = sorted(m.paragraph.index for m in group.values())
    for m in group.values():
        ends = [i for i in starts if i > m.paragraph.index]
        if hi is not None:
            ends.append(hi)
        section = by_paragraph.get(id(m.paragraph))
        if section is not None:
            nxt = _next_at_level(section)
            if nxt is not None:
                ends.append(nxt)
        m.end = min(ends) if ends else None


def _next_at_level(section: Section) -> int | None:
    """Paragraph index of the first heading after ``section`` at its level or above."""
    node: Section | None = section
    while node is not None and node.parent is not None:
        siblings = node.parent.children
        k = siblings.index(node)
        for later in siblings[k + 1 :]:
            if later.paragraph is not None:
                return later.paragraph.index
        node = node.parent
    return None
