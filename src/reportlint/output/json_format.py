"""A JSON array of findings (path, rule, severity, message, location, details)."""

from __future__ import annotations

import json

from ..findings import Finding


def render(findings: list[Finding], lang: str = "zh") -> str:
    return json.dumps([f.to_dict(lang) for f in findings], ensure_ascii=False, indent=2) + "\n"
