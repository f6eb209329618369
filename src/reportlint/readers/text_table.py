"""A table of a text export rebuilt from its rows (see :mod:`.text`): which rows are titles, headers and data, how
many leading columns hold labels, the header rows made into merged cells; handed to the layout library as raw
rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import RawCell, Table
from ..model.layouts import LayoutLibrary
from ..normalize import clean, looks_like_value, norm, parse_number
from .text_header import fill, header_grid, header_tree, tree_rows
from .text_rows import CELL, DATA, HEADER, LEVEL_RES, MAX_COLUMNS, MAX_HEADER_ROWS, PIPE, TAB, TITLE, RawTable


# -- building a table ------------------------------------------------------------------------------------------
def holds_value(text: str) -> bool:
    return bool(clean(text)) and looks_like_value(text)


def _is_number(text: str) -> bool:
    return parse_number(text, decimal=True) is not None


def _level(text: str) -> int | None:
    key = norm(text)
    for pattern, level in LEVEL_RES:
        if pattern.match(key):
            return level
    return None


def _trim(texts: list[str]) -> list[str]:
    """Cells without the empty ones at the end of the row."""
    end = len(texts)
    while end and not texts[end - 1].strip():
        end -= 1
    return texts[:end]


@dataclass
class _Row:
    texts: list[str]  # cell texts, trailing empty cells dropped (kept for one-cell-per-line header rows)
    line: int
    kind: str = DATA
    band: int = 0
    labels: list[str] = field(default_factory=list)  # data rows: the label part
    values: list[str] = field(default_factory=list)  # data rows: the value part


@dataclass(eq=False)
class _Slot:
    """A placed label cell of a data row."""

    level: int | None
    start: int
    end: int


def build_table(raw: RawTable, index: int, layouts: LayoutLibrary) -> Table | None:
    """The :class:`Table` of a raw table, or None when the lines are not a table after all."""
    if len(raw.rows) < 2 or max(len(r.cells) for r in raw.rows) > MAX_COLUMNS:
        return None
    texts = [[c.text for c in r.cells] for r in raw.rows]
    if not any(sum(1 for t in row if t.strip()) >= 2 for row in texts):
        return None
    if raw.shape != PIPE and not any(_is_number(t) for row in texts for t in row):
        return None
    rows = [_Row(row if raw.shape == CELL else _trim(row), r.line) for row, r in zip(texts, raw.rows, strict=True)]
    return _Builder(raw.shape, rows).table(index, layouts)


class _Builder:
    def __init__(self, shape: str, rows: list[_Row]) -> None:
        self.shape = shape
        self.rows = rows

    # -- classification ----------------------------------------------------------------------------------------
    def classify(self) -> None:
        rows = self.rows
        numeric = [any(holds_value(t) for t in row.texts) for row in rows]
        for row, has_value in zip(rows, numeric, strict=True):
            if has_value:
                row.kind = DATA
                row.labels, row.values = _split_data(_trim(row.texts))
        label_depth = max((len(r.labels) for r, v in zip(rows, numeric, strict=True) if v), default=0)

        def header_like(k: int) -> bool:
            return not numeric[k] and sum(1 for t in rows[k].texts if t.strip()) >= 2

        kept: list[_Row] = []
        for k, row in enumerate(rows):
            if numeric[k]:
                kept.append(row)
                continue
            filled = [t for t in row.texts if t.strip()]
            prev = kept[-1].kind if kept else None
            if not filled:
                if prev != HEADER:
                    continue  # an empty row carries nothing, except in the place of the data
                row.kind = DATA
            elif len(filled) == 1 and row.texts[0].strip():
                between_data = prev == DATA and not (k + 1 < len(rows) and header_like(k + 1))
                row.kind = DATA if between_data else TITLE
            elif prev == DATA and len(filled) <= label_depth:
                row.kind = DATA  # labels whose numbers are all missing
            else:
                row.kind = HEADER
            if row.kind == DATA:
                row.labels, row.values = _trim(row.texts), []
            kept.append(row)
        band = 0
        prev_kind = None
        for row in kept:
            if prev_kind is not None and (
                (row.kind == TITLE and prev_kind != TITLE) or (row.kind == HEADER and prev_kind == DATA)
            ):
                band += 1
            row.band = band
            prev_kind = row.kind
        self.rows = kept

    # -- the whole table ---------------------------------------------------------------------------------------
    def table(self, index: int, layouts: LayoutLibrary) -> Table | None:
        self.classify()
        rows = self.rows
        if not rows:
            return None
        bands = sorted({r.band for r in rows})
        value_cols: dict[int, int] = {}
        headers: dict[int, tuple[list[list[tuple[int, int, str, bool]]], int, list[tuple[str, bool]]]] = {}
        for b in bands:
            data = [r for r in rows if r.band == b and r.kind == DATA]
            counts = Counter(self.value_count(r) for r in data if r.values)
            mode = max(counts, key=lambda c: (counts[c], c)) if counts else 0
            value_cols[b] = mode
        label_cols = self.label_columns()
        for b in bands:
            hdr = [r for r in rows if r.band == b and r.kind == HEADER]
            if hdr:
                headers[b] = self.header(hdr, label_cols, value_cols[b])
                value_cols[b] = max(value_cols[b], headers[b][1])
        for b in bands:
            for r in rows:
                if r.band == b and r.kind == DATA:
                    _fit_values(r, value_cols[b])
        label_cols = self.label_columns()
        width_v = max([*value_cols.values(), 0 if label_cols else 1])
        width = label_cols + width_v

        out: list[list[RawCell]] = []
        lines: list[int | None] = []
        prev_slots: list[_Slot] = []
        header_pos: dict[int, int] = {}
        for row in rows:
            cells: list[RawCell] = []
            if row.kind == TITLE:
                cells.append(RawCell(row.texts[0], span=width))
                prev_slots = []
            elif row.kind == HEADER:
                segs_by_row, seg_width, corner = headers[row.band]
                h = header_pos.get(row.band, 0)
                header_pos[row.band] = h + 1
                if label_cols:
                    text, cont = corner[h]
                    cells.append(RawCell("", span=label_cols, vmerge="continue") if cont
                                 else RawCell(text, span=label_cols))
                for a, b, text, cont in segs_by_row[h]:
                    ga, gb = _scale(a, seg_width, width_v), _scale(b, seg_width, width_v)
                    cells.append(RawCell("", span=gb - ga, vmerge="continue") if cont else RawCell(text, span=gb - ga))
                prev_slots = []
            else:
                label_cells, prev_slots = self.place_labels(row, prev_slots, label_cols)
                cells.extend(label_cells)
                n = len(row.values)
                for j, text in enumerate(row.values):
                    span = _scale(j + 1, n, width_v) - _scale(j, n, width_v) if n < width_v else 1
                    cells.append(RawCell(text, span=max(1, span)))
            out.append(cells)
            lines.append(row.line)
        return layouts.from_rows(out, index=index, line=rows[0].line, row_lines=lines)

    # -- data rows ---------------------------------------------------------------------------------------------
    def value_count(self, row: _Row) -> int:
        """The values of a data row; in tab rows, empty cells in front of them may be a label's span instead."""
        if self.shape != TAB:
            return len(row.values)
        lead = 0
        while lead < len(row.values) and not row.values[lead].strip():
            lead += 1
        return len(row.values) - lead

    def label_columns(self) -> int:
        """The number of label columns: the deepest label part of a data row (with the labels it sits under)."""
        depth = 0
        prev: list[int | None] = []
        for row in self.rows:
            if row.kind != DATA:
                prev = []
                continue
            lead, own = _label_parts(row.labels)
            cover = min(lead, len(prev))
            if self.shape == PIPE:
                cover = max(cover, _implicit_cover(prev, own))
            extra = lead - min(lead, len(prev))
            levels = prev[:cover] + [None] * extra + [_level(t) for t, _ in own]
            depth = max(depth, cover + extra + sum(1 + pad for _, pad in own))
            prev = levels
        return depth

    def place_labels(self, row: _Row, prev: list[_Slot], width: int) -> tuple[list[RawCell], list[_Slot]]:
        """The label cells of a data row on ``width`` label columns, and the slots they occupy."""
        if not width:
            return [], []
        lead, own = _label_parts(row.labels)
        explicit = min(lead, len(prev))
        numbered = _numbered_cover(prev, _level(own[0][0])) if own else None
        if self.shape == PIPE:
            cover = max(explicit, _implicit_cover([s.level for s in prev], own))
        else:
            cover = max(explicit, numbered or 0)
        if not own:
            cover = len(prev)  # no label of its own: it sits under all the labels above
        own = [("", 0)] * max(0, lead - cover) + own
        need = len(own)
        while cover and prev[cover - 1].end + need > width:
            cover -= 1
        cells: list[RawCell] = []
        slots: list[_Slot] = []
        for slot in prev[:cover]:
            cells.append(RawCell("", span=slot.end - slot.start, vmerge="continue"))
            slots.append(slot)
        col = prev[cover - 1].end if cover else 0
        if not own and col < width:
            own = [("", 0)]
        for k, (text, pad) in enumerate(own):
            room = width - col - (len(own) - k - 1)
            span = room if k == len(own) - 1 else max(1, min(1 + pad, room))
            if span < 1:  # more labels than label columns (not with the width computed above): keep the text
                if cells:
                    cells[-1].text = f"{cells[-1].text}\n{text}"
                continue
            cells.append(RawCell(text, span=span))
            slots.append(_Slot(_level(text) if text.strip() else None, col, col + span))
            col += span
        return cells, slots

    # -- header rows -------------------------------------------------------------------------------------------
    def header(self, hdr: list[_Row], label_cols: int, value_cols: int):
        """(segments per header row in header columns, the header's width, (corner text, continued) per row)."""
        tokens: list[list[str]] = []
        corner: list[tuple[str, bool]] = []
        corner_cells = 1
        for h, row in enumerate(hdr):
            texts = list(row.texts)
            if label_cols:
                if h == 0:
                    corner_cells = 1
                    if self.shape == TAB and texts and texts[0].strip():
                        while corner_cells < len(texts) and not texts[corner_cells].strip():
                            corner_cells += 1
                    corner.append(("\n".join(t for t in texts[:corner_cells] if t.strip()), False))
                    texts = texts[corner_cells:]
                elif self.shape == PIPE:
                    corner.append(("", True))
                    if texts and not texts[0].strip():
                        texts = texts[1:]
                else:
                    head = texts[:corner_cells]
                    filled = [t for t in head if t.strip()]
                    corner.append(("\n".join(filled), not filled))
                    texts = texts[corner_cells:]
            else:
                corner.append(("", False))
            tokens.append(texts if self.shape == CELL else _trim(texts))
        if len(tokens) > MAX_HEADER_ROWS:
            width = max(len(row) for row in tokens)
            segs = [fill([(k, k + 1, t, False) for k, t in enumerate(row)], width) for row in tokens]
        elif self.shape == TAB:
            segs, width = header_grid(tokens)
        else:
            # pipe rows leave out the cells covered from above, unless they write them as empty cells
            implicit = self.shape == PIPE and not any(not t.strip() for row in tokens[1:] for t in row)
            roots = header_tree(tokens, value_cols, implicit=implicit)
            segs, width = tree_rows(roots, len(tokens))
        return segs, width, corner


