"""Tests for the YAML adapter: occurrences with exact positions, documents, values and errors, each on both
parsers (the check path on libyaml's events and the round-trip parser on ruamel.yaml).

The occurrence cases JSON and YAML share are in ``test_shared_occurrences``; that both parsers agree on every
YAML text of the test suite, and on generated ones, is ``test_yaml_parsers_agree``.
"""

from __future__ import annotations

import math

import pytest
from ruamel.yaml.nodes import MappingNode, Node

from keyshift.core.model import Scalar
from keyshift.formats import get_parser
from keyshift.formats.yaml import parse as yaml_parse
from keyshift.formats.yaml.parse import MAX_DEPTH, parse
from keyshift.formats.yaml.roundtrip import parse_round_trip
from support.parsing import Parse, assert_syntax_error, parse_or_refuse
from support.rows import Row, at, rows
from support.tables import each_row

BOTH_PARSERS = pytest.mark.parametrize(
    "parse", [pytest.param(parse, id="check"), pytest.param(parse_round_trip, id="round trip")]
)

OCCURRENCE_CASES: list[tuple[str, str, list[Row]]] = [
    (
        "quoted dotted key: span keeps the quotes",
        "\"x.y\": 'v'\n",
        [
            ("x", ("x",), "mapping", None, "1:1-1:6", "1:8-1:11", "implicit"),
            ("x.y", ("x", "y"), "scalar", "v", "1:1-1:6", "1:8-1:11", ""),
        ],
    ),
    (
        "block sequence of mappings and scalars",
        'spec:\n  rules:\n    - host: x.example\n      http: {}\n    - "two"\n',
        [
            ("spec", ("spec",), "mapping", None, "1:1-1:5", "2:3-5:12", ""),
            ("spec.rules", ("spec", "rules"), "sequence", None, "2:3-2:8", "3:5-5:12", ""),
            ("spec.rules[0]", ("spec", "rules", "[0]"), "mapping", None, "3:7-4:15", "3:7-4:15", "element"),
            (
                "spec.rules[0].host",
                ("spec", "rules", "[0]", "host"),
                "scalar",
                "x.example",
                "3:7-3:11",
                "3:13-3:22",
                "",
            ),
            (
                "spec.rules[0].http",
                ("spec", "rules", "[0]", "http"),
                "mapping",
                None,
                "4:7-4:11",
                "4:13-4:15",
                "",
            ),
            ("spec.rules[1]", ("spec", "rules", "[1]"), "scalar", "two", "5:7-5:12", "5:7-5:12", "element"),
        ],
    ),
    (
        "unindented block sequence and nested sequence",
        "a:\n- 1\n- - x\n",
        [
            ("a", ("a",), "sequence", None, "1:1-1:2", "2:1-3:6", ""),
            ("a[0]", ("a", "[0]"), "scalar", 1, "2:3-2:4", "2:3-2:4", "element"),
            ("a[1]", ("a", "[1]"), "sequence", None, "3:3-3:6", "3:3-3:6", "element"),
            ("a[1][0]", ("a", "[1]", "[0]"), "scalar", "x", "3:5-3:6", "3:5-3:6", "element"),
        ],
    ),
    (
        "flow style",
        'a: {b: [1, "x"], c: {d: e}}\n',
        [
            ("a", ("a",), "mapping", None, "1:1-1:2", "1:4-1:28", ""),
            ("a.b", ("a", "b"), "sequence", None, "1:5-1:6", "1:8-1:16", ""),
            ("a.b[0]", ("a", "b", "[0]"), "scalar", 1, "1:9-1:10", "1:9-1:10", "element"),
            ("a.b[1]", ("a", "b", "[1]"), "scalar", "x", "1:12-1:15", "1:12-1:15", "element"),
            ("a.c", ("a", "c"), "mapping", None, "1:18-1:19", "1:21-1:27", ""),
            ("a.c.d", ("a", "c", "d"), "scalar", "e", "1:22-1:23", "1:25-1:26", ""),
        ],
    ),
    (
        "multi-line flow collection",
        "a: [1,\n   2]\nb: 3\n",
        [
            ("a", ("a",), "sequence", None, "1:1-1:2", "1:4-2:6", ""),
            ("a[0]", ("a", "[0]"), "scalar", 1, "1:5-1:6", "1:5-1:6", "element"),
            ("a[1]", ("a", "[1]"), "scalar", 2, "2:4-2:5", "2:4-2:5", "element"),
            ("b", ("b",), "scalar", 3, "3:1-3:2", "3:4-3:5", ""),
        ],
    ),
    (
        "block values end before trailing blank lines and comments",
        "a:\n  b: 1\n  c:\n    - x\n\n  # trailing comment\n\nd: |\n  text\n\n  more\n\n# c\ne: 2\n",
        [
            ("a", ("a",), "mapping", None, "1:1-1:2", "2:3-4:8", ""),
            ("a.b", ("a", "b"), "scalar", 1, "2:3-2:4", "2:6-2:7", ""),
            ("a.c", ("a", "c"), "sequence", None, "3:3-3:4", "4:5-4:8", ""),
            ("a.c[0]", ("a", "c", "[0]"), "scalar", "x", "4:7-4:8", "4:7-4:8", "element"),
            ("d", ("d",), "scalar", "text\n\nmore\n", "8:1-8:2", "8:4-11:7", ""),
            ("e", ("e",), "scalar", 2, "14:1-14:2", "14:4-14:5", ""),
        ],
    ),
    (
        "folded block scalar with chomping indicator and a multi-line plain scalar",
        "a: >-\n  one\n  two\nb: plain\n  more\n",
        [
            ("a", ("a",), "scalar", "one two", "1:1-1:2", "1:4-3:6", ""),
            ("b", ("b",), "scalar", "plain more", "4:1-4:2", "4:4-5:7", ""),
        ],
    ),
    (
        "empty values: zero-width right after ':' or '-'",
        "a:\nb: ~\nc:\n  -\n  - x\nd: {p, q: }\n",
        [
            ("a", ("a",), "scalar", None, "1:1-1:2", "1:3-1:3", ""),
            ("b", ("b",), "scalar", None, "2:1-2:2", "2:4-2:5", ""),
            ("c", ("c",), "sequence", None, "3:1-3:2", "4:3-5:6", ""),
            ("c[0]", ("c", "[0]"), "scalar", None, "4:4-4:4", "4:4-4:4", "element"),
            ("c[1]", ("c", "[1]"), "scalar", "x", "5:5-5:6", "5:5-5:6", "element"),
            ("d", ("d",), "mapping", None, "6:1-6:2", "6:4-6:12", ""),
            ("d.p", ("d", "p"), "scalar", None, "6:5-6:6", "6:6-6:6", ""),
            ("d.q", ("d", "q"), "scalar", None, "6:8-6:9", "6:10-6:10", ""),
        ],
    ),
    (
        "empty last value of a block mapping",
        "a:\n  b: 1\n  c:\n\n# end\n",
        [
            ("a", ("a",), "mapping", None, "1:1-1:2", "2:3-3:5", ""),
            ("a.b", ("a", "b"), "scalar", 1, "2:3-2:4", "2:6-2:7", ""),
            ("a.c", ("a", "c"), "scalar", None, "3:3-3:4", "3:5-3:5", ""),
        ],
    ),
    (
        "tags: custom tags give the plain string, the span includes the tag",
        "r: !Ref x\nm: !!map\n  k: v\n",
        [
            ("r", ("r",), "scalar", "x", "1:1-1:2", "1:4-1:10", ""),
            ("m", ("m",), "mapping", None, "2:1-2:2", "2:4-3:7", ""),
            ("m.k", ("m", "k"), "scalar", "v", "3:3-3:4", "3:6-3:7", ""),
        ],
    ),
    (
        "non-string scalar keys use their text",
        "1: x\ntrue: y\n1.5: z\n~: n\n",
        [
            ("1", ("1",), "scalar", "x", "1:1-1:2", "1:4-1:5", ""),
            ("true", ("true",), "scalar", "y", "2:1-2:5", "2:7-2:8", ""),
            ("1.5", ("1.5",), "scalar", "z", "3:1-3:4", "3:6-3:7", ""),
            ("~", ("~",), "scalar", "n", "4:1-4:2", "4:4-4:5", ""),
        ],
    ),
    (
        "anchors and aliases: alias spans point at *name, aliased keys are not repeated",
        "base: &b\n  x: 1\ns: &s hello\ncopy: *b\nother: *s\nlist: [*s, *b]\n",
        [
            ("base", ("base",), "mapping", None, "1:1-1:5", "1:7-2:7", ""),
            ("base.x", ("base", "x"), "scalar", 1, "2:3-2:4", "2:6-2:7", ""),
            ("s", ("s",), "scalar", "hello", "3:1-3:2", "3:4-3:12", ""),
            ("copy", ("copy",), "mapping", None, "4:1-4:5", "4:7-4:9", ""),
            ("other", ("other",), "scalar", "hello", "5:1-5:6", "5:8-5:10", ""),
            ("list", ("list",), "sequence", None, "6:1-6:5", "6:7-6:15", ""),
            ("list[0]", ("list", "[0]"), "scalar", "hello", "6:8-6:10", "6:8-6:10", "element"),
            ("list[1]", ("list", "[1]"), "mapping", None, "6:12-6:14", "6:12-6:14", "element"),
        ],
    ),
    (
        "alias as the last value of a block mapping ends the mapping's span",
        "a: &x [1]\nb:\n  c: *x\n\n# c\n",
        [
            ("a", ("a",), "sequence", None, "1:1-1:2", "1:4-1:10", ""),
            ("a[0]", ("a", "[0]"), "scalar", 1, "1:8-1:9", "1:8-1:9", "element"),
            ("b", ("b",), "mapping", None, "2:1-2:2", "3:3-3:8", ""),
            ("b.c", ("b", "c"), "sequence", None, "3:3-3:4", "3:6-3:8", ""),
        ],
    ),
    (
        "alias used as a key",
        "x: &k kk\n*k : v\n",
        [
            ("x", ("x",), "scalar", "kk", "1:1-1:2", "1:4-1:9", ""),
            ("kk", ("kk",), "scalar", "v", "2:1-2:3", "2:6-2:7", ""),
        ],
    ),
    (
        "recursive alias does not loop",
        "a: &r [*r]\n",
        [
            ("a", ("a",), "sequence", None, "1:1-1:2", "1:4-1:11", ""),
            ("a[0]", ("a", "[0]"), "sequence", None, "1:8-1:10", "1:8-1:10", "element"),
        ],
    ),
    (
        "merge keys: no << occurrence; merged keys are implicit at the <<, own keys win",
        "base: &b {x: 1}\nd:\n  <<: *b\n  y: 2\ne:\n  <<: [*b, {z: 3}]\nf:\n  <<: *b\n  x: 9\n",
        [
            ("base", ("base",), "mapping", None, "1:1-1:5", "1:7-1:16", ""),
            ("base.x", ("base", "x"), "scalar", 1, "1:11-1:12", "1:14-1:15", ""),
            ("d", ("d",), "mapping", None, "2:1-2:2", "3:3-4:7", ""),
            ("d.x", ("d", "x"), "scalar", 1, "3:3-3:5", "3:7-3:9", "implicit"),
            ("d.y", ("d", "y"), "scalar", 2, "4:3-4:4", "4:6-4:7", ""),
            ("e", ("e",), "mapping", None, "5:1-5:2", "6:3-6:19", ""),
            ("e.x", ("e", "x"), "scalar", 1, "6:3-6:5", "6:7-6:19", "implicit"),
            ("e.z", ("e", "z"), "scalar", 3, "6:3-6:5", "6:7-6:19", "implicit"),
            ("f", ("f",), "mapping", None, "7:1-7:2", "8:3-9:7", ""),
            ("f.x", ("f", "x"), "scalar", 9, "9:3-9:4", "9:6-9:7", ""),
        ],
    ),
    (
        "complex keys are skipped, explicit scalar keys are not",
        "? [a, b]\n: 1\n? c\n: 2\n? d\n",
        [
            ("c", ("c",), "scalar", 2, "3:3-3:4", "4:3-4:4", ""),
            ("d", ("d",), "scalar", None, "5:3-5:4", "5:4-5:4", ""),
        ],
    ),
    (
        "comments and blank lines before the first key",
        "# head\n\n  # indented\nkey: value # tail\n",
        [("key", ("key",), "scalar", "value", "4:1-4:4", "4:6-4:11", "")],
    ),
    (
        "a lone CR ends a YAML line, not keyshift's: positions count LF lines",
        "a: 1\rb: 2\r\nc:\r  d: 3\n",
        [
            ("a", ("a",), "scalar", 1, "1:1-1:2", "1:4-1:5", ""),
            ("b", ("b",), "scalar", 2, "1:6-1:7", "1:9-1:10", ""),
            ("c", ("c",), "mapping", None, "2:1-2:2", "2:6-2:10", ""),
            ("c.d", ("c", "d"), "scalar", 3, "2:6-2:7", "2:9-2:10", ""),
        ],
    ),
    (
        "NEL, LS and PS in a quoted value and in a comment are characters of their line",
        'a: "x\x85y\u2028z\u2029w"\nb: 1 # c\x85\n',
        [
            ("a", ("a",), "scalar", "x y\u2028z\u2029w", "1:1-1:2", "1:4-1:13", ""),
            ("b", ("b",), "scalar", 1, "2:1-2:2", "2:4-2:5", ""),
        ],
    ),
]


