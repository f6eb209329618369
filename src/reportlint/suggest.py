""""Did you mean": the known name closest to a mistyped one (rule ids, pack names, keys, formats)."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a mistyped ``word`` (difflib's ratio ≥ 0.6), or None."""
    import difflib  # only when something is mistyped

    close = difflib.get_close_matches(word, list(choices), n=1)
    return close[0] if close else None
