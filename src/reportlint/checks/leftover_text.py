"""leftover_text — template placeholders and export artefacts left in the report.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding
from ..model import Table
from ..normalize import clean
from ..pack import Pack, Rule
from .base import Context, paragraph_location, table_location
from .kind import Doc, Kind
from .text_match import paragraph_text

KIND = "leftover_text"

DOC = Doc(
    zh="""\
leftover_text —— 报告中残留的模板占位符和导出痕迹。

作用
    在每个段落和表格单元格中查找只属于模板或导出工具、不应出现在定稿报告中的文字，逐处引用：

    * 占位符：代替名称或数字的“XX”“××”“ＸＸ”（如“XX局”“XX件”），写作“20XX”“202X”的年份，括号中的填写说明，
      如“（文字描述）”“（此处填写…）”“（单位名称）”；
    * 导出痕迹：“[image: …]”“[bookmark: …]”“[footnote: …]”，以及 Word 域错误“错误！未定义书签。”
      “Error! Bookmark not defined.”“错误！未找到引用源。”；
    * 随报告一起复制进来的网页文字：导航（“当前位置：首页”）、分享栏（“微信 微博 QQ空间”“分享到：”）、按钮
      （“【打印】”“[字体：大 中 小]”）、“附件下载”、访问计数（后面没有数字的“浏览次数：”）。

    只是含有 X 的拉丁字母单词（地址、网址）不算占位符：X 须单独出现。``ignore:`` 列出规则应接受的字面文字。

依据
    已发布报告中残留占位符，说明正文没有写完；残留导出痕迹，说明发布的文字与机关所写不一致。审阅中常见，且容易改正。

示例
    正确::

        2023年，某某市卫生健康局共收到政府信息公开申请12件。

    错误::

        2023年，XX局共收到政府信息公开申请12件。
        → 模板占位符未替换：「XX」

    配置::

        - id: leftover-text
          kind: leftover_text
          ignore: [XXL]
""",
    en="""\
leftover_text — template placeholders and export artefacts left in the report.

What it does
    Looks in every paragraph and table cell for text that belongs to a template or to the tool that exported
    the document, never to a finished report, and quotes each occurrence:

    * placeholders: "XX"/"××"/"ＸＸ" standing for a name or number ("XX局", "XX件"), a year written "20XX" or
      "202X", bracketed instructions such as "（文字描述）", "（此处填写…）", "（单位名称）";
    * export artefacts: "[image: …]", "[bookmark: …]", "[footnote: …]", and Word's field errors
      "错误！未定义书签。" / "Error! Bookmark not defined." / "错误！未找到引用源。";
    * a web page's own text copied in with the report: breadcrumbs ("当前位置：首页"), share bars ("微信 微博
      QQ空间", "分享到："), buttons ("【打印】", "[字体：大 中 小]"), "附件下载", view counters ("浏览次数：" with no
      number after it).

    Latin words that merely contain X (an address, a URL) are not placeholders: the X's must stand alone.
    ``ignore:`` lists literal texts the rule should accept (say, a product name written "XX").

Why
    A placeholder left in a published report means the text was never finished; an export artefact means the
    published text is not what the office wrote. Reviewers find both often and they are cheap to fix.

Example
    Passing::

        2023年，某某市卫生健康局共收到政府信息公开申请12件。

    Failing::

        2023年，XX局共收到政府信息公开申请12件。
        → 模板占位符未替换：「XX」

    Configuration::

        - id: leftover-text
          kind: leftover_text
          ignore: [XXL]
