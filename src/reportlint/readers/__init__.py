"""Readers: a report file in, a :class:`~reportlint.model.Document` or an :class:`InputError` out.

``load_document`` never raises anything but :class:`InputError`: a file that cannot be read becomes one line
for the user, never a traceback. A reader is a function ``(path, data, layouts) -> Document`` (``layouts``: the
:class:`~reportlint.model.layouts.LayoutLibrary` it makes tables through) declared in :data:`FORMATS` with its format
name and the lower-case suffixes it handles; :data:`READERS` maps each suffix to it.
"""

from __future__ import annotations

import importlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from .. import limits
from ..errors import InputError
from ..model import Document, TableTooLarge
from ..model.layouts import LayoutLibrary

__all__ = ["READERS", "SUFFIXES", "load_document"]

Reader = Callable[..., Document]  # (path, data, layouts) -> Document


class Format(NamedTuple):
    """A document format a reader handles: its name (``Document.format``), the file suffixes it takes, whether its
    locations are source lines and columns (text formats) rather than paragraphs, tables and pages, and whether a
    folder walk picks its files up (a folder of old .doc files is not an error on every run; one named is)."""

    name: str
    suffixes: tuple[str, ...]
    line_based: bool
    module: str
    function: str
    walked: bool = True


FORMATS: tuple[Format, ...] = (
    Format("docx", (".docx", ".docm", ".dotx", ".dotm"), False, "legacy", "read_word"),  # read_docx, or converted
    Format("text", (".txt",), True, "text", "read_text"),
    Format("markdown", (".md", ".markdown"), True, "markdown", "read_markdown"),
    Format("html", (".html", ".htm"), True, "html", "read_html"),
    Format("pdf", (".pdf",), False, "pdf", "read_pdf"),  # and pdfplumber only when a PDF is read
    # converted by LibreOffice when it is installed; without it, named files are an error and walks leave them
    Format("doc", (".doc", ".wps"), False, "legacy", "read_legacy", walked=False),
    # OFD (GB/T 33190): recognised, not read (no reader library gives its ruled tables): one clear error each
    Format("ofd", (".ofd",), False, "legacy", "read_ofd"),
)
LINE_FORMATS = frozenset(f.name for f in FORMATS if f.line_based)  # formats whose locations carry real lines
CONVERTED_FORMATS = frozenset(("doc", "wps"))  # Document.format of a file read through LibreOffice (readers.legacy)


