"""What every formatter receives: the findings of a run and everything needed to present them, without the
documents themselves (formatters never re-read a report).

``tables`` holds, for each file, a snapshot (see :func:`reportlint.output.dump.table_dict`) of every table that has
a finding, so the HTML report can draw it; ``rules`` describes every rule of the pack (enabled or not), so SARIF
and JUnit can list them with their help text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, ReportlintError
from ..findings import Finding
from ..i18n import tr
from ..readers import CONVERTED_FORMATS, LINE_FORMATS


@dataclass
class RuleInfo:
    id: str
    kind: str
    severity: str  # error | warning | info | off
    pack: str
    source: str  # file:line where the rule is defined
    description: dict[str, str] = field(default_factory=dict)  # lang -> one line
    help: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> {what, why, pass, fail}

    @property
    def enabled(self) -> bool:
        return self.severity != "off"

    def title(self, lang: str = "zh") -> str:
        return self.description.get(lang) or self.description.get("zh") or self.id

    def help_text(self, lang: str = "zh") -> str:
        """The rule's help as plain text: the title, then what, why, a passing and a failing example, each a heading
        with its text indented under it."""
        parts = self.help.get(lang) or self.help.get("zh") or {}
        names = [tr(lang, h) for h in ("What", "Why", "Passing", "Failing")]
        out = [self.title(lang)]
        for key, name in zip(("what", "why", "pass", "fail"), names, strict=True):
            if parts.get(key):
                out.append(f"{name}:")
                out.extend(f"    {line}" if line else "" for line in parts[key].strip().split("\n"))
        return "\n".join(out)


@dataclass(frozen=True)
class Tally:
    files: int  # every file looked at
    checked: int  # read and linted as a report
    skipped: int  # not a report
    unreadable: int  # could not be read
    not_checked: int  # a configuration error kept it from being checked
    input_errors: int
    config_errors: int
    rule_errors: int  # a rule that failed on a document (a bug, a user pattern's timeout, the time budget)

    @property
    def errors(self) -> int:
        return self.input_errors + self.config_errors + self.rule_errors


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    errors: list[ReportlintError] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # every file looked at, in order (unreadable ones included)
    formats: dict[str, str] = field(default_factory=dict)  # path -> format, for files in a format with lines
    identities: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # path -> (agency, year) of its title
    earlier: list[tuple[str, int]] = field(default_factory=list)  # (agency, year) of the --history reports
    skipped: list[str] = field(default_factory=list)  # files that are not reports
    skip_reasons: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (zh, en) why it is not one
    not_checked: dict[str, ReportlintError] = field(default_factory=dict)  # path -> the configuration error that
    # kept it from being checked (the error names the configuration file, not the report)
    rules: list[RuleInfo] = field(default_factory=list)
    tables: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)  # path -> table index -> snapshot
    lang: str = "zh"
    color: bool = False  # ANSI colour in text output (the CLI sets it for a terminal)
    quiet: bool = False  # findings only: no summary
    baselined: int = 0  # findings hidden by --baseline
    suppressed: int = 0  # findings hidden by inline suppressions written in the documents
    accepted: dict[str, list[Finding]] = field(default_factory=dict)  # path -> the findings those suppressions hid
    stale_baseline: int = 0  # baseline entries of checked files that match nothing any more

    def tally(self) -> Tally:
        """How many files were looked at, checked, skipped or kept from being checked, and the errors by kind."""
        unreadable = {e.path for e in self.errors if isinstance(e, InputError)}
        kinds = Counter(e.kind for e in self.errors)
        lost = unreadable | set(self.skipped) | set(self.not_checked)
        return Tally(files=len(self.paths), checked=sum(1 for p in self.paths if p not in lost),
                     skipped=len(self.skipped), unreadable=len(unreadable), not_checked=len(self.not_checked),
                     input_errors=kinds["input"], config_errors=kinds["config"], rule_errors=kinds["rule"])

    def converted_from(self, path: str) -> str | None:
        """The format a file was converted from by LibreOffice before it was read ("doc", "wps"), or None."""
        fmt = self.formats.get(path)
        return fmt if fmt in CONVERTED_FORMATS else None

    def has_lines(self, path: str) -> bool:
        """True when the file's locations carry real line numbers (not .docx/.pdf)."""
        return self.formats.get(path) in LINE_FORMATS

    def rule(self, rule_id: str) -> RuleInfo | None:
        for info in self.rules:
            if info.id == rule_id:
                return info
        return None
