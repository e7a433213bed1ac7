"""What the YAML fixer refuses, and why: each request on a given text -> the words of its reason."""

from __future__ import annotations

import pytest

from keyshift.formats.yaml.fix import plan_fix
from keyshift.formats.yaml.parse import parse
from support.fix_cases import FixCase, refusal

CANNOT_CASES: list[FixCase] = [
    FixCase(
        "add to a sequence root", "- a\n", "add", None, "root is sequence", new_path=("x",), value=1, has_value=True
    ),
    FixCase(
        "add to an empty document", "---\n", "add", None, "root is empty", new_path=("x",), value=1, has_value=True
    ),
    FixCase(
        "add under a scalar",
        "a: 1\n",
        "add",
        None,
        "a holds a single value",
        new_path=("a", "x"),
        value=1,
        has_value=True,
    ),
    FixCase(
        "add under a null", "a:\nb: 1\n", "add", None, "a is empty (null)", new_path=("a", "x"), value=1, has_value=True
    ),
    FixCase(
        "add under a sequence",
        "a: [1]\n",
        "add",
        None,
        "a holds a sequence",
        new_path=("a", "x"),
        value=1,
        has_value=True,
    ),
    FixCase(
        "add an existing key",
        "a:\n  x: 1\n",
        "add",
        None,
        "a.x already exists",
        new_path=("a", "x"),
        value=1,
        has_value=True,
    ),
    FixCase(
        "add through an alias",
        "x: &x {a: 1}\nc: *x\n",
        "add",
        None,
        "c is an alias",
        new_path=("c", "b"),
        value=1,
        has_value=True,
    ),
    FixCase(
        "add into an anchored mapping",
        "base: &b {x: 1}\nsvc: {<<: *b}\n",
        "add",
        None,
        "every alias of &b",
        new_path=("base", "y"),
        value=1,
        has_value=True,
    ),
    FixCase(
        "rename onto an existing key",
        "a:\n  old: 1\n  new: 2\n",
        "rename",
        ("a", "old"),
        "a.new already exists",
        new_path=("a", "new"),
    ),
    FixCase(
        "rename a key that other mappings merge in",
        "base: &b\n  x: 1\nsvc:\n  <<: *b\n  y: 2\n",
        "rename",
        ("base", "x"),
        "merge it in",
        new_path=("base", "z"),
    ),
    FixCase(
        "delete a key that a merge would bring back",
        "base: &b\n  x: 1\nsvc:\n  <<: *b\n  x: 2\n",
        "delete",
        ("svc", "x"),
        "merge would bring it back",
    ),
    FixCase(
        "move an anchor below its alias",
        "a: &v 1\nb: *v\nc:\n  d: 1\n",
        "rename",
        ("a",),
        "after an alias",
        new_path=("c", "a"),
    ),
    FixCase(
        "move an alias above its anchor",
        "c:\n  d: 1\na: &v 1\nb: *v\n",
        "rename",
        ("b",),
        "before the anchor",
        new_path=("c", "b"),
    ),
    FixCase(
        "set an anchored value that aliases use",
        "a: &v 1\nb: *v\n",
        "set-value",
        ("a",),
        "aliases refer to the value of a",
        value=3,
        has_value=True,
    ),
    FixCase(
        "delete an anchored entry that aliases use",
        "a: &v 1\nb: *v\n",
        "delete",
        ("a",),
        "an alias elsewhere refers to its anchor &v",
    ),
    FixCase("delete the only key", "a: 1\n", "delete", ("a",), "leave the document empty", remove_empty_parents=True),
    FixCase(
        "comment out the only key of a parent",
        "x:\n  old: 1\n",
        "comment-out",
        ("x", "old"),
        "would leave x empty",
        note="n",
    ),
    FixCase(
        "comment out inside a flow mapping",
        "x: {old: 1, b: 2}\n",
        "comment-out",
        ("x", "old"),
        "inside a flow mapping",
        note="n",
    ),
    FixCase(
        "comment out the first key of a compact sequence element",
        "items:\n  - old: 1\n    name: a\n",
        "comment-out",
        ("items", "[0]", "old"),
        "shares its line",
        note="n",
    ),
    FixCase(
        "move a commented entry into a flow mapping",
        "a:\n  # c\n  x: 1\n  y: 2\nb: {c: 1}\n",
        "rename",
        ("a", "x"),
        "with its comments",
        new_path=("b", "x"),
    ),
    FixCase("set a mapping value", "a:\n  b: 1\n", "set-value", ("a",), "a holds a mapping", value=3, has_value=True),
    FixCase("delete a sequence element", "a:\n  - 1\n  - 2\n", "delete", ("a", "[0]"), "renumber"),
    FixCase(
        "new key segment with a dot",
        "a:\n  old: 1\n",
        "rename",
        ("a", "old"),
        "cannot write the key 'x.y'",
        new_path=("a", "x.y"),
    ),
    FixCase(
        "remove the only key of a sequence element",
        "items:\n  -\n    old: 1\n",
        "delete",
        ("items", "[0]", "old"),
        "leave a sequence element empty",
        remove_empty_parents=True,
    ),
    FixCase(
        "move an entry ending in a block scalar that keeps its trailing lines",
        "a:\n  s: |+\n    keep\n\nb:\n  c: 1\n",
        "rename",
        ("a", "s"),
        "keeps trailing lines",
        new_path=("b", "s"),
    ),
    FixCase(
        "insert after a block scalar that keeps its trailing lines",
        "a:\n  s: |+\n    keep\n\nb: 1\n",
        "add",
        None,
        "keeps trailing lines",
        new_path=("a", "t"),
        value=1,
        has_value=True,
    ),
    FixCase(
        "delete a compact first key followed by comments",
        "env:\n  - old: 1\n    # about value\n    value: 1\n",
        "delete",
        ("env", "[0]", "old"),
        "comments follow it",
    ),
    FixCase(
        "set-value on part of a dotted key",
        "a.b.c: 1\n",
        "set-value",
        ("a", "b"),
        "part of a longer dotted key",
        value=2,
        has_value=True,
    ),
    FixCase(
        "set-value on an alias of a mapping",
        "a: &m {x: 1}\nb: *m\n",
        "set-value",
        ("b",),
        "b holds a mapping",
        value=2,
        has_value=True,
    ),
    FixCase(
        "document out of range",
        "a: 1\n",
        "add",
        None,
        "no document 3",
        new_path=("b",),
        value=1,
        has_value=True,
        document=3,
    ),
]


@pytest.mark.parametrize("case", CANNOT_CASES, ids=[c.name for c in CANNOT_CASES])
def test_cannot_fix(case: FixCase) -> None:
    assert case.expected in refusal(case, parse, plan_fix)
