"""Command line: arguments → api calls → output and exit code.

Exit codes: 0 no error findings, 1 findings of severity error, 2 usage, configuration or input errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable

from . import __version__
from .errors import ReportlintError
from .output import NAMES

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: one line, exit 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


FORMATS = NAMES  # the output registry's (reportlint.output)


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The argument parser, its help in Chinese or English."""
    t = _Say(lang)
    parser = _Parser(prog="reportlint", description=t("政府信息公开工作年度报告合规检查",
                                                      "compliance linter for government information disclosure "
                                                      "annual reports (政府信息公开工作年度报告)"))
    parser.add_argument("--version", action="version", version=f"reportlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _add_check(sub, t)
    _add_dump(sub, t)
    _add_info(sub, t)
    _add_config(sub, t)
    return parser


class _Say:
    """``t(zh, en)``: the text in the parser's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh


def _config_option(t: _Say, p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE",
                   help=t("使用此配置文件（默认：从每个文件所在目录向上查找 .reportlint.yaml）",
                          "use this configuration (default: .reportlint.yaml found upwards from each file)"))


def _selection_options(t: _Say, p: argparse.ArgumentParser) -> None:
    ids = t("规则 id 或前缀，逗号分隔，可重复", "rule ids or prefixes, comma-separated, repeatable")
    p.add_argument("--select", action="append", metavar="RULES",
                   help=t(f"只检查这些规则（{ids}；如 t3 表示全部 t3-… 规则）",
                          f"check only these rules ({ids}; t3 means every t3-… rule)"))
    p.add_argument("--extend-select", action="append", default=[], metavar="RULES",
                   help=t(f"在 --select 之外再检查这些规则（{ids}）", f"check these rules too, on top of --select ({ids})"))
    p.add_argument("--ignore", action="append", default=[], metavar="RULES",
                   help=t(f"不检查这些规则（{ids}）", f"do not check these rules ({ids})"))
    p.add_argument("--extend-ignore", action="append", default=[], metavar="RULES",
                   help=t(f"另外不检查这些规则（{ids}）", f"do not check these rules either ({ids})"))


def _selection(args: argparse.Namespace):
    from .selection import Selection, parse_list

    return Selection.from_options(parse_list(args.select), parse_list(args.extend_select) or (),
                                  parse_list(args.ignore) or (), parse_list(args.extend_ignore) or ())


def _lang_option(t: _Say, p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["zh", "en"], default=None,
                   help=t("输出语言（默认 zh，或环境变量 REPORTLINT_LANG）",
                          "language of the output (default zh, or $REPORTLINT_LANG)"))


def _add_check(sub, t: _Say) -> None:
    check = sub.add_parser("check", help=t("检查报告文件或目录", "lint report files or directories"))
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help=t("文件或目录（默认当前目录）；- 表示标准输入", "files or directories (default .); - for standard input"))
    check.add_argument("--stdin-filename", metavar="NAME",
                       help=t("标准输入内容的文件名：按其后缀选择读取方式，配置和按路径忽略的规则也按此名称（只给此项时读取标准输入）",
                              "the name of what standard input holds: its suffix picks the reader, and the "
                              "configuration and per-file ignores follow it (given alone, standard input is read)"))
    check.add_argument("--format", choices=FORMATS, default="text", help=t("输出格式（默认 text）", "output format (default text)"))
    check.add_argument("--output", "-o", metavar="FILE",
                       help=t("把结果写入 FILE 而不是标准输出", "write the output to FILE instead of standard output"))
    _lang_option(t, check)
    check.add_argument("--rules", metavar="PACK",
                       help=t("使用此规则包（文件路径，或内置规则包名称如 shandong；代替配置文件选择的规则包）",
                              "use this rule pack (a file, or a shipped pack's name such as shandong; instead of "
                              "the one the configuration chooses)"))
    _config_option(t, check)
    _selection_options(t, check)
    check.add_argument("--no-respect-gitignore", dest="respect_gitignore", action="store_false",
                       help=t("遍历目录时也检查 .gitignore、.ignore 和 .git/info/exclude 忽略的文件",
                              "when walking folders, check the files .gitignore, .ignore and .git/info/exclude "
                              "ignore too"))
    check.add_argument("--exit-zero", action="store_true",
                       help=t("有问题时退出码仍为 0（输入或配置有误时仍为 2）",
                              "exit 0 even when there are findings (still 2 on input or configuration errors)"))
    check.add_argument("--fail-on", choices=["error", "warning"], default="error",
                       help=t("达到此级别的问题使退出码为 1（默认 error）",
                              "lowest severity that makes the exit code 1 (default error)"))
    check.add_argument("--statistics", action="store_true",
                       help=t("按规则统计问题数", "print the number of findings per rule"))
    check.add_argument("--limit", metavar="NAME=VALUE", action="append", default=[],
                       help=t("调整一项上限：file_mb、text_mb、unpacked_mb、member_mb、member_ratio、table_cells、"
                              "document_cells、pdf_pages、pdf_page_mb、part_mb、seconds；可重复",
                              "change a bound: file_mb, text_mb, unpacked_mb, member_mb, member_ratio, table_cells, "
                              "document_cells, pdf_pages, pdf_page_mb, part_mb, seconds; "
                              "repeatable"))
    check.add_argument("--history", metavar="DIR", action="append", default=[],
                       help=t("往年报告所在的目录或文件（只读取，不检查），用于跨年度规则；可重复",
                              "where earlier reports live (read, not checked), for the rules across years; "
                              "repeatable"))
    check.add_argument("--baseline", metavar="FILE",
                       help=t("不报告基线文件中记录的问题", "hide the findings recorded in this baseline file"))
    check.add_argument("--write-baseline", metavar="FILE",
                       help=t("把当前的问题记入基线文件", "record the current findings in this baseline file"))
    check.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                       help=t("并行检查的进程数（默认 1；0 表示每个 CPU 核一个）；输出与 -j 1 完全相同",
                              "lint files in N processes (default 1; 0: one per core); the output is the same as "
                              "with -j 1"))
    check.add_argument("--quiet", "-q", action="store_true",
                       help=t("只输出问题（不输出汇总）", "print findings only (no summary)"))
    check.add_argument("--verbose", "-v", action="store_true",
                       help=t("在标准错误输出中说明每个跳过的文件为什么不是年度报告",
                              "say on standard error why each skipped file is not taken for a report"))



def _add_dump(sub, t: _Say) -> None:
    dump = sub.add_parser("dump", help=t("显示检查器读到的内容：章节结构和带标签的表格",
                                         "show what the linter sees in a report: section tree and labelled tables"))
    dump.add_argument("paths", nargs="+", metavar="FILE", help=t("报告文件", "report files"))
    dump.add_argument("--format", choices=["text", "json"], default="text",
                      help=t("输出格式（默认 text）", "output format (default text)"))
    _lang_option(t, dump)
    dump.add_argument("--rules", metavar="PACK.yaml", help=t("用此规则包识别表格", "identify tables with this rule pack"))
    _config_option(t, dump)



def _add_info(sub, t: _Say) -> None:
    explain = sub.add_parser("explain", help=t("显示规则说明", "show a rule's documentation"))
    explain.add_argument("rule", metavar="RULE-ID")
    _lang_option(t, explain)
    explain.add_argument("--rules", metavar="PACK.yaml", help=t("说明此规则包中的规则", "explain a rule of this pack"))
    _config_option(t, explain)

    rules = sub.add_parser("rules", help=t("列出全部规则及其规则包、类型、级别和是否启用",
                                           "list every rule with its pack, kind, severity and whether it is enabled"))
    _lang_option(t, rules)
    rules.add_argument("--rules", metavar="PACK.yaml", help=t("列出此规则包的规则", "list the rules of this pack"))
    rules.add_argument("--format", choices=["text", "json"], default="text",
                       help=t("输出格式（默认 text）", "output format (default text)"))
    _config_option(t, rules)



def _add_config(sub, t: _Say) -> None:
    config = sub.add_parser("config", help=t("查看配置", "inspect the configuration"))
    config_sub = config.add_subparsers(dest="config_command", metavar="ACTION", parser_class=_Parser, required=True)
    show = config_sub.add_parser("show", help=t("显示某路径适用的全部规则，以及每项设置来自哪个文件哪一行",
                                                "show the effective rules for a path and, for every setting, the "
                                                "file and line of the layer that set it"))
    show.add_argument("path", nargs="?", default=".", metavar="PATH", help=t("文件或目录（默认当前目录）",
                                                                            "file or folder (default .)"))
    show.add_argument("--format", choices=["text", "json"], default="text",
                      help=t("输出格式（默认 text）", "output format (default text)"))
    show.add_argument("--rules", metavar="PACK.yaml", help=t("使用此规则包", "use this rule pack"))
    _selection_options(t, show)
    _config_option(t, show)
    _lang_option(t, show)


def _argv_lang(argv: list[str]) -> str:
    """The language asked for, read before parsing so that --help itself is in that language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return "en" if os.environ.get("REPORTLINT_LANG", "").lower().startswith("en") else "zh"


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


def _write_all(stream, chunks: Iterable[str]) -> None:
    try:
        for chunk in chunks:
            stream.write(chunk)
        stream.flush()
    except BrokenPipeError:  # `reportlint check | head`
        os._exit(EXIT_OK)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_argv_lang(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    commands = {"check": _check, "dump": _dump, "explain": _explain, "rules": _rules, "config": _config}
    try:
        return commands[args.command](args)
    except KeyboardInterrupt:
        return 130


def _resolver(args: argparse.Namespace, lang: str):
    """The per-file pack resolver; an explicit --config or --rules that is broken stops the run (exit 2)."""
    from .api import resolver

    try:
        return resolver(getattr(args, "config", None), args.rules)
    except ReportlintError as exc:
        _write(sys.stderr, exc.render(lang) + "\n")
        return None


def _load_pack(args: argparse.Namespace, lang: str, where: str = "."):
    """The effective pack for ``where`` (a file or folder): its configuration's choice, or --rules."""
    resolver = _resolver(args, lang)
    if resolver is None:
        return None
    try:
        return resolver.resolve(where, honour_exclude=False).pack
    except ReportlintError as exc:
        _write(sys.stderr, exc.render(lang) + "\n")
        return None


def _usage(args: argparse.Namespace) -> str | None:
    """What is wrong with the options of ``check`` (one line in English), or None."""
    from . import limits

    for text in args.limit:
        try:
            limits.set_limit(text)
        except ValueError as exc:
            return f"--limit {text}: {exc}"
    if args.jobs < 0:
        return f"--jobs {args.jobs}: give 0 (one per core) or more"
    if args.statistics and args.format not in ("text", "json"):
        return f"--statistics works with --format text or json, not {args.format}"
    if args.baseline and args.write_baseline:
        return "--baseline and --write-baseline exclude each other"
    return None


def _check(args: argparse.Namespace) -> int:
    from . import api
    from .progress import bar

    lang = _lang(args)
    if (problem := _usage(args)) is not None:
        _write(sys.stderr, f"reportlint: error: {problem}\n")
        return EXIT_ERROR
    paths = args.paths or (["-"] if args.stdin_filename else ["."])
    stdin = _read_stdin() if "-" in paths else None
    options = api.CheckOptions(tuple(paths), args.format, lang, args.config, args.rules, tuple(args.history),
                               args.baseline, args.write_baseline, args.output, args.statistics, args.jobs,
                               _selection(args), args.respect_gitignore, stdin, args.stdin_filename)
    try:
        run = api.prepare(options)
    except ReportlintError as exc:
        _write(sys.stderr, exc.render(lang) + "\n")
        return EXIT_ERROR
    if len(run.paths) > 1:
        import gc

        # A batch: what is loaded by now (modules, packs) lives as long as the run, and each document frees itself
        # by reference counting (Document.release): the cyclic collector need not go through either every few
        # hundred allocations (a tenth of a batch's time at the default threshold).
        gc.freeze()
        gc.set_threshold(20_000, 20, 20)
    show_progress = args.output is not None or args.format in ("text", "concise")
    with bar(len(run.paths) if show_progress else 0, "reportlint") as advance:
        report = api.check(run, progress=advance)
    report.quiet = args.quiet
    if args.write_baseline:
        return _write_baseline(args.write_baseline, report, lang)
    failing = {"error"} if args.fail_on == "error" else {"error", "warning"}
    found = any(f.severity in failing for f in report.findings)
    try:
        status = _output(args, options, report)
    finally:
        if options.streamed:
            report.findings.close()
    if status != EXIT_OK:
        return status
    _tell(args, report, lang)
    if report.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if found and not args.exit_zero else EXIT_OK


def _read_stdin() -> bytes:
    """Standard input, up to one byte over the largest file a reader takes (the reader then says it is too large)."""
    from . import limits

    most = int(max(limits.current.file_mb, limits.current.text_mb) * 1024 * 1024) + 1
    return sys.stdin.buffer.read(most)


def _output(args: argparse.Namespace, options, report) -> int:
    """Write the report in the chosen format, to --output or standard output."""
    from .atomic import write_atomic_chunks
    from .output import chunked, formatter

    report.color = (args.output is None and args.format == "text" and not os.environ.get("NO_COLOR")
                    and bool(getattr(sys.stdout, "isatty", lambda: False)()))
    chunks: Iterable[str]
    if args.statistics:
        from .output.statistics import render as render_statistics

        chunks = [render_statistics(report, args.format)]
    elif options.streamed and (pieces := chunked(args.format)) is not None:
        chunks = pieces(report)  # written as made: the output of a long batch is never held whole
    else:
        chunks = [formatter(args.format)(report)]
    if not args.output:
        _write_all(sys.stdout, chunks)
        return EXIT_OK
    try:
        write_atomic_chunks(args.output, chunks)
    except OSError as exc:
        _write(sys.stderr, f"{args.output}: error: cannot write the output: {exc.strerror or exc}\n")
        return EXIT_ERROR
    return EXIT_OK


def _tell(args: argparse.Namespace, report, lang: str) -> None:
    """On standard error: no files found, why files were skipped (--verbose), every error."""
    if not report.paths and not report.errors:
        given = " ".join(args.paths or ["."])
        _write(sys.stderr, f"reportlint: warning: no report files to check under {given}\n" if lang == "en"
               else f"reportlint: 警告: 在 {given} 下没有找到要检查的报告文件\n")
    if args.verbose:
        for path in report.skipped:
            zh, en = report.skip_reasons.get(path, ("", ""))
            _write(sys.stderr, f"reportlint: skipped {path}: {en}\n" if lang == "en"
                   else f"reportlint: 已跳过 {path}：{zh}\n")
    for error in report.errors:
        _write(sys.stderr, error.render(lang) + "\n")


def _write_baseline(path: str, report, lang: str) -> int:
    from . import baseline

    try:
        _write_file(path, baseline.render(report.findings, os.path.dirname(os.path.abspath(path))))
    except OSError as exc:
        _write(sys.stderr, f"{path}: error: cannot write the baseline: {exc.strerror or exc}\n")
        return EXIT_ERROR
    n = len(report.findings)
    _write(sys.stdout, f"recorded {n} findings in {path}\n" if lang == "en" else f"已将 {n} 个问题记入基线 {path}\n")
    for error in report.errors:
        _write(sys.stderr, error.render(lang) + "\n")
    return EXIT_ERROR if report.errors else EXIT_OK


def _write_file(path: str, text: str) -> None:
    """Write atomically, so a reader never sees half a file."""
    from .atomic import write_atomic

    write_atomic(path, text.encode("utf-8"))


def _explain(args: argparse.Namespace) -> int:
    from .output.explain import render_rule
    from .rulepack import rule_infos

    lang = _lang(args)
    pack = _load_pack(args, lang)
    if pack is None:
        return EXIT_ERROR
    infos = {info.id: info for info in rule_infos(pack)}
    info = infos.get(args.rule)
    if info is None:
        known = ", ".join(sorted(infos))
        msg = (f"unknown rule {args.rule!r}; rules: {known}" if lang == "en"
               else f"没有规则 {args.rule!r}；现有规则：{known}")
        _write(sys.stderr, f"reportlint: {'error' if lang == 'en' else '错误'}: {msg}\n")
        return EXIT_ERROR
    _write(sys.stdout, render_rule(info, lang))
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from .output.explain import render_rules
    from .rulepack import rule_infos

    lang = _lang(args)
    pack = _load_pack(args, lang)
    if pack is None:
        return EXIT_ERROR
    _write(sys.stdout, render_rules(rule_infos(pack), lang, args.format))
    return EXIT_OK


def _dump(args: argparse.Namespace) -> int:
    import json

    from .api import dump as read_for_dump
    from .output import dump

    lang = _lang(args)
    resolver = _resolver(args, lang)
    if resolver is None:
        return EXIT_ERROR
    status = EXIT_OK
    dumped = []
    for path in args.paths:
        try:
            seen = read_for_dump(path, resolver, lang)
        except ReportlintError as exc:
            _write(sys.stderr, exc.render(lang) + "\n")
            status = EXIT_ERROR
            continue
        checked = (seen.report, seen.reason)
        if args.format == "json":
            dumped.append(dump.to_dict(seen.doc, seen.identified, checked, seen.subject))
        else:
            _write(sys.stdout, ("\n" if dumped else "") + dump.render_text(seen.doc, seen.identified, lang, checked,
                                                                     seen.subject))
            dumped.append(None)
    if args.format == "json":
        # One document: its object; several: an array, so the output is always one JSON value.
        value = dumped[0] if len(args.paths) == 1 and dumped else dumped
        _write(sys.stdout, json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    return status


def _config(args: argparse.Namespace) -> int:
    from .api import check_selection
    from .output.config_show import render

    lang = _lang(args)
    resolver = _resolver(args, lang)
    if resolver is None:
        return EXIT_ERROR
    try:
        resolution = resolver.resolve(args.path, honour_exclude=False)
        excluded = resolution.config is not None and resolution.config.excluded(args.path)
    except ReportlintError as exc:
        _write(sys.stderr, exc.render(lang) + "\n")
        return EXIT_ERROR
    from .aggregates import describe

    selection = _selection(args)
    try:
        check_selection(selection, (args.path,), resolver)
    except ReportlintError as exc:
        _write(sys.stderr, exc.render(lang) + "\n")
        return EXIT_ERROR
    unselected = frozenset(selection.left_out(r.id for r in resolution.pack.rules))
    _write(sys.stdout, render(args.path, resolution, excluded, lang, args.format,
                              describe(resolution.config, args.path), unselected))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
