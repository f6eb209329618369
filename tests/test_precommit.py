"""The pre-commit hook, for real: a temporary repository that uses this repo's hook refuses a defective report."""

import subprocess
import sys

import pytest

from package_repo import committed_copy, git, git_env
from report_builder import ReportSpec, build_report
from test_markdown_reader import markdown_report

pytestmark = pytest.mark.slow


@pytest.fixture
def env(tmp_path):
    return git_env(tmp_path)


def test_hook_refuses_a_defective_report_and_accepts_a_clean_one(tmp_path, env):
    # The hook repository: this project's files as committed to a repo pre-commit can clone.
    hook_repo = tmp_path / "hook"
    rev = committed_copy(hook_repo, env, "hook")

    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q", env=env)
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: reportlint\n", encoding="utf-8")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    subprocess.run([*pre_commit, "install"], cwd=work, env=env, check=True, capture_output=True)
    git(work, "add", ".pre-commit-config.yaml", env=env)
    git(work, "commit", "-qm", "config", env=env)

    build_report(work / "2023年报.docx", ReportSpec(period=None))
    (work / "~$2023年报.docx").write_bytes(b"\x00 Word lock file")  # must be excluded by the hook
    git(work, "add", "-A", env=env)
    refused = subprocess.run(["git", "commit", "-m", "report"], cwd=work, env=env, capture_output=True, text=True)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "2023年报.docx\n  全文  error  statistics-period  未找到统计期限" in output
    assert "~$2023年报.docx:" not in output  # the lock file was not handed to the linter

    build_report(work / "2023年报.docx")
    git(work, "add", "-A", env=env)
    accepted = subprocess.run(["git", "commit", "-m", "report"], cwd=work, env=env, capture_output=True, text=True)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "reportlint (政府信息公开工作年度报告)" in accepted.stderr and "Passed" in accepted.stderr

    # Markdown reports are checked too, with line:column; a README beside them is not a report.
    (work / "README.md").write_text("# 年报仓库\n\n各单位政府信息公开工作年度报告的源文件。\n", encoding="utf-8")
    text = markdown_report(ReportSpec(contact="联系电话：8928868。"))
    (work / "2023年报.md").write_text(text, encoding="utf-8")
    git(work, "add", "-A", env=env)
    refused = subprocess.run(["git", "commit", "-m", "md"], cwd=work, env=env, capture_output=True, text=True)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    line = next(n for n, ln in enumerate(text.split("\n"), 1) if "8928868" in ln)
    assert f"2023年报.md\n  {line}:" in output and "contact-info" in output, output
    assert "README.md" not in output
