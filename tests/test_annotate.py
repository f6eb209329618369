"""``reportlint annotate``: a copy of each report with its findings as comments at their places — Word comments in
.docx (python-docx-built reports with real merged cells, reopened and converted by LibreOffice), comment lines in
Markdown and HTML; folders, the summary, accepted suppressions, safety."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from report_builder import T3_TOTAL_ROW, ReportSpec, build_report, default_sections

SOFFICE = shutil.which("soffice")
if SOFFICE is None and os.environ.get("CI"):  # .ci/run installs LibreOffice: in CI this must run
    raise RuntimeError("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def _findings(path: Path) -> list[tuple[str, str]]:
    out = _run("check", "--format", "json", "--lang", "en", str(path))
    return [(f["rule"], f["message"]) for f in json.loads(out.stdout)["findings"]]


def comments(path: Path) -> list[tuple[str, str, str]]:
    """(author, text, the text the comment is anchored on) of every comment, in the comments part's order."""
    document = docx.Document(str(path))
    said = {c.comment_id: (c.author, c.text) for c in document.comments}
    anchored: dict[int, list[str]] = {cid: [] for cid in said}
    open_: set[int] = set()
    for el in document.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_.add(int(el.get(qn("w:id"))))
        elif el.tag == qn("w:commentRangeEnd"):
            open_.discard(int(el.get(qn("w:id"))))
        elif el.tag == qn("w:t"):
            for cid in open_:
                anchored[cid].append(el.text or "")
    return [(author, text, "".join(anchored[cid])) for cid, (author, text) in said.items()]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _defective(tmp_path: Path, name: str = "report.docx") -> Path:
    """A report with a defect of each kind of place: the whole document (no statistics period), a paragraph
    (an export artefact), a heading (a title variant), a cell of a merged table (a wrong total, a blank)."""
    sections = default_sections()
    sections[0] = (sections[0][0], sections[0][1] + "[bookmark: _GoBack]")
    sections[4] = ("五、存在的问题及改进情况", sections[4][1])
    spec = ReportSpec(period=None, sections=sections,
                      t3={(T3_TOTAL_ROW, "自然人"): "999", ("（一）予以公开", "商业企业"): ""})
    return build_report(tmp_path / name, spec)


EXPECTED = [  # (rule, the start of the comment, the text it is anchored on)
    ("statistics-period", "error statistics-period: no statistics period found", "某某市某某局2023年政府信息公开工作年度报告"),
    ("leftover-text", 'error leftover-text: export artefact left in: “[bookmark: _GoBack]”', None),  # paragraph 一
    ("section-title", "warning section-title:", "五、存在的问题及改进情况"),
    ("blank-cell", "error blank-cell: table 3 row", ""),
    ("t3-balance", 'error t3-balance: table 3 row "三、本年度办理结果 / （七）总计" column "申请人情况 / 自然人" is '
                   "probably wrong: it is 999", "999"),
]


def test_every_finding_is_a_comment_at_its_place(tmp_path):
    path = _defective(tmp_path)
    before = _sha(path)
    found = _findings(path)
    assert sorted(rule for rule, _ in found) == sorted(rule for rule, *_ in EXPECTED)
    out = _run("annotate", "--lang", "en", str(path))
    assert out.returncode == 1, out.stderr
    copy = tmp_path / "report.reportlint.docx"
    assert out.stdout.splitlines()[0] == f"{path}: 5 comments in {copy}"
    assert out.stdout.splitlines()[-1] == "5 findings (4 errors, 1 warning) in 1 file; 1 file checked."
    assert _sha(path) == before  # the report itself is never touched
    made = comments(copy)
    assert [author for author, _, _ in made] == ["reportlint"] * 5
    overview = docx.Document(str(path)).paragraphs[3].text
    assert overview.endswith("[bookmark: _GoBack]")
    for (rule, start, anchor), (_, text, anchored) in zip(sorted(EXPECTED, key=lambda e: e[0]),
                                                          sorted(made, key=lambda m: m[1].split()[1]), strict=True):
        assert text.startswith(start), (rule, text)
        assert text == next(f"{text.split()[0]} {rule}: {message}" for r, message in found if r == rule)
        assert anchored == (overview if anchor is None else anchor), rule


