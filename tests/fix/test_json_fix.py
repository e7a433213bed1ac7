"""Tests for the JSON/JSONC fixer: each request on an input text -> the exact output text.

Every successful case is also re-parsed: the intended paths are there (or gone) and every other
scalar leaf of the file is unchanged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pytest
from _pytest.mark import ParameterSet

from keyshift.core.edits import CannotFix, FixOp, FixRequest, PlannedFix, apply_edits, overlaps
from keyshift.core.model import ParsedFile, Scalar
from keyshift.formats import get_fixer, get_parser
from keyshift.formats._dotted import split_dotted_key
from keyshift.formats.json.fix import plan_fix

Path = tuple[str, ...]


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    op: FixOp
    path: Path | None
    expected: str
    new_path: Path | None = None
    value: Scalar = None
    has_value: bool = False
    note: str | None = None
    remove_empty_parents: bool = False
    fmt: str = "json"
    creates: frozenset[Path] = field(default_factory=frozenset)


def _request(parsed: ParsedFile, case: Case) -> FixRequest:
    occurrence = None
    if case.path is not None:
        occurrence = next(o for o in parsed.documents[0].occurrences if o.path == case.path and not o.implicit)
    return FixRequest(
        case.op,
        0,
        occurrence,
        new_path=case.new_path,
        value=case.value,
        has_value=case.has_value,
        note=case.note,
        remove_empty_parents=case.remove_empty_parents,
    )


def _fix(case: Case) -> tuple[str, PlannedFix]:
    parsed = get_parser(case.fmt)(case.text)
    plan = plan_fix(parsed, _request(parsed, case))
    return apply_edits(case.text, plan.edits), plan


def _leaves(parsed: ParsedFile) -> Counter[tuple[Path, str]]:
    return Counter(
        (o.path, repr(o.value)) for o in parsed.documents[0].occurrences if not o.implicit and o.value_kind == "scalar"
    )


def _expected_leaves(before: ParsedFile, case: Case) -> Counter[tuple[Path, str]]:
    """The leaves the output must hold: the input's, changed only as the request says."""
    leaves = _leaves(before)
    old = case.path
    if case.op == "add":
        assert case.new_path is not None
        leaves[(case.new_path, repr(case.value))] += 1
        return leaves
    assert old is not None
    out: Counter[tuple[Path, str]] = Counter()
    for (path, value), count in leaves.items():
        if path[: len(old)] != old:
            out[(path, value)] += count
        elif case.op == "rename":
            assert case.new_path is not None
            new_value = repr(case.value) if case.has_value and path == old else value
            out[((*case.new_path, *path[len(old) :]), new_value)] += count
        elif case.op == "set-value":
            out[(path, repr(case.value) if path == old else value)] += count
    return out


def _cases(*cases: Case) -> list[ParameterSet]:
    return [pytest.param(c, id=c.name) for c in cases]


NESTED = """\
{
  "server": {
    "host": "a.example",
    "port": 8080
  },
  "cache": {
    "ttl": 60
  }
}
"""

