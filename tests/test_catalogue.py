"""The message catalogue (reportlint.i18n): every message the code asks for is in it with a Chinese translation whose
fields are the English text's; the compiled catalogue the package reads is the one the .po source gives."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from reportlint.errors import INPUT_MESSAGES
from reportlint.i18n import catalogue, tr

SRC = Path(__file__).resolve().parents[1] / "src" / "reportlint"
PO = SRC / "locale" / "zh_CN" / "LC_MESSAGES" / "reportlint.po"


def _po():
    with PO.open("rb") as fh:
        return read_po(fh)


def asked_for() -> dict[tuple[str | None, str], str]:
    """(context, message id) → where the code asks for it: the literal first text of say(…), t(…), both(…),
    LimitError(…), the second of tr(lang, …) and ConfigError.said(path, …), the context and text of trc(lang, …) and
    each(trc, …), and the messages of the input errors."""
    found: dict[tuple[str | None, str], str] = {}

    def text(node: ast.Call, index: int) -> str | None:
        if len(node.args) > index and isinstance(node.args[index], ast.Constant) and isinstance(node.args[index].value, str):
            return node.args[index].value
        return None

    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name in ("trc", "each") and (name == "trc" or getattr(node.args[0], "id", "") == "trc"):
                context, message = text(node, 1), text(node, 2)
                if context is not None and message is not None:
                    found[(context, message)] = f"{path.name}:{node.lineno}"
                continue
            if isinstance(node.func, ast.Attribute) and node.func.attr == "said":
                # ConfigError.said(path, message …), ctx.said(rule, message …), UsageError.said(message …)
                index = 0 if getattr(node.func.value, "id", "") == "UsageError" else 1
            elif name is not None:
                index = {"tr": 1, "t": 0, "say": 0, "LimitError": 0, "both": 0}.get(name)
            else:
                continue
            if index is not None and (message := text(node, index)) is not None:
                found[(None, message)] = f"{path.name}:{node.lineno}"
    for code, message in INPUT_MESSAGES.items():
        found[(None, message)] = f"errors.py INPUT_MESSAGES[{code!r}]"
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_asked_for_is_translated():
    po = _po()
    missing = [(where, context, message) for (context, message), where in asked_for().items()
               if not (po.get(message, context=context) and po.get(message, context=context).string)]
    assert missing == []


def declared(message) -> set[str]:
    """The fields a translator may use besides the message id's: named in a "#. fields: a (…), b" comment, where the
    code gives values for one language's wording only (a year a Chinese date writes, an English month name)."""
    found = set()
    for comment in message.auto_comments:
        if comment.startswith("fields:"):
            found |= {part.strip() for part in re.sub(r"\([^)]*\)", "", comment[7:]).split(",")}
    return found


def test_translations_fill_the_same_fields():
    wrong = []
    for message in _po():
        if message.id and isinstance(message.id, str) and "%" not in message.id:
            if fields(message.string) - fields(message.id) - declared(message):
                wrong.append((message.id, message.string))
    assert wrong == []


def test_declared_fields_are_given_by_the_code():
    """A "fields:" comment names what the code passes: each field is a keyword of a trc(…) call on that message."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    for message in _po():
        for name in declared(message):
            assert re.search(rf"\b{name}=", code), (message.id, name)


def test_the_compiled_catalogue_is_the_source():
    zh = catalogue("zh")

    def compiled(m) -> str:
        if isinstance(m.id, tuple):
            return zh.ngettext(m.id[0], m.id[1], 1)
        return zh.pgettext(m.context, m.id) if m.context else zh.gettext(m.id)

    def source(m) -> str:
        return m.string[0] if isinstance(m.string, tuple) else m.string

    messages = [m for m in _po() if m.id]
    assert len(messages) > 200
    assert [m.id for m in messages if compiled(m) != source(m)] == []


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "reportlint: 错误: --jobs -3：请给 0（每个 CPU 核一个进程）或正整数"),
    ("en", "reportlint: error: --jobs -3: give 0 (one per core) or more"),
])
def test_one_message_in_each_language(lang, expected):
    problem = tr(lang, "--jobs {jobs}: give 0 (one per core) or more", jobs=-3)
    assert tr(lang, "reportlint: error: {problem}", problem=problem) == expected
