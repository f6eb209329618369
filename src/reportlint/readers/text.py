"""The plain-text (.txt) reader: text exports of published reports → Paragraph and Table blocks.

Decoding (:mod:`.encoding`, shared with Markdown and HTML): a BOM (UTF-8, UTF-32, UTF-16), else UTF-8, else GB18030
or Big5, whichever reads as Chinese; NUL bytes or mostly control characters mean binary data. Undecodable input is
an :class:`InputError` ``decode``. Lines end at CRLF, CR or LF.

Paragraphs: every non-blank line outside a table is one paragraph; ``line``/``column`` point at its first
non-space character. Export artefacts ("[bookmark: _GoBack]", "[image: 1704859250673]") at the start of a line
become a paragraph of their own, so that the heading behind them ("[bookmark: _GoBack]五、存在的主要问题…")
is still seen as a heading; inside table cells they are dropped. A web page's metadata list at the very top
("- 索引号…", "- 发布机构…") is one paragraph, so it is not mistaken for part of the title.

Tables are recognised per table, in three export shapes:

* pipe rows (web pages): ``a | b | c |``, with or without the leading pipe; separator rows (``|---|``) are
  skipped. Cells covered by a row span are left out and rows are padded with empty trailing cells.
* tab-separated rows: one row per line, cells split at tabs, laid out on the original grid: a merged cell is
  followed by empty cells for the columns it covers, and a cell merged downwards leaves an empty cell below.
  A single blank line between two such rows (a row split in the export) does not end the table.
* one cell per line (Word copied as text): every cell on its own line behind a tab, a blank line ends a row;
  a line without the tab continues the cell above (a line break inside the cell), unless that cell holds a
  number (then the table has ended). Spaces before the tab (" \t…") also start a new row: the exporter wrote
  the row-ending blank line and the next cell on one line. A cell merged downwards leaves an empty cell in the
  rows below, a cell merged sideways is a single cell.

Lines are a table only with two rows or more, a row with two filled cells and, for tab and one-cell-per-line
exports (easily confused with indented prose), a number somewhere; otherwise they are paragraphs.

Whatever the shape, the merges are rebuilt the way a reader of the text would, from cell counts and positions
(never from the wording of a particular report), then handed to :meth:`Table.from_rows`:

* Rows are classified: a data row holds a number (or a placeholder such as "-"); a row of one label is a
  title spanning the table (or, between data rows, a data row whose numbers are all missing); other rows
  without numbers are header rows. A title, or a header after data rows, starts a band (table 二 has four).
* Data rows: the label cells come first, the values after them. Values are laid out from the left on the
  band's number of value columns (the most common count, or the header's width); missing values at the end
  are blank cells (reported by the blank-cell rule); spare empty cells in front of the values are the span of
  the last label (tab rows write a merged label that way, so there they do not count as values).
  Label columns: leading empty cells continue the labels of the row above (a vertical merge); an empty cell
  after a label widens that label; the last label of a row spans up to the values. A row with fewer labels
  than the label columns sits under the labels of the row above that rank higher by their numbering (一、
  above （一） above 1.): "2.其他…" under "三、本年度办理结果 / （三）不予公开", while "四、结转…" spans all label
  columns. In pipe rows, where covered cells are left out, unnumbered rows take the missing leading labels
  from the row above.
* Header rows: the first cell (the corner) covers the label columns; the value headers are resolved from the
  bottom header row up. One cell per line: an empty cell continues the cell above it, and a run of labels below
  belongs to the cell(s) above it (several cells above share a run where the run changes between single and
  grouped columns, else evenly). Pipe rows: the header row above the bottom one holds as many single columns
  spanning down as the bottom row lacks; the longest labels of that row are the groups. Tab rows: an empty cell
  continues the cell above when everything under that cell is empty, else it widens its left neighbour.
  Headers deeper than MAX_HEADER_ROWS are handed over cell by cell.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import limits
from ..model import Document, Paragraph, RawCell, Table, TableTooLarge
from ..model.layouts import LayoutLibrary
from ..normalize import clean, looks_like_value, norm, parse_number
from .encoding import decode_text
from .flattened import split_run_in

__all__ = ["read_text"]

MAX_COLUMNS = 200  # a "row" with more cells than this is not a table row
MAX_HEADER_ROWS = 12  # deeper headers are not rebuilt: their rows are handed over cell by cell
PIPE, TAB, CELL = "pipe", "tab", "cell"
TITLE, HEADER, DATA = "title", "header", "data"

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_ARTEFACT_RE = re.compile(r"\[(?:bookmark|image):[^\]\n]*\]")
_LEADING_ARTEFACTS_RE = re.compile(r"^(?:\s*\[(?:bookmark|image):[^\]\n]*\])+")
_LIST_ITEM_RE = re.compile(r"^\s*[-*•·]\s+\S")
_CELL_LINE_RE = re.compile(r"^( *)\t")
_PIPE_SPLIT_RE = re.compile(r"(?<!\\)\|")
_PIPE_RULE_RE = re.compile(r"^:?-{3,}:?$")
_LEVEL_RES = (
    (re.compile(r"^[一二三四五六七八九十]+[、.]"), 1),
    (re.compile(r"^\([一二三四五六七八九十]+\)"), 2),
    (re.compile(r"^\d+[.、](?!\d)"), 3),
    (re.compile(r"^\(\d+\)"), 4),
)


def read_text(path: str, data: bytes, layouts: LayoutLibrary | None = None) -> Document:
    """Read a plain-text report export. Raises only :class:`InputError` for bad input."""
    layouts = layouts if layouts is not None else LayoutLibrary()
    lines = _LINE_BREAK_RE.split(decode_text(path, data))
    blocks: list[Paragraph | Table] = []
    tables = 0
    for item in _scan(lines):
        if isinstance(item, _RawTable):
            table = _build_table(item, tables + 1, layouts)
            if table is not None:
                tables += 1
                blocks.append(table)
                continue
            for k in range(item.start, item.end):  # not a table after all: its lines are paragraphs
                blocks.extend(_paragraphs(lines[k], k + 1))
        else:
            blocks.extend(item)
    return Document.build(path, blocks, "text")


# -- paragraphs ----------------------------------------------------------------------------------------------
def _paragraphs(line: str, number: int) -> list[Paragraph]:
    """The paragraph(s) of one source line: leading export artefacts split off, blank lines none."""
    out: list[Paragraph] = []
    start = len(line) - len(line.lstrip())
    m = _LEADING_ARTEFACTS_RE.match(line)
    if m and line[m.end():].strip():
        out.append(Paragraph(text=line[start:m.end()].strip(), line=number, column=start + 1))
        start = m.end() + len(line[m.end():]) - len(line[m.end():].lstrip())
    text = line[start:].strip()
    if text:
        out.extend(Paragraph(text=piece, line=number, column=start + 1 + at) for at, piece in split_run_in(text))
    return out




# -- scanning lines into paragraphs and raw tables -----------------------------------------------------------
@dataclass
class _RawCell:
    line: int
    parts: list[str]  # the source lines of the cell (more than one: line breaks inside the cell)

    @property
    def text(self) -> str:
        """The cell text without export artefacts."""
        return _ARTEFACT_RE.sub("", "\n".join(self.parts))


@dataclass
class _RawRow:
    cells: list[_RawCell] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.cells[0].line


@dataclass
class _RawTable:
    shape: str
    rows: list[_RawRow]
    start: int  # 0-based index of the first line
    end: int  # 0-based index after the last line


def _is_blank(line: str) -> bool:
    return not line.strip()


def _is_pipe_row(line: str) -> bool:
    s = line.strip()
    return 2 <= s.count("|") <= MAX_COLUMNS + 1 and (s.startswith("|") or s.endswith("|"))


def _is_cell_line(line: str) -> bool:
    return bool(_CELL_LINE_RE.match(line))


def _is_tab_row(line: str) -> bool:
    """Cells separated by tabs: a tab after the text, or more than one tab."""
    body = line.lstrip(" ")
    tabs = body.count("\t")
    return tabs <= MAX_COLUMNS and not _is_blank(line) and (tabs > 1 or (tabs == 1 and not body.startswith("\t")))


def _scan(lines: list[str]):
    """Yield lists of paragraphs and :class:`_RawTable` candidates in document order."""
    n = len(lines)
    i = 0
    while i < n and _is_blank(lines[i]):
        i += 1
    j = i
    while j < n and _LIST_ITEM_RE.match(lines[j]):
        j += 1
    if j - i >= 2:  # web page metadata at the top ("- 索引号…", "- 发布机构…"): one paragraph
        first = lines[i]
        column = len(first) - len(first.lstrip()) + 1
        yield [Paragraph(text="\n".join(x.strip() for x in lines[i:j]), line=i + 1, column=column)]
        i = j
    while i < n:
        line = lines[i]
        if _is_blank(line):
            i += 1
        elif _is_pipe_row(line):
            i = yield from _scan_pipe(lines, i)
        elif _is_tab_row(line) or (_is_cell_line(line) and _tab_block_ahead(lines, i)):
            i = yield from _scan_tab(lines, i)
        elif _is_cell_line(line):
            i = yield from _scan_cells(lines, i)
        else:
            yield _paragraphs(line, i + 1)
            i += 1


def _tab_block_ahead(lines: list[str], i: int) -> bool:
    """A line with only a leading tab opens a tab-separated table if its next line is a tab row."""
    return i + 1 < len(lines) and _is_tab_row(lines[i + 1])


def _scan_pipe(lines: list[str], i: int):
    start = i
    rows: list[_RawRow] = []
    while i < len(lines) and _is_pipe_row(lines[i]):
        s = lines[i].strip()
        s = s[1:] if s.startswith("|") else s
        s = s[:-1] if s.endswith("|") and not s.endswith("\\|") else s
        texts = [t.strip(" \t").replace("\\|", "|") for t in _PIPE_SPLIT_RE.split(s)]
        if not all(_PIPE_RULE_RE.match(t.replace(" ", "")) for t in texts):
            rows.append(_RawRow([_RawCell(i + 1, [t]) for t in texts]))
            _bound(rows, len(texts))
        i += 1
    yield _RawTable(PIPE, rows, start, i)
    return i


def _scan_tab(lines: list[str], i: int):
    start = i
    rows: list[_RawRow] = []
    n = len(lines)
    while i < n:
        line = lines[i]
        if _is_blank(line):
            # a single blank line inside a tab table (a row split in two) does not end it
            if i + 1 < n and _is_tab_row(lines[i + 1]) and rows:
                i += 1
                continue
            break
        if not (_is_tab_row(line) or _is_cell_line(line)):
            break
        rows.append(_RawRow([_RawCell(i + 1, [t]) for t in line.split("\t")]))
        _bound(rows, len(rows[-1].cells))
        i += 1
    yield _RawTable(TAB, rows, start, i)
    return i


def _bound(rows: list[_RawRow], width: int) -> None:
    """Stop reading a table as soon as its rows so far, each as wide as the last, would be over ``table_cells``: the
    bound holds while the rows are read, not after a huge table has been held whole."""
    if len(rows) * width > limits.current.table_cells:
        raise TableTooLarge(f"{len(rows)} × {width} > {limits.current.table_cells} cells (line {rows[-1].line})")


def _scan_cells(lines: list[str], i: int):
    """One cell per line behind a tab; blank lines end rows; a line without the tab continues the cell."""
    start = i
    rows: list[_RawRow] = []
    row = _RawRow()
    n = len(lines)
    after_blank = False
    indent = ""
    while i < n:
        line = lines[i]
        m = _CELL_LINE_RE.match(line)
        if m:
            if (after_blank or (m.group(1) and not indent)) and row.cells:
                # a blank line ends the row; so do spaces appearing before the tab (the exporter wrote the
                # row's ending blank line and the next cell on one line)
                rows.append(row)
                _bound(rows, len(row.cells))
                row = _RawRow()
            row.cells.append(_RawCell(i + 1, [line[m.end():]]))
            after_blank = False
            indent = m.group(1)
        elif _is_blank(line):
            after_blank = True
        elif after_blank or not row.cells or _holds_value(row.cells[-1].parts[-1]):
            break  # text after a blank line, or after a number, is a paragraph: the table ended
        else:
            row.cells[-1].parts.append(line)
        i += 1
    if row.cells:
        rows.append(row)
    yield _RawTable(CELL, rows, start, i)
    return i


# -- building a table ------------------------------------------------------------------------------------------
def _holds_value(text: str) -> bool:
    return bool(clean(text)) and looks_like_value(text)


def _is_number(text: str) -> bool:
    return parse_number(text, decimal=True) is not None


def _level(text: str) -> int | None:
    key = norm(text)
    for pattern, level in _LEVEL_RES:
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


def _build_table(raw: _RawTable, index: int, layouts: LayoutLibrary) -> Table | None:
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
        numeric = [any(_holds_value(t) for t in row.texts) for row in rows]
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
            segs = [_fill([(k, k + 1, t, False) for k, t in enumerate(row)], width) for row in tokens]
        elif self.shape == TAB:
            segs, width = _header_grid(tokens)
        else:
            # pipe rows leave out the cells covered from above, unless they write them as empty cells
            implicit = self.shape == PIPE and not any(not t.strip() for row in tokens[1:] for t in row)
            roots = _header_tree(tokens, value_cols, implicit=implicit)
            segs, width = _tree_rows(roots, len(tokens))
        return segs, width, corner


def _split_data(texts: list[str]) -> tuple[list[str], list[str]]:
    """(label part, value part): labels run up to the last text before the first number."""
    first_value = next(k for k, t in enumerate(texts) if _holds_value(t))
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


# -- header resolution -----------------------------------------------------------------------------------------
@dataclass(eq=False)
class _Node:
    text: str
    row: int  # first header row
    last: int  # last header row it covers
    children: list[_Node] = field(default_factory=list)
    width: int = 1
    cont: bool = False  # an empty cell continuing the cell above


def _header_tree(tokens: list[list[str]], value_cols: int, implicit: bool) -> list[_Node]:
    """Header cells as a tree, built from the bottom header row up."""
    bottom = len(tokens) - 1
    while not implicit and len(tokens[bottom]) > value_cols > 0 and not tokens[bottom][-1].strip():
        tokens[bottom].pop()  # empty cells beyond the values' columns
    below = [_Node(t, bottom, bottom, cont=not implicit and not t.strip()) for t in tokens[bottom]]
    if not implicit and value_cols > len(below):
        below += [_Node("", bottom, bottom, cont=True) for _ in range(value_cols - len(below))]
    covered = len(below)
    for h in range(bottom - 1, -1, -1):
        row = tokens[h]
        if not row:
            continue
        if implicit:
            below, covered = _attach_implicit(row, below, h, bottom, value_cols - covered, covered)
        else:
            below = _attach_explicit(row, below, h)
    return below


def _attach_explicit(row: list[str], below: list[_Node], h: int) -> list[_Node]:
    """Cells of row ``h`` over the nodes below: an empty cell below continues one cell above, a run of labels
    below is shared by the remaining cells above."""
    segments: list[list[_Node]] = []
    for node in below:
        if node.cont or not segments or segments[-1][0].cont:
            segments.append([node])
        else:
            segments[-1].append(node)
    if len(row) < len(segments):  # not a consistent merge: read the empty cells below as blank labels
        for node in below:
            node.cont = False
        segments = [below]
    runs = [k for k, seg in enumerate(segments) if not seg[0].cont]
    share = {k: 1 for k in runs}
    extra = len(row) - len(segments)
    while extra > 0 and runs:
        k = max(runs, key=lambda k: len(segments[k]) - share[k])
        if len(segments[k]) <= share[k]:
            break
        share[k] += 1
        extra -= 1
    out: list[_Node] = []
    p = 0
    for k, seg in enumerate(segments):
        if seg[0].cont:
            node = seg[0]
            out.append(_Node(row[p], h, node.last, node.children, node.width, cont=not row[p].strip()))
            p += 1
            continue
        for group in _split(seg, share[k]):
            out.append(_Node(row[p], h, h, group, sum(n.width for n in group), cont=not row[p].strip()))
            p += 1
    out.extend(_Node(t, h, h) for t in row[p:])  # more cells than columns: extra columns
    return out


def _attach_implicit(row: list[str], below: list[_Node], h: int, bottom: int, missing: int,
                     covered: int) -> tuple[list[_Node], int]:
    """Pipe rows: the cells of row ``h`` are single columns spanning down (as many as the rows below lack) or
    groups over the nodes below; the longest labels are the groups."""
    n = len(row)
    leaves = max(0, min(missing, n - 1)) if below else n
    leaves = max(leaves, n - len(below))
    groups = n - leaves
    by_length = sorted(range(n), key=lambda k: (-len(clean(row[k])), k))
    parents = set(by_length[:groups])
    parts = iter(_split(below, groups)) if groups else iter(())
    out: list[_Node] = []
    for k, text in enumerate(row):
        if k in parents:
            group = next(parts)
            out.append(_Node(text, h, h, group, sum(x.width for x in group)))
        else:
            out.append(_Node(text, h, bottom))
    return out, covered + leaves


def _split(nodes: list[_Node], groups: int) -> list[list[_Node]]:
    """Split nodes into ``groups`` runs: where they change between single and grouped columns, else evenly."""
    if groups <= 1 or len(nodes) <= 1:
        return [nodes]
    groups = min(groups, len(nodes))
    changes = [k for k in range(1, len(nodes)) if bool(nodes[k].children) != bool(nodes[k - 1].children)]
    if len(changes) != groups - 1:
        size, rest = divmod(len(nodes), groups)
        changes, edge = [], 0
        for g in range(groups - 1):
            edge += size + (1 if g >= groups - rest else 0)
            changes.append(edge)
    edges = [0, *changes, len(nodes)]
    return [nodes[edges[g]:edges[g + 1]] for g in range(groups)]


def _tree_rows(roots: list[_Node], height: int) -> tuple[list[list[tuple[int, int, str, bool]]], int]:
    """Per header row, the cells (start, end, text, continued) of the tree, gaps filled with empty cells."""
    rows: list[list[tuple[int, int, str, bool]]] = [[] for _ in range(height)]

    def walk(nodes: list[_Node], start: int) -> None:
        a = start
        for node in nodes:
            b = a + node.width
            last = node.last if node.children else height - 1
            for h in range(node.row, min(last, height - 1) + 1):
                rows[h].append((a, b, node.text if h == node.row else "", h != node.row))
            if node.children:
                walk(node.children, a)
            a = b

    walk(roots, 0)
    width = sum(node.width for node in roots)
    return [_fill(sorted(r), width) for r in rows], width


def _fill(segs: list[tuple[int, int, str, bool]], width: int) -> list[tuple[int, int, str, bool]]:
    out: list[tuple[int, int, str, bool]] = []
    col = 0
    for a, b, text, cont in segs:
        if a < col:
            continue
        if a > col:
            out.append((col, a, "", False))
        out.append((a, b, text, cont))
        col = b
    if col < width:
        out.append((col, width, "", False))
    return out


def _header_grid(tokens: list[list[str]]) -> tuple[list[list[tuple[int, int, str, bool]]], int]:
    """Tab rows keep the grid: an empty cell continues the cell above when all of that cell's columns are
    empty in this row, else it widens the label on its left under the same parent, else it is blank."""
    width = max((len(r) for r in tokens), default=0)
    grid = [r + [""] * (width - len(r)) for r in tokens]
    origin: list[list[list | None]] = [[None] * width for _ in grid]  # [a, b, text, first row]
    for h, row in enumerate(grid):
        c = 0
        while c < width:
            if row[c].strip():
                origin[h][c] = [c, c + 1, row[c], h]
                c += 1
                continue
            above = origin[h - 1][c] if h else None
            if above is not None and above[2].strip() and above[0] == c and \
                    all(not row[x].strip() for x in range(above[0], above[1])):
                for x in range(above[0], above[1]):
                    origin[h][x] = above
                c = above[1]
                continue
            left = origin[h][c - 1] if c else None
            if left is not None and left[3] == h and (not h or origin[h - 1][left[0]] is origin[h - 1][c]):
                left[1] = c + 1
                origin[h][c] = left
            else:
                origin[h][c] = [c, c + 1, "", h]
            c += 1
    out: list[list[tuple[int, int, str, bool]]] = []
    for h in range(len(grid)):
        segs: list[tuple[int, int, str, bool]] = []
        c = 0
        while c < width:
            o = origin[h][c]
            segs.append((o[0], o[1], o[2] if o[3] == h else "", o[3] != h))
            c = o[1]
        out.append(segs)
    return out, width
