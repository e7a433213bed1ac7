"""What the TOML fixer refuses, and why: each request on a given text -> the words of its reason."""

from __future__ import annotations

from keyshift.formats.toml.fix import plan_fix
from keyshift.formats.toml.parse import parse
from support.fix_cases import FixCase, refusal
from support.tables import each_case

CANNOT_CASES: list[FixCase] = [
    FixCase("null value", "k = 1\n", "set-value", ("k",), "TOML has no null value", value=None),
    FixCase("target exists", "a = 1\nb = 2\n", "rename", ("a",), "b already exists", new_path=("b",)),
    FixCase("table target exists", "[a]\nx = 1\n[b]\ny = 2\n", "rename", ("a",), "b already exists", new_path=("b",)),
    FixCase(
        "move out of an inline table",
        "s = { a = 1 }\n[t]\n",
        "rename",
        ("s", "a"),
        "inside an inline table",
        new_path=("t", "a"),
    ),
    FixCase("delete inside an inline table", "s = { a = 1, b = 2 }\n", "delete", ("s", "a"), "inline table"),
    FixCase(
        "comment out inside an inline table",
        "s = { a = 1, b = 2 }\n",
        "comment-out",
        ("s", "a"),
        "inline table",
        note="x",
    ),
    FixCase(
        "move into an inline table",
        "s = { a = 1 }\nb = 2\n",
        "rename",
        ("b",),
        "s is an inline table",
        new_path=("s", "b"),
    ),
    FixCase(
        "add into an inline table", "s = { a = 1 }\n", "add", None, "s is an inline table", new_path=("s", "b"), value=1
    ),
    FixCase(
        "move out of an array of tables",
        "[[w]]\nn = 1\n[t]\n",
        "rename",
        ("w", "[0]", "n"),
        "array of tables",
        new_path=("t", "n"),
    ),
    FixCase(
        "move into an array of tables",
        "[[w]]\nn = 1\n[t]\nm = 1\n",
        "rename",
        ("t", "m"),
        "array of tables",
        new_path=("w", "m"),
    ),
    FixCase(
        "parent is a value", "a = 1\nb = 2\n", "rename", ("b",), "a holds a value, not a table", new_path=("a", "b")
    ),
    FixCase("set a list to a scalar", "a = [1]\n", "set-value", ("a",), "holds a list", value=1),
    FixCase("set a table to a scalar", "[a]\nx = 1\n", "set-value", ("a",), "is a table", value=1),
    FixCase(
        "a table written with dotted keys cannot move",
        "[a]\nb.c = 1\nb.d = 2\n[z]\n",
        "rename",
        ("a", "b"),
        "a.b is written with dotted keys",
        new_path=("z", "b"),
    ),
    FixCase("an array element has no key", "a = [1, 2]\n", "rename", ("a", "[0]"), "array element", new_path=("b",)),
    FixCase(
        "delete an element that others follow",
        "[[w]]\nn = 1\n[[w]]\nn = 2\n",
        "delete",
        ("w", "[0]"),
        "not the last element",
    ),
    FixCase("move a table into itself", "[a]\nx = 1\n", "rename", ("a",), "into itself", new_path=("a", "b", "a")),
    FixCase("rename a value onto its own name", "a = 1\n", "rename", ("a",), "already has that name", new_path=("a",)),
    FixCase(
        "a new table cannot go inside an array-of-tables element",
        "[[w]]\nn = 1\n[t]\nk = 1\n",
        "add",
        None,
        "cannot create a table inside w",
        new_path=("w", "[0]", "sub", "k"),
        value=1,
    ),
    FixCase(
        "add under an array-of-tables element that is not there",
        "[[w]]\nn = 1\n",
        "add",
        None,
        "add the key by hand",
        new_path=("w", "[3]", "n"),
        value=1,
    ),
]


@each_case(CANNOT_CASES)
def test_cannot_fix(case: FixCase) -> None:
    assert case.expected in refusal(case, parse, plan_fix)
