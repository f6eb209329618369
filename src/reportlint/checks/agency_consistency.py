"""agency_consistency — the agency the title names is the one the contact, the signature and the compiler name.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..history import agency_key
from ..i18n import both
from ..issuer import agency_in, kind_of
from ..model import Paragraph
from ..pack import Rule
from .base import Context, paragraph_location
from .kind import Doc, Kind, no_settings

KIND = "agency_consistency"

DOC = Doc(
    zh="""\
agency_consistency —— 标题、联系方式、落款和“本报告由……编制”写的是同一个机关。

作用
    以标题中的机关（报告年份之前的文字，如“某某市卫生健康局”）为准，查找正文中另外写到机关名称的地方：

    * 联系方式：“请与某某局办公室联系”“联系单位：……”；
    * 编制说明：“本报告由某某局编制”；
    * 落款：文末日期之上的机关名称。

    写的是另一个机关时报告一条，引用两个名称。同一机关的不同写法不算：简称（卫健局 = 卫生健康局）、带或不带
    市县前缀、该机关的办公室或领导小组（“某某局办公室”“某某区政府信息公开工作领导小组办公室”）。以“本机关”
    “我局”指代的不计；标题没有写明机关时不检查。

依据
    年度报告由本机关编制并公布（条例第四十九条）；联系方式、落款出现别的机关，多因沿用了其他单位的报告，读者
    按报告联系时会找错单位。

示例
    正确::

        标题：某某市卫生健康局2023年政府信息公开工作年度报告
        如对本报告有疑问，请与某某市卫生健康局办公室联系。

    错误::

        标题：弥勒市卫生健康局2023年政府信息公开工作年度报告
        如对本报告有疑问，请与乐清市卫生健康局办公室联系。
        → 联系方式中的机关「乐清市卫生健康局办公室」与标题中的「弥勒市卫生健康局」不是同一机关，可能沿用了其他单位的报告

    配置::

        - id: agency-mismatch
          kind: agency_consistency
          severity: warning
""",
    en="""\
agency_consistency — the title's agency is the one the contact, the signature and the compiler name.

What it does
    With the agency the title names (its text before the report year, e.g. 某某市卫生健康局), looks for the other
    places a report names an organ:

    * the contact: "请与某某局办公室联系", "联系单位：……";
    * who compiled it: "本报告由某某局编制";
    * the signature: the organ's name above the date at the end.

    Another organ there is a finding quoting both names. One organ written differently is not: short forms
    (卫健局 = 卫生健康局), with or without the city or county, the organ's own office or working group
    (某某局办公室, 某某区政府信息公开工作领导小组办公室). "本机关", "我局" are not names; a title naming no agency
    is not checked.

Why
    The report is compiled and published by the organ itself (条例 art. 49); another organ in the contact or the
    signature usually means another agency's report was copied, and readers who follow it reach the wrong office.

Example
    Passing::

        title: 某某市卫生健康局2023年政府信息公开工作年度报告
        如对本报告有疑问，请与某某市卫生健康局办公室联系。

    Failing::

        title: 弥勒市卫生健康局2023年政府信息公开工作年度报告
        如对本报告有疑问，请与乐清市卫生健康局办公室联系。
        → the contact names 乐清市卫生健康局办公室, not the title's 弥勒市卫生健康局: copied from another agency's report?

    Configuration::

        - id: agency-mismatch
          kind: agency_consistency
          severity: warning
""",
)

_CONTACT_RE = re.compile(r"(?:请与|请联系|联系单位[:：]?|联系部门[:：]?)(?P<org>[^，,。；;、（(：:\s]{2,30}?)(?:联系|[，,。；;（(]|$)")
_COMPILED_RE = re.compile(r"由(?P<org>[^，,。；;、\s]{2,30}?)(?:负责)?(?:编制|编写|编撰|起草)")
_SELF_RE = re.compile(r"^(?:本|我|该|上述|相关|各)")
_OFFICE_RE = re.compile(r"(?:政府信息公开|政务公开)?(?:工作)?(?:领导小组)?(?:办公室|办)$")
_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}")
_PLACES = {  # the catalogue's
    "contact": "the contact", "compiled": "the compiler", "signature": "the signature",
}


def same_organ(a: str, b: str) -> bool:
    """Whether two names are one organ: the same once short forms are written out, one inside the other (a city
    or county left out, the organ's office or working group)."""
    ka, kb = (agency_key(_OFFICE_RE.sub("", x) or x).replace("人民政府", "政府") for x in (a, b))
    return bool(ka and kb) and (ka in kb or kb in ka)


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    doc = ctx.doc
    agency = agency_in(doc.title, ctx.pack.report.subject) if doc.title else ""
    if not agency or kind_of(agency) is None:
        return  # the title names no organ to hold the others to
    for place, name, p in _mentions(ctx):
        if same_organ(agency, name):
            continue
        yield ctx.said(rule, "{place} names {name}, not the title's {agency}: copied from another agency's report?",
                       paragraph_location(p, name), {"agency": agency, "named": name, "place": place},
                       place=both(_PLACES[place]), name=name, agency=agency)


def _mentions(ctx: Context) -> Iterator[tuple[str, str, Paragraph]]:
    """(where, the organ named, its paragraph) for the contact, the compiler and the signature."""
    paragraphs = [p for p in ctx.doc.paragraphs if p is not ctx.doc.title_paragraph]
    for p in paragraphs:
        text = p.display
        for place, pattern, word in (("contact", _CONTACT_RE, "联"), ("compiled", _COMPILED_RE, "由")):
            if word not in text:
                continue
            for m in pattern.finditer(text):
                name = m.group("org").strip()
                if not _SELF_RE.match(name) and kind_of(_OFFICE_RE.sub("", name) or name) is not None:
                    yield place, name, p
    signed = _signature(paragraphs)
    if signed is not None:
        yield "signature", signed.display, signed


def _signature(paragraphs: list[Paragraph]) -> Paragraph | None:
    """The organ's name right above the date at the end of the report, when there is one."""
    tail = [p for p in paragraphs[-4:] if p.display]
    for above, below in zip(tail, tail[1:], strict=False):
        name = above.display
        if _DATE_RE.fullmatch(below.display.strip()) and len(name) <= 30 and not re.search(r"[，,。；;：:]", name) \
                and kind_of(name) is not None:
            return above
    return None


RULE_KIND = Kind(KIND, no_settings, check, DOC)
