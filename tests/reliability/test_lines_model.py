"""keyshift's one line model (``core/positions.py``): a line ends after ``\\n``, nothing else ends one.

Every character that ``str.splitlines()`` (or some reader) takes for a line break but ``diff`` and
``patch`` do not is a character of its line here, one column wide.
"""

from __future__ import annotations

import pytest

from keyshift.core.model import Position
from keyshift.core.positions import (
    UNIVERSAL_BREAKS,
    YAML_BREAKS,
    LineIndex,
    ReaderLines,
    break_before,
    split_lines,
)
from support.line_breaks import ODD_BREAKS
from support.tables import each_row


@pytest.mark.parametrize("char", list(ODD_BREAKS.values()), ids=list(ODD_BREAKS))
@pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_an_odd_break_is_a_character_of_its_line(char: str, nl: str) -> None:
    text = f"a: 1{nl}b: x{char}y{nl}c: {char}z{nl}d: 2{char}"
    assert split_lines(text) == [f"a: 1{nl}", f"b: x{char}y{nl}", f"c: {char}z{nl}", f"d: 2{char}"]
    index = LineIndex(text)
    assert index.line_count == 4
    assert [index.line_text(n) for n in (1, 2, 3, 4)] == ["a: 1", f"b: x{char}y", f"c: {char}z", f"d: 2{char}"]
    y = text.index("y")
    assert index.position(y) == Position(2, 6, y)
    assert index.offset(2, 6) == y
    assert index.position(len(text)) == Position(4, 6, len(text))


SPLIT_CASES: list[tuple[str, str, list[str]]] = [
    ("empty", "", []),
    ("one line without an ending", "a", ["a"]),
    ("LF", "a\nb\n", ["a\n", "b\n"]),
    ("CRLF, the last line without one", "a\r\nb", ["a\r\n", "b"]),
    ("blank lines", "\n\r\n\n", ["\n", "\r\n", "\n"]),
    ("CR CR LF: the first CR is a character", "a\r\r\nb", ["a\r\r\n", "b"]),
]


@each_row(("text", "lines"), SPLIT_CASES)
def test_split_lines(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines
    assert "".join(lines) == text


def test_line_text_drops_only_the_line_ending() -> None:
    index = LineIndex("a\r\r\nb\r")
    assert [index.line_text(1), index.line_text(2)] == ["a\r", "b\r"]
    assert index.line_text(0) == index.line_text(3) == ""


READER_CASES: list[tuple[str, str, str, list[str]]] = [
    ("universal: CR, CRLF and LF", "universal", "a\rb\r\nc\nd", ["a\r", "b\r\n", "c\n", "d"]),
    ("universal: the others are characters", "universal", "a\x85b\u2028c\x0cd", ["a\x85b\u2028c\x0cd"]),
    (
        "YAML: NEL, LS and PS too",
        "yaml",
        "a\x85b\u2028c\u2029d\r\ne\x0c",
        ["a\x85", "b\u2028", "c\u2029", "d\r\n", "e\x0c"],
    ),
]
BREAKS = {"universal": UNIVERSAL_BREAKS, "yaml": YAML_BREAKS}


@each_row(("reader", "text", "lines"), READER_CASES)
def test_split_reader_lines(reader: str, text: str, lines: list[str]) -> None:
    assert split_lines(text, BREAKS[reader]) == lines


BREAK_BEFORE_CASES: list[tuple[str, str, int, str | None, int]] = [
    ("LF", "a\nb", 2, None, 1),
    ("CRLF", "a\r\nb", 3, None, 2),
    ("a lone CR is no break of keyshift's", "a\rb", 2, None, 0),
    ("a lone CR is a universal break", "a\rb", 2, "universal", 1),
    ("CRLF is one universal break", "a\r\n", 3, "universal", 2),
    ("NEL is a YAML break", "a\x85", 2, "yaml", 1),
    ("the start of the text", "a", 0, None, 0),
    ("inside a line", "ab\n", 1, None, 0),
]


@each_row(("text", "offset", "reader", "size"), BREAK_BEFORE_CASES)
def test_break_before(text: str, offset: int, reader: str | None, size: int) -> None:
    assert break_before(text, offset, None if reader is None else BREAKS[reader]) == size


# "x = 1\ry = 2\r\nz\n": CPython's lines start at 0, 6, 13 and 15
READER_OFFSET_CASES: list[tuple[str, int, int, int]] = [
    ("line 1", 1, 1, 0),
    ("after a lone CR", 2, 3, 8),
    ("after a CRLF", 3, 1, 13),
    ("a column past the end of its line stops where its break starts", 2, 40, 11),
    ("a line past the end is the end of the text", 9, 1, 15),
    ("line 0 and column 0 are the start", 0, 0, 0),
]


@each_row(("line", "column", "offset"), READER_OFFSET_CASES)
def test_reader_lines_offsets(line: int, column: int, offset: int) -> None:
    assert ReaderLines("x = 1\ry = 2\r\nz\n").offset(line, column) == offset
