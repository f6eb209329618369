"""-j N: the same bytes as -j 1 in every output format, errors included; work really spread over processes."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

from report_builder import ReportSpec, build_report
from reportlint import api
from reportlint import batch as batch_module
from reportlint.errors import CheckError, ConfigError, InputError

FORMATS = ["text", "concise", "json", "sarif", "github", "junit", "html"]


@pytest.fixture(autouse=True)
def workers_for_any_batch(monkeypatch):
    """These tests are about the workers: start them for a batch of twelve files too (by default a batch this small
    is linted in-process: test_a_small_batch_runs_in_process)."""
    monkeypatch.setenv("REPORTLINT_MIN_WORK_PER_JOB", "1")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Ten reports (clean, defective, two years of one agency that disagree), a corrupt file, a Markdown note."""
    root = tmp_path_factory.mktemp("batch")
    specs = [
        ReportSpec(agency="甲市乙局"),
        ReportSpec(agency="甲市丙局", t3={("（七）总计", "自然人"): "44"}),
        ReportSpec(agency="甲市丁局", contact=None, period=None),
        ReportSpec(agency="甲市戊局", t4={("行政复议", "结果维持"): ""}),
        ReportSpec(agency="甲市己局", year=2022),
        ReportSpec(agency="甲市己局", year=2023, t3={("二、上年结转政府信息公开申请数量", "自然人"): "9"}),
        ReportSpec(agency="甲市庚局"),
        ReportSpec(agency="甲市辛局", include_tables=("二", "三")),
        ReportSpec(agency="甲市壬局", year=2019),
        ReportSpec(agency="甲市癸局", t2={("规章", "本年制发件数"): "x"}),
    ]
    for i, spec in enumerate(specs):
        build_report(root / f"r{i:02d}.docx", spec)
    (root / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    (root / "notes.md").write_text("# 会议记录\n\n无关内容。\n", encoding="utf-8")
    return root


def _check(root, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportlint", "check", "--lang", "en", *args, str(root)],
                          capture_output=True, env={**os.environ, "NO_COLOR": "1"})


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_byte_identical_whatever_jobs_is(batch, fmt):
    one = _check(batch, "--format", fmt, "-j", "1")
    two = _check(batch, "--format", fmt, "-j", "2")
    every = _check(batch, "--format", fmt, "-j", "0")
    assert one.returncode == 2  # the corrupt file
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert (every.returncode, every.stdout, every.stderr) == (one.returncode, one.stdout, one.stderr)
    assert b"broken.docx" in one.stderr


def test_the_batch_has_findings_of_every_kind_checked(batch):
    report = api.lint_paths([str(batch)], lang="en", jobs=2)
    rules = {f.rule for f in report.findings}
    assert {"t3-balance", "contact-info", "statistics-period", "blank-cell", "carryover-mismatch"} <= rules
    assert [e.code for e in report.errors] == ["corrupt-zip"]
    assert report.skipped == [str(batch / "notes.md")]


def test_workers_really_run_the_files(batch, monkeypatch):
    seen: list[int] = []
    original = batch_module.lint_file

    def spy(task):
        seen.append(os.getpid())
        return original(task)

    monkeypatch.setattr(batch_module, "lint_file", spy)
    api.lint_paths([str(batch)], jobs=2)
    assert seen == []  # the spy ran in the forked workers, not here
    api.lint_paths([str(batch)], jobs=1)
    assert set(seen) == {os.getpid()}


def test_errors_survive_the_trip_back_from_a_worker():
    errors = [InputError("a.docx", "corrupt-zip", "bad"), ConfigError("p.yaml", "坏", 3, 4, message_en="bad"),
              CheckError("a.docx", "t3-balance", "boom", timeout=True), CheckError("b.docx", "x", "y", budget=2.0)]
    for error in errors:
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error)
        assert (back.render("zh"), back.render("en")) == (error.render("zh"), error.render("en"))


def test_a_negative_jobs_count_is_a_usage_error(batch):
    run = _check(batch, "-j", "-1")
    assert (run.returncode, run.stdout) == (2, b"")
    assert run.stderr == b"reportlint: error: --jobs -1: give 0 (one per core) or more\n"


