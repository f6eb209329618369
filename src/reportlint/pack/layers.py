"""Pack layering: ``extends`` resolved into one effective pack description, every setting with the place that set it.

Merge semantics (documented in README "Rule packs and layers"):

- ``extends: NAME`` or ``extends: [A, B]``: a shipped pack by name (``national-2021``, ``shandong``) or a local file
  by path relative to the extending file. Parents are merged left to right, then the extending file on top.
- ``rules``: an entry with ``kind`` defines a rule; if a parent has a rule with the same id, the new one
  *replaces* it entirely. An entry without ``kind`` *overrides* settings of the inherited rule with that id
  (``severity``, ``require``, ``sections`` …): each key given replaces the inherited value, the others stay.
  ``severity: off`` disables a rule. Overriding an id no parent defines is an error.
- ``sections`` and ``tables``: by id; the same id replaces, a new id is added (sections keep their order, new ones
  are appended). ``aliases``: variants are added to the inherited ones.
- ``pack``, ``description``, ``format``: the extending file's value when it gives one.

Cycles and unknown names are configuration errors located at the ``extends`` entry (file:line:col).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..i18n import Both, both
from .yamlio import position, read_yaml

DEFAULT_PACK = "national-2021"  # the shipped pack used when neither --rules nor a configuration names one


@dataclass
class Origin:
    """Where a setting was written: the layer file, its parsed data and the path of the node inside it."""

    file: str
    data: Any
    where: list[Any]

    def locate(self, *more: Any, at_key: bool = False) -> tuple[int | None, int | None]:
        return position(self.data, [*self.where, *more], at_key)

    def text(self) -> str:
        line, _ = self.locate()
        return f"{self.file}:{line}" if line else self.file


@dataclass
class RuleLayered:
    """One rule of the effective pack: its merged settings and, for every key, where that value came from."""

    id: str
    spec: dict[str, Any]
    origins: dict[str, Origin] = field(default_factory=dict)
    defined: Origin | None = None  # the entry that gave the rule its kind


@dataclass
class Merged:
    """The effective pack description: plain data plus provenance."""

    pack: str = ""
    description: str = ""
    format: str = ""
    report: dict[str, Any] = field(default_factory=dict)  # name, name_en, subject: a later layer's replace them
    aliases: dict[str, list[str]] = field(default_factory=dict)
    sections: dict[str, tuple[dict[str, Any], Origin]] = field(default_factory=dict)
    tables: dict[str, tuple[dict[str, Any], Origin]] = field(default_factory=dict)
    rules: dict[str, RuleLayered] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # the layer files, parents first
    top: dict[str, Origin] = field(default_factory=dict)  # pack/description/format -> origin


def shipped_folder() -> Path:
    return Path(str(resources.files("reportlint.packs")))


def shipped_names() -> dict[str, Path]:
    """Shipped packs by name: rules/*.yaml and rules/provinces/*.yaml. Files starting with "_" are shared layers
    the packs extend by path, not packs of their own. The installed folder does not change while we run: listed
    once (every file checked asks for its pack by name)."""
    return dict(_shipped_names())


@functools.cache
def _shipped_names() -> dict[str, Path]:
    root = shipped_folder()
    found: dict[str, Path] = {}
    for folder in (root, root / "provinces"):
        if folder.is_dir():
            for p in sorted(folder.glob("*.yaml")):
                if not p.name.startswith("_"):
                    found.setdefault(p.stem, p)
    return found


def resolve_reference(ref: str, base: Path | None) -> Path | None:
    """A shipped pack's path by name, or a local file relative to ``base`` (the extending file's folder)."""
    if not is_path_reference(ref):
        return shipped_names().get(ref)
    path = Path(ref)
    if not path.is_absolute() and base is not None:
        path = base / path
    return path if path.is_file() else None


def no_pack(ref: str) -> Both:
    """No pack has this name or path: the closest shipped name, and the shipped names."""
    from ..suggest import did_you_mean

    names = sorted(shipped_names())
    close = did_you_mean(ref, names)
    listed = ", ".join(names)
    if close:
        return both("no pack {ref!r} (did you mean {close}? shipped packs: {listed}; give a local file as a relative path)",
                    ref=ref, close=close, listed=listed)
    return both("no pack {ref!r} (shipped packs: {listed}; give a local file as a relative path)",
                ref=ref, listed=listed)


def is_path_reference(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))


def outside(path: Path, root: Path) -> Both | None:
    """Why a pack or configuration may not read ``path``, or None: a file a layer refers to must be a regular file
    in ``root`` (the folder of the configuration or command-line pack the chain starts from) or below it, or a
    shipped pack. Nothing of a refused file is read, so no error can quote it (``extends: /etc/passwd``,
    ``pack: ../../../proc/self/environ`` in a pull request's .reportlint.yaml)."""
    real = path.resolve()
    if not any(real.is_relative_to(folder.resolve()) for folder in (root, shipped_folder())):
        return both("{path} lies outside the repository ({folder}): refer to files in this folder and below, or to shipped packs",
                    path=path, folder=os.path.abspath(root))
    if not real.is_file():
        return both("{path} is not a regular file", path=path)
    return None


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Layering:
    """Loads a pack file and its ancestors and merges them. ``validate`` checks one layer's data (schema)."""

    def __init__(self, validate) -> None:
        self.validate = validate
        self.cache: dict[Path, Any] = {}

    def load(self, path: Path, chain: tuple[Path, ...] = (), root: Path | None = None) -> Merged:
        """Merge ``path`` with everything it extends; a file it extends by path must lie in ``root`` (default: the
        folder of ``path``, which was named on the command line, by a configuration, or is a shipped pack)."""
        path = Path(path)
        root = root or path.parent
        data = self._read(path)
        merged = Merged()
        extends = data.get("extends")
        refs = [extends] if isinstance(extends, str) else list(extends or [])
        for i, ref in enumerate(refs):
            where = ["extends"] if isinstance(extends, str) else ["extends", i]
            parent = resolve_reference(str(ref), path.parent)
            refused = outside(parent, root) if parent is not None and is_path_reference(str(ref)) else None
            if refused is not None:
                line, col = position(data, where)
                raise ConfigError.said(str(path), "extends: {problem}", line, col, problem=refused)
            if parent is None:
                line, col = position(data, where)
                raise ConfigError.said(str(path), "extends: {problem}", line, col, problem=no_pack(str(ref)))
            key = parent.resolve()
            if key in chain or key == path.resolve():
                line, col = position(data, where)
                loop = " → ".join(p.name for p in (*chain, path.resolve(), key))
                raise ConfigError.said(str(path), "extends forms a cycle: {loop}", line, col, loop=loop)
            self._merge(merged, self.load(parent, (*chain, path.resolve()), root))
        self.apply(merged, data, str(path))
        return merged

    def _read(self, path: Path) -> Any:
        key = path.resolve()
        if key not in self.cache:
            data = read_yaml(path)
            if data is None:
                raise ConfigError.said(str(path), "the rule file is empty")
            self.validate(path, data)
            self.cache[key] = data
        return self.cache[key]

    @staticmethod
    def _merge(into: Merged, parent: Merged) -> None:
        """Merge a fully resolved parent into ``into`` (used for the second and later ``extends`` entries too)."""
        for name in ("pack", "description", "format"):
            if getattr(parent, name):
                setattr(into, name, getattr(parent, name))
                into.top[name] = parent.top[name]
        if parent.report:
            into.report = {**into.report, **parent.report}
            into.top["report"] = parent.top["report"]
        for canonical, variants in parent.aliases.items():
            have = into.aliases.setdefault(canonical, [])
            have.extend(v for v in variants if v not in have)
        into.sections.update(parent.sections)
        into.tables.update(parent.tables)
        for rid, rule in parent.rules.items():
            into.rules[rid] = rule
        into.files.extend(f for f in parent.files if f not in into.files)

    def apply(self, merged: Merged, data: Any, file: str, rules_key: str = "rules") -> None:
        """Put one layer's own content on top of ``merged``."""
        if file not in merged.files:
            merged.files.append(file)
        for name in ("pack", "description", "format"):
            if name in data:
                setattr(merged, name, str(data[name]))
                merged.top[name] = Origin(file, data, [name])
        if data.get("report"):
            merged.report = {**merged.report, **_plain(data["report"])}
            merged.top["report"] = Origin(file, data, ["report"])
        for canonical, variants in (data.get("aliases") or {}).items():
            have = merged.aliases.setdefault(str(canonical), [])
            have.extend(str(v) for v in variants if str(v) not in have)
        for i, sec in enumerate(data.get("sections") or []):
            merged.sections[str(sec["id"])] = (_plain(sec), Origin(file, data, ["sections", i]))
        for tid, tdef in (data.get("tables") or {}).items():
            merged.tables[str(tid)] = (_plain(tdef), Origin(file, data, ["tables", tid]))
        seen: dict[str, int] = {}
        for i, entry in enumerate(data.get(rules_key) or []):
            rid = str(entry["id"])
            here = Origin(file, data, [rules_key, i])
            if rid in seen:
                line, col = here.locate()
                raise ConfigError.said(file, "duplicate rule id {rid!r} (first defined on line {first})", line, col,
                                       rid=rid, first=seen[rid])
            seen[rid] = here.locate()[0] or 0
            spec = _plain(entry)
            if "kind" in spec:  # a definition: replaces any inherited rule with this id
                rule = RuleLayered(rid, spec, {k: Origin(file, data, [rules_key, i, k]) for k in spec}, here)
                merged.rules[rid] = rule  # an inherited id keeps its place in the order
                continue
            inherited = merged.rules.get(rid)
            if inherited is None:
                line, col = Origin(file, data, [rules_key, i, "id"]).locate()
                known = ", ".join(merged.rules) or "-"
                raise ConfigError.said(file, "rule {rid!r} has no kind, and no inherited pack defines a rule with this id to override (known: {known})",
                                       line, col, rid=rid, known=known)
            spec_new = dict(inherited.spec)
            origins = dict(inherited.origins)
            for k, v in spec.items():
                if k == "id":
                    continue
                spec_new[k] = v
                origins[k] = Origin(file, data, [rules_key, i, k])
            merged.rules[rid] = RuleLayered(rid, spec_new, origins, inherited.defined)
