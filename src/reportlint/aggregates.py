"""Summary reports and their parts (``aggregates:`` in ``.reportlint.yaml``, rules of kind ``aggregate``): which files
of a run are summaries or parts, what their tables hold — kept from linting them, or read here for parts the run
does not check — and, once every file is in, each checked summary compared with the sum of its parts
(:func:`reportlint.checks.aggregate.compare`).

A summary is compared only when it is among the files checked; its parts are read whether or not they are. Parts
not checked in the run are read with the summary's pack, never linted. One :class:`Aggregates` per run."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import limits
from .checks.aggregate import KIND, Part, compare, numbers
from .checks.base import Context
from .checks.report_shape import assess
from .checks.report_year import complete_year
from .checks.tableindex import RunMemo
from .config import AggregateDef, Config
from .errors import ConfigError, InputError, ReportlintError
from .findings import Finding, Location, is_rule_ignored
from .i18n import Both, both, each
from .pack import Pack, Rule
from .readers import load_document

_GLOB = frozenset("*?[")


@dataclass
class Plan:
    """One summary of a configuration with its parts found: absolute paths; ``unmatched`` the entries of ``parts``
    (as written) that name no file."""

    config: Config
    definition: AggregateDef
    summary: str
    parts: list[str]
    unmatched: list[str]

    def name(self, path: str) -> str:
        """A part as messages name it: relative to the configuration's folder."""
        try:
            return Path(path).relative_to(self.config.root.resolve()).as_posix()
        except ValueError:
            return path


def make_plans(config: Config) -> list[Plan]:
    """The summaries a configuration names, each with its parts found on disk."""
    root = config.root.resolve()
    under_root: list[str] | None = None
    plans = []
    for definition in config.aggregates:
        summary = str((root / definition.summary).resolve())
        parts: dict[str, None] = {}
        unmatched = []
        for entry in definition.parts:
            if _GLOB & set(entry):
                if under_root is None:
                    under_root = _report_files(root)
                found = _matching(entry, root, under_root)
            else:
                found = _named(root / entry)
            if not found:
                unmatched.append(entry)
            parts.update(dict.fromkeys(p for p in found if p != summary))
        plans.append(Plan(config, definition, summary, list(parts), unmatched))
    return plans


def _report_files(root: Path) -> list[str]:
    from .walk import collect  # the walk of folders, as for the files checked

    return [str(Path(p).resolve()) for p in collect([str(root)])]


def _matching(pattern: str, root: Path, files: list[str]) -> list[str]:
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines([pattern])
    return [f for f in files if spec.match_file(Path(f).relative_to(root).as_posix())]


def _named(path: Path) -> list[str]:
    if path.is_dir():
        return _report_files(path)
    return [str(path.resolve())] if path.is_file() else []


def describe(config: Config | None, path: str) -> list[dict[str, Any]]:
    """For ``config show``: the summaries ``path`` is, or is a part of, with their parts as found now."""
    if config is None:
        return []
    from .pack.yamlio import position

    real = os.path.realpath(path)
    out = []
    for plan in make_plans(config):
        if real != plan.summary and real not in plan.parts:
            continue
        line = position(config.data, ["aggregates", plan.definition.index])[0]
        out.append({"summary": plan.definition.summary, "role": "summary" if real == plan.summary else "part",
                    "defined_at": f"{config.path}:{line}", "parts": [plan.name(p) for p in plan.parts],
                    "unmatched": plan.unmatched})
    return out


@dataclass
class _Read:
    """What the run knows of a summary or part: its numbers, or why it has none; for a checked summary, the pack it
    was checked with and the rules ignored for it."""

    path: str  # as the run names it
    numbers: dict[str, Any] | None = None
    problem: Both | None = None
    pack: Pack | None = None
    ignores: tuple[str, ...] = ()


