""".doc and .wps: converted by LibreOffice (headless, in a private folder, with a time limit) and read as .docx; the
findings are those of the .docx; without LibreOffice one line says what to do; the original is never touched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from report_builder import ReportSpec, build_report
from reportlint.api import lint_paths
from shared_data import CORPUS

SOFFICE = shutil.which("soffice")
if SOFFICE is None and os.environ.get("CI"):  # .ci/run installs LibreOffice: in CI these must run
    raise RuntimeError("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _run(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=300)


def _as_doc(docx: Path, folder: Path) -> Path:
    """The .docx saved as Word 97-2003 by LibreOffice, as an office's old files were."""
    folder.mkdir(exist_ok=True)
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--convert-to", "doc", "--outdir", str(folder), str(docx)], capture_output=True, check=True,
                   timeout=120)
    return folder / (docx.stem + ".doc")


def _found(paths: list[Path], lang: str = "zh") -> list[tuple[str, str, str]]:
    report = lint_paths([str(p) for p in paths], lang=lang)
    assert report.errors == []
    return [(f.rule, f.location.render(lang), f.text(lang)) for f in report.findings]


@needs_soffice
def test_a_doc_gives_the_findings_of_its_docx_and_is_left_untouched(tmp_path):
    docx = tmp_path / "r.docx"
    build_report(docx, ReportSpec(period=None, contact="联系电话：8928868", t3={("（七）总计", "总计"): "1"}))
    doc = _as_doc(docx, tmp_path / "old")
    before = (doc.read_bytes(), doc.stat().st_mtime_ns)

    expected = _found([docx])
    assert [rule for rule, _, _ in expected] == ["statistics-period", "contact-info", "t3-balance"]
    assert _found([doc]) == expected
    assert (doc.read_bytes(), doc.stat().st_mtime_ns) == before
    assert sorted(p.name for p in doc.parent.iterdir()) == ["profile", "r.doc"]  # nothing written beside it

    shown = _run("check", str(doc))
    assert shown.returncode == 1
    assert shown.stdout.splitlines()[0] == f"{doc}（由 LibreOffice 从 .doc 转换为 .docx 后检查，位置指转换后的文档）"
    data = json.loads(_run("check", "--format", "json", "--lang", "en", str(doc)).stdout)
    assert data["converted"] == [{"path": str(doc), "from": "doc"}]
    assert data["summary"]["findings"] == 3


@needs_soffice
def test_a_wps_and_a_folder_walk_take_the_old_files_when_libreoffice_is_there(tmp_path):
    docx = tmp_path / "src" / "r.docx"
    docx.parent.mkdir()
    build_report(docx, ReportSpec(period=None))
    doc = _as_doc(docx, tmp_path / "old")
    shutil.copy(doc, tmp_path / "old" / "r2.wps")
    shutil.rmtree(tmp_path / "old" / "profile")
    report = lint_paths([str(tmp_path / "old")])
    assert report.errors == []
    assert sorted((Path(f.path).name, f.rule) for f in report.findings) == [
        ("r.doc", "statistics-period"), ("r2.wps", "statistics-period")]
    assert report.converted_from(str(tmp_path / "old" / "r2.wps")) == "wps"


@needs_soffice
def test_a_word_97_file_named_docx_is_converted_too(tmp_path):
    docx = tmp_path / "r.docx"
    build_report(docx, ReportSpec(period=None))
    misnamed = tmp_path / "misnamed.docx"
    misnamed.write_bytes(_as_doc(docx, tmp_path / "old").read_bytes())
    report = lint_paths([str(misnamed)])
    assert (report.errors, [f.rule for f in report.findings]) == ([], ["statistics-period"])
    assert report.converted_from(str(misnamed)) == "doc"


@needs_soffice
def test_a_real_doc_of_the_corpus_is_read(tmp_path):
    real = CORPUS / "apache-tika" / "testWORD.doc"
    if not real.exists():
        pytest.skip("../shared is not beside the repository")
    dumped = _run("dump", "--lang", "en", str(real))
    assert dumped.returncode == 0, dumped.stderr
    assert "format: doc" in dumped.stdout
    checked = _run("check", "--lang", "en", "--verbose", str(real))
    assert (checked.returncode, checked.stdout) == (0, "no report checked; 0 files checked, 1 skipped (not a report).\n")


def test_without_libreoffice_a_named_doc_is_one_line_and_a_walk_leaves_it(tmp_path):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    proc = _run("check", "--lang", "en", str(doc), env={"REPORTLINT_SOFFICE": ""})
    assert (proc.returncode, proc.stdout.splitlines()[-1:], proc.stderr) == (
        2, ["checking did not complete: 1 input error (see the error messages); 0 files checked, 1 could not be read."],
        f"{doc}: error: this is a Word 97-2003 or WPS document, which is checked after LibreOffice converts it: "
        "install LibreOffice (soffice on the PATH), or save it as .docx in Word or WPS\n")
    walked = _run("check", "--lang", "en", str(tmp_path), env={"REPORTLINT_SOFFICE": ""})
    assert walked.returncode == 0 and "no report files to check" in walked.stderr


def _fake(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_a_conversion_that_fails_or_hangs_is_one_line_and_leaves_nothing_running(tmp_path):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    failing = _fake(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1")
    proc = _run("check", "--lang", "en", str(doc), env={"REPORTLINT_SOFFICE": failing})
    assert (proc.returncode, proc.stderr) == (
        2, f"{doc}: error: LibreOffice could not convert the file to .docx (Error: source file could not be loaded); it "
           "may be damaged or password protected: open it in Word or WPS, remove any password and save it as .docx\n")

    marker = "9873"  # a sleep of this many seconds, started by the fake LibreOffice in the background
    hanging = _fake(tmp_path, f"sleep {marker} &\nwait")
    started = time.monotonic()
    proc = _run("check", "--lang", "en", "--limit", "convert_seconds=1", str(doc), env={"REPORTLINT_SOFFICE": hanging})
    assert time.monotonic() - started < 30
    assert (proc.returncode, proc.stderr) == (
        2, f"{doc}: error: LibreOffice took longer than 1 s to convert the file; stopped (see --limit "
           "convert_seconds=N)\n")
    left = subprocess.run(["pgrep", "-f", f"sleep {marker}"], capture_output=True, text=True)
    assert left.stdout == ""


@pytest.mark.slow
@needs_soffice
def test_every_doc_of_the_corpus_is_read_or_one_clear_error():
    docs = sorted(CORPUS.rglob("*.doc"))
    if not docs:
        pytest.skip("../shared is not beside the repository")
    proc = _run("check", "--format", "json", "--lang", "en", "-j", "2", *map(str, docs))
    data = json.loads(proc.stdout)
    assert proc.returncode in (0, 1, 2) and "Traceback" not in proc.stderr
    looked = data["summary"]["files"]
    assert looked == len(docs)
    codes = {e.get("code") for e in data["errors"]}
    assert codes <= {"encrypted", "convert-failed", "not-zip", "corrupt-zip", "bad-xml", "no-document", "empty"}, codes


def test_an_ofd_is_one_clear_line_named_or_walked(tmp_path):
    (tmp_path / "r.ofd").write_bytes(b"PK\x03\x04 an OFD package")
    for target in (tmp_path / "r.ofd", tmp_path):
        proc = _run("check", "--lang", "en", str(target))
        assert (proc.returncode, proc.stderr) == (
            2, f"{tmp_path / 'r.ofd'}: error: OFD files are not read yet; save the report as PDF or Word from an OFD "
               "reader (or use the original .docx) and check that\n")
