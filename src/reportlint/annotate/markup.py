"""Comments in a copy of a Markdown or HTML report: each note an HTML comment line, ``<!-- reportlint: … -->``,
above its place.

The place is the line of the finding; for a Markdown table, the line the table starts on (a line inside a table
would end it); for a finding of the whole document, the title's line, else the first block's. The inserted line
takes the indentation and the line ending of the line it stands above. Every other byte of the file is kept: the
lines are split on the bytes of CR and LF (which no byte of a GB18030 or Big5 character can be), and only a UTF-16
or UTF-32 file is decoded and encoded again. ``--`` in a message is written ``- -`` (it would end the comment).
With fixes asked for, a note's safe fix is made in the line of its place (there is no tracked change in these
formats: the comment says what was changed); a table cell's, in a Markdown row, within the cell of its column, and
in HTML, within the one text between tags that is (or else holds) the old text, and not at all where that is a guess.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from html import unescape

from ..findings import Location
from ..model import Document
from ..normalize import clean
from ..readers import load_document
from ..readers.encoding import decoded
from ..readers.html import declared_charset
from .notes import Applied, Note

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_TEXT_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_INDENT_RE = re.compile(rb"[ \t]*")
_PIPE_RE = re.compile(r"(?<!\\)\|")
_TEXT_NODE_RE = re.compile(r">([^<>]*)(?=<)")


def annotate_markup(path: str, data: bytes, notes: Sequence[Note], html: bool) -> tuple[bytes, list[Applied]]:
    """The bytes of a copy of a Markdown (``html`` False) or HTML file with ``notes`` as comment lines (their
    fixes made in the lines of their places first), and the fixes made."""
    doc = load_document(path, data=data)
    _, codec = decoded(path, data, declared_charset(data) if html else None)
    bom = next((b for b in _BOMS if data.startswith(b)), b"")
    body = data[len(bom):]
    wide = codec.startswith(("utf-16", "utf-32"))
    lines = ([m.group(0).encode(codec) for m in _TEXT_LINE_RE.finditer(body.decode(codec))] if wide
             else body.splitlines(keepends=True))
    applied = []
    above: dict[int, list[str]] = {}
    for note in notes:
        made = _fix(lines, note, codec, html) if note.fix is not None else None
        if made is not None:
            applied.append(made)
        if note.comment:
            text = note.text_fixed if made is not None else note.text
            above.setdefault(_line(doc, note.location, html, len(lines)), []).append(text)
    out = [bom]
    for number, line in enumerate(lines, start=1):
        for text in above.get(number, ()):
            out.append(_comment(text, line, codec, wide))
        out.append(line)
    if not lines and 1 in above:
        out += [_comment(text, b"", codec, wide) for text in above[1]]
    return b"".join(out), applied


def _fix(lines: list[bytes], note: Note, codec: str, html: bool) -> Applied | None:
    """The note's fix made in the line of its place (its first occurrence there; in a Markdown table's row, in
    the cell of its column; in an HTML table, in the one text between tags that holds it), or None."""
    assert note.fix is not None
    n = note.location.line
    if n is None or not 0 < n <= len(lines):
        return None
    before = lines[n - 1].decode(codec, errors="replace")
    if html and note.location.col is not None:
        bounds = _text_node_bounds(before, note.fix.old)
        if bounds is None:
            return None
    else:
        bounds = _cell_bounds(before, note.location.col) if not html else (0, len(before))
    at = before.find(note.fix.old, *bounds)
    if at < 0:
        return None
    after = before[:at] + note.fix.new + before[at + len(note.fix.old):]
    lines[n - 1] = after.encode(codec, errors="xmlcharrefreplace")
    return Applied(note.location, before.rstrip("\r\n"), after.rstrip("\r\n"))


def _cell_bounds(line: str, col: int | None) -> tuple[int, int]:
    """Where the text of grid column ``col`` (1-based) lies in a Markdown table row ``line`` (its cells between
    unescaped pipes: a Markdown table has no merged cells); the whole line for any other line or place."""
    pipes = [m.start() for m in _PIPE_RE.finditer(line)]
    if col is None or not pipes:
        return 0, len(line)
    if line[: pipes[0]].strip():
        pipes.insert(0, -1)  # a row written without its leading pipe
    if col >= len(pipes) + (1 if line[pipes[-1] + 1:].strip() else 0):
        return 0, len(line)  # fewer cells than the place's column: the reader saw another layout
    return pipes[col - 1] + 1, pipes[col] if col < len(pipes) else len(line)


def _text_node_bounds(line: str, old: str) -> tuple[int, int] | None:
    """Where, in an HTML line, the text between two tags lies that a table cell's fix is made in: the one whose
    text is ``old`` (entities and spaces around it aside), else the one that holds ``old``; None when there is no
    such text, or several and none of them is ``old`` alone (a row line may hold the labels and other cells: the
    place would be a guess)."""
    holding = [m for m in _TEXT_NODE_RE.finditer(line) if old in m.group(1)]
    exact = [m for m in holding if clean(unescape(m.group(1))) == old]
    chosen = exact if len(exact) == 1 else holding if len(holding) == 1 else []
    return chosen[0].span(1) if chosen else None


def _line(doc: Document, loc: Location, html: bool, count: int) -> int:
    """The line a note at ``loc`` stands above."""
    table = next((t for t in doc.tables if t.index == loc.table), None) if loc.table is not None else None
    if table is not None and (not html or loc.line is None) and table.line:
        line = table.line
    elif loc.line is not None:
        line = loc.line
    else:
        first = doc.title_paragraph or next((b for b in doc.blocks if getattr(b, "line", None)), None)
        line = first.line if first is not None and first.line else 1
    return max(1, min(line, max(count, 1)))


def _comment(text: str, before: bytes, codec: str, wide: bool) -> bytes:
    """The comment line to put above the line ``before`` (its indentation and line ending)."""
    text = text.replace("\r", " ").replace("\n", " ")
    while "--" in text:
        text = text.replace("--", "- -")
    if wide:
        decoded_line = before.decode(codec)
        indent = decoded_line[: len(decoded_line) - len(decoded_line.lstrip(" \t"))]
        ending = decoded_line[len(decoded_line.rstrip("\r\n")):] or "\n"
        return f"{indent}<!-- reportlint: {text} -->{ending}".encode(codec)
    indent = _INDENT_RE.match(before).group(0)  # type: ignore[union-attr]
    ending = before[len(before.rstrip(b"\r\n")):] or b"\n"
    return indent + f"<!-- reportlint: {text} -->".encode(codec, errors="xmlcharrefreplace") + ending
