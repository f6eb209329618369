"""``reportlint lsp``: a language server over standard input and output (pygls, the ``lsp`` extra), so an editor shows
the findings of a report as it is written.

* Markdown, HTML and text (``LIVE_SUFFIXES``) are linted from the editor's buffer when opened and, after a pause in
  typing (``DEBOUNCE`` seconds), when changed; .docx and .pdf from disk, when opened and saved.
* A finding is a diagnostic: its line and column (to the end of the table cell or the line), severity, ``code`` =
  the rule id, ``codeDescription`` = a file holding the rule's ``explain`` text in the server's language, the
  equations' other cells as ``relatedInformation``. A file that cannot be read, or whose configuration is broken, is
  one diagnostic on the first line saying so; a file that is not an annual report gets none.
* The configuration is discovered as on the command line, from the file's own path (``--config`` and ``--rules``
  given to ``reportlint lsp`` apply to every file); it is read again for every lint, so edits to
  ``.reportlint.yaml`` take effect at once.

The server keeps no state about documents but the editor's buffers (pygls's workspace) and one pending lint per
document; each lint is a run of its own, as ``reportlint check`` of that one file."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from .errors import ReportlintError
from .findings import Finding, Location
from .i18n import tr
from .output.report import RuleInfo

LIVE_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".txt")  # linted from the buffer as it changes
SAVED_SUFFIXES = (".docx", ".pdf")  # linted from disk, on open and save
DEBOUNCE = 0.3  # seconds without a change before a buffer is linted again
_SEVERITIES = {"error": 1, "warning": 2, "info": 3}  # lsprotocol's DiagnosticSeverity values


def path_of(uri: str) -> str | None:
    """The local path of a ``file:`` URI (None for any other scheme)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return unquote(parsed.path)


def lint(path: str, text: str | None, lang: str, config: str | None = None, rules: str | None = None) -> list[dict]:
    """The diagnostics (LSP's JSON shape) for the file at ``path``: of ``text`` when the editor gives it (a buffer
    not yet saved), else of the file on disk."""
    from .api import resolver
    from .batch import lint_paths

    try:
        resolve = resolver(config, rules)
    except ReportlintError as exc:
        return [_whole_file(exc.render(lang))]
    stdin = (path, text.encode("utf-8")) if text is not None else None
    report = lint_paths(["-" if stdin else path], lang=lang, resolver=resolve, stdin=stdin, keep_tables=False)
    lines = text.splitlines() if text is not None else None
    out = [_whole_file(error.render(lang)) for error in report.errors]
    for finding in report.findings:
        info = report.rule(finding.rule)
        out.append(diagnostic(finding, lines, lang, path, explained(info, lang) if info is not None else None))
    return out


def _whole_file(message: str) -> dict:
    return {"range": _range(0, 0, 0, 1), "severity": 1, "source": "reportlint", "message": message}


def diagnostic(finding: Finding, lines: list[str] | None, lang: str, path: str, explanation: str | None) -> dict:
    """One finding as an LSP diagnostic (``explanation``: the URI of its rule's explain text)."""
    out: dict[str, Any] = {
        "range": _span(finding.location, lines),
        "severity": _SEVERITIES.get(finding.severity, 3),
        "code": finding.rule,
        "source": "reportlint",
        "message": finding.text(lang) if finding.location.line else f"{_place(finding.location, lang)}{finding.text(lang)}",
    }
    uri = Path(path).absolute().as_uri()  # the equations' other cells are in the same file
    related = [{"location": {"uri": uri, "range": _span(r.location, lines)}, "message": r.text(lang)}
               for r in finding.related]
    if related:
        out["relatedInformation"] = related
    if explanation:
        out["codeDescription"] = {"href": explanation}
    return out


def _place(location: Location, lang: str) -> str:
    """For a file without lines (.docx, .pdf): the place in words before the message, as ``check`` shows it."""
    if all(v is None for v in (location.section, location.paragraph, location.table, location.page)):
        return ""  # the whole document: the diagnostic's first line says no more
    return tr(lang, "{place}: ", place=location.render(lang))


