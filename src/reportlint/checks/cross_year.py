"""cross_year — this year's report agrees with the same agency's report of the year before.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..findings import Finding, Location, Related
from ..history import Entry
from ..i18n import both
from ..model import DataCell, Table
from ..normalize import norm, parse_number
from ..pack import Pack, Rule
from .base import Context, SpecError, table_place
from .kind import AcrossYears, Doc, Make
from .labels import Labels

KIND = "cross_year"

DOC = Doc(
    zh="""\
cross_year —— 本年度报告与同一机关上一年度报告相互衔接。

作用
    多份报告一起检查，或用 ``--history DIR`` 指明往年报告所在目录时，按标题中的机关名称和年度为每份报告找到上一
    年度的报告（“卫健局”与“卫生健康局”、“卫体局”与“卫生健康和体育局”等视为相同；标题省略市名的也能匹配）。然后
    逐列或逐行检查：

    * ``check: carryover``（E5）：Y年表三“二、上年结转政府信息公开申请数量”等于Y−1年“四、结转下年度继续办理”，
      每一列（自然人……总计）；
    * ``check: effective_docs``（E6）：Y年表二“现行有效件数”等于Y−1年“现行有效件数”加Y年“本年制发件数”减Y年
      “本年废止件数”，规章和行政规范性文件两行。

    问题定位到本年度的单元格，并写明上一年度报告及其单元格。没有上一年度报告，或单元格不是数字（由
    no_blank_cells 报告）时不报。

依据
    上一年末结转的申请就是下一年初结转来的申请；现行有效的文件只因本年制发和废止而变化。不一致说明两份报告中
    有一份有误（FORMAT.md，E5、E6）。

示例
    正确：2022年报告“四、结转下年度继续办理 / 总计”为3，2023年报告“二、上年结转 / 总计”为3。

    错误::

        2023年报告“二、上年结转 / 自然人”为2，2022年报告“四、结转下年度继续办理 / 自然人”为3
        → 表三「二、上年结转政府信息公开申请数量」「自然人」为2，与上年报告 2022.docx 的「四、结转下年度继续办理」「自然人」3不一致

    配置::

        - id: carryover-mismatch
          kind: cross_year
          check: carryover
""",
    en="""\
cross_year — this year's report agrees with the same agency's report of the year before.

What it does
    When several reports are checked together, or ``--history DIR`` names where earlier reports live, each
    report's previous-year report is found by agency and year from the titles (卫健局 and 卫生健康局, 卫体局 and
    卫生健康和体育局 … match; a title without the city matches one with it). Then, per column or row:

    * ``check: carryover`` (E5): table 3 二、上年结转政府信息公开申请数量 of year Y equals 四、结转下年度继续办理 of
      year Y−1, in every column (自然人 … 总计);
    * ``check: effective_docs`` (E6): table 2 现行有效件数 of year Y equals 现行有效件数 of Y−1 + 本年制发件数 of Y −
      本年废止件数 of Y, for 规章 and 行政规范性文件.

    Each finding is at this year's cell and names the previous report and its cell. Without a previous report,
    or where a cell is not a number (no_blank_cells reports it), nothing is reported.

Why
    Applications carried over at the end of one year are the ones carried in at the start of the next; documents
    in force change only by those issued and repealed. A mismatch means one of the two reports is wrong
    (FORMAT.md, E5 and E6).

Example
    Passing: 2022 report 四、结转下年度继续办理 / 总计 = 3, 2023 report 二、上年结转 / 总计 = 3.

    Failing::

        2023 report 二、上年结转 / 自然人 = 2, 2022 report 四、结转下年度继续办理 / 自然人 = 3
        → 表三「二、上年结转政府信息公开申请数量」「自然人」为2，与上年报告 2022.docx 的「四、结转下年度继续办理」「自然人」3不一致

    Configuration::

        - id: carryover-mismatch
          kind: cross_year
          check: carryover
