"""Raw rows laid out on a rectangular grid: horizontal spans, Word's vertical merges and HTML's row spans resolved,
every covered slot pointing at its origin :class:`~.cells.Cell`. Bounded by the ``table_cells`` limit."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from .. import limits
from .cells import Cell, RawCell


class TableTooLarge(ValueError):
    """A table whose grid exceeds the ``table_cells`` limit."""


def grid_width(lengths: list[int], spans: dict[int, int]) -> int:
    """The width of the grid of raw rows given flat (how many cells each row has; the horizontal span of a cell by
    its place, where above 1), checked against the document's limits: raises :class:`TableTooLarge`."""
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
    return width


def resolve(rows: Sequence[Sequence[RawCell]]) -> tuple[list[list[Cell]], list[tuple[Cell, int]]]:
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
            cell = _merged_above(raw, r, col, previous)
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
    return _rectangle(grid, made), made


def _merged_above(raw: RawCell, r: int, col: int, previous: list[Cell | None]) -> Cell | None:
    """The cell above that a vertically continued raw cell extends (its text joined on), or None."""
    if raw.vmerge != "continue" or r == 0:
        return None
    above = previous[col] if col < len(previous) else None
    if above is not None:
        above.row_span = r - above.row + 1
        if raw.text.strip() and raw.text.strip() not in above.text:
            above.text = f"{above.text}\n{raw.text}"
    return above


def _rectangle(grid: list[list[Cell | None]], made: list[tuple[Cell, int]]) -> list[list[Cell]]:
    """Ragged rows filled out with empty cells (each added to ``made`` with source -1)."""
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
    return result


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


def _put(row: list[Cell | None], col: int, cell: Cell) -> None:
    while len(row) <= col:
        row.append(None)
    row[col] = cell
