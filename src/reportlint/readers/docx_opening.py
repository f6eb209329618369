"""The first paragraphs of a .docx body, read as a stream and no further: enough for a report's title and year
(:mod:`reportlint.earlier` asks it of many files to find one). Plain text of each ``w:p`` outside tables (``w:t``
only); a package or part that cannot be read gives None (the caller reads the whole document instead)."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from .docx_package import main_part_name, member_names
from .wordml import W_P, W_T, W_TC

_FIRST_SECTION_RE = re.compile(r"\s*一\s*[、.．]")


def opening_paragraphs(data: bytes, count: int = 12) -> list[str] | None:
    """The texts of the first ``count`` paragraphs with text, outside tables, up to the first section heading
    ("一、…", where a title is looked for no further), or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            name = main_part_name(zf, member_names(zf))
            if name is None:
                return None
            texts: list[str] = []
            with zf.open(name) as stream:
                for _, p in etree.iterparse(stream, events=("end",), tag=W_P, resolve_entities=False,
                                            no_network=True, huge_tree=False):
                    if not any(a.tag == W_TC for a in p.iterancestors()):
                        text = "".join(t.text or "" for t in p.iter(W_T))
                        if text.strip():
                            texts.append(text)
                            if len(texts) >= count or _FIRST_SECTION_RE.match(text):
                                break
            return texts
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError, RuntimeError, ValueError, EOFError):
        return None
