"""Nothing is modified, output is deterministic, bounds are clean errors."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from report_builder import ReportSpec, build_report
from shared_data import SEEDS
from test_markdown_reader import markdown_report

FORMATS = ["text", "concise", "json", "sarif", "github", "junit", "html"]


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "reportlint", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """One report per format the linter reads, defects included, plus the seeds and a broken file."""
    root = tmp_path_factory.mktemp("inputs")
    build_report(root / "clean.docx")
    build_report(root / "defects.docx", ReportSpec(period=None, t3={("（一）予以公开", "自然人"): "21"}))
    (root / "report.md").write_text(markdown_report(ReportSpec(contact=None)), encoding="utf-8")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, root / seed.name)
    (root / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    return root


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.iterdir()) if p.is_file()}


def test_no_command_and_no_output_format_touches_the_inputs(inputs, tmp_path):
    before = snapshot(inputs)
    out = tmp_path / "out"
    out.mkdir()
    for fmt in FORMATS:
        assert cli("check", "--format", fmt, inputs).returncode == 2  # the broken file
        assert cli("check", "--format", fmt, "--output", out / f"report.{fmt}", inputs).returncode == 2
    assert cli("check", "--write-baseline", out / "baseline.json", inputs).returncode == 2
    assert cli("check", "--baseline", out / "baseline.json", inputs).returncode == 2
    for name in ("clean.docx", "report.md", "000_d93e1d25621cc069.txt"):
        assert cli("dump", inputs / name).returncode == 0
        assert cli("dump", "--format", "json", inputs / name).returncode == 0
    assert cli("config", "show", inputs / "clean.docx").returncode == 0
    assert snapshot(inputs) == before
    assert sorted(p.name for p in inputs.iterdir()) == sorted(before)  # nothing written beside the reports


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_inputs_give_byte_identical_output(inputs, tmp_path, fmt):
    first, second = (cli("check", "--format", fmt, "--output", tmp_path / f"{n}.out", inputs) for n in (1, 2))
    assert first.returncode == second.returncode == 2
    assert (tmp_path / "1.out").read_bytes() == (tmp_path / "2.out").read_bytes()
    assert first.stderr == second.stderr


def test_order_of_arguments_does_not_change_the_findings(inputs):
    files = sorted(str(p) for p in inputs.iterdir())
    forward = cli("check", "--format", "json", *files)
    backward = cli("check", "--format", "json", *reversed(files))
    assert sorted(forward.stdout.splitlines()) == sorted(backward.stdout.splitlines())


def test_output_file_is_written_atomically(inputs, tmp_path):
    """A failed run leaves an existing output file as it was, and no temporary file behind."""
    target = tmp_path / "report.json"
    target.write_text("previous", encoding="utf-8")
    run = cli("check", "--format", "json", "--output", target, inputs / "clean.docx", "--rules", tmp_path / "none.yaml")
    assert run.returncode == 2
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_no_network_no_entities_in_docx_xml(tmp_path):
    """An external entity in document.xml is neither fetched nor expanded."""
    import zipfile

    src = build_report(tmp_path / "r.docx")
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(evil, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:document", b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                                   b"<w:document", 1).replace(b"<w:body>", b"<w:body>&x;", 1)
            zout.writestr(info, data)
    run = cli("dump", evil)
    assert "root:" not in run.stdout and "Traceback" not in run.stderr