@BOTH_PARSERS
@each_row(("text", "expected"), OCCURRENCE_CASES)
def test_occurrences(parse: Parse, text: str, expected: list[Row]) -> None:
    assert rows(parse(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  b:\n    c: 1\n",
        "a.b.c: 1\n",
        "a:\n  b.c: 1\n",
        "a.b:\n  c: 1\n",
        "a: {b: {c: 1}}\n",
        "a: {b.c: 1}\n",
    ],
)
@BOTH_PARSERS
def test_spellings_share_the_explicit_path(parse: Parse, text: str) -> None:
    explicit = [o for o in parse(text).documents[0].occurrences if not o.implicit]
    leaf = [o for o in explicit if o.path == ("a", "b", "c")]
    assert len(leaf) == 1
    assert leaf[0].value == 1
    assert leaf[0].found == "a.b.c"


VALUE_CASES: list[tuple[str, Scalar]] = [
    ("42", 42),
    ("-17", -17),
    ("+5", 5),
    ("1_000", 1000),
    ("0x1F", 31),
    ("0o17", 15),
    ("0b101", 5),
    ("1.5", 1.5),
    ("1e3", 1000.0),
    ("-.inf", -math.inf),
    (".Inf", math.inf),
    ("true", True),
    ("False", False),
    ("null", None),
    ("~", None),
    ('"42"', "42"),
    ("'true'", "true"),
    ("yes", "yes"),
    ("on", "on"),
    ("2001-12-14", "2001-12-14"),
    ("!!str 5", "5"),
    ("!!int '7'", 7),
    ("!!float 3", 3.0),
    ("!!bool yes", True),
    ("!Sub 'x-${A}'", "x-${A}"),
    ("!!binary aGk=", "aGk="),
    ("plain text", "plain text"),
]


