"""The pre-commit hook, for real: a temporary repository that uses this repo's hook refuses a defective report."""

import subprocess
import sys
from pathlib import Path

import pytest

from package_repo import committed_copy, git, git_env
from report_builder import ReportSpec, build_report
from test_markdown_reader import markdown_report

pytestmark = pytest.mark.slow


@pytest.fixture
def env(tmp_path):
    return git_env(tmp_path)


def _hooked(tmp_path, env) -> Path:
    """A new repository whose pre-commit hook is this project's, as committed to a repo pre-commit can clone."""
    hook_repo = tmp_path / "hook"
    rev = committed_copy(hook_repo, env, "hook")
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q", env=env)
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: reportlint\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=work, env=env, check=True, capture_output=True)
    return work


def test_hook_refuses_a_defective_report_and_accepts_a_clean_one(tmp_path, env):
    work = _hooked(tmp_path, env)
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


def test_hook_compares_with_last_years_report_already_in_the_repository(tmp_path, env):
    # pre-commit hands the hook the staged 2023 report only: last year's is found in the repository (beside it,
    # then in another folder, then where the configuration's history: says) and the wrong 上年结转 refuses the commit
    work = _hooked(tmp_path, env)
    agency = "宜良县自然资源局"
    build_report(work / f"{agency}2022年报.docx", ReportSpec(agency=agency, year=2022))
    git(work, "add", "-A", env=env)
    git(work, "commit", "-qm", "2022", env=env)

    def commit_2023() -> str:
        build_report(work / "2023年报.docx", ReportSpec(agency=agency, year=2023))
        git(work, "add", "2023年报.docx", env=env)
        refused = subprocess.run(["git", "commit", "-m", "2023"], cwd=work, env=env, capture_output=True, text=True)
        assert refused.returncode != 0, refused.stdout + refused.stderr
        git(work, "reset", "-q", env=env)
        return refused.stdout + refused.stderr

    output = commit_2023()
    assert ('第2张表 行「二、上年结转政府信息公开申请数量」 列「申请人情况 / 自然人」  error  carryover-mismatch  '
            f'表三「二、上年结转政府信息公开申请数量」「自然人」为2，与上年报告 {agency}2022年报.docx 的「四、结转下年度继续办理」'
            '「自然人」3不一致') in output, output
    (work / "归档" / "2022").mkdir(parents=True)
    git(work, "mv", f"{agency}2022年报.docx", f"归档/2022/{agency}2022年报.docx", env=env)
    git(work, "commit", "-qm", "archive", env=env)
    assert f"与上年报告 归档/2022/{agency}2022年报.docx 的" in commit_2023()
    git(work, "mv", f"归档/2022/{agency}2022年报.docx", "old.docx", env=env)
    (work / ".reportlint.yaml").write_text("history: [\"old.docx\"]\n", encoding="utf-8")
    git(work, "add", ".reportlint.yaml", env=env)
    git(work, "commit", "-qm", "history", "--no-verify", env=env)
    assert "与上年报告 old.docx 的" in commit_2023()
