"""Which rows of a grid are titles, headers and data, which leading columns hold row labels, every data row's label
path (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密) and every data column's header path
(申请人情况 › 法人或其他组织 › 商业企业): derived from the grid alone."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..normalize import parse_number
from .cells import Cell, DataCell, Label

TITLE, HEADER, DATA = "title", "header", "data"


@dataclass
class Labels:
    """What labelling a grid gives: the data slots with their paths, and how rows and columns were read."""

    label_cols: int = 0
    row_kinds: list[str] = field(default_factory=list)
    bands: list[int] = field(default_factory=list)
    row_paths: dict[int, tuple[Label, ...]] = field(default_factory=dict)
    data: list[DataCell] = field(default_factory=list)


def label(grid: list[list[Cell]]) -> Labels:
    """The labels of a rectangular grid (see the module docstring)."""
    out = Labels()
    if not grid or not grid[0]:
        return out
    out.label_cols = _label_columns(grid)
    out.row_kinds = _row_kinds(grid, out.label_cols)
    out.bands = _bands(out.row_kinds)
    _paths(grid, out)
    return out


def _label_columns(grid: list[list[Cell]]) -> int:
    """Leading label columns: the most common first column holding a value-like cell in rows that have one. Rows
    holding a number decide when there are any: an empty slot in a header row (a split header cell) must not pass
    for the start of the values."""
    firsts: list[int] = []
    numeric_firsts: list[int] = []
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell.is_value and cell.row == r and cell.col == c:
                if any(x.display for x in row):
                    firsts.append(c)
                    if any(x.display and x.is_value and parse_number(x.text, True) is not None for x in row):
                        numeric_firsts.append(c)
                break
    firsts = numeric_firsts or firsts
    return Counter(firsts).most_common(1)[0][0] if firsts else 0


def _row_kinds(grid: list[list[Cell]], label_cols: int) -> list[str]:
    ncols = len(grid[0])
    kinds: list[str] = []
    for row in grid:
        distinct = {id(c) for c in row}
        if len(distinct) == 1 and ncols > 1 and row[0].display and not row[0].is_value:
            kinds.append(TITLE)
            continue
        value_part = row[label_cols:] if label_cols < ncols else []
        if not value_part or all(not c.is_value for c in value_part):
            kinds.append(HEADER)
        elif DATA not in kinds and _header_with_gaps(value_part):
            # Above the first data row, a row of labels with empty slots (a header cell split by a stray rule, a
            # merge lost in export) is still a header: it holds no number at all.
            kinds.append(HEADER)
        else:
            kinds.append(DATA)
    return kinds


def _bands(kinds: list[str]) -> list[int]:
    """A title row, or a header row after data rows, starts a new band (the header under a title belongs to the
    title's band)."""
    bands: list[int] = []
    band = 0
    seen_data = False
    for r, kind in enumerate(kinds):
        if r and (kind == TITLE or (kind == HEADER and seen_data)) and not (kind == HEADER and kinds[r - 1] == TITLE):
            band += 1
            seen_data = False
        if kind == DATA:
            seen_data = True
        bands.append(band)
    return bands


def _paths(grid: list[list[Cell]], out: Labels) -> None:
    """Every data row's label path and every data slot (one per origin cell) with its paths, into ``out``."""
    kinds, bands, label_cols = out.row_kinds, out.bands, out.label_cols
    band_titles: dict[int, Cell] = {}
    band_headers: dict[int, list[int]] = {}
    for r, kind in enumerate(kinds):
        if kind == TITLE and bands[r] not in band_titles:
            band_titles[bands[r]] = grid[r][0]
        elif kind == HEADER:
            band_headers.setdefault(bands[r], []).append(r)
    done: set[int] = set()  # origin cells already given a DataCell (a value merged over rows counts once)
    group: tuple[Label, ...] | None = None  # the last （三）-style row, parent of flattened 1./2. rows
    # A column's header path depends on its band only: one tuple shared by the band's rows, so that checks can
    # remember what they matched against it.
    col_paths: dict[tuple[int, int], tuple[Label, ...]] = {}
    for r, kind in enumerate(kinds):
        if kind != DATA:
            continue
        row = grid[r]
        title = band_titles.get(bands[r])
        path, group = _nest_flattened(_row_path(row, title, label_cols), group, title is not None)
        out.row_paths[r] = tuple(path)
        for c in range(label_cols, len(row)):
            cell = row[c]
            if id(cell) in done:
                continue
            done.add(id(cell))
            if cell.col < label_cols:  # a label cell spilling into the value area (group row)
                continue
            shared = col_paths.get((bands[r], c))
            if shared is None:
                shared = col_paths[(bands[r], c)] = _column_path(grid, band_headers.get(bands[r], []), c)
            out.data.append(DataCell(cell, r, c, out.row_paths[r], shared, bands[r]))


def _row_path(row: list[Cell], title: Cell | None, label_cols: int) -> list[Label]:
    path: list[Label] = [] if title is None else [Label(title)]
    seen: set[int] = set()
    for c in range(label_cols):
        cell = row[c]
        if id(cell) in seen or not cell.display or cell.is_value:
            continue
        seen.add(id(cell))
        path.append(Label(cell))
    return path


def _column_path(grid: list[list[Cell]], header_rows: list[int], c: int) -> tuple[Label, ...]:
    col_path: list[Label] = []
    seen: set[int] = set()
    for h in header_rows:
        hc = grid[h][c]
        if id(hc) in seen or not hc.display:
            continue
        seen.add(id(hc))
        if col_path and col_path[-1].cell.key == hc.key:
            continue  # a merge written as repeated text (Markdown, text exports): one label
        col_path.append(Label(hc))
    return tuple(col_path)


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
