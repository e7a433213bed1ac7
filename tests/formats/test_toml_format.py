"""Tests for the TOML adapter: occurrences with exact positions, values, errors, tomllib parity.  (The layout:
``test_toml_format_layout``.)"""

from __future__ import annotations

import math
import tomllib
from typing import Any

import pytest

from keyshift.core.model import ParsedFile, Scalar
from keyshift.formats.toml.parse import TomlLayout, parse
from support.parsing import parse_or_refuse, syntax_error
from support.rows import Row, rows
from support.tables import each_row

OCCURRENCE_CASES: list[tuple[str, str, list[Row]]] = [
    (
        "root keys",
        'a = 1\nb = "x"  # c\n',
        [
            ("a", ("a",), "scalar", 1, "1:1-1:2", "1:5-1:6", ""),
            ("b", ("b",), "scalar", "x", "2:1-2:2", "2:5-2:8", ""),
        ],
    ),
    (
        "table with blank lines and a trailing comment",
        '[server]\nhost = "h"\n\nport = 80 # p\n\n# trailing\n',
        [
            ("server", ("server",), "mapping", None, "1:2-1:8", "1:1-4:10", ""),
            ("server.host", ("server", "host"), "scalar", "h", "2:1-2:5", "2:8-2:11", ""),
            ("server.port", ("server", "port"), "scalar", 80, "4:1-4:5", "4:8-4:10", ""),
        ],
    ),
    (
        "empty table: the header is the value span",
        "[empty]\n# nothing\n[next]\nk = 1\n",
        [
            ("empty", ("empty",), "mapping", None, "1:2-1:7", "1:1-1:8", ""),
            ("next", ("next",), "mapping", None, "3:2-3:6", "3:1-4:6", ""),
            ("next.k", ("next", "k"), "scalar", 1, "4:1-4:2", "4:5-4:6", ""),
        ],
    ),
    (
        "dotted keys, with whitespace around the dots",
        "a.b.c = true\nx . y= 2\n",
        [
            ("a", ("a",), "mapping", None, "1:1-1:6", "1:9-1:13", "implicit"),
            ("a.b", ("a", "b"), "mapping", None, "1:1-1:6", "1:9-1:13", "implicit"),
            ("a.b.c", ("a", "b", "c"), "scalar", True, "1:1-1:6", "1:9-1:13", ""),
            ("x", ("x",), "mapping", None, "2:1-2:6", "2:8-2:9", "implicit"),
            ("x.y", ("x", "y"), "scalar", 2, "2:1-2:6", "2:8-2:9", ""),
        ],
    ),
    (
        "quoted keys keep dots and quotes; escapes are decoded in the path",
        "\"a.b\".c = 1\n'x.y' = 2\n\"\\u00e9\" = 3\n'' = 4\n",
        [
            ('"a.b"', ("a.b",), "mapping", None, "1:1-1:8", "1:11-1:12", "implicit"),
            ('"a.b".c', ("a.b", "c"), "scalar", 1, "1:1-1:8", "1:11-1:12", ""),
            ("'x.y'", ("x.y",), "scalar", 2, "2:1-2:6", "2:9-2:10", ""),
            ('"\\u00e9"', ("\u00e9",), "scalar", 3, "3:1-3:9", "3:12-3:13", ""),
            ("''", ("",), "scalar", 4, "4:1-4:3", "4:6-4:7", ""),
        ],
    ),
    (
        "mixed [a] and dotted keys below it",
        "[a]\nb.c = 1\nd = 2\n",
        [
            ("a", ("a",), "mapping", None, "1:2-1:3", "1:1-3:6", ""),
            ("a.b", ("a", "b"), "mapping", None, "2:1-2:4", "2:7-2:8", "implicit"),
            ("a.b.c", ("a", "b", "c"), "scalar", 1, "2:1-2:4", "2:7-2:8", ""),
            ("a.d", ("a", "d"), "scalar", 2, "3:1-3:2", "3:5-3:6", ""),
        ],
    ),
    (
        "dotted and quoted header keys",
        '[ "q.r" . s ]\n[x.y.z]\n',
        [
            ('"q.r"', ("q.r",), "mapping", None, "1:3-1:12", "1:1-1:14", "implicit"),
            ('"q.r".s', ("q.r", "s"), "mapping", None, "1:3-1:12", "1:1-1:14", ""),
            ("x", ("x",), "mapping", None, "2:2-2:7", "2:1-2:8", "implicit"),
            ("x.y", ("x", "y"), "mapping", None, "2:2-2:7", "2:1-2:8", "implicit"),
            ("x.y.z", ("x", "y", "z"), "mapping", None, "2:2-2:7", "2:1-2:8", ""),
        ],
    ),
    (
        "the tool.ruff example",
        "[tool]\nruff.select = []\n",
        [
            ("tool", ("tool",), "mapping", None, "1:2-1:6", "1:1-2:17", ""),
            ("tool.ruff", ("tool", "ruff"), "mapping", None, "2:1-2:12", "2:15-2:17", "implicit"),
            ("tool.ruff.select", ("tool", "ruff", "select"), "sequence", None, "2:1-2:12", "2:15-2:17", ""),
        ],
    ),
    (
        "array of tables",
        '[[fruit]]\nname = "apple"\n\n[[fruit]]\nname = "banana"\n',
        [
            ("fruit", ("fruit",), "sequence", None, "1:3-1:8", "1:1-2:15", ""),
            ("fruit[0]", ("fruit", "[0]"), "mapping", None, "1:3-1:8", "1:1-2:15", "element"),
            ("fruit[0].name", ("fruit", "[0]", "name"), "scalar", "apple", "2:1-2:5", "2:8-2:15", ""),
            ("fruit", ("fruit",), "sequence", None, "4:3-4:8", "4:1-5:16", "implicit"),
            ("fruit[1]", ("fruit", "[1]"), "mapping", None, "4:3-4:8", "4:1-5:16", "element"),
            ("fruit[1].name", ("fruit", "[1]", "name"), "scalar", "banana", "5:1-5:5", "5:8-5:16", ""),
        ],
    ),
    (
        "sub-table of an array of tables",
        "[[fruit]]\n[fruit.physical]\ncolor = 1\n",
        [
            ("fruit", ("fruit",), "sequence", None, "1:3-1:8", "1:1-1:10", ""),
            ("fruit[0]", ("fruit", "[0]"), "mapping", None, "1:3-1:8", "1:1-1:10", "element"),
            ("fruit", ("fruit",), "sequence", None, "2:2-2:16", "2:1-3:10", "implicit"),
            ("fruit[0].physical", ("fruit", "[0]", "physical"), "mapping", None, "2:2-2:16", "2:1-3:10", ""),
            (
                "fruit[0].physical.color",
                ("fruit", "[0]", "physical", "color"),
                "scalar",
                1,
                "3:1-3:6",
                "3:9-3:10",
                "",
            ),
        ],
    ),
    (
        "nested arrays of tables index into the latest element",
        "[[a]]\n[[a.b]]\nx = 1\n[a.b.c]\n[[a]]\n[[a.b]]\n",
        [
            ("a", ("a",), "sequence", None, "1:3-1:4", "1:1-1:6", ""),
            ("a[0]", ("a", "[0]"), "mapping", None, "1:3-1:4", "1:1-1:6", "element"),
            ("a", ("a",), "sequence", None, "2:3-2:6", "2:1-3:6", "implicit"),
            ("a[0].b", ("a", "[0]", "b"), "sequence", None, "2:3-2:6", "2:1-3:6", ""),
            ("a[0].b[0]", ("a", "[0]", "b", "[0]"), "mapping", None, "2:3-2:6", "2:1-3:6", "element"),
            ("a[0].b[0].x", ("a", "[0]", "b", "[0]", "x"), "scalar", 1, "3:1-3:2", "3:5-3:6", ""),
            ("a", ("a",), "sequence", None, "4:2-4:7", "4:1-4:8", "implicit"),
            ("a[0].b", ("a", "[0]", "b"), "sequence", None, "4:2-4:7", "4:1-4:8", "implicit"),
            ("a[0].b[0].c", ("a", "[0]", "b", "[0]", "c"), "mapping", None, "4:2-4:7", "4:1-4:8", ""),
            ("a", ("a",), "sequence", None, "5:3-5:4", "5:1-5:6", "implicit"),
            ("a[1]", ("a", "[1]"), "mapping", None, "5:3-5:4", "5:1-5:6", "element"),
            ("a", ("a",), "sequence", None, "6:3-6:6", "6:1-6:8", "implicit"),
            ("a[1].b", ("a", "[1]", "b"), "sequence", None, "6:3-6:6", "6:1-6:8", ""),
            ("a[1].b[0]", ("a", "[1]", "b", "[0]"), "mapping", None, "6:3-6:6", "6:1-6:8", "element"),
        ],
    ),
    (
        "inline tables, nested and with dotted keys",
        'p = { x = 1, y.z = { w = "v" } }\ne = {}\n',
        [
            ("p", ("p",), "mapping", None, "1:1-1:2", "1:5-1:33", ""),
            ("p.x", ("p", "x"), "scalar", 1, "1:7-1:8", "1:11-1:12", ""),
            ("p.y", ("p", "y"), "mapping", None, "1:14-1:17", "1:20-1:31", "implicit"),
            ("p.y.z", ("p", "y", "z"), "mapping", None, "1:14-1:17", "1:20-1:31", ""),
            ("p.y.z.w", ("p", "y", "z", "w"), "scalar", "v", "1:22-1:23", "1:26-1:29", ""),
            ("e", ("e",), "mapping", None, "2:1-2:2", "2:5-2:7", ""),
        ],
    ),
    (
        "multi-line array with comments, nesting and a trailing comma",
        "list = [\n  1, # one\n  # comment\n  [2, 3],\n]\nafter = 3\n",
        [
            ("list", ("list",), "sequence", None, "1:1-1:5", "1:8-5:2", ""),
            ("list[0]", ("list", "[0]"), "scalar", 1, "2:3-2:4", "2:3-2:4", "element"),
            ("list[1]", ("list", "[1]"), "sequence", None, "4:3-4:9", "4:3-4:9", "element"),
            ("list[1][0]", ("list", "[1]", "[0]"), "scalar", 2, "4:4-4:5", "4:4-4:5", "element"),
            ("list[1][1]", ("list", "[1]", "[1]"), "scalar", 3, "4:7-4:8", "4:7-4:8", "element"),
            ("after", ("after",), "scalar", 3, "6:1-6:6", "6:9-6:10", ""),
        ],
    ),
    (
        "inline tables inside an array continue the path",
        "deps = [{ name = 'x' }, {}]\n",
        [
            ("deps", ("deps",), "sequence", None, "1:1-1:5", "1:8-1:28", ""),
            ("deps[0]", ("deps", "[0]"), "mapping", None, "1:9-1:23", "1:9-1:23", "element"),
            ("deps[0].name", ("deps", "[0]", "name"), "scalar", "x", "1:11-1:15", "1:18-1:21", ""),
            ("deps[1]", ("deps", "[1]"), "mapping", None, "1:25-1:27", "1:25-1:27", "element"),
        ],
    ),
    (
        "multi-line strings keep the following positions right",
        's = """\nline "one" = 2\n[not.a.table]\nline two"""\nt = \'\'\'x\n\'y\'\'\'\nu = 1\n',
        [
            ("s", ("s",), "scalar", 'line "one" = 2\n[not.a.table]\nline two', "1:1-1:2", "1:5-4:12", ""),
            ("t", ("t",), "scalar", "x\n'y", "5:1-5:2", "5:5-6:6", ""),
            ("u", ("u",), "scalar", 1, "7:1-7:2", "7:5-7:6", ""),
        ],
    ),
    (
        "multi-line basic string with escapes and up to two quotes before the delimiter",
        'a = """\\"""\\\n  x""""\nb = \'\'\'\'\'\'\'\nc = 0\n',
        [
            ("a", ("a",), "scalar", '"""x"', "1:1-1:2", "1:5-2:8", ""),
            ("b", ("b",), "scalar", "'", "3:1-3:2", "3:5-3:12", ""),
            ("c", ("c",), "scalar", 0, "4:1-4:2", "4:5-4:6", ""),
        ],
    ),
    (
        "CRLF line endings",
        "a = 1\r\n[t]\r\nb = [\r\n  2,\r\n]  # c\r\nc = 3\r\n",
        [
            ("a", ("a",), "scalar", 1, "1:1-1:2", "1:5-1:6", ""),
            ("t", ("t",), "mapping", None, "2:2-2:3", "2:1-6:6", ""),
            ("t.b", ("t", "b"), "sequence", None, "3:1-3:2", "3:5-5:2", ""),
            ("t.b[0]", ("t", "b", "[0]"), "scalar", 2, "4:3-4:4", "4:3-4:4", "element"),
            ("t.c", ("t", "c"), "scalar", 3, "6:1-6:2", "6:5-6:6", ""),
        ],
    ),
    (
        "CRLF inside a multi-line string",
        's = """\r\nx\r\ny"""\r\nz = 1\r\n',
        [
            ("s", ("s",), "scalar", "x\ny", "1:1-1:2", "1:5-3:5", ""),
            ("z", ("z",), "scalar", 1, "4:1-4:2", "4:5-4:6", ""),
        ],
    ),
    (
        "unicode keys and values: columns count characters",
        '"ключ" = "значение"\n"日本".\'語\' = "語" # ok\n["ü"]\nz = "ß"\n',
        [
            ('"ключ"', ("ключ",), "scalar", "значение", "1:1-1:7", "1:10-1:20", ""),
            ('"日本"', ("日本",), "mapping", None, "2:1-2:9", "2:12-2:15", "implicit"),
            ("\"日本\".'語'", ("日本", "語"), "scalar", "語", "2:1-2:9", "2:12-2:15", ""),
            ('"ü"', ("ü",), "mapping", None, "3:2-3:5", "3:1-4:8", ""),
            ('"ü".z', ("ü", "z"), "scalar", "ß", "4:1-4:2", "4:5-4:8", ""),
        ],
    ),
    (
        "no trailing newline, comments and blank lines only around",
        "# head\n\n  \tk = 'v'",
        [("k", ("k",), "scalar", "v", "3:4-3:5", "3:8-3:11", "")],
    ),
    ("empty document", "", []),
    ("comments only", "# a\r\n\n# b", []),
    (
        "NEL, LS and PS in a string and a comment are characters of their line",
        'a = "x\x85\u2028\u2029y" # \x85\r\nb = 1\r\n',
        [
            ("a", ("a",), "scalar", "x\x85\u2028\u2029y", "1:1-1:2", "1:5-1:12", ""),
            ("b", ("b",), "scalar", 1, "2:1-2:2", "2:5-2:6", ""),
        ],
    ),
]