class _Lazy:
    """A reader imported on its first call: a pre-commit run over .docx files does not import the Markdown,
    HTML and PDF readers (markdown-it, lxml.html), which took a fifth of its start-up."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.__name__ = module, name
        self._func: Reader | None = None

    def __call__(self, path: str, data: bytes, layouts: LayoutLibrary | None = None) -> Document:
        if self._func is None:
            self._func = getattr(importlib.import_module(f"{__package__}.{self.module}"), self.__name__)
        return self._func(path, data, layouts)


def _readers() -> dict[str, Reader]:
    made: dict[tuple[str, str], _Lazy] = {}
    return {suffix: made.setdefault((f.module, f.function), _Lazy(f.module, f.function))
            for f in FORMATS for suffix in f.suffixes}


# suffix (lower case, with the dot) -> reader
READERS: dict[str, Reader] = _readers()
_UNWALKED = frozenset(s for f in FORMATS if not f.walked for s in f.suffixes)


class _WalkSuffixes:
    """What a directory walk picks up: every reader's suffix but those of formats not walked (.doc and .wps when
    LibreOffice is not there to convert them: a folder of old files is then not an error on every run)."""

    def __contains__(self, suffix: object) -> bool:
        return suffix in READERS and (suffix not in _UNWALKED or _converting())

    def __iter__(self):
        return (s for s in READERS if s in self)


def _converting() -> bool:
    """Whether .doc and .wps files can be read (LibreOffice is installed)."""
    from .legacy import converter

    return converter() is not None


def converted(path: str) -> bool:
    """Whether reading ``path`` converts it with LibreOffice first (its time is not the document's)."""
    return Path(path).suffix.lower() in _UNWALKED


SUFFIXES = _WalkSuffixes()

TEXT_SUFFIXES = frozenset(s for f in FORMATS if f.line_based for s in f.suffixes)  # bounded by text_mb


def load_document(path: str, layouts: LayoutLibrary | None = None, data: bytes | None = None) -> Document:
    """Read one report file, its tables made through ``layouts`` (the run's; a library of its own by default).
    ``data``: the file's content, already read (standard input), ``path`` then only naming it (its suffix picks the
    reader). Raises only :class:`InputError` (and :class:`~reportlint.limits.OverBudget` when the caller's time
    budget runs out)."""
    path = str(path)
    limits.document()
    try:
        return _load(path, layouts) if data is None else _given(path, data, layouts)
    except InputError:
        raise
    except RecursionError:
        raise InputError(path, "internal", "RecursionError: the document is nested too deeply") from None
    except TableTooLarge as exc:
        raise InputError(path, "too-many-cells", str(exc)) from None
    except MemoryError:
        raise InputError(path, "internal", "MemoryError: the document is too large to read") from None
    except Exception as exc:  # noqa: BLE001 - a reader bug or library error must stay one line
        raise InputError(path, "internal", _short(exc)) from exc


def _load(path: str, layouts: LayoutLibrary | None) -> Document:
    if not os.path.lexists(path):
        raise InputError(path, "missing")
    suffix = Path(path).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise InputError(path, "unsupported", suffix or Path(path).name)
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(path, "unreadable", "Is a directory")
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
            raise InputError(path, "unreadable", "not a regular file")
        size = st.st_size
        text_format = suffix in TEXT_SUFFIXES  # read whole into lines, tokens and rows: a tighter bound
        mb = limits.current.text_mb if text_format else limits.current.file_mb
        max_bytes = int(mb * 1024 * 1024)
        if size > max_bytes:
            raise InputError(path, "too-large", f"{size / 1024 / 1024:.1f} MB > {mb:g} MB"
                             + (" for a text file, text_mb" if text_format else ""))
        with open(path, "rb") as fh:
            # as many bytes as the file has, and one more to see it grow: read(n) allocates n bytes up front, and
            # the limit (50 MB) each time was most of the reading (0.7 ms a report)
            data = fh.read(size + 1)
            if len(data) > size:  # it grew since stat(): read on, up to the limit
                data += fh.read(max_bytes + 1 - len(data))
    except FileNotFoundError:
        raise InputError(path, "missing") from None
    except OSError as exc:
        raise InputError(path, "unreadable", exc.strerror or type(exc).__name__) from None
    if not data:
        raise InputError(path, "empty")
    if len(data) > max_bytes:  # grew while we read it, or a device file
        raise InputError(path, "too-large", f"> {mb:g} MB")
    return reader(path, data, layouts)


def _given(path: str, data: bytes, layouts: LayoutLibrary | None) -> Document:
    suffix = Path(path).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise InputError(path, "unsupported", suffix or Path(path).name)
    mb = limits.current.text_mb if suffix in TEXT_SUFFIXES else limits.current.file_mb
    if len(data) > int(mb * 1024 * 1024):
        raise InputError(path, "too-large", f"{len(data) / 1024 / 1024:.1f} MB > {mb:g} MB")
    if not data:
        raise InputError(path, "empty")
    return reader(path, data, layouts)


def sniff_suffix(data: bytes) -> str:
    """The suffix of a content without a name (standard input without ``--stdin-filename``): a ZIP package is read
    as .docx, %PDF as .pdf, markup as .html, text with Markdown headings or tables as .md, other text as .txt."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"pk\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        return ".docx" if head.startswith(b"pk") else ".doc"
    if head.startswith(b"%pdf"):
        return ".pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<table", b"<p")):
        return ".html"
    markdown = any(line.lstrip().startswith((b"#", b"|")) for line in data[:65536].splitlines())
    return ".md" if markdown else ".txt"


def _short(exc: BaseException, limit: int = 120) -> str:
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
