"""A small, safe arithmetic language for table equations. Never ``eval``.

Grammar::

    equation := expr "=" expr
    expr     := term (("+" | "-") term)*
    term     := NUMBER | "[" selector "]" | "(" expr ")"
    selector := label ("/" label)*        a label path, leaf last; "*" as the last label sums every child row/column

``[三、本年度办理结果/（三）不予公开/*]`` sums the numbered leaves under （三）.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


class ExprError(ValueError):
    """An equation that cannot be read: ``message`` of the catalogue (:mod:`reportlint.i18n`) with ``values``, and
    where (0-based)."""

    def __init__(self, message: str, position: int, **values: object) -> None:
        self.message, self.values, self.position = message, values, position
        super().__init__(self.said().en)

    def said(self):  # -> reportlint.i18n.Both
        from ..i18n import both

        return both("{problem} (at character {at})", problem=both(self.message, **self.values), at=self.position + 1)


@dataclass(frozen=True)
class Ref:
    selector: str  # as written, for messages
    parts: tuple[str, ...]

    @property
    def wildcard(self) -> bool:
        return self.parts[-1] == "*"


@dataclass(frozen=True)
class Num:
    value: Decimal


@dataclass(frozen=True)
class BinOp:
    op: str  # "+" or "-"
    left: object
    right: object


Node = Ref | Num | BinOp


@dataclass(frozen=True)
class Equation:
    text: str
    left: Node
    right: Node
    op: str = "="  # or ">=", "<=": an inequality

    def holds(self, left: Decimal, right: Decimal) -> bool:
        return left == right if self.op == "=" else (left >= right if self.op == ">=" else left <= right)

    def refs(self) -> list[Ref]:
        return refs_of(self.left) + refs_of(self.right)


def refs_of(node: Node) -> list[Ref]:
    if isinstance(node, Ref):
        return [node]
    if isinstance(node, BinOp):
        return refs_of(node.left) + refs_of(node.right)  # type: ignore[arg-type]
    return []


_TOKEN_RE = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<ref>\[[^\[\]]*\])|(?P<op>>=|<=|[-+=()]))")


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN_RE.match(text, pos)
        if not m:
            bad = text[pos:].lstrip()
            raise ExprError("unexpected text {text!r}", len(text) - len(bad), text=bad[:10])
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind), m.start(kind)))
        pos = m.end()
    return out


def parse_equation(text: str) -> Equation:
    tokens = _tokens(text)
    pos = 0

    def peek() -> tuple[str, str, int] | None:
        return tokens[pos] if pos < len(tokens) else None

    def expr() -> Node:
        nonlocal pos
        node = term()
        while (tok := peek()) and tok[1] in "+-" and tok[0] == "op":
            pos += 1
            node = BinOp(tok[1], node, term())
        return node

    def term() -> Node:
        nonlocal pos
        tok = peek()
        if tok is None:
            raise ExprError("expression ends too early", len(text))
        kind, value, at = tok
        pos += 1
        if kind == "num":
            return Num(Decimal(value))
        if kind == "ref":
            inner = value[1:-1].strip()
            parts = tuple(p.strip() for p in inner.split("/"))
            if not inner or any(not p for p in parts):
                raise ExprError("empty label in {value}", at, value=value)
            if "*" in parts[:-1]:
                raise ExprError("'*' may only be the last label of a path", at)
            return Ref(inner, parts)
        if value == "(":
            node = expr()
            close = peek()
            if close is None or close[1] != ")":
                raise ExprError("missing ')'", close[2] if close else len(text))
            pos += 1
            return node
        raise ExprError("unexpected {value!r}", at, value=value)

    left = expr()
    tok = peek()
    if tok is None or tok[1] not in ("=", ">=", "<="):
        raise ExprError("an equation needs '=' (or '>=', '<=')", tok[2] if tok else len(text))
    op = tok[1]
    pos += 1
    right = expr()
    if (tok := peek()) is not None:
        raise ExprError("unexpected {value!r}", tok[2], value=tok[1])
    if not refs_of(left) and not refs_of(right):
        raise ExprError("an equation needs at least one [label]", 0)
    return Equation(text.strip(), left, right, op)


def evaluate(node: Node, value_of) -> Decimal:
    """Evaluate with ``value_of(ref) -> Decimal`` supplying each reference's value."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Ref):
        return value_of(node)
    if isinstance(node, BinOp):
        left = evaluate(node.left, value_of)  # type: ignore[arg-type]
        right = evaluate(node.right, value_of)  # type: ignore[arg-type]
        return left + right if node.op == "+" else left - right
    raise TypeError(node)  # pragma: no cover
