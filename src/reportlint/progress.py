"""Progress for big batches: shown on stderr only when it is a terminal (never in pipes, CI logs or when the
output is JSON on a terminal's stdout being redirected). rich is imported only when a bar is actually shown."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MIN_FILES = 20  # fewer files finish before a bar is worth drawing


def wanted(total: int, stream=None) -> bool:
    stream = stream or sys.stderr
    if total < MIN_FILES or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@contextmanager
def bar(total: int, label: str) -> Iterator[Callable[[str], None]]:
    """A callback advancing a progress bar by one file; a no-op when no bar is wanted."""
    if not wanted(total):
        yield lambda _path: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=sys.stderr)
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _path: progress.advance(task)
