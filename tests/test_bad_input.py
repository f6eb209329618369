"""load_document on files that are not readable reports: always an InputError with the right code."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import docx
import pytest

import reportlint.readers as readers
from reportlint import limits
from reportlint.errors import InputError
from reportlint.model import Document
from reportlint.readers import load_document

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _docx_bytes(text: str = "正文") -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    """A copy of a zip with members replaced (bytes) or dropped (None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    dst.writestr(info.filename, replace[info.filename])
            else:
                dst.writestr(info, src.read(info))
    return out.getvalue()


def _error(path: Path | str) -> InputError:
    with pytest.raises(InputError) as info:
        load_document(str(path))
    return info.value


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_corrupt_zip(tmp_path):
    err = _error(_write(tmp_path, "c.docx", b"PK\x03\x04" + bytes(range(256)) * 4))
    assert (err.code, err.detail) == ("corrupt-zip", "truncated, or the central directory is missing")


def test_truncated_docx(tmp_path):
    data = _docx_bytes()
    err = _error(_write(tmp_path, "t.docx", data[: len(data) // 2]))
    assert err.code == "corrupt-zip"


def test_damaged_member(tmp_path):
    data = bytearray(_docx_bytes("损坏" * 2000))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10 : start + 40] = b"\x00" * 30  # corrupt the deflate stream of the main part
    err = _error(_write(tmp_path, "d.docx", bytes(data)))
    assert err.code == "corrupt-zip"
    assert err.detail.startswith("word/document.xml: ")


def test_encrypted_ole(tmp_path):
    data = OLE_MAGIC + b"\x00" * 1024 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    assert _error(_write(tmp_path, "e.docx", data)).code == "encrypted"
    # directory names compare case-insensitively
    data = OLE_MAGIC + b"\x00" * 600 + "encryptedpackage".encode("utf-16-le")
    assert _error(_write(tmp_path, "e2.docx", data)).code == "encrypted"


def test_legacy_doc_in_docx_clothing(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_SOFFICE", "")  # without LibreOffice (with it: tests/test_legacy_doc.py)
    data = OLE_MAGIC + b"\x00" * 1024 + "WordDocument".encode("utf-16-le") + b"\x00" * 64
    assert _error(_write(tmp_path, "old.docx", data)).code == "legacy-doc"


def test_not_zip(tmp_path):
    assert _error(_write(tmp_path, "n.docx", b"{\\rtf1\\ansi hello}")).code == "not-zip"


def test_empty_file(tmp_path):
    err = _error(_write(tmp_path, "empty.docx", b""))
    assert err.code == "empty"


def test_missing_path(tmp_path):
    err = _error(tmp_path / "nope.docx")
    assert (err.code, err.path) == ("missing", str(tmp_path / "nope.docx"))


def test_directory_is_unreadable(tmp_path):
    (tmp_path / "dir.docx").mkdir()
    err = _error(tmp_path / "dir.docx")
    assert (err.code, err.detail) == ("unreadable", "Is a directory")


def test_unsupported_suffix(tmp_path):
    err = _error(_write(tmp_path, "report.xlsx", b"PK\x03\x04"))
    assert (err.code, err.detail) == ("unsupported", ".xlsx")


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(limits.current, "file_mb", 1 / 1024)  # 1 KB
    err = _error(_write(tmp_path, "big.docx", _docx_bytes("大" * 5000)))
    assert err.code == "too-large"


def test_zip_without_document(tmp_path):
    data = _rezip(_docx_bytes(), {"word/document.xml": None})
    assert _error(_write(tmp_path, "nodoc.docx", data)).code == "no-document"
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("readme.txt", "not a word document")
    assert _error(_write(tmp_path, "plain.docx", plain.getvalue())).code == "no-document"


def test_strict_ooxml(tmp_path):
    strict = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main" w:conformance="strict">'
        b"<w:body><w:p><w:r><w:t>Strict</w:t></w:r></w:p></w:body></w:document>"
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" '
        b'Target="word/document.xml"/></Relationships>'
    )
    data = _rezip(_docx_bytes(), {"word/document.xml": strict, "_rels/.rels": rels})
    assert _error(_write(tmp_path, "strict.docx", data)).code == "strict-ooxml"


def test_bad_xml(tmp_path):
    broken = b'<?xml version="1.0"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\n<w:body><w:p></w:body>'
    data = _rezip(_docx_bytes(), {"word/document.xml": broken})
    err = _error(_write(tmp_path, "bad.docx", data))
    assert err.code == "bad-xml"
    assert err.detail.startswith("line 3: ")


def test_reader_bug_becomes_internal_error(tmp_path, monkeypatch):
    path = _write(tmp_path, "ok.docx", _docx_bytes())

    def boom(path: str, data: bytes, layouts=None) -> Document:
        raise ValueError("x" * 300)

    monkeypatch.setitem(readers.READERS, ".docx", boom)
    err = _error(path)
    assert err.code == "internal"
    assert err.detail.startswith("ValueError: xxx") and len(err.detail) == 120

    def deep(path: str, data: bytes, layouts=None) -> Document:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(readers.READERS, ".docx", deep)
    assert _error(path).code == "internal"


def test_good_file_still_reads(tmp_path):
    doc = load_document(str(_write(tmp_path, "good.DOCX", _docx_bytes("第一段"))))
    assert [p.text for p in doc.paragraphs] == ["第一段"]


def test_render_messages(tmp_path):
    empty = _error(_write(tmp_path, "e.docx", b""))
    assert empty.render("zh") == f"{tmp_path / 'e.docx'}: 错误: 文件为空（0 字节）"
    assert empty.render("en") == f"{tmp_path / 'e.docx'}: error: the file is empty (0 bytes)"
    missing = _error("no/such/报告.docx")
    assert missing.render("zh") == "no/such/报告.docx: 错误: 文件不存在"
    assert missing.render("en") == "no/such/报告.docx: error: no such file or directory"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_named_pipe_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.docx")
    err = _error(tmp_path / "pipe.docx")  # must not block waiting for a writer
    assert (err.code, err.detail) == ("unreadable", "not a regular file")


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    """A member of 20 MB of zeros compresses about 1000:1; the sizes in the central directory give it away."""
    src = io.BytesIO(_docx_bytes("正文"))
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("word/media/zeros.bin", b"\0" * (20 * 1024 * 1024))
    err = _error(_write(tmp_path, "bomb.docx", out.getvalue()))
    assert err.code == "zip-bomb"
    assert re.fullmatch(r".*: error: the ZIP package has word/media/zeros\.bin compressed 10\d\d:1 > 1000:1: a likely "
                        r"zip bomb, skipped \(see --limit\)", err.render("en"))


def test_member_and_total_sizes_are_bounded(tmp_path, monkeypatch):
    path = _write(tmp_path, "r.docx", _docx_bytes("正文" * 1000))
    monkeypatch.setattr(limits.current, "member_mb", 0.001)
    assert _error(path).code == "zip-bomb"
    monkeypatch.setattr(limits.current, "member_mb", 512.0)
    monkeypatch.setattr(limits.current, "unpacked_mb", 0.001)
    assert "in all" in _error(path).render("en")


def test_table_cells_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(limits.current, "table_cells", 10)
    document = docx.Document()
    document.add_table(rows=4, cols=4)
    document.save(str(tmp_path / "t.docx"))
    err = _error(str(tmp_path / "t.docx"))
    assert (err.code, err.render("en").split(": ", 2)[2]) == (
        "too-many-cells", "a table is too large (4 × 4 > 10 cells); skipped (see --limit table_cells=N or document_cells=N)")
    # the width counts spanned columns: two rows of two cells, each merged over three grid columns
    document = docx.Document()
    table = document.add_table(rows=2, cols=6)
    for row in table.rows:
        row.cells[0].merge(row.cells[2])
        row.cells[3].merge(row.cells[5])
    document.save(str(tmp_path / "m.docx"))
    assert _error(str(tmp_path / "m.docx")).render("en").split(": ", 2)[2] == \
        "a table is too large (2 × 6 > 10 cells); skipped (see --limit table_cells=N or document_cells=N)"


def test_time_budget_stops_the_rules_of_one_document(tmp_path, monkeypatch):
    from report_builder import build_report
    from reportlint.api import default_pack, lint_document
    from reportlint.errors import CheckError

    doc = load_document(str(build_report(tmp_path / "r.docx")))
    monkeypatch.setattr(limits.current, "seconds", 1e-9)
    errors: list = []
    lint_document(doc, default_pack(), errors)
    assert [type(e) for e in errors] == [CheckError]
    assert errors[0].render("en") == (
        f"{doc.path}: error: the time budget of 1e-09 s per document was spent before rule required-sections; the "
        "remaining rules did not run (see --limit seconds=N)")


def test_limit_option_is_validated(tmp_path):
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "reportlint", "check", "--limit", "cells=3", str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr == ("reportlint: 错误: --limit cells=3：没有上限 'cells'（是不是 table_cells？）；可调整：file_mb, "
                          "text_mb, unpacked_mb, member_mb, member_ratio, table_cells, document_cells, pdf_pages, "
                          "pdf_page_mb, part_mb, seconds, convert_seconds\n")


def test_word_97_file_named_doc_says_save_as_docx(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_SOFFICE", "")  # without LibreOffice (with it: tests/test_legacy_doc.py)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    err = _error(_write(tmp_path, "old.doc", ole))
    assert (err.code, err.render("en").split(": ", 2)[2]) == (
        "legacy-doc", "this is a Word 97-2003 or WPS document, which is checked after LibreOffice converts it: install "
                      "LibreOffice (soffice on the PATH), or save it as .docx in Word or WPS")
    # a .docx only misnamed .doc is read; a folder walk leaves .doc files alone
    _write(tmp_path, "misnamed.doc", _docx_bytes("正文"))
    assert load_document(str(tmp_path / "misnamed.doc")).paragraphs[0].text == "正文"
    from reportlint.api import collect

    assert list(collect([str(tmp_path)])) == []
