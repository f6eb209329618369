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
  without numbers are header rows. A title, or a header after data rows, starts a band (table 2 has four).
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

from .. import limits
from ..model import Document, Paragraph, Table, TableTooLarge
from ..model.layouts import LayoutLibrary
from .encoding import decode_text
from .flattened import split_run_in
from .text_rows import CELL, MAX_COLUMNS, PIPE, TAB, RawRow, RawTable, RawTextCell
from .text_table import build_table, holds_value

__all__ = ["read_text"]


_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_LEADING_ARTEFACTS_RE = re.compile(r"^(?:\s*\[(?:bookmark|image):[^\]\n]*\])+")
_LIST_ITEM_RE = re.compile(r"^\s*[-*•·]\s+\S")
_CELL_LINE_RE = re.compile(r"^( *)\t")
_PIPE_SPLIT_RE = re.compile(r"(?<!\\)\|")
_PIPE_RULE_RE = re.compile(r"^:?-{3,}:?$")


def read_text(path: str, data: bytes, layouts: LayoutLibrary | None = None) -> Document:
    """Read a plain-text report export. Raises only :class:`InputError` for bad input."""
    layouts = layouts if layouts is not None else LayoutLibrary()
    lines = _LINE_BREAK_RE.split(decode_text(path, data))
    blocks: list[Paragraph | Table] = []
    tables = 0
    for item in _scan(lines):
        if isinstance(item, RawTable):
            table = build_table(item, tables + 1, layouts)
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
    """Yield lists of paragraphs and :class:`RawTable` candidates in document order."""
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
    rows: list[RawRow] = []
    while i < len(lines) and _is_pipe_row(lines[i]):
        s = lines[i].strip()
        s = s[1:] if s.startswith("|") else s
        s = s[:-1] if s.endswith("|") and not s.endswith("\\|") else s
        texts = [t.strip(" \t").replace("\\|", "|") for t in _PIPE_SPLIT_RE.split(s)]
        if not all(_PIPE_RULE_RE.match(t.replace(" ", "")) for t in texts):
            rows.append(RawRow([RawTextCell(i + 1, [t]) for t in texts]))
            _bound(rows, len(texts))
        i += 1
    yield RawTable(PIPE, rows, start, i)
    return i


def _scan_tab(lines: list[str], i: int):
    start = i
    rows: list[RawRow] = []
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
        rows.append(RawRow([RawTextCell(i + 1, [t]) for t in line.split("\t")]))
        _bound(rows, len(rows[-1].cells))
        i += 1
    yield RawTable(TAB, rows, start, i)
    return i


def _bound(rows: list[RawRow], width: int) -> None:
    """Stop reading a table as soon as its rows so far, each as wide as the last, would be over ``table_cells``: the
    bound holds while the rows are read, not after a huge table has been held whole."""
    if len(rows) * width > limits.current.table_cells:
        raise TableTooLarge(f"{len(rows)} × {width} > {limits.current.table_cells} cells (line {rows[-1].line})")


def _scan_cells(lines: list[str], i: int):
    """One cell per line behind a tab; blank lines end rows; a line without the tab continues the cell."""
    start = i
    rows: list[RawRow] = []
    row = RawRow()
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
                row = RawRow()
            row.cells.append(RawTextCell(i + 1, [line[m.end():]]))
            after_blank = False
            indent = m.group(1)
        elif _is_blank(line):
            after_blank = True
        elif after_blank or not row.cells or holds_value(row.cells[-1].parts[-1]):
            break  # text after a blank line, or after a number, is a paragraph: the table ended
        else:
            row.cells[-1].parts.append(line)
        i += 1
    if row.cells:
        rows.append(row)
    yield RawTable(CELL, rows, start, i)
    return i
