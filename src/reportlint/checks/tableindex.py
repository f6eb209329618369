"""What checks derive from a table's labels, computed once: the per-document :class:`TableIndex` and the
:class:`RunMemo` behind it.

Most of what a rule reads of a table depends on its labels only: which cells an equation names, which columns take
decimals, which rows are group rows, which pack table it is. Tables of one layout (every report's official tables)
are labelled alike, so that is worked out once per layout and run, not once per report.

* :class:`RunMemo` is what one run remembers across its documents: the :class:`~reportlint.model.layouts.
  LayoutLibrary` readers make tables through, the label matchers per set of aliases, and the plans checks derived
  from labels, keyed by value (the pack's fingerprint, the check's key with its rule id, and the table's layout or
  labelling token), bounded. The engine makes one per run; a forked worker has its own copy. Nothing else is shared
  between documents.
* :class:`TableIndex` is the one door a check uses to it, made with the document's check context and released with
  it: ``by_layout`` for what a check derives from every text but the numbers, ``by_labelling`` for what it derives
  from the label paths and data slots alone. A table made without a layout (a large or unusual one) is remembered for
  its document only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from ..model import Table
from ..model.layouts import LayoutLibrary
from ..normalize import drop_oldest_half
from .labels import Labels

T = TypeVar("T")


class RunMemo:
    """What one run remembers across documents (see the module docstring)."""

    PLANS = 4096

    def __init__(self, layouts: int = 16) -> None:
        self.layouts = LayoutLibrary(layouts)
        self.plans: dict[tuple, object] = {}
        self._labels: dict[tuple, Labels] = {}

    def labels(self, aliases: list[tuple[str, str]]) -> Labels:
        """The label matcher for a pack's aliases."""
        key = tuple(tuple(pair) for pair in aliases)
        labels = self._labels.get(key)
        if labels is None:
            if len(self._labels) >= 16:
                self._labels.clear()
            labels = self._labels[key] = Labels(aliases)
        return labels

    def remember(self, key: tuple, value: T) -> T:
        if len(self.plans) >= self.PLANS:
            drop_oldest_half(self.plans)
        self.plans[key] = value
        return value


class TableIndex:
    """Per document: what checks derive from its tables' labels (see the module docstring). ``pack_key``: the
    fingerprint of the document's pack (a rule's id means its settings within one pack)."""

    def __init__(self, memo: RunMemo, pack_key: str) -> None:
        self._memo = memo
        self._pack_key = pack_key
        self._own: dict[tuple, object] = {}  # for tables without a token, this document's only

    def by_layout(self, key: Hashable, table: Table, compute: Callable[[Table], T]) -> T:
        """``compute(table)``, which reads only what a layout fixes (the structure, and the text of every cell that
        does not hold a number), once for the tables of its layout. ``key`` names the check and the rule."""
        return self._get(key, table, table.layout, compute)

    def by_labelling(self, key: Hashable, table: Table, compute: Callable[[Table], T]) -> T:
        """``compute(table)``, which reads only the labelling (label columns, row kinds and bands, row paths, each
        data slot's place, column span, band and paths) and the labels' texts only through their matching keys
        (``norm``, as :class:`~.labels.Labels` does), once for the tables labelled alike: "（一）" and "(一)",
        "合 计" and "合计" are the same label to it."""
        return self._get(key, table, table.labelling, compute)

    def _get(self, key: Hashable, table: Table, token: object, compute: Callable[[Table], T]) -> T:
        if token is None:
            own = (key, table.index)
            if own not in self._own:
                self._own[own] = compute(table)
            return self._own[own]  # type: ignore[return-value]
        full = (self._pack_key, key, token)
        plans = self._memo.plans
        if full in plans:
            return plans[full]  # type: ignore[return-value]
        return self._memo.remember(full, compute(table))
