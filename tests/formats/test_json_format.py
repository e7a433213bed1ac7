"""Tests for the JSON/JSONC adapter: occurrences with exact positions, the tree, values and errors.

The occurrence cases JSON and YAML share are in ``test_shared_occurrences``.
"""

from __future__ import annotations

import json

import pytest

from keyshift.core.model import Scalar
from keyshift.formats import get_parser
from keyshift.formats.json.parse import MAX_DEPTH, JsonTree, JsonValue, parse, parse_jsonc
from support.parsing import assert_syntax_error
from support.rows import Row, at, rows
from support.tables import each_row

OCCURRENCE_CASES: list[tuple[str, str, list[Row]]] = [
    (
        "arrays",
        '{"rules": [{"host": "x"}, 2, [true]]}',
        [
            ("rules", ("rules",), "sequence", None, "1:2-1:9", "1:11-1:37", ""),
            ("rules[0]", ("rules", "[0]"), "mapping", None, "1:12-1:25", "1:12-1:25", "element"),
            ("rules[0].host", ("rules", "[0]", "host"), "scalar", "x", "1:13-1:19", "1:21-1:24", ""),
            ("rules[1]", ("rules", "[1]"), "scalar", 2, "1:27-1:28", "1:27-1:28", "element"),
            ("rules[2]", ("rules", "[2]"), "sequence", None, "1:30-1:36", "1:30-1:36", "element"),
            ("rules[2][0]", ("rules", "[2]", "[0]"), "scalar", True, "1:31-1:35", "1:31-1:35", "element"),
        ],
    ),
    ("root scalar", ' "x" ', []),
    (
        "empty containers",
        '{"a": {}, "b": []}',
        [
            ("a", ("a",), "mapping", None, "1:2-1:5", "1:7-1:9", ""),
            ("b", ("b",), "sequence", None, "1:11-1:14", "1:16-1:18", ""),
        ],
    ),
    (
        "escaped key is decoded, its span is the token as written",
        '{"a\\u002eb": "\\"q\\"", "t\\tab": 0}',
        [
            ("a", ("a",), "mapping", None, "1:2-1:12", "1:14-1:21", "implicit"),
            ("a.b", ("a", "b"), "scalar", '"q"', "1:2-1:12", "1:14-1:21", ""),
            ("t\tab", ("t\tab",), "scalar", 0, "1:23-1:30", "1:32-1:33", ""),
        ],
    ),
    (
        "a lone CR is whitespace; U+2028 and NEL are characters of the line",
        '{"a": 1,\r"b": "x\u2028\x85y", "c": 2}\n',
        [
            ("a", ("a",), "scalar", 1, "1:2-1:5", "1:7-1:8", ""),
            ("b", ("b",), "scalar", "x\u2028\x85y", "1:10-1:13", "1:15-1:21", ""),
            ("c", ("c",), "scalar", 2, "1:23-1:26", "1:28-1:29", ""),
        ],
    ),
]


@each_row(("text", "expected"), OCCURRENCE_CASES)
def test_occurrences(text: str, expected: list[Row]) -> None:
    assert rows(parse(text)) == expected
    # every strict JSON file reads the same as JSONC
    assert rows(parse_jsonc(text)) == expected


JSONC_CASES: list[tuple[str, str, list[Row]]] = [
    (
        "comments and trailing commas",
        '// head\n{\n  /* a */ "a": 1, // t\n  "b": [1, 2,], /* multi\n line */\n}\n// end\n',
        [
            ("a", ("a",), "scalar", 1, "3:11-3:14", "3:16-3:17", ""),
            ("b", ("b",), "sequence", None, "4:3-4:6", "4:8-4:15", ""),
            ("b[0]", ("b", "[0]"), "scalar", 1, "4:9-4:10", "4:9-4:10", "element"),
            ("b[1]", ("b", "[1]"), "scalar", 2, "4:12-4:13", "4:12-4:13", "element"),
        ],
    ),
    (
        "tsconfig style",
        '{\r\n  "compilerOptions": {\r\n    "target": "es5", // old\r\n  },\r\n}\r\n',
        [
            ("compilerOptions", ("compilerOptions",), "mapping", None, "2:3-2:20", "2:22-4:4", ""),
            (
                "compilerOptions.target",
                ("compilerOptions", "target"),
                "scalar",
                "es5",
                "3:5-3:13",
                "3:15-3:20",
                "",
            ),
        ],
    ),
    (
        "comment markers inside strings are text",
        '{"url": "http://x/*y*/"}',
        [("url", ("url",), "scalar", "http://x/*y*/", "1:2-1:7", "1:9-1:24", "")],
    ),
]


