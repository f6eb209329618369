"""What the CLI, the pre-commit hook and tests call: paths in, findings and input errors out."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .checks import KINDS
from .checks.base import Context
from .errors import CheckError, InputError, ReportlintError
from .findings import Finding
from .model import Document
from .pack import Pack, builtin_pack_path, load_pack
from .readers import SUFFIXES, load_document

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    errors: list[ReportlintError] = field(default_factory=list)
    files: int = 0


def default_pack() -> Pack:
    return load_pack(builtin_pack_path())


def is_report_file(path: Path) -> bool:
    name = path.name
    if name.startswith("~$") or name.startswith(".~lock"):
        return False  # Word / LibreOffice lock files
    return path.suffix.lower() in SUFFIXES


def collect(paths: Iterable[str]) -> Iterator[str]:
    """Files named explicitly are always checked; directories are walked for report files, in sorted order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if is_report_file(candidate):
                        yield str(candidate)
        else:
            yield raw


def lint_document(doc: Document, pack: Pack, errors: list[ReportlintError] | None = None) -> list[Finding]:
    """Run every enabled rule. A rule that fails internally is reported in ``errors`` (exit 2), and the
    other rules still run."""
    ctx = Context.create(doc, pack)
    findings: list[Finding] = []
    for rule in pack.rules:
        if rule.severity == "off":
            continue
        try:
            findings.extend(KINDS[rule.kind].check(ctx, rule))
        except Exception as exc:  # noqa: BLE001 - a rule bug must not hide the other rules' findings
            error = CheckError(doc.path, rule.id, f"{type(exc).__name__}: {exc}")
            if errors is None:
                raise error from exc
            errors.append(error)
    findings.sort(key=Finding.sort_key)
    return findings


def lint_paths(paths: Iterable[str], pack: Pack | None = None) -> Result:
    pack = pack or default_pack()
    result = Result()
    for path in collect(paths):
        result.files += 1
        try:
            doc = load_document(path)
        except InputError as exc:
            result.errors.append(exc)
            continue
        result.findings.extend(lint_document(doc, pack, result.errors))
    return result
