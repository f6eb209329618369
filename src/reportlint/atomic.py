"""Atomic file writes: a temporary file beside the target, then a rename, so a reader never sees half a file and
a failed write leaves the old file as it was. The file keeps the permissions of the one it replaces, or gets those
of a new file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from typing import IO, Any


def write_atomic(path: str | os.PathLike, data: bytes, prefix: str = ".reportlint-", private: bool = False) -> None:
    """``private``: readable by the owner only (the pack cache), instead of the permissions a new file gets."""
    _replace(path, lambda fh: fh.write(data), "wb", prefix, private)


def write_atomic_chunks(path: str | os.PathLike, chunks: Iterable[str], prefix: str = ".reportlint-") -> None:
    """Text made piece by piece, written as UTF-8 as it comes: never held whole in memory."""

    def write(fh: IO[Any]) -> None:
        for chunk in chunks:
            fh.write(chunk)

    _replace(path, write, "w", prefix)


def _mode_for(path: str | os.PathLike) -> int:
    """The permissions the written file gets: those of the file it replaces, else what a new file gets (0666 less the
    umask). A temporary file is created 0600, which would otherwise stick."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _replace(path: str | os.PathLike, write: Callable[[IO[Any]], object], mode: str, prefix: str,
             private: bool = False) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    try:
        if not private:
            os.fchmod(fd, _mode_for(path))
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