""",
)

CARRIED_IN = "二、上年结转政府信息公开申请数量"
CARRIED_OUT = "四、结转下年度继续办理"
T2_ROWS = ("规章", "行政规范性文件")
T2_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")


@dataclass(frozen=True)
class Spec:
    check: str  # carryover | effective_docs


def compile(rule: Rule, pack: Pack) -> Spec:  # noqa: A001 - the registry's name for the compile step
    mode = str(rule.spec.get("check", "carryover"))
    needed = "t3" if mode == "carryover" else "t2"
    if needed not in pack.tables:
        raise SpecError("the pack defines no table {table!r}", key="check", table=needed)
    return Spec(mode)


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """Nothing to check within one report: see ``compare``, run once every report has been read."""
    return iter(())


def _column_key(d: DataCell) -> str:
    leaf = d.col_path[-1].text if d.col_path else d.column_label
    return norm(leaf)


def summarize(ctx: Context) -> dict[str, Any]:
    """What ``compare`` needs of one report: the cells of E5 and E6 with their values and locations (as
    ``Location.astuple`` gives them)."""
    data: dict[str, Any] = {"carried_in": {}, "carried_out": {}, "t2": {}}
    t3 = ctx.table("t3") if "t3" in ctx.pack.tables else None
    if t3 is not None:
        for i, name, column in _cells(ctx, t3, _carried):
            if column in data[name]:
                continue  # the first cell of a column counts
            d = t3.data[i]
            value = parse_number(d.cell.text)
            data[name][column] = (None if value is None else int(value), d.column_label, table_place(t3, d))
    t2 = ctx.table("t2") if "t2" in ctx.pack.tables else None
    if t2 is not None:
        for i, row, column in _cells(ctx, t2, _t2_cells):
            d = t2.data[i]
            value = parse_number(d.cell.text)
            data["t2"].setdefault(row, {})[column] = (None if value is None else int(value), table_place(t2, d))
    return data


def _cells(ctx: Context, table: Table, find: Callable[[Labels, Table], list[tuple[int, str, str]]]
           ) -> list[tuple[int, str, str]]:
    """``find(labels, table)``: which data cells to summarise, from the labels alone, so once per labelling."""
    return ctx.tables.by_labelling(("cross_year", find.__name__), table, lambda t: find(ctx.labels, t))


def _carried(labels: Labels, t3: Table) -> list[tuple[int, str, str]]:
    out = []
    for i, d in enumerate(t3.data):
        for name, row in (("carried_in", CARRIED_IN), ("carried_out", CARRIED_OUT)):
            if labels.path_matches((row,), d.row_path):
                out.append((i, name, _column_key(d)))
    return out


def _t2_cells(labels: Labels, t2: Table) -> list[tuple[int, str, str]]:
    out = []
    for i, d in enumerate(t2.data):
        for row in T2_ROWS:
            if d.row_path and labels.same(d.row_path[-1].cell.text, row):
                for column in T2_COLUMNS:
                    if labels.path_matches((column,), d.col_path):
                        out.append((i, row, column))
    return out


def compare(current: Entry, previous: Entry, rule: Rule, finding: Make) -> Iterator[Finding]:
    """Findings for ``current`` (a history entry) against ``previous``; ``finding(rule, zh, en, location,
    details)`` builds one for the current report."""
    prev_name = previous.shown or previous.path  # in the messages; the related place is previous.path
    spec: Spec = rule.compiled
    if spec.check == "carryover":
        before = previous.data["carried_out"]
        for key, (value, label, loc) in current.data["carried_in"].items():
            if key not in before or value is None or before[key][0] is None or value == before[key][0]:
                continue
            then = before[key][0]
            leaf = label.split(" / ")[-1] if label else key
            text = both("table 3 \"{carried_in}\" \"{column}\" is {value}, but last year's report {previous} gives \"{carried_out}\" \"{column}\" = {then}",
                        carried_in=CARRIED_IN, carried_out=CARRIED_OUT, column=leaf, value=value, previous=prev_name,
                        then=then)
            there = both("last year's \"{carried_out}\" \"{column}\": {then}", carried_out=CARRIED_OUT, column=leaf,
                         then=then)
            yield finding(
                rule, text.zh, text.en,
                Location(*loc),
                {"previous": prev_name, "previous_value": then,
                 "previous_location": Location(*before[key][2]).to_dict()},
                (Related(Location(*before[key][2]), there.zh, there.en, previous.path),),
            )
        return
    for row, cells in current.data["t2"].items():
        then, then_loc = previous.data["t2"].get(row, {}).get("现行有效件数", (None, None))
        now, now_loc = cells.get("现行有效件数", (None, None))
        issued = cells.get("本年制发件数", (None, None))[0]
        repealed = cells.get("本年废止件数", (None, None))[0]
        if None in (then, now, issued, repealed):
            continue
        expected = then + issued - repealed
        if now == expected:
            continue
        text = both("table 2 \"{row}\" 现行有效件数 is {now}; last year's report {previous} gives {then}, plus {issued} issued minus {repealed} repealed makes {expected}",
                    row=row, now=now, previous=prev_name, then=then, issued=issued, repealed=repealed, expected=expected)
        there = both("last year's \"{row}\" 现行有效件数: {then}", row=row, then=then)
        yield finding(
            rule, text.zh, text.en,
            Location(*now_loc),
            {"previous": prev_name, "previous_value": then, "expected": expected},
            (Related(Location(*then_loc), there.zh, there.en, previous.path),) if then_loc else (),
        )


RULE_KIND = AcrossYears(KIND, compile, check, DOC, summarize, compare)
