"""The cells of a table: as a reader sees them in a source row (:class:`RawCell`), as the grid holds them (:class:`Cell`,
one per origin of a merge), and as checks address them (:class:`DataCell`, with its row and column label paths)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..normalize import clean, label_keys, looks_like_value, memoise_short, norm, parse_number


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
    def text(self) -> str:
        """The cell's text as written."""
        return self.cell.text

    @property
    def row_label(self) -> str:
        return self._labels()[0]

    @property
    def column_label(self) -> str:
        return self._labels()[1]


@memoise_short
def holds_number(text: str) -> bool:
    """A cell text that is a number (what a label never is, and the one thing a layout lets vary)."""
    return bool(clean(text)) and looks_like_value(text) and parse_number(text, True) is not None
