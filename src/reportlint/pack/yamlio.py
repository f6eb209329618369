"""YAML in with positions: ruamel.yaml round-trip data keeps the line and column of every node, so every
configuration error can name file:line:col."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .explain_errors import yaml_problem

# ruamel.yaml is imported when a YAML file is read, not with this module: a run whose rule pack comes from the
# compiled-pack cache (pack/cache.py) reads no YAML at all.


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


MAX_BYTES = 1024 * 1024  # a rule pack or configuration is a few kilobytes; the national pack is 60 KB
MAX_DEPTH = 32  # nesting of mappings and lists: the schema needs 6


def read_yaml(path: Path) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block, a device never end
            raise ConfigError.said(str(path), "not a regular file")
        if st.st_size > MAX_BYTES:
            raise ConfigError.said(str(path), "the rule file is too large ({size} KB > {most} KB)", size=st.st_size // 1024,
                                   most=MAX_BYTES // 1024)
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError.said(str(path), "rule file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError.said(str(path), "cannot read the rule file: {reason}", reason=exc) from None
    try:
        _check_shape(path, text)
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "").strip()
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        said = yaml_problem(problem)
        raise ConfigError(str(path), said.zh, line, col, message_en=said.en) from None
    except YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        said = yaml_problem(first)
        raise ConfigError(str(path), said.zh, message_en=said.en) from None


def _check_shape(path: Path, text: str) -> None:
    """Refuse what no pack needs and what could exhaust the loader, before anything is built: aliases (``*name``,
    whose expansion can grow without bound — an alias bomb) and nesting deeper than MAX_DEPTH (the loader recurses)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent

    depth = 0
    for event in YAML(typ="safe").parse(text):
        if isinstance(event, AliasEvent):
            mark = event.start_mark
            raise ConfigError.said(str(path), "YAML aliases (*name) are not allowed in rule packs and configurations",
                                   mark.line + 1, mark.column + 1)
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise ConfigError.said(str(path), "the YAML nests more than {depth} levels deep", mark.line + 1,
                                       mark.column + 1, depth=MAX_DEPTH)
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


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


def column_in_scalar(path: Path, line: int, col: int, offset: int) -> int:
    """Column of character ``offset`` of a scalar that starts at line:col (quoted or plain; block scalars
    start on the next line, so they keep the indicator's column)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig").splitlines()[line - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return col
    first = text[col - 1:col]
    if first in ("'", '"'):
        return col + 1 + offset
    if first in (">", "|"):
        return col
    return col + offset


def top_level_scalar(path: Path, key: str) -> str | None:
    """The scalar value of ``key`` in the top-level mapping of a YAML file, read from ruamel.yaml's event stream up
    to that key only (``--version`` asks every shipped pack for its version: parsing them whole cost 0.2 s).
    None when the file has no such key (or not a scalar one); OSError, UnicodeDecodeError or ruamel.yaml's YAMLError
    when it cannot be read or parsed."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, ScalarEvent

    depth, is_key, wanted = 0, True, False
    with open(path, encoding="utf-8-sig") as stream:
        for event in YAML(typ="safe").parse(stream):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth == 2:  # a value of the top-level mapping that is a collection
                    if wanted:
                        return None
                    is_key = True
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            elif isinstance(event, ScalarEvent) and depth == 1:
                if not is_key and wanted:
                    return str(event.value)
                wanted = is_key and event.value == key
                is_key = not is_key
    return None
