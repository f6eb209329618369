"""What require_text and forbid_text share: a literal or a user regex (compiled at pack load, matched with a
timeout so a catastrophic pattern cannot hang a run), and the paragraphs/cells a rule's ``scope`` covers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Document, Paragraph
from ..normalize import clean
from ..table import DataCell, Table
from .base import SpecError

TIMEOUT_SECONDS = 1.0  # per search of one paragraph


class PatternTimeout(Exception):
    """A user regex ran past its time budget (reported as an error of the rule, exit 2)."""


@dataclass
class Matcher:
    literal: str | None
    pattern: Any  # a compiled `regex` pattern, or None for a literal
    ignore_case: bool
    shown: str  # how messages name what is searched

    def finditer(self, text: str) -> Iterator[str]:
        if self.pattern is None:
            hay, needle = (text.lower(), self.literal.lower()) if self.ignore_case else (text, self.literal)
            start = hay.find(needle)
            while start >= 0 and needle:
                yield text[start:start + len(needle)]
                start = hay.find(needle, start + len(needle))
            return
        try:
            for m in self.pattern.finditer(text, timeout=TIMEOUT_SECONDS):
                if m.group(0):
                    yield m.group(0)
        except TimeoutError:
            raise PatternTimeout(self.shown) from None

    def search(self, text: str) -> bool:
        return next(self.finditer(text), None) is not None


def compile_matcher(rule) -> Matcher:
    import regex

    spec = rule.spec
    if ("text" in spec) == ("pattern" in spec):
        raise SpecError("give exactly one of text: (a literal) or pattern: (a regular expression)", key="kind")
    ignore_case = bool(spec.get("ignore_case", False))
    if "text" in spec:
        text = clean(str(spec["text"]))
        return Matcher(text, None, ignore_case, text)
    source = str(spec["pattern"])
    try:
        compiled = regex.compile(source, regex.IGNORECASE if ignore_case else 0)
    except regex.error as exc:
        raise SpecError(f"regular expression does not compile: {exc.msg}", key="pattern",
                        offset=exc.pos if exc.pos is not None else 0) from None
    return Matcher(None, compiled, ignore_case, source)


SCOPES = ("document", "title", "opening", "section")


def scoped_paragraphs(ctx, rule) -> list[Paragraph] | None:
    """The paragraphs a rule looks at; None when its section is not in the document (required_sections says
    so). ``section:`` is a section id of the pack (found as required_sections finds it) or a heading's title."""
    doc = ctx.doc
    scope = rule.spec.get("scope", "document")
    if scope == "title":
        return [doc.title_paragraph] if doc.title_paragraph is not None else []
    if scope == "opening":
        return opening_paragraphs(ctx)
    if scope == "section":
        from .sectionmap import find_sections, section_paragraphs, title_key

        name = str(rule.spec["section"])
        if any(s.id == name for s in ctx.pack.sections):
            match = find_sections(ctx).get(name)
            return section_paragraphs(ctx, match) if match is not None else None
        wanted = title_key(name)
        for section in doc.sections():
            if title_key(section.title) == wanted:
                inside = {id(section), *(id(s) for s in section.walk())}
                return [p for p in doc.paragraphs if p.section is not None and id(p.section) in inside]
        return None
    return doc.paragraphs


def opening_paragraphs(ctx) -> list[Paragraph] | None:
    """The paragraphs between the title and the first section of the pack (or the first top-level heading);
    None when the document has neither, so there is no telling where the opening ends."""
    first = first_section_paragraph(ctx)
    if first is None:
        return None
    after = ctx.doc.title_paragraph.index if ctx.doc.title_paragraph is not None else 0
    return [p for p in ctx.doc.paragraphs if after < p.index < first.index]


def first_section_paragraph(ctx) -> Paragraph | None:
    """The heading of the document's first section (a pack section, or failing that a top-level heading)."""
    from .sectionmap import find_sections

    top = {s.id for s in ctx.pack.sections if s.parent is None}
    starts = [m.paragraph for sid, m in find_sections(ctx).items() if sid in top]
    starts += [s.paragraph for s in ctx.doc.root.children if s.paragraph is not None]
    return min(starts, key=lambda p: p.index) if starts else None


def scoped_cells(doc: Document, rule) -> Iterator[tuple[Table, DataCell | None, str]]:
    """Every table cell (labels and values) for document scope: (table, data cell or None, text)."""
    if rule.spec.get("scope", "document") != "document":
        return
    for table in doc.tables:
        data = {id(d.cell): d for d in table.data}
        for cell in table.origins():
            yield table, data.get(id(cell)), cell.display


def paragraph_text(p: Paragraph) -> str:
    return p.display
