"""``--format sarif``: SARIF 2.1.0 (OASIS), for GitHub code scanning and other SARIF viewers.

One run. ``tool.driver.rules`` lists every rule of the pack (disabled ones with ``enabled: false``), each with
its title and help text. Every result has a ``physicalLocation`` — the real line and column in line-based
formats (Markdown, HTML), line 1 in .docx and .pdf files, which have no lines — and ``logicalLocations`` naming
the place in the document (``第2张表/三、本年度办理结果/（七）总计/申请人情况/自然人``), so a finding in a binary
file still says where it is. ``partialFingerprints`` are built from the file, the rule and the labels of the
place (section, table, row, column), never from paragraph or line numbers, so an alert keeps its identity when
text is added above it. Files that could not be read are ``toolExecutionNotifications`` of a failed
invocation. A cell that is probably wrong lists the equations it breaks as ``relatedLocations``. The output
depends only on the report and the working directory (no time stamps): the same input gives byte-identical
output.

Paths are written relative to the working directory under the ``%SRCROOT%`` base (run reportlint from the
repository root, as a CI job does); a file outside it keeps an absolute ``file:`` URI.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..findings import Finding, Location
from ..i18n import tr
from ..walk import relative_to_cwd
from .report import Report, RuleInfo

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/reportlint/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "reportlintPlace/v1"

LEVELS = {"error": "error", "warning": "warning", "info": "note"}

_MIME = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docm": "application/vnd.ms-word.document.macroEnabled.12",
    ".dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
    ".dotm": "application/vnd.ms-word.template.macroEnabled.12",
    ".pdf": "application/pdf",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
}


def relative_path(path: str) -> str | None:
    """``path`` relative to the working directory with forward slashes, or None when it lies outside."""
    rel = relative_to_cwd(path)
    return None if rel is None else rel.replace(os.sep, "/")


def artifact_location(path: str) -> dict[str, Any]:
    rel = relative_path(path)
    if rel is None:
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}


def _srcroot_uri() -> str:
    uri = Path(os.getcwd()).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _split(label: str | None) -> list[str]:
    return [part.strip() for part in label.split(" / ") if part.strip()] if label else []


def logical_location(loc: Location, lang: str) -> dict[str, Any]:
    """The place in the document as a SARIF logicalLocation: name for people, a path-like fully qualified
    name (``第2张表/row labels…/column labels…``) and a kind."""
    name = loc.render(lang, lines=False)
    if loc.table is not None:
        parts = [tr(lang, "table {n}", n=loc.table)]
        parts += _split(loc.row_label) + _split(loc.column_label)
        kind = "element"
    elif loc.paragraph is not None:
        parts = [loc.section] if loc.section else []
        parts.append(tr(lang, "paragraph {n}", n=loc.paragraph))
        kind = "text"
    elif loc.section:
        parts, kind = [loc.section], "element"
    else:
        parts, kind = [tr(lang, "document")], "resource"
    return {"name": name, "fullyQualifiedName": "/".join(parts), "kind": kind}


def _fingerprint_key(uri: str, f: Finding) -> str:
    """What identifies a finding across edits: file, rule and labels — no paragraph, line or page numbers."""
    loc = f.location
    place = [loc.section or "", "" if loc.table is None else str(loc.table), loc.row_label or "",
             loc.column_label or ""]
    return "\x1f".join([uri, f.rule, *place])


def _rule(info: RuleInfo, lang: str) -> dict[str, Any]:
    help_text = info.help_text(lang)
    config: dict[str, Any] = {"level": LEVELS[info.severity]} if info.enabled else {"enabled": False}
    return {
        "id": info.id,
        "name": info.id,
        "shortDescription": {"text": info.title(lang)},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text},
        "defaultConfiguration": config,
        "properties": {"pack": info.pack, "kind": info.kind, "tags": [info.pack, info.kind]},
    }


def _region(report: Report, path: str, loc: Location) -> dict[str, Any]:
    if report.has_lines(path) and loc.line is not None:
        region = {"startLine": loc.line}
        if loc.column is not None:
            region["startColumn"] = loc.column
        return region
    return {"startLine": 1}


def to_dict(report: Report) -> dict[str, Any]:
    lang = report.lang
    artifacts, index = _artifacts(report)

    def where(path: str) -> dict[str, Any]:
        return {**artifact_location(path), "index": index[path]}

    rule_index = {info.id: i for i, info in enumerate(report.rules)}
    rules = [_rule(info, lang) for info in report.rules]
    results = []
    seen: dict[str, int] = {}
    for f in report.findings:
        if f.rule not in rule_index:  # a finding of a rule the pack does not describe: still listed
            rule_index[f.rule] = len(rules)
            rules.append({"id": f.rule, "name": f.rule, "shortDescription": {"text": f.rule}})
        results.append(_result(report, f, where(f.path), rule_index[f.rule], seen))
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if notifications := _notifications(report, where, rule_index):
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "reportlint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "language": "en-US" if lang == "en" else "zh-CN",
            "rules": rules,
        }},
        "invocations": [invocation],
        "language": "en-US" if lang == "en" else "zh-CN",
        "originalUriBaseIds": {SRCROOT: {"uri": _srcroot_uri()}},
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _artifacts(report: Report) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Every file of the run (checked, with findings, with errors) once, and its index among them."""
    artifacts: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for path in [*report.paths, *(f.path for f in report.findings), *(e.path for e in report.errors
                                                                        if hasattr(e, "path"))]:
        if path in index:
            continue
        index[path] = len(artifacts)
        artifact: dict[str, Any] = {"location": artifact_location(path), "roles": ["analysisTarget"]}
        mime = _MIME.get(PurePosixPath(path.replace("\\", "/")).suffix.lower())
        if mime:
            artifact["mimeType"] = mime
        artifacts.append(artifact)
    return artifacts, index


