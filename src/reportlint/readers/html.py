"""The HTML reader (.html/.htm): lxml's HTML element tree → Paragraph and Table blocks in document order.

Decoding: a BOM, else UTF-8 when the bytes are valid UTF-8 (pages re-encoded without updating their meta), else
the declared charset (``<meta charset>``, ``http-equiv`` Content-Type or an XML declaration; GB2312/GBK are read
as GB18030, their superset, since pages declared gb2312 routinely hold GBK characters), else GB18030 (see
:func:`~reportlint.readers.encoding.decode_text`). The decoded text
is handed to lxml as UTF-8, so the declaration in the page cannot make lxml decode it a second time.

What is read:

* ``<script>``, ``<style>``, ``<nav>``, ``<head>``, comments, form controls, embedded objects and elements hidden
  with ``hidden`` or ``display:none`` are skipped. Inline styles are otherwise ignored.
* ``h1``–``h6`` → ``Paragraph(heading_level=n)``; ``p``/``div``/``li``/… and text between blocks → paragraphs,
  in document order. Whitespace is collapsed as a browser does (a line break between two CJK characters
  disappears), NBSP is kept; ``<br>`` is a line break, and lines separated by ``<br>`` become paragraphs of their
  own unless visibly wrapped mid-sentence (:func:`~reportlint.readers.lines.paragraph_groups`).
* ``Paragraph.line`` is the source line (lxml ``sourceline``) of the paragraph's first character; no column.
* Tables: rows of ``thead``/``tbody``/``tfoot`` in document order, ``th`` like ``td``; ``colspan``/``rowspan`` →
  ``RawCell(span, rowspan)``, clamped (colspan ≤ 1000, rowspan ≤ the rows left, 0 = to the end; a table whose
  spans would inflate the grid beyond :data:`MAX_GRID_CELLS` loses its colspans). Cell text: ``<br>`` and block
  elements → "\\n", ``&nbsp;`` stays U+00A0. ``Table.line`` / ``row_lines`` are the ``<table>``/``<tr>`` lines.
  A ``<caption>`` is a paragraph right before its table.

Layout tables (pages saved from government portals wrap the whole article in tables): a table is a *layout
wrapper* when it has a single column, or when a cell holds a nested table, a heading or more than 500
characters — unless at least four of its own cells are numbers (then it is a statistical table that happens
to hold a nested one). A layout wrapper is not a Table block: its cells are read as ordinary content, so the
paragraphs and report tables inside become blocks of their own (with ``nested_in`` None, as nothing encloses
them in the document model) and its index is not used. A table nested in a cell of a statistical table is a
block of its own right after it, with ``nested_in`` = the enclosing table's index, as in the .docx reader.

The whole page is parsed by libxml2 (iteratively walked here); a page nested deeper than libxml2's limit
(2048 levels with ``huge_tree``) would be silently cut off by the parser, so it is an ``InputError``.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from ..errors import InputError
from ..model import Document, Paragraph
from ..model.layouts import LayoutLibrary
from ..normalize import clean, parse_number
from .encoding import decode_text
from .flattened import split_run_in
from .lines import normalize_newlines, paragraph_groups
from .markers import line_suppressions, placed

__all__ = ["declared_charset", "fragment_blocks", "read_html"]

MAX_COLSPAN = 1000  # the HTML limit
MAX_GRID_CELLS = 250_000  # rows × columns a table's spans may produce
MAX_TABLE_DEPTH = 50  # tables in cells of tables; deeper ones are read as cell text
LAYOUT_CELL_CHARS = 500  # a cell this long holds an article, not a statistic
MAX_PARSE_DEPTH = 2048  # libxml2's element depth limit with huge_tree

_SKIP = frozenset(
    {
        "head", "script", "style", "noscript", "template", "nav", "iframe", "object", "embed", "applet", "svg",
        "math", "canvas", "audio", "video", "map", "select", "option", "button", "input", "textarea", "xml",
        "title", "meta", "link", "base",
    }
)
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "ul",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "legend", "colgroup", "col",
    }
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NOT_WS_RE = re.compile(r"[^ \t\n\r\f]")
_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f"
_CJK_SEGMENT_BREAK_RE = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_WIDE}])")
_WS_RE = re.compile(r"[ \t\n\r\f]+")
_INT_ATTR_RE = re.compile(r"\s*\+?(\d{1,9})")
_string = etree.XPath("string()")  # an element's text content


# -- decoding ----------------------------------------------------------------------------------------------
_META_CHARSET_RE = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_XML_DECL_RE = re.compile(rb"^\s*<\?xml\b[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_GB_LABELS = frozenset(
    {"gb2312", "gbk", "x-gbk", "gb18030", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312", "gb_2312",
     "gb_2312-80", "iso-ir-58", "chinese", "csiso58gb231280"}
)


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset a page declares in its first 8 KB (WHATWG label mapping), or None."""
    head = data[:8192]
    m = _XML_DECL_RE.match(head) or _META_CHARSET_RE.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace").strip().lower()
    if label in _GB_LABELS:
        return "gb18030"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("gb2312", "gbk", "gb18030", "hz"):
        return "gb18030"
    if name.startswith(("utf-16", "utf-32")) or name == "utf-7":  # an ASCII-compatible page cannot be these
        return "utf-8"
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if name == "big5":
        return "big5hkscs"
    return name