@each_row(("text", "expected"), OCCURRENCE_CASES)
def test_occurrences(text: str, expected: list[Row]) -> None:
    assert rows(parse(text)) == expected


VALUE_CASES: list[tuple[str, Scalar]] = [
    ('"basic \\t \\u00e9 \\"q\\""', 'basic \t é "q"'),
    ("'C:\\path'", "C:\\path"),
    ('""', ""),
    ('"""\nfirst\\\n   second"""', "firstsecond"),
    ("'''\nraw \\n'''", "raw \\n"),
    ("42", 42),
    ("+17", 17),
    ("-0", 0),
    ("1_000_000", 1000000),
    ("0xDEAD_beef", 0xDEADBEEF),
    ("0o755", 0o755),
    ("0b1101", 0b1101),
    ("3.14", 3.14),
    ("-0.01", -0.01),
    ("5e+22", 5e22),
    ("6.626e-34", 6.626e-34),
    ("1_0.5_0", 10.5),
    ("inf", math.inf),
    ("+inf", math.inf),
    ("-inf", -math.inf),
    ("true", True),
    ("false", False),
    ("1979-05-27T07:32:00Z", "1979-05-27T07:32:00Z"),
    ("1979-05-27T00:32:00.999999-07:00", "1979-05-27T00:32:00.999999-07:00"),
    ("1979-05-27 07:32:00+01:00", "1979-05-27 07:32:00+01:00"),
    ("1979-05-27t07:32:00", "1979-05-27t07:32:00"),
    ("1979-05-27", "1979-05-27"),
    ("07:32:00.5", "07:32:00.5"),
]


