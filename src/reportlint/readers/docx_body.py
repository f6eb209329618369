"""The body of a .docx: paragraphs with their text as shown (see :mod:`.docx`), tables as raw rows (a plain table
read in one pass), text boxes and nested tables as blocks of their own."""

from __future__ import annotations

from itertools import pairwise

from ..model import Paragraph, RawCell
from ..model.layouts import LayoutLibrary
from .docx_comments import COMMENT_MARKS, Anchors
from .docx_places import Places
from .docx_styles import HeadingStyles, outline_value
from .wordml import (
    MAX_DEPTH,
    MAX_SPAN,
    MC_ALTERNATE,
    NOT_PLAIN,
    PLAIN_PLACES,
    PLAIN_TABLE_TAGS,
    RUN_CHARS,
    SKIP_IN_PARAGRAPH,
    W14_PARAID,
    W_BR,
    W_CELLDEL,
    W_CR,
    W_DEL,
    W_FLDCHAR,
    W_FLDCHARTYPE,
    W_GRIDAFTER,
    W_GRIDBEFORE,
    W_GRIDSPAN,
    W_HMERGE,
    W_NOBREAKHYPHEN,
    W_OUTLINELVL,
    W_P,
    W_PPR,
    W_PSTYLE,
    W_PTAB,
    W_R,
    W_RPR,
    W_SDT,
    W_SDTCONTENT,
    W_T,
    W_TAB,
    W_TBL,
    W_TC,
    W_TCPR,
    W_TR,
    W_TRPR,
    W_TXBXCONTENT,
    W_VAL,
    W_VMERGE,
    child_of,
    choose_alternate,
    int_val,
    iter_blocks,
    iter_children,
    props_of,
    span_of,
)


def _plain_text(p) -> str | None:
    """The text of a paragraph made of plain runs only (w:t, tabs, breaks, and what never shows), else None:
    the fast path's tight loop over the two levels such a paragraph has. Fields, content controls, tracked
    changes, text boxes, alternate content and comments all give None, and the generic walk reads them."""
    parts: list[str] = []
    for child in p:
        tag = child.tag
        if tag == W_R:
            for item in child:
                item_tag = item.tag
                if item_tag == W_T:
                    text = item.text
                    if text:
                        parts.append(text)
                elif item_tag in RUN_CHARS:
                    parts.append(RUN_CHARS[item_tag])
                elif item_tag not in SKIP_IN_PARAGRAPH:
                    return None
        elif tag not in SKIP_IN_PARAGRAPH:
            return None
    return "".join(parts)


def _plain_table(tbl) -> tuple[list[str], list[int], dict[int, int], dict[int, str]] | None:
    """A plain table (see ``PLAIN_PLACES``) read in one pass, as ``Table.from_flat`` takes it: the cell texts row
    after row, the number of cells of each row, and the spans and vertical merges by cell; else None."""
    texts: list[str] = []
    starts: list[int] = []  # where each row's cells start in texts
    spans: dict[int, int] = {}
    vmerges: dict[int, str] = {}
    chunks: list[str] = []  # the open cell's text so far: its paragraphs' texts, a line break between two
    seen = 0  # rows, cells, paragraphs and texts
    spanned = merged = -1  # the cell whose span, whose merge was read (the first of each counts)
    in_cell = in_paragraph = False
    items = tbl.iter(PLAIN_TABLE_TAGS)
    next(items)  # the table itself
    for el in items:
        tag = el.tag
        if tag == W_T:
            seen += 1
            text = el.text
            if text:
                chunks.append(text)
        elif tag == W_P:
            seen += 1
            if in_paragraph:
                chunks.append("\n")
            in_paragraph = True
        elif tag == W_TC:
            seen += 1
            if in_cell:
                texts.append("".join(chunks))
                chunks.clear()
            in_cell, in_paragraph = True, False
        elif tag == W_TR:
            seen += 1
            if in_cell:
                texts.append("".join(chunks))
                chunks.clear()
                in_cell = False
            starts.append(len(texts))
        elif tag == W_GRIDSPAN:
            if in_cell and len(texts) != spanned:  # the open cell's first, as the generic walk takes it
                spanned = len(texts)
                if (span := _grid_span(el)) > 1:
                    spans[spanned] = span
        elif tag == W_VMERGE:
            if in_cell and len(texts) != merged:
                merged = len(texts)
                vmerges[merged] = "restart" if el.get(W_VAL) == "restart" else "continue"
        elif tag in NOT_PLAIN:
            return None
        elif el.getparent().tag == W_R:  # a tab, break or hyphen in a run (not a tab stop of the properties)
            chunks.append(RUN_CHARS[tag])
    if in_cell:
        texts.append("".join(chunks))
    if PLAIN_PLACES(tbl) != seen:
        return None
    starts.append(len(texts))
    return texts, [end - start for start, end in pairwise(starts)], spans, vmerges


