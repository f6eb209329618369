import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The compiled-pack cache of this test run (and of the CLI it starts) lives in a folder of its own, not in the
# user's ~/.cache; tests/test_pack_cache.py checks the cache itself.
if "REPORTLINT_CACHE_DIR" not in os.environ:
    os.environ["REPORTLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="reportlint-test-cache-")
    atexit.register(shutil.rmtree, os.environ["REPORTLINT_CACHE_DIR"], True)

from report_builder import ReportSpec, build_report  # noqa: E402
from reportlint.api import lint_document  # noqa: E402
from reportlint.pack import builtin_pack_path
from reportlint.readers import load_document  # noqa: E402
from reportlint.rulepack import load_pack  # noqa: E402


@pytest.fixture(scope="session")
def national_pack():
    return load_pack(builtin_pack_path())


@pytest.fixture
def lint(tmp_path, national_pack):
    """Build a report from a ReportSpec, lint it, return [(rule, location, message)]."""

    def run(spec: ReportSpec | None = None, lang: str = "zh", name: str = "report.docx"):
        path = build_report(tmp_path / name, spec or ReportSpec())
        doc = load_document(str(path))
        findings = lint_document(doc, national_pack)
        return [(f.rule, f.location.render(lang), f.text(lang)) for f in findings]

    return run
