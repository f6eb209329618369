"""``--format concise``: one line per finding, ``path:line:col: severity rule-id message``, for editors' problem
matchers. Files without lines (.docx, .pdf) use line 1, column 1; the place in the document leads the message."""

from __future__ import annotations

from collections.abc import Iterator

from .report import Report


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """The output line by line, as the findings are gone through."""
    for f in report.findings:
        loc = f.location
        line, col = (loc.line, loc.column or 1) if loc.line is not None else (1, 1)
        place = loc.render(report.lang, lines=False)
        where = f"[{place}] " if loc.table is not None or loc.page is not None or loc.line is None else ""
        yield f"{f.path}:{line}:{col}: {f.severity} {f.rule} {where}{f.text(report.lang)}\n"
