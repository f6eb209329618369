"""What every rule kind shares: the check context, located tables, label matching, finding construction."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding, Location, Related, is_rule_ignored
from ..i18n import Both, both, trc
from ..model import DataCell, Document, Paragraph, Table
from ..pack import Pack, Rule
from .labels import SUBTOTAL_KEYS, Labels
from .tableindex import RunMemo, TableIndex
from .tabletext import Unreadable, flattened, glued_cells

__all__ = ["SUBTOTAL_KEYS", "Context", "Labels", "SpecError", "locate_tables", "paragraph_location",
           "table_location", "table_name", "table_place"]


class SpecError(ValueError):
    """A rule whose settings cannot be compiled: ``message`` of the catalogue (its English) with ``values``;
    ``key``/``index``/``offset`` locate it inside the rule."""

    def __init__(self, message: str, key: str | None = None, index: int | None = None,
                 offset: int | None = None, **values: Any) -> None:
        super().__init__(both(message, **values).en)
        self.message, self.values = message, values
        self.key = key
        self.index = index
        self.offset = offset

    def said(self) -> Both:
        """The problem in both languages."""
        return both(self.message, **self.values)


@dataclass(frozen=True)
class TablesSpec:
    """The settings of a kind that reads cells of some of the pack's tables and needs nothing more."""

    tables: tuple[str, ...]  # ids of the pack's tables


def tables_spec(rule: Rule, pack: Pack) -> TablesSpec:
    """The compile step of such a kind: its ``tables:``."""
    return TablesSpec(table_ids(rule, pack))


def table_ids(rule: Rule, pack: Pack) -> tuple[str, ...]:
    """The rule's ``tables:`` setting, each a table the pack defines (else a :class:`SpecError` naming it)."""
    tables = tuple(str(t) for t in rule.spec["tables"])
    for i, tid in enumerate(tables):
        if tid not in pack.tables:
            raise SpecError("unknown table {table!r} (defined: {defined})", table=tid, defined=", ".join(pack.tables) or "-",
                            key="tables", index=i)
    return tables


@dataclass
class Context:
    """What the rules share about one document: its pack, its located tables, which of the pack's tables are there
    but unreadable, ``tables`` (the document's :class:`~.tableindex.TableIndex`: what checks derive from labels,
    remembered) and ``cache`` (results one rule computes for others, such as the found sections)."""

    doc: Document
    pack: Pack
    labels: Labels
    tables: TableIndex
    ignores: tuple[str, ...] = ()  # rule ids and prefixes not reported for this document (per-file-ignores)
    _located: dict[str, Table | None] | None = None
    _unreadable: dict[str, Unreadable] | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # per-document results shared by rules (found sections)

    @classmethod
    def create(cls, doc: Document, pack: Pack, ignores: list[str] | tuple[str, ...] = (),
               memo: RunMemo | None = None) -> Context:
        """The context of ``doc`` checked with ``pack``; ``memo``: the run's (a document checked on its own gets
        one of its own)."""
        memo = memo or RunMemo()
        return cls(doc, pack, memo.labels(pack.aliases), TableIndex(memo, pack.fingerprint), tuple(ignores))

    def active(self, rule: Rule) -> bool:
        """Whether ``rule`` runs on this document: not switched off, not ignored for this file."""
        return rule.severity != "off" and not is_rule_ignored(rule.id, self.ignores)

    def located(self, table_id: str) -> Table | None:
        """The document table identified as the pack's ``table_id``, whether or not its cells can be read."""
        if self._located is None:
            self._located = locate_tables(self.doc, self.pack, self.labels, self.tables)
        return self._located.get(table_id)

    def table(self, table_id: str) -> Table | None:
        """The pack's table ``table_id`` when it is in the document and its numbers can be read."""
        table = self.located(table_id)
        return None if table is None or table_id in self.unreadable_tables() else table

    def readable_tables(self, table_ids: tuple[str, ...]) -> Iterator[tuple[str, Table]]:
        """(id, table) of those of the pack's tables ``table_ids`` that ``table`` gives."""
        for tid in table_ids:
            table = self.table(tid)
            if table is not None:
                yield tid, table

    def unreadable_tables(self) -> dict[str, Unreadable]:
        """The pack's tables that are in the document but cannot be read (see :mod:`.tabletext`)."""
        if self._unreadable is None:
            self._unreadable = {}
            for tid, tdef in self.pack.tables.items():
                table = self.located(tid)
                found = (glued_cells(table, tid) if table is not None
                         else flattened(self.doc, tid, tdef.locate, tdef.min_match))
                if found is not None:
                    self._unreadable[tid] = found
        return self._unreadable

    def prose(self, p: Paragraph) -> str:
        """The paragraph's NFKC text with any flattened table in it blanked out: for rules that look for phone
        numbers and the like in prose, never in a table's run-together digits."""
        unreadable = self.unreadable_tables()
        text = p.nfkc
        if not unreadable:
            return text
        spans = [(a, b) for found in unreadable.values() for q, a, b in found.spans if q is p]
        for a, b in spans:
            text = text[:a] + " " * (b - a) + text[b:]
        return text

    def finding(self, rule: Rule, zh: str, en: str, location: Location | None = None,
                details: dict[str, Any] | None = None, related: tuple[Related, ...] = ()) -> Finding:
        location = location or Location()
        if location.paragraph is not None and location.table is None:
            location.section = self.section_title(location.paragraph) or location.section
        return Finding(rule.id, rule.severity, zh, en, location, self.doc.path, details or {}, related)

    def said(self, rule: Rule, message: str, location: Location | None = None, details: dict[str, Any] | None = None,
             related: tuple[Related, ...] = (), /, **values: Any) -> Finding:
        """A finding whose text is ``message`` of the catalogue (its English; :mod:`reportlint.i18n`), ``values``
        filled in, in both languages (a value worded per language: an :class:`~reportlint.i18n.Both`)."""
        text = both(message, **values)
        return self.finding(rule, text.zh, text.en, location, details, related)

    def section_title(self, paragraph: int) -> str | None:
        """The heading, as written, of the innermost section that holds paragraph number ``paragraph``: a section of
        the pack (found by meaning, inline headings included) or, when it starts later, a heading of the document's
        own section tree; None outside both."""
        from .sectionmap import find_sections  # sectionmap builds on this module

        heads = [(m.paragraph.index, 1, m.title) for m in find_sections(self).values()
                 if m.paragraph.index <= paragraph and (m.end is None or paragraph < m.end)]
        paragraphs = self.cache.get("paragraphs")
        if paragraphs is None:  # Document.paragraphs makes a new list each time; a report may have many findings
            paragraphs = self.cache["paragraphs"] = self.doc.paragraphs
        own = paragraphs[paragraph - 1].section if 0 < paragraph <= len(paragraphs) else None
        if own is not None and own.paragraph is not None and own.title:
            heads.append((own.paragraph.index, 0, own.title))  # on the same heading, the pack's reading wins
        return max(heads)[2] if heads else None


