"""forbid_text — a text the report must not contain (a local rule needing no code).

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..i18n import Both, both
from ..pack import Pack, Rule
from .base import Context, paragraph_location, table_location
from .kind import Doc, Kind
from .text_match import Matcher, compile_matcher, paragraph_text, scoped_cells, scoped_paragraphs

KIND = "forbid_text"

DOC = Doc(
    zh="""\
forbid_text —— 报告中不得出现的内容（无需编写代码的本地规则）。

作用
    在 ``scope`` 范围内——``document``（默认，全部段落和全部表格单元格）、``title``、``opening`` 或 ``section``（同
    require_text）——报告 ``text:``（字面文字）或 ``pattern:``（正则表达式，`regex` 模块语法）的每一处出现，
    引用匹配到的文字，并指向所在段落（按行的格式给出行和列）或表格单元格。连续空白、不换行空格和换行都视为一个
    空格；``ignore_case: true`` 忽略拉丁字母大小写；``message`` / ``message_en`` 放在默认措辞之前。正则在加载规则包时
    编译，运行有时间限制，同 require_text。

依据
    模板占位符和本省已停用的写法不应出现在发布的报告中：“XX局”“20XX年”“（文字描述）”。

示例
    正确：``某某市卫生健康局2023年政府信息公开工作年度报告``

    错误：``XX局2023年政府信息公开工作年度报告`` → 出现不应有的内容「XX」

    配置::

        - id: no-placeholder
          kind: forbid_text
          pattern: "XX|××|20XX"
""",
    en="""\
forbid_text — a text the report must not contain (a local rule needing no code).

What it does
    Reports every occurrence of ``text:`` (a literal) or ``pattern:`` (a regular expression, `regex` module
    syntax) in the paragraphs of the ``scope`` — ``document`` (default: every paragraph and every table cell),
    ``title``, ``opening`` or ``section`` (as in require_text) — quoting what matched and pointing at its paragraph (line and
    column in line-based formats) or table cell. Whitespace runs, NBSP and line breaks count as one space;
    ``ignore_case: true`` for Latin letters; ``message`` / ``message_en`` lead the default wording. Patterns are
    compiled when the pack loads and run with a time limit, like require_text.

Why
    Template placeholders and wording a province has retired must not reach a published report: "XX局",
    "20XX年", "（文字描述）".

Example
    Passing: ``某某市卫生健康局2023年政府信息公开工作年度报告``

    Failing: ``XX局2023年政府信息公开工作年度报告`` → 出现不应有的内容「XX」

    Configuration::

        - id: no-placeholder
          kind: forbid_text
          pattern: "XX|××|20XX"
""",
)


def compile(rule: Rule, pack: Pack) -> Matcher:  # noqa: A001 - the registry's name for the compile step
    return compile_matcher(rule)


def _texts(rule: Rule, found: str) -> Both:
    """The finding's text: the pack's ``message`` (its data, in each language) or the catalogue's, then what was
    found."""
    lead, lead_en = rule.spec.get("message"), rule.spec.get("message_en") or rule.spec.get("message")
    if lead:
        return both("{lead}: “{found}”", lead=Both(lead, lead_en), found=found)
    return both("text that must not appear: “{found}”", found=found)


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    matcher: Matcher = rule.compiled
    for p in scoped_paragraphs(ctx, rule) or []:
        for found in matcher.finditer(paragraph_text(p)):
            zh, en = _texts(rule, found)
            yield ctx.finding(rule, zh, en, paragraph_location(p, found), {"value": found})
    for table, data_cell, text in scoped_cells(ctx.doc, rule):
        for found in matcher.finditer(text):
            zh, en = _texts(rule, found)
            loc = table_location(table, data_cell)
            yield ctx.finding(rule, zh, en, loc, {"value": found})


RULE_KIND = Kind(KIND, compile, check, DOC)
