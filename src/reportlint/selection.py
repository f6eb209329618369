"""Which rules a run checks, chosen on the command line as Ruff does: ``--select`` (only these), ``--extend-select``
(these too), ``--ignore`` / ``--extend-ignore`` (not these), each a list of rule ids or id prefixes (``t3`` and
``t3-`` both mean every ``t3-…`` rule). On top of the configuration: a rule its pack or configuration switches off
stays off. Where a rule matches both a selection and an ignore, the more specific selector wins (an exact id over a
prefix, a longer prefix over a shorter); at equal specificity the ignore does.

The rules a file does not run are added to its ignored rules (``per-file-ignores``), so every place that honours
those (the rules of one document, across years, sums over parts) honours the selection."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .suggest import did_you_mean


def matches(selector: str, rule_id: str) -> bool:
    """Whether ``selector`` (an id, or a prefix ending in "-" or naming whole id parts) names ``rule_id``."""
    return (rule_id == selector or (selector.endswith("-") and rule_id.startswith(selector))
            or rule_id.startswith(selector + "-"))


def _specificity(selectors: Iterable[str], rule_id: str) -> int:
    return max((len(s) for s in selectors if matches(s, rule_id)), default=-1)


@dataclass(frozen=True)
class Selection:
    """``select``: the rules chosen (None: every rule the configuration enables); ``ignore``: the rules left out."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()

    @classmethod
    def from_options(cls, select: Iterable[str] | None = None, extend_select: Iterable[str] = (),
                     ignore: Iterable[str] = (), extend_ignore: Iterable[str] = ()) -> Selection:
        chosen = None if select is None else (*select, *extend_select)
        return cls(chosen, (*ignore, *extend_ignore))

    def __bool__(self) -> bool:
        return self.select is not None or bool(self.ignore)

    def runs(self, rule_id: str) -> bool:
        chosen = 0 if self.select is None else _specificity(self.select, rule_id)
        return chosen >= 0 and chosen > _specificity(self.ignore, rule_id)

    def left_out(self, rule_ids: Iterable[str]) -> list[str]:
        """The ids of ``rule_ids`` this selection does not run."""
        return [r for r in rule_ids if not self.runs(r)]

    def unknown(self, rule_ids: Iterable[str]) -> list[tuple[str, str | None]]:
        """The selectors that name none of ``rule_ids``, each with the closest id (or None)."""
        known = sorted(set(rule_ids))
        out = []
        for selector in (*(self.select or ()), *self.ignore):
            if not any(matches(selector, r) for r in known):
                out.append((selector, did_you_mean(selector, known)))
        return out


def parse_list(values: list[str] | None) -> list[str] | None:
    """Comma-separated, repeatable option values as one list (None when the option was not given)."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
