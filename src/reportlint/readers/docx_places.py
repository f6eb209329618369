"""Where each block and cell of a .docx came from: for ``reportlint annotate``, which puts a comment at a finding's
place in a copy of the document.

The body reader, given a :class:`Places` (the generic walk only, like the suppression anchors), notes the element
each Paragraph and Table block was read from and the ``w:tc`` of each table cell by its grid place. An element is
told to another parse of the same part (python-docx's, which writes the copy) by its position in document order
among the elements of its tag (:meth:`Places.position`): the two parses hold the same elements in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .wordml import W_P, W_TBL, W_TC

# What an anchor is: (tag, position among the document's elements of that tag in document order).
Position = tuple[str, int]


@dataclass
class Places:
    """The source elements of a document's blocks and table cells (see the module docstring)."""

    root: object = None  # the parsed main part
    blocks: dict[int, object] = field(default_factory=dict)  # id(block) -> w:p or w:tbl element
    cells: dict[tuple[int, int, int], object] = field(default_factory=dict)  # (table, row, col) 1-based -> w:tc
    _positions: dict[object, int] | None = None

    def block(self, block: object, element: object) -> None:
        self.blocks[id(block)] = element

    def cell(self, table: int, row: int, col: int, element: object) -> None:
        self.cells.setdefault((table, row, col), element)

    def position(self, element: object) -> Position | None:
        """The element's tag and position among the elements of its tag, in document order."""
        if self._positions is None:
            self._positions = {}
            for tag in (W_P, W_TBL, W_TC):
                for n, el in enumerate(self.root.iter(tag)):  # type: ignore[attr-defined]
                    self._positions[el] = n
        n = self._positions.get(element)
        return None if n is None else (element.tag, n)  # type: ignore[attr-defined]
