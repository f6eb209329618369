"""What the text reader and its table builder share: the raw rows scanned from the lines, and the kinds of rows
and tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_COLUMNS = 200  # a "row" with more cells than this is not a table row
MAX_HEADER_ROWS = 12  # deeper headers are not rebuilt: their rows are handed over cell by cell
PIPE, TAB, CELL = "pipe", "tab", "cell"
TITLE, HEADER, DATA = "title", "header", "data"

ARTEFACT_RE = re.compile(r"\[(?:bookmark|image):[^\]\n]*\]")
LEVEL_RES = (
    (re.compile(r"^[一二三四五六七八九十]+[、.]"), 1),
    (re.compile(r"^\([一二三四五六七八九十]+\)"), 2),
    (re.compile(r"^\d+[.、](?!\d)"), 3),
    (re.compile(r"^\(\d+\)"), 4),
)


@dataclass
class RawTextCell:
    line: int
    parts: list[str]  # the source lines of the cell (more than one: line breaks inside the cell)

    @property
    def text(self) -> str:
        """The cell text without export artefacts."""
        return ARTEFACT_RE.sub("", "\n".join(self.parts))


@dataclass
class RawRow:
    cells: list[RawTextCell] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.cells[0].line


@dataclass
class RawTable:
    shape: str
    rows: list[RawRow]
    start: int  # 0-based index of the first line
    end: int  # 0-based index after the last line
