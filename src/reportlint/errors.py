"""Errors users see as one line: bad input files and bad configuration. Never a traceback."""

from __future__ import annotations

# code -> (Chinese, English). ``{detail}`` is filled from the error.
INPUT_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("文件不存在", "no such file or directory"),
    "unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "empty": ("文件为空（0 字节）", "the file is empty (0 bytes)"),
    "encrypted": (
        "文件已加密（受密码保护），请取消密码后另存为 .docx 再检查",
        "the file is encrypted (password protected); remove the password and save it as .docx again",
    ),
    "legacy-doc": (
        "这是旧版 Word 97-2003 文档（.doc 格式），无法直接检查；请在 Word 中“另存为” .docx",
        "this is a Word 97-2003 document (.doc format), which cannot be checked; use Save As .docx in Word",
    ),
    "not-zip": (
        "不是有效的 .docx 文件（不是 ZIP 包，文件可能已损坏或被截断）",
        "not a valid .docx file (not a ZIP package; the file may be corrupt or truncated)",
    ),
    "corrupt-zip": (
        "文件已损坏：ZIP 包无法解压（可能被截断或不完整）",
        "the file is corrupt: the ZIP package cannot be read ({detail})",
    ),
    "no-document": (
        "不是 Word 文档：包内没有 word/document.xml",
        "not a Word document: the package has no word/document.xml",
    ),
    "strict-ooxml": (
        "文件为 Strict Open XML 格式，暂不支持；请在 Word 中另存为普通“Word 文档 (*.docx)”",
        "the file uses Strict Open XML, which is not supported; save it as a standard Word document (*.docx)",
    ),
    "bad-xml": ("文档内容 XML 损坏：{detail}", "the document XML is damaged: {detail}"),
    "unsupported": ("不支持的文件类型：{detail}", "unsupported file type: {detail}"),
    "decode": ("无法识别文本编码：{detail}", "cannot decode the text: {detail}"),
    "too-deep": (
        "HTML 元素嵌套超过 {detail} 层，无法完整读取",
        "the HTML nests elements more than {detail} levels deep and cannot be read completely",
    ),
    "too-large": ("文件过大（{detail}），已跳过；可用 --limit 调整上限", "the file is too large ({detail}); skipped (see --limit)"),
    "zip-bomb": (
        "ZIP 包中的 {detail}，疑似压缩炸弹，已跳过；可用 --limit 调整上限",
        "the ZIP package has {detail}: a likely zip bomb, skipped (see --limit)",
    ),
    "too-many-cells": ("表格过大（{detail}），已跳过；可用 --limit table_cells=N 或 document_cells=N 调整上限",
                       "a table is too large ({detail}); skipped (see --limit table_cells=N or document_cells=N)"),
    "too-slow": ("读取和检查超过了单个文档 {detail} 的时间上限，已停止；可用 --limit seconds=N 调整",
                 "reading and checking took longer than the {detail} a document may take; stopped (see --limit "
                 "seconds=N)"),
    "pdf-extra": (
        "读取 PDF 需要安装可选组件：pip install 'reportlint[pdf]'",
        "reading PDF needs the optional extra: pip install 'reportlint[pdf]'",
    ),
    "bad-pdf": (
        "不是有效的 PDF 文件（文件可能已损坏或被截断）：{detail}",
        "not a valid PDF file (the file may be corrupt or truncated): {detail}",
    ),
    "pdf-no-text": (
        "PDF 中没有可提取的文字（可能是扫描件，或字体缺少字符映射），无法检查；请使用带文字层的 PDF 或原始文档",
        "the PDF has no extractable text (a scan, or fonts without a character map); use a PDF with a text layer"
        " or the source document",
    ),
    "encrypted-pdf": (
        "PDF 文件已加密（受密码保护），请取消密码后再检查",
        "the PDF is encrypted (password protected); remove the password and check it again",
    ),
    "internal": ("读取失败：{detail}", "failed to read the file: {detail}"),
    "worker-died": (
        "检查这批文件的工作进程意外退出（可能是内存不足或程序库崩溃），此文件未检查；请用 -j 1 重新检查",
        "a worker process stopped unexpectedly (out of memory, or a library crashed) before this file was checked; "
        "check it again with -j 1",
    ),
}


