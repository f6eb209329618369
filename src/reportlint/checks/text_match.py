"""What require_text and forbid_text share: a literal or a user regex (compiled at pack load, matched with a
timeout so a catastrophic pattern cannot hang a run), and the paragraphs/cells a rule's ``scope`` covers.

A pattern that cannot backtrack catastrophically (see ``_linear``), such as the shipped packs' ``信息(?:公开)?处理费``,
is compiled by the standard library's ``re``; any other by ``regex``, whose matching takes a timeout. Importing
``regex`` is a twelfth of a one-file run's start-up, and such patterns never need the timeout."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..model import DataCell, Document, Paragraph, Table
from ..normalize import clean
from ..pack import Rule
from .base import Context, SpecError

TIMEOUT_SECONDS = 1.0  # per search of one paragraph
MAX_WAYS = 64  # ways through a pattern the standard library's engine may try at each place (see _linear)
MAX_STEPS = 4096  # and those ways times the pattern's length


class PatternTimeout(Exception):
    """A user regex ran past its time budget (reported as an error of the rule, exit 2)."""


@dataclass(frozen=True)
class Matcher:
    literal: str | None
    pattern: Any  # a compiled `regex` pattern (matched with a timeout) or `re` pattern, or None for a literal
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
        # a `re` pattern matches in linear time and takes no timeout; a `regex` one is stopped by its own
        limit = {} if isinstance(self.pattern, re.Pattern) else {"timeout": TIMEOUT_SECONDS}
        try:
            for m in self.pattern.finditer(text, **limit):
                if m.group(0):
                    yield m.group(0)
        except TimeoutError:
            raise PatternTimeout(self.shown) from None

    def search(self, text: str) -> bool:
        return next(self.finditer(text), None) is not None


def compile_matcher(rule: Rule) -> Matcher:
    spec = rule.spec
    if ("text" in spec) == ("pattern" in spec):
        raise SpecError("give exactly one of text: (a literal) or pattern: (a regular expression)", key="kind")
    ignore_case = bool(spec.get("ignore_case", False))
    if "text" in spec:
        text = clean(str(spec["text"]))
        return Matcher(text, None, ignore_case, text)
    source = str(spec["pattern"])
    compiled = _linear(source, re.IGNORECASE if ignore_case else 0)
    if compiled is None:
        import regex

        try:
            compiled = regex.compile(source, regex.IGNORECASE if ignore_case else 0)
        except regex.error as exc:
            raise SpecError("regular expression does not compile: {reason}", key="pattern", reason=exc.msg,
                            offset=exc.pos if exc.pos is not None else 0) from None
    return Matcher(None, compiled, ignore_case, source)


def _linear(source: str, flags: int) -> re.Pattern | None:
    """``source`` compiled by the standard library's engine when trying it at a place of the text cannot backtrack
    much: no repeat but the optional (``?``), no back-reference, no lookaround, no conditional, at most
    ``MAX_WAYS`` ways through it (each alternative, each optional part taken or not) and ``MAX_STEPS`` ways times
    its length; its matching time is then linear in the text's length. Else None: ``regex`` compiles it (or says
    why it does not compile) and matches it with a timeout."""
    try:
        try:
            from re import _parser  # Python 3.11+: the parser ``re`` compiles with
        except ImportError:  # pragma: no cover - Python 3.10
            import sre_parse as _parser  # type: ignore[no-redef]
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set" and the like: what ``regex`` reads otherwise
            tree = _parser.parse(source, flags)
            ways = _ways(tree)
            if ways is None or ways > MAX_WAYS or ways * len(source) > MAX_STEPS:
                return None
            return re.compile(source, flags)
    except Exception:  # noqa: BLE001 - not the standard library's syntax, or its parser changed: ``regex`` decides
        return None


def _ways(items: list[Any]) -> int | None:
    """Ways through a parsed sequence (see ``_linear``); None for anything that may backtrack without bound."""
    total = 1
    for op, av in items:
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL", "ANY", "IN", "AT", "CATEGORY"):
            continue
        if name == "SUBPATTERN":
            ways = _ways(av[-1])
        elif name == "ATOMIC_GROUP":
            ways = _ways(av)
        elif name == "BRANCH":
            branches = [_ways(branch) for branch in av[1]]
            ways = None if None in branches else sum(branches)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, item = av
            inner = _ways(item)
            ways = None if high > 1 or inner is None else inner + (1 if low == 0 else 0)
        else:  # back-references, lookarounds, conditionals, anything new
            return None
        if ways is None or ways > MAX_WAYS:
            return None
        total *= ways
        if total > MAX_WAYS:
            return None
    return total


SCOPES = ("document", "title", "opening", "section")


def scoped_paragraphs(ctx: Context, rule: Rule) -> list[Paragraph] | None:
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


def opening_paragraphs(ctx: Context) -> list[Paragraph] | None:
    """The paragraphs between the title and the first section of the pack (or the first top-level heading);
    None when the document has neither, so there is no telling where the opening ends."""
    first = first_section_paragraph(ctx)
    if first is None:
        return None
    after = ctx.doc.title_paragraph.index if ctx.doc.title_paragraph is not None else 0
    return [p for p in ctx.doc.paragraphs if after < p.index < first.index]


def first_section_paragraph(ctx: Context) -> Paragraph | None:
    """The heading of the document's first section (a pack section, or failing that a top-level heading)."""
    from .sectionmap import find_sections

    top = {s.id for s in ctx.pack.sections if s.parent is None}
    starts = [m.paragraph for sid, m in find_sections(ctx).items() if sid in top]
    starts += [s.paragraph for s in ctx.doc.root.children if s.paragraph is not None]
    return min(starts, key=lambda p: p.index) if starts else None


def scoped_cells(doc: Document, rule: Rule) -> Iterator[tuple[Table, DataCell | None, str]]:
    """Every table cell (labels and values) for document scope: (table, data cell or None, text)."""
    if rule.spec.get("scope", "document") != "document":
        return
    for table in doc.tables:
        data = {id(d.cell): d for d in table.data}
        for cell in table.origins():
            yield table, data.get(id(cell)), cell.display


def paragraph_text(p: Paragraph) -> str:
    return p.display