def _grid_span(el) -> int:
    """A w:gridSpan's value, at most MAX_SPAN (1 when it is not a number): ``span_of(int_val(el, 1))`` in one call,
    on every merged cell of a plain table."""
    try:
        return min(int(el.get(W_VAL, "")), MAX_SPAN)
    except ValueError:
        return 1


class BodyReader:
    """``anchors``: where the comments that are suppressions are anchored, noted as they are met; ``places``: the
    elements the blocks and cells come from, for annotating a copy (both the generic walk only: the fast path
    does not look at comment marks nor keep elements)."""

    def __init__(self, styles: HeadingStyles, layouts: LayoutLibrary, fast: bool = True,
                 anchors: Anchors | None = None, places: Places | None = None) -> None:
        self.styles = styles
        self.layouts = layouts
        self.table_count = 0
        self.fast = fast and anchors is None and places is None
        self.anchors = anchors
        self.places = places

    # -- blocks --------------------------------------------------------------------------------------------
    def blocks(self, container, depth: int) -> list:
        """Paragraph and Table blocks of a block container (body, text box, stray block)."""
        out: list = []
        if depth > MAX_DEPTH:
            return out
        items = [container] if container.tag in (W_P, W_TBL) else iter_blocks(container)
        for el in items:
            if el.tag == W_TBL:
                out.extend(self.table(el, depth + 1, None))
                continue
            text = _plain_text(el) if self.fast else None
            if text is None:
                text, deferred = self.paragraph_text(el)
            else:
                deferred = ()
            if text or not self._mark_deleted(el):
                out.append(Paragraph(text=text, heading_level=self.heading_level(el), para_id=el.get(W14_PARAID)))
                if self.places is not None:
                    self.places.block(out[-1], el)
                if self.anchors is not None and self.anchors.pending:
                    self.anchors.place(out[-1])
            for extra in deferred:
                out.extend(self.blocks(extra, depth + 1))
        return out

    @staticmethod
    def _mark_deleted(p) -> bool:
        ppr = child_of(p, W_PPR)
        rpr = child_of(ppr, W_RPR) if ppr is not None else None
        return rpr is not None and child_of(rpr, W_DEL) is not None

    def heading_level(self, p) -> int | None:
        ppr = child_of(p, W_PPR)
        style = outline = None  # the first w:pStyle and w:outlineLvl of the properties, found in one pass
        if ppr is not None:
            for child in ppr:
                tag = child.tag
                if tag == W_PSTYLE and style is None:
                    style = child
                elif tag == W_OUTLINELVL and outline is None:
                    outline = child
        own = outline_value(outline)
        if own is False:
            return None
        if own is not None:
            return own
        return self.styles.level(style.get(W_VAL) if style is not None else None)

    # -- paragraph text ------------------------------------------------------------------------------------
    def paragraph_text(self, p) -> tuple[str, list]:
        """(visible text, text boxes / stray blocks anchored in the paragraph, in order)."""
        parts: list[str] = []
        deferred: list = []
        fields: list[bool] = []  # complex field stack: True once past "separate" (showing the result)
        stack = [iter(p)]
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            tag = el.tag
            if tag in COMMENT_MARKS and self.anchors is not None:
                self.anchors.mark(el)
                continue
            if not isinstance(tag, str) or tag in SKIP_IN_PARAGRAPH:
                continue
            visible = all(fields)
            if tag == W_T:
                if visible and el.text:
                    parts.append(el.text)
            elif tag == W_TAB or tag == W_PTAB:
                if visible:
                    parts.append("\t")
            elif tag == W_BR or tag == W_CR:
                if visible:
                    parts.append("\n")
            elif tag == W_NOBREAKHYPHEN:
                if visible:
                    parts.append("-")
            elif tag == W_FLDCHAR:
                kind = el.get(W_FLDCHARTYPE)
                if kind == "begin":
                    fields.append(False)
                elif kind == "separate":
                    if fields:
                        fields[-1] = True
                elif kind == "end":
                    if fields:
                        fields.pop()
            elif tag == W_SDT:
                content = el.find(W_SDTCONTENT)
                if content is not None:
                    stack.append(iter(content))
            elif tag == MC_ALTERNATE:
                chosen = choose_alternate(el)
                if chosen is not None:
                    stack.append(iter(chosen))
            elif tag == W_TXBXCONTENT or tag == W_P or tag == W_TBL:
                deferred.append(el)
            else:
                stack.append(iter(el))
        return "".join(parts), deferred

    # -- tables --------------------------------------------------------------------------------------------
    def table(self, tbl, depth: int, nested_in: int | None) -> list:
        """[the table, then the tables nested in its cells and text-box blocks from its cells, in order]."""
        if depth > MAX_DEPTH:
            return []
        self.table_count += 1
        index = self.table_count
        after: list = []
        plain = _plain_table(tbl) if self.fast else None
        if plain is not None:
            return [self.layouts.from_flat(*plain, index=index, nested_in=nested_in)]
        rows: list[list[RawCell]] = []
        for tr in iter_children(tbl, W_TR):
            trpr = child_of(tr, W_TRPR)
            row_props = props_of(trpr)
            if W_DEL in row_props:
                continue  # a row deleted with change tracking on
            row: list[RawCell] = []
            before = int_val(row_props.get(W_GRIDBEFORE), 0)
            if before > 0:
                row.append(RawCell("", span=span_of(before)))
            for tc in iter_children(tr, W_TC):
                tcpr = child_of(tc, W_TCPR)
                span, vmerge, hmerge_continue = 1, None, False
                if tcpr is not None:
                    props = props_of(tcpr)
                    if W_CELLDEL in props:
                        continue
                    span = span_of(int_val(props.get(W_GRIDSPAN), 1))
                    vm = props.get(W_VMERGE)
                    if vm is not None:
                        vmerge = "restart" if vm.get(W_VAL) == "restart" else "continue"
                    hm = props.get(W_HMERGE)  # legacy horizontal merge (Word 2003 files)
                    hmerge_continue = hm is not None and hm.get(W_VAL) != "restart"
                text = self.cell_text(tc, depth, index, after)
                if self.places is not None:
                    self.places.cell(index, len(rows) + 1, sum(c.span for c in row) + 1, tc)
                if self.anchors is not None and self.anchors.pending:
                    self.anchors.place((index, len(rows) + 1, sum(c.span for c in row) + 1))
                if hmerge_continue and row:
                    row[-1].span = span_of(row[-1].span + span)
                    if text.strip():
                        row[-1].text = f"{row[-1].text}\n{text}" if row[-1].text else text
                    continue
                row.append(RawCell(text, span=span, vmerge=vmerge))
            after_cols = int_val(row_props.get(W_GRIDAFTER), 0)
            if after_cols > 0:
                row.append(RawCell("", span=span_of(after_cols)))
            rows.append(row)
        table = self.layouts.from_rows(rows, index=index, nested_in=nested_in)
        if self.places is not None:
            self.places.block(table, tbl)
        return [table, *after]

    def cell_text(self, tc, depth: int, index: int, after: list) -> str:
        texts: list[str] = []
        for el in iter_blocks(tc):
            if el.tag == W_TBL:
                after.extend(self.table(el, depth + 1, index))
                continue
            text, deferred = self.paragraph_text(el)
            if text or not self._mark_deleted(el):
                texts.append(text)
            for extra in deferred:
                if extra.tag == W_TBL:  # a table inside a run: nested in this cell all the same
                    after.extend(self.table(extra, depth + 1, index))
                else:
                    after.extend(self.blocks(extra, depth + 1))
        return "\n".join(texts)
