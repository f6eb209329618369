"""text_table_mismatch — counts quoted in 总体情况 agree with tables 三 and 四.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding
from ..model import Paragraph, Table
from ..normalize import parse_number
from ..pack import Pack, Rule
from .base import Context, SpecError, paragraph_location, table_location
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

    配置::

        - id: text-table-mismatch
          kind: text_table_mismatch
          severity: warning
""",
    en="""\
text_table_mismatch — counts quoted in 总体情况 agree with tables 三 and 四.

What it does
    Reads the sentences of section 一、总体情况 for the counts reviewers compare with the tables:

    * applications: "共受理政府信息公开申请859件", "收到政府信息公开申请12件" → table 三, row 一、本年新收, column 总计
      (also accepted: 本年新收 + 上年结转, which some reports quote as the year's workload);
    * administrative reconsideration: "被申请行政复议2件", "未发生行政复议" (0) → table 四, 行政复议 / 总计;
    * litigation: "行政诉讼1件", "未发生行政诉讼" (0) → table 四, 未经复议直接起诉 / 总计 + 复议后起诉 / 总计.

    A count that differs from the table is a finding at the sentence, giving both numbers. Nothing is
    reported when the table (or its cell) is missing or unreadable: required_tables and no_blank_cells say so.

Why
    The text and the tables of one report must tell the same story; a summary that says 859 while table 三 says
    856 is one of the defects evaluators list most often (FORMAT.md, "Text vs table").

Example
    Passing::

        2023年共受理政府信息公开申请12件  (table 三 一、本年新收 / 总计 = 12)

    Failing::

        2024年，区政府办代表区政府受理政府信息公开申请17件  (table 三: 95)
        → 总体情况中政府信息公开申请为17件，表三「一、本年新收政府信息公开申请数量 / 申请人情况 / 总计」为95件

    Configuration::

        - id: text-table-mismatch
          kind: text_table_mismatch
          severity: warning
""",
)

_N = r"(\d{1,7})\s*(?:件|起|宗|个|条|份)"
_APPLICATION_RE = re.compile(
    r"(?:受理|收到|接收|新收|办理|共有)[^。；，,]{0,12}?(?:政府)?信息公开申请(?:共|总计|合计)?\s*(?:为|达)?\s*" + _N
)
_REVIEW_RE = re.compile(r"行政复议(?:案件|申请)?(?:共|合计)?\s*(?:为)?\s*" + _N)
_LITIGATION_RE = re.compile(r"行政诉讼(?:案件)?(?:共|合计)?\s*(?:为)?\s*" + _N)
_NONE_RE = re.compile(r"(?:未|没有|无)(?:发生|收到|出现|涉及|被提起|被申请)?(?:[^。；，,]{0,6}?)"
                      r"(?P<what>行政复议(?:[和、及与或]行政诉讼)?|行政诉讼)")
_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")


@dataclass
class Quoted:
    topic: str  # applications | review | litigation
    count: int
    paragraph: Paragraph
    sentence: str


TOPICS = {
    "applications": ("政府信息公开申请", "information disclosure applications"),
    "review": ("行政复议", "administrative reconsiderations"),
    "litigation": ("行政诉讼", "lawsuits"),
}


@dataclass(frozen=True)
class Spec:
    """No settings."""


def compile(rule: Rule, pack: Pack) -> Spec:  # noqa: A001 - the registry's name for the compile step
    for tid in ("t3", "t4"):
        if tid not in pack.tables:
            raise SpecError(f"the pack defines no table {tid!r}", key="kind")
    return Spec()


def quoted_counts(paragraphs: list[Paragraph]) -> list[Quoted]:
    """The first count of each topic the text quotes."""
    found: dict[str, Quoted] = {}
    for p in paragraphs:
        for m in _SENTENCE_RE.finditer(p.display):
            sentence = m.group(0).strip()
            for topic, regex in (("applications", _APPLICATION_RE), ("review", _REVIEW_RE),
                                 ("litigation", _LITIGATION_RE)):
                hit = regex.search(sentence)
                if hit and topic not in found:
                    found[topic] = Quoted(topic, int(hit.group(1)), p, sentence)
            for hit in _NONE_RE.finditer(sentence):
                what = hit.group("what")
                for topic, word in (("review", "行政复议"), ("litigation", "行政诉讼")):
                    if word in what and topic not in found:
                        found[topic] = Quoted(topic, 0, p, sentence)
    return list(found.values())


def _cell(ctx: Context, table: Table, row: tuple[str, ...] | None, column: tuple[str, ...]):
    """(the index in ``table.data`` of the first cell with these labels, its whole number) or (None, None)."""
    i = ctx.tables.by_labelling((KIND, row, column), table, lambda t: _find(ctx.labels, t, row, column))
    if i is None:
        return None, None
    value = parse_number(table.data[i].cell.text)
    return i, (int(value) if value is not None else None)


def _find(labels: Labels, table: Table, row: tuple[str, ...] | None, column: tuple[str, ...]) -> int | None:
    for i, d in enumerate(table.data):
        if labels.path_matches(column, d.col_path) and (row is None or labels.path_matches(row, d.row_path)):
            return i
    return None


def _table_counts(ctx: Context, topic: str):
    """(accepted values, the cells and their labels as shown, the main value)."""
    if topic == "applications":
        t3 = ctx.table("t3")
        if t3 is None:
            return None
        new_cell, new = _cell(ctx, t3, ("本年新收政府信息公开申请数量",), ("总计",))
        _, carried = _cell(ctx, t3, ("上年结转政府信息公开申请数量",), ("总计",))
        if new is None:
            return None
        accepted = {new} | ({new + carried} if carried is not None else set())
        return t3, new_cell, accepted, new, "表三", "table 三"
    t4 = ctx.table("t4")
    if t4 is None:
        return None
    if topic == "review":
        cell, value = _cell(ctx, t4, None, ("行政复议", "总计"))
        return (t4, cell, {value}, value, "表四", "table 四") if value is not None else None
    direct_cell, direct = _cell(ctx, t4, None, ("未经复议直接起诉", "总计"))
    _, after = _cell(ctx, t4, None, ("复议后起诉", "总计"))
    if direct is None or after is None:
        return None
    return t4, direct_cell, {direct + after}, direct + after, "表四", "table 四"


def _overview(ctx: Context) -> list[Paragraph]:
    match = find_sections(ctx).get("overview")
    return section_paragraphs(ctx, match) if match is not None else []


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for q in quoted_counts(_overview(ctx)):
        counted = _table_counts(ctx, q.topic)
        if counted is None:
            continue
        table, at, accepted, value, name, name_en = counted
        if q.count in accepted:
            continue
        cell = table.data[at]
        what, what_en = TOPICS[q.topic]
        where = " / ".join(x for x in (cell.row_label, cell.column_label) if x) if q.topic != "litigation" else "行政诉讼 / 总计"
        loc = paragraph_location(q.paragraph, q.sentence[:20])
        yield ctx.finding(
            rule,
            f"总体情况中{what}为{q.count}件，{name}「{where}」为{value}件",
            f"the overview gives {q.count} {what_en}, {name_en} \"{where}\" gives {value}",
            loc,
            {"sentence": q.sentence, "text": q.count, "table": value,
             "table_location": table_location(table, cell).to_dict()},
        )


RULE_KIND = Kind(KIND, compile, check, DOC)
