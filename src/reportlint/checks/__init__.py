"""Rule kinds: one module per kind, each ending with its ``RULE_KIND`` (:class:`~.kind.Kind`: name, compile, check,
documentation; :class:`~.kind.AcrossYears` for the kinds that compare a report with the year before). This list is
the one place a kind is registered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import (
    agency_consistency,
    aggregate,
    contact_info,
    cross_year,
    forbid_text,
    halfwidth_digits,
    leftover_text,
    no_blank_cells,
    old_format,
    publication_date,
    require_text,
    required_sections,
    required_tables,
    section_content,
    section_numbering,
    statistics_period,
    table_arithmetic,
    text_table_mismatch,
    unused_suppression,
    year_consistency,
    year_mismatch,
)
from .kind import AcrossYears, Kind

if TYPE_CHECKING:
    from ..pack import Pack, Rule

KINDS: dict[str, Kind] = {
    m.RULE_KIND.name: m.RULE_KIND
    for m in (required_sections, section_content, section_numbering, required_tables, statistics_period, contact_info, table_arithmetic, no_blank_cells,
              halfwidth_digits, require_text, forbid_text, leftover_text,
              publication_date, year_mismatch, year_consistency, text_table_mismatch,
              old_format, agency_consistency, cross_year, aggregate, unused_suppression)
}
ACROSS_YEARS: dict[str, AcrossYears] = {name: k for name, k in KINDS.items() if isinstance(k, AcrossYears)}


def compile_rule(rule: Rule, pack: Pack) -> object:
    """The rule's settings compiled by its kind (raises :class:`~.base.SpecError`, a ValueError, naming the
    setting)."""
    return KINDS[rule.kind].compile(rule, pack)