RENAME_CASES = _cases(
    Case(
        "same parent: key text only",
        NESTED,
        "rename",
        ("server", "host"),
        NESTED.replace('"host"', '"hostname"'),
        new_path=("server", "hostname"),
    ),
    Case(
        "same parent: the new key is escaped as JSON requires",
        '{"a": 1}',
        "rename",
        ("a",),
        '{"b\\"q\\\\ é": 1}',
        new_path=('b"q\\ é',),
    ),
    Case(
        "same parent with a mapped value",
        '{"mode": "on", "x": 1}',
        "rename",
        ("mode",),
        '{"enabled": true, "x": 1}',
        new_path=("enabled",),
        value=True,
        has_value=True,
    ),
    Case(
        "same parent, dotted key: only the key token changes",
        '{\n  "editor.fontSize": 12,\n  "editor.tabSize": 4\n}\n',
        "rename",
        ("editor", "fontSize"),
        '{\n  "editor.size": 12,\n  "editor.tabSize": 4\n}\n',
        new_path=("editor", "size"),
    ),
    Case(
        "same parent, dotted key beside a nested spelling of its parent: still renamed in place",
        '{"a.b": 1, "a": {"x": 2}}',
        "rename",
        ("a", "b"),
        '{"a.c": 1, "a": {"x": 2}}',
        new_path=("a", "c"),
    ),
    Case(
        "same parent, escaped key: written afresh",
        '{"\\u0061.b": 1}',
        "rename",
        ("a", "b"),
        '{"a.q": 1}',
        new_path=("a", "q"),
    ),
    Case(
        "dotted key moved in place to another dotted parent",
        '{\n\t"editor.fontSize": 12, // big\n\t"files.exclude": {}\n}',
        "rename",
        ("editor", "fontSize"),
        '{\n\t"terminal.integrated.fontSize": 12, // big\n\t"files.exclude": {}\n}',
        new_path=("terminal", "integrated", "fontSize"),
        fmt="jsonc",
    ),
    Case(
        "to an existing parent: appended after the last sibling, parent left with the rest",
        NESTED,
        "rename",
        ("server", "port"),
        """\
{
  "server": {
    "host": "a.example"
  },
  "cache": {
    "ttl": 60,
    "port": 8080
  }
}
""",
        new_path=("cache", "port"),
    ),
    Case(
        "the first member moves: its own comma goes with it",
        NESTED,
        "rename",
        ("server", "host"),
        """\
{
  "server": {
    "port": 8080
  },
  "cache": {
    "ttl": 60,
    "host": "a.example"
  }
}
""",
        new_path=("cache", "host"),
    ),
    Case(
        "the emptied parent is removed with the comma after it",
        NESTED,
        "rename",
        ("cache", "ttl"),
        """\
{
  "server": {
    "host": "a.example",
    "port": 8080,
    "ttl": 60
  }
}
""",
        new_path=("server", "ttl"),
    ),
    Case(
        "creating nested parents at the end of the deepest existing one",
        NESTED,
        "rename",
        ("server", "port"),
        """\
{
  "server": {
    "host": "a.example"
  },
  "cache": {
    "ttl": 60
  },
  "net": {
    "listen": {
      "port": 8080
    }
  }
}
""",
        new_path=("net", "listen", "port"),
        creates=frozenset({("net",), ("net", "listen")}),
    ),
    Case(
        "a parent created in the member's own object goes at its end",
        '{\n  "port": 1,\n  "x": 2\n}\n',
        "rename",
        ("port",),
        '{\n  "x": 2,\n  "net": {\n    "port": 1\n  }\n}\n',
        new_path=("net", "port"),
        creates=frozenset({("net",)}),
    ),
    Case(
        "... and in place of the member when it is the last one (its comments go with it)",
        '{\n  "x": 2,\n  // the port\n  "port": 1 // one\n}\n',
        "rename",
        ("port",),
        '{\n  "x": 2,\n  "net": {\n    // the port\n    "port": 1 // one\n  }\n}\n',
        new_path=("net", "port"),
        fmt="jsonc",
        creates=frozenset({("net",)}),
    ),
    Case(
        "... inline in a one-line object",
        '{"a": 1, "b": 2}',
        "rename",
        ("a",),
        '{"b": 2, "c": {"a": 1}}',
        new_path=("c", "a"),
        creates=frozenset({("c",)}),
    ),
    Case(
        "a multi-line value is re-indented by the depth it gains (4 spaces, CRLF)",
        '{\r\n    "a": 1,\r\n    "b": {\r\n        "c": [\r\n            1\r\n        ]\r\n    },\r\n    "e": {}\r\n}',
        "rename",
        ("b", "c"),
        '{\r\n    "a": 1,\r\n    "e": {\r\n        "f": {\r\n            "c": [\r\n                1\r\n'
        "            ]\r\n        }\r\n    }\r\n}",
        new_path=("e", "f", "c"),
        creates=frozenset({("e", "f")}),
    ),
    Case(
        "tabs: the new member uses the file's tab indentation",
        '{\n\t"a": {\n\t\t"b": 1\n\t},\n\t"c": {\n\t\t"d": 2\n\t}\n}\n',
        "rename",
        ("a", "b"),
        '{\n\t"c": {\n\t\t"d": 2,\n\t\t"b": 1\n\t}\n}\n',
        new_path=("c", "b"),
    ),
    Case(
        "odd 3-space indentation is kept for new levels",
        '{\n   "a": 1,\n   "b": {\n      "c": 2\n   }\n}\n',
        "rename",
        ("a",),
        '{\n   "b": {\n      "c": 2,\n      "x": {\n         "a": 1\n      }\n   }\n}\n',
        new_path=("b", "x", "a"),
        creates=frozenset({("b", "x")}),
    ),
    Case(
        "one-line objects: inline insertion matching the spacing",
        '{"a": 1, "b": {"c": 2}}',
        "rename",
        ("a",),
        '{"b": {"c": 2, "a": 1}}',
        new_path=("b", "a"),
    ),
    Case(
        "compact one-line JSON stays compact",
        '{"a":1,"b":{}}',
        "rename",
        ("a",),
        '{"b":{"a":1}}',
        new_path=("b", "a"),
    ),
    Case(
        "the emptied parent is the last member of the target: the member takes its place",
        '{"a": 1, "b": {"c": 2}}',
        "rename",
        ("b", "c"),
        '{"a": 1, "d": 2}',
        new_path=("d",),
    ),
    Case(
        "a chain of emptied parents inside the target collapses into the moved member",
        '{\n  "a": {\n    "b": {\n      "c": 1\n    }\n  }\n}\n',
        "rename",
        ("a", "b", "c"),
        '{\n  "a": {\n    "d": 1\n  }\n}\n',
        new_path=("a", "d"),
    ),
    Case(
        "an empty target object in a multi-line file is opened up",
        '{\n  "a": 1,\n  "b": {}\n}\n',
        "rename",
        ("a",),
        '{\n  "b": {\n    "a": 1\n  }\n}\n',
        new_path=("b", "a"),
    ),
    Case(
        "a one-line target in a multi-line file gets an inline member",
        '{\n  "a": 1,\n  "b": {"c": 2}\n}\n',
        "rename",
        ("a",),
        '{\n  "b": {"c": 2, "a": 1}\n}\n',
        new_path=("b", "a"),
    ),
    Case(
        "the closing brace on the last member's line: the line is broken there",
        '{\n  "a": 1,\n  "b": {\n    "c": 2}}',
        "rename",
        ("a",),
        '{\n  "b": {\n    "c": 2,\n    "a": 1}}',
        new_path=("b", "a"),
    ),
)

