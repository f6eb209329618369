"""The command line's arguments: the parser of every command and option, its help in Chinese or English, and
what the options say once parsed (the language, the rules selected). :mod:`.cli` runs the commands."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from .completion import SHELLS, rule_ids
from .i18n import Say, catalogue, tr
from .output import NAMES
from .suggest import did_you_mean

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@contextmanager
def _argparse_in(lang: str) -> Iterator[None]:
    """argparse's own words (usage, section titles, its errors) in ``lang`` while the block runs."""
    if lang != "zh":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    words = catalogue(lang)  # argparse's message ids are in the catalogue too
    argparse._ = words.gettext  # type: ignore[attr-defined]
    argparse.ngettext = words.ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """One line for a usage error (exit 2), with the closest choice for a mistyped one; argparse's own words in the
    parser's language."""

    lang = "zh"  # set by build_parser for every parser it makes

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        with _argparse_in(self.lang):
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with _argparse_in(self.lang):
            return super().format_usage()

    def format_help(self) -> str:
        with _argparse_in(self.lang):
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        say = Say(self.lang)
        m = re.search(r"(?:invalid choice: |无效的值 )'([^']*)'.*?(?:choose from |可选：)(.*?)[)）]", message)
        if m and (close := did_you_mean(m.group(1), [c.strip(" '") for c in m.group(2).split(",")])):
            message += say("; did you mean {close}?", close=close)
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, say("{prog}: error: {message}", prog=self.prog, message=message) + "\n")


FORMATS = NAMES  # the output registry's (reportlint.output)


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The argument parser, its help in Chinese or English."""
    with _argparse_in(lang):  # the titles and the help of --help are made with the parser
        t = Say(lang)
        _Parser.lang = lang
        parser = _Parser(prog="reportlint", description=t("compliance linter for government information disclosure annual reports (“政府信息公开工作年度报告”)"))
        parser.add_argument("--version", action=_Version, nargs=0,
                            help=t("show the version and the shipped packs' versions, then exit"))
        sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
        _add_check(sub, t)
        _add_annotate(sub, t)
        _add_dump(sub, t)
        _add_info(sub, t)
        _add_config(sub, t)
        _add_completion(sub, t)
        _add_lsp(sub, t)
        return parser


class _Version(argparse.Action):
    """``--version``: reportlint's version (the package metadata) and each shipped pack's own."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from . import __version__
        from .pack.layers import shipped_names
        from .pack.yamlio import top_level_scalar

        lines = [f"reportlint {__version__}"]
        for name, path in sorted(shipped_names().items()):
            try:
                version = top_level_scalar(path, "version") or "-"
            except Exception:  # noqa: BLE001 - a shipped pack that cannot be read: said, not raised
                version = "?"
            lines.append(f"  {name} {version}")
        write(sys.stdout, "\n".join(lines) + "\n")
        parser.exit()


def _config_option(t: Say, p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE",
                   help=t("use this configuration (default: .reportlint.yaml found upwards from each file)"))


def _selection_options(t: Say, p: argparse.ArgumentParser) -> None:
    ids = t("rule ids or prefixes, comma-separated, repeatable")
    options = [
        p.add_argument("--select", action="append", metavar="RULES",
                       help=t("check only these rules ({ids}; t3 means every t3-… rule)", ids=ids)),
        p.add_argument("--extend-select", action="append", default=[], metavar="RULES",
                       help=t("check these rules too, on top of --select ({ids})", ids=ids)),
        p.add_argument("--ignore", action="append", default=[], metavar="RULES",
                       help=t("do not check these rules ({ids})", ids=ids)),
        p.add_argument("--extend-ignore", action="append", default=[], metavar="RULES",
                       help=t("do not check these rules either ({ids})", ids=ids)),
    ]
    for option in options:
        option.completer = rule_ids  # type: ignore[attr-defined]


def selection_of(args: argparse.Namespace):
    from .selection import Selection, parse_list

    return Selection.from_options(parse_list(args.select), parse_list(args.extend_select) or (),
                                  parse_list(args.ignore) or (), parse_list(args.extend_ignore) or ())


