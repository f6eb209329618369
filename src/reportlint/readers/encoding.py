"""The text of a text-format file (.txt, .md, .html): one decoder for every reader.

A byte order mark decides (UTF-8, UTF-32, UTF-16); else valid UTF-8; else the ``declared`` codec (an HTML page's
meta charset); else the legacy Chinese encoding the bytes read best as — GB18030 (GBK, GB2312) or Big5. The two
cannot be told apart by validity (every Big5 pair is a valid GB18030 pair), so each decoding is scored by the share
of its Chinese characters that are among the most common ones: Big5 read as GB18030 turns into rare characters
("平潭綜合" → "キ兼侯龟"), GBK read as Big5 too. Big5 text is read in Simplified characters. Binary data (NUL bytes, mostly control characters) and bytes no
candidate decodes are an :class:`InputError` ``decode`` — never a "text" that is then not a report.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"PK\x03\x04", "a ZIP package (a .docx?)"),
    (b"%PDF-", "a PDF file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word 97-2003 / OLE file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
_LEGACY = ("gb18030", "big5hkscs")
_SAMPLE = 65536  # characters scored, enough to tell the two apart in any report
# The most frequent characters of Chinese text, and of these reports, in both scripts.
_COMMON = frozenset(
    "的一是在不了有和人这這中大为為上个個国國我以要他时時来來用们們生到作地于於出就分对對成会會可主发發年动動同工也能下"
    "过過子说說产產种種面而方后後多定行学學法所民得经經十三之进進着等部度家电電力里裡如水化高自二理起小物现現实實加量都两兩"
    "体體制机機当當使点點从從业業本去把性好应應开開它合还還因由其些然前外天政四日那社义義事平形相全表间間样樣与與关關各重新"
    "线線内內数數正心反明看原又么麼利比或但质質第向道命此变變条條只没沒结結解问問意建月公无無系军軍很情者最立代想已通并並提"
    "直题題党黨程展五果料象员員革位入常文总總次品式活设設及管特件长長求老头頭基资資边邊流路级級少图圖山统統接知较較将將组組"
    "见見计計别別她手角期根论論运運农農指几幾九区區强強放决決西被干做必战戰先回则則任取据據处處队隊南给給色光门門即保治北造"
    "百规規热熱领領七海口东東导導器压壓志世金增争爭济濟阶階油思术術极極交受联聯什认認六共权權收证證改清己美再采转轉更单單风"
    "風切打白教速花带帶安场場身车車例真务務具万萬每目至达達走积積示议議声聲报報斗完类類八离離华華名确確才科张張信马馬节節话"
    "話米整空元况況今集温溫传傳土许許步群广廣石记記需段研界拉林律叫且究观觀越织織装裝影算低持音众眾书書布复複容须須际際商"
    "非验驗连連断斷深难難近矿礦千周委素技备備半办辦青省列习習响響约約支般史感劳勞便团團往酸历歷市克何除消构構府称稱太准精"
    "值号號率族维維划选選标標写寫存候毛亲親快效斯院查江型眼王按格养養易置派层層片始却专專状狀育厂廠京识識适適属屬圆圓包火"
    "住调調满滿县縣局照参參红紅细細引听聽该該铁鐵价價严嚴申请請息况況件项項告依条條例公开開"
)


_CONTROLS_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters but tab, line feed, VT, FF, CR


def decode_text(path: str, data: bytes, declared: str | None = None) -> str:
    """Text of a file (see the module's documentation). Valid UTF-8 wins over a declaration: pages re-encoded to
    UTF-8 often keep their old ``charset=gb2312``, while GBK text is practically never valid UTF-8; a declared
    charset that fits nothing is decoded with replacement characters, as browsers do."""
    return decoded(path, data, declared)[0]


def decoded(path: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(the text, the codec it was decoded with, a byte order mark's included) as :func:`decode_text` reads it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(path, "decode", f"invalid {encoding} after its byte order mark "
                                                 f"(offset {exc.start + len(bom)})") from None
    if b"\x00" in data:
        kind = next((name for magic, name in _MAGIC if data.startswith(magic)), "binary data")
        raise InputError(path, "decode", f"{kind}, not text")
    for encoding in dict.fromkeys(e for e in ("utf-8", declared) if e):
        try:
            return _text(path, data.decode(encoding)), encoding
        except UnicodeDecodeError:
            continue
    found = [(text, encoding) for encoding in _LEGACY if (text := _try(data, encoding)) is not None]
    if found:
        text, encoding = max(found, key=lambda pair: _common_share(pair[0]))
        return _text(path, _simplified(text) if encoding == "big5hkscs" else text), encoding
    if declared:
        return data.decode(declared, errors="replace"), declared
    kind = next((name for magic, name in _MAGIC if data.startswith(magic)), None)
    raise InputError(path, "decode", f"{kind}, not text" if kind else "neither UTF-8, GB18030 nor Big5")


def _simplified(text: str) -> str:
    """Big5 text is in Traditional characters (政府信息公開…報告), which no pack's wording matches: read in Simplified
    (OpenCC's dictionaries, imported only for such a file), so its findings quote the text in Simplified."""
    from opencc_purepy import OpenCC

    return OpenCC("t2s").convert(text)


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _common_share(text: str) -> float:
    """The share of the text's Chinese characters that are common ones (0 without Chinese)."""
    cjk = [c for c in text[:_SAMPLE] if "\u3400" <= c <= "\u9fff"]
    return sum(1 for c in cjk if c in _COMMON) / len(cjk) if cjk else 0.0


def _text(path: str, text: str) -> str:
    """The decoded text, unless it is mostly control characters (binary data that happened to decode)."""
    sample = text[:8192]
    controls = len(_CONTROLS_RE.findall(sample))
    if controls * 10 > len(sample):
        raise InputError(path, "decode", "binary data (control characters), not text")
    return text