JSONC_MOVE = """\
{
  // header
  "a": {
    // about b
    // more about b
    "b": 1, // trailing b
    "c": 2,
  },
  "x": {
    "y": 1 // y note
  }
}
"""

JSONC_CASES = _cases(
    Case(
        "JSONC: comment lines above and the trailing comment move with the member",
        JSONC_MOVE,
        "rename",
        ("a", "b"),
        """\
{
  // header
  "a": {
    "c": 2,
  },
  "x": {
    "y": 1, // y note
    // about b
    // more about b
    "b": 1 // trailing b
  }
}
""",
        new_path=("x", "b"),
        fmt="jsonc",
    ),
    Case(
        "JSONC: trailing-comma style of the target is followed",
        JSONC_MOVE,
        "rename",
        ("x", "y"),
        """\
{
  // header
  "a": {
    // about b
    // more about b
    "b": 1, // trailing b
    "c": 2,
    "y": 1, // y note
  }
}
""",
        new_path=("a", "y"),
        fmt="jsonc",
    ),
    Case(
        "JSONC: the moved member's comment stops a parent from being removed as empty",
        '{\n  "a": {\n    "b": 1\n  }, // keep\n  "z": {}\n}\n',
        "rename",
        ("a", "b"),
        '{\n  "z": {\n    "b": 1\n  }\n}\n',
        new_path=("z", "b"),
        fmt="jsonc",
    ),
    Case(
        "JSONC: a comment left inside the emptied parent keeps it",
        '{\n  "a": {\n    "b": 1\n    // note\n  },\n  "z": {}\n}\n',
        "rename",
        ("a", "b"),
        '{\n  "a": {\n    // note\n  },\n  "z": {\n    "b": 1\n  }\n}\n',
        new_path=("z", "b"),
        fmt="jsonc",
    ),
    Case(
        "JSONC: the comment directly above the only member moves with it, the parent goes",
        '{\n  "a": {\n    // note\n    "b": 1\n  },\n  "z": {}\n}\n',
        "rename",
        ("a", "b"),
        '{\n  "z": {\n    // note\n    "b": 1\n  }\n}\n',
        new_path=("z", "b"),
        fmt="jsonc",
    ),
    Case(
        "JSONC comment-out: note line, then the member, prefixed at its indentation",
        '{\n  "a": {\n    "x": 1\n  },\n  "b": 2\n}\n',
        "comment-out",
        ("a",),
        '{\n  // keyshift: a was removed\n  // "a": {\n  //   "x": 1\n  // },\n  "b": 2\n}\n',
        note="keyshift: a was removed",
        fmt="jsonc",
    ),
    Case(
        "JSONC comment-out of the last member drops the comma before it",
        '{\r\n  "a": 1, // one\r\n  "b": 2 // two\r\n}',
        "comment-out",
        ("b",),
        '{\r\n  "a": 1 // one\r\n  // gone\r\n  // "b": 2 // two\r\n}',
        note="gone",
        fmt="jsonc",
    ),
    Case(
        "JSONC delete keeps the comment lines above and the trailing-comma style",
        '{\n  "a": 1,\n  // about b\n  "b": 2, // b\n}\n',
        "delete",
        ("b",),
        '{\n  "a": 1,\n  // about b\n}\n',
        fmt="jsonc",
    ),
    Case(
        "JSONC: the comma goes right after the value, before the // comment",
        '{\n  "a": 1 // one\n}\n',
        "add",
        None,
        '{\n  "a": 1, // one\n  "b": true\n}\n',
        new_path=("b",),
        value=True,
        has_value=True,
        fmt="jsonc",
    ),
    Case(
        "JSONC one-line trailing comma: delete the last member",
        '{"a": 1, "b": 2,}',
        "delete",
        ("b",),
        '{"a": 1,}',
        fmt="jsonc",
    ),
)

