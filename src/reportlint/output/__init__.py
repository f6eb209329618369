"""Formatters: a :class:`~reportlint.output.report.Report` in, text out. A formatter never re-reads a document.

Each formatter module has ``render(report) -> str``; they are imported only when chosen, so an unused format
costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from .report import Report, RuleInfo

# --format name -> module under reportlint.output
MODULES: dict[str, str] = {
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "html": "html",
}


def formatter(name: str) -> Callable[[Report], str]:
    return import_module(f"{__name__}.{MODULES[name]}").render


__all__ = ["MODULES", "Report", "RuleInfo", "formatter"]
