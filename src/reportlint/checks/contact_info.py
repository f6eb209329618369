"""contact_info — the report says how to reach the office, and the numbers and addresses are usable.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, Location
from ..i18n import both
from ..pack import Pack, Rule
from .base import Context, SpecError, paragraph_location
from .kind import Doc, Kind

KIND = "contact_info"

DOC = Doc(
    zh="""\
contact_info —— 报告写明联系方式，且电话、邮箱可用。

作用
    在正文中查找电话号码、电子邮箱和通讯地址。``require:`` 列出必须出现的种类（``phone``、``email``、
    ``address``），每缺一种报告一条。``validate``（默认 true）时，检查“电话/联系方式/邮箱”之后给出的每个电话和邮箱：

    * 固定电话：区号 0XX 或 0XXX，再加 7–8 位号码；中间可用“-”“—”“–”或空格，或把区号放在括号里——
      ``0537-8928868``、``0537—8928868``、``(0537)8928868``；
    * 手机：以 13–19 开头的 11 位数字；12345 等服务号码也接受；
    * 缺少区号的本地号码（``8928868``）报告；
    * 电子邮箱中不得有空格（``gk @example.gov.cn`` 报告）。

    被压成文字的统计表中连在一起的数字（“…申请数量15130000154二、…”）绝不当作电话号码。

依据
    对报告有疑问的读者须能联系到机关；FORMAT.md 把联系方式列为通行做法，缺少区号的号码在外地无法拨通。

示例
    正确::

        如对本报告有疑问，请与本局办公室联系（联系电话：0537-1234567；电子邮箱：gk@example.gov.cn）。

    错误::

        联系电话：8928868          → 电话号码「8928868」缺少区号
        电子邮箱：gk @example.gov.cn → 电子邮箱「gk @example.gov.cn」中有空格

    配置::

        - id: contact-info
          kind: contact_info
          require: [phone]
""",
    en="""\
contact_info — the report says how to reach the office, and the numbers and addresses are usable.

What it does
    Finds telephone numbers, e-mail addresses and postal addresses in the text. ``require:`` lists the kinds
    that must be present (``phone``, ``email``, ``address``); one finding per missing kind. With ``validate``
    (default true) every phone number and e-mail address given after 电话/联系方式/邮箱 is checked:

    * landline: area code 0XX or 0XXX, then 7–8 digits; "-", "—", "–" or a space between them, or the area code
      in brackets — ``0537-8928868``, ``0537—8928868``, ``(0537)8928868``;
    * mobile: 11 digits starting 13–19; service numbers such as 12345 are accepted;
    * a local number without its area code (``8928868``) is reported;
    * an e-mail address must not contain spaces (``gk @example.gov.cn`` is reported).

    The digits of a statistical table flattened into text ("…申请数量15130000154二、…") are never read as a phone
    number.

Why
    Readers with questions about the report must be able to reach the office; FORMAT.md lists contact details
    as standard practice, and a number missing its area code cannot be dialled from another city.

Example
    Passing::

        如对本报告有疑问，请与本局办公室联系（联系电话：0537-1234567；电子邮箱：gk@example.gov.cn）。

    Failing::

        联系电话：8928868          → 电话号码「8928868」缺少区号
        电子邮箱：gk @example.gov.cn → 电子邮箱「gk @example.gov.cn」中有空格

    Configuration::

        - id: contact-info
          kind: contact_info
          require: [phone]
