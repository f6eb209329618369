"""Compiled rule packs cached by content, so that a pre-commit run does not parse YAML or import jsonschema.

Loading the national pack (ruamel.yaml, JSON Schema validation of every layer and rule, compiling equations and
patterns) takes a quarter of a second; unpickling the compiled pack takes a millisecond. An entry is keyed by the
pack's path and the configuration layer on top, and is used only while

* the content (SHA-256) of every file merged into the pack, and of the configuration file, is unchanged, and
* reportlint itself is the same: where it is installed, the pack schema, and the size and mtime of every module that
  compiles rules (``pack/`` and ``checks/``).

Anything else (a missing or unreadable entry, a changed file, an unpickling error) is a miss: the pack is built
from its YAML as before and the entry rewritten, atomically. The cache is a folder of the user's own
(``$REPORTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/reportlint``, else ``~/.cache/reportlint``); an unwritable
folder only means no caching, and a folder that others can write to is not read. ``REPORTLINT_NO_CACHE=1`` turns
it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..atomic import write_atomic

FORMAT = 1  # bump when the entry layout changes


def cache_dir() -> Path | None:
    if os.environ.get("REPORTLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("REPORTLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportlint"


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """What the compiled objects depend on in reportlint itself: where it is installed, and the size and mtime of
    every module that compiles rules (a new version rewrites them; not the version itself, which costs a run's
    start-up the package metadata's import)."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{FORMAT}:{here}".encode())
    for folder in (here, here.parent / "checks"):
        for entry in sorted(folder.iterdir()):
            if entry.suffix in (".py", ".json"):
                st = entry.stat()
                digest.update(f"{entry.name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return digest.hexdigest()


def _file_hash(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _entry(path: Path, extra_file: str | None) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = f"{os.path.abspath(path)}\0{os.path.abspath(extra_file) if extra_file else ''}\0{_code_stamp()}"
    return folder / f"pack-{hashlib.sha256(key.encode()).hexdigest()[:32]}.pickle"


def trusted_folder(folder: Path) -> bool:
    """Entries are pickles, which run code when loaded: read them only from a folder of this user's that nobody
    else can write to (on POSIX; elsewhere the folder is the user's own profile)."""
    if not hasattr(os, "getuid"):
        return True
    try:
        st = folder.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def get(path: Path, extra_file: str | None) -> Any | None:
    """The cached compiled pack, or None."""
    entry = _entry(path, extra_file)
    if entry is None or not trusted_folder(entry.parent):
        return None
    try:
        with open(entry, "rb") as fh:
            files, pack = pickle.load(fh)
    except Exception:  # noqa: BLE001 - a missing, truncated or stale entry is a miss
        return None
    for file, digest in files:
        if _file_hash(file) != digest:
            return None
    return pack


def put(path: Path, extra_file: str | None, pack: Any) -> None:
    """Remember a compiled pack with the hashes of the files it was built from (never fails)."""
    entry = _entry(path, extra_file)
    if entry is None:
        return
    files = [*pack.layers, *([extra_file] if extra_file else [])]
    hashes = [(file, _file_hash(file)) for file in files]
    if any(digest is None for _, digest in hashes):
        return
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(entry, pickle.dumps((hashes, pack), protocol=pickle.HIGHEST_PROTOCOL), prefix=".pack-", private=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return