@pytest.mark.parametrize(("value_text", "expected"), VALUE_CASES)
def test_scalar_values(value_text: str, expected: Scalar) -> None:
    text = f"v = {value_text} # after\nnext = 1\n"
    first, second = parse(text).documents[0].occurrences
    assert first.value_kind == "scalar"
    assert first.value == expected
    assert type(first.value) is type(expected)
    assert first.value_span is not None
    assert first.value_span.start.offset == 4
    assert first.value_span.end.offset == 4 + len(value_text)
    assert (second.key_span.start.line, second.key_span.start.column) == (
        2 + value_text.count("\n"),
        1,
    )


@pytest.mark.parametrize("value_text", ["nan", "+nan", "-nan"])
def test_nan_values(value_text: str) -> None:
    (occ,) = parse(f"v = {value_text}").documents[0].occurrences
    assert isinstance(occ.value, float)
    assert math.isnan(occ.value)


def test_parsed_file_shape() -> None:
    text = "a = 1\n"
    parsed = parse(text)
    assert parsed.format == "toml"
    assert parsed.text is text
    assert parsed.typed is True
    (document,) = parsed.documents
    assert document.index == 0
    assert document.root_kind == "mapping"
    assert (document.span.start.offset, document.span.end.offset) == (0, len(text))
    assert isinstance(parsed.tree, TomlLayout)


