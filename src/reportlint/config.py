"""Repository configuration: ``.reportlint.yaml``, found by walking up from each checked file (or given with
``--config``), saying which pack applies to which paths, adding local rules and overrides, excluding paths and
ignoring rules per path.

    # .reportlint.yaml
    pack: national-2021            # the pack for every file (a shipped name or a path relative to this file)
    packs:                         # per-path packs; the first entry whose paths match wins
      - paths: ["山东/**"]
        pack: shandong
    rules:                         # local rules and overrides, pack syntax (an entry without kind overrides)
      - id: contact-info
        require: [phone, email]
    exclude: ["archive/2019/**"]   # never checked
    per-file-ignores:              # rule ids or id prefixes not reported for these paths
      "archive/**": [blank-cell, t3-]
    aggregates:                    # summary reports whose tables sum their parts' (rule aggregate-mismatch)
      - summary: 2023/市本级汇总.docx
        parts: ["2023/部门/*.docx"]
    history: ["归档/**"]            # where earlier reports are, for the rules across years (default: the repository)

Globs are gitignore-style (pathspec), relative to the folder holding the configuration file. Without any
configuration the national pack applies to every file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .pack.explain_errors import schema_messages, unknown_key
from .pack.layers import DEFAULT_PACK, is_path_reference, no_pack, outside, resolve_reference
from .pack.yamlio import position, read_yaml

CONFIG_NAMES = (".reportlint.yaml", ".reportlint.yml")


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    text = resources.files("reportlint.pack").joinpath("config.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _spec(patterns: list[str]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


@dataclass
class PackChoice:
    patterns: list[str]
    ref: str
    index: int  # position in `packs:`


@dataclass(frozen=True)
class AggregateDef:
    """A summary report and its parts (files, folders or globs), as written under ``aggregates:``."""

    summary: str
    parts: tuple[str, ...]
    index: int  # position in `aggregates:`


@dataclass
class Config:
    path: Path
    data: Any
    default_ref: str = DEFAULT_PACK
    choices: list[PackChoice] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    ignores: list[tuple[list[str], list[str]]] = field(default_factory=list)  # (patterns, rule ids/prefixes)
    aggregates: list[AggregateDef] = field(default_factory=list)
    history: list[str] | None = None  # where earlier reports are (paths, globs); None: the repository

    @property
    def root(self) -> Path:
        return self.path.parent

    @classmethod
    def load(cls, path: Path) -> Config:
        path = Path(path)
        data = read_yaml(path)
        if data is None:
            data = {}
        _validate(path, data)
        config = cls(path=path, data=data, default_ref=str(data.get("pack", DEFAULT_PACK)))
        for i, entry in enumerate(data.get("packs") or []):
            paths = entry["paths"]
            config.choices.append(PackChoice([paths] if isinstance(paths, str) else list(map(str, paths)),
                                             str(entry["pack"]), i))
        config.exclude = [str(p) for p in data.get("exclude") or []]
        if "history" in data:
            history = data.get("history") or []
            config.history = [history] if isinstance(history, str) else [str(h) for h in history]
        for pattern, ids in (data.get("per-file-ignores") or {}).items():
            config.ignores.append(([str(pattern)], [str(i) for i in ids]))
        for i, entry in enumerate(data.get("aggregates") or []):
            if set("*?[") & set(str(entry["summary"])):
                line, col = position(data, ["aggregates", i, "summary"])
                raise ConfigError.said(str(path), "summary must be the path of one report, not a glob", line, col)
            parts = entry["parts"]
            config.aggregates.append(AggregateDef(str(entry["summary"]),
                                                  (str(parts),) if isinstance(parts, str) else tuple(map(str, parts)), i))
        for where, ref in config.pack_refs():
            found = resolve_reference(ref, path.parent)
            if found is not None and is_path_reference(ref) and (refused := outside(found, path.parent)) is not None:
                line, col = position(data, where)
                raise ConfigError.said(str(path), "{problem}", line, col, problem=refused)
            if found is None:
                line, col = position(data, where)
                raise ConfigError.said(str(path), "{problem}", line, col, problem=no_pack(ref))
        return config

    def pack_refs(self) -> list[tuple[list[Any], str]]:
        refs: list[tuple[list[Any], str]] = [(["pack"], self.default_ref)]
        refs += [(["packs", c.index, "pack"], c.ref) for c in self.choices]
        return refs

    def relative(self, file: str | Path) -> str | None:
        try:
            return Path(file).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def pack_for(self, file: str | Path) -> tuple[str, list[Any]]:
        """(pack reference, where in the config it was chosen) for a file."""
        rel = self.relative(file)
        if rel is not None:
            for choice in self.choices:
                if _spec(choice.patterns).match_file(rel):
                    return choice.ref, ["packs", choice.index, "pack"]
        return self.default_ref, ["pack"]

    def excluded(self, file: str | Path) -> bool:
        rel = self.relative(file)
        return bool(rel is not None and self.exclude and _spec(self.exclude).match_file(rel))

    def ignored_rules(self, file: str | Path) -> list[str]:
        rel = self.relative(file)
        if rel is None:
            return []
        out: list[str] = []
        for patterns, ids in self.ignores:
            if _spec(patterns).match_file(rel):
                out.extend(ids)
        return out

    def local_layer(self) -> dict[str, Any]:
        """The config's own rules, sections and aliases as a pack layer (positions kept for provenance)."""
        return {k: self.data[k] for k in ("rules", "sections", "aliases") if k in self.data}


