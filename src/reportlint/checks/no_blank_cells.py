"""no_blank_cells — every data cell of a statistical table holds a number.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..i18n import both, each
from ..model import Table
from ..normalize import PLACEHOLDERS, cell_key, clean, parse_number
from ..pack import Rule, TableDef
from .base import Context, pack_cell_named, table_location, table_name, tables_spec
from .kind import Doc, Kind
from .labels import Labels

KIND = "no_blank_cells"

DOC = Doc(
    zh="""\
no_blank_cells —— 统计表的每个数据格都填了数字。

作用
    读取 ``tables:`` 所列各表的每个数据格（合并单元格只算一次）。单元格须为非负整数件数，或在该表
    ``decimal_columns`` 所列的列（本年收费金额（单位：万元））中为小数金额；``signed_columns`` 所列的列可为负数
    （2019年版格式的“本年增/减”）。空格、不换行空格、全角空格、换行和全角
    数字都可容忍（全角数字由 halfwidth_digits 提示改为半角）。空白、占位符“—”“-”“/”“无”以及其他任何文字都报告；这样的单元格绝不当作 0。表中 ``groups``
    所列的分组行（（三）不予公开 …）在完全不带数字时可以留空。数据格全部为空的表（从未填写的模板）只报告一条，
    写明空单元格的个数，不逐格报告。

依据
    表上印明“本表只填报数字，没有的数据项填“0”，不得空白或者填入其他内容”：空白或横线让人无法分辨是没有数据
    还是漏填。

示例
    正确：``0``、``12``、``１２``、``12.5``（仅限万元列）。

    错误::

        （空白） → 表三 行「（一）予以公开」 列「自然人」为空，应填数字（没有的填 0）
        —        → 填写了「—」，应填数字（没有的填 0）

    配置::

        - id: blank-cell
          kind: no_blank_cells
          tables: [t2, t3, t4]
""",
    en="""\
no_blank_cells — every data cell of a statistical table holds a number.

What it does
    Reads every data cell (one per merged cell, never twice) of the tables listed in ``tables:``. A cell must
    hold a non-negative integer count, or a decimal amount in a column listed in the table's
    ``decimal_columns`` (本年收费金额（单位：万元）); a column in ``signed_columns`` may be negative (本年增/减
    of the 2019 format). Spaces, NBSP, ideographic spaces, line breaks and
    full-width digits are tolerated (halfwidth_digits notes the full-width digits). Blank cells, the placeholders "—", "-", "/", "无" and any other text are
    findings; such a cell is never read as 0. Group rows declared in the table's ``groups`` (（三）不予公开 …)
    may stay empty when they carry no numbers at all. A table whose data cells are all blank (a template never
    filled in) is one finding for the table, with the number of blank cells, not one per cell.

Why
    The form says "本表只填报数字，没有的数据项填“0”，不得空白或者填入其他内容": a blank or a dash hides whether
    the office had nothing to report or forgot to count.

Example
    Passing: ``0``, ``12``, ``１２``, ``12.5`` (万元 column only).

    Failing::

        (blank)  → 表三 行「（一）予以公开」 列「自然人」为空，应填数字（没有的填 0）
        —        → 填写了「—」，应填数字（没有的填 0）

    Configuration::

        - id: blank-cell
          kind: no_blank_cells
          tables: [t2, t3, t4]
""",
)


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for tid, table in ctx.readable_tables(rule.compiled.tables):
        tdef = ctx.pack.tables[tid]
        kinds, group_rows = _plan(ctx, rule, table, tdef)
        texts = [d.cell.text for d in table.data]
        blank_groups = {i for cells in group_rows.values() if all(not clean(texts[i]) for i in cells) for i in cells}
        if texts and not any(text and clean(text) for text in texts):  # nothing filled in: one finding, not hundreds
            blank = len(texts) - len(blank_groups)
            yield ctx.said(rule, "{table} is not filled in: {blank} cells are blank; fill in numbers (0 when there is nothing)",
                           table_location(table), {"blank": blank}, table=each(table_name, ctx.pack, tid), blank=blank)
            continue
        for i, (cell_text, (decimal, signed)) in enumerate(zip(texts, kinds, strict=True)):
            if cell_text.isdigit() and cell_text.isascii():
                continue  # the common case, read without the number parser
            if parse_number(cell_text, decimal, signed) is not None or i in blank_groups:
                continue
            d = table.data[i]
            text = d.cell.display
            kind = "number" if decimal else "integer"
            if not text:
                problem = "is blank"
            elif cell_key(text) in PLACEHOLDERS:
                problem = "holds \"{text}\""
            elif (value := parse_number(d.cell.text, True, True)) is not None and value < 0:  # signed columns only
                problem = "\"{text}\" is negative"
            elif parse_number(d.cell.text, True) is not None:
                problem = "\"{text}\" is not a whole number"
            else:
                problem = "\"{text}\" is not a number"
            where = each(pack_cell_named, ctx.pack, tid, d.row_label, d.column_label)
            message = ("{where} {problem}; fill in a number (0 when there is nothing)" if decimal
                       else "{where} {problem}; fill in a whole number (0 when there is nothing)")
            yield ctx.said(rule, message, table_location(table, d), {"text": text, "expected": kind}, where=where,
                           problem=both(problem, text=text))


def _plan(ctx: Context, rule: Rule, table: Table, tdef: TableDef) -> tuple[list[tuple[bool, bool]], dict[int, list[int]]]:
    """From the labels alone, remembered per labelling: (decimal, signed) for each data cell, and the data
    cells of each group row (（三）不予公开 …: blank there is the layout of the form, not a gap)."""
    return ctx.tables.by_labelling((KIND, rule.id, tdef.id), table, lambda t: _make_plan(ctx.labels, t, tdef))


def _make_plan(labels: Labels, table: Table, tdef: TableDef) -> tuple[list[tuple[bool, bool]], dict[int, list[int]]]:
    kinds = [(any(labels.path_matches((dc,), d.col_path) for dc in tdef.decimal_columns),
              any(labels.path_matches((sc,), d.col_path) for sc in tdef.signed_columns)) for d in table.data]
    group_rows: dict[int, list[int]] = {}
    if tdef.groups:
        for i, d in enumerate(table.data):
            path = table.row_paths.get(d.row, ())
            if path and any(labels.same(path[-1].cell.text, g) for g in tdef.groups):
                group_rows.setdefault(d.row, []).append(i)
    return kinds, group_rows


RULE_KIND = Kind(KIND, tables_spec, check, DOC)
