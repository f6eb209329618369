""".reportlint.yaml: discovery, packs per path, local overrides with provenance, exclude, per-file ignores."""

import json
import textwrap

import pytest

from report_builder import ReportSpec, build_report
from reportlint.cli import main
from reportlint.pack import builtin_pack_path

NATIONAL = str(builtin_pack_path())
CELL = "表四「行政诉讼 / 复议后起诉 / 结果纠正」为空，应填整数（没有的填 0）"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def line_of(path, needle):
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.fixture
def repo(tmp_path):
    config = write(tmp_path / ".reportlint.yaml", """\
        packs:
          - paths: ["山东/**"]
            pack: packs/sd.yaml
        rules:
          - id: contact-info
            severity: warning
        exclude: ["archive/**"]
        per-file-ignores:
          "山东/old/**": [blank-cell, t3-]
        """)
    write(tmp_path / "packs" / "sd.yaml", """\
        pack: sd
        extends: national-2021
        rules:
          - id: statistics-period
            severity: "off"
        """)
    blank = {("复议后起诉", "结果纠正"): ""}
    build_report(tmp_path / "山东" / "old" / "past.docx", ReportSpec(t3={("（七）总计", "自然人"): "44"}, t4=blank))
    build_report(tmp_path / "山东" / "2023.docx", ReportSpec(period=None, contact="联系电话：8928868。", t4=blank))
    build_report(tmp_path / "archive" / "2018.docx", ReportSpec(period=None))
    build_report(tmp_path / "云南" / "2023.docx", ReportSpec(period=None, contact="联系电话：8928868。"))
    return tmp_path, config


def test_packs_per_path_overrides_exclude_and_ignores(capsys, repo, monkeypatch):
    root, _config = repo
    monkeypatch.chdir(root)
    code, out, err = run(capsys, "check", "-q", "--format", "concise", ".")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        # archive/ is never checked; the config makes contact-info a warning everywhere
        "云南/2023.docx:1:1: error statistics-period [全文] 未找到统计期限（如“本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止”）",
        "云南/2023.docx:1:1: warning contact-info [第2段] 电话号码「8928868」缺少区号（应为“区号-号码”，如 0537-8928868）",
        # 山东: the province pack switches the statistics period off
        "山东/2023.docx:1:1: warning contact-info [第2段] 电话号码「8928868」缺少区号（应为“区号-号码”，如 0537-8928868）",
        f"山东/2023.docx:1:1: error blank-cell [第3张表 列「行政诉讼 / 复议后起诉 / 结果纠正」] {CELL}",
        # 山东/old: blank-cell and every t3- rule are ignored there
    ]


def test_configuration_is_found_from_each_file_upwards(capsys, repo, tmp_path_factory):
    root, _config = repo
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    build_report(elsewhere / "r.docx", ReportSpec(period=None, contact="联系电话：8928868。"))
    code, out, _err = run(capsys, "check", "-q", "--format", "concise", str(root / "云南"), str(elsewhere))
    assert code == 1
    severities = [line.split(": ")[1].split()[0:2] for line in out.splitlines()]
    assert severities == [["error", "statistics-period"], ["warning", "contact-info"],  # under the config
                          ["error", "statistics-period"], ["error", "contact-info"]]  # no config: national


def test_explicit_config_and_rules(capsys, repo, tmp_path):
    root, config = repo
    other = build_report(tmp_path.parent / (tmp_path.name + "-x") / "r.docx", ReportSpec(period=None))
    code, out, _err = run(capsys, "check", "-q", "--config", str(config), "--format", "concise", str(other))
    assert code == 1 and "statistics-period" in out  # outside the config's folder: its default pack
    code, out, _err = run(capsys, "check", "-q", "--rules", NATIONAL, "--format", "concise",
                          str(root / "山东" / "2023.docx"))
    assert [line.split(": ")[1].split()[1] for line in out.splitlines()] == [
        "statistics-period", "contact-info", "blank-cell"]  # --rules replaces the pack choice, not local rules


def test_config_show_gives_every_setting_with_its_origin(capsys, repo):
    root, config = repo
    sd = root / "packs" / "sd.yaml"
    code, out, err = run(capsys, "config", "show", "--format", "json", str(root / "山东" / "old" / "past.docx"))
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["config"] == str(config)
    assert data["pack"] == "sd"
    assert data["chosen_at"] == f"{config}:{line_of(config, 'pack: packs/sd.yaml')}"
    assert data["layers"] == [NATIONAL, str(sd), str(config)]
    assert data["ignored_rules"] == ["blank-cell", "t3-"]
    rules = {r["id"]: r for r in data["rules"]}
    contact = rules["contact-info"]["settings"]
    assert contact["severity"] == {"value": "warning", "from": f"{config}:{line_of(config, 'severity: warning')}"}
    assert contact["require"]["from"] == f"{NATIONAL}:{line_of(builtin_pack_path(), 'require: [phone]')}"
    assert rules["statistics-period"]["enabled"] is False
    assert rules["statistics-period"]["settings"]["severity"]["from"] == f"{sd}:{line_of(sd, 'severity')}"
    code, out, _err = run(capsys, "config", "show", "--lang", "en", str(root / "云南"))
    lines = out.splitlines()
    assert lines[:6] == [
        f"path: {root / '云南'}", f"configuration: {config}",
        f"pack: national-2021  (chosen at {config} (default national-2021))",
        f"layers: {NATIONAL} → {config}", "excluded: no", "ignored rules: (none)"]
    assert f'      severity        "warning"  ← {config}:{line_of(config, "severity: warning")}' in lines


@pytest.mark.parametrize("text, where, message", [
    ("packs:\n  - paths: [a]\n    pack: national-2021\n    pak: x\n", ":4:5: ",
     "配置文件格式不正确：packs.0.pak：未知的键 'pak'（是不是 pack？）"),
    ("pack: shandong-typo\n", ":1:7: ", "找不到规则包 'shandong-typo'"),
    ("rules:\n  - id: contact-info\n    require: [fax]\n", ":3:15: ",
     "不符合规则包格式：rules.contact-info.require.0：'fax' 不是可用的值；可用：phone, email, address"),
    ("rules: [\n", ":2:1: ", "YAML 语法错误"),
])
def test_broken_config_is_one_located_line_and_other_files_are_still_checked(capsys, tmp_path, text, where,
                                                                             message):
    config = write(tmp_path / "a" / ".reportlint.yaml", text)
    build_report(tmp_path / "a" / "r.docx")
    build_report(tmp_path / "b" / "r.docx", ReportSpec(period=None))
    build_report(tmp_path / "a" / "s.docx")
    code, out, err = run(capsys, "check", "-q", "--format", "concise", str(tmp_path))
    assert code == 2
    assert err.startswith(f"{config}{where}{message}") and err.count("\n") == 1  # once, not once per file
    assert [line.split(":")[0] for line in out.splitlines()] == [str(tmp_path / "b" / "r.docx")]
