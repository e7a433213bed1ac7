"""Tests for the YAML fixer's renames and moves: request in, exact text out, and the result parses to the
intended keys.  (Other edits: ``test_yaml_fix_edits``; refusals: ``test_yaml_fix_refused``.)"""

from __future__ import annotations

from fix import reparse
from keyshift.formats.yaml.fix import plan_fix
from keyshift.formats.yaml.parse import parse_round_trip
from support.fix_cases import FixCase, check_fix, run_fix
from support.tables import each_case

RENAME_CASES: list[FixCase] = [
    FixCase(
        "same parent keeps comment and position",
        "dten:\n  hybrid:\n    legacy_mode: on   # keeps\n  cache: 1\n",
        "rename",
        ("dten", "hybrid", "legacy_mode"),
        "dten:\n  hybrid:\n    enable: on   # keeps\n  cache: 1\n",
        new_path=("dten", "hybrid", "enable"),
    ),
    FixCase(
        "same parent with mapped value",
        "dten:\n  hybrid:\n    legacy_mode: on   # keeps\n  cache: 1\n",
        "rename",
        ("dten", "hybrid", "legacy_mode"),
        "dten:\n  hybrid:\n    enable: true   # keeps\n  cache: 1\n",
        new_path=("dten", "hybrid", "enable"),
        value=True,
        has_value=True,
    ),
    FixCase(
        "same parent keeps the key's quotes and the value's quotes",
        "a:\n  'old': \"x\"\n",
        "rename",
        ("a", "old"),
        "a:\n  'new': \"y\"\n",
        new_path=("a", "new"),
        value="y",
        has_value=True,
    ),
    FixCase(
        "dotted key: last segment renamed inside the token",
        "server.http.old_port: 80\n",
        "rename",
        ("server", "http", "old_port"),
        "server.http.port: 80\n",
        new_path=("server", "http", "port"),
    ),
    FixCase(
        "key with an anchored mapping value keeps the anchor",
        "old: &base\n  x: 1\nother: *base\n",
        "rename",
        ("old",),
        "new: &base\n  x: 1\nother: *base\n",
        new_path=("new",),
    ),
    FixCase(
        "new key that needs quotes is double-quoted",
        "a:\n  old: 1\n",
        "rename",
        ("a", "old"),
        'a:\n  "on": 1\n',
        new_path=("a", "on"),
    ),
    FixCase(
        "move into an existing parent, at the end of it, with comments",
        "spring:\n  data:\n    redis:\n      host: x\n  redis:\n    # the port\n    port: 1  # default\nother: 2\n",
        "rename",
        ("spring", "redis", "port"),
        "spring:\n  data:\n    redis:\n      host: x\n      # the port\n      port: 1  # default\nother: 2\n",
        new_path=("spring", "data", "redis", "port"),
    ),
    FixCase(
        "move creating nested parents; the old parent keeps its other key",
        "spring:\n  redis:\n    host: x   # the host\n    port: 1\nother: 2\n",
        "rename",
        ("spring", "redis", "host"),
        "spring:\n  redis:\n    port: 1\n  data:\n    redis:\n      host: x   # the host\nother: 2\n",
        new_path=("spring", "data", "redis", "host"),
        creates=frozenset({("spring", "data"), ("spring", "data", "redis")}),
    ),
    FixCase(
        "move a whole subtree with a 4-space indent step",
        "a:\n    old:\n        x: 1\n        y:\n            z: 2\nb:\n    keep: 1\n",
        "rename",
        ("a", "old"),
        "b:\n    keep: 1\n    new:\n        inner:\n            x: 1\n            y:\n                z: 2\n",
        new_path=("b", "new", "inner"),
        creates=frozenset({("b", "new")}),
    ),
    FixCase(
        "dotted keys stay dotted, renamed in place",
        "spring.redis.host: x\nspring.redis.port: 1\n",
        "rename",
        ("spring", "redis", "host"),
        "spring.data.redis.host: x\nspring.redis.port: 1\n",
        new_path=("spring", "data", "redis", "host"),
        creates=frozenset({("spring", "data"), ("spring", "data", "redis")}),
    ),
    FixCase(
        "dotted parent in a nested mapping: the moved key is written dotted there",
        "spring:\n  data.redis.host: x\nserver.port: 8\nspring.redis.port: 1\n",
        "rename",
        ("spring", "redis", "port"),
        "spring:\n  data.redis.host: x\n  data.redis.port: 1\nserver.port: 8\n",
        new_path=("spring", "data", "redis", "port"),
    ),
    FixCase(
        "block scalar moves with its indentation re-based",
        "a:\n  script: |\n    echo 1\n      indented\n\n    echo 2\n  other: 1\nb:\n  c: 1\n",
        "rename",
        ("a", "script"),
        "a:\n  other: 1\nb:\n  c: 1\n  run:\n    script: |\n      echo 1\n        indented\n\n      echo 2\n",
        new_path=("b", "run", "script"),
        creates=frozenset({("b", "run")}),
    ),
    FixCase(
        "moved block scalar to a shallower level",
        "a:\n  b:\n    text: >-\n      folded\n      words\n    keep: 1\nx: 1\n",
        "rename",
        ("a", "b", "text"),
        "a:\n  b:\n    keep: 1\nx: 1\ntext: >-\n  folded\n  words\n",
        new_path=("text",),
    ),
    FixCase(
        "emptied parents are removed up to the shared ancestor",
        "a:\n  x:\n    y:\n      old: 1\n  keep: 2\n",
        "rename",
        ("a", "x", "y", "old"),
        "a:\n  keep: 2\n  new: 1\n",
        new_path=("a", "new"),
    ),
    FixCase(
        "moving the only key of a parent into a new sibling parent",
        "a:\n  old: 1\n",
        "rename",
        ("a", "old"),
        "a:\n  b:\n    new: 1\n",
        new_path=("a", "b", "new"),
        creates=frozenset({("a", "b")}),
    ),
    FixCase(
        "a parent that keeps a comment stays, as an empty mapping",
        "a:\n  old: 1\n  # note about a\nb:\n  c: 1\n",
        "rename",
        ("a", "old"),
        "a: {}\n  # note about a\nb:\n  c: 1\n  old: 1\n",
        new_path=("b", "old"),
    ),
    FixCase(
        "an alias value moves after its anchor keeping the alias text",
        "base: &v 1\nc:\n  d: 1\nb: *v\n",
        "rename",
        ("b",),
        "base: &v 1\nc:\n  d: 1\n  b: *v\n",
        new_path=("c", "b"),
    ),
    FixCase(
        "an anchored value moves before its alias",
        "c:\n  d: 1\na: &v 1\nb: *v\n",
        "rename",
        ("a",),
        "c:\n  d: 1\n  a: &v 1\nb: *v\n",
        new_path=("c", "a"),
    ),
    FixCase(
        "move into a flow mapping",
        "a:\n  x: 1\nb: {c: 1}\n",
        "rename",
        ("a", "x"),
        "b: {c: 1, x: 1}\n",
        new_path=("b", "x"),
    ),
    FixCase(
        "move out of a flow mapping",
        "a: {x: 1, y: 'v'}\nb:\n  c: 1\n",
        "rename",
        ("a", "y"),
        "a: {x: 1}\nb:\n  c: 1\n  y: 'v'\n",
        new_path=("b", "y"),
    ),
    FixCase(
        "rename inside a flow mapping",
        "dten.hybrid: {legacy_mode: on, x: 1}\n",
        "rename",
        ("dten", "hybrid", "legacy_mode"),
        "dten.hybrid: {enable: true, x: 1}\n",
        new_path=("dten", "hybrid", "enable"),
        value=True,
        has_value=True,
    ),
    FixCase(
        "inside a sequence element",
        "items:\n  - name: a\n    old: 1\n",
        "rename",
        ("items", "[0]", "old"),
        "items:\n  - name: a\n    x:\n      new: 1\n",
        new_path=("items", "[0]", "x", "new"),
        creates=frozenset({("items", "[0]", "x")}),
    ),
    FixCase(
        "multi-document: only the requested document changes",
        "a: 1\nb:\n  c: 1\n---\na: 2\nb:\n  c: 1\n---\na: 3\n",
        "rename",
        ("a",),
        "a: 1\nb:\n  c: 1\n---\nb:\n  c: 1\n  a: 2\n---\na: 3\n",
        new_path=("b", "a"),
        document=1,
    ),
    FixCase(
        "CRLF line endings",
        "a:\r\n  old: 1\r\nb:\r\n  c: 2\r\n",
        "rename",
        ("a", "old"),
        "b:\r\n  c: 2\r\n  x:\r\n    new: 1\r\n",
        new_path=("b", "x", "new"),
        creates=frozenset({("b", "x")}),
    ),
    FixCase(
        "first key of a compact sequence element moves out; the next key takes its place",
        "env:\n  - old: |\n      text\n    value: 1\n",
        "rename",
        ("env", "[0]", "old"),
        "env:\n  - value: 1\n    x:\n      new: |\n        text\n",
        new_path=("env", "[0]", "x", "new"),
        creates=frozenset({("env", "[0]", "x")}),
    ),
    FixCase(
        "move the only key of a flow mapping to a new parent inside it",
        "a: {b: {c: 2}}\n",
        "rename",
        ("a", "b", "c"),
        "a: {b: {d: {c: 2}}}\n",
        new_path=("a", "b", "d", "c"),
        creates=frozenset({("a", "b", "d")}),
    ),
    FixCase(
        "a key that needs quotes keeps its text when moved",
        "a:\n  'on': 1\n  y: 2\nb:\n  c: 1\n",
        "rename",
        ("a", "y"),
        "a:\n  'on': 1\nb:\n  c: 1\n  y: 2\n",
        new_path=("b", "y"),
    ),
    FixCase(
        "no final newline: moving the last line",
        "a:\n  b: 1\nc: 2",
        "rename",
        ("c",),
        "a:\n  b: 1\n  c: 2",
        new_path=("a", "c"),
    ),
    FixCase(
        "no final newline: appending after the last line",
        "c: 2\na:\n  b: 1",
        "rename",
        ("c",),
        "a:\n  b: 1\n  c: 2",
        new_path=("a", "c"),
    ),
]


@each_case(RENAME_CASES)
def test_fix(case: FixCase) -> None:
    check_fix(case, parse_round_trip, plan_fix, reparse.yaml)


def test_wildcard_move_in_two_passes_removes_the_old_parent() -> None:
    """Two keys moved to the same new parent: the second pass finds the parent the first created."""
    text = "spring:\n  redis:\n    host: x\n    port: 1\n  app: demo\n"
    first = run_fix(
        FixCase("", text, "rename", ("spring", "redis", "host"), "", new_path=("spring", "data", "redis", "host")),
        parse_round_trip,
        plan_fix,
    )
    assert first.plan.creates == {("spring", "data"), ("spring", "data", "redis")}
    second = run_fix(
        FixCase(
            "", first.output, "rename", ("spring", "redis", "port"), "", new_path=("spring", "data", "redis", "port")
        ),
        parse_round_trip,
        plan_fix,
    )
    assert second.plan.creates == frozenset()
    assert second.output == "spring:\n  app: demo\n  data:\n    redis:\n      host: x\n      port: 1\n"
