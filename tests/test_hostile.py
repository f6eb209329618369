"""Hostile input and slips of the keyboard: never clobber a report, never leak a file the user did not name, one
clear line and exit 2 — each case generated here, small on disk."""

from __future__ import annotations

import codecs
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from reportlint.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "in" / "report.docx"
    path.parent.mkdir()
    shutil.copy(EXAMPLES / "clean-report.docx", path)
    return path


# -- never clobber a report ------------------------------------------------------------------------------------
@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_an_output_over_an_input_is_refused_before_anything_is_written(capsys, report, option):
    before = report.read_bytes()
    mode = stat.S_IMODE(report.stat().st_mode)
    code, out, err = run(capsys, "check", "--lang", "en", option, report, report)
    assert (code, out) == (2, "")
    assert err == f"reportlint: error: {option} {report} would overwrite {report}, which this run checks; write it " \
                  "elsewhere\n"
    assert report.read_bytes() == before and stat.S_IMODE(report.stat().st_mode) == mode
    assert sorted(p.name for p in report.parent.iterdir()) == ["report.docx"]  # no temporary file either


def test_the_same_file_by_another_path_or_a_link_is_refused(capsys, report, tmp_path):
    link = tmp_path / "link.docx"
    link.symlink_to(report)
    hard = tmp_path / "hard.docx"
    os.link(report, hard)
    for target in (link, hard, report.parent / ".." / "in" / "report.docx"):
        code, _out, err = run(capsys, "check", "--output", target, report.parent)
        assert code == 2 and "会覆盖本次检查的" in err, target
    assert report.read_bytes() == (EXAMPLES / "clean-report.docx").read_bytes()


def test_an_output_where_the_walk_would_check_it_is_refused(capsys, report):
    code, _out, err = run(capsys, "check", "--format", "html", "--output", report.parent / "review.html", report.parent)
    assert (code, err) == (2, f"reportlint: 错误: --output {report.parent / 'review.html'} 会写进本次检查的目录 "
                              f"{report.parent}，下次检查时会被当作报告，请写到别处\n")
    assert not (report.parent / "review.html").exists()
    # a hidden folder the walk passes over, and a name the walk does not pick up, are fine
    (report.parent / ".reportlint").mkdir()
    assert run(capsys, "check", "--format", "html", "-o", report.parent / ".reportlint" / "r.html", report.parent)[0] == 0
    assert run(capsys, "check", "--format", "json", "-o", report.parent / "findings.json", report.parent)[0] == 0


def test_outputs_get_the_mode_of_a_new_file_or_keep_the_old_one(capsys, report, tmp_path):
    umask = os.umask(0o022)
    try:
        out = tmp_path / "findings.json"
        assert run(capsys, "check", "--format", "json", "-o", out, report)[0] == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        out.chmod(0o640)
        assert run(capsys, "check", "--format", "json", "-o", out, report)[0] == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
        base = tmp_path / "baseline.json"
        assert run(capsys, "check", "--write-baseline", base, report)[0] == 0
        assert stat.S_IMODE(base.stat().st_mode) == 0o644
    finally:
        os.umask(umask)


# -- never leak a file the user did not name -------------------------------------------------------------------
SECRET = "TOKEN-8f2c1e-do-not-print"


@pytest.fixture
def repo(tmp_path, report) -> Path:
    """A repository folder holding the report, and a secret file beside it (outside it)."""
    (tmp_path / "secret.yaml").write_text(f"{SECRET}\n", encoding="utf-8")
    return report.parent


