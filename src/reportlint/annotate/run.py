"""Annotated copies of the reports a check went through: one per report with something to say."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime, timezone

from ..atomic import write_atomic
from ..errors import InputError, ReportlintError, UsageError
from ..output.report import Report
from ..output_path import conflict
from . import WORD_SUFFIXES, Annotated, annotate_bytes, why_not
from .notes import notes_for
from .targets import common_folder, into_folder, target_for


def check_output(output: str | None, inputs: Sequence[str], given: Sequence[str]) -> None:
    """Refuse, before anything is checked, a ``-o`` that would overwrite a report or that names a file for many."""
    if output is None:
        return
    if len(inputs) > 1 and os.path.isfile(output):
        raise UsageError.said("reportlint: error: -o {output} is a file, and {n} reports get a copy each: name a folder",
                              output=output, n=len(inputs))
    if not into_folder(output, inputs, given) and (clash := conflict(output, inputs, (), lambda p, f: False)):
        raise UsageError.said("reportlint: error: -o {output} would overwrite {clash}, which this run reads; write it elsewhere",
                              output=output, clash=clash)


def annotate_report(report: Report, output: str | None, given: Sequence[str], fixes: bool = False,
                    write: bool = True, comments: bool = True) -> list[Annotated]:
    """Write the copies of ``report``'s checked files (with ``fixes``, the findings' safe fixes made in them; without
    ``write``, only work out what they would hold; without ``comments``, copies with fixes only, of the reports
    that have one); a copy that cannot be made is an error of the report."""
    lost = {e.path for e in report.errors if isinstance(e, InputError)} | set(report.skipped) | set(report.not_checked)
    checked = [p for p in report.paths if p not in lost]
    by_path: dict[str, list] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    folder = into_folder(output, report.paths, given)
    root = common_folder(checked)
    done = []
    date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")  # of the tracked changes
    for path in checked:
        findings, accepted = by_path.get(path, []), report.accepted.get(path, [])
        wanted = bool(findings or accepted) if comments else any(f.fix for f in findings)
        reason = why_not(path, report.converted_from(path))
        if reason is not None or not wanted:
            done.append(Annotated(path, why_not=reason if wanted else None))
            continue
        target = target_for(path, output, folder, root)
        try:
            notes = notes_for(findings, accepted, report.lang, fixes, tracked=_suffix(path) in WORD_SUFFIXES,
                              comments=comments)
            done.append(_write(path, target, notes, date, write))
        except ReportlintError as exc:
            report.errors.append(exc)
        except OSError as exc:
            report.errors.append(InputError(path, "annotate-failed", f"{target}: {exc.strerror or exc}"))
        except Exception as exc:  # noqa: BLE001 - a document python-docx chokes on: one line, the others go on
            report.errors.append(InputError(path, "annotate-failed", f"{type(exc).__name__}: {exc}"[:200]))
    return done


def _write(path: str, target: str, notes: list, date: str, write: bool) -> Annotated:
    with open(path, "rb") as f:
        data = f.read()
    copy, applied = annotate_bytes(path, data, notes, date)
    if write:
        os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
        write_atomic(target, copy)
    return Annotated(path, target if write else None, sum(n.comment for n in notes), fixes=tuple(applied))


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()
