"""Tables of one layout resolved and labelled once: the service readers make tables through.

The grid and the labels of a table depend on its layout only: the shape of its raw rows (how many cells, their
spans and merges) and the text of every cell that is not a number. The official tables repeat one layout in every
report, so a :class:`LayoutLibrary` resolves and labels a layout once, keeps it when a second table of it comes
(most reports of a batch of unrelated agencies share no layout, and a template costs more than it saves for one
table), and lays out every later table of it from the layout's template: Cells of its own for its numbers; the layout's Cells (detached copies made once) for every text
the layout fixes, so no report's grid is kept and what is derived from a cell's text is derived once; the layout's
row and column paths (Labels over those same Cells); and DataCells over its value cells. The tables of a layout
share its :class:`~.table.Token` as ``table.layout``, and the tables labelled alike (a layout with a blank where
another has a number is labelled as that one; labels compared by their matching keys), a layout's first table
included, share one as ``table.labelling``: checks remember what they derive from labels by these
(:mod:`reportlint.checks.tableindex`).

One library serves one run (the engine owns it; a forked worker has its copy) and keeps at most ``size`` layouts,
the most recently used. Every table it makes is what ``Table.from_rows`` makes of the same rows, its tokens aside:
the tests compare the two on random tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..normalize import drop_oldest_half, looks_like_value, norm
from .cells import Cell, DataCell, Label, RawCell, holds_number
from .grid import grid_width, resolve
from .table import Table, Token, raw_rows

_NUMBER = object()  # a cell holding a number in a layout key: its value never shows in a label
MAX_SHARED_SLOTS = 4096  # a larger table is resolved and labelled on its own (a long list: no two alike)
MARKS_SIZE = 4096


class LayoutLibrary:
    """Makes tables from raw rows (``from_rows``, ``from_flat``), sharing what tables of one layout share."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._layouts: dict[tuple, _Layout] = {}  # layout key → layout, most recently used last
        self._labellings: dict[tuple, Token] = {}  # labelling signature → the token of the tables labelled so
        self._once: dict[tuple, None] = {}  # layout keys seen once, oldest first
        self._marks: dict[str, Any] = {}  # a cell text → what a layout key holds for it: the text, or _NUMBER

    def known(self) -> int:
        """How many layouts the library keeps."""
        return len(self._layouts)

    def from_rows(self, rows: Sequence[Sequence[RawCell]], index: int, **kw: Any) -> Table:
        texts = [raw.text for row in rows for raw in row]
        spans: dict[int, int] = {}
        vmerges: dict[int, str] = {}
        rowspans: dict[int, int] = {}
        i = 0
        for row in rows:
            for raw in row:
                if raw.span is not None and raw.span > 1:
                    spans[i] = raw.span
                if raw.vmerge is not None:
                    vmerges[i] = raw.vmerge
                if raw.rowspan > 1:
                    rowspans[i] = raw.rowspan
                i += 1
        return self._make(rows, texts, [len(row) for row in rows], spans, vmerges, rowspans, index, kw)

    def from_flat(self, texts: list[str], lengths: list[int], spans: dict[int, int], vmerges: dict[int, str],
                  index: int, rowspans: dict[int, int] | None = None, **kw: Any) -> Table:
        """See ``Table.from_flat``: raw cells are made only for a table of a layout not seen yet."""
        return self._make(None, texts, lengths, spans, vmerges, rowspans or {}, index, kw)

    def _make(self, rows: Sequence[Sequence[RawCell]] | None, texts: list[str], lengths: list[int],
              spans: dict[int, int], vmerges: dict[int, str], rowspans: dict[int, int], index: int,
              kw: dict) -> Table:
        width = grid_width(lengths, spans)
        key = self._key(texts, lengths, spans, vmerges, rowspans, width)
        layout = None
        if key is not None:
            layout = self._layouts.pop(key, None)
            if layout is None and (layout := self._variant(key)) is not None:
                self._make_room()
        if layout is not None:
            self._layouts[key] = layout  # most recently used last: a batch's common layouts are never dropped
            return layout.table(texts, index, kw)
        grid, made = resolve(rows if rows is not None else raw_rows(texts, lengths, spans, vmerges, rowspans))
        table = Table.labelled(grid, index, **kw)
        if key is not None and self.size > 0:
            if self._seen_before(key):
                self._make_room()
                self._layouts[key] = _Layout.of(table, made, key[4], self._labelling)
            else:
                table.labelling = self._labelling(signature(table))
        return table

    def _seen_before(self, key: tuple) -> bool:
        """Whether a table of this layout key was made before (and its layout not kept): a layout is kept from
        its second table on, so a batch whose tables never repeat (reports of unrelated agencies) pays for no
        template. Remembers the last ``4 * size`` keys seen once."""
        if key in self._once:
            del self._once[key]
            return True
        if len(self._once) >= 4 * self.size:
            del self._once[next(iter(self._once))]
        self._once[key] = None
        return False

    def _make_room(self) -> None:
        if len(self._layouts) >= self.size:
            self._layouts.pop(next(iter(self._layouts)))

    def _key(self, texts: list[str], lengths: list[int], spans: dict[int, int], vmerges: dict[int, str],
             rowspans: dict[int, int], width: int) -> tuple | None:
        """What resolving and labelling read of raw rows, as a hashable key: the row lengths, the spans, merges and
        row spans by place, and each text or the mark of a number. None for a table too large to bother or one
        whose vertically merged cells go on with text of their own (the grid joins it to the text above, which
        may be a number)."""
        if not lengths or len(lengths) * width > MAX_SHARED_SLOTS or self.size <= 0:
            return None
        for i, vmerge in vmerges.items():
            if vmerge == "continue" and texts[i] and not texts[i].isspace():
                return None
        marks = self._marks
        return (tuple(lengths), tuple(spans.items()), tuple(vmerges.items()), tuple(rowspans.items()),
                tuple([mark if (mark := marks.get(t)) is not None else self._mark(t) for t in texts]))

    def _mark(self, text: str) -> Any:
        mark = _NUMBER if holds_number(text) else text
        if len(self._marks) >= MARKS_SIZE:
            drop_oldest_half(self._marks)  # a long batch of distinct numbers
        self._marks[text] = mark
        return mark

    def _variant(self, key: tuple) -> _Layout | None:
        """The layout of raw rows that differ from a known layout's only by a blank or a placeholder (-, /, 无 …)
        where that layout has a number in a data row (the commonest defect, a layout of its own): labelled as the
        known one, which ``_Layout.admits`` makes sure of, with a layout token of its own (its texts differ). None
        when there is no such layout, or when the blank could change the labels."""
        shape, marks = key[:4], key[4]
        for known_key, known in self._layouts.items():
            if known_key[:4] != shape:
                continue
            gaps = [i for i, (had, mark) in enumerate(zip(known_key[4], marks, strict=True))
                    if had is not mark and had != mark]
            if all(known_key[4][i] is _NUMBER and marks[i] is not _NUMBER and looks_like_value(marks[i])
                   for i in gaps) and known.admits(gaps, marks):
                return known.variant()
        return None

    def _labelling(self, signature: tuple) -> Token:
        """The token of the tables labelled as ``signature`` says (most recently used last, bounded as layouts)."""
        token = self._labellings.pop(signature, None)
        if token is None:
            token = Token()
            if len(self._labellings) >= self.size:
                self._labellings.pop(next(iter(self._labellings)))
        self._labellings[signature] = token
        return token


