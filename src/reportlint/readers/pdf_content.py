"""How much a PDF page asks pdfminer to interpret, measured before it is interpreted.

pdfminer inflates a page's content streams whole and makes an object of every glyph they show: 0.4 MB of
deflated ``(x) Tj`` is 300 MB of content and took 10 s and 0.8 GB before the time budget stopped it. The decoded
size of a page's content streams is counted here while they are inflated, a block at a time, and the count stops
at the ``pdf_page_mb`` bound; the page is refused before pdfminer reads it. A form XObject counts its size once for
every time it is drawn (``/X0 Do``; forms drawn by forms likewise, eight deep), so that a small form drawn a
hundred thousand times counts as what it is. The real reports we hold have at most 43 KB of content on a page
(docs/RELIABILITY.md).
"""

from __future__ import annotations

import re
import zlib
from typing import Any

_BLOCK = 1 << 16


def content_size(page_obj: Any, bound: int) -> int:
    """The size of what the page draws: its decoded content streams, and each form XObject's (forms within forms
    too) as many times as it is drawn; counted up to a little past ``bound`` bytes."""
    from pdfminer.pdftypes import PDFStream, resolve1

    content = b""
    for ref in page_obj.contents or []:
        stream = resolve1(ref)
        if isinstance(stream, PDFStream):
            content += _decoded(stream, bound - len(content) + 1)
            if len(content) > bound:
                return len(content)
    return _drawn(content, page_obj.resources, bound, 0)


_FORM_DEPTH = 8


def _drawn(content: bytes, resources: Any, bound: int, depth: int) -> int:
    """``content``'s size plus, for every form XObject in ``resources`` it draws, the form's drawn size as many
    times as it draws it; stops counting past ``bound``."""
    from pdfminer.pdftypes import PDFStream, resolve1

    total = len(content)
    forms = resolve1((resolve1(resources) or {}).get("XObject")) if depth < _FORM_DEPTH else None
    for name, ref in (forms or {}).items():
        form = resolve1(ref)
        if not isinstance(form, PDFStream) or getattr(form.attrs.get("Subtype"), "name", None) != "Form":
            continue
        uses = len(re.findall(rb"/" + re.escape(str(name).encode()) + rb"\s*Do\b", content))
        if uses:
            each = (bound - total) // uses + 1
            inner = resolve1(form.attrs.get("Resources")) or resources
            total += uses * _drawn(_decoded(form, each), inner, each, depth + 1)
            if total > bound:
                break
    return total


def _decoded(stream: Any, bound: int) -> bytes:
    """A stream's decoded bytes, at most about ``bound`` of them (then the rest is not inflated). Only Flate can
    inflate a lot; other filters are decoded by pdfminer's own functions, and an unknown one ends the decoding where
    it is."""
    from pdfminer import pdftypes

    if stream.data is not None:  # decoded already
        return stream.data
    data = stream.rawdata or b""
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    decoders = {**dict.fromkeys(pdftypes.LITERALS_ASCII85_DECODE, pdftypes.ascii85decode),
                **dict.fromkeys(pdftypes.LITERALS_ASCIIHEX_DECODE, pdftypes.asciihexdecode)}
    for name, _params in stream.get_filters():
        if name in pdftypes.LITERALS_FLATE_DECODE:
            return _inflated(data, bound)  # the last filter a content stream has, in practice
        decoder = decoders.get(name)
        if decoder is None:
            break
        data = decoder(data)
    return data


def _inflated(data: bytes, bound: int) -> bytes:
    inflate = zlib.decompressobj()
    out: list[bytes] = []
    size = 0
    try:
        out.append(inflate.decompress(data, _BLOCK))
        size = len(out[0])
        while inflate.unconsumed_tail and size <= bound:
            out.append(inflate.decompress(inflate.unconsumed_tail, _BLOCK))
            size += len(out[-1])
    except zlib.error:  # damaged: pdfminer recovers what it can, no more than this
        pass
    return b"".join(out)
