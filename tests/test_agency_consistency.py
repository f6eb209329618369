"""agency-mismatch (kind agency_consistency): the title's agency is the one the contact, the signature and the
compiler name. Exact findings on python-docx reports."""

from __future__ import annotations

import pytest

from report_builder import ReportSpec, build_report
from reportlint.api import lint_document
from reportlint.checks.agency_consistency import same_organ
from reportlint.readers import load_document
from reportlint.rulepack import load_pack


@pytest.fixture(scope="module")
def pack():
    return load_pack("national-2021")


def lint(tmp_path, pack, lang="zh", **spec):
    path = build_report(tmp_path / "r.docx", ReportSpec(**spec))
    doc = load_document(str(path))
    return [(f.location.render(lang), f.text(lang)) for f in lint_document(doc, pack) if f.rule == "agency-mismatch"]


def test_the_same_organ_however_written_passes(tmp_path, pack):
    assert lint(tmp_path, pack, agency="某某市卫生健康局") == []
    assert lint(tmp_path, pack, agency="兰陵县卫健局", contact="如有疑问，请与县卫生健康局办公室联系（电话：0539-5211234）。") == []
    assert lint(tmp_path, pack, agency="某某区人民政府",
                contact="本报告由某某区政府办编制，请与本机关办公室联系（电话：0539-5211234）。") == []


def test_another_agency_in_the_contact_and_the_signature_is_quoted(tmp_path, pack):
    found = lint(tmp_path, pack, title="弥勒市卫生健康局2023年政府信息公开工作年度报告", agency="乐清市卫生健康局")
    assert [text for _, text in found] == [
        "联系方式中的机关「乐清市卫生健康局办公室」与标题中的「弥勒市卫生健康局」不是同一机关，可能沿用了其他单位的报告",
        "落款中的机关「乐清市卫生健康局」与标题中的「弥勒市卫生健康局」不是同一机关，可能沿用了其他单位的报告",
    ]
    en = lint(tmp_path, pack, "en", title="弥勒市卫生健康局2023年政府信息公开工作年度报告", agency="乐清市卫生健康局")
    assert en[1][1] == "the signature names 乐清市卫生健康局, not the title's 弥勒市卫生健康局: copied from another agency's report?"


def test_who_compiled_it_is_read_too(tmp_path, pack):
    found = lint(tmp_path, pack, agency="某某市卫生健康局",
                 contact="本报告由某某市民政局编制，请与某某市卫生健康局办公室联系（电话：0539-5211234）。")
    assert [text for _, text in found] == [
        "编制说明中的机关「某某市民政局」与标题中的「某某市卫生健康局」不是同一机关，可能沿用了其他单位的报告"]


def test_a_title_without_an_agency_is_not_checked(tmp_path, pack):
    assert lint(tmp_path, pack, title="2023年政府信息公开工作年度报告", agency="乐清市卫生健康局") == []


@pytest.mark.parametrize(("a", "b", "same"), [
    ("淮安市人民政府", "淮安市人民政府办公室", True),
    ("洪泽区人民政府", "淮安市洪泽区人民政府办公室", True),
    ("平潭综合实验区", "平潭综合实验区政府信息公开工作领导小组办公室", True),
    ("曲沃县卫生健康和体育局", "县卫体局", True),
    ("弥勒市卫生健康局", "乐清市卫生健康局", False),
    ("某某市卫生健康局", "某某市民政局", False),
])
def test_one_organ_written_differently(a, b, same):
    assert same_organ(a, b) is same