ERROR_CASES: list[tuple[str, str, int, int, str]] = [
    ("missing value at end of document", "a = ", 1, 5, "Invalid value"),
    ("two values on one line", "a = 1\nb = 2 3", 2, 7, "Expected newline or end of document"),
    ("unclosed header", "[a\nb = 1", 1, 3, "Expected ']'"),
    ("unterminated string", 'a = "unterminated\n', 1, 18, "Illegal character"),
    ("duplicate key", "a = 1\na = 2", 2, 6, "Cannot overwrite a value"),
    ("unclosed array", "a = [1, 2", 1, 10, "Unclosed array"),
    ("trailing comma in an inline table", "a = {b = 1,}", 1, 12, "Invalid initial character"),
    ("table redefines an array of tables", "[[a]]\n[a]", 2, 3, "Cannot declare"),
    ("bad escape", 'a = "\\q"', 1, 8, "Unescaped"),
    ("impossible date", "d = 1979-02-30", 1, 5, "Invalid date or datetime"),
    ("error after CRLF lines", "x = 1\r\ny = @\r\n", 2, 5, "Invalid value"),
    ("non-ASCII bare key", "ключ = 1", 1, 1, "Invalid statement"),
    ("unicode columns count characters", '"ключ" = 1 2', 1, 12, "Expected newline"),
    ("unterminated multi-line string at end", 'x = """\nabc', 2, 4, "Unterminated string"),
    ("control character", "a = 1\x00", 1, 6, "Expected newline"),
    ("missing key", "= 1", 1, 1, "Invalid statement"),
    ("table over a dotted value", "a.b = 1\n[a.b]", 2, 5, "Cannot overwrite a value"),
    ("lone carriage return", "a = 1\r", 1, 6, "Expected newline"),
    ("nested too deeply", "a = " + "[" * 5000, 1, 105, "nesting deeper than 100 levels is not supported"),
]


