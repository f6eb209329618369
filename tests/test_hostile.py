"""Hostile input and slips of the keyboard: never clobber a report, never leak a file the user did not name, one
clear line and exit 2 — each case generated here, small on disk."""

from __future__ import annotations

import os
import shutil
import stat
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