@BOTH_PARSERS
@pytest.mark.parametrize(("literal", "expected"), VALUE_CASES)
def test_scalar_values(parse: Parse, literal: str, expected: Scalar) -> None:
    (occ,) = parse(f"k: {literal}\n").documents[0].occurrences
    assert occ.value == expected
    assert type(occ.value) is type(expected)


@BOTH_PARSERS
def test_nan_value(parse: Parse) -> None:
    (occ,) = parse("k: .nan\n").documents[0].occurrences
    assert isinstance(occ.value, float)
    assert math.isnan(occ.value)


@BOTH_PARSERS
def test_yaml_11_document_resolves_yes_as_bool(parse: Parse) -> None:
    (occ,) = parse("%YAML 1.1\n---\nk: yes\n").documents[0].occurrences
    assert occ.value is True


DocRow = tuple[int, str | None, str, list[tuple[str, int]]]

DOCUMENT_CASES: list[tuple[str, str, list[DocRow]]] = [
    ("empty file", "", []),
    ("whitespace only", "  \n\n", []),
    ("comments only", "# one\n# two\n", []),
    ("explicit empty document", "---\n", [(0, None, "1:1-1:4", [])]),
    ("root scalar", "--- 5\n", [(0, "scalar", "1:1-1:6", [])]),
    ("implicit start after comments", "# c\n\na: 1\n# t\n", [(0, "mapping", "3:1-3:5", [("a", 0)])]),
    (
        "several documents",
        "a: 1\n---\nb:\n  c: 2\n...\n---\n# only a comment\n---\n- x\n",
        [
            (0, "mapping", "1:1-1:5", [("a", 0)]),
            (1, "mapping", "2:1-5:4", [("b", 1), ("b.c", 1)]),
            (2, None, "6:1-6:4", []),
            (3, "sequence", "8:1-9:4", [("[0]", 3)]),
        ],
    ),
    (
        "CRLF documents",
        "a: 1\r\n---\r\nb: 2\r\n",
        [(0, "mapping", "1:1-1:5", [("a", 0)]), (1, "mapping", "2:1-3:5", [("b", 1)])],
    ),
    (
        "anchors are per document",
        "a: &x 1\n---\na: &x 2\nb: *x\n",
        [(0, "mapping", "1:1-1:8", [("a", 0)]), (1, "mapping", "2:1-4:6", [("a", 1), ("b", 1)])],
    ),
]


