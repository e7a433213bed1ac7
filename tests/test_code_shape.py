"""The shape docs/architecture.md promises: small modules and functions, and format names kept in formats/.

Ruff checks complexity (C901, PLR0911/0912/0915); this checks what ruff does not: module and
function length, and that no module outside ``keyshift.formats`` names a format.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "keyshift"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

MODULES = sorted(SRC.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_module_is_short(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(path)} has {lines} lines"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_functions_are_short(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{_name(path)}:{node.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


FORMAT_NAMES = frozenset(
    {"yaml", "toml", "json", "jsonc", "ini", "properties", "dotenv", "dockerfile", "shell", "python"}
)


def _names_formats(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in FORMAT_NAMES
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_names_formats(element) for element in node.elts)
    return False


@pytest.mark.parametrize("path", [p for p in MODULES if "formats" not in p.relative_to(SRC).parts], ids=_name)
def test_no_module_outside_formats_tests_a_format_name(path: Path) -> None:
    """Traits (``format_info(name).traits``) replace ``parsed.format == "dotenv"`` and the like."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tests = [
        f"{_name(path)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare)
        and ast.unparse(node.left).split(".")[-1] in ("format", "format_name", "fmt")
        and any(_names_formats(c) for c in node.comparators)
    ]
    assert tests == []
