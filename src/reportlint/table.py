"""The logical table: merged cells resolved once, labels derived once.

A reader hands over rows of :class:`RawCell` (text, horizontal span, vertical-merge state), or the same flat
(``Table.from_flat``: the texts, row lengths, and spans and merges by cell); :class:`Table`
resolves them into a rectangular grid where every covered slot points at its origin :class:`Cell`, then
derives which rows are titles, headers and data, which leading columns hold row labels, every data row's
label path (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密) and every data column's header path
(申请人情况 › 法人或其他组织 › 商业企业). Checks address cells through these paths only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, islice
from typing import Any

from . import limits
from .normalize import (
    clean,
    drop_oldest_half,
    label_keys,
    looks_like_value,
    memoise_short,
    norm,
    parse_number,
)


class TableTooLarge(ValueError):
    """A table whose grid exceeds the ``table_cells`` limit."""


@dataclass(slots=True)
class RawCell:
    """One cell as a reader sees it in the source row."""

    text: str
    span: int = 1  # gridSpan / colspan
    vmerge: str | None = None  # None, "restart" or "continue" (Word vMerge)
    rowspan: int = 1  # HTML/Markdown style vertical span (alternative to vmerge)


@dataclass(eq=False, slots=True)
class Cell:
    """An origin cell of the grid. Covered slots of a merge refer to the same object."""

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    # (text, display, key, is_value) computed once for the current text: every check asks again, and a long cell
    # (a 948-row table's) is not in the normalisation caches
    _derived: tuple | None = field(default=None, init=False, repr=False)

    def _views(self) -> tuple:
        derived = self._derived
        if derived is None or derived[0] is not self.text:
            derived = self._derived = (self.text, clean(self.text), norm(self.text), looks_like_value(self.text))
        return derived

    @property
    def display(self) -> str:
        return self._views()[1]

    @property
    def key(self) -> str:
        return self._views()[2]

    @property
    def is_value(self) -> bool:
        return self._views()[3]


@dataclass(eq=False, slots=True)
class Label:
    """One element of a row label path or column header path."""

    cell: Cell

    @property
    def text(self) -> str:
        return self.cell.display

    @property
    def keys(self) -> frozenset[str]:
        return label_keys(self.cell.text)


@dataclass(eq=False, slots=True)
class DataCell:
    """A data slot (one per origin cell) with its row label path and column header path."""

    cell: Cell
    row: int  # grid row of the data row
    col: int  # grid column of the origin
    row_path: tuple[Label, ...]
    col_path: tuple[Label, ...]
    band: int
    # (row label, column label) as shown: joined once (a table of a known layout gets the layout's)
    labels: tuple[str, str] | None = field(default=None, repr=False)

    def _labels(self) -> tuple[str, str]:
        labels = self.labels
        if labels is None:
            labels = self.labels = (" / ".join(lab.text for lab in self.row_path),
                                    " / ".join(lab.text for lab in self.col_path))
        return labels

    @property
    def row_label(self) -> str:
        return self._labels()[0]

    @property
    def column_label(self) -> str:
        return self._labels()[1]


TITLE, HEADER, DATA = "title", "header", "data"


@dataclass(eq=False)
class Table:
    """A logical table grid with derived labels.

    ``index`` is the 1-based position among all tables of the document (nested ones included), in document order.
    """

    index: int
    grid: list[list[Cell]]
    block: int = 0  # position of the table in Document.blocks
    line: int | None = None  # first source line, for line-based formats
    page: int | None = None  # 1-based first page (PDF)
    nested_in: int | None = None  # index of the enclosing table
    caption: str = ""  # nearest paragraph before the table, for messages
    row_lines: list[int | None] = field(default_factory=list)  # source line of each grid row (line formats)
    row_kinds: list[str] = field(default_factory=list)
    label_cols: int = 0
    bands: list[int] = field(default_factory=list)
    data: list[DataCell] = field(default_factory=list)
    row_paths: dict[int, tuple[Label, ...]] = field(default_factory=dict)
    # the shared labelling this table's labels come from (None when the table was labelled on its own): checks
    # remember in ``layout.memo`` what they derive from labels alone, for the next table of the same layout
    layout: Any = field(default=None, repr=False)

    @property
    def nrows(self) -> int:
        return len(self.grid)

    @property
    def ncols(self) -> int:
        return len(self.grid[0]) if self.grid else 0

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[RawCell]], index: int, **kw) -> Table:
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
        return cls._from_cells(rows, texts, [len(row) for row in rows], spans, vmerges, rowspans, index, kw)

    @classmethod
    def from_flat(cls, texts: list[str], lengths: list[int], spans: dict[int, int], vmerges: dict[int, str],
                  index: int, **kw) -> Table:
        """``from_rows`` for raw rows given flat, as a reader that reads a table in one pass collects them: the
        texts of all cells row after row, how many cells each row has, and by a cell's place in ``texts`` its
        horizontal span (where above 1) and vertical merge state (where it has one). Raw cells are made only for
        a table of a layout not seen yet."""
        return cls._from_cells(None, texts, lengths, spans, vmerges, {}, index, kw)

    @classmethod
    def _from_cells(cls, rows: Sequence[Sequence[RawCell]] | None, texts: list[str], lengths: list[int],
                    spans: dict[int, int], vmerges: dict[int, str], rowspans: dict[int, int], index: int,
                    kw: dict) -> Table:
        widths = list(lengths)
        if spans:
            ends = list(accumulate(lengths))
            for i, span in spans.items():
                widths[bisect_right(ends, i)] += span - 1
        width = max(widths, default=0)
        if width * len(lengths) > limits.current.table_cells:
            raise TableTooLarge(f"{len(lengths)} × {width} > {limits.current.table_cells} cells")
        if (over := limits.spend_cells(width * len(lengths))) is not None:  # many tables, each under the bound
            raise TableTooLarge(over)
        key = _layout_key(texts, lengths, spans, vmerges, rowspans, width)
        layout = None
        if key is not None:
            layout = _LAYOUTS.pop(key, None)
            if layout is None and (layout := _variant(key)) is not None and len(_LAYOUTS) >= LAYOUT_CACHE_SIZE:
                _LAYOUTS.pop(next(iter(_LAYOUTS)))
        if layout is not None:
            _LAYOUTS[key] = layout  # most recently used last: a batch's common layouts are never the ones dropped
            return _LaidOutTable(layout, texts, index, kw)
        if rows is None:
            cells = iter([RawCell(text, spans.get(i, 1), vmerges.get(i)) for i, text in enumerate(texts)])
            rows = [list(islice(cells, n)) for n in lengths]
        grid, made = _resolve(rows)
        table = cls(index=index, grid=grid, **kw)
        table._derive_labels()
        if key is not None:
            if len(_LAYOUTS) >= LAYOUT_CACHE_SIZE:
                _LAYOUTS.pop(next(iter(_LAYOUTS)))
            _LAYOUTS[key] = table.layout = _Layout.of(table, made, key[4])
        return table

    # -- queries -----------------------------------------------------------------------------------------
    def layout_memo(self, key: Any, compute: Callable[[Table], Any], owners: tuple = ()) -> Any:
        """``compute(self)``, remembered for every table of this layout. ``compute`` may read only what a layout
        fixes (the structure and the text of every cell that does not hold a number) and ``owners``, the objects
        it depends on besides (a rule, a pack, the label matcher): remembered for those very objects, which the
        memo keeps alive so that their ids stay theirs."""
        return self._remembered(self.layout.memo if self.layout is not None else None, key, compute, owners)

    def labelling_memo(self, key: Any, compute: Callable[[Table], Any], owners: tuple = ()) -> Any:
        """Like ``layout_memo``, remembered for every table labelled alike (a layout of its own, such as the
        official table with a blank where a number belongs, is still labelled as the layout without the blank).
        ``compute`` may read only the labelling: the label columns, the row kinds and bands, the row paths, and
        each data cell's position, column span, band and paths, through the texts of their labels."""
        return self._remembered(self.layout.labelling if self.layout is not None else None, key, compute, owners)

    def _remembered(self, memo: dict | None, key: Any, compute: Callable[[Table], Any], owners: tuple) -> Any:
        if memo is None:
            return compute(self)
        full = (key, *map(id, owners))
        hit = memo.get(full)
        if hit is None:
            hit = memo[full] = (owners, compute(self))
        return hit[1]

    def texts(self, view: Callable[[str], str]) -> str:
        """``view`` of the text of every origin cell that does not hold a number, one per line; per layout."""
        return self.layout_memo(("texts", view), lambda t: "\n".join(
            view(c.text) for c in t.origins() if not holds_number(c.text)))

    def origins(self) -> Iterable[Cell]:
        seen: set[int] = set()
        for row in self.grid:
            for cell in row:
                if id(cell) not in seen:
                    seen.add(id(cell))
                    yield cell

    def all_label_keys(self) -> set[str]:
        keys: set[str] = set()
        for cell in self.origins():
            if not cell.is_value:
                keys |= label_keys(cell.text)
        return keys

    def data_rows(self) -> list[int]:
        return [r for r, kind in enumerate(self.row_kinds) if kind == DATA]

    def data_texts(self) -> list[str]:
        """The text of each data slot's cell, in the order of ``data``."""
        return [d.cell.text for d in self.data]

    def data_slot(self, i: int) -> tuple[int, int, str, str]:
        """Data slot ``i``'s grid row and column and its row and column labels as shown."""
        d = self.data[i]
        return d.row, d.col, d.row_label, d.column_label

    def cells_in_row(self, row: int) -> list[DataCell]:
        return [d for d in self.data if d.row == row]

    def to_dict(self) -> dict[str, Any]:
        """The table as plain data (for ``dump`` and the formatters): where it is, the grid texts with merges
        (1-based row, col, row span, col span of every merged origin), row kinds, and each data row's label path
        with its labelled cells (1-based grid positions)."""
        out: dict[str, Any] = {"index": self.index}
        if self.line is not None:
            out["line"] = self.line
        if self.page is not None:
            out["page"] = self.page
        out.update(
            nested_in=self.nested_in,
            caption=self.caption,
            rows=self.nrows,
            columns=self.ncols,
            label_columns=self.label_cols,
            row_kinds=self.row_kinds,
            grid=[[cell.display for cell in row] for row in self.grid],
            merges=[[c.row + 1, c.col + 1, c.row_span, c.col_span] for c in self.origins()
                    if c.row_span > 1 or c.col_span > 1],
        )
        by_row: dict[int, list[dict[str, Any]]] = {}
        for d in self.data:
            by_row.setdefault(d.row, []).append(
                {"col": d.col + 1, "column": [lab.text for lab in d.col_path], "value": d.cell.display}
            )
        data_rows = []
        for r in self.data_rows():
            row: dict[str, Any] = {"row": r + 1, "band": self.bands[r] if r < len(self.bands) else 0,
                                   "label": [lab.text for lab in self.row_paths.get(r, ())]}
            if r < len(self.row_lines) and self.row_lines[r] is not None:
                row["line"] = self.row_lines[r]
            row["cells"] = by_row.get(r, [])
            data_rows.append(row)
        out["data_rows"] = data_rows
        return out

    # -- derivation --------------------------------------------------------------------------------------
    def _derive_labels(self) -> None:
        grid = self.grid
        ncols = self.ncols
        if not grid or not ncols:
            return

        def starts_here(r: int, cell: Cell) -> bool:
            return cell.row == r

        # Leading label columns: the most common first column holding a value-like cell in rows that have one.
        # Rows holding a number decide when there are any: an empty slot in a header row (a split header cell)
        # must not pass for the start of the values.
        firsts: list[int] = []
        numeric_firsts: list[int] = []
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell.is_value and starts_here(r, cell) and cell.col == c:
                    if any(x.display for x in row):
                        firsts.append(c)
                        if any(x.display and x.is_value and parse_number(x.text, True) is not None for x in row):
                            numeric_firsts.append(c)
                    break
        firsts = numeric_firsts or firsts
        label_cols = Counter(firsts).most_common(1)[0][0] if firsts else 0
        self.label_cols = label_cols

        kinds: list[str] = []
        for _r, row in enumerate(grid):
            distinct = {id(c) for c in row}
            if len(distinct) == 1 and ncols > 1 and row[0].display and not row[0].is_value:
                kinds.append(TITLE)
                continue
            value_part = row[label_cols:] if label_cols < ncols else []
            if not value_part or all(not c.is_value for c in value_part):
                kinds.append(HEADER)
            elif DATA not in kinds and _header_with_gaps(value_part):
                # Above the first data row, a row of labels with empty slots (a header cell split by a stray
                # rule, a merge lost in export) is still a header: it holds no number at all.
                kinds.append(HEADER)
            else:
                kinds.append(DATA)
        self.row_kinds = kinds

        # Bands: a title row, or a header row after data rows, starts a new band.
        bands: list[int] = []
        band = 0
        seen_data = False
        for r, kind in enumerate(kinds):
            if r and (kind == TITLE or (kind == HEADER and seen_data)):
                if kind == HEADER and kinds[r - 1] == TITLE:
                    pass  # the header under a title belongs to the title's band
                else:
                    band += 1
                    seen_data = False
            if kind == DATA:
                seen_data = True
            bands.append(band)
        self.bands = bands

        band_titles: dict[int, Cell] = {}
        band_headers: dict[int, list[int]] = {}
        for r, kind in enumerate(kinds):
            if kind == TITLE and bands[r] not in band_titles:
                band_titles[bands[r]] = grid[r][0]
            elif kind == HEADER:
                band_headers.setdefault(bands[r], []).append(r)

        done: set[int] = set()  # origin cells already given a DataCell (a value merged over rows counts once)
        group: tuple[Label, ...] | None = None  # the last （三）-style row, parent of flattened 1./2. rows
        # A column's header path depends on its band only: one tuple shared by the band's rows, so that checks
        # can remember what they matched against it.
        col_paths: dict[tuple[int, int], tuple[Label, ...]] = {}
        for r, kind in enumerate(kinds):
            if kind != DATA:
                continue
            row = grid[r]
            path: list[Label] = []
            title = band_titles.get(bands[r])
            if title is not None:
                path.append(Label(title))
            seen: set[int] = set()
            for c in range(label_cols):
                cell = row[c]
                if id(cell) in seen or not cell.display or cell.is_value:
                    continue
                seen.add(id(cell))
                path.append(Label(cell))
            path, group = _nest_flattened(path, group, title is not None)
            self.row_paths[r] = tuple(path)
            for c in range(label_cols, ncols):
                cell = row[c]
                if id(cell) in done:
                    continue
                done.add(id(cell))
                if cell.col < label_cols:  # a label cell spilling into the value area (group row)
                    continue
                shared = col_paths.get((bands[r], c))
                if shared is None:
                    col_path: list[Label] = []
                    hseen: set[int] = set()
                    for h in band_headers.get(bands[r], []):
                        hc = grid[h][c]
                        if id(hc) in hseen or not hc.display:
                            continue
                        hseen.add(id(hc))
                        if col_path and col_path[-1].cell.key == hc.key:
                            continue  # a merge written as repeated text (Markdown, text exports): one label
                        col_path.append(Label(hc))
                    shared = col_paths[(bands[r], c)] = tuple(col_path)
                self.data.append(DataCell(cell, r, c, self.row_paths[r], shared, bands[r]))