@each_row(("text", "expected"), JSONC_CASES)
def test_jsonc_occurrences(text: str, expected: list[Row]) -> None:
    assert rows(parse_jsonc(text)) == expected


VALUE_CASES: list[tuple[str, Scalar]] = [
    ("0", 0),
    ("-17", -17),
    ("1.5", 1.5),
    ("1e3", 1000.0),
    ("-2.5E-1", -0.25),
    ("123456789012345678901234567890", 123456789012345678901234567890),
    ("true", True),
    ("false", False),
    ("null", None),
    ('""', ""),
    ('"\\u00e9\\n\\/"', "é\n/"),
    ('"\\ud83d\\ude00"', "\U0001f600"),
]


@pytest.mark.parametrize(("literal", "expected"), VALUE_CASES)
def test_scalar_values(literal: str, expected: Scalar) -> None:
    (occ,) = parse(f'{{"k": {literal}}}').documents[0].occurrences
    assert occ.value == expected
    assert type(occ.value) is type(expected)
    assert occ.value == json.loads(literal)


DocRow = tuple[str, str | None, str]

DOCUMENT_CASES: list[tuple[str, str, str, DocRow]] = [
    ("object", "json", '\n  {"a": 1}  \n', ("json", "mapping", "2:3-2:11")),
    ("array", "json", "[1]", ("json", "sequence", "1:1-1:4")),
    ("scalar", "json", "42", ("json", "scalar", "1:1-1:3")),
    ("jsonc", "jsonc", "// c\n{}\n", ("jsonc", "mapping", "2:1-2:3")),
]


@each_row(("adapter", "text", "expected"), DOCUMENT_CASES)
def test_document(adapter: str, text: str, expected: DocRow) -> None:
    parsed = get_parser(adapter)(text)
    (document,) = parsed.documents
    assert (parsed.format, document.root_kind, at(document.span)) == expected
    assert document.index == 0
    assert all(o.document == 0 for o in document.occurrences)
    assert parsed.text == text
    assert parsed.typed is True


def test_tree_keeps_offsets_of_keys_colons_and_commas() -> None:
    text = '{"a": 1, "b": [true, null]}'
    tree = parse(text).tree
    assert isinstance(tree, JsonTree)
    root = tree.root
    assert (root.kind, root.start, root.end) == ("object", 0, len(text))
    a, b = root.members
    assert (a.key, text[a.key_start : a.key_end], text[a.colon], a.comma) == ("a", '"a"', ":", 7)
    assert (text[a.value.start : a.value.end], a.value.value) == ("1", 1)
    assert (b.key, b.comma) == ("b", None)
    assert isinstance(b.value, JsonValue)
    assert [text[item.start : item.end] for item in b.value.items] == ["true", "null"]
    assert b.value.item_commas == (19, None)
    assert tree.comments == ()


def test_jsonc_tree_records_comments_and_trailing_commas() -> None:
    text = '{"a": [1,], // x\n/* y */}'
    tree = parse_jsonc(text).tree
    assert isinstance(tree, JsonTree)
    assert [text[start:end] for start, end in tree.comments] == ["// x", "/* y */"]
    (member,) = tree.root.members
    assert (member.comma, member.value.item_commas) == (10, (8,))