@each_row(("text", "line", "column", "message"), ERROR_CASES)
def test_syntax_errors(text: str, line: int, column: int, message: str) -> None:
    error = syntax_error(parse, text)
    assert (error.line, error.column) == (line, column)
    assert message in error.message
    assert "(at " not in error.message


# --- parity with tomllib ------------------------------------------------------------------------


RICH_DOCUMENTS = [
    """\
# This is a TOML document
title = "TOML Example"

[owner]
name = "Tom Preston-Werner"
dob = 1979-05-27T07:32:00-08:00

[database]
enabled = true
ports = [ 8000, 8001, 8002 ]
data = [ ["delta", "phi"], [3.14] ]
temp_targets = { cpu = 79.5, case = 72.0 }

[servers]

[servers.alpha]
ip = "10.0.0.1"
role = "frontend"

[servers.beta]
ip = "10.0.0.2"
role = "backend"
""",
    """\
[project]
name = "keyshift"
dependencies = [
  "typer>=0.12",  # cli
  "tomlkit>=0.12",
]
optional-dependencies.test = ["pytest"]
"urls"."Home Page" = 'https://example.org'

[tool.ruff]
line-length = 110
lint.select = ["E", "F"]
lint.per-file-ignores."tests/*" = ["E501"]

[[tool.mypy.overrides]]
module = ["a.*"]
ignore_missing_imports = true

[[tool.mypy.overrides]]
module = ["b.*"]
""",
    """\
[[fruits]]
name = "apple"

[fruits.physical]  # subtable
color = "red"
shape = "round"

[[fruits.varieties]]  # nested array of tables
name = "red delicious"

[[fruits.varieties]]
name = "granny smith"

[[fruits]]
name = "banana"

[[fruits.varieties]]
name = "plantain"

[a . "b.c" . 'd']
multi = '''
[not.a.header]
x = 1
'''
e = { f.g = [1, { h = 2 }], i = {} }
empty = []
times = [07:32:00, 1979-05-27, 1979-05-27 07:32:00Z]
""",
    "k = 1\r\n[t]\r\nv = [\r\n  1,\r\n  2,  # c\r\n]\r\n[[t.u]]\r\nw = 'x'\r\n",
]


