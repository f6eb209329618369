"""Formatters: a :class:`~reportlint.output.report.Report` in, text out. A formatter never re-reads a document.

Each formatter module has ``render(report) -> str``; they are imported only when chosen, so an unused format
costs nothing at start-up. The formats written in one pass over the findings (text, concise, github) also have
``chunks(report)``, the same text piece by piece, so that a batch's output is written as it is made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


def chunked(name: str) -> Callable[[Report], Iterator[str]] | None:
    """The formatter's ``chunks`` when it writes in one pass, else None."""
    return getattr(import_module(f"{__name__}.{MODULES[name]}"), "chunks", None)


__all__ = ["MODULES", "Report", "RuleInfo", "chunked", "formatter"]
