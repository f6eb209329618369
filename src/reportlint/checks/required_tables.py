"""required_tables — the report contains each statistical table of the format, in a form that can be read.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, Location
from ..i18n import Both, each
from ..pack import Pack, Rule
from .base import Context, paragraph_location, table_ids, table_location, table_titled
from .kind import Doc, Kind
from .tabletext import Unreadable

KIND = "required_tables"

DOC = Doc(
    zh="""\
required_tables —— 报告包含格式规定的各张统计表，且表格可以读取。

作用
    按规则包 ``tables:`` 一节中列出的标签（``locate:``；表内标签中至少出现 ``min_match`` 个）查找 ``tables:``
    中指定的每张表。表格按标签识别，不看位置，因此表题、多余的表和被拆开的表都不会造成误判。

    ``check: presence``（默认）报告找不到的表。``check: readable`` 报告存在、但数字无法读取的表：导出时被压成了
    文字（标签和数字连在一起，如“一、本年新收政府信息公开申请数量15130000154”），或单元格里挤着几个数字（“3001 53
    0 0 61 4 3119”）。这样的表不报告为缺失，勾稽关系和空白单元格规则也不检查它。

依据
    表二、表三、表四承载全国格式要求的统计数据（主动公开、依申请公开、行政复议和行政诉讼）；缺表，或以图片形式
    插入的表，无法检查，也无法汇总。导出时丢失结构的表并没有缺，但在重新导出之前，其中的数字都无法核对。

示例
    正确：行中含有“本年新收政府信息公开申请数量”和“结转下年度继续办理”的表被识别为表三。

    错误::

        （没有含“行政复议 / 行政诉讼”标签的表）   → 未找到表四「政府信息公开行政复议、行政诉讼情况」
        一、本年新收政府信息公开申请数量15130000154二、上年结转…   → 表三「收到和处理政府信息公开申请情况」只剩文字…

    配置::

        - id: table-missing
          kind: required_tables
          tables: [t2, t3, t4]
        - id: table-unreadable
          kind: required_tables
          check: readable
          tables: [t2, t3, t4]
""",
    en="""\
required_tables — the report contains each statistical table of the format, in a form that can be read.

What it does
    Locates each table named in ``tables:`` by the labels listed under the pack's ``tables:`` section
    (``locate:``; at least ``min_match`` of them must appear among the table's labels). Tables are recognised by
    their labels, not their position, so captions, extra tables and split tables do not confuse it.

    ``check: presence`` (the default) reports a table that cannot be found. ``check: readable`` reports a table
    that is there but whose numbers cannot be read: flattened into text by an export (its labels and numbers run
    together: "一、本年新收政府信息公开申请数量15130000154"), or with several numbers in each of its cells ("3001 53 0
    0 61 4 3119"). Such a table is not reported as missing, and the arithmetic and blank-cell rules leave it alone.

Why
    Tables 二, 三 and 四 carry the statistics the national format requires (主动公开, 依申请公开, 行政复议和行政
    诉讼); a report without them, or with a table pasted as a picture, cannot be checked or aggregated. A table
    whose structure an export lost is not missing, but nothing in it can be checked until it is exported again.

Example
    Passing: a table whose rows include 本年新收政府信息公开申请数量 and 结转下年度继续办理 is found as 表三.

    Failing::

        (no table with 行政复议 / 行政诉讼 labels)   → 未找到表四「政府信息公开行政复议、行政诉讼情况」
        一、本年新收政府信息公开申请数量15130000154二、上年结转…   → 表三「收到和处理政府信息公开申请情况」只剩文字…

    Configuration::

        - id: table-missing
          kind: required_tables
          tables: [t2, t3, t4]
        - id: table-unreadable
          kind: required_tables
          check: readable
          tables: [t2, t3, t4]
""",
)


@dataclass(frozen=True)
class Spec:
    check: str  # presence | readable
    tables: tuple[str, ...]  # ids of the pack's tables


def compile(rule: Rule, pack: Pack) -> Spec:  # noqa: A001 - the registry's name for the compile step
    tables = table_ids(rule, pack)
    return Spec(str(rule.spec.get("check", "presence")), tables)


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    spec: Spec = rule.compiled
    mode, tables = spec.check, spec.tables
    unreadable = ctx.unreadable_tables()
    for tid in tables:
        name = each(table_titled, ctx.pack, tid)
        if mode == "readable":
            if tid in unreadable:
                yield _unreadable(ctx, rule, unreadable[tid], name)
        elif ctx.located(tid) is None and tid not in unreadable:
            yield ctx.said(rule, "{table} not found", Location(), table=name)


def _unreadable(ctx: Context, rule: Rule, found: Unreadable, name: Both) -> Finding:
    if found.how == "text":
        assert found.paragraph is not None
        return ctx.said(rule, "{table} is only text: the table's structure is lost (labels and numbers run together, e.g. \"{sample}\"), so its numbers cannot be checked; export it again from the original table (Word, Excel or a web page table)",
                        paragraph_location(found.paragraph, found.sample), {"text": found.sample}, table=name,
                        sample=found.sample)
    assert found.table is not None
    return ctx.said(rule, "{table} has {count} cells holding several numbers each (e.g. \"{sample}\"): the table's structure was lost in export, so its numbers cannot be checked; export it again from the original table",
                    table_location(found.table, found.cell), {"text": found.sample, "cells": found.count}, table=name,
                    count=found.count, sample=found.sample)


RULE_KIND = Kind(KIND, compile, check, DOC)
