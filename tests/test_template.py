"""The official blank template (政务公开年报模版.docx): its three statistical tables resolve to the right labels."""

from __future__ import annotations

import pytest

from reportlint.readers import load_document
from shared_data import TEMPLATE


@pytest.fixture(scope="module")
def doc():
    if not TEMPLATE.is_file():
        pytest.skip(f"template not available: {TEMPLATE}")
    return load_document(str(TEMPLATE))


def labels(path) -> tuple[str, ...]:
    return tuple(lab.text for lab in path)


def squashed(path) -> tuple[str, ...]:
    """Label texts with whitespace removed. Several header cells of the template are two paragraphs
    (商业 / 企业, 结果 / 纠正) and ``Label.text`` currently shows that break as a space — see
    test_line_broken_labels_read_as_printed."""
    return tuple("".join(lab.text.split()) for lab in path)


def unique(items):
    return list(dict.fromkeys(items))


# -- table 2 -----------------------------------------------------------------------------------------------
T2_CELLS = [
    (("第二十条第（一）项", "规章"), ("本年制发件数",), 0),
    (("第二十条第（一）项", "规章"), ("本年废止件数",), 0),
    (("第二十条第（一）项", "规章"), ("现行有效件数",), 0),
    (("第二十条第（一）项", "行政规范性文件"), ("本年制发件数",), 0),
    (("第二十条第（一）项", "行政规范性文件"), ("本年废止件数",), 0),
    (("第二十条第（一）项", "行政规范性文件"), ("现行有效件数",), 0),
    (("第二十条第（五）项", "行政许可"), ("本年处理决定数量",), 1),
    (("第二十条第（六）项", "行政处罚"), ("本年处理决定数量",), 2),
    (("第二十条第（六）项", "行政强制"), ("本年处理决定数量",), 2),
    (("第二十条第（八）项", "行政事业性收费"), ("本年收费金额（单位：万元）",), 3),
]


def test_document_outline(doc):
    assert doc.title == "政府信息公开工作年度报告格式模板"
    assert len(doc.tables) == 3
    assert [t.caption for t in doc.tables] == [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    assert [(t.index, t.nested_in) for t in doc.tables] == [(1, None), (2, None), (3, None)]


def test_table_2(doc):
    t = doc.tables[0]
    assert (t.nrows, t.ncols) == (14, 4)
    assert t.label_cols == 1
    assert t.row_kinds == ["title", "header", "data", "data"] + ["title", "header", "data"] + [
        "title", "header", "data", "data"] + ["title", "header", "data"]
    assert t.bands == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3]
    assert [(labels(d.row_path), labels(d.col_path), d.band) for d in t.data] == T2_CELLS
    # single-column bands: the value cell is one origin merged across the three value columns
    assert t.grid[6][1] is t.grid[6][2] is t.grid[6][3]
    assert len({id(d.cell) for d in t.data}) == 10


# -- table 3 -----------------------------------------------------------------------------------------------
T3_ROWS = [
    ("一、本年新收政府信息公开申请数量",),
    ("二、上年结转政府信息公开申请数量",),
    ("三、本年度办理结果", "（一）予以公开"),
    ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"),
    ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"),
    ("三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"),
    ("三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"),
    ("三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"),
    ("三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"),
    ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"),
    ("三、本年度办理结果", "（五）不予处理", "2.重复申请"),
    ("三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"),
    ("三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("三、本年度办理结果", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("三、本年度办理结果", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("三、本年度办理结果", "（六）其他处理", "3.其他"),
    ("三、本年度办理结果", "（七）总计"),
    ("四、结转下年度继续办理",),
]
T3_COLUMNS = [
    ("申请人情况", "自然人"),
    ("申请人情况", "法人或其他组织", "商业企业"),
    ("申请人情况", "法人或其他组织", "科研机构"),
    ("申请人情况", "法人或其他组织", "社会公益组织"),
    ("申请人情况", "法人或其他组织", "法律服务机构"),
    ("申请人情况", "法人或其他组织", "其他"),
    ("申请人情况", "总计"),
]
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def test_table_3(doc):
    t = doc.tables[1]
    assert (t.nrows, t.ncols) == (28, 10)
    assert t.label_cols == 3
    assert t.row_kinds == ["header"] * 3 + ["data"] * 25
    assert len(t.data) == 175
    assert len({id(d.cell) for d in t.data}) == 175
    assert unique(labels(d.row_path) for d in t.data) == T3_ROWS
    assert unique(squashed(d.col_path) for d in t.data) == T3_COLUMNS
    # every data row has exactly the 7 columns, in order
    for r in t.data_rows():
        assert [squashed(d.col_path) for d in t.cells_in_row(r)] == T3_COLUMNS
    corner = t.grid[0][0]
    assert corner.text == T3_CORNER and (corner.row_span, corner.col_span) == (3, 3)
    assert t.grid[2][2] is corner
    group = t.grid[7][1]  # （三）不予公开 spans its eight numbered rows
    assert group.text == "（三）不予公开" and group.row_span == 8 and t.grid[14][1] is group


# -- table 4 -----------------------------------------------------------------------------------------------
T4_COLUMNS = [
    ("行政复议", "结果维持"),
    ("行政复议", "结果纠正"),
    ("行政复议", "其他结果"),
    ("行政复议", "尚未审结"),
    ("行政复议", "总计"),
    ("行政诉讼", "未经复议直接起诉", "结果维持"),
    ("行政诉讼", "未经复议直接起诉", "结果纠正"),
    ("行政诉讼", "未经复议直接起诉", "其他结果"),
    ("行政诉讼", "未经复议直接起诉", "尚未审结"),
    ("行政诉讼", "未经复议直接起诉", "总计"),
    ("行政诉讼", "复议后起诉", "结果维持"),
    ("行政诉讼", "复议后起诉", "结果纠正"),
    ("行政诉讼", "复议后起诉", "其他结果"),
    ("行政诉讼", "复议后起诉", "尚未审结"),
    ("行政诉讼", "复议后起诉", "总计"),
]


def test_table_4(doc):
    t = doc.tables[2]
    assert (t.nrows, t.ncols) == (4, 15)
    assert t.label_cols == 0
    assert t.row_kinds == ["header", "header", "header", "data"]
    assert len(t.data) == 15
    assert [squashed(d.col_path) for d in t.data] == T4_COLUMNS
    assert all(d.row_path == () for d in t.data)  # one unlabeled data row
    assert t.grid[1][0] is t.grid[2][0]  # 行政复议 › 结果维持 spans the two lower header rows


def test_line_broken_labels_read_as_printed(doc):
    assert unique(labels(d.col_path) for d in doc.tables[1].data) == T3_COLUMNS
    assert [labels(d.col_path) for d in doc.tables[2].data] == T4_COLUMNS
