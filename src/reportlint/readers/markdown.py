"""The Markdown reader (.md/.markdown): markdown-it-py tokens → Paragraph and Table blocks with source lines.

Structure comes from markdown-it-py (CommonMark plus GFM pipe tables); every block token carries ``.map`` =
[first line, end line), 0-based, which gives each block its 1-based ``line`` and ``column``.

* ATX and Setext headings → ``Paragraph(heading_level=1..6)``.
* Paragraphs, list items, block quotes → paragraphs; an ordered item keeps its number as written ("1. …"),
  bullets drop their marker. Indented and fenced code blocks are read as plain text lines.
* Inline markup is reduced to its text: emphasis, links and code spans keep their text, entities are decoded,
  images are dropped, a soft or hard line break is "\\n", inline ``<br>`` is "\\n", other inline HTML is dropped.
* GFM pipe tables → :class:`~reportlint.model.Table`, one :class:`RawCell` per cell as written (Markdown has no
  merged cells: a span written by repeating the text or by an empty cell is handed over as it is).
* Pipe rows without the separator line (``| a | b |`` or ``a | b | c |`` lines, as web pages and text exports
  write tables) are not a table for markdown-it: inside the lines of a paragraph (found through its block map),
  a run of such lines is read as a table, one row per line.
* Many reports are pasted into Markdown without blank lines between paragraphs, so markdown-it sees one long
  paragraph. Its lines are split into paragraphs again unless a line is visibly wrapped mid-sentence (see
  :func:`paragraph_groups`).
* An HTML block holding a table (``<table>`` in a Markdown file, as converters write merged cells) is read by
  the HTML reader, with its line numbers.

Decoding (shared with the HTML reader): a BOM decides; else UTF-8; else GB18030 (a superset of GBK/GB2312, the
encoding of many Chinese government files); NUL bytes or undecodable bytes → ``InputError("decode")``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .. import limits
from ..model import Document, Paragraph, RawCell, Table, TableTooLarge
from ..model.layouts import LayoutLibrary
from ..normalize import clean
from .encoding import decode_text
from .flattened import split_run_in
from .lines import normalize_newlines, paragraph_groups
from .markers import line_suppressions, placed

__all__ = ["read_markdown"]


# -- pipe rows ---------------------------------------------------------------------------------------------
_PIPE_RE = re.compile(r"(?<!\\)\|")


def is_pipe_row(text: str) -> bool:
    return _PIPE_RE.search(text) is not None


def split_pipe_row(text: str) -> list[str]:
    """Cells of a ``| a | b |`` / ``a | b |`` line (GFM rules: one outer pipe each side is dropped, ``\\|`` is
    text), stripped, escapes kept for the inline parser."""
    s = text.strip()
    parts = _PIPE_RE.split(s)
    if len(parts) > 1 and s.startswith("|"):
        parts = parts[1:]
    if len(parts) > 1 and _PIPE_RE.search(s[-1:]) and not s.endswith("\\|"):
        parts = parts[:-1]
    return [p.strip() for p in parts]


def _pipe_runs(texts: list[str]) -> list[tuple[int, int]]:
    """Index ranges of pipe-row runs that read as tables: two or more lines, or one line with an outer pipe."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(texts):
        if not is_pipe_row(texts[i]):
            i += 1
            continue
        j = i
        while j < len(texts) and is_pipe_row(texts[j]):
            j += 1
        single = texts[i].strip()
        if j - i >= 2 or single.startswith("|") or (single.endswith("|") and not single.endswith("\\|")):
            runs.append((i, j))
        i = j
    return runs


# -- the reader --------------------------------------------------------------------------------------------
@dataclass
class _Line:
    text: str  # the line's content without block markers (">", list markers, indentation)
    line: int  # 1-based
    column: int  # 1-based column of the content's first character


_MD: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _MD
    if _MD is None:
        _MD = MarkdownIt("commonmark").enable("table")
    return _MD


_BR_RE = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_MARKUP_RE = re.compile(r"[\\`*_\[\]<>&!~]|[ \t]\n")
_FRONT_MATTER_END = ("---", "...")


