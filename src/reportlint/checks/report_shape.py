"""Is a document a report of the kind the pack checks at all? Decided by its structure, the same way for every
format.

A document is checked when

* its title names such a report (the pack's ``report.subject`` if it names one, then 报告 or 年报 at its end: for the
  national pack
  "…2023年政府信息公开工作年度报告", "…2024年度政府信息公开工作报告", "2019年度我乡信息公开工作年度报告") and it has at
  least one of the pack's sections, one of its tables (even flattened into text) or ``STUB_CHARS`` characters of text
  besides the title;
* or, without such a title, it has at least ``MIN_SECTIONS`` of the pack's top-level sections, ``MIN_TABLES`` of its
  tables (real tables, not text), or two sections and a table.

Anything else — a README or notes about reports, a letter, a form, a stub with only a title, a fragment of one
section — is skipped and counted as skipped, with the reason (``--verbose``). Our own HTML report is skipped too.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..i18n import Both, both
from .base import Context
from .sectionmap import find_sections

STUB_CHARS = 200
MIN_SECTIONS = 3
MIN_TABLES = 2
# The subject, then 报告 or 年报, after which only a bracketed note, a date or 全文 may follow ("…年度报告（全文）",
# "…年度报告 2024-01-15"), never more words ("…年度报告 found in public repositories" is a heading about one)
_TITLE_TAIL_RE = re.compile(r"[\s\d\-:.,/年月日（）()【】\[\]]|全文|正文|摘要|解读")


@dataclass(frozen=True)
class Verdict:
    report: bool
    reason_zh: str = ""  # why it is not one
    reason_en: str = ""


def assess(ctx: Context) -> Verdict:
    """Whether ``ctx.doc`` is a report of the kind ``ctx.pack`` checks, and if not, why."""
    doc = ctx.doc
    if doc.generator.startswith("reportlint"):
        return Verdict(False, *both("it is a report written by reportlint"))
    top = {s.id for s in ctx.pack.sections if s.parent is None}
    sections = sum(1 for sid in find_sections(ctx) if sid in top)
    tables = sum(1 for tid in ctx.pack.tables if ctx.located(tid) is not None)
    flattened = sum(1 for found in ctx.unreadable_tables().values() if found.how == "text")
    name = ctx.pack.report
    if doc.title and _names_a_report(doc.title, name.subject):
        chars = sum(len(p.display) for p in doc.paragraphs if p is not doc.title_paragraph)
        headings = any(s.level == 1 and s.number is not None for s in doc.root.children)
        if sections or tables or flattened or headings or chars >= STUB_CHARS:
            return Verdict(True)
        return Verdict(False, *both("its title “{title}” names a report, but it has none of the report's sections or tables and only {chars} characters of text",
                                    title=doc.title, chars=chars))
    if sections >= MIN_SECTIONS or tables >= MIN_TABLES or (sections >= 2 and tables >= 1):
        return Verdict(True)
    return Verdict(False, *both("it has no title naming a {name}, and only {sections} of the report's sections and {tables} of its tables",
                                name=Both(name.name, name.name_en), sections=sections, tables=tables))


@functools.lru_cache(maxsize=16)
def _title_re(subject: str) -> re.Pattern[str]:
    """A title naming a report about ``subject`` (any report, for a pack that names no subject)."""
    return re.compile(rf"(?:{subject}).*(?:报告|年报)(?P<rest>.*)$" if subject else r"(?:报告|年报)(?P<rest>.*)$")


def _names_a_report(title: str, subject: str) -> bool:
    m = _title_re(subject).search(title)
    return m is not None and not _TITLE_TAIL_RE.sub("", m.group("rest"))
