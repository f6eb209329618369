"""statistics_period — the report states its statistics period, and it is the whole report year.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, Location
from ..i18n import day_shown, each, trc
from ..model import Paragraph
from ..model.document import cn_number
from ..pack import Pack, Rule
from .base import Context, paragraph_location
from .kind import Doc, Kind

KIND = "statistics_period"

DOC = Doc(
    zh="""\
statistics_period —— 报告写明统计期限，且为整个报告年度。

作用
    在正文中查找日期区间（自2023年1月1日起至2023年12月31日止、自2023年1月1日始至…止、2023年1月1日至12月31日、
    从2019年1月1日到12月31日止、2022年1月1日-2022年12月31日、2023.1.1—2023.12.31、2023年1月至12月、统计期限为
    2023年度，数字可为半角或全角，可带空格），优先取点明期限的句子（含“统计”“期限”“时限”“期间”或规则的
    ``keywords``）。期限不是报告年度1月1日至12月31日的，引用原文报告；写了期限（统计期限、统计时限、统计时间、
    统计数据时限……）但日期无法读作起止日期（“20241月1日至12月31日”“2018年11日至2018年1231日”）或只有一个时间点
    （“数据核定时间点为2022年12月31日”）的，引用原文报告；完全没有写明期限的，才报告“未找到”。报告年度取自标题
    （2023年…年度报告）；标题中没有年份时，只检查是否写明了期限。

依据
    三张统计表中的每个数字都只有在写明期限时才有意义；不写期限或照抄上年文字的报告无法比较、无法核查。

示例
    正确::

        本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。

    错误::

        本报告统计期限为2023年1月1日至2023年6月30日。   → 统计期限未覆盖2023年1月1日至12月31日
        本报告统计期限为20231月1日至12月31日。          → 统计期限「20231月1日至12月31日」无法读作起止日期
        （完全没有期限）                                 → 未找到统计期限

    配置::

        - id: statistics-period
          kind: statistics_period
""",
    en="""\
statistics_period — the report states its statistics period, and it is the whole report year.

