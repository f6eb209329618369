"""What a rule kind is: its name, how a rule's settings are compiled into its frozen spec, what it checks in one
document, its documentation in Chinese and English; and, for kinds that compare a report with the year before,
how a report is summarised and two summaries compared. Kinds are registered in :data:`reportlint.checks.KINDS`.

A new kind is one module beside the others that ends with ``RULE_KIND = Kind(KIND, compile, check, DOC)`` (or
``AcrossYears(…)``), its settings in ``pack/schema.json`` (``$defs/rule``, one ``if kind … then`` branch), and its name
in the list of :mod:`reportlint.checks`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..findings import Finding
    from ..history import Entry
    from ..pack import Pack, Rule
    from .base import Context

@dataclass(frozen=True)
class Doc:
    """A rule kind's documentation, shown by ``reportlint explain``: what it does, why, examples, configuration."""

    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return inspect.cleandoc(self.en if lang == "en" else self.zh)


@dataclass(frozen=True)
class NoSettings:
    """The spec of a kind that takes no settings."""


def no_settings(rule: Rule, pack: Pack) -> NoSettings:
    """The compile step of a kind that takes no settings."""
    return NoSettings()


@dataclass(frozen=True)
class Kind:
    """A rule kind. ``compile(rule, pack)`` turns a rule's settings into its spec (``rule.compiled``) or raises
    :class:`~.base.SpecError` naming the setting; ``check(ctx, rule)`` gives the rule's findings in one document."""

    name: str
    compile: Callable[[Rule, Pack], Any]  # its frozen Spec
    check: Callable[[Context, Rule], Iterable[Finding]]
    doc: Doc


Make = Callable[..., "Finding"]  # (rule, zh, en, location, details, related=()) -> a finding of the current report


@dataclass(frozen=True)
class AcrossYears(Kind):
    """A rule kind that compares a report with the same agency's report of the year before: ``summarize(ctx)`` what
    it needs of one report (of every report: it may be another one's year before), ``compare(current, before,
    rule, make)`` two summaries (``Entry.data`` holding this kind's), each finding made by ``make(rule, zh, en,
    location, details)``."""

    summarize: Callable[[Context], dict[str, Any]]
    compare: Callable[[Entry, Entry, Rule, Make], Iterable[Finding]]
