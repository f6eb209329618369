"""Shell completion (argcomplete, from the parser): the scripts for bash, zsh and fish, and what a shell is
offered — commands, options, choices, rule ids."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def offered(line: str, tmp_path) -> list[str]:
    """What ``reportlint`` answers a shell completing ``line`` (cursor at its end)."""
    out = tmp_path / "completions"
    env = dict(os.environ, COMP_LINE=line, COMP_POINT=str(len(line)), _ARGCOMPLETE="1",
               _ARGCOMPLETE_STDOUT_FILENAME=str(out))
    proc = subprocess.run([sys.executable, "-m", "reportlint"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return sorted(w.strip() for w in out.read_text(encoding="utf-8").split("\v") if w.strip())


def test_commands_options_and_choices(tmp_path):
    assert offered("reportlint ", tmp_path) == sorted(
        ["-h", "--help", "--version", "check", "annotate", "dump", "explain", "rules", "config", "completion", "lsp"])
    assert offered("reportlint check --for", tmp_path) == ["--format"]
    assert offered("reportlint check --format s", tmp_path) == ["sarif"]
    assert offered("reportlint completion ", tmp_path) == ["--help", "-h", "bash", "fish", "zsh"]


def test_rule_ids_for_explain_and_the_selection(tmp_path):
    assert offered("reportlint explain t3-", tmp_path) == ["t3-balance", "t3-results-total", "t3-row-total"]
    assert offered("reportlint check --ignore section-e", tmp_path) == ["section-empty"]
    assert offered("reportlint check --select blank-cell,agg", tmp_path) == ["blank-cell,aggregate-mismatch"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script(shell):
    proc = subprocess.run([sys.executable, "-m", "reportlint", "completion", shell], capture_output=True, text=True)
    assert proc.returncode == 0 and "reportlint" in proc.stdout and "_ARGCOMPLETE" in proc.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_with_the_script_it_loads():
    script = ('eval "$(reportlint completion bash)"\n'
              'COMP_LINE="reportlint explain t3-r"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(reportlint explain t3-r)\n'
              "COMP_CWORD=2; _python_argcomplete reportlint; printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert proc.stdout.split() == ["t3-results-total", "t3-row-total"], proc.stderr
