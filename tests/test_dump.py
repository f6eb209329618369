"""`reportlint dump`: the section tree and every table as a labelled grid, as text and JSON."""

import json

import pytest

from report_builder import SECTION_HEADINGS, T3_COLUMNS, T3_ROWS, ReportSpec, build_report, t3_texts
from reportlint.cli import main
from reportlint.normalize import norm
from shared_data import SEEDS, SHARED


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


def test_dump_shows_who_issued_the_report(capsys, report, tmp_path):
    _code, out, _err = run(capsys, "dump", "--format", "json", str(report))
    assert json.loads(out)["issuer"] == {"kind": "department", "agency": "某某市某某局", "source": "title"}
    _code, out, _err = run(capsys, "dump", str(report))
    assert out.splitlines()[2] == "  发布机关: 某某市某某局（政府部门，据标题）"
    page = tmp_path / "p.txt"
    page.write_text("2023年政府信息公开工作年度报告\n根据条例，现公布平潭综合实验区2023年政府信息公开工作年度报告。\n"
                    "一、总体情况\n", encoding="utf-8")
    _code, out, _err = run(capsys, "dump", "--lang", "en", str(page))
    assert out.splitlines()[2] == "  issuer: 平潭综合实验区 (a government, from the opening)"
    page.write_text("2023年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    _code, out, _err = run(capsys, "dump", str(page))
    assert out.splitlines()[2] == "  发布机关: （标题和开头未写明）"


def test_dump_says_when_check_would_skip_the_document(capsys, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# 笔记\n\n年报要写统计期限。\n", encoding="utf-8")
    _code, out, _err = run(capsys, "dump", str(notes))
    assert out.splitlines()[1] == "  不按年度报告检查: 没有政府信息公开工作年度报告的标题，只有报告的 0 个部分、0 张统计表"
    _code, out, _err = run(capsys, "dump", "--format", "json", "--lang", "en", str(notes))
    assert json.loads(out)["report"] == {
        "checked": False,
        "reason": "it has no title naming a government information disclosure annual report, and only 0 of the report's sections and 0 of its tables"}


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
    assert lines[1] == "  格式: docx   标题: 某某市某某局2023年政府信息公开工作年度报告   年度: 2023   段落数: 16"
    assert "  一、总体情况  [第3段]" in lines
    assert "第2张表 = 表三  (28行×10列, 标签列 3)" in lines
    assert "    C5  申请人情况 / 法人或其他组织 / 商业企业" in lines
    i = lines.index("    R8  三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密")
    texts = t3_texts()
    expected = "  ".join(f"C{n}={texts[('1.属于国家秘密', col)]}" for n, col in enumerate(T3_COLUMNS, start=4))
    assert lines[i + 1] == "        " + expected


def test_text_dump_in_english(capsys, report):
    _code, out, _err = run(capsys, "dump", "--lang", "en", str(report))
    assert "table 2 = table 3  (28×10, 3 label columns)" in out.splitlines()


def test_dump_of_unreadable_file_is_one_line_and_exit_2(capsys, tmp_path, report):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    code, out, err = run(capsys, "dump", "--format", "json", str(bad), str(report))
    assert code == 2
    assert err == f"{bad}: 错误: 不是有效的 .docx 文件（不是 ZIP 包，文件可能已损坏或被截断）\n"
    assert [d["path"] for d in json.loads(out)] == [str(report)]


# -- the real reports: table 3 as `reportlint dump --format json` shows it ------------------------------------

WILD = SHARED / "corpus" / "reports-wild"
REAL = sorted(SEEDS.glob("*.txt")) + [WILD / "KIROGOVCOMPARE" / "hzq2023_working.pdf",
                                      WILD / "KIROGOVCOMPARE" / "hzq2024_working.pdf",
                                      WILD / "govnianbao" / "szfgs2024.pdf"]
# The two 洪泽 PDFs print （六）其他处理 as one row (the 2019 layout): 23 rows are all the document has.
ROWS = {"hzq2023_working.pdf": 23, "hzq2024_working.pdf": 23}
LEAVES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_table_three_of_real_reports_is_fully_labelled(capsys, path):
    if not path.is_file():
        pytest.skip(f"shared data not available: {path}")
    if path.suffix == ".pdf":
        pytest.importorskip("pdfplumber", reason="the pdf extra is not installed")
    code, out, err = run(capsys, "dump", "--format", "json", str(path))
    assert (code, err) == (0, "")
    t3 = next(t for t in json.loads(out)["tables"] if t.get("identified_as") == "t3")
    rows = t3["data_rows"]
    assert len(rows) == ROWS.get(path.name, 25)
    for row in rows:
        assert [c["column"][-1].replace(" ", "") for c in row["cells"]] == LEAVES, row["label"]
        assert all(c["value"].strip().isdigit() for c in row["cells"]), row
        assert row["label"] and row["label"][-1]
    labels = [r["label"][-1] for r in rows]
    assert labels[0].endswith("本年新收政府信息公开申请数量") and labels[-1].endswith("结转下年度继续办理")
    wanted = [norm("（三）不予公开"), norm("1.属于国家秘密")]  # written "(三) 不予公开" in some exports
    assert any([norm(x) for x in r["label"][-2:]] == wanted for r in rows), labels
    natural = rows[0]["cells"][0]["column"]
    assert natural[0] == "申请人情况" and natural[-1] == "自然人"
    assert [norm(x) for x in rows[0]["cells"][1]["column"][-2:]] == ["法人或其他组织", "商业企业"]
