"""A document: its blocks (paragraphs and tables) in order, its title and year, and its section tree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..normalize import clean, nfkc, norm
from .suppression import Suppression
from .table import Table

__all__ = ["Block", "Document", "Paragraph", "Section", "Table"]


@dataclass(eq=False, slots=True)
class Paragraph:
    """A paragraph of body text. ``index`` is 1-based among the document's paragraphs."""

    text: str
    index: int = 0
    block: int = 0
    heading_level: int | None = None  # from a Word heading style / Markdown #, when the source has one
    line: int | None = None  # 1-based source line (line-based formats)
    column: int | None = None
    page: int | None = None  # 1-based page (PDF)
    para_id: str | None = None  # w14:paraId where the .docx has one
    section: Section | None = None
    _display: tuple[str, str] | None = field(default=None, init=False, repr=False)  # (text, display) for the text
    _nfkc: tuple[str, str] | None = field(default=None, init=False, repr=False)  # (text, NFKC of it)

    @property
    def display(self) -> str:
        cached = self._display
        if cached is None or cached[0] is not self.text:
            cached = self._display = (self.text, clean(self.text))
        return cached[1]

    @property
    def nfkc(self) -> str:
        """The text in Unicode normalisation form NFKC (full-width digits and punctuation made ASCII, compatibility
        ideographs such as the Kangxi radical ⽉ made 月), for rules that scan it with patterns: computed once for
        all of them."""
        cached = self._nfkc
        if cached is None or cached[0] is not self.text:
            cached = self._nfkc = (self.text, nfkc(self.text))
        return cached[1]


@dataclass(eq=False)
class Section:
    """A node of the section tree: 一、 (level 1), （一） (level 2), 1. (level 3) or a heading style level."""

    title: str  # heading text as written (cleaned), numbering included
    level: int
    number: int | None  # 1 for 一、/（一）/1.
    paragraph: Paragraph | None  # the heading paragraph (None for the root)
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)

    @property
    def key(self) -> str:
        return norm(self.title)

    def walk(self) -> Iterator[Section]:
        for child in self.children:
            yield child
            yield from child.walk()


Block = Paragraph | Table


@dataclass(eq=False)
class Document:
    path: str
    blocks: list[Block] = field(default_factory=list)
    format: str = "docx"
    title: str = ""
    title_paragraph: Paragraph | None = None
    year: int | None = None
    year_from: str = ""  # where the year was read: title, opening, period (statistics period), date (publication)
    root: Section = field(default_factory=lambda: Section("", 0, None, None))
    generator: str = ""  # the program that wrote the file, where the format says (HTML <meta name=generator>)
    suppressions: list[Suppression] = field(default_factory=list)  # what the document says of its findings

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def sections(self) -> list[Section]:
        return list(self.root.walk())

    def release(self) -> None:
        """Break the section tree's links (parent ↔ child, paragraph ↔ section), so that a document done with is
        freed at once by reference counting instead of waiting, with its thousands of cells, for the cyclic
        garbage collector. The document is not to be used afterwards."""
        for section in self.sections():
            section.parent = None
            section.paragraph = None
            section.children = []
        self.root.children = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                block.section = None
        self.title_paragraph = None

    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @classmethod
    def build(cls, path: str, blocks: list[Block], fmt: str, page_title: str = "") -> Document:
        """Number blocks, derive the title, year and section tree. ``page_title``: the title the file itself
        declares (HTML ``<title>``), taken when no paragraph is the report's title."""
        doc = cls(path=path, blocks=blocks, format=fmt)
        p_index = 0
        caption = ""
        for i, block in enumerate(blocks):
            block.block = i
            if isinstance(block, Paragraph):
                p_index += 1
                block.index = p_index
                if block.display:
                    caption = block.display
            elif not block.caption:
                block.caption = caption
        _derive_title(doc, page_title)
        _derive_sections(doc)
        return doc


# -- title and year ----------------------------------------------------------------------------------------
_CN_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "0000123456789")
_YEAR_RE = re.compile(r"(20\d\d)\s*年?度?")


def year_of(text: str) -> int | None:
    """First plausible report year (2000–2099) in a text, also written 二〇二三."""
    m = _YEAR_RE.search(clean(text).translate(_CN_DIGITS))
    return int(m.group(1)) if m else None


_LEVEL1_RE = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]")
_LEVEL2_RE = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]")
_LEVEL3_RE = re.compile(r"^(\d{1,2})\s*[.、．](?!\d)")
# A table row flattened into text ("二、上年结转政府信息公开申请数量0000000", "（一）予以公开 1288 21 0 0 50 3 1362"):
# a run of five digits or more (a year has four), or two numbers or more at the end, is not a heading's wording.
_TABLE_ROW_TAIL_RE = re.compile(r"\d{5,}|(?:\s\d[\d.,]*){2,}\s*$")
# A crawler's or web page's metadata label in front of the title line ("标题: …", "标  题 …").
_TITLE_LABEL_RE = re.compile(r"^标\s*题\s*[:：]?\s*")
_SENTENCE_RE = re.compile(r"[。；;，,]")
_BRACKETED_RE = re.compile(r"[（(][^（）()]*[）)]")