# -- entry points ------------------------------------------------------------------------------------------
def read_html(path: str, data: bytes, layouts: LayoutLibrary | None = None) -> Document:
    """Read an HTML page from its bytes."""
    text = normalize_newlines(decode_text(path, data, declared_charset(data)))
    root = _parse(path, text)
    layouts = layouts if layouts is not None else LayoutLibrary()
    blocks = _HtmlReader(0, 1, layouts).read(root) if root is not None else []
    page_title = root.xpath("string(//head/title)") if root is not None else ""
    doc = Document.build(path, blocks, "html", page_title[:200])
    doc.suppressions = placed(doc, line_suppressions(text))
    if root is not None:
        generator = root.xpath("string(//meta[@name='generator']/@content)")
        doc.generator = generator.strip()[:100]
    return doc


def fragment_blocks(path: str, text: str, line_offset: int, first_index: int, layouts: LayoutLibrary) -> list:
    """Blocks of an HTML fragment that starts after ``line_offset`` lines of a file (Markdown HTML blocks);
    tables are numbered from ``first_index``."""
    root = _parse(path, text)
    return _HtmlReader(line_offset, first_index, layouts).read(root) if root is not None else []


def _parse(path: str, text: str):
    # lxml's plain HTML parser: lxml.html's element classes would cost a Python call for every element touched
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True,
                              no_network=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser=parser)
    except etree.XMLSyntaxError:  # an empty document (nothing but whitespace/comments)
        root = None
    if any("depth" in (e.message or "").lower() for e in parser.error_log):
        raise InputError(path, "too-deep", str(MAX_PARSE_DEPTH))
    return root


# -- text flow ---------------------------------------------------------------------------------------------
def _collapse(text: str) -> str:
    """Whitespace as rendered: a line break between CJK characters vanishes, other runs are one space."""
    if "\n" in text:
        text = _CJK_SEGMENT_BREAK_RE.sub("", text)
    elif "  " not in text and "\t" not in text and "\r" not in text and "\f" not in text:
        return text.strip(" ")  # no run of whitespace to make one space: most cells
    return _WS_RE.sub(" ", text).strip(" ")