OTHER_CASES = _cases(
    Case("set-value: string keeps double quotes", '{"a": "x"}', "set-value", ("a",), '{"a": "y"}', value="y"),
    Case("set-value: bool", '{\n  "a": "on"\n}', "set-value", ("a",), '{\n  "a": true\n}', value=True),
    Case("set-value: null and unicode", '{"a": 1, "b": 2}', "set-value", ("b",), '{"a": 1, "b": "é"}', value="é"),
    Case("set-value: array element", '{"a": [1, 2]}', "set-value", ("a", "[1]"), '{"a": [1, 3.5]}', value=3.5),
    Case(
        "add: under an existing parent",
        NESTED,
        "add",
        None,
        NESTED.replace('"ttl": 60\n', '"ttl": 60,\n    "mode": "fast"\n'),
        new_path=("cache", "mode"),
        value="fast",
    ),
    Case(
        "add: creating parents at the end of the document",
        '{\n    "a": 1\n}',
        "add",
        None,
        '{\n    "a": 1,\n    "b": {\n        "c": null\n    }\n}',
        new_path=("b", "c"),
        creates=frozenset({("b",)}),
    ),
    Case(
        "add: an empty document object is opened up",
        "{}\n",
        "add",
        None,
        '{\n  "a": {\n    "b": 1\n  }\n}\n',
        new_path=("a", "b"),
        value=1,
        creates=frozenset({("a",)}),
    ),
    Case(
        "add: a file of dotted keys gets a dotted key",
        '{\n  "editor.tabSize": 4\n}\n',
        "add",
        None,
        '{\n  "editor.tabSize": 4,\n  "terminal.integrated.shell": "bash"\n}\n',
        new_path=("terminal", "integrated", "shell"),
        value="bash",
    ),
    Case(
        "add: inside an object written as a dotted key",
        '{"a.b": {"c": 1}}',
        "add",
        None,
        '{"a.b": {"c": 1, "d": 2}}',
        new_path=("a", "b", "d"),
        value=2,
    ),
    Case(
        "add: an empty multi-line object",
        '{\n  "a": {\n  }\n}',
        "add",
        None,
        '{\n  "a": {\n    "c": 3\n  }\n}',
        new_path=("a", "c"),
        value=3,
    ),
    Case("add: in an array element", '[{"a": 1}]', "add", None, '[{"a": 1, "x": 1}]', new_path=("[0]", "x"), value=1),
    Case(
        "delete: a middle member with its line",
        NESTED,
        "delete",
        ("server", "host"),
        NESTED.replace('    "host": "a.example",\n', ""),
    ),
    Case(
        "delete: the last member takes the comma before it",
        NESTED,
        "delete",
        ("server", "port"),
        NESTED.replace('"a.example",\n    "port": 8080\n', '"a.example"\n'),
    ),
    Case(
        "delete: the only member leaves an empty object without remove_empty_parents",
        NESTED,
        "delete",
        ("cache", "ttl"),
        NESTED.replace('{\n    "ttl": 60\n  }', "{}"),
    ),
    Case(
        "delete: remove_empty_parents removes the emptied parents",
        '{\n    "a": {"b": {"c": 1}},\n    "d": 2\n}',
        "delete",
        ("a", "b", "c"),
        '{\n    "d": 2\n}',
        remove_empty_parents=True,
    ),
    Case("delete: inline first", '{"a": 1, "b": 2}', "delete", ("a",), '{"b": 2}'),
    Case("delete: inline last", '{"a": 1 , "b": 2}', "delete", ("b",), '{"a": 1}'),
    Case(
        "delete: the whole document empties", '{"a": {"b": 1}}', "delete", ("a", "b"), "{}", remove_empty_parents=True
    ),
    Case("delete: array element", '{\n  "a": [1, 2]\n}', "delete", ("a", "[0]"), '{\n  "a": [2]\n}'),
    Case(
        "delete: a multi-line member with its lines",
        '{\n  "a": {\n    "x": [\n      1\n    ]\n  },\n  "b": 2\n}\n',
        "delete",
        ("a",),
        '{\n  "b": 2\n}\n',
    ),
)


