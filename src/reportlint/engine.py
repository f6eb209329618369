"""Linting one document: read it, tell whether it is a report and which edition's pack checks it, run the rules
within the document's budgets, and keep what the run needs of it (findings, tables with findings, its summary for
the rules across years). Plain data in (:class:`Task`), plain data out (:class:`FileResult`): the same in this
process or in a forked worker (:mod:`.batch`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import limits
from .across_years import summarize
from .checks import KINDS
from .checks.aggregate import numbers
from .checks.base import Context
from .checks.report_shape import assess
from .checks.report_year import complete_year
from .checks.tableindex import RunMemo
from .checks.text_match import PatternTimeout
from .edition import edition_for
from .errors import CheckError, ConfigError, InputError, ReportlintError
from .findings import Finding
from .history import Entry, agency_of
from .model import Document
from .output.report import RuleInfo
from .pack import Pack
from .readers import converted, load_document
from .rulepack import rule_infos
from .suppress import UNUSED_KIND, Ignores, Inline


@dataclass(slots=True)
class Task:
    """One file to lint with its pack (``by_edition`` picks the national pack of the report's edition), what its
    configuration ignores, whether its tables with findings are kept (for the HTML report) and the run's memo."""

    path: str
    pack: Pack
    ignores: list[str]
    by_edition: Callable[[str], Pack] | None = None
    keep_tables: bool = True
    memo: RunMemo | None = None  # the run's, shared by its tasks (a forked worker has its copy)
    numbers: bool = False  # a summary report or a part of one (``aggregates:``): keep what its tables hold
    data: bytes | None = None  # the content, already read (standard input: ``path`` is the name it is given)


@dataclass
class FileResult:
    """What linting one file gives the report: plain data, sent back from a worker process as it is."""

    path: str
    errors: list[ReportlintError] = field(default_factory=list)
    format: str | None = None
    skip_reason: tuple[str, str] | None = None  # (zh, en) why the file is not a report and was not checked
    not_checked: ConfigError | None = None  # the configuration error that kept the file from being checked
    findings: list[Finding] = field(default_factory=list)
    tables: dict[int, dict[str, Any]] = field(default_factory=dict)
    rules: list[RuleInfo] = field(default_factory=list)  # of the edition's pack, when it is not the task's
    entry: Entry | None = None  # what the rules across years need of this report (its rules as ids)
    edition: str | None = None  # the edition whose pack was used, when the task's pack was chosen by edition
    numbers: dict[str, Any] | None = None  # what its tables hold, for a summary or a part (checks.aggregate)
    inline: Inline | None = None  # its inline suppressions (the findings above are what they left)
    identity: tuple[str, int | None] | None = None  # (agency, year) its title names, for the review page


def lint_document(doc: Document, pack: Pack, errors: list[ReportlintError] | None = None,
                  ctx: Context | None = None) -> list[Finding]:
    """Run every enabled rule. A rule that fails internally is reported in ``errors`` (exit 2), and the
    other rules still run. ``ctx``: the document's check context, when the caller has one to share."""
    ctx = ctx or Context.create(doc, pack)
    findings: list[Finding] = []
    deadline = time.monotonic() + limits.current.seconds
    for rule in pack.rules:
        if not ctx.active(rule):  # off, or ignored for this file
            continue
        error: CheckError | None = None
        if time.monotonic() > deadline:
            error = CheckError(doc.path, rule.id, "time budget spent", budget=limits.current.seconds)
        else:
            try:
                findings.extend(KINDS[rule.kind].check(ctx, rule))
            except PatternTimeout as exc:
                error = CheckError(doc.path, rule.id, str(exc), timeout=True)
            except Exception as exc:  # noqa: BLE001 - a rule bug must not hide the other rules' findings
                error = CheckError(doc.path, rule.id, f"{type(exc).__name__}: {exc}")
        if error is not None:
            if errors is None:
                raise error
            errors.append(error)
            if error.budget is not None:
                break
    findings.sort(key=Finding.sort_key)
    return findings


def lint_file(task: Task) -> FileResult:
    """Read and lint one file (in this process or a worker) within the document's time budget (``--limit
    seconds``): past it, reading or the rules stop, and the file is one ``too-slow`` error."""
    budget = limits.current.seconds + (limits.current.convert_seconds if converted(task.path) else 0)
    try:
        with limits.time_budget(budget):
            return _lint_file(task)
    except limits.OverBudget:
        return FileResult(task.path, errors=[InputError(task.path, "too-slow", f"{limits.current.seconds:g} s")])


def _lint_file(task: Task) -> FileResult:
    result = FileResult(task.path)
    memo = task.memo or RunMemo()
    try:
        doc = load_document(task.path, memo.layouts, task.data)
    except InputError as exc:
        result.errors.append(exc)
        return result
    result.format = doc.format
    complete_year(doc)  # a title without a year: the period's, else the publication date's
    result.identity = (agency_of(doc.title) if doc.title else "", doc.year)
    ctx = Context.create(doc, task.pack, task.ignores, memo)  # shared with the summary: tables located once
    verdict = assess(ctx)
    if not verdict.report:
        result.skip_reason = (verdict.reason_zh, verdict.reason_en)
        return result
    ctx = _edition_context(ctx, task, result, memo)
    if ctx is None:
        return result
    result.findings = lint_document(doc, ctx.pack, result.errors, ctx)  # per-file ignores: not run at all
    if doc.suppressions:
        result.inline = inline_of(doc, ctx)
        result.findings = result.inline.keep(result.findings)
    wanted = {f.location.table for f in result.findings if f.location.table is not None}
    if wanted and task.keep_tables:
        result.tables = {t.index: t.to_dict() for t in doc.tables if t.index in wanted}
    result.entry = summarize(doc, ctx.pack, Ignores(tuple(task.ignores)), ctx)
    if task.numbers:
        result.numbers = numbers(ctx)
    doc.release()
    return result


def inline_of(doc: Document, ctx: Context) -> Inline:
    """The document's inline suppressions, with the rule that reports unused ones when it runs on the file."""
    unused = next((r for r in ctx.pack.rules if r.kind == UNUSED_KIND and ctx.active(r)), None)
    return Inline(doc.path, tuple(doc.suppressions), (unused.id, unused.severity) if unused else None,
                  frozenset(r.id for r in ctx.pack.rules))


def _edition_context(ctx: Context, task: Task, result: FileResult, memo: RunMemo) -> Context | None:
    """The context to check with: the task's, or (when its pack is chosen by edition) one with the pack of the
    edition the report follows; None when the configuration's local rules do not fit that pack (an error)."""
    if task.by_edition is None:
        return ctx
    result.edition = edition_for(ctx.doc, ctx.tables)
    try:
        chosen = task.by_edition(result.edition)
    except ConfigError as exc:
        result.errors.append(exc)
        result.not_checked = exc
        return None
    if chosen is ctx.pack:
        return ctx
    result.rules = rule_infos(chosen)
    return Context.create(ctx.doc, chosen, task.ignores, memo)
