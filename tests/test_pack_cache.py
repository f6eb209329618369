"""The compiled-pack cache: a hit reads no YAML and imports neither ruamel.yaml nor jsonschema, gives the same
findings as a freshly built pack, and any change to a file merged into the pack is a miss."""

from __future__ import annotations

import os
import subprocess
import sys

from report_builder import ReportSpec, build_report
from reportlint.api import lint_document
from reportlint.pack import builtin_pack_path
from reportlint.pack import cache as pack_cache
from reportlint.readers import load_document
from reportlint.rulepack import load_pack

PROBE = """
import sys
from reportlint.pack import builtin_pack_path
from reportlint.rulepack import load_pack
pack = load_pack(builtin_pack_path())
print(len(pack.rules), "ruamel.yaml" in sys.modules, "jsonschema" in sys.modules, "regex" in sys.modules)
"""


def _probe(cache_dir, **env) -> str:
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True,
                         env={**os.environ, "REPORTLINT_CACHE_DIR": str(cache_dir), **env})
    return run.stdout.strip()


def test_a_cached_pack_is_loaded_without_yaml_or_jsonschema(tmp_path):
    n = len(load_pack(builtin_pack_path()).rules)
    # the shipped patterns are matched by the standard library's engine: `regex` is not imported either way
    assert _probe(tmp_path) == f"{n} True True False"  # built from YAML, validated, stored
    assert [p.name for p in tmp_path.iterdir()] and all(p.suffix == ".pickle" for p in tmp_path.iterdir())
    assert _probe(tmp_path) == f"{n} False False False"  # from the cache
    assert _probe(tmp_path, REPORTLINT_NO_CACHE="1") == f"{n} True True False"


def test_cached_and_fresh_packs_give_the_same_findings(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    report = build_report(tmp_path / "r.docx", ReportSpec(t3={("（七）总计", "自然人"): "44"}, contact=None))
    fresh = load_pack(builtin_pack_path())
    cached = load_pack(builtin_pack_path())
    assert pack_cache.get(builtin_pack_path(), None) is not None
    assert cached is not fresh
    findings = [[(f.rule, f.location.render("en"), f.text("en")) for f in lint_document(load_document(str(report)), p)]
                for p in (fresh, cached)]
    assert findings[0] == findings[1]
    assert {rule for rule, _, _ in findings[0]} >= {"t3-balance", "contact-info"}


def test_a_changed_layer_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    local = tmp_path / "local.yaml"
    local.write_text("pack: local\nextends: national-2021\nrules:\n  - {id: contact-info, severity: warning}\n",
                     encoding="utf-8")
    assert {r.id: r.severity for r in load_pack(local).rules}["contact-info"] == "warning"
    local.write_text("pack: local\nextends: national-2021\nrules:\n  - {id: contact-info, severity: 'off'}\n",
                     encoding="utf-8")  # same size, same second: the content hash tells
    assert {r.id: r.severity for r in load_pack(local).rules}["contact-info"] == "off"


def test_a_broken_entry_is_a_miss_and_is_rewritten(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    load_pack(builtin_pack_path())
    (entry,) = (tmp_path / "cache").iterdir()
    entry.write_bytes(b"not a pickle")
    assert len(load_pack(builtin_pack_path()).rules) > 10
    assert entry.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_folder_only_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(blocker / "cache"))  # a folder under a file: cannot exist
    assert len(load_pack(builtin_pack_path()).rules) > 10


def test_entries_in_a_folder_others_can_write_are_not_read(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(folder))
    load_pack(builtin_pack_path())
    assert pack_cache.get(builtin_pack_path(), None) is not None
    folder.chmod(0o777)  # a shared folder: someone else could have put a pickle there
    assert pack_cache.get(builtin_pack_path(), None) is None
    assert len(load_pack(builtin_pack_path()).rules) > 10  # still loads, from the YAML
