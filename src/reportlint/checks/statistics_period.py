"""statistics_period — the report states its statistics period, and it is the whole report year.

What it does
    Looks for a date range (自2023年1月1日起至2023年12月31日止, 2023年1月1日至12月31日,
    从2019年1月1日到12月31日止, with half- or full-width digits and spaces) in the text, preferring a sentence
    that names it (统计, 期限, 时限, 期间, or the rule's ``keywords``). Reports no such statement at all, and a
    period that does not run from 1 January to 31 December of the report year. The report year is taken from
    the title (2023年…年度报告); without a year in the title only the presence of a period is checked.

Why
    Every number in the three tables is only meaningful for a stated period; reports that omit it, or copy
    last year's text, cannot be compared or audited.

Example
    Passing::

        本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。

    Failing::

        本报告统计期限为2023年1月1日至2023年6月30日。   → 统计期限未覆盖2023年1月1日至12月31日
        (no period at all)                             → 未找到统计期限

    Configuration::

        - id: statistics-period
          kind: statistics_period
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, Location
from ..model import Paragraph
from .base import Context, paragraph_location

KIND = "statistics_period"

# The documentation above in Chinese, for `reportlint explain` (the default language).
DOC_ZH = """\
statistics_period —— 报告写明统计期限，且为整个报告年度。

作用
    在正文中查找日期区间（自2023年1月1日起至2023年12月31日止、2023年1月1日至12月31日、
    从2019年1月1日到12月31日止，数字可为半角或全角，可带空格），优先取点明期限的句子（含“统计”“期限”“时限”
    “期间”或规则的 ``keywords``）。完全没有写明期限的报告一条；期限不是报告年度1月1日至12月31日的也报告。
    报告年度取自标题（2023年…年度报告）；标题中没有年份时，只检查是否写明了期限。

依据
    三张统计表中的每个数字都只有在写明期限时才有意义；不写期限或照抄上年文字的报告无法比较、无法核查。

示例
    正确::

        本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。

    错误::

        本报告统计期限为2023年1月1日至2023年6月30日。   → 统计期限未覆盖2023年1月1日至12月31日
        （完全没有期限）                                 → 未找到统计期限

    配置::

        - id: statistics-period
          kind: statistics_period
"""

DEFAULT_KEYWORDS = ("统计", "期限", "时限", "期间", "时段", "报告期")

_RANGE_RE = re.compile(
    r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*[日号]\s*(?:起|开始)?\s*"
    r"(?:至|到|—|–|-|~|～)+\s*"
    r"(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]"
)


@dataclass
class Period:
    paragraph: Paragraph
    text: str
    start: tuple[int, int, int]
    end: tuple[int, int, int]
    named: bool  # a keyword sits in the same sentence

    def covers_year(self, year: int) -> bool:
        return self.start == (year, 1, 1) and self.end == (year, 12, 31)


def compile(rule, pack):  # noqa: A001
    return tuple(rule.spec.get("keywords") or DEFAULT_KEYWORDS)


def find_periods(paragraphs: list[Paragraph], keywords: tuple[str, ...]) -> list[Period]:
    out: list[Period] = []
    for p in paragraphs:
        text = p.nfkc
        if "月" not in text:
            continue  # no date in it
        for m in _RANGE_RE.finditer(text):
            y1, m1, d1 = int(m["y1"]), int(m["m1"]), int(m["d1"])
            y2 = int(m["y2"]) if m["y2"] else y1
            start_s = max(text.rfind(sep, 0, m.start()) for sep in "。；;\n") + 1
            ends = [i for i in (text.find(sep, m.end()) for sep in "。；;\n") if i >= 0]
            sentence = text[start_s:min(ends) if ends else len(text)]
            named = any(k in sentence for k in keywords)
            out.append(Period(p, m.group(0), (y1, m1, d1), (y2, int(m["m2"]), int(m["d2"])), named))
    return out


def check(ctx: Context, rule) -> Iterator[Finding]:
    keywords = rule.compiled
    year = ctx.doc.year
    periods = find_periods(ctx.doc.paragraphs, keywords)
    named = [p for p in periods if p.named]
    full_year = [p for p in periods if p.start[1:] == (1, 1) and p.end[1:] == (12, 31) and p.start[0] == p.end[0]]
    candidates = named or full_year
    if not candidates:
        yield ctx.finding(
            rule,
            "未找到统计期限（如“本报告中所列数据的统计期限自"
            f"{year or 'YYYY'}年1月1日起至{year or 'YYYY'}年12月31日止”）",
            "no statistics period found (e.g. “本报告中所列数据的统计期限自"
            f"{year or 'YYYY'}年1月1日起至{year or 'YYYY'}年12月31日止”)",
            Location(),
        )
        return
    if year is None:
        return
    if any(p.covers_year(year) for p in candidates):
        return
    period = candidates[0]
    y1, m1, d1 = period.start
    y2, m2, d2 = period.end
    shown = f"{y1}年{m1}月{d1}日至{y2}年{m2}月{d2}日"
    if (y1, y2) != (year, year) and period.start[1:] == (1, 1) and period.end[1:] == (12, 31):
        zh = f"统计期限「{period.text}」是{y1}年，与报告年度{year}年不符"
        en = f"statistics period \"{period.text}\" is for {y1}, not the report year {year}"
    else:
        zh = f"统计期限「{period.text}」（{shown}）未覆盖{year}年1月1日至12月31日"
        en = f"statistics period \"{period.text}\" ({y1}-{m1:02d}-{d1:02d} to {y2}-{m2:02d}-{d2:02d}) does not cover 1 January–31 December {year}"
    yield ctx.finding(rule, zh, en, paragraph_location(period.paragraph),
                      {"period": period.text, "start": f"{y1}-{m1:02d}-{d1:02d}", "end": f"{y2}-{m2:02d}-{d2:02d}",
                       "year": year})
