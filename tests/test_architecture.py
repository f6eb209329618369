"""The shape of the code, kept: every package shipped, small modules and functions, type hints where rule authors
work, and imports pointing one way through the layers (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "reportlint"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The reportlint modules ``path`` imports, at module level or inside functions."""
    name = _name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    modules = {_name(p) for p in MODULES}
    return {t for t in found if t in modules and t != name}


def test_every_package_is_shipped():
    # a package left out of pyproject.toml works in the source tree and is missing from the installed hook
    block = re.search(r"^packages = \[(.*?)\]", (SRC.parent / "pyproject.toml").read_text(), re.S | re.M)
    listed = set(re.findall(r'"([\w.]+)"', block.group(1)))  # tomllib is not in Python 3.10
    found = {".".join(p.parent.relative_to(SRC).parts) for p in PACKAGE.rglob("__init__.py")}
    assert "reportlint.model" in found and found - listed == set()


def test_no_module_over_500_lines_and_no_function_over_60():
    long_modules = [f"{_name(p)}: {n}" for p in MODULES if (n := len(p.read_text().splitlines())) > 500]
    long_functions = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                if (n := node.end_lineno - node.lineno + 1) > 60:
                    long_functions.append(f"{_name(path)}.{node.name}: {n}")
    assert long_modules == [] and long_functions == []


@pytest.mark.parametrize("package", ["reportlint.checks", "reportlint.model", "reportlint.engine"])
def test_every_parameter_and_public_return_is_typed(package):
    missing = []
    for path in MODULES:
        if not (_name(path) == package or _name(path).startswith(package + ".")):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                args = [a for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs
                        if a.arg not in ("self", "cls")]
                missing += [f"{_name(path)}.{node.name}({a.arg})" for a in args if a.annotation is None]
                if node.returns is None and not node.name.startswith("_"):
                    missing.append(f"{_name(path)}.{node.name} -> ?")
    assert missing == []


# layer → what it may not import (by module name prefix): the flow is readers → model → checks → engine → output
FORBIDDEN = {
    "reportlint.model": ("reportlint.readers", "reportlint.checks", "reportlint.pack", "reportlint.output",
                         "reportlint.api", "reportlint.cli", "reportlint.engine", "reportlint.batch"),
    "reportlint.readers": ("reportlint.checks", "reportlint.pack", "reportlint.output", "reportlint.api",
                           "reportlint.cli", "reportlint.engine", "reportlint.batch", "reportlint.config"),
    "reportlint.pack": ("reportlint.checks", "reportlint.readers", "reportlint.output", "reportlint.api",
                        "reportlint.cli", "reportlint.engine", "reportlint.batch", "reportlint.rulepack"),
    "reportlint.checks": ("reportlint.readers", "reportlint.output", "reportlint.api", "reportlint.cli",
                          "reportlint.engine", "reportlint.batch", "reportlint.config", "reportlint.rulepack"),
    "reportlint.output": ("reportlint.api", "reportlint.cli", "reportlint.engine", "reportlint.batch"),
    "reportlint.engine": ("reportlint.batch", "reportlint.api", "reportlint.cli"),
}


def test_imports_point_one_way_through_the_layers():
    wrong = []
    for path in MODULES:
        name = _name(path)
        for layer, forbidden in FORBIDDEN.items():
            if name == layer or name.startswith(layer + "."):
                wrong += [f"{name} -> {t}" for t in _imports(path) if t.startswith(forbidden)]
    assert wrong == []


def test_no_import_cycles_among_the_readers_and_the_model():
    graph = {_name(p): {t for t in _imports(p) if t.startswith(("reportlint.readers.", "reportlint.model."))}
             for p in MODULES if _name(p).startswith(("reportlint.readers.", "reportlint.model."))}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and not seen.add(n) and reaches(n, goal, seen))
                   for n in graph.get(start, ()))

    assert [m for m in graph if reaches(m, m, set())] == []
