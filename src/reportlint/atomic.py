"""Atomic file writes: a temporary file beside the target, then a rename, so a reader never sees half a file and
a failed write leaves the old file as it was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from typing import IO, Any


def write_atomic(path: str | os.PathLike, data: bytes, prefix: str = ".reportlint-") -> None:
    _replace(path, lambda fh: fh.write(data), "wb", prefix)


def write_atomic_chunks(path: str | os.PathLike, chunks: Iterable[str], prefix: str = ".reportlint-") -> None:
    """Text made piece by piece, written as UTF-8 as it comes: never held whole in memory."""

    def write(fh: IO[Any]) -> None:
        for chunk in chunks:
            fh.write(chunk)

    _replace(path, write, "w", prefix)


def _replace(path: str | os.PathLike, write: Callable[[IO[Any]], object], mode: str, prefix: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    try:
        if "b" in mode:
            fh = os.fdopen(fd, mode)
        else:
            fh = os.fdopen(fd, mode, encoding="utf-8", newline="")
        with fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
