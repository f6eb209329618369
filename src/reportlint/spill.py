"""Per-report data of a long batch kept in a temporary file instead of memory.

A run over ten thousand reports must not grow with them: what outlives a report's own linting (its findings until
the output is written, the values the rules across years compare) is pickled into one anonymous temporary file as
the report is done, and read back when it is needed. In memory stays a handle (offset, length) per record.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

Handle = tuple[int, int]  # (offset, length) in the file


class Spill:
    def __init__(self, prefix: str = "reportlint-") -> None:
        self._prefix = prefix
        self._file: Any = None  # made on the first record
        self._end = 0  # where the next record goes
        self._at_end = True  # the file's position is there (no read since the last write)

    def put(self, value: Any) -> Handle:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix=self._prefix)
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if not self._at_end:  # a seek flushes the write buffer: only after a read, not before every record
            self._file.seek(self._end)
            self._at_end = True
        offset = self._end
        self._file.write(blob)
        self._end += len(blob)
        return offset, len(blob)

    def get(self, handle: Handle) -> Any:
        offset, length = handle
        self._at_end = False
        self._file.seek(offset)
        return pickle.loads(self._file.read(length))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._end, self._at_end = 0, True


class SpilledFindings:
    """The findings of a run, file by file on disk: what ``Report.findings`` is for the formatters that go through
    the findings once in order (text, concise, github). Iterating reads one file's findings at a time, with the
    findings across years of that file merged in their place, in exactly the order of the in-memory list."""

    def __init__(self) -> None:
        self._spill = Spill("reportlint-findings-")
        # the files with findings and where theirs are: the paths are the run's own strings, the places two
        # arrays (no tuple per file kept for the length of the run)
        self._paths: list[str] = []
        self._offsets = array("q")
        self._lengths = array("q")
        self._late: dict[str, list[Any]] = {}
        self._order: dict[str, int] = {}
        self._count = 0

    def add(self, path: str, findings: list[Any]) -> None:
        if findings:
            offset, length = self._spill.put(findings)
            self._paths.append(path)
            self._offsets.append(offset)
            self._lengths.append(length)
            self._count += len(findings)

    def add_late(self, findings: Iterable[Any], paths: list[str]) -> None:
        """Findings known only at the end (across years), placed by ``paths`` (the run's file order)."""
        for f in findings:
            self._late.setdefault(f.path, []).append(f)
            self._count += 1
        self._order = {p: i for i, p in enumerate(paths)}

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[Any]:
        if not self._late:
            for i in range(len(self._paths)):
                yield from self._spill.get((self._offsets[i], self._lengths[i]))
            return
        stored = set(self._paths)
        groups: list[tuple[str, Handle | None]] = [
            (path, (self._offsets[i], self._lengths[i])) for i, path in enumerate(self._paths)]
        groups += [(path, None) for path in self._late if path not in stored]
        end = len(self._order)
        groups.sort(key=lambda g: self._order.get(g[0], end))  # stable: the stored files keep their order
        for path, handle in groups:
            findings = self._spill.get(handle) if handle is not None else []
            late = self._late.get(path)
            if late:
                findings = sorted(findings + late, key=lambda f: f.sort_key())
            yield from findings

    def close(self) -> None:
        self._spill.close()