def numbering(text: str) -> tuple[int, int] | None:
    """(level, number) of the numbering a text opens with: 一、 (1, 1), （二） (2, 2), 3. (3, 3); None without."""
    for level, pattern in ((1, _LEVEL1_RE), (2, _LEVEL2_RE)):
        m = pattern.match(text)
        if m:
            return level, cn_number(m.group(1))
    m = _LEVEL3_RE.match(text)
    return (3, int(m.group(1))) if m else None


def _derive_title(doc: Document, fallback: str = "") -> None:
    paras = [p for p in doc.paragraphs if p.display][:12]
    for i, p in enumerate(paras):
        if _LEVEL1_RE.match(p.display):
            break
        # a title names a 报告 and is not a sentence ("根据《条例》规定编制本报告。" is not one)
        if ("报告" in p.display or "年报" in p.display) and len(p.display) <= 80 \
                and not _SENTENCE_RE.search(_BRACKETED_RE.sub("", p.display.rstrip("。"))):
            title = _TITLE_LABEL_RE.sub("", p.display)
            if i:
                prev = paras[i - 1].display
                # Agency name split onto its own line above the title (曲沃县…\n2023年政府信息公开工作年度报告), or
                # agency and year above the rest of it (宿州市人民政府2016年\n政府信息公开工作年度报告)
                if len(prev) <= 30 and not re.search(r"[。，,：:；;]", prev) and (
                        year_of(prev) is None or year_of(title) is None):
                    if "报告" not in prev and "年报" not in prev and not re.search(r"\d{4}-\d", prev):
                        title = prev + title
            doc.title = title
            doc.title_paragraph = p
            doc.year = year_of(title)
            doc.year_from = "title" if doc.year is not None else ""
            return
    if fallback and ("报告" in fallback or "年报" in fallback):  # the page's own title (HTML <title>), its site name cut off
        doc.title = re.split(r"[_|｜]| - ", clean(fallback))[0].strip()
        doc.year = year_of(doc.title)
        if doc.year is not None:
            doc.year_from = "title"
            return
    # No title line: the year of the first line naming the report or the year's work ("2023年度…工作报告",
    # "2023年，我局…工作")
    for p in paras:
        if ("报告" in p.display or "年报" in p.display or "工作" in p.display) and year_of(p.display):
            doc.year = year_of(p.display)
            doc.year_from = "opening"
            return


def cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20 (0 for what is not a Chinese number up to 99)."""
    values = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + values.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return values.get(tens, 0) * 10 + values.get(ones, 0)
    return values.get(text, 0)


def heading_of(p: Paragraph) -> tuple[int, int | None, str] | None:
    """(level, number, title) when the paragraph reads as a heading, else None."""
    text = p.display
    if not text or len(text) > 120:
        return None
    m = _LEVEL1_RE.match(text)
    if m:
        title = _heading_title(text)
        if len(title) <= 40 and not _TABLE_ROW_TAIL_RE.search(title):
            return 1, cn_number(m.group(1)), title
    m = _LEVEL2_RE.match(text)
    if m:
        title = _heading_title(text)
        if len(title) <= 40 and not _TABLE_ROW_TAIL_RE.search(title):
            return 2, cn_number(m.group(1)), title
    m = _LEVEL3_RE.match(text)
    if m and len(text) <= 40 and not re.search(r"[。；;]", text) and not _TABLE_ROW_TAIL_RE.search(text):
        return 3, int(m.group(1)), text
    if p.heading_level:
        return p.heading_level, None, text
    return None


def _heading_title(text: str) -> str:
    """An inline heading ends at the first full stop or colon: "（一）主动公开。本年度……" → "（一）主动公开"; one inside
    a bracket ends where the bracket opens ("三、…申请情况（本列数据的勾稽关系为：…）" → "三、…申请情况")."""
    m = re.search(r"[。：:；;]", text)
    if not m:
        return text
    head = text[: m.start()]
    opened = max(head.rfind("（"), head.rfind("("))
    if opened > max(head.rfind("）"), head.rfind(")")):
        head = head[:opened]
    return head.strip()


def _derive_sections(doc: Document) -> None:
    root = doc.root
    stack: list[Section] = [root]
    last_number: dict[int, int] = {}
    for block in doc.blocks:
        if not isinstance(block, Paragraph):
            continue
        if block is doc.title_paragraph:
            block.section = root
            continue
        head = heading_of(block)
        if head is not None:
            level, number, title = head
            if block.heading_level and level != block.heading_level and number is None:
                level = block.heading_level
            parent_level = stack[-1].level
            # Numbering must move forward at its level (一、 after 三、 is a list inside a section, not a heading),
            # and a level may only open below an open section of a higher level.
            if number is not None:
                open_levels = [s.level for s in stack]
                if level > 1 and level - 1 not in open_levels and level > parent_level + 1:
                    head = None
                elif number <= last_number.get(level, 0) and _same_parent(stack, level):
                    head = None
            if head is not None:
                while stack[-1].level >= level:
                    stack.pop()
                section = Section(title, level, number, block, parent=stack[-1])
                stack[-1].children.append(section)
                stack.append(section)
                if number is not None:
                    last_number[level] = number
                    for deeper in [lv for lv in last_number if lv > level]:
                        del last_number[deeper]
                _ = parent_level
        block.section = stack[-1]


def _same_parent(stack: list[Section], level: int) -> bool:
    return any(s.level == level for s in stack)
