"""Tests for the TOML fixer's edits other than renames (set-value, add, delete, comment-out), line endings and
the spelling of values: each request applied to an input text gives this exact output text."""

from __future__ import annotations

import pytest

from fix import reparse
from keyshift.core.model import Scalar
from keyshift.formats.toml.fix import plan_fix
from keyshift.formats.toml.parse import parse
from support.fix_cases import FixCase, check_fix, run_fix
from support.tables import each_case

OTHER_CASES: list[FixCase] = [
    # --- values
    FixCase("set a bool", "[a]\nk = false\n", "set-value", ("a", "k"), "[a]\nk = true\n", value=True),
    FixCase("set a float", "k = 1\n", "set-value", ("k",), "k = 2.5\n", value=2.5),
    FixCase(
        "a basic string stays basic, with escapes",
        'k = "old"  # c\n',
        "set-value",
        ("k",),
        'k = "say \\"hi\\"\\\\"  # c\n',
        value='say "hi"\\',
    ),
    FixCase("a literal string stays literal", "k = 'old'\n", "set-value", ("k",), "k = 'new'\n", value="new"),
    FixCase(
        "a literal string that cannot hold the text becomes basic",
        "k = 'old'\n",
        "set-value",
        ("k",),
        'k = "it\'s"\n',
        value="it's",
    ),
    FixCase(
        "an array element",
        "backoff = ['linear', 'fixed']\n",
        "set-value",
        ("backoff", "[0]"),
        "backoff = ['exponential', 'fixed']\n",
        value="exponential",
    ),
    FixCase(
        "a date stays a date literal",
        "day = 2023-05-01\n",
        "set-value",
        ("day",),
        "day = 2024-01-31\n",
        value="2024-01-31",
    ),
    FixCase(
        "inside an inline table", "s = { port = 80 }\n", "set-value", ("s", "port"), "s = { port = 8080 }\n", value=8080
    ),
    # --- add
    FixCase(
        "add to an existing table",
        "[hybrid]\nmode = 1\n\n[other]\n",
        "add",
        None,
        "[hybrid]\nmode = 1\nenable = true\n\n[other]\n",
        new_path=("hybrid", "enable"),
        value=True,
        has_value=True,
    ),
    FixCase(
        "add with a new parent: a header at the end",
        "[other]\nk = 1\n",
        "add",
        None,
        "[other]\nk = 1\n\n[hybrid]\nenable = true\n",
        new_path=("hybrid", "enable"),
        value=True,
        has_value=True,
        creates=frozenset({("hybrid",)}),
    ),
    FixCase(
        "add a root key: before the first header",
        "[server]\nport = 80\n",
        "add",
        None,
        'version = "2"\n\n[server]\nport = 80\n',
        new_path=("version",),
        value="2",
        has_value=True,
    ),
    FixCase(
        "add a root key after the last root key",
        "# top\nname = 'x'\n\n[server]\nport = 80\n",
        "add",
        None,
        "# top\nname = 'x'\nversion = 2\n\n[server]\nport = 80\n",
        new_path=("version",),
        value=2,
        has_value=True,
    ),
    FixCase(
        "add to an empty file",
        "",
        "add",
        None,
        "[a]\nb = 1\n",
        new_path=("a", "b"),
        value=1,
        has_value=True,
        creates=frozenset({("a",)}),
    ),
    FixCase(
        "add into an array-of-tables element",
        "[[w]]\nn = 1\n\n[[w]]\nn = 2\n",
        "add",
        None,
        "[[w]]\nn = 1\nm = 0\n\n[[w]]\nn = 2\n",
        new_path=("w", "[0]", "m"),
        value=0,
        has_value=True,
    ),
    # --- delete and comment out
    FixCase(
        "delete keeps the comment lines above",
        "[a]\nx = 1\n# about y\ny = 2  # y\nz = 3\n",
        "delete",
        ("a", "y"),
        "[a]\nx = 1\n# about y\nz = 3\n",
    ),
    FixCase(
        "delete drops one of the two blank lines it would leave",
        "a = 1\n\nb = 2\n\nc = 3\n",
        "delete",
        ("b",),
        "a = 1\n\nc = 3\n",
    ),
    FixCase(
        "delete with empty parents: the header goes too",
        "[keep]\nk = 1\n\n[legacy.opts]\nfallback = true\n",
        "delete",
        ("legacy", "opts", "fallback"),
        "[keep]\nk = 1\n",
        remove_empty_parents=True,
    ),
    FixCase(
        "delete without empty parents leaves the empty table",
        "[legacy]\nfallback = true\n",
        "delete",
        ("legacy", "fallback"),
        "[legacy]\n",
    ),
    FixCase(
        "delete a whole table: header, body and its sub-tables",
        "[a]\nx = 1\n\n[old]\n# c\ny = 2\n\n[old.sub]\nz = 3\n\n[b]\nw = 4\n",
        "delete",
        ("old",),
        "[a]\nx = 1\n\n[b]\nw = 4\n",
    ),
    FixCase(
        "delete one array-of-tables element", "[[w]]\nn = 1\n\n[[w]]\nn = 2\n", "delete", ("w", "[1]"), "[[w]]\nn = 1\n"
    ),
    FixCase(
        "comment out an entry, a multi-line value line by line",
        "[a]\n  x = 1\n  gossip = [\n    1,\n  ]  # ms\n",
        "comment-out",
        ("a", "gossip"),
        "[a]\n  x = 1\n  # keyshift: a.gossip was removed in 3.0\n  # gossip = [\n  #   1,\n  # ]  # ms\n",
        note="keyshift: a.gossip was removed in 3.0",
    ),
    FixCase(
        "comment out a whole table",
        "[a]\nx = 1\n\n[old]\ny = 2\n\n# next\n[b]\n",
        "comment-out",
        ("old",),
        "[a]\nx = 1\n\n# gone\n# [old]\n# y = 2\n\n# next\n[b]\n",
        note="gone",
    ),
    # --- line endings
    FixCase(
        "CRLF: new lines use CRLF",
        "[a]\r\nx = 1\r\ny = 2\r\n\r\n[b]\r\nz = 3\r\n",
        "rename",
        ("a", "y"),
        "[a]\r\nx = 1\r\n\r\n[b]\r\nz = 3\r\ny = 2\r\n",
        new_path=("b", "y"),
    ),
    FixCase(
        "no final newline: appending at the end adds the newline before",
        "[a]\nx = 1\ny = 2\n\n[b]\nz = 3",
        "rename",
        ("a", "y"),
        "[a]\nx = 1\n\n[b]\nz = 3\ny = 2",
        new_path=("b", "y"),
    ),
    FixCase(
        "no final newline: deleting the last line keeps it missing",
        "[a]\nx = 1\ny = 2",
        "delete",
        ("a", "y"),
        "[a]\nx = 1",
    ),
    FixCase(
        "no final newline: a new header at the end",
        "[a]\nx = 1\ny = 2",
        "rename",
        ("a", "y"),
        "[a]\nx = 1\n\n[b]\ny = 2",
        new_path=("b", "y"),
        creates=frozenset({("b",)}),
    ),
]


