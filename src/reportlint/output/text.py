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
from typing import Any

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
    say = _PHRASES[report.lang if report.lang in _PHRASES else "zh"]
    counts = Counter(f.severity for f in report.findings)
    t = report.tally()
    parts = []
    if report.findings:
        kinds = say["list"].join(say[s](counts[s]) for s in ("error", "warning", "info") if counts[s])
        parts.append(say["found"](len(report.findings), kinds, len({f.path for f in report.findings})))
    if t.errors:
        problems = [say[kind](n) for n, kind in ((t.config_errors, "config"), (t.input_errors, "input"),
                                                (t.rule_errors, "rule")) if n]
        parts.append(say["incomplete"](say["list"].join(problems)))
    elif not t.files:
        return say["no files"]
    elif not report.findings:
        parts.append(say["clean"] if t.checked else say["no report"])
    text = say["then"].join(parts) + say["checked"](t.checked)
    for count, key in ((t.unreadable, "unreadable"), (t.not_checked, "not checked"), (t.skipped, "skipped"),
                       (report.suppressed, "suppressed"), (report.baselined, "baselined"),
                       (report.stale_baseline, "stale")):
        if count:
            text += say[key](count)
    return text + say["end"]


_PHRASES: dict[str, dict[str, Any]] = {
    "en": {
        "list": ", ", "then": "; ", "end": ".",
        "error": lambda n: _n(n, "error"), "warning": lambda n: _n(n, "warning"), "info": lambda n: _n(n, "info"),
        "found": lambda n, kinds, files: f"{_n(n, 'finding')} ({kinds}) in {_n(files, 'file')}",
        "config": lambda n: _n(n, "configuration error"), "input": lambda n: _n(n, "input error"),
        "rule": lambda n: _n(n, "rule error"),
        "incomplete": lambda problems: f"checking did not complete: {problems} (see the error messages)",
        "no files": "no files to check.", "clean": "no problems found", "no report": "no report checked",
        "checked": lambda n: f"; {_n(n, 'file')} checked",
        "unreadable": lambda n: f", {n} could not be read",
        "not checked": lambda n: f", {n} not checked (configuration error)",
        "skipped": lambda n: f", {n} skipped (not a report)",
        "suppressed": lambda n: f"; {n} suppressed in the documents",
        "baselined": lambda n: f"; {n} more in the baseline",
        "stale": lambda n: f"; {n} baseline entries no longer match (update with --write-baseline)",
    },
    "zh": {
        "list": "，", "then": "；", "end": "。",
        "error": lambda n: f"{n} 个错误", "warning": lambda n: f"{n} 个警告", "info": lambda n: f"{n} 个提示",
        "found": lambda n, kinds, files: f"共 {n} 个问题（{kinds}），涉及 {files} 个文件",
        "config": lambda n: f"{n} 个配置错误", "input": lambda n: f"{n} 个文件读取错误",
        "rule": lambda n: f"{n} 个规则内部错误",
        "incomplete": lambda problems: f"检查未完成：{problems}（见错误信息）",
        "no files": "没有要检查的文件。", "clean": "未发现问题", "no report": "没有检查任何年度报告",
        "checked": lambda n: f"；共检查 {n} 个文件",
        "unreadable": lambda n: f"，{n} 个无法读取",
        "not checked": lambda n: f"，{n} 个因配置错误未检查",
        "skipped": lambda n: f"，{n} 个不是年度报告已跳过",
        "suppressed": lambda n: f"；另有 {n} 个问题已在文档中标注忽略",
        "baselined": lambda n: f"；另有 {n} 个问题在基线中",
        "stale": lambda n: f"；基线中有 {n} 条已不再出现，可用 --write-baseline 更新",
    },
}


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
