"""The header rows of a text table made into a tree of merged cells: an upper label spans the labels below it,
whether the export wrote it once (explicit) or left its place to be inferred (implicit)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..normalize import clean


# -- header resolution -----------------------------------------------------------------------------------------
@dataclass(eq=False)
class _Node:
    text: str
    row: int  # first header row
    last: int  # last header row it covers
    children: list[_Node] = field(default_factory=list)
    width: int = 1
    cont: bool = False  # an empty cell continuing the cell above


def header_tree(tokens: list[list[str]], value_cols: int, implicit: bool) -> list[_Node]:
    """Header cells as a tree, built from the bottom header row up."""
    bottom = len(tokens) - 1
    while not implicit and len(tokens[bottom]) > value_cols > 0 and not tokens[bottom][-1].strip():
        tokens[bottom].pop()  # empty cells beyond the values' columns
    below = [_Node(t, bottom, bottom, cont=not implicit and not t.strip()) for t in tokens[bottom]]
    if not implicit and value_cols > len(below):
        below += [_Node("", bottom, bottom, cont=True) for _ in range(value_cols - len(below))]
    covered = len(below)
    for h in range(bottom - 1, -1, -1):
        row = tokens[h]
        if not row:
            continue
        if implicit:
            below, covered = _attach_implicit(row, below, h, bottom, value_cols - covered, covered)
        else:
            below = _attach_explicit(row, below, h)
    return below


def _attach_explicit(row: list[str], below: list[_Node], h: int) -> list[_Node]:
    """Cells of row ``h`` over the nodes below: an empty cell below continues one cell above, a run of labels
    below is shared by the remaining cells above."""
    segments: list[list[_Node]] = []
    for node in below:
        if node.cont or not segments or segments[-1][0].cont:
            segments.append([node])
        else:
            segments[-1].append(node)
    if len(row) < len(segments):  # not a consistent merge: read the empty cells below as blank labels
        for node in below:
            node.cont = False
        segments = [below]
    runs = [k for k, seg in enumerate(segments) if not seg[0].cont]
    share = {k: 1 for k in runs}
    extra = len(row) - len(segments)
    while extra > 0 and runs:
        k = max(runs, key=lambda k: len(segments[k]) - share[k])
        if len(segments[k]) <= share[k]:
            break
        share[k] += 1
        extra -= 1
    out: list[_Node] = []
    p = 0
    for k, seg in enumerate(segments):
        if seg[0].cont:
            node = seg[0]
            out.append(_Node(row[p], h, node.last, node.children, node.width, cont=not row[p].strip()))
            p += 1
            continue
        for group in _split(seg, share[k]):
            out.append(_Node(row[p], h, h, group, sum(n.width for n in group), cont=not row[p].strip()))
            p += 1
    out.extend(_Node(t, h, h) for t in row[p:])  # more cells than columns: extra columns
    return out


def _attach_implicit(row: list[str], below: list[_Node], h: int, bottom: int, missing: int,
                     covered: int) -> tuple[list[_Node], int]:
    """Pipe rows: the cells of row ``h`` are single columns spanning down (as many as the rows below lack) or
    groups over the nodes below; the longest labels are the groups."""
    n = len(row)
    leaves = max(0, min(missing, n - 1)) if below else n
    leaves = max(leaves, n - len(below))
    groups = n - leaves
    by_length = sorted(range(n), key=lambda k: (-len(clean(row[k])), k))
    parents = set(by_length[:groups])
    parts = iter(_split(below, groups)) if groups else iter(())
    out: list[_Node] = []
    for k, text in enumerate(row):
        if k in parents:
            group = next(parts)
            out.append(_Node(text, h, h, group, sum(x.width for x in group)))
        else:
            out.append(_Node(text, h, bottom))
    return out, covered + leaves


def _split(nodes: list[_Node], groups: int) -> list[list[_Node]]:
    """Split nodes into ``groups`` runs: where they change between single and grouped columns, else evenly."""
    if groups <= 1 or len(nodes) <= 1:
        return [nodes]
    groups = min(groups, len(nodes))
    changes = [k for k in range(1, len(nodes)) if bool(nodes[k].children) != bool(nodes[k - 1].children)]
    if len(changes) != groups - 1:
        size, rest = divmod(len(nodes), groups)
        changes, edge = [], 0
        for g in range(groups - 1):
            edge += size + (1 if g >= groups - rest else 0)
            changes.append(edge)
    edges = [0, *changes, len(nodes)]
    return [nodes[edges[g]:edges[g + 1]] for g in range(groups)]


def tree_rows(roots: list[_Node], height: int) -> tuple[list[list[tuple[int, int, str, bool]]], int]:
    """Per header row, the cells (start, end, text, continued) of the tree, gaps filled with empty cells."""
    rows: list[list[tuple[int, int, str, bool]]] = [[] for _ in range(height)]

    def walk(nodes: list[_Node], start: int) -> None:
        a = start
        for node in nodes:
            b = a + node.width
            last = node.last if node.children else height - 1
            for h in range(node.row, min(last, height - 1) + 1):
                rows[h].append((a, b, node.text if h == node.row else "", h != node.row))
            if node.children:
                walk(node.children, a)
            a = b

    walk(roots, 0)
    width = sum(node.width for node in roots)
    return [fill(sorted(r), width) for r in rows], width


def fill(segs: list[tuple[int, int, str, bool]], width: int) -> list[tuple[int, int, str, bool]]:
    out: list[tuple[int, int, str, bool]] = []
    col = 0
    for a, b, text, cont in segs:
        if a < col:
            continue
        if a > col:
            out.append((col, a, "", False))
        out.append((a, b, text, cont))
        col = b
    if col < width:
        out.append((col, width, "", False))
    return out


def header_grid(tokens: list[list[str]]) -> tuple[list[list[tuple[int, int, str, bool]]], int]:
    """Tab rows keep the grid: an empty cell continues the cell above when all of that cell's columns are
    empty in this row, else it widens the label on its left under the same parent, else it is blank."""
    width = max((len(r) for r in tokens), default=0)
    grid = [r + [""] * (width - len(r)) for r in tokens]
    origin: list[list[list | None]] = [[None] * width for _ in grid]  # [a, b, text, first row]
    for h, row in enumerate(grid):
        c = 0
        while c < width:
            if row[c].strip():
                origin[h][c] = [c, c + 1, row[c], h]
                c += 1
                continue
            above = origin[h - 1][c] if h else None
            if above is not None and above[2].strip() and above[0] == c and \
                    all(not row[x].strip() for x in range(above[0], above[1])):
                for x in range(above[0], above[1]):
                    origin[h][x] = above
                c = above[1]
                continue
            left = origin[h][c - 1] if c else None
            if left is not None and left[3] == h and (not h or origin[h - 1][left[0]] is origin[h - 1][c]):
                left[1] = c + 1
                origin[h][c] = left
            else:
                origin[h][c] = [c, c + 1, "", h]
            c += 1
    out: list[list[tuple[int, int, str, bool]]] = []
    for h in range(len(grid)):
        segs: list[tuple[int, int, str, bool]] = []
        c = 0
        while c < width:
            o = origin[h][c]
            segs.append((o[0], o[1], o[2] if o[3] == h else "", o[3] != h))
            c = o[1]
        out.append(segs)
    return out, width