# -- layouts -------------------------------------------------------------------------------------------------
# The grid and the labels of a table depend on its layout only: the shape of its raw rows (how many cells, their
# spans and merges) and the text of every cell that is not a number. The official tables repeat one layout in every
# report, so a layout is resolved and labelled once and shared: a report's table gets its grid laid out from the
# layout's template (Cells of its own for its numbers; the layout's Cells, detached copies made once, for every text
# the layout fixes, so no report's grid is kept and what checks derive from a cell's text is derived once), the
# layout's row and column paths (Labels over those same Cells), and DataCells over its value cells. The shared
# paths are the same objects in every report, which lets checks remember what they matched against them.
LAYOUT_CACHE_SIZE = 16
_LAYOUTS: dict[tuple, _Layout] = {}
_LABELLINGS: dict[tuple, dict] = {}  # labelling signature → the memo shared by the layouts labelled so
_NUMBER = object()  # a cell holding a number: its value never shows in a label
MAX_SHARED_SLOTS = 4096  # a larger table is resolved and labelled on its own (a long list: no two alike)


def _layout_key(texts: list[str], lengths: list[int], spans: dict[int, int], vmerges: dict[int, str],
                rowspans: dict[int, int], width: int) -> tuple | None:
    """What resolving and labelling read of raw rows (given flat, see ``Table.from_flat``), as a hashable key:
    the row lengths, the spans, merges and row spans by place, and each text or the mark of a number. None for a
    table too large to bother or one whose vertically merged cells go on with text of their own (the grid joins
    it to the text above, which may be a number)."""
    if not lengths or len(lengths) * width > MAX_SHARED_SLOTS:
        return None
    for i, vmerge in vmerges.items():
        if vmerge == "continue" and texts[i] and not texts[i].isspace():
            return None
    marks = _MARKS
    return (tuple(lengths), tuple(spans.items()), tuple(vmerges.items()), tuple(rowspans.items()),
            tuple([mark if (mark := marks.get(t)) is not None else _mark(t) for t in texts]))


