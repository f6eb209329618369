"""Shell completion, generated from the parser by argcomplete: ``reportlint completion bash|zsh|fish`` prints the
script a shell loads; the shell then runs ``reportlint`` itself to complete a word (``_ARGCOMPLETE`` set), and
:func:`complete` answers from the parser — commands, options, choices — and rule ids from the packs."""

from __future__ import annotations

import argparse
import os
from typing import Any

SHELLS = ("bash", "zsh", "fish")


def wanted() -> bool:
    """Whether this run is a shell asking for completions."""
    return "_ARGCOMPLETE" in os.environ


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's question and exit (argcomplete exits the process)."""
    import argcomplete

    argcomplete.autocomplete(parser)


def rule_ids(prefix: str, parsed_args: Any = None, **_: Any) -> list[str]:
    """Rule ids of the shipped national packs and of ``--rules`` when given, for ``explain`` and ``--select`` …;
    after a comma, the ids that may follow."""
    from .rulepack import load_pack

    names = ["national-2021", "national-2019"]
    chosen = getattr(parsed_args, "rules", None)
    ids: dict[str, None] = {}
    for name in ([chosen] if chosen else []) + names:
        try:
            ids.update(dict.fromkeys(r.id for r in load_pack(name).rules))
        except Exception:  # noqa: BLE001 - a broken pack completes nothing
            continue
    head, _, last = prefix.rpartition(",")
    lead = f"{head}," if head else ""
    return [lead + i for i in ids if i.startswith(last)]


def script(shell: str) -> str:
    """What ``shell`` loads to complete ``reportlint``."""
    import argcomplete

    return argcomplete.shellcode(["reportlint"], shell=shell)
