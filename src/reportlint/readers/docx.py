"""The .docx reader: WordprocessingML body → Paragraph and Table blocks in reading order.

The main part and its styles are parsed with lxml straight from the ZIP (python-docx opens the package on the
plain path, ``via_python_docx=True``); the text is read from the lxml element tree either way, because
python-docx's ``paragraph.text`` leaves out content controls, field results, smart tags and tracked
insertions, and cannot tell a text box from its anchoring paragraph.

What counts as the text of a paragraph (the text a reader sees on screen with changes accepted):

* ``w:t``; ``w:tab``/``w:ptab`` → tab; ``w:br``/``w:cr`` → newline; ``w:noBreakHyphen`` → "-".
* inside ``w:hyperlink``, ``w:smartTag``, ``w:customXml``, ``w:sdt`` (its ``w:sdtContent``), ``w:fldSimple``,
  ``w:ins``, ``w:moveTo``; the displayed result of a complex field (between ``separate`` and ``end``).
* never ``w:del``/``w:delText``, ``w:moveFrom``, ``w:instrText``, ``w:sym``, ruby text, properties.
* ``mc:AlternateContent``: one branch only, the first ``mc:Choice`` whose requirements are known, else
  ``mc:Fallback``.
* text boxes (``w:txbxContent``, DrawingML or VML) are not part of the paragraph: their paragraphs and
  tables become blocks of their own right after the anchoring paragraph.

Tables become :class:`~reportlint.model.Table` via :class:`~reportlint.model.RawCell` rows (a plain table, read
in one pass, hands the same over flat: ``Table.from_flat``); a table nested in a cell is emitted as its own block
after the outer table, with ``nested_in`` set.
"""

from __future__ import annotations

from ..errors import InputError
from ..model import Document
from ..model.layouts import LayoutLibrary
from .docx_body import BodyReader
from .docx_comments import Anchors, reportlint_comments, suppressions
from .docx_package import (
    check_main_part,
    check_sizes,
    every_member_inflates,
    main_part_name,
    member_names,
    open_with_python_docx,
    open_zip,
    parse_main,
    read_member,
    sniff,
    styles_from_zip,
)
from .docx_places import Places
from .docx_styles import HeadingStyles
from .wordml import W_DOCUMENT, child_of, w

__all__ = ["read_docx", "read_places"]


# -- entry point -------------------------------------------------------------------------------------------
def read_docx(path: str, data: bytes, layouts: LayoutLibrary | None = None, *,
              via_python_docx: bool = False, places: Places | None = None) -> Document:
    """Read a WordprocessingML package (.docx/.docm/.dotx/.dotm) from its bytes.

    The main part and its styles are parsed with plain lxml straight from the ZIP: python-docx's object layer
    (every element a custom Python class, every part of the package parsed) costs about ten times the XML
    parse itself (docs/PERFORMANCE.md). ``via_python_docx`` opens the package through python-docx instead; the
    tests read the fixtures and the corpus both ways and require the same document. ``places``: noted there, the
    elements every block and table cell was read from (:mod:`.docx_places`)."""
    sniff(path, data)
    zf = open_zip(path, data)
    names = member_names(zf)  # once: every part is looked up in it
    main_name = main_part_name(zf, names)
    if main_name is None:
        raise InputError(path, "no-document")
    check_sizes(path, zf)
    check_main_part(path, zf.getinfo(main_name))
    body_root = None
    if via_python_docx and every_member_inflates(zf):  # python-docx inflates each with zf.read, unbounded
        body_root, styles_root = open_with_python_docx(data)
        styles = HeadingStyles(styles_root)
    if body_root is None or body_root.tag != W_DOCUMENT:
        # The fast path, or python-docx could not open the package (Strict OOXML, broken XML or relationships, a
        # missing content types entry …): parse the main part ourselves, which names the problem or reads it.
        body_root = parse_main(path, read_member(path, zf, main_name))
        styles = styles_from_zip(zf, names, main_name)
    # The plain path walks every element generically; the fast path reads the common shapes (a paragraph of
    # plain runs, a table of rows of cells of paragraphs) with tight loops and hands anything else to the
    # generic walk. tests/test_fast_paths.py requires the same document both ways.
    wanted = reportlint_comments(zf, names, main_name)
    anchors = Anchors(wanted) if wanted else None
    reader = BodyReader(styles, layouts if layouts is not None else LayoutLibrary(), fast=not via_python_docx,
                        anchors=anchors, places=places)
    if places is not None:
        places.root = body_root
    body = child_of(body_root, w("body"))
    blocks = reader.blocks(body, 0) if body is not None else []
    doc = Document.build(path, blocks, "docx")
    if anchors is not None:
        doc.suppressions = suppressions(doc, anchors)
    return doc


def read_places(path: str, data: bytes) -> tuple[Document, Places]:
    """The document as ``read_docx`` reads it, with the places of its blocks and cells (:mod:`.docx_places`)."""
    places = Places()
    doc = read_docx(path, data, places=places)
    return doc, places
