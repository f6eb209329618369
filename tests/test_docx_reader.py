"""The .docx reader on small documents built with python-docx (plus injected WordprocessingML)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from reportlint.model import Paragraph, Table
from reportlint.readers import load_document

W_ATTRS = 'w:id="{id}" w:author="测试" w:date="2024-01-01T00:00:00Z"'


def _save(doc, tmp_path: Path, name: str = "t.docx") -> str:
    path = tmp_path / name
    doc.save(str(path))
    return str(path)


def _append(paragraph, xml: str) -> None:
    """Append one WordprocessingML element (written with its own namespace declarations) to a paragraph."""
    paragraph._p.append(parse_xml(xml))


def _shape(blocks) -> list[tuple[str, str]]:
    return [("P", b.text) if isinstance(b, Paragraph) else ("T", str(b.index)) for b in blocks]


def test_paragraph_order_with_table_between(tmp_path):
    d = docx.Document()
    d.add_paragraph("一、总体情况")
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate([["信息内容", "数量"], ["规章", "3"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("二、主动公开政府信息情况")

    doc = load_document(_save(d, tmp_path))

    assert _shape(doc.blocks) == [("P", "一、总体情况"), ("T", "1"), ("P", "二、主动公开政府信息情况")]
    assert [b.block for b in doc.blocks] == [0, 1, 2]
    assert [p.index for p in doc.paragraphs] == [1, 2]
    t = doc.tables[0]
    assert isinstance(t, Table) and t.index == 1 and t.nested_in is None
    assert [[c.text for c in row] for row in t.grid] == [["信息内容", "数量"], ["规章", "3"]]
    assert t.caption == "一、总体情况"
    assert doc.format == "docx"


def test_heading_levels_from_styles_and_outline_level(tmp_path):
    d = docx.Document()
    d.add_heading("年度报告", level=0)  # Title style: not a heading level
    d.add_heading("总体情况", level=1)
    d.add_heading("主动公开", level=2)
    cn = d.styles.add_style("标题 3", WD_STYLE_TYPE.PARAGRAPH)  # WPS-style Chinese name, no outlineLvl
    derived = d.styles.add_style("单位小标题", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = cn  # level through the basedOn chain
    outlined = d.styles.add_style("自定义大纲", WD_STYLE_TYPE.PARAGRAPH)
    outlined.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="4"/>'))
    d.add_paragraph("三级标题", style=cn)
    d.add_paragraph("派生标题", style=derived)
    d.add_paragraph("大纲五级", style=outlined)
    own = d.add_paragraph("段落自带大纲级别")
    own._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    body = d.add_heading("正文级别覆盖", level=1)
    body._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="9"/>'))
    d.add_paragraph("正文")

    doc = load_document(_save(d, tmp_path))

    assert [(p.text, p.heading_level) for p in doc.paragraphs] == [
        ("年度报告", None),
        ("总体情况", 1),
        ("主动公开", 2),
        ("三级标题", 3),
        ("派生标题", 3),
        ("大纲五级", 5),
        ("段落自带大纲级别", 2),
        ("正文级别覆盖", None),
        ("正文", None),
    ]


def test_hyperlink_text_included(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("详见")
    r_id = d.part.relate_to("https://www.gov.cn/", RT.HYPERLINK, is_external=True)
    _append(p, f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:t>中国政府网</w:t></w:r></w:hyperlink>')
    p.add_run("。")

    doc = load_document(_save(d, tmp_path))

    assert [p.text for p in doc.paragraphs] == ["详见中国政府网。"]


def test_tracked_insertion_included_deletion_excluded(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("本年度")
    _append(p, f'<w:ins {nsdecls("w")} {W_ATTRS.format(id=1)}><w:r><w:t>新收</w:t></w:r></w:ins>')
    _append(p, f'<w:del {nsdecls("w")} {W_ATTRS.format(id=2)}><w:r><w:delText>旧的</w:delText></w:r></w:del>')
    p.add_run("申请")
    _append(p, f'<w:moveFrom {nsdecls("w")} {W_ATTRS.format(id=3)}><w:r><w:t>移走</w:t></w:r></w:moveFrom>')
    _append(p, f'<w:moveTo {nsdecls("w")} {W_ATTRS.format(id=4)}><w:r><w:t>12件</w:t></w:r></w:moveTo>')
    # A table row deleted with change tracking is not part of the table.
    table = d.add_table(rows=3, cols=2)
    for r, row in enumerate([["项目", "数量"], ["删除行", "1"], ["保留行", "2"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.rows[1]._tr.get_or_add_trPr().append(parse_xml(f'<w:del {nsdecls("w")} {W_ATTRS.format(id=5)}/>'))

    doc = load_document(_save(d, tmp_path))

    assert [p.text for p in doc.paragraphs] == ["本年度新收申请12件"]
    assert [[c.text for c in row] for row in doc.tables[0].grid] == [["项目", "数量"], ["保留行", "2"]]


def test_content_controls(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("填报单位：")
    _append(
        p,
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="单位"/><w:text/></w:sdtPr>'
        "<w:sdtContent><w:r><w:t>某某县人民政府</w:t></w:r></w:sdtContent></w:sdt>",
    )
    # A block-level content control wrapping a whole paragraph, and custom XML wrapping another.
    d.element.body.insert(
        1,
        parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:tag w:val="x"/></w:sdtPr><w:sdtContent>'
            "<w:p><w:r><w:t>控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    d.element.body.insert(
        2,
        parse_xml(
            f'<w:customXml {nsdecls("w")} w:element="note"><w:p><w:r><w:t>自定义XML段落</w:t></w:r></w:p></w:customXml>'
        ),
    )

    doc = load_document(_save(d, tmp_path))

    assert [p.text for p in doc.paragraphs] == ["填报单位：某某县人民政府", "控件中的段落", "自定义XML段落"]


def test_field_result_included_not_instruction(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("第")
    for xml in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r {ns}><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r {ns}><w:t>7</w:t></w:r>",
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        _append(p, xml.format(ns=nsdecls("w")))
    p.add_run("页，共")
    _append(p, f'<w:fldSimple {nsdecls("w")} w:instr=" NUMPAGES "><w:r><w:t>12</w:t></w:r></w:fldSimple>')
    p.add_run("页")
    tabbed = d.add_paragraph("电话")
    tabbed.add_run().add_tab()
    tabbed.add_run("0351-1234567")
    tabbed.add_run().add_break()
    tabbed.add_run("地址")

    doc = load_document(_save(d, tmp_path))

    assert [p.text for p in doc.paragraphs] == ["第7页，共12页", "电话\t0351-1234567\n地址"]


def test_text_box_emitted_after_anchor_once(tmp_path):
    d = docx.Document()
    anchor = d.add_paragraph("锚点段落")
    ns = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    _append(
        anchor,
        f"<w:r {ns}><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>",
    )
    anchor.add_run("（续）")
    d.add_paragraph("下一段")

    doc = load_document(_save(d, tmp_path))

    assert [p.text for p in doc.paragraphs] == ["锚点段落（续）", "文本框内容", "下一段"]


def test_para_id(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("有编号")
    p._p.set("{http://schemas.microsoft.com/office/word/2010/wordml}paraId", "1A2B3C4D")
    d.add_paragraph("无编号")

    doc = load_document(_save(d, tmp_path))

    assert [(p.text, p.para_id) for p in doc.paragraphs] == [("有编号", "1A2B3C4D"), ("无编号", None)]


def test_merged_cells_share_origin(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=5, cols=5)
    t.cell(0, 0).merge(t.cell(1, 1)).text = "项目"  # 2×2: gridSpan and vMerge together
    t.cell(0, 2).merge(t.cell(0, 4)).text = "申请人情况"  # horizontal
    for c, text in enumerate(["自然人", "法人", "总计"], start=2):
        t.cell(1, c).text = text
    t.cell(2, 0).merge(t.cell(3, 0)).text = "三、办理结果"  # vertical
    t.cell(2, 1).text = "（一）予以公开"
    t.cell(3, 1).text = "（二）部分公开"
    t.cell(4, 0).merge(t.cell(4, 1)).text = "四、结转"  # horizontal, in the label columns
    for r, values in enumerate([["1", "2", "3"], ["4", "5", "9"], ["0", "0", "0"]], start=2):
        for c, value in enumerate(values, start=2):
            t.cell(r, c).text = value
    path = _save(d, tmp_path)
    xml = _document_xml(path)
    assert b"<w:vMerge/>" in xml and b'<w:vMerge w:val="restart"/>' in xml and b'<w:gridSpan w:val="3"/>' in xml

    doc = load_document(path)

    (table,) = doc.tables
    g = table.grid
    assert (table.nrows, table.ncols) == (5, 5)
    assert g[0][0] is g[0][1] is g[1][0] is g[1][1]
    assert (g[0][0].text, g[0][0].row, g[0][0].col, g[0][0].row_span, g[0][0].col_span) == ("项目", 0, 0, 2, 2)
    assert g[0][2] is g[0][3] is g[0][4]
    assert (g[0][2].row_span, g[0][2].col_span) == (1, 3)
    assert g[2][0] is g[3][0]
    assert (g[2][0].text, g[2][0].row_span, g[2][0].col_span) == ("三、办理结果", 2, 1)
    assert g[4][0] is g[4][1]
    assert len({id(c) for row in g for c in row}) == 18
    assert table.row_kinds == ["header", "header", "data", "data", "data"]
    assert table.label_cols == 2

    assert len(table.data) == 9
    assert len({id(dc.cell) for dc in table.data}) == 9  # one DataCell per origin
    cells = [
        (tuple(lab.text for lab in dc.row_path), tuple(lab.text for lab in dc.col_path), dc.cell.text)
        for dc in table.data
    ]
    assert cells == [
        (("三、办理结果", "（一）予以公开"), ("申请人情况", "自然人"), "1"),
        (("三、办理结果", "（一）予以公开"), ("申请人情况", "法人"), "2"),
        (("三、办理结果", "（一）予以公开"), ("申请人情况", "总计"), "3"),
        (("三、办理结果", "（二）部分公开"), ("申请人情况", "自然人"), "4"),
        (("三、办理结果", "（二）部分公开"), ("申请人情况", "法人"), "5"),
        (("三、办理结果", "（二）部分公开"), ("申请人情况", "总计"), "9"),
        (("四、结转",), ("申请人情况", "自然人"), "0"),
        (("四、结转",), ("申请人情况", "法人"), "0"),
        (("四、结转",), ("申请人情况", "总计"), "0"),
    ]


def _document_xml(path: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml")


def test_grid_before_and_after(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    for c, text in enumerate(["甲", "乙", "丙"]):
        t.cell(0, c).text = text
    tr = t.rows[1]._tr
    for tc in list(tr.iter(qn("w:tc")))[1:]:
        tr.remove(tc)  # row 2 keeps one cell in the middle: gridBefore 1, gridAfter 1
    t.cell(1, 0).text = "中"
    trpr = tr.get_or_add_trPr()
    trpr.append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))
    trpr.append(parse_xml(f'<w:gridAfter {nsdecls("w")} w:val="1"/>'))

    doc = load_document(_save(d, tmp_path))

    assert [[c.text for c in row] for row in doc.tables[0].grid] == [["甲", "乙", "丙"], ["", "中", ""]]


def test_nested_table_emitted_separately(tmp_path):
    d = docx.Document()
    d.add_paragraph("前文")
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "外层左"
    host = outer.cell(0, 1)
    host.text = "外层右"
    inner = host.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内层甲"
    inner.cell(0, 1).text = "内层乙"
    deeper = inner.cell(0, 1).add_table(rows=1, cols=1)
    deeper.cell(0, 0).text = "最内层"
    outer.cell(1, 0).text = "下行"
    d.add_paragraph("后文")
    second = d.add_table(rows=1, cols=1)
    second.cell(0, 0).text = "第二个表"

    doc = load_document(_save(d, tmp_path))

    assert _shape(doc.blocks) == [("P", "前文"), ("T", "1"), ("T", "2"), ("T", "3"), ("P", "后文"), ("T", "4")]
    t1, t2, t3, t4 = doc.tables
    assert [(t.index, t.nested_in) for t in doc.tables] == [(1, None), (2, 1), (3, 2), (4, None)]
    # python-docx's cell.add_table() leaves an empty paragraph after the nested table in the cell
    assert [[c.text for c in row] for row in t1.grid] == [["外层左", "外层右\n"], ["下行", ""]]
    assert [[c.text for c in row] for row in t2.grid] == [["内层甲", "内层乙\n"]]
    assert [[c.text for c in row] for row in t3.grid] == [["最内层"]]
    assert [[c.text for c in row] for row in t4.grid] == [["第二个表"]]


def test_deep_nesting_is_bounded(tmp_path):
    d = docx.Document()
    d.add_paragraph("开始")
    xml = ""
    for n in range(60):  # 60 tables nested in each other's first cell (180 XML levels, under libxml2's 256)
        xml = f"<w:tbl><w:tr><w:tc>{xml}<w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    d.element.body.insert(1, parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent>{xml}</w:sdtContent></w:sdt>'))
    nested = "<w:r><w:t>深</w:t></w:r>"
    for _ in range(80):
        nested = f"<w:sdt><w:sdtContent>{nested}</w:sdtContent></w:sdt>"
    d.add_paragraph()._p.append(parse_xml(f'<w:smartTag {nsdecls("w")} w:element="x">{nested}</w:smartTag>'))

    doc = load_document(_save(d, tmp_path))

    assert [p.text for p in doc.paragraphs] == ["开始", "深"]
    assert len(doc.tables) == 50  # nesting deeper than 50 tables is dropped
    assert [t.nested_in for t in doc.tables] == [None, *range(1, 50)]
    assert doc.tables[0].grid[0][0].text == "59"
    assert doc.tables[-1].grid[0][0].text == "10"


def _rewrite(path: str, edit) -> None:
    """Rewrite the members of a saved package in place: edit(name, data) -> data."""
    with zipfile.ZipFile(path) as zf:
        members = [(info.filename, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, edit(name, data))


def test_template_and_macro_packages(tmp_path):
    d = docx.Document()
    d.add_heading("模板标题", level=1)
    d.add_paragraph("模板正文")
    for suffix, content_type in [
        ("dotx", b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
        ("docm", b"application/vnd.ms-word.document.macroEnabled.main+xml"),
    ]:
        path = _save(d, tmp_path, f"t.{suffix}")
        _rewrite(path, lambda name, data, ct=content_type: data.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", ct))

        doc = load_document(path)

        assert [(p.text, p.heading_level) for p in doc.paragraphs] == [("模板标题", 1), ("模板正文", None)]


def test_package_python_docx_rejects_is_read_from_xml(tmp_path):
    """A relationship to a part missing from the zip makes python-docx fail; the body is still read, with
    heading styles taken from word/styles.xml directly."""
    d = docx.Document()
    d.add_heading("一、总体情况", level=1)
    d.add_paragraph("正文内容")
    path = _save(d, tmp_path)
    broken_rel = (
        b'<Relationship Id="rId99" Target="media/missing.png" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/></Relationships>'
    )
    _rewrite(path, lambda name, data: data.replace(b"</Relationships>", broken_rel)
             if name == "word/_rels/document.xml.rels" else data)
    with pytest.raises(KeyError):
        docx.Document(path)

    doc = load_document(path)

    assert [(p.text, p.heading_level) for p in doc.paragraphs] == [("一、总体情况", 1), ("正文内容", None)]


def test_vertically_merged_value_cell_is_one_data_cell(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    for c, text in enumerate(["项目", "本年", "累计"]):
        t.cell(0, c).text = text
    t.cell(1, 0).text, t.cell(2, 0).text = "收到", "办结"
    t.cell(1, 1).text, t.cell(2, 1).text = "3", "4"
    t.cell(1, 2).merge(t.cell(2, 2)).text = "7"

    (table,) = load_document(_save(d, tmp_path)).tables

    assert table.grid[1][2] is table.grid[2][2]
    assert len(table.data) == len({id(dc.cell) for dc in table.data}) == 3
