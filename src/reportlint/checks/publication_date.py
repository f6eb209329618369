"""publication_date — the report is published after its year ends and by the deadline for its kind of issuer.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..findings import Finding, Location
from ..i18n import Both, both, day_shown, each, trc
from ..issuer import Issuer, issuer_name, issuer_of
from ..model import Paragraph
from ..pack import Pack, Rule
from .base import Context, SpecError, paragraph_location
from .kind import Doc, Kind

KIND = "publication_date"

DOC = Doc(
    zh="""\
publication_date —— 报告在报告年度结束后、按发布机关类别的期限内公布。

作用
    查找公布日期：网页元数据中的“发布日期 / 发文日期 / 成文日期 / 公开日期 / 发布时间”，没有时取落款日期（文末几段中
    只含一个日期的段落，如“2024年1月28日”“二〇二四年一月二十八日”“2024-01-28”）。公布期限取决于发布机关，从标题
    （或开头的“现公布……2023年政府信息公开工作年度报告”）判断，``reportlint dump`` 可查看：

    * 本级人民政府的报告（标题为地名：上海市、福州市晋安区、某某市人民政府，或代行政府职能的管委会，如平潭综合实验区）：
      次年3月31日；
    * 政府部门的报告（……局、……委员会，标题写明办公室的人民政府办公室/办公厅也是）：次年1月31日；
    * 乡镇、街道的报告：次年1月31日（条例未规定）；
    * 标题和开头都未写明发布机关的：次年1月31日，但3月31日前公布的只报警告。

    ``issuer:``（government、department、township）直接指定发布机关类别；``deadlines:`` 按类别修改期限（MM-DD）；
    ``deadline:`` 对所有报告使用同一期限。然后：

    * 晚于期限的，报告一条，写明所用期限及其依据；
    * 早于报告年度12月31日的（年度尚未结束，报告不可能涵盖全年），报告一条；
    * 找不到任何日期的，报告一条警告（规则本身级别更低时取规则级别）。

    无法确定报告年度的不检查。

依据
    《中华人民共和国政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管
    部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布；县级以上地方人民政府的政府信息公开工作主管部门应当
    在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。年度未结束时落款的报告不可能涵盖全年。

示例
    正确::

        曲沃县卫生健康和体育局
        2024年1月28日          （2023年度报告）

        平潭综合实验区2025年度政府信息公开工作年度报告 … 发布时间: 2026-03-10

    错误::

        某某市某某局2023年政府信息公开工作年度报告 … 发布日期2024-02-01
        → 发布日期2024年2月1日晚于2024年1月31日的公布期限（2023年度报告；「某某市某某局」是政府部门，…）

    配置::

        - id: publication-deadline
          kind: publication_date
          issuer: government      # 本仓库的报告都是本级人民政府的报告
          deadlines: {township: "02-28"}
""",
    en="""\
publication_date — the report is published after its year ends and by the deadline for its kind of issuer.

