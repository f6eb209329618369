"""The shape of the code, kept: every package shipped, the layers' imports pointing one way."""

from __future__ import annotations

from pathlib import Path

import tomllib

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "reportlint"


def test_every_package_is_shipped():
    # a package left out of pyproject.toml works in the source tree and is missing from the installed hook
    listed = set(tomllib.loads((SRC.parent / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(SRC).parts) for p in PACKAGE.rglob("__init__.py")}
    assert "reportlint.model" in found and found - listed == set()
