"""Pack layering: extends, replace by id, override settings, severity off, provenance, located errors."""

import textwrap

import pytest

from reportlint.errors import ConfigError
from reportlint.pack import builtin_pack_path
from reportlint.rulepack import load_pack

NATIONAL = str(builtin_pack_path())


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def line_of(path, needle, nth=1):
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[nth - 1]


@pytest.fixture
def city(tmp_path):
    return write(tmp_path, "city.yaml", """\
        pack: city
        extends: national-2021
        aliases:
          总计: [总 计]
        sections:
          - id: problems
            title: 五、存在的主要问题及改进情况
            variants: [五、存在的问题及改进措施]
        rules:
          - id: contact-info
            require: [phone, email]
          - id: section-title
            severity: "off"
          - id: t4-total
            kind: statistics_period
            severity: warning
          - id: portal
            kind: statistics_period
        """)


def test_override_replace_disable_and_add(city):
    pack = load_pack(city)
    rules = {r.id: r for r in pack.rules}
    assert pack.name == "city" and pack.layers == [NATIONAL, str(city)]
    assert [r.id for r in pack.rules][-2:] == ["unused-suppression", "portal"]  # inherited order kept, new ones appended
    contact = rules["contact-info"]
    assert (contact.kind, contact.severity, contact.spec["require"]) == ("contact_info", "error", ["phone", "email"])
    assert contact.origins["require"] == f"{city}:{line_of(city, 'require: [phone, email]')}"
    assert contact.origins["kind"] == f"{NATIONAL}:{line_of(builtin_pack_path(), 'kind: contact_info')}"
    assert contact.source == f"{NATIONAL}:{line_of(builtin_pack_path(), 'id: contact-info')}"
    assert rules["section-title"].severity == "off"
    off_line = line_of(city, 'severity: "off"')
    assert rules["section-title"].origins["severity"] == f"{city}:{off_line}"
    replaced = rules["t4-total"]
    assert (replaced.kind, replaced.severity, "equations" in replaced.spec) == ("statistics_period", "warning", False)
    assert replaced.source == f"{city}:{line_of(city, 'id: t4-total')}"
    assert ("总 计", "总计") in pack.aliases and ("合计", "总计") in pack.aliases
    assert [s.id for s in pack.sections] == ["overview", "proactive", "requests", "review", "problems", "other"]
    assert pack.sections[4].variants == ["五、存在的问题及改进措施"]


def test_local_chain_by_relative_path_and_several_parents(tmp_path):
    write(tmp_path, "base/a.yaml", """\
        pack: a
        rules:
          - {id: period, kind: statistics_period, severity: warning}
          - {id: phone, kind: contact_info}
        """)
    write(tmp_path, "base/b.yaml", """\
        pack: b
        extends: ./a.yaml
        rules:
          - {id: phone, severity: info}
        """)
    write(tmp_path, "c.yaml", """\
        pack: c
        extends: [base/b.yaml, base/a.yaml]
        """)
    pack = load_pack(tmp_path / "c.yaml")
    # a.yaml comes last, so its phone rule (severity error by default) wins over b's override
    assert [(r.id, r.severity) for r in pack.rules] == [("period", "warning"), ("phone", "error")]
    pack = load_pack(tmp_path / "base" / "b.yaml")
    assert [(r.id, r.severity) for r in pack.rules] == [("period", "warning"), ("phone", "info")]


@pytest.mark.parametrize("text, needle, zh, en", [
    ("pack: x\nextends: nowhere\n", "nowhere", "extends：找不到规则包 'nowhere'",
     "extends: no pack 'nowhere'"),
    ("pack: x\nextends: [national-2021, ./missing.yaml]\n", "./missing", "extends：找不到规则包 './missing.yaml'",
     "extends: no pack './missing.yaml'"),
    ("pack: x\nextends: national-2021\nrules:\n  - id: no-such-rule\n    severity: warning\n", "no-such-rule",
     "规则 'no-such-rule' 没有 kind，但继承的规则包中没有这条规则可以覆盖",
     "rule 'no-such-rule' has no kind, and no inherited pack defines a rule with this id to override"),
    ("pack: x\nextends: national-2021\nrules:\n  - id: contact-info\n    require: [phone, fax]\n", "require",
     "不符合规则包格式：rules.contact-info.require.1：'fax' 不是可用的值；可用：phone, email, address",
     "does not match the rule pack schema: rules.contact-info.require.1: 'fax' is not one of"),
    ("pack: x\nextends: national-2021\nrules:\n  - id: contact-info\n    colour: red\n", "colour",
     "不符合规则包格式：rules.contact-info.colour：未知的键 'colour'",
     "does not match the rule pack schema: rules.contact-info.colour: unknown key 'colour'"),
    ("pack: x\nextends: national-2021\nrules:\n  - id: t3-balance\n    equation: '[自然人] = ('\n", "equation",
     "规则 t3-balance：", "rule t3-balance: "),
])
def test_layer_errors_point_at_the_layer_that_wrote_them(tmp_path, text, needle, zh, en):
    path = write(tmp_path, "pack.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    err = info.value
    assert (err.path, err.line) == (str(path), line_of(path, needle))
    line_text = path.read_text(encoding="utf-8").splitlines()[err.line - 1]
    assert err.column is not None and err.column - 1 >= line_text.index(needle.split(".")[0] or needle) - 1
    assert err.render("zh").startswith(f"{path}:{err.line}:{err.column}: {zh}")
    assert err.render("en").startswith(f"{path}:{err.line}:{err.column}: {en}")


def test_cycle_is_an_error_at_the_extends_entry(tmp_path):
    a = write(tmp_path, "a.yaml", "pack: a\nextends: b.yaml\nrules: []\n")
    write(tmp_path, "b.yaml", "pack: b\nextends: [national-2021, a.yaml]\n")
    with pytest.raises(ConfigError) as info:
        load_pack(a)
    err = info.value
    assert err.render("en") == f"{tmp_path / 'b.yaml'}:2:26: extends forms a cycle: a.yaml → b.yaml → a.yaml"
    assert err.render("zh").endswith("extends 形成循环：a.yaml → b.yaml → a.yaml")
