"""Where the earlier reports come from, for the rules across years, when the run holds a report without the same
agency's report of the year before (a pre-commit run passes only the staged file).

For such a report, in order:

* ``history:`` of its configuration (paths and globs relative to the configuration file) replaces the default;
* else, the **repository** the report is in: the files git tracks, and the untracked ones it does not ignore
  (``git ls-files --cached --others --exclude-standard``); outside a git repository, the folder of the nearest
  configuration file; with neither, nothing;
* ``--history`` adds to either; ``--no-history`` turns both off (``--history`` still applies).

Looking costs little: a file is read only when the title cache says it is that agency's report of the year before,
else when its path (below the repository) names the agency (as written or its key), else its last part
("自然资源局"), else the year before; only the surest of these is read, and when that is the year alone (or
nothing), only the files whose opening paragraphs give that agency's title of that year
(:mod:`reportlint.readers.docx_opening`). In a
place ``history:`` names, a file whose path says nothing is read too when nothing surer is there (the user said to
look there; its title is cached for the next run). The cache (``titles.json`` in the user's cache folder, like the pack cache: JSON, written
atomically, read only from a folder nobody else can write to) keeps each report's agency and year by its path,
size and modification time; every run adds what it read.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from glob import glob
from pathlib import Path

from .atomic import write_atomic
from .config import Resolver, find_config
from .errors import ReportlintError
from .history import agency_key, same_agency
from .pack.cache import cache_dir, trusted_folder
from .walk import collect, is_repo_root, is_report_name, relative_to_cwd

_NOTHING: list[str] = []  # no place to look
MAX_TITLES = 5_000  # cache entries kept (the most recent): loading them is a run's cost
_PLACE_RE = re.compile(r".*[省市区县州旗盟镇乡]")


@dataclass(frozen=True)
class Wanted:
    """A checked report whose year before is missing from the run."""

    path: str
    agency: str
    year: int


def lacking(identities: dict[str, tuple[str, int | None]]) -> Iterator[Wanted]:
    """The reports of the run (path -> agency and year of its title) whose agency's report of the year before is not
    among them. Exact agency keys are looked up; only a report without one is compared with the year before's
    reports one by one (``same_agency``: a key that ends another)."""
    by_year: dict[int, dict[str, None]] = {}
    for agency, year in identities.values():
        if agency and year is not None:
            by_year.setdefault(year, {})[agency_key(agency)] = None
    for path, (agency, year) in identities.items():
        if not agency or year is None:
            continue
        before = by_year.get(year - 1, {})
        key = agency_key(agency)
        if key not in before and not any(same_agency(k, key) for k in before):
            yield Wanted(path, agency, year)


@dataclass
class Titles:
    """The title cache: absolute path -> (size, mtime_ns, agency, year); read from its file when first asked."""

    _entries: dict[str, list] | None = None
    changed: bool = False

    @property
    def entries(self) -> dict[str, list]:
        if self._entries is None:
            self._entries = {}
            folder = cache_dir()
            if folder is not None and trusted_folder(folder):
                try:
                    data = json.loads((folder / "titles.json").read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    data = {}
                self._entries = data if isinstance(data, dict) else {}
        return self._entries

    def lookup(self, path: str) -> tuple[str, int] | None:
        entry = self.entries.get(os.path.abspath(path))
        stamp = _stamp(path)
        if not entry or stamp is None or entry[:2] != list(stamp) or not isinstance(entry[3], int):
            return None
        return str(entry[2]), entry[3]

    def note(self, path: str, agency: str, year: int | None) -> None:
        stamp = _stamp(path)
        if stamp is None or year is None:
            return
        key, value = os.path.abspath(path), [*stamp, agency, year]
        if self.entries.get(key) != value:
            self.entries.pop(key, None)
            self.entries[key] = value
            self.changed = True

    def save(self) -> None:
        folder = cache_dir()
        if not self.changed or folder is None:
            return
        kept = dict(list(self.entries.items())[-MAX_TITLES:])
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if trusted_folder(folder):
                write_atomic(folder / "titles.json", json.dumps(kept, ensure_ascii=False).encode(), prefix=".titles-",
                             private=True)
        except OSError:
            return


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


# -- where to look -------------------------------------------------------------------------------------------
def repository_of(path: str) -> Path | None:
    """The top folder of the git work tree holding ``path``, else None."""
    folder = Path(os.path.abspath(path)).parent
    return next((c for c in (folder, *folder.parents) if is_repo_root(str(c))), None)


def shown_path(path: str) -> str:
    """A report as a finding names it: relative to the top of its git repository when it is in one (last year's
    report found there, or under --history), else as given."""
    root = repository_of(path)
    if root is None:
        return path
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return path


def place_path(path: str) -> str:
    """A file as a finding's place gives it, to be opened from the working directory as the checked reports are:
    as given when relative, else relative to the working directory when below it, else absolute."""
    if not os.path.isabs(path):
        return path
    return relative_to_cwd(path) or path


def source_of(path: str, config) -> tuple[str, str]:
    """Where the year before of a report at ``path`` governed by ``config`` is looked for: ("configuration",
    its file and patterns), ("repository", the work tree), ("folder", the configuration's folder) or ("none", "")."""
    if config is not None and config.history is not None:
        return "configuration", f"{config.path}: {', '.join(config.history) or '[]'}"
    if (root := repository_of(path)) is not None:
        return "repository", str(root)
    if (folder := config_folder(path)) is not None:
        return "folder", str(folder)
    return "none", ""


def git_files(root: Path) -> list[str] | None:
    """The report files git tracks in ``root`` and the untracked ones it does not ignore; None when git fails."""
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             capture_output=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    names = out.decode("utf-8", "surrogateescape").split("\0")
    return [str(root / n) for n in dict.fromkeys(names) if n and is_report_name(os.path.basename(n))]


def config_folder(path: str) -> Path | None:
    """The folder of the configuration file governing ``path``, else None."""
    found = find_config(Path(os.path.abspath(path)).parent, {})
    return found.parent if found is not None else None


@dataclass
class Places:
    """The files each source names, looked up once a run."""

    _repos: dict[Path, list[str]] = field(default_factory=dict)
    _folders: dict[str, tuple[Path | None, list[str]]] = field(default_factory=dict)
    _named: dict[tuple[Path, tuple[str, ...]], list[str]] = field(default_factory=dict)  # history: places  # a report's folder -> its source

    def of_repository(self, path: str) -> tuple[Path | None, list[str]]:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._folders:
            self._folders[folder] = self._source(path)
        return self._folders[folder]

    def _source(self, path: str) -> tuple[Path | None, list[str]]:
        root = repository_of(path)
        if root is not None:
            if root not in self._repos:
                self._repos[root] = git_files(root) or list(collect([str(root)]))
            return root, self._repos[root]
        root = config_folder(path)
        if root is None:
            return None, _NOTHING
        if root not in self._repos:
            self._repos[root] = list(collect([str(root)]))
        return root, self._repos[root]

    def of_patterns(self, root: Path, patterns: Sequence[str]) -> list[str]:
        key = (root, tuple(patterns))
        if key not in self._named:
            found: list[str] = []
            for pattern in patterns:
                hits = sorted(glob(str(root / pattern), recursive=True)) or [str(root / pattern)]
                found += [h for h in hits if os.path.exists(h)]
            self._named[key] = list(collect(found)) if found else []
        return self._named[key]


def candidates(wanted: Iterable[Wanted], resolver: Resolver, linted: set[str], titles: Titles,
               places: Places | None = None) -> list[str]:
    """The files to read for the year before of each of ``wanted`` (see the module docstring)."""
    places = places or Places()
    linted_abs = {os.path.abspath(p) for p in linted}
    left: dict[int, list[str]] = {}  # id of a source's file list -> its files not in the run
    out: dict[str, None] = {}
    for want in wanted:
        try:
            config = resolver.config_for(want.path)
        except ReportlintError:
            config = None
        named = config is not None and config.history is not None  # the configuration says where: read any
        if named:
            root, files = config.root, places.of_patterns(config.root, config.history)
        else:
            root, files = places.of_repository(want.path)
        if id(files) not in left:
            left[id(files)] = [f for f in files if os.path.abspath(f) not in linted_abs]
        tiers: tuple[list[str], ...] = ([], [], [], [], [])
        for file in left[id(files)]:
            if (tier := _tier(file, root, want, titles, named)) is not None:
                tiers[tier].append(file)
        surest = next((n for n, t in enumerate(tiers) if t), None)
        if surest is not None and surest >= 3:  # the year or nothing named: each one's title looked at first
            tiers[surest][:] = [f for f in tiers[surest] if _title_says(f, want, titles)]
        out.update(dict.fromkeys(tiers[surest] if surest is not None else []))
    return list(out)


def _title_says(file: str, want: Wanted, titles: Titles) -> bool:
    """Whether the title of ``file`` (its first paragraphs only, for a .docx) names ``want``'s agency and the year
    before; noted in the title cache either way. A file whose opening cannot be read is read whole."""
    from .history import agency_of
    from .model import Document, Paragraph
    from .readers.docx_opening import opening_paragraphs

    if os.path.splitext(file)[1].lower() not in (".docx", ".docm", ".dotx", ".dotm"):
        return True
    try:
        with open(file, "rb") as f:
            texts = opening_paragraphs(f.read())
    except OSError:
        return False
    if texts is None:
        return True
    doc = Document.build(file, [Paragraph(t) for t in texts], "docx")
    agency = agency_of(doc.title) if doc.title else ""
    titles.note(file, agency, doc.year)
    return doc.year == want.year - 1 and same_agency(agency_key(agency), agency_key(want.agency))


def _tier(file: str, root: Path | None, want: Wanted, titles: Titles, named: bool) -> int | None:
    """How surely ``file`` is ``want``'s agency's report of the year before: 0 its cached title says so, 1 its path
    below ``root`` names the agency, 2 it names the agency's last part ("自然资源局", which other places' offices
    share), 3 the year only, 4 (in a place ``history:`` names) nothing says otherwise; None when it cannot be (the
    cached title says otherwise, or, in the repository, the path names none of these). Only the surest tier found
    is read."""
    cached = titles.lookup(file)
    if cached is not None:
        agency, year = cached
        return 0 if year == want.year - 1 and same_agency(agency_key(agency), agency_key(want.agency)) else None
    rel = os.path.relpath(file, root) if root is not None else os.path.basename(file)
    if want.agency in rel or agency_key(want.agency) in rel:
        return 1
    short = _PLACE_RE.sub("", want.agency)
    if len(short) >= 2 and short in rel:
        return 2
    return 3 if str(want.year - 1) in rel else 4 if named else None
