"""The package's shape stays readable: modules and functions of a size one can read, no
module reaching into another's private names, few modules at the top."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "helpers"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
MAX_TOP_MODULES = 12


def _modules() -> list[Path]:
    return sorted(PKG.rglob("*.py"))


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_the_checks_see_the_package():
    assert len(_modules()) > 10
    assert any(True for p in _modules() for _ in _functions(ast.parse(p.read_text(encoding="utf-8"))))


def test_modules_are_short():
    long = {str(p.relative_to(PKG)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, long


def test_functions_are_short():
    long = {}
    for p in _modules():
        for fn in _functions(ast.parse(p.read_text(encoding="utf-8"))):
            n = fn.end_lineno - fn.lineno + 1
            if n > MAX_FUNCTION_LINES:
                long[f"{p.relative_to(PKG)}:{fn.name}"] = n
    assert not long, long


def test_no_private_names_across_modules():
    reads = []
    for p in _modules():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("helpers")):
                reads += [f"{p.relative_to(PKG)}: {node.module}.{a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
    assert not reads, reads


def test_few_modules_at_the_top():
    top = [p.stem for p in PKG.glob("*.py") if p.stem not in ("__init__", "__main__")]
    assert len(top) <= MAX_TOP_MODULES, sorted(top)