def read_markdown(path: str, data: bytes, layouts: LayoutLibrary | None = None) -> Document:
    """Read a Markdown file from its bytes."""
    text = normalize_newlines(decode_text(path, data))
    _bound_pipe_cells(text)
    reader = _MarkdownReader(path, text, layouts if layouts is not None else LayoutLibrary())
    doc = Document.build(path, reader.blocks(), "markdown")
    doc.suppressions = placed(doc, line_suppressions(text))
    return doc


def _bound_pipe_cells(text: str) -> None:
    """Refuse a file whose pipe rows hold more cells than the document may before markdown-it parses it: its tokens
    cost about 13 KB a table row (2.5 million tokens and over 1 GB for 95,000 rows of a 4 MB file)."""
    cells = sum(line.count("|") - 1 for line in text.split("\n") if line.count("|") >= 2)
    if cells > limits.current.document_cells:
        raise TableTooLarge(f"{cells} cells in pipe rows > {limits.current.document_cells}")


class _MarkdownReader:
    def __init__(self, path: str, text: str, layouts: LayoutLibrary) -> None:
        self.path = path
        self.layouts = layouts
        self.md = _parser()
        self.src = text.split("\n")
        self.out: list = []
        self.tables = 0
        self.env: dict = {}
        self.text = self._front_matter(text)

    # -- document ------------------------------------------------------------------------------------------
    def blocks(self) -> list:
        tokens = self.md.parse(self.text, self.env)
        marker: tuple[int, int] | None = None  # (0-based line, 0-based column) of a pending ordered-list number
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "list_item_open":
                marker = self._marker(tok)
            elif kind == "heading_open":
                self._heading(tok, tokens[i + 1])
                marker = None
            elif kind == "paragraph_open":
                self._paragraph(tokens[i + 1], marker)
                marker = None
            elif kind == "table_open":
                i = self._gfm_table(tokens, i)
                marker = None
            elif kind in ("code_block", "fence") and tok.map:
                first = tok.map[0] + (1 if kind == "fence" else 0)
                content = tok.content[:-1] if tok.content.endswith("\n") else tok.content
                lines = [self._line(text, first + k) for k, text in enumerate(content.split("\n"))]
                self._lines(lines, inline=False)
                marker = None
            elif kind == "html_block" and tok.map:
                self._html(tok)
                marker = None
            i += 1
        return self.out

    def _front_matter(self, text: str) -> str:
        """Blank out a leading YAML front matter block (lines kept, so line numbers stay); its ``title:`` is
        a paragraph."""
        if not self.src or self.src[0].strip() != "---":
            return text
        for end in range(1, min(len(self.src), 200)):
            if self.src[end].strip() in _FRONT_MATTER_END:
                for k in range(1, end):
                    m = re.match(r"^title\s*:\s*(.+?)\s*$", self.src[k])
                    if m:
                        value = m.group(1).strip("'\"")
                        self.out.append(Paragraph(value, line=k + 1, column=self.src[k].find(value) + 1))
                return "\n" * (end + 1) + "\n".join(self.src[end + 1:])
        return text

    def _line(self, text: str, index: int) -> _Line:
        """A content line at 0-based source line ``index``, with the column where its content starts."""
        src = self.src[index] if 0 <= index < len(self.src) else text
        content = text.strip()
        pos = src.rfind(content) if content else -1
        if pos < 0:
            pos = len(src) - len(src.lstrip())
        return _Line(text, index + 1, pos + 1)

    def _marker(self, tok: Token) -> tuple[int, int] | None:
        if not tok.info or not tok.map:  # bullet item
            return None
        src = self.src[tok.map[0]]
        pos = src.find(tok.info + tok.markup)
        return (tok.map[0], pos) if pos >= 0 else None

    # -- blocks --------------------------------------------------------------------------------------------
    def _heading(self, tok: Token, inline: Token) -> None:
        text = _inline_text(inline.children or [])
        if not clean(text) or not inline.map:
            return
        first = self._line(inline.content.split("\n")[0], inline.map[0])
        level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
        self.out.append(Paragraph(text, heading_level=level, line=first.line, column=first.column))

    def _paragraph(self, inline: Token, marker: tuple[int, int] | None) -> None:
        if not inline.map:
            return
        start, end = inline.map
        texts = inline.content.split("\n")
        if len(texts) != end - start:  # never seen; keep the paragraph whole
            texts = [inline.content]
        lines = [self._line(text, start + k) for k, text in enumerate(texts)]
        if marker is not None and marker[0] == start and lines:
            src = self.src[start]
            prefix = src[marker[1]: lines[0].column - 1]
            lines[0] = _Line(prefix + lines[0].text.lstrip(), lines[0].line, marker[1] + 1)
        self._lines(lines, inline=True)

    def _lines(self, lines: list[_Line], inline: bool) -> None:
        """Paragraphs and pipe-row tables from consecutive content lines."""
        texts = [ln.text for ln in lines]
        pos = 0
        for start, end in [*_pipe_runs(texts), (len(lines), len(lines))]:
            for a, b in paragraph_groups(texts[pos:start]):
                group = lines[pos + a: pos + b]
                text = "\n".join(ln.text.strip() for ln in group)
                text = self._inline(text) if inline else text
                if clean(text):  # a flattened page: split before its headings
                    pieces = split_run_in(text) if len(group) == 1 else [(0, text)]
                    for at, piece in pieces:
                        # inline markup removed, an offset in the text is no longer one on the source line
                        column = group[0].column if at == 0 else None if inline else group[0].column + at
                        self.out.append(Paragraph(piece, line=group[0].line, column=column))
            if start < end:
                self._pipe_table(lines[start:end], inline)
            pos = end

    def _pipe_table(self, lines: list[_Line], inline: bool) -> None:
        rows = []
        for ln in lines:
            cells = split_pipe_row(ln.text)
            rows.append([RawCell(self._inline(c) if inline else c.replace("\\|", "|")) for c in cells])
        self.tables += 1
        self.out.append(self.layouts.from_rows(rows, index=self.tables, line=lines[0].line,
                                        row_lines=[ln.line for ln in lines]))

    def _gfm_table(self, tokens: list[Token], i: int) -> int:
        """Read a markdown-it table from ``tokens[i]`` (table_open); return the index of its table_close."""
        first = tokens[i].map[0] + 1 if tokens[i].map else None
        rows: list[list[RawCell]] = []
        row_lines: list[int | None] = []
        i += 1
        while i < len(tokens) and tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "tr_open":
                rows.append([])
                row_lines.append(tok.map[0] + 1 if tok.map else None)
            elif tok.type == "inline" and rows:
                rows[-1].append(RawCell(_inline_text(tok.children or [])))
            i += 1
        self.tables += 1
        self.out.append(self.layouts.from_rows(rows, index=self.tables, line=first, row_lines=row_lines))
        return i

    def _html(self, tok: Token) -> None:
        """An HTML block: its tables and text through the HTML reader (with this file's line numbers)."""
        if "<" not in tok.content:
            return
        # imported here: lxml is loaded only when a Markdown file holds HTML
        from .html import fragment_blocks

        blocks = fragment_blocks(self.path, tok.content, tok.map[0], self.tables + 1, self.layouts)
        self.tables += sum(1 for b in blocks if isinstance(b, Table))
        self.out.extend(blocks)

    def _inline(self, text: str) -> str:
        if not _MARKUP_RE.search(text):  # nothing the inline parser would change (lines come stripped)
            return text.strip(" \t\n")
        tokens = self.md.parseInline(text, self.env)
        return _inline_text(tokens[0].children or []) if tokens else text


def _inline_text(children: list[Token]) -> str:
    """The visible text of an inline token's children."""
    parts: list[str] = []
    for tok in children:
        kind = tok.type
        if kind in ("text", "code_inline", "text_special"):
            parts.append(tok.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "html_inline" and _BR_RE.match(tok.content.strip()):
            parts.append("\n")
    return "".join(parts).strip(" \t\n")
