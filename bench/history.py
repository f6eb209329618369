"""What looking for last year's report in the repository adds to a one-file check (issue 27: <= 0.2 s for a
repository of 1,000 reports).

    python bench/history.py                # 1,000 reports; --n N, --keep DIR

A git repository holds N generated reports of 2024 (``bench/generate.py``), committed, in two layouts: named by
agency and year (``某某局2024年报.docx``, as offices name them) and named by nothing (``2024/report-0001.docx``). The
check is of one new 2025 report of the first report's agency, as a pre-commit run makes it. Each layout is timed
with ``farm-bench``-style pairs here (median of 9 runs, each a new process): the default against ``--no-history``,
with an empty title cache (the first run after it is wiped) and with the cache the first run left.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from generate import generate  # noqa: E402

from report_builder import ReportSpec, build_report  # noqa: E402


def _git(cwd: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="b", GIT_AUTHOR_EMAIL="b@example.org", GIT_COMMITTER_NAME="b",
               GIT_COMMITTER_EMAIL="b@example.org")
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def _repository(root: Path, n: int, by_name: bool) -> Path:
    """The repository (made once under ``root``) and the new 2025 report's path in it."""
    from reportlint.history import agency_of
    from reportlint.readers import load_document

    repo = root / ("named" if by_name else "unnamed")
    new = repo / "2025年报.docx"
    if new.is_file():
        return new
    made = generate(n, repo / "2024")
    agencies = [agency_of(load_document(str(p)).title) for p in made]
    if by_name:
        for path, agency in zip(made, agencies, strict=True):
            path.rename(path.with_name(f"{agency}2024年报-{path.stem[-4:]}.docx"))
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "2024")
    build_report(new, ReportSpec(agency=agencies[0], year=2025))
    return new


def _time(cmd: list[str], cwd: Path, env: dict[str, str], before=None) -> float:
    if before is not None:
        before()
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="reportlint-history-"))
    cache = root / "cache"
    env = dict(os.environ, REPORTLINT_CACHE_DIR=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    check = [sys.executable, "-m", "reportlint", "check", "-q", "2025年报.docx"]
    try:
        for by_name in (True, False):
            new = _repository(root, args.n, by_name)
            repo = new.parent
            titles = cache / "titles.json"

            def wipe(titles: Path = titles) -> None:
                titles.unlink(missing_ok=True)

            subprocess.run(check, cwd=repo, env=env, capture_output=True)  # the pack cache, bytecode
            rows = {"--no-history": [], "default, no title cache": [], "default, titles cached": []}
            for _ in range(9):
                rows["--no-history"].append(_time([*check, "--no-history"], repo, env))
                rows["default, no title cache"].append(_time(check, repo, env, wipe))
                rows["default, titles cached"].append(_time(check, repo, env))
            base = statistics.median(rows["--no-history"])
            layout = "named by agency and year" if by_name else "named by nothing (2024/report-0001.docx)"
            print(f"{args.n} reports {layout}:")
            for name, times in rows.items():
                median = statistics.median(times)
                print(f"  {name:<26} {median * 1000:7.1f} ms  (+{(median - base) * 1000:.1f} ms)")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
