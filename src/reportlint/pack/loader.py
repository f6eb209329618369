"""Read a rule pack: ruamel.yaml (keeps line/column) → JSON Schema per layer → ``extends`` merged (layers.py) →
each effective rule checked against the schema again → a typed pack whose rules a given function compiles (the
rule kinds', see :mod:`reportlint.rulepack`)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..i18n import Both
from .explain_errors import schema_messages, unknown_key
from .layers import DEFAULT_PACK, Layering, Merged, Origin, RuleLayered, no_pack, shipped_names
from .yamlio import column_in_scalar, position


@dataclass
class SectionDef:
    id: str
    title: str
    aliases: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)  # a heading containing all of them matches too
    parent: str | None = None  # the id of the section this one is an item of
    terms: list[str] = field(default_factory=list)  # with the section's number: another wording of its heading


@dataclass
class TableDef:
    id: str
    name: str
    name_en: str
    title: str
    locate: list[str]
    min_match: int
    decimal_columns: list[str] = field(default_factory=list)
    signed_columns: list[str] = field(default_factory=list)  # may hold a negative number (本年增/减)
    groups: list[str] = field(default_factory=list)

    def named(self, lang: str) -> str:
        """The table's name in ``lang`` ("表三" / "table 3"): the pack's data in each language."""
        return self.name_en if lang == "en" else self.name


@dataclass(frozen=True)
class ReportDef:
    """The kind of report a pack checks: its name in messages, and ``subject``, what its title names after the
    agency and the year ("政府信息公开" in "…2023年政府信息公开工作年度报告"), a regular expression ("" when the pack
    does not say: a document is then taken for a report by its sections and tables alone)."""

    name: str = "年度报告"
    name_en: str = "annual report"
    subject: str = ""


@dataclass
class Rule:
    id: str
    kind: str
    severity: str
    spec: dict[str, Any]
    source: str  # file:line where the rule is defined
    compiled: Any = None
    origins: dict[str, str] = field(default_factory=dict)  # setting -> file:line of the layer that set it


@dataclass
class Pack:
    name: str
    path: str
    description: str = ""
    report: ReportDef = field(default_factory=ReportDef)
    sections: list[SectionDef] = field(default_factory=list)
    tables: dict[str, TableDef] = field(default_factory=dict)
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (variant, canonical)
    rules: list[Rule] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)  # the pack files merged into this one, parents first
    # what the pack says, hashed: two packs with the same fingerprint check alike (what checks remember of a table
    # for a rule is remembered under it, see reportlint.checks.tableindex)
    fingerprint: str = ""


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = resources.files("reportlint.pack").joinpath("schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def builtin_pack_path(name: str = DEFAULT_PACK) -> Path:
    """Path of a pack shipped inside the package (rules/ in the source tree)."""
    return shipped_names().get(name) or Path(str(resources.files("reportlint.packs").joinpath(f"{name}.yaml")))


def builtin_pack_names() -> list[str]:
    return sorted(shipped_names())


def _schema_errors(path: Path, data: Any, node: dict[str, Any] | None = None,
                   locate=None, prefix: list[Any] | None = None) -> list[ConfigError]:
    """Schema errors of ``data``, each located. ``node`` validates against a part of the schema (a merged rule
    against ``#/$defs/rule``); ``locate(where)`` then maps a path inside ``data`` to (file, line, col)."""
    import jsonschema  # only when a pack is compiled: a cached pack is already valid

    full = schema()
    validator = jsonschema.Draft202012Validator(
        {**node, "$defs": full["$defs"]} if node is not None else full)
    errors: list[ConfigError] = []
    raw = list(validator.iter_errors(data))
    paths = [tuple(e.absolute_path) for e in raw]
    # A failed kind-specific branch leaves its keys "unevaluated": report the branch's own error instead.
    raw = [e for e in raw if e.validator != "unevaluatedProperties"
           or not any(p[: len(e.absolute_path)] == tuple(e.absolute_path) and p != tuple(e.absolute_path)
                      for p in paths)]
    for err in sorted(raw, key=lambda e: list(map(str, e.absolute_path))):
        where = list(err.absolute_path)
        problem = schema_messages(err)
        at_key = False
        if err.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(err.instance, dict):
            allowed = set(err.schema.get("properties", {})) if err.validator == "additionalProperties" else set()
            extra = [k for k in err.instance if k not in allowed]
            if err.validator == "unevaluatedProperties":
                extra = [k for k in err.instance if f"'{k}'" in err.message]
                allowed = _known_keys(err.instance, full)
            if extra:
                where.append(extra[0])
                problem = unknown_key(extra[0], allowed)
                at_key = True
        elif err.validator in ("if", "then", "oneOf") and err.context:
            best = jsonschema.exceptions.best_match(err.context)
            where = list(best.absolute_path)
            problem = schema_messages(best)
        file = str(path)
        if locate is not None:
            file, line, col = locate(where, at_key)
        else:
            line, col = position(data, where, at_key)
        dotted = ".".join(str(p) for p in [*(prefix or []), *where]) or "(top level)"
        errors.append(ConfigError.said(file, "does not match the rule pack schema: {where}: {problem}", line, col,
                                       where=dotted, problem=problem))
    return errors


def _known_keys(rule: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    """The settings a rule of its kind may have (the common ones and its kind's branch), for "did you mean"."""
    rule_schema = schema["$defs"]["rule"]
    keys = set(rule_schema.get("properties", {}))
    for branch in rule_schema.get("allOf", []):
        const = branch.get("if", {}).get("properties", {}).get("kind", {}).get("const")
        if const == rule.get("kind"):
            keys |= set(branch.get("then", {}).get("properties", {}))
    return keys


def _validate_layer(path: Path, data: Any) -> None:
    errors = _schema_errors(path, data)
    if errors:
        raise errors[0]


def resolve_path(path: str | Path) -> Path:
    """The pack file ``path`` names: a path, or the name of a shipped pack (``--rules shandong``)."""
    path = Path(path)
    if not path.exists() and path.suffix == "":
        if str(path) in shipped_names():
            return shipped_names()[str(path)]
        raise ConfigError.said(str(path), "{problem}", problem=no_pack(str(path)))  # a name, neither shipped nor a file
    return path


def merge(path: Path, extra: tuple[Path, Any] | None = None) -> Merged:
    """A pack file merged with everything it extends, each layer checked against the schema. ``extra`` is one more
    layer on top, as (file, data) whose ``rules`` follow pack syntax (a repository config's local rules). Raises
    ConfigError (the first problem, located at the layer that wrote it)."""
    layering = Layering(_validate_layer)
    # what it extends by path must lie beside it or below: the configuration's folder, or the pack's own
    merged = layering.load(path, root=Path(extra[0]).parent if extra is not None else path.parent)
    if extra is not None:
        layering.apply(merged, extra[1], str(extra[0]))
    return merged


def _plain(value: Any) -> Any:
    """ruamel.yaml's round-trip containers and scalar strings as plain Python values (a compiled pack keeps no
    YAML types, so it unpickles without ruamel.yaml)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def build_pack(merged: Merged, path: str, compile_rule: Callable[[Rule, Pack], object]) -> Pack:
    """The pack a merged description gives, each rule's settings compiled by ``compile_rule`` (its kind's)."""
    pack = Pack(name=merged.pack, path=path, description=merged.description, layers=list(merged.files),
                report=_report(merged))
    for canonical, variants in merged.aliases.items():
        for variant in variants:
            pack.aliases.append((variant, canonical))
    for sid, (sec, origin) in merged.sections.items():
        parent = sec.get("parent")
        if parent is not None and parent not in {s.id for s in pack.sections}:
            line, col = origin.locate("parent")
            if parent in merged.sections:
                raise ConfigError.said(origin.file, "section {sid}: parent {parent!r} must be defined before it", line, col,
                                       sid=sid, parent=parent)
            raise ConfigError.said(origin.file, "section {sid}: parent {parent!r} is not defined", line, col, sid=sid,
                                   parent=parent)
        pack.sections.append(SectionDef(sid, str(sec["title"]), [str(a) for a in sec.get("aliases", [])],
                                        [str(v) for v in sec.get("variants", [])],
                                        [str(k) for k in sec.get("keywords", [])],
                                        str(parent) if parent is not None else None,
                                        [str(t) for t in sec.get("terms", [])]))
    for tid, (tdef, _origin) in merged.tables.items():
        locate = [str(x) for x in tdef["locate"]]
        pack.tables[tid] = TableDef(
            id=tid, name=str(tdef["name"]), name_en=str(tdef.get("name_en", tid)),
            title=str(tdef.get("title", "")), locate=locate,
            min_match=int(tdef.get("min_match", max(1, (len(locate) + 1) // 2))),
            decimal_columns=[str(x) for x in tdef.get("decimal_columns", [])],
            signed_columns=[str(x) for x in tdef.get("signed_columns", [])],
            groups=[str(x) for x in tdef.get("groups", [])],
        )
    for layered in merged.rules.values():
        _check_merged_rule(layered)
        spec = layered.spec
        defined = layered.defined
        rule = Rule(layered.id, str(spec["kind"]), str(spec.get("severity", "error")), spec,
                    defined.text() if defined else path,
                    origins={k: o.text() for k, o in layered.origins.items()})
        try:
            rule.compiled = compile_rule(rule, pack)
        except ValueError as exc:
            key = getattr(exc, "key", None)
            origin = layered.origins.get(key) if key else None
            origin = origin or defined
            more = [exc.index] if key and getattr(exc, "index", None) is not None else []
            ln, cl = origin.locate(*more) if origin else (None, None)
            offset = getattr(exc, "offset", None)
            file = origin.file if origin else path
            if offset is not None and ln is not None and cl is not None:
                cl = column_in_scalar(Path(file), ln, cl, offset)
            problem = exc.said() if hasattr(exc, "said") else Both(str(exc), str(exc))
            raise ConfigError.said(file, "rule {rule}: {problem}", ln, cl, rule=rule.id, problem=problem) from None
        rule.spec = _plain(spec)
        pack.rules.append(rule)
    pack.fingerprint = _fingerprint(pack)
    return pack


def _fingerprint(pack: Pack) -> str:
    said = [asdict(pack.report), pack.aliases, [asdict(s) for s in pack.sections], [asdict(t) for t in pack.tables.values()],
            [(r.id, r.kind, r.severity, r.spec) for r in pack.rules]]
    text = json.dumps(said, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _report(merged: Merged) -> ReportDef:
    said = merged.report
    subject = str(said.get("subject", ""))
    if subject:
        try:
            re.compile(subject)
        except re.error as exc:
            origin = merged.top["report"]
            line, col = origin.locate("subject")
            raise ConfigError.said(origin.file, "report.subject is not a valid regular expression: {reason}", line, col,
                                   reason=exc) from None
    default = ReportDef()
    return ReportDef(str(said.get("name", default.name)), str(said.get("name_en", default.name_en)), subject)


def _check_merged_rule(layered: RuleLayered) -> None:
    """An effective rule (after overrides) must match the schema; errors point at the layer that wrote the key."""

    def locate(where: list[Any], at_key: bool) -> tuple[str, int | None, int | None]:
        origin: Origin | None = layered.origins.get(str(where[0])) if where else None
        origin = origin or layered.defined
        if origin is None:
            return "", None, None
        line, col = origin.locate(*where[1:], at_key=at_key)
        return origin.file, line, col

    errors = _schema_errors(Path(""), layered.spec, {"$ref": "#/$defs/rule"}, locate, ["rules", layered.id])
    if errors:
        raise errors[0]