def _result(report: Report, f: Finding, artifact: dict[str, Any], rule_index: int, seen: dict[str, int]
            ) -> dict[str, Any]:
    """One finding as a SARIF result, its fingerprint told apart from earlier ones at the same place (``seen``)."""
    lang = report.lang
    key = _fingerprint_key(artifact["uri"], f)
    seen[key] = seen.get(key, 0) + 1
    occurrence = f"\x1f{seen[key]}" if seen[key] > 1 else ""  # same rule, same place: keep them apart
    digest = hashlib.sha256((key + occurrence).encode("utf-8")).hexdigest()
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f.text(lang)},
        "locations": [{
            "physicalLocation": {"artifactLocation": artifact, "region": _region(report, f.path, f.location)},
            "logicalLocations": [logical_location(f.location, lang)],
        }],
        "partialFingerprints": {FINGERPRINT_KEY: digest},
    }
    if f.related:  # the equations a probably wrong cell breaks; last year's report's cell
        result["relatedLocations"] = [{
            "id": n,
            "physicalLocation": {"artifactLocation": artifact_location(r.path) if r.path else artifact,
                                 "region": _region(report, r.path or f.path, r.location)},
            "logicalLocations": [logical_location(r.location, lang)],
            "message": {"text": r.text(lang)},
        } for n, r in enumerate(f.related, 1)]
    return result


def _notifications(report: Report, where: Any, rule_index: dict[str, int]) -> list[dict[str, Any]]:
    """The run's errors as tool execution notifications."""
    notifications = []
    for error in report.errors:
        note: dict[str, Any] = {"level": "error", "message": {"text": error.render(report.lang)}}
        path = getattr(error, "path", None)
        if path is not None:
            note["locations"] = [{"physicalLocation": {"artifactLocation": where(path)}}]
        code = getattr(error, "code", None)
        if code:
            note["descriptor"] = {"id": code}
        rule = getattr(error, "rule", None)
        if rule in rule_index:
            note["associatedRule"] = {"id": rule, "index": rule_index[rule]}
        notifications.append(note)
    return notifications


def render(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