def _span(location: Location, lines: list[str] | None) -> dict:
    """From the finding's line and column to the end of its table cell (the next "|") or of its line; the first
    line of the file where a finding has no line."""
    if not location.line:
        return _range(0, 0, 0, 1)
    line, start = location.line - 1, (location.column or 1) - 1
    text = lines[line] if lines is not None and line < len(lines) else ""
    end = text.find("|", start + 1)
    return _range(line, start, line, end if end > start else max(len(text), start + 1))


def _range(line: int, start: int, end_line: int, end: int) -> dict:
    return {"start": {"line": line, "character": start}, "end": {"line": end_line, "character": end}}


def explained(info: RuleInfo, lang: str) -> str:
    """A ``file:`` URI of the rule's ``explain`` text (as its pack gives it), written into a private folder of the
    server's the first time it is asked for."""
    from .output.explain import render_rule

    text = render_rule(info, lang)
    name = f"{info.id}.{lang}.{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}.txt"  # a pack may change it
    target = _explained() / name
    if not target.exists():
        target.write_text(text, encoding="utf-8")
    return target.as_uri()


@functools.lru_cache(maxsize=1)
def _explained() -> Path:
    return Path(tempfile.mkdtemp(prefix="reportlint-explain-"))


def serve(lang: str, config: str | None = None, rules: str | None = None) -> int:
    """Run the server on standard input and output until the editor says ``exit``."""
    try:
        from lsprotocol import types
        from pygls.lsp.server import LanguageServer
    except ImportError:
        import sys

        sys.stderr.write(tr(lang, "reportlint: error: the language server needs pygls: pip install 'reportlint[lsp]'")
                         + "\n")
        return 2
    from . import __version__

    server = LanguageServer("reportlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    pending: dict[str, asyncio.Task] = {}

    def publish(uri: str, text: str | None) -> None:
        path = path_of(uri)
        if path is None:
            return
        found = lint(path, text, lang, config, rules)
        diagnostics = [types.Diagnostic(**_converted(d, types)) for d in found]
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))

    def buffer(uri: str) -> str:
        return server.workspace.get_text_document(uri).source

    _register(server, types, publish, buffer, pending)
    server.start_io()
    return 0


def _register(server: Any, types: Any, publish: Callable[[str, str | None], None], buffer: Callable[[str], str],
              pending: dict[str, asyncio.Task]) -> None:
    """The handlers: open, change (debounced), save, close."""

    def live(uri: str) -> bool:
        return uri.lower().endswith(LIVE_SUFFIXES)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Any, params: Any) -> None:
        uri = params.text_document.uri
        if live(uri):
            publish(uri, buffer(uri))
        elif uri.lower().endswith(SAVED_SUFFIXES):
            publish(uri, None)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: Any, params: Any) -> None:
        uri = params.text_document.uri
        if not live(uri):
            return
        if uri in pending:
            pending[uri].cancel()

        async def later() -> None:
            await asyncio.sleep(DEBOUNCE)
            pending.pop(uri, None)
            publish(uri, buffer(uri))
        pending[uri] = asyncio.ensure_future(later())

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Any, params: Any) -> None:
        uri = params.text_document.uri
        if uri.lower().endswith(SAVED_SUFFIXES):
            publish(uri, None)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Any, params: Any) -> None:
        uri = params.text_document.uri
        if uri in pending:
            pending.pop(uri).cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def _converted(d: dict, types: Any) -> dict:
    """A diagnostic of :func:`diagnostic` as lsprotocol's typed values."""

    def rng(r: dict) -> Any:
        return types.Range(start=types.Position(**r["start"]), end=types.Position(**r["end"]))

    out = {"range": rng(d["range"]), "severity": types.DiagnosticSeverity(d["severity"]), "source": d["source"],
           "message": d["message"]}
    if "code" in d:
        out["code"] = d["code"]
        out["code_description"] = types.CodeDescription(href=d["codeDescription"]["href"])
    if "relatedInformation" in d:
        out["related_information"] = [
            types.DiagnosticRelatedInformation(location=types.Location(uri=r["location"]["uri"],
                                                                       range=rng(r["location"]["range"])),
                                               message=r["message"]) for r in d["relatedInformation"]]
    return out
