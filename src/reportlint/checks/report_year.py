"""The report year of a report whose title gives none: the year its statistics period covers, else the year before
its publication date (a report is published in the year after the one it reports). ``Document.year_from`` says
where the year was read; ``dump`` shows it."""

from __future__ import annotations

from ..model import Document
from .publication_date import find_publication_date
from .statistics_period import DEFAULT_KEYWORDS, find_periods


def complete_year(doc: Document) -> None:
    """Set ``doc.year`` (and ``doc.year_from``) from the period or the publication date when nothing else gave it."""
    if doc.year is not None:
        return
    periods = find_periods(doc.paragraphs, tuple(DEFAULT_KEYWORDS))
    one_year = [p for p in periods if p.start[0] == p.end[0]]
    named = [p for p in one_year if p.named] or one_year
    if named:
        doc.year, doc.year_from = named[0].start[0], "period"
        return
    published = find_publication_date(doc.paragraphs)
    if published is not None:
        doc.year, doc.year_from = published[0].year - 1, "date"