@pytest.mark.parametrize("config", ["pack: ../secret.yaml\n", "pack: {secret}\n", "pack: link.yaml\n"])
def test_a_configuration_cannot_read_a_file_outside_the_repository(capsys, repo, tmp_path, config):
    (repo / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    (repo / ".reportlint.yaml").write_text(config.format(secret=tmp_path / "secret.yaml"), encoding="utf-8")
    for args in (("check", "--lang", "en", repo), ("config", "show", "--lang", "en", repo)):
        code, out, err = run(capsys, *args)
        assert code == 2 and SECRET not in out + err
        (line,) = [ln for ln in err.splitlines() if ln.startswith(str(repo / ".reportlint.yaml"))]
        assert line.endswith(f"lies outside the repository ({repo}): refer to files in this folder and below, or "
                             "to shipped packs"), line


def test_a_pack_cannot_extend_a_file_outside_its_folder(capsys, tmp_path, report):
    pack = tmp_path / "packs" / "mine.yaml"
    pack.parent.mkdir()
    (tmp_path / "secret.yaml").write_text(f"{SECRET}\n", encoding="utf-8")
    for ref in ("../secret.yaml", str(tmp_path / "secret.yaml"), "/etc/hostname"):
        pack.write_text(f"pack: mine\nextends: {ref}\n", encoding="utf-8")
        code, out, err = run(capsys, "check", "--rules", pack, report)
        assert code == 2 and SECRET not in out + err and "在仓库之外" in err, err
    # the file named on the command line is read wherever it is; a shipped pack by name is fine
    pack.write_text("pack: mine\nextends: national-2021\n", encoding="utf-8")
    assert run(capsys, "check", "--rules", pack, report)[0] == 0


def test_a_fifo_or_device_is_never_read_as_a_pack(capsys, tmp_path, report):
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    assert run(capsys, "check", "--lang", "en", "--rules", fifo, report) == (2, "", f"{fifo}: not a regular file\n")
    assert run(capsys, "check", "--lang", "en", "--rules", "/dev/zero", report)[0] == 2


def test_a_schema_error_quotes_a_value_short(capsys, tmp_path, report):
    pack = tmp_path / "pack.yaml"
    pack.write_text(f"pack: x\nrules:\n  - id: a\n    kind: statistics_period\n    keywords: \"{SECRET * 20}\"\n",
                    encoding="utf-8")
    code, _out, err = run(capsys, "check", "--lang", "en", "--rules", pack, report)
    assert code == 2 and err.count(SECRET) <= 2 and len(err) < 200, err
    assert err.endswith("… is not of type 'array'\n")


# -- YAML bounds ----------------------------------------------------------------------------------------------
def test_deep_nesting_and_alias_bombs_are_one_line(capsys, tmp_path, report):
    deep = tmp_path / "deep.yaml"
    deep.write_text("pack: x\nrules:\n  - id: a\n    kind: statistics_period\n    keywords: "
                    + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert run(capsys, "check", "--lang", "en", "--rules", deep, report) == (
        2, "", f"{deep}:5:44: the YAML nests more than 32 levels deep\n")
    bomb = tmp_path / "bomb.yaml"
    lines = ["pack: x", "aliases:", '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"  {c}: &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for path in (bomb, report.parent / ".reportlint.yaml"):
        if path != bomb:
            path.write_text(bomb.read_text(encoding="utf-8").replace("pack: x", "pack: national-2021"), encoding="utf-8")
            args = ("check", "--lang", "en", report)
        else:
            args = ("check", "--lang", "en", "--rules", bomb, report)
        code, _out, err = run(capsys, *args)
        assert code == 2 and err.splitlines()[-1] == (
            f"{path}:4:10: YAML aliases (*name) are not allowed in rule packs and configurations"), err


# -- nothing passed over in silence ---------------------------------------------------------------------------
def test_an_unreadable_folder_is_an_input_error_naming_it(capsys, report, monkeypatch):
    locked = report.parent / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path="."):  # what a folder without the read permission gives a user other than root
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run(capsys, "check", "--lang", "en", report.parent)
    assert code == 2
    assert err == f"{locked}: error: cannot read the file: Permission denied\n"
    assert out == "checking did not complete: 1 input error (see the error messages); 1 file checked, 1 could not " \
                  "be read.\n"  # the good report beside it is still checked


SIMPLIFIED = ("平潭综合实验区2023年度政府信息公开工作年度报告\n本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。"
              "联系电话：0591-23165370。\n一、总体情况\n" + "正文。" * 20 + "\n")
TRADITIONAL = ("平潭綜合實驗區2023年度政府信息公開工作年度報告\n本報告所列數據統計期限自2023年1月1日起至2023年12月31日止。"
               "聯繫電話：0591-23165370。\n一、總體情況\n" + "正文。" * 20 + "\n")


@pytest.mark.parametrize(("encoding", "text"), [("utf-32", SIMPLIFIED), ("utf-32-be", SIMPLIFIED), ("gb18030", SIMPLIFIED),
                                                ("utf-16", SIMPLIFIED), ("big5", TRADITIONAL)])
def test_text_reports_in_other_encodings_are_read_not_skipped(capsys, tmp_path, encoding, text):
    path = tmp_path / "report.txt"
    data = text.encode(encoding)
    path.write_bytes(codecs.BOM_UTF32_BE + data if encoding == "utf-32-be" else data)
    code, out, err = run(capsys, "check", "--lang", "en", path)
    assert (code, err) == (1, "") and "skipped" not in out
    # read as the report it is: its title, period, phone and first section found; only what it lacks is reported
    assert {line.split("  ")[3] for line in out.splitlines() if line.startswith("  ")} == {
        "publication-deadline", "required-sections", "table-missing"}
    assert '"一、总体情况"' not in out and out.splitlines()[-1].endswith("1 file checked.")


# -- one budget per document, enforced while reading -----------------------------------------------------------
PIPE_ROW = "| " + " | ".join(["12"] * 8) + " |\n"
TITLE = "某局2023年政府信息公开工作年度报告\n"


def _measured(*args: str) -> tuple[int, str, float, float]:
    """(exit code, stderr, seconds, peak RSS in MB) of reportlint, run by a fresh interpreter whose only child it
    is (RUSAGE_CHILDREN of this process would be the largest child any earlier test waited for)."""
    import subprocess
    import sys
    import time

    measure = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[2:]).returncode; "
               "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
               "sys.exit(code)")
    with tempfile.TemporaryDirectory() as folder:
        rss_file = os.path.join(folder, "rss")
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", measure, rss_file, sys.executable, "-m", "reportlint", "check",
                               "--lang", "en", *args], capture_output=True, text=True, timeout=120)
        seconds = time.monotonic() - start
        with open(rss_file) as rss:
            peak = int(rss.read())
    return proc.returncode, proc.stderr, seconds, peak / 1024


