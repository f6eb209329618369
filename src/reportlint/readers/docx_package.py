"""The .docx package: the ZIP checked against the document's bounds before anything is inflated, the main part found
through the relationships, parsed without network or entity expansion, and its heading styles read."""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from urllib.parse import unquote

from lxml import etree

from .. import limits
from ..errors import InputError
from .docx_styles import HeadingStyles
from .wordml import OLE_MAGIC, REL_NS, STRICT_W_NS, W_DOCUMENT


# -- package checks ----------------------------------------------------------------------------------------
def check_sizes(path: str, zf: zipfile.ZipFile) -> None:
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


def check_main_part(path: str, info: zipfile.ZipInfo) -> None:
    """The main part is parsed whole into a tree and read into paragraphs: about 30 MB of memory for each MB of
    paragraph-dense XML. Its declared size is bounded (and inflating stops at it, see :func:`_inflate`)."""
    mb = 1024 * 1024
    if _over_part_bound(info):
        raise InputError(path, "too-large", f"{info.filename} is {info.file_size / mb:.1f} MB of XML > "
                                            f"{limits.current.part_mb:g} MB, part_mb")


def sniff(path: str, data: bytes) -> None:
    if data.startswith(OLE_MAGIC):
        # An encrypted .docx is an OLE compound file with an "EncryptedPackage" stream; anything else in an
        # OLE container is a Word 97-2003 binary document (or another binary Office file).
        needle = "encryptedpackage".encode("utf-16-le")
        raise InputError(path, "encrypted" if needle in data.lower() else "legacy-doc")
    if not data.startswith(b"PK"):
        raise InputError(path, "not-zip")


def open_zip(path: str, data: bytes) -> zipfile.ZipFile:
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


def every_member_inflates(zf: zipfile.ZipFile) -> bool:
    """Whether every member inflates, within its declared size, without an error."""
    try:
        for info in zf.infolist():
            _inflate(zf, info)
    except Exception:  # noqa: BLE001 - python-docx would fail on it too: the plain path reads what it can
        return False
    return True


def read_member(path: str, zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return _inflate(zf, name)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise InputError(path, "corrupt-zip", f"{name}: {exc}"[:80]) from None
    except (NotImplementedError, RuntimeError) as exc:  # unsupported compression, encrypted zip entry
        raise InputError(path, "corrupt-zip", f"{name}: {exc}"[:80]) from None


def member_names(zf: zipfile.ZipFile) -> dict[str, str]:
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


def main_part_name(zf: zipfile.ZipFile, names: dict[str, str]) -> str | None:
    for target in _rels_targets(zf, names, "_rels/.rels", "/officeDocument", ""):
        if target in names:
            return names[target]
    return names.get("word/document.xml")


def parse_main(path: str, xml: bytes) -> etree._Element:
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


def main_document_part(data: bytes):
    """python-docx's DocumentPart of the package (templates and macro-enabled files too), or None when python-docx
    cannot open it."""
    try:
        from docx.opc.part import PartFactory
        from docx.package import Package
        from docx.parts.document import DocumentPart

        if _WML_MAIN_TYPES[0] not in PartFactory.part_type_for:
            for content_type in _WML_MAIN_TYPES:
                PartFactory.part_type_for.setdefault(content_type, DocumentPart)
        part = Package.open(io.BytesIO(data)).main_document_part
    except (MemoryError, RecursionError):
        raise
    except Exception:  # noqa: BLE001 - broken rels, missing content types …
        return None
    return part if isinstance(part, DocumentPart) else None


def open_with_python_docx(data: bytes):
    """(document element, styles element or None) through python-docx, or (None, None) when it fails."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = main_document_part(data)
    if part is None:
        return None, None
    styles = None
    try:
        styles = part.part_related_by(RT.STYLES).element
    except Exception:  # noqa: BLE001 - no (or a non-XML) styles part: no heading styles
        styles = None
    return part.element, styles


# Heading styles by the styles part's (CRC-32, size) from the ZIP directory: the reports of one office, or of
# one template, share their styles part, which is often larger than the document itself.
_STYLES_CACHE: dict[tuple[int, int], HeadingStyles] = {}
_STYLES_CACHE_SIZE = 64


def styles_from_zip(zf: zipfile.ZipFile, names: dict[str, str], main_name: str) -> HeadingStyles:
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
                return HeadingStyles(None)
            try:
                root = etree.fromstring(_inflate(zf, info), _safe_parser())
            except Exception:  # noqa: BLE001 - unreadable styles: no heading styles
                return HeadingStyles(None)
            styles = HeadingStyles(root)
            if len(_STYLES_CACHE) >= _STYLES_CACHE_SIZE:
                _STYLES_CACHE.pop(next(iter(_STYLES_CACHE)))
            _STYLES_CACHE[key] = styles
            return styles
    return HeadingStyles(None)
