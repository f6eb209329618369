"""`reportlint check -` (standard input, named by --stdin-filename) and folder walks honouring .gitignore, .ignore
and .git/info/exclude."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from report_builder import ReportSpec, build_report
from reportlint.readers import sniff_suffix
from reportlint.walk import collect

SEED_MD = "# 某某市某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n2023年，本局认真贯彻落实条例。\n"


def check(*args, stdin: bytes | None = None, cwd=None):
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", *args], input=stdin, capture_output=True,
                          cwd=cwd, timeout=120)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def findings(out: str) -> list[tuple[str, str, dict]]:
    return [(f["path"], f["rule"], f["location"]) for f in json.loads(out)["findings"]]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return build_report(tmp_path_factory.mktemp("stdin") / "r.docx", ReportSpec(period=None))


def test_standard_input_gives_what_the_file_gives_under_its_name(report, tmp_path):
    _, from_file, _ = check("--format", "json", str(report))
    code, out, err = check("--format", "json", "--stdin-filename", str(report), "-", stdin=report.read_bytes())
    assert (code, err) == (1, "")
    assert findings(out) == findings(from_file) != []


def test_without_a_name_the_content_picks_the_reader(report, tmp_path):
    code, out, _ = check("--format", "json", "-", stdin=report.read_bytes())
    assert code == 1
    assert {path for path, _, _ in findings(out)} == {"stdin.docx"}
    md = tmp_path / "r.md"
    md.write_text(SEED_MD, encoding="utf-8")
    _, from_file, _ = check("--format", "json", "--lang", "en", str(md))
    _, from_stdin, _ = check("--format", "json", "--lang", "en", "-", stdin=md.read_bytes())
    assert [f[1:] for f in findings(from_stdin)] == [f[1:] for f in findings(from_file)] != []


@pytest.mark.parametrize(("data", "suffix"), [
    (b"PK\x03\x04rest", ".docx"), (b"\xd0\xcf\x11\xe0old", ".doc"), (b"%PDF-1.7", ".pdf"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html>", ".html"), (b"  <table><tr>", ".html"),
    ("# 标题\n\n正文".encode(), ".md"), (b"| a | b |\n|---|---|", ".md"), ("一、总体情况\n正文".encode(), ".txt"),
])
def test_sniffing(data, suffix):
    assert sniff_suffix(data) == suffix


def test_the_configuration_and_per_file_ignores_follow_the_stdin_name(report, tmp_path):
    (tmp_path / ".reportlint.yaml").write_text('per-file-ignores:\n  "archive/**": [statistics-period]\n',
                                               encoding="utf-8")
    code, out, _ = check("--format", "json", "--stdin-filename", "archive/2023.docx", cwd=tmp_path,
                         stdin=report.read_bytes())
    assert code == 0 and "statistics-period" not in {r for _, r, _ in findings(out)}
    code, out, _ = check("--format", "json", "--stdin-filename", "current/2023.docx", cwd=tmp_path,
                         stdin=report.read_bytes())
    assert code == 1 and "statistics-period" in {r for _, r, _ in findings(out)}


def test_bad_standard_input_is_one_line_and_exit_2():
    assert check("--lang", "en", "--stdin-filename", "x.pdf", stdin=b"hello") == (
        2, "checking did not complete: 1 input error (see the error messages); 0 files checked, 1 could not be read.\n",
        "x.pdf: error: not a valid PDF file (the file may be corrupt or truncated): no %PDF- header\n")
    code, _, err = check("--lang", "en", "-", stdin=b"")
    assert (code, err) == (2, "stdin.txt: error: the file is empty (0 bytes)\n")


@pytest.fixture()
def repo(tmp_path, report):
    """A Git repository: build/ ignored by .gitignore, reports/old/* by reports/.ignore except c.docx, tmp.docx by
    .git/info/exclude."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for name in ("build/x.docx", "reports/a.docx", "reports/old/b.docx", "reports/old/c.docx", "tmp.docx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(report, tmp_path / name)
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    (tmp_path / "reports" / ".ignore").write_text("old/*\n!old/c.docx\n", encoding="utf-8")
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("/tmp.docx\n", encoding="utf-8")
    return tmp_path


def test_walks_skip_what_git_ignores(repo, monkeypatch):
    monkeypatch.chdir(repo)
    assert list(collect(["."])) == ["reports/a.docx", "reports/old/c.docx"]
    assert list(collect(["reports/old"])) == ["reports/old/c.docx"]  # the ignore files above apply too
    assert list(collect(["build"])) == []
    assert list(collect(["build/x.docx", "tmp.docx"])) == ["build/x.docx", "tmp.docx"]  # named: always checked
    assert list(collect(["."], respect_ignores=False)) == [  # a folder's files, then its folders
        "tmp.docx", "build/x.docx", "reports/a.docx", "reports/old/b.docx", "reports/old/c.docx"]


def test_gitignore_counts_only_inside_a_repository(repo, monkeypatch):
    shutil.rmtree(repo / ".git")
    monkeypatch.chdir(repo)
    assert list(collect(["."])) == ["tmp.docx", "build/x.docx", "reports/a.docx", "reports/old/c.docx"]


def test_the_command_line_honours_ignores_unless_told_not_to(repo):
    summary = json.loads(check("--format", "json", str(repo))[1])["summary"]
    assert summary["files"] == 2
    summary = json.loads(check("--format", "json", "--no-respect-gitignore", str(repo))[1])["summary"]
    assert summary["files"] == 5
