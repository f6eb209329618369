"""Linting many files: collect them from the paths given, give each the pack its configuration chooses, lint them
here or in forked workers (:mod:`.workers`), gather the results in file order into one
:class:`~reportlint.output.report.Report` (findings spilled to disk as they come, for formats written in one pass),
then run the rules across years over everything read."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

from .across_years import compare, read_history
from .aggregates import Aggregates, not_a_report, problem_of
from .checks.tableindex import RunMemo
from .config import Resolver
from .earlier import Titles, candidates, lacking
from .engine import FileResult, Task, lint_file
from .errors import ConfigError, InputError, ReportlintError
from .findings import Finding
from .history import History
from .output.report import Report, RuleInfo
from .pack import Pack
from .readers import CONVERTED_FORMATS, LINE_FORMATS
from .rulepack import default_pack, rule_infos
from .selection import Selection
from .suppress import Inline
from .walk import collect

# Workers are started only for enough work to pay for them. Measured with bench/run.py (parallel): starting the
# pool costs about 80 ms of CPU; on short .docx reports (4 ms each) -j 2 was slower and took 30-40 % more CPU on
# 8 and 16 files and broke even at 32. A PDF (~370 ms) or a .doc converted by LibreOffice (~1 s) is worth many.
MIN_WORK_PER_JOB = 16  # in units of one short report; REPORTLINT_MIN_WORK_PER_JOB sets another (1: always workers)
_WORK = {".pdf": 50, ".doc": 100, ".wps": 100}  # units a file of this suffix is worth; any other: 1


def lint_paths(paths: Iterable[str], pack: Pack | None = None, lang: str = "zh",
               progress: Callable[[str], None] | None = None, resolver: Resolver | None = None,
               history: Iterable[str] = (), jobs: int = 1, keep_tables: bool = True,
               spill_findings: bool = False, selection: Selection | None = None, respect_ignores: bool = True,
               stdin: tuple[str, bytes] | None = None, auto_history: bool = True) -> Report:
    """Lint files and directories. Each file gets the pack its ``.reportlint.yaml`` chooses (``resolver``; by
    default configurations are discovered), unless ``pack`` is given for all. ``keep_tables`` keeps a snapshot of
    every table with findings (the HTML report draws them); nothing else of a document outlives its own linting.
    ``progress(path)`` is called as each file is done (with workers, with "" for a path). Rules across years compare the reports checked together, and earlier
    reports found under ``history`` (files or folders, read but not linted) and, with ``auto_history``, where the
    configuration's ``history:`` or the repository has them (:mod:`reportlint.earlier`).

    ``jobs`` > 1 lints files in that many worker processes (``jobs`` = 0: one per core). Results are merged in the
    order of the files, so the report is the same whatever ``jobs`` is.

    ``spill_findings`` keeps each file's findings in a temporary file as it is done: ``report.findings`` is then
    a :class:`~reportlint.spill.SpilledFindings`, to be gone through in order (text, concise and GitHub output), and
    a batch of any size takes the memory of one report (close it with ``report.findings.close()``).

    ``selection``: the rules chosen on the command line (``--select``/``--ignore``), on top of each file's
    configuration. ``respect_ignores``: folder walks skip what ``.gitignore`` and ``.ignore`` ignore. ``stdin``: (name,
    content) of the file ``-`` stands for among ``paths``."""
    batch = _Batch(pack, lang, resolver or Resolver(), keep_tables, spill_findings, selection or Selection())
    batch.respect_ignores, batch.stdin, batch.auto_history = respect_ignores, stdin, auto_history
    for task, result in _run_tasks(batch.tasks(paths), jobs, progress):
        batch.add(task, result)
    return batch.finish(history)


class _Rules:
    """The rules a report lists, each once, in the order first seen."""

    def __init__(self) -> None:
        self.infos: list[RuleInfo] = []
        self.ids: set[str] = set()

    def add(self, infos: Iterable[RuleInfo]) -> None:
        for info in infos:
            if info.id not in self.ids:
                self.ids.add(info.id)
                self.infos.append(info)


class _Batch:
    """One run over many files: the tasks made from the paths, and the report their results fill.

    What the files' configurations give (their packs' rules, configuration errors) comes before what linting gives,
    whether the tasks are made all first (workers) or one by one as they are linted (one process, which keeps no
    task per file): the output is the same either way."""

    def __init__(self, pack: Pack | None, lang: str, resolver: Resolver, keep_tables: bool, spill: bool,
                 selection: Selection) -> None:
        self.pack, self.resolver, self.keep_tables, self.spill = pack, resolver, keep_tables, spill
        self.selection = selection
        self.respect_ignores = True
        self.auto_history = True
        self.titles: Titles | None = None  # the title cache, when earlier reports are looked for
        self.stdin: tuple[str, bytes] | None = None
        self.left_out: dict[int, list[str]] = {}  # id(pack) → the ids of its rules the selection does not run
        self.report = Report(lang=lang)
        self.memo = RunMemo()  # what this run remembers across its documents (table layouts, plans from labels)
        self.years = History()
        self.aggregates = Aggregates()  # summary reports and their parts (`aggregates:` of a configuration)
        self.inline: dict[str, Inline] = {}  # the files with inline suppressions
        self.walk_errors: list[ReportlintError] = []
        self.config_errors: list[ReportlintError] = []
        self.broken: set[int] = set()  # configuration errors already reported
        self.packs_seen: set[int] = set()
        self.task_rules, self.result_rules = _Rules(), _Rules()
        if pack is not None:
            self.task_rules.add(rule_infos(pack))
        if spill:
            from .spill import SpilledFindings

            self.report.findings = SpilledFindings()  # type: ignore[assignment]

    def tasks(self, paths: Iterable[str]) -> Iterator[Task]:
        for path in collect(paths, self.walk_errors, self.respect_ignores):
            if path == "-" and self.stdin is not None:
                name, data = self.stdin
                task = self._task(name)
                if task is not None:
                    task.data = data
            else:
                task = self._task(path)
            if task is not None:
                yield task

    def _task(self, path: str) -> Task | None:
        if self.pack is not None:
            self.report.paths.append(path)
            return Task(path, self.pack, self._left_out(self.pack, None), None, self.keep_tables, self.memo)
        try:
            resolution = self.resolver.resolve(path)
        except ConfigError as exc:
            if id(exc) not in self.broken:
                self.broken.add(id(exc))
                self.config_errors.append(exc)
            self.report.paths.append(path)
            self.report.not_checked[path] = exc
            return None
        if resolution.excluded:
            return None
        if id(resolution.pack) not in self.packs_seen:  # a pack's rules are listed once, not once per file
            self.packs_seen.add(id(resolution.pack))
            self.task_rules.add(rule_infos(resolution.pack))
        self.report.paths.append(path)
        ignores = resolution.ignores + self._left_out(resolution.pack, resolution.by_edition)
        return Task(path, resolution.pack, ignores, resolution.by_edition, self.keep_tables, self.memo,
                    self.aggregates.wants(resolution.config, path))

    def _left_out(self, pack: Pack, by_edition: Callable[[str], Pack] | None) -> list[str]:
        """The rules of ``pack`` (and of the packs of both editions, when the report's edition chooses) that the
        selection does not run."""
        if not self.selection:
            return []
        if id(pack) not in self.left_out:
            packs = [pack]
            for edition in ("2019", "2021") if by_edition else ():
                try:
                    packs.append(by_edition(edition))  # type: ignore[misc]
                except ConfigError:
                    pass  # reported for the file that needs that edition
            ids = dict.fromkeys(r.id for p in packs for r in p.rules)
            self.left_out[id(pack)] = self.selection.left_out(ids)
        return self.left_out[id(pack)]

    def add(self, task: Task, result: FileResult) -> None:
        report = self.report
        report.errors.extend(result.errors)
        if result.format in LINE_FORMATS or result.format in CONVERTED_FORMATS:  # what formatters say per file
            report.formats[result.path] = result.format
        if result.identity is not None:
            report.identities[result.path] = result.identity
        if result.not_checked is not None:
            report.not_checked[result.path] = result.not_checked
        if result.skip_reason is not None:
            report.skipped.append(result.path)
            report.skip_reasons[result.path] = result.skip_reason
        if self.spill:
            report.findings.add(result.path, result.findings)  # type: ignore[attr-defined]
        else:
            report.findings.extend(result.findings)
        if result.tables:
            report.tables[result.path] = result.tables
        if result.inline is not None:
            self.inline[result.path] = result.inline
        self.result_rules.add(result.rules)
        pack_used = task.by_edition(result.edition) if result.edition and task.by_edition else task.pack
        if result.entry is not None:
            # the rules travel as ids (a worker's copies of the pack's rules would be kept once per report)
            self.years.add(result.entry, pack_used)
        if task.numbers:
            errors = [e for e in result.errors if isinstance(e, (InputError, ConfigError))]
            problem = (problem_of(errors[0]) if errors and result.numbers is None
                       else not_a_report(*result.skip_reason) if result.skip_reason else None)
            self.aggregates.add(result.path, result.numbers, problem, pack_used, tuple(task.ignores))

    def finish(self, history: Iterable[str]) -> Report:
        report = self.report
        report.errors[:0] = self.walk_errors + self.config_errors
        report.rules = self.task_rules.infos + [i for i in self.result_rules.infos if i.id not in self.task_rules.ids]
        history = list(history)
        read_history(history + self._earlier(), set(report.paths), self.years, self.memo, self.titles)
        if self.titles is not None:
            self.titles.save()
        if history:  # the earlier years' reports, for the review page's list of reports not handed in
            checked = set(report.paths)
            report.earlier = [(e.agency, e.year) for y in self.years.years() for e in self.years.of_year(y)
                              if e.path not in checked]
        late = compare(self.years) if self.years.with_rules else []
        self.years.close()
        late += self.aggregates.compare(self.memo)
        late = self._suppressed(late)
        if late and self.spill:
            report.findings.add_late(late, report.paths)  # type: ignore[attr-defined]
        elif late:
            report.findings.extend(late)
            order = {p: i for i, p in enumerate(report.paths)}
            report.findings.sort(key=lambda f: (order.get(f.path, len(order)), f.sort_key()))
        if not report.rules:
            report.rules = rule_infos(default_pack())
        return report


    def _earlier(self) -> list[str]:
        """The files where the year before of the checked reports that lack it may be (:mod:`reportlint.earlier`)."""
        if not self.auto_history or not self.years.with_rules:
            return []
        self.titles = Titles()  # what earlier runs read (the run's own reports are not noted: memory)
        return candidates(lacking(self.report.identities), self.resolver, set(self.report.paths), self.titles)

    def _suppressed(self, late: list[Finding]) -> list[Finding]:
        """The findings known only at the end, less what the files' inline suppressions hide, and the suppressions
        that hid nothing at all (counted in the report)."""
        kept = []
        for f in late:
            inline = self.inline.get(f.path)
            kept += inline.keep([f]) if inline is not None else [f]
        for inline in self.inline.values():
            kept += inline.unused()
            self.report.suppressed += inline.hidden
            if inline.accepted:
                self.report.accepted[inline.path] = inline.accepted
        return kept


def _run_tasks(tasks: Iterator[Task], jobs: int, progress: Callable[[str], None] | None
               ) -> Iterator[tuple[Task, FileResult]]:
    """(task, result) in task order. In one process a task is made only when its file is linted; workers are
    handed the whole list. ``progress(path)`` after each file is done (with workers, as each finishes, its path
    not known here: "")."""
    if jobs == 1:
        for task in tasks:
            result = lint_file(task)
            if progress is not None:
                progress(result.path)
            yield task, result
        return
    listed = list(tasks)
    yield from zip(listed, _run(listed, jobs, progress), strict=True)


def _min_work() -> int:
    try:
        return max(1, int(os.environ.get("REPORTLINT_MIN_WORK_PER_JOB", MIN_WORK_PER_JOB)))
    except ValueError:
        return MIN_WORK_PER_JOB


def _work(tasks: list[Task]) -> int:
    """The batch's work, in units of one short report (``_WORK``)."""
    return sum(_WORK.get(os.path.splitext(t.path)[1].lower(), 1) for t in tasks)


def _run(tasks: list[Task], jobs: int, progress: Callable[[str], None] | None) -> Iterator[FileResult]:
    """Results in task order: in this process, or in ``jobs`` forked workers (see :mod:`.workers`: a worker that
    dies costs only its own file, ``worker-died``, and the run ends with exit code 2)."""
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    jobs = min(jobs, len(tasks), _work(tasks) // _min_work())
    if jobs > 1:
        import multiprocessing  # only here: its import is a twentieth of a one-file run's start-up

        if "fork" not in multiprocessing.get_all_start_methods():
            jobs = 1  # Windows: no fork; the tasks' packs and closures are not sent to spawned workers
    if jobs <= 1:
        for task in tasks:
            result = lint_file(task)
            if progress is not None:
                progress(result.path)
            yield result
        return
    from . import workers

    yield from workers.run(tasks, jobs, lint_file,
                           lambda task: FileResult(task.path, errors=[InputError(task.path, "worker-died")]),
                           None if progress is None else lambda: progress(""))
