"""``--statistics``: the number of findings per rule, most frequent first (ties by rule id)."""

from __future__ import annotations

import json
from collections import Counter

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
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(n)) for _, _, n in rows), default=1)
    rule_width = max((len(rule) for rule, _, _ in rows), default=0)
    lines = []
    for rule, sev, n in rows:
        info = report.rule(rule)
        title = info.title(report.lang) if info else ""
        lines.append(f"{n:>{width}}  {rule:<{rule_width}}  {sev:<7}  {title}".rstrip())
    total = sum(n for _, _, n in rows)
    lines.append(f"{total:>{width}}  " + ("findings in all" if report.lang == "en" else "个问题合计"))
    return "".join(line + "\n" for line in lines)
