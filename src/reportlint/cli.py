"""Command line: arguments → api calls → output and exit code.

Exit codes: 0 no error findings, 1 findings of severity error, 2 usage, configuration or input errors.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .errors import ReportlintError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: one line, exit 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reportlint", description="政府信息公开工作年度报告合规检查 (compliance linter for annual reports)")
    parser.add_argument("--version", action="version", version=f"reportlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = sub.add_parser("check", help="lint report files or directories")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or directories (default .)")
    check.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    check.add_argument("--lang", choices=["zh", "en"], default=None, help="message language (default zh)")
    check.add_argument("--rules", metavar="PACK.yaml", help="use this rule pack instead of the national pack")
    dump = sub.add_parser("dump", help="show what the linter sees in a report: section tree and labelled tables")
    dump.add_argument("paths", nargs="+", metavar="FILE", help="report files")
    dump.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    dump.add_argument("--lang", choices=["zh", "en"], default=None, help="language of the text output (default zh)")
    dump.add_argument("--rules", metavar="PACK.yaml", help="identify tables with this rule pack")
    return parser


def _lang(args: argparse.Namespace) -> str:
    if args.lang:
        return args.lang
    return "en" if os.environ.get("REPORTLINT_LANG", "").lower().startswith("en") else "zh"


def _write(stream, text: str) -> None:
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:  # `reportlint check | head`
        os._exit(EXIT_OK)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        return _dump(args) if args.command == "dump" else _check(args)
    except KeyboardInterrupt:
        return 130


def _check(args: argparse.Namespace) -> int:
    from .api import lint_paths
    from .output import FORMATTERS
    from .pack import builtin_pack_path, load_pack

    lang = _lang(args)
    try:
        pack = load_pack(args.rules or builtin_pack_path())
    except ReportlintError as exc:
        _write(sys.stderr, exc.render(lang) + "\n")
        return EXIT_ERROR
    result = lint_paths(args.paths, pack)
    _write(sys.stdout, FORMATTERS[args.format](result.findings, lang))
    for error in result.errors:
        _write(sys.stderr, error.render(lang) + "\n")
    if result.errors:
        return EXIT_ERROR
    if any(f.severity == "error" for f in result.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def _dump(args: argparse.Namespace) -> int:
    import json

    from .checks.base import Labels, locate_tables
    from .errors import InputError
    from .output import dump
    from .pack import builtin_pack_path, load_pack
    from .readers import load_document

    lang = _lang(args)
    try:
        pack = load_pack(args.rules or builtin_pack_path())
    except ReportlintError as exc:
        _write(sys.stderr, exc.render(lang) + "\n")
        return EXIT_ERROR
    status = EXIT_OK
    dumped = []
    for path in args.paths:
        try:
            doc = load_document(path)
        except InputError as exc:
            _write(sys.stderr, exc.render(lang) + "\n")
            status = EXIT_ERROR
            continue
        identified = {}
        for tid, table in locate_tables(doc, pack, Labels(pack.aliases)).items():
            if table is not None:
                tdef = pack.tables[tid]
                identified[table.index] = (tid, tdef.name_en if lang == "en" else tdef.name)
        if args.format == "json":
            dumped.append(dump.to_dict(doc, identified))
        else:
            _write(sys.stdout, ("\n" if dumped else "") + dump.render_text(doc, identified, lang))
            dumped.append(None)
    if args.format == "json":
        # One document: its object; several: an array, so the output is always one JSON value.
        value = dumped[0] if len(args.paths) == 1 and dumped else dumped
        _write(sys.stdout, json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
