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
from .errors import ReportlintError
from .output import NAMES
from .suggest import did_you_mean

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


# argparse's own words (its gettext message ids, Python 3.10–3.13) in Chinese
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示此帮助信息并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的值 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "需要参数 %s 之一",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
}


@contextmanager
def _argparse_in(lang: str) -> Iterator[None]:
    """argparse's own words (usage, section titles, its errors) in ``lang`` while the block runs."""
    if lang != "zh":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = lambda text: _ARGPARSE_ZH.get(text, text)  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: _ARGPARSE_ZH.get(one if n == 1 else many, one if n == 1 else many)
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
        zh = self.lang == "zh"
        m = re.search(r"(?:invalid choice: |无效的值 )'([^']*)'.*?(?:choose from |可选：)(.*?)[)）]", message)
        if m and (close := did_you_mean(m.group(1), [c.strip(" '") for c in m.group(2).split(",")])):
            message += f"；是不是 {close}？" if zh else f"; did you mean {close}?"
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: {'错误' if zh else 'error'}: {message}\n")


FORMATS = NAMES  # the output registry's (reportlint.output)


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The argument parser, its help in Chinese or English."""
    with _argparse_in(lang):  # the titles and the help of --help are made with the parser
        t = _Say(lang)
        _Parser.lang = lang
        parser = _Parser(prog="reportlint", description=t("政府信息公开工作年度报告合规检查",
                                                          "compliance linter for government information disclosure "
                                                          "annual reports (政府信息公开工作年度报告)"))
        parser.add_argument("--version", action=_Version, nargs=0,
                            help=t("显示版本号和内置规则包的版本，然后退出", "show the version and the shipped packs' versions, "
                                                                            "then exit"))
        sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
        _add_check(sub, t)
        _add_dump(sub, t)
        _add_info(sub, t)
        _add_config(sub, t)
        _add_completion(sub, t)
        return parser


class _Version(argparse.Action):
    """``--version``: reportlint's version (the package metadata) and each shipped pack's own."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from . import __version__
        from .pack.layers import shipped_names
        from .pack.yamlio import read_yaml

        lines = [f"reportlint {__version__}"]
        for name, path in sorted(shipped_names().items()):
            try:
                data = read_yaml(path)
                version = data.get("version", "-") if isinstance(data, dict) else "-"
            except ReportlintError:
                version = "?"
            lines.append(f"  {name} {version}")
        write(sys.stdout, "\n".join(lines) + "\n")
        parser.exit()


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
    options = [
        p.add_argument("--select", action="append", metavar="RULES",
                       help=t(f"只检查这些规则（{ids}；如 t3 表示全部 t3-… 规则）",
                              f"check only these rules ({ids}; t3 means every t3-… rule)")),
        p.add_argument("--extend-select", action="append", default=[], metavar="RULES",
                       help=t(f"在 --select 之外再检查这些规则（{ids}）",
                              f"check these rules too, on top of --select ({ids})")),
        p.add_argument("--ignore", action="append", default=[], metavar="RULES",
                       help=t(f"不检查这些规则（{ids}）", f"do not check these rules ({ids})")),
        p.add_argument("--extend-ignore", action="append", default=[], metavar="RULES",
                       help=t(f"另外不检查这些规则（{ids}）", f"do not check these rules either ({ids})")),
    ]
    for option in options:
        option.completer = rule_ids  # type: ignore[attr-defined]


def selection_of(args: argparse.Namespace):
    from .selection import Selection, parse_list

    return Selection.from_options(parse_list(args.select), parse_list(args.extend_select) or (),
                                  parse_list(args.ignore) or (), parse_list(args.extend_ignore) or ())


def _lang_option(t: _Say, p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["zh", "en"], default=None,
                   help=t("输出语言（默认：环境变量 REPORTLINT_LANG，否则按系统语言环境，否则 zh）",
                          "language of the output (default: $REPORTLINT_LANG, else the locale, else zh)"))


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
    explain.add_argument("rule", metavar="RULE-ID").completer = rule_ids  # type: ignore[attr-defined]
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



def _add_completion(sub, t: _Say) -> None:
    completion = sub.add_parser("completion", help=t("输出命令行补全脚本（bash、zsh 或 fish）",
                                                     "print the shell completion script (bash, zsh or fish)"))
    completion.add_argument("shell", choices=SHELLS, help=t("哪个 shell", "which shell"))


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
            write(sys.stderr, f"reportlint: 警告: REPORTLINT_LANG={asked}：不支持这种语言，使用中文（可用：zh、en）\n")
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