@dataclass
class Aggregates:
    """The run's summaries and parts: :meth:`wants` tells the batch which files to keep the numbers of, :meth:`add`
    keeps them, :meth:`compare` gives the findings once all files are in."""

    _plans: dict[Path, list[Plan]] = field(default_factory=dict)
    _members: dict[Path, set[str]] = field(default_factory=dict)
    _read: dict[str, _Read] = field(default_factory=dict)

    def plans(self, config: Config) -> list[Plan]:
        if config.path not in self._plans:
            self._plans[config.path] = plans = make_plans(config)
            self._members[config.path] = {p.summary for p in plans} | {q for p in plans for q in p.parts}
        return self._plans[config.path]

    def wants(self, config: Config | None, path: str) -> bool:
        """Whether ``path`` is a summary or a part under ``config`` (its tables' numbers are then kept)."""
        if config is None or not config.aggregates:
            return False
        self.plans(config)
        return os.path.realpath(path) in self._members[config.path]

    def add(self, path: str, numbers: dict[str, Any] | None, problem: Both | None,
            pack: Pack | None = None, ignores: tuple[str, ...] = ()) -> None:
        self._read[os.path.realpath(path)] = _Read(path, numbers, problem, pack, ignores)

    def compare(self, memo: RunMemo) -> list[Finding]:
        """Each checked summary against its parts (parts not checked are read now, once each)."""
        found: list[Finding] = []
        for plans in self._plans.values():
            for plan in plans:
                summary = self._read.get(plan.summary)
                if summary is None or summary.numbers is None or summary.pack is None:
                    continue  # not checked in this run, or not a report (said already)
                rules = [r for r in summary.pack.rules if r.kind == KIND and r.severity != "off"
                         and not is_rule_ignored(r.id, summary.ignores)]
                if rules:
                    found.extend(self._compare(plan, summary, rules, memo))
        return found

    def _compare(self, plan: Plan, summary: _Read, rules: list[Rule], memo: RunMemo) -> list[Finding]:
        assert summary.pack is not None and summary.numbers is not None
        parts = [Part(entry, None, both("matches no file") if _GLOB & set(entry) else both("does not exist"))
                 for entry in plan.unmatched]
        for path in plan.parts:
            read = self._read.get(path) or self._read_part(path, summary.pack, memo)
            parts.append(Part(plan.name(path), read.numbers, read.problem))

        def make(rule: Rule, zh: str, en: str, location: Location, details: dict[str, Any]) -> Finding:
            return Finding(rule.id, rule.severity, zh, en, location, summary.path, details)

        found = []
        for rule in rules:
            found.extend(compare(summary.numbers, parts, rule, make, summary.pack))
        return found

    def _read_part(self, path: str, pack: Pack, memo: RunMemo) -> _Read:
        """A part the run does not check: read with the summary's pack, not linted, within a document's time."""
        try:
            with limits.time_budget(limits.current.seconds):
                read = _read(path, pack, memo)
        except limits.OverBudget:
            read = _Read(path, problem=problem_of(InputError(path, "too-slow", f"{limits.current.seconds:g} s")))
        self._read[path] = read
        return read


def _read(path: str, pack: Pack, memo: RunMemo) -> _Read:
    try:
        doc = load_document(path, memo.layouts)
    except InputError as exc:
        return _Read(path, problem=problem_of(exc))
    complete_year(doc)
    ctx = Context.create(doc, pack, memo=memo)
    verdict = assess(ctx)
    read = (_Read(path, numbers(ctx)) if verdict.report
            else _Read(path, problem=not_a_report(verdict.reason_zh, verdict.reason_en)))
    doc.release()
    return read


def problem_of(error: ReportlintError) -> Both:
    """Why a part that failed to read has no numbers, for the summary's finding."""
    if isinstance(error, InputError):
        return both("cannot be read ({reason})", reason=each(error.message))
    if isinstance(error, ConfigError):
        return both("was not checked: its configuration is broken")
    return both("cannot be read")


def not_a_report(reason_zh: str, reason_en: str) -> Both:
    return both("is not an annual report ({reason})", reason=Both(reason_zh, reason_en))
