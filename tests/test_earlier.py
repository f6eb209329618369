"""Last year's report found without setup (reportlint.earlier): in the git repository the checked report is in, in
another folder of it, where the configuration's ``history:`` says; ``--no-history``; the title cache; the
finding naming the earlier report relative to the repository with its cell as a related location."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from package_repo import git, git_env
from report_builder import ReportSpec, build_report

AGENCY = "宜良县自然资源局"
CARRIED = [  # (column, this year's 上年结转, last year's 结转下年度继续办理): the default numbers disagree in four
    ("自然人", 2, 3), ("商业企业", 0, 1), ("法律服务机构", 1, 0), ("总计", 3, 4)]


def _run(*args: str, cwd: Path, cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, REPORTLINT_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


@pytest.fixture
def repo(tmp_path):
    """A git repository with the agency's 2022 report committed and its 2023 report (the defaults: 上年结转 wrong)
    not yet added."""
    env = git_env(tmp_path)
    work = tmp_path / "work"
    (work / "2022").mkdir(parents=True)
    git(work, "init", "-q", env=env)
    build_report(work / "2022" / f"{AGENCY}2022年报.docx", ReportSpec(agency=AGENCY, year=2022))
    git(work, "add", "-A", env=env)
    git(work, "commit", "-qm", "2022", env=env)
    build_report(work / "2023年报.docx", ReportSpec(agency=AGENCY, year=2023))
    return work


def _carryover(out: subprocess.CompletedProcess) -> list[tuple]:
    found = json.loads(out.stdout)["findings"]
    return [(f["details"]["previous"], f["location"]["column_label"].split(" / ")[-1], f["related"][0]["path"],
             f["related"][0]["location"]["row_label"]) for f in found if f["rule"] == "carryover-mismatch"]


def test_last_years_report_is_found_in_the_repository(repo, tmp_path):
    out = _run("check", "--format", "json", "--lang", "en", "2023年报.docx", cwd=repo, cache=tmp_path / "cache")
    previous = f"2022/{AGENCY}2022年报.docx"  # relative to the repository
    assert _carryover(out) == [(previous, column, previous, "四、结转下年度继续办理") for column, _, _ in CARRIED]
    message = json.loads(out.stdout)["findings"][2]["message"]
    assert message == f'table 3 "二、上年结转政府信息公开申请数量" "自然人" is 2, but last year\'s report {previous} gives ' \
                      '"四、结转下年度继续办理" "自然人" = 3'
    # --no-history: not looked for; the report alone is clean
    alone = _run("check", "--format", "json", "--no-history", "2023年报.docx", cwd=repo, cache=tmp_path / "cache")
    assert json.loads(alone.stdout)["findings"] == [] and alone.returncode == 0
    sarif = json.loads(_run("check", "--format", "sarif", "2023年报.docx", cwd=repo, cache=tmp_path / "cache").stdout)
    related = [r for res in sarif["runs"][0]["results"] if res["ruleId"] == "carryover-mismatch"
               for r in res["relatedLocations"]]
    page = _run("check", "--format", "html", "--lang", "en", "2023年报.docx", cwd=repo, cache=tmp_path / "cache").stdout
    assert f'<span class="related">{previous}: table 2 row &quot;四、结转下年度继续办理&quot; column &quot;申请人情况 / 自然人&quot;' \
        in page
    assert {r["physicalLocation"]["artifactLocation"]["uri"] for r in related} == {
        "2022/%E5%AE%9C%E8%89%AF%E5%8E%BF%E8%87%AA%E7%84%B6%E8%B5%84%E6%BA%90%E5%B1%802022%E5%B9%B4%E6%8A%A5.docx"}


def test_run_from_outside_the_repository_the_related_place_opens_from_there(repo, tmp_path):
    # the message names last year's report within its repository; JSON, SARIF (under %SRCROOT%, the working
    # directory) and the html page give a path that opens from where reportlint ran, as the report's own
    out = _run("check", "--format", "json", "--lang", "en", "work/2023年报.docx", cwd=tmp_path, cache=tmp_path / "cache")
    previous = f"2022/{AGENCY}2022年报.docx"
    assert _carryover(out) == [(previous, column, f"work/{previous}", "四、结转下年度继续办理") for column, _, _ in CARRIED]
    assert {f["path"] for f in json.loads(out.stdout)["findings"]} == {"work/2023年报.docx"}
    sarif = json.loads(_run("check", "--format", "sarif", "work/2023年报.docx", cwd=tmp_path, cache=tmp_path / "cache").stdout)
    assert sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    assert {(r["physicalLocation"]["artifactLocation"]["uri"], r["physicalLocation"]["artifactLocation"]["uriBaseId"])
            for res in sarif["runs"][0]["results"] if res["ruleId"] == "carryover-mismatch"
            for r in res["relatedLocations"]} == {(
                "work/2022/%E5%AE%9C%E8%89%AF%E5%8E%BF%E8%87%AA%E7%84%B6%E8%B5%84%E6%BA%90%E5%B1%802022%E5%B9%B4%E6%8A%A5.docx",
                "%SRCROOT%")}
    inside = _run("check", "--format", "json", "--lang", "en", "../2023年报.docx", cwd=repo / "2022", cache=tmp_path / "cache")
    assert _carryover(inside) == [(previous, column, f"{AGENCY}2022年报.docx", "四、结转下年度继续办理")
                                  for column, _, _ in CARRIED]


def test_a_name_that_says_nothing_is_read_only_when_nothing_else_can_be(repo, tmp_path):
    # the 2022 report renamed to say neither agency nor year, in a folder that says the year: still found (the
    # year), and once read its title is cached; another agency's report of 2022 that names its agency is not read
    # while one names ours
    env = git_env(tmp_path)
    (repo / "2022" / f"{AGENCY}2022年报.docx").rename(repo / "2022" / "report.docx")
    broken = repo / "2022" / "某县财政局年报.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")  # read, it would be passed over; named otherwise, never opened
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-qm", "renamed", env=env)
    cache = tmp_path / "cache"
    out = _run("check", "--format", "json", "2023年报.docx", cwd=repo, cache=cache)
    assert {p for p, *_ in _carryover(out)} == {"2022/report.docx"}
    titles = json.loads((cache / "titles.json").read_text(encoding="utf-8"))
    assert [(Path(k).name, v[2:]) for k, v in titles.items()] == [("report.docx", [AGENCY, 2022])]


def test_history_in_the_configuration_replaces_the_repository(repo, tmp_path):
    env = git_env(tmp_path)
    (repo / "归档").mkdir()
    (repo / "2022" / f"{AGENCY}2022年报.docx").rename(repo / "归档" / "old.docx")
    (repo / ".reportlint.yaml").write_text("history: [\"2022/**\"]\n", encoding="utf-8")
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-qm", "moved", env=env)
    cache = tmp_path / "cache"
    nothing = _run("check", "--format", "json", "2023年报.docx", cwd=repo, cache=cache)
    assert _carryover(nothing) == []  # history: names a folder without it, and replaces the repository
    (repo / ".reportlint.yaml").write_text("history: 归档/\n", encoding="utf-8")
    there = _run("check", "--format", "json", "2023年报.docx", cwd=repo, cache=cache)
    assert {p for p, *_ in _carryover(there)} == {"归档/old.docx"}
    shown = _run("config", "show", "--lang", "en", "2023年报.docx", cwd=repo, cache=cache).stdout.splitlines()
    assert f"last year's report: where history: in {repo / '.reportlint.yaml'}: 归档/ says" in shown


def test_outside_git_the_folder_of_the_configuration_is_searched(tmp_path):
    work = tmp_path / "reports"
    (work / "old").mkdir(parents=True)
    (work / ".reportlint.yaml").write_text("pack: national-2021\n", encoding="utf-8")
    build_report(work / "old" / f"{AGENCY}2022.docx", ReportSpec(agency=AGENCY, year=2022))
    build_report(work / "2023年报.docx", ReportSpec(agency=AGENCY, year=2023))
    out = _run("check", "--format", "json", "2023年报.docx", cwd=work, cache=tmp_path / "cache")
    assert len(_carryover(out)) == 4
    alone = tmp_path / "alone"
    alone.mkdir()
    (work / "2023年报.docx").rename(alone / "2023年报.docx")  # no repository, no configuration: nothing to search
    assert _carryover(_run("check", "--format", "json", "2023年报.docx", cwd=alone, cache=tmp_path / "cache")) == []


def _title_both_ways(path: Path) -> tuple[tuple, tuple] | None:
    """(agency and title year) as the whole document gives them, and as its opening paragraphs do; None when
    either cannot be read."""
    from reportlint.errors import InputError
    from reportlint.history import agency_of
    from reportlint.model import Document, Paragraph
    from reportlint.readers import load_document
    from reportlint.readers.docx_opening import opening_paragraphs

    texts = opening_paragraphs(path.read_bytes())
    try:
        doc = load_document(str(path))
    except InputError:
        return None
    if texts is None:
        return None
    peek = Document.build(str(path), [Paragraph(t) for t in texts], "docx")
    return ((agency_of(doc.title) if doc.title else "", doc.year if doc.year_from == "title" else None),
            (agency_of(peek.title) if peek.title else "", peek.year if peek.year_from == "title" else None))


def test_the_opening_of_a_report_gives_the_title_the_whole_gives(tmp_path):
    # a title split over two lines, a table before section 一, a report without a title line
    specs = [ReportSpec(agency=AGENCY, year=2022), ReportSpec(title="某某县人民政府办公室\n2021年政府信息公开工作年度报告"),
             ReportSpec(title="关于印发年度工作安排的通知")]
    for i, spec in enumerate(specs):
        whole, opening = _title_both_ways(build_report(tmp_path / f"{i}.docx", spec))
        assert whole == opening, spec.title
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 broken")
    from reportlint.readers.docx_opening import opening_paragraphs

    assert opening_paragraphs((tmp_path / "bad.docx").read_bytes()) is None


@pytest.mark.slow
def test_the_opening_gives_the_whole_documents_title_on_every_real_docx():
    from shared_data import SHARED

    if not SHARED.is_dir():
        pytest.skip("../shared is not here")
    pairs = [p for f in sorted(SHARED.glob("corpus/**/*.docx")) if (p := _title_both_ways(f)) is not None]
    assert len(pairs) > 300
    assert [p for p in pairs if p[0] != p[1]] == []
