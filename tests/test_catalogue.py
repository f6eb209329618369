"""The message catalogue (reportlint.i18n): every message the code asks for is in it with a Chinese translation whose
fields are the English text's; the compiled catalogue the package reads is the one the .po source gives."""

from __future__ import annotations

import ast
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


def asked_for() -> dict[str, str]:
    """message id → where the code asks for it: the literal first text of say(…), t(…), both(…), LimitError(…),
    the second of tr(lang, …) and ConfigError.said(path, …), and the messages of the input errors."""
    found: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Attribute) and node.func.attr == "said":
                # ConfigError.said(path, message …), ctx.said(rule, message …), UsageError.said(message …)
                index = 0 if getattr(node.func.value, "id", "") == "UsageError" else 1
            elif isinstance(node.func, ast.Name):
                index = {"tr": 1, "t": 0, "say": 0, "LimitError": 0, "both": 0}.get(node.func.id)
            else:
                continue
            if index is not None and len(node.args) > index and isinstance(node.args[index], ast.Constant) \
                    and isinstance(node.args[index].value, str):
                found[node.args[index].value] = f"{path.name}:{node.lineno}"
    for code, message in INPUT_MESSAGES.items():
        found[message] = f"errors.py INPUT_MESSAGES[{code!r}]"
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_asked_for_is_translated():
    po = _po()
    missing = [(where, message) for message, where in asked_for().items()
               if not (po.get(message) and po.get(message).string)]
    assert missing == []


def test_translations_fill_the_same_fields():
    wrong = []
    for message in _po():
        if message.id and isinstance(message.id, str) and "%" not in message.id:
            if fields(message.string) - fields(message.id):
                wrong.append((message.id, message.string))
    assert wrong == []


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