_MARKS: dict[str, Any] = {}  # a cell text → what a layout key holds for it: the text, or _NUMBER
_MARKS_SIZE = 4096


def _mark(text: str) -> Any:
    mark = _NUMBER if holds_number(text) else text
    if len(_MARKS) >= _MARKS_SIZE:
        drop_oldest_half(_MARKS)  # a long batch of distinct numbers
    _MARKS[text] = mark
    return mark


@memoise_short
def holds_number(text: str) -> bool:
    """A cell text that is a number (what a label never is, and the one thing a layout lets vary)."""
    return bool(clean(text)) and looks_like_value(text) and parse_number(text, True) is not None


def _variant(key: tuple) -> _Layout | None:
    """The layout of raw rows that differ from a known layout's only by a blank or a placeholder (-, /, 无 …) where
    that layout has a number in a data row (the commonest defect, a layout of its own): labelled as the known one,
    which ``_Layout.admits`` makes sure of, with a memo of its own (its texts differ). None when there is no such
    layout, or when the blank could change the labels."""
    shape, marks = key[:4], key[4]
    for known_key, known in _LAYOUTS.items():
        if known_key[:4] != shape:
            continue
        gaps = [i for i, (had, mark) in enumerate(zip(known_key[4], marks, strict=True))
                if had is not mark and had != mark]
        if all(known_key[4][i] is _NUMBER and marks[i] is not _NUMBER and looks_like_value(marks[i]) for i in gaps) \
                and known.admits(gaps, marks):
            return known.variant()
    return None


