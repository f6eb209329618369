"""text_table_mismatch — counts quoted in 总体情况 agree with tables 三 and 四.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding
from ..i18n import Both, each, trc
from ..model import Paragraph, Table
from ..normalize import clean, parse_number
from ..pack import Pack, Rule
from .base import Context, SpecError, paragraph_location, table_location, table_name
from .kind import Doc, Kind
from .labels import Labels
from .sectionmap import find_sections, section_paragraphs

KIND = "text_table_mismatch"

DOC = Doc(
    zh="""\
text_table_mismatch —— 总体情况中引用的数字与表三、表四一致。

作用
    在“一、总体情况”的句子中查找审阅者常与统计表核对的数字：

    * 申请：“共受理政府信息公开申请859件”“收到政府信息公开申请12件” → 表三“一、本年新收”行“总计”列
      （“本年新收 + 上年结转”也接受，有的报告以此作为全年办理量）；
    * 行政复议：“被申请行政复议2件”“未发生行政复议”（0） → 表四“行政复议 / 总计”；
    * 行政诉讼：“行政诉讼1件”“未发生行政诉讼”（0） → 表四“未经复议直接起诉 / 总计”与“复议后起诉 / 总计”之和。

    与表格不一致的，定位到该句，报告一条并给出两个数字。表格（或该格）缺失、无法读出数字时不报，由 required_tables
    和 no_blank_cells 报告。

依据
    同一份报告的文字与统计表应当一致；总体情况写859件而表三为856件，是评估中最常指出的问题之一（FORMAT.md“Text vs
    table”）。

示例
    正确::

        2023年共受理政府信息公开申请12件  （表三 一、本年新收 / 总计 = 12）

    错误::

        2024年，区政府办代表区政府受理政府信息公开申请17件  （表三：95）
        → 总体情况中政府信息公开申请为17件，表三「一、本年新收政府信息公开申请数量 / 申请人情况 / 总计」为95件

    配置（读哪一部分的句子；每个数字：它前面的措辞 ``said``（正则表达式，其后为数字和“件/起/宗/个/条/份”）、
    “未发生……”时的用词 ``none``、表格和要求相等的单元格之和 ``cells``，``or_cells`` 为也接受的另一个和）::

        - id: text-table-mismatch
          kind: text_table_mismatch
          severity: warning
          section: overview
          counts:
            - topic: review
              name: 行政复议
              name_en: administrative reconsiderations
              said: 行政复议(?:案件|申请)?(?:共|合计)?\\s*(?:为)?\\s*
              none: 行政复议
              table: t4
              cells: [{column: [行政复议, 总计]}]
""",
    en="""\
text_table_mismatch — counts quoted in 总体情况 agree with tables 三 and 四.

