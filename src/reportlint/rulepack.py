"""A rule pack ready to check with: read and merged (:mod:`reportlint.pack`), its rules compiled by their kinds
(:mod:`reportlint.checks`), kept in the pack cache (:mod:`reportlint.pack.cache`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .checks import compile_rule
from .output.report import RuleInfo
from .pack import Pack, builtin_pack_path
from .pack import cache as pack_cache
from .pack.loader import build_pack, merge, resolve_path

__all__ = ["default_pack", "load_pack", "rule_infos"]


def load_pack(path: str | Path, extra: tuple[Path, Any] | None = None) -> Pack:
    """Load a pack file (or a shipped pack by name) with everything it extends and ``extra``, one more layer on top
    (see :func:`reportlint.pack.loader.merge`), compiled. Raises ConfigError (the first problem, located at the
    layer that wrote it)."""
    path = resolve_path(path)
    extra_file = str(extra[0]) if extra is not None else None
    cached = pack_cache.get(path, extra_file)
    if cached is not None:
        return cached
    pack = build_pack(merge(path, extra), str(path), compile_rule)
    pack_cache.put(path, extra_file, pack)
    return pack


def default_pack() -> Pack:
    """The national pack shipped (the current edition)."""
    return load_pack(builtin_pack_path())


def rule_infos(pack: Pack) -> list[RuleInfo]:
    """What formatters, ``explain`` and ``rules`` show about each rule of a pack."""
    infos = []
    for rule in pack.rules:
        spec = rule.spec
        description = {"zh": str(spec.get("description", "")), "en": str(spec.get("description_en", ""))}
        help_ = {lang: {k: str(v) for k, v in text.items()} for lang, text in (spec.get("help") or {}).items()}
        infos.append(RuleInfo(rule.id, rule.kind, rule.severity, pack.name, rule.source,
                              {k: v for k, v in description.items() if v}, help_))
    return infos