class _Layout:
    """A resolved and labelled table in grid coordinates: the template its grid is laid out from, and its own label
    paths."""

    __slots__ = ("label_cols", "row_kinds", "bands", "row_paths", "data", "memo", "labelling", "origins", "slots",
                 "fixed", "varying", "data_sources")

    def admits(self, gaps: list[int], marks: tuple) -> bool:
        """Whether raw rows of this layout's shape, with a value-like text that is not a number (a blank, a
        placeholder) at each of ``gaps`` (raw cell indexes where this layout has a number) and ``marks`` as their
        layout key's, are labelled as this layout. ``_derive_labels`` reads such a text as it reads a number
        (both are values) except where it asks whether a row holds a number at all (which row starts the values,
        header or data): so each gap must be a data cell of one row, and each of their rows must keep a number in
        its value columns."""
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
        """This layout's template and labels with a memo of its own (see ``_variant``)."""
        other = _Layout()
        for name in self.__slots__:
            setattr(other, name, getattr(self, name))
        other.memo = {}
        return other

    @classmethod
    def of(cls, table: Table, made: list[tuple[Cell, int]], marks: tuple) -> _Layout:
        """The layout of ``table``, freshly resolved (``made``: see ``_resolve``) and labelled; ``marks``: its layout
        key's texts and number marks."""
        layout = cls()
        layout.memo = {}
        layout.label_cols = table.label_cols
        layout.row_kinds = table.row_kinds
        layout.bands = table.bands
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
        detached: dict[int, Label] = {}

        def own(path: tuple[Label, ...]) -> tuple[Label, ...]:
            out = []
            for label in path:
                copy = detached.get(id(label))
                if copy is None:
                    c = label.cell
                    fixed = copies.get(id(c))
                    copy = detached[id(label)] = Label(
                        fixed if fixed is not None else Cell(c.text, c.row, c.col, c.row_span, c.col_span))
                out.append(copy)
            return tuple(out)

        paths: dict[int, tuple[Label, ...]] = {}  # id of a derived path → the layout's copy
        layout.row_paths = {}
        for r, path in table.row_paths.items():
            layout.row_paths[r] = paths[id(path)] = own(path)
        layout.data = []
        for d in table.data:
            col_path = paths.get(id(d.col_path))
            if col_path is None:
                col_path = paths[id(d.col_path)] = own(d.col_path)
            layout.data.append((d.row, d.col, layout.row_paths[d.row], col_path, d.band, d._labels()))
        table.row_paths = dict(layout.row_paths)
        table.data = [DataCell(d.cell, r, c, rp, cp, b, texts) for d, (r, c, rp, cp, b, texts)
                      in zip(table.data, layout.data, strict=True)]
        # each data slot's text: the raw cell it comes from, or (-1) the text the layout fixes there
        layout.data_sources = tuple((-1, layout.fixed[n].text) if layout.fixed[n] is not None
                                    else (layout.origins[n][0], "")
                                    for n in (layout.slots[r][c] for r, c, *_ in layout.data))
        layout.labelling = _labelling(layout, table)
        return layout

    def grid(self, texts: list[str]) -> list[list[Cell]]:
        """The grid of raw rows of this layout (``texts``: the texts of their cells, row after row): what
        ``_resolve`` gives, laid out from the template, with the layout's own Cells where it fixes the text."""
        cells = list(self.fixed)
        for n, source, r, c, row_span, col_span in self.varying:
            cells[n] = Cell(texts[source], r, c, row_span, col_span)
        return [[cells[n] for n in row] for row in self.slots]

    def apply(self, table: Table) -> None:
        """The layout's labels, for a table of it."""
        table.layout = self
        table.label_cols = self.label_cols
        table.row_kinds = list(self.row_kinds)
        table.bands = list(self.bands)
        table.row_paths = dict(self.row_paths)

    def data_cells(self, grid: list[list[Cell]]) -> list[DataCell]:
        """The DataCells of a table of this layout, over the Cells of its ``grid``."""
        return [DataCell(grid[r][c], r, c, rp, cp, b, texts) for r, c, rp, cp, b, texts in self.data]

    def data_texts(self, texts: list[str]) -> list[str]:
        """``data_texts`` of a table of this layout from the texts of its raw cells."""
        return [texts[source] if source >= 0 else fixed for source, fixed in self.data_sources]


