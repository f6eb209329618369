"""``--format github``: GitHub Actions workflow commands, which annotate the pull request's files.

    ::error file=reports/2023.md,line=12,col=3,title=t3-balance::表三列「…」不平：…
    ::warning file=reports/2023.docx,line=1,title=section-title::[「五、存在的问题及改进情况」] 标题…
    ::error file=reports/broken.docx::reports/broken.docx: 错误: 不是有效的 .docx 文件…

error → ``::error``, warning → ``::warning``, info → ``::notice``. Files without lines (.docx, .pdf) are
annotated at line 1 and the place in the document (table, row, column; section; page) leads the message in
brackets, as it does for table cells in line-based files. Files that could not be read get a file-level ``::error``. Paths are relative to the working
directory (the repository root in a workflow), with forward slashes.

Escaping follows the runner's rules: in the message ``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``; in property
values also ``:`` → ``%3A`` and ``,`` → ``%2C``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .report import Report
from .sarif import relative_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(path: str) -> str:
    return relative_path(path) or path.replace("\\", "/")


def command(name: str, message: str, **properties: str | int) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _finding(report: Report, f: Finding) -> str:
    loc, lang = f.location, report.lang
    message = f.text(lang)
    lines = report.has_lines(f.path) and loc.line is not None
    props: dict[str, str | int] = {"file": _path(f.path), "line": loc.line if lines else 1}
    if lines and loc.column is not None:
        props["col"] = loc.column
    if not lines or loc.table is not None:  # a line alone does not say which cell (as in --format concise)
        message = f"[{loc.render(lang, lines=False)}] {message}"
    props["title"] = f.rule
    return command(COMMANDS.get(f.severity, "warning"), message, **props)


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """The output line by line, as the findings are gone through."""
    for f in report.findings:
        yield _finding(report, f) + "\n"
    for error in report.errors:
        path = getattr(error, "path", None)
        props = {"file": _path(path)} if path else {}
        yield command("error", error.render(report.lang), **props) + "\n"
