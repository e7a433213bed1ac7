"""Tests for the JSON fixer: each request on an input text -> the exact output text.

Every successful case is also re-parsed: the intended paths are there (or gone) and every other
scalar leaf of the file is unchanged.  (JSONC: ``test_jsonc_fix``; refusals: ``test_json_fix_refused``.)
"""

from __future__ import annotations

import pytest

from fix import reparse
from keyshift.core.edits import FixOp, PlannedFix, apply_edits, overlaps
from keyshift.core.model import ParsedFile
from keyshift.formats import get_fixer, get_parser
from keyshift.formats._dotted import split_dotted_key
from keyshift.formats.json.fix import plan_fix
from support.fix_cases import FixCase, Path, check_fix, fix_request
from support.tables import each_case

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

RENAME_CASES: list[FixCase] = [
    FixCase(
        "same parent: key text only",
        NESTED,
        "rename",
        ("server", "host"),
        NESTED.replace('"host"', '"hostname"'),
        new_path=("server", "hostname"),
    ),
    FixCase(
        "same parent: the new key is escaped as JSON requires",
        '{"a": 1}',
        "rename",
        ("a",),
        '{"b\\"q\\\\ é": 1}',
        new_path=('b"q\\ é',),
    ),
    FixCase(
        "same parent with a mapped value",
        '{"mode": "on", "x": 1}',
        "rename",
        ("mode",),
        '{"enabled": true, "x": 1}',
        new_path=("enabled",),
        value=True,
        has_value=True,
    ),
    FixCase(
        "same parent, dotted key: only the key token changes",
        '{\n  "editor.fontSize": 12,\n  "editor.tabSize": 4\n}\n',
        "rename",
        ("editor", "fontSize"),
        '{\n  "editor.size": 12,\n  "editor.tabSize": 4\n}\n',
        new_path=("editor", "size"),
    ),
    FixCase(
        "same parent, dotted key beside a nested spelling of its parent: still renamed in place",
        '{"a.b": 1, "a": {"x": 2}}',
        "rename",
        ("a", "b"),
        '{"a.c": 1, "a": {"x": 2}}',
        new_path=("a", "c"),
    ),
    FixCase(
        "same parent, escaped key: written afresh",
        '{"\\u0061.b": 1}',
        "rename",
        ("a", "b"),
        '{"a.q": 1}',
        new_path=("a", "q"),
    ),
    FixCase(
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
    FixCase(
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
    FixCase(
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
    FixCase(
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
    FixCase(
        "a parent created in the member's own object goes at its end",
        '{\n  "port": 1,\n  "x": 2\n}\n',
        "rename",
        ("port",),
        '{\n  "x": 2,\n  "net": {\n    "port": 1\n  }\n}\n',
        new_path=("net", "port"),
        creates=frozenset({("net",)}),
    ),
    FixCase(
        "... inline in a one-line object",
        '{"a": 1, "b": 2}',
        "rename",
        ("a",),
        '{"b": 2, "c": {"a": 1}}',
        new_path=("c", "a"),
        creates=frozenset({("c",)}),
    ),
    FixCase(
        "a multi-line value is re-indented by the depth it gains (4 spaces, CRLF)",
        '{\r\n    "a": 1,\r\n    "b": {\r\n        "c": [\r\n            1\r\n        ]\r\n    },\r\n    "e": {}\r\n}',
        "rename",
        ("b", "c"),
        '{\r\n    "a": 1,\r\n    "e": {\r\n        "f": {\r\n            "c": [\r\n                1\r\n'
        "            ]\r\n        }\r\n    }\r\n}",
        new_path=("e", "f", "c"),
        creates=frozenset({("e", "f")}),
    ),
    FixCase(
        "tabs: the new member uses the file's tab indentation",
        '{\n\t"a": {\n\t\t"b": 1\n\t},\n\t"c": {\n\t\t"d": 2\n\t}\n}\n',
        "rename",
        ("a", "b"),
        '{\n\t"c": {\n\t\t"d": 2,\n\t\t"b": 1\n\t}\n}\n',
        new_path=("c", "b"),
    ),
    FixCase(
        "odd 3-space indentation is kept for new levels",
        '{\n   "a": 1,\n   "b": {\n      "c": 2\n   }\n}\n',
        "rename",
        ("a",),
        '{\n   "b": {\n      "c": 2,\n      "x": {\n         "a": 1\n      }\n   }\n}\n',
        new_path=("b", "x", "a"),
        creates=frozenset({("b", "x")}),
    ),
    FixCase(
        "one-line objects: inline insertion matching the spacing",
        '{"a": 1, "b": {"c": 2}}',
        "rename",
        ("a",),
        '{"b": {"c": 2, "a": 1}}',
        new_path=("b", "a"),
    ),
    FixCase(
        "compact one-line JSON stays compact", '{"a":1,"b":{}}', "rename", ("a",), '{"b":{"a":1}}', new_path=("b", "a")
    ),
    FixCase(
        "the emptied parent is the last member of the target: the member takes its place",
        '{"a": 1, "b": {"c": 2}}',
        "rename",
        ("b", "c"),
        '{"a": 1, "d": 2}',
        new_path=("d",),
    ),
    FixCase(
        "a chain of emptied parents inside the target collapses into the moved member",
        '{\n  "a": {\n    "b": {\n      "c": 1\n    }\n  }\n}\n',
        "rename",
        ("a", "b", "c"),
        '{\n  "a": {\n    "d": 1\n  }\n}\n',
        new_path=("a", "d"),
    ),
    FixCase(
        "an empty target object in a multi-line file is opened up",
        '{\n  "a": 1,\n  "b": {}\n}\n',
        "rename",
        ("a",),
        '{\n  "b": {\n    "a": 1\n  }\n}\n',
        new_path=("b", "a"),
    ),
    FixCase(
        "a one-line target in a multi-line file gets an inline member",
        '{\n  "a": 1,\n  "b": {"c": 2}\n}\n',
        "rename",
        ("a",),
        '{\n  "b": {"c": 2, "a": 1}\n}\n',
        new_path=("b", "a"),
    ),
    FixCase(
        "the closing brace on the last member's line: the line is broken there",
        '{\n  "a": 1,\n  "b": {\n    "c": 2}}',
        "rename",
        ("a",),
        '{\n  "b": {\n    "c": 2,\n    "a": 1}}',
        new_path=("b", "a"),
    ),
]


OTHER_CASES: list[FixCase] = [
    FixCase("set-value: string keeps double quotes", '{"a": "x"}', "set-value", ("a",), '{"a": "y"}', value="y"),
    FixCase("set-value: bool", '{\n  "a": "on"\n}', "set-value", ("a",), '{\n  "a": true\n}', value=True),
    FixCase("set-value: null and unicode", '{"a": 1, "b": 2}', "set-value", ("b",), '{"a": 1, "b": "é"}', value="é"),
    FixCase("set-value: array element", '{"a": [1, 2]}', "set-value", ("a", "[1]"), '{"a": [1, 3.5]}', value=3.5),
    FixCase(
        "add: under an existing parent",
        NESTED,
        "add",
        None,
        NESTED.replace('"ttl": 60\n', '"ttl": 60,\n    "mode": "fast"\n'),
        new_path=("cache", "mode"),
        value="fast",
    ),
    FixCase(
        "add: creating parents at the end of the document",
        '{\n    "a": 1\n}',
        "add",
        None,
        '{\n    "a": 1,\n    "b": {\n        "c": null\n    }\n}',
        new_path=("b", "c"),
        creates=frozenset({("b",)}),
    ),
    FixCase(
        "add: an empty document object is opened up",
        "{}\n",
        "add",
        None,
        '{\n  "a": {\n    "b": 1\n  }\n}\n',
        new_path=("a", "b"),
        value=1,
        creates=frozenset({("a",)}),
    ),
    FixCase(
        "add: a file of dotted keys gets a dotted key",
        '{\n  "editor.tabSize": 4\n}\n',
        "add",
        None,
        '{\n  "editor.tabSize": 4,\n  "terminal.integrated.shell": "bash"\n}\n',
        new_path=("terminal", "integrated", "shell"),
        value="bash",
    ),
    FixCase(
        "add: inside an object written as a dotted key",
        '{"a.b": {"c": 1}}',
        "add",
        None,
        '{"a.b": {"c": 1, "d": 2}}',
        new_path=("a", "b", "d"),
        value=2,
    ),
    FixCase(
        "add: an empty multi-line object",
        '{\n  "a": {\n  }\n}',
        "add",
        None,
        '{\n  "a": {\n    "c": 3\n  }\n}',
        new_path=("a", "c"),
        value=3,
    ),
    FixCase(
        "add: in an array element", '[{"a": 1}]', "add", None, '[{"a": 1, "x": 1}]', new_path=("[0]", "x"), value=1
    ),
    FixCase(
        "delete: a middle member with its line",
        NESTED,
        "delete",
        ("server", "host"),
        NESTED.replace('    "host": "a.example",\n', ""),
    ),
    FixCase(
        "delete: the last member takes the comma before it",
        NESTED,
        "delete",
        ("server", "port"),
        NESTED.replace('"a.example",\n    "port": 8080\n', '"a.example"\n'),
    ),
    FixCase(
        "delete: the only member leaves an empty object without remove_empty_parents",
        NESTED,
        "delete",
        ("cache", "ttl"),
        NESTED.replace('{\n    "ttl": 60\n  }', "{}"),
    ),
    FixCase(
        "delete: remove_empty_parents removes the emptied parents",
        '{\n    "a": {"b": {"c": 1}},\n    "d": 2\n}',
        "delete",
        ("a", "b", "c"),
        '{\n    "d": 2\n}',
        remove_empty_parents=True,
    ),
    FixCase("delete: inline first", '{"a": 1, "b": 2}', "delete", ("a",), '{"b": 2}'),
    FixCase("delete: inline last", '{"a": 1 , "b": 2}', "delete", ("b",), '{"a": 1}'),
    FixCase(
        "delete: the whole document empties", '{"a": {"b": 1}}', "delete", ("a", "b"), "{}", remove_empty_parents=True
    ),
    FixCase("delete: array element", '{\n  "a": [1, 2]\n}', "delete", ("a", "[0]"), '{\n  "a": [2]\n}'),
    FixCase(
        "delete: a multi-line member with its lines",
        '{\n  "a": {\n    "x": [\n      1\n    ]\n  },\n  "b": 2\n}\n',
        "delete",
        ("a",),
        '{\n  "b": 2\n}\n',
    ),
]


FIX_CASES = RENAME_CASES + OTHER_CASES


@each_case(FIX_CASES)
def test_plan_fix(case: FixCase) -> None:
    check_fix(case, get_parser("json"), plan_fix, reparse.json)


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
    return plan_fix(parsed, fix_request(parsed, FixCase("", parsed.text, op, path, "", new_path=new_path, value=1)))


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
