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
            yield _paint(f.path, "path", color) + "\n"
        severity = _paint(f.severity, f.severity, color)
        yield f"  {f.location.render(lang)}  {severity}  {f.rule}  {f.text(lang)}\n"
    if not report.quiet:
        if current is not None:
            yield "\n"
        yield summary(report) + "\n"


def summary(report: Report) -> str:
    """The last line: what was found, in how many files, how many were checked — and, before anything else, when
    errors kept files or rules from being checked, so that such a run never reads as all clear."""
    lang = report.lang
    counts = Counter(f.severity for f in report.findings)
    files = len({f.path for f in report.findings})
    t = report.tally()
    if lang == "en":
        parts = []
        if report.findings:
            kinds = ", ".join(_n(counts[s], s) for s in ("error", "warning", "info") if counts[s])
            parts.append(f"{_n(len(report.findings), 'finding')} ({kinds}) in {_n(files, 'file')}")
        if t.errors:
            problems = [_n(n, f"{what} error") for n, what in ((t.config_errors, "configuration"),
                                                              (t.input_errors, "input"), (t.rule_errors, "rule")) if n]
            parts.append(f"checking did not complete: {', '.join(problems)} (see the error messages)")
        elif not t.files:
            return "no files to check."
        elif not report.findings:
            parts.append("no problems found" if t.checked else "no report checked")
        text = "; ".join(parts) + f"; {_n(t.checked, 'file')} checked"
        if t.unreadable:
            text += f", {t.unreadable} could not be read"
        if t.not_checked:
            text += f", {t.not_checked} not checked (configuration error)"
        if t.skipped:
            text += f", {t.skipped} skipped (not a report)"
        if report.baselined:
            text += f"; {report.baselined} more in the baseline"
        if report.stale_baseline:
            text += (f"; {report.stale_baseline} baseline entries no longer match (update with "
                     "--write-baseline)")
        return text + "."
    names = {"error": "错误", "warning": "警告", "info": "提示"}
    parts = []
    if report.findings:
        kinds = "，".join(f"{counts[s]} 个{names[s]}" for s in ("error", "warning", "info") if counts[s])
        parts.append(f"共 {len(report.findings)} 个问题（{kinds}），涉及 {files} 个文件")
    if t.errors:
        problems = [f"{n} 个{what}" for n, what in ((t.config_errors, "配置错误"), (t.input_errors, "文件读取错误"),
                                                    (t.rule_errors, "规则内部错误")) if n]
        parts.append(f"检查未完成：{'，'.join(problems)}（见错误信息）")
    elif not t.files:
        return "没有要检查的文件。"
    elif not report.findings:
        parts.append("未发现问题" if t.checked else "没有检查任何年度报告")
    text = "；".join(parts) + f"；共检查 {t.checked} 个文件"
    if t.unreadable:
        text += f"，{t.unreadable} 个无法读取"
    if t.not_checked:
        text += f"，{t.not_checked} 个因配置错误未检查"
    if t.skipped:
        text += f"，{t.skipped} 个不是年度报告已跳过"
    if report.baselined:
        text += f"；另有 {report.baselined} 个问题在基线中"
    if report.stale_baseline:
        text += f"；基线中有 {report.stale_baseline} 条已不再出现，可用 --write-baseline 更新"
    return text + "。"


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
