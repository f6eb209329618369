"""`reportlint dump`: the section tree and every table as a labelled grid, as text and JSON."""

import json

import pytest

from report_builder import SECTION_HEADINGS, T3_COLUMNS, T3_ROWS, ReportSpec, build_report, t3_texts
from reportlint.cli import main


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return build_report(tmp_path_factory.mktemp("dump") / "report.docx", ReportSpec())


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_dump_has_sections_and_identified_tables(capsys, report):
    code, out, err = run(capsys, "dump", "--format", "json", str(report))
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["format"] == "docx"
    assert data["title"] == "某某市某某局2023年政府信息公开工作年度报告"
    assert data["year"] == 2023
    assert [s["title"] for s in data["sections"]] == SECTION_HEADINGS
    assert [t.get("identified_as") for t in data["tables"]] == ["t2", "t3", "t4"]


def test_json_dump_of_table_three_is_25_rows_by_7_labelled_columns(capsys, report):
    _code, out, _err = run(capsys, "dump", "--format", "json", str(report))
    t3 = json.loads(out)["tables"][1]
    rows = t3["data_rows"]
    assert len(rows) == 25
    assert all(len(r["cells"]) == 7 for r in rows)
    assert [r["label"][-1] for r in rows] == T3_ROWS
    assert rows[6]["label"] == ["三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"]
    assert [c["column"] for c in rows[0]["cells"]] == [
        ["申请人情况", "自然人"],
        ["申请人情况", "法人或其他组织", "商业企业"],
        ["申请人情况", "法人或其他组织", "科研机构"],
        ["申请人情况", "法人或其他组织", "社会公益组织"],
        ["申请人情况", "法人或其他组织", "法律服务机构"],
        ["申请人情况", "法人或其他组织", "其他"],
        ["申请人情况", "总计"],
    ]
    texts = t3_texts()
    assert [[c["value"] for c in r["cells"]] for r in rows] == [
        [texts[(row, col)] for col in T3_COLUMNS] for row in T3_ROWS
    ]


def test_text_dump_for_people(capsys, report):
    code, out, err = run(capsys, "dump", str(report))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == str(report)
    assert lines[1] == "  格式: docx   标题: 某某市某某局2023年政府信息公开工作年度报告   年度: 2023   段落数: 14"
    assert "  一、总体情况  [第3段]" in lines
    assert "第2张表 = 表三  (28行×10列, 标签列 3)" in lines
    assert "    C5  申请人情况 / 法人或其他组织 / 商业企业" in lines
    i = lines.index("    R8  三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密")
    texts = t3_texts()
    expected = "  ".join(f"C{n}={texts[('1.属于国家秘密', col)]}" for n, col in enumerate(T3_COLUMNS, start=4))
    assert lines[i + 1] == "        " + expected


def test_text_dump_in_english(capsys, report):
    _code, out, _err = run(capsys, "dump", "--lang", "en", str(report))
    assert "table 2 = table 三  (28×10, 3 label columns)" in out.splitlines()


def test_dump_of_unreadable_file_is_one_line_and_exit_2(capsys, tmp_path, report):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    code, out, err = run(capsys, "dump", "--format", "json", str(bad), str(report))
    assert code == 2
    assert err == f"{bad}: 错误: 不是有效的 .docx 文件（不是 ZIP 包，文件可能已损坏或被截断）\n"
    assert [d["path"] for d in json.loads(out)] == [str(report)]
