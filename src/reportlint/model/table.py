"""The logical table: merged cells resolved once, labels derived once.

A reader hands over rows of :class:`RawCell` (text, horizontal span, vertical-merge state), or the same flat
(``Table.from_flat``: the texts, row lengths, and spans and merges by cell); :class:`Table` resolves them into a
rectangular grid where every covered slot points at its origin :class:`Cell` (:mod:`.grid`), then derives which rows
are titles, headers and data and every data slot's row label path and column header path (:mod:`.labelling`).
Checks address cells through these paths only, by ``table.data``.

A table is plain data. Tables made by a :class:`~.layouts.LayoutLibrary` carry ``layout`` and ``labelling``: tokens
that tables of one layout (or labelled alike) share, by which a per-document service remembers what checks derive
from labels alone (see :mod:`reportlint.checks.tableindex`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .cells import Cell, DataCell, Label, RawCell, holds_number
from .grid import TableTooLarge, grid_width, resolve
from .labelling import DATA, HEADER, TITLE, label

__all__ = ["DATA", "HEADER", "TITLE", "Cell", "DataCell", "Label", "RawCell", "Table", "TableTooLarge",
           "holds_number"]


class Token:
    """What tables of one layout (or one labelling) share: compared by identity, never by content."""

    __slots__ = ()


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
    # shared by the tables of one layout (the structure and every text but the numbers) / labelled alike (the
    # label paths and data slots): what a check derives from those alone holds for all of them
    layout: Token | None = field(default=None, repr=False)
    labelling: Token | None = field(default=None, repr=False)

    @property
    def nrows(self) -> int:
        return len(self.grid)

    @property
    def ncols(self) -> int:
        return len(self.grid[0]) if self.grid else 0

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[RawCell]], index: int, **kw: Any) -> Table:
        """The table of raw rows: resolved and labelled on its own."""
        grid_width([len(row) for row in rows], {i: raw.span for i, raw in enumerate(r for row in rows for r in row)
                                               if raw.span is not None and raw.span > 1})
        return cls.labelled(resolve(rows)[0], index, **kw)

    @classmethod
    def from_flat(cls, texts: list[str], lengths: list[int], spans: dict[int, int], vmerges: dict[int, str],
                  index: int, rowspans: dict[int, int] | None = None, **kw: Any) -> Table:
        """``from_rows`` for raw rows given flat, as a reader that reads a table in one pass collects them: the
        texts of all cells row after row, how many cells each row has, and by a cell's place in ``texts`` its
        horizontal span (where above 1), vertical merge state (where it has one) and HTML row span (above 1)."""
        return cls.from_rows(raw_rows(texts, lengths, spans, vmerges, rowspans), index, **kw)

    @classmethod
    def labelled(cls, grid: list[list[Cell]], index: int, **kw: Any) -> Table:
        """The table of a resolved grid, its labels derived."""
        found = label(grid)
        return cls(index=index, grid=grid, row_kinds=found.row_kinds, label_cols=found.label_cols,
                   bands=found.bands, data=found.data, row_paths=found.row_paths, **kw)

    # -- queries -----------------------------------------------------------------------------------------
    def origins(self) -> Iterable[Cell]:
        seen: set[int] = set()
        for row in self.grid:
            for cell in row:
                if id(cell) not in seen:
                    seen.add(id(cell))
                    yield cell

    def label_text(self, view: Any) -> str:
        """``view`` of the text of every origin cell that does not hold a number, one per line (what a layout
        fixes: tables of one layout give the same)."""
        return "\n".join(view(c.text) for c in self.origins() if not holds_number(c.text))

    def data_rows(self) -> list[int]:
        return [r for r, kind in enumerate(self.row_kinds) if kind == DATA]

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
        out["data_rows"] = self._data_rows_dict()
        return out

    def _data_rows_dict(self) -> list[dict[str, Any]]:
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
        return data_rows


def raw_rows(texts: list[str], lengths: list[int], spans: dict[int, int], vmerges: dict[int, str],
             rowspans: dict[int, int] | None = None) -> list[list[RawCell]]:
    """Raw rows given flat (see ``Table.from_flat``) as rows of :class:`RawCell`."""
    down = rowspans or {}
    cells = iter([RawCell(text, spans.get(i, 1), vmerges.get(i), down.get(i, 1)) for i, text in enumerate(texts)])
    return [list(islice(cells, n)) for n in lengths]