""",
)

_DASH = r"\-—–－‐‑―"
# Patterns searched in every paragraph open with a literal, or alternatives that each open with one: the scan then
# passes over every other position in C (re's prefix and charset skips; a lookaround first would turn them off,
# which made these searches two to four times slower). A lookbehind right after that first character says what may
# not come before the match ("0(?<![\d.]0)": a 0 not after a digit or a point).
# tests/test_fast_paths.py holds each pattern's plain form and requires the same matches.
LANDLINE_RE = re.compile(rf"(?:\((?<![\d.]\()0\d{{2,3}}\)|0(?<![\d.]0)\d{{2,3}})\s*[{_DASH}]?\s*\d{{7,8}}"
                         rf"(?:\s*[{_DASH}]\s*\d{{1,5}})?(?![\d.])")
MOBILE_RE = re.compile(r"1(?<![\d.]1)[3-9]\d{9}(?![\d.])")
SERVICE_RE = re.compile(r"(?<![\d.])(?:1\d{2,4}|[48]00[-\s]?\d{3}[-\s]?\d{4})(?![\d.])")
PHONE_CONTEXT_RE = re.compile(r"(?:联系(?:电话|热线|手机|座机|联系方式|Tel|TEL|电\s*话)|电话|热线|手机|座机|联系方式|Tel|TEL|电\s*话)"
                              r"\s*(?:号码)?\s*(?:为|是)?\s*[:：]?\s*")
NUMBERISH_RE = re.compile(rf"[\d(（][\d()（）\s{_DASH}]{{3,}}\d")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+(?:\s+[A-Za-z0-9._%+\-]+)*\s*[@＠]\s*[A-Za-z0-9\-]+(?:\s*\.\s*[A-Za-z0-9\-]+)+")
EMAIL_CONTEXT_RE = re.compile(r"(?:电子)?(?:邮箱|邮件|信箱|E-?mail|e-?mail|EMAIL)\s*(?:地址)?\s*(?:为|是)?\s*[:：]?\s*")
ADDRESS_RE = re.compile(r"(?:通讯地址|通信地址|联系地址|办公地址|邮寄地址|地址)\s*(?:为|是)?\s*[:：]?\s*\S{4,}")

KINDS = ("phone", "email", "address")
NAMES = {"phone": "phone number", "email": "e-mail address", "address": "postal address"}  # the catalogue's


@dataclass(frozen=True)
class Spec:
    require: tuple[str, ...]  # of KINDS
    validate: bool  # a number after 电话 must look like one


def compile(rule: Rule, pack: Pack) -> Spec:  # noqa: A001 - the registry's name for the compile step
    require = tuple(rule.spec.get("require", ["phone"]))
    for i, kind in enumerate(require):
        if kind not in KINDS:  # the schema already refuses this; kept for packs built in code
            raise SpecError("unknown contact kind {kind!r}", key="require", index=i, kind=kind)
    return Spec(require, bool(rule.spec.get("validate", True)))


def _valid_phone(text: str) -> bool:
    return bool(LANDLINE_RE.fullmatch(text.strip()) or MOBILE_RE.fullmatch(text.strip())
                or SERVICE_RE.fullmatch(text.strip()))


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    spec: Spec = rule.compiled
    require, validate = spec.require, spec.validate
    present = dict.fromkeys(KINDS, False)
    problems: list[Finding] = []
    for p in ctx.doc.paragraphs:
        text = ctx.prose(p)  # NFKC (a no-break space made a space), any flattened table's digits blanked out
        if LANDLINE_RE.search(text) or MOBILE_RE.search(text):
            present["phone"] = True
        for m in PHONE_CONTEXT_RE.finditer(text):
            tail = text[m.end():m.end() + 40]
            num = NUMBERISH_RE.match(tail)
            if not num:
                continue
            for candidate in re.split(r"[、,，;；/或和]", num.group(0)):
                candidate = candidate.strip()
                if not candidate or not re.search(r"\d{3}", candidate):
                    continue
                if _valid_phone(candidate):
                    present["phone"] = True
                    continue
                present["phone"] = True  # given, but not usable: reported below, not as missing
                if not validate:
                    continue
                digits = re.sub(r"\D", "", candidate)
                message = ('phone number "{value}" has no area code (write it as 0537-8928868)'
                           if re.fullmatch(r"[2-9]\d{6,7}", digits) else 'phone number "{value}" is not valid')
                problems.append(ctx.said(rule, message, paragraph_location(p, candidate), {"value": candidate},
                                         value=candidate))
        for m in EMAIL_RE.finditer(text) if "@" in text or "＠" in text else ():
            value = m.group(0)
            ctx_before = text[max(0, m.start() - 12):m.start()]
            if re.search(r"\s", value.strip()) or "＠" in value:
                if not validate:
                    continue
                # A space right after a label ("邮箱: gk@…") is not inside the address.
                inner = re.sub(r"^\S*[:：]\s*", "", value.strip())
                if re.search(r"\s", inner) and (EMAIL_CONTEXT_RE.search(ctx_before) or "@" in inner):
                    present["email"] = True
                    problems.append(ctx.said(rule, 'e-mail address "{value}" contains spaces',
                                             paragraph_location(p, inner), {"value": inner}, value=inner
                                             ).fixed(inner, re.sub(r"\s+", "", inner)))
                    continue
            present["email"] = True
        if ADDRESS_RE.search(text):
            present["address"] = True
    for kind in require:
        if not present[kind]:
            yield ctx.said(rule, "no {what} found (how readers can contact the office)", Location(),
                           what=both(NAMES[kind]))
    yield from problems


RULE_KIND = Kind(KIND, compile, check, DOC)
