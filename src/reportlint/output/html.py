"""``--format html``: one self-contained page for the people who review many departments' reports.

At the top a summary (files checked, findings by severity, every file with its status, files that could not be
read); then, per file with findings, the list of findings and every table that has one, drawn as an HTML table
(merges as rowspan/colspan, header rows and row labels as ``th``). Every drawn cell has ``data-row`` and
``data-col`` (1-based grid position of the merge origin); a cell a finding points at also has an ``id`` the list
links to, ``class="finding <severity>"``, ``data-rule`` and the messages as ``title``; the cells an arithmetic
finding involves get ``class="involved"`` and ``data-involved`` (rule ids). Under each table its findings are repeated with the equation and both sides' values.

Above the files, the overview of :mod:`.review` (files by agency and year, sortable and filterable; findings by
rule; reports not handed in; files not checked) and, at the end, the explanation of each rule that found something.
No external asset: the CSS and the small script (sorting and filtering only; without it everything is shown) are
inline, so the file can be mailed or opened offline, and the output depends on the report only (no timestamps), so
two runs give the same bytes.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

from .. import __version__
from ..errors import InputError
from ..findings import SEVERITIES, Finding
from ..i18n import tr, words
from . import review
from .report import Report
from .text import summary

_TEXT = {
    "html_lang": "en",
    "title": "Annual report check results",
    "summary": "Summary",
    "checked": "files checked",
    "with_findings": "files with findings",
    "findings": "findings",
    "error": "errors",
    "warning": "warnings",
    "info": "info",
    "unreadable": "unreadable",
    "skipped": "skipped",
    "severity": "Severity",
    "rule": "Rule",
    "where": "Location",
    "message": "Message",
    "table": "Table {n}",
    "left": "left side",
    "right": "right side",
    "legend": "Legend",
    "legend_finding": "cell with a finding",
    "legend_involved": "cell in the equation",
    "made_by": "made by reportlint {v}"
}  # English: the catalogue's message ids (context "html")
_SEVERITY_NAMES = {
    "error": "error",
    "warning": "warning",
    "info": "info"
}  # English: the catalogue's message ids (context "severity")
_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}

_CSS = """
body{font:15px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1400px;
padding:1em 2em;color:#1a1a1a;background:#fff}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:2px solid #ccc;word-break:break-all}
h3{font-size:1.05em}code{font:0.9em ui-monospace,monospace}
.counts{display:flex;flex-wrap:wrap;gap:.6em;list-style:none;padding:0}
.counts li{border:1px solid #ccc;border-radius:4px;padding:.3em .8em}.counts strong{font-size:1.3em}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #999;padding:.2em .45em;vertical-align:top}
.list th{background:#eee;text-align:left}
.grid-wrap{overflow-x:auto}.grid{font-size:13px}.grid caption{text-align:left;font-weight:bold;padding:.3em 0}
.grid th{background:#e8edf3;font-weight:normal}.grid tr.header th,.grid tr.title th{font-weight:bold}
.grid th.label{text-align:left;max-width:22em}.grid td{text-align:right;min-width:2.5em}
.badge{border-radius:3px;padding:0 .4em;color:#fff;white-space:nowrap}
.badge.error{background:#b00020}.badge.warning{background:#a15c00}.badge.info{background:#1f5fa8}
.grid .involved,.mark-involved{background:#fff4c2;outline:1px dashed #b08900;outline-offset:-3px}
.grid .finding.error,.mark-finding{background:#ffc9c9;outline:3px solid #b00020;outline-offset:-3px}
.grid .finding.warning{background:#ffe0b0;outline:3px solid #a15c00;outline-offset:-3px}
.grid .finding.info{background:#cfe3ff;outline:3px solid #1f5fa8;outline-offset:-3px}
.grid :target{box-shadow:0 0 0 4px #06c}
.notes li{margin:.3em 0}.equation{font-family:ui-monospace,monospace;background:#f4f4f4;padding:0 .3em}
.legend span{display:inline-block;padding:.1em .6em;margin-right:1em}.ok{color:#246b2a}.bad{color:#b00020}
footer{margin-top:3em;color:#666;font-size:.85em}
@media print{body{max-width:none;padding:0;font-size:11pt}.grid-wrap{overflow:visible}
section.file{break-before:page}.grid{break-inside:auto}.grid tr{break-inside:avoid}
a{color:inherit;text-decoration:none}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _attrs(pairs: list[tuple[str, Any]]) -> str:
    return "".join(f' {name}="{_e(value)}"' for name, value in pairs if value is not None)


def render(report: Report) -> str:
    lang = "en" if report.lang == "en" else "zh"
    t = words(lang, "html", _TEXT)
    by_path: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    paths = list(report.paths) + [p for p in by_path if p not in report.paths]
    ids = {path: f"file-{i}" for i, path in enumerate(paths, 1)}
    ordered = review.rows(report, paths, by_path)  # by agency and year
    out = ["<!DOCTYPE html>", f'<html lang="{t["html_lang"]}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f'<meta name="generator" content="reportlint {_e(__version__)}">',
           f"<title>{_e(t['title'])}</title>", f"<style>{_CSS}{review.CSS}</style>", "</head>", "<body>",
           f"<h1>{_e(t['title'])}</h1>"]
    out += _summary(report, lang, by_path)
    out += review.overview(report, lang, ordered, ids)
    for row in ordered:
        if row.path in by_path:
            out += _file(report, lang, row.path, ids[row.path], by_path[row.path])
    out += review.explanations(report, lang, (f.rule for f in report.findings))
    out += [f"<footer>{_e(t['made_by'].format(v=__version__))}</footer>", f"<script>{review.SCRIPT}</script>",
            "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _summary(report: Report, lang: str, by_path: dict[str, list[Finding]]) -> list[str]:
    t = words(lang, "html", _TEXT)
    severities = Counter(f.severity for f in report.findings)
    unreadable = {e.path for e in report.errors if isinstance(e, InputError)}
    counts = [("checked", report.tally().checked), ("with-findings", len(by_path)),
              ("findings", len(report.findings)), *((s, severities[s]) for s in SEVERITIES)]
    counts += [("unreadable", len(unreadable)), ("skipped", len(report.skipped))]
    out = ['<section id="summary">', f"<h2>{_e(t['summary'])}</h2>",
           f'<p class="sentence">{_e(summary(report))}</p>', '<ul class="counts">']
    for key, n in counts:
        label = t[key.replace("-", "_")]
        out.append(f'<li data-count="{key}"><strong>{n}</strong> {_e(label)}</li>')
    out += ["</ul>", "</section>"]
    return out


def _file(report: Report, lang: str, path: str, fid: str, findings: list[Finding]) -> list[str]:
    t = words(lang, "html", _TEXT)
    tables = report.tables.get(path, {})
    source = report.converted_from(path)
    note = tr(lang, " (converted from .{format} by LibreOffice: the places are those of the converted document)",
              format=source) if source else ""
    out = [f'<section class="file" id="{fid}" data-path="{_e(path)}">', f"<h2>{_e(path)}{_e(note)}</h2>",
           '<table class="list findings">',
           f"<tr><th>#</th><th>{_e(t['severity'])}</th><th>{_e(t['rule'])}</th><th>{_e(t['where'])}</th>"
           f"<th>{_e(t['message'])}</th></tr>"]
    for n, f in enumerate(findings, 1):
        info = report.rule(f.rule)
        title = f"<br>{_e(info.title(lang))}" if info is not None and info.title(lang) != f.rule else ""
        where = _e(f.location.render(lang))
        anchor = _anchor(fid, f, tables)
        if anchor:
            where = f'<a href="#{anchor}">{where}</a>'
        for r in f.related:  # another report's place: last year's
            if r.path:
                where += f'<br><span class="related">{_e(r.path)}: {_e(r.location.render(lang))}</span>'
        severity = words(lang, "severity", _SEVERITY_NAMES).get(f.severity, f.severity)
        out.append(f'<tr id="{fid}-finding-{n}" class="{_e(f.severity)}" data-rule="{_e(f.rule)}">'
                   f'<td>{n}</td><td><span class="badge {_e(f.severity)}">{_e(severity)}</span></td>'
                   f"<td><code>{_e(f.rule)}</code>{title}</td><td>{where}</td>"
                   f"<td>{_e(f.text(lang))}</td></tr>")
    out.append("</table>")
    numbered = list(enumerate(findings, 1))
    for index in sorted(tables):
        mine = [(n, f) for n, f in numbered if f.location.table == index]
        out += _grid(lang, fid, tables[index], mine)
    out.append("</section>")
    return out


def _origins(snap: dict[str, Any]) -> dict[tuple[int, int], tuple[int, int]]:
    """Every covered grid slot of a merge -> its origin (1-based)."""
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for r, c, rs, cs in snap.get("merges", []):
        for dr in range(rs):
            for dc in range(cs):
                origin[(r + dr, c + dc)] = (r, c)
    return origin


def _cell_of(snap: dict[str, Any], row: int | None, col: int | None) -> tuple[int, int] | None:
    if row is None or col is None or not (1 <= row <= snap["rows"] and 1 <= col <= snap["columns"]):
        return None
    return _origins(snap).get((row, col), (row, col))


def _anchor(fid: str, f: Finding, tables: dict[int, dict[str, Any]]) -> str | None:
    index = f.location.table
    if index is None or index not in tables:
        return None
    cell = _cell_of(tables[index], f.location.row, f.location.col)
    return f"{fid}-t{index}" + (f"-r{cell[0]}-c{cell[1]}" if cell else "")


def _grid(lang: str, fid: str, snap: dict[str, Any], findings: list[tuple[int, Finding]]) -> list[str]:
    """One table as drawn in the document, its findings' cells marked, then its findings with equations."""
    t, index = words(lang, "html", _TEXT), snap["index"]
    located: dict[tuple[int, int], list[Finding]] = {}
    involved: dict[tuple[int, int], list[str]] = {}
    for _, f in findings:
        cell = _cell_of(snap, f.location.row, f.location.col)
        if cell:
            located.setdefault(cell, []).append(f)
        for item in f.details.get("cells", []):  # a probably wrong cell's equations name their own rules
            cell, rule = _cell_of(snap, item.get("row"), item.get("col")), item.get("rule", f.rule)
            if cell and rule not in involved.setdefault(cell, []):
                involved[cell].append(rule)
    spans = {(r, c): (rs, cs) for r, c, rs, cs in snap.get("merges", [])}
    covered = {slot for slot, origin in _origins(snap).items() if slot != origin}
    kinds, labels = snap.get("row_kinds", []), snap.get("label_columns", 0)
    caption = t["table"].format(n=index) + (f" · {snap['caption']}" if snap.get("caption") else "")
    out = ['<div class="grid-wrap">', f'<table class="grid" id="{fid}-t{index}" data-table="{index}">',
           f"<caption>{_e(caption)}</caption>"]
    for r in range(1, snap["rows"] + 1):
        kind = kinds[r - 1] if r <= len(kinds) else "data"
        row = []
        for c in range(1, snap["columns"] + 1):
            if (r, c) in covered:
                continue
            label = kind == "data" and c <= labels
            attrs: list[tuple[str, Any]] = [("rowspan", spans.get((r, c), (1, 1))[0]),
                                            ("colspan", spans.get((r, c), (1, 1))[1]),
                                            ("scope", "row" if label else None)]
            attrs = [(name, None if value == 1 else value) for name, value in attrs]
            classes = ["label"] if label else []
            hits = located.get((r, c), [])
            if hits:
                classes += ["finding", min((f.severity for f in hits), key=lambda s: _RANK.get(s, len(_RANK)))]
                attrs += [("id", f"{fid}-t{index}-r{r}-c{c}"),
                          ("data-rule", " ".join(dict.fromkeys(f.rule for f in hits))),
                          ("title", "\n".join(f.text(lang) for f in hits))]
            if (r, c) in involved:
                classes.append("involved")
                attrs.append(("data-involved", " ".join(involved[(r, c)])))
            attrs = [("class", " ".join(classes) or None), *attrs, ("data-row", r), ("data-col", c)]
            tag = "td" if kind == "data" and not label else "th"
            row.append(f"<{tag}{_attrs(attrs)}>{_e(snap['grid'][r - 1][c - 1])}</{tag}>")
        out.append(f'<tr class="{_e(kind)}">{"".join(row)}</tr>')
    out += ["</table>", "</div>", f'<p class="legend">{_e(t["legend"])}: '
            f'<span class="mark-finding">{_e(t["legend_finding"])}</span> '
            f'<span class="mark-involved">{_e(t["legend_involved"])}</span></p>', '<ol class="notes">']
    for n, f in findings:
        note = f'<a href="#{fid}-finding-{n}">#{n}</a> <code>{_e(f.rule)}</code> {_e(f.text(lang))}'
        if "equation" in f.details:
            note += (f'<br><span class="equation">{_e(f.details["equation"])}</span> '
                     f'{_e(t["left"])} = <b>{_e(f.details.get("left", ""))}</b>, '
                     f'{_e(t["right"])} = <b>{_e(f.details.get("right", ""))}</b>')
        for eq in f.details.get("equations", []):  # a probably wrong cell: each equation it breaks
            note += (f'<br><code>{_e(eq["rule"])}</code> <span class="equation">{_e(eq["equation"])}</span> '
                     f'{_e(t["left"])} = <b>{_e(eq["left"])}</b>, {_e(t["right"])} = <b>{_e(eq["right"])}</b>')
        out.append(f'<li data-rule="{_e(f.rule)}">{note}</li>')
    out.append("</ol>")
    return out
