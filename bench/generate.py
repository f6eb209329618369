"""Generate N realistic annual reports (.docx) for the benchmarks.

A handful of base reports are built with python-docx by ``tests/report_builder.py`` (the official layout with real
merged cells, consistent numbers, signed and dated); every generated report is one of them varied at the XML
level, which makes thousands in seconds:

* the agency name changes (title, body, signature) and the year becomes 2024 (one batch, as a province collects it);
* every table number is multiplied by a factor (the table equations are linear, so a clean base stays clean);
* a share gets a defect: a number off by one (a total that does not add up), a blank cell, the statistics
  period sentence removed, or the contact details removed (about one report in three has at least one).

With ``cold`` (``--cold``) every report also looks as no other does, as real reports do, so no cache shared
across reports can flatter the figures: its styles.xml is a real document's (from ../shared/corpus/docx-wild, in
turn) with a comment of its own, and the labels of its tables vary in spacing and in full- or half-width brackets.
With ``small`` (``--small``) the reports are short ones, a sentence under each heading and no tables, where what a
report costs whatever its size weighs most.

    python bench/generate.py 1000 /tmp/bench-1000
    python bench/generate.py --cold 1000 /tmp/bench-cold-1000
    python bench/generate.py --small 1000 /tmp/bench-small-1000
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from report_builder import ReportSpec, build_report, default_sections  # noqa: E402

BASE_AGENCY = "某某市某某局"
CITIES = ["济南市", "青岛市", "昆明市", "杭州市", "南京市", "太原市", "曲靖市", "宁波市", "苏州市", "大同市", "临沂市", "玉溪市"]
DISTRICTS = ["", "市中区", "高新区", "历下区", "西山区", "上城区", "玄武区", "小店区", "五华区", "崂山区"]
YEAR = 2024
OFFICES = ["卫生健康委员会", "自然资源和规划局", "交通运输局", "教育局", "民政局", "人力资源和社会保障局", "生态环境局",
           "住房和城乡建设局", "市场监督管理局", "应急管理局", "文化和旅游局", "农业农村局", "司法局", "财政局"]
# A table number: a w:t holding digits only (text in the body always has characters around its numbers).
NUMBER_RE = re.compile(rb"(<w:t(?: [^>]*)?>)(\d+)(</w:t>)")


def base_reports(folder: Path, small: bool = False) -> list[bytes]:
    """The base documents: a full clean report, and one with a longer 六 and two digits more in table 2; or, with
    ``small``, a short report (the six headings with a sentence each, no tables) and one without its 六."""
    if small:
        sections = [(heading, f"{heading[2:]}方面，{BASE_AGENCY}2023年按要求开展了工作。") for heading, _ in
                    default_sections(BASE_AGENCY, 2023)]
        specs = [ReportSpec(agency=BASE_AGENCY, year=2023, sections=sections, include_tables=()),
                 ReportSpec(agency=BASE_AGENCY, year=2023, sections=sections[:5], include_tables=())]
    else:
        specs = [
            ReportSpec(agency=BASE_AGENCY, year=2023),
            ReportSpec(agency=BASE_AGENCY, year=2023, t2={("行政事业性收费", "本年收费金额（单位：万元）"): "0"}),
        ]
    out = []
    for i, spec in enumerate(specs):
        path = build_report(folder / f"base{i}.docx", spec)
        out.append(path.read_bytes())
    return out


def vary(document_xml: bytes, rng: random.Random) -> bytes:
    """One report from a base document.xml: another agency and year, scaled numbers, sometimes a defect."""
    agency = (rng.choice(CITIES) + rng.choice(DISTRICTS) + rng.choice(OFFICES)).encode()
    xml = document_xml.replace(BASE_AGENCY.encode(), agency)
    # One year for the whole batch, as when a province collects its reports: the base is 2023, signed 2024.
    xml = xml.replace("2024年1月".encode(), f"{YEAR + 1}年1月".encode()).replace("2023年".encode(), f"{YEAR}年".encode())
    factor = rng.randint(1, 9)
    # the overview quotes table 3's count of new applications: scale it with the table
    xml = re.sub("申请(\\d+)件".encode(), lambda m: f"申请{int(m.group(1)) * factor}件".encode(), xml)
    numbers = list(NUMBER_RE.finditer(xml))
    defect = rng.random()
    off_by_one = rng.randrange(len(numbers)) if defect < 0.12 and numbers else -1
    blank = rng.randrange(len(numbers)) if 0.12 <= defect < 0.2 and numbers else -1
    pieces, last = [], 0
    for k, m in enumerate(numbers):
        value = int(m.group(2)) * factor + (1 if k == off_by_one else 0)
        text = b"" if k == blank else str(value).encode()
        pieces += [xml[last:m.start()], m.group(1), text, m.group(3)]
        last = m.end()
    pieces.append(xml[last:])
    xml = b"".join(pieces)
    if 0.2 <= defect < 0.27:
        xml = re.sub("本报告统计期限为[^<]*".encode(), b"", xml, count=1)
    elif 0.27 <= defect < 0.33:
        xml = re.sub("(联系电话|电话)[^<]*".encode(), b"", xml)
    return xml


def write(path: Path, base: bytes, document_xml: bytes, styles_xml: bytes | None = None) -> None:
    with zipfile.ZipFile(io.BytesIO(base)) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename == "word/document.xml":
                data = document_xml
            elif info.filename == "word/styles.xml" and styles_xml is not None:
                data = styles_xml
            else:
                data = zin.read(info.filename)
            zout.writestr(info, data)


SHARED = Path(__file__).resolve().parents[2] / "shared"
LABEL_RE = re.compile("(<w:t(?: [^>]*)?>)([^<]*[\u4e00-\u9fff][^<]*)(</w:t>)".encode())


def real_styles(limit: int = 60) -> list[bytes]:
    """styles.xml of real Word documents of ../shared/corpus/docx-wild (readable ones, up to ``limit``)."""
    found = []
    for path in sorted((SHARED / "corpus" / "docx-wild").rglob("*.docx")):
        try:
            with zipfile.ZipFile(path) as zf:
                data = zf.read("word/styles.xml")
        except (zipfile.BadZipFile, KeyError, OSError):
            continue
        if data.startswith(b"<?xml") and b"w:styles" in data[:2000]:
            found.append(data)
        if len(found) >= limit:
            break
    return found


def chill(document_xml: bytes, styles: bytes, i: int, rng: random.Random) -> tuple[bytes, bytes]:
    """The report's own styles (a real document's, with a comment of its own) and label variants."""
    styles = styles.replace(b"?>", f"?><!-- report {i} -->".encode(), 1)

    def label(m: re.Match) -> bytes:
        text = m.group(2).decode()
        if rng.random() < 0.3:
            text = text.replace("（", "(").replace("）", ")")
        if rng.random() < 0.3 and len(text) > 2:
            cut = rng.randrange(1, len(text))
            text = text[:cut] + " " + text[cut:]
        return m.group(1) + text.encode() + m.group(3)

    tables = re.compile(rb"<w:tbl>.*?</w:tbl>", re.S)  # the labels of the tables only, not the body's text
    return tables.sub(lambda t: LABEL_RE.sub(label, t.group(0)), document_xml), styles


def generate(n: int, folder: Path, seed: int = 2026, cold: bool = False, small: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    bases = base_reports(folder, small)
    xmls = [zipfile.ZipFile(io.BytesIO(b)).read("word/document.xml") for b in bases]
    for i in range(len(bases)):
        (folder / f"base{i}.docx").unlink()
    rng = random.Random(seed)
    styles = real_styles() if cold else []
    paths = []
    width = len(str(n))
    for i in range(n):
        k = i % len(bases)
        path = folder / f"report-{i:0{width}d}.docx"
        xml = vary(xmls[k], rng)
        if styles:
            xml, own = chill(xml, styles[i % len(styles)], i, rng)
            write(path, bases[k], xml, own)
        else:
            write(path, bases[k], xml)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many reports")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cold", action="store_true", help="every report with its own styles and label variants")
    parser.add_argument("--small", action="store_true", help="short reports: a sentence a section, no tables")
    args = parser.parse_args()
    paths = generate(args.n, args.folder, args.seed, args.cold, args.small)
    print(f"{len(paths)} reports in {args.folder}")


if __name__ == "__main__":
    main()