class _LaidOutTable(Table):
    """A table laid out from a known layout: its labels are the layout's at once, its grid of Cells and its data
    slots are made from the layout and the texts of its raw cells when first asked for. Rules that read only the
    data cells' texts and places (``data_texts``, ``data_slot``) do not make them, which were half of reading a
    table (0.3 ms a report); a table with a finding makes them for its location."""

    def __init__(self, layout: _Layout, texts: list[str], index: int, kw: dict) -> None:
        super().__init__(index=index, grid=None, data=None, **kw)  # type: ignore[arg-type]
        self._texts = texts
        self._data_texts: list[str] | None = None
        layout.apply(self)

    @property  # type: ignore[override]
    def grid(self) -> list[list[Cell]]:
        grid = self.__dict__["grid"]
        if grid is None:
            grid = self.__dict__["grid"] = self.layout.grid(self._texts)
        return grid

    @grid.setter
    def grid(self, value: list[list[Cell]]) -> None:
        self.__dict__["grid"] = value

    @property  # type: ignore[override]
    def data(self) -> list[DataCell]:
        data = self.__dict__["data"]
        if data is None:
            data = self.__dict__["data"] = self.layout.data_cells(self.grid)
        return data

    @data.setter
    def data(self, value: list[DataCell]) -> None:
        self.__dict__["data"] = value

    def data_texts(self) -> list[str]:
        if self.__dict__["grid"] is not None:  # its Cells are made: they hold the texts
            return super().data_texts()
        if self._data_texts is None:
            self._data_texts = self.layout.data_texts(self._texts)
        return self._data_texts

    def data_slot(self, i: int) -> tuple[int, int, str, str]:
        if self.__dict__["data"] is not None:
            return super().data_slot(i)
        r, c, _, _, _, labels = self.layout.data[i]
        return r, c, labels[0], labels[1]