class _Layout:
    """A resolved and labelled table in grid coordinates: the template its grid is laid out from, its own label
    paths, and the tokens its tables carry."""

    __slots__ = ("label_cols", "row_kinds", "bands", "row_paths", "data", "token", "labelling", "origins", "slots",
                 "fixed", "varying")

    def admits(self, gaps: list[int], marks: tuple) -> bool:
        """Whether raw rows of this layout's shape, with a value-like text that is not a number (a blank, a
        placeholder) at each of ``gaps`` (raw cell indexes where this layout has a number) and ``marks`` as their
        layout key's, are labelled as this layout. Labelling reads such a text as it reads a number (both are
        values) except where it asks whether a row holds a number at all (which row starts the values, header or
        data): so each gap must be a data cell of one row, and each of their rows must keep a number in its value
        columns."""
        places = {source: (r, c, row_span) for source, r, c, row_span, _ in self.origins if source >= 0}
        data = {(r, c) for r, c, *_ in self.data}
        rows = set()
        for i in gaps:
            place = places.get(i)
            if place is None or place[2] != 1 or place[:2] not in data:
                return False
            rows.add(place[0])
        for r in rows:
            sources = [self.origins[n][0] for n in self.slots[r][self.label_cols:]]
            if not any(source >= 0 and marks[source] is _NUMBER for source in sources):
                return False
        return True

    def variant(self) -> _Layout:
        """This layout's template and labels with a layout token of its own (see ``_variant``)."""
        other = _Layout()
        for name in self.__slots__:
            setattr(other, name, getattr(self, name))
        other.token = Token()
        return other

    @classmethod
    def of(cls, table: Table, made: list[tuple[Cell, int]], marks: tuple, labelling: Any) -> _Layout:
        """The layout of ``table``, freshly resolved (``made``: see ``grid.resolve``) and labelled; ``marks``: its
        layout key's texts and number marks; ``labelling(signature)``: the token of the tables labelled so. The
        table takes the layout's labels and tokens."""
        layout = cls()
        layout.token = Token()
        layout.label_cols, layout.row_kinds, layout.bands = table.label_cols, table.row_kinds, table.bands
        # the template: every Cell made (which raw cell gave its text, -1 for a slot a ragged row left empty;
        # where it is and what it spans), and every grid slot as the ordinal of its Cell
        ordinal = {id(cell): n for n, (cell, _) in enumerate(made)}
        layout.origins = tuple((source, c.row, c.col, c.row_span, c.col_span) for c, source in made)
        layout.slots = tuple(tuple(ordinal[id(c)] for c in row) for row in table.grid)
        # A cell whose text the layout fixes (every one but the numbers) is one Cell, detached from this table's
        # grid, in the grid of every table of the layout; the labels are over these. A number is a Cell of its own.
        copies = {id(c): Cell(c.text, c.row, c.col, c.row_span, c.col_span) for c, source in made
                  if source < 0 or marks[source] is not _NUMBER}
        layout.fixed = tuple(copies.get(id(c)) for c, _ in made)
        layout.varying = tuple((n, source, c.row, c.col, c.row_span, c.col_span)
                               for n, (c, source) in enumerate(made) if id(c) not in copies)
        layout._detach_labels(table, copies)
        layout.labelling = labelling(signature(table))
        table.row_paths = dict(layout.row_paths)
        table.data = [DataCell(d.cell, r, c, rp, cp, b, texts) for d, (r, c, rp, cp, b, texts)
                      in zip(table.data, layout.data, strict=True)]
        table.layout, table.labelling = layout.token, layout.labelling
        return layout

    def _detach_labels(self, table: Table, copies: dict[int, Cell]) -> None:
        """The layout's own label paths: over its fixed Cells, each path one tuple as in the table."""
        detached: dict[int, Label] = {}

        def own(path: tuple[Label, ...]) -> tuple[Label, ...]:
            out = []
            for lab in path:
                copy = detached.get(id(lab))
                if copy is None:
                    c = lab.cell
                    fixed = copies.get(id(c))
                    copy = detached[id(lab)] = Label(
                        fixed if fixed is not None else Cell(c.text, c.row, c.col, c.row_span, c.col_span))
                out.append(copy)
            return tuple(out)

        paths: dict[int, tuple[Label, ...]] = {}  # id of a derived path → the layout's copy
        self.row_paths = {}
        for r, path in table.row_paths.items():
            self.row_paths[r] = paths[id(path)] = own(path)
        self.data = []
        for d in table.data:
            col_path = paths.get(id(d.col_path))
            if col_path is None:
                col_path = paths[id(d.col_path)] = own(d.col_path)
            self.data.append((d.row, d.col, self.row_paths[d.row], col_path, d.band, d._labels()))

    def table(self, texts: list[str], index: int, kw: dict) -> Table:
        """The table of raw rows of this layout (``texts``: the texts of their cells, row after row)."""
        cells: list[Cell | None] = list(self.fixed)
        for n, source, r, c, row_span, col_span in self.varying:
            cells[n] = Cell(texts[source], r, c, row_span, col_span)
        grid: list[list[Cell]] = [[cells[n] for n in row] for row in self.slots]  # type: ignore[misc]
        data = [DataCell(grid[r][c], r, c, rp, cp, b, labels) for r, c, rp, cp, b, labels in self.data]
        return Table(index=index, grid=grid, row_kinds=list(self.row_kinds), label_cols=self.label_cols,
                     bands=list(self.bands), data=data, row_paths=dict(self.row_paths), layout=self.token,
                     labelling=self.labelling, **kw)


def signature(table: Table) -> tuple:
    """What labelling fixes, by the matching keys of the labels' texts (``norm``: a space or a half-width bracket
    more or less changes no key): tables with the same signature are labelled alike."""

    def texts(path: tuple[Label, ...]) -> tuple[str, ...]:
        return tuple(norm(lab.cell.text) for lab in path)

    return (table.label_cols, tuple(table.row_kinds), tuple(table.bands),
            tuple((r, texts(path)) for r, path in table.row_paths.items()),
            tuple((d.row, d.col, table.grid[d.row][d.col].col_span, d.band, texts(d.col_path)) for d in table.data))
