"""Tests for the YAML fixer: request in, exact text out, and the result parses to the intended keys."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest
from ruamel.yaml.nodes import MappingNode

from keyshift.core.edits import CannotFix, FixOp, FixRequest, apply_edits
from keyshift.core.keypath import split_key
from keyshift.core.model import Occurrence, ParsedFile, Scalar
from keyshift.formats.yaml.fix import format_scalar, plan_fix
from keyshift.formats.yaml.parse import NodeRanges, YamlTree, parse


@dataclass(frozen=True)
class Req:
    """A request in test form: ``key`` names the occurrence (dotted), ``new`` the new path."""

    op: FixOp
    key: str | None = None
    new: str | None = None
    value: Scalar = None
    has_value: bool = False
    document: int = 0
    note: str | None = None
    remove_empty: bool = False


def _occurrence(parsed: ParsedFile, key: str, document: int) -> Occurrence:
    path = split_key(key)
    found = [o for o in parsed.documents[document].occurrences if o.path == path]
    assert found, f"no occurrence {key} in document {document}"
    return found[-1]


def _request(parsed: ParsedFile, req: Req) -> FixRequest:
    occurrence = _occurrence(parsed, req.key, req.document) if req.key is not None else None
    return FixRequest(
        req.op,
        req.document,
        occurrence,
        split_key(req.new) if req.new is not None else None,
        req.value,
        req.has_value,
        req.note,
        req.remove_empty,
    )


def _leaves(parsed: ParsedFile, document: int) -> dict[tuple[str, ...], Scalar]:
    return {
        o.path: o.value for o in parsed.documents[document].occurrences if not o.implicit and o.value_kind == "scalar"
    }


def _paths(parsed: ParsedFile, document: int) -> set[tuple[str, ...]]:
    return {o.path for o in parsed.documents[document].occurrences}


def _fix(text: str, req: Req) -> tuple[str, frozenset[tuple[str, ...]]]:
    parsed = parse(text)
    planned = plan_fix(parsed, _request(parsed, req))
    return apply_edits(text, planned.edits), planned.creates


def _check_result(before: str, after: str, req: Req) -> None:
    """The fixed text parses, and holds exactly the intended change of paths."""
    old = parse(before)
    new = parse(after)
    assert len(new.documents) == len(old.documents)
    for index in range(len(old.documents)):
        if index != req.document:
            assert _leaves(new, index) == _leaves(old, index)
    doc = req.document
    paths = _paths(new, doc)
    if req.op == "rename":
        assert req.key is not None and req.new is not None
        assert split_key(req.key) not in paths
        assert split_key(req.new) in paths
        if req.has_value:
            assert _leaves(new, doc)[split_key(req.new)] == req.value
    elif req.op in ("delete", "comment-out"):
        assert req.key is not None
        assert split_key(req.key) not in paths
    elif req.op == "set-value":
        assert req.key is not None
        assert _leaves(new, doc)[split_key(req.key)] == req.value
    elif req.op == "add":
        assert req.new is not None
        assert _leaves(new, doc)[split_key(req.new)] == req.value


# (id, input, request, expected output, expected ``creates``)
FixCase = tuple[str, str, Req, str, set[str]]

RENAME_CASES: list[FixCase] = [
    (
        "same parent keeps comment and position",
        "dten:\n  hybrid:\n    legacy_mode: on   # keeps\n  cache: 1\n",
        Req("rename", "dten.hybrid.legacy_mode", "dten.hybrid.enable"),
        "dten:\n  hybrid:\n    enable: on   # keeps\n  cache: 1\n",
        set(),
    ),
    (
        "same parent with mapped value",
        "dten:\n  hybrid:\n    legacy_mode: on   # keeps\n  cache: 1\n",
        Req("rename", "dten.hybrid.legacy_mode", "dten.hybrid.enable", True, True),
        "dten:\n  hybrid:\n    enable: true   # keeps\n  cache: 1\n",
        set(),
    ),
    (
        "same parent keeps the key's quotes and the value's quotes",
        "a:\n  'old': \"x\"\n",
        Req("rename", "a.old", "a.new", "y", True),
        "a:\n  'new': \"y\"\n",
        set(),
    ),
    (
        "dotted key: last segment renamed inside the token",
        "server.http.old_port: 80\n",
        Req("rename", "server.http.old_port", "server.http.port"),
        "server.http.port: 80\n",
        set(),
    ),
    (
        "key with an anchored mapping value keeps the anchor",
        "old: &base\n  x: 1\nother: *base\n",
        Req("rename", "old", "new"),
        "new: &base\n  x: 1\nother: *base\n",
        set(),
    ),
    (
        "new key that needs quotes is double-quoted",
        "a:\n  old: 1\n",
        Req("rename", "a.old", "a.on"),
        'a:\n  "on": 1\n',
        set(),
    ),
    (
        "move into an existing parent, at the end of it, with comments",
        "spring:\n  data:\n    redis:\n      host: x\n  redis:\n    # the port\n    port: 1  # default\nother: 2\n",
        Req("rename", "spring.redis.port", "spring.data.redis.port"),
        "spring:\n  data:\n    redis:\n      host: x\n      # the port\n      port: 1  # default\nother: 2\n",
        set(),
    ),
    (
        "move creating nested parents; the old parent keeps its other key",
        "spring:\n  redis:\n    host: x   # the host\n    port: 1\nother: 2\n",
        Req("rename", "spring.redis.host", "spring.data.redis.host"),
        "spring:\n  redis:\n    port: 1\n  data:\n    redis:\n      host: x   # the host\nother: 2\n",
        {"spring.data", "spring.data.redis"},
    ),
    (
        "move a whole subtree with a 4-space indent step",
        "a:\n    old:\n        x: 1\n        y:\n            z: 2\nb:\n    keep: 1\n",
        Req("rename", "a.old", "b.new.inner"),
        "b:\n    keep: 1\n    new:\n        inner:\n            x: 1\n            y:\n                z: 2\n",
        {"b.new"},
    ),
    (
        "dotted keys stay dotted, renamed in place",
        "spring.redis.host: x\nspring.redis.port: 1\n",
        Req("rename", "spring.redis.host", "spring.data.redis.host"),
        "spring.data.redis.host: x\nspring.redis.port: 1\n",
        {"spring.data", "spring.data.redis"},
    ),
    (
        "dotted parent in a nested mapping: the moved key is written dotted there",
        "spring:\n  data.redis.host: x\nserver.port: 8\nspring.redis.port: 1\n",
        Req("rename", "spring.redis.port", "spring.data.redis.port"),
        "spring:\n  data.redis.host: x\n  data.redis.port: 1\nserver.port: 8\n",
        set(),
    ),
    (
        "block scalar moves with its indentation re-based",
        "a:\n  script: |\n    echo 1\n      indented\n\n    echo 2\n  other: 1\nb:\n  c: 1\n",
        Req("rename", "a.script", "b.run.script"),
        "a:\n  other: 1\nb:\n  c: 1\n  run:\n    script: |\n      echo 1\n        indented\n\n      echo 2\n",
        {"b.run"},
    ),
    (
        "moved block scalar to a shallower level",
        "a:\n  b:\n    text: >-\n      folded\n      words\n    keep: 1\nx: 1\n",
        Req("rename", "a.b.text", "text"),
        "a:\n  b:\n    keep: 1\nx: 1\ntext: >-\n  folded\n  words\n",
        set(),
    ),
    (
        "emptied parents are removed up to the shared ancestor",
        "a:\n  x:\n    y:\n      old: 1\n  keep: 2\n",
        Req("rename", "a.x.y.old", "a.new"),
        "a:\n  keep: 2\n  new: 1\n",
        set(),
    ),
    (
        "moving the only key of a parent into a new sibling parent",
        "a:\n  old: 1\n",
        Req("rename", "a.old", "a.b.new"),
        "a:\n  b:\n    new: 1\n",
        {"a.b"},
    ),
    (
        "a parent that keeps a comment stays, as an empty mapping",
        "a:\n  old: 1\n  # note about a\nb:\n  c: 1\n",
        Req("rename", "a.old", "b.old"),
        "a: {}\n  # note about a\nb:\n  c: 1\n  old: 1\n",
        set(),
    ),
    (
        "an alias value moves after its anchor keeping the alias text",
        "base: &v 1\nc:\n  d: 1\nb: *v\n",
        Req("rename", "b", "c.b"),
        "base: &v 1\nc:\n  d: 1\n  b: *v\n",
        set(),
    ),
    (
        "an anchored value moves before its alias",
        "c:\n  d: 1\na: &v 1\nb: *v\n",
        Req("rename", "a", "c.a"),
        "c:\n  d: 1\n  a: &v 1\nb: *v\n",
        set(),
    ),
    (
        "move into a flow mapping",
        "a:\n  x: 1\nb: {c: 1}\n",
        Req("rename", "a.x", "b.x"),
        "b: {c: 1, x: 1}\n",
        set(),
    ),
    (
        "move out of a flow mapping",
        "a: {x: 1, y: 'v'}\nb:\n  c: 1\n",
        Req("rename", "a.y", "b.y"),
        "a: {x: 1}\nb:\n  c: 1\n  y: 'v'\n",
        set(),
    ),
    (
        "rename inside a flow mapping",
        "dten.hybrid: {legacy_mode: on, x: 1}\n",
        Req("rename", "dten.hybrid.legacy_mode", "dten.hybrid.enable", True, True),
        "dten.hybrid: {enable: true, x: 1}\n",
        set(),
    ),
    (
        "inside a sequence element",
        "items:\n  - name: a\n    old: 1\n",
        Req("rename", "items[0].old", "items[0].x.new"),
        "items:\n  - name: a\n    x:\n      new: 1\n",
        {"items[0].x"},
    ),
    (
        "multi-document: only the requested document changes",
        "a: 1\nb:\n  c: 1\n---\na: 2\nb:\n  c: 1\n---\na: 3\n",
        Req("rename", "a", "b.a", document=1),
        "a: 1\nb:\n  c: 1\n---\nb:\n  c: 1\n  a: 2\n---\na: 3\n",
        set(),
    ),
    (
        "CRLF line endings",
        "a:\r\n  old: 1\r\nb:\r\n  c: 2\r\n",
        Req("rename", "a.old", "b.x.new"),
        "b:\r\n  c: 2\r\n  x:\r\n    new: 1\r\n",
        {"b.x"},
    ),
    (
        "first key of a compact sequence element moves out; the next key takes its place",
        "env:\n  - old: |\n      text\n    value: 1\n",
        Req("rename", "env[0].old", "env[0].x.new"),
        "env:\n  - value: 1\n    x:\n      new: |\n        text\n",
        {"env[0].x"},
    ),
    (
        "move the only key of a flow mapping to a new parent inside it",
        "a: {b: {c: 2}}\n",
        Req("rename", "a.b.c", "a.b.d.c"),
        "a: {b: {d: {c: 2}}}\n",
        {"a.b.d"},
    ),
    (
        "a key that needs quotes keeps its text when moved",
        "a:\n  'on': 1\n  y: 2\nb:\n  c: 1\n",
        Req("rename", "a.y", "b.y"),
        "a:\n  'on': 1\nb:\n  c: 1\n  y: 2\n",
        set(),
    ),
    (
        "no final newline: moving the last line",
        "a:\n  b: 1\nc: 2",
        Req("rename", "c", "a.c"),
        "a:\n  b: 1\n  c: 2",
        set(),
    ),
    (
        "no final newline: appending after the last line",
        "c: 2\na:\n  b: 1",
        Req("rename", "c", "a.c"),
        "a:\n  b: 1\n  c: 2",
        set(),
    ),
]

OTHER_CASES: list[FixCase] = [
    (
        "set-value keeps single quotes",
        "a:\n  mode: 'linear'\n",
        Req("set-value", "a.mode", None, "it's", True),
        "a:\n  mode: 'it''s'\n",
        set(),
    ),
    (
        "set-value: plain string that would read as a number is double-quoted",
        "a:\n  version: v1\n",
        Req("set-value", "a.version", None, "1.0", True),
        'a:\n  version: "1.0"\n',
        set(),
    ),
    (
        "set-value: plain string that would read as a boolean is double-quoted",
        "a:\n  answer: maybe\n",
        Req("set-value", "a.answer", None, "yes", True),
        'a:\n  answer: "yes"\n',
        set(),
    ),
    (
        "set-value: boolean replaces a quoted string",
        'a:\n  flag: "on"  # c\n',
        Req("set-value", "a.flag", None, True, True),
        "a:\n  flag: true  # c\n",
        set(),
    ),
    (
        "set-value: empty value gets a value",
        "a:\n  x:\n  y: 1\n",
        Req("set-value", "a.x", None, 5, True),
        "a:\n  x: 5\n  y: 1\n",
        set(),
    ),
    (
        "set-value keeps the anchor",
        "a: &k old\n",
        Req("set-value", "a", None, "new", True),
        "a: &k new\n",
        set(),
    ),
    (
        "set-value replaces an alias",
        "a: &k 1\nb: *k\n",
        Req("set-value", "b", None, 2, True),
        "a: &k 1\nb: 2\n",
        set(),
    ),
    (
        "set-value on a block sequence element",
        'items:\n  - a\n  - "b"\n',
        Req("set-value", "items[1]", None, "c d", True),
        'items:\n  - a\n  - "c d"\n',
        set(),
    ),
    (
        "set-value in a flow sequence quotes flow indicators",
        "items: [a, b]\n",
        Req("set-value", "items[1]", None, "c, d", True),
        'items: [a, "c, d"]\n',
        set(),
    ),
    (
        "set-value replaces a block scalar",
        "a:\n  text: |\n    old\n  b: 1\n",
        Req("set-value", "a.text", None, "new", True),
        "a:\n  text: new\n  b: 1\n",
        set(),
    ),
    (
        "add under an existing parent, before a trailing comment",
        "a:\n  b: 1\n# end of a\nc: 2\n",
        Req("add", None, "a.d", True, True),
        "a:\n  b: 1\n  d: true\n# end of a\nc: 2\n",
        set(),
    ),
    (
        "add creating parents in a nested file",
        "name: svc\nserver:\n  port: 8\n",
        Req("add", None, "metrics.export.enabled", False, True),
        "name: svc\nserver:\n  port: 8\nmetrics:\n  export:\n    enabled: false\n",
        {"metrics", "metrics.export"},
    ),
    (
        "add in a file of dotted keys is dotted",
        "server.port: 8\nlogging.level: info\n",
        Req("add", None, "management.port", 9, True),
        "server.port: 8\nlogging.level: info\nmanagement.port: 9\n",
        {"management"},
    ),
    (
        "add under a dotted parent goes after its siblings",
        "dten.hybrid.x: 1\nother: 2\n",
        Req("add", None, "dten.hybrid.enable", True, True),
        "dten.hybrid.x: 1\ndten.hybrid.enable: true\nother: 2\n",
        set(),
    ),
    (
        "add into a flow mapping",
        "dten.hybrid: {legacy_mode: on}\n",
        Req("add", None, "dten.hybrid.enable", True, True),
        "dten.hybrid: {legacy_mode: on, enable: true}\n",
        set(),
    ),
    (
        "add into an empty flow mapping",
        "a: {}\nb: 2\n",
        Req("add", None, "a.k", "v", True),
        "a: {k: v}\nb: 2\n",
        set(),
    ),
    (
        "add nested parents inside a flow mapping",
        "a: {x: 1}\n",
        Req("add", None, "a.b.c", "v", True),
        "a: {x: 1, b: {c: v}}\n",
        {"a.b"},
    ),
    (
        "add to a later document without a final newline",
        "a: 1\n---\na: 2\n...\n---\na: 3",
        Req("add", None, "z", None, True, document=2),
        "a: 1\n---\na: 2\n...\n---\na: 3\nz: null",
        set(),
    ),
    (
        "add to a middle document, before its end marker",
        "a: 1\n---\na: 2\n...\n---\na: 3\n",
        Req("add", None, "z", "", True, document=1),
        'a: 1\n---\na: 2\nz: ""\n...\n---\na: 3\n',
        set(),
    ),
    (
        "new nested levels use the file's indent step, found in another document",
        "a:\n    b:\n        c: 1\n---\nx: 1\n",
        Req("add", None, "m.k", 1, True, document=1),
        "a:\n    b:\n        c: 1\n---\nx: 1\nm:\n    k: 1\n",
        {"m"},
    ),
    (
        "add a float and keep CRLF",
        "a:\r\n  b: 1\r\n",
        Req("add", None, "a.ratio", 1.5, True),
        "a:\r\n  b: 1\r\n  ratio: 1.5\r\n",
        set(),
    ),
    (
        "delete keeps the comment lines above",
        "a:\n  # about old\n  old: 1  # c\n  keep: 2\n",
        Req("delete", "a.old"),
        "a:\n  # about old\n  keep: 2\n",
        set(),
    ),
    (
        "delete removes emptied parents",
        "a:\n  b:\n    c:\n      d: 1\nz: 1\n",
        Req("delete", "a.b.c.d", remove_empty=True),
        "z: 1\n",
        set(),
    ),
    (
        "delete without removing parents leaves an empty mapping",
        "a:\n  b:\n    d: 1\n",
        Req("delete", "a.b.d"),
        "a:\n  b: {}\n",
        set(),
    ),
    (
        "delete never empties the document: the last parent stays as {}",
        "a:\n  b:\n    d: 1\n",
        Req("delete", "a.b.d", remove_empty=True),
        "a: {}\n",
        set(),
    ),
    (
        "delete: an emptied parent with an alias keeps its anchor",
        "a:\n  b: &anc\n    d: 1\nz: *anc\n",
        Req("delete", "a.b.d", remove_empty=True),
        "a:\n  b: &anc {}\nz: *anc\n",
        set(),
    ),
    (
        "delete the last line of a file without a final newline",
        "a:\n  b: 1\nc: 2",
        Req("delete", "c"),
        "a:\n  b: 1",
        set(),
    ),
    (
        "delete the first key of a compact sequence element",
        "env:\n  - name: A\n    value: 1  # c\n  - name: B\n",
        Req("delete", "env[0].name"),
        "env:\n  - value: 1  # c\n  - name: B\n",
        set(),
    ),
    (
        "delete an entry with a kept block scalar: its blank lines stay",
        "a:\n  b: 1\n  c: |+\n    keep\n\nd: 1\n",
        Req("delete", "a.c"),
        "a:\n  b: 1\n\nd: 1\n",
        set(),
    ),
    (
        "delete from a flow mapping, middle entry",
        "a: {x: 1, y: 2, z: 3}\n",
        Req("delete", "a.y"),
        "a: {x: 1, z: 3}\n",
        set(),
    ),
    (
        "delete from a flow mapping, last entry",
        "a: {x: 1, y: 2, z: 3}\n",
        Req("delete", "a.z"),
        "a: {x: 1, y: 2}\n",
        set(),
    ),
    (
        "delete the only entry of a flow mapping and its parent",
        "a: {x: 1}\nb: 2\n",
        Req("delete", "a.x", remove_empty=True),
        "b: 2\n",
        set(),
    ),
    (
        "comment-out keeps indentation, note first, comments above stay",
        "x:\n  # doc for old\n  old:\n    deep: 1   # c\n\n    more: |\n      text\n  keep: 1\n",
        Req("comment-out", "x.old", note="keyshift: x.old was removed in 3.0 (KS101)"),
        "x:\n  # doc for old\n  # keyshift: x.old was removed in 3.0 (KS101)\n  # old:\n  #   deep: 1   # c\n"
        "  #\n  #   more: |\n  #     text\n  keep: 1\n",
        set(),
    ),
    (
        "comment-out with CRLF",
        "a:\r\n  old: 1\r\n  keep: 2\r\n",
        Req("comment-out", "a.old", note="removed"),
        "a:\r\n  # removed\r\n  # old: 1\r\n  keep: 2\r\n",
        set(),
    ),
]


@pytest.mark.parametrize(
    ("text", "req", "expected", "creates"),
    [case[1:] for case in RENAME_CASES + OTHER_CASES],
    ids=[case[0] for case in RENAME_CASES + OTHER_CASES],
)
def test_fix(text: str, req: Req, expected: str, creates: set[str]) -> None:
    got, created = _fix(text, req)
    assert got == expected
    assert created == {split_key(path) for path in creates}
    _check_result(text, got, req)


CANNOT_CASES: list[tuple[str, str, Req, str]] = [
    ("add to a sequence root", "- a\n", Req("add", None, "x", 1, True), "root is sequence"),
    ("add to an empty document", "---\n", Req("add", None, "x", 1, True), "root is empty"),
    ("add under a scalar", "a: 1\n", Req("add", None, "a.x", 1, True), "a holds a single value"),
    ("add under a null", "a:\nb: 1\n", Req("add", None, "a.x", 1, True), "a is empty (null)"),
    ("add under a sequence", "a: [1]\n", Req("add", None, "a.x", 1, True), "a holds a sequence"),
    ("add an existing key", "a:\n  x: 1\n", Req("add", None, "a.x", 1, True), "a.x already exists"),
    ("add through an alias", "x: &x {a: 1}\nc: *x\n", Req("add", None, "c.b", 1, True), "c is an alias"),
    (
        "add into an anchored mapping",
        "base: &b {x: 1}\nsvc: {<<: *b}\n",
        Req("add", None, "base.y", 1, True),
        "every alias of &b",
    ),
    (
        "rename onto an existing key",
        "a:\n  old: 1\n  new: 2\n",
        Req("rename", "a.old", "a.new"),
        "a.new already exists",
    ),
    (
        "rename a key that other mappings merge in",
        "base: &b\n  x: 1\nsvc:\n  <<: *b\n  y: 2\n",
        Req("rename", "base.x", "base.z"),
        "merge it in",
    ),
    (
        "delete a key that a merge would bring back",
        "base: &b\n  x: 1\nsvc:\n  <<: *b\n  x: 2\n",
        Req("delete", "svc.x"),
        "merge would bring it back",
    ),
    (
        "move an anchor below its alias",
        "a: &v 1\nb: *v\nc:\n  d: 1\n",
        Req("rename", "a", "c.a"),
        "after an alias",
    ),
    (
        "move an alias above its anchor",
        "c:\n  d: 1\na: &v 1\nb: *v\n",
        Req("rename", "b", "c.b"),
        "before the anchor",
    ),
    (
        "set an anchored value that aliases use",
        "a: &v 1\nb: *v\n",
        Req("set-value", "a", None, 3, True),
        "aliases refer to the value of a",
    ),
    (
        "delete an anchored entry that aliases use",
        "a: &v 1\nb: *v\n",
        Req("delete", "a"),
        "an alias elsewhere refers to its anchor &v",
    ),
    ("delete the only key", "a: 1\n", Req("delete", "a", remove_empty=True), "leave the document empty"),
    (
        "comment out the only key of a parent",
        "x:\n  old: 1\n",
        Req("comment-out", "x.old", note="n"),
        "would leave x empty",
    ),
    (
        "comment out inside a flow mapping",
        "x: {old: 1, b: 2}\n",
        Req("comment-out", "x.old", note="n"),
        "inside a flow mapping",
    ),
    (
        "comment out the first key of a compact sequence element",
        "items:\n  - old: 1\n    name: a\n",
        Req("comment-out", "items[0].old", note="n"),
        "shares its line",
    ),
    (
        "move a commented entry into a flow mapping",
        "a:\n  # c\n  x: 1\n  y: 2\nb: {c: 1}\n",
        Req("rename", "a.x", "b.x"),
        "with its comments",
    ),
    (
        "set a mapping value",
        "a:\n  b: 1\n",
        Req("set-value", "a", None, 3, True),
        "a holds a mapping",
    ),
    (
        "delete a sequence element",
        "a:\n  - 1\n  - 2\n",
        Req("delete", "a[0]"),
        "renumber",
    ),
    (
        "new key segment with a dot",
        "a:\n  old: 1\n",
        Req("rename", "a.old", 'a."x.y"'),
        "cannot write the key 'x.y'",
    ),
    (
        "remove the only key of a sequence element",
        "items:\n  -\n    old: 1\n",
        Req("delete", "items[0].old", remove_empty=True),
        "leave a sequence element empty",
    ),
    (
        "move an entry ending in a block scalar that keeps its trailing lines",
        "a:\n  s: |+\n    keep\n\nb:\n  c: 1\n",
        Req("rename", "a.s", "b.s"),
        "keeps trailing lines",
    ),
    (
        "insert after a block scalar that keeps its trailing lines",
        "a:\n  s: |+\n    keep\n\nb: 1\n",
        Req("add", None, "a.t", 1, True),
        "keeps trailing lines",
    ),
    (
        "delete a compact first key followed by comments",
        "env:\n  - old: 1\n    # about value\n    value: 1\n",
        Req("delete", "env[0].old"),
        "comments follow it",
    ),
    (
        "set-value on part of a dotted key",
        "a.b.c: 1\n",
        Req("set-value", "a.b", None, 2, True),
        "part of a longer dotted key",
    ),
    (
        "set-value on an alias of a mapping",
        "a: &m {x: 1}\nb: *m\n",
        Req("set-value", "b", None, 2, True),
        "b holds a mapping",
    ),
    (
        "document out of range",
        "a: 1\n",
        Req("add", None, "b", 1, True, document=3),
        "no document 3",
    ),
]


@pytest.mark.parametrize(("text", "req", "message"), [c[1:] for c in CANNOT_CASES], ids=[c[0] for c in CANNOT_CASES])
def test_cannot_fix(text: str, req: Req, message: str) -> None:
    parsed = parse(text)
    if req.document >= len(parsed.documents):
        request = FixRequest(req.op, req.document, None, split_key(req.new or "x"), req.value, True)
    else:
        request = _request(parsed, req)
    with pytest.raises(CannotFix, match=None) as info:
        plan_fix(parsed, request)
    assert message in str(info.value)


def test_wildcard_move_in_two_passes_removes_the_old_parent() -> None:
    """Two keys moved to the same new parent: the second pass finds the parent the first created."""
    text = "spring:\n  redis:\n    host: x\n    port: 1\n  app: demo\n"
    first, creates = _fix(text, Req("rename", "spring.redis.host", "spring.data.redis.host"))
    assert creates == {("spring", "data"), ("spring", "data", "redis")}
    second, creates = _fix(first, Req("rename", "spring.redis.port", "spring.data.redis.port"))
    assert creates == frozenset()
    assert second == "spring:\n  app: demo\n  data:\n    redis:\n      host: x\n      port: 1\n"


def test_fixes_of_one_pass_apply_together() -> None:
    text = "a:\n  old: 1\n  gone: 2\n  mode: x\nb:\n  c: 1\n"
    parsed = parse(text)
    requests = [
        Req("rename", "a.old", "b.old"),
        Req("delete", "a.gone"),
        Req("set-value", "a.mode", None, "z", True),
    ]
    edits = [edit for req in requests for edit in plan_fix(parsed, _request(parsed, req)).edits]
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
    parsed = parse(f"k: {expected}\n")
    got = parsed.documents[0].occurrences[0].value
    if isinstance(value, float) and math.isnan(value):
        assert isinstance(got, float) and math.isnan(got)
    else:
        assert got == value


def test_tree_records_alias_tokens() -> None:
    text = "a: &x 1\nb: *x\nc: [*x]\n"
    parsed = parse(text)
    tree = parsed.tree
    assert isinstance(tree, YamlTree)
    root = tree[0]
    assert isinstance(root, MappingNode)
    ranges = NodeRanges(text, tree)
    assert ranges.alias_range(root, 0) is None
    b_alias = ranges.alias_range(root, 1)
    assert b_alias is not None and text[b_alias[0] : b_alias[1]] == "*x"
    assert ranges.value_range(root, 1, root.value[1][1]) == b_alias
    seq = root.value[2][1]
    element = ranges.alias_range(seq, 0)
    assert element is not None and text[element[0] : element[1]] == "*x"
    assert text.__getitem__(slice(*ranges.key_range(root, 2))) == "c"
