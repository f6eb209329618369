"""require_text — a text the report must contain (a local rule needing no code).

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Location
from ..i18n import Both, both
from ..pack import Pack, Rule
from .base import Context, paragraph_location
from .kind import Doc, Kind
from .text_match import Matcher, compile_matcher, first_section_paragraph, paragraph_text, scoped_paragraphs

KIND = "require_text"

DOC = Doc(
    zh="""\
require_text —— 报告必须包含的内容（无需编写代码的本地规则）。

作用
    在 ``scope`` 范围的段落中查找 ``text:``（字面文字）或 ``pattern:``（正则表达式，`regex` 模块语法）：
    ``document``（默认，全部段落）、``title``（标题行）、``opening``（标题与第一部分之间的开头段落，
    各省在此写明统计期限、电子版位置和联系方式；文档没有任何部分时不报）或 ``section``（``section:`` 所指部分及其下级部分的段落：
    可写规则包中的部分 id，按 required_sections 的方式查找；也可写标题，比较时忽略编号、空格和标点全角半角）。连续空白、不换行空格和换行都视为一个空格。``ignore_case: true``
    忽略拉丁字母大小写。找不到时报告一条；``message`` / ``message_en`` 替换默认措辞。该部分本身缺失时由
    required_sections 报告，本规则不报。无法编译的正则是配置错误，指出 YAML 中的位置；在一个段落上运行超过一秒的
    正则会使本规则报错（退出码 2）。

依据
    各机关、各省会增加自己的要求：电子版发布的网站、本市每份报告都有的一句话、信息处理费办法的名称等。

示例
    正确：``本报告电子版可在某某市人民政府门户网站（http://www.example.gov.cn）查阅。``

    错误：没有任何段落提到网站 → 未找到规定内容：写明电子版查阅网址

    配置::

        - id: portal-url
          kind: require_text
          pattern: "https?://[\\\\w./-]+"
          scope: document
          message: 未写明电子版查阅网址
          message_en: the web address of the electronic version is not given
""",
    en="""\
require_text — a text the report must contain (a local rule needing no code).

What it does
    Looks for ``text:`` (a literal) or ``pattern:`` (a regular expression, `regex` module syntax) in the
    paragraphs of the ``scope``: ``document`` (default: every paragraph), ``title`` (the title line),
    ``opening`` (the paragraphs between the title and the first section, where provinces put the statistics
    period, the portal and the contact details; silent when the document has no section at all) or
    ``section`` (the paragraphs of the section ``section:``, its sub-sections included: a section id of the
    pack, found as required_sections finds it, or a heading title, matched with numbering, spaces and
    punctuation width ignored). Whitespace runs, NBSP and line breaks count as one space.
    ``ignore_case: true`` for Latin letters. One finding when nothing matches; ``message`` / ``message_en``
    replace the default wording. When the section itself is missing, required_sections reports that and this
    rule stays silent. A pattern that does not compile is a configuration error at its place in the YAML; a
    pattern that runs longer than a second on one paragraph stops the rule with an error (exit 2).

Why
    Offices and provinces add their own requirements: the portal where the electronic version is published, a
    sentence every report of a city carries, the name of the 信息处理费 rules.

Example
    Passing: ``本报告电子版可在某某市人民政府门户网站（http://www.example.gov.cn）查阅。``

    Failing: no paragraph mentions the portal → 未找到规定内容：写明电子版查阅网址

    Configuration::

        - id: portal-url
          kind: require_text
          pattern: "https?://[\\\\w./-]+"
          scope: document
          message: 未写明电子版查阅网址
          message_en: the web address of the electronic version is not given
""",
)


def compile(rule: Rule, pack: Pack) -> Matcher:  # noqa: A001 - the registry's name for the compile step
    return compile_matcher(rule)


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    matcher: Matcher = rule.compiled
    paragraphs = scoped_paragraphs(ctx, rule)
    if paragraphs is None:
        return
    if any(matcher.search(paragraph_text(p)) for p in paragraphs):
        return
    spec = rule.spec
    what = (spec.get("description") or matcher.shown) if matcher.pattern is not None else matcher.shown
    said = both("required text not found: “{what}”", what=Both(what, spec.get("description_en") or what))
    zh = spec.get("message") or said.zh  # a pack's own wording is its data, in its two languages
    en = spec.get("message_en") or said.en
    if spec.get("scope") == "opening":
        # At the opening's first paragraph; with no opening at all, at the heading it should precede.
        yield ctx.finding(rule, zh, en, paragraph_location(paragraphs[0] if paragraphs else first_section_paragraph(ctx)))
        return
    section = str(spec["section"]) if spec.get("scope") == "section" else None
    titles = {s.id: s.title for s in ctx.pack.sections}
    yield ctx.finding(rule, zh, en, Location(section=titles.get(section, section) if section else None))


RULE_KIND = Kind(KIND, compile, check, DOC)
