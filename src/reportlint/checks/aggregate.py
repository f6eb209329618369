"""aggregate — a summary report's tables are the sums of its parts' (a city's report over its departments').

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``. Nothing is
checked within one document: :func:`numbers` reads what a report's tables hold, and :func:`compare`, run by
:mod:`reportlint.aggregates` once the summary and every part have been read, compares the sums."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..findings import Finding, Location
from ..i18n import Both, both, each, listed, quoted, tr, trc
from ..model import Table
from ..normalize import norm, parse_number, strip_number
from ..pack import Pack, Rule
from .base import Context, SpecError, table_name, table_place
from .kind import Doc, Kind, Make

KIND = "aggregate"
SHOWN_PARTS = 10  # a message lists at most this many parts' values (the details list all)

DOC = Doc(
    zh="""\
aggregate —— 汇总报告的统计表等于各组成报告统计表之和。

作用
    只在仓库配置 ``.reportlint.yaml`` 的 ``aggregates:`` 指明了汇总报告和组成报告时检查（不配置不检查）::

        aggregates:
          - summary: 2023/某某市2023年政府信息公开工作年度报告.docx
            parts: ["2023/部门/*.docx", 2023/某某区2023年报告.docx]

    检查汇总报告时，读取每份组成报告（路径或 gitignore 风格的通配符，相对于配置文件所在目录；汇总报告本身不算），
    把汇总报告表二、表三、表四（``tables`` 设置）中每个数字与各组成报告同一行同一列的数字之和比较，不相等的报告
    一条，定位到汇总报告的单元格，并列出各组成报告的数字。

    不猜：组成报告不存在、通配符一个文件也没匹配、文件无法读取或不是年度报告时，报告这一点，其余单元格都不核对；
    某份组成报告缺少某张表、某一格不是数字或没有对应的行列时，说明哪些格因此未核对。

依据
    汇总本级政府及其部门情况的年度报告（《中华人民共和国政府信息公开条例》第四十九条、第五十条）中的统计数字
    应当由各组成单位的数字汇总而来；对不上，说明汇总时漏算、重算或某份报告有误。

示例
    正确：汇总报告表三“（七）总计/总计”为120，三份组成报告分别为40、50、30。

    错误::

        汇总报告为120，组成报告为40、50、28
        → 表三「三、本年度办理结果 / （七）总计」「申请人情况 / 总计」为120，各组成报告之和为118（a.docx 40、b.docx 50、
          c.docx 28）

    配置::

        - id: aggregate-mismatch
          kind: aggregate
          tables: [t2, t3, t4]
""",
    en="""\
aggregate — a summary report's tables are the sums of its parts' tables.

What it does
    Only where the repository configuration ``.reportlint.yaml`` names a summary report and its parts under
    ``aggregates:`` (nothing is checked otherwise)::

        aggregates:
          - summary: 2023/city-2023.docx
            parts: ["2023/departments/*.docx", 2023/district-2023.docx]

    When the summary is checked, every part is read (paths or gitignore-style globs, relative to the folder of the
    configuration; the summary itself is never a part) and every number of the summary's tables 二, 三 and 四 (the
    ``tables`` setting) is compared with the sum of the parts' numbers in the same row and column. Each difference
    is one finding at the summary's cell, listing the parts' values.

    It does not guess: when a part does not exist, a glob matches no file, or a part cannot be read or is not an
    annual report, it says so and compares nothing; when a part lacks a table, or a cell of it is not a number or
    has no counterpart, it says which cells were therefore not compared.

Why
    A report covering a government and its departments (Regulations on Open Government Information, Articles 49
    and 50) adds up its units' numbers; a sum that does not match means a unit was left out or counted twice, or
    one report is wrong.

