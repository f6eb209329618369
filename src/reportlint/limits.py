"""Bounds on the work one input can cause. Each bound exceeded is a clean one-line error (exit 2) for that file;
the other files are still checked. Defaults pass every real report we hold with a wide margin (see
docs/RELIABILITY.md); ``reportlint check --limit NAME=VALUE`` changes one for a run."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass
class Limits:
    file_mb: float = 200.0  # size of an input file
    unpacked_mb: float = 1024.0  # total uncompressed size of a .docx package, checked before inflating
    member_mb: float = 512.0  # uncompressed size of one package member
    member_ratio: float = 1000.0  # uncompressed / compressed size of one member above 1 MB (zip bomb)
    table_cells: int = 250_000  # rows × columns of one table's grid
    seconds: float = 60.0  # time budget of one document's rules (checked between rules)


DEFAULTS = Limits()
current = Limits()


def set_limit(text: str) -> None:
    """Apply ``NAME=VALUE``; raises ValueError with a message naming the known limits."""
    name, sep, value = text.partition("=")
    known = {f.name: f for f in fields(Limits)}
    if not sep or name.strip() not in known:
        raise ValueError(f"unknown limit {name.strip()!r}; limits: {', '.join(known)}")
    kind = int if known[name.strip()].type in (int, "int") else float
    try:
        number = kind(value.strip())
    except ValueError:
        raise ValueError(f"limit {name.strip()}: {value.strip()!r} is not a number") from None
    if number <= 0:
        raise ValueError(f"limit {name.strip()}: must be positive")
    setattr(current, name.strip(), number)


def reset() -> None:
    for f in fields(Limits):
        setattr(current, f.name, getattr(DEFAULTS, f.name))
