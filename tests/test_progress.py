"""Progress on stderr for big batches: only when stderr is a terminal, never in pipes, CI logs or JSON output."""

import json
import os
import pty
import select
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    for i in range(25):  # above progress.MIN_FILES
        (root / f"note{i:02}.md").write_text(f"# 说明 {i}\n\n不是报告。\n", encoding="utf-8")
    return root


def run(args, tty: bool, **env_changes):
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")}
    env.update(TERM="xterm-256color", COLUMNS="100", **env_changes)
    cmd = [sys.executable, "-m", "reportlint", "check", *args]
    if not tty:
        proc = subprocess.run(cmd, capture_output=True, env=env, timeout=120)
        return proc.returncode, proc.stdout, proc.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    err = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        err += chunk
    out = proc.stdout.read()
    code = proc.wait(timeout=60)
    os.close(master)
    return code, out, err


SUMMARY = "没有检查任何年度报告；共检查 0 个文件，25 个不是年度报告已跳过。\n".encode()


def test_progress_is_drawn_on_a_terminal(batch):
    code, out, err = run([str(batch)], tty=True)
    assert (code, out) == (0, SUMMARY)
    assert b"25/25" in err  # rich's counter, drawn on the terminal only


def test_no_progress_in_pipes(batch):
    assert run([str(batch)], tty=False) == (0, SUMMARY, b"")


def test_no_progress_in_ci_logs_or_json_output(batch):
    code, _out, err = run([str(batch)], tty=True, CI="true")
    assert (code, err) == (0, b"")
    code, out, err = run(["--format", "json", str(batch)], tty=True)
    assert (code, err) == (0, b"")
    assert json.loads(out)["summary"] == {"files": 25, "checked": 0, "skipped": 25, "unreadable": 0, "not_checked": 0,
                                          "findings": 0, "suppressed": 0, "baselined": 0, "errors": 0, "complete": True}


def test_with_workers_progress_follows_files_as_they_finish_not_the_ordered_results(batch, monkeypatch):
    """The first file is slow: the files after it finish (and are counted) before its result, which comes first in
    the report's order, is handed back."""
    monkeypatch.setenv("REPORTLINT_MIN_WORK_PER_JOB", "1")  # workers for 25 short files too
    import time

    from reportlint import batch as batch_module
    from reportlint.api import lint_paths

    real = batch_module.lint_file

    def slow_first(task):
        if task.path.endswith("note00.md"):
            time.sleep(1.5)
        return real(task)

    monkeypatch.setattr(batch_module, "lint_file", slow_first)  # the forked workers inherit it
    counted: list[int] = []
    at_first_result: list[int] = []
    add = batch_module._Batch.add

    def add_and_look(self, task, result):
        if not at_first_result:
            at_first_result.append(len(counted))
        add(self, task, result)

    monkeypatch.setattr(batch_module._Batch, "add", add_and_look)
    report = lint_paths([str(batch)], jobs=2, progress=lambda path: counted.append(1))
    assert len(report.skipped) == 25
    assert len(counted) == 25  # once per file
    assert at_first_result[0] >= 20  # the others were counted while the first was still being read
