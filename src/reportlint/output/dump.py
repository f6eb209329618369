"""`reportlint dump`: what the linter sees in one document — the section tree and every table as a labelled
grid (row label paths, column header paths, values) — as text for people or JSON for tools.

Only the model is shown, as every reader produced it; ``identified`` maps a table to the pack's table id
(表二/表三/表四) it was located as, so a surprising finding can be traced to how the document was read.
"""

from __future__ import annotations

import json
from typing import Any

from ..i18n import trc, words
from ..issuer import issuer_name, issuer_of
from ..model import Document, Section, Table


def to_dict(doc: Document, identified: dict[int, tuple[str, str]] | None = None,
            checked: tuple[bool, str] | None = None, subject: str = "") -> dict[str, Any]:
    """The dump as plain data. ``identified``: table index -> (table id, display name); ``checked``: whether
    ``check`` takes the document for a report, and if not, why; ``subject``: the pack's ``report.subject`` (who
    issued the report is read from the title around it)."""
    identified = identified or {}
    out: dict[str, Any] = {"path": doc.path}
    if checked is not None:
        out["report"] = {"checked": checked[0], **({} if checked[0] else {"reason": checked[1]})}
    return out | {
        "format": doc.format,
        "title": doc.title,
        "year": doc.year,
        "year_from": doc.year_from or None,
        "issuer": _issuer(doc, subject),
        "paragraphs": len(doc.paragraphs),
        "sections": [_section_dict(s) for s in doc.root.children],
        "tables": [_table(t, identified.get(t.index)) for t in doc.tables],
    }


def _issuer(doc: Document, subject: str) -> dict[str, Any]:
    """Who issued the report as the title or opening says (what sets the publication deadline)."""
    issuer = issuer_of(doc, subject)
    return {"kind": issuer.kind, "agency": issuer.agency, "source": issuer.source}


def render_json(doc: Document, identified: dict[int, tuple[str, str]] | None = None) -> str:
    return json.dumps(to_dict(doc, identified), ensure_ascii=False, indent=2) + "\n"


def _table(table: Table, ident: tuple[str, str] | None) -> dict[str, Any]:
    out = table.to_dict()
    if ident:
        out = {"index": out.pop("index"), "identified_as": ident[0], **out}
    return out


def _where(line: int | None, page: int | None) -> dict[str, int]:
    out: dict[str, int] = {}
    if line is not None:
        out["line"] = line
    if page is not None:
        out["page"] = page
    return out


def _section_dict(section: Section) -> dict[str, Any]:
    p = section.paragraph
    out: dict[str, Any] = {"title": section.title, "level": section.level, "number": section.number}
    if p is not None:
        out["paragraph"] = p.index
        out.update(_where(p.line, p.page))
    out["children"] = [_section_dict(c) for c in section.children]
    return out


# -- text -------------------------------------------------------------------------------------------------
_TEXT = {
    "title": "title",
    "year": "year",
    "format": "format",
    "paragraphs": "paragraphs",
    "sections": "sections",
    "none": "(none)",
    "tables": "tables",
    "table": "table {n}",
    "as": "identified as",
    "size": "{r}×{c}",
    "labels": "{n} label columns",
    "nested": "nested in table {n}",
    "caption": "caption",
    "cols": "value columns",
    "rows": "data rows",
    "blank": "(blank)",
    "para": "paragraph {n}",
    "line": "line {n}",
    "page": "page {n}",
    "no_data": "(no data rows)",
    "issuer": "issuer",
    "from": {
        "title": "from the title",
        "opening": "from the opening"
    },
    "unknown_issuer": "(not named by the title or opening)",
    "skipped": "not checked as a report",
    "year_from": {
        "opening": " (from the opening)",
        "period": " (from the statistics period)",
        "date": " (from the publication date)"
    }
}  # English: the catalogue's message ids (context "dump")