@each_case(OTHER_CASES)
def test_fix(case: FixCase) -> None:
    check_fix(case, parse, plan_fix, reparse.toml)


@pytest.mark.parametrize(
    ("old", "value", "written"),
    [
        ("1", True, "true"),
        ("1", False, "false"),
        ("1", -3, "-3"),
        ("1", 1e100, "1e+100"),
        ("1", float("inf"), "inf"),
        ("1", float("-inf"), "-inf"),
        ("1", float("nan"), "nan"),
        ("1", "text", '"text"'),
        ('"x"', "tab\there", '"tab\\there"'),
        ('"x"', "bell\x07", '"bell\\u0007"'),
        ("'x'", "a\nb", '"a\\nb"'),
        ('"""x"""', "a\nb", '"""a\\nb"""'),
        ("'''x'''", "plain", "'''plain'''"),
        ("'''x'''", "it's", '"""it\'s"""'),
        ("2023-05-01", "not a date", '"not a date"'),
        ("07:32:00", "08:00:00", "08:00:00"),
        ("1979-05-27", "1979-05-27 07:32:00Z", "1979-05-27 07:32:00Z"),
        ("1979-05-27", "2024-01-01 # not a date", '"2024-01-01 # not a date"'),
    ],
)
def test_value_spelling(old: str, value: Scalar, written: str) -> None:
    case = FixCase("", f"k = {old}\n", "set-value", ("k",), f"k = {written}\n", value=value)
    assert run_fix(case, parse, plan_fix).output == case.expected