Example
    Passing: the summary's table 3 (七）总计 / 总计 is 120; the three parts give 40, 50 and 30.

    Failing::

        the summary gives 120, the parts 40, 50 and 28
        → table 3 "三、本年度办理结果 / （七）总计" "申请人情况 / 总计" is 120, but the parts add up to 118 (a.docx 40,
          b.docx 50, c.docx 28)

    Configuration::

        - id: aggregate-mismatch
          kind: aggregate
          tables: [t2, t3, t4]
""",
)


@dataclass(frozen=True)
class Spec:
    tables: tuple[str, ...]  # the pack's table ids compared


def compile(rule: Rule, pack: Pack) -> Spec:  # noqa: A001 - the registry's name for the compile step
    tables = tuple(str(t) for t in rule.spec.get("tables", ("t2", "t3", "t4")))
    for i, tid in enumerate(tables):
        if tid not in pack.tables:
            raise SpecError("the pack defines no table {table!r}", key="tables", index=i, table=tid)
    return Spec(tables)


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """Nothing to check within one report: see :func:`compare`, run once the summary and its parts are read."""
    return iter(())


Cells = dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[Decimal | None, str, str, tuple]]


def numbers(ctx: Context) -> dict[str, Cells | None]:
    """What a report's tables hold, per table id of the pack: each data cell by its row and column label paths
    (numbering and spacing aside) → (its number or None, row label, column label, place); None for a table that is
    missing or cannot be read. Plain data, sent back from a worker as it is."""
    out: dict[str, Cells | None] = {}
    for tid in ctx.pack.tables:
        table = ctx.table(tid)
        out[tid] = None if table is None else _cells(ctx, table)
    return out


def _cells(ctx: Context, table: Table) -> Cells:
    cells: Cells = {}
    for i, key in ctx.tables.by_labelling((KIND, "keys"), table, _keys):  # from the labels: once per labelling
        d = table.data[i]
        cells[key] = (parse_number(d.cell.text, decimal=True, signed=True), d.row_label, d.column_label,
                      table_place(table, d))
    return cells


def _keys(table: Table) -> list[tuple[int, tuple[tuple[str, ...], tuple[str, ...]]]]:
    """Each data cell's key (row and column label paths, numbering and spacing aside); the first cell of a key
    counts."""
    seen: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
    for i, d in enumerate(table.data):
        seen.setdefault((_key(d.row_path), _key(d.col_path)), i)
    return [(i, key) for key, i in seen.items()]


def _key(path: tuple) -> tuple[str, ...]:
    return tuple(strip_number(norm(label.cell.text)) for label in path)


@dataclass(frozen=True)
class Part:
    """One part of a summary as the comparison sees it: its name (relative to the configuration) and its numbers,
    or why it has none (``problem``: zh, en)."""

    name: str
    numbers: dict[str, Cells | None] | None
    problem: Both | None = None


def compare(summary: dict[str, Cells | None], parts: list[Part], rule: Rule, make: Make,
            pack: Pack) -> Iterator[Finding]:
    """Findings for the summary (its ``numbers``) against its ``parts``; ``make(rule, zh, en, location, details)``
    builds one for the summary."""
    broken = [p for p in parts if p.problem is not None or p.numbers is None]
    if broken or not parts:
        yield from _not_compared(broken, rule, make)
        return
    spec: Spec = rule.compiled
    for tid in spec.tables:
        cells = summary.get(tid)
        if cells is None:
            continue  # the table is missing or unreadable: table-missing / table-unreadable say so
        names = each(table_name, pack, tid)
        lacking = [p.name for p in parts if p.numbers.get(tid) is None]  # type: ignore[union-attr]
        if lacking:
            yield _lacking_table(rule, make, names, lacking)
            continue
        yield from _compare_table(tid, cells, parts, rule, make, names)


def _said(rule: Rule, make: Make, message: str, location: Location, details: dict[str, Any],
          **values: Any) -> Finding:
    """A finding whose text is ``message`` of the catalogue, ``values`` filled in."""
    text = both(message, **values)
    return make(rule, text.zh, text.en, location, details)


def _not_compared(broken: list[Part], rule: Rule, make: Make) -> Iterator[Finding]:
    if not broken:
        yield _said(rule, make, "no part of the summary report was found: the sums were not checked",
                    Location(), {"reason": "no-parts"})
    for part in broken:
        yield _said(rule, make, "part {part} {problem}: the summary's sums were not checked", Location(),
                    {"reason": "part-unusable", "part": part.name}, part=part.name,
                    problem=part.problem or both("cannot be read"))


def _lacking_table(rule: Rule, make: Make, names: Both, lacking: list[str]) -> Finding:
    return _said(rule, make, "part(s) {parts} have no readable {table}: its sums were not checked", Location(),
                 {"reason": "part-lacks-table", "parts": lacking}, parts=each(listed, lacking),
                 table=names)


def _compare_table(tid: str, cells: Cells, parts: list[Part], rule: Rule, make: Make,
                   names: Both) -> Iterator[Finding]:
    unusable: dict[str, list[tuple[str, str]]] = {}  # part → labels of the cells it cannot give
    for key, (value, row_label, column_label, place) in cells.items():
        if value is None:
            continue  # not a number in the summary: blank-cell says so
        values: list[tuple[str, Decimal]] = []
        for part in parts:
            got = part.numbers[tid].get(key)  # type: ignore[index]
            if got is None or got[0] is None:
                unusable.setdefault(part.name, []).append((row_label, column_label))
            else:
                values.append((part.name, got[0]))
        if len(values) < len(parts):
            continue
        total = sum((v for _, v in values), Decimal(0))
        if total != value:
            yield _mismatch(rule, make, names, (row_label, column_label), value, total, values, place)
    for name, labels in unusable.items():
        shown = each(_cells_quoted, labels)
        yield _said(rule, make, "part {part}: {n} cell(s) of {table} are not numbers or have no counterpart ({cells}); their sums were not checked",
                    Location(), {"reason": "part-cells", "part": name, "table": tid, "cells": labels}, part=name,
                    n=len(labels), table=names, cells=shown)


def _mismatch(rule: Rule, make: Make, names: Both, labels: tuple[str, str], value: Decimal,
              total: Decimal, values: list[tuple[str, Decimal]], place: tuple) -> Finding:
    row_label, column_label = labels
    return _said(rule, make, "{table} \"{row}\" \"{column}\" is {value}, but the parts add up to {total} ({listed})",
                 Location(*place),
                 {"value": str(value), "sum": str(total), "parts": [{"path": n, "value": str(v)} for n, v in values]},
                 table=names, row=row_label, column=column_label, value=value, total=total, listed=_listed(values))


def _cells_quoted(lang: str, labels: list[tuple[str, str]]) -> str:
    """The first three cells by their labels: 「行」「列」、… / "row" "column", …"""
    shown = listed(lang, (trc(lang, "row and column", "{row} {column}", row=quoted(lang, r), column=quoted(lang, c))
                          for r, c in labels[:3]))
    return shown + ("…" if len(labels) > 3 else "")


def _listed(values: list[tuple[str, Decimal]]) -> Both:
    """The parts' values for a message: all of them when few, else the non-zero ones (at most SHOWN_PARTS)."""
    shown = values if len(values) <= SHOWN_PARTS else [(n, v) for n, v in values if v][:SHOWN_PARTS]
    rest = len(values) - len(shown)
    rest_total = sum((v for _, v in values), Decimal(0)) - sum((v for _, v in shown), Decimal(0))

    def say(lang: str) -> str:
        parts = [listed(lang, (f"{n} {v}" for n, v in shown))] if shown else []
        if rest:
            parts.append(tr(lang, "{rest} more totalling {total}", rest=rest, total=rest_total))
        return listed(lang, parts, "clauses")
    return each(say)


RULE_KIND = Kind(KIND, compile, check, DOC)