def test_comments_in_chinese_by_default_and_the_copy_reads_the_same(tmp_path):
    path = _defective(tmp_path)
    assert _run("annotate", str(path)).returncode == 1
    copy = tmp_path / "report.reportlint.docx"
    texts = [text for _, text, _ in comments(copy)]
    assert next(t for t in texts if "t3-balance" in t).startswith(
        "error t3-balance：表三「三、本年度办理结果 / （七）总计」「申请人情况 / 自然人」")
    # the copy is still the same report: the same findings (its comments are not suppressions), and a folder
    # walk does not take the copy for a report of its own
    assert _findings(copy) == _findings(path)
    listed = _run("check", "--format", "json", str(tmp_path))
    assert {f["path"] for f in json.loads(listed.stdout)["findings"]} == {str(path)}


def test_existing_comments_are_kept_and_suppressions_are_shown_accepted(tmp_path):
    path = _defective(tmp_path)
    document = docx.Document(str(path))
    title = document.paragraphs[0]
    document.add_comment(title.runs, text="请核对标题", author="审核人", initials="SH")
    t3 = document.tables[1]
    cell = t3.cell(27 - 1, 3)  # grid row 27, column 4: （七）总计 × 自然人, the wrong total
    assert cell.text == "999"
    document.add_comment(cell.paragraphs[0].runs, text="reportlint: ignore[t3-balance]", author="某某局")
    document.save(str(path))
    out = _run("annotate", "--lang", "en", str(path))
    assert out.returncode == 1, out.stderr
    made = comments(tmp_path / "report.reportlint.docx")
    assert ("审核人", "请核对标题", "某某市某某局2023年政府信息公开工作年度报告") in made
    assert ("某某局", "reportlint: ignore[t3-balance]", "999") in made
    accepted = [(text, anchor) for author, text, anchor in made if text.startswith("accepted")]
    assert len(accepted) == 1 and accepted[0][1] == "999"
    assert accepted[0][0].startswith("accepted in the document: error t3-balance: table 3 row")
    assert out.stdout.splitlines()[-1].startswith("4 findings (3 errors, 1 warning) in 1 file")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_copy_with_every_comment_where_it_was(tmp_path):
    path = _defective(tmp_path)
    assert _run("annotate", "--lang", "en", str(path)).returncode == 1
    copy = tmp_path / "report.reportlint.docx"
    out_dir = tmp_path / "lo"
    done = subprocess.run([SOFFICE, "--headless", "--norestore",
                           f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--convert-to", "docx",
                           "--outdir", str(out_dir), str(copy)], capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr
    again = comments(out_dir / copy.name)
    assert sorted((text, anchor) for _, text, anchor in again) == \
        sorted((text, anchor) for _, text, anchor in comments(copy))
    # the tracked changes of --fix too: LibreOffice keeps them as changes, accepted they give the same text
    fixed = tmp_path / "fixed" / "report.reportlint.docx"
    assert _run("annotate", "--fix", "-o", str(fixed), str(path)).returncode == 1
    done = subprocess.run([SOFFICE, "--headless", "--norestore",
                           f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--convert-to", "docx",
                           "--outdir", str(out_dir / "fixed"), str(fixed)], capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr
    through = out_dir / "fixed" / fixed.name
    assert len(list(docx.Document(str(through)).element.body.iter(f"{W}ins", f"{W}del"))) >= 3
    assert _decided(through, True) == _decided(fixed, True)
    assert _decided(through, False) == _decided(path, True)


def test_markdown_and_html_copies_have_comment_lines_above_the_places(tmp_path):
    from test_html_reader import html_report
    from test_markdown_reader import markdown_report

    spec = ReportSpec(t3={(T3_TOTAL_ROW, "自然人"): "999"})
    md, page = tmp_path / "r.md", tmp_path / "r.html"
    md.write_text(markdown_report(spec), encoding="utf-8")
    page.write_text(html_report(spec), encoding="utf-8")
    out = _run("annotate", "--lang", "en", str(md), str(page))
    assert out.returncode == 1, out.stderr
    for source in (md, page):
        copy = source.with_name(f"r.reportlint{source.suffix}")
        added = [line for line in copy.read_text(encoding="utf-8").splitlines() if "<!-- reportlint:" in line]
        assert len(added) == 1 and added[0].strip().startswith(
            '<!-- reportlint: error t3-balance: table 3 row "三、本年度办理结果 / （七）总计" column "申请人情况 / 自然人"')
        # nothing else changed: the copy less the comment line is the file
        assert "".join(line for line in copy.read_text(encoding="utf-8").splitlines(keepends=True)
                       if "<!-- reportlint:" not in line) == source.read_text(encoding="utf-8")
        assert _findings(copy) == _findings(source)
    lines = (tmp_path / "r.reportlint.md").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("<!-- reportlint:"))
    assert lines[at + 1].startswith("| ") and not lines[at - 1].startswith("|")  # above the table, not inside it
    html_lines = (tmp_path / "r.reportlint.html").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(html_lines) if "<!-- reportlint:" in line)
    assert T3_TOTAL_ROW in html_lines[at + 1]  # above the row of the wrong cell