def _validate(path: Path, data: Any) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    err = errors[0]
    where = list(err.absolute_path)
    problem = schema_messages(err)
    at_key = False
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = err.schema.get("properties", {})
        extra = [k for k in err.instance if k not in allowed]
        if extra:
            where.append(extra[0])
            problem = unknown_key(extra[0], allowed)
            at_key = True
    line, col = position(data, where, at_key)
    dotted = ".".join(map(str, where)) or "(top level)"
    raise ConfigError.said(str(path), "invalid configuration: {where}: {problem}", line, col, where=dotted,
                           problem=problem)


_UNSEEN = Path()  # a folder not searched yet


def find_config(folder: Path, cache: dict[Path, Path | None]) -> Path | None:
    """The nearest configuration file in ``folder`` or above it."""
    folder = folder.resolve()
    chain: list[Path] = []
    found: Path | None = None
    for candidate in (folder, *folder.parents):
        if candidate in cache:
            found = cache[candidate]
            break
        chain.append(candidate)
        hit = next((candidate / n for n in CONFIG_NAMES if (candidate / n).is_file()), None)
        if hit is not None:
            found = hit
            break
    for c in chain:
        cache[c] = found
    return found


@dataclass
class Resolution:
    """What applies to one file."""

    pack: Any  # reportlint.pack.Pack
    config: Config | None
    ignores: list[str] = field(default_factory=list)
    excluded: bool = False
    chosen_at: str = ""  # where the pack was chosen: config file:line, --rules, or the default
    by_edition: Any = None  # when nobody chose a pack: edition ("2019"/"2021") -> the national pack of that edition


class Resolver:
    """Per file: the configuration that governs it, the effective pack (cached per configuration and pack) and
    the rules ignored for it. ``config_path`` (--config) replaces discovery; ``rules_path`` (--rules) replaces the
    configuration's choice of pack (its local rules, excludes and ignores still apply)."""

    def __init__(self, config_path: str | Path | None = None, rules_path: str | Path | None = None) -> None:
        self.config_path = Path(config_path) if config_path else None
        self.rules_path = Path(rules_path) if rules_path else None
        self._found: dict[Path, Path | None] = {}
        self._by_folder: dict[str, Path | None] = {}
        self._default: Resolution | None = None  # what applies where no configuration and no --rules do
        self._configs: dict[Path, Config | ConfigError] = {}
        self._packs: dict[tuple[Path | None, Path], Any] = {}
        self._resolved: dict[Path, Path] = {}
        self._pack_keys: dict[tuple[Path | None, Path], tuple[Path | None, Path]] = {}

    def config_for(self, file: str | Path) -> Config | None:
        path = self.config_path
        if path is None:
            # the files of one folder: the folder resolved and searched once (by its name: a Path costs more than
            # the search, in a batch of thousands of files)
            name = str(file)
            folder = name if os.path.isdir(name) else os.path.dirname(name)
            path = self._by_folder.get(folder, _UNSEEN)
            if path is _UNSEEN:
                path = self._by_folder[folder] = find_config(Path(folder or "."), self._found)
        if path is None:
            return None
        key = self._resolved.get(path)
        if key is None:
            key = self._resolved[path] = path.resolve()
        if key not in self._configs:
            try:
                self._configs[key] = Config.load(path)
            except ConfigError as exc:
                self._configs[key] = exc
        cached = self._configs[key]
        if isinstance(cached, ConfigError):
            raise cached
        return cached

    def resolve(self, file: str | Path, honour_exclude: bool = True) -> Resolution:
        """Raises ConfigError when the governing configuration or pack is broken (the same error object for every
        file it governs, so callers can report it once)."""
        config = self.config_for(file)
        if honour_exclude and config is not None and config.excluded(file):
            return Resolution(None, config, excluded=True)
        if config is None and self.rules_path is None and self._default is not None:
            return self._default
        defaulted = False  # nobody chose the pack
        if self.rules_path is not None:
            pack_path, chosen = self.rules_path, "--rules"
        elif config is not None:
            ref, where = config.pack_for(file)
            pack_path = resolve_reference(ref, config.root)  # checked when the config was loaded
            if where == ["pack"] and "pack" not in config.data:
                chosen, defaulted = f"{config.path} (default {DEFAULT_PACK})", True
            else:
                chosen = f"{config.path}:{position(config.data, where)[0]}"
        else:
            pack_path, chosen = resolve_reference(DEFAULT_PACK, None), f"default ({DEFAULT_PACK})"
            defaulted = True
        pack = self._pack(config, pack_path)
        by_edition = None
        if defaulted:
            # Nobody chose a pack: the edition of the format follows the report (its tables, else its year).
            def by_edition(edition: str, config: Config | None = config) -> Any:
                return self._pack(config, resolve_reference(f"national-{edition}", None))
        resolution = Resolution(pack, config, config.ignored_rules(file) if config else [], chosen_at=chosen,
                                by_edition=by_edition)
        if config is None and self.rules_path is None:
            self._default = resolution
        return resolution

    def _pack(self, config: Config | None, pack_path: Path) -> Any:
        from .rulepack import load_pack

        given = (config.path if config else None, pack_path)
        key = self._pack_keys.get(given)
        if key is None:  # resolving paths is two system calls a file: once per configuration and pack
            key = self._pack_keys[given] = (config.path.resolve() if config else None, pack_path.resolve())
        if key not in self._packs:
            try:
                extra = (config.path, config.local_layer()) if config and config.local_layer() else None
                self._packs[key] = load_pack(pack_path, extra=extra)
            except ConfigError as exc:
                self._packs[key] = exc
        cached = self._packs[key]
        if isinstance(cached, ConfigError):
            raise cached
        return cached
