"""Which files a run checks: files named are always checked; folders are walked for report files, in sorted order,
past hidden folders and tool folders, and — as Ruff and ripgrep do — past what ``.gitignore`` (inside a Git
repository), ``.ignore`` and ``.git/info/exclude`` ignore, with their usual meaning (patterns relative to the file's
folder, a deeper file overriding a shallower one, ``!`` re-including, an ignored folder not entered). The ignore
files of the folders above the one walked, up to the repository's root, apply too."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .errors import InputError, ReportlintError
from .readers import SUFFIXES

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
IGNORE_FILES = (".gitignore", ".ignore")  # .gitignore only inside a Git repository


def is_report_name(name: str) -> bool:
    if name.startswith("~$") or name.startswith(".~lock"):
        return False  # Word / LibreOffice lock files
    dot = name.rfind(".")
    if name[:dot].lower().endswith(".reportlint"):
        return False  # an annotated copy reportlint wrote (reportlint.annotate.targets)
    return 0 < dot < len(name) - 1 and name[dot:].lower() in SUFFIXES  # Path(name).suffix, as a string


def relative_to_cwd(path: str) -> str | None:
    """``path`` relative to the working directory, or None when it lies outside it (or on another drive)."""
    try:
        rel = os.path.relpath(os.path.abspath(path))
    except ValueError:  # another drive (Windows)
        return None
    return None if rel == os.pardir or rel.startswith(os.pardir + os.sep) else rel


def walked(path: str, folder: str) -> bool:
    """Whether walking ``folder`` (as :func:`collect` does, ignore files aside) picks up ``path``, whether or not it
    exists yet."""
    rel = os.path.relpath(path, folder)
    if rel == os.curdir or rel.startswith(os.pardir + os.sep) or rel == os.pardir or os.path.isabs(rel):
        return False
    *dirs, name = Path(rel).parts
    return is_report_name(name) and not any(d in SKIP_DIRS or d.startswith(".") for d in dirs)


class _Ignores:
    """The ignore files met on a walk: per folder, the (folder, spec) pairs that apply to its entries, shallowest
    first."""

    def __init__(self) -> None:
        self._chains: dict[str, tuple] = {}

    def chain(self, folder: str) -> tuple:
        folder = os.path.abspath(folder)
        if folder not in self._chains:
            parent = os.path.dirname(folder)
            above = self.chain(parent) if parent != folder and not is_repo_root(folder) else self._root(folder)
            own = _spec_of(folder)
            self._chains[folder] = (*above, (folder, own)) if own is not None else above
        return self._chains[folder]

    @staticmethod
    def _root(folder: str) -> tuple:
        exclude = os.path.join(folder, ".git", "info", "exclude")
        spec = _read_spec([exclude]) if os.path.isfile(exclude) else None
        return ((folder, spec),) if spec is not None else ()

    def ignored(self, folder: str, name: str, is_dir: bool) -> bool:
        """Whether ``name`` in ``folder`` is ignored: the deepest ignore file with a pattern for it decides."""
        path = os.path.join(os.path.abspath(folder), name)
        verdict = None
        for base, spec in self.chain(folder):
            rel = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if is_dir else "")
            include = spec.check_file(rel).include
            if include is not None:
                verdict = include
        return bool(verdict)


def is_repo_root(folder: str) -> bool:
    """Whether ``folder`` is the top of a git work tree (``.git`` a folder, or a file in a worktree)."""
    return os.path.exists(os.path.join(folder, ".git"))


@lru_cache(maxsize=4096)
def _in_repo(folder: str) -> bool:
    parent = os.path.dirname(folder)
    return is_repo_root(folder) or (parent != folder and _in_repo(parent))


def _spec_of(folder: str):
    names = [n for n in IGNORE_FILES if n != ".gitignore" or _in_repo(folder)]
    return _read_spec([os.path.join(folder, n) for n in names if os.path.isfile(os.path.join(folder, n))])


def _read_spec(files: list[str]):
    import pathspec

    lines: list[str] = []
    for file in files:
        try:
            with open(file, encoding="utf-8", errors="replace") as fh:
                lines += fh.read().splitlines()
        except OSError:
            continue  # an ignore file that cannot be read ignores nothing
    return pathspec.GitIgnoreSpec.from_lines(lines) if lines else None


def collect(paths: Iterable[str], errors: list[ReportlintError] | None = None, respect_ignores: bool = True
            ) -> Iterator[str]:
    """Files named explicitly are always checked; directories are walked for report files, in sorted order. A folder
    that cannot be read is an ``unreadable`` input error in ``errors`` (never passed over in silence).
    ``respect_ignores``: skip what ``.gitignore``, ``.ignore`` and ``.git/info/exclude`` ignore."""

    def unreadable(exc: OSError) -> None:
        if errors is not None:
            errors.append(InputError(str(exc.filename or exc), "unreadable", exc.strerror or type(exc).__name__))

    ignores = _Ignores() if respect_ignores else None
    for raw in paths:
        if raw != "-" and os.path.isdir(raw):
            yield from _walk(raw, unreadable, ignores)
        else:
            yield raw


def _walk(top: str, unreadable: Callable[[OSError], None], ignores: _Ignores | None) -> Iterator[str]:
    for root, dirs, files in os.walk(top, onerror=unreadable):
        keep = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        if ignores is not None and ignores.chain(root):
            keep = [d for d in keep if not ignores.ignored(root, d, True)]
        dirs[:] = keep
        # str(Path(root) / name) for every name, with the Path made once a folder ("./a//b" → "a/b/")
        prefix = str(Path(root) / "_")[:-1]
        for name in sorted(files):
            if is_report_name(name) and not (ignores is not None and ignores.chain(root)
                                             and ignores.ignored(root, name, False)):
                yield prefix + name
