"""required_tables — the report contains each statistical table of the format.

What it does
    Locates each table named in ``tables:`` by the labels listed under the pack's ``tables:`` section
    (``locate:``; at least ``min_match`` of them must appear among the table's labels) and reports a table that
    cannot be found. Tables are recognised by their labels, not their position, so captions, extra tables and
    split tables do not confuse it.

Why
    Tables 二, 三 and 四 carry the statistics the national format requires (主动公开, 依申请公开, 行政复议和行政
    诉讼); a report without them, or with a table pasted as a picture, cannot be checked or aggregated.

Example
    Passing: a table whose rows include 本年新收政府信息公开申请数量 and 结转下年度继续办理 is found as 表三.

    Failing::

        (no table with 行政复议 / 行政诉讼 labels)   → 未找到表四「政府信息公开行政复议、行政诉讼情况」

    Configuration::

        - id: table-missing
          kind: required_tables
          tables: [t2, t3, t4]
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Location
from .base import Context, SpecError

KIND = "required_tables"

# The documentation above in Chinese, for `reportlint explain` (the default language).
DOC_ZH = """\
required_tables —— 报告包含格式规定的各张统计表。

作用
    按规则包 ``tables:`` 一节中列出的标签（``locate:``；表内标签中至少出现 ``min_match`` 个）查找 ``tables:``
    中指定的每张表，找不到的报告一条。表格按标签识别，不看位置，因此表题、多余的表和被拆开的表都不会造成误判。

依据
    表二、表三、表四承载全国格式要求的统计数据（主动公开、依申请公开、行政复议和行政诉讼）；缺表，或以图片形式
    插入的表，无法检查，也无法汇总。

示例
    正确：行中含有“本年新收政府信息公开申请数量”和“结转下年度继续办理”的表被识别为表三。

    错误::

        （没有含“行政复议 / 行政诉讼”标签的表）   → 未找到表四「政府信息公开行政复议、行政诉讼情况」

    配置::

        - id: table-missing
          kind: required_tables
          tables: [t2, t3, t4]
"""


def compile(rule, pack):  # noqa: A001
    tables = list(rule.spec["tables"])
    for i, tid in enumerate(tables):
        if tid not in pack.tables:
            raise SpecError(f"unknown table {tid!r} (defined: {', '.join(pack.tables) or 'none'})",
                            key="tables", index=i)
    return tables


def check(ctx: Context, rule) -> Iterator[Finding]:
    for tid in rule.compiled:
        if ctx.table(tid) is None:
            tdef = ctx.pack.tables[tid]
            title_zh = f"「{tdef.title}」" if tdef.title else ""
            title_en = f" ({tdef.title})" if tdef.title else ""
            yield ctx.finding(
                rule,
                f"未找到{tdef.name}{title_zh}统计表",
                f"{tdef.name_en}{title_en} not found",
                Location(),
            )
