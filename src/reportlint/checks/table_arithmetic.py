"""table_arithmetic — totals in a statistical table add up.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..findings import Finding, Location, Related
from ..i18n import each, listed, trc
from ..model import DataCell, Table
from ..normalize import parse_number
from ..pack import Pack, Rule, TableDef
from ..pack.expr import BinOp, Equation, ExprError, Node, Num, Ref, evaluate, parse_equation, refs_of
from . import wrong_cell
from .base import Context, SpecError, cell_named, table_location
from .kind import Doc, Kind

KIND = "table_arithmetic"

DOC = Doc(
    zh="""\
table_arithmetic —— 统计表中的合计相符。

作用
    检查用标签（而非位置）指定的单元格之间的等式。每个 ``[标签路径]`` 指一行（``for_each: column``：等式在每个
    数据列中检查）或一列（``for_each: row``：在每个数据行中检查）。路径由外到内列出标签，末级在后
    （``[（三）不予公开/1.属于国家秘密]``、``[行政复议/总计]``）；标签在规范化后匹配（忽略编号、括号、空格；应用
    规则包别名，如“合计”视同“总计”）。``[（三）不予公开/*]`` 表示（三）下各行之和，不含小计行。各项可用 ``+``、
    ``-``、括号和数字组合；此外没有别的语法（只解析，从不 ``eval``）。

    问题中给出等式、两边的值和涉及的每个单元格。某列中等式的某个单元格为空或不是数字时（由 ``no_blank_cells``
    报告），或表中缺少某个标签时，该等式在该列跳过。

    一处错误，一条问题：一个单元格能解释表中几个不平的等式时（本规则的和同一张表其他勾稽规则的；只改它一个值就能
    使这些等式都成立，它不在任何已成立的等式中，也没有别的单元格能解释同样的等式，见 :mod:`.wrong_cell`），只在该
    单元格报告一条“很可能填错：现为 44，等式要求为 45”，每个等式作为相关位置（SARIF ``relatedLocations``；html
    报告以底色标出其单元格），由这些等式所属规则中级别最高的一条报告，级别相同时取规则包中靠前的一条。

依据
    全国格式在表三上直接印明勾稽关系（第一项加第二项之和，等于第三项加第四项之和）；合计不符是已发布报告中最显眼
    的统计缺陷。

示例
    正确（“自然人”列）::

        一 = 10，二 = 2，（七）总计 = 11，四 = 1      10 + 2 = 11 + 1

    错误::

        一 = 10，二 = 2，（七）总计 = 12，四 = 1      → 左边 12，右边 13

    配置::

        - id: t3-balance
          kind: table_arithmetic
          table: t3
          for_each: column
          equation: "[本年新收政府信息公开申请数量] + [上年结转政府信息公开申请数量] = [（七）总计] + [结转下年度继续办理]"
""",
    en="""\
table_arithmetic — totals in a statistical table add up.

What it does
    Checks equations between cells addressed by their labels, never by position. Each ``[label path]`` names a
    row (``for_each: column``: the equation is checked in every data column) or a column (``for_each: row``:
    checked in every data row). A path lists labels from outer to inner, leaf last
    (``[（三）不予公开/1.属于国家秘密]``, ``[行政复议/总计]``); labels match after normalisation (numbering,
    brackets, spaces ignored; pack aliases such as 合计 for 总计 applied). ``[（三）不予公开/*]`` sums every row
    under （三）, subtotal rows excluded. Terms combine with ``+``, ``-``, parentheses and numbers; the language
    has nothing else (it is parsed, never ``eval``-ed).

    A finding shows the equation, the value of each side and every cell involved. An equation is skipped in a
    column where one of its cells is blank or not a number (``no_blank_cells`` reports those), or where a label
    is missing from the table.

    One defect, one finding: when one cell explains several failing equations of the table — of this rule and of
    the table's other arithmetic rules — (one change of its value satisfies them all, it takes part in no equation
    that holds, and no other cell explains the same ones; see :mod:`.wrong_cell`), they are one finding at that
    cell: "probably wrong: it is 44, the equations give 45", each equation a related location (SARIF
    ``relatedLocations``; the html report shades their cells). It goes to the rule of those equations with the
    highest severity, the first in the pack on a tie.

Why
    The national format prints the balance of table 3 on the form itself (第一项加第二项之和，等于第三项加第四项之和);
    totals that do not add up are the most visible statistical defect in published reports.

Example
    Passing (column 自然人)::

        一 = 10, 二 = 2, （七）总计 = 11, 四 = 1      10 + 2 = 11 + 1

    Failing::

        一 = 10, 二 = 2, （七）总计 = 12, 四 = 1      → 左边 12，右边 13

    Configuration::

        - id: t3-balance
          kind: table_arithmetic
          table: t3
          for_each: column
          equation: "[本年新收政府信息公开申请数量] + [上年结转政府信息公开申请数量] = [（七）总计] + [结转下年度继续办理]"
""",
)


@dataclass(frozen=True)
class Spec:
    table: str  # id of the pack's table
    for_each: str  # column | row: the lines each equation is checked on
    equations: tuple[Equation, ...]


def compile(rule: Rule, pack: Pack) -> Spec:  # noqa: A001 - the registry's name for the compile step
    tid = str(rule.spec["table"])
    if tid not in pack.tables:
        raise SpecError("unknown table {table!r} (defined: {defined})", key="table", table=tid, defined=", ".join(pack.tables) or "-")
    texts = [rule.spec["equation"]] if "equation" in rule.spec else list(rule.spec["equations"])
    key = "equation" if "equation" in rule.spec else "equations"
    equations: list[Equation] = []
    for i, text in enumerate(texts):
        try:
            equations.append(parse_equation(text))
        except ExprError as exc:
            raise SpecError("invalid equation: {problem}", key=key, index=i if key == "equations" else None,
                            offset=exc.position, problem=exc.said()) from None
    return Spec(tid, str(rule.spec.get("for_each", "column")), tuple(equations))


def _fmt(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    tid = rule.compiled.table
    if ctx.table(tid) is None:
        return  # required_tables reports it
    key = ("table_arithmetic.verdict", tid)
    verdict = ctx.cache.get(key)
    if verdict is None:
        verdict = ctx.cache[key] = _judge(ctx, tid)
    yield from verdict.get(rule.id, [])


@dataclass(frozen=True)
class _Line:
    """An equation of a rule evaluated on one line (column or row) of the table."""

    rule: Any
    eq: Equation
    cells: list[tuple[int, ...]]  # the cells each reference names, in the order of eq.refs()
    form: wrong_cell.Equation


def _judge(ctx: Context, tid: str) -> dict[str, list[Finding]]:
    """Every active arithmetic rule of table ``tid`` at once: the findings of each rule, a cell that explains
    several failing equations reported once, at that cell, by the first most severe of their rules."""
    table = ctx.table(tid)
    assert table is not None
    rules = [r for r in ctx.pack.rules if r.kind == KIND and ctx.active(r) and r.compiled.table == tid]
    failing: list[_Line] = []
    failing_apart: list[_Line] = []  # inequalities
    holding: list[tuple] = []  # (left side, right side) of each equation that holds, made a form only if needed
    values: list[Decimal | None] = []
    decimal: list[bool] = []
    for rule in rules:
        plan = _plan(ctx, rule, table)
        values, decimal = _values(ctx, table, plan.decimal), plan.decimal
        for eq, lines, sides in zip(rule.compiled.equations, plan.lines, plan.sides, strict=True):
            for cells, (left_side, right_side) in zip(lines, sides, strict=True):
                if cells is None:
                    continue  # a label of the equation is missing on this line
                left, right = _sum(left_side, values), _sum(right_side, values)
                if left is None or right is None:
                    continue  # a cell is not a number: no_blank_cells says so
                if eq.op != "=":  # an inequality: a finding of its own when it fails, never a culprit's equation
                    if not eq.holds(left, right):
                        failing_apart.append(_Line(rule, eq, cells, None))  # type: ignore[arg-type]
                elif left == right:
                    holding.append((left_side, right_side))
                else:
                    form = wrong_cell.Equation(_coefficients(left_side, right_side), left - right)
                    failing.append(_Line(rule, eq, cells, form))
    out: dict[str, list[Finding]] = {}
    tdef = ctx.pack.tables[tid]
    for line in failing_apart:
        out.setdefault(line.rule.id, []).append(_line_finding(ctx, line, table, tdef, values))
    if not failing:
        return out
    holds = [wrong_cell.Equation(_coefficients(*sides), Decimal(0)) for sides in holding]
    explained: set[int] = set()
    order = {rule.id: n for n, rule in enumerate(rules)}
    for culprit in wrong_cell.culprits([line.form for line in failing], holds, values, decimal):
        lines = [failing[k] for k in culprit.equations]
        owner = min((line.rule for line in lines), key=lambda r: (_RANK.get(r.severity, 3), order[r.id]))
        out.setdefault(owner.id, []).append(_culprit_finding(ctx, owner, table, tdef, culprit, lines, values))
        explained.update(culprit.equations)
    for k, line in enumerate(failing):
        if k not in explained:
            out.setdefault(line.rule.id, []).append(_line_finding(ctx, line, table, tdef, values))
    return out


_RANK = {"error": 0, "warning": 1, "info": 2}


def _coefficients(left_side: tuple, right_side: tuple) -> dict[int, int]:
    terms: dict[int, int] = {}
    for sign, (_constant, cells) in ((1, left_side), (-1, right_side)):
        for negative, i in cells:
            terms[i] = terms.get(i, 0) + (-sign if negative else sign)
    return terms


def _line_finding(ctx: Context, line: _Line, table: Table, tdef: TableDef, values: list[Decimal | None]) -> Finding:
    """The finding of one failing equation on one line."""
    involved: list[DataCell] = []
    shown: list[Decimal] = []
    order = iter(line.cells)  # evaluate() asks for the references in the order eq.refs() lists them

    def value_of(ref: Ref) -> Decimal:
        total = Decimal(0)
        for i in next(order):
            total += values[i]  # type: ignore[operator]
            involved.append(table.data[i])
        shown.append(total)
        return total

    left, right = evaluate(line.eq.left, value_of), evaluate(line.eq.right, value_of)
    return _finding(ctx, line.rule, table, tdef, line.eq, line.rule.compiled.for_each, involved, shown, left, right)


def _culprit_finding(ctx: Context, rule: Rule, table: Table, tdef: TableDef, culprit: wrong_cell.Culprit, lines: list[_Line],
                     values: list[Decimal | None]) -> Finding:
    cell = table.data[culprit.cell]
    value = values[culprit.cell]
    assert value is not None
    was, expected = _fmt(value), _fmt(value + culprit.change)
    broken = [_line_finding(ctx, line, table, tdef, values) for line in lines]
    scopes = [(f.rule, line.rule.compiled.for_each, f.location) for f, line in zip(broken, lines, strict=True)]
    equations = each(lambda lang: listed(lang, (f"{rule_id} {_scope(lang, for_each, loc)}"
                                                for rule_id, for_each, loc in scopes), "clauses"))
    where = each(lambda lang: cell_named(lang, tdef.named(lang), cell.row_label, cell.column_label))
    others = [{**c, "rule": f.rule} for f in broken for c in f.details["cells"]
              if (c["row"], c["col"]) != (cell.row + 1, cell.col + 1)]
    details = {"value": was, "expected": expected,
               "equations": [{"rule": f.rule, **{k: f.details[k] for k in ("equation", "left", "right")}}
                             for f in broken],
               "cells": list({(c["row"], c["col"]): c for c in others}.values())}
    related = tuple(Related(f.location, f.message, f.message_en) for f in broken)
    return ctx.said(rule, "{cell} is probably wrong: it is {was}, and the {n} equations it takes part in all give {expected} ({equations})",
                    table_location(table, cell), details, related, cell=where,
                    was=was, n=len(broken), expected=expected, equations=equations)


def _scope(lang: str, for_each: str, loc: Location) -> str:
    """Where an equation was checked, as its finding's message names it: a column or a row."""
    if for_each == "row":
        return trc(lang, "scope", 'row "{label}"', label=loc.row_label)
    return trc(lang, "scope", 'column "{label}"', label=loc.column_label)


def _where(lang: str, tdef: TableDef, for_each: str, label: str) -> str:
    """The table, and the column or row an equation was checked in: 表四列「…」 / table 4 column "…"."""
    name = tdef.named(lang)
    if not label:
        return name
    if for_each == "row":
        return trc(lang, "scope", '{table} row "{label}"', table=name, label=label)
    return trc(lang, "scope", '{table} column "{label}"', table=name, label=label)


def _sum(side: tuple[Decimal, tuple[tuple[bool, int], ...]], values: list[Decimal | None]) -> Decimal | None:
    """A side of an equation on one line (see ``_Plan.sides``): its constant, plus or minus each cell's value in
    turn; None when a cell is not a number."""
    total, cells = side
    for negative, i in cells:
        value = values[i]
        if value is None:
            return None
        total = total - value if negative else total + value
    return total


def _values(ctx: Context, table: Table, decimal: list[bool]) -> list[Decimal | None]:
    """Each data cell's number (None: blank or not a number), read once per table for all its equations."""
    key = ("table_arithmetic.values", table.index)
    values = ctx.cache.get(key)
    if values is None:
        # parse_number(text) is parse_number(text, False), looked up in its memo by the text alone
        values = ctx.cache[key] = [parse_number(d.cell.text, True) if dec else parse_number(d.cell.text)
                                   for d, dec in zip(table.data, decimal, strict=True)]
    return values


def _terms(node: Node, first: int, negative: bool = False) -> tuple[Decimal, tuple[tuple[bool, int], ...]]:
    """A side of an equation as (constant, ((negative, k) …)), k the reference's position in ``eq.refs()`` (this
    side's first being ``first``): ``+``, ``-`` and parentheses only."""
    if isinstance(node, Num):
        return (-node.value if negative else node.value), ()
    if isinstance(node, Ref):
        return Decimal(0), ((negative, first),)
    assert isinstance(node, BinOp)
    left_const, left_refs = _terms(node.left, first, negative)  # type: ignore[arg-type]
    right_const, right_refs = _terms(node.right, first + len(refs_of(node.left)),  # type: ignore[arg-type]
                                     negative != (node.op == "-"))
    return left_const + right_const, left_refs + right_refs


class _Plan:
    """What a rule's equations read of a table, from its labels alone: for each equation and line, the cells
    (indices into ``table.data``) each reference names, in the order of ``eq.refs()``, or None where the
    equation does not apply; for each equation and line, each side as its constant and the signed cells its
    references name, in the order of the references (None, None where the equation does not apply); which cells
    hold decimals. Tables labelled alike share one plan."""

    __slots__ = ("lines", "decimal", "sides")


def _plan(ctx: Context, rule: Rule, table: Table) -> _Plan:
    return ctx.tables.by_labelling((KIND, rule.id), table, lambda t: _make_plan(ctx, rule, t))


def _make_plan(ctx: Context, rule: Rule, table: Table) -> _Plan:
    spec: Spec = rule.compiled
    tid, for_each, equations = spec.table, spec.for_each, spec.equations
    labels = ctx.labels
    decimals = ctx.pack.tables[tid].decimal_columns
    data = table.data
    plan = _Plan()
    plan.decimal = [any(labels.path_matches((dc,), d.col_path) for dc in decimals) for d in data]
    if for_each == "column":
        index: dict[tuple[int, int], int] = {}
        for i, d in enumerate(data):
            for k in range(d.cell.col_span):
                index[(d.row, d.col + k)] = i
        lines = sorted({d.col for d in data})
        rows = table.data_rows()
        matching_rows: dict[tuple[str, ...], list[int]] = {}  # the rows a reference names, the same in every column

        def cells_for(ref: Ref, line: int) -> list[int]:
            found = matching_rows.get(ref.parts)
            if found is None:
                found = matching_rows[ref.parts] = [
                    r for r in rows if labels.path_matches(ref.parts, table.row_paths.get(r, ()))]
            return [i for r in found if (i := index.get((r, line))) is not None]
    else:
        lines = table.data_rows()
        by_row: dict[int, list[tuple[int, DataCell]]] = {}
        for i, d in enumerate(data):
            by_row.setdefault(d.row, []).append((i, d))

        def cells_for(ref: Ref, line: int) -> list[int]:
            return [i for i, d in by_row.get(line, []) if labels.path_matches(ref.parts, d.col_path)]

    terms = [(_terms(eq.left, 0), _terms(eq.right, len(refs_of(eq.left)))) for eq in equations]
    plan.lines = []
    for eq in equations:
        refs = eq.refs()
        per_line: list[list[tuple[int, ...]] | None] = []
        for line in lines:
            cells: list[tuple[int, ...]] | None = []
            for ref in refs:
                found = cells_for(ref, line)
                if not found or (len(found) > 1 and not ref.wildcard):
                    cells = None
                    break
                cells.append(tuple(found))
            per_line.append(cells)
        plan.lines.append(per_line)
    plan.sides = [[(None, None) if cells is None else
                   tuple((constant, tuple((negative, i) for negative, k in refs for i in cells[k]))
                         for constant, refs in sides)
                   for cells in per_line] for sides, per_line in zip(terms, plan.lines, strict=True)]
    return plan


def _side(values_text: str, total: Decimal) -> str:
    return values_text if values_text == _fmt(total) else f"{values_text} = {_fmt(total)}"


def show(node: Node, values: Iterator[Decimal] | None = None) -> str:
    """The equation side as people read it: labels without brackets, or the values in their place."""
    if isinstance(node, Ref):
        if values is not None:
            return _fmt(next(values))
        return "Σ" + "/".join(node.parts[:-1]) if node.wildcard else node.selector
    if isinstance(node, Num):
        return _fmt(node.value)
    assert isinstance(node, BinOp)
    left = show(node.left, values)  # type: ignore[arg-type]
    right = show(node.right, values)  # type: ignore[arg-type]
    if isinstance(node.right, BinOp):
        right = f"({right})"
    return f"{left} {node.op} {right}"


def _finding(ctx: Context, rule: Rule, table: Table, tdef: TableDef, eq: Equation, for_each: str, involved: list[DataCell],
             values: list[Decimal], left: Decimal, right: Decimal) -> Finding:
    anchor = involved[0]
    loc = table_location(table, anchor)
    label = (anchor.column_label if for_each == "column" else anchor.row_label) if anchor.row_label else ""
    diff = _fmt(abs(left - right))
    text = f"{show(eq.left)} {eq.op} {show(eq.right)}"
    it = iter(values)
    left_text = _side(show(eq.left, it), left)
    right_text = _side(show(eq.right, it), right)
    if eq.op == "=":
        message = "{where} does not add up: {equation}, but the left side is {left} and the right side {right} (difference {diff})"
    else:
        message = "{where} does not hold: {equation}, but the left side is {left} and the right side {right}"
    cells = [{"row_label": c.row_label, "column_label": c.column_label, "row": c.row + 1, "col": c.col + 1,
              "text": c.cell.display} for c in involved]
    return ctx.said(rule, message, loc, {"equation": text, "left": _fmt(left), "right": _fmt(right), "cells": cells},
                    where=each(_where, tdef, for_each, label), equation=text,
                    left=left_text, right=right_text, diff=diff)


RULE_KIND = Kind(KIND, compile, check, DOC)
