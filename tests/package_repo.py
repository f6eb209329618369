"""This project's package files committed to a Git repository of their own, as pre-commit and pip see a release: for
the tests of the hook and of the README's install lines."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_FILES = ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "rules"]


def git_env(home: Path) -> dict[str, str]:
    """An environment for git and pre-commit that reads nothing of the user's (config, caches) under ``home``."""
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", PRE_COMMIT_HOME=str(home / "cache"),
               GIT_CONFIG_GLOBAL=str(home / "gitconfig"), GIT_CONFIG_NOSYSTEM="1")
    env.pop("VIRTUAL_ENV", None)
    return env


def git(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)


def committed_copy(dest: Path, env: dict[str, str], message: str) -> str:
    """The package files copied to ``dest`` (made), committed there; the commit's id."""
    dest.mkdir()
    for name in PACKAGE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, dest / name)
    git(dest, "init", "-q", env=env)
    git(dest, "add", "-A", env=env)
    git(dest, "commit", "-qm", message, env=env)
    return git(dest, "rev-parse", "HEAD", env=env).stdout.strip()
