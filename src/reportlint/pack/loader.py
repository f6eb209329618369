"""Load a rule pack: ruamel.yaml (keeps line/column) → JSON Schema → typed, compiled pack."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..errors import ConfigError

DEFAULT_PACK = "national-2021"


@dataclass
class SectionDef:
    id: str
    title: str
    aliases: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)


@dataclass
class TableDef:
    id: str
    name: str
    name_en: str
    title: str
    locate: list[str]
    min_match: int
    decimal_columns: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)


@dataclass
class Rule:
    id: str
    kind: str
    severity: str
    spec: dict[str, Any]
    source: str  # file:line where the rule is defined
    compiled: Any = None


@dataclass
class Pack:
    name: str
    path: str
    description: str = ""
    sections: list[SectionDef] = field(default_factory=list)
    tables: dict[str, TableDef] = field(default_factory=dict)
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (variant, canonical)
    rules: list[Rule] = field(default_factory=list)


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = resources.files("reportlint.pack").joinpath("schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def builtin_pack_path(name: str = DEFAULT_PACK) -> Path:
    """Path of a pack shipped inside the package (rules/ in the source tree)."""
    ref = resources.files("reportlint.packs").joinpath(f"{name}.yaml")
    return Path(str(ref))


def builtin_pack_names() -> list[str]:
    folder = resources.files("reportlint.packs")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(str(path), "规则文件不存在", message_en="rule file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"无法读取规则文件：{exc}", message_en=f"cannot read the rule file: {exc}") from None
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "").strip()
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise ConfigError(str(path), f"YAML 语法错误：{problem}", line, col,
                          message_en=f"YAML syntax error: {problem}") from None
    except YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(str(path), f"YAML 语法错误：{first}", message_en=f"YAML syntax error: {first}") from None


def position(data: Any, path: list[Any], at_key: bool = False) -> tuple[int | None, int | None]:
    """1-based line/column of the node at ``path`` in ruamel round-trip data (nearest known ancestor).

    With ``at_key`` the last element of ``path`` is located at its key rather than its value."""
    node = data
    line = col = None
    for n, key in enumerate(path):
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                if isinstance(key, int):
                    ln, cl = lc.item(key)
                else:
                    last_key = at_key and n == len(path) - 1
                    ln, cl = lc.value(key) if _is_scalar(node[key]) and not last_key else lc.key(key)
                line, col = ln + 1, cl + 1
            node = node[key]
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    if line is None and getattr(data, "lc", None) is not None:
        line, col = data.lc.line + 1, data.lc.col + 1
    return line, col


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _schema_errors(path: Path, data: Any) -> list[ConfigError]:
    validator = jsonschema.Draft202012Validator(schema())
    errors: list[ConfigError] = []
    raw = list(validator.iter_errors(data))
    paths = [tuple(e.absolute_path) for e in raw]
    # A failed kind-specific branch leaves its keys "unevaluated": report the branch's own error instead.
    raw = [e for e in raw if e.validator != "unevaluatedProperties"
           or not any(p[: len(e.absolute_path)] == tuple(e.absolute_path) and p != tuple(e.absolute_path)
                      for p in paths)]
    for err in sorted(raw, key=lambda e: list(map(str, e.absolute_path))):
        where = list(err.absolute_path)
        message = err.message
        at_key = False
        if err.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(err.instance, dict):
            allowed = set(err.schema.get("properties", {})) if err.validator == "additionalProperties" else set()
            extra = [k for k in err.instance if k not in allowed]
            if err.validator == "unevaluatedProperties":
                extra = [k for k in err.instance if f"'{k}'" in err.message]
            if extra:
                where.append(extra[0])
                message = f"unknown key {extra[0]!r}"
                at_key = True
        elif err.validator in ("if", "then", "oneOf") and err.context:
            best = jsonschema.exceptions.best_match(err.context)
            where = list(best.absolute_path)
            message = best.message
        line, col = position(data, where, at_key)
        dotted = ".".join(str(p) for p in where) or "(top level)"
        errors.append(ConfigError(str(path), f"不符合规则包格式：{dotted}: {message}", line, col,
                                  message_en=f"does not match the rule pack schema: {dotted}: {message}"))
    return errors


def load_pack(path: str | Path) -> Pack:
    """Load and validate one pack file. Raises ConfigError (the first problem, located)."""
    path = Path(path)
    data = read_yaml(path)
    if data is None:
        raise ConfigError(str(path), "规则文件为空", message_en="the rule file is empty")
    errors = _schema_errors(path, data)
    if errors:
        raise errors[0]
    pack = Pack(name=str(data["pack"]), path=str(path), description=str(data.get("description", "")))
    for canonical, variants in (data.get("aliases") or {}).items():
        for variant in variants:
            pack.aliases.append((str(variant), str(canonical)))
    for sec in data.get("sections") or []:
        pack.sections.append(SectionDef(str(sec["id"]), str(sec["title"]), [str(a) for a in sec.get("aliases", [])],
                                        [str(v) for v in sec.get("variants", [])]))
    for tid, tdef in (data.get("tables") or {}).items():
        locate = [str(x) for x in tdef["locate"]]
        pack.tables[str(tid)] = TableDef(
            id=str(tid), name=str(tdef["name"]), name_en=str(tdef.get("name_en", tid)),
            title=str(tdef.get("title", "")), locate=locate,
            min_match=int(tdef.get("min_match", max(1, (len(locate) + 1) // 2))),
            decimal_columns=[str(x) for x in tdef.get("decimal_columns", [])],
            groups=[str(x) for x in tdef.get("groups", [])],
        )
    seen: dict[str, int] = {}
    from ..checks import KINDS  # the registry of rule kinds

    for i, spec in enumerate(data["rules"]):
        line, _ = position(data, ["rules", i])
        rid = str(spec["id"])
        if rid in seen:
            raise ConfigError(str(path), f"规则 id {rid!r} 重复（第 {seen[rid]} 行已定义）", line, 1,
                              message_en=f"duplicate rule id {rid!r} (first defined on line {seen[rid]})")
        seen[rid] = line or 0
        plain = _plain(spec)
        rule = Rule(rid, str(spec["kind"]), str(spec.get("severity", "error")), plain, f"{path}:{line}")
        try:
            rule.compiled = KINDS[rule.kind].compile(rule, pack)
        except ValueError as exc:
            key = getattr(exc, "key", None)
            where = ["rules", i] + ([key] if key else [])
            if key and getattr(exc, "index", None) is not None:
                where.append(exc.index)
            ln, cl = position(data, where)
            offset = getattr(exc, "offset", None)
            if offset is not None and ln is not None and cl is not None:
                cl = _column_in_scalar(path, ln, cl, offset)
            raise ConfigError(str(path), f"规则 {rid}：{exc}", ln, cl, message_en=f"rule {rid}: {exc}") from None
        pack.rules.append(rule)
    return pack


def _column_in_scalar(path: Path, line: int, col: int, offset: int) -> int:
    """Column of character ``offset`` of a scalar that starts at line:col (quoted or plain; block scalars
    start on the next line, so they keep the indicator's column)."""
    try:
        text = path.read_text(encoding="utf-8-sig").splitlines()[line - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return col
    first = text[col - 1:col]
    if first in ("'", '"'):
        return col + 1 + offset
    if first in (">", "|"):
        return col
    return col + offset


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
