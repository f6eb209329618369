"""Inline suppressions: what a document says of its own findings ("reportlint: ignore[…]" in a Word comment,
``<!-- reportlint-disable … -->`` in Markdown and HTML). Plain data: the readers make them, :mod:`reportlint.suppress`
applies them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# "reportlint: ignore", "reportlint: ignore[t3-balance, blank-cell]" (full-width colon and brackets too), the rules
# followed by the reviewer's reason or not ("reportlint: ignore[t3-balance] 已与业务科室核实"); a reason needs the
# brackets ("reportlint: ignore 已核实" would read as every rule)
WORD_COMMENT = r"^\s*reportlint\s*[:：]\s*ignore\s*(?:[\[【［](?P<rules>[^\]】］]*)[\]】］](?:\s*\S.*)?)?\s*$"


def word_comment(text: str) -> re.Match[str] | None:
    """The rules of a Word comment that is a suppression (group ``rules``), or None."""
    return re.match(WORD_COMMENT, text, re.I)  # compiled on first use: most runs meet no such comment


@dataclass(frozen=True)
class Suppression:
    """Findings of ``rules`` (all rules when empty) located in a scope: a range of lines (text formats), a range of
    block positions (paragraphs and whole tables, Word), or one table cell (Word: table number, grid row and column,
    1-based). ``document``: findings of the whole document (no place) too. ``line``/``paragraph``/``block``: where the
    suppression itself is written, for ``unused-suppression``."""

    rules: tuple[str, ...] = ()
    lines: tuple[int, int] | None = None
    blocks: tuple[int, int] | None = None
    cell: tuple[int, int, int] | None = None
    document: bool = False
    line: int | None = None
    paragraph: int | None = None
    block: int | None = None
    text: str = ""  # as written


def rule_list(text: str | None) -> tuple[str, ...]:
    """"t3-balance, blank-cell" → ("t3-balance", "blank-cell"); None or blank → () (every rule)."""
    if not text:
        return ()
    return tuple(r for r in re.split(r"[\s,，、]+", text.strip()) if r)
