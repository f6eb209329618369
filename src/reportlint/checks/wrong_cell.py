"""One defect, one finding: the single cell that explains several failing equations of a table.

A wrong number in table 3 breaks every equation it takes part in — a 自然人 cell of （七）总计 breaks E1 and E2 in
its column and E3 in its row — and three findings would bury the one defect. A cell is the culprit of the failing
equations it takes part in when

* it takes part in at least two failing equations, and in no equation that holds (changing it would break that
  one);
* one and the same change of its value satisfies every one of them (the equations are linear: each failing
  equation's difference divided by the cell's coefficient in it);
* the value it would then have is a possible one (not negative; whole unless its column holds decimals);
* and no other cell explains exactly the same equations (else nothing tells which of the two is wrong).

Culprits explaining more equations are taken first; an equation is explained once. Failing equations no culprit
explains are reported one by one, as before.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Equation:
    """One equation on one line of a table, as a linear form: left − right = ``difference``."""

    terms: dict[int, int]  # data cell index -> its coefficient (left side +1, right side −1, summed)
    difference: Decimal  # left − right with the cells' values: 0 when it holds


@dataclass(frozen=True)
class Culprit:
    cell: int  # data cell index
    change: Decimal  # what to add to its value to satisfy its equations
    equations: tuple[int, ...]  # indices into the failing equations it explains


def culprits(failing: list[Equation], holding: list[Equation], values: list[Decimal | None],
             decimal: list[bool]) -> list[Culprit]:
    """The cells that each explain several of ``failing`` (see the module's documentation)."""
    in_holding = {i for eq in holding for i, coefficient in eq.terms.items() if coefficient}
    involved: dict[int, list[int]] = defaultdict(list)
    for k, eq in enumerate(failing):
        for i, coefficient in eq.terms.items():
            if coefficient:
                involved[i].append(k)
    found: list[Culprit] = []
    for i, ks in involved.items():
        if len(ks) < 2 or i in in_holding or values[i] is None:
            continue
        changes = {-failing[k].difference / failing[k].terms[i] for k in ks}
        if len(changes) != 1:
            continue
        change = changes.pop()
        new = values[i] + change  # type: ignore[operator]
        if new < 0 or (not decimal[i] and new != new.to_integral_value()):
            continue
        found.append(Culprit(i, change, tuple(ks)))
    by_set: dict[frozenset[int], list[Culprit]] = defaultdict(list)
    for culprit in found:
        by_set[frozenset(culprit.equations)].append(culprit)
    unique = [group[0] for group in by_set.values() if len(group) == 1]
    chosen: list[Culprit] = []
    explained: set[int] = set()
    for culprit in sorted(unique, key=lambda c: (-len(c.equations), c.cell)):
        if explained.isdisjoint(culprit.equations):
            chosen.append(culprit)
            explained.update(culprit.equations)
    return chosen
