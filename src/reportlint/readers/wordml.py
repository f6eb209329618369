"""WordprocessingML for the .docx reader: the namespaces and tags it reads, what a paragraph's text is made of, and
the helpers that walk the body (content controls, tracked changes and markup compatibility unwrapped)."""

from __future__ import annotations

import re

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_DEPTH = 50  # nesting of tables in cells / text boxes in text boxes
MAX_SPAN = 128  # a gridSpan / gridBefore beyond Word's 63 columns is garbage; keep the grid small


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


W_DOCUMENT, W_P, W_TBL, W_TR, W_TC = w("document"), w("p"), w("tbl"), w("tr"), w("tc")
W_T, W_TAB, W_PTAB, W_BR, W_CR = w("t"), w("tab"), w("ptab"), w("br"), w("cr")
W_NOBREAKHYPHEN, W_FLDCHAR, W_TXBXCONTENT = w("noBreakHyphen"), w("fldChar"), w("txbxContent")
W_SDT, W_SDTCONTENT, W_CUSTOMXML, W_INS, W_MOVETO = w("sdt"), w("sdtContent"), w("customXml"), w("ins"), w("moveTo")
W_SMARTTAG, W_PSTYLE, W_CELLDEL = w("smartTag"), w("pStyle"), w("cellDel")
W_GRIDSPAN, W_GRIDBEFORE, W_GRIDAFTER, W_VMERGE, W_HMERGE = (w("gridSpan"), w("gridBefore"), w("gridAfter"),
                                                             w("vMerge"), w("hMerge"))
W_PPR, W_RPR, W_TRPR, W_TCPR, W_DEL = w("pPr"), w("rPr"), w("trPr"), w("tcPr"), w("del")
W_VAL, W_FLDCHARTYPE, W_OUTLINELVL = w("val"), w("fldCharType"), w("outlineLvl")
W_R = w("r")
W14_PARAID = f"{{{W14_NS}}}paraId"
MC_ALTERNATE, MC_CHOICE, MC_FALLBACK = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"

# Elements whose subtree never holds visible text of the paragraph.
SKIP_IN_PARAGRAPH = frozenset(
    w(n)
    for n in (
        "pPr", "rPr", "del", "delText", "moveFrom", "instrText", "delInstrText", "sym", "sdtPr", "sdtEndPr",
        "rt", "rubyPr", "fldData", "ffData", "footnoteReference", "endnoteReference", "commentReference",
        "annotationRef", "softHyphen", "lastRenderedPageBreak", "proofErr", "bookmarkStart", "bookmarkEnd",
    )
)
# Wrappers that hold block content (paragraphs, tables, rows, cells) at block level.
_BLOCK_WRAPPERS = frozenset({W_SDTCONTENT, W_CUSTOMXML, W_INS, W_MOVETO, W_SMARTTAG})
# The fast path: run content that stands for one character.
RUN_CHARS = {W_TAB: "\t", W_PTAB: "\t", W_BR: "\n", W_CR: "\n", W_NOBREAKHYPHEN: "-"}
# A plain table: rows right in the table, cells right in the rows, paragraphs right in the cells, text right in
# runs of those paragraphs, and none of what the generic walk treats specially (fields, tracked deletions and
# moves, property changes, ruby, content controls, alternate content, text boxes, nested tables, legacy merges,
# deleted cells, grid before/after). It is read in one pass over ``iter()`` of the few tags that matter, so the
# element proxies of everything else are never made (a proxy costs about half a microsecond). The special
# elements are among the tags iterated: one seen, the pass stops and the generic walk reads the table. That the
# rows, cells, paragraphs and texts seen were all in their plain places is checked in C afterwards, by counting
# them along the child axis (each count can only be lower than the pass's count of that tag). A span or merge is
# taken as the open cell's, the first of each as the generic walk takes them; that it sits in the cell's own
# properties (schema-invalid elsewhere) is not checked: counting those along the child axis too cost 0.18 ms a
# report, a sixth of the check.
PLAIN_PLACES = etree.XPath("count(w:tr) + count(w:tr/w:tc) + count(w:tr/w:tc/w:p) + count(w:tr/w:tc/w:p/w:r/w:t)",
                            namespaces={"w": W_NS})
NOT_PLAIN = frozenset({W_TBL, W_FLDCHAR, W_DEL, w("moveFrom"), w("ruby"), W_SDT, MC_ALTERNATE, W_TXBXCONTENT,
                        W_HMERGE, W_CELLDEL, W_GRIDBEFORE, W_GRIDAFTER, w("tcPrChange"), w("cellMerge")})
PLAIN_TABLE_TAGS = (W_TR, W_TC, W_P, W_T, W_GRIDSPAN, W_VMERGE, W_TAB, W_PTAB, W_BR, W_CR, W_NOBREAKHYPHEN,
                     *sorted(NOT_PLAIN))

# mc:Choice requirements we read: the DrawingML/Word 2010+ extensions whose text lives in w:t elements.
_KNOWN_MC_NAMESPACES = frozenset(
    {
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",  # wps
        "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",  # wpg
        "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",  # wpc
        "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",  # wpi
        "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",  # wp14
        "http://schemas.microsoft.com/office/drawing/2010/main",  # a14
        W14_NS,  # w14
        "http://schemas.microsoft.com/office/word/2012/wordml",  # w15
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
        "urn:schemas-microsoft-com:vml",
    }
)

HEADING_NAME_RE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
TITLE_NAMES = frozenset({"title", "标题"})


# -- body --------------------------------------------------------------------------------------------------
def iter_blocks(parent):
    """The w:p and w:tbl elements of a block container in order, through content controls, custom XML,
    tracked insertions and alternate content. Iterative: arbitrary wrapper depth is fine."""
    return _unwrapped(parent, (W_P, W_TBL))


def iter_children(parent, want: str):
    """Children with tag ``want`` (w:tr of a table, w:tc of a row), through the same wrappers."""
    return _unwrapped(parent, (want,))


def _unwrapped(parent, wanted: tuple[str, ...]):
    stack = [iter(parent)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if tag in wanted:
            yield el
        elif tag in _BLOCK_WRAPPERS:
            stack.append(iter(el))
        elif tag == W_SDT:
            content = el.find(W_SDTCONTENT)
            if content is not None:
                stack.append(iter(content))
        elif tag == MC_ALTERNATE:
            chosen = choose_alternate(el)
            if chosen is not None:
                stack.append(iter(chosen))


def choose_alternate(el):
    """The one branch of mc:AlternateContent to read: first known mc:Choice, else mc:Fallback, else None."""
    fallback = None
    for child in el:
        if child.tag == MC_CHOICE:
            requires = (child.get("Requires") or "").split()
            nsmap = child.nsmap
            if requires and all(nsmap.get(prefix) in _KNOWN_MC_NAMESPACES for prefix in requires):
                return child
        elif child.tag == MC_FALLBACK and fallback is None:
            fallback = child
    return fallback


def child_of(el, tag: str):
    """The first child with ``tag``, or None. A loop over the children: lxml's ``find`` goes through its
    ElementPath machinery and costs three times as much, on every cell and paragraph."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def props_of(props) -> dict:
    """The children of a property element (w:trPr, w:tcPr) by tag, the first of each; {} for None."""
    out: dict = {}
    if props is not None:
        for child in props:
            out.setdefault(child.tag, child)
    return out


def int_val(el, default: int = 1) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W_VAL, ""))
    except ValueError:
        return default


def span_of(value: int) -> int:
    return max(1, min(MAX_SPAN, value))
