"""year_mismatch — the body reports activity in a year after the report year.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..findings import Finding
from ..i18n import each, years_listed
from ..model import Paragraph
from ..pack import Rule
from .base import Context, paragraph_location
from .kind import Doc, Kind, no_settings

KIND = "year_mismatch"

DOC = Doc(
    zh="""\
year_mismatch —— 正文叙述了报告年度之后某一年的工作。

作用
    以标题中的报告年度为准，逐句阅读正文（不含标题、网页元数据和文末落款日期），句中把之后某一年作为所述工作
    发生的时间的，报告一条，如2023年度报告中的“2024年，市卫生健康局始终坚持……”：正文可能沿用了别的年度的报告，
    或标题年份写错。以下不计：

    * 计划：含“将、计划、拟、下一步、今后、力争、预计、争取、打算”的句子（第五部分展望下一年）；
    * 完整日期（2024年1月28日），多为公布日期、期限或截止日；
    * 书名号内的年份《……2024年……》以及“截至、截止、至、到”之后的年份。

    也向前看：以上一年开头叙述工作的句子（2023年度报告中的“2022年，我局共受理政府信息公开申请……”“我局2022年度
    主动公开……”）报告一条，这是照搬上年报告的痕迹。比较（较2022年、与2022年相比、比上年）、结转（2022年结转）、
    书名号内的年份、完整日期、以及同时写到报告年度的句子（2022年至2023年）不计。

    每句报告一条，引用该句（超过60字截断）。

依据
    年度报告叙述一个自然年度（条例第五十条；统计期限为1月1日至12月31日）。叙述之后年份的文字，最常见的原因是
    从下一年度的草稿复制而来，或标题年份有误。

示例
    正确（2023年度报告）::

        2023年，市卫生健康局始终坚持……  下一步，2024年我局将……

    错误::

        2024年，市卫生健康局始终坚持……
        → 正文叙述了报告年度（2023年）之后的2024年：「2024年，市卫生健康局始终坚持……」

    配置::

        - id: year-mismatch
          kind: year_mismatch
          severity: warning
""",
    en="""\
year_mismatch — the body reports activity in a year after the report year.