@BOTH_PARSERS
@each_row(("text", "expected"), DOCUMENT_CASES)
def test_documents(parse: Parse, text: str, expected: list[DocRow]) -> None:
    parsed = parse(text)
    got = [(d.index, d.root_kind, at(d.span), [(o.found, o.document) for o in d.occurrences]) for d in parsed.documents]
    assert got == expected
    assert parsed.format == "yaml"
    assert parsed.text == text
    assert parsed.typed is True


@each_row(("text", "expected"), DOCUMENT_CASES)
def test_round_trip_tree_has_one_root_per_document(text: str, expected: list[DocRow]) -> None:
    parsed = parse_round_trip(text)
    assert isinstance(parsed.tree, list)
    assert len(parsed.tree) == len(parsed.documents) == len(expected)


def test_check_path_keeps_no_tree() -> None:
    assert parse("a: 1\n---\nb: [x]\n").tree is None


@BOTH_PARSERS
def test_alias_in_later_document_has_its_anchor_value(parse: Parse) -> None:
    parsed = parse("a: &x 1\n---\na: &x 2\nb: *x\n")
    b = parsed.documents[1].occurrences[1]
    assert (b.path, b.value, b.document, at(b.value_span) if b.value_span else None) == (
        ("b",),
        2,
        1,
        "4:4-4:6",
    )