def _labelling(layout: _Layout, table: Table) -> dict:
    """The memo shared by the layouts labelled as this one (most recently used last, bounded like the layouts)."""

    def texts(path: tuple[Label, ...]) -> tuple[str, ...]:
        return tuple(label.cell.text for label in path)

    signature = (layout.label_cols, tuple(layout.row_kinds), tuple(layout.bands),
                 tuple((r, texts(path)) for r, path in layout.row_paths.items()),
                 tuple((r, c, table.grid[r][c].col_span, b, texts(cp)) for r, c, _, cp, b, _ in layout.data))
    memo = _LABELLINGS.pop(signature, None)
    if memo is None:
        memo = {}
        if len(_LABELLINGS) >= LAYOUT_CACHE_SIZE:
            _LABELLINGS.pop(next(iter(_LABELLINGS)))
    _LABELLINGS[signature] = memo
    return memo


def _header_with_gaps(cells: Sequence[Cell]) -> bool:
    """Labels and blanks only: some slot holds label text, none holds a number or a placeholder dash."""
    has_label = any(not c.is_value for c in cells)
    return has_label and all(not c.is_value or not c.display for c in cells)


_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+[、.]")
_LEVEL2 = re.compile(r"^\([一二三四五六七八九十]+\)")
_LEVEL3 = re.compile(r"^\d+[.、](?!\d)")


