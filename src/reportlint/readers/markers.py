"""Inline suppressions in text formats (Markdown, HTML), as markdownlint writes them::

    <!-- reportlint-disable-next-line t3-balance -->     the next line that is not blank
    <!-- reportlint-disable blank-cell, t3 -->           from here …
    <!-- reportlint-enable -->                          … to here (or to the end of the file)

Without rule ids a marker stands for every rule. A ``reportlint-disable`` before anything else in the file also
covers the findings of the whole document (a missing section has no line)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Document
from ..model.suppression import Suppression, rule_list

_MARKER = re.compile(r"<!--\s*reportlint-(disable-next-line|disable|enable)\b([^>]*?)-->", re.I)


def line_suppressions(text: str) -> list[Suppression]:
    """The suppressions the markers of ``text`` (newlines normalised) make. Cheap when there is none."""
    if "reportlint-" not in text:
        return []
    lines = text.split("\n")
    out: list[Suppression] = []
    open_: list[tuple[int, tuple[str, ...], str, bool]] = []  # (line, rules, as written, from the top)
    seen_content = False
    for number, line in enumerate(lines, start=1):
        for m in _MARKER.finditer(line):
            kind, rules = m.group(1).lower(), rule_list(m.group(2))
            if kind == "disable-next-line":
                target = _next_content_line(lines, number)
                out.append(Suppression(rules, lines=(target, target), line=number, text=m.group(0)))
            elif kind == "disable":
                open_.append((number, rules, m.group(0), not seen_content))
            else:
                out += [_region(o, number) for o in open_ if not rules or set(o[1]) <= set(rules)]
                open_ = [o for o in open_ if rules and not set(o[1]) <= set(rules)]
        if _MARKER.sub("", line).strip():
            seen_content = True
    out += [_region(o, len(lines)) for o in open_]
    return sorted(out, key=lambda s: s.line or 0)


def _region(opened: tuple[int, tuple[str, ...], str, bool], end: int) -> Suppression:
    start, rules, written, top = opened
    return Suppression(rules, lines=(start, end), document=top, line=start, text=written)


def _next_content_line(lines: list[str], number: int) -> int:
    """The first line after line ``number`` with something besides markers on it (else the line after)."""
    for later in range(number + 1, len(lines) + 1):
        if _MARKER.sub("", lines[later - 1]).strip():
            return later
    return number + 1


def placed(doc: Document, suppressions: list[Suppression]) -> list[Suppression]:
    """Each suppression with the position of the first block at or after its line (findings about it sort there)."""
    if not suppressions:
        return suppressions
    lines = [(b.line, b.block) for b in doc.blocks if b.line is not None]
    out = []
    for s in suppressions:
        after = next((block for line, block in lines if line >= (s.line or 0)), len(doc.blocks))
        out.append(replace(s, block=after))
    return out
