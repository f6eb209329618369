"""Where a run may write: never over a report it reads. An output path (``--output``, ``--write-baseline``) that is
an input of the run — the same path, or the same file through a link — or that lies under a checked folder where
a walk would check it, is refused before anything is written."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable


def conflict(output: str, inputs: Iterable[str], folders: Iterable[str],
             walked: Callable[[str, str], bool]) -> str | None:
    """The input ``output`` would overwrite, or the checked folder it lies in; None when it is safe to write.

    ``inputs``: the files the run reads; ``folders``: the folders it walks; ``walked(path, folder)``: whether a walk
    of ``folder`` picks up ``path``."""
    real = os.path.realpath(output)
    exists = os.path.exists(output)
    for path in inputs:
        if os.path.realpath(path) == real or (exists and _same_file(output, path)):
            return path
    for folder in folders:
        if walked(real, os.path.realpath(folder)):
            return folder
    return None


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)  # a hard link, or a link in a folder the real path does not show
    except OSError:
        return False
