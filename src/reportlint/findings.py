"""Findings: what a check reports, where, and in which words (Chinese and English)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

SEVERITIES = ("error", "warning", "info")


@dataclass
class Location:
    """Where a finding points. Renders for people (``表3 行「（七）总计」 列「总计」``) and for machines."""

    section: str | None = None
    paragraph: int | None = None
    table: int | None = None
    row_label: str | None = None
    column_label: str | None = None
    row: int | None = None  # 1-based grid row of the table
    col: int | None = None  # 1-based grid column of the table
    line: int | None = None  # 1-based, line-based formats
    column: int | None = None  # 1-based character column, line-based formats
    page: int | None = None  # 1-based page (PDF)
    para_id: str | None = None
    block: int | None = None  # position in Document.blocks, for ordering only

    def render(self, lang: str = "zh", lines: bool = True) -> str:
        """The place for people. ``lines=False`` leaves out line:column (shown separately by the caller)."""
        from .i18n import tr

        parts: list[str] = []
        if self.line is not None and lines:
            parts.append(f"{self.line}:{self.column or 1}")
        elif self.page is not None:
            parts.append(tr(lang, "page {n}", n=self.page))
        if self.table is not None:
            t = tr(lang, "table {n}", n=self.table)
            if self.row_label:
                t += tr(lang, ' row "{label}"', label=self.row_label)
            if self.column_label:
                t += tr(lang, ' column "{label}"', label=self.column_label)
            parts.append(t)
        elif self.paragraph is not None:
            p = tr(lang, "paragraph {n}", n=self.paragraph)
            if self.section:
                p += tr(lang, ' (section "{title}")', title=self.section)
            parts.append(p)
        elif self.section:
            parts.append(tr(lang, 'section "{title}"', title=self.section))
        if not parts:
            parts.append(tr(lang, "document"))
        return " ".join(parts)

    def astuple(self) -> tuple:
        """The fields in order, ``Location(*t)`` making it again: what is kept of a report for the rules across
        years, pickled to disk for every report (a tuple pickles and loads in a quarter of the time)."""
        return (self.section, self.paragraph, self.table, self.row_label, self.column_label, self.row, self.col,
                self.line, self.column, self.page, self.para_id, self.block)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.table is not None:
            out.update(table=self.table, row_label=self.row_label, column_label=self.column_label,
                       row=self.row, col=self.col)
        else:
            out.update(section=self.section, paragraph=self.paragraph)
        if self.line is not None:
            out.update(line=self.line, column=self.column)
        if self.page is not None:
            out["page"] = self.page
        if self.para_id:
            out["para_id"] = self.para_id
        return out


@dataclass(frozen=True)
class Related:
    """A place that bears on a finding without being its place: for a cell that is probably wrong, each equation
    it breaks (SARIF ``relatedLocations``; the html report shades their cells)."""

    location: Location
    message: str  # Chinese
    message_en: str
    path: str = ""  # another file's place (last year's report): its path; "" for a place of the finding's own file

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message


@dataclass(frozen=True)
class Fix:
    """A safe fix of a finding: ``old`` (as the document shows it at the finding's place: its paragraph or cell)
    replaced by ``new``. Only what invents nothing is a fix: an export artefact removed, a space taken out of an
    e-mail address, a heading's wording made the official one; never a number."""

    old: str
    new: str


@dataclass
class Finding:
    rule: str
    severity: str
    message: str  # Chinese
    message_en: str
    location: Location = field(default_factory=Location)
    path: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    related: tuple[Related, ...] = ()
    fix: Fix | None = None

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message

    def fixed(self, old: str, new: str) -> Finding:
        """This finding with the safe fix ``old`` → ``new``."""
        return replace(self, fix=Fix(old, new))

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.text(lang),
            "location": self.location.to_dict(),
        }
        if self.details:
            out["details"] = self.details
        if self.related:
            out["related"] = [{"location": r.location.to_dict(), "message": r.text(lang), **({"path": r.path}
                               if r.path else {})} for r in self.related]
        if self.fix is not None:
            out["fix"] = {"old": self.fix.old, "new": self.fix.new}
        return out

    def sort_key(self) -> tuple:
        loc = self.location
        block = -1 if loc.block is None else loc.block
        return (self.path, block, loc.line or 0, loc.row or 0, loc.col or 0, self.rule)


def is_rule_ignored(rule_id: str, ignores: list[str] | tuple[str, ...]) -> bool:
    """Whether ``rule_id`` is one of ``ignores``: an id, or a prefix ending in "-" or naming whole ids (t3 → t3-*)."""
    return any(rule_id == i or (i.endswith("-") and rule_id.startswith(i)) or rule_id.startswith(i + "-")
               for i in ignores)
