"""The performance figures of docs/PERFORMANCE.md, measured in one run on the same files.

    python bench/run.py                 # 1,000 reports (+100 and 10,000 for memory), in a temporary folder
    python bench/run.py --quick         # 200 reports, 1,000 for memory: a few minutes less

Per report, on the bench set:
  (a) the floor: unzip + lxml parse of word/document.xml
  (b) python-docx ``Document()``
  (c) ``reportlint check`` over the whole set in one process, divided by the number of reports
and on the cold set (``generate(cold=True)``: each report its own real styles.xml and label variants):
  (a') what a linter must read: unzip + parse of document.xml, styles.xml and numbering.xml
  (c') ``reportlint check``, wall and CPU, per report
and on the small set (``generate(small=True)``: a sentence a section, no tables):
  (a'') unzip + lxml parse of word/document.xml
  (c'') ``reportlint check`` per report, the run's fixed cost taken off (all reports against the first half)
Start-up: ``reportlint --version`` against ``python -c pass``; ``reportlint check one.docx`` against
``python -c "import docx; docx.Document('one.docx')"`` (median of repeated runs, each a new process).
Parallel: ``-j 2`` against ``-j 1`` on the bench set and on batches of 4 to 32 reports, wall and CPU time (of the
command and its workers), outputs compared byte for byte.
Memory: peak RSS of ``reportlint check`` on 100 and on 10,000 reports.
Large table: ``reportlint check`` on apache-poi/bug65649.docx (948-row table).
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

SHARED = Path(os.environ.get("REPORTLINT_SHARED", HERE.parent.parent / "shared"))
BIG_TABLE = SHARED / "corpus" / "docx-wild" / "apache-poi" / "bug65649.docx"
REPORTLINT = [sys.executable, "-m", "reportlint"] if not shutil.which("reportlint") else [shutil.which("reportlint")]


def per_report(func, paths: list[Path]) -> float:
    """Seconds per report of ``func(path)`` over all paths (best of three passes, after a warm-up)."""
    func(paths[0])
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for path in paths:
            func(path)
        best = min(best, (time.perf_counter() - start) / len(paths))
    return best


def floor(path: Path) -> None:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
        etree.fromstring(zf.read("word/document.xml"))


def floor_cold(path: Path) -> None:
    """What a linter must read of a report: document.xml, styles.xml and numbering.xml, unzipped and parsed."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
        names = set(zf.namelist())
        for name in ("word/document.xml", "word/styles.xml", "word/numbering.xml"):
            if name in names:
                etree.fromstring(zf.read(name))


def cold(root: Path, n: int, say) -> None:
    """The cold set: every report with its own styles (a real document's) and label variants, so no cache shared
    across reports flatters the figure; against the floor of what must be read, wall and CPU."""
    folder = root / f"cold-{n}"
    paths = sorted(folder.glob("*.docx")) or generate(n, folder, cold=True)
    a = c = cpu = float("inf")
    for _ in range(3):
        a = min(a, per_report(floor_cold, paths))
        wall, used, _, _ = timed([*REPORTLINT, "check", "-q", "--format", "concise", str(folder)])
        c, cpu = min(c, wall / len(paths)), min(cpu, used / len(paths))
    say("(a') cold: unzip + parse document, styles, numbering", f"{a * 1000:.2f} ms")
    say(f"(c') cold: reportlint check over {n} reports, per report", f"{c * 1000:.2f} ms wall, {cpu * 1000:.2f} ms CPU"
        f"  ({c / a:.2f}x a')")


def best_of(func, arg, repeat: int = 30) -> float:
    """Seconds of ``func(arg)``, the best of ``repeat`` calls after a warm-up."""
    func(arg)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(arg)
        best = min(best, time.perf_counter() - start)
    return best