@pytest.mark.parametrize(("name", "content", "message"), [
    # too big for a text format: refused from its size, before anything is read
    ("rows.md", TITLE + PIPE_ROW * 200_000, "the file is too large (8.0 MB > 4 MB for a text file, text_mb)"),
    # under the size bound, but more table cells than a document may hold: refused before markdown-it tokenises
    ("rows2.md", "# " + TITLE + PIPE_ROW * 100_000, "a table is too large (800000 cells in pipe rows > 100000)"),
    # a tab-separated table counted row by row while it is read
    ("cells.txt", TITLE + "1\t2\t3\t4\t5\t6\n" * 600_000, "a table is too large (41667 × 6 > 250000 cells"),
])
def test_huge_text_tables_stop_early_and_the_good_report_is_checked(tmp_path, report, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    extra = ("--limit", "text_mb=8") if name != "rows.md" else ()
    code, err, seconds, _rss = _measured(*extra, str(path), str(report))
    assert code == 2 and err.startswith(f"{path}: error: {message}"), err
    assert err.count("\n") == 1  # the good report beside it was checked: no error of its own


def test_many_tables_each_under_the_bound_are_bounded_together(tmp_path):
    import docx

    document = docx.Document()
    for _ in range(60):
        document.add_table(rows=50, cols=40)  # 2,000 cells each, 120,000 in all
    path = tmp_path / "tables.docx"
    document.save(str(path))
    from reportlint.errors import InputError
    from reportlint.readers import load_document

    with pytest.raises(InputError) as info:
        load_document(str(path))
    assert (info.value.code, info.value.detail) == ("too-many-cells", "102000 cells in all > 100000")


def test_a_pdf_longer_than_the_page_bound_is_refused(tmp_path, report):
    pytest.importorskip("pdfplumber")
    from test_pdf_reader import make_pdf, text

    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf([text(72, 100, f"第{n}页") for n in range(90)]))
    code, out, err = run_cli("check", "--lang", "en", path, report)
    assert (code, err) == (2, f"{path}: error: the file is too large (90 pages > 80, pdf_pages); skipped (see "
                              "--limit)\n")


def test_time_budget_covers_reading(tmp_path, monkeypatch):
    from reportlint import limits, readers
    from reportlint.api import Task, default_pack, lint_file

    page = tmp_path / "slow.md"
    page.write_text("# " + TITLE + "正文。\n" * 10, encoding="utf-8")

    def endless_read(path, data, layouts=None):  # a reader caught in a loop (pdfminer on a hostile stream, say)
        while True:
            pass

    monkeypatch.setitem(readers.READERS, ".md", endless_read)
    monkeypatch.setattr(limits.current, "seconds", 0.5)
    result = lint_file(Task(str(page), default_pack(), []))
    assert [e.render("en") for e in result.errors] == [
        f"{page}: error: reading and checking took longer than the 0.5 s a document may take; stopped (see --limit "
        "seconds=N)"]


def run_cli(*args):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "reportlint", *map(str, args)], capture_output=True, text=True,
                          timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.slow
def test_hostile_text_tables_stay_under_time_and_memory(tmp_path, report):
    """Each hostile shape under the defaults ends within 10 s and 500 MB, the good report still checked."""
    shapes = {
        "rows.md": "# " + TITLE + PIPE_ROW * 90_000,  # just under text_mb: the cell pre-count stops it
        "cells.txt": TITLE + "1\t2\t3\t4\t5\t6\n" * 600_000,
        "wide.md": "# " + TITLE + ("| " + " | ".join(["1"] * 200_000) + " |\n") * 3,
    }
    for name, content in shapes.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        code, err, seconds, rss = _measured(str(path), str(report))
        assert code == 2 and err.count("\n") == 1, (name, err)
        assert seconds < 10 and rss < 500, (name, seconds, rss)


