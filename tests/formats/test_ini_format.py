"""Tests for the INI adapter: occurrences with exact positions, the layout, errors, configparser parity."""

from __future__ import annotations

import configparser

import pytest

from keyshift.formats._dotted import split_dotted_key
from keyshift.formats.ini.parse import IniLayout, parse
from support.parsing import assert_syntax_error, random_parses
from support.rows import Row, rows
from support.tables import each_row

OCCURRENCE_CASES: list[tuple[str, str, list[Row]]] = [
    (
        "sections with = and : separators",
        "[metadata]\nname = keyshift\nversion:0.1\n",
        [
            ("metadata", ("metadata",), "mapping", None, "1:2-1:10", "1:1-3:12", ""),
            ("metadata.name", ("metadata", "name"), "scalar", "keyshift", "2:1-2:5", "2:8-2:16", ""),
            ("metadata.version", ("metadata", "version"), "scalar", "0.1", "3:1-3:8", "3:9-3:12", ""),
        ],
    ),
    (
        "keys before any section have a one-segment path",
        "top = 1\n\n[s]\nk = v\n",
        [
            ("top", ("top",), "scalar", "1", "1:1-1:4", "1:7-1:8", ""),
            ("s", ("s",), "mapping", None, "3:2-3:3", "3:1-4:6", ""),
            ("s.k", ("s", "k"), "scalar", "v", "4:1-4:2", "4:5-4:6", ""),
        ],
    ),
    (
        "keys keep their case; a dotted key is one segment",
        "[tool:pytest]\nAddOpts = -x\na.b = 1\n",
        [
            ("tool:pytest", ("tool:pytest",), "mapping", None, "1:2-1:13", "1:1-3:8", ""),
            ("tool:pytest.AddOpts", ("tool:pytest", "AddOpts"), "scalar", "-x", "2:1-2:8", "2:11-2:13", ""),
            ("tool:pytest.a.b", ("tool:pytest", "a.b"), "scalar", "1", "3:1-3:4", "3:7-3:8", ""),
        ],
    ),
    (
        "the first separator splits; the rest belongs to the value",
        "[s]\nurl = http://h:80/?a=b\nk: x = y\n",
        [
            ("s", ("s",), "mapping", None, "1:2-1:3", "1:1-3:9", ""),
            ("s.url", ("s", "url"), "scalar", "http://h:80/?a=b", "2:1-2:4", "2:7-2:23", ""),
            ("s.k", ("s", "k"), "scalar", "x = y", "3:1-3:2", "3:4-3:9", ""),
        ],
    ),
    (
        "inline comments need whitespace before ; or #",
        "[s]\na = 1 ; one\nb = x#y\nc = p;q\nd = -x\t# tab\n",
        [
            ("s", ("s",), "mapping", None, "1:2-1:3", "1:1-5:7", ""),
            ("s.a", ("s", "a"), "scalar", "1", "2:1-2:2", "2:5-2:6", ""),
            ("s.b", ("s", "b"), "scalar", "x#y", "3:1-3:2", "3:5-3:8", ""),
            ("s.c", ("s", "c"), "scalar", "p;q", "4:1-4:2", "4:5-4:8", ""),
            ("s.d", ("s", "d"), "scalar", "-x", "5:1-5:2", "5:5-5:7", ""),
        ],
    ),
    (
        "continuation lines: blank lines kept inside, comment lines skipped, trailing blanks dropped",
        "[testenv]\ndeps =\n    pytest\n    # not a dep\n\n    mock  ; m\n\ncommands = pytest\n",
        [
            ("testenv", ("testenv",), "mapping", None, "1:2-1:9", "1:1-8:18", ""),
            ("testenv.deps", ("testenv", "deps"), "scalar", "\npytest\n\nmock", "2:1-2:5", "3:5-6:9", ""),
            ("testenv.commands", ("testenv", "commands"), "scalar", "pytest", "8:1-8:9", "8:12-8:18", ""),
        ],
    ),
    (
        "a value on the key line continued below",
        "[s]\nk = a\n  b\n",
        [
            ("s", ("s",), "mapping", None, "1:2-1:3", "1:1-3:4", ""),
            ("s.k", ("s", "k"), "scalar", "a\nb", "2:1-2:2", "2:5-3:4", ""),
        ],
    ),
    (
        "an empty value: zero-width span right after the separator",
        "[s]\nk =\nj:\n",
        [
            ("s", ("s",), "mapping", None, "1:2-1:3", "1:1-3:3", ""),
            ("s.k", ("s", "k"), "scalar", "", "2:1-2:2", "2:4-2:4", ""),
            ("s.j", ("s", "j"), "scalar", "", "3:1-3:2", "3:3-3:3", ""),
        ],
    ),
    (
        "an indented key line after another key continues it (as configparser reads it)",
        "[s]\na = 1\n  b = 2\n",
        [
            ("s", ("s",), "mapping", None, "1:2-1:3", "1:1-3:8", ""),
            ("s.a", ("s", "a"), "scalar", "1\nb = 2", "2:1-2:2", "2:5-3:8", ""),
        ],
    ),
    (
        "indented keys right after a header are keys",
        "[s]\n  a = 1\n  b = 2\n",
        [
            ("s", ("s",), "mapping", None, "1:2-1:3", "1:1-3:8", ""),
            ("s.a", ("s", "a"), "scalar", "1", "2:3-2:4", "2:7-2:8", ""),
            ("s.b", ("s", "b"), "scalar", "2", "3:3-3:4", "3:7-3:8", ""),
        ],
    ),
    (
        "duplicate sections and keys are all reported",
        "[a]\nk = 1\nk = 2\n[a]\nk = 3\n",
        [
            ("a", ("a",), "mapping", None, "1:2-1:3", "1:1-3:6", ""),
            ("a.k", ("a", "k"), "scalar", "1", "2:1-2:2", "2:5-2:6", ""),
            ("a.k", ("a", "k"), "scalar", "2", "3:1-3:2", "3:5-3:6", ""),
            ("a", ("a",), "mapping", None, "4:2-4:3", "4:1-5:6", ""),
            ("a.k", ("a", "k"), "scalar", "3", "5:1-5:2", "5:5-5:6", ""),
        ],
    ),
    (
        "a dotted section name is split, like a TOML table header; its prefixes are implicit",
        "[options.packages.find]\nwhere = src\n",
        [
            ("options", ("options",), "mapping", None, "1:2-1:23", "1:1-2:12", "implicit"),
            ("options.packages", ("options", "packages"), "mapping", None, "1:2-1:23", "1:1-2:12", "implicit"),
            (
                "options.packages.find",
                ("options", "packages", "find"),
                "mapping",
                None,
                "1:2-1:23",
                "1:1-2:12",
                "",
            ),
            (
                "options.packages.find.where",
                ("options", "packages", "find", "where"),
                "scalar",
                "src",
                "2:1-2:6",
                "2:9-2:12",
                "",
            ),
        ],
    ),
    (
        "section names that would give an empty segment stay whole",
        "[.hidden]\n[a..b]\n[mypy-tests.*]\n",
        [
            (".hidden", (".hidden",), "mapping", None, "1:2-1:9", "1:1-1:10", ""),
            ("a..b", ("a..b",), "mapping", None, "2:2-2:6", "2:1-2:7", ""),
            ("mypy-tests", ("mypy-tests",), "mapping", None, "3:2-3:14", "3:1-3:15", "implicit"),
            ("mypy-tests.*", ("mypy-tests", "*"), "mapping", None, "3:2-3:14", "3:1-3:15", ""),
        ],
    ),
    (
        "empty section, header comment, name with spaces and brackets",
        "[empty] ; nothing\n[ odd ]\n[a[1]]\nk=v\n",
        [
            ("empty", ("empty",), "mapping", None, "1:2-1:7", "1:1-1:8", ""),
            (" odd ", (" odd ",), "mapping", None, "2:2-2:7", "2:1-2:8", ""),
            ("a[1]", ("a[1]",), "mapping", None, "3:2-3:6", "3:1-4:4", ""),
            ("a[1].k", ("a[1]", "k"), "scalar", "v", "4:1-4:2", "4:3-4:4", ""),
        ],
    ),
    (
        "CRLF line endings, no final newline",
        "[s]\r\nk = v\r\nm =\r\n  x",
        [
            ("s", ("s",), "mapping", None, "1:2-1:3", "1:1-4:4", ""),
            ("s.k", ("s", "k"), "scalar", "v", "2:1-2:2", "2:5-2:6", ""),
            ("s.m", ("s", "m"), "scalar", "\nx", "3:1-3:2", "4:3-4:4", ""),
        ],
    ),
    ("empty file", "", []),
    ("only comments", "; a\n# b\n\n", []),
    (
        "[DEFAULT] is an ordinary section; keys with spaces",
        "[DEFAULT]\nmy key = 1\n",
        [
            ("DEFAULT", ("DEFAULT",), "mapping", None, "1:2-1:9", "1:1-2:11", ""),
            ("DEFAULT.my key", ("DEFAULT", "my key"), "scalar", "1", "2:1-2:7", "2:10-2:11", ""),
        ],
    ),
    (
        "odd breaks are characters of the value ",
        "[s]\na = x\x85\u2028y\x0cz\r\nb = 1\r\n",
        [
            ("s", ("s",), "mapping", None, "1:2-1:3", "1:1-3:6", ""),
            ("s.a", ("s", "a"), "scalar", "x\x85\u2028y\x0cz", "2:1-2:2", "2:5-2:11", ""),
            ("s.b", ("s", "b"), "scalar", "1", "3:1-3:2", "3:5-3:6", ""),
        ],
    ),
]


