"""--select / --extend-select / --ignore / --extend-ignore (rule ids and prefixes, as Ruff) and --exit-zero."""

from __future__ import annotations

import json

import pytest

from report_builder import ReportSpec, build_report, t3_texts
from reportlint.cli import main
from reportlint.selection import Selection, parse_list
from reportlint.suggest import did_you_mean


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """One report with a wrong （七）总计 / 总计 (t3-balance, found as one finding at the cell) and no period
    (statistics-period), one clean."""
    root = tmp_path_factory.mktemp("sel")
    total = int(t3_texts(ReportSpec())[("（七）总计", "总计")])
    build_report(root / "bad.docx", ReportSpec(period=None, t3={("（七）总计", "总计"): str(total + 1)}))
    build_report(root / "good.docx", ReportSpec())
    return root


def rules_found(capsys, folder, *options):
    code, out, err = run(capsys, "check", "--format", "json", str(folder), *options)
    assert err == ""
    return code, sorted(f["rule"] for f in json.loads(out)["findings"])


@pytest.mark.parametrize(("select", "ignore", "rule", "runs"), [
    (None, (), "t3-balance", True),
    (("t3",), (), "t3-balance", True),
    (("t3-",), (), "t3-balance", True),
    (("t3",), (), "t4-total", False),
    (("t",), (), "t3-balance", False),  # "t" names no id part: t3-… is not t-…
    (None, ("t3",), "t3-balance", False),
    (("t3",), ("t3-balance",), "t3-balance", False),  # the exact id is more specific
    (("t3-balance",), ("t3",), "t3-balance", True),
    (("t3",), ("t3",), "t3-balance", False),  # equal specificity: the ignore wins
])
def test_the_more_specific_selector_wins(select, ignore, rule, runs):
    assert Selection(select, ignore).runs(rule) is runs


def test_options_take_comma_separated_repeatable_lists():
    assert parse_list(["t3, t4", "blank-cell"]) == ["t3", "t4", "blank-cell"]
    assert parse_list(None) is None
    chosen = Selection.from_options(["t3"], ["t4"], ["t3-row-total"], ["blank"])
    assert chosen == Selection(("t3", "t4"), ("t3-row-total", "blank"))
    assert did_you_mean("t3-balence", ["t3-balance", "t4-total"]) == "t3-balance"


def test_select_checks_only_the_rules_named(capsys, folder):
    assert rules_found(capsys, folder) == (1, ["statistics-period", "t3-balance"])
    assert rules_found(capsys, folder, "--select", "t3") == (1, ["t3-balance"])
    assert rules_found(capsys, folder, "--select", "statistics-period", "--extend-select", "t3") == (
        1, ["statistics-period", "t3-balance"])


def test_ignore_leaves_rules_out(capsys, folder):
    # without t3-balance, the wrong cell is the other two equations' finding
    assert rules_found(capsys, folder, "--ignore", "t3-balance,statistics-period") == (1, ["t3-results-total"])
    assert rules_found(capsys, folder, "--ignore", "t3", "--extend-ignore", "statistics") == (0, [])


def test_exit_zero_on_findings_but_two_on_errors(capsys, folder, tmp_path):
    code, out, _ = run(capsys, "check", "--exit-zero", str(folder))
    assert code == 0 and "statistics-period" in out
    (tmp_path / "broken.docx").write_bytes(b"no zip")
    code, _, err = run(capsys, "check", "--exit-zero", "--lang", "en", str(tmp_path))
    assert code == 2 and "broken.docx: error: not a valid .docx file" in err


def test_a_selector_naming_no_rule_is_a_usage_error_with_the_closest_id(capsys, folder):
    assert run(capsys, "check", "--select", "t3-balence", "--lang", "en", str(folder)) == (
        2, "", "reportlint: error: 't3-balence' is neither the id nor a prefix of any rule; did you mean t3-balance? "
               "(reportlint rules lists them)\n")
    assert run(capsys, "check", "--ignore", "zzz", str(folder)) == (
        2, "", "reportlint: 错误: 'zzz' 不是任何规则的 id 或前缀（reportlint rules 列出全部规则）\n")


def test_a_local_rule_of_the_configuration_can_be_selected(capsys, folder, tmp_path):
    (tmp_path / ".reportlint.yaml").write_text(
        "rules:\n  - id: local-word\n    kind: forbid_text\n    text: 某某市某某局\n", encoding="utf-8")
    (tmp_path / "r.docx").write_bytes((folder / "good.docx").read_bytes())
    code, rules = rules_found(capsys, tmp_path, "--select", "local")
    assert (code, set(rules)) == (1, {"local-word"})
    # a broken configuration is that configuration's error, not an unknown selector
    (tmp_path / ".reportlint.yaml").write_text("rules:\n  - id: local-word\n    kind: forbid_text\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--lang", "en", "--select", "local", str(tmp_path))
    assert code == 2 and "rules.local-word: 'text' is a required property" in err


def test_config_show_shows_what_the_selection_leaves_out(capsys, folder):
    code, out, err = run(capsys, "config", "show", "--format", "json", "--select", "t3", "--ignore", "t3-row-total",
                         str(folder / "bad.docx"))
    assert (code, err) == (0, "")
    enabled = [r["id"] for r in json.loads(out)["rules"] if r["enabled"]]
    assert enabled == ["t3-balance", "t3-results-total"]
    code, out, _ = run(capsys, "config", "show", "--lang", "en", "--ignore", "t4", str(folder / "bad.docx"))
    assert "  t4-total  table_arithmetic  error  disabled (--select/--ignore on the command line)" in out.split("\n")


def test_rules_across_years_follow_the_selection(capsys, tmp_path):
    from test_cross_year import pair

    pair(tmp_path, carried={"自然人": "9"})
    assert "carryover-mismatch" in rules_found(capsys, tmp_path)[1]
    assert "carryover-mismatch" not in rules_found(capsys, tmp_path, "--ignore", "carryover")[1]
    assert rules_found(capsys, tmp_path, "--select", "carryover-mismatch") == (1, ["carryover-mismatch"])
