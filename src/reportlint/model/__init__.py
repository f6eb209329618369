"""The one document shape every reader produces and every check consumes: plain data.

:mod:`.document` (Document, Section, Paragraph), :mod:`.table` (Table), :mod:`.cells` (RawCell, Cell, Label,
DataCell), :mod:`.grid` (raw rows → a grid), :mod:`.labelling` (a grid → label paths), and :mod:`.layouts`, the
service through which readers make tables so that tables of one layout are resolved and labelled once.
"""

from .cells import Cell, DataCell, Label, RawCell
from .document import Block, Document, Paragraph, Section
from .grid import TableTooLarge
from .suppression import Suppression
from .table import Table

__all__ = ["Block", "Cell", "DataCell", "Document", "Label", "Paragraph", "RawCell", "Section", "Suppression", "Table",
           "TableTooLarge"]
