"""What keeps a finding from being reported, in one place: per-file ignores of the configuration (``per-file-
ignores``; an ignored rule is not even run on the file, and ``--select``/``--ignore`` join them), inline
suppressions written in the document (:class:`Inline`: a Word comment ``reportlint: ignore[…]``, a Markdown or HTML
``<!-- reportlint-disable … -->``; one that suppresses nothing is an ``unused-suppression`` finding) and the
baseline (findings recorded as accepted). The report counts what inline suppressions and the baseline hide."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .findings import Finding, Location, is_rule_ignored
from .i18n import both
from .model import Suppression
from .output.report import Report
from .selection import matches
from .suggest import did_you_mean

UNUSED_KIND = "unused_suppression"


@dataclass(frozen=True)
class Ignores:
    """The rule ids and id prefixes a file's configuration ignores."""

    rules: tuple[str, ...] = ()

    def runs(self, rule_id: str) -> bool:
        """Whether the rule is checked on the file at all."""
        return not is_rule_ignored(rule_id, self.rules)

    def keep(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings of rules not ignored (the rules across years are run for every file)."""
        return [f for f in findings if not is_rule_ignored(f.rule, self.rules)]


@dataclass
class Inline:
    """One file's inline suppressions: which have hidden a finding, how many they hid, and the rule that reports
    the unused ones, (id, severity), when it runs on the file. Plain data (it travels back from a worker)."""

    path: str
    suppressions: tuple[Suppression, ...]
    unused_rule: tuple[str, str] | None = None
    known: frozenset[str] = frozenset()  # the rule ids of the file's pack
    used: list[bool] = field(default_factory=list)
    hidden: int = 0
    accepted: list[Finding] = field(default_factory=list)  # the findings hidden (an annotated copy shows them)

    def __post_init__(self) -> None:
        self.used = self.used or [False] * len(self.suppressions)

    def keep(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings no suppression covers (the others counted, and their suppressions marked used)."""
        kept = []
        for f in findings:
            hit = [i for i, s in enumerate(self.suppressions) if covers(s, f)]
            if hit:
                self.hidden += 1
                self.accepted.append(f)
                for i in hit:
                    self.used[i] = True
            else:
                kept.append(f)
        return kept

    def unused(self) -> list[Finding]:
        """``unused-suppression`` findings: a suppression that hid nothing, or that names no rule."""
        if self.unused_rule is None:
            return []
        rule_id, severity = self.unused_rule
        out = []
        for s, used in zip(self.suppressions, self.used, strict=True):
            unknown = [r for r in s.rules if not any(matches(r, k) for k in self.known)]
            if unknown:
                close = did_you_mean(unknown[0], self.known)
                text = both("the suppression \"{text}\" names {rule}, which is no rule (did you mean {close}?)", text=s.text, rule=unknown[0],
                            close=close) if close else both("the suppression \"{text}\" names {rule}, which is no rule", text=s.text, rule=unknown[0])
            elif not used:
                text = both("the suppression \"{text}\" suppresses nothing: remove it", text=s.text)
            else:
                continue
            out.append(Finding(rule_id, severity, text.zh, text.en, _where(s), self.path, {"suppression": s.text}))
        return out


def covers(s: Suppression, f: Finding) -> bool:
    """Whether suppression ``s`` hides finding ``f``: one of its rules (ids or prefixes; all when none), located in
    its scope."""
    if s.rules and not any(matches(r, f.rule) for r in s.rules):
        return False
    loc = f.location
    placeless = loc.line is None and loc.block is None and loc.paragraph is None and loc.table is None
    if placeless:
        return s.document
    if s.lines is not None:
        return loc.line is not None and s.lines[0] <= loc.line <= s.lines[1]
    if s.cell is not None:
        return loc.table == s.cell[0] and (loc.row, loc.col) == s.cell[1:]
    return s.blocks is not None and loc.block is not None and s.blocks[0] <= loc.block <= s.blocks[1]


def _where(s: Suppression) -> Location:
    if s.line is not None:
        return Location(line=s.line, column=1, block=s.block)
    if s.cell is not None and s.paragraph is None:
        return Location(table=s.cell[0], row=s.cell[1], col=s.cell[2], block=s.block)
    return Location(paragraph=s.paragraph, block=s.block)


def load_baseline(path: str) -> Counter:
    """The findings a baseline file records. Raises :class:`~reportlint.errors.ConfigError` when it cannot be read."""
    from . import baseline

    return baseline.load(path)


def apply_baseline(report: Report, recorded: Counter, baseline_path: str) -> None:
    """Hide the findings the baseline records (``report.baselined`` counts them; ``stale_baseline`` the entries of
    files checked that were no longer found)."""
    from . import baseline

    base = os.path.dirname(os.path.abspath(baseline_path))
    report.findings, report.baselined, report.stale_baseline = baseline.apply(
        report.findings, recorded, base, report.paths)
