"""``--format json``: one JSON object, so that a run with errors can never read as an empty, all-clear result.

    {
      "findings": [{"path", "rule", "severity", "message", "location", "details"?}, …],
      "errors": [{"kind": "input" | "config" | "rule", "path", "code"?, "rule"?, "line"?, "column"?, "message"}, …],
      "skipped": [{"path", "reason"}, …],          # files that are not reports, and why
      "not_checked": [{"path", "reason"}, …],      # files a configuration error kept from being checked
      "converted": [{"path", "from"}, …],          # .doc/.wps files read after LibreOffice made a .docx of them
      "summary": {"files", "checked", "skipped", "unreadable", "not_checked", "findings", "suppressed",
                  "baselined", "errors", "complete"}
    }

``suppressed``: findings hidden by inline suppressions in the documents; ``baselined``: by ``--baseline``.
``complete`` is false whenever ``errors`` is not empty: some file or rule was not checked.
"""

from __future__ import annotations

import json
from typing import Any

from .report import Report


def to_dict(report: Report) -> dict[str, Any]:
    lang = report.lang
    t = report.tally()
    return {
        "findings": [f.to_dict(lang) for f in report.findings],
        "errors": [e.to_dict(lang) for e in report.errors],
        "skipped": [{"path": path, "reason": report.skip_reasons.get(path, ("", ""))[1 if lang == "en" else 0]}
                    for path in report.skipped],
        "not_checked": [{"path": path, "reason": error.render(lang)} for path, error in report.not_checked.items()],
        "converted": [{"path": path, "from": source} for path in report.paths
                      if (source := report.converted_from(path))],
        "summary": {"files": t.files, "checked": t.checked, "skipped": t.skipped, "unreadable": t.unreadable,
                    "not_checked": t.not_checked, "findings": len(report.findings),
                    "suppressed": report.suppressed, "baselined": report.baselined, "errors": t.errors,
                    "complete": not t.errors},
    }


def render(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
