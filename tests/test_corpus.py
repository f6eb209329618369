"""Every file of the third-party Word corpus (../shared/corpus/docx-wild) reads to a Document (and every rule
runs on it) or an InputError.

The loop runs in a child process: a per-file alarm turns a hang into a reported failure, and the whole run has
a hard timeout, so a reader bug can never block the test suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from shared_data import CORPUS

PER_FILE_SECONDS = 60
TOTAL_SECONDS = 900

CHILD = r"""
import json, os, signal, sys, time
from reportlint.errors import InputError
from reportlint.model import Document
from reportlint.api import lint_document
from reportlint.errors import CheckError
from reportlint.pack import builtin_pack_path
from reportlint.rulepack import load_pack
from reportlint.readers import load_document
pack = load_pack(builtin_pack_path())

class Hang(BaseException):
    pass

def on_alarm(signum, frame):
    raise Hang()

signal.signal(signal.SIGALRM, on_alarm)
root, limit = sys.argv[1], int(sys.argv[2])
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
results = {}
for path in files:
    start = time.perf_counter()
    signal.alarm(limit)
    try:
        doc = load_document(path)
        outcome = "Document" if isinstance(doc, Document) else f"returned {type(doc).__name__}"
        if isinstance(doc, Document):
            lint_document(doc, pack)  # every rule runs; a rule bug raises CheckError
    except InputError as exc:
        outcome = f"InputError:{exc.code}"
    except CheckError as exc:
        outcome = f"rule failed: {exc}"
    except Hang:
        outcome = f"hang > {limit}s"
    except BaseException as exc:
        outcome = f"raised {type(exc).__name__}: {str(exc)[:100]}"
    finally:
        signal.alarm(0)
    results[os.path.relpath(path, root)] = [outcome, round(time.perf_counter() - start, 3)]
print(json.dumps(results, ensure_ascii=False))
"""


# The Word readers are what these tests are about: the corpus's .doc files are converted by LibreOffice in
# tests/test_legacy_doc.py (two minutes of it), not a second time here.
WITHOUT_LIBREOFFICE = {**os.environ, "REPORTLINT_SOFFICE": ""}


@pytest.mark.slow
def test_every_corpus_file_reads_or_fails_cleanly():
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not available: {CORPUS}")
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(CORPUS), str(PER_FILE_SECONDS)],
            capture_output=True,
            text=True,
            timeout=TOTAL_SECONDS,
            env=WITHOUT_LIBREOFFICE,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading the corpus took longer than {TOTAL_SECONDS}s")
    assert proc.returncode == 0, proc.stderr[-2000:]
    results: dict[str, list] = json.loads(proc.stdout)

    assert len(results) > 0
    bad = {name: outcome for name, (outcome, _) in results.items()
           if outcome != "Document" and not outcome.startswith("InputError:")}
    assert bad == {}

    known = {
        "strict-supplement/strict.docx": "InputError:strict-ooxml",
        "strict-supplement/strict-format.docx": "InputError:strict-ooxml",
        "apache-poi/bug53475-password-is-pass.docx": "InputError:encrypted",
        "apache-poi/truncated62886.docx": "InputError:corrupt-zip",
        "apache-poi/stress025.docx": "InputError:no-document",
        "apache-poi/SampleDoc.doc": "InputError:legacy-doc",
        "python-docx/default.docx": "Document",
        "apache-poi/delins.docx": "Document",
    }
    for name, expected in known.items():
        if name in results:
            assert results[name][0] == expected, name


@pytest.mark.slow
def test_cli_over_the_whole_corpus_never_prints_a_traceback():
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not available: {CORPUS}")
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", str(CORPUS)], capture_output=True,
                          text=True, timeout=TOTAL_SECONDS, env=WITHOUT_LIBREOFFICE)
    assert proc.returncode == 2  # the corpus holds encrypted and corrupt files: reported, not fatal
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert lines and all(line.startswith(str(CORPUS)) and ": 错误: " in line for line in lines), lines[:5]
