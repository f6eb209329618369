"""One finding per line: ``path:LOCATION: severity rule-id message``."""

from __future__ import annotations

from ..findings import Finding


def render(findings: list[Finding], lang: str = "zh") -> str:
    lines = [f"{f.path}:{f.location.render(lang)}: {f.severity} {f.rule} {f.text(lang)}" for f in findings]
    return "\n".join(lines) + ("\n" if lines else "")