def _lang_option(t: Say, p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["zh", "en"], default=None,
                   help=t("language of the output (default: $REPORTLINT_LANG, else the locale, else zh)"))


def _run_options(t: Say, p: argparse.ArgumentParser) -> None:
    """What a run that checks reports is told, by ``check`` and ``annotate`` alike."""
    _lang_option(t, p)
    p.add_argument("--rules", metavar="PACK",
                   help=t("use this rule pack (a file, or a shipped pack's name such as shandong; instead of the one the configuration chooses)"))
    _config_option(t, p)
    _selection_options(t, p)
    p.add_argument("--no-respect-gitignore", dest="respect_gitignore", action="store_false",
                   help=t("when walking folders, check the files .gitignore, .ignore and .git/info/exclude ignore too"))
    p.add_argument("--exit-zero", action="store_true",
                   help=t("exit 0 even when there are findings (still 2 on input or configuration errors)"))
    p.add_argument("--fail-on", choices=["error", "warning"], default="error",
                   help=t("lowest severity that makes the exit code 1 (default error)"))
    p.add_argument("--limit", metavar="NAME=VALUE", action="append", default=[],
                   help=t("change a bound: file_mb, text_mb, unpacked_mb, member_mb, member_ratio, table_cells, document_cells, pdf_pages, pdf_page_mb, part_mb, seconds; repeatable"))
    p.add_argument("--history", metavar="DIR", action="append", default=[],
                   help=t("where earlier reports live (read, not checked), for the rules across years; repeatable"))
    p.add_argument("--no-history", dest="auto_history", action="store_false",
                   help=t("do not look for last year's report in the repository or where the configuration's history: says (--history still applies)"))
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help=t("lint files in N processes (default 1; 0: one per core); the output is the same as with -j 1"))
    p.add_argument("--verbose", "-v", action="store_true",
                   help=t("say on standard error why each skipped file is not taken for a report"))


def _add_check(sub, t: Say) -> None:
    check = sub.add_parser("check", help=t("lint report files or directories"))
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help=t("files or directories (default .); - for standard input"))
    check.add_argument("--stdin-filename", metavar="NAME",
                       help=t("the name of what standard input holds: its suffix picks the reader, and the configuration and per-file ignores follow it (given alone, standard input is read)"))
    check.add_argument("--format", choices=FORMATS, default="text", help=t("output format (default text)"))
    check.add_argument("--output", "-o", metavar="FILE",
                       help=t("write the output to FILE instead of standard output"))
    _run_options(t, check)
    check.add_argument("--statistics", action="store_true",
                       help=t("print the number of findings per rule"))
    check.add_argument("--baseline", metavar="FILE",
                       help=t("hide the findings recorded in this baseline file"))
    check.add_argument("--write-baseline", metavar="FILE",
                       help=t("record the current findings in this baseline file"))
    _fix_options(check, fix=t("also write a copy of each report with its safe fixes made (tracked changes in Word): the file -o names for one report, else NAME.reportlint.EXT beside each; the output goes to standard output"),
                 diff=t("print what --fix would change, and write no copy"), quiet=t("print findings only (no summary)"))


def _add_annotate(sub, t: Say) -> None:
    annotate = sub.add_parser("annotate", help=t("write a copy of each report with its findings as comments (Word comments in .docx, comment lines in Markdown and HTML)"))
    annotate.add_argument("paths", nargs="*", metavar="PATH", help=t("files or directories (default .)"))
    annotate.add_argument("--output", "-o", metavar="PATH",
                          help=t("the copy of a single report, or the folder the copies go to (default: NAME.reportlint.EXT beside each report)"))
    _run_options(t, annotate)
    _fix_options(annotate, fix=t("make the safe fixes too (export artefacts removed, spaces out of e-mail addresses, full-width digits made half-width, headings worded as the official titles), each a tracked change in Word"),
                 diff=t("with --fix: print what the fixes would change, and write no copy"),
                 quiet=t("print the copies written only (no summary)"))


def _fix_options(p, fix: str, diff: str, quiet: str) -> None:
    """--fix, --diff and --quiet, which check and annotate take with their own words."""
    p.add_argument("--fix", action="store_true", help=fix)
    p.add_argument("--diff", action="store_true", help=diff)
    p.add_argument("--quiet", "-q", action="store_true", help=quiet)