def test_a_folder_gets_one_copy_per_report_with_findings_in_the_output_folder(tmp_path):
    reports = tmp_path / "reports"
    (reports / "a").mkdir(parents=True)
    (reports / "b").mkdir()
    _defective(reports / "a", "甲局.docx")
    build_report(reports / "b" / "乙局.docx", ReportSpec(agency="某某市乙局"))  # clean: nothing to send back
    (reports / "b" / "丙局.txt").write_text("某某市丙局2023年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    out = _run("annotate", "--lang", "en", "-o", str(tmp_path / "back"), str(reports))
    assert out.returncode == 1, out.stderr
    assert sorted(str(p.relative_to(tmp_path / "back")) for p in (tmp_path / "back").rglob("*")) == [
        "a", os.path.join("a", "甲局.reportlint.docx")]
    assert out.stdout.splitlines()[0] == f"{reports / 'a' / '甲局.docx'}: 5 comments in " \
                                         f"{tmp_path / 'back' / 'a' / '甲局.reportlint.docx'}"
    assert re.search(r"in 2 files; 3 files checked\.$", out.stdout.strip())
    assert out.stderr.strip() == f"{reports / 'b' / '丙局.txt'}: not annotated: a text export cannot be annotated: " \
                                 "it keeps no comments; see the findings above"


def test_an_output_over_a_report_is_refused_and_nothing_is_written(tmp_path):
    path = _defective(tmp_path)
    before = _sha(path)
    out = _run("annotate", "--lang", "en", "-o", str(path), str(path))
    assert out.returncode == 2
    assert out.stderr.strip() == f"reportlint: error: -o {path} would overwrite {path}, which this run reads; " \
                                 "write it elsewhere"
    assert _sha(path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]
    other = build_report(tmp_path / "other.docx", ReportSpec())
    out = _run("annotate", "--lang", "en", "-o", str(other), str(path), str(other))
    assert out.returncode == 2 and "is a file, and 2 reports get a copy each: name a folder" in out.stderr


def test_an_unreadable_file_is_one_line_and_the_others_are_annotated(tmp_path):
    _defective(tmp_path)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    out = _run("annotate", "--lang", "en", str(tmp_path))
    assert out.returncode == 2
    assert (tmp_path / "report.reportlint.docx").is_file()
    assert [line for line in out.stderr.splitlines() if "broken.docx" in line] == [
        line for line in out.stderr.splitlines() if line.strip()]
    assert "Traceback" not in out.stderr


@pytest.mark.slow
def test_the_whole_corpus_is_annotated_without_a_traceback(tmp_path):
    from shared_data import SHARED

    if not SHARED.is_dir():
        pytest.skip("../shared is not here")
    places = [str(SHARED / "seeds"), str(SHARED / "corpus")]
    out = _run("annotate", "--lang", "en", "-j", "2", "-o", str(tmp_path / "out"), *places)
    assert out.returncode == 2  # the corrupt and encrypted files of the wild corpus
    assert "Traceback" not in out.stderr and "Warning" not in out.stderr
    assert all(re.match(r"\S.*: (error: |not annotated: )", line) for line in out.stderr.splitlines()), out.stderr
    written = [re.fullmatch(r"(.*): (\d+) comments? in (.*)", line).groups() for line in out.stdout.splitlines()[:-1]]
    assert written, out.stdout
    checked = json.loads(_run("check", "--format", "json", "--lang", "en", *[w[0] for w in written]).stdout)
    per_file: dict[str, int] = {}
    for f in checked["findings"]:
        per_file[f["path"]] = per_file.get(f["path"], 0) + 1
    for source, n, copy in written:
        assert int(n) == per_file[source]
        if copy.endswith(".docx"):
            assert sum(author == "reportlint" for author, _, _ in comments(Path(copy))) == int(n)
        else:
            assert Path(copy).read_text(encoding="utf-8", errors="replace").count("<!-- reportlint:") == int(n)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _decided(path: Path, accept: bool) -> list[str]:
    """The text of every paragraph (body and cells) with every tracked change accepted, or every one rejected."""
    from copy import deepcopy

    body = deepcopy(docx.Document(str(path)).element.body)
    for el in list(body.iter(f"{W}ins", f"{W}del")):
        if (el.tag == f"{W}ins") == accept:
            for t in el.iter(f"{W}delText"):
                t.tag = f"{W}t"
            for child in list(el):
                el.addprevious(child)
        el.getparent().remove(el)
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]


