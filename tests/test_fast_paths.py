"""The fast paths give what the plain paths give.

The .docx reader parses the package with lxml directly; ``via_python_docx=True`` opens it through python-docx, the
plain path it replaced. Both must produce the same document (the dump, every paragraph and table grid) and the
same findings, on built reports and on every Word file of the wild corpus. The memoised normalisation must give
what the functions compute afresh.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from report_builder import ReportSpec, build_report
from reportlint import normalize
from reportlint.api import default_pack, lint_document
from reportlint.errors import InputError
from reportlint.output.dump import to_dict
from reportlint.readers.docx import read_docx
from shared_data import CORPUS, TEMPLATE

ROOT = Path(__file__).resolve().parents[1]
WORD = {".docx", ".docm", ".dotx", ".dotm"}


@functools.cache
def _pack():
    return default_pack()


def _both_ways(path: Path) -> tuple[object, object]:
    data = path.read_bytes()
    out = []
    for via in (True, False):
        try:
            doc = read_docx(str(path), data, via_python_docx=via)
        except InputError as exc:
            out.append(("error", exc.code))
            continue
        findings = [(f.rule, f.location.render("en"), f.text("en")) for f in lint_document(doc, _pack())]
        out.append((json.dumps(to_dict(doc), ensure_ascii=False, sort_keys=True), findings))
    return out[0], out[1]


def _built(tmp_path: Path) -> list[Path]:
    specs = [
        ReportSpec(),
        ReportSpec(t3={("（七）总计", "自然人"): "44"}, t4={("行政复议", "结果维持"): ""}),
        ReportSpec(period=None, contact=None, include_tables=("二", "四")),
        ReportSpec(year=2019, agency="某某县某某局"),
    ]
    return [build_report(tmp_path / f"r{i}.docx", spec) for i, spec in enumerate(specs)]


def test_built_reports_and_examples_read_the_same_both_ways(tmp_path):
    paths = _built(tmp_path) + sorted((ROOT / "examples").glob("*.docx"))
    if TEMPLATE.is_file():
        paths.append(TEMPLATE)
    for path in paths:
        plain, fast = _both_ways(path)
        assert fast == plain, path
    # and the comparison can fail: a defect changes the findings
    assert _both_ways(paths[0])[1] != _both_ways(paths[1])[1]


@pytest.mark.slow
def test_every_corpus_word_file_reads_the_same_both_ways():
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not available: {CORPUS}")
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in WORD and p.is_file()
                   and p.stat().st_size < 3_000_000)
    assert len(files) > 300
    different = []
    for path in files:
        plain, fast = _both_ways(path)
        if plain != fast:
            different.append(str(path.relative_to(CORPUS)))
    assert different == []


def test_memoised_normalisation_equals_a_fresh_computation():
    samples = ["（七）总计", " 1,234 ", "—", "商业\n企业", "12.50", "-3", "无", "", "\u3000自然人\u00a0", "一、本年新收"]
    for text in samples:
        assert normalize.norm(text) == normalize.norm.__wrapped__(text)
        assert normalize.clean(text) == normalize.clean.__wrapped__(text)
        assert normalize.label_keys(text) == normalize.label_keys.__wrapped__(text)
        assert normalize.looks_like_value(text) == normalize.looks_like_value.__wrapped__(text)
        for decimal in (False, True):
            assert normalize.parse_number(text, decimal) == normalize.parse_number.__wrapped__(text, decimal)
    assert isinstance(normalize.label_keys("总计"), frozenset)  # shared between callers: must be immutable


def test_normalisation_of_long_and_special_texts():
    # the regex pre-scans give what translating every character gave
    assert normalize.norm("〔2021〕\u200b第 1 号【通知】“甲”—乙") == '(2021)第1号(通知)"甲"-乙'
    assert normalize.norm("总计" * 100 + "\u00ad") == "总计" * 100
    assert normalize.clean("商业\n企业\u00a0\u200b x\u3000y") == "商业企业 x y"
    assert normalize.clean("段落" * 200 + "\ufeff") == "段落" * 200