class ReportlintError(Exception):
    """Base class: anything that ends in a one-line message and exit code 2."""

    kind = "error"  # what json output calls it: "input", "config" or "rule"

    def render(self, lang: str = "zh") -> str:  # pragma: no cover - overridden
        return str(self)

    def to_dict(self, lang: str = "zh") -> dict[str, object]:
        """The error as a record of machine-readable output (``--format json``)."""
        out: dict[str, object] = {"kind": self.kind, "path": getattr(self, "path", "")}
        for key in ("code", "rule", "line", "column"):
            value = getattr(self, key, None)
            if value is not None:
                out[key] = value
        out["message"] = self.render(lang)
        return out


class InputError(ReportlintError):
    """A report file that cannot be read."""

    kind = "input"

    def __init__(self, path: str, code: str, detail: str = "") -> None:
        super().__init__(f"{path}: {code} {detail}")
        self.path = path
        self.code = code
        self.detail = detail

    def __reduce__(self):  # pickled back from a worker process (-j)
        return (type(self), (self.path, self.code, self.detail))

    def message(self, lang: str = "zh") -> str:
        """What is wrong with the file, without its name."""
        zh, en = INPUT_MESSAGES.get(self.code, INPUT_MESSAGES["internal"])
        return (en if lang == "en" else zh).format(detail=self.detail)

    def render(self, lang: str = "zh") -> str:
        label = "error" if lang == "en" else "错误"
        return f"{self.path}: {label}: {self.message(lang)}"


class ConfigError(ReportlintError):
    """A rule pack or configuration problem, located as file:line:col."""

    kind = "config"

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None,
                 message_en: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.message_en = message_en or message
        self.line = line
        self.column = column

    def __reduce__(self):
        return (type(self), (self.path, self.message, self.line, self.column, self.message_en))

    def render(self, lang: str = "zh") -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message_en if lang == 'en' else self.message}"


class CheckError(ReportlintError):
    """A rule that failed on a document (a bug in reportlint): reported in one line, exit 2."""

    kind = "rule"

    def __init__(self, path: str, rule: str, detail: str, timeout: bool = False, budget: float | None = None) -> None:
        super().__init__(f"{path}: {rule}: {detail}")
        self.path = path
        self.rule = rule
        self.detail = detail[:200]
        self.timeout = timeout  # a user regex of the rule ran past its time limit: the pack's problem, not a bug
        self.budget = budget  # the document's time budget (seconds) was spent before this rule

    def __reduce__(self):
        return (type(self), (self.path, self.rule, self.detail, self.timeout, self.budget))

    def render(self, lang: str = "zh") -> str:
        if self.budget is not None:
            if lang == "en":
                return (f"{self.path}: error: the time budget of {self.budget:g} s per document was spent before rule "
                        f"{self.rule}; the remaining rules did not run (see --limit seconds=N)")
            return (f"{self.path}: 错误: 单个文档 {self.budget:g} 秒的检查时间已用完，规则 {self.rule} 及其后的规则未运行"
                    "（可用 --limit seconds=N 调整）")
        if self.timeout:
            if lang == "en":
                return (f"{self.path}: error: rule {self.rule}: the regular expression {self.detail} timed out; "
                        "simplify the pattern")
            return f"{self.path}: 错误: 规则 {self.rule} 的正则表达式 {self.detail} 运行超时，请简化该表达式"
        if lang == "en":
            return f"{self.path}: error: rule {self.rule} failed internally ({self.detail}); please report this bug"
        return f"{self.path}: 错误: 规则 {self.rule} 内部出错（{self.detail}），请报告此问题"


class UsageError(ReportlintError):
    """A run that cannot start as asked (options that exclude each other, an output that would overwrite an input):
    one line, exit 2, nothing checked."""

    kind = "usage"

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en

    def render(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh
