"""``--format json``: a JSON array of findings (path, rule, severity, message, location, details)."""

from __future__ import annotations

import json

from .report import Report


def render(report: Report) -> str:
    return json.dumps([f.to_dict(report.lang) for f in report.findings], ensure_ascii=False, indent=2) + "\n"
