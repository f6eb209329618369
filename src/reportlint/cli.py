"""Command line: arguments → api calls → output and exit code.

Exit codes: 0 no error findings, 1 findings of severity error, 2 usage, configuration or input errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable

from . import completion
from .arguments import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    argv_lang,
    build_parser,
    lang_of,
    selection_of,
    write,
)
from .errors import ReportlintError
from .i18n import ntr, tr


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
    parser = build_parser(argv_lang(argv))
    if completion.wanted():
        completion.complete(parser)  # answers the shell and exits
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    commands = {"check": _check, "annotate": _annotate, "dump": _dump, "explain": _explain, "rules": _rules, "config": _config,
                "completion": _completion, "lsp": _lsp}
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
        write(sys.stderr, exc.render(lang) + "\n")
        return None


def _load_pack(args: argparse.Namespace, lang: str, where: str = "."):
    """The effective pack for ``where`` (a file or folder): its configuration's choice, or --rules."""
    resolver = _resolver(args, lang)
    if resolver is None:
        return None
    try:
        return resolver.resolve(where, honour_exclude=False).pack
    except ReportlintError as exc:
        write(sys.stderr, exc.render(lang) + "\n")
        return None


def _usage(args: argparse.Namespace, lang: str) -> str | None:
    """What is wrong with the options of ``check`` (or ``annotate``), in ``lang``, or None."""
    from . import limits

    for text in args.limit:
        try:
            limits.set_limit(text)
        except limits.LimitError as exc:
            return tr(lang, "--limit {text}: {problem}", text=text, problem=exc.text(lang))
    if args.jobs < 0:
        return tr(lang, "--jobs {jobs}: give 0 (one per core) or more", jobs=args.jobs)
    if getattr(args, "statistics", False) and args.format not in ("text", "json"):
        return tr(lang, "--statistics works with --format text or json, not {format}",
                  format=args.format)
    if getattr(args, "fix", False) or getattr(args, "diff", False):
        if getattr(args, "stdin_filename", None) or "-" in (args.paths or []):
            return tr(lang, "--fix and --diff write copies of files, not of standard input")
        if getattr(args, "baseline", None) or getattr(args, "write_baseline", None) or getattr(args, "statistics", False):
            return tr(lang, "--fix and --diff go with neither --baseline, --write-baseline nor --statistics")
    if getattr(args, "baseline", None) and args.write_baseline:
        return tr(lang, "--baseline and --write-baseline exclude each other")
    return None


def _check(args: argparse.Namespace) -> int:
    from . import api
    from .progress import bar

    lang = lang_of(args)
    if (problem := _usage(args, lang)) is not None:
        write(sys.stderr, tr(lang, "reportlint: error: {problem}", problem=problem) + "\n")
        return EXIT_ERROR
    if args.fix or args.diff:
        return _copies(args, comments=False)
    paths = args.paths or (["-"] if args.stdin_filename else ["."])
    stdin = _read_stdin() if "-" in paths else None
    options = api.CheckOptions(tuple(paths), args.format, lang, args.config, args.rules, tuple(args.history),
                               args.baseline, args.write_baseline, args.output, args.statistics, args.jobs,
                               selection_of(args), args.respect_gitignore, stdin, args.stdin_filename,
                               args.auto_history)
    try:
        run = api.prepare(options)
    except ReportlintError as exc:
        write(sys.stderr, exc.render(lang) + "\n")
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


def _annotate(args: argparse.Namespace) -> int:
    """``annotate``: check, then write a copy of each report with findings, its findings as comments."""
    return _copies(args, comments=True)