def _with_spaced_email(tmp_path: Path) -> Path:
    path = _defective(tmp_path)
    document = docx.Document(str(path))
    for p in document.paragraphs:
        for run in p.runs:
            if "gk@example.gov.cn" in run.text:
                run.text = run.text.replace("gk@example.gov.cn", "gk @example.gov.cn")
    document.save(str(path))
    return path


def test_safe_fixes_are_tracked_changes_and_nothing_else_is_fixed(tmp_path):
    path = _with_spaced_email(tmp_path)
    fixes = {f["rule"]: f.get("fix") for f in json.loads(_run("check", "--format", "json", str(path)).stdout)["findings"]}
    assert fixes == {
        "statistics-period": None, "blank-cell": None, "t3-balance": None,  # never a number, never a missing text
        "leftover-text": {"old": "[bookmark: _GoBack]", "new": ""},
        "contact-info": {"old": "gk @example.gov.cn", "new": "gk@example.gov.cn"},
        "section-title": {"old": "五、存在的问题及改进情况", "new": "五、存在的主要问题及改进情况"},
    }
    before = _sha(path)
    out = _run("annotate", "--lang", "en", "--fix", str(path))
    assert out.returncode == 1, out.stderr
    assert _sha(path) == before
    copy = tmp_path / "report.reportlint.docx"
    marks = docx.Document(str(copy)).element.body.iter(f"{W}ins", f"{W}del")
    assert sorted(({"ins": "+", "del": "-"}[el.tag[len(W):]], el.get(f"{W}author")) for el in marks) == \
        [("+", "reportlint"), ("+", "reportlint"), ("-", "reportlint"), ("-", "reportlint"), ("-", "reportlint")]
    original, accepted, rejected = _decided(path, True), _decided(copy, True), _decided(copy, False)
    assert rejected == original
    changed = [(a, b) for a, b in zip(original, accepted, strict=True) if a != b]
    assert len(changed) == 3
    (contact, contact_fixed), (overview, overview_fixed), (heading, heading_fixed) = changed
    assert contact_fixed == contact.replace("gk @example.gov.cn", "gk@example.gov.cn") != contact
    assert overview_fixed + "[bookmark: _GoBack]" == overview
    assert (heading, heading_fixed) == ("五、存在的问题及改进情况", "五、存在的主要问题及改进情况")
    # reportlint reads a document with its changes accepted: the copy has the findings nothing could fix
    assert sorted(rule for rule, _ in _findings(copy)) == ["blank-cell", "statistics-period", "t3-balance"]
    said = {text.split()[1].rstrip(":"): text for _, text, _ in comments(copy)}
    assert said["section-title"].endswith("(fixed: accept or reject the tracked change)")
    assert not said["t3-balance"].endswith("(fixed: accept or reject the tracked change)")


