"""``reportlint lsp``: the language server started as an editor starts it (a subprocess speaking JSON-RPC over its
standard input and output), and the exact diagnostics it publishes."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from report_builder import T3_TOTAL_ROW, ReportSpec, build_report
from test_markdown_reader import AGENCY, PERIOD, markdown_report

pytest.importorskip("pygls")

TIMEOUT = 30


class Client:
    """A minimal LSP client: Content-Length framed JSON-RPC, responses and notifications read by a thread."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "reportlint", "lsp", *args], cwd=cwd,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(out.read(length)))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method: str, params: dict | None) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.messages.get(timeout=TIMEOUT)
            if message.get("id") == self.next_id:
                return message

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def diagnostics(self, uri: str) -> list[dict]:
        """The next diagnostics published for ``uri``."""
        while True:
            message = self.messages.get(timeout=TIMEOUT)
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]

    def start(self, root: Path) -> dict:
        answer = self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        return answer["result"]

    def open(self, path: Path, text: str, language: str = "markdown") -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": language,
                                                              "version": 1, "text": text}})

    def stop(self) -> int:
        assert self.request("shutdown", None)["result"] is None
        self.notify("exit", {})
        return self.proc.wait(timeout=TIMEOUT)


@pytest.fixture
def client(tmp_path):
    started = Client(tmp_path)
    yield started
    if started.proc.poll() is None:
        started.proc.kill()


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if needle in line)


def _cell(text: str, line: int, nth: int) -> tuple[int, int]:
    """The characters of the nth cell of a Markdown table line: from its "|" to the next one."""
    bars = [i for i, c in enumerate(text.split("\n")[line]) if c == "|"]
    return bars[nth], bars[nth + 1]


def test_a_wrong_total_is_a_diagnostic_on_its_cell_and_goes_when_fixed(tmp_path, client):
    capabilities = client.start(tmp_path)["capabilities"]
    assert capabilities["textDocumentSync"]["change"] == 1  # full text on each change
    wrong = markdown_report(ReportSpec(agency=AGENCY, period=PERIOD, t3={(T3_TOTAL_ROW, "法律服务机构"): "4"}))
    path = tmp_path / "2023.md"
    path.write_text("unsaved: the buffer is linted, not the file", encoding="utf-8")
    client.open(path, wrong)
    found = client.diagnostics(path.as_uri())

    line = _line_of(wrong, "| （七）总计 |")
    col = "申请人情况 / 法人或其他组织 / 法律服务机构"
    assert len(found) == 1
    first = found[0]
    explanation = first.pop("codeDescription")["href"]
    related = first.pop("relatedInformation")
    assert first == {
        "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": _cell(wrong, line, 0)[1]}},
        "severity": 1, "code": "t3-balance", "source": "reportlint",
        "message": f"表三「三、本年度办理结果 / （七）总计」「{col}」很可能填错：现为 4，它所在的 3 个等式都要求它为 3"
                   f"（t3-balance 列「{col}」，t3-results-total 列「{col}」，t3-row-total 行「三、本年度办理结果 / （七）总计」）",
    }
    column, row = f"表三列「{col}」不平：", "表三行「三、本年度办理结果 / （七）总计」不平："
    assert [(r["location"]["uri"], r["location"]["range"]["start"]["line"], r["message"][:len(want)])
            for r, want in zip(related, (column, column, row), strict=True)] == [
        (path.as_uri(), _line_of(wrong, "| 一、本年新收政府信息公开申请数量 |"), column),
        (path.as_uri(), line, column),
        (path.as_uri(), line, row),
    ]
    explained = Path(explanation.removeprefix("file://")).read_text(encoding="utf-8")
    assert explained.startswith("t3-balance") and "E1" in explained

    right = markdown_report(ReportSpec(agency=AGENCY, period=PERIOD))
    client.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": 2},
                                             "contentChanges": [{"text": right}]})
    assert client.diagnostics(path.as_uri()) == []
    assert client.stop() == 0


def test_changes_in_a_burst_are_linted_once_after_the_pause(tmp_path, client):
    client.start(tmp_path)
    path = tmp_path / "r.md"
    client.open(path, markdown_report(ReportSpec(agency=AGENCY, period=PERIOD)))
    assert client.diagnostics(path.as_uri()) == []
    no_period = markdown_report(ReportSpec(agency=AGENCY, period=None))
    for version in range(2, 7):
        client.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": version},
                                                 "contentChanges": [{"text": no_period}]})
    assert [d["code"] for d in client.diagnostics(path.as_uri())] == ["statistics-period"]
    client.request("shutdown", None)  # everything before it has been answered: nothing more was published
    pending = []
    while not client.messages.empty():
        pending.append(client.messages.get())
    assert [m for m in pending if m.get("method") == "textDocument/publishDiagnostics"] == []


def test_english_and_a_docx_from_disk_with_its_place_in_words(tmp_path):
    path = tmp_path / "r.docx"
    build_report(path, ReportSpec(period=None, contact="联系电话：8928868"))
    client = Client(tmp_path, "--lang", "en")
    try:
        client.start(tmp_path)
        client.open(path, "", language="docx")
        found = client.diagnostics(path.as_uri())
        assert [(d["range"], d["code"], d["message"]) for d in found] == [
            ({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "statistics-period",
             "no statistics period found (e.g. “本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止”)"),
            ({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "contact-info",
             'paragraph 2: phone number "8928868" has no area code (write it as 0537-8928868)'),
        ]
        assert client.stop() == 0
    finally:
        client.proc.kill()


def test_a_file_that_is_not_a_report_gets_nothing_and_a_broken_config_says_so(tmp_path, client):
    client.start(tmp_path)
    notes = tmp_path / "notes.md"
    client.open(notes, "# 会议记录\n\n今天开会。\n")
    assert client.diagnostics(notes.as_uri()) == []

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".reportlint.yaml").write_text("exlude: [x]\n", encoding="utf-8")
    report = tmp_path / "sub" / "r.md"
    client.open(report, markdown_report())
    found = client.diagnostics(report.as_uri())
    assert [(d["range"]["start"], d["severity"], d["message"]) for d in found] == [
        ({"line": 0, "character": 0}, 1,
         f"{tmp_path / 'sub' / '.reportlint.yaml'}:1:1: 配置文件格式不正确：exlude：未知的键 'exlude'（是不是 exclude？）"),
    ]
    client.notify("textDocument/didClose", {"textDocument": {"uri": report.as_uri()}})
    assert client.diagnostics(report.as_uri()) == []


def test_without_pygls_one_line_says_how_to_get_it(tmp_path):
    code = "import sys; sys.modules['pygls'] = None; from reportlint.cli import main; sys.exit(main(['lsp', '--lang', 'en']))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=TIMEOUT)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        2, "", "reportlint: error: the language server needs pygls: pip install 'reportlint[lsp]'\n")