def _add_dump(sub, t: Say) -> None:
    dump = sub.add_parser("dump", help=t("show what the linter sees in a report: section tree and labelled tables"))
    dump.add_argument("paths", nargs="+", metavar="FILE", help=t("report files"))
    dump.add_argument("--format", choices=["text", "json"], default="text",
                      help=t("output format (default text)"))
    _lang_option(t, dump)
    dump.add_argument("--rules", metavar="PACK.yaml", help=t("identify tables with this rule pack"))
    _config_option(t, dump)



def _add_info(sub, t: Say) -> None:
    explain = sub.add_parser("explain", help=t("show a rule's documentation"))
    explain.add_argument("rule", metavar="RULE-ID").completer = rule_ids  # type: ignore[attr-defined]
    _lang_option(t, explain)
    explain.add_argument("--rules", metavar="PACK.yaml", help=t("explain a rule of this pack"))
    _config_option(t, explain)

    rules = sub.add_parser("rules", help=t("list every rule with its pack, kind, severity and whether it is enabled"))
    _lang_option(t, rules)
    rules.add_argument("--rules", metavar="PACK.yaml", help=t("list the rules of this pack"))
    rules.add_argument("--format", choices=["text", "json"], default="text",
                       help=t("output format (default text)"))
    _config_option(t, rules)



def _add_completion(sub, t: Say) -> None:
    completion = sub.add_parser("completion", help=t("print the shell completion script (bash, zsh or fish)"))
    completion.add_argument("shell", choices=SHELLS, help=t("which shell"))


def _add_lsp(sub, t: Say) -> None:
    lsp = sub.add_parser("lsp", help=t("run the language server (LSP over standard input and output) for editors"))
    _lang_option(t, lsp)
    lsp.add_argument("--rules", metavar="PACK.yaml", help=t("use this pack for every file"))
    _config_option(t, lsp)


def _add_config(sub, t: Say) -> None:
    config = sub.add_parser("config", help=t("inspect the configuration"))
    config_sub = config.add_subparsers(dest="config_command", metavar="ACTION", parser_class=_Parser, required=True)
    show = config_sub.add_parser("show", help=t("show the effective rules for a path and, for every setting, the file and line of the layer that set it"))
    show.add_argument("path", nargs="?", default=".", metavar="PATH", help=t("file or folder (default .)"))
    show.add_argument("--format", choices=["text", "json"], default="text",
                      help=t("output format (default text)"))
    show.add_argument("--rules", metavar="PACK.yaml", help=t("use this rule pack"))
    _selection_options(t, show)
    _config_option(t, show)
    _lang_option(t, show)


LANGS = ("zh", "en")
_warned: set[str] = set()  # the unknown languages already warned about in this process


def argv_lang(argv: list[str]) -> str:
    """The language asked for, read before parsing so that --help itself is in that language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return environment_lang()


def lang_of(args: argparse.Namespace) -> str:
    return args.lang or environment_lang()


def environment_lang() -> str:
    """Without --lang: ``REPORTLINT_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else Chinese.
    ``REPORTLINT_LANG`` naming a language reportlint does not speak is a warning (once), and Chinese."""
    asked = os.environ.get("REPORTLINT_LANG", "").strip()
    if asked:
        code = _code(asked)
        if code in LANGS:
            return code
        if asked not in _warned:
            _warned.add(asked)
            write(sys.stderr, tr("zh", "reportlint: warning: REPORTLINT_LANG={asked}: a language reportlint does not speak; Chinese it is (zh, en)",
                                 asked=asked) + "\n")
        return "zh"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip()
        if value:
            code = _code(value)
            return code if code in LANGS else "zh"  # C, POSIX and other languages: the default
    return "zh"


def _code(value: str) -> str:
    """"en_US.UTF-8" → "en", "zh-Hans" → "zh"."""
    return re.split(r"[_.@-]", value.lower(), maxsplit=1)[0]


def write(stream, text: str) -> None:
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:  # `reportlint check | head`
        os._exit(EXIT_OK)
