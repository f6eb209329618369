"""What keeps a finding from being reported, in one place: per-file ignores of the configuration (``per-file-
ignores``; an ignored rule is not even run on the file) and the baseline (findings recorded as accepted)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .findings import Finding, is_rule_ignored
from .output.report import Report


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