def _nest_flattened(path: list[Label], group: tuple[Label, ...] | None,
                    has_title: bool) -> tuple[list[Label], tuple[Label, ...] | None]:
    """Rows copied out of merged cells lose their parents: "1.属于国家秘密" follows "（三）不予公开" on its own
    row. Give such a numbered row the path of the group row above it, as the merged layout would."""
    if not path:
        return path, group
    leaf = path[-1].cell.key
    own = path[1:] if has_title else path
    if _LEVEL1.match(leaf):
        return path, None
    if _LEVEL2.match(leaf):
        return path, tuple(path)
    if _LEVEL3.match(leaf) and group is not None and not any(_LEVEL2.match(lab.cell.key) for lab in own):
        return [*group, path[-1]], group
    return path, group


def _resolve(rows: Sequence[Sequence[RawCell]]) -> tuple[list[list[Cell]], list[tuple[Cell, int]]]:
    """Lay raw rows out on a rectangular grid; merged slots share their origin Cell. Returns (the grid, every Cell
    made with the index of the raw cell that gave its text, counted over all rows; -1 for the empty slots of a
    ragged row)."""
    grid: list[list[Cell | None]] = []
    made: list[tuple[Cell, int]] = []
    pending_rowspan: dict[int, tuple[Cell, int]] = {}  # col -> (cell, rows left) for rowspan-style merges
    previous: list[Cell | None] = []
    source = -1
    for r, raw_row in enumerate(rows):
        out: list[Cell | None] = []
        col = _fill_rowspans(out, 0, pending_rowspan) if pending_rowspan else 0
        for raw in raw_row:
            source += 1
            if pending_rowspan:
                col = _fill_rowspans(out, col, pending_rowspan)
            span = raw.span
            span = 1 if not span or span < 1 else int(span)
            cell: Cell | None = None
            if raw.vmerge == "continue" and r > 0:
                above = previous[col] if col < len(previous) else None
                if above is not None:
                    cell = above
                    cell.row_span = r - cell.row + 1
                    if raw.text.strip() and raw.text.strip() not in cell.text:
                        cell.text = f"{cell.text}\n{raw.text}"
            if cell is None:
                cell = Cell(raw.text, r, col, 1, span)
                made.append((cell, source))
                if raw.rowspan > 1:
                    cell.row_span = raw.rowspan
                    pending_rowspan[col] = (cell, raw.rowspan - 1)
            if len(out) == col:
                out.extend([cell] * span)  # the common case: the row fills up from the left
            else:
                for k in range(span):
                    _put(out, col + k, cell)
            col += span
        if pending_rowspan:
            _fill_rowspans(out, col, pending_rowspan)
        grid.append(out)
        previous = out

    width = max((len(row) for row in grid), default=0)
    result: list[list[Cell]] = []
    for r, row in enumerate(grid):
        if len(row) == width and None not in row:
            result.append(row)  # type: ignore[arg-type]
            continue
        full: list[Cell] = []
        for c in range(width):
            cell = row[c] if c < len(row) else None
            if cell is None:
                cell = Cell("", r, c)  # a ragged row: the missing slot is an empty cell
                made.append((cell, -1))
            full.append(cell)
        result.append(full)
    return result, made


def _fill_rowspans(out: list[Cell | None], col: int, pending: dict[int, tuple[Cell, int]]) -> int:
    """Place cells continuing a rowspan from rows above at ``col``; return the next free column."""
    while col in pending:
        cell, left = pending[col]
        for k in range(cell.col_span):
            _put(out, col + k, cell)
        if left <= 1:
            del pending[col]
        else:
            pending[col] = (cell, left - 1)
        col += cell.col_span
    return col


def _slot(row: list[Cell | None], col: int) -> Cell | None:
    return row[col] if col < len(row) else None


def _put(row: list[Cell | None], col: int, cell: Cell) -> None:
    while len(row) <= col:
        row.append(None)
    row[col] = cell