def _copies(args: argparse.Namespace, comments: bool) -> int:
    """``annotate`` (``comments``), or ``check --fix``/``--diff``: check, then write the copies (or the diffs);
    ``check`` prints its output to standard output as always, the copies' lines going to standard error."""
    from . import api
    from .annotate.run import annotate_report, check_output
    from .output.text import summary

    lang = lang_of(args)
    if (problem := _usage(args, lang)) is not None:
        write(sys.stderr, tr(lang, "reportlint: error: {problem}", problem=problem) + "\n")
        return EXIT_ERROR
    paths = tuple(args.paths or ["."])
    options = api.CheckOptions(paths, getattr(args, "format", "text"), lang, args.config, args.rules,
                               tuple(args.history), jobs=args.jobs, selection=selection_of(args),
                               respect_ignores=args.respect_gitignore, auto_history=args.auto_history)
    try:
        run = api.prepare(options)
        check_output(args.output, run.paths, paths)
    except ReportlintError as exc:
        write(sys.stderr, exc.render(lang) + "\n")
        return EXIT_ERROR
    report = api.check(run, in_memory=True)
    done = annotate_report(report, args.output, paths, fixes=args.fix or args.diff, write=not args.diff,
                           comments=comments)
    told = sys.stdout if comments else sys.stderr
    for item in done:
        if args.diff:
            write(sys.stdout, "".join(_diff(item.path, fix, lang) for fix in item.fixes))
        elif item.target is not None:
            write(told, ntr(lang, "{path}: {n} comment in {target}", "{path}: {n} comments in {target}",
                            item.comments, path=item.path, target=item.target) + "\n" if comments else
                  ntr(lang, "{path}: {n} fix in {target}", "{path}: {n} fixes in {target}", len(item.fixes),
                      path=item.path, target=item.target) + "\n")
        elif item.why_not is not None:
            write(sys.stderr, tr(lang, "{path}: not annotated: {why}", path=item.path,
                                 why=item.why_not.en if lang == "en" else item.why_not.zh) + "\n")
    if not comments and not args.diff:
        report.quiet = args.quiet
        args.output = None  # -o named the copy: the findings go to standard output
        _output(args, options, report)
    elif not args.quiet:
        write(sys.stdout, summary(report) + "\n")
    _tell(args, report, lang)
    if report.errors:
        return EXIT_ERROR
    failing = {"error"} if args.fail_on == "error" else {"error", "warning"}
    found = any(f.severity in failing for f in report.findings)
    return EXIT_FINDINGS if found and not args.exit_zero else EXIT_OK


def _diff(path: str, fix, lang: str) -> str:
    """A fix as a unified diff of its paragraph's (or cell's) text, headed by the file and the place."""
    import difflib

    place = fix.location.render(lang)
    lines = difflib.unified_diff([fix.before], [fix.after], f"{path}  {place}", f"{path}  {place}", n=0,
                                 lineterm="")
    return "".join(f"{line}\n" for line in lines)


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
        write(sys.stderr, tr(report.lang, "{path}: error: cannot write the output: {reason}", path=args.output,
                             reason=_os_reason(exc, report.lang)) + "\n")
        return EXIT_ERROR
    return EXIT_OK


def _tell(args: argparse.Namespace, report, lang: str) -> None:
    """On standard error: no files found, why files were skipped (--verbose), every error."""
    if not report.paths and not report.errors:
        given = " ".join(args.paths or ["."])
        write(sys.stderr, tr(lang, "reportlint: warning: no report files to check under {given}", given=given) + "\n")
    if args.verbose:
        for path in report.skipped:
            zh, en = report.skip_reasons.get(path, ("", ""))
            write(sys.stderr, tr(lang, "reportlint: skipped {path}: {reason}", path=path,
                                 reason=en if lang == "en" else zh) + "\n")
    for error in report.errors:
        write(sys.stderr, error.render(lang) + "\n")


def _write_baseline(path: str, report, lang: str) -> int:
    from . import baseline

    try:
        _write_file(path, baseline.render(report.findings, os.path.dirname(os.path.abspath(path))))
    except OSError as exc:
        write(sys.stderr, tr(lang, "{path}: error: cannot write the baseline: {reason}", path=path,
                             reason=_os_reason(exc, lang)) + "\n")
        return EXIT_ERROR
    n = len(report.findings)
    write(sys.stdout, tr(lang, "recorded {n} findings in {path}", n=n, path=path) + "\n")
    for error in report.errors:
        write(sys.stderr, error.render(lang) + "\n")
    return EXIT_ERROR if report.errors else EXIT_OK