class _Line:
    __slots__ = ("line", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.line: int | None = None


class _Flow:
    """Collects text: paragraphs of the body (``cell=False``) or the lines of one table cell."""

    def __init__(self, cell: bool) -> None:
        self.cell = cell
        self.lines = [_Line()]
        self.out: list = []
        self.level: int | None = None

    def text(self, text: str | None, line_of) -> None:
        if not text:
            return
        cur = self.lines[-1]
        cur.parts.append(text)
        if cur.line is None:
            m = _NOT_WS_RE.search(text)
            if m:
                cur.line = line_of() + text.count("\n", 0, m.start())

    def br(self) -> None:
        self.lines.append(_Line())

    def block(self) -> None:
        """A block element starts or ends: a new paragraph (a new line in a cell or heading)."""
        if self.cell or self.level is not None:
            if any(_NOT_WS_RE.search(p) for p in self.lines[-1].parts):
                self.lines.append(_Line())
        else:
            self.flush()

    def heading(self, level: int | None) -> None:
        if not self.cell:
            self.flush()
            self.level = level

    def flush(self) -> None:
        if self.cell:
            return
        lines = [(_collapse("".join(ln.parts)), ln.line) for ln in self.lines]
        self.lines = [_Line()]
        if self.level is not None:
            kept = [(t, n) for t, n in lines if t]
            if kept and clean("\n".join(t for t, _ in kept)):
                self.out.append(Paragraph("\n".join(t for t, _ in kept), heading_level=self.level,
                                          line=kept[0][1]))
            return
        texts = [t for t, _ in lines]
        for a, b in paragraph_groups(texts):
            text = "\n".join(texts[a:b])
            if clean(text):  # a whole page in one element, as crawled pages have it: split before its headings
                pieces = split_run_in(text) if b - a == 1 else [(0, text)]
                self.out.extend(Paragraph(piece, line=lines[a][1]) for _at, piece in pieces)

    def cell_text(self) -> str:
        lines = [_collapse("".join(ln.parts)) for ln in self.lines]
        while lines and not lines[-1]:
            lines.pop()
        while lines and not lines[0]:
            lines.pop(0)
        return "\n".join(lines)


# -- the reader --------------------------------------------------------------------------------------------
def _tag(el) -> str:
    """The element's name (libxml2's HTML parser gives it in lower case), "" for entities and the like."""
    tag = el.tag
    return tag if isinstance(tag, str) else ""


def _skipped(el, tag: str) -> bool:
    if tag in _SKIP or el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE_RE.search(style))


def _attr_int(value: str | None) -> int | None:
    if value is None:
        return None
    m = _INT_ATTR_RE.match(value)
    return int(m.group(1)) if m else None


class _HtmlReader:
    def __init__(self, line_offset: int, first_index: int, layouts: LayoutLibrary) -> None:
        self.offset = line_offset
        self.count = first_index - 1
        self.layouts = layouts

    def read(self, root) -> list:
        body = root.find("body")
        flow = _Flow(cell=False)
        self._walk(body if body is not None else root, flow, 0, None, [])
        flow.flush()
        return flow.out

    # -- lines ---------------------------------------------------------------------------------------------
    def _line(self, el) -> int:
        return (el.sourceline or 1) + self.offset

    def _tail_line(self, el) -> int:
        """Line where ``el.tail`` starts, from the next sibling's line (or el's line and its text)."""
        nxt = el.getnext()
        if nxt is not None and nxt.sourceline:
            return self._line(nxt) - (el.tail or "").count("\n")
        return self._line(el) + sum(t.count("\n") for t in el.itertext())

    # -- walking -------------------------------------------------------------------------------------------
    def _walk(self, root, flow: _Flow, depth: int, nested_in: int | None, after: list) -> None:
        """Feed the content of ``root`` (not its tail) to ``flow``. Statistical tables become blocks: in the
        body flow they are appended to ``flow.out``, in a cell flow to ``after``."""
        walker = etree.iterwalk(root, events=("start", "end"))
        opaque: set = set()  # skipped elements and tables read as blocks: only their tail counts at "end"
        for event, el in walker:
            tag = _tag(el)
            if event == "start":
                if el is root:
                    flow.text(el.text, lambda el=el: self._line(el))
                    continue
                if not tag or _skipped(el, tag):
                    opaque.add(el)
                    walker.skip_subtree()
                    continue
                if tag == "table" and depth < MAX_TABLE_DEPTH:
                    rows = _table_rows(el)
                    if not _is_layout(rows):
                        opaque.add(el)
                        walker.skip_subtree()
                        flow.block()
                        blocks = self._table(el, rows, depth + 1, nested_in)
                        (after if flow.cell else flow.out).extend(blocks)
                        continue
                if tag == "br":
                    flow.br()
                elif tag in _HEADINGS and not flow.cell:
                    flow.heading(_HEADINGS[tag])
                elif tag in _BLOCK:
                    flow.block()
                flow.text(el.text, lambda el=el: self._line(el))
            else:
                if el is root:
                    continue
                if el in opaque:
                    opaque.discard(el)
                elif tag in _HEADINGS and not flow.cell:
                    flow.heading(None)
                elif tag in _BLOCK:
                    flow.block()
                flow.text(el.tail, lambda el=el: self._tail_line(el))

    # -- tables --------------------------------------------------------------------------------------------
    def _table(self, table, rows: list, depth: int, nested_in: int | None) -> list:
        """[caption paragraph, the table, then tables nested in its cells]."""
        self.count += 1
        index = self.count
        before: list = []
        after: list = []
        caption = table.find("caption")
        if caption is not None:
            text = self._cell_text(caption, depth, index, after)
            if clean(text):
                before.append(Paragraph(text, line=self._line(caption)))
        texts: list[str] = []
        spans: dict[int, int] = {}
        rowspans: dict[int, int] = {}
        lengths = [len(cells) for _, cells in rows]
        width = 0
        for r, (_line, cells) in enumerate(rows):
            width = max(width, self._raw_row(cells, len(rows) - r, depth, index, after, texts, spans, rowspans))
        if width * len(rows) > MAX_GRID_CELLS and width > max(lengths):
            spans.clear()
        row_lines = [line + self.offset if line else None for line, _ in rows]
        block = self.layouts.from_flat(texts, lengths, spans, {}, index=index, rowspans=rowspans,
                                       line=self._line(table), row_lines=row_lines, nested_in=nested_in)
        return [*before, block, *after]

    def _raw_row(self, cells: list, left: int, depth: int, index: int, after: list, texts: list[str],
                 spans: dict[int, int], rowspans: dict[int, int]) -> int:
        """A row's cells added to ``texts`` (their column spans above 1 to ``spans``, row spans to ``rowspans``, by
        their place in ``texts``); ``left``: the rows from this one to the table's end (a rowspan's limit). Returns
        the row's width."""
        width = 0
        for cell in cells:
            # a cell of text only, as most of a statistical table's: what the walk would give, without it
            texts.append(_collapse(cell.text or "") if len(cell) == 0 else self._cell_text(cell, depth, index, after))
            colspan, rowspan = cell.get("colspan"), cell.get("rowspan")
            if colspan is None and rowspan is None:
                width += 1
                continue
            span = max(1, min(_attr_int(colspan) or 1, MAX_COLSPAN - width, MAX_COLSPAN))
            down = _attr_int(rowspan)
            down = 1 if down is None else (left if down == 0 else max(1, min(down, left)))
            width += span
            at = len(texts) - 1
            if span > 1:
                spans[at] = span
            if down > 1:
                rowspans[at] = down
        return width

    def _cell_text(self, cell, depth: int, index: int, after: list) -> str:
        flow = _Flow(cell=True)
        self._walk(cell, flow, depth, index, after)
        return flow.cell_text()


