"""The messages reportlint says, from one catalogue: GNU gettext, the English text as message id, the Chinese in
``locale/zh_CN/LC_MESSAGES/reportlint.po`` (compiled to .mo when the package is built: ``src/_build_catalogue.py``).

    say = Say("zh")
    say("cannot write the output: {reason}", reason=...)   → "无法写入输出文件：…"

Placeholders are ``str.format`` fields, filled after translation, so a translation may move them (or leave one out:
a value may be given for one language's wording only). Everything reportlint says speaks from here: the commands,
their options and errors, the findings, the outputs' headings. What is composed of parts — a list, a quotation, a
year, a date — is composed by the catalogue too (:func:`listed`, :func:`quoted`, :func:`trc` with a context), so no
Chinese punctuation is written in code. What a pack writes (a rule's ``message``/``message_en``, a table's
``name``/``name_en``) is the pack's data, in both languages, and :class:`Both` carries it.

A finding keeps its message in both languages (``Finding.message``/``message_en``), both said from here when it is
made: the baseline matches findings by the Chinese text, so one written with ``--lang en`` holds for a run in
Chinese, and the output's language is chosen once, by the formatter."""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Iterable
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


def trc(lang: str, context: str, message: str, /, **values: Any) -> str:
    """:func:`tr` for ``message`` in the catalogue's ``context`` (msgctxt): the same English said differently."""
    text = catalogue(lang).pgettext(context, message)
    return text.format(**_in(lang, values)) if values else text


def listed(lang: str, items: Iterable[Any], context: str = "list") -> str:
    """``items`` as a list in ``lang``: "a, b, c" / "a、b、c" (of words; context "clauses": of phrases,
    "a, b" / "a，b")."""
    return trc(lang, context, ", ").join(str(i) for i in items)


def quoted(lang: str, text: Any) -> str:
    """``text`` quoted as ``lang`` quotes what a document says: “…” / 「…」."""
    return trc(lang, "quotation", "“{text}”", text=text)


def quoted_list(lang: str, items: Iterable[Any]) -> str:
    """Each of ``items`` quoted, as a list: “a”, “b” / 「a」「b」 (the items after the first said with their
    separator: Chinese needs none, and gettext has no empty translation)."""
    items = list(items)
    if not items:
        return ""
    return quoted(lang, items[0]) + "".join(trc(lang, "quoted list", ", “{text}”", text=i) for i in items[1:])


def years_listed(lang: str, years: Iterable[int]) -> str:
    """Years, each once, as a list: "2023, 2024" / "2023年、2024年"."""
    return listed(lang, (trc(lang, "year", "{year}", year=y) for y in dict.fromkeys(years)))


def day_shown(lang: str, year: int, month: int, day: int) -> str:
    """A date as ``lang`` writes it: 2024-03-31 / 2024年3月31日."""
    return trc(lang, "date", "{iso}", iso=f"{year}-{month:02d}-{day:02d}", year=year, month=month, day=day)


def each(make: Callable[..., str], /, *args: Any, **kwargs: Any) -> Both:
    """A value composed in each language by ``make(lang, *args, **kwargs)`` (which speaks from the catalogue)."""
    return Both(make("zh", *args, **kwargs), make("en", *args, **kwargs))


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
