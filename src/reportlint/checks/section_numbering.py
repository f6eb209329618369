"""section_numbering — the headings are numbered 一、二、… and （一）（二）…, 1. 2. … without gaps, repeats or restarts.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..model import Paragraph
from ..model.document import heading_of, numbering
from ..pack import Rule
from .base import Context, paragraph_location
from .kind import Doc, Kind, no_settings
from .sectionmap import find_sections

KIND = "section_numbering"

DOC = Doc(
    zh="""\
section_numbering —— 标题序号连续：一、二、……，（一）（二）……，1. 2. ……，不跳号、不重号、不重新开始。

作用
    * 顶层部分：规则包中的部分按含义找到后，标题所写序号应为该部分的规定序号（“四、收到和处理政府信息公开申请情况”
      应为“三、”）；六个部分之后又出现“一、”开头的标题（重新编号）也报告。
    * 各部分之内：（一）（二）……依次递增，1. 2. ……在每个（一）之下依次递增；跳号（（一）（三））或重号（（二）
      （二））报告一条，指出应有的序号。

    部分缺失由 required_sections 报告，不再按跳号重复报告；表格导出成文字的行不算标题。

依据
    序号是读者和汇总机关定位各部分的依据；序号错乱多因删改段落后未重新编号，或把“总体情况”下的小项提升成了
    一级标题，使后面各部分的序号全部错位。

示例
    正确::

        一、总体情况 （一）主动公开 （二）依申请公开 二、主动公开政府信息情况 ……

    错误::

        （一）主动公开 （三）政府信息管理
        → 序号跳过了“（二）”：「（三）政府信息管理」前一项是「（一）主动公开」

    配置::

        - id: section-numbering
          kind: section_numbering
          severity: warning
""",
    en="""\
section_numbering — headings numbered 一、二、…, （一）（二）…, 1. 2. … without gaps, repeats or restarts.

What it does
    * Top level: each of the pack's sections, found by meaning, carries its official number ("四、收到和处理政府信息公开
      申请情况" should be 三、); a heading numbered 一、 again after the six sections (a restart) is reported too.
    * Within a section: （一）（二）… run up one by one, and 1. 2. … under each （一）; a gap (（一）（三）) or a
      repeat (（二）（二）) is one finding naming the number expected.

    A missing section is required_sections', not reported again as a gap; a table row exported as text is not a
    heading.

Why
    The numbers are how readers and collecting offices find a section; they go wrong when paragraphs are deleted or
    moved without renumbering, or when a sub-topic of 总体情况 is promoted to a top-level number and every later
    section shifts.

Example
    Passing::

        一、总体情况 （一）主动公开 （二）依申请公开 二、主动公开政府信息情况 ……

    Failing::

        （一）主动公开 （三）政府信息管理
        → the numbering skips （二）: "（三）政府信息管理" follows "（一）主动公开"

    Configuration::

        - id: section-numbering
          kind: section_numbering
          severity: warning
