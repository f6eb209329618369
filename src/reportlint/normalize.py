"""Text normalisation shared by every reader and check.

Matching always happens on normalised text; messages always quote the original.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import cache, wraps
from itertools import islice

_BRACKETS = str.maketrans(
    {
        "〔": "(", "〕": ")", "【": "(", "】": ")", "［": "(", "］": ")", "[": "(", "]": ")",
        "〈": "(", "〉": ")", "《": "<", "》": ">",
        "“": '"', "”": '"', "„": '"', "‟": '"', "「": '"', "」": '"', "『": '"', "』": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'",
        "—": "-", "–": "-", "－": "-", "―": "-", "‐": "-", "‑": "-", "−": "-",
        "、": "、", "，": ",", "：": ":", "；": ";",
    }
)
# The pure functions below are memoised: a batch of reports repeats the same labels, numbers and placeholders in
# every table, and normalising them again was a third of the linting time (docs/PERFORMANCE.md). Bounded, so a
# long batch of distinct texts cannot grow memory.
CACHE_SIZE = 1024  # a report has about 400 distinct cell texts, of which the labels recur
SHORT = 64  # texts up to this length are cached: labels and numbers recur, paragraphs rarely do


def drop_oldest_half(cache: dict) -> None:
    """Make room in a bounded memo: the older half goes at once. Dropping one entry per insert costs a scan over
    the dict's deleted slots each time, which a batch of many distinct texts (a 948-row table) pays thousands of
    times."""
    for key in list(islice(cache, len(cache) // 2)):
        del cache[key]


def memoise_short(func):
    """A bounded memo for short texts only: a long text would only push labels out and keep memory growing with the
    batch (a cached paragraph per report). A plain dict looked up inline: ``lru_cache`` behind the length check
    cost three times as much per call, and these run about a thousand times a report. When full, the older half
    goes. ``__wrapped__`` is the plain function."""
    memo: dict = {}
    miss = object()

    @wraps(func)
    def memoised(text, *args, **kwargs):
        if kwargs:
            key = (text, args, tuple(kwargs.items()))
        else:
            key = (text, args) if args else text
        hit = memo.get(key, miss)
        if hit is miss:
            hit = func(text, *args, **kwargs)
            if len(text) <= SHORT:
                if len(memo) >= CACHE_SIZE:
                    drop_oldest_half(memo)
                memo[key] = hit
        return hit

    return memoised


_CJK = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"


@cache
def _cjk_break_re() -> re.Pattern[str]:
    """Compiled on first use: its CJK classes take 5 ms to compile, a twentieth of the start-up of a run whose
    texts never break a line (most .docx reports)."""
    return re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n]+[ \t]*(?=[{_CJK}])")


# str.translate with a dict looks every character up in Python's dict: slow on long texts. A regex scan in C finds
# the (rare) characters to change first.
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BRACKETS_RE = re.compile("[" + re.escape("".join(chr(c) for c in _BRACKETS)) + "]")


@memoise_short
def clean(text: str) -> str:
    """Text for messages: the original characters, whitespace runs (NBSP, U+3000, line breaks) made one space."""
    text = _ZERO_WIDTH_RE.sub("", text).replace("\u3000", " ").replace("\u00a0", " ")
    if "\n" in text or "\r" in text:
        text = _cjk_break_re().sub("", text)  # "商业\n企业" is one word broken across lines
    # re.sub(r"\s+", " ", text).strip(): str splits at the same spaces (Py_UNICODE_ISSPACE), at a third of the cost
    return " ".join(text.split())


# The full-width forms of ASCII and the ideographic space: what mostly keeps Chinese text from being in NFKC already;
# a report's paragraphs seldom hold others than the first few, which str finds faster than a regex scan.
_FULL_WIDTH_RE = re.compile("[\u3000\uff01-\uff5e]")
_FULL_WIDTH = {chr(c): unicodedata.normalize("NFKD", chr(c)) for c in (0x3000, *range(0xFF01, 0xFF5F))}
_COMMON_FULL_WIDTH = tuple((char, _FULL_WIDTH[char]) for char in "，：（）；！？％\u3000")


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, three to four times faster on Chinese text with full-width punctuation
    (CPython normalises CJK text at about 0.2 µs a character): full-width forms are replaced by their compatibility
    decompositions, the common ones first, which leaves the text's NFKD and so its NFKC as they were; when that
    leaves the text normalised (the quick check), it is the answer."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    for char, ascii_ in _COMMON_FULL_WIDTH:
        text = text.replace(char, ascii_)
    if unicodedata.is_normalized("NFKC", text):
        return text
    for char in set(_FULL_WIDTH_RE.findall(text)):
        text = text.replace(char, _FULL_WIDTH[char])
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


@memoise_short
def norm(text: str) -> str:
    """The matching key of a label: NFKC, every space removed, bracket/quote/dash variants unified."""
    text = nfkc(_ZERO_WIDTH_RE.sub("", text))
    text = "".join(text.split())  # re.sub(r"\s+", "", text)
    return text.translate(_BRACKETS) if _BRACKETS_RE.search(text) else text


# Numbering prefixes of Chinese documents: 一、 （一） (一) 1. 1、 1．
_NUMBER_PREFIX_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)[、.]?|\d+[.、](?!\d)|\(\d+\)[、.]?)"
)
_TRAILING_PAREN_RE = re.compile(r"\([^()]*\)$")


def strip_number(key: str) -> str:
    """Drop a leading numbering prefix from a normalised key."""
    return _NUMBER_PREFIX_RE.sub("", key, count=1)


@memoise_short
def label_keys(text: str) -> frozenset[str]:
    """All keys a label may be matched by: full, without numbering, without a trailing parenthetical."""
    key = norm(text)
    keys = {key}
    bare = strip_number(key)
    if bare:
        keys.add(bare)
    for k in list(keys):
        short = _TRAILING_PAREN_RE.sub("", k)
        if short and short != k:
            keys.add(short)
    return frozenset(keys)


PLACEHOLDERS = frozenset({"", "-", "--", "---", "/", "\\", "无", "空", "n/a", "na", "/ ", "×", "x", "*", "…", "..."})
_INT_RE = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DEC_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")


@memoise_short
def cell_key(text: str) -> str:
    """Normalised cell content for reading a number: NFKC, all spaces removed, dashes unified."""
    return norm(text).lower()


@memoise_short
def parse_number(text: str, decimal: bool = False, signed: bool = False) -> Decimal | None:
    """Read a cell as a non-negative number (``signed``: a leading + or - allowed); None when it is not one (never
    guess 0)."""
    key = cell_key(text)
    if signed and len(key) > 1 and key[0] in "+-":
        value = parse_number(key[1:], decimal)
        return None if value is None else (-value if key[0] == "-" else value)
    pattern = _DEC_RE if decimal else _INT_RE
    if not pattern.match(key):
        return None
    try:
        return Decimal(key.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex guarantees a literal
        return None


# A number written with words around it ("约3", "3件", "12.5万元"): it sits in a data slot, and is not a number
_WORDY_NUMBER_RE = re.compile(r"^(?:约|大约|近|共|计|合计)?-?[\d.,]+(?:%|件|个|条|项|次|宗|起|份|人|家|元|万元)?$")


@memoise_short
def looks_like_value(text: str) -> bool:
    """True for text that sits in a data slot: a number (or one with a word around it: 约3, 3件), blank or a
    placeholder dash/slash/无."""
    key = cell_key(text)
    if key in PLACEHOLDERS:
        return True
    return bool(_WORDY_NUMBER_RE.match(key))