@each_row(("text", "expected"), OCCURRENCE_CASES)
def test_occurrences(text: str, expected: list[Row]) -> None:
    assert rows(parse(text)) == expected


def test_parsed_file_fields() -> None:
    parsed = parse("[s]\nk = v\n")
    assert parsed.format == "ini"
    assert parsed.typed is False
    assert len(parsed.documents) == 1
    document = parsed.documents[0]
    assert (document.index, document.root_kind) == (0, "mapping")
    assert (document.span.start.offset, document.span.end.offset) == (0, 10)
    assert all(o.form == "key" and not o.implicit and not o.is_element for o in document.occurrences)


LAYOUT_TEXT = "# top\n[a]\n# about k\n# more\nk = 1\n  2\n# loose\n\n# about b\n[b]\nj = 2\n"


def test_layout() -> None:
    layout = parse(LAYOUT_TEXT).tree
    assert isinstance(layout, IniLayout)
    a, b = layout.sections
    # offsets: "# top\n" 0, "[a]\n" 6, "# about k\n" 10, "# more\n" 20, "k = 1\n" 27, "  2\n" 33,
    # "# loose\n" 37, "\n" 45, "# about b\n" 46, "[b]\n" 56, "j = 2\n" 60, end 66
    assert (a.name, a.start, a.lead_start, a.header_end, a.end) == ("a", 6, 0, 10, 46)
    assert a.entries == (0,)
    assert a.comments == ((10, 20), (20, 27), (37, 45))
    assert (b.name, b.start, b.lead_start, b.end, b.comments) == ("b", 56, 46, 66, ())
    k, j = layout.entries
    assert (k.comment_start, k.start, k.key_start, k.key_end, k.sep_start, k.sep_end) == (10, 27, 27, 28, 29, 30)
    assert (k.value_start, k.value_end, k.end) == (31, 36, 37)
    assert (j.path, j.comment_start, j.start, j.end) == (("b", "j"), 60, 60, 66)
    assert layout.root_end == 0
    assert layout.comment_prefix == "#"