def _lying_docx(path: Path, inflated_mb: int) -> None:
    """A .docx whose main part declares 1,000 bytes but inflates to ``inflated_mb`` MB (small on disk)."""
    import struct
    import zipfile

    name = "word/document.xml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'content-types"><Default Extension="xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.wordprocessingml.document.main+xml"/></Types>')
        with package.open(name, "w", force_zip64=False) as member:
            member.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">')
            for _ in range(inflated_mb):
                member.write(b"<w:p/>" * (1 << 18))  # 1.5 MB
    data = bytearray(path.read_bytes())
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # the local header and the directory
        at = data.find(signature)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name.encode():
                struct.pack_into("<I", data, at + size_at, 1000)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def test_a_member_lying_about_its_size_is_never_inflated_past_it(tmp_path, report):
    path = tmp_path / "lie.docx"
    _lying_docx(path, 400)  # 600 MB inflated, 0.6 MB on disk
    assert path.stat().st_size < 1_000_000
    code, err, seconds, rss = _measured(str(path), str(report))
    assert code == 2 and err == (f"{path}: error: the file is corrupt: the ZIP package cannot be read "
                                 "(word/document.xml: Bad CRC-32 for file 'word/document.xml')\n")
    assert rss < 300, rss  # read in full, the main part would be 600 MB before its CRC is checked


def _deflated(chunks) -> bytes:
    import zlib

    deflate = zlib.compressobj(9)
    return b"".join(deflate.compress(chunk) for chunk in chunks) + deflate.flush()


def _glyph_flood_pdf(path: Path, mb: int, form_uses: int = 0, nested: int = 0) -> None:
    """One page whose deflated content stream shows ``mb`` MB of ``(x) Tj`` (small on disk); or, with
    ``form_uses``, draws a form XObject of 100 glyphs that many times; with ``nested`` too, that form draws another
    form of 100 glyphs ``nested`` times."""
    if form_uses:
        stream = _deflated([b"/X0 Do\n"] * form_uses)
    else:
        stream = _deflated([b"BT /F1 1 Tf 10 10 Td ", *[b"(x) Tj " * 149_796] * mb, b" ET"])  # 1 MB each
    glyphs = b"BT /F1 1 Tf 10 10 Td (" + b"x" * 100 + b") Tj ET"
    form = _deflated([b"/Y0 Do\n"] * nested if nested else [glyphs])
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 3 0"
               b" R >> /XObject << /X0 6 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject <<"
               b" /Y0 7 0 R >> >> /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(form), form),
               b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Length %d"
               b" >>\nstream\n%s\nendstream" % (len(glyphs), glyphs)]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 8\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 8 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))


def test_a_page_flooding_pdfminer_with_glyphs_is_refused_before_it_is_read(tmp_path, report):
    pytest.importorskip("pdfplumber")
    path = tmp_path / "flood.pdf"
    _glyph_flood_pdf(path, 40)  # 40 MB of content, 40 KB on disk; 0.9 MB of it took 5 s and 350 MB to read
    assert path.stat().st_size < 100_000
    code, err, seconds, rss = _measured(str(path), str(report))
    assert (code, err) == (2, f"{path}: error: the file is too large (page 1 holds more than 0.5 MB of content, "
                              "pdf_page_mb); skipped (see --limit)\n")
    assert seconds < 10 and rss < 300, (seconds, rss)


@pytest.mark.parametrize(("uses", "nested"), [(60_000, 0), (500, 100)])  # 6 and 5 million glyphs
def test_a_form_drawn_a_hundred_thousand_times_counts_as_what_it_draws(tmp_path, report, uses, nested):
    pytest.importorskip("pdfplumber")
    path = tmp_path / "forms.pdf"
    _glyph_flood_pdf(path, 0, form_uses=uses, nested=nested)
    code, err, seconds, rss = _measured(str(path), str(report))
    assert (code, err) == (2, f"{path}: error: the file is too large (page 1 holds more than 0.5 MB of content, "
                              "pdf_page_mb); skipped (see --limit)\n")
    assert seconds < 10 and rss < 300, (seconds, rss)


