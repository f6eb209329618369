"""``--format junit``: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, …).

    <testsuites name="reportlint" tests="22" failures="2" errors="0" skipped="0">
      <testsuite name="reports/2023.docx" tests="11" failures="2" errors="0" skipped="0">
        <testcase classname="national-2021" name="required-sections" />
        …
        <testcase classname="national-2021" name="blank-cell">
          <failure message="表四「…」为空，应填整数（没有的填 0）" type="error">第3张表 列「…」: 表四「…」为空…</failure>
        </testcase>

One ``<testsuite>`` per file (name = its path); in it one ``<testcase>`` per enabled rule — passing rules too,
so a CI report shows what was checked — with one ``<failure>`` per finding (message = the finding, type = its
severity, text = place and message). ``failures`` counts ``<failure>`` elements, so it equals the number of
findings. A file that could not be read is a suite with a single ``read`` testcase holding an ``<error>``, and one
that a configuration error kept from being checked a suite with a single ``config`` testcase holding the error
(never passing rules); a rule that failed internally puts an ``<error>`` in its own testcase. A text file that is not a report has its
testcases ``<skipped>``. No times or host names: the same input gives byte-identical output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..findings import Finding
from ..i18n import tr
from .report import Report

# Characters XML 1.0 cannot carry (a document may contain them): dropped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


def _place(report: Report, f: Finding) -> str:
    return f.location.render(report.lang, lines=report.has_lines(f.path))


def _counts(element: ET.Element, counts: dict[str, int]) -> None:
    for key in ("tests", "failures", "errors", "skipped"):
        element.set(key, str(counts[key]))


def to_element(report: Report) -> ET.Element:
    lang = report.lang
    enabled = [info for info in report.rules if info.enabled]
    by_path: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    errors_by_path: dict[str, list] = {}
    blocking = {id(error) for error in report.not_checked.values()}  # told in the suites of the files they blocked
    for error in report.errors:
        if id(error) not in blocking:
            errors_by_path.setdefault(getattr(error, "path", ""), []).append(error)
    paths = list(dict.fromkeys([*report.paths, *by_path, *errors_by_path]))

    root = ET.Element("testsuites", name="reportlint")
    total = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for path in paths:
        suite = ET.SubElement(root, "testsuite", name=path)
        counts = dict.fromkeys(total, 0)
        findings = by_path.get(path, [])
        rule_errors = {getattr(e, "rule", None): e for e in errors_by_path.get(path, []) if getattr(e, "rule", None)}
        read_errors = [e for e in errors_by_path.get(path, []) if not getattr(e, "rule", None)]
        if path in report.not_checked:  # a configuration error: no rule ran, none passed
            case = ET.SubElement(suite, "testcase", classname="reportlint", name="config")
            counts["tests"] += 1
            text = _clean(report.not_checked[path].render(lang))
            ET.SubElement(case, "error", message=text, type="config").text = text
            counts["errors"] += 1
        elif read_errors:
            case = ET.SubElement(suite, "testcase", classname="reportlint", name="read")
            counts["tests"] += 1
            for error in read_errors:
                text = _clean(error.render(lang))
                ET.SubElement(case, "error", message=text, type=getattr(error, "code", "error")).text = text
                counts["errors"] += 1
        else:
            _rule_cases(suite, counts, report, path, enabled, findings, rule_errors)
        _counts(suite, counts)
        for key in total:
            total[key] += counts[key]
    _counts(root, total)
    return root


def _rule_cases(suite: ET.Element, counts: dict[str, int], report: Report, path: str, enabled: list,
                findings: list[Finding], rule_errors: dict) -> None:
    """A test case for every enabled rule (and any other rule with findings) of a file that was read."""
    lang = report.lang
    rule_ids = [info.id for info in enabled]
    rule_ids += [r for r in dict.fromkeys(f.rule for f in findings) if r not in rule_ids]
    classes = {info.id: info.pack for info in report.rules}
    skipped = path in set(report.skipped)
    for rule_id in rule_ids:
        case = ET.SubElement(suite, "testcase", classname=classes.get(rule_id) or "reportlint", name=rule_id)
        counts["tests"] += 1
        if skipped:
            reason = tr(lang, "not an annual report")
            ET.SubElement(case, "skipped", message=reason)
            counts["skipped"] += 1
            continue
        for f in findings:
            if f.rule != rule_id:
                continue
            message = _clean(f.text(lang))
            failure = ET.SubElement(case, "failure", message=message, type=f.severity)
            failure.text = f"{_clean(_place(report, f))}: {message}"
            counts["failures"] += 1
        if rule_id in rule_errors:
            text = _clean(rule_errors[rule_id].render(lang))
            ET.SubElement(case, "error", message=text, type="internal").text = text
            counts["errors"] += 1


def render(report: Report) -> str:
    root = to_element(report)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
