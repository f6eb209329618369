"""Bounds on the work one input can cause. Each bound exceeded is a clean one-line error (exit 2) for that file;
the other files are still checked. Defaults pass every real report we hold with a wide margin (see
docs/RELIABILITY.md); ``reportlint check --limit NAME=VALUE`` changes one for a run."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields


@dataclass
class Limits:
    file_mb: float = 200.0  # size of an input file
    text_mb: float = 4.0  # size of a text-format file (.txt, .md, .html): a real report is under 0.2 MB
    unpacked_mb: float = 1024.0  # total uncompressed size of a .docx package, checked before inflating
    member_mb: float = 512.0  # uncompressed size of one package member
    member_ratio: float = 1000.0  # uncompressed / compressed size of one member above 1 MB (zip bomb)
    table_cells: int = 250_000  # rows × columns of one table's grid, counted while the rows are read
    document_cells: int = 100_000  # all the tables of one document together (a report has about 300)
    pdf_pages: int = 80  # pages of a PDF (real reports have 5 to 30)
    pdf_page_mb: float = 0.5  # decoded content streams of one PDF page (real reports: at most 43 KB)
    part_mb: float = 16.0  # the main part of a .docx, parsed whole (the largest real one: 12.6 MB)
    seconds: float = 10.0  # wall time of one document, reading and rules: a real report takes under 1 s
    convert_seconds: float = 60.0  # converting one .doc or .wps with LibreOffice (about 1 s), on top of seconds


class OverBudget(BaseException):
    """A document's time budget ran out. A BaseException, so that no reader's or rule's catch-all swallows it."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`OverBudget` in this thread when ``seconds`` of wall time have passed inside the block. Uses a
    real-time interval timer, so it interrupts Python code anywhere (a reader's loop, pdfminer); only in the main
    thread of a process on a platform with ``setitimer`` — elsewhere the rules' own check between rules is left."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):  # noqa: ARG001 - the signal handler's signature
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Cells:
    """The cells of the tables of the document being read, against ``document_cells``: one count per process,
    reset for each document by :func:`document`, spent by every table as it is built."""

    spent = 0


def document() -> None:
    """A new document is being read: its tables start from no cells."""
    _Cells.spent = 0


def spend_cells(count: int) -> str | None:
    """Count a table's cells; the reason when the document is now over its budget."""
    _Cells.spent += count
    if _Cells.spent > current.document_cells:
        return f"{_Cells.spent} cells in all > {current.document_cells}"
    return None


DEFAULTS = Limits()
current = Limits()


class LimitError(ValueError):
    """A ``--limit`` that cannot be applied: a message of the catalogue (:mod:`reportlint.i18n`) and its values."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message.format(**values))
        self.message, self.values = message, values

    def text(self, lang: str) -> str:
        from .i18n import tr

        return tr(lang, self.message, **self.values)


def set_limit(text: str) -> None:
    """Apply ``NAME=VALUE``; raises :class:`LimitError` naming the known limits (and the closest)."""
    from .suggest import did_you_mean

    name, sep, value = text.partition("=")
    name = name.strip()
    known = {f.name: f for f in fields(Limits)}
    if not sep or name not in known:
        close = did_you_mean(name, known)
        if close:
            raise LimitError("unknown limit {name!r} (did you mean {close}?); limits: {known}", name=name,
                             close=close, known=", ".join(known))
        raise LimitError("unknown limit {name!r}; limits: {known}", name=name, known=", ".join(known))
    kind = int if known[name].type in (int, "int") else float
    try:
        number = kind(value.strip())
    except ValueError:
        raise LimitError("limit {name}: {value!r} is not a number", name=name, value=value.strip()) from None
    if number <= 0:
        raise LimitError("limit {name}: must be positive", name=name)
    setattr(current, name, number)


def reset() -> None:
    for f in fields(Limits):
        setattr(current, f.name, getattr(DEFAULTS, f.name))
