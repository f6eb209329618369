"""Who issued a report, read from its title (or, failing that, its opening): what sets its publication deadline.

条例 第四十九条: a 县级以上人民政府部门 publishes its own report by 31 January; the report of a 县级以上地方人民政府
itself is published by its 政府信息公开工作主管部门 by 31 March. So the kinds are

* ``government``: the title names a government — a place (省/市/县/区/州/旗/盟, 自治区 …, 实验区, 新区), with or
  without 人民政府, or a region's 管委会 acting as one (平潭综合实验区, 上海市, 福州市晋安区, 某某市人民政府);
* ``department``: a department, the 人民政府办公室/办公厅 included when the title names the office (…局, …委员会,
  …办公室, …中心, …署);
* ``township``: a 乡/镇 government or a 街道 (not 县级以上: the 条例 sets no date; held to 31 January unless the
  configuration says otherwise);
* ``None``: the title names no agency ("2023年政府信息公开工作年度报告") and the opening does not either.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .i18n import trc
from .model import Document
from .normalize import clean

KINDS = ("government", "department", "township")
_NAMES = {"government": "a government", "department": "a government department",
          "township": "a township or sub-district"}  # the catalogue's, context "issuer"


def issuer_name(lang: str, kind: str) -> str:
    """What an issuer of ``kind`` is, in ``lang``: 本级人民政府 / a government."""
    return trc(lang, "issuer", _NAMES[kind])

_YEAR_RE = re.compile(r"(?:19|20)\d{2}\s*年度?|[〇零○一二三四五六七八九]{4}\s*年度?")
_REPORT_WORDS = "年度报告|工作报告|年报"
_TOWNSHIP_RE = re.compile(r"(?:[镇乡]|街道|街道办事处|办事处|苏木)(?:人民政府|政府|党委)?$")
_OFFICE_RE = re.compile(r"(?:人民政府|政府)(?:办公室|办公厅|办)$")
_GOVERNMENT_RE = re.compile(
    r"(?:[省市县区州旗盟]|自治区|自治州|自治县|特别行政区|实验区|新区|管委会|管理委员会)(?:人民政府|政府)?$")
_DEPARTMENT_RE = re.compile(r"(?:局|委|委员会|办|办公室|办公厅|厅|中心|署|站|所|院|馆|队|会|处|部|室|公司|集团)$")
# "现公布区统计局2023年政府信息公开工作年度报告", "特向社会公布…", "现将…": the opening naming whose report it is
_OPENING = r"(?:公布|公开|发布|现将)(?P<agency>[^，,。；;：:（(《]{2,30}?)(?:(?:19|20)\d{2}\s*年度?)"


@functools.lru_cache(maxsize=16)
def _patterns(subject: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """(what ends the agency in a title, what an opening naming the report looks like) for a pack's subject."""
    named = f"{subject}|{_REPORT_WORDS}" if subject else _REPORT_WORDS
    return re.compile(named), (re.compile(f"{_OPENING}(?:{subject})") if subject else None)


@dataclass(frozen=True)
class Issuer:
    kind: str | None  # one of KINDS, or None when it cannot be told
    agency: str  # as the title (or opening) names it; "" when it names none
    source: str  # "title", "opening" or "" (not found)


def agency_in(text: str, subject: str = "") -> str:
    """The agency a report title names: its text around the year, before the pack's ``subject`` (a regular
    expression) or 年度报告/工作报告/年报 (with the national pack's: "2022年上海市政府信息公开工作年度报告" → 上海市,
    "合水镇人民政府信息公开…" → 合水镇人民政府)."""
    text = clean(text)
    subject = _patterns(subject)[0].search(text)
    before = text[: subject.start()] if subject else text
    agency = _YEAR_RE.sub("", before).strip(" ：:，,")
    if subject and agency.endswith("人民") and text.startswith("政府", subject.start()):
        agency += "政府"
    return agency


def kind_of(agency: str) -> str | None:
    """The kind of issuer an agency name is, or None."""
    agency = re.sub(r"[（(][^）)]*[）)]", "", agency).strip()
    if not agency:
        return None
    if _TOWNSHIP_RE.search(agency):
        return "township"
    if _OFFICE_RE.search(agency):
        return "department"
    if _GOVERNMENT_RE.search(agency):
        return "government"
    if _DEPARTMENT_RE.search(agency):
        return "department"
    return None


def issuer_of(doc: Document, subject: str = "", opening_paragraphs: int = 6) -> Issuer:
    """The issuer as the title names it, else as the opening's first paragraphs do ("现公布X2023年政府信息公开…");
    ``subject``: what the pack's report titles name after the agency and year (``report.subject``)."""
    agency = agency_in(doc.title, subject) if doc.title else ""
    kind = kind_of(agency)
    if kind is not None:
        return Issuer(kind, agency, "title")
    opening = _patterns(subject)[1]
    start = doc.title_paragraph.index if doc.title_paragraph is not None else 0
    for p in [p for p in doc.paragraphs if p.index > start][:opening_paragraphs] if opening is not None else ():
        m = opening.search(p.display)
        if m and (found := kind_of(m.group("agency").strip())) is not None:
            return Issuer(found, m.group("agency").strip(), "opening")
    return Issuer(None, agency, "")
