"""YAML in with positions: ruamel.yaml round-trip data keeps the line and column of every node, so every
configuration error can name file:line:col."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ConfigError

# ruamel.yaml is imported when a YAML file is read, not with this module: a run whose rule pack comes from the
# compiled-pack cache (pack/cache.py) reads no YAML at all.


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def read_yaml(path: Path) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
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
