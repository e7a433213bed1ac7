"""Tests for the YAML fixer's edits other than renames (set-value, add, delete, comment-out) and its
spelling of scalars: request in, exact text out, and the result parses to the intended keys."""

from __future__ import annotations

import math

import pytest

from fix import reparse
from keyshift.core.edits import FixRequest, apply_edits
from keyshift.core.model import Scalar
from keyshift.formats.yaml.fix import format_scalar, plan_fix
from keyshift.formats.yaml.parse import parse_round_trip
from keyshift.formats.yaml.walk import NodeRanges, YamlTree
from support.fix_cases import FixCase, check_fix, find_occurrence
from support.tables import each_case

OTHER_CASES: list[FixCase] = [
    FixCase(
        "set-value keeps single quotes",
        "a:\n  mode: 'linear'\n",
        "set-value",
        ("a", "mode"),
        "a:\n  mode: 'it''s'\n",
        value="it's",
        has_value=True,
    ),
    FixCase(
        "set-value: plain string that would read as a number is double-quoted",
        "a:\n  version: v1\n",
        "set-value",
        ("a", "version"),
        'a:\n  version: "1.0"\n',
        value="1.0",
        has_value=True,
    ),
    FixCase(
        "set-value: plain string that would read as a boolean is double-quoted",
        "a:\n  answer: maybe\n",
        "set-value",
        ("a", "answer"),
        'a:\n  answer: "yes"\n',
        value="yes",
        has_value=True,
    ),
    FixCase(
        "set-value: boolean replaces a quoted string",
        'a:\n  flag: "on"  # c\n',
        "set-value",
        ("a", "flag"),
        "a:\n  flag: true  # c\n",
        value=True,
        has_value=True,
    ),
    FixCase(
        "set-value: empty value gets a value",
        "a:\n  x:\n  y: 1\n",
        "set-value",
        ("a", "x"),
        "a:\n  x: 5\n  y: 1\n",
        value=5,
        has_value=True,
    ),
    FixCase(
        "set-value keeps the anchor", "a: &k old\n", "set-value", ("a",), "a: &k new\n", value="new", has_value=True
    ),
    FixCase(
        "set-value replaces an alias",
        "a: &k 1\nb: *k\n",
        "set-value",
        ("b",),
        "a: &k 1\nb: 2\n",
        value=2,
        has_value=True,
    ),
    FixCase(
        "set-value on a block sequence element",
        'items:\n  - a\n  - "b"\n',
        "set-value",
        ("items", "[1]"),
        'items:\n  - a\n  - "c d"\n',
        value="c d",
        has_value=True,
    ),
    FixCase(
        "set-value in a flow sequence quotes flow indicators",
        "items: [a, b]\n",
        "set-value",
        ("items", "[1]"),
        'items: [a, "c, d"]\n',
        value="c, d",
        has_value=True,
    ),
    FixCase(
        "set-value replaces a block scalar",
        "a:\n  text: |\n    old\n  b: 1\n",
        "set-value",
        ("a", "text"),
        "a:\n  text: new\n  b: 1\n",
        value="new",
        has_value=True,
    ),
    FixCase(
        "add under an existing parent, before a trailing comment",
        "a:\n  b: 1\n# end of a\nc: 2\n",
        "add",
        None,
        "a:\n  b: 1\n  d: true\n# end of a\nc: 2\n",
        new_path=("a", "d"),
        value=True,
        has_value=True,
    ),
    FixCase(
        "add creating parents in a nested file",
        "name: svc\nserver:\n  port: 8\n",
        "add",
        None,
        "name: svc\nserver:\n  port: 8\nmetrics:\n  export:\n    enabled: false\n",
        new_path=("metrics", "export", "enabled"),
        value=False,
        has_value=True,
        creates=frozenset({("metrics",), ("metrics", "export")}),
    ),
    FixCase(
        "add in a file of dotted keys is dotted",
        "server.port: 8\nlogging.level: info\n",
        "add",
        None,
        "server.port: 8\nlogging.level: info\nmanagement.port: 9\n",
        new_path=("management", "port"),
        value=9,
        has_value=True,
        creates=frozenset({("management",)}),
    ),
    FixCase(
        "add under a dotted parent goes after its siblings",
        "dten.hybrid.x: 1\nother: 2\n",
        "add",
        None,
        "dten.hybrid.x: 1\ndten.hybrid.enable: true\nother: 2\n",
        new_path=("dten", "hybrid", "enable"),
        value=True,
        has_value=True,
    ),
    FixCase(
        "add into a flow mapping",
        "dten.hybrid: {legacy_mode: on}\n",
        "add",
        None,
        "dten.hybrid: {legacy_mode: on, enable: true}\n",
        new_path=("dten", "hybrid", "enable"),
        value=True,
        has_value=True,
    ),
    FixCase(
        "add into an empty flow mapping",
        "a: {}\nb: 2\n",
        "add",
        None,
        "a: {k: v}\nb: 2\n",
        new_path=("a", "k"),
        value="v",
        has_value=True,
    ),
    FixCase(
        "add nested parents inside a flow mapping",
        "a: {x: 1}\n",
        "add",
        None,
        "a: {x: 1, b: {c: v}}\n",
        new_path=("a", "b", "c"),
        value="v",
        has_value=True,
        creates=frozenset({("a", "b")}),
    ),
    FixCase(
        "add to a later document without a final newline",
        "a: 1\n---\na: 2\n...\n---\na: 3",
        "add",
        None,
        "a: 1\n---\na: 2\n...\n---\na: 3\nz: null",
        new_path=("z",),
        has_value=True,
        document=2,
    ),
    FixCase(
        "add to a middle document, before its end marker",
        "a: 1\n---\na: 2\n...\n---\na: 3\n",
        "add",
        None,
        'a: 1\n---\na: 2\nz: ""\n...\n---\na: 3\n',
        new_path=("z",),
        value="",
        has_value=True,
        document=1,
    ),
    FixCase(
        "new nested levels use the file's indent step, found in another document",
        "a:\n    b:\n        c: 1\n---\nx: 1\n",
        "add",
        None,
        "a:\n    b:\n        c: 1\n---\nx: 1\nm:\n    k: 1\n",
        new_path=("m", "k"),
        value=1,
        has_value=True,
        document=1,
        creates=frozenset({("m",)}),
    ),
    FixCase(
        "add a float and keep CRLF",
        "a:\r\n  b: 1\r\n",
        "add",
        None,
        "a:\r\n  b: 1\r\n  ratio: 1.5\r\n",
        new_path=("a", "ratio"),
        value=1.5,
        has_value=True,
    ),
    FixCase(
        "delete keeps the comment lines above",
        "a:\n  # about old\n  old: 1  # c\n  keep: 2\n",
        "delete",
        ("a", "old"),
        "a:\n  # about old\n  keep: 2\n",
    ),
    FixCase(
        "delete removes emptied parents",
        "a:\n  b:\n    c:\n      d: 1\nz: 1\n",
        "delete",
        ("a", "b", "c", "d"),
        "z: 1\n",
        remove_empty_parents=True,
    ),
    FixCase(
        "delete without removing parents leaves an empty mapping",
        "a:\n  b:\n    d: 1\n",
        "delete",
        ("a", "b", "d"),
        "a:\n  b: {}\n",
    ),
    FixCase(
        "delete never empties the document: the last parent stays as {}",
        "a:\n  b:\n    d: 1\n",
        "delete",
        ("a", "b", "d"),
        "a: {}\n",
        remove_empty_parents=True,
    ),
    FixCase(
        "delete: an emptied parent with an alias keeps its anchor",
        "a:\n  b: &anc\n    d: 1\nz: *anc\n",
        "delete",
        ("a", "b", "d"),
        "a:\n  b: &anc {}\nz: *anc\n",
        remove_empty_parents=True,
    ),
    FixCase(
        "delete the last line of a file without a final newline", "a:\n  b: 1\nc: 2", "delete", ("c",), "a:\n  b: 1"
    ),
    FixCase(
        "delete the first key of a compact sequence element",
        "env:\n  - name: A\n    value: 1  # c\n  - name: B\n",
        "delete",
        ("env", "[0]", "name"),
        "env:\n  - value: 1  # c\n  - name: B\n",
    ),
    FixCase(
        "delete an entry with a kept block scalar: its blank lines stay",
        "a:\n  b: 1\n  c: |+\n    keep\n\nd: 1\n",
        "delete",
        ("a", "c"),
        "a:\n  b: 1\n\nd: 1\n",
    ),
    FixCase(
        "delete from a flow mapping, middle entry", "a: {x: 1, y: 2, z: 3}\n", "delete", ("a", "y"), "a: {x: 1, z: 3}\n"
    ),
    FixCase(
        "delete from a flow mapping, last entry", "a: {x: 1, y: 2, z: 3}\n", "delete", ("a", "z"), "a: {x: 1, y: 2}\n"
    ),
    FixCase(
        "delete the only entry of a flow mapping and its parent",
        "a: {x: 1}\nb: 2\n",
        "delete",
        ("a", "x"),
        "b: 2\n",
        remove_empty_parents=True,
    ),
    FixCase(
        "comment-out keeps indentation, note first, comments above stay",
        "x:\n  # doc for old\n  old:\n    deep: 1   # c\n\n    more: |\n      text\n  keep: 1\n",
        "comment-out",
        ("x", "old"),
        "x:\n  # doc for old\n  # keyshift: x.old was removed in 3.0 (KS101)\n  # old:\n  #   deep: 1   # c\n"
        "  #\n  #   more: |\n  #     text\n  keep: 1\n",
        note="keyshift: x.old was removed in 3.0 (KS101)",
    ),
    FixCase(
        "comment-out with CRLF",
        "a:\r\n  old: 1\r\n  keep: 2\r\n",
        "comment-out",
        ("a", "old"),
        "a:\r\n  # removed\r\n  # old: 1\r\n  keep: 2\r\n",
        note="removed",
    ),
]


