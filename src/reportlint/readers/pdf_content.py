"""How much a PDF page asks pdfminer to interpret, measured before it is interpreted.

pdfminer inflates a page's content streams whole and makes an object of every glyph they show: 0.4 MB of
deflated ``(x) Tj`` is 300 MB of content and took 10 s and 0.8 GB before the time budget stopped it. The decoded
size of a page's content streams is counted here while they are inflated, a block at a time, and the count stops
at the ``pdf_page_mb`` bound; the page is refused before pdfminer reads it. The real reports we hold have at most
43 KB of content on a page (docs/RELIABILITY.md).
"""

from __future__ import annotations

import zlib
from typing import Any

_BLOCK = 1 << 16


def content_size(page_obj: Any, bound: int) -> int:
    """The decoded size of the page's content streams, counted up to a little past ``bound`` bytes."""
    from pdfminer.pdftypes import PDFStream, resolve1

    contents = page_obj.contents or []
    total = 0
    for ref in contents:
        stream = resolve1(ref)
        if isinstance(stream, PDFStream):
            total += _stream_size(stream, bound - total + 1)
            if total > bound:
                break
    return total


def _stream_size(stream: Any, bound: int) -> int:
    """A stream's decoded size, at most ``bound`` (then the rest is not inflated). Only Flate can inflate a lot;
    other filters are decoded by pdfminer's own functions, and an unknown one ends the count where it is."""
    from pdfminer import pdftypes

    if stream.data is not None:  # decoded already
        return len(stream.data)
    data = stream.rawdata or b""
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    decoders = {**dict.fromkeys(pdftypes.LITERALS_ASCII85_DECODE, pdftypes.ascii85decode),
                **dict.fromkeys(pdftypes.LITERALS_ASCIIHEX_DECODE, pdftypes.asciihexdecode)}
    for name, _params in stream.get_filters():
        if name in pdftypes.LITERALS_FLATE_DECODE:
            return _inflated_size(data, bound)  # the last filter a content stream has, in practice
        decoder = decoders.get(name)
        if decoder is None:
            break
        data = decoder(data)
    return len(data)


def _inflated_size(data: bytes, bound: int) -> int:
    inflate = zlib.decompressobj()
    size = 0
    try:
        size += len(inflate.decompress(data, _BLOCK))
        while inflate.unconsumed_tail and size <= bound:
            size += len(inflate.decompress(inflate.unconsumed_tail, _BLOCK))
    except zlib.error:  # damaged: pdfminer recovers what it can, no more than this
        pass
    return size
