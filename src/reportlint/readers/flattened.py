"""A page flattened into one line: crawlers and text exports often join a report's paragraphs, so its headings sit
inline in running text. Each reader of a line-based format splits such a line again before its headings."""

from __future__ import annotations

import re

from ..model.document import cn_number

# A page flattened into one line by a crawler keeps its headings inline: "…安全。 二、主动公开政府信息情况第二十条…",
# "…行政事业性收费4166.241619三、收到和处理…". Such a line is split before each 一、-numbered heading that follows a
# sentence end, a space or a number, and each （一）-numbered one that follows a sentence end; never after a comma, a
# semicolon, a colon or an opening bracket (an enumeration such as "包括：一、总体情况；二、…" stays whole). After
# any other character ("…432.52元三、收到和处理…") a 一、-number splits only when it is the next one of the line's
# numbering so far, and not the first of a list of numbers ("三、四个方面").
RUN_IN_MIN = 300  # a line shorter than this is a paragraph as written
_RUN_IN_RE = re.compile(r"([一二三四五六七八九十]{1,2})、(?![一二三四五六七八九十])|[（(][一二三四五六七八九十]{1,2}[）)]")
_CLEAR_BEFORE = "。！？!?"  # what a heading may follow in any case
_NEVER_BEFORE = "、，,：:；;（(“\"《「『"


def split_run_in(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of each paragraph a flattened line holds; the line itself when it is not one (short, or
    with fewer than two 一、-numbered headings inline)."""
    if len(text) < RUN_IN_MIN:
        return [(0, text)]
    cuts: list[int] = []
    level1 = 0
    last = 0  # the line's highest 一、-number so far
    for m in _RUN_IN_RE.finditer(text, 1):
        before = text[m.start() - 1]
        if m.group(1) is None:  # （一）
            if before in _CLEAR_BEFORE:
                cuts.append(m.start())
            continue
        number = cn_number(m.group(1))
        clear = before in _CLEAR_BEFORE or before.isspace() or before.isdigit()
        if clear or (before not in _NEVER_BEFORE and number == last + 1):
            cuts.append(m.start())
            level1 += 1
            last = max(last, number)
    if level1 < 2:
        return [(0, text)]
    out = []
    for begin, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        piece = text[begin:end]
        if piece.strip():
            out.append((begin + len(piece) - len(piece.lstrip()), piece.strip()))
    return out
