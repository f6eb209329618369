"""The README's CI snippets are real: their YAML parses and every `reportlint` command in them runs as written."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from report_builder import ReportSpec, build_report

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


def snippet(marker: str) -> dict:
    """The ```yaml block of the README whose first line is the comment ``# <marker>``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"```yaml\n(.*?)```", text, re.S):
        if block.startswith(f"# {marker}\n"):
            return YAML(typ="safe").load(block)
    raise AssertionError(f"README has no yaml block for {marker}")


@pytest.fixture
def repo(tmp_path):
    build_report(tmp_path / "reports" / "2023年报.docx")
    build_report(tmp_path / "reports" / "乡镇" / "bad.docx", ReportSpec(period=None))
    return tmp_path


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run a snippet line with this interpreter's `reportlint` first on PATH, as a CI job would."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def commands(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("reportlint ")]


def test_github_actions_workflow(repo):
    workflow = snippet(".github/workflows/reportlint.yml")
    steps = workflow["jobs"]["reports"]["steps"]
    runs = commands([s["run"] for s in steps if "run" in s])
    assert len(runs) == 2
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert workflow["permissions"]["security-events"] == "write"

    sarif_run, github_run = (shell(cmd, repo) for cmd in runs)
    assert sarif_run.returncode == 0, sarif_run.stderr  # --exit-zero: the upload step must still run
    sarif = json.loads((repo / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results] == [
        ("statistics-period", "reports/%E4%B9%A1%E9%95%87/bad.docx")
    ]

    assert github_run.returncode == 1  # the job fails on an error finding, after annotating the pull request
    assert github_run.stdout.startswith("::error file=reports/乡镇/bad.docx,line=1,title=statistics-period::")


def test_gitlab_ci_job(repo):
    job = snippet(".gitlab-ci.yml")["reportlint"]
    runs = commands(job["script"])
    assert len(runs) == 1
    proc = shell(runs[0], repo)
    assert proc.returncode == 1, proc.stderr
    junitparser = pytest.importorskip("junitparser")
    xml = junitparser.JUnitXml.fromfile(str(repo / job["artifacts"]["reports"]["junit"]))
    cases = [(suite.name, case.name, [r.type for r in case.result]) for suite in xml for case in suite]
    failing = [c for c in cases if c[2]]
    assert failing == [("reports/乡镇/bad.docx", "statistics-period", ["error"])]
    assert len(cases) == 2 * 28  # every rule of the national pack, for both files


def tutorial() -> tuple[str, str, str]:
    """The tutorial's configuration, its command and the output it shows."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (config,) = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if b.startswith("# .reportlint.yaml (tutorial)")]
    (console,) = [b for b in re.findall(r"```console\n(.*?)```", text, re.S) if b.startswith("$ ")]
    first, _, output = console.partition("\n")
    assert first.startswith("$ ")
    return config, first[2:], output


def tutorial_report(path, defects: bool) -> None:
    """The report the tutorial describes: with its three defects, or with what the local rules ask for."""
    from report_builder import default_sections

    sections = default_sections("某某市卫生健康局")
    if defects:
        sections[4] = (sections[4][0], sections[4][1] + "下一步，将与市卫计局加强协作。")
        build_report(path, ReportSpec(agency="某某市卫生健康局", sections=sections))
        return
    sections.append(("（二）人大代表建议和政协提案办理结果公开情况", "本年度承办建议3件、提案2件，办理结果均已公开。"))
    contact = "本报告电子版可在 http://www.example.gov.cn 查阅。如对本报告有疑问，请联系（电话：0537-1234567，邮箱：a@b.cn）。"
    build_report(path, ReportSpec(agency="某某市卫生健康局", sections=sections, contact=contact))


def test_tutorial_local_rules_run_as_written(tmp_path):
    """The exact YAML of the tutorial, on the report it describes, prints exactly what the README shows."""
    config, command, expected = tutorial()
    (tmp_path / ".reportlint.yaml").write_text(config, encoding="utf-8")
    report = tmp_path / "reports" / "2023年报.docx"
    tutorial_report(report, defects=True)
    run = shell(command, tmp_path)
    assert run.returncode == 1, run.stderr
    assert run.stdout == expected

    # The same report with what the rules ask for is clean.
    tutorial_report(report, defects=False)
    run = shell(command, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr


def test_quick_start_prints_what_the_readme_shows(tmp_path):
    """The README's first command on the bundled examples: the defective report's findings, nothing of the clean
    one or of examples/README.md, exactly as shown."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "reportlint check examples/" in text.split("```console")[0]
    (shown,) = [b for b in re.findall(r"```console\n(.*?)```", text, re.S) if b.startswith("examples/")]
    run = subprocess.run([sys.executable, "-m", "reportlint", "check", "examples/"], cwd=ROOT, capture_output=True,
                         text=True, env={**os.environ, "REPORTLINT_LANG": "zh", "NO_COLOR": "1"})
    assert (run.returncode, run.stderr) == (1, "")
    assert run.stdout == shown
