"""Readers: a report file in, a :class:`~reportlint.model.Document` or an :class:`InputError` out.

``load_document`` never raises anything but :class:`InputError`: a file that cannot be read becomes one line
for the user, never a traceback. A reader is a function ``(path, data) -> Document`` registered in
:data:`READERS` under the lower-case suffixes it handles.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from .. import limits
from ..errors import InputError
from ..model import Document
from ..table import TableTooLarge
from .docx import read_docx, read_legacy_doc
from .html import read_html
from .markdown import read_markdown
from .pdf import read_pdf  # imports pdfplumber only when a PDF is read
from .text import read_text

__all__ = ["READERS", "SUFFIXES", "load_document"]

Reader = Callable[[str, bytes], Document]

# suffix (lower case, with the dot) -> reader
READERS: dict[str, Reader] = {
    ".docx": read_docx,
    ".docm": read_docx,
    ".dotx": read_docx,
    ".dotm": read_docx,
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".doc": read_legacy_doc,  # named explicitly only: says "save as .docx" (or reads a .docx misnamed .doc)
}


class _WalkSuffixes:
    """What a directory walk picks up: every reader's suffix except .doc (a folder of old Word files is not an
    error on every run; a .doc named on the command line is)."""

    def __contains__(self, suffix: object) -> bool:
        return suffix in READERS and suffix != ".doc"

    def __iter__(self):
        return (s for s in READERS if s != ".doc")


SUFFIXES = _WalkSuffixes()

def load_document(path: str) -> Document:
    """Read one report file. Raises only :class:`InputError`."""
    path = str(path)
    try:
        return _load(path)
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


def _load(path: str) -> Document:
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
        max_bytes = int(limits.current.file_mb * 1024 * 1024)
        if size > max_bytes:
            raise InputError(path, "too-large", f"{size / 1024 / 1024:.0f} MB > {limits.current.file_mb:g} MB")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(path, "missing") from None
    except OSError as exc:
        raise InputError(path, "unreadable", exc.strerror or type(exc).__name__) from None
    if not data:
        raise InputError(path, "empty")
    if len(data) > max_bytes:  # grew while we read it, or a device file
        raise InputError(path, "too-large", f"> {limits.current.file_mb:g} MB")
    return reader(path, data)


def _short(exc: BaseException, limit: int = 120) -> str:
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
