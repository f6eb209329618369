"""Errors users see as one line: bad input files and bad configuration. Never a traceback."""

from __future__ import annotations

# code -> the message (its English text, the catalogue's message id: reportlint.i18n). ``{detail}`` is filled from the
# error.
INPUT_MESSAGES: dict[str, str] = {
    "missing": "no such file or directory",
    "unreadable": "cannot read the file: {detail}",
    "empty": "the file is empty (0 bytes)",
    "encrypted": "the file is encrypted (password protected); remove the password and save it as .docx again",
    "legacy-doc": "this is a Word 97-2003 or WPS document, which is checked after LibreOffice converts it: install LibreOffice (soffice on the PATH), or save it as .docx in Word or WPS",
    "convert-failed": "LibreOffice could not convert the file to .docx ({detail}); it may be damaged or password protected: open it in Word or WPS, remove any password and save it as .docx",
    "annotate-failed": "cannot write an annotated copy ({detail})",
    "ofd": "OFD files are not read yet; save the report as PDF or Word from an OFD reader (or use the original .docx) and check that",
    "convert-slow": "LibreOffice took longer than {detail} s to convert the file; stopped (see --limit convert_seconds=N)",
    "not-zip": "not a valid .docx file (not a ZIP package; the file may be corrupt or truncated)",
    "corrupt-zip": "the file is corrupt: the ZIP package cannot be read ({detail})",
    "no-document": "not a Word document: the package has no word/document.xml",
    "strict-ooxml": "the file uses Strict Open XML, which is not supported; save it as a standard Word document (*.docx)",
    "bad-xml": "the document XML is damaged: {detail}",
    "unsupported": "unsupported file type: {detail}",
    "decode": "cannot decode the text: {detail}",
    "too-deep": "the HTML nests elements more than {detail} levels deep and cannot be read completely",
    "too-large": "the file is too large ({detail}); skipped (see --limit)",
    "zip-bomb": "the ZIP package has {detail}: a likely zip bomb, skipped (see --limit)",
    "too-many-cells": "a table is too large ({detail}); skipped (see --limit table_cells=N or document_cells=N)",
    "too-slow": "reading and checking took longer than the {detail} a document may take; stopped (see --limit seconds=N)",
    "pdf-extra": "reading PDF needs the optional extra: pip install 'reportlint[pdf]'",
    "bad-pdf": "not a valid PDF file (the file may be corrupt or truncated): {detail}",
    "pdf-no-text": "the PDF has no extractable text (a scan, or fonts without a character map); use a PDF with a text layer or the source document",
    "encrypted-pdf": "the PDF is encrypted (password protected); remove the password and check it again",
    "internal": "failed to read the file: {detail}",
    "worker-died": "a worker process stopped unexpectedly (out of memory, or a library crashed) before this file was checked; check it again with -j 1",
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
        from .i18n import tr

        return tr(lang, INPUT_MESSAGES.get(self.code, INPUT_MESSAGES["internal"]), detail=self.detail)

    def render(self, lang: str = "zh") -> str:
        from .i18n import tr

        return tr(lang, "{path}: error: {message}", path=self.path, message=self.message(lang))


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

    @classmethod
    def said(cls, path: str, message: str, line: int | None = None, column: int | None = None, /,
             **values: object) -> ConfigError:
        """The error whose text is ``message`` of the catalogue (its English; :mod:`reportlint.i18n`), ``values``
        filled in, in both languages."""
        from .i18n import both

        text = both(message, **values)
        return cls(path, text.zh, line, column, message_en=text.en)

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
        from .i18n import tr

        values = {"path": self.path, "rule": self.rule, "detail": self.detail}
        if self.budget is not None:
            return tr(lang, "{path}: error: the time budget of {budget} s per document was spent before rule {rule}; the remaining rules did not run (see --limit seconds=N)",
                      budget=f"{self.budget:g}", **values)
        if self.timeout:
            return tr(lang, "{path}: error: rule {rule}: the regular expression {detail} timed out; simplify the pattern",
                      **values)
        return tr(lang, "{path}: error: rule {rule} failed internally ({detail}); please report this bug",
                  **values)


class UsageError(ReportlintError):
    """A run that cannot start as asked (options that exclude each other, an output that would overwrite an input):
    one line, exit 2, nothing checked."""

    kind = "usage"

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en

    @classmethod
    def said(cls, message: str, /, **values: object) -> UsageError:
        """The error whose text is ``message`` of the catalogue, ``values`` filled in, in both languages."""
        from .i18n import both

        text = both(message, **values)
        return cls(text.zh, text.en)

    def render(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh
