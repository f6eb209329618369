"""What keeps a long batch's memory flat (docs/PERFORMANCE.md), tested for what it must do, not for how much.

A document done with is freed by reference counting; the one-pass formats are written piece by piece, and the
pieces are exactly the text they render whole; a file's own output file gets the bytes standard output gets;
linting a batch keeps no table layout beyond its bound.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref

import pytest

from report_builder import T3_ROWS, ReportSpec, build_report
from reportlint import api
from reportlint.model.layouts import LayoutLibrary
from reportlint.output import chunked, formatter
from reportlint.readers import load_document


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("memory")
    specs = [ReportSpec(agency="甲市乙局"), ReportSpec(agency="甲市丙局", t3={("（七）总计", "自然人"): "44"}),
             ReportSpec(agency="甲市丁局", contact=None, period=None),
             ReportSpec(agency="甲市戊局", t4={("行政复议", "结果维持"): ""}),
             ReportSpec(agency="甲市庚局", t3={("（七）总计", "自然人"): "46", ("（七）总计", "商业企业"): "9"})]
    for i, spec in enumerate(specs):
        build_report(root / f"r{i}.docx", spec)
    (root / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    return root


def test_a_released_document_is_freed_without_the_cycle_collector(batch):
    def section_of_a_dropped_document(release: bool) -> weakref.ref:
        doc = load_document(str(batch / "r0.docx"))
        section = weakref.ref(doc.sections()[0])  # parents, children and paragraphs point at each other
        if release:
            doc.release()
        return section

    gc.disable()
    try:
        assert section_of_a_dropped_document(release=False)() is not None  # kept by its cycles until a collection
        assert section_of_a_dropped_document(release=True)() is None  # freed at once by reference counting
    finally:
        gc.enable()
        gc.collect()


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_the_pieces_of_a_one_pass_format_are_its_whole_text(batch, fmt):
    report = api.lint_paths([str(batch)], lang="en", spill_findings=True)
    pieces = list(chunked(fmt)(report))
    assert len(pieces) > 5 and "".join(pieces) == formatter(fmt)(report)
    report.findings.close()
    assert chunked("json") is None  # the formats that need every finding at once render whole


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_the_output_file_gets_what_standard_output_gets(batch, tmp_path, fmt):
    target = tmp_path / "out.txt"
    base = [sys.executable, "-m", "reportlint", "check", "--lang", "en", "--format", fmt, str(batch)]
    env = {**os.environ, "NO_COLOR": "1"}
    shown = subprocess.run(base, capture_output=True, env=env)
    written = subprocess.run([*base, "--output", str(target)], capture_output=True, env=env)
    assert shown.returncode == written.returncode == 2  # the broken file
    assert written.stdout == b"" and target.read_bytes() == shown.stdout and b"t3-balance" in shown.stdout


def test_layouts_kept_are_bounded_and_the_common_ones_stay(tmp_path):
    layouts = LayoutLibrary(3)
    load_document(str(build_report(tmp_path / "common.docx", ReportSpec())), layouts)  # kept from the second on
    common = load_document(str(tmp_path / "common.docx"), layouts)
    first = [t.layout for t in common.tables]  # tables 二, 三, 四: three layouts, the cache full
    # a blank in another place of table 3 each time: a layout of its own there, tables 二 and 四 as before
    for i, row in enumerate(["（一）予以公开", T3_ROWS[0], T3_ROWS[1]]):
        odd_path = str(build_report(tmp_path / f"odd{i}.docx", ReportSpec(t3={(row, "自然人"): ""})))
        load_document(odd_path, layouts)
        odd = load_document(odd_path, layouts)
        assert layouts.known() == 3
        # the layouts used by every report are the most recently used: never the ones dropped (first in would be)
        assert odd.tables[0].layout is first[0] and odd.tables[2].layout is first[2]
        assert odd.tables[1].layout is not first[1]


def test_a_spill_gives_back_each_record_with_reads_and_writes_interleaved():
    from reportlint.spill import Spill

    spill = Spill()
    records = [("a", list(range(i)), {"k": "值" * i}) for i in range(300)]  # more than a write buffer holds
    handles = []
    for i, record in enumerate(records):
        handles.append(spill.put(record))
        if i % 7 == 0:  # read an earlier record between writes: the next write still goes at the end
            assert spill.get(handles[i // 2]) == records[i // 2]
    assert [spill.get(h) for h in handles] == records
    handles.append(spill.put("last"))  # after reads
    assert spill.get(handles[-1]) == "last" and spill.get(handles[0]) == records[0]
    spill.close()
    assert spill.get(spill.put("again")) == "again"  # a closed spill starts a new file
    spill.close()
