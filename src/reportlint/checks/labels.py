"""Label matching with the pack's aliases (合计 for 总计, 不再受理 for 不再处理 …)."""

from __future__ import annotations

from ..model import Label
from ..normalize import label_keys, norm

SUBTOTAL_KEYS = {"小计", "合计", "总计"}


class Labels:
    """Label matching with a pack's aliases. One per set of aliases for the whole run (kept by the run's
    :class:`~.tableindex.RunMemo`): tables of one layout share their label paths (:mod:`reportlint.model.layouts`),
    so what a rule matched against them in one report holds in the next. Both memos are bounded: a batch of
    distinct layouts empties them now and then instead of growing."""

    MEMO_SIZE = 4096

    def __init__(self, aliases: list[tuple[str, str]]) -> None:
        self.aliases = [(norm(v), norm(c)) for v, c in aliases]
        self._cache: dict[str, frozenset[str]] = {}
        self._matches: dict[tuple, bool] = {}

    def keys(self, text: str) -> frozenset[str]:
        cached = self._cache.get(text)
        if cached is None:
            keys = set()
            for key in label_keys(text):
                for variant, canonical in self.aliases:
                    if variant in key:
                        key = key.replace(variant, canonical)
                keys.add(key)
            if len(self._cache) >= self.MEMO_SIZE:
                self._cache.clear()
            cached = self._cache[text] = frozenset(keys)
        return cached

    def same(self, a: str, b: str) -> bool:
        return bool(self.keys(a) & self.keys(b))

    def path_matches(self, parts: tuple[str, ...], path: tuple[Label, ...]) -> bool:
        """``parts`` (leaf last, optionally ending in "*") matches ``path`` as a subsequence, leaf to leaf.

        Memoised (the key holds the path's Labels, and tables of one layout share their paths): every equation asks
        the same question of every row or column once per line it checks, and again in every report."""
        key = (parts if type(parts) is tuple else tuple(parts), path if type(path) is tuple else tuple(path))
        cached = self._matches.get(key)
        if cached is None:
            if len(self._matches) >= self.MEMO_SIZE:
                self._matches.clear()
            cached = self._matches[key] = self._path_matches(*key)
        return cached

    def _path_matches(self, parts: tuple[str, ...], path: tuple[Label, ...]) -> bool:
        if not path:
            return False
        if parts[-1] == "*":
            leaf = path[-1]
            if self.keys(leaf.cell.text) & SUBTOTAL_KEYS or len(parts) < 2:
                return False
            return self._subsequence(parts[:-1], path[:-1])
        if not self.keys(path[-1].cell.text) & self.keys(parts[-1]):
            return False
        return self._subsequence(parts[:-1], path[:-1])

    def _subsequence(self, parts: tuple[str, ...], path: tuple[Label, ...]) -> bool:
        i = 0
        for lab in path:
            if i < len(parts) and self.keys(lab.cell.text) & self.keys(parts[i]):
                i += 1
        return i == len(parts)
