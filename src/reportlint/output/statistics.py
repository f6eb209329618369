"""``--statistics``: the number of findings per rule, most frequent first (ties by rule id). When errors kept files
or rules from being checked, the text ends with the summary line that says so, and the JSON carries the errors
and the summary as ``--format json`` does."""

from __future__ import annotations

import json
from collections import Counter

from ..i18n import tr
from . import json_format
from . import text as text_format
from .report import Report


def counts(report: Report) -> list[tuple[str, str, int]]:
    """(rule id, severity, count) for every rule with findings."""
    tally = Counter((f.rule, f.severity) for f in report.findings)
    return sorted(((rule, sev, n) for (rule, sev), n in tally.items()), key=lambda t: (-t[2], t[0]))


def render(report: Report, fmt: str = "text") -> str:
    rows = counts(report)
    if fmt == "json":
        data = [{"rule": rule, "severity": sev, "count": n,
                 "description": (report.rule(rule).title(report.lang) if report.rule(rule) else "")}
                for rule, sev, n in rows]
        summary = json_format.to_dict(report)
        return json.dumps({"statistics": data, "errors": summary["errors"], "summary": summary["summary"]},
                          ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(n)) for _, _, n in rows), default=1)
    rule_width = max((len(rule) for rule, _, _ in rows), default=0)
    lines = []
    for rule, sev, n in rows:
        info = report.rule(rule)
        title = info.title(report.lang) if info else ""
        lines.append(f"{n:>{width}}  {rule:<{rule_width}}  {sev:<7}  {title}".rstrip())
    total = sum(n for _, _, n in rows)
    lines.append(f"{total:>{width}}  " + tr(report.lang, "findings in all"))
    if report.errors:  # the counts alone would read as all the findings there are
        lines.append(text_format.summary(report))
    return "".join(line + "\n" for line in lines)
