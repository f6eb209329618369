"""``--format text`` (default): findings grouped by file, then one summary line.

    reports/2023.docx
      第2张表 行「三、本年度办理结果 / （七）总计」 列「申请人情况 / 自然人」  error  t3-balance  表三…不平…
      全文  warning  section-title  …

    共 2 个问题（1 个错误，1 个警告），涉及 1 个文件；共检查 3 个文件。

Colour (severity and file names) only when ``report.color`` is set, which the CLI does for a terminal and never
when ``NO_COLOR`` is set. ``report.quiet`` leaves out the file headings' blank lines and the summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..i18n import ntr, tr
from .report import Report

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "path": "\033[1m"}
_RESET = "\033[0m"


def _paint(text: str, what: str, on: bool) -> str:
    return f"{_COLOURS[what]}{text}{_RESET}" if on else text


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """The output line by line, as the findings are gone through (a batch's output is never held whole)."""
    lang, color = report.lang, report.color
    current = None
    for f in report.findings:
        if f.path != current:
            if current is not None and not report.quiet:
                yield "\n"
            current = f.path
            yield _paint(f.path, "path", color) + _converted(report, f.path) + "\n"
        severity = _paint(f.severity, f.severity, color)
        yield f"  {f.location.render(lang)}  {severity}  {f.rule}  {f.text(lang)}\n"
    if not report.quiet:
        if current is not None:
            yield "\n"
        yield summary(report) + "\n"


def _converted(report: Report, path: str) -> str:
    """After a file's name: that its places are those of the .docx LibreOffice made of it."""
    source = report.converted_from(path)
    return tr(report.lang, " (converted from .{format} by LibreOffice: the places are those of the converted document)",
              format=source) if source else ""


def summary(report: Report) -> str:
    """The last line: what was found, in how many files, how many were checked — and, before anything else, when
    errors kept files or rules from being checked, so that such a run never reads as all clear."""
    lang = report.lang
    counts = Counter(f.severity for f in report.findings)
    t = report.tally()
    listed = tr(lang, ", ").join
    parts = []
    if report.findings:
        kinds = listed(ntr(lang, *_SEVERITIES[s], counts[s]) for s in ("error", "warning", "info") if counts[s])
        parts.append(tr(lang, "{findings} ({kinds}) in {files}", kinds=kinds,
                        findings=ntr(lang, "{n} finding", "{n} findings", len(report.findings)),
                        files=ntr(lang, "{n} file", "{n} files", len({f.path for f in report.findings}))))
    if t.errors:
        problems = [ntr(lang, one, many, n) for n, (one, many) in (
            (t.config_errors, ("{n} configuration error", "{n} configuration errors")),
            (t.input_errors, ("{n} input error", "{n} input errors")),
            (t.rule_errors, ("{n} rule error", "{n} rule errors"))) if n]
        parts.append(tr(lang, "checking did not complete: {problems} (see the error messages)",
                        problems=listed(problems)))
    elif not t.files:
        return tr(lang, "no files to check.")
    elif not report.findings:
        parts.append(tr(lang, "no problems found") if t.checked else tr(lang, "no report checked"))
    text = tr(lang, "; ").join(parts) + tr(lang, "; {files} checked",
                                           files=ntr(lang, "{n} file", "{n} files", t.checked))
    for count, (one, many) in ((t.unreadable, _UNREADABLE), (t.not_checked, _NOT_CHECKED), (t.skipped, _SKIPPED),
                               (report.suppressed, _SUPPRESSED), (report.baselined, _BASELINED),
                               (report.stale_baseline, _STALE)):
        if count:
            text += ntr(lang, one, many, count)
    return text + tr(lang, ".")


_SEVERITIES = {"error": ("{n} error", "{n} errors"), "warning": ("{n} warning", "{n} warnings"),
               "info": ("{n} info", "{n} infos")}
_UNREADABLE = (", {n} could not be read", ", {n} could not be read")
_NOT_CHECKED = (", {n} not checked (configuration error)", ", {n} not checked (configuration error)")
_SKIPPED = (", {n} skipped (not a report)", ", {n} skipped (not a report)")
_SUPPRESSED = ("; {n} suppressed in the documents", "; {n} suppressed in the documents")
_BASELINED = ("; {n} more in the baseline", "; {n} more in the baseline")
_STALE = ("; {n} baseline entry no longer matches (update with --write-baseline)",
          "; {n} baseline entries no longer match (update with --write-baseline)")
