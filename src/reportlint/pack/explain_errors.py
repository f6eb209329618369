"""Schema and YAML errors said in the reader's language, from their structured cause (jsonschema's ``validator``,
``validator_value`` and ``instance``; ruamel.yaml's ``problem``), not passed through in English: each a
:class:`~reportlint.i18n.Both` from the catalogue. Unknown keys and values get the closest known one ("did you
mean")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..i18n import Both, both, tr
from ..suggest import did_you_mean

QUOTE_MAX = 40  # characters of a value an error may quote: a file read by mistake must never end up in a log

_TYPES = {"string": "text", "array": "a list", "object": "a mapping (key: value)", "integer": "a whole number",
          "number": "a number", "boolean": "true or false", "null": "nothing"}


def quoted(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= QUOTE_MAX + 8 else shown[:QUOTE_MAX] + "…"


def unknown_key(key: str, allowed: Iterable[str]) -> Both:
    close = did_you_mean(str(key), [str(a) for a in allowed])
    if close:
        return both("unknown key {key!r} (did you mean {close}?)", key=key, close=close)
    return both("unknown key {key!r}", key=key)


def schema_messages(error: Any) -> Both:
    """A jsonschema error in both languages (the English as jsonschema words it, where it does)."""
    kind, want, value = error.validator, error.validator_value, error.instance
    shown = quoted(value)
    if kind == "enum":
        close = did_you_mean(str(value), [str(w) for w in want])
        choices = ", ".join(map(str, want))
        if close:
            return both("{value} is not one of {choices} (did you mean {close}?)", value=shown, choices=choices,
                        close=close)
        return both("{value} is not one of {choices}", value=shown, choices=choices)
    if kind == "required":
        missing = next((w for w in want if not isinstance(value, dict) or w not in value), want[0] if want else "")
        return both("{name!r} is a required property", name=missing)
    if kind == "type":
        names = [want] if isinstance(want, str) else list(want)
        return Both(tr("zh", "{value} is not of type {types}", value=shown,
                       types="或".join(tr("zh", _TYPES.get(n, n)) for n in names)),
                    tr("en", "{value} is not of type {types}", value=shown, types=", ".join(repr(n) for n in names)))
    en = error.message.replace(repr(value), shown) if len(repr(value)) > QUOTE_MAX + 8 else error.message
    return Both(_schema_zh(kind, want, shown), en)  # the English as jsonschema says it


def _schema_zh(kind: str, want: Any, shown: str) -> str:
    if kind in ("minLength", "minItems") and want == 1:
        return tr("zh", "must not be empty")
    messages = {
        "minLength": "at least {n} characters", "maxLength": "at most {n} characters",
        "minItems": "at least {n} items", "maxItems": "at most {n} items",
        "pattern": "{value} is not written as {n}", "minimum": "{value} is less than the minimum of {n}",
        "maximum": "{value} is greater than the maximum of {n}", "uniqueItems": "the list has repeated items",
        "oneOf": "{value} is not written in any of the accepted ways",
        "anyOf": "{value} is not written in any of the accepted ways",
    }
    return tr("zh", messages.get(kind, "the value does not fit"), value=shown, n=want)


# ruamel.yaml's problems, said plainly (the position is given beside them)
_YAML_PROBLEMS = [
    (r"expected <block end>", "the indentation of this line does not match the level above"),
    (r"could not find expected ':'", "a colon is missing (a key: value needs a space after the colon)"),
    (r"mapping values are not allowed here",
     "a key: value cannot stand here (wrong indentation, or quote a value holding a colon)"),
    (r"found character '\\t' that cannot start any token|found a tab character",
     "a tab character: YAML indents with spaces only"),
    (r"found duplicate key", "a key is repeated"),
    (r"expected the node content, but found '<stream end>'",
     "the file ends here unexpectedly (an unclosed bracket or quote?)"),
    (r"found unexpected end of stream", "a quote is not closed"),
    (r"expected ',' or '\]'", "a list [ ] is not closed, or a comma is missing between its items"),
    (r"expected ',' or '}'", "a mapping { } is not closed, or a comma is missing between its items"),
    (r"found undefined alias|found unhashable key", "written in a way rule packs do not use (an alias or a complex key)"),
    (r"expected a comment or a line break", "something more follows the value on this line"),
    (r"did not find expected key", "a key is missing, or the indentation is wrong"),
    (r"did not find expected '-' indicator", "a list item lacks its dash, or the indentation is wrong"),
    (r"found character .* that cannot start any token", "a character that cannot start a value (quote it?)"),
]


def yaml_problem(problem: str) -> Both:
    """A ruamel.yaml problem: said plainly in Chinese, as ruamel says it in English."""
    en = tr("en", "YAML syntax error: {problem}", problem=problem)
    for pattern, plain in _YAML_PROBLEMS:
        if re.search(pattern, problem):
            return Both(tr("zh", "YAML syntax error: {problem}", problem=tr("zh", plain)), en)
    return Both(tr("zh", "YAML syntax error"), en)
