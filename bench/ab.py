"""Per-report cost of two source trees of reportlint, measured in turn on the same host.

    git worktree add /tmp/before <commit>
    python bench/ab.py /tmp/before/src src            # 3 rounds; --rounds N, --set DIR

This machine's speed drifts by a tenth within minutes, so two bench runs minutes apart compare the drift as much
as the code. Here each round measures, for each tree in turn, the floor (unzip + lxml parse, as ``bench/run.py``'s
(a)) and ``reportlint check`` over the set in a new process with that tree first on ``sys.path`` (its (c)); the
best of the rounds is kept for each. The set is made by ``bench/run.py --keep DIR`` (``DIR/set-1000``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from run import floor, per_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs=2, type=Path, help="two src folders (each holding reportlint/)")
    parser.add_argument("--set", type=Path, default=Path("/tmp/bench/set-1000"), help="the reports")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(args.set.glob("*.docx"))
    if not paths:
        sys.exit(f"no reports in {args.set}: make them with  python bench/run.py --keep {args.set.parent}")
    env = dict(os.environ, REPORTLINT_CACHE_DIR=str(args.set.parent / "cache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for tree in args.trees:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "reportlint")], check=True)
    best: dict[Path, tuple[float, float]] = {}
    for _ in range(args.rounds):
        for tree in args.trees:
            a = per_report(floor, paths)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "reportlint", "check", "-q", "--format", "concise", str(args.set)],
                           env=dict(env, PYTHONPATH=str(tree)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            c = (time.perf_counter() - start) / len(paths)
            print(f"{str(tree):<40} floor {a * 1000:.2f} ms  check {c * 1000:.2f} ms  ({c / a:.2f}x)", flush=True)
            was = best.get(tree, (a, c))
            best[tree] = (min(was[0], a), min(was[1], c))
    for tree, (a, c) in best.items():
        print(f"{str(tree):<40} best: floor {a * 1000:.2f} ms  check {c * 1000:.2f} ms  ({c / a:.2f}x)")


if __name__ == "__main__":
    main()
