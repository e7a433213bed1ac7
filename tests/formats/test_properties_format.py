"""Tests for the .properties adapter: occurrences with exact positions, escapes, continuations, errors."""

from __future__ import annotations

import pytest

from keyshift.formats.properties.parse import PropertiesLayout, join_key, parse, split_property_key
from support.parsing import assert_syntax_error, random_parses
from support.rows import Row, rows
from support.tables import each_row

OCCURRENCE_CASES: list[tuple[str, str, list[Row]]] = [
    (
        "the three separators",
        "a=1\nb : 2\nc 3\n",
        [
            ("a", ("a",), "scalar", "1", "1:1-1:2", "1:3-1:4", ""),
            ("b", ("b",), "scalar", "2", "2:1-2:2", "2:5-2:6", ""),
            ("c", ("c",), "scalar", "3", "3:1-3:2", "3:3-3:4", ""),
        ],
    ),
    (
        "dotted keys give implicit prefixes sharing the spans",
        "server.ssl.enabled = true\n",
        [
            ("server", ("server",), "mapping", None, "1:1-1:19", "1:22-1:26", "implicit"),
            ("server.ssl", ("server", "ssl"), "mapping", None, "1:1-1:19", "1:22-1:26", "implicit"),
            ("server.ssl.enabled", ("server", "ssl", "enabled"), "scalar", "true", "1:1-1:19", "1:22-1:26", ""),
        ],
    ),
    (
        "indexed keys",
        "a.b[0].c=x\nl[1]=y\n",
        [
            ("a", ("a",), "mapping", None, "1:1-1:9", "1:10-1:11", "implicit"),
            ("a.b", ("a", "b"), "sequence", None, "1:1-1:9", "1:10-1:11", "implicit"),
            ("a.b[0]", ("a", "b", "[0]"), "mapping", None, "1:1-1:9", "1:10-1:11", "implicit element"),
            ("a.b[0].c", ("a", "b", "[0]", "c"), "scalar", "x", "1:1-1:9", "1:10-1:11", ""),
            ("l", ("l",), "sequence", None, "2:1-2:5", "2:6-2:7", "implicit"),
            ("l[1]", ("l", "[1]"), "scalar", "y", "2:1-2:5", "2:6-2:7", "element"),
        ],
    ),
    (
        "comments with # and !, blank lines, leading whitespace",
        "# c\n! d\n\n   k = v\n",
        [("k", ("k",), "scalar", "v", "4:4-4:5", "4:8-4:9", "")],
    ),
    (
        "continuation lines: the value span covers them, leading blanks skipped",
        "list = a,\\\n       b,\\\n  c\nnext=1\n",
        [
            ("list", ("list",), "scalar", "a,b,c", "1:1-1:5", "1:8-3:4", ""),
            ("next", ("next",), "scalar", "1", "4:1-4:5", "4:6-4:7", ""),
        ],
    ),
    (
        "an even number of trailing backslashes does not continue",
        "path=C:\\\\\nx=1\n",
        [
            ("path", ("path",), "scalar", "C:\\", "1:1-1:5", "1:6-1:10", ""),
            ("x", ("x",), "scalar", "1", "2:1-2:2", "2:3-2:4", ""),
        ],
    ),
    (
        "a continued comment line does not continue",
        "# c \\\nk=v\n",
        [("k", ("k",), "scalar", "v", "2:1-2:2", "2:3-2:4", "")],
    ),
    (
        "escapes in keys and values",
        "my\\ key\\:x\\=y = \\ lead\\ttab\\u00e9\\n\\#\n",
        [("my key:x=y", ("my key:x=y",), "scalar", " lead\ttabé\n#", "1:1-1:14", "1:17-1:38", "")],
    ),
    (
        "a surrogate pair is joined",
        "e=\\ud83d\\ude00\n",
        [("e", ("e",), "scalar", "\U0001f600", "1:1-1:2", "1:3-1:15", "")],
    ),
    (
        "trailing blanks belong to the value; a separator may be surrounded by blanks",
        "k   =   v  \n",
        [("k", ("k",), "scalar", "v  ", "1:1-1:2", "1:9-1:12", "")],
    ),
    (
        "a key alone, and a key with an empty value",
        "alone\nempty=\nsp =   \n",
        [
            ("alone", ("alone",), "scalar", "", "1:1-1:6", "1:6-1:6", ""),
            ("empty", ("empty",), "scalar", "", "2:1-2:6", "2:7-2:7", ""),
            ("sp", ("sp",), "scalar", "", "3:1-3:3", "3:8-3:8", ""),
        ],
    ),
    (
        "a second separator belongs to the value",
        "a = =b\nc::d\n",
        [
            ("a", ("a",), "scalar", "=b", "1:1-1:2", "1:5-1:7", ""),
            ("c", ("c",), "scalar", ":d", "2:1-2:2", "2:3-2:5", ""),
        ],
    ),
    (
        "keys with empty segments stay whole",
        ".a=1\nb..c=2\nd.=3\n",
        [
            (".a", (".a",), "scalar", "1", "1:1-1:3", "1:4-1:5", ""),
            ("b..c", ("b..c",), "scalar", "2", "2:1-2:5", "2:6-2:7", ""),
            ("d.", ("d.",), "scalar", "3", "3:1-3:3", "3:4-3:5", ""),
        ],
    ),
    (
        "CRLF and no final newline; a comment-like value is a value",
        "a=1 # not a comment\r\nb=2",
        [
            ("a", ("a",), "scalar", "1 # not a comment", "1:1-1:2", "1:3-1:20", ""),
            ("b", ("b",), "scalar", "2", "2:1-2:2", "2:3-2:4", ""),
        ],
    ),
    (
        "a duplicate key is reported twice",
        "k=1\nk=2\n",
        [
            ("k", ("k",), "scalar", "1", "1:1-1:2", "1:3-1:4", ""),
            ("k", ("k",), "scalar", "2", "2:1-2:2", "2:3-2:4", ""),
        ],
    ),
    # java.util.Properties ends a line at a lone CR too; positions still count keyshift's lines (LF)
    (
        "a lone CR ends a line: two keys on line 1, two on line 2",
        "a.b.x\ry.z=1\nq=1\rp.gone=5s\n",
        [
            ("a", ("a",), "mapping", None, "1:1-1:6", "1:6-1:6", "implicit"),
            ("a.b", ("a", "b"), "mapping", None, "1:1-1:6", "1:6-1:6", "implicit"),
            ("a.b.x", ("a", "b", "x"), "scalar", "", "1:1-1:6", "1:6-1:6", ""),
            ("y", ("y",), "mapping", None, "1:7-1:10", "1:11-1:12", "implicit"),
            ("y.z", ("y", "z"), "scalar", "1", "1:7-1:10", "1:11-1:12", ""),
            ("q", ("q",), "scalar", "1", "2:1-2:2", "2:3-2:4", ""),
            ("p", ("p",), "mapping", None, "2:5-2:11", "2:12-2:14", "implicit"),
            ("p.gone", ("p", "gone"), "scalar", "5s", "2:5-2:11", "2:12-2:14", ""),
        ],
    ),
    (
        "a continuation over a lone CR",
        "k=a,\\\r   b\rn=1\n",
        [
            ("k", ("k",), "scalar", "a,b", "1:1-1:2", "1:3-1:11", ""),
            ("n", ("n",), "scalar", "1", "1:12-1:13", "1:14-1:15", ""),
        ],
    ),
    (
        "a lone CR then CRLF is a blank line; a final lone CR ends the last line",
        "a=1\r\r\nb=2\r",
        [
            ("a", ("a",), "scalar", "1", "1:1-1:2", "1:3-1:4", ""),
            ("b", ("b",), "scalar", "2", "2:1-2:2", "2:3-2:4", ""),
        ],
    ),
    (
        "a comment ends at a lone CR, even after a backslash",
        "# c \\\rk=v\n",
        [("k", ("k",), "scalar", "v", "1:7-1:8", "1:9-1:10", "")],
    ),
    (
        "the other odd breaks are characters of the value; a form feed separates key and value",
        "k=x\x0by\x1c\x1d\x1e\x85\u2028\u2029z\nf\x0cv\n",
        [
            ("k", ("k",), "scalar", "x\x0by\x1c\x1d\x1e\x85\u2028\u2029z", "1:1-1:2", "1:3-1:13", ""),
            ("f", ("f",), "scalar", "v", "2:1-2:2", "2:3-2:4", ""),
        ],
    ),
    ("empty file", "", []),
    ("a continuation at the end of the file", "k=v\\", [("k", ("k",), "scalar", "v", "1:1-1:2", "1:3-1:4", "")]),
]