@pytest.mark.parametrize("case", RENAME_CASES + JSONC_CASES + OTHER_CASES)
def test_plan_fix(case: Case) -> None:
    output, plan = _fix(case)
    assert output == case.expected
    assert plan.creates == case.creates
    before = get_parser(case.fmt)(case.text)
    after = get_parser(case.fmt)(output)
    if case.op == "delete" and case.path is not None and case.path[-1].startswith("["):
        # removing a list element renumbers the ones after it: compare the values
        assert sorted(v for _, v in _leaves(after).elements()) == sorted(
            v for p, v in _leaves(before).elements() if p != case.path
        )
    else:
        assert _leaves(after) == _expected_leaves(before, case)
    paths = {o.path for o in after.documents[0].occurrences}
    if case.op in ("rename", "delete", "comment-out") and case.path is not None and not case.path[-1].startswith("["):
        assert case.path not in paths
    if case.new_path is not None:
        assert case.new_path in paths


CANNOT_CASES = [
    ("JSON comment-out", "json", '{"a": 1, "b": 2}', "comment-out", ("a",), None, "JSON has no comments; use --unsafe"),
    ("JSONC comment-out inline", "jsonc", '{"a": 1, "b": 2}', "comment-out", ("a",), None, "shares its line"),
    ("target parent is a value", "json", '{"a": 1, "b": 2}', "rename", ("a",), ("b", "a"), "b holds a value"),
    ("target parent is a list", "json", '{"a": 1, "b": []}', "rename", ("a",), ("b", "a"), "b holds an array"),
    ("target exists", "json", '{"a": 1, "b": 2}', "rename", ("a",), ("b",), "b is already set"),
    ("into itself", "json", '{"a": {"x": 1}}', "rename", ("a",), ("a", "b"), "inside itself"),
    ("duplicate parent", "json", '{"a": {}, "a": {}, "b": 1}', "rename", ("b",), ("a", "b"), "more than once"),
    ("set-value on an object", "json", '{"a": {"b": 1}}', "set-value", ("a",), None, "holds an object"),
    ("add under a list root", "json", "[1]", "add", None, ("a",), "top level of the file is not an object"),
    ("dotted segment", "json", '{"a": 1}', "rename", ("a",), ("b.c",), "would read back as a dotted key"),
    ("list element to create", "json", '{"a": 1}', "add", None, ("l", "[0]"), "list element"),
    (
        "comments into a one-line object",
        "jsonc",
        '{\n  "a": 1, // note\n  "b": {"c": 2}\n}',
        "rename",
        ("a",),
        ("b", "a"),
        "one-line object",
    ),
]