def test_tree_holds_composed_root_nodes_with_offsets() -> None:
    text = "a: 1\n---\nb: [x]\n"
    roots = parse_round_trip(text).tree
    assert isinstance(roots, list)
    assert all(isinstance(node, Node) for node in roots)
    second = roots[1]
    assert isinstance(second, MappingNode)
    key, value = second.value[0]
    assert text[key.start_mark.index : key.end_mark.index] == "b"
    assert text[value.start_mark.index : value.end_mark.index] == "[x]"


@BOTH_PARSERS
def test_offsets_index_the_text_exactly(parse: Parse) -> None:
    text = "é:\r\n  k: 'v'\r\nlist:\r\n  - 1\r\n"
    for occ in parse(text).documents[0].occurrences:
        assert occ.value_span is not None
        value_text = text[occ.value_span.start.offset : occ.value_span.end.offset]
        key_text = text[occ.key_span.start.offset : occ.key_span.end.offset]
        assert (occ.found, key_text, value_text) in {
            ("é", "é", "k: 'v'"),
            ("é.k", "k", "'v'"),
            ("list", "list", "- 1"),
            ("list[0]", "1", "1"),
        }


ERROR_CASES: list[tuple[str, str, str, int, int]] = [
    ("flow sequence", "a: [1, 2\nb: 1\n", "expected ',' or ']', but got ':'", 2, 2),
    (
        "flow context",
        "a: [1, 2\nb: 1\n",
        "while parsing a flow sequence that starts at line 1, column 4",
        2,
        2,
    ),
    ("tab indentation", "a:\n\tb: 1\n", "found character '\\t' that cannot start any token", 2, 1),
    ("undefined alias", "a: *nope\n", "found undefined alias 'nope'", 1, 4),
    ("unterminated quote", 'a: "x\n', "found unexpected end of stream", 2, 1),
    ("bad indentation", "a: 1\n b: 2\n", "mapping values are not allowed here", 2, 3),
    ("unicode column", "é: é: x\n", "mapping values are not allowed here", 1, 5),
    ("CRLF line", "a: 1\r\nb: c: d\r\n", "mapping values are not allowed here", 2, 5),
    ("block after sequence", "- a\nb: 1\n", "expected <block end>", 2, 1),
    ("control character", "a: \x00\n", "unacceptable character #x0000", 1, 4),
    ("stray closing brace", "{a: 1}}\n", "expected '<document start>'", 1, 7),
    ("bad directive", "%YAML 1.3\n--- a\n", "version", 1, 1),
    # MAX_DEPTH collections hold values: the next level holds none
    ("deep flow nesting", "[" * 1000, f"nesting deeper than {MAX_DEPTH} levels", 1, MAX_DEPTH + 2),
    (
        "deep block nesting",
        "".join("  " * i + "k:\n" for i in range(MAX_DEPTH + 10)),
        f"nesting deeper than {MAX_DEPTH} levels",
        MAX_DEPTH + 1,  # the key scalar of mapping MAX_DEPTH + 1
        2 * MAX_DEPTH + 1,
    ),
]


