"""Where annotated copies go: ``NAME.reportlint.EXT`` beside the report, or under the folder ``-o`` names (the
reports' folders below their common folder kept), or the one file ``-o`` names for a single report. Folder walks
skip such names (:func:`reportlint.walk.is_report_name`), so a copy is never checked as a report of its own."""

from __future__ import annotations

import os
from collections.abc import Sequence

COPY_MARK = ".reportlint"


def copy_name(path: str) -> str:
    """``报告.docx`` → ``报告.reportlint.docx``."""
    stem, suffix = os.path.splitext(os.path.basename(path))
    return f"{stem}{COPY_MARK}{suffix}"


def is_copy_name(name: str) -> bool:
    """Whether a file name is that of an annotated copy."""
    return os.path.splitext(name)[0].lower().endswith(COPY_MARK)


def into_folder(output: str | None, inputs: Sequence[str], given: Sequence[str]) -> bool:
    """Whether ``-o`` names a folder: several reports, a folder given, an existing folder or a trailing slash."""
    if output is None:
        return False
    return (len(inputs) > 1 or any(os.path.isdir(g) for g in given) or os.path.isdir(output)
            or output.endswith(("/", os.sep)))


def target_for(path: str, output: str | None, folder: bool, root: str) -> str:
    """The copy of ``path``: beside it (no ``output``), the file ``output``, or under the folder ``output`` at the
    place ``path`` has below ``root`` (the reports' common folder)."""
    if output is None:
        return os.path.join(os.path.dirname(path), copy_name(path))
    if not folder:
        return output
    below = os.path.relpath(os.path.dirname(os.path.abspath(path)), root)
    return os.path.normpath(os.path.join(output, below if below != os.curdir else "", copy_name(path)))


def common_folder(paths: Sequence[str]) -> str:
    """The deepest folder holding every one of ``paths``."""
    folders = [os.path.dirname(os.path.abspath(p)) for p in paths]
    return os.path.commonpath(folders) if folders else os.getcwd()
