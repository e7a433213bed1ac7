"""Tests for the .env adapter: occurrences with exact positions, quoting, comments, errors."""

from __future__ import annotations

from keyshift.core.model import Scalar
from keyshift.formats.dotenv.parse import DotenvLayout, parse
from support.parsing import assert_syntax_error, random_parses
from support.rows import rows
from support.tables import each_row

Row = tuple[tuple[str, ...], Scalar, str, str]
COLUMNS = ("path", "value", "key_span", "value_span")


OCCURRENCE_CASES: list[tuple[str, str, list[Row]]] = [
    (
        "plain and exported assignments",
        "DTEN_MODE=on\nexport DTEN_NAME=dev\n",
        [
            (("DTEN_MODE",), "on", "1:1-1:10", "1:11-1:13"),
            (("DTEN_NAME",), "dev", "2:8-2:17", "2:18-2:21"),
        ],
    ),
    (
        "dotted and dashed names are one segment",
        "spring.profiles.active=prod\nmy-var=1\n",
        [
            (("spring.profiles.active",), "prod", "1:1-1:23", "1:24-1:28"),
            (("my-var",), "1", "2:1-2:7", "2:8-2:9"),
        ],
    ),
    (
        "blanks around = and before the line",
        "  A = 1\n\tB=\t2\n",
        [
            (("A",), "1", "1:3-1:4", "1:7-1:8"),
            (("B",), "2", "2:2-2:3", "2:5-2:6"),
        ],
    ),
    (
        "unquoted values end at a # after a blank; trailing blanks dropped",
        "A=x # c\nB=a#b\nC=v   \nD= #only a comment\n",
        [
            (("A",), "x", "1:1-1:2", "1:3-1:4"),
            (("B",), "a#b", "2:1-2:2", "2:3-2:6"),
            (("C",), "v", "3:1-3:2", "3:3-3:4"),
            (("D",), "", "4:1-4:2", "4:3-4:3"),
        ],
    ),
    (
        "quoted values: spans include the quotes; a comment may follow",
        "A=\"x y\" # c\nB='s'#c\n",
        [
            (("A",), "x y", "1:1-1:2", "1:3-1:8"),
            (("B",), "s", "2:1-2:2", "2:3-2:6"),
        ],
    ),
    (
        "double-quote escapes; single quotes are literal",
        'A="a\\nb\\t\\"q\\"\\\\\\$"\nB=\'a\\nb $X\'\n',
        [
            (("A",), 'a\nb\t"q"\\\\$', "1:1-1:2", "1:3-1:20"),
            (("B",), "a\\nb $X", "2:1-2:2", "2:3-2:12"),
        ],
    ),
    (
        "quoted values may span lines",
        'CERT="line1\nline2"\nNEXT=1\n',
        [
            (("CERT",), "line1\nline2", "1:1-1:5", "1:6-2:7"),
            (("NEXT",), "1", "3:1-3:5", "3:6-3:7"),
        ],
    ),
    (
        "empty values",
        "A=\nB=''\nC=\"\"\n",
        [
            (("A",), "", "1:1-1:2", "1:3-1:3"),
            (("B",), "", "2:1-2:2", "2:3-2:5"),
            (("C",), "", "3:1-3:2", "3:3-3:5"),
        ],
    ),
    (
        "comments and blank lines; references are not expanded",
        "# top\n\n   # indented\nURL=${HOST}:80\n",
        [(("URL",), "${HOST}:80", "4:1-4:4", "4:5-4:15")],
    ),
    (
        "CRLF and no final newline",
        'A=1\r\nB="x\r\ny"\r\nC=3',
        [
            (("A",), "1", "1:1-1:2", "1:3-1:4"),
            (("B",), "x\ny", "2:1-2:2", "2:3-3:3"),
            (("C",), "3", "4:1-4:2", "4:3-4:4"),
        ],
    ),
    (
        "a name that starts with export",
        "exporter=1\nexport=2\n",
        [
            (("exporter",), "1", "1:1-1:9", "1:10-1:11"),
            (("export",), "2", "2:1-2:7", "2:8-2:9"),
        ],
    ),
    ("empty file", "", []),
    (
        "odd breaks are characters of the line",
        'A=x\x85\u2028y # c\x0c\nB="\u2029"\r\nC=2\n',
        [
            (("A",), "x\x85\u2028y", "1:1-1:2", "1:3-1:7"),
            (("B",), "\u2029", "2:1-2:2", "2:3-2:6"),
            (("C",), "2", "3:1-3:2", "3:3-3:4"),
        ],
    ),
]


@each_row(("text", "expected"), OCCURRENCE_CASES)
def test_occurrences(text: str, expected: list[Row]) -> None:
    assert rows(parse(text), COLUMNS) == expected


def test_parsed_file_fields_and_layout() -> None:
    parsed = parse('export A="x" # c\nB=2\n')
    assert (parsed.format, parsed.typed, len(parsed.documents)) == ("dotenv", False, 1)
    assert all(o.found == o.path[0] and o.value_kind == "scalar" for o in parsed.documents[0].occurrences)
    layout = parsed.tree
    assert isinstance(layout, DotenvLayout)
    a, b = layout.entries
    assert (a.start, a.export, a.key_start, a.key_end, a.equals, a.value_start, a.value_end, a.quote, a.end) == (
        0,
        True,
        7,
        8,
        8,
        9,
        12,
        '"',
        17,
    )
    assert (b.start, b.export, b.equals, b.value_start, b.value_end, b.quote, b.end) == (17, False, 18, 19, 20, "", 21)


ERROR_CASES: list[tuple[str, str, str, int, int]] = [
    ("a bare name", "A=1\nJUSTNAME\n", "expected '=' after JUSTNAME", 2, 9),
    ("export without a value", "export NAME\n", "expected '=' after NAME", 1, 12),
    ("words", "hello world\n", "expected '=' after hello", 1, 6),
    ("no name", "=1\n", "expected KEY=value", 1, 1),
    ("a name starting with a digit", "1A=2\n", "expected KEY=value", 1, 1),
    ("an unterminated double quote", 'A="abc\nB=1\n', "unterminated double-quoted value", 1, 3),
    ("an unterminated single quote", "A='abc", "unterminated single-quoted value", 1, 3),
    ("text after the closing quote", 'A="x" y\n', "unexpected text after the closing", 1, 7),
]


@each_row(("text", "message", "line", "column"), ERROR_CASES)
def test_syntax_errors(text: str, message: str, line: int, column: int) -> None:
    assert_syntax_error(parse, text, message, line, column)


def test_garbage_only_raises_config_syntax_error() -> None:
    for text, parsed in random_parses(parse, "AB_=#'\" \t\n\r\\x$", seed=11, max_length=24):
        for occurrence in parsed.documents[0].occurrences:
            assert occurrence.value_span is not None
            assert occurrence.key_span.end.offset <= occurrence.value_span.start.offset <= len(text)
