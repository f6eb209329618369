"""Heading levels from a .docx styles part: a style's outline level or its name (Heading 1, 标题 1), through the
styles it is based on."""

from __future__ import annotations

import re
import unicodedata

from .wordml import HEADING_NAME_RE, TITLE_NAMES, W_OUTLINELVL, W_PPR, W_VAL, child_of, w


# -- heading styles ----------------------------------------------------------------------------------------
def _outline_level(ppr) -> int | None | bool:
    """Heading level from a pPr's w:outlineLvl: 1-9, False for body text (9), None when absent/invalid."""
    return None if ppr is None else outline_value(child_of(ppr, W_OUTLINELVL))


def outline_value(el) -> int | None | bool:
    """``_outline_level`` from the w:outlineLvl element itself (None: none)."""
    if el is None:
        return None
    try:
        val = int(el.get(W_VAL, ""))
    except ValueError:
        return None
    if 0 <= val <= 8:
        return val + 1
    return False if val == 9 else None


class HeadingStyles:
    """Paragraph style id → heading level, following w:basedOn chains."""

    def __init__(self, styles_root) -> None:
        self._styles: dict[str, tuple[str, str | None, int | None | bool]] = {}  # id -> (name, basedOn, outline)
        self.default: str | None = None
        self._cache: dict[str, int | None] = {}
        if styles_root is None:
            return
        try:
            for st in styles_root.iter(w("style")):
                if st.get(w("type"), "paragraph") != "paragraph":
                    continue
                sid = st.get(w("styleId"))
                if sid is None:
                    continue
                name_el, based_el = st.find(w("name")), st.find(w("basedOn"))
                name = name_el.get(W_VAL, "") if name_el is not None else ""
                based = based_el.get(W_VAL) if based_el is not None else None
                self._styles.setdefault(sid, (name, based, _outline_level(st.find(W_PPR))))
                if st.get(w("default")) in ("1", "true", "on") and self.default is None:
                    self.default = sid
        except Exception:  # noqa: BLE001 - odd styles part: whatever was read so far
            pass

    def level(self, style_id: str | None) -> int | None:
        style_id = style_id or self.default
        if style_id is None:
            return None
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id)
        return self._cache[style_id]

    def _resolve(self, style_id: str) -> int | None:
        seen: set[str] = set()
        sid: str | None = style_id
        while sid is not None and sid not in seen and len(seen) < 50:
            seen.add(sid)
            entry = self._styles.get(sid)
            if entry is None:
                return None
            name, based, outline = entry
            if outline is False:
                return None
            if outline is not None:
                return outline
            key = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip()
            if key.lower() in TITLE_NAMES:
                return None
            m = HEADING_NAME_RE.match(key)
            if m and 1 <= int(m.group(1)) <= 9:
                return int(m.group(1))
            sid = based
        return None
