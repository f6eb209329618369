"""year_consistency — the report year in the file's name is the title's.

Its documentation in Chinese and English is ``DOC`` (``reportlint explain``); the kind is ``RULE_KIND``."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from ..findings import Finding, Location
from ..i18n import each, years_listed
from ..pack import Rule
from .base import Context, paragraph_location
from .kind import Doc, Kind, no_settings

KIND = "year_consistency"

DOC = Doc(
    zh="""\
year_consistency —— 文件名中的报告年份与标题一致。

作用
    文件名写有报告年份（“…2023年报.docx”“report-2023.pdf”）而标题写的是另一年（“…2022年政府信息公开工作年度
    报告”）时，报告一条。文件名中的日期（20240115、2024-01-15、2024年1月）是公布日期，不算；文件名中有一个
    年份与标题相同时不报。统计期限、公布日期与标题年份不符的，仍由 statistics-period、publication-deadline
    报告，本规则不重复。

依据
    报告按文件名归档、汇总和比对；文件名与标题年份不一致，常因上传了错误年度的文件或沿用了上年的文件。

示例
    正确::

        某某局2023年报.docx  标题：某某局2023年政府信息公开工作年度报告

    错误::

        某某局2023年报.docx  标题：某某局2022年政府信息公开工作年度报告
        → 文件名中的年份为2023年，标题中的报告年度为2022年

    配置::

        - id: year-inconsistent
          kind: year_consistency
          severity: warning
""",
    en="""\
year_consistency — the report year in the file's name is the title's.

What it does
    A file whose name gives a report year ("…2023年报.docx", "report-2023.pdf") while its title gives another
    ("…2022年政府信息公开工作年度报告") is a finding. Dates in the name (20240115, 2024-01-15, 2024年1月) are
    publication dates and do not count; a name holding the title's year among others passes. A statistics period
    or publication date that does not fit the title's year stays statistics-period's or publication-deadline's.

Why
    Reports are filed, collected and compared by their file names; a name and a title of different years usually
    mean the wrong year's file was uploaded, or last year's was reused.

Example
    Passing::

        某某局2023年报.docx  title: 某某局2023年政府信息公开工作年度报告

    Failing::

        某某局2023年报.docx  title: 某某局2022年政府信息公开工作年度报告
        → the file name says 2023, the title's report year is 2022

    Configuration::

        - id: year-inconsistent
          kind: year_consistency
          severity: warning
""",
)

# a year standing for a report year: not part of a longer number, not the start of a date (2024-01-15, 2024年1月)
_NAME_YEAR_RE = re.compile(r"(?<!\d)(20\d{2})(?!\d)(?!\s*(?:[-./_]\s*\d{1,2}(?:\D|$)|年\s*\d{1,2}\s*月))")


def name_years(path: str) -> list[int]:
    """The report years a file's name gives (its dates left out)."""
    name = os.path.splitext(os.path.basename(path))[0]
    return [int(m.group(1)) for m in _NAME_YEAR_RE.finditer(name)]


def check(ctx: Context, rule: Rule) -> Iterator[Finding]:
    year = ctx.doc.year
    named = name_years(ctx.doc.path)
    if year is None or not named or year in named:
        return
    shown = each(years_listed, named)
    title = ctx.doc.title_paragraph
    yield ctx.said(rule, "the file name says {named}, the title's report year is {year}: is it the right year's file?",
                   paragraph_location(title) if title is not None else Location(),
                   {"file_years": list(dict.fromkeys(named)), "year": year}, named=shown, year=year)


RULE_KIND = Kind(KIND, no_settings, check, DOC)
