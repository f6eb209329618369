"""required_sections — the report has every section of the format, in order, under its official title.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, Location
from ..i18n import Both, both_n, each, quoted_list, trc
from ..model.document import cn_number
from ..normalize import strip_number
from ..pack import Pack, Rule
from .base import Context, SpecError, paragraph_location
from .kind import Doc, Kind
from .sectionmap import Match, find_sections

KIND = "required_sections"

DOC = Doc(
    zh="""\
required_sections —— 报告具备格式规定的各个部分，顺序正确，标题规范。

作用
    在文档的标题中（一、/（一）/1. 编号或 Word 标题样式）按含义查找规则包 ``sections:`` 列出的每个部分。标题文字在
    忽略编号、空格、标点全角半角和末尾“表”字后，与该部分的 ``title``、某个 ``aliases``（静默接受）或某个
    ``variants``（接受，但由 ``check: title`` 报告）相同，或包含该部分 ``keywords`` 中的全部词语，即视为找到；
    标题带有该部分的序号、并含有该部分 ``terms`` 中的每个关键词（五：问题、改进；四：复议或诉讼）的，是同一部分的
    另一种写法（包括错别字），也视为找到，由 ``check: title`` 报告。正文中单独一段、内容为不带编号的标题文字，也算；
    以标题开头、正文紧接其后的编号段落（网页抓取或导出文本常见，如“六、其他需要报告的事项2023年，本机关未收取…”）
    也算。

    带 ``parent: <id>`` 的部分是该上级部分下的子项（如山东要求第六部分列出的七个子项）：只在上级部分标题与下一个
    同级标题之间查找。缺少子项时，定位到上级部分的标题；上级部分本身缺失时只报告上级部分。顺序只在同一上级的
    部分之间比较。同一上级部分缺少的子项合为一条，逐一列出，定位到上级部分的标题。

    ``check: presence`` 每缺一个部分报告一条；``check: order`` 报告出现在应排在它前面的部分之前的部分；
    ``check: title`` 报告使用了变体标题的部分。``sections:`` 可把规则限定于部分 id。

依据
    条例第五十条和全国格式（国办公开办函〔2021〕30号）规定了六个部分；缺少“五、存在的主要问题及改进情况”是已发布
    报告中最常见的缺陷。

示例
    正确::

        一、总体情况 … 二、主动公开政府信息情况 … 六、其他需要报告的事项

    错误（presence）::

        一、总体情况 … 四、政府信息公开行政复议、行政诉讼情况 … 六、其他需要报告的事项
        → 缺少第五部分「五、存在的主要问题及改进情况」

    配置::

        - id: required-sections
          kind: required_sections
          check: presence

    子项（写在规则包的 ``sections:`` 中）::

        - id: other-fee
          parent: other
          title: （一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况
          keywords: [信息处理费]
""",
    en="""\
required_sections — the report has every section of the format, in order, under its official title.

What it does
    Finds each section of the pack's ``sections:`` list among the document's headings (一、 / （一） / 1.
    numbering or Word heading styles) by its meaning. A heading matches a section when its text, with numbering,
    spaces, punctuation width and a trailing 表 ignored, equals the section's ``title``, one of its ``aliases``
    (accepted silently) or one of its ``variants`` (accepted, reported by ``check: title``); or when it carries the
    section's number and every one of its ``terms`` (五: 问题 and 改进; 四: 复议 or 诉讼), which makes it another
    wording, misspelt ones included (accepted, reported by ``check: title``). A short paragraph whose text is the
    title without numbering also counts, and so does a numbered paragraph that opens with the heading, its body
    glued to it ("六、其他需要报告的事项2023年，本机关未收取…", as crawled pages and flattened exports have it).

    ``check: presence`` reports one finding per missing section; ``check: order`` reports a section found
    before one that should precede it; ``check: title`` reports a section written with a variant title.
    ``sections:`` limits the rule to some section ids.

Why
    条例 第五十条 and the national format (国办公开办函〔2021〕30号) fix six sections; a missing 五、存在的主要问题
    及改进情况 is the most common defect in published reports.

