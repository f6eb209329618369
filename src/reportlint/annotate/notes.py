"""What an annotated copy says: one note per finding, at the finding's place, in one language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..findings import Finding, Fix, Location
from ..i18n import tr


@dataclass(frozen=True)
class Note:
    """One comment to write: where (the finding's location) and what (severity, rule id and message); with
    ``fix`` (only when fixes are asked for) the finding's safe fix, and the comment's text once it is made."""

    location: Location
    text: str
    fix: Fix | None = None
    text_fixed: str = ""
    comment: bool = True  # False: the fix only (``check --fix``)


@dataclass(frozen=True)
class Applied:
    """A fix made in a copy: where, and the text of its paragraph (or cell) before and after."""

    location: Location
    before: str
    after: str


def notes_for(findings: Iterable[Finding], accepted: Iterable[Finding], lang: str, fixes: bool = False,
              tracked: bool = True, comments: bool = True) -> list[Note]:
    """The notes of a file's findings, then of those its inline suppressions accepted, each in document order.
    ``fixes``: with the findings' safe fixes; ``tracked``: made as tracked changes (Word) or in the text;
    ``comments`` False: only the notes with a fix, to be made without a comment."""
    said = ("{comment} (fixed: accept or reject the tracked change)" if tracked
            else "{comment} (fixed in this copy)")
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        text = tr(lang, "{severity} {rule}: {message}", severity=f.severity, rule=f.rule, message=f.text(lang))
        fix = f.fix if fixes else None
        out.append(Note(f.location, text, fix, tr(lang, said, comment=text) if fix is not None else ""))
    out += [Note(f.location, tr(lang, "accepted in the document: {severity} {rule}: {message}",
                                severity=f.severity, rule=f.rule, message=f.text(lang)))
            for f in sorted(accepted, key=Finding.sort_key)]
    return out if comments else [replace(n, comment=False) for n in out if n.fix is not None]
