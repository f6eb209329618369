"""Rule kinds: one module per kind, each with ``KIND``, ``compile(rule, pack)``, ``check(ctx, rule)`` and its
documentation as the module docstring (shown by ``reportlint explain``)."""

from __future__ import annotations

from types import ModuleType

from . import (
    contact_info,
    cross_year,
    forbid_text,
    leftover_text,
    no_blank_cells,
    old_format,
    publication_date,
    require_text,
    required_sections,
    required_tables,
    statistics_period,
    table_arithmetic,
    text_table_mismatch,
    year_mismatch,
)

KINDS: dict[str, ModuleType] = {
    m.KIND: m
    for m in (required_sections, required_tables, statistics_period, contact_info, table_arithmetic, no_blank_cells,
              require_text, forbid_text, leftover_text,
              publication_date, year_mismatch, text_table_mismatch,
              old_format, cross_year)
}