def text_formats(root: Path, say) -> None:
    """The HTML reader against an lxml.html parse of the same page (the peer's real page in ../shared), the Markdown
    reader against a markdown-it parse of a full report (tests/test_markdown_reader.py's) and the text reader
    against a markdown-it parse of a real text export (the first seed), each read in a run's layout library as in a
    batch (issue 25: HTML <= 3x, text formats <= 2x)."""
    import lxml.html
    from markdown_it import MarkdownIt

    from reportlint.model.layouts import LayoutLibrary
    from reportlint.readers import load_document

    sys.path.insert(0, str(HERE.parent / "tests"))
    from test_markdown_reader import markdown_report

    page = SHARED / "corpus" / "reports-wild" / "KIROGOVCOMPARE" / "filing_html_import_fixture.html"
    md = root / "report.md"
    md.write_text(markdown_report(), encoding="utf-8")
    library = LayoutLibrary()
    seed = next(iter(sorted((SHARED / "seeds").glob("*.txt"))), md)  # a real text export

    def markdown_it(data: bytes) -> object:
        return MarkdownIt("commonmark").enable("table").parse(data.decode("utf-8", "replace"))

    for name, path, floor_of in (
            ("HTML", page, lambda data: lxml.html.document_fromstring(data).text_content()),
            ("Markdown", md, markdown_it), (f"text ({seed.name})", seed, markdown_it)):
        if not path.is_file():
            continue
        base = best_of(floor_of, path.read_bytes())
        read = best_of(functools.partial(load_document, layouts=library), str(path))
        say(f"{name}: parse / reportlint read", f"{base * 1000:.2f} ms / {read * 1000:.2f} ms  ({read / base:.1f}x)")


def python_docx(path: Path) -> None:
    import docx

    docx.Document(str(path))


