"""Sub-sections (``parent:``), the ``opening`` scope and the shipped province packs."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from report_builder import ReportSpec, build_report, default_sections
from reportlint.api import lint_document
from reportlint.errors import ConfigError
from reportlint.pack.layers import shipped_names
from reportlint.readers import load_document
from reportlint.rulepack import load_pack
from shared_data import SEED_FINDINGS, SEEDS

ITEMS = [
    ("（一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况", "本年度未收取信息处理费。"),
    ("（二）本行政机关落实上级年度政务公开工作要点情况", "已按要点逐项落实。"),
    ("（三）本行政机关人大代表建议和政协提案办理结果公开情况", "承办建议7件、提案7件，均已公开。"),
    ("（四）本行政机关年度政务公开工作创新情况", "开设政策解读专栏。"),
    ("（五）本行政机关政府信息公开工作年度报告数据统计需要说明的事项", "无。"),
    ("（六）本行政机关认为需要报告的其他事项", "无。"),
    ("（七）其他有关文件专门要求通过政府信息公开工作年度报告予以报告的事项", "无。"),
]
PORTAL = "本报告电子版可在某某市人民政府门户网站（http://www.example.gov.cn）查阅或下载。"


def shandong_report(tmp_path, name="r.docx", items=ITEMS, contact="default", **spec):
    """A report in the Shandong layout: section 六 is its seven items, each a heading with its text."""
    sections = default_sections("某某市卫生健康局")[:5]
    sections.append(("六、其他需要报告的事项", ""))
    sections.extend(items)
    if contact == "default":
        contact = PORTAL + "如对本报告有疑问，请与某某市卫生健康局办公室联系（电话：0537-1234567）。"
    return build_report(tmp_path / name, ReportSpec(agency="某某市卫生健康局", sections=sections, contact=contact,
                                                     **spec))


def lint(path, pack):
    doc = load_document(str(path))
    return [(f.rule, f.location.render(), f.text()) for f in lint_document(doc, pack)]


def lint_en(path, pack):
    doc = load_document(str(path))
    return [f.text("en") for f in lint_document(doc, pack)]


@pytest.fixture(scope="module")
def shandong():
    return load_pack("shandong")


# -- sub-sections ------------------------------------------------------------------------------------------------


def test_shandong_report_with_all_seven_items_is_clean(tmp_path, shandong):
    assert lint(shandong_report(tmp_path), shandong) == []


def test_missing_items_are_one_finding_at_the_parent_heading(tmp_path, shandong):
    path = shandong_report(tmp_path, items=[ITEMS[0], ITEMS[2], ITEMS[3], ITEMS[5], ITEMS[6]])
    doc = load_document(str(path))
    (six,) = [p.index for p in doc.paragraphs if p.display == "六、其他需要报告的事项"]
    assert lint(path, shandong) == [
        ("other-items", f"第{six}段（六、其他需要报告的事项）",
         "「六、其他需要报告的事项」缺少2个子项：「（二）本行政机关落实上级年度政务公开工作要点情况」"
         "「（五）本行政机关政府信息公开工作年度报告数据统计需要说明的事项」"),
    ]
    assert lint_en(path, shandong) == [
        "\"六、其他需要报告的事项\" lacks 2 items: “（二）本行政机关落实上级年度政务公开工作要点情况”, "
        "“（五）本行政机关政府信息公开工作年度报告数据统计需要说明的事项”",
    ]


def test_items_match_by_keywords_and_inline_headings(tmp_path, shandong):
    """Reworded item headings carrying the keywords, and items written as "（一）标题：正文" in one paragraph."""
    items = [
        ("（一）信息处理费收取情况：未收取。", ""),
        ("（二）落实上级年度政务公开工作要点情况", "已落实。"),
        ("（三）人大代表建议和政协提案办理结果公开情况：均已公开。", ""),
        ("（四）政务公开工作创新情况", "无。"),
        ("（五）数据统计需要说明的事项：无。", ""),
        ("（六）认为需要报告的其他事项：无。", ""),
        ("（七）其他有关文件专门要求报告的事项：无。", ""),
    ]
    assert lint(shandong_report(tmp_path, items=items), shandong) == []


def test_items_outside_their_parent_do_not_count(tmp_path, shandong):
    """The same headings under section 一 are not section 六's items."""
    sections = default_sections("某某市卫生健康局")
    sections[1:1] = ITEMS  # inside 一、总体情况
    sections[-1] = ("六、其他需要报告的事项", "无。")
    contact = PORTAL + "如对本报告有疑问，请与某某市卫生健康局办公室联系（电话：0537-1234567）。"
    path = build_report(tmp_path / "r.docx", ReportSpec(agency="某某市卫生健康局", sections=sections,
                                                         contact=contact))
    found = [f for f in lint(path, shandong) if f[0] != "fee-statement"]  # 六 is "无。": the national rule too
    assert [rule for rule, _, _ in found] == ["other-items"]
    assert found[0][2].startswith("「六、其他需要报告的事项」缺少7个子项：「（一）")


