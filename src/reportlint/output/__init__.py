"""Formatters: a :class:`~reportlint.output.report.Report` in, text out. A formatter never re-reads a document.

:data:`FORMATS` declares each output format once: its name (``--format``), its module under this package, whether
it is written in one pass over the findings (``chunks(report)`` beside ``render(report)``: the text of a batch is
written as it is made, its findings read back from disk), and whether it draws the tables that have findings (the
run keeps a snapshot of those). A formatter module is imported only when chosen, and this one imports nothing: the
command line builds its parser from it at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .report import Report


class OutputFormat(NamedTuple):
    name: str
    module: str
    streamed: bool = False  # has chunks(report): written in one pass over the findings
    tables: bool = False  # draws the tables with findings


FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("text", "text", streamed=True),
    OutputFormat("concise", "concise", streamed=True),
    OutputFormat("json", "json_format"),
    OutputFormat("sarif", "sarif"),
    OutputFormat("github", "github", streamed=True),
    OutputFormat("junit", "junit"),
    OutputFormat("html", "html", tables=True),
)
BY_NAME = {f.name: f for f in FORMATS}
NAMES = [f.name for f in FORMATS]


def formatter(name: str) -> Callable[[Report], str]:
    return import_module(f"{__name__}.{BY_NAME[name].module}").render


def chunked(name: str) -> Callable[[Report], Iterator[str]] | None:
    """The formatter's ``chunks`` when it writes in one pass, else None."""
    return import_module(f"{__name__}.{BY_NAME[name].module}").chunks if BY_NAME[name].streamed else None


def __getattr__(name: str) -> Any:  # Report and RuleInfo, imported when asked for
    if name in ("Report", "RuleInfo"):
        return getattr(import_module(f"{__name__}.report"), name)
    raise AttributeError(name)


__all__ = ["BY_NAME", "FORMATS", "NAMES", "OutputFormat", "chunked", "formatter"]
