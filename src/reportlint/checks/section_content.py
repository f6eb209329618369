"""section_content — a section that is there says something.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, Location
from ..normalize import clean
from ..pack import Pack, Rule
from .base import Context, SpecError, paragraph_location
from .kind import Doc, Kind
from .leftover_text import without_leftovers
from .sectionmap import Match, find_sections, section_paragraphs

KIND = "section_content"

DOC = Doc(
    zh="""\
section_content —— 报告中出现的部分写有实际内容。

作用
    对 ``sections:`` 中列出的每个部分（默认全部顶层部分），找到该部分后统计标题之外的内容：正文段落（子标题
    只算标题后面的文字）和其中的表格。以下情况报告一条：

    * 标题下什么也没有；
    * 只写了“无”“无。”“暂无”等（``empty:`` 可改）；
    * 内容不足 ``min_chars`` 个字（默认 15），只有一个标题或一句空话。

    含有表格的部分不算空。部分缺失时由 required_sections 报告；“六、其他需要报告的事项”只写“无”时由
    fee-statement 报告（国家规则包不把它列入本规则）。

依据
    《政府信息公开条例》第五十条规定年度报告应当包括“存在的主要问题及改进情况”等内容；第五部分只写“无”或只有
    标题，等于没有报告。评估中“有标题无内容”常被列为问题。

示例
    正确::

        五、存在的主要问题及改进情况
        一是信息公开的及时性有待提高。下一步，我局将……

    错误::

        五、存在的主要问题及改进情况
        无。
        → 「五、存在的主要问题及改进情况」下只写了“无。”，没有实际内容

    配置::

        - id: section-empty
          kind: section_content
          sections: [overview, proactive, requests, review, problems]
          min_chars: 15
""",
    en="""\
section_content — a section that is there says something.

What it does
    For each section listed under ``sections:`` (all top-level sections by default) that the report has, counts
    what it holds besides its heading: body paragraphs (a sub-heading only by the words after it) and tables. A
    finding when

    * nothing follows the heading;
    * it says only "无", "无。", "暂无" and the like (``empty:``);
    * it holds fewer than ``min_chars`` characters (15 by default): a heading and an empty phrase.

    A section holding a table is not empty. A missing section is required_sections'; section 六 saying only "无"
    is fee-statement's (the national pack leaves 六 out of this rule).

Why
    Article 50 of the 条例 requires the report to state, among others, "the main problems and the improvements";
    a section 五 with only "无" or only its heading reports nothing. Evaluators list "heading without content" as a
    defect.

Example
    Passing::

        五、存在的主要问题及改进情况
        一是信息公开的及时性有待提高。下一步，我局将……

    Failing::

        五、存在的主要问题及改进情况
        无。
        → "五、存在的主要问题及改进情况" says only "无。", nothing about the section

    Configuration::

        - id: section-empty
          kind: section_content
          sections: [overview, proactive, requests, review, problems]
          min_chars: 15
""",
)

DEFAULT_EMPTY = ("无", "暂无", "没有", "空", "略", "不涉及", "无相关内容", "无相关情况")
# a line of the signature: short, no sentence in it (the agency's name, "2024年1月20日", "发布日期：2024-01-20")
_SIGNATURE_RE = re.compile(r"[^。；;，,！!？?]{0,30}")
_PUNCTUATION_RE = re.compile(r"[\s。．.，,；;：:、！!（）()“”\"'‘’]+")


@dataclass(frozen=True)
class Spec:
    sections: tuple[str, ...] | None  # ids of the pack's sections, None for every top-level one
    min_chars: int
    empty: frozenset[str]  # what a section may say and still say nothing (punctuation aside)


def compile(rule: Rule, pack: Pack) -> Spec:  # noqa: A001 - the registry's name for the compile step
    ids = tuple(str(s) for s in rule.spec["sections"]) if rule.spec.get("sections") is not None else None
    known = {s.id for s in pack.sections}
    for i, sid in enumerate(ids or []):
        if sid not in known:
            raise SpecError("unknown section id {section!r}", key="sections", index=i, section=sid)
    empty = rule.spec.get("empty", DEFAULT_EMPTY)
    return Spec(ids, int(rule.spec.get("min_chars", 15)), frozenset(_bare(str(e)) for e in empty))


def _bare(text: str) -> str:
    return _PUNCTUATION_RE.sub("", clean(text))


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    spec: Spec = rule.compiled
    wanted = spec.sections if spec.sections is not None else tuple(s.id for s in ctx.pack.sections if s.parent is None)
    found = find_sections(ctx)
    tables = [b.block for b in ctx.doc.tables]
    headings = {id(s.paragraph): s.title for s in ctx.doc.sections() if s.paragraph is not None}
    for sid in wanted:
        match = found.get(sid)
        if match is None or _holds_table(ctx, match, tables):
            continue
        said = _content(ctx, match, headings)
        if not said and match.end is None and _cut_after(ctx, sid, found):
            continue  # the document stops at this heading, the sections after it missing: required_sections'
        bare = _bare(said)
        if bare and bare not in spec.empty and len(bare) >= spec.min_chars:
            continue
        if bare and not _bare(without_leftovers(said)):
            continue  # a template's placeholder only ("（文字描述）"): leftover-text reports it
        loc = paragraph_location(match.paragraph)
        loc.section = match.title
        yield _finding(ctx, rule, match, said, bare in spec.empty, loc)


def _finding(ctx: Context, rule: Rule, match: Match, said: str, empty_word: bool, loc: Location) -> Finding:
    if not said:
        message = "\"{title}\" has nothing under its heading; write what the section must report"
    elif empty_word:
        message = "\"{title}\" says only \"{said}\"; write what the section must report"
    else:
        message = "\"{title}\" holds only {n} characters: \"{said}\"; write what the section must report"
    return ctx.said(rule, message, loc, {"text": said}, title=match.title, said=said, n=len(_bare(said)))


def _cut_after(ctx: Context, sid: str, found: dict[str, Match]) -> bool:
    """Whether a top-level section of the pack after ``sid`` is missing (the document was cut short)."""
    top = [s.id for s in ctx.pack.sections if s.parent is None]
    return sid in top and any(later not in found for later in top[top.index(sid) + 1:])


def _content(ctx: Context, match: Match, headings: dict[int, str]) -> str:
    """What the section says besides its heading (and its sub-headings' numbers and titles, and, for the last
    section, the signature under the report); ``headings``: the title of each heading paragraph, by its id."""
    paragraphs = section_paragraphs(ctx, match)
    while match.end is None and len(paragraphs) > 1 and _SIGNATURE_RE.fullmatch(paragraphs[-1].display):
        paragraphs.pop()  # the agency's name and the date under the last section
    parts = []
    for p in paragraphs:
        text = p.display
        title = match.title if p is match.paragraph else headings.get(id(p))
        if title and text.startswith(title):
            text = text[len(title):].lstrip("。．.：:，, ")
        elif p is match.paragraph:
            text = ""
        if text:
            parts.append(text)
    return " ".join(parts)


def _holds_table(ctx: Context, match: Match, tables: list[int]) -> bool:
    """Whether a table (``tables``: their block positions) stands between the section's heading and the next
    section."""
    paragraphs = ctx.cache.get("paragraphs") or ctx.doc.paragraphs
    start = match.paragraph.block
    end = paragraphs[match.end - 1].block if match.end is not None and match.end - 1 < len(paragraphs) else None
    return any(b > start and (end is None or b < end) for b in tables)


RULE_KIND = Kind(KIND, compile, check, DOC)