def test_a_missing_parent_is_reported_alone(tmp_path, shandong):
    sections = default_sections("某某市卫生健康局")[:5]
    contact = PORTAL + "如对本报告有疑问，请与某某市卫生健康局办公室联系（电话：0537-1234567）。"
    path = build_report(tmp_path / "r.docx", ReportSpec(agency="某某市卫生健康局", sections=sections,
                                                         contact=contact))
    assert lint(path, shandong) == [
        ("required-sections", "「六、其他需要报告的事项」", "缺少第六部分「六、其他需要报告的事项」"),
    ]


def test_items_out_of_order_are_reported_among_siblings(tmp_path, shandong):
    path = shandong_report(tmp_path, items=[ITEMS[1], ITEMS[0], *ITEMS[2:]])
    doc = load_document(str(path))
    (first,) = [p.index for p in doc.paragraphs if p.display == ITEMS[0][0]]
    assert lint(path, shandong) == [
        ("section-order", f"第{first}段（{ITEMS[0][0]}）",
         f"「{ITEMS[0][0]}」应排在「{ITEMS[1][0]}」之前"),
    ]


def write(tmp_path, text, name="pack.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("sections", "where", "en"),
    [
        ("  - {id: a, title: 一、甲, parent: b}\n", (3, 33), "section a: parent 'b' is not defined"),
        ("  - {id: a, title: （一）甲, parent: b}\n  - {id: b, title: 一、乙}\n", (3, 34),
         "section a: parent 'b' must be defined before it"),
    ],
)
def test_bad_parent_is_a_located_config_error(tmp_path, sections, where, en):
    path = write(tmp_path, "pack: x\nsections:\n" + sections + "rules: []\n")
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    assert info.value.render("en") == f"{path}:{where[0]}:{where[1]}: {en}"


def test_a_local_pack_adds_items_under_a_national_section(tmp_path):
    """A repo's own pack: one item under 五, required by the national presence rule (which covers all sections)."""
    pack = load_pack(write(tmp_path, """\
        pack: city
        extends: national-2021
        sections:
          - id: problems-next
            parent: problems
            title: （二）下一步改进措施
            keywords: [改进措施]
        """))
    sections = default_sections("某某市卫生健康局")
    path = build_report(tmp_path / "r.docx", ReportSpec(agency="某某市卫生健康局", sections=sections))
    doc = load_document(str(path))
    (five,) = [p.index for p in doc.paragraphs if p.display == "五、存在的主要问题及改进情况"]
    assert lint(path, pack) == [
        ("required-sections", f"第{five}段（五、存在的主要问题及改进情况）",
         "「五、存在的主要问题及改进情况」缺少1个子项：「（二）下一步改进措施」"),
    ]
    sections.insert(5, ("（二）下一步改进措施", "加强培训。"))
    path = build_report(tmp_path / "ok.docx", ReportSpec(agency="某某市卫生健康局", sections=sections))
    assert lint(path, pack) == []


def test_require_text_scoped_to_a_section_id_uses_the_section_map(tmp_path, shandong):
    """``section:`` naming a pack section id finds it however its heading is worded."""
    pack = load_pack(write(tmp_path, """\
        pack: local
        extends: shandong
        rules:
          - {id: fee-amount, kind: require_text, scope: section, section: other-fee, pattern: "未收取|\\\\d+元"}
        """))
    assert lint(shandong_report(tmp_path), pack) == []
    items = [("（一）信息处理费收取情况", "见财务报表。"), *ITEMS[1:]]
    assert lint(shandong_report(tmp_path, items=items), pack) == [
        ("fee-amount", "「（一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况」",
         "未找到规定内容「未收取|\\d+元」"),
    ]