ERROR_CASES: list[tuple[str, str, str, int, int]] = [
    ("empty", "", "empty document", 1, 1),
    ("whitespace only", "  \n\t\r\n", "empty document", 1, 1),
    ("missing colon", '{"a" 1}', "expected ':' after object key", 1, 6),
    ("missing colon at end", '{"a"', "expected ':' after object key", 1, 5),
    ("trailing comma in object", '{"a": 1,}', "trailing comma is not allowed in JSON", 1, 8),
    ("trailing comma in array", "[1, 2,\n]", "trailing comma is not allowed in JSON", 1, 6),
    ("trailing comma on CRLF line", '{\r\n  "a": 1,\r\n}', "trailing comma is not allowed in JSON", 2, 9),
    ("extra data", '{"a": 1} x', "extra data after the top-level value", 1, 10),
    ("second value", "1\n2", "extra data after the top-level value", 2, 1),
    ("unterminated string", '{"a": "b', "unterminated string", 1, 7),
    ("string broken by a newline", '{"a": "b\n"}', "unterminated string", 1, 7),
    ("unterminated key", '{"a', "unterminated string", 1, 2),
    ("invalid escape", '{"a": "b\\q"}', "invalid escape sequence '\\\\q'", 1, 9),
    ("short unicode escape", '["\\u12"]', "invalid escape sequence", 1, 3),
    ("control character", '"a\x01"', "invalid control character", 1, 3),
    ("leading zero", '{"a": 01}', "invalid number", 1, 7),
    ("bare minus", "[-]", "invalid number", 1, 2),
    ("number with letters", "[1x]", "invalid number", 1, 2),
    ("missing fraction digits", "[1.]", "invalid number", 1, 2),
    ("leading dot", "[.5]", "expected a value, got '.'", 1, 2),
    ("plus sign", "[+1]", "expected a value, got '+'", 1, 2),
    ("NaN", "NaN", "expected a value, got 'N'", 1, 1),
    ("misspelt literal", '{\n  "é": tru\n}', "expected a value, got 't'", 2, 8),
    ("literal with a tail", "[nullx]", "expected a value, got 'n'", 1, 2),
    ("single quotes", "{'a': 1}", "expected a string key or '}', got \"'\"", 1, 2),
    ("missing value", '{"a":', "expected a value, got end of input", 1, 6),
    ("missing array comma", "[1 2]", "expected ',' or ']' after array element", 1, 4),
    ("missing object comma", '{"a": 1 "b": 2}', "expected ',' or '}' after object member", 1, 9),
    ("unclosed object", '{"a": 1', "expected ',' or '}' after object member", 1, 8),
    ("unclosed array", "[", "expected a value or ']', got end of input", 1, 2),
    ("leading comma", "[,1]", "expected a value, got ','", 1, 2),
    ("double comma", "[1,,2]", "expected a value, got ','", 1, 4),
    ("key after comma missing", '{"a": 1,', "expected a string key, got end of input", 1, 9),
    ("line comment", "// c\n{}", "comments are not allowed in JSON", 1, 1),
    ("block comment", '{"a": /* c */ 1}', "comments are not allowed in JSON", 1, 7),
    ("BOM in the middle", '{"a": \ufeff1}', "expected a value", 1, 7),
    ("deep nesting", "[" * 1000, f"nesting deeper than {MAX_DEPTH} levels", 1, MAX_DEPTH + 1),
    ("deep objects", '{"a":' * 1000, f"nesting deeper than {MAX_DEPTH} levels", 1, 5 * MAX_DEPTH + 1),
]


@each_row(("text", "message", "line", "column"), ERROR_CASES)
def test_syntax_errors(text: str, message: str, line: int, column: int) -> None:
    assert_syntax_error(parse, text, message, line, column)


JSONC_ERROR_CASES: list[tuple[str, str, str, int, int]] = [
    ("comment only", "// nothing\n/* here */\n", "empty document", 1, 1),
    ("unterminated block comment", '{"a": 1 /* x', "unterminated comment", 1, 9),
    ("lone slash", '{"a": 1} /', "extra data after the top-level value", 1, 10),
    ("data after a comment", '{"a": 1} // ok\n x', "extra data after the top-level value", 2, 2),
    ("double trailing comma", "[1,,]", "expected a value, got ','", 1, 4),
    ("comma alone", "{,}", "expected a string key or '}', got ','", 1, 2),
]


@each_row(("text", "message", "line", "column"), JSONC_ERROR_CASES)
def test_jsonc_syntax_errors(text: str, message: str, line: int, column: int) -> None:
    assert_syntax_error(parse_jsonc, text, message, line, column)


@pytest.mark.parametrize(
    "text",
    ['{"a": [1, {"b": null}], "c": "x"}', '[{"k": [[], {}]}, -0.0e+0, "\\u0000"]', '{"a":{"a":{"a":"a"}}}'],
)
def test_values_match_the_json_module(text: str) -> None:
    tree = parse(text).tree
    assert isinstance(tree, JsonTree)

    def rebuild(node: JsonValue) -> object:
        if node.kind == "object":
            return {m.key: rebuild(m.value) for m in node.members}
        if node.kind == "array":
            return [rebuild(item) for item in node.items]
        return node.value

    assert rebuild(tree.root) == json.loads(text)


def test_registry_returns_these_parsers() -> None:
    assert get_parser("json") is parse
    assert get_parser("jsonc") is parse_jsonc
