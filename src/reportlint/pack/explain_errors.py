"""Schema and YAML errors said in the reader's language, from their structured cause (jsonschema's ``validator``,
``validator_value`` and ``instance``; ruamel.yaml's ``problem``), not passed through in English: each is (zh, en).
Unknown keys and values get the closest known one ("did you mean")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..suggest import did_you_mean

QUOTE_MAX = 40  # characters of a value an error may quote: a file read by mistake must never end up in a log

_TYPES_ZH = {"string": "文字", "array": "列表", "object": "键值表（key: value）", "integer": "整数", "number": "数字",
             "boolean": "true 或 false", "null": "空值"}


def quoted(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= QUOTE_MAX + 8 else shown[:QUOTE_MAX] + "…"


def unknown_key(key: str, allowed: Iterable[str]) -> tuple[str, str]:
    close = did_you_mean(str(key), [str(a) for a in allowed])
    return (f"未知的键 {key!r}" + (f"（是不是 {close}？）" if close else ""),
            f"unknown key {key!r}" + (f" (did you mean {close}?)" if close else ""))


def schema_messages(error: Any) -> tuple[str, str]:
    """(zh, en) of a jsonschema error."""
    kind, want, value = error.validator, error.validator_value, error.instance
    shown = quoted(value)
    en = error.message.replace(repr(value), shown) if len(repr(value)) > QUOTE_MAX + 8 else error.message
    if kind == "enum":
        close = did_you_mean(str(value), [str(w) for w in want])
        hint_zh, hint_en = (f"（是不是 {close}？）", f" (did you mean {close}?)") if close else ("", "")
        return (f"{shown} 不是可用的值{hint_zh}；可用：{', '.join(map(str, want))}",
                f"{shown} is not one of {', '.join(map(str, want))}{hint_en}")
    if kind == "required":
        missing = next((w for w in want if not isinstance(value, dict) or w not in value), want[0] if want else "")
        return f"缺少必填项 {missing!r}", en
    if kind == "type":
        names = [want] if isinstance(want, str) else list(want)
        return f"{shown} 的类型不对，应为{'或'.join(_TYPES_ZH.get(n, n) for n in names)}", en
    zh = {
        "minLength": "不能为空" if want == 1 else f"至少要有 {want} 个字符",
        "maxLength": f"最多 {want} 个字符",
        "minItems": "至少要有一项" if want == 1 else f"至少要有 {want} 项",
        "maxItems": f"最多 {want} 项",
        "pattern": f"{shown} 的写法不对（应符合 {want}）",
        "minimum": f"{shown} 小于最小值 {want}",
        "maximum": f"{shown} 大于最大值 {want}",
        "const": f"应为 {want!r}",
        "uniqueItems": "列表中有重复的项",
        "oneOf": f"{shown} 的写法不对",
        "anyOf": f"{shown} 的写法不对",
    }.get(kind, "取值不符合要求")
    return zh, en


# ruamel.yaml's problems, as a person would say them in Chinese (the position is given beside them)
_YAML_PROBLEMS = [
    (r"expected <block end>", "缩进不一致：这一行的缩进与上一层的内容对不上"),
    (r"could not find expected ':'", "缺少冒号“:”（“键: 值”的冒号后要有空格）"),
    (r"mapping values are not allowed here", "这里不能出现“键: 值”（缩进不对，或值里的冒号要加引号）"),
    (r"found character '\\t' that cannot start any token|found a tab character", "含有制表符：YAML 只能用空格缩进"),
    (r"found duplicate key", "键重复出现"),
    (r"expected the node content, but found '<stream end>'", "文件在这里意外结束（括号或引号没有闭合？）"),
    (r"found unexpected end of stream", "引号没有闭合"),
    (r"expected ',' or '\]'", "列表“[ ]”的方括号没有闭合，或项之间缺少逗号"),
    (r"expected ',' or '}'", "键值表“{ }”的花括号没有闭合，或项之间缺少逗号"),
    (r"found undefined alias|found unhashable key", "写法不对（别名或复杂的键）"),
    (r"expected a comment or a line break", "这一行在值之后还有多余的内容"),
    (r"did not find expected key", "缺少键，或缩进不对"),
    (r"did not find expected '-' indicator", "列表项缺少“- ”，或缩进不对"),
    (r"found character .* that cannot start any token", "含有不能开始一项内容的字符（要加引号？）"),
]


def yaml_problem(problem: str) -> tuple[str, str]:
    """(zh, en) of a ruamel.yaml problem."""
    for pattern, zh in _YAML_PROBLEMS:
        if re.search(pattern, problem):
            return f"YAML 语法错误：{zh}", f"YAML syntax error: {problem}"
    return "YAML 语法错误", f"YAML syntax error: {problem}"
