"""The review page's overview, for an office that collects many departments' reports (``--format html``).

* **Files**: one row a file, grouped by agency and year (from the title), with its errors and warnings, the rules
  that found something and its result; the rows sort by any column (click its heading) and filter by a search on
  the unit or file name, the agency, the rule, the severity and "only files with problems". The file sections below
  follow the filter.
* **By rule**: how many files and findings each rule has, a link to its explanation (at the end of the page) and
  one to show only its files.
* **Reports not handed in**: with several years (or ``--history``), which agencies have a report for some year and
  none for another.
* **Not checked**: files that could not be read or checked and files that are not annual reports, each with why.

The page works without its script (everything is shown, in agency and year order); the script only sorts and
filters, with no network and nothing stored."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from html import escape
from typing import Any

from ..errors import InputError
from ..findings import SEVERITIES, Finding
from ..history import agency_key
from ..i18n import listed, words
from .explain import render_rule
from .report import Report

_TEXT = {
    "review": "Reports by agency",
    "search": "Unit or file",
    "agency": "Agency",
    "year": "Year",
    "file": "File",
    "errors": "Errors",
    "warnings": "Warnings",
    "rules": "Rules",
    "result": "Result",
    "all": "all",
    "rule": "Rule",
    "severity": "Severity",
    "failing": "only files with problems",
    "found": "problems found",
    "shown": "files shown",
    "unknown": "(not named)",
    "by_rule": "By rule",
    "files": "Files",
    "findings": "Findings",
    "explain": "explanation",
    "show": "show its files",
    "missing": "Reports not handed in",
    "missing_year": "{year}: no report from {agencies}",
    "not_checked": "Files not checked",
    "reason": "Why",
    "explained": "The rules",
    "clean": "no findings",
    "not_read": "could not be read",
    "not_report": "not a report",
    "config": "not checked (configuration error)",
}  # English: the catalogue's message ids (context "review")
_SEVERITY = {"error": "error", "warning": "warning", "info": "info"}  # the catalogue's, context "severity"
_STATUS = {"failing": "bad", "unreadable": "bad", "not_checked": "bad", "clean": "ok", "skipped": "ok"}


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


class Row:
    """One file of the overview."""

    def __init__(self, report: Report, path: str, findings: list[Finding], unreadable: set[str]) -> None:
        self.path = path
        agency, year = report.identities.get(path, ("", None))
        self.agency, self.year = agency or "", year
        self.severities = Counter(f.severity for f in findings)
        self.rules = Counter(f.rule for f in findings)
        if findings:
            self.status = "failing"
        elif path in unreadable:
            self.status = "unreadable"
        elif path in report.not_checked:
            self.status = "not_checked"
        else:
            self.status = "skipped" if path in report.skipped else "clean"

    def key(self) -> tuple:
        return (self.agency == "", self.agency, self.year or 0, self.path)


def rows(report: Report, paths: list[str], by_path: dict[str, list[Finding]]) -> list[Row]:
    """The files in agency and year order (files without an agency last)."""
    unreadable = {e.path for e in report.errors if isinstance(e, InputError)}
    return sorted((Row(report, p, by_path.get(p, []), unreadable) for p in paths), key=Row.key)


def overview(report: Report, lang: str, ordered: list[Row], ids: dict[str, str]) -> list[str]:
    t = words(lang, "review", _TEXT)
    out = ['<section id="review">', f"<h2>{_e(t['review'])}</h2>"]
    out += _controls(t, ordered)
    out += _files(t, ordered, ids)
    out += _by_rule(report, t, lang, ordered)
    out += _missing(report, t, lang, ordered)
    out += _not_checked(report, t, lang, ordered)
    out.append("</section>")
    return out


def _controls(t: dict[str, str], ordered: list[Row]) -> list[str]:
    agencies = sorted({r.agency for r in ordered if r.agency})
    rules = sorted({rule for r in ordered for rule in r.rules})
    return ['<form class="controls" id="filters" onsubmit="return false">',
            f'<label>{_e(t["search"])} <input type="search" id="f-text"></label>',
            _select("f-agency", t["agency"], t["all"], agencies),
            _select("f-rule", t["rule"], t["all"], rules),
            _select("f-severity", t["severity"], t["all"], list(SEVERITIES)),
            f'<label><input type="checkbox" id="f-failing"> {_e(t["failing"])}</label>',
            f'<output id="shown">{len(ordered)}</output> / {len(ordered)} {_e(t["shown"])}', "</form>"]


def _select(name: str, label: str, every: str, options: Iterable[str]) -> str:
    choices = "".join(f'<option value="{_e(o)}">{_e(o)}</option>' for o in options)
    return f'<label>{_e(label)} <select id="{name}"><option value="">{_e(every)}</option>{choices}</select></label>'


def _files(t: dict[str, str], ordered: list[Row], ids: dict[str, str]) -> list[str]:
    heads = [("agency", "text", t["agency"]), ("year", "num", t["year"]), ("file", "text", t["file"]),
             ("errors", "num", t["errors"]), ("warnings", "num", t["warnings"]), ("rules", "text", t["rules"]),
             ("result", "text", t["result"])]
    out = ['<table class="list review" id="files">', "<thead><tr>"]
    out += [f'<th data-sort="{key}" data-type="{kind}"><button type="button">{_e(label)}</button></th>'
            for key, kind, label in heads]
    out += ["</tr></thead>", "<tbody>"]
    results = {"failing": "", "unreadable": t["not_read"], "not_checked": t["config"], "clean": t["clean"],
               "skipped": t["not_report"]}
    shown = _short_names([r.path for r in ordered])
    for r in ordered:
        name = f'<a href="#{ids[r.path]}">{_e(shown[r.path])}</a>' if r.status == "failing" else _e(shown[r.path])
        chips = " ".join(f'<span class="chip"><code>{_e(rule)}</code>{"×" + str(n) if n > 1 else ""}</span>'
                         for rule, n in r.rules.items())
        result = results[r.status] or t["found"]
        attrs = {"agency": r.agency, "year": r.year or "", "file": r.path, "errors": r.severities["error"],
                 "warnings": r.severities["warning"], "rules": " ".join(r.rules), "result": r.status,
                 "severities": " ".join(s for s in SEVERITIES if r.severities[s]),
                 "failing": "1" if r.status in ("failing", "unreadable", "not_checked") else "0"}
        out.append("<tr" + "".join(f' data-{k}="{_e(v)}"' for k, v in attrs.items()) + ">"
                   f"<td>{_e(r.agency or t['unknown'])}</td><td>{_e(r.year or '')}</td>"
                   f'<td title="{_e(r.path)}">{name}</td>'
                   f"<td>{r.severities['error'] or ''}</td><td>{r.severities['warning'] or ''}</td><td>{chips}</td>"
                   f'<td class="{_STATUS[r.status]}">{_e(result)}</td></tr>')
    out += ["</tbody>", "</table>"]
    return out


def _short_names(paths: list[str]) -> dict[str, str]:
    """Each path without the folder all of them share (the full path stays in the row's data-file and title)."""
    try:
        common = os.path.commonpath([os.path.dirname(p) for p in paths]) if len(paths) > 1 else ""
    except ValueError:  # absolute and relative paths mixed
        common = ""
    return {p: os.path.relpath(p, common) if common else p for p in paths}


def _by_rule(report: Report, t: dict[str, str], lang: str, ordered: list[Row]) -> list[str]:
    files: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    for r in ordered:
        files.update(r.rules.keys())
        findings.update(r.rules)
    if not findings:
        return []
    out = [f"<h3>{_e(t['by_rule'])}</h3>", '<table class="list" id="by-rule">',
           f"<tr><th>{_e(t['rule'])}</th><th>{_e(t['severity'])}</th><th>{_e(t['files'])}</th>"
           f"<th>{_e(t['findings'])}</th><th></th></tr>"]
    for rule, n in sorted(findings.items(), key=lambda item: (-item[1], item[0])):
        info = report.rule(rule)
        title = info.title(lang) if info is not None else ""
        severity = words(lang, "severity", _SEVERITY).get(info.severity, info.severity) if info is not None else ""
        out.append(f'<tr data-rule="{_e(rule)}"><td><a href="#rule-{_e(rule)}"><code>{_e(rule)}</code></a> '
                   f"{_e(title if title != rule else '')}</td><td>{_e(severity)}</td><td>{files[rule]}</td>"
                   f'<td>{n}</td><td><button type="button" data-show-rule="{_e(rule)}">{_e(t["show"])}</button>'
                   "</td></tr>")
    out.append("</table>")
    return out


def _missing(report: Report, t: dict[str, str], lang: str, ordered: list[Row]) -> list[str]:
    """Agencies with a report for some year of the batch (or the history) and none for another year."""
    years: dict[int, set[str]] = {}
    names: dict[str, str] = {}
    seen = [(r.agency, r.year) for r in ordered if r.agency and r.year] + list(report.earlier)
    for agency, year in seen:
        key = agency_key(agency)
        names.setdefault(key, agency)
        years.setdefault(year, set()).add(key)
    if len(years) < 2:
        return []
    items = []
    for year in sorted(years):
        if lacking := sorted(names[k] for k in set(names) - years[year]):
            said = t["missing_year"].format(year=year, agencies=listed(lang, lacking))
            items.append(f'<li data-year="{year}">{_e(said)}</li>')
    return [f"<h3>{_e(t['missing'])}</h3>", '<ul id="missing">', *items, "</ul>"] if items else []


def _not_checked(report: Report, t: dict[str, str], lang: str, ordered: list[Row]) -> list[str]:
    reasons = {e.path: e.message(lang) for e in report.errors if isinstance(e, InputError)}
    reasons.update({p: e.render(lang) for p, e in report.not_checked.items()})
    for path in report.skipped:
        zh, en = report.skip_reasons.get(path, ("", ""))
        reasons[path] = en if lang == "en" else zh
    listed = [r for r in ordered if r.path in reasons]
    others = [e for e in report.errors if not isinstance(e, InputError) and e.path not in report.not_checked]
    if not listed and not others:
        return []
    out = [f"<h3>{_e(t['not_checked'])}</h3>", '<table class="list" id="not-checked">',
           f"<tr><th>{_e(t['file'])}</th><th>{_e(t['result'])}</th><th>{_e(t['reason'])}</th></tr>"]
    status = {"unreadable": t["not_read"], "not_checked": t["config"], "skipped": t["not_report"]}
    for r in listed:
        out.append(f'<tr data-result="{r.status}"><td>{_e(r.path)}</td><td class="{_STATUS[r.status]}">'
                   f"{_e(status.get(r.status, ''))}</td><td>{_e(reasons[r.path])}</td></tr>")
    out += [f'<tr data-result="error"><td>{_e(e.path)}</td><td class="bad"></td><td>{_e(e.render(lang))}</td></tr>'
            for e in others]
    out.append("</table>")
    return out


def explanations(report: Report, lang: str, used: Iterable[str]) -> list[str]:
    """The explain text of each rule that found something, once, where the overview links to."""
    wanted = [info for rule in dict.fromkeys(used) if (info := report.rule(rule)) is not None]
    if not wanted:
        return []
    t = words(lang, "review", _TEXT)
    out = ['<section id="rules">', f"<h2>{_e(t['explained'])}</h2>"]
    for info in wanted:
        out.append(f'<details id="rule-{_e(info.id)}"><summary><code>{_e(info.id)}</code> {_e(info.title(lang))}'
                   f"</summary><pre>{_e(render_rule(info, lang))}</pre></details>")
    out.append("</section>")
    return out


CSS = """
.controls{display:flex;flex-wrap:wrap;gap:.5em 1.2em;align-items:center;margin:.5em 0 1em;padding:.5em .8em;
background:#f4f6f8;border:1px solid #d0d7de;border-radius:4px}
.review th button{font:inherit;font-weight:bold;border:0;background:none;padding:0;cursor:pointer}
.review th[aria-sort=ascending] button::after{content:" ▲"}.review th[aria-sort=descending] button::after{content:" ▼"}
.review .chip{white-space:nowrap}.review td:nth-child(4),.review td:nth-child(5){text-align:right}
#rules pre{white-space:pre-wrap;font:.9em/1.45 ui-monospace,monospace;background:#f7f7f7;padding:.6em}
@media print{.controls,button{display:none}tr[hidden]{display:table-row}section[hidden]{display:block}}
"""

SCRIPT = """
(function () {
  const table = document.getElementById("files");
  if (!table) return;
  const body = table.tBodies[0], rows = Array.from(body.rows);
  const $ = (id) => document.getElementById(id);
  const sections = new Map(Array.from(document.querySelectorAll("section.file")).map((s) => [s.dataset.path, s]));
  function filter() {
    const text = $("f-text").value.trim().toLowerCase(), agency = $("f-agency").value, rule = $("f-rule").value;
    const severity = $("f-severity").value, failing = $("f-failing").checked;
    let shown = 0;
    for (const row of rows) {
      const d = row.dataset;
      const ok = (!text || (d.agency + " " + d.file).toLowerCase().includes(text)) && (!agency || d.agency === agency)
        && (!rule || d.rules.split(" ").includes(rule)) && (!severity || d.severities.split(" ").includes(severity))
        && (!failing || d.failing === "1");
      row.hidden = !ok;
      shown += ok;
      const section = sections.get(d.file);
      if (section) section.hidden = !ok;
    }
    $("shown").value = shown;
  }
  function sort(th) {
    const key = th.dataset.sort, numeric = th.dataset.type === "num";
    const order = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", order);
    const value = (row) => numeric ? Number(row.dataset[key] || 0) : row.dataset[key];
    rows.sort((a, b) => {
      const x = value(a), y = value(b);
      const c = numeric ? x - y : String(x).localeCompare(String(y), "zh");
      return order === "ascending" ? c : -c;
    });
    for (const row of rows) body.appendChild(row);
  }
  for (const th of table.tHead.rows[0].cells) th.querySelector("button").addEventListener("click", () => sort(th));
  for (const id of ["f-text", "f-agency", "f-rule", "f-severity", "f-failing"]) $(id).addEventListener("input", filter);
  for (const button of document.querySelectorAll("[data-show-rule]")) {
    button.addEventListener("click", () => { $("f-rule").value = button.dataset.showRule; filter(); table.scrollIntoView(); });
  }
})();
"""
