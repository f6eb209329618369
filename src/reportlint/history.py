"""Reports checked together (and earlier reports under ``--history DIR``): who wrote them and for which year, so
rules across years find the same agency's previous report.

The agency is the title's text before the year ("济宁市兖州区卫生健康局2023年政府信息公开工作年度报告" →
济宁市兖州区卫生健康局), with the usual short forms written out (卫健局 = 卫生健康局, 卫体局 = 卫生健康和体育局 …), so that
two years of the same office match even when one title abbreviates. A key also matches one that ends with it when
the shorter still names a place (市/区/县/州/旗/镇/乡), for titles that drop the city ("兖州区卫生健康局").
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from typing import Any

from .normalize import norm
from .spill import Spill

# Short forms of agency names → the full form (both sides normalised).
_SHORT_FORMS = [
    ("卫健委", "卫生健康委员会"),
    ("卫健局", "卫生健康局"),
    ("卫体局", "卫生健康和体育局"),
    ("人社局", "人力资源和社会保障局"),
    ("住建局", "住房和城乡建设局"),
    ("市场监管局", "市场监督管理局"),
    ("自规局", "自然资源和规划局"),
    ("发改委", "发展和改革委员会"),
    ("发改局", "发展和改革局"),
    ("文旅局", "文化和旅游局"),
    ("政府办", "人民政府办公室"),
]
_PLACE = re.compile(r"[市区县州旗镇乡]")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")


def agency_of(title: str) -> str:
    """The agency named by a report title (the text before the year), or "" when the title names none."""
    m = _YEAR.search(title)
    return title[: m.start()].strip() if m else ""


_SHORT_FORMS_KEYS = [(norm(short), norm(full)) for short, full in _SHORT_FORMS]
_PARENS = re.compile(r"[（(][^）)]*[）)]")


def agency_key(agency: str) -> str:
    key = _PARENS.sub("", norm(agency))
    for short, full in _SHORT_FORMS_KEYS:
        if full not in key:  # 政府办 is inside 人民政府办公室: the full form is not written out again
            key = key.replace(short, full)
    return key


def same_agency(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return long_.endswith(short) and len(short) >= 4 and bool(_PLACE.search(short))


@dataclass(slots=True)
class Entry:
    path: str
    agency: str  # as written in the title
    key: str
    year: int
    data: dict[str, Any]  # what the rules across years compare (see checks/cross_year.summarize)
    rules: list[Any] = field(default_factory=list)  # the cross-year rules that apply to this report
    ignores: list[str] = field(default_factory=list)
    shown: str = ""  # the report as findings name it (last year's: relative to its repository); "" -> path


class History:
    """The reports seen so far. Each entry is written whole to a temporary file as it is added (its rules as ids
    of its pack's rules); memory keeps the year and the place in the file of each, in arrays, so that a batch of
    ten thousand reports keeps a few bytes of each, and no small object per report outlives its linting. The
    entries come back from the file year by year when the rules across years compare them."""

    def __init__(self) -> None:
        self._spill = Spill("reportlint-history-")
        self._years = array("i")
        self._offsets = array("q")
        self._lengths = array("q")
        self._packs: list[Any] = []  # the packs the entries' rules come from, by index
        self._pack_index: dict[int, int] = {}
        self.with_rules = 0  # entries with a rule across years to check

    def __len__(self) -> int:
        return len(self._years)

    def add(self, entry: Entry, pack: Any = None) -> None:
        """``entry.rules``: rules of ``pack``, or their ids."""
        ids = [r if isinstance(r, str) else r.id for r in entry.rules]
        if ids and pack is None:
            raise ValueError("an entry with rules across years needs the pack they come from")
        index = -1
        if pack is not None:
            index = self._pack_index.get(id(pack), -1)
            if index < 0:
                index = self._pack_index[id(pack)] = len(self._packs)
                self._packs.append(pack)
        record = (entry.path, entry.agency, entry.key, entry.year, entry.data, ids, entry.ignores, index)
        offset, length = self._spill.put(record)
        self._years.append(entry.year)
        self._offsets.append(offset)
        self._lengths.append(length)
        self.with_rules += bool(ids)

    def years(self) -> list[int]:
        return sorted(set(self._years))

    def of_year(self, year: int) -> list[Entry]:
        """The entries of one year, in the order they were added, read back from the file."""
        return [self._entry(i) for i, y in enumerate(self._years) if y == year]

    def _entry(self, i: int) -> Entry:
        path, agency, key, year, data, ids, ignores, index = self._spill.get((self._offsets[i], self._lengths[i]))
        rules: list[Any] = []
        if ids and index >= 0:
            wanted = set(ids)
            rules = [r for r in self._packs[index].rules if r.id in wanted]
        return Entry(path, agency, key, year, data, rules, ignores)

    def close(self) -> None:
        self._spill.close()

    @staticmethod
    def previous(entry: Entry, candidates: list[Entry]) -> Entry | None:
        """The same agency's report among ``candidates`` (the year before's; the first one in path order)."""
        found = [e for e in candidates if e is not entry and same_agency(e.key, entry.key)]
        return min(found, key=lambda e: e.path) if found else None