@each_row(("text", "expected"), OCCURRENCE_CASES)
def test_occurrences(text: str, expected: list[Row]) -> None:
    assert rows(parse(text)) == expected


def test_parsed_file_fields_and_layout() -> None:
    parsed = parse("a.b = 1\nlong=x\\\n  y\n")
    assert (parsed.format, parsed.typed, len(parsed.documents)) == ("properties", False, 1)
    layout = parsed.tree
    assert isinstance(layout, PropertiesLayout)
    first, second = layout.entries
    assert (first.start, first.key_start, first.key_end, first.value_start, first.value_end, first.end) == (
        0,
        0,
        3,
        6,
        7,
        8,
    )
    assert first.separator == " = "
    # "long=x\\\n" starts at 8; "  y\n" at 16
    assert (second.start, second.value_start, second.value_end, second.end, second.separator) == (8, 13, 19, 20, "=")


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("a.b.c", ("a", "b", "c")),
        ("a.b[0].c", ("a", "b", "[0]", "c")),
        ("m[0][1]", ("m", "[0]", "[1]")),
        ("x[a]", ("x[a]",)),
        ("a..b", ("a..b",)),
        ("", ("",)),
    ],
)
def test_split_and_join_key(key: str, path: tuple[str, ...]) -> None:
    assert split_property_key(key) == path
    assert join_key(path) == key


ERROR_CASES: list[tuple[str, str, int, int]] = [
    ("k=\\u12\n", "malformed \\uXXXX", 1, 3),
    ("a=1\nk\\uzzzz=1\n", "malformed \\uXXXX", 2, 2),
    ("k=x\\\n  \\u00g1", "malformed \\uXXXX", 2, 3),
]


@pytest.mark.parametrize(("text", "message", "line", "column"), ERROR_CASES)
def test_syntax_errors(text: str, message: str, line: int, column: int) -> None:
    assert_syntax_error(parse, text, message, line, column)


def test_garbage_only_raises_config_syntax_error() -> None:
    for text, parsed in random_parses(parse, "=: \t\f\n\r\\u0aF#!.[]x", seed=7, max_length=30):
        for occurrence in parsed.documents[0].occurrences:
            assert occurrence.value_span is not None
            assert occurrence.key_span.start.offset <= occurrence.value_span.end.offset <= len(text)