""",
)

_CN = "〇一二三四五六七八九十"
# a row of a table in text: a run of five digits (glued cells) or two numbers at the end
_OPENINGS = frozenset("一二三四五六七八九十（(0123456789")  # what a numbered paragraph opens with
_GLUED_FIRST_RE = re.compile(r"[（(]\s*一\s*[）)]")  # a first item glued into its section's heading paragraph
_TABLE_ROW_RE = re.compile(r"\d{5,}|(?:\s\d[\d.,]*){2,}\s*$")


def _shown(level: int, number: int) -> str:
    if level == 3:
        return f"{number}."
    word = _CN[number] if number <= 10 else (f"十{_CN[number - 10]}" if number < 20 else str(number))
    return f"{word}、" if level == 1 else f"（{word}）"


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    yield from _top_level(ctx, rule)
    yield from _items(ctx, rule)


def _top_level(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """Each found section under its official number; a restart at 一 after the last one."""
    found = find_sections(ctx)
    last = None
    for sdef in ctx.pack.sections:
        match = found.get(sdef.id)
        if sdef.parent is not None or match is None:
            continue
        want, have = numbering(sdef.title), numbering(match.title)
        if want is not None and have is not None and want[0] == have[0] == 1 and want[1] != have[1]:
            loc = paragraph_location(match.paragraph)
            loc.section = match.title
            yield ctx.said(rule, "\"{title}\" should be numbered {number}", loc,
                           {"number": _shown(1, have[1]), "expected": _shown(1, want[1])}, title=match.title,
                           number=_shown(1, want[1]))
        if last is None or match.paragraph.index > last.paragraph.index:
            last = match
    if last is None or len([s for s in ctx.pack.sections if s.parent is None]) < 2:
        return
    for p in _headings(ctx, after=last.paragraph.index):
        head = heading_of(p)
        if head is not None and head[0] == 1 and head[1] == 1:
            yield ctx.said(rule, "the numbering starts again at 一、 after \"{last}\": \"{heading}\"",
                           paragraph_location(p), {"number": "一、"}, last=last.title, heading=head[2])
            return


def _items(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """（一）（二）… within each top-level section and 1. 2. … within each （一）: no gap, no repeat (except in a
    section whose items the pack defines)."""
    last: dict[int, tuple[int, str]] = {}  # level -> (number, title) of the item before
    found = find_sections(ctx)
    # the pack's own items (a province's 六（一）（二）…) are required_sections' to find and order, not counted here
    with_items = [found[s.parent] for s in ctx.pack.sections if s.parent is not None and s.parent in found]
    for p in _headings(ctx):
        if any(m.paragraph.index <= p.index and (m.end is None or p.index < m.end) for m in with_items):
            continue
        (level, number), title = numbering(p.display), _item_title(p.display)  # type: ignore[misc]
        if _TABLE_ROW_RE.search(title):
            continue  # a table row flattened into text
        if level == 1:
            last.clear()
            if (glued := _GLUED_FIRST_RE.search(p.display)) is not None:  # "五、…情况（一）存在的主要问题:…"
                last[2] = (1, _item_title(p.display[glued.start():]))
            continue
        if level == 2:
            last.pop(3, None)
        before = last.get(level)
        expected = before[0] + 1 if before is not None else 1
        if number != expected and (before is not None or number > 1) and not (before and number == 1):
            yield _gap(ctx, rule, p, level, number, expected, title, before)
        last[level] = (number, title)


def _gap(ctx: Context, rule: Rule, p: Paragraph, level: int, number: int, expected: int, title: str,
         before: tuple[int, str] | None) -> Finding:
    want, have = _shown(level, expected), _shown(level, number)
    if before is None:
        message = "the numbering should start at {want}: \"{title}\""
    elif number == before[0]:
        message = "{have} is used twice: \"{title}\" follows \"{before}\"; it should be {want}"
    else:
        message = "the numbering skips {want}: \"{title}\" follows \"{before}\""
    return ctx.said(rule, message, paragraph_location(p), {"number": have, "expected": want}, want=want, have=have,
                    title=title, before=before[1] if before else "")


def _item_title(text: str) -> str:
    """A numbered paragraph's heading: up to its first full stop or colon (an item glued to its body)."""
    return re.split(r"[。：:；;]", text, maxsplit=1)[0][:40]


def _headings(ctx: Context, after: int = 0) -> Iterator[Paragraph]:
    """Numbered paragraphs after paragraph ``after`` that may be headings: not a flattened table's text."""
    numbered = ctx.cache.get(KIND)
    if numbered is None:
        flattened = {id(q) for found in ctx.unreadable_tables().values() for q, _, _ in found.spans}
        numbered = ctx.cache[KIND] = [
            p for p in ctx.doc.paragraphs
            if p.display[:1] in _OPENINGS and p is not ctx.doc.title_paragraph and id(p) not in flattened
            and numbering(p.display) is not None]
    return (p for p in numbered if p.index > after)


RULE_KIND = Kind(KIND, no_settings, check, DOC)
