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