def _table_rows(table) -> list[tuple[int | None, list]]:
    """(line, cells) of a table's own rows in document order, through thead/tbody/tfoot (and stray wrappers);
    cells written directly in a table without ``<tr>`` form one row per run."""
    rows: list[tuple[int | None, list]] = []
    loose: list | None = None
    stack = [iter(table)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            loose = None
            continue
        tag = _tag(el)
        if tag == "tr":
            loose = None
            rows.append((el.sourceline, _row_cells(el)))
        elif tag in ("td", "th"):
            if loose is None:
                loose = []
                rows.append((el.sourceline, loose))
            loose.append(el)
        elif tag in ("thead", "tbody", "tfoot", "form"):
            loose = None
            stack.append(iter(el))
    return rows


def _row_cells(tr) -> list:
    cells = [el for el in tr if el.tag == "td" or el.tag == "th"]
    return cells if len(cells) == len(tr) else _row_cells_walked(tr)  # the walk finds cells in forms


def _row_cells_walked(tr) -> list:
    cells = []
    stack = [iter(tr)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = _tag(el)
        if tag in ("td", "th"):
            cells.append(el)
        elif tag == "form":
            stack.append(iter(el))
    return cells


def _is_layout(rows: list) -> bool:
    """A table that lays out a page rather than holding statistics (see the module docstring): one with a cell
    holding a table, a heading or a long text, and fewer than four numbers."""
    cells = [c for _, row in rows for c in row]
    if not cells or max(len(row) for _, row in rows) < 2:
        return True
    texts: list[str] = []
    structural = False
    for cell in cells:
        if len(cell) == 0:  # text only: nothing nested
            text = cell.text or ""
        elif next(cell.iter("table", "h1", "h2", "h3", "h4", "h5", "h6"), None) is not None:
            structural = True
            continue
        else:
            text = _string(cell)
        if len(text) > LAYOUT_CELL_CHARS:
            structural = True
        else:
            texts.append(text)
    if not structural:
        return False  # the numbers are counted only where they decide
    numbers = 0
    for text in texts:
        if parse_number(text, decimal=True) is not None:
            numbers += 1
            if numbers == 4:
                return False
    return True