def test_a_worker_that_dies_costs_only_its_own_file(batch, monkeypatch):
    original = batch_module.lint_file

    def crash_on_one(task):
        if task.path.endswith("r05.docx"):
            os._exit(3)  # as a worker killed for memory would: no exception, no result
        return original(task)

    monkeypatch.setattr(batch_module, "lint_file", crash_on_one)
    report = api.lint_paths([str(batch)], lang="en", jobs=2)
    died = [e.path for e in report.errors if e.code == "worker-died"]
    # that file alone is an error: the files whose results had not come back yet are linted again, each in a process
    # of its own, and give the findings they give with -j 1; none lost, none twice
    assert died == [str(batch / "r05.docx")]
    assert len(set(report.paths)) == len(report.paths)
    monkeypatch.undo()
    alone = api.lint_paths([str(batch)], lang="en", jobs=1)
    assert [f.to_dict() for f in report.findings if f.path != died[0]] == [
        f.to_dict() for f in alone.findings if f.path != died[0]]
    assert report.errors[-1].render("en") == (
        f"{died[-1]}: error: a worker process stopped unexpectedly (out of memory, or a library crashed) before "
        "this file was checked; check it again with -j 1")


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_findings_taken_from_disk_give_the_same_output(batch, fmt):
    from reportlint.output import formatter

    in_memory = api.lint_paths([str(batch)], lang="en")
    spilled = api.lint_paths([str(batch)], lang="en", spill_findings=True)
    assert type(spilled.findings).__name__ == "SpilledFindings"
    assert any(f.rule == "carryover-mismatch" for f in spilled.findings)  # a finding across years, placed late
    assert len(spilled.findings) == len(in_memory.findings) and bool(spilled.findings)
    assert list(spilled.findings) == in_memory.findings
    assert formatter(fmt)(spilled) == formatter(fmt)(in_memory)
    spilled.findings.close()



def _processes_mentioning(marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    if marker.encode() in cmdline.read():
                        found.append(int(entry))
            except OSError:
                pass
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_ends_a_parallel_run_at_once_and_leaves_no_worker(tmp_path):
    import signal
    import time

    build_report(tmp_path / "one.docx", ReportSpec())
    for i in range(3000):  # far more work than the two seconds the run is given
        os.link(tmp_path / "one.docx", tmp_path / f"r{i:04d}.docx")
    out = tmp_path.parent / f"{tmp_path.name}-out"
    out.mkdir()
    run = subprocess.Popen([sys.executable, "-m", "reportlint", "check", "-j", "2", "--format", "json", "--output",
                            str(out / "report.json"), str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(2)
    assert run.poll() is None
    assert len(_processes_mentioning(str(tmp_path))) >= 3  # the run and its two workers
    sent = time.monotonic()
    run.send_signal(signal.SIGINT)
    run.communicate(timeout=30)
    assert run.returncode == 130
    assert time.monotonic() - sent < 2
    time.sleep(0.5)
    assert _processes_mentioning(str(tmp_path)) == []
    assert list(out.iterdir()) == []  # no output, no temporary file left
    assert len(list(tmp_path.iterdir())) == 3001


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_a_parallel_run_leaves_no_worker(tmp_path):
    import signal
    import time

    build_report(tmp_path / "one.docx", ReportSpec())
    for i in range(3000):
        os.link(tmp_path / "one.docx", tmp_path / f"r{i:04d}.docx")
    run = subprocess.Popen([sys.executable, "-m", "reportlint", "check", "-j", "2", str(tmp_path)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(2)
    assert len(_processes_mentioning(str(tmp_path))) >= 3
    run.send_signal(signal.SIGKILL)  # no chance to clean up: the workers must go by themselves
    run.communicate(timeout=30)
    deadline = time.monotonic() + 2
    while _processes_mentioning(str(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_mentioning(str(tmp_path)) == []


def test_a_small_batch_runs_in_process_and_a_large_one_or_pdfs_in_workers(batch, monkeypatch, tmp_path):
    from reportlint import workers

    monkeypatch.delenv("REPORTLINT_MIN_WORK_PER_JOB")
    started = []
    real = workers.run
    monkeypatch.setattr(workers, "run", lambda tasks, jobs, *rest: started.append((len(tasks), jobs)) or real(
        tasks, jobs, *rest))
    api.lint_paths([str(batch)], jobs=2)  # twelve short files: the pool would cost more than it gives
    assert started == []
    for i in range(20):
        (tmp_path / f"r{i}.docx").write_bytes((batch / "r00.docx").read_bytes())
    for name in ("a.pdf", "b.pdf"):  # worth many short reports each (unreadable here, but the batch does not know)
        (tmp_path / name).write_bytes(b"%PDF-1.4 not really")
    api.lint_paths([str(batch), str(tmp_path)], jobs=2)
    assert started == [(34, 2)]
