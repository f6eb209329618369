"""old_format — a report of 2021 or later still uses the 2019 table layout.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..edition import detect_layout, old_labels_in
from ..findings import Finding, Location
from ..i18n import each, quoted_list
from ..pack import Pack, Rule
from .base import Context, table_location
from .kind import Doc, Kind

KIND = "old_format"

DOC = Doc(
    zh="""\
old_format —— 2021年度及以后的报告仍使用2019年版表格。

作用
    检查文档表格的栏目：2019年版格式（格式（试行））有2021年版取消的栏目（本年新制作数量、本年新公开数量、对外公开
    总数量、上一年项目数量、本年增/减、采购项目数量……）。报告年度（取自标题）为 ``from_year``（默认2021）或以后、
    而表格使用2019年版栏目的，在表二处报告一条，列出找到的旧栏目。

    未作配置时，这样的报告按其表格选用2019年版规则包检查，其余问题针对报告内容，而不是一连串缺少2021年版栏目的
    报告。

依据
    2021年版格式（国办公开办函〔2021〕30号）自2021年度报告起取代2019年版；旧版表二不提供新版要求的数字（本年制发
    件数、现行有效件数……）。

示例
    正确：2023年度报告的表二为“本年制发件数 · 本年废止件数 · 现行有效件数”。

    错误::

        2023年度报告的表二为“本年新制作数量 · 本年新公开数量 · 对外公开总数量”
        → 2023年度报告仍使用2019年版表格（「本年新制作数量」「本年新公开数量」「对外公开总数量」），2021年起应使用新版格式

    配置::

        - id: old-format
          kind: old_format
          from_year: 2021
""",
    en="""\
old_format — a report of 2021 or later still uses the 2019 table layout.

What it does
    Looks at the labels of the document's tables: the 2019 edition of the format (格式（试行）) has columns the
    2021 edition dropped (本年新制作数量, 本年新公开数量, 对外公开总数量, 上一年项目数量, 本年增/减, 采购项目数量 …). A report
    whose year (from its title) is ``from_year`` (default 2021) or later and whose tables show the 2019 labels
    is one finding at table 2, naming the old labels found.

    Without configuration such a report is checked against the 2019 pack (chosen from its tables), so the rest
    of its findings are about its content, not a cascade of missing 2021 labels.

Why
    The 2021 format (国办公开办函〔2021〕30号) replaced the 2019 one for reports from 2021 on; a report in the old
    layout does not give the figures the new table 2 asks for (本年制发件数, 现行有效件数 …).

Example
    Passing: a 2023 report whose table 2 has 本年制发件数 · 本年废止件数 · 现行有效件数.

    Failing::

        a 2023 report whose table 2 has 本年新制作数量 · 本年新公开数量 · 对外公开总数量
        → 2023年度报告仍使用2019年版表格（「本年新制作数量」「本年新公开数量」「对外公开总数量」），2021年起应使用新版格式

    Configuration::

        - id: old-format
          kind: old_format
          from_year: 2021
""",
)


@dataclass(frozen=True)
class Spec:
    from_year: int  # the first report year held to the 2021 format


def compile(rule: Rule, pack: Pack) -> Spec:  # noqa: A001 - the registry's name for the compile step
    return Spec(int(rule.spec.get("from_year", 2021)))


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    year = ctx.doc.year
    from_year = rule.compiled.from_year
    if year is None or year < from_year or detect_layout(ctx.doc, ctx.tables) != "2019":
        return
    labels = old_labels_in(ctx.doc)
    table = ctx.table("t2") if "t2" in ctx.pack.tables else None
    shown = each(quoted_list, labels[:3])
    yield ctx.said(rule, "a {year} report still uses the 2019 table layout ({labels}); from {from_year} on the 2021 format applies",
                   table_location(table) if table is not None else Location(), {"labels": labels}, year=year,
                   labels=shown, from_year=from_year)


RULE_KIND = Kind(KIND, compile, check, DOC)