def locate_tables(doc: Document, pack: Pack, labels: Labels, index: TableIndex) -> dict[str, Table | None]:
    """Give each table definition of the pack the document table whose labels identify it best."""
    scores: list[tuple[int, int, str, Table]] = []
    for table in doc.tables:
        # from the labels alone: remembered per layout
        for tid, score in index.by_layout("locate", table, lambda t: _scores(t, pack, labels)):
            scores.append((-score, table.index, tid, table))
    located: dict[str, Table | None] = dict.fromkeys(pack.tables)
    taken: set[int] = set()
    for _neg, _idx, tid, table in sorted(scores, key=lambda s: (s[0], s[1])):
        if located[tid] is None and table.index not in taken:
            located[tid] = table
            taken.add(table.index)
    return located


def _scores(table: Table, pack: Pack, labels: Labels) -> list[tuple[str, int]]:
    keys: set[str] = set()
    for cell in table.origins():
        if not cell.is_value:
            keys |= labels.keys(cell.text)
    scores = []
    for tid, tdef in pack.tables.items():
        score = sum(1 for label in tdef.locate if labels.keys(label) & keys)
        if score >= tdef.min_match:
            scores.append((tid, score))
    return scores


def table_location(table: Table, cell: DataCell | None = None, row: int | None = None) -> Location:
    return Location(*table_place(table, cell, row))


def table_place(table: Table, cell: DataCell | None = None, row: int | None = None) -> tuple:
    """``table_location(…)`` as the tuple ``Location.astuple`` gives, without making the Location."""
    if cell is not None:
        return _place(table, cell.row, cell.col, cell.row_label, cell.column_label)
    return _place(table, row, None, "", "")


def _place(table: Table, row: int | None, col: int | None, row_label: str, column_label: str) -> tuple:
    line = table.line
    if table.row_lines and row is not None and row < len(table.row_lines):
        line = table.row_lines[row]
    grid_row, grid_col = (None, None) if col is None else (row + 1, col + 1)  # type: ignore[operator]
    return (None, None, table.index, row_label or None, column_label or None, grid_row, grid_col, line, None,
            table.page, None, table.block)


def paragraph_location(p: Paragraph, needle: str | None = None) -> Location:
    """Where a paragraph is; with ``needle`` (text quoted in the finding), line and column point at that text
    when the source has lines and the paragraph holds it as written."""
    section = p.section.title if p.section is not None and p.section.title else None
    line, column = p.line, p.column if p.line else None
    if needle and line is not None:
        at = p.text.find(needle)
        if at >= 0:
            before = p.text[:at]
            breaks = before.count("\n")
            line += breaks
            column = (column or 1) + at if not breaks else len(before) - before.rfind("\n")
    return Location(section=section, paragraph=p.index, line=line, column=column,
                    page=p.page, para_id=p.para_id, block=p.block)


def table_name(lang: str, pack: Pack, table_id: str) -> str:
    """The pack's name of a table in ``lang`` ("表三" / "table 3")."""
    return pack.tables[table_id].named(lang)


def table_titled(lang: str, pack: Pack, table_id: str) -> str:
    """The name of a table with its title, when the pack gives one: 表二「主动公开政府信息情况」."""
    title = pack.tables[table_id].title
    name = table_name(lang, pack, table_id)
    return trc(lang, "table", "{name} “{title}”", name=name, title=title) if title else name


def cell_named(lang: str, table: str, row: str | None, column: str | None) -> str:
    """A cell of a table by its labels: 表三「…」「…」 / table 3 row "…" column "…" (a label missing, left out)."""
    if row and column:
        return trc(lang, "cell", '{table} row "{row}" column "{column}"', table=table, row=row, column=column)
    if row:
        return trc(lang, "cell", '{table} row "{row}"', table=table, row=row)
    if column:
        return trc(lang, "cell", '{table} column "{column}"', table=table, column=column)
    return table


def pack_cell_named(lang: str, pack: Pack, table_id: str, row: str | None, column: str | None) -> str:
    """``cell_named`` of the pack's table ``table_id`` (its name in ``lang``): what ``each`` fills in per language."""
    return cell_named(lang, table_name(lang, pack, table_id), row, column)
