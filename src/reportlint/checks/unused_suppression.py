"""unused_suppression — an inline suppression that hides no finding, or names no rule.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``. Nothing is
checked within the rules' pass: :class:`reportlint.suppress.Inline` reports the unused suppressions once every
finding of the file, those across years and over parts included, has been through them."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..pack import Rule
from .base import Context
from .kind import Doc, Kind, no_settings

KIND = "unused_suppression"

DOC = Doc(
    zh="""\
unused_suppression —— 文档中的忽略标注确实忽略了问题。

作用
    报告可以在文档中标注接受的问题（见 README“文内标注”）：

    * Word：批注内容为 ``reportlint: ignore`` 或 ``reportlint: ignore[t3-balance, blank-cell]``，批注所在的段落
      （批注范围跨越的段落和其间的表格）、单元格，或跨越多个单元格时整张表格上的这些问题不再报告；批注在标题上时，
      全文性的问题（如缺少某个部分）也不再报告；
    * Markdown、HTML：``<!-- reportlint-disable-next-line 规则 -->``（下一行）、
      ``<!-- reportlint-disable 规则 -->`` …… ``<!-- reportlint-enable -->``（其间各行；在文件开头时也包括全文性的问题）。

    不写规则表示全部规则；规则可写 id 或前缀。一条标注没有忽略任何问题（问题已改正，或位置不对），或写了不存在的
    规则时，报告一条警告，指出标注所在位置。

依据
    与 Ruff 的 RUF100 相同：过时的忽略标注会悄悄掩盖以后出现在同一位置的新问题，应当删除。

示例
    正确：表三“（七）总计/总计”单元格上的批注 ``reportlint: ignore[t3-balance]``，该格确有 t3-balance 问题。

    错误::

        同一批注，但该格的数字已改正
        → 标注「reportlint: ignore[t3-balance]」没有抑制任何问题，可以删除

    配置::

        - id: unused-suppression
          kind: unused_suppression
          severity: warning
""",
    en="""\
unused_suppression — an inline suppression in the document hides a finding.

What it does
    A report can say in itself which findings are accepted (see "Inline suppressions" in the README):

    * Word: a comment whose text is ``reportlint: ignore`` or ``reportlint: ignore[t3-balance, blank-cell]`` hides
      those findings in the paragraph it is anchored on (the paragraphs its range covers and the tables between),
      in its cell, or in the whole table when it spans several cells; on the title it also hides the document's
      findings (a missing section, say);
    * Markdown, HTML: ``<!-- reportlint-disable-next-line RULES -->`` (the next line),
      ``<!-- reportlint-disable RULES -->`` … ``<!-- reportlint-enable -->`` (the lines between; at the top of the
      file, the document's findings too).

    No rules means every rule; rules are ids or prefixes. A suppression that hides nothing (the defect was fixed, or
    it sits in the wrong place) or that names no rule is a warning at the suppression.

Why
    As Ruff's RUF100: a stale suppression would silently hide a new finding at the same place later; remove it.

Example
    Passing: a comment ``reportlint: ignore[t3-balance]`` on the cell （七）总计 / 总计 of table 3, which has a
    t3-balance finding.

    Failing::

        the same comment, the cell since corrected
        → the suppression "reportlint: ignore[t3-balance]" suppresses nothing: remove it

    Configuration::

        - id: unused-suppression
          kind: unused_suppression
          severity: warning
""",
)


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """Nothing here: the unused suppressions are known once every finding of the file has been through them."""
    return iter(())


RULE_KIND = Kind(KIND, no_settings, check, DOC)
