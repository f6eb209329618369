"""Reports checked together (and earlier reports under ``--history DIR``): who wrote them and for which year, so
rules across years find the same agency's previous report.

The agency is the title's text before the year ("济宁市兖州区卫生健康局2023年政府信息公开工作年度报告" →
济宁市兖州区卫生健康局), with the usual short forms written out (卫健局 = 卫生健康局, 卫体局 = 卫生健康和体育局 …), so that
two years of the same office match even when one title abbreviates. A key also matches one that ends with it when
the shorter still names a place (市/区/县/州/旗/镇/乡), for titles that drop the city ("兖州区卫生健康局").
"""

from __future__ import annotations

import re
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


def agency_key(agency: str) -> str:
    key = norm(agency)
    key = re.sub(r"[（(][^）)]*[）)]", "", key)
    for short, full in _SHORT_FORMS:
        key = key.replace(norm(short), norm(full))
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


class History:
    """The reports seen so far. What the rules compare (``Entry.data``: values and locations of a few table cells
    per report) is written to a temporary file as each report is added and read back only for the reports that
    have a previous year, so a batch of ten thousand reports keeps a few hundred bytes of each in memory."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self._by_year: dict[int, list[Entry]] = {}  # a batch of thousands looks only at the year before
        self._spill = Spill("reportlint-history-")
        self._where: dict[int, tuple[int, int]] = {}  # id(entry) -> where its data is in the spill file

    def add(self, entry: Entry) -> None:
        self._where[id(entry)] = self._spill.put(entry.data)
        entry.data = {}
        self.entries.append(entry)
        self._by_year.setdefault(entry.year, []).append(entry)

    def data(self, entry: Entry) -> dict[str, Any]:
        """The data of an entry added here, read back from the temporary file."""
        return self._spill.get(self._where[id(entry)])

    def close(self) -> None:
        self._spill.close()

    def previous(self, entry: Entry) -> Entry | None:
        """The same agency's report of the year before (the first one found, in path order)."""
        found = [e for e in self._by_year.get(entry.year - 1, ()) if e is not entry
                 and same_agency(e.key, entry.key)]
        return min(found, key=lambda e: e.path) if found else None