def test_diff_shows_the_fixes_and_writes_nothing(tmp_path):
    path = _with_spaced_email(tmp_path)
    out = _run("annotate", "--lang", "en", "--diff", str(path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]
    heads = [line for line in out.stdout.splitlines() if line.startswith("--- ")]
    assert heads == [f"--- {path}  paragraph 2", f"--- {path}  paragraph 4 (section \"一、总体情况\")",
                     f"--- {path}  paragraph 11 (section \"五、存在的问题及改进情况\")"]
    assert "-五、存在的问题及改进情况\n+五、存在的主要问题及改进情况\n" in out.stdout


def test_markdown_fixes_change_the_line_of_the_place(tmp_path):
    from test_markdown_reader import markdown_report

    md = tmp_path / "r.md"
    text = markdown_report().replace("## 五、存在的主要问题及改进情况", "## 五、存在的问题及改进情况")
    md.write_text(text, encoding="utf-8")
    out = _run("annotate", "--lang", "en", "--fix", str(md))
    assert out.returncode == 0, out.stderr  # a warning only
    copy = (tmp_path / "r.reportlint.md").read_text(encoding="utf-8")
    assert "## 五、存在的主要问题及改进情况" in copy and "## 五、存在的问题及改进情况" not in copy
    assert '<!-- reportlint: warning section-title: heading "五、存在的问题及改进情况" differs from the official title ' \
           '"五、存在的主要问题及改进情况" (fixed in this copy) -->' in copy
    assert _findings(tmp_path / "r.reportlint.md") == []


def _expected_anchor(doc, loc: dict) -> str:
    """What a comment at a finding's location holds, from the document as reportlint reads it: the cell, the
    table's first cell, the paragraph, the section's heading, else the title."""
    if loc.get("table") is not None:
        table = next(t for t in doc.tables if t.index == loc["table"])
        if loc.get("row") is not None:
            row = table.grid[loc["row"] - 1]
            cell = row[loc["col"] - 1] if loc.get("col") is not None else row[0]
        else:
            cell = table.grid[0][0]
        return cell.text.replace("\n", "")
    if loc.get("paragraph") is not None:
        return doc.paragraphs[loc["paragraph"] - 1].text
    heading = next((s.paragraph for s in doc.sections() if s.title == loc.get("section")), None)
    return (heading or doc.title_paragraph).text  # a missing section: on the title


MANY_DEFECTS = [
    ReportSpec(sections=[s for s in default_sections() if not s[0].startswith("五")], include_tables=("二", "三"),
               contact=None, signed="2025年3月1日", t2={("规章", "本年制发件数"): "××"}),
    ReportSpec(sections=[(h, "" if h.startswith("六") else b) for h, b in default_sections()],
               t4={("行政复议", "总计"): "99"}, t3={("（一）予以公开", "自然人"): "—"}),
    ReportSpec(title="某某市某某局2022年政府信息公开工作年度报告",
               sections=[default_sections()[i] for i in (0, 2, 1, 3, 4, 5)]),
    ReportSpec(title="某某市另一局2023年政府信息公开工作年度报告",
               sections=[(h.replace("三、", "四、") if h.startswith("三、") else h, b) for h, b in default_sections()]),
]


@pytest.mark.parametrize("spec", MANY_DEFECTS, ids=["missing", "blank-and-totals", "year-and-order", "agency"])
def test_each_finding_of_each_kind_is_a_comment_on_the_text_at_its_place(tmp_path, spec):
    from reportlint.readers import load_document

    path = build_report(tmp_path / "r.docx", spec)
    checked = json.loads(_run("check", "--format", "json", "--lang", "en", str(path)).stdout)["findings"]
    assert len({f["rule"] for f in checked}) >= 2
    assert _run("annotate", "--lang", "en", str(path)).returncode in (0, 1)
    made = comments(tmp_path / "r.reportlint.docx")
    doc = load_document(str(path))
    expected = sorted((f"{f['severity']} {f['rule']}: {f['message']}", _expected_anchor(doc, f["location"]))
                      for f in checked)
    assert sorted((text, anchor) for _, text, anchor in made) == expected


def test_check_fix_writes_the_fixed_copy_without_comments_and_prints_the_findings(tmp_path):
    path = _with_spaced_email(tmp_path)
    fixed = tmp_path / "out" / "fixed.docx"
    out = _run("check", "--lang", "en", "--format", "concise", "--fix", "-o", str(fixed), str(path))
    assert out.returncode == 1, out.stderr
    assert out.stderr == f"{path}: 3 fixes in {fixed}\n"
    assert [line.split(": ", 1)[1].split()[1] for line in out.stdout.splitlines()] == [
        "statistics-period", "contact-info", "leftover-text", "blank-cell", "t3-balance", "section-title"]
    assert comments(fixed) == []
    assert len(list(docx.Document(str(fixed)).element.body.iter(f"{W}ins", f"{W}del"))) == 5
    assert sorted(rule for rule, _ in _findings(fixed)) == ["blank-cell", "statistics-period", "t3-balance"]
    diff = _run("check", "--lang", "en", "--diff", str(path))
    assert diff.stdout.count("\n--- ") + diff.stdout.startswith("--- ") == 3 and sorted(
        p.name for p in tmp_path.iterdir()) == ["out", "report.docx"]
    for bad in (["--fix", "-"], ["--fix", "--statistics", str(path)], ["--diff", "--write-baseline", "b.json", str(path)]):
        refused = _run("check", "--lang", "en", *bad)
        assert refused.returncode == 2 and refused.stderr.startswith("reportlint: error: --fix and --diff "), bad


def test_full_width_digits_in_a_merged_table_cell_become_half_width_by_a_tracked_change(tmp_path):
    from report_builder import default_t3

    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    value = str(default_t3()["（一）予以公开"]["自然人"])
    path = build_report(tmp_path / "report.docx", ReportSpec(t3={("（一）予以公开", "自然人"): value.translate(wide)}))
    before = _sha(path)
    out = _run("annotate", "--lang", "en", "--fix", str(path))
    assert out.returncode == 0, out.stderr  # info: the exit code does not change
    assert _sha(path) == before
    copy = tmp_path / "report.reportlint.docx"
    assert comments(copy) == [(
        "reportlint", f'info fullwidth-digits: table 3 row "三、本年度办理结果 / （一）予以公开" column "申请人情况 / 自然人" '
        f'"{value.translate(wide)}" is written in full-width digits; write "{value}" (spreadsheets read full-width '
        "digits as text and leave them out of sums) (fixed: accept or reject the tracked change)", value)]
    cell = docx.Document(str(copy)).tables[1].cell(5, 3)  # 自然人 of （一）予以公开, whose label spans two columns
    assert [el.tag[len(W):] for el in cell._tc.iter(f"{W}ins", f"{W}del")] == ["del", "ins"]
    original, accepted, rejected = _decided(path, True), _decided(copy, True), _decided(copy, False)
    assert rejected == original
    assert [(a, b) for a, b in zip(original, accepted, strict=True) if a != b] == [(value.translate(wide), value)]
    assert _findings(copy) == []


def test_a_markdown_table_fix_changes_the_cell_of_its_column_only(tmp_path):
    from test_markdown_reader import markdown_report

    md = tmp_path / "r.md"
    row = "| 行政规范性文件 | 4 | 1 | 18 |"
    text = markdown_report()
    assert text.count(row) == 1
    md.write_text(text.replace(row, "| 行政规范性文件 | １件 | １ | 18 |"), encoding="utf-8")
    out = _run("annotate", "--lang", "en", "--fix", str(md))
    assert out.returncode == 1, out.stderr  # the blank-cell error stays
    copy = (tmp_path / "r.reportlint.md").read_text(encoding="utf-8")
    assert "| 行政规范性文件 | １件 | 1 | 18 |" in copy  # not the "１" of "１件", a cell that is not a number
    assert _findings(tmp_path / "r.reportlint.md") == [
        ("blank-cell", 'table 2 row "行政规范性文件" column "第二十条第（一）项 / 本年制发件数" "１件" is not a number; '
                       "fill in a whole number (0 when there is nothing)")]


def test_an_html_table_fix_changes_the_text_of_its_cell_only(tmp_path):
    from test_html_reader import html_report

    page = tmp_path / "r.html"
    page.write_text(html_report(ReportSpec(t2={("规章", "本年制发件数"): "１件", ("规章", "本年废止件数"): "１"})),
                    encoding="utf-8")
    row = "<tr><td>规章</td><td>&nbsp;１件</td><td>&nbsp;１</td><td>&nbsp;3</td></tr>"
    assert row in page.read_text(encoding="utf-8")
    out = _run("annotate", "--lang", "en", "--fix", str(page))
    assert out.returncode == 1, out.stderr  # the blank-cell error stays
    copy = (tmp_path / "r.reportlint.html").read_text(encoding="utf-8")
    assert row.replace("&nbsp;１<", "&nbsp;1<") in copy  # not the "１" of "１件", a cell that is not a number
    assert [rule for rule, _ in _findings(tmp_path / "r.reportlint.html")] == ["blank-cell"]