def render_text(doc: Document, identified: dict[int, tuple[str, str]] | None = None, lang: str = "zh",
                checked: tuple[bool, str] | None = None, subject: str = "") -> str:
    t = words(lang, "dump", _TEXT)
    data = to_dict(doc, identified, checked, subject)
    out = [doc.path]
    if checked is not None and not checked[0]:
        out.append(f"  {t['skipped']}: {checked[1]}")
    out.append(f"  {t['format']}: {doc.format}   {t['title']}: {doc.title or t['none']}   "
               f"{t['year']}: {doc.year or t['none']}{_year_from(doc, t)}   {t['paragraphs']}: {data['paragraphs']}")
    issuer = data["issuer"]
    if issuer["kind"] is None:
        out.append(f"  {t['issuer']}: {issuer['agency'] or ''}{t['unknown_issuer']}")
    else:
        kind = issuer_name(lang, issuer["kind"])
        said = trc(lang, "dump", "{agency} ({kind}, {source})", agency=issuer["agency"], kind=kind,
                   source=t["from"][issuer["source"]])
        out.append(f"  {t['issuer']}: {said}")
    out.append("")
    out.append(f"{t['sections']}:")
    if not data["sections"]:
        out.append(f"  {t['none']}")

    def where(item: dict[str, Any]) -> str:
        return _place_text(item, t)

    def walk(items: list[dict[str, Any]], depth: int) -> None:
        for item in items:
            out.append(f"{'  ' * depth}{item['title']}{where(item)}")
            walk(item["children"], depth + 1)

    walk(data["sections"], 1)
    out.append("")
    out.append(f"{t['tables']}: {len(data['tables'])}")
    for table in data["tables"]:
        out += _table_lines(table, identified, t, where)
    return "\n".join(out) + "\n"


__all__ = ["render_json", "render_text", "to_dict"]


def _place_text(item: dict[str, Any], t: dict[str, Any]) -> str:
    bits = []
    if "paragraph" in item:
        bits.append(t["para"].format(n=item["paragraph"]))
    if "line" in item:
        bits.append(t["line"].format(n=item["line"]))
    if "page" in item:
        bits.append(t["page"].format(n=item["page"]))
    return f"  [{', '.join(bits)}]" if bits else ""


def _table_lines(table: dict[str, Any], identified: dict[int, tuple[str, str]] | None, t: dict[str, Any],
                 where: Any) -> list[str]:
    """A table of the dump: what it is, then its data rows with their labels, the column labels above them."""
    out = [""]
    head = t["table"].format(n=table["index"])
    if "identified_as" in table:
        name = (identified or {}).get(table["index"], ("", table["identified_as"]))[1]
        head += f" = {name}"
    facts = [t["size"].format(r=table["rows"], c=table["columns"]), t["labels"].format(n=table["label_columns"])]
    if table.get("nested_in"):
        facts.append(t["nested"].format(n=table["nested_in"]))
    out.append(f"{head}  ({', '.join(facts)}){where(table)}")
    if table["caption"]:
        out.append(f"  {t['caption']}: {table['caption']}")
    if not table["data_rows"]:
        out.append(f"  {t['no_data']}")
        return out
    shown: list[tuple[int, tuple[str, ...]]] | None = None
    for row in table["data_rows"]:
        columns = [(c["col"], tuple(c["column"])) for c in row["cells"]]
        if columns and columns != shown and not set(columns) <= set(shown or ()):
            shown = columns
            out.append(f"  {t['cols']}:")
            for col, path in columns:
                out.append(f"    C{col}  {' / '.join(path) or t['none']}")
            out.append(f"  {t['rows']}:")
        values = "  ".join(f"C{c['col']}={c['value'] or t['blank']}" for c in row["cells"])
        line = f"  ({t['line'].format(n=row['line'])})" if "line" in row else ""
        out.append(f"    R{row['row']}  {' / '.join(row['label']) or t['none']}{line}")
        out.append(f"        {values}")
    return out


def _year_from(doc: Document, t: dict[str, Any]) -> str:
    """Where the year was read, when not from the title."""
    if doc.year is None or doc.year_from in ("", "title"):
        return ""
    return str(t["year_from"][doc.year_from])