def _paths(value: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """Every path of a tomllib result, mapped to its value."""
    out: dict[tuple[str, ...], Any] = {}
    children: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = [(f"[{i}]", item) for i, item in enumerate(value)]
    for name, child in children:
        out[(*prefix, name)] = child
        out.update(_paths(child, (*prefix, name)))
    return out


def _leaves(paths: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    prefixes = {path[:i] for path in paths for i in range(len(path))}
    return paths - prefixes


def _check_against_tomllib(parsed: ParsedFile) -> None:
    expected = _paths(tomllib.loads(parsed.text))
    occurrences = parsed.documents[0].occurrences
    assert {o.path for o in occurrences} == set(expected)
    explicit = {o.path for o in occurrences if not o.implicit}
    assert _leaves(explicit) == _leaves(set(expected))
    text = parsed.text
    for occ in occurrences:
        assert occ.value_span is not None
        value_text = text[occ.value_span.start.offset : occ.value_span.end.offset]
        if occ.value_kind == "scalar":
            assert occ.value == tomllib.loads("v = " + value_text)["v"] or isinstance(occ.value, str)
            truth = expected[occ.path]
            if isinstance(truth, str | int | float | bool):
                assert occ.value == truth
            else:
                assert occ.value == value_text
        else:
            expected_kind = "mapping" if isinstance(expected[occ.path], dict) else "sequence"
            assert occ.value_kind == expected_kind


@pytest.mark.parametrize("text", RICH_DOCUMENTS)
def test_paths_and_values_match_tomllib(text: str) -> None:
    _check_against_tomllib(parse(text))


@pytest.mark.parametrize("text", RICH_DOCUMENTS[1:3])
def test_every_single_character_deletion_parses_or_raises(text: str) -> None:
    """Damaged input gives a ParsedFile that agrees with tomllib, or a ConfigSyntaxError."""
    for index in range(len(text)):
        damaged = text[:index] + text[index + 1 :]
        parsed = parse_or_refuse(parse, damaged)
        if parsed is not None:
            _check_against_tomllib(parsed)
