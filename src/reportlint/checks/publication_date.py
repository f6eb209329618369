"""publication_date — the report is published between the end of its year and 31 January of the next.

What it does
    Finds the publication date: a "发布日期 / 发文日期 / 成文日期 / 公开日期" line of a web page's metadata, or else
    the date under the signature (a paragraph among the last ones of the document that is only a date, e.g.
    "2024年1月28日", "二〇二四年一月二十八日", "2024-01-28"). With the report year taken from the title:

    * a date after 31 January of the following year (``deadline``, default ``01-31``) is a finding;
    * a date before 31 December of the report year (the report cannot cover a year not yet over) is a finding;
    * no date at all is a finding of severity ``warning`` (or the rule's own severity if that is lower).

    A report whose year is unknown is not checked.

Why
    条例 第五十条: 各级人民政府部门应当于每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府
    信息公开工作年度报告并向社会公布. A report dated before its year ends cannot report the whole year.

Example
    Passing::

        曲沃县卫生健康和体育局
        2024年1月28日          (a 2023 report)

    Failing::

        - 发布日期2024-02-01   (a 2023 report)
        → 发布日期2024年2月1日晚于2024年1月31日的公布期限

    Configuration::

        - id: publication-deadline
          kind: publication_date
          deadline: "01-31"
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..findings import Finding, Location
from ..model import Paragraph
from .base import Context, SpecError, paragraph_location

KIND = "publication_date"

DOC_ZH = """\
publication_date —— 报告在报告年度结束后、次年1月31日前公布。

作用
    查找公布日期：网页元数据中的“发布日期 / 发文日期 / 成文日期 / 公开日期”，没有时取落款日期（文末几段中只含一个
    日期的段落，如“2024年1月28日”“二〇二四年一月二十八日”“2024-01-28”）。以标题中的报告年度为准：

    * 晚于次年1月31日（``deadline``，默认 ``01-31``）的，报告一条；
    * 早于报告年度12月31日的（年度尚未结束，报告不可能涵盖全年），报告一条；
    * 找不到任何日期的，报告一条警告（规则本身级别更低时取规则级别）。

    无法确定报告年度的不检查。

依据
    《中华人民共和国政府信息公开条例》第五十条：各级人民政府部门应当于每年1月31日前向本级政府信息公开工作主管部门
    提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。年度未结束时落款的报告不可能涵盖全年。

示例
    正确::

        曲沃县卫生健康和体育局
        2024年1月28日          （2023年度报告）

    错误::

        - 发布日期2024-02-01   （2023年度报告）
        → 发布日期2024年2月1日晚于2024年1月31日的公布期限

    配置::

        - id: publication-deadline
          kind: publication_date
          deadline: "01-31"
"""

_CN = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
       "八": 8, "九": 9}
_CN_CHARS = "".join(_CN) + "十"
_DATE_RE = re.compile(
    rf"(?P<y>\d{{4}}|[{_CN_CHARS}]{{4}})\s*(?:年|[-./])\s*(?P<m>\d{{1,2}}|[{_CN_CHARS}]{{1,2}})\s*(?:月|[-./])\s*"
    rf"(?P<d>\d{{1,2}}|[{_CN_CHARS}]{{1,3}})\s*日?"
)
_META_RE = re.compile(r"(?:发布|发文|成文|公开|印发)(?:日期|时间)\s*[:：]?\s*")
_SIGNATURE_TAIL = 4  # the signature date is among the last paragraphs
_SEVERITY_ORDER = ["info", "warning", "error"]


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if "十" in text:  # 十, 十二, 二十, 二十八
        tens, _, ones = text.partition("十")
        return (_CN.get(tens, 1) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)
    if len(text) == 4:  # 二〇二四
        digits = [_CN.get(c) for c in text]
        return None if None in digits else int("".join(str(d) for d in digits))
    return _CN.get(text) if len(text) == 1 else None


def parse_date(text: str) -> date | None:
    m = _DATE_RE.search(text)
    if not m:
        return None
    y, mo, d = (_number(m.group(k)) for k in ("y", "m", "d"))
    try:
        return date(y, mo, d) if y and mo and d else None
    except ValueError:
        return None


def find_publication_date(paragraphs: list[Paragraph]) -> tuple[date, Paragraph, str, bool] | None:
    """(date, paragraph, the date as written, from metadata?) or None."""
    for p in paragraphs:
        text = p.display
        if "日期" not in text and "时间" not in text:
            continue  # no metadata label in it (their scan stops at every 公开 of a report: 3 µs a paragraph)
        for m in _META_RE.finditer(text):
            rest = text[m.end():m.end() + 24]
            found = _DATE_RE.match(rest)
            if found and (when := parse_date(found.group(0))):
                return when, p, found.group(0).strip(), True
    for p in reversed(paragraphs[-_SIGNATURE_TAIL:]):
        text = p.display.strip()
        found = _DATE_RE.search(text) if len(text) <= 40 else None
        if found and (when := parse_date(found.group(0))):
            return when, p, found.group(0).strip(), False
    return None


def compile(rule, pack):  # noqa: A001 - the registry's name for the compile step
    text = str(rule.spec.get("deadline", "01-31"))
    m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", text)
    try:
        if not m:
            raise ValueError
        date(2000, int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise SpecError(f"deadline must be MM-DD, e.g. \"01-31\", not {text!r}", key="deadline") from None
    return int(m.group(1)), int(m.group(2))


def _shown(when: date) -> str:
    return f"{when.year}年{when.month}月{when.day}日"


def check(ctx: Context, rule) -> Iterator[Finding]:
    year = ctx.doc.year
    if year is None:
        return
    month, day = rule.compiled
    found = find_publication_date(ctx.doc.paragraphs)
    if found is None:
        finding = ctx.finding(
            rule,
            "未找到公布日期（文末落款日期或“发布日期”）",
            "no publication date found (a date under the signature or a 发布日期 line)",
            Location(),
        )
        if _SEVERITY_ORDER.index(finding.severity) > _SEVERITY_ORDER.index("warning"):
            finding.severity = "warning"
        yield finding
        return
    when, p, written, meta = found
    label, label_en = ("发布日期", "published on") if meta else ("落款日期", "dated")
    deadline = date(year + 1, month, day)
    details = {"date": when.isoformat(), "deadline": deadline.isoformat()}
    if when > deadline:
        yield ctx.finding(
            rule,
            f"{label}{_shown(when)}晚于{_shown(deadline)}的公布期限（报告年度{year}年）",
            f"{label_en} {when.isoformat()}, after the deadline of {deadline.isoformat()} for a {year} report",
            paragraph_location(p, written),
            details,
        )
    elif when < date(year, 12, 31):
        yield ctx.finding(
            rule,
            f"{label}{_shown(when)}早于报告年度{year}年结束，报告不能涵盖全年",
            f"{label_en} {when.isoformat()}, before the report year {year} is over",
            paragraph_location(p, written),
            details,
        )