What it does
    Reads the sentences of section 一、总体情况 for the counts reviewers compare with the tables:

    * applications: "共受理政府信息公开申请859件", "收到政府信息公开申请12件" → table 3, row 一、本年新收, column 总计
      (also accepted: 本年新收 + 上年结转, which some reports quote as the year's workload);
    * administrative reconsideration: "被申请行政复议2件", "未发生行政复议" (0) → table 4, 行政复议 / 总计;
    * litigation: "行政诉讼1件", "未发生行政诉讼" (0) → table 4, 未经复议直接起诉 / 总计 + 复议后起诉 / 总计.

    A count that differs from the table is a finding at the sentence, giving both numbers. Nothing is
    reported when the table (or its cell) is missing or unreadable: required_tables and no_blank_cells say so.

Why
    The text and the tables of one report must tell the same story; a summary that says 859 while table 3 says
    856 is one of the defects evaluators list most often (FORMAT.md, "Text vs table").

Example
    Passing::

        2023年共受理政府信息公开申请12件  (table 3 一、本年新收 / 总计 = 12)

    Failing::

        2024年，区政府办代表区政府受理政府信息公开申请17件  (table 3: 95)
        → 总体情况中政府信息公开申请为17件，表三「一、本年新收政府信息公开申请数量 / 申请人情况 / 总计」为95件

    Configuration (the section whose sentences are read; for each count, the wording before it, ``said``, a
    regular expression followed by the number and 件/起/宗/个/条/份; the word of a "none" sentence, ``none``; the
    table and the cells whose sum it must equal, ``cells``, and ``or_cells``, another sum also accepted)::

        - id: text-table-mismatch
          kind: text_table_mismatch
          severity: warning
          section: overview
          counts:
            - topic: review
              name: 行政复议
              name_en: administrative reconsiderations
              said: 行政复议(?:案件|申请)?(?:共|合计)?\\s*(?:为)?\\s*
              none: 行政复议
              table: t4
              cells: [{column: [行政复议, 总计]}]
""",
)

_N = r"(\d{1,7})\s*(?:件|起|宗|个|条|份)"  # after what the pack's ``said`` pattern matches: the count and its unit
_NEGATION = r"(?:未|没有|无)(?:发生|收到|出现|涉及|被提起|被申请)?(?:[^。；，,]{0,6}?)"
_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")


@dataclass(frozen=True)
class CellRef:
    """A data cell by its labels: the row label path and the column header path (leaf last), either may be empty."""

    row: tuple[str, ...]
    column: tuple[str, ...]


@dataclass(frozen=True)
class Count:
    """A count the text quotes and the table cells it must agree with (their sum; ``or_cells``: another sum also
    accepted)."""

    topic: str
    name: str
    name_en: str
    said: re.Pattern[str]  # the wording before the count
    none: str  # the word of a sentence saying there were none ("未发生行政复议" → 0); "" when it cannot be said
    table: str
    cells: tuple[CellRef, ...]
    or_cells: tuple[CellRef, ...] = ()
    shown: str = ""  # how the message names the cells (default: the first cell's labels)


@dataclass(frozen=True)
class Spec:
    section: str  # id of the pack's section whose sentences are read
    counts: tuple[Count, ...]
    none: re.Pattern[str] | None  # a sentence saying there were none of some counts


def compile(rule: Rule, pack: Pack) -> Spec:  # noqa: A001 - the registry's name for the compile step
    section = str(rule.spec.get("section", "overview"))
    if section not in {s.id for s in pack.sections}:
        raise SpecError("unknown section id {section!r}", key="section", section=section)
    counts = tuple(_count(i, c, pack) for i, c in enumerate(rule.spec.get("counts") or []))
    words = [re.escape(c.none) for c in counts if c.none]
    either = f"(?:{'|'.join(words)})"
    none = re.compile(rf"{_NEGATION}(?P<what>{either}(?:[和、及与或]{either})?)") if words else None
    return Spec(section, counts, none)


def _count(i: int, said: dict, pack: Pack) -> Count:
    table = str(said["table"])
    if table not in pack.tables:
        raise SpecError("the pack defines no table {table!r}", key="counts", index=i, table=table)
    try:
        pattern = re.compile(str(said["said"]) + _N)
    except re.error as exc:
        raise SpecError("invalid pattern: {reason}", key="counts", index=i, reason=exc) from None

    def refs(key: str) -> tuple[CellRef, ...]:
        return tuple(CellRef(_path(c.get("row")), _path(c.get("column"))) for c in said.get(key) or [])

    return Count(str(said["topic"]), str(said["name"]), str(said.get("name_en", said["name"])), pattern,
                 str(said.get("none", "")), table, refs("cells"), refs("or_cells"), str(said.get("shown", "")))


def _path(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)  # type: ignore[attr-defined]


@dataclass
class Quoted:
    count: Count
    value: int
    paragraph: Paragraph
    sentence: str


def quoted_counts(paragraphs: list[Paragraph], spec: Spec) -> list[Quoted]:
    """The first quote of each count in the text."""
    found: dict[str, Quoted] = {}
    for p in paragraphs:
        for m in _SENTENCE_RE.finditer(p.display):
            sentence = m.group(0).strip()
            for count in spec.counts:
                hit = count.said.search(sentence)
                if hit and count.topic not in found:
                    found[count.topic] = Quoted(count, int(hit.group(1)), p, sentence)
            for hit in spec.none.finditer(sentence) if spec.none is not None else ():
                what = hit.group("what")
                for count in spec.counts:
                    if count.none and count.none in what and count.topic not in found:
                        found[count.topic] = Quoted(count, 0, p, sentence)
    return list(found.values())


def _cell(ctx: Context, table: Table, ref: CellRef) -> tuple[int | None, int | None]:
    """(the index in ``table.data`` of the first cell with these labels, its whole number) or (None, None)."""
    i = ctx.tables.by_labelling((KIND, ref), table, lambda t: _find(ctx.labels, t, ref))
    if i is None:
        return None, None
    value = parse_number(table.data[i].cell.text)
    return i, (int(value) if value is not None else None)


def _find(labels: Labels, table: Table, ref: CellRef) -> int | None:
    for i, d in enumerate(table.data):
        if labels.path_matches(ref.column, d.col_path) and (not ref.row or labels.path_matches(ref.row, d.row_path)):
            return i
    return None


def _sum(ctx: Context, table: Table, refs: tuple[CellRef, ...]) -> tuple[int | None, int | None]:
    """(the first cell's index, the sum of the cells' numbers), the sum None when a cell is missing or blank (or there
    are no cells)."""
    if not refs:
        return None, None
    first, total = None, 0
    for ref in refs:
        i, value = _cell(ctx, table, ref)
        if value is None:
            return i if first is None else first, None
        first = i if first is None else first
        total += value
    return first, total


def _bare(title: str) -> str:
    """A heading without its number: 一、总体情况 → 总体情况."""
    return re.sub(r"^[一二三四五六七八九十]+\s*[、.．]\s*", "", clean(title))


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    spec: Spec = rule.compiled
    match = find_sections(ctx).get(spec.section)
    paragraphs = section_paragraphs(ctx, match) if match is not None else []
    for q in quoted_counts(paragraphs, spec):
        count = q.count
        table = ctx.table(count.table)
        if table is None:
            continue
        at, value = _sum(ctx, table, count.cells)
        if at is None or value is None:
            continue
        accepted = {value} | ({other} if (other := _sum(ctx, table, count.or_cells)[1]) is not None else set())
        if q.value in accepted:
            continue
        cell = table.data[at]
        in_section = next(_bare(s.title) for s in ctx.pack.sections if s.id == spec.section)
        where = count.shown or " / ".join(x for x in (cell.row_label, cell.column_label) if x)
        yield ctx.said(
            rule, "{section} gives {quoted} {name}, {table} \"{where}\" gives {value}",
            paragraph_location(q.paragraph, q.sentence[:20]),
            {"sentence": q.sentence, "text": q.value, "table": value,
             "table_location": table_location(table, cell).to_dict()},
            section=each(trc, "section", "section “{section}”", section=in_section), quoted=q.value,
            name=Both(count.name, count.name_en), table=each(table_name, ctx.pack, count.table), where=where, value=value
        )


RULE_KIND = Kind(KIND, compile, check, DOC)
