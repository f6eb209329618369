"""The messages reportlint says, from one catalogue: GNU gettext, the English text as message id, the Chinese in
``locale/zh_CN/LC_MESSAGES/reportlint.po`` (compiled to .mo when the package is built: ``src/_build_catalogue.py``).

    say = Say("zh")
    say("cannot write the output: {reason}", reason=...)   → "无法写入输出文件：…"

Placeholders are ``str.format`` fields, filled after translation, so a translation may move them. The commands, their
options and their errors speak from here; the messages of findings and reports still carry their two languages
side by side (to be moved here)."""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from typing import Any, NamedTuple

DOMAIN = "reportlint"
LANGUAGES = {"zh": "zh_CN", "en": None}  # en: the message ids themselves


@lru_cache(maxsize=4)
def catalogue(lang: str) -> gettext.NullTranslations:
    """The translations of ``lang`` ("zh" or "en"; anything else is Chinese, the default)."""
    locale = LANGUAGES.get(lang, "zh_CN")
    if locale is None:
        return gettext.NullTranslations()
    folder = os.path.join(os.path.dirname(__file__), "locale")  # importlib.resources would cost the start-up 5 ms
    try:
        return gettext.translation(DOMAIN, folder, languages=[locale])
    except OSError:  # a source tree never built: compile the catalogue now, with Babel when it is there
        return _compiled_now(folder, locale)


def _compiled_now(folder: str, locale: str) -> gettext.NullTranslations:
    import io

    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ImportError:
        return gettext.NullTranslations()
    with open(os.path.join(folder, locale, "LC_MESSAGES", f"{DOMAIN}.po"), "rb") as fh:
        po = read_po(fh)
    data = io.BytesIO()
    write_mo(data, po)
    data.seek(0)
    return gettext.GNUTranslations(data)


class Both(NamedTuple):
    """A value said differently in each language (a reason worded elsewhere), for a message's field."""

    zh: str
    en: str


def tr(lang: str, message: str, /, **values: Any) -> str:
    """``message`` (its English text) in ``lang``, its ``{fields}`` filled with ``values`` (a :class:`Both` value
    in that language)."""
    text = catalogue(lang).gettext(message)
    return text.format(**_in(lang, values)) if values else text


def _in(lang: str, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with each :class:`Both` in ``lang``."""
    return {k: (v.en if lang == "en" else v.zh) if isinstance(v, Both) else v for k, v in values.items()}


def both(message: str, /, **values: Any) -> Both:
    """``message`` in both languages (for what keeps both: errors, findings)."""
    return Both(tr("zh", message, **values), tr("en", message, **values))


def both_n(singular: str, plural: str, n: int, /, **values: Any) -> Both:
    """:func:`ntr` in both languages."""
    return Both(ntr("zh", singular, plural, n, **values), ntr("en", singular, plural, n, **values))


def ntr(lang: str, singular: str, plural: str, n: int, /, **values: Any) -> str:
    """The singular or plural ``message`` for ``n`` in ``lang`` (Chinese has one form), ``{n}`` and ``values``
    filled."""
    return catalogue(lang).ngettext(singular, plural, n).format(n=n, **_in(lang, values))


def words(lang: str, context: str, english: dict[str, Any]) -> dict[str, Any]:
    """A table of words (``key`` → English text, nested tables too) in ``lang``: each text translated in the
    catalogue's ``context`` (headings of one output; the same English word may read differently in another)."""
    return _words(lang, context, id(english), english)


_WORDS: dict[tuple[str, str, int], dict[str, Any]] = {}  # per language, context and table: made once a run


def _words(lang: str, context: str, key: int, english: dict[str, Any]) -> dict[str, Any]:
    found = _WORDS.get((lang, context, key))
    if found is None:
        words_of = catalogue(lang)

        def translated(table: dict[str, Any]) -> dict[str, Any]:
            return {k: translated(v) if isinstance(v, dict) else words_of.pgettext(context, v) for k, v in table.items()}

        found = _WORDS[(lang, context, key)] = translated(english)
    return found


class Say:
    """``say(message, **values)``: :func:`tr` in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, message: str, /, **values: Any) -> str:
        return tr(self.lang, message, **values)
