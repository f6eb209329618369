"""Rule packs: the shipped national pack loads; broken packs are located as file:line:col."""

import textwrap

import pytest

from reportlint.errors import ConfigError
from reportlint.pack import builtin_pack_path
from reportlint.pack.loader import builtin_pack_names
from reportlint.rulepack import load_pack


def test_national_pack_ships_inside_the_package_with_every_rule():
    assert "national-2021" in builtin_pack_names()
    pack = load_pack(builtin_pack_path())
    assert [r.id for r in pack.rules] == [
        "required-sections", "section-order", "section-title", "section-empty", "section-numbering", "statistics-period",
        "contact-info",
        "table-missing", "table-unreadable", "t3-balance", "t3-results-total", "t3-row-total", "t4-total", "t2-effective",
        "blank-cell", "fullwidth-digits",
        "leftover-text", "fee-statement", "publication-deadline", "year-mismatch", "year-inconsistent",
        "text-table-mismatch", "agency-mismatch", "old-format", "carryover-mismatch", "effective-docs-drift",
        "aggregate-mismatch", "unused-suppression",
    ]
    assert {r.id: r.severity for r in pack.rules}["section-title"] == "warning"
    assert [s.title for s in pack.sections][4] == "五、存在的主要问题及改进情况"
    assert sorted(pack.tables) == ["t2", "t3", "t4"]


def write(tmp_path, text):
    path = tmp_path / "pack.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


TABLES = "pack: x\ntables:\n  t3: {name: 表三, locate: [自然人]}\n"


@pytest.mark.parametrize(
    ("text", "where", "zh", "en"),
    [
        (
            "pack: x\nrules:\n  - id: a\n    kind: statistics_period\n    severity: fatal\n",
            ":5:15: ",
            "不符合规则包格式：rules.0.severity：'fatal' 不是可用的值；可用：error, warning, info, off",
            "does not match the rule pack schema: rules.0.severity: 'fatal' is not one of error, warning, info, off",
        ),
        (
            "pack: x\nrules:\n  - id: a\n    kind: contact_info\n    require: [fax]\n",
            ":5:15: ",
            "不符合规则包格式：rules.0.require.0：'fax' 不是可用的值；可用：phone, email, address",
            "does not match the rule pack schema: rules.0.require.0: 'fax' is not one of phone, email, address",
        ),
        (
            "pack: x\nrules:\n  - id: a\n    kind: no_blank_cells\n    tables: [t3]\n    colour: red\n",
            ":6:5: ",
            "不符合规则包格式：rules.0.colour：未知的键 'colour'",
            "does not match the rule pack schema: rules.0.colour: unknown key 'colour'",
        ),
        (
            "pack: x\nrules:\n  - id: a\n    kind: magic\n",
            ":4:11: ",
            "不符合规则包格式：rules.0.kind：'magic' 不是可用的值；可用：required_sections, required_tables, "
            "statistics_period, contact_info, table_arithmetic, no_blank_cells, require_text, forbid_text, "
            "leftover_text, publication_date, year_mismatch, text_table_mismatch, old_format, cross_year, "
            "section_content, section_numbering, agency_consistency, year_consistency, aggregate, unused_suppression, "
            "halfwidth_digits",
            None,
        ),
        (
            "pack: x\nrules: [\n",
            ":3:1: ",
            "YAML 语法错误：文件在这里意外结束（括号或引号没有闭合？）",
            "YAML syntax error: expected the node content, but found '<stream end>'",
        ),
        (
            "pack: x\npack: y\nrules: []\n",
            ":2:1: ",
            "YAML 语法错误：键重复出现",
            None,
        ),
        (
            TABLES + "rules:\n  - id: a\n    kind: table_arithmetic\n    table: t3\n    equation: '[a] + = [b]'\n",
            ":8:22: ",
            "规则 a：等式有误：此处不应出现 '='（第 7 个字符）",
            "rule a: invalid equation: unexpected '=' (at character 7)",
        ),
        (
            TABLES + "rules:\n  - id: a\n    kind: no_blank_cells\n    tables: [t3, t9]\n",
            ":7:18: ",
            "规则 a：未知的表 't9'（已定义：t3）",
            None,
        ),
        (
            "pack: x\nrules:\n  - {id: a, kind: statistics_period}\n  - {id: a, kind: statistics_period}\n",
            ":4:5: ",
            "规则 id 'a' 重复（第 3 行已定义）",
            "duplicate rule id 'a' (first defined on line 3)",
        ),
    ],
)
def test_broken_pack_is_reported_at_its_place(tmp_path, text, where, zh, en):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    assert info.value.render("zh") == f"{path}{where}{zh}"
    if en:
        assert info.value.render("en") == f"{path}{where}{en}"


def test_missing_pack_file(tmp_path):
    with pytest.raises(ConfigError) as info:
        load_pack(tmp_path / "nope.yaml")
    assert info.value.render("en") == f"{tmp_path / 'nope.yaml'}: rule file not found"
