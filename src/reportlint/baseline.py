"""A baseline of accepted findings, so a repository of old reports can adopt the linter and fail only on new ones.

``--write-baseline FILE`` records the current findings; ``--baseline FILE`` hides findings recorded there and
counts entries that no longer match (stale). An entry is keyed on what survives edits to the report:

- the file, relative to the baseline's folder (the repository can move);
- the rule id;
- the place: for a table finding its row and column labels (never the table's number or grid position); for a
  text finding the section title; and the offending content (the quoted value or cell text, or the message for
  a finding that quotes nothing). Paragraph, line and block numbers are never part of the key, so adding text
  above a defect keeps it matched.

The same key may occur several times (``count``); three recorded and four found reports one.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .findings import Finding

VERSION = 1


def _relpath(path: str, base: Path) -> str:
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    return rel.replace(os.sep, "/")


def place(finding: Finding) -> dict[str, str]:
    loc = finding.location
    out: dict[str, str] = {}
    if loc.table is not None:
        if loc.row_label:
            out["row"] = loc.row_label
        if loc.column_label:
            out["column"] = loc.column_label
    elif loc.section:
        out["section"] = loc.section
    content = finding.details.get("value", finding.details.get("text")) if finding.details else None
    if content is not None and not isinstance(content, dict | list):
        out["content"] = str(content)
    elif loc.table is None:
        out["content"] = finding.message
    return out


def key(finding: Finding, base: Path) -> tuple[str, str, str]:
    return (_relpath(finding.path, base), finding.rule,
            json.dumps(place(finding), ensure_ascii=False, sort_keys=True))


def render(findings: list[Finding], base: Path) -> str:
    counts = Counter(key(f, base) for f in findings)
    entries: list[dict[str, Any]] = []
    for (path, rule, where), n in sorted(counts.items()):
        entry: dict[str, Any] = {"path": path, "rule": rule, "place": json.loads(where)}
        if n > 1:
            entry["count"] = n
        entries.append(entry)
    return json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def load(path: str | Path) -> Counter:
    """The recorded keys with their counts. A missing or malformed file is a ConfigError (exit 2)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError.said(str(path), "baseline file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError.said(str(path), "cannot read the baseline: {reason}", reason=exc) from None
    except json.JSONDecodeError as exc:
        raise ConfigError.said(str(path), "the baseline is not valid JSON: {reason}", exc.lineno, exc.colno,
                               reason=exc.msg) from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(entries, list):
        raise ConfigError.said(str(path), "not a reportlint baseline (no version/findings)")
    recorded: Counter = Counter()
    for entry in entries:
        try:
            k = (str(entry["path"]), str(entry["rule"]),
                 json.dumps(entry.get("place", {}), ensure_ascii=False, sort_keys=True))
            recorded[k] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise ConfigError.said(str(path), "malformed baseline entry: {entry}", entry=f"{entry!r:.80}") from None
    return recorded


def apply(findings: list[Finding], recorded: Counter, base: Path,
          checked: list[str]) -> tuple[list[Finding], int, int]:
    """(findings to report, number hidden, stale entries). Only entries of files checked in this run can be
    stale, so linting a few files (a pre-commit run) does not call the rest of the baseline stale."""
    left = Counter(recorded)
    kept: list[Finding] = []
    hidden = 0
    for f in findings:
        k = key(f, base)
        if left[k] > 0:
            left[k] -= 1
            hidden += 1
        else:
            kept.append(f)
    checked_rel = {_relpath(p, base) for p in checked}
    stale = sum(n for (path, _rule, _place), n in left.items() if n > 0 and path in checked_rel)
    return kept, hidden, stale