@pytest.mark.parametrize(
    ("text", "prefix"),
    [("; a\n; b\n# c\n[s]\n", ";"), ("# a\n; b\n[s]\n", "#"), ("[s]\nk = 1 ; inline only\n", "#")],
)
def test_comment_prefix(text: str, prefix: str) -> None:
    layout = parse(text).tree
    assert isinstance(layout, IniLayout)
    assert layout.comment_prefix == prefix


ERROR_CASES: list[tuple[str, str, str, int, int]] = [
    ("a key line without separator", "[s]\nk = 1\njust words\n", "no '=' or ':' on this line", 3, 1),
    ("indented, after a header", "[s]\n  orphan\n", "no '=' or ':' on this line", 2, 3),
    ("before any section", "stray\n", "no '=' or ':' on this line", 1, 1),
    ("an unclosed header", "[s\nk = 1\n", "expected a section header", 1, 1),
    ("an empty header", "[]\n", "expected a section header", 1, 1),
    ("an empty key", "[s]\n = 1\n", "a key is missing", 2, 2),
    ("a header cut by an inline comment", "[a #b]\n", "expected a section header", 1, 1),
]


@each_row(("text", "message", "line", "column"), ERROR_CASES)
def test_syntax_errors(text: str, message: str, line: int, column: int) -> None:
    assert_syntax_error(parse, text, message, line, column)


PARITY_TEXTS = [
    "[metadata]\nname = x\nclassifiers =\n    A\n    B\n\n[options]\nzip_safe = False\n",
    "[tox]\nenvlist = py311, py312\n\n[testenv]\ndeps =\n    pytest\n    ; c\n\n    mock\n"
    "commands = pytest {posargs}\n",
    "[mypy]\nstrict = True\n[mypy-tests.*]\nignore_errors = True\n",
    "[s]\na = 1 ; c\nb: 2\nc=http://x/#y\n   more\n\n\n[t]\nk =\n",
]


@pytest.mark.parametrize("text", PARITY_TEXTS)
def test_values_match_configparser(text: str) -> None:
    reader = configparser.RawConfigParser(inline_comment_prefixes=("#", ";"), strict=False)
    reader.optionxform = str  # type: ignore[assignment,method-assign]
    reader.read_string(text)
    expected = {(*split_dotted_key(s), k): v for s in reader.sections() for k, v in reader.items(s)}
    got = {o.path: o.value for o in parse(text).documents[0].occurrences if o.value_kind == "scalar"}
    assert got == expected


def test_garbage_only_raises_config_syntax_error() -> None:
    for _text, parsed in random_parses(parse, "[]=:;# \t\n\r\\ab.\"'", seed=4, max_length=30):
        for occurrence in parsed.documents[0].occurrences:
            assert occurrence.key_span.start.offset <= occurrence.key_span.end.offset
