"""Paragraphs from plain lines, shared by the Markdown and HTML readers (a text run between blocks is cut into
paragraphs the same way in both)."""

from __future__ import annotations

import re

from ..normalize import clean


def normalize_newlines(text: str) -> str:
    """Line ends as markdown-it counts them (CRLF and CR → LF; NUL → U+FFFD)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")


# -- paragraphs from lines ---------------------------------------------------------------------------------
_TERMINAL_RE = re.compile(r"[。！？；：!?;:…][\"'”’）)」』】》\]*_]*$")
_NUMBERED_RE = re.compile(
    r"^[*_`\s]*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]"
    r"|\d{1,2}\s*[.、．](?!\d)|第[一二三四五六七八九十]+(?:部分|章|节))"
)
_SOFT_PUNCT_RE = re.compile(r"[，,、]")
WRAP_MIN = 30  # a line wrapped by an editor fills the width; shorter lines end their paragraph


def _continues(prev: str, nxt: str) -> bool:
    """True when ``nxt`` continues the sentence of ``prev`` (a hard-wrapped line), False for a new paragraph."""
    p, n = clean(prev), clean(nxt)
    if not p or not n or _TERMINAL_RE.search(p) or _NUMBERED_RE.match(n):
        return False
    return len(p) >= WRAP_MIN and bool(_SOFT_PUNCT_RE.search(p))


def paragraph_groups(lines: list[str]) -> list[tuple[int, int]]:
    """Split consecutive text lines into paragraphs: [(start, end)] index ranges.

    A line starts a new paragraph unless the previous line is visibly wrapped mid-sentence: at least
    :data:`WRAP_MIN` characters, containing a comma, not ending with 。！？；： and the next line not starting
    with 一、/（一）/1. numbering. A blank line always ends a paragraph (and belongs to none).
    """
    groups: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(lines):
        if not clean(line):
            if start is not None:
                groups.append((start, i))
                start = None
            continue
        if start is None:
            start = i
        elif not _continues(lines[i - 1], line):
            groups.append((start, i))
            start = i
    if start is not None:
        groups.append((start, len(lines)))
    return groups