What it does
    With the report year taken from the title, reads every sentence of the body (not the title, not a web
    page's metadata, not the date under the signature) and reports a sentence that names a later year as the
    time of what it describes, e.g. "2024年，市卫生健康局始终坚持……" in a 2023 report: the text was carried over
    from another year's report, or the title has the wrong year. Not counted:

    * plans: sentences with 将, 计划, 拟, 下一步, 今后, 力争, 预计, 争取, 打算 (section 五 looks ahead);
    * full dates (2024年1月28日), which are publication dates, deadlines or cut-offs;
    * years inside a document title 《……2024年……》 and after 截至/截止/至/到.

    It looks back too: a sentence that opens by reporting the year before's work ("2022年，我局共受理政府信息公开
    申请……", "我局2022年度主动公开……" in a 2023 report) is a finding, the trace of last year's report copied.
    Comparisons (较2022年, 与2022年相比, 比上年), carry-overs (2022年结转), years in 《titles》, full dates and
    sentences that name the report year too (2022年至2023年) are not.

    One finding per sentence, quoting it (shortened to 60 characters).

Why
    A report describes one calendar year (条例 第五十条, the statistics period 1 January to 31 December). Text
    about a later year is the most common trace of a report copied from the next year's draft, or of a title
    with the wrong year.

Example
    Passing (a 2023 report)::

        2023年，市卫生健康局始终坚持……  下一步，2024年我局将……

    Failing::

        2024年，市卫生健康局始终坚持……
        → 正文叙述了报告年度（2023年）之后的2024年：「2024年，市卫生健康局始终坚持……」

    Configuration::

        - id: year-mismatch
          kind: year_mismatch
          severity: warning
""",
)

_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
# "20" first, then what may not come before it: the scan skips to each "20" in C (see contact_info's patterns)
_YEAR_RE = re.compile(r"(20(?<![\d.]20)\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?!度?报告)")
_PLAN_RE = re.compile(r"将|计划|拟|下一步|下步|今后|力争|预计|争取|打算|明年|来年|展望|规划")
_CUTOFF_RE = re.compile(r"(?:截至|截止|至|到|起至)\s*$")
_META_RE = re.compile(r"^\s*-?\s*(?:索引号|发布机构|发布日期|文号|有效性|主题分类|成文日期)")
_QUOTE_MAX = 60
# Looking back: a sentence that opens by reporting the year before's work ("2022年，我局共受理政府信息公开申请…" in a
# 2023 report), the mark of last year's report copied. Comparisons, carry-overs and the like are not.
_WHO = r"(?:本机关|本单位|本局|本委|本办|我局|我委|我办|我厅|我中心|我区|我县|我市|我镇|我乡|全区|全县|全市)"
_WORK = r"(?:共|主动|收到|受理|办理|公开|处理|新收|答复|发布|制发)"
_NOT_WORK_RE = re.compile(r"较|比|相比|同比|环比|结转|上年|去年|上一年|截至|截止|以来|《")


def _inside_title(text: str, at: int) -> bool:
    """Is position ``at`` inside 《…》?"""
    return text.rfind("《", 0, at) > text.rfind("》", 0, at)


def later_years(sentence: str, year: int) -> list[int]:
    if _PLAN_RE.search(sentence):
        return []
    found = []
    for m in _YEAR_RE.finditer(sentence):
        y = int(m.group(1))
        if y > year and not _inside_title(sentence, m.start()) and not _CUTOFF_RE.search(sentence[: m.start()]):
            found.append(y)
    return found


@functools.lru_cache(maxsize=8)
def _earlier_work_re(year: int) -> re.Pattern[str]:
    """A sentence opening with the year before ``year`` and its work: ``2022年，我局共受理…``."""
    return re.compile(rf"^{_WHO}?\s*{year - 1}\s*年度?\s*[，,、]?\s*{_WHO}?[^，,。；;]{{0,10}}?{_WORK}")


def earlier_year(sentence: str, year: int) -> bool:
    """Whether the sentence reports the work of the year before ``year`` as if it were this year's."""
    return (_earlier_work_re(year).search(sentence) is not None and not _NOT_WORK_RE.search(sentence)
            and str(year) not in sentence)


def _body(ctx: Context) -> list[Paragraph]:
    paragraphs = [p for p in ctx.doc.paragraphs if p is not ctx.doc.title_paragraph]
    return [p for p in paragraphs if not _META_RE.match(p.display)]


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    year = ctx.doc.year
    if year is None:
        return
    for p in _body(ctx):
        text = p.display
        years_here = {int(m.group(1)) for m in _YEAR_RE.finditer(text)}
        if not any(y > year for y in years_here):  # no later year anywhere in the paragraph
            if year - 1 in years_here:
                yield from _earlier(ctx, rule, p, year)
            continue
        for m in _SENTENCE_RE.finditer(text):
            sentence = m.group(0).strip()
            years = later_years(sentence, year)
            if not years:
                continue
            shown = sentence if len(sentence) <= _QUOTE_MAX else sentence[:_QUOTE_MAX] + "……"
            later = each(years_listed, years)
            yield ctx.said(rule, "the body describes {later}, after the report year {year}: “{sentence}”",
                           paragraph_location(p, sentence[:20]), {"sentence": sentence, "years": list(dict.fromkeys(years))},
                           later=later, year=year, sentence=shown)


def _earlier(ctx: Context, rule: Rule, p: Paragraph, year: int) -> Iterator[Finding]:
    for m in _SENTENCE_RE.finditer(p.display):
        sentence = m.group(0).strip()
        if earlier_year(sentence, year):
            shown = sentence if len(sentence) <= _QUOTE_MAX else sentence[:_QUOTE_MAX] + "……"
            yield ctx.said(rule, "the body reports the work of {before} as the year's (the report year is {year}); copied from last year's report? “{sentence}”",
                           paragraph_location(p, sentence[:20]), {"sentence": sentence, "years": [year - 1]},
                           before=year - 1, year=year, sentence=shown)


RULE_KIND = Kind(KIND, no_settings, check, DOC)
