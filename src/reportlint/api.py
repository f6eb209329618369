"""What the CLI, the pre-commit hook and tests call: paths in, findings and input errors out."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import limits
from .checks import ACROSS_YEARS, KINDS
from .checks.base import Context
from .checks.report_shape import assess
from .checks.tableindex import RunMemo
from .checks.text_match import PatternTimeout
from .config import Resolver
from .errors import CheckError, ConfigError, InputError, ReportlintError
from .findings import Finding, is_rule_ignored
from .history import Entry, History, agency_key, agency_of
from .layout import edition_for
from .model import Document
from .output.report import Report, RuleInfo
from .pack import Pack
from .readers import LINE_FORMATS, SUFFIXES, load_document
from .rulepack import default_pack, load_pack

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}


def _is_report_name(name: str) -> bool:
    if name.startswith("~$") or name.startswith(".~lock"):
        return False  # Word / LibreOffice lock files
    dot = name.rfind(".")
    return 0 < dot < len(name) - 1 and name[dot:].lower() in SUFFIXES  # Path(name).suffix, as a string


def walked(path: str, folder: str) -> bool:
    """Whether walking ``folder`` (as :func:`collect` does) picks up ``path``, whether or not it exists yet."""
    rel = os.path.relpath(path, folder)
    if rel == os.curdir or rel.startswith(os.pardir + os.sep) or rel == os.pardir or os.path.isabs(rel):
        return False
    *dirs, name = Path(rel).parts
    return _is_report_name(name) and not any(d in SKIP_DIRS or d.startswith(".") for d in dirs)


def collect(paths: Iterable[str], errors: list[ReportlintError] | None = None) -> Iterator[str]:
    """Files named explicitly are always checked; directories are walked for report files, in sorted order. A folder
    that cannot be read is an ``unreadable`` input error in ``errors`` (never passed over in silence)."""

    def unreadable(exc: OSError) -> None:
        if errors is not None:
            errors.append(InputError(str(exc.filename or exc), "unreadable", exc.strerror or type(exc).__name__))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                # str(Path(root) / name) for every name, with the Path made once a folder ("./a//b" → "a/b/")
                prefix = str(Path(root) / "_")[:-1]
                for name in sorted(files):
                    if _is_report_name(name):
                        yield prefix + name
        else:
            yield raw


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
        if time.monotonic() > deadline:
            error = CheckError(doc.path, rule.id, "time budget spent", budget=limits.current.seconds)
            if errors is None:
                raise error
            errors.append(error)
            break
        try:
            findings.extend(KINDS[rule.kind].check(ctx, rule))
        except PatternTimeout as exc:
            error = CheckError(doc.path, rule.id, str(exc), timeout=True)
            if errors is None:
                raise error from exc
            errors.append(error)
        except Exception as exc:  # noqa: BLE001 - a rule bug must not hide the other rules' findings
            error = CheckError(doc.path, rule.id, f"{type(exc).__name__}: {exc}")
            if errors is None:
                raise error from exc
            errors.append(error)
    findings.sort(key=Finding.sort_key)
    return findings


def rule_infos(pack: Pack) -> list[RuleInfo]:
    """What formatters, ``explain`` and ``rules`` show about each rule of a pack."""
    infos = []
    for rule in pack.rules:
        spec = rule.spec
        description = {"zh": str(spec.get("description", "")), "en": str(spec.get("description_en", ""))}
        help_ = {lang: {k: str(v) for k, v in text.items()} for lang, text in (spec.get("help") or {}).items()}
        infos.append(RuleInfo(rule.id, rule.kind, rule.severity, pack.name, rule.source,
                              {k: v for k, v in description.items() if v}, help_))
    return infos


def lint_paths(paths: Iterable[str], pack: Pack | None = None, lang: str = "zh",
               progress: Callable[[str], None] | None = None, resolver: Resolver | None = None,
               history: Iterable[str] = (), jobs: int = 1, keep_tables: bool = True,
               spill_findings: bool = False) -> Report:
    """Lint files and directories. Each file gets the pack its ``.reportlint.yaml`` chooses (``resolver``; by
    default configurations are discovered), unless ``pack`` is given for all. ``keep_tables`` keeps a snapshot of
    every table with findings (the HTML report draws them); nothing else of a document outlives its own linting.
    ``progress`` is called after each file. Rules across years compare the reports checked together, and earlier
    reports found under ``history`` (files or folders, read but not linted).

    ``jobs`` > 1 lints files in that many worker processes (``jobs`` = 0: one per core). Results are merged in the
    order of the files, so the report is the same whatever ``jobs`` is.

    ``spill_findings`` keeps each file's findings in a temporary file as it is done: ``report.findings`` is then
    a :class:`~reportlint.spill.SpilledFindings`, to be gone through in order (text, concise and GitHub output), and
    a batch of any size takes the memory of one report (close it with ``report.findings.close()``)."""
    report = Report(lang=lang)
    memo = RunMemo()  # what this run remembers across its documents (table layouts, plans from labels)
    years = History()
    resolver = resolver or Resolver()
    broken: set[int] = set()  # configuration errors already reported
    # What the files' configurations give (their packs' rules, configuration errors) comes before what linting
    # gives, whether the tasks are made all first (workers) or one by one as they are linted (one process, which
    # keeps no task per file): the output is the same either way.
    config_errors: list[ReportlintError] = []
    task_rules: list[RuleInfo] = []
    task_rule_ids: set[str] = set()
    result_rules: list[RuleInfo] = []
    result_rule_ids: set[str] = set()
    packs_seen: dict[int, Pack] = {}
    if pack is not None:
        _add_rules(task_rules, pack, task_rule_ids)
    if spill_findings:
        from .spill import SpilledFindings

        report.findings = SpilledFindings()  # type: ignore[assignment]

    walk_errors: list[ReportlintError] = []

    def tasks() -> Iterator[Task]:
        for path in collect(paths, walk_errors):
            choose = None
            if pack is not None:
                use, ignores = pack, []
            else:
                try:
                    resolution = resolver.resolve(path)
                except ConfigError as exc:
                    if id(exc) not in broken:
                        broken.add(id(exc))
                        config_errors.append(exc)
                    report.paths.append(path)
                    report.not_checked[path] = exc
                    continue
                if resolution.excluded:
                    continue
                use, ignores = resolution.pack, resolution.ignores
                if id(use) not in packs_seen:  # a pack's rules are listed once, not once per file
                    packs_seen[id(use)] = use
                    _add_rules(task_rules, use, task_rule_ids)
                choose = resolution.by_edition
            report.paths.append(path)
            yield Task(path, use, ignores, choose, keep_tables, memo)

    for task, result in _run_tasks(tasks(), jobs):
        report.errors.extend(result.errors)
        if result.format in LINE_FORMATS:  # only these tell formatters something (nothing kept per .docx)
            report.formats[result.path] = result.format
        if result.not_checked is not None:
            report.not_checked[result.path] = result.not_checked
        if result.skip_reason is not None:
            report.skipped.append(result.path)
            report.skip_reasons[result.path] = result.skip_reason
        if spill_findings:
            report.findings.add(result.path, result.findings)  # type: ignore[attr-defined]
        else:
            report.findings.extend(result.findings)
        if result.tables:
            report.tables[result.path] = result.tables
        for info in result.rules:
            if info.id not in result_rule_ids:
                result_rule_ids.add(info.id)
                result_rules.append(info)
        if result.entry is not None:
            # the rules travel as ids (a worker's copies of the pack's rules would be kept once per report)
            pack_used = task.by_edition(result.edition) if result.edition and task.by_edition else task.pack
            years.add(result.entry, pack_used)
        if progress is not None:
            progress(result.path)
    report.errors[:0] = walk_errors + config_errors
    report.rules = task_rules + [info for info in result_rules if info.id not in task_rule_ids]
    _read_history(history, set(report.paths), years, memo)
    if years.with_rules:
        across = _across_years(years)
        if across and spill_findings:
            report.findings.add_late(across, report.paths)  # type: ignore[attr-defined]
        elif across:
            report.findings.extend(across)
            order = {p: i for i, p in enumerate(report.paths)}
            report.findings.sort(key=lambda f: (order.get(f.path, len(order)), f.sort_key()))
    years.close()
    if not report.rules:
        _add_rules(report.rules, default_pack(), set())
    return report


@dataclass(slots=True)
class Task:
    """One file to lint with its pack (``by_edition`` picks the national pack of the report's edition)."""

    path: str
    pack: Pack
    ignores: list[str]
    by_edition: Callable[[str], Pack] | None = None
    keep_tables: bool = True
    memo: RunMemo | None = None  # the run's, shared by its tasks (a forked worker has its copy)


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


MIN_FILES_PER_JOB = 4  # fewer files than this per worker: start-up of the pool costs more than it saves


def _run_tasks(tasks: Iterator[Task], jobs: int) -> Iterator[tuple[Task, FileResult]]:
    """(task, result) in task order. In one process a task is made only when its file is linted; workers are
    handed the whole list."""
    if jobs == 1:
        for task in tasks:
            yield task, lint_file(task)
        return
    listed = list(tasks)
    yield from zip(listed, _run(listed, jobs), strict=True)


def _run(tasks: list[Task], jobs: int) -> Iterator[FileResult]:
    """Results in task order: in this process, or in ``jobs`` forked workers (see :mod:`.workers`: a worker that
    dies costs only its own file, ``worker-died``, and the run ends with exit code 2)."""
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    jobs = min(jobs, len(tasks) // MIN_FILES_PER_JOB)
    if jobs > 1:
        import multiprocessing  # only here: its import is a twentieth of a one-file run's start-up

        if "fork" not in multiprocessing.get_all_start_methods():
            jobs = 1  # Windows: no fork; the tasks' packs and closures are not sent to spawned workers
    if jobs <= 1:
        for task in tasks:
            yield lint_file(task)
        return
    from . import workers

    yield from workers.run(tasks, jobs, lint_file,
                           lambda task: FileResult(task.path, errors=[InputError(task.path, "worker-died")]))


def _summary(doc: Document, pack: Pack, ignores: list[str], ctx: Context | None = None) -> Entry | None:
    """What the rules across years need of a report (every report: it may be another one's previous year)."""
    if doc.year is None or not (agency := agency_of(doc.title)):
        return None
    kinds = ACROSS_YEARS
    rules = [r for r in pack.rules if r.kind in kinds and r.severity != "off"]
    ctx = ctx or Context.create(doc, pack)
    try:
        data = {kind: module.summarize(ctx) for kind, module in kinds.items()}
    except Exception:  # noqa: BLE001 - a report whose tables cannot be summarised is not compared, never a crash
        return None
    return Entry(doc.path, agency, agency_key(agency), doc.year, data, rules, ignores)


def _read_history(paths: Iterable[str], linted: set[str], years: History, memo: RunMemo) -> None:
    """Earlier reports: read (never linted) with the national pack of their edition; unreadable files are
    passed over."""
    packs: dict[str, Pack] = {}
    for path in collect(paths):
        if path in linted:
            continue
        try:
            doc = load_document(path, memo.layouts)
        except InputError:
            continue
        edition = edition_for(doc)
        if edition not in packs:
            packs[edition] = load_pack(f"national-{edition}")
        ctx = Context.create(doc, packs[edition], memo=memo)
        if assess(ctx).report and (entry := _summary(doc, packs[edition], [], ctx)) is not None:
            years.add(entry, packs[edition])


def _across_years(years: History) -> list[Finding]:
    """Each report against the same agency's report of the year before; a year's entries are read back from
    disk while it is compared (the year before's all at once, this year's one by one)."""
    kinds = ACROSS_YEARS
    found: list[Finding] = []
    all_years = years.years()
    for year in all_years:
        if year - 1 not in all_years:
            continue
        before_year = years.of_year(year - 1)
        for entry in years.of_year(year):
            if not entry.rules:
                continue
            previous = years.previous(entry, before_year)
            if previous is None:
                continue
            for rule in entry.rules:

                def finding(rule, zh, en, location, details, entry=entry) -> Finding:
                    return Finding(rule.id, rule.severity, zh, en, location, entry.path, details)

                current = Entry(entry.path, entry.agency, entry.key, entry.year, entry.data[rule.kind])
                before = Entry(previous.path, previous.agency, previous.key, previous.year,
                               previous.data[rule.kind])
                for f in kinds[rule.kind].compare(current, before, rule, finding):
                    if not is_rule_ignored(f.rule, entry.ignores):
                        found.append(f)
    return found


def _add_rules(rules: list[RuleInfo], pack: Pack, known: set[str]) -> None:
    for info in rule_infos(pack):
        if info.id not in known:
            known.add(info.id)
            rules.append(info)


def lint_file(task: Task) -> FileResult:
    """Read and lint one file (in this process or a worker) within the document's time budget (``--limit
    seconds``): past it, reading or the rules stop, and the file is one ``too-slow`` error."""
    try:
        with limits.time_budget(limits.current.seconds):
            return _lint_file(task)
    except limits.OverBudget:
        return FileResult(task.path, errors=[InputError(task.path, "too-slow", f"{limits.current.seconds:g} s")])


def _lint_file(task: Task) -> FileResult:
    result = FileResult(task.path)
    pack = task.pack
    memo = task.memo or RunMemo()
    try:
        doc = load_document(task.path, memo.layouts)
    except InputError as exc:
        result.errors.append(exc)
        return result
    result.format = doc.format
    ctx = Context.create(doc, pack, task.ignores, memo)  # shared with the summary across years: tables located once
    verdict = assess(ctx)
    if not verdict.report:
        result.skip_reason = (verdict.reason_zh, verdict.reason_en)
        return result
    if task.by_edition is not None:
        result.edition = edition_for(doc, ctx.tables)
        try:
            chosen = task.by_edition(result.edition)
        except ConfigError as exc:  # the configuration's local rules do not fit the other edition's pack
            result.errors.append(exc)
            result.not_checked = exc
            return result
        if chosen is not pack:
            result.rules = rule_infos(chosen)
            pack = chosen
            ctx = Context.create(doc, pack, task.ignores, memo)
    findings = lint_document(doc, pack, result.errors, ctx)  # per-file ignores: the context skips those rules
    result.findings = findings
    wanted = {f.location.table for f in findings if f.location.table is not None}
    if wanted and task.keep_tables:
        result.tables = {t.index: t.to_dict() for t in doc.tables if t.index in wanted}
    result.entry = _summary(doc, pack, task.ignores, ctx)
    if result.entry is not None:
        result.entry.rules = [r.id for r in result.entry.rules]
    doc.release()
    return result


Result = Report  # the name used before formatters got their own report type