""",
)

_PLACEHOLDER = (
    r"(?<![A-Za-zＡ-Ｚａ-ｚ])(?:[XＸ]{2,}|×{2,}|[xｘ]{2,}(?=[\u4e00-\u9fff]))(?![A-Za-zＡ-Ｚａ-ｚ])"  # XX局, ××件
    r"|(?<!\d)20[0-9]?[XxＸｘ×]{1,2}(?:年|(?![A-Za-z]))"  # 20XX年, 202X
    r"|[（(](?:文字描述|文字说明|此处[^）)\n]{0,20}|请?填写[^）)\n]{0,20}|单位名称|机关名称|部门名称)[）)]"
)
_ARTEFACT = (
    r"\[(?:image|bookmark|footnote|endnote|comment)\s*[:：][^\]\n]{0,200}\]"
    r"|错误[!！]\s*(?:未定义书签|未找到引用源|书签未定义)[。.]?"
    r"|Error!\s*(?:Bookmark not defined|Reference source not found)\.?"
)
# What a web page puts around a report, copied in with it: breadcrumbs, share bars, font size and print buttons,
# download links, view counters. Words that prose also uses only where they cannot be prose: share targets apart
# (微信 微博, not 政务微信微博), links standing alone (附件下载, not 提供文件下载服务), 浏览次数 with no number
# after it, 字号 with 大 中 小, in brackets or alone.
_SHARE = r"(?:微信|微博|QQ空间|QQ好友|腾讯微博|新浪微博|朋友圈)"
_CHROME = (
    r"(?:当前位置|您现在的位置|您现在所在的位置|您的位置|所在位置)\s*[:：]\s*(?:[^\s。]{0,6}首页)?"
    rf"|{_SHARE}(?:\s+{_SHARE}){{1,5}}|分享到\s*[:：]"
    r"|[【\[](?:打印|关闭|打印本页|关闭窗口|收藏|返回顶部)[】\]]"
    r"|[【\[](?:字体|字号)\s*[:：]?\s*(?:大\s*中\s*小)?\s*[】\]]|(?<!文)(?:字体|字号)\s*[:：]\s*大\s*中\s*小"
    r"|(?m:^(?:字体|字号)\s*[:：]?\s*$)"
    r"|(?<![\u4e00-\u9fff])(?:附件下载|文件下载|打印本页|关闭窗口|返回顶部|返回首页)(?![\u4e00-\u9fff])"
    r"|扫一扫在手机(?:上)?打开当前页"
    r"|(?:浏览次数|访问次数|点击数|阅读次数)\s*[:：](?!\s*\d)"
)
# Every pattern starts with one of these characters: the lookahead lets the scan pass over every other position
# at once (nine times faster than trying each alternative there).
_FIRST = "XＸ×xｘ2（(\\[错E当您所微QQ腾新朋分【字附文打关返扫浏访点阅"
_RE = re.compile(rf"(?=[{_FIRST}])(?:(?P<placeholder>{_PLACEHOLDER})|(?P<artefact>{_ARTEFACT})|(?P<chrome>{_CHROME}))")


@dataclass(frozen=True)
class Spec:
    ignore: frozenset[str]  # texts accepted where they are found


def compile(rule: Rule, pack: Pack) -> Spec:  # noqa: A001 - the registry's name for the compile step
    return Spec(frozenset(str(t) for t in rule.spec.get("ignore", [])))


_MESSAGES = {  # the catalogue's, by what was found
    "placeholder": "template placeholder left in: “{found}”",
    "chrome": "web page navigation or button text left in: “{found}”",
    "artefact": "export artefact left in: “{found}”",
}


def _matches(text: str, ignore: frozenset[str]) -> Iterator[tuple[str, str]]:
    for m in _RE.finditer(text):
        found = m.group(0).strip()
        if found and found not in ignore:
            yield str(m.lastgroup), found


def without_leftovers(text: str) -> str:
    """``text`` with every placeholder, export artefact and page chrome this kind reports taken out (what another
    rule should not report again)."""
    return _RE.sub("", text)


def _any_match(table: Table) -> bool:
    return _RE.search(table.label_text(clean)) is not None


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    ignore = rule.compiled.ignore
    paragraphs = ctx.doc.paragraphs
    # One scan of the paragraphs first: most reports have nothing left over, and a match in one text is a match in
    # the texts joined by line breaks too (the patterns' lookarounds see a line break as they see a text's end).
    # A number never matches, so a table is scanned in the texts of its other cells, once per layout.
    if _RE.search("\n".join(paragraph_text(p) for p in paragraphs)) is None and not any(
            ctx.tables.by_layout(KIND, table, _any_match) for table in ctx.doc.tables):
        return
    for p in paragraphs:
        for kind, found in _matches(paragraph_text(p), ignore):
            yield _fixed(ctx.said(rule, _MESSAGES.get(kind, _MESSAGES["artefact"]), paragraph_location(p, found),
                                  {"value": found, "type": kind}, found=found), kind, found)
    for table in ctx.doc.tables:
        data = {id(d.cell): d for d in table.data}
        for cell in table.origins():
            for kind, found in _matches(cell.display, ignore):
                yield _fixed(ctx.said(rule, _MESSAGES.get(kind, _MESSAGES["artefact"]),
                                      table_location(table, data.get(id(cell)), row=cell.row),
                                      {"value": found, "type": kind}, found=found), kind, found)


def _fixed(finding: Finding, kind: str, found: str) -> Finding:
    """An export artefact or a web page's chrome is taken out (a safe fix); a placeholder needs the office's text."""
    return finding if kind == "placeholder" else finding.fixed(found, "")


RULE_KIND = Kind(KIND, compile, check, DOC)
