"""The README's install lines work against this repository as it is: one version source, a tag named after it, the
pre-commit configuration and the pip line run against a clone tagged so; the CHANGELOG names the version."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from package_repo import committed_copy, git, git_env
from report_builder import ReportSpec, build_report

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
URL = "https://example.org/reportlint.git"


def test_one_version_everywhere(capsys):
    from reportlint import __version__
    from reportlint.cli import main

    pinned = version("reportlint")
    assert __version__ == pinned
    assert re.findall(r"@v(\d[\w.]*)'", README) == [pinned, pinned]  # the pip lines of GitHub Actions and GitLab
    assert re.findall(r"rev: v(\d[\w.]*)", README) == [pinned]  # pre-commit
    assert f"## [{pinned}] - " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    out = capsys.readouterr().out.splitlines()
    assert done.value.code == 0
    assert out[0] == f"reportlint {pinned}"
    assert "  national-2021 2026.12" in out and "  shandong 2026.12" in out


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    """A clone of this repository's package files, committed and tagged v<version>, as a release would be."""
    root = tmp_path_factory.mktemp("release")
    env = git_env(root)
    clone = root / "reportlint"
    committed_copy(clone, env, "release")
    git(clone, "tag", "-a", f"v{version('reportlint')}", "-m", "release", env=env)
    return root, clone, env


@pytest.mark.slow
def test_the_readme_pre_commit_configuration_runs_at_the_tag(tagged):
    root, clone, env = tagged
    (snippet,) = re.findall(r"## pre-commit\n\n```yaml\n(.*?)```", README, re.S)
    work = root / "work"
    work.mkdir()
    git(work, "init", "-q", env=env)
    (work / ".pre-commit-config.yaml").write_text(snippet.replace(URL, str(clone)), encoding="utf-8")
    build_report(work / "bad.docx", ReportSpec(period=None))
    git(work, "add", "-A", env=env)
    run = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--files", "bad.docx"], cwd=work, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "statistics-period" in run.stdout


@pytest.mark.slow
def test_the_readme_pip_line_installs_the_tag(tagged, tmp_path):
    root, clone, env = tagged
    (line,) = {m for m in re.findall(r"pip install ('reportlint\[pdf\] @ git\+[^']+')", README)}
    requirement = line.strip("'").replace(f"git+{URL}", f"git+file://localhost{clone}")  # a host: older pip wants one
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # the package comes from the tagged clone, built as pip builds it (build-system requires, isolated); its
    # dependencies are this environment's, not downloaded again
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", requirement], check=True, env=env, timeout=600)
    site = next(p for p in sys.path if p.endswith("site-packages"))
    run = subprocess.run([python, "-c", "import reportlint, sys; print(reportlint.__file__); "
                                        "from reportlint.cli import main; sys.exit(main(['--version']))"],
                         capture_output=True, text=True, env=dict(env, PYTHONPATH=site), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    where, first, *packs = run.stdout.splitlines()
    assert where.startswith(str(venv)) and first == f"reportlint {version('reportlint')}"
    assert "  national-2021 2026.12" in packs


def test_a_packs_version_is_read_from_the_top_of_its_file_only(tmp_path):
    from reportlint.pack.yamlio import top_level_scalar

    pack = tmp_path / "p.yaml"
    pack.write_text("pack: p\nreport: {version: nested}\nrules:\n  - {id: a, version: x}\n  - [version, y]\n"
                    "version: \"2026.12\"\ntables: {}\n", encoding="utf-8")
    assert top_level_scalar(pack, "version") == "2026.12"
    assert top_level_scalar(pack, "report") is None  # a mapping, not a scalar
    assert top_level_scalar(pack, "missing") is None
    pack.write_text("version: [1, 2]\n", encoding="utf-8")
    assert top_level_scalar(pack, "version") is None