What it does
    Looks for a date range (自2023年1月1日起至2023年12月31日止, 自2023年1月1日始至…止, 2023年1月1日至12月31日,
    从2019年1月1日到12月31日止, 2022年1月1日-2022年12月31日, 2023.1.1—2023.12.31, 2023年1月至12月, 统计期限为2023年度;
    half- or full-width digits and spaces) in the text, preferring a sentence that names it (统计, 期限, 时限,
    期间, or the rule's ``keywords``). Reports a period that does not run from 1 January to 31 December of the
    report year, quoting it; a statement of the period (统计期限, 统计时限, 统计时间, 统计数据时限 …) whose dates
    cannot be read as a range ("20241月1日至12月31日", "2018年11日至2018年1231日") or that gives a single point
    in time ("数据核定时间点为2022年12月31日"), quoting it; and, only when there is no statement at all, a missing
    period. The report year is taken from the title (2023年…年度报告); without a year in the title only the
    presence of a period is checked.

Why
    Every number in the three tables is only meaningful for a stated period; reports that omit it, or copy
    last year's text, cannot be compared or audited.

Example
    Passing::

        本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。

    Failing::

        本报告统计期限为2023年1月1日至2023年6月30日。   → 统计期限未覆盖2023年1月1日至12月31日
        本报告统计期限为20231月1日至12月31日。          → 统计期限「20231月1日至12月31日」无法读作起止日期
        (no period at all)                             → 未找到统计期限

    Configuration::

        - id: statistics-period
          kind: statistics_period
""",
)

DEFAULT_KEYWORDS = ("统计", "期限", "时限", "期间", "时段", "报告期")

_SEP = r"\s*(?:起|开始|始)?\s*(?:至|到|—|–|-|~|～)+\s*"
# A full date: 2023年1月1日, 2023.1.1, 2023-01-01, 2023/1/1; the end may leave out its year (…至12月31日).
_RANGE_RE = re.compile(
    r"(?P<y1>\d{4})\s*(?:年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*[日号]|[./](?P<m1b>\d{1,2})[./](?P<d1b>\d{1,2}))"
    + _SEP +
    r"(?:(?P<y2>\d{4})\s*(?:年\s*)?)?(?:(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]|"
    r"(?<=[./\d])[./]?(?P<m2b>\d{1,2})[./](?P<d2b>\d{1,2})(?!\d))"
)
# Whole months: 2023年1月至12月, 2023年1月份到12月份
_MONTHS_RE = re.compile(
    r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月(?:份)?(?!\s*\d)" + _SEP +
    r"(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月(?:份|底|末)?(?!\s*\d)"
)
# A whole year named as the period: 统计期限为2023年度, 统计时间为2023年全年
_YEAR_RE = re.compile(r"(?:期限|时限|时间|时段|期间|统计数据)\s*(?:为|是)?\s*[:：]?\s*(?P<y>\d{4})\s*年\s*(?:度|全年)(?!\s*\d)")
# Where a report states its period in words, whether or not the dates after it can be read: 统计期限, 统计时限,
# 统计时间, 统计数据时限, 数据统计期限, "统计书记时间段" (sic), 数据核定时间点, 数据统计截至 …
_STATEMENT_RE = re.compile(r"(?:统计|数据)[^。；;，,\d]{0,6}?(?:期限|时限|时间|时段|区间|期间|范围|截至|截止)|时间段|报告期")
# Dates in Chinese numerals (二〇二三年一月一日至十二月三十一日) are read as their digits
_CN_DATE_RE = re.compile(r"[〇○零一二三四五六七八九十]\s*[年月日号]")
_CN_YEAR_RE = re.compile(r"[〇○零一二三四五六七八九]{4}(?=\s*年)")
_CN_MONTH_DAY_RE = re.compile(r"(?<=[年月至到起-])(\s*)([一二三四五六七八九十]{1,3})(?=\s*[月日号])")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_DATE_BITS_RE = re.compile(r"[\d年月日号至到起止\-—–~～./\s]*\d[\d年月日号至到起止\-—–~～./\s]*")


@dataclass
class Period:
    paragraph: Paragraph
    text: str
    start: tuple[int, int, int]
    end: tuple[int, int, int]
    named: bool  # a keyword sits in the same sentence

    def covers_year(self, year: int) -> bool:
        return self.start == (year, 1, 1) and self.end == (year, 12, 31)


@dataclass
class Unreadable:
    """A statement of the period whose dates cannot be read as a range: garbled ("20241月1日至12月31日"), or a
    single point in time ("数据核定时间点为2022年12月31日")."""

    paragraph: Paragraph
    text: str  # the dates as written
    point: bool  # one date, not a range


@dataclass(frozen=True)
class Spec:
    keywords: tuple[str, ...]  # a period is named by a sentence holding one of them


def compile(rule: Rule, pack: Pack) -> Spec:  # noqa: A001 - the registry's name for the compile step
    return Spec(tuple(str(k) for k in rule.spec.get("keywords") or DEFAULT_KEYWORDS))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 31


def _ranges(text: str) -> Iterator[tuple[re.Match[str], tuple[int, int, int], tuple[int, int, int]]]:
    """Each date range in a text, with its first and last day."""
    taken: list[tuple[int, int]] = []
    months = "月" in text
    dated = months or "." in text or "/" in text  # 年月日, or dotted dates
    for m in _RANGE_RE.finditer(text) if dated else ():
        y1 = int(m["y1"])
        start = (y1, int(m["m1"] or m["m1b"]), int(m["d1"] or m["d1b"]))
        end = (int(m["y2"]) if m["y2"] else y1, int(m["m2"] or m["m2b"]), int(m["d2"] or m["d2b"]))
        taken.append(m.span())
        yield m, start, end
    for m in _MONTHS_RE.finditer(text) if months else ():
        if not any(a <= m.start() < b for a, b in taken):
            y1, y2 = int(m["y1"]), int(m["y2"]) if m["y2"] else int(m["y1"])
            yield m, (y1, int(m["m1"]), 1), (y2, int(m["m2"]), _last_day(y2, int(m["m2"])))
    for m in _YEAR_RE.finditer(text) if "年度" in text or "全年" in text else ():
        year = int(m["y"])
        yield m, (year, 1, 1), (year, 12, 31)


def _sentence(text: str, start: int, end: int) -> str:
    begin = max(text.rfind(sep, 0, start) for sep in "。；;\n") + 1
    ends = [i for i in (text.find(sep, end) for sep in "。；;\n") if i >= 0]
    return text[begin:min(ends) if ends else len(text)]


def _digits(text: str) -> str:
    """The text with dates written in Chinese numerals in Arabic digits (二〇二三年十二月三十一日 → 2023年12月31日)."""
    if not _CN_DATE_RE.search(text):
        return text
    text = _CN_YEAR_RE.sub(lambda m: m.group(0).translate(_CN_DIGITS), text)
    return _CN_MONTH_DAY_RE.sub(lambda m: m.group(1) + str(cn_number(m.group(2))), text)


def find_periods(paragraphs: list[Paragraph], keywords: tuple[str, ...]) -> list[Period]:
    out: list[Period] = []
    for p in paragraphs:
        text = p.nfkc
        if "年" not in text and "." not in text and "/" not in text:
            continue  # no date in it
        text = _digits(text) if "年" in text else text
        for m, start, end in _ranges(text):
            named = any(k in _sentence(text, m.start(), m.end()) for k in keywords)
            group = "y" if "y" in m.re.groupindex else "y1"
            out.append(Period(p, m.group(0)[m.start(group) - m.start():].strip(), start, end, named))
    return out


def find_unreadable(paragraphs: list[Paragraph]) -> Unreadable | None:
    """The first statement of the period ("统计期限为…") followed by dates that are no readable range."""
    for p in paragraphs:
        text = _digits(p.nfkc)
        for m in _STATEMENT_RE.finditer(text):
            rest = text[m.end(): m.end() + 60]
            rest = rest[: min((i for i in (rest.find(c) for c in "。；;，,") if i >= 0), default=len(rest))]
            bits = _DATE_BITS_RE.search(rest)
            if bits and re.search(r"\d{2}", bits.group(0)):
                shown = bits.group(0).strip(" 至到起-")
                point = len(re.findall(r"\d{4}\s*年|\d{4}[./-]", shown)) <= 1 and not re.search("[至到~～—–]", shown)
                return Unreadable(p, shown, point)
    return None


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    keywords = rule.compiled.keywords
    year = ctx.doc.year
    periods = find_periods(ctx.doc.paragraphs, keywords)
    named = [p for p in periods if p.named]
    full_year = [p for p in periods if p.start[1:] == (1, 1) and p.end[1:] == (12, 31) and p.start[0] == p.end[0]]
    candidates = named or full_year
    if not candidates:
        unreadable = find_unreadable(ctx.doc.paragraphs)
        if unreadable is not None:
            yield _unreadable_finding(ctx, rule, unreadable, year)
            return
        yield ctx.said(rule, "no statistics period found (e.g. “本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止”)",
                       Location(), year=year or "YYYY")
        return
    if year is None:
        return
    if any(p.covers_year(year) for p in candidates):
        return
    period = candidates[0]
    y1, m1, d1 = period.start
    y2, m2, d2 = period.end
    if (y1, y2) != (year, year) and period.start[1:] == (1, 1) and period.end[1:] == (12, 31):
        message, dates = "statistics period \"{period}\" is for {first}, not the report year {year}", ""
    else:
        message = "statistics period \"{period}\"{dates} does not cover 1 January–31 December {year}"
        dates = each(_dates, period)
    yield ctx.said(rule, message, paragraph_location(period.paragraph),
                   {"period": period.text, "start": f"{y1}-{m1:02d}-{d1:02d}", "end": f"{y2}-{m2:02d}-{d2:02d}",
                    "year": year}, period=period.text, first=y1, year=year, dates=dates)


def _dates(lang: str, period: Period) -> str:
    """The period's dates in full, where the text shortens them ("2023年1-12月") or is in another language."""
    start, end = day_shown(lang, *period.start), day_shown(lang, *period.end)
    if re.sub(r"\s", "", period.text) == trc(lang, "period", "{start} to {end}", start=start, end=end):
        return ""
    return trc(lang, "period", " ({start} to {end})", start=start, end=end)


def _unreadable_finding(ctx: Context, rule: Rule, found: Unreadable, year: int | None) -> Finding:
    want = f"{year}年1月1日至{year}年12月31日" if year else "YYYY年1月1日至YYYY年12月31日"
    if found.point:
        message = "only a point in time is given, \"{text}\", not the statistics period (write “{want}”)"
    else:
        message = "statistics period \"{text}\" cannot be read as a range of dates (a typo or missing characters); write “{want}”"
    return ctx.said(rule, message, paragraph_location(found.paragraph, found.text), {"period": found.text},
                    text=found.text, want=want)


RULE_KIND = Kind(KIND, compile, check, DOC)