def small(root: Path, n: int, say) -> None:
    """Short reports (a sentence a section, no tables): what a report costs whatever its size, against the
    document.xml floor. The run's fixed cost (start-up, the pack) is taken off: the per-report figure is the
    difference between checking all n reports and checking the first half, divided by the reports in between."""
    folder = root / f"small-{n}"
    paths = sorted(folder.glob("*.docx")) or generate(n, folder, small=True)
    half = [str(p) for p in paths[: n // 2]]
    a = c = float("inf")
    for _ in range(3):
        a = min(a, per_report(floor, paths))
        full = timed([*REPORTLINT, "check", "-q", "--format", "concise", *map(str, paths)])
        part = timed([*REPORTLINT, "check", "-q", "--format", "concise", *half])
        c = min(c, (full[0] - part[0]) / (n - len(half)))
    say("(a'') small: unzip + lxml parse of document.xml", f"{a * 1000:.2f} ms")
    say("(c'') small: reportlint check, per report beyond the run's fixed cost", f"{c * 1000:.2f} ms  ({c / a:.2f}x a'')")


def run(cmd: list[str]) -> tuple[float, bytes, int]:
    """(wall seconds, stdout, peak RSS in KiB) of one command, in a fresh wrapper so the RSS is its own."""
    wall, _, out, rss = timed(cmd)
    return wall, out, rss


def timed(cmd: list[str]) -> tuple[float, float, bytes, int]:
    """(wall seconds, CPU seconds of the command and every process it started, stdout, peak RSS in KiB)."""
    probe = ("import resource, subprocess, sys, time\n"
             "t = time.perf_counter()\n"
             "p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)\n"
             "t = time.perf_counter() - t\n"
             "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "sys.stderr.write(f'{t} {u.ru_utime + u.ru_stime} {u.ru_maxrss}\\n')\n"
             "sys.stdout.buffer.write(p.stdout)\n")
    proc = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, check=True)
    seconds, cpu, rss = proc.stderr.decode().split()[-3:]
    return float(seconds), float(cpu), proc.stdout, int(rss)


def parallel(folder: Path, files: list[Path], say) -> None:
    """-j 1 against -j 2, wall and CPU time (best of three each, alternated), on the whole set and on small
    batches: where the workers' start-up costs more than the second core gives back, the batch runs in-process
    (batch.MIN_WORK_PER_JOB)."""
    batches = [(f"{len(files)} reports", [str(folder)])]
    for size in (4, 8, 16, 32):
        batches.append((f"{size} reports", [str(p) for p in files[:size]]))
    for name, targets in batches:
        best: dict[str, tuple[float, float, bytes]] = {}
        for _ in range(3):
            for jobs in ("1", "2"):
                wall, cpu, out, _ = timed([*REPORTLINT, "check", "-j", jobs, "--format", "json", *targets])
                if jobs not in best or wall < best[jobs][0]:
                    best[jobs] = (wall, cpu, out)
        (w1, c1, o1), (w2, c2, o2) = best["1"], best["2"]
        say(f"-j 1 / -j 2 on {name}: wall", f"{w1:.2f} s / {w2:.2f} s  ({w1 / w2:.2f}x faster)"
            f"  output {'identical' if o1 == o2 else 'DIFFERENT'}")
        say(f"-j 1 / -j 2 on {name}: CPU", f"{c1:.2f} s / {c2:.2f} s  ({c2 / c1:.2f}x the CPU)")


def median_wall(cmd: list[str], repeat: int) -> float:
    run(cmd)
    return statistics.median(run(cmd)[0] for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sets")
    parser.add_argument("--keep", type=Path, help="generate the sets under this folder and keep them")
    args = parser.parse_args()
    n, n_big = (200, 1000) if args.quick else (1000, 10000)
    root = args.keep or Path(tempfile.mkdtemp(prefix="reportlint-bench-"))
    rows: list[tuple[str, str]] = []

    def say(name: str, value: str) -> None:
        rows.append((name, value))
        print(f"{name:<58} {value}", flush=True)

    # As installed by pip: bytecode compiled (this machine sets PYTHONDONTWRITEBYTECODE, which would otherwise
    # compile reportlint's modules again in every process), and a compiled-pack cache of the run's own.
    import reportlint

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(reportlint.__file__).parent)], check=True)
    os.environ["REPORTLINT_CACHE_DIR"] = str(root / "cache")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, reportlint from {Path(reportlint.__file__).parent}")
    try:
        start = time.perf_counter()
        paths = sorted((root / f"set-{n}").glob("*.docx")) or generate(n, root / f"set-{n}")
        if not any((root / "set-100").glob("*.docx")):
            generate(100, root / "set-100")
        say("reports generated", f"{n} + 100 in {time.perf_counter() - start:.1f} s")

        # (a) and (c) in turn, the best of each: this machine's speed drifts within minutes (other machines share
        # its host), and a ratio of two figures taken minutes apart would measure the drift
        a = c = float("inf")
        for _ in range(3):
            a = min(a, per_report(floor, paths))
            c = min(c, run([*REPORTLINT, "check", "-q", "--format", "concise", str(root / f"set-{n}")])[0] / len(paths))
        b = per_report(python_docx, paths)
        say("(a) unzip + lxml parse, per report", f"{a * 1000:.2f} ms")
        say("(b) python-docx Document(), per report", f"{b * 1000:.2f} ms  ({b / a:.1f}x a)")
        say(f"(c) reportlint check over {n} reports, per report", f"{c * 1000:.2f} ms  ({c / a:.2f}x a)")
        cold(root, n, say)
        small(root, n, say)

        one = str(paths[0])
        bare = median_wall([sys.executable, "-c", "pass"], 15)
        version = median_wall([*REPORTLINT, "--version"], 15)
        say("python -c pass", f"{bare * 1000:.1f} ms")
        say("reportlint --version", f"{version * 1000:.1f} ms  ({version / bare:.2f}x)")
        docx_one = median_wall([sys.executable, "-c", f"import docx; docx.Document({one!r})"], 10)
        check_one = median_wall([*REPORTLINT, "check", one], 10)
        say("python -c \"import docx; docx.Document('one.docx')\"", f"{docx_one * 1000:.1f} ms")
        say("reportlint check one.docx", f"{check_one * 1000:.1f} ms  ({check_one / docx_one:.2f}x)")

        parallel(root / f"set-{n}", paths, say)

        _, _, rss_small = run([*REPORTLINT, "check", "-q", str(root / "set-100")])
        big = sorted((root / f"set-{n_big}").glob("*.docx")) or generate(n_big, root / f"set-{n_big}")
        t_big, _, rss_big = run([*REPORTLINT, "check", "-q", str(root / f"set-{n_big}")])
        say("peak RSS, 100 reports", f"{rss_small / 1024:.1f} MiB")
        say(f"peak RSS, {len(big)} reports", f"{rss_big / 1024:.1f} MiB  ({rss_big / rss_small:.2f}x; "
            f"{t_big:.1f} s)")

        if BIG_TABLE.is_file():
            t_table = min(run([*REPORTLINT, "check", "-q", str(BIG_TABLE)])[0] for _ in range(3))
            say("bug65649.docx (948-row table)", f"{t_table:.2f} s")
        text_formats(root, say)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