@each_case(OTHER_CASES)
def test_fix(case: FixCase) -> None:
    check_fix(case, parse_round_trip, plan_fix, reparse.yaml)


def test_fixes_of_one_pass_apply_together() -> None:
    text = "a:\n  old: 1\n  gone: 2\n  mode: x\nb:\n  c: 1\n"
    parsed = parse_round_trip(text)
    requests = [
        FixRequest("rename", 0, find_occurrence(parsed, ("a", "old")), new_path=("b", "old")),
        FixRequest("delete", 0, find_occurrence(parsed, ("a", "gone"))),
        FixRequest("set-value", 0, find_occurrence(parsed, ("a", "mode")), value="z", has_value=True),
    ]
    edits = [edit for request in requests for edit in plan_fix(parsed, request).edits]
    assert apply_edits(text, edits) == "a:\n  mode: z\nb:\n  c: 1\n  old: 1\n"


@pytest.mark.parametrize(
    ("value", "style", "flow", "expected"),
    [
        (True, None, False, "true"),
        (False, "'", False, "false"),
        (None, None, False, "null"),
        (3, '"', False, "3"),
        (1.5, None, False, "1.5"),
        (math.inf, None, False, ".inf"),
        (-math.inf, None, False, "-.inf"),
        (math.nan, None, False, ".nan"),
        ("plain", None, False, "plain"),
        ("plain", '"', False, '"plain"'),
        ("it's", "'", False, "'it''s'"),
        ("line\nbreak", "'", False, '"line\\nbreak"'),
        ('say "hi"', '"', False, '"say \\"hi\\""'),
        ("yes", None, False, '"yes"'),
        ("Off", None, False, '"Off"'),
        ("1.0", None, False, '"1.0"'),
        ("0x1F", None, False, '"0x1F"'),
        (".5", None, False, '".5"'),
        (": x", None, False, '": x"'),
        ("#x", None, False, '"#x"'),
        ("a #b", None, False, '"a #b"'),
        ("key: v", None, False, '"key: v"'),
        ("ends:", None, False, '"ends:"'),
        ("", None, False, '""'),
        (" padded", None, False, '" padded"'),
        ("*star", None, False, '"*star"'),
        ("-Xmx1g", None, False, "-Xmx1g"),
        ("a,b", None, False, "a,b"),
        ("a,b", None, True, '"a,b"'),
        ("http://x", None, False, "http://x"),
        ("http://x", None, True, '"http://x"'),
        ("tab\there", None, False, '"tab\\there"'),
    ],
)
def test_format_scalar(value: Scalar, style: str | None, flow: bool, expected: str) -> None:
    assert format_scalar(value, style, flow) == expected
    parsed = parse_round_trip(f"k: {expected}\n")
    got = parsed.documents[0].occurrences[0].value
    if isinstance(value, float) and math.isnan(value):
        assert isinstance(got, float) and math.isnan(got)
    else:
        assert got == value


def test_tree_records_alias_tokens() -> None:
    text = "a: &x 1\nb: *x\nc: [*x]\n"
    parsed = parse_round_trip(text)
    tree = parsed.tree
    assert isinstance(tree, YamlTree)
    root = tree[0]
    assert root.id == "mapping"
    ranges = NodeRanges(text, tree)
    assert ranges.alias_range(root, 0) is None
    b_alias = ranges.alias_range(root, 1)
    assert b_alias is not None and text[b_alias[0] : b_alias[1]] == "*x"
    assert ranges.value_range(root, 1, root.value[1][1]) == b_alias
    seq = root.value[2][1]
    element = ranges.alias_range(seq, 0)
    assert element is not None and text[element[0] : element[1]] == "*x"
    assert text.__getitem__(slice(*ranges.key_range(root, 2))) == "c"
