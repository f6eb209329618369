"""Where the pack's sections are in a document: shared by required_sections and the text rules' section scope.

A heading is recognised by its meaning, not by one spelling. It is a pack section's heading when

* its text — numbering, spaces, punctuation width and a trailing 表 ignored — equals the section's ``title``, an
  ``alias`` (accepted silently) or a ``variant`` (accepted, reported by ``section-title``), or contains every one
  of its ``keywords`` (accepted silently: sub-items such as Shandong's seven under 六);
* or it carries the section's own number in the section's numbering style (五、 for 五、存在的主要问题及改进情况) and
  every one of the section's ``terms`` (五: 问题 and 改进; 四: 复议 or 诉讼): another wording of the same heading,
  accepted and reported by ``section-title`` ("五、存在问题及改进情况", or misspelt, "四、政府信息公开行政法复议、
  行政诉讼情况"). A term lists its alternatives with ``|``.

Headings are looked for first among the document's headings, then in every paragraph: a short paragraph whose text
up to its first full stop or colon is such a heading, or a numbered paragraph that opens with one, its body glued
to it as a crawler's export leaves it ("一、总体情况2021年，我区…", "六、其他需要报告的事项2025年，无收取…").

A section with a ``parent`` is looked for only inside its parent: from the parent's heading to the next heading
at the parent's level or the next section of the parent's own group, whichever comes first. A parent that is not
found leaves its sub-sections unlooked-for (the parent's own absence is the finding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Paragraph, Section
from ..model.document import numbering
from ..normalize import memoise_short, norm, strip_number
from .base import Context

_INLINE_MAX = 40  # a paragraph longer than this (up to its first stop) is body text, not a heading
_PREFIX_SCAN = 80  # how much of a numbered paragraph is looked at for a heading glued to its body
# Where the wording of a heading glued to its body ends at the latest: punctuation, or the first digit of the body
# ("五、存在问题及改进情况2025年，我区…").
_HEADING_END_RE = re.compile(r"[。：:；;，,！？!?\d]")


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


def _display_prefix(text: str, length: int) -> str:
    """The shortest beginning of ``text`` whose normalised form is ``length`` characters long."""
    total = 0
    for i, char in enumerate(text):
        total += len(norm(char))
        if total >= length:
            return text[: i + 1]
    return text


@dataclass(frozen=True)
class _Terms:
    section_id: str
    numbering: tuple[int, int]  # (level, number) of the section's official title
    groups: tuple[tuple[str, ...], ...]  # each group: its alternatives, normalised

    def found_in(self, key: str) -> bool:
        return all(any(word in key for word in group) for group in self.groups)


# A section definition as the matcher reads it: (id, title, aliases, variants, keywords, terms)
_Written = tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


class _Wanted:
    """The ways one group of sibling sections can be written. Made from the definitions' texts alone, so every
    document checked against the same definitions shares one (``_wanted``)."""

    def __init__(self, defs: tuple[_Written, ...]) -> None:
        self.exact: list[tuple[str, str, bool]] = []  # (key, section id, is_variant)
        self.keywords: list[tuple[list[str], str]] = []
        self.terms: list[_Terms] = []
        for sid, title, aliases, variants, keywords, terms in defs:
            for text in [title, *aliases]:
                self.exact.append((title_key(text), sid, False))
            for text in variants:
                self.exact.append((title_key(text), sid, True))
            if keywords:
                self.keywords.append(([norm(k) for k in keywords], sid))
            numbered = numbering(title)
            if terms and numbered is not None:
                groups = tuple(tuple(norm(w) for w in term.split("|") if w.strip()) for term in terms)
                self.terms.append(_Terms(sid, numbered, groups))

    def match(self, title: str, taken: dict[str, Match]) -> tuple[str, bool] | None:
        """The section a whole heading's text names in one of its written forms, with whether it is a variant."""
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

    def identify(self, text: str, taken: dict[str, Match]) -> tuple[str, bool, str] | None:
        """(section id, variant, the heading as written) for a paragraph that is, or opens with, a heading: its
        text up to a full stop or colon in a written form; else, numbered, the official wording with the body glued
        to it; else, numbered, the section's number and terms in its wording (up to punctuation or a digit)."""
        title = inline_title(text)
        if len(title) <= _INLINE_MAX:
            hit = self.match(title, taken)
            if hit:
                return hit[0], hit[1], title
        if numbering(text) is None:
            return None
        head = text[:_PREFIX_SCAN]
        key = strip_number(norm(head))
        number_len = len(norm(head)) - len(key)
        for wkey, sid, variant in self.exact:
            if wkey and key.startswith(wkey) and sid not in taken:
                length = number_len + len(wkey) + (1 if key[len(wkey):].startswith("表") else 0)
                return sid, variant, _display_prefix(text, length).strip()
        end = _HEADING_END_RE.search(text, len(_display_prefix(text, number_len)))
        wording = text[: end.start() if end else len(text)][:_INLINE_MAX].strip()
        numbered, wording_key = numbering(wording), title_key(wording)
        for terms in self.terms:
            if terms.section_id not in taken and terms.numbering == numbered and terms.found_in(wording_key):
                return terms.section_id, True, wording
        return None


@lru_cache(maxsize=64)
def _wanted(defs: tuple[_Written, ...]) -> _Wanted:
    return _Wanted(defs)


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
    wanted = _wanted(tuple((d.id, d.title, tuple(d.aliases), tuple(d.variants), tuple(d.keywords), tuple(d.terms))
                           for d in members))
    found: dict[str, Match] = {}

    def inside(p: Paragraph) -> bool:
        return p.index > lo and (hi is None or p.index < hi)

    # the document's headings first, then any paragraph that is or opens with a heading
    for paragraphs in ([s.paragraph for s in headings], ctx.doc.paragraphs):
        for p in paragraphs:
            if len(found) == len(members):
                break
            if p is not None and p.display and inside(p):
                hit = wanted.identify(p.display, found)
                if hit:
                    found[hit[0]] = Match(hit[0], p, hit[2], hit[1])
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
