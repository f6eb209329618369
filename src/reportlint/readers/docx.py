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

import io
import posixpath
import re
import unicodedata
import zipfile
import zlib
from itertools import pairwise
from urllib.parse import unquote

from lxml import etree

from .. import limits
from ..errors import InputError
from ..model import Document, Paragraph, RawCell
from ..model.layouts import LayoutLibrary

__all__ = ["read_docx"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_DEPTH = 50  # nesting of tables in cells / text boxes in text boxes
MAX_SPAN = 128  # a gridSpan / gridBefore beyond Word's 63 columns is garbage; keep the grid small


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


W_DOCUMENT, W_P, W_TBL, W_TR, W_TC = _w("document"), _w("p"), _w("tbl"), _w("tr"), _w("tc")
W_T, W_TAB, W_PTAB, W_BR, W_CR = _w("t"), _w("tab"), _w("ptab"), _w("br"), _w("cr")
W_NOBREAKHYPHEN, W_FLDCHAR, W_TXBXCONTENT = _w("noBreakHyphen"), _w("fldChar"), _w("txbxContent")
W_SDT, W_SDTCONTENT, W_CUSTOMXML, W_INS, W_MOVETO = _w("sdt"), _w("sdtContent"), _w("customXml"), _w("ins"), _w("moveTo")
W_SMARTTAG, W_PSTYLE, W_CELLDEL = _w("smartTag"), _w("pStyle"), _w("cellDel")
W_GRIDSPAN, W_GRIDBEFORE, W_GRIDAFTER, W_VMERGE, W_HMERGE = (_w("gridSpan"), _w("gridBefore"), _w("gridAfter"),
                                                             _w("vMerge"), _w("hMerge"))
W_PPR, W_RPR, W_TRPR, W_TCPR, W_DEL = _w("pPr"), _w("rPr"), _w("trPr"), _w("tcPr"), _w("del")
W_VAL, W_FLDCHARTYPE, W_OUTLINELVL = _w("val"), _w("fldCharType"), _w("outlineLvl")
W_R = _w("r")
W14_PARAID = f"{{{W14_NS}}}paraId"
MC_ALTERNATE, MC_CHOICE, MC_FALLBACK = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"

# Elements whose subtree never holds visible text of the paragraph.
_SKIP_IN_PARAGRAPH = frozenset(
    _w(n)
    for n in (
        "pPr", "rPr", "del", "delText", "moveFrom", "instrText", "delInstrText", "sym", "sdtPr", "sdtEndPr",
        "rt", "rubyPr", "fldData", "ffData", "footnoteReference", "endnoteReference", "commentReference",
        "annotationRef", "softHyphen", "lastRenderedPageBreak", "proofErr", "bookmarkStart", "bookmarkEnd",
    )
)
# Wrappers that hold block content (paragraphs, tables, rows, cells) at block level.
_BLOCK_WRAPPERS = frozenset({W_SDTCONTENT, W_CUSTOMXML, W_INS, W_MOVETO, W_SMARTTAG})
# The fast path: run content that stands for one character.
_RUN_CHARS = {W_TAB: "\t", W_PTAB: "\t", W_BR: "\n", W_CR: "\n", W_NOBREAKHYPHEN: "-"}
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
_PLAIN_PLACES = etree.XPath("count(w:tr) + count(w:tr/w:tc) + count(w:tr/w:tc/w:p) + count(w:tr/w:tc/w:p/w:r/w:t)",
                            namespaces={"w": W_NS})
_NOT_PLAIN = frozenset({W_TBL, W_FLDCHAR, W_DEL, _w("moveFrom"), _w("ruby"), W_SDT, MC_ALTERNATE, W_TXBXCONTENT,
                        W_HMERGE, W_CELLDEL, W_GRIDBEFORE, W_GRIDAFTER, _w("tcPrChange"), _w("cellMerge")})
_PLAIN_TABLE_TAGS = (W_TR, W_TC, W_P, W_T, W_GRIDSPAN, W_VMERGE, W_TAB, W_PTAB, W_BR, W_CR, W_NOBREAKHYPHEN,
                     *sorted(_NOT_PLAIN))

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

_HEADING_NAME_RE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_NAMES = frozenset({"title", "标题"})


# -- entry point -------------------------------------------------------------------------------------------
def read_docx(path: str, data: bytes, layouts: LayoutLibrary | None = None, *,
              via_python_docx: bool = False) -> Document:
    """Read a WordprocessingML package (.docx/.docm/.dotx/.dotm) from its bytes.

    The main part and its styles are parsed with plain lxml straight from the ZIP: python-docx's object layer
    (every element a custom Python class, every part of the package parsed) costs about ten times the XML
    parse itself (docs/PERFORMANCE.md). ``via_python_docx`` opens the package through python-docx instead; the
    tests read the fixtures and the corpus both ways and require the same document."""
    _sniff(path, data)
    zf = _open_zip(path, data)
    names = _names(zf)  # once: every part is looked up in it
    main_name = _main_part_name(zf, names)
    if main_name is None:
        raise InputError(path, "no-document")
    _check_sizes(path, zf)
    _check_main_part(path, zf.getinfo(main_name))
    body_root = None
    if via_python_docx and _every_member_inflates(zf):  # python-docx inflates each with zf.read, unbounded
        body_root, styles_root = _open_with_python_docx(data)
        styles = _HeadingStyles(styles_root)
    if body_root is None or body_root.tag != W_DOCUMENT:
        # The fast path, or python-docx could not open the package (Strict OOXML, broken XML or relationships, a
        # missing content types entry …): parse the main part ourselves, which names the problem or reads it.
        body_root = _parse_main(path, _read_member(path, zf, main_name))
        styles = _styles_from_zip(zf, names, main_name)
    # The plain path walks every element generically; the fast path reads the common shapes (a paragraph of
    # plain runs, a table of rows of cells of paragraphs) with tight loops and hands anything else to the
    # generic walk. tests/test_fast_paths.py requires the same document both ways.
    reader = _BodyReader(styles, layouts if layouts is not None else LayoutLibrary(), fast=not via_python_docx)
    body = _child(body_root, _w("body"))
    blocks = reader.blocks(body, 0) if body is not None else []
    return Document.build(path, blocks, "docx")


def read_legacy_doc(path: str, data: bytes, layouts: LayoutLibrary | None = None) -> Document:
    """A file named .doc: a Word 97-2003 binary document (or an encrypted package, or RTF/HTML saved as .doc) is
    a clear error saying what to do; a .docx that was only misnamed is read."""
    if data.startswith(OLE_MAGIC):
        _sniff(path, data)  # OLE container: legacy-doc or encrypted
    if not data.startswith(b"PK"):  # RTF or HTML saved as .doc: Word reads them, we do not
        raise InputError(path, "legacy-doc")
    return read_docx(path, data, layouts)


# -- package checks ----------------------------------------------------------------------------------------
def _check_sizes(path: str, zf: zipfile.ZipFile) -> None:
    """Zip bomb guard, from the sizes the central directory declares, before anything is inflated (a member
    that inflates beyond its declared size fails zipfile's own CRC/size check when read)."""
    mb = 1024 * 1024
    bound = limits.current
    unpacked = 0
    for info in zf.infolist():
        size = max(0, info.file_size)
        unpacked += size
        if size > bound.member_mb * mb:
            raise InputError(path, "zip-bomb", f"{info.filename} unpacks to {size // mb} MB > {bound.member_mb:g} MB")
        if size > mb and size / max(1, info.compress_size) > bound.member_ratio:
            ratio = size / max(1, info.compress_size)
            raise InputError(path, "zip-bomb", f"{info.filename} compressed {ratio:.0f}:1 > {bound.member_ratio:g}:1")
    if unpacked > bound.unpacked_mb * mb:
        raise InputError(path, "zip-bomb", f"{unpacked // mb} MB in all > {bound.unpacked_mb:g} MB")


def _over_part_bound(info: zipfile.ZipInfo) -> bool:
    return info.file_size > limits.current.part_mb * 1024 * 1024


def _check_main_part(path: str, info: zipfile.ZipInfo) -> None:
    """The main part is parsed whole into a tree and read into paragraphs: about 30 MB of memory for each MB of
    paragraph-dense XML. Its declared size is bounded (and inflating stops at it, see :func:`_inflate`)."""
    mb = 1024 * 1024
    if _over_part_bound(info):
        raise InputError(path, "too-large", f"{info.filename} is {info.file_size / mb:.1f} MB of XML > "
                                            f"{limits.current.part_mb:g} MB, part_mb")


def _sniff(path: str, data: bytes) -> None:
    if data.startswith(OLE_MAGIC):
        # An encrypted .docx is an OLE compound file with an "EncryptedPackage" stream; anything else in an
        # OLE container is a Word 97-2003 binary document (or another binary Office file).
        needle = "encryptedpackage".encode("utf-16-le")
        raise InputError(path, "encrypted" if needle in data.lower() else "legacy-doc")
    if not data.startswith(b"PK"):
        raise InputError(path, "not-zip")


def _open_zip(path: str, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        detail = "truncated, or the central directory is missing" if "not a zip file" in str(exc) else str(exc)
        raise InputError(path, "corrupt-zip", detail[:80]) from None
    except (ValueError, OSError, EOFError, NotImplementedError, zipfile.LargeZipFile) as exc:
        raise InputError(path, "corrupt-zip", f"{type(exc).__name__}: {exc}"[:80]) from None


def _inflate(zf: zipfile.ZipFile, member: str | zipfile.ZipInfo) -> bytes:
    """A member's bytes, inflated a megabyte at a time. zipfile stops at the size the directory declares and then
    fails the CRC; ``zf.read`` would first inflate all of a member's compressed bytes in one call, whatever size it
    declares (0.9 MB of deflate lying about its size were 1.2 GB of memory before the CRC check)."""
    chunks = []
    with zf.open(member) as stream:
        while chunk := stream.read(_INFLATE_CHUNK):
            chunks.append(chunk)
    return b"".join(chunks)


_INFLATE_CHUNK = 1 << 20


def _every_member_inflates(zf: zipfile.ZipFile) -> bool:
    """Whether every member inflates, within its declared size, without an error."""
    try:
        for info in zf.infolist():
            _inflate(zf, info)
    except Exception:  # noqa: BLE001 - python-docx would fail on it too: the plain path reads what it can
        return False
    return True


def _read_member(path: str, zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return _inflate(zf, name)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise InputError(path, "corrupt-zip", f"{name}: {exc}"[:80]) from None
    except (NotImplementedError, RuntimeError) as exc:  # unsupported compression, encrypted zip entry
        raise InputError(path, "corrupt-zip", f"{name}: {exc}"[:80]) from None


def _names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Lower-case part name (no leading slash) → name in the zip. OPC part names are case-insensitive."""
    names: dict[str, str] = {}
    for name in zf.namelist():
        names.setdefault(name.lstrip("/").lower(), name)
    return names


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


# Relationship targets by the part's (CRC-32, size) from the ZIP directory and the question asked: the reports of
# one template share their relationship parts.
_RELS_CACHE: dict[tuple, tuple[str, ...]] = {}


def _rels_targets(zf: zipfile.ZipFile, names: dict[str, str], rels_name: str, type_suffix: str,
                  base_dir: str) -> list[str]:
    """Targets (resolved part names, lower case) of relationships whose Type ends with ``type_suffix``."""
    actual = names.get(rels_name.lower())
    if actual is None:
        return []
    info = zf.getinfo(actual)
    key = (info.CRC, info.file_size, rels_name, type_suffix, base_dir)
    cached = _RELS_CACHE.get(key)
    if cached is not None:
        return list(cached)
    if _over_part_bound(info):  # no real relationships part is near it: treated as broken
        return []
    try:
        rels = etree.fromstring(_inflate(zf, info), _safe_parser())
    except Exception:  # noqa: BLE001 - broken rels: fall back to the conventional names
        return []
    targets = []
    for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
        if (rel.get("Type") or "").endswith(type_suffix) and rel.get("TargetMode") != "External":
            target = unquote(rel.get("Target") or "")
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(base_dir, target)).lstrip("/")
            targets.append(resolved.lower())
    if len(_RELS_CACHE) >= _STYLES_CACHE_SIZE:
        _RELS_CACHE.pop(next(iter(_RELS_CACHE)))
    _RELS_CACHE[key] = tuple(targets)
    return targets


def _main_part_name(zf: zipfile.ZipFile, names: dict[str, str]) -> str | None:
    for target in _rels_targets(zf, names, "_rels/.rels", "/officeDocument", ""):
        if target in names:
            return names[target]
    return names.get("word/document.xml")


def _parse_main(path: str, xml: bytes) -> etree._Element:
    try:
        root = etree.fromstring(xml, _safe_parser())
    except etree.XMLSyntaxError as exc:
        if STRICT_W_NS.encode() in xml[:4096]:
            raise InputError(path, "strict-ooxml") from None
        line = exc.lineno if exc.lineno is not None else (exc.position[0] if exc.position else None)
        msg = (exc.msg or str(exc)).split(",")[0].strip()
        detail = f"line {line}: {msg}" if line else msg
        raise InputError(path, "bad-xml", detail[:120]) from None
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag.startswith(f"{{{STRICT_W_NS}}}"):
        raise InputError(path, "strict-ooxml")
    if tag != W_DOCUMENT:
        raise InputError(path, "no-document")
    return root


# python-docx only maps the plain .docx main part to its DocumentPart; templates and macro-enabled files carry
# the same WordprocessingML under other content types. Teach its part factory about them (additive only).
_WML_MAIN_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def _open_with_python_docx(data: bytes):
    """(document element, styles element or None) through python-docx, or (None, None) when it fails."""
    try:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.part import PartFactory
        from docx.package import Package
        from docx.parts.document import DocumentPart

        if _WML_MAIN_TYPES[0] not in PartFactory.part_type_for:
            for content_type in _WML_MAIN_TYPES:
                PartFactory.part_type_for.setdefault(content_type, DocumentPart)
        part = Package.open(io.BytesIO(data)).main_document_part
        if not isinstance(part, DocumentPart):
            return None, None
        element = part.element
    except (MemoryError, RecursionError):
        raise
    except Exception:  # noqa: BLE001 - broken rels, missing content types …: read the XML ourselves
        return None, None
    styles = None
    try:
        styles = part.part_related_by(RT.STYLES).element
    except Exception:  # noqa: BLE001 - no (or a non-XML) styles part: no heading styles
        styles = None
    return element, styles


# Heading styles by the styles part's (CRC-32, size) from the ZIP directory: the reports of one office, or of
# one template, share their styles part, which is often larger than the document itself.
_STYLES_CACHE: dict[tuple[int, int], _HeadingStyles] = {}
_STYLES_CACHE_SIZE = 64


def _styles_from_zip(zf: zipfile.ZipFile, names: dict[str, str], main_name: str) -> _HeadingStyles:
    base = posixpath.dirname(main_name.lstrip("/"))
    rels_name = posixpath.join(base, "_rels", posixpath.basename(main_name) + ".rels")
    candidates = _rels_targets(zf, names, rels_name, "/styles", base) + [posixpath.join(base, "styles.xml").lower()]
    for target in candidates:
        if target in names:
            info = zf.getinfo(names[target])
            key = (info.CRC, info.file_size)
            cached = _STYLES_CACHE.get(key)
            if cached is not None:
                return cached
            if _over_part_bound(info):  # treated as unreadable: no heading styles
                return _HeadingStyles(None)
            try:
                root = etree.fromstring(_inflate(zf, info), _safe_parser())
            except Exception:  # noqa: BLE001 - unreadable styles: no heading styles
                return _HeadingStyles(None)
            styles = _HeadingStyles(root)
            if len(_STYLES_CACHE) >= _STYLES_CACHE_SIZE:
                _STYLES_CACHE.pop(next(iter(_STYLES_CACHE)))
            _STYLES_CACHE[key] = styles
            return styles
    return _HeadingStyles(None)


# -- heading styles ----------------------------------------------------------------------------------------
def _outline_level(ppr) -> int | None | bool:
    """Heading level from a pPr's w:outlineLvl: 1-9, False for body text (9), None when absent/invalid."""
    return None if ppr is None else _outline_value(_child(ppr, W_OUTLINELVL))


def _outline_value(el) -> int | None | bool:
    """``_outline_level`` from the w:outlineLvl element itself (None: none)."""
    if el is None:
        return None
    try:
        val = int(el.get(W_VAL, ""))
    except ValueError:
        return None
    if 0 <= val <= 8:
        return val + 1
    return False if val == 9 else None


class _HeadingStyles:
    """Paragraph style id → heading level, following w:basedOn chains."""

    def __init__(self, styles_root) -> None:
        self._styles: dict[str, tuple[str, str | None, int | None | bool]] = {}  # id -> (name, basedOn, outline)
        self.default: str | None = None
        self._cache: dict[str, int | None] = {}
        if styles_root is None:
            return
        try:
            for st in styles_root.iter(_w("style")):
                if st.get(_w("type"), "paragraph") != "paragraph":
                    continue
                sid = st.get(_w("styleId"))
                if sid is None:
                    continue
                name_el, based_el = st.find(_w("name")), st.find(_w("basedOn"))
                name = name_el.get(W_VAL, "") if name_el is not None else ""
                based = based_el.get(W_VAL) if based_el is not None else None
                self._styles.setdefault(sid, (name, based, _outline_level(st.find(W_PPR))))
                if st.get(_w("default")) in ("1", "true", "on") and self.default is None:
                    self.default = sid
        except Exception:  # noqa: BLE001 - odd styles part: whatever was read so far
            pass

    def level(self, style_id: str | None) -> int | None:
        style_id = style_id or self.default
        if style_id is None:
            return None
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id)
        return self._cache[style_id]

    def _resolve(self, style_id: str) -> int | None:
        seen: set[str] = set()
        sid: str | None = style_id
        while sid is not None and sid not in seen and len(seen) < 50:
            seen.add(sid)
            entry = self._styles.get(sid)
            if entry is None:
                return None
            name, based, outline = entry
            if outline is False:
                return None
            if outline is not None:
                return outline
            key = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip()
            if key.lower() in _TITLE_NAMES:
                return None
            m = _HEADING_NAME_RE.match(key)
            if m and 1 <= int(m.group(1)) <= 9:
                return int(m.group(1))
            sid = based
        return None


# -- body --------------------------------------------------------------------------------------------------
def _iter_blocks(parent):
    """The w:p and w:tbl elements of a block container in order, through content controls, custom XML,
    tracked insertions and alternate content. Iterative: arbitrary wrapper depth is fine."""
    stack = [iter(parent)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if tag == W_P or tag == W_TBL:
            yield el
        elif tag in _BLOCK_WRAPPERS:
            stack.append(iter(el))
        elif tag == W_SDT:
            content = el.find(W_SDTCONTENT)
            if content is not None:
                stack.append(iter(content))
        elif tag == MC_ALTERNATE:
            chosen = _choose_alternate(el)
            if chosen is not None:
                stack.append(iter(chosen))


def _iter_children(parent, want: str):
    """Children with tag ``want`` (w:tr of a table, w:tc of a row), through the same wrappers."""
    stack = [iter(parent)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if tag == want:
            yield el
        elif tag in _BLOCK_WRAPPERS:
            stack.append(iter(el))
        elif tag == W_SDT:
            content = el.find(W_SDTCONTENT)
            if content is not None:
                stack.append(iter(content))
        elif tag == MC_ALTERNATE:
            chosen = _choose_alternate(el)
            if chosen is not None:
                stack.append(iter(chosen))


def _choose_alternate(el):
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


def _child(el, tag: str):
    """The first child with ``tag``, or None. A loop over the children: lxml's ``find`` goes through its
    ElementPath machinery and costs three times as much, on every cell and paragraph."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _props(props) -> dict:
    """The children of a property element (w:trPr, w:tcPr) by tag, the first of each; {} for None."""
    out: dict = {}
    if props is not None:
        for child in props:
            out.setdefault(child.tag, child)
    return out


def _int_val(el, default: int = 1) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W_VAL, ""))
    except ValueError:
        return default


def _span(value: int) -> int:
    return max(1, min(MAX_SPAN, value))


def _plain_text(p) -> str | None:
    """The text of a paragraph made of plain runs only (w:t, tabs, breaks, and what never shows), else None:
    the fast path's tight loop over the two levels such a paragraph has. Fields, content controls, tracked
    changes, text boxes, alternate content and comments all give None, and the generic walk reads them."""
    parts: list[str] = []
    for child in p:
        tag = child.tag
        if tag == W_R:
            for item in child:
                item_tag = item.tag
                if item_tag == W_T:
                    text = item.text
                    if text:
                        parts.append(text)
                elif item_tag in _RUN_CHARS:
                    parts.append(_RUN_CHARS[item_tag])
                elif item_tag not in _SKIP_IN_PARAGRAPH:
                    return None
        elif tag not in _SKIP_IN_PARAGRAPH:
            return None
    return "".join(parts)


def _plain_table(tbl) -> tuple[list[str], list[int], dict[int, int], dict[int, str]] | None:
    """A plain table (see ``_PLAIN_PLACES``) read in one pass, as ``Table.from_flat`` takes it: the cell texts row
    after row, the number of cells of each row, and the spans and vertical merges by cell; else None."""
    texts: list[str] = []
    starts: list[int] = []  # where each row's cells start in texts
    spans: dict[int, int] = {}
    vmerges: dict[int, str] = {}
    chunks: list[str] = []  # the open cell's text so far: its paragraphs' texts, a line break between two
    seen = 0  # rows, cells, paragraphs and texts
    spanned = merged = -1  # the cell whose span, whose merge was read (the first of each counts)
    in_cell = in_paragraph = False
    items = tbl.iter(_PLAIN_TABLE_TAGS)
    next(items)  # the table itself
    for el in items:
        tag = el.tag
        if tag == W_T:
            seen += 1
            text = el.text
            if text:
                chunks.append(text)
        elif tag == W_P:
            seen += 1
            if in_paragraph:
                chunks.append("\n")
            in_paragraph = True
        elif tag == W_TC:
            seen += 1
            if in_cell:
                texts.append("".join(chunks))
                chunks.clear()
            in_cell, in_paragraph = True, False
        elif tag == W_TR:
            seen += 1
            if in_cell:
                texts.append("".join(chunks))
                chunks.clear()
                in_cell = False
            starts.append(len(texts))
        elif tag == W_GRIDSPAN:
            if in_cell and len(texts) != spanned:  # the open cell's first, as the generic walk takes it
                spanned = len(texts)
                try:  # _span(_int_val(el, 1)) inline: two calls cost twice the rest, on every merged cell
                    span = int(el.get(W_VAL, ""))
                except ValueError:
                    span = 1
                if span > 1:
                    spans[spanned] = min(span, MAX_SPAN)
        elif tag == W_VMERGE:
            if in_cell and len(texts) != merged:
                merged = len(texts)
                vmerges[merged] = "restart" if el.get(W_VAL) == "restart" else "continue"
        elif tag in _NOT_PLAIN:
            return None
        elif el.getparent().tag == W_R:  # a tab, break or hyphen in a run (not a tab stop of the properties)
            chunks.append(_RUN_CHARS[tag])
    if in_cell:
        texts.append("".join(chunks))
    if _PLAIN_PLACES(tbl) != seen:
        return None
    starts.append(len(texts))
    return texts, [end - start for start, end in pairwise(starts)], spans, vmerges


class _BodyReader:
    def __init__(self, styles: _HeadingStyles, layouts: LayoutLibrary, fast: bool = True) -> None:
        self.styles = styles
        self.layouts = layouts
        self.table_count = 0
        self.fast = fast

    # -- blocks --------------------------------------------------------------------------------------------
    def blocks(self, container, depth: int) -> list:
        """Paragraph and Table blocks of a block container (body, text box, stray block)."""
        out: list = []
        if depth > MAX_DEPTH:
            return out
        items = [container] if container.tag in (W_P, W_TBL) else _iter_blocks(container)
        for el in items:
            if el.tag == W_TBL:
                out.extend(self.table(el, depth + 1, None))
                continue
            text = _plain_text(el) if self.fast else None
            if text is None:
                text, deferred = self.paragraph_text(el)
            else:
                deferred = ()
            if text or not self._mark_deleted(el):
                out.append(Paragraph(text=text, heading_level=self.heading_level(el), para_id=el.get(W14_PARAID)))
            for extra in deferred:
                out.extend(self.blocks(extra, depth + 1))
        return out

    @staticmethod
    def _mark_deleted(p) -> bool:
        ppr = _child(p, W_PPR)
        rpr = _child(ppr, W_RPR) if ppr is not None else None
        return rpr is not None and _child(rpr, W_DEL) is not None

    def heading_level(self, p) -> int | None:
        ppr = _child(p, W_PPR)
        style = outline = None  # the first w:pStyle and w:outlineLvl of the properties, found in one pass
        if ppr is not None:
            for child in ppr:
                tag = child.tag
                if tag == W_PSTYLE and style is None:
                    style = child
                elif tag == W_OUTLINELVL and outline is None:
                    outline = child
        own = _outline_value(outline)
        if own is False:
            return None
        if own is not None:
            return own
        return self.styles.level(style.get(W_VAL) if style is not None else None)

    # -- paragraph text ------------------------------------------------------------------------------------
    def paragraph_text(self, p) -> tuple[str, list]:
        """(visible text, text boxes / stray blocks anchored in the paragraph, in order)."""
        parts: list[str] = []
        deferred: list = []
        fields: list[bool] = []  # complex field stack: True once past "separate" (showing the result)
        stack = [iter(p)]
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            tag = el.tag
            if not isinstance(tag, str) or tag in _SKIP_IN_PARAGRAPH:
                continue
            visible = all(fields)
            if tag == W_T:
                if visible and el.text:
                    parts.append(el.text)
            elif tag == W_TAB or tag == W_PTAB:
                if visible:
                    parts.append("\t")
            elif tag == W_BR or tag == W_CR:
                if visible:
                    parts.append("\n")
            elif tag == W_NOBREAKHYPHEN:
                if visible:
                    parts.append("-")
            elif tag == W_FLDCHAR:
                kind = el.get(W_FLDCHARTYPE)
                if kind == "begin":
                    fields.append(False)
                elif kind == "separate":
                    if fields:
                        fields[-1] = True
                elif kind == "end":
                    if fields:
                        fields.pop()
            elif tag == W_SDT:
                content = el.find(W_SDTCONTENT)
                if content is not None:
                    stack.append(iter(content))
            elif tag == MC_ALTERNATE:
                chosen = _choose_alternate(el)
                if chosen is not None:
                    stack.append(iter(chosen))
            elif tag == W_TXBXCONTENT or tag == W_P or tag == W_TBL:
                deferred.append(el)
            else:
                stack.append(iter(el))
        return "".join(parts), deferred

    # -- tables --------------------------------------------------------------------------------------------
    def table(self, tbl, depth: int, nested_in: int | None) -> list:
        """[the table, then the tables nested in its cells and text-box blocks from its cells, in order]."""
        if depth > MAX_DEPTH:
            return []
        self.table_count += 1
        index = self.table_count
        after: list = []
        plain = _plain_table(tbl) if self.fast else None
        if plain is not None:
            return [self.layouts.from_flat(*plain, index=index, nested_in=nested_in)]
        rows: list[list[RawCell]] = []
        for tr in _iter_children(tbl, W_TR):
            trpr = _child(tr, W_TRPR)
            row_props = _props(trpr)
            if W_DEL in row_props:
                continue  # a row deleted with change tracking on
            row: list[RawCell] = []
            before = _int_val(row_props.get(W_GRIDBEFORE), 0)
            if before > 0:
                row.append(RawCell("", span=_span(before)))
            for tc in _iter_children(tr, W_TC):
                tcpr = _child(tc, W_TCPR)
                span, vmerge, hmerge_continue = 1, None, False
                if tcpr is not None:
                    props = _props(tcpr)
                    if W_CELLDEL in props:
                        continue
                    span = _span(_int_val(props.get(W_GRIDSPAN), 1))
                    vm = props.get(W_VMERGE)
                    if vm is not None:
                        vmerge = "restart" if vm.get(W_VAL) == "restart" else "continue"
                    hm = props.get(W_HMERGE)  # legacy horizontal merge (Word 2003 files)
                    hmerge_continue = hm is not None and hm.get(W_VAL) != "restart"
                text = self.cell_text(tc, depth, index, after)
                if hmerge_continue and row:
                    row[-1].span = _span(row[-1].span + span)
                    if text.strip():
                        row[-1].text = f"{row[-1].text}\n{text}" if row[-1].text else text
                    continue
                row.append(RawCell(text, span=span, vmerge=vmerge))
            after_cols = _int_val(row_props.get(W_GRIDAFTER), 0)
            if after_cols > 0:
                row.append(RawCell("", span=_span(after_cols)))
            rows.append(row)
        table = self.layouts.from_rows(rows, index=index, nested_in=nested_in)
        return [table, *after]

    def cell_text(self, tc, depth: int, index: int, after: list) -> str:
        texts: list[str] = []
        for el in _iter_blocks(tc):
            if el.tag == W_TBL:
                after.extend(self.table(el, depth + 1, index))
                continue
            text, deferred = self.paragraph_text(el)
            if text or not self._mark_deleted(el):
                texts.append(text)
            for extra in deferred:
                if extra.tag == W_TBL:  # a table inside a run: nested in this cell all the same
                    after.extend(self.table(extra, depth + 1, index))
                else:
                    after.extend(self.blocks(extra, depth + 1))
        return "\n".join(texts)