def test_content_is_counted_exactly_and_only_up_to_the_bound(tmp_path):
    pdfplumber = pytest.importorskip("pdfplumber")
    from reportlint.readers.pdf_content import content_size

    path = tmp_path / "one.pdf"
    _glyph_flood_pdf(path, 3)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0].page_obj
        assert content_size(page, 10 ** 8) == len(b"BT /F1 1 Tf 10 10 Td ") + 3 * 149_796 * 7 + len(b" ET")
        assert 1000 < content_size(page, 1000) <= 1000 + 2 ** 16  # inflation stopped a block past the bound


def test_a_main_part_too_big_to_parse_is_refused_before_it_is_inflated(tmp_path, report):
    import random
    import zipfile

    rng = random.Random(7)
    path = tmp_path / "big.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'content-types"><Default Extension="xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.wordprocessingml.document.main+xml"/></Types>')
        with package.open("word/document.xml", "w") as member:
            member.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(60_000):  # 2.1 MB of paragraphs, each a different character: not a zip bomb
                member.write(f"<w:p><w:r><w:t>{rng.choice('一二三四五六七八九十')}</w:t></w:r></w:p>".encode())
            member.write(b"</w:body></w:document>")
    code, err, _seconds, _rss = _measured("--limit", "part_mb=2", str(path), str(report))
    assert (code, err) == (2, f"{path}: error: the file is too large (word/document.xml is 2.1 MB of XML > 2 MB, "
                              "part_mb); skipped (see --limit)\n")
    code, err, _seconds, _rss = _measured("--limit", "part_mb=3", str(path), str(report))
    assert (code, err) == (0, "")  # under the bound it is read (and skipped: it is no report)


def test_styles_too_big_to_parse_are_not_inflated_and_the_document_still_reads(tmp_path, monkeypatch):
    import zipfile

    import docx

    from reportlint import limits
    from reportlint.readers import docx as docx_reader
    from reportlint.readers import docx_package

    document = docx.Document()
    document.add_heading("一、总体情况", level=1)
    plain = tmp_path / "plain.docx"
    document.save(str(plain))
    padded = tmp_path / "padded.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/styles.xml":
                data = data.replace(b"?>", b"?><!--" + b"pad " * 600_000 + b"-->", 1)  # 2.4 MB
            target.writestr(info.filename, data)
    inflated: list[str] = []
    inflate = docx_package._inflate
    monkeypatch.setattr(docx_package, "_inflate", lambda zf, member: inflated.append(getattr(member, "filename", member))
                        or inflate(zf, member))
    monkeypatch.setattr(limits.current, "part_mb", 2)
    doc = docx_reader.read_docx(str(padded), padded.read_bytes())
    assert "word/styles.xml" not in inflated and "word/document.xml" in inflated
    assert [p.text for p in doc.paragraphs] == ["一、总体情况"]
    docx_package._STYLES_CACHE.clear()
    inflated.clear()
    monkeypatch.setattr(limits.current, "part_mb", 3)
    docx_reader.read_docx(str(padded), padded.read_bytes())
    assert "word/styles.xml" in inflated


@pytest.mark.slow
def test_a_parallel_batch_of_hostile_files_ends_with_one_line_each_and_the_good_report_checked(tmp_path, report):
    """The shapes of this module side by side under -j 2 and the default bounds: each is one error line naming it,
    the run ends within a minute, no worker over 500 MB, and the good report is checked with its own findings."""
    pytest.importorskip("pdfplumber")
    folder = report.parent
    (folder / "rows.md").write_text("# " + TITLE + PIPE_ROW * 90_000, encoding="utf-8")
    (folder / "cells.txt").write_text(TITLE + "1\t2\t3\t4\t5\t6\n" * 600_000, encoding="utf-8")
    _lying_docx(folder / "lie.docx", 400)
    _glyph_flood_pdf(folder / "flood.pdf", 40)
    _glyph_flood_pdf(folder / "forms.pdf", 0, form_uses=500, nested=100)
    (folder / "deep.html").write_text("<h1>" + TITLE + "</h1>" + "<div>" * 100_000, encoding="utf-8")
    out = tmp_path / "out.json"
    code, err, seconds, rss = _measured("-j", "2", "--format", "json", "--output", str(out), str(folder))
    named = sorted(line.split(": error: ")[0] for line in err.splitlines())
    assert code == 2 and named == sorted(str(folder / n) for n in (
        "cells.txt", "deep.html", "flood.pdf", "forms.pdf", "lie.docx", "rows.md")), err
    assert seconds < 60 and rss < 500, (seconds, rss)
    import json

    result = json.loads(out.read_text(encoding="utf-8"))
    assert (result["findings"], result["skipped"], result["not_checked"]) == ([], [], [])
    assert (result["summary"]["checked"], result["summary"]["unreadable"]) == (1, 6)  # the clean report, checked