@pytest.mark.parametrize(
    ("fmt", "text", "op", "path", "new_path", "message"),
    [pytest.param(*row[1:], id=row[0]) for row in CANNOT_CASES],
)
def test_cannot_fix(fmt: str, text: str, op: FixOp, path: Path | None, new_path: Path | None, message: str) -> None:
    case = Case("", text, op, path, "", new_path=new_path, value=1, fmt=fmt)
    with pytest.raises(CannotFix, match=message.replace("(", r"\(")):
        _fix(case)


def test_implicit_occurrence_is_refused() -> None:
    parsed = get_parser("json")('{"a.b": 1}')
    implicit = next(o for o in parsed.documents[0].occurrences if o.implicit)
    with pytest.raises(CannotFix, match="part of a longer dotted key"):
        plan_fix(parsed, FixRequest("delete", 0, implicit))


def test_non_finite_value_is_refused() -> None:
    with pytest.raises(CannotFix, match="cannot be written in JSON"):
        _fix(Case("", '{"a": 1}', "set-value", ("a",), "", value=float("inf")))


@pytest.mark.parametrize("fmt", ["json", "jsonc"])
def test_registered_for_both_formats(fmt: str) -> None:
    assert get_fixer(fmt) is plan_fix


@pytest.mark.parametrize(
    ("key", "segments"),
    [("a", ("a",)), ("a.b", ("a", "b")), (".x", (".x",)), ("a..b", ("a..b",)), ("", ("",))],
)
def test_key_segments(key: str, segments: Path) -> None:
    assert split_dotted_key(key) == segments


def _plan(parsed: ParsedFile, op: FixOp, path: Path | None, new_path: Path | None = None) -> PlannedFix:
    return plan_fix(parsed, _request(parsed, Case("", parsed.text, op, path, "", new_path=new_path, value=1)))


CLASH_CASES = [
    # (text, first fix, second fix, whether the engine must see them clash)
    ('{"a": 1}', ("delete", ("a",), None), ("add", None, ("b",)), True),
    ('{\n  "a": 1,\n  "b": 2\n}', ("delete", ("b",), None), ("add", None, ("c",)), True),
    ('{\n  "a": {"x": 1},\n  "b": 2\n}', ("rename", ("a",), ("z",)), ("add", None, ("a", "y")), True),
    ('{"a": 1, "b": 2, "c": 3}', ("delete", ("b",), None), ("delete", ("c",), None), True),
    ('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}', ("delete", ("a",), None), ("delete", ("b",), None), False),
    ('{\n  "a": {},\n  "b": 2\n}', ("set-value", ("b",), None), ("add", None, ("a", "x")), False),
]


@pytest.mark.parametrize(("text", "first", "second", "clash"), CLASH_CASES)
def test_fixes_of_one_pass_clash_when_one_needs_text_the_other_changes(
    text: str,
    first: tuple[FixOp, Path | None, Path | None],
    second: tuple[FixOp, Path | None, Path | None],
    clash: bool,
) -> None:
    parsed = get_parser("json")(text)
    a, b = _plan(parsed, *first), _plan(parsed, *second)
    assert any(overlaps(x, y) for x in a.edits for y in b.edits) == clash
    if not clash:
        # applied together they still make valid JSON
        get_parser("json")(apply_edits(text, [*a.edits, *b.edits]))