Example
    Passing::

        一、总体情况 … 二、主动公开政府信息情况 … 六、其他需要报告的事项

    Failing (presence)::

        一、总体情况 … 四、政府信息公开行政复议、行政诉讼情况 … 六、其他需要报告的事项
        → 缺少第五部分「五、存在的主要问题及改进情况」

    Configuration::

        - id: required-sections
          kind: required_sections
          check: presence

    Sub-items (in the pack's ``sections:``)::

        - id: other-fee
          parent: other
          title: （一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况
          keywords: [信息处理费]
""",
)

_CN = "一二三四五六七八九十"


@dataclass(frozen=True)
class Spec:
    check: str  # presence | order | title
    sections: tuple[str, ...] | None  # ids of the pack's sections, None for all


def compile(rule: Rule, pack: Pack) -> Spec:  # noqa: A001 - the registry's name for the compile step
    check = str(rule.spec.get("check", "presence"))
    ids = tuple(str(s) for s in rule.spec["sections"]) if rule.spec.get("sections") is not None else None
    known = {s.id for s in pack.sections}
    if not pack.sections:
        raise SpecError("the pack defines no sections:", key="kind")
    for i, sid in enumerate(ids or []):
        if sid not in known:
            raise SpecError("unknown section id {section!r}", key="sections", index=i, section=sid)
    return Spec(check, ids)


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    spec: Spec = rule.compiled
    found = find_sections(ctx)
    if spec.check == "presence":
        yield from _presence(ctx, rule, spec.sections, found)
    elif spec.check == "order":
        yield from _order(ctx, rule, spec.sections, found)
    elif spec.check == "title":
        by_id = {s.id: s for s in ctx.pack.sections}
        for sid, m in sorted(found.items(), key=lambda kv: kv[1].paragraph.index):
            if not m.variant or (spec.sections is not None and sid not in spec.sections):
                continue
            yield ctx.said(rule, "heading \"{heading}\" differs from the official title \"{official}\"",
                           _heading_location(m), heading=m.title, official=by_id[sid].title
                           ).fixed(m.title, by_id[sid].title)


def _presence(ctx: Context, rule: Rule, ids: tuple[str, ...] | None, found: dict[str, Match]) -> Iterator[Finding]:
    """A finding per missing section; the missing items of a section found, one finding at its heading."""
    lacking: dict[str, list[str]] = {}  # parent id -> titles of its missing items
    for sdef in ctx.pack.sections:
        if (ids is not None and sdef.id not in ids) or sdef.id in found:
            continue
        if sdef.parent is not None:
            if sdef.parent in found:  # a missing parent is the finding, not its items
                lacking.setdefault(sdef.parent, []).append(sdef.title)
            continue
        bare = strip_number(sdef.title) or sdef.title
        word = _number_word(sdef.title)
        number = each(trc, "section number", "{number}", number=cn_number(word), word=word) if word else ""
        title = Both(sdef.title, bare)  # in English without its Chinese numbering
        if number:
            yield ctx.said(rule, 'missing section {number} "{title}"', Location(section=sdef.title), number=number,
                           title=title)
        else:
            yield ctx.said(rule, 'missing section "{title}"', Location(section=sdef.title), title=title)
    for parent_id, titles in lacking.items():
        parent = found[parent_id]
        listed = each(quoted_list, titles)
        yield ctx.said(rule, "\"{parent}\" lacks {items}: {listed}", _heading_location(parent), {"missing": titles},
                       parent=parent.title, items=both_n("{n} item", "{n} items", len(titles)), listed=listed)


def _order(ctx: Context, rule: Rule, ids: tuple[str, ...] | None, found: dict[str, Match]) -> Iterator[Finding]:
    """Order is checked among siblings: the sections of the pack that share a parent."""
    by_id = {s.id: s for s in ctx.pack.sections}
    order = {s.id: i for i, s in enumerate(ctx.pack.sections)}
    best: dict[str | None, str] = {}
    for m in sorted(found.values(), key=lambda m: m.paragraph.index):
        if ids is not None and m.section_id not in ids:
            continue
        group = by_id[m.section_id].parent
        later = best.get(group)
        if later is not None and order[m.section_id] < order[later]:
            yield ctx.said(rule, "\"{heading}\" should come before \"{later}\"", _heading_location(m),
                           heading=m.title, later=by_id[later].title)
        else:
            best[group] = m.section_id


def _heading_location(m: Match) -> Location:
    loc = paragraph_location(m.paragraph)
    loc.section = m.title  # the heading itself, even where the numbering kept it out of the section tree
    return loc


def _number_word(title: str) -> str:
    m = re.match(rf"^\s*([{_CN}]+)\s*[、.．]", title)
    return m.group(1) if m else ""


RULE_KIND = Kind(KIND, compile, check, DOC)