What it does
    Finds the publication date: a "发布日期 / 发文日期 / 成文日期 / 公开日期 / 发布时间" line of a web page's metadata,
    or else the date under the signature (a paragraph among the last ones of the document that is only a date, e.g.
    "2024年1月28日", "二〇二四年一月二十八日", "2024-01-28"). The deadline depends on who issued the report, read
    from its title (or its opening, "现公布…2023年政府信息公开工作年度报告"; ``reportlint dump`` shows it):

    * a government's own report (a place: 上海市, 福州市晋安区, 某某市人民政府, or a region's 管委会 acting as one,
      平潭综合实验区): 31 March of the following year;
    * a department's (…局, …委员会, the 人民政府办公室/办公厅 when the title names the office): 31 January;
    * a 乡/镇 or 街道's: 31 January (the 条例 sets no date for them);
    * an issuer the title and opening do not name: 31 January, but a date up to 31 March is only a warning.

    ``issuer:`` (government, department, township) sets the kind instead of reading it; ``deadlines:`` changes the
    date per kind (MM-DD); ``deadline:`` one date for every report. Then:

    * a date after the deadline is a finding, which names the deadline it applied and why;
    * a date before 31 December of the report year (the report cannot cover a year not yet over) is a finding;
    * no date at all is a finding of severity ``warning`` (or the rule's own severity if that is lower).

    A report whose year is unknown is not checked.

Why
    条例 第四十九条: 县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府
    信息公开工作年度报告并向社会公布；县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级
    政府上一年度政府信息公开工作年度报告. A report dated before its year ends cannot report the whole year.

Example
    Passing::

        曲沃县卫生健康和体育局
        2024年1月28日          (a 2023 report)

        平潭综合实验区2025年度政府信息公开工作年度报告 … 发布时间: 2026-03-10

    Failing::

        某某市某某局2023年政府信息公开工作年度报告 … 发布日期2024-02-01
        → 发布日期2024年2月1日晚于2024年1月31日的公布期限（2023年度报告；「某某市某某局」是政府部门，…）

    Configuration::

        - id: publication-deadline
          kind: publication_date
          issuer: government      # the reports of this repository are a government's own
          deadlines: {township: "02-28"}
""",
)

_CN = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
       "八": 8, "九": 9}
_CN_CHARS = "".join(_CN) + "十"
_DATE_RE = re.compile(
    rf"(?P<y>\d{{4}}|[{_CN_CHARS}]{{4}})\s*(?:年|[-./])\s*(?P<m>\d{{1,2}}|[{_CN_CHARS}]{{1,2}})\s*(?:月|[-./])\s*"
    rf"(?P<d>\d{{1,2}}|[{_CN_CHARS}]{{1,3}})\s*日?"
)
_META_RE = re.compile(r"(?:发布|发文|成文|公开|印发|提供)(?:日期|时间)\s*[:：]?\s*")
# a web page's "来源：某局 时间：2024-01-20" (the page's date: a plain 时间 only after its 来源 on the same line)
_SOURCE_TIME_RE = re.compile(r"来源\s*[:：][^\n]{0,40}?(?<![^\s|｜])时间\s*[:：]\s*")
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
        for m in [*_META_RE.finditer(text), *_SOURCE_TIME_RE.finditer(text)]:
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


DEFAULT_DEADLINES = {"government": (3, 31), "department": (1, 31), "township": (1, 31)}
UNKNOWN = "department"  # the deadline for an issuer that cannot be told: the earliest


@dataclass(frozen=True)
class Deadlines:
    """What the rule's settings make of the deadline: per kind of issuer, and the kind when it is fixed."""

    by_kind: dict[str, tuple[int, int]]
    issuer: str | None  # set in the configuration; None: read from each report
    fixed: bool  # one ``deadline`` for every report


def _month_day(text: object, key: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", str(text))
    try:
        if not m:
            raise ValueError
        date(2000, int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise SpecError('{setting} must be MM-DD, e.g. "01-31", not {text!r}', key=key, setting=key,
                        text=str(text)) from None
    return int(m.group(1)), int(m.group(2))


def compile(rule: Rule, pack: Pack) -> Deadlines:  # noqa: A001 - the registry's name for the compile step
    spec = rule.spec
    by_kind = dict(DEFAULT_DEADLINES)
    if "deadline" in spec:
        by_kind = dict.fromkeys(by_kind, _month_day(spec["deadline"], "deadline"))
    for kind, text in (spec.get("deadlines") or {}).items():
        by_kind[str(kind)] = _month_day(text, "deadlines")
    issuer = str(spec.get("issuer", "auto"))
    return Deadlines(by_kind, None if issuer == "auto" else issuer, "deadline" in spec)


def _deadline(year: int, month_day: tuple[int, int]) -> date:
    month, day = month_day
    while True:
        try:
            return date(year, month, day)
        except ValueError:  # 02-29 in a year that has none
            day -= 1


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _day(lang: str, context: str, year: int, deadline: date) -> str:
    """The deadline as a day of the year after the report year ("31 March"), in the catalogue's ``context``: a
    deadline alone (年度报告应于次年3月31日前公布) or a day (次年3月31日)."""
    return trc(lang, context, "{day} {month}", day=deadline.day, month=_MONTHS[deadline.month - 1],
               month_number=deadline.month, year=year)


def _date(lang: str, when: date) -> str:
    return day_shown(lang, when.year, when.month, when.day)


def _why(issuer: Issuer, settings: Deadlines, kind: str, year: int, deadline: date) -> Both:
    """Why this deadline applies to this report, in both languages."""
    due = each(_day, "deadline", year, deadline)
    if settings.fixed:
        return both("the deadline set for the rule is {due}", due=due)
    name = each(issuer_name, kind)
    if settings.issuer is not None:
        return both("the configuration sets the issuer to {name} (issuer: {kind}), due by {due}",
                    name=name, kind=kind, due=due)
    if issuer.kind is None:
        return both("the title and opening do not name the issuer, so the departments' {due} applies; for a government's own report set issuer: government in the configuration", due=due)
    agency = issuer.agency
    if kind == "government":
        return both("“{agency}” is {name}, whose {year} report its office in charge publishes by {when} (Regulations art. 49)",
                    agency=agency, name=name, year=year, when=each(_day, "day of the following year", year, deadline))
    if kind == "department":
        return both("“{agency}” is {name}, which publishes its {year} report by {due} (Regulations art. 49)", agency=agency,
                    name=name, year=year, due=due)
    return both("“{agency}” is {name}, for which the Regulations set no date, so the departments' {due} applies (change it with deadlines: in the configuration)",
                agency=agency, name=name, due=due)


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    year = ctx.doc.year
    if year is None:
        return
    settings: Deadlines = rule.compiled
    found = find_publication_date(ctx.doc.paragraphs)
    if found is None:
        finding = ctx.said(rule, "no publication date found (a date under the signature or a “发布日期” line)", Location())
        if _SEVERITY_ORDER.index(finding.severity) > _SEVERITY_ORDER.index("warning"):
            finding.severity = "warning"
        yield finding
        return
    when, p, written, meta = found
    label = both("published on") if meta else both("dated")
    shown = each(_date, when)
    issuer = issuer_of(ctx.doc, ctx.pack.report.subject)
    kind = settings.issuer or issuer.kind or UNKNOWN
    deadline = _deadline(year + 1, settings.by_kind[kind])
    details = {"date": when.isoformat(), "deadline": deadline.isoformat(), "issuer": settings.issuer or issuer.kind}
    if when > deadline:
        finding = ctx.said(rule, "{label} {when}, after the deadline of {deadline}: {why}", paragraph_location(p, written),
                           details, label=label, when=shown, deadline=each(_date, deadline),
                           why=_why(issuer, settings, kind, year, deadline))
        unsure = settings.issuer is None and issuer.kind is None and not settings.fixed
        if unsure and when <= _deadline(year + 1, settings.by_kind["government"]) and finding.severity == "error":
            finding.severity = "warning"  # within a government's deadline: late only if it is a department's
        yield finding
    elif when < date(year, 12, 31):
        yield ctx.said(rule, "{label} {when}, before the report year {year} is over", paragraph_location(p, written),
                       details, label=label, when=shown, year=year)


RULE_KIND = Kind(KIND, compile, check, DOC)
