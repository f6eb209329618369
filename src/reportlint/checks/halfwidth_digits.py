"""halfwidth_digits — the numbers of a statistical table are written in half-width (ASCII) digits.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..i18n import each
from ..normalize import parse_number
from ..pack import Rule
from .base import Context, pack_cell_named, table_location, tables_spec
from .kind import Doc, Kind

KIND = "halfwidth_digits"

DOC = Doc(
    zh="""\
halfwidth_digits —— 统计表的数字用半角数字书写。

作用
    读取 ``tables:`` 所列各表的每个数据格（合并单元格只算一次）。单元格是一个数（整数、小数或带正负号的数），
    但其中有全角字符（``１２``、``１，２３４``、``３．５``、``－２``）时报告一条提示，并给出安全修正：只把这些
    全角字符换成对应的半角字符（``12``、``1,234``、``3.5``、``-2``），数值不变。不是数的单元格（空白、“—”、
    “3件”）由 no_blank_cells 报告，这里不报。``reportlint annotate --fix`` 或 ``check --fix`` 把修正写成 Word
    修订，由单位逐条接受或拒绝。

依据
    其他规则把全角数字当作数字读，数值不受影响；但 Excel、WPS 表格等软件把全角数字当作文字，城市汇总时这些
    单元格不计入合计，转换后的数据也无法直接比对。默认级别为 info，不影响退出码。

示例
    正确：``0``、``20``、``12.5``。

    错误::

        ２０ → 表三「三、本年度办理结果 / （一）予以公开」「申请人情况 / 自然人」的「２０」是全角数字，
              宜改为半角「20」（表格软件把全角数字当作文字，汇总时不计入）

    配置::

        - id: fullwidth-digits
          kind: halfwidth_digits
          severity: info
          tables: [t2, t3, t4]
""",
    en="""\
halfwidth_digits — the numbers of a statistical table are written in half-width (ASCII) digits.

What it does
    Reads every data cell (one per merged cell, never twice) of the tables listed in ``tables:``. A cell that is a
    number (whole, decimal or signed) written with full-width characters (``１２``, ``１，２３４``, ``３．５``,
    ``－２``) is a finding with a safe fix: those characters, and only they, made half-width (``12``, ``1,234``,
    ``3.5``, ``-2``); the value does not change. Cells that are not numbers (blank, "—", "3件") are no_blank_cells'
    findings, not these. ``reportlint annotate --fix`` and ``check --fix`` make the fix a tracked change in Word,
    which the office accepts or rejects.

Why
    The other rules read full-width digits as numbers, so no total is affected; but Excel, WPS and other
    spreadsheets read them as text, so a city office summing its departments' tables leaves these cells out, and
    the figures do not compare. The default severity is info: it does not change the exit code.

Example
    Passing: ``0``, ``20``, ``12.5``.

    Failing::

        ２０ → table 3 row "三、本年度办理结果 / （一）予以公开" column "申请人情况 / 自然人" "２０" is written in
               full-width digits; write "20" (spreadsheets read full-width digits as text and leave them out of sums)

    Configuration::

        - id: fullwidth-digits
          kind: halfwidth_digits
          severity: info
          tables: [t2, t3, t4]
""",
)

# The full-width forms a number can hold: digits, plus, comma, minus, full stop (U+FF0B-FF19)
_FULL_WIDTH_RE = re.compile("[\uff0b-\uff19]")
_HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF0B, 0xFF1A)}


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for tid, table in ctx.readable_tables(rule.compiled.tables):
        for d in table.data:
            text = d.cell.text
            if text.isascii() or parse_number(text, True, True) is None:
                continue  # ASCII (nearly every cell), or not a number: no_blank_cells' business
            old = d.cell.display
            if not _FULL_WIDTH_RE.search(old):
                continue  # a number with an ideographic space only
            new = old.translate(_HALF_WIDTH)
            where = each(pack_cell_named, ctx.pack, tid, d.row_label, d.column_label)
            yield ctx.said(rule, "{where} \"{text}\" is written in full-width digits; write \"{fixed}\" (spreadsheets "
                           "read full-width digits as text and leave them out of sums)", table_location(table, d),
                           {"value": old, "expected": new}, where=where, text=old, fixed=new).fixed(old, new)


RULE_KIND = Kind(KIND, tables_spec, check, DOC)