# -- the opening scope -------------------------------------------------------------------------------------------


def test_electronic_version_is_looked_for_in_the_opening_only(tmp_path, shandong):
    contact = "如对本报告有疑问，请与某某市卫生健康局办公室联系（电话：0537-1234567）。"
    items = [(ITEMS[0][0], "未收取。" + PORTAL), *ITEMS[1:]]  # the portal named, but in section 六
    path = shandong_report(tmp_path, items=items, contact=contact)
    assert lint(path, shandong) == [
        ("electronic-version", "第2段",
         "开头段落未写明报告电子版的查阅位置（如“本报告电子版可在××人民政府门户网站（网址）查阅或下载”）"),
    ]


def test_no_opening_at_all_points_at_the_first_section(tmp_path, shandong):
    path = shandong_report(tmp_path, contact=None, period=None)
    doc = load_document(str(path))
    doc.blocks = [b for b in doc.blocks if getattr(b, "index", 0) != 2 or b is doc.title_paragraph]
    found = [(f.rule, f.location.render()) for f in lint_document(doc, shandong)]
    assert ("electronic-version", "第3段（一、总体情况）") in found


# -- the shipped province packs ----------------------------------------------------------------------------------


def test_province_packs_are_shipped_by_name_and_shared_layers_are_not():
    names = set(shipped_names())
    assert {"national-2021", "shandong", "yunnan", "zhejiang", "jiangsu", "shanxi"} <= names
    assert not any(n.startswith("_") for n in names)


@pytest.mark.parametrize("name", ["shandong", "yunnan", "zhejiang", "jiangsu", "shanxi"])
def test_every_province_pack_extends_national_and_documents_its_sources(name):
    pack = load_pack(name)
    national = {r.id for r in load_pack("national-2021").rules}
    assert national <= {r.id for r in pack.rules}
    text = Path(shipped_names()[name]).read_text(encoding="utf-8")
    assert "FORMAT.md" in text or "Source" in text  # says where each addition (or its absence) comes from
    for rule in pack.rules:
        if rule.id not in national:
            help_ = rule.spec["help"]
            assert {"what", "why", "pass", "fail"} <= set(help_["zh"]) and set(help_["zh"]) == set(help_["en"])


@pytest.mark.parametrize(
    ("name", "added"),
    [("shandong", ["electronic-version", "other-items"]), ("yunnan", ["electronic-version"]),
     ("zhejiang", ["electronic-version"]), ("jiangsu", []), ("shanxi", [])],
)
def test_what_each_province_adds(name, added):
    national = {r.id for r in load_pack("national-2021").rules}
    assert sorted(r.id for r in load_pack(name).rules if r.id not in national) == added


# What each province pack finds on the seeds beyond the national findings (SEED_FINDINGS, judged real).
PROVINCE_FINDINGS = {
    # 兖州 2023 (Shandong): all seven items, the portal in the opening.
    ("shandong", "000"): [],
    # 兰陵 2021 (Shandong): "六、其他需要报告的事项 / 无", no portal in the opening.
    ("shandong", "002"): [("electronic-version", "5:1 第2段"), ("other-items", "91:1 第20段（六、其他需要报告的事项）")],
    # 弥勒 2023 (Yunnan): "报告将公布在弥勒市人民政府门户网站上" in the opening.
    ("yunnan", "001"): [],
    # 乐清 2023 (Zhejiang): the portal in the opening.
    ("zhejiang", "004"): [],
    # 曲沃 2023 (Shanxi): nothing local.
    ("shanxi", "003"): [],
}


@pytest.mark.parametrize(("name", "seed"), list(PROVINCE_FINDINGS))
def test_province_packs_on_the_seeds(name, seed):
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    doc = load_document(str(path))
    found = [(f.rule, f.location.render()) for f in lint_document(doc, load_pack(name))]
    assert sorted(found) == sorted(SEED_FINDINGS[seed] + PROVINCE_FINDINGS[(name, seed)])
def test_rules_option_takes_a_shipped_name(tmp_path):
    path = shandong_report(tmp_path, items=ITEMS[:6])
    run = subprocess.run([sys.executable, "-m", "reportlint", "check", "--rules", "shandong", "--format", "concise",
                          "--lang", "en", str(path)], capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert "other-items" in run.stdout and "lacks 1 item:" in run.stdout
