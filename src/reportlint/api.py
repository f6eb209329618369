"""What the CLI, the pre-commit hook and tests call: paths in, findings and input errors out.

:func:`check` runs what ``reportlint check`` asks (:class:`CheckOptions`); :func:`lint_paths` (:mod:`.batch`) and
:func:`lint_document` / :func:`lint_file` (:mod:`.engine`) are the layers below it; :func:`dump` is what
``reportlint dump`` shows of one file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from .batch import lint_paths
from .config import Resolver
from .engine import FileResult, Task, lint_document, lint_file
from .errors import ReportlintError, UsageError
from .model import Document
from .output import BY_NAME
from .output.report import Report
from .rulepack import default_pack, load_pack, rule_infos
from .selection import Selection
from .suppress import apply_baseline, load_baseline
from .walk import collect, walked

__all__ = ["CheckOptions", "check_selection", "Dumped", "FileResult", "Task", "check", "collect", "default_pack", "dump",
           "lint_document", "lint_file", "lint_paths", "load_pack", "resolver", "rule_infos",
           "Selection", "walked"]


@dataclass(frozen=True)
class CheckOptions:
    """What a ``check`` run is asked to do (the command line's options, parsed and checked for usage)."""

    paths: tuple[str, ...] = (".",)
    format: str = "text"
    lang: str = "zh"
    config: str | None = None
    rules: str | None = None
    history: tuple[str, ...] = ()
    baseline: str | None = None
    write_baseline: str | None = None
    output: str | None = None
    statistics: bool = False
    jobs: int = 1
    selection: Selection = Selection()  # --select, --ignore … on top of the configuration
    respect_ignores: bool = True  # folder walks skip what .gitignore, .ignore and .git/info/exclude ignore
    stdin: bytes | None = None  # the content of the path "-", read from standard input
    stdin_filename: str | None = None  # its name: the reader (by suffix), the configuration and ignores follow it
    auto_history: bool = True  # look for the year before where the configuration or the repository has it

    def stdin_named(self) -> tuple[str, bytes] | None:
        """(name, content) of standard input; without a name, ``stdin`` with the suffix its content suggests."""
        if self.stdin is None:
            return None
        from .readers import sniff_suffix

        return self.stdin_filename or f"stdin{sniff_suffix(self.stdin)}", self.stdin

    @property
    def streamed(self) -> bool:
        """Whether the output is written in one pass over findings kept on disk (docs/PERFORMANCE.md)."""
        return BY_NAME[self.format].streamed and not (self.statistics or self.baseline or self.write_baseline)


@dataclass
class Prepared:
    """A run ready to start: the files found, the configuration resolver, the baseline recorded."""

    options: CheckOptions
    paths: list[str]
    resolver: Resolver
    walk_errors: list[ReportlintError] = field(default_factory=list)
    recorded: object = None


def resolver(config: str | None, rules: str | None) -> Resolver:
    """The per-file pack resolver; an explicit configuration or pack that is broken raises its ConfigError."""
    from .config import Config

    if config:
        Config.load(config)
    if rules:
        load_pack(rules)
    return Resolver(config, rules)


def prepare(options: CheckOptions) -> Prepared:
    """Everything a run checks before it starts: the configuration, the baseline, the history, the files, and that
    no output would overwrite an input. Raises a :class:`ReportlintError` (exit 2, nothing checked)."""
    found = Prepared(options, [], resolver(options.config, options.rules))
    if options.baseline:
        found.recorded = load_baseline(options.baseline)
    for place in options.history:
        if not os.path.exists(place):
            raise UsageError.said("reportlint: error: --history {place}: no such file or directory", place=place)
    if options.selection:
        check_selection(options.selection, options.paths, found.resolver)
    found.paths = list(collect(options.paths, found.walk_errors, options.respect_ignores))
    for option, target in (("--output", options.output), ("--write-baseline", options.write_baseline)):
        if target and (clash := _clobbers(target, found.paths, options)) is not None:
            if os.path.isdir(clash):
                raise UsageError.said("reportlint: error: {option} {target} would be written into {clash}, a folder this run checks, where the next run would check it; write it elsewhere",
                                      option=option, target=target, clash=clash)
            raise UsageError.said("reportlint: error: {option} {target} would overwrite {clash}, which this run checks; write it elsewhere",
                                  option=option, target=target, clash=clash)
    return found


def check_selection(selection: Selection, paths: tuple[str, ...], resolve: Resolver) -> None:
    """Every selector names a rule of some pack the run may use: the shipped national packs, --rules, and what the
    configurations of the paths given choose (their local rules included)."""
    known = {r.id for name in ("national-2021", "national-2019") for r in load_pack(name).rules}
    for path in paths:
        try:
            resolution = resolve.resolve(path, honour_exclude=False)
        except ReportlintError:
            return  # which rules there are is not known: the run says why
        known |= {r.id for r in resolution.pack.rules}
    for selector, close in selection.unknown(known):
        if close:
            raise UsageError.said("reportlint: error: {selector!r} is neither the id nor a prefix of any rule; did you mean {close}? (reportlint rules lists them)",
                                  selector=selector, close=close)
        raise UsageError.said("reportlint: error: {selector!r} is neither the id nor a prefix of any rule (reportlint rules lists them)",
                              selector=selector)


def _clobbers(target: str, inputs: list[str], options: CheckOptions) -> str | None:
    """What writing ``target`` would destroy or pollute: an input of the run (the same file by any path), or a
    folder the run walks where the file would be checked next time."""
    from .output_path import conflict

    folders = [p for p in options.paths if os.path.isdir(p)]
    history = [p for p in options.history if os.path.isfile(p)]
    return conflict(target, [*inputs, *history, *([options.baseline] if options.baseline else [])], folders, walked)


def check(run: Prepared, progress: Callable[[str], None] | None = None, in_memory: bool = False) -> Report:
    """Lint the prepared run's files; the baseline, when given, hides what it records. With ``options.streamed``
    (and not ``in_memory``) the report's findings are on disk (close them when done)."""
    options = run.options
    report = lint_paths(run.paths, lang=options.lang, progress=progress, resolver=run.resolver,
                        history=options.history, jobs=options.jobs, keep_tables=BY_NAME[options.format].tables,
                        spill_findings=options.streamed and not in_memory, selection=options.selection,
                        respect_ignores=options.respect_ignores, stdin=options.stdin_named(),
                        auto_history=options.auto_history)
    report.errors[:0] = run.walk_errors
    if run.recorded is not None and options.baseline:
        apply_baseline(report, run.recorded, options.baseline)  # type: ignore[arg-type]
    return report


@dataclass
class Dumped:
    """What ``dump`` shows of one file: the document, the pack's tables it identified (table index → (id, name)),
    and whether it is taken for a report (and why not)."""

    doc: Document
    identified: dict[int, tuple[str, str]]
    report: bool
    reason: str
    subject: str  # the pack's report.subject


def dump(path: str, resolve: Resolver, lang: str = "zh") -> Dumped:
    """Read one file as the checks see it. Raises :class:`ReportlintError` for a file or configuration that cannot
    be read."""
    from .checks.base import Context
    from .checks.report_shape import assess
    from .checks.report_year import complete_year
    from .readers import load_document

    pack = resolve.resolve(path, honour_exclude=False).pack
    doc = load_document(path)
    complete_year(doc)
    ctx = Context.create(doc, pack)
    identified = {}
    for tid, tdef in pack.tables.items():
        if (table := ctx.located(tid)) is not None:
            identified[table.index] = (tid, tdef.named(lang))
    verdict = assess(ctx)
    return Dumped(doc, identified, verdict.report, verdict.reason_en if lang == "en" else verdict.reason_zh,
                  pack.report.subject)
