"""``reportlint explain RULE-ID`` and ``reportlint rules``: a rule's documentation from its pack (what it
checks, why, a passing and a failing example) and, below it, the documentation of its rule kind (the kind
``Doc``: how it works and how to configure it)."""

from __future__ import annotations

import json
import re
import unicodedata

from ..i18n import words
from .report import RuleInfo

_HEAD = {
    "rule": "rule",
    "pack": "pack",
    "kind": "kind",
    "severity": "severity",
    "defined": "defined at",
    "enabled": "enabled",
    "yes": "yes",
    "no": "no (off)",
    "kind_doc": "rule kind {kind}"
}  # English: the catalogue's message ids (context "explain")


def width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def kind_doc(kind: str, lang: str = "zh") -> str:
    """The rule kind's documentation in ``lang`` ("" for a kind not registered)."""
    from ..checks import KINDS

    found = KINDS.get(kind)
    return found.doc.text(lang) if found is not None else ""


_LITERAL = re.compile(r"``(.+?)``")


def plain(text: str) -> str:
    """The kinds' documentation (reStructuredText, for the source) as a terminal shows it: ``literal`` without its
    backquotes, a paragraph's closing "::" as one colon, a line of "::" alone left out."""
    out = []
    for line in text.split("\n"):
        line = _LITERAL.sub(r"\1", line)
        stripped = line.rstrip()
        if stripped.strip() == "::":
            continue
        if stripped.endswith("::"):
            before = stripped[:-2].rstrip()
            wide = bool(before) and ord(before[-1]) >= 0x2E80  # after Chinese text, a full-width colon
            line = before + ("" if before.endswith((":", "：")) else "：" if wide else ":")
        out.append(line)
    return "\n".join(out)


def render_rule(info: RuleInfo, lang: str = "zh") -> str:
    h = words(lang, "explain", _HEAD)
    out = [
        f"{info.id} — {info.title(lang)}",
        "",
        f"{h['pack']}: {info.pack}   {h['kind']}: {info.kind}   {h['severity']}: {info.severity}   "
        f"{h['enabled']}: {h['yes'] if info.enabled else h['no']}",
        f"{h['defined']}: {info.source}",
    ]
    body = info.help_text(lang).split("\n", 1)
    if len(body) > 1:
        out += ["", body[1]]
    doc = kind_doc(info.kind, lang)
    if doc:
        out += ["", h["kind_doc"].format(kind=info.kind), "", plain(doc)]
    return "\n".join(out) + "\n"


def render_rules(infos: list[RuleInfo], lang: str = "zh", fmt: str = "text") -> str:
    if fmt == "json":
        data = [{"id": i.id, "pack": i.pack, "kind": i.kind, "severity": i.severity, "enabled": i.enabled,
                 "description": i.title(lang), "source": i.source} for i in infos]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    h = words(lang, "explain", _HEAD)
    header = (h["rule"], h["pack"], h["kind"], h["severity"], h["enabled"])
    rows = [(i.id, i.pack, i.kind, i.severity, h["yes"] if i.enabled else h["no"]) for i in infos]
    widths = [max(width(r[k]) for r in [header, *rows]) for k in range(5)]
    lines = []
    for row, info in zip([header, *rows], [None, *infos], strict=True):
        cells = "  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True))
        lines.append(f"{cells}  {info.title(lang) if info else ''}".rstrip())
    return "\n".join(lines) + "\n"
