"""What an annotated copy says: one note per finding, at the finding's place, in one language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..findings import Finding, Location
from ..i18n import tr


@dataclass(frozen=True)
class Note:
    """One comment to write: where (the finding's location) and what (severity, rule id and message)."""

    location: Location
    text: str


def notes_for(findings: Iterable[Finding], accepted: Iterable[Finding], lang: str) -> list[Note]:
    """The notes of a file's findings, then of those its inline suppressions accepted, each in document order."""
    out = [Note(f.location, tr(lang, "{severity} {rule}: {message}", severity=f.severity, rule=f.rule,
                               message=f.text(lang)))
           for f in sorted(findings, key=Finding.sort_key)]
    out += [Note(f.location, tr(lang, "accepted in the document: {severity} {rule}: {message}",
                                severity=f.severity, rule=f.rule, message=f.text(lang)))
            for f in sorted(accepted, key=Finding.sort_key)]
    return out