@BOTH_PARSERS
@each_row(("text", "message", "line", "column"), ERROR_CASES)
def test_syntax_errors(parse: Parse, text: str, message: str, line: int, column: int) -> None:
    assert_syntax_error(parse, text, message, line, column)


@pytest.mark.parametrize(
    "text",
    [
        "\x85",
        "a: \u2028\n",
        "? \n: \n",
        ": x\n",
        "&a\n",
        "!\n",
        "a: !<tag:x> y\n",
        "- ? - : -\n",
        "{? [a]: b}\n",
        "*x\n",
        "---\n...\n...\n",
        "a: |\n",
        "a: |9\n  x\n",
        "a:\r\rb",
        "'''\n",
        "[a, b]: c\n",
        "%TAG ! tag:x,2000:\n--- !a b\n",
        "a: &x\n  b: *x\n",
        "\ufeffa: 1\n",
    ],
)
@BOTH_PARSERS
def test_odd_input_parses_or_raises_config_syntax_error(parse: Parse, text: str) -> None:
    parsed = parse_or_refuse(parse, text)
    for document in () if parsed is None else parsed.documents:
        for occ in document.occurrences:
            assert 0 <= occ.key_span.start.offset <= occ.key_span.end.offset <= len(text)


def test_registry_returns_the_check_and_round_trip_parsers() -> None:
    assert get_parser("yaml") is parse
    assert get_parser("yaml", round_trip=True) is yaml_parse.parse_round_trip
