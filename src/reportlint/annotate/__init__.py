"""``reportlint annotate``: the findings of a check written into a copy of each report, where the people who write
and review reports read them — comments in the margin of a Word document, comment lines in Markdown and HTML.

A copy is written only for a report with something to say (findings, or findings its own suppressions accepted),
never over an input, atomically. What is annotated: .docx and its kin (:mod:`.word`), Markdown and HTML
(:mod:`.markup`). PDF, text exports and documents converted from .doc/.wps are not: there is no copy to put a
comment in that the office could send back as its document (:func:`why_not`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..i18n import Both, both
from .notes import Applied, Note, notes_for
from .targets import COPY_MARK, copy_name, target_for

__all__ = ["COPY_MARK", "Annotated", "Applied", "annotate_bytes", "copy_name", "notes_for", "target_for", "why_not"]

WORD_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})


@dataclass(frozen=True)
class Annotated:
    """What became of one report: the copy written (and how many comments it holds), or why there is none."""

    path: str
    target: str | None = None
    comments: int = 0
    why_not: Both | None = None
    fixes: tuple[Applied, ...] = ()


def why_not(path: str, converted_from: str | None) -> Both | None:
    """Why a report in this format gets no annotated copy, or None when it does."""
    suffix = os.path.splitext(path)[1].lower()
    if converted_from is not None or suffix in (".doc", ".wps", ".wpt", ".dot"):
        return both("a Word 97-2003 or WPS document cannot be annotated: save it as .docx and annotate that")
    if suffix == ".pdf":
        return both("a PDF cannot be annotated: annotate the .docx it was made from, or see the findings above")
    if suffix in WORD_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES:
        return None
    return both("a text export cannot be annotated: it keeps no comments; see the findings above")


def annotate_bytes(path: str, data: bytes, notes: Sequence[Note], date: str) -> tuple[bytes, list[Applied]]:
    """The annotated copy's bytes (the file's format by its suffix, as the readers take it) and the fixes made
    (tracked changes in Word dated ``date``, an ISO 8601 time)."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in WORD_SUFFIXES:
        from .word import annotate_docx

        return annotate_docx(path, data, notes, date)
    if suffix in MARKDOWN_SUFFIXES | HTML_SUFFIXES:
        from .markup import annotate_markup

        return annotate_markup(path, data, notes, html=suffix in HTML_SUFFIXES)
    raise InputError(path, "annotate-failed", f"no annotator for {suffix or 'a file without a suffix'}")