def _split_data(texts: list[str]) -> tuple[list[str], list[str]]:
    """(label part, value part): labels run up to the last text before the first number."""
    first_value = next(k for k, t in enumerate(texts) if holds_value(t))
    last_label = next((k for k in range(first_value - 1, -1, -1) if texts[k].strip()), -1)
    return texts[: last_label + 1], texts[last_label + 1:]


def _fit_values(row: _Row, count: int) -> None:
    """Lay the values on ``count`` columns: spare empty cells in front belong to the last label (its span),
    missing ones at the end are blank cells."""
    if not row.values and not row.labels:
        row.values = [""] * count
        return
    while len(row.values) > count and not row.values[0].strip():
        row.labels.append(row.values.pop(0))
    if len(row.values) < count:
        row.values = row.values + [""] * (count - len(row.values))


def _label_parts(labels: list[str]) -> tuple[int, list[tuple[str, int]]]:
    """(leading empty cells, [(label, empty cells after it)])."""
    lead = 0
    while lead < len(labels) and not labels[lead].strip():
        lead += 1
    own: list[tuple[str, int]] = []
    for text in labels[lead:]:
        if text.strip() or not own:
            own.append((text, 0))
        else:
            own[-1] = (own[-1][0], own[-1][1] + 1)
    return lead, own


def _numbered_cover(prev: Sequence[_Slot | int | None], level: int | None) -> int | None:
    """How many labels of the row above rank above a label numbered at ``level`` (None: not numbered)."""
    if level is None:
        return None
    count = 0
    for item in prev:
        lv = item.level if isinstance(item, _Slot) else item
        if lv is None or lv >= level:
            break
        count += 1
    return count


def _implicit_cover(prev: list[int | None], own: list[tuple[str, int]]) -> int:
    """Pipe rows leave out cells covered from above: by numbering, else as many as the row lacks."""
    if not own:
        return len(prev)
    numbered = _numbered_cover(prev, _level(own[0][0]))
    if numbered is not None:
        return numbered
    return max(0, len(prev) - len(own))


def _scale(x: int, total: int, width: int) -> int:
    return x * width // total if total else 0
