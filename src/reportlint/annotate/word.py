"""Comments in a copy of a .docx: each note a Word comment (author "reportlint") anchored at its place.

The places come from reading the document again with :func:`~reportlint.readers.docx_places.read_places` (the
reader that found the findings, noting the element of every block and cell); python-docx (1.2's ``add_comment``)
opens the same bytes, finds each element again by its position in document order, anchors the comment on the
element's runs and saves the package. Everything python-docx does not touch (existing comments, tracked changes,
images, headers) is saved as it was.

Where a note is anchored: a table cell → that cell's text (an empty run added to a blank cell, so that the
comment has something to hold); a table → its first cell; a paragraph or a section → the paragraph (the section's
heading); the document → its title, else its first paragraph.

With fixes asked for, a note's safe fix is made first, as a tracked change (:mod:`.tracked`) in the first paragraph
of its place that holds the old text; its comment then says it was fixed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from ..errors import InputError
from ..findings import Location
from ..model import Document, Paragraph, Table
from ..readers.docx import read_places
from ..readers.docx_package import main_document_part
from ..readers.docx_places import Places
from ..readers.wordml import W_P, W_T, W_TBL, W_TC, iter_blocks
from .notes import Applied, Note
from .tracked import Changes, shown_runs

AUTHOR, INITIALS = "reportlint", "RL"


def annotate_docx(path: str, data: bytes, notes: Sequence[Note], date: str) -> tuple[bytes, list[Applied]]:
    """The bytes of a copy of the .docx ``data`` with ``notes`` as comments (their fixes made first, as tracked
    changes dated ``date``), and the fixes made."""
    doc, places = read_places(path, data)
    part = main_document_part(data)
    if part is None:
        raise InputError(path, "annotate-failed", "python-docx cannot open the package")
    ours = [_anchor(doc, places, note.location) for note in notes]
    positions = [places.position(element) if element is not None else None for element in ours]
    wanted = {position[0] for position in positions if position is not None}
    theirs = {tag: list(part.element.iter(tag)) for tag in wanted}  # no change below adds a w:p, w:tc or w:tbl
    targets = [theirs[p[0]][p[1]] if p is not None else None for p in positions]
    changes = Changes(part.element, AUTHOR, date)
    applied, made = [], set()
    for i, (note, target) in enumerate(zip(notes, targets, strict=True)):
        if note.fix is not None and target is not None:
            change = _fix(changes, target, note)
            if change is not None:
                applied.append(change)
                made.add(i)
    document = part.document
    for i, (note, target) in enumerate(zip(notes, targets, strict=True)):
        runs = _runs(target, document) if target is not None and note.comment else []
        if runs:  # (a cell without a paragraph is invalid WordprocessingML: nothing to hold a comment)
            document.add_comment(runs, text=note.text_fixed if i in made else note.text, author=AUTHOR,
                                 initials=INITIALS)
    out = io.BytesIO()
    part.package.save(out)
    return out.getvalue(), applied


def _fix(changes: Changes, target, note: Note) -> Applied | None:
    """The note's fix made in the first paragraph of ``target`` that holds its old text, or None."""
    assert note.fix is not None
    for p in _paragraphs(target):
        before = _shown_text(p)
        if note.fix.old in before and changes.replace(p, note.fix.old, note.fix.new):
            return Applied(note.location, before, _shown_text(p))
    return None


# -- where ----------------------------------------------------------------------------------------------------
def _anchor(doc: Document, places: Places, loc: Location):
    """The element (of the reader's parse) a note at ``loc`` is anchored on, or None when the document has none."""
    if loc.table is not None:
        table = next((t for t in doc.tables if t.index == loc.table), None)
        if loc.row is not None:
            cols = sorted(c for t, r, c in places.cells if t == loc.table and r == loc.row)
            col = loc.col if loc.col is not None else (cols[0] if cols else None)
            cell = places.cells.get((loc.table, loc.row, col)) if col is not None else None
            if cell is not None:
                return cell
        if table is not None:
            return _table_anchor(places, table)
    block = _block(doc, loc)
    if isinstance(block, Table):
        return _table_anchor(places, block)
    if block is not None and id(block) in places.blocks:
        return places.blocks[id(block)]
    start = doc.title_paragraph or next((p for p in doc.paragraphs if p.text.strip()), None)
    return places.blocks.get(id(start)) if start is not None else None


def _block(doc: Document, loc: Location) -> Paragraph | Table | None:
    if loc.block is not None and 0 <= loc.block < len(doc.blocks):
        return doc.blocks[loc.block]
    if loc.paragraph is not None:
        paragraphs = doc.paragraphs
        if 0 < loc.paragraph <= len(paragraphs):
            return paragraphs[loc.paragraph - 1]
    if loc.section:
        return next((s.paragraph for s in doc.sections() if s.title == loc.section and s.paragraph), None)
    return None


def _table_anchor(places: Places, table: Table):
    """The table's first cell, else the table."""
    cells = sorted(key for key in places.cells if key[0] == table.index)
    return places.cells[cells[0]] if cells else places.blocks.get(id(table))


# -- the runs a comment holds ------------------------------------------------------------------------------
def _paragraphs(element) -> list:
    """The paragraph itself, or the paragraphs of a cell (of a table's first cell)."""
    if element.tag == W_P:
        return [element]
    if element.tag == W_TBL:
        element = next(element.iter(W_TC), None)
        if element is None:
            return []
    return [p for p in iter_blocks(element) if p.tag == W_P]


def _shown_text(p) -> str:
    return "".join(t.text or "" for r in shown_runs(p) for t in r.iter(W_T))


def _runs(element, document) -> list:
    """python-docx Runs from the first to the last run shown of a paragraph or a cell's paragraphs; a blank one
    gets an empty run."""
    from docx.text.paragraph import Paragraph as DocxParagraph
    from docx.text.run import Run

    paragraphs = _paragraphs(element)
    if not paragraphs:
        return []
    runs = [(p, r) for p in paragraphs for r in shown_runs(p)]
    if not runs:
        return [DocxParagraph(paragraphs[0], document).add_run()]
    return [Run(r, DocxParagraph(p, document)) for p, r in (runs[0], runs[-1])]