def _write_file(path: str, text: str) -> None:
    """Write atomically, so a reader never sees half a file."""
    from .atomic import write_atomic

    write_atomic(path, text.encode("utf-8"))


def _explain(args: argparse.Namespace) -> int:
    from .output.explain import render_rule
    from .rulepack import rule_infos

    lang = lang_of(args)
    pack = _load_pack(args, lang)
    if pack is None:
        return EXIT_ERROR
    infos = {info.id: info for info in rule_infos(pack)}
    info = infos.get(args.rule)
    if info is None:
        from .suggest import did_you_mean

        known = ", ".join(sorted(infos))
        close = did_you_mean(args.rule, infos)
        hint = tr(lang, " (did you mean {close}?)", close=close) if close else ""
        write(sys.stderr, tr(lang, "reportlint: error: unknown rule {rule!r}{hint}; rules: {known}", rule=args.rule, hint=hint,
                             known=known) + "\n")
        return EXIT_ERROR
    write(sys.stdout, render_rule(info, lang))
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from .output.explain import render_rules
    from .rulepack import rule_infos

    lang = lang_of(args)
    pack = _load_pack(args, lang)
    if pack is None:
        return EXIT_ERROR
    write(sys.stdout, render_rules(rule_infos(pack), lang, args.format))
    return EXIT_OK


def _dump(args: argparse.Namespace) -> int:
    import json

    from .api import dump as read_for_dump
    from .output import dump

    lang = lang_of(args)
    resolver = _resolver(args, lang)
    if resolver is None:
        return EXIT_ERROR
    status = EXIT_OK
    dumped = []
    for path in args.paths:
        try:
            seen = read_for_dump(path, resolver, lang)
        except ReportlintError as exc:
            write(sys.stderr, exc.render(lang) + "\n")
            status = EXIT_ERROR
            continue
        checked = (seen.report, seen.reason)
        if args.format == "json":
            dumped.append(dump.to_dict(seen.doc, seen.identified, checked, seen.subject))
        else:
            write(sys.stdout, ("\n" if dumped else "") + dump.render_text(seen.doc, seen.identified, lang, checked,
                                                                     seen.subject))
            dumped.append(None)
    if args.format == "json":
        # One document: its object; several: an array, so the output is always one JSON value.
        value = dumped[0] if len(args.paths) == 1 and dumped else dumped
        write(sys.stdout, json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    return status


def _config(args: argparse.Namespace) -> int:
    from .api import check_selection
    from .output.config_show import render

    lang = lang_of(args)
    resolver = _resolver(args, lang)
    if resolver is None:
        return EXIT_ERROR
    try:
        resolution = resolver.resolve(args.path, honour_exclude=False)
        excluded = resolution.config is not None and resolution.config.excluded(args.path)
    except ReportlintError as exc:
        write(sys.stderr, exc.render(lang) + "\n")
        return EXIT_ERROR
    from .aggregates import describe

    selection = selection_of(args)
    try:
        check_selection(selection, (args.path,), resolver)
    except ReportlintError as exc:
        write(sys.stderr, exc.render(lang) + "\n")
        return EXIT_ERROR
    unselected = frozenset(selection.left_out(r.id for r in resolution.pack.rules))
    from .earlier import source_of

    write(sys.stdout, render(args.path, resolution, excluded, lang, args.format,
                              describe(resolution.config, args.path), unselected,
                              source_of(args.path, resolution.config)))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def _completion(args: argparse.Namespace) -> int:
    write(sys.stdout, completion.script(args.shell))
    return EXIT_OK


def _lsp(args: argparse.Namespace) -> int:
    from .lsp import serve

    return serve(lang_of(args), getattr(args, "config", None), args.rules)


_OS_REASONS = {  # errno → what it means, for a file reportlint cannot write
    2: "the folder does not exist", 13: "permission denied", 21: "it is a folder",
    28: "no space left on the disk", 30: "the file system is read-only", 36: "the file name is too long",
}


def _os_reason(exc: OSError, lang: str) -> str:
    known = _OS_REASONS.get(exc.errno or 0)
    if known:
        return tr(lang, known)
    return tr(lang, "the system refused (error {errno})", errno=exc.errno)
