"""Tests for the JSONC fixer: comments move with the member they belong to, or stay; each request on an
input text -> the exact output text, re-parsed as in ``test_json_fix``."""

from __future__ import annotations

from fix import reparse
from keyshift.formats import get_parser
from keyshift.formats.json.fix import plan_fix
from support.fix_cases import FixCase, check_fix
from support.tables import each_case

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

JSONC_CASES: list[FixCase] = [
    FixCase(
        "dotted key moved in place to another dotted parent",
        '{\n\t"editor.fontSize": 12, // big\n\t"files.exclude": {}\n}',
        "rename",
        ("editor", "fontSize"),
        '{\n\t"terminal.integrated.fontSize": 12, // big\n\t"files.exclude": {}\n}',
        new_path=("terminal", "integrated", "fontSize"),
    ),
    FixCase(
        "... and in place of the member when it is the last one (its comments go with it)",
        '{\n  "x": 2,\n  // the port\n  "port": 1 // one\n}\n',
        "rename",
        ("port",),
        '{\n  "x": 2,\n  "net": {\n    // the port\n    "port": 1 // one\n  }\n}\n',
        new_path=("net", "port"),
        creates=frozenset({("net",)}),
    ),
    FixCase(
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
    ),
    FixCase(
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
    ),
    FixCase(
        "JSONC: the moved member's comment stops a parent from being removed as empty",
        '{\n  "a": {\n    "b": 1\n  }, // keep\n  "z": {}\n}\n',
        "rename",
        ("a", "b"),
        '{\n  "z": {\n    "b": 1\n  }\n}\n',
        new_path=("z", "b"),
    ),
    FixCase(
        "JSONC: a comment left inside the emptied parent keeps it",
        '{\n  "a": {\n    "b": 1\n    // note\n  },\n  "z": {}\n}\n',
        "rename",
        ("a", "b"),
        '{\n  "a": {\n    // note\n  },\n  "z": {\n    "b": 1\n  }\n}\n',
        new_path=("z", "b"),
    ),
    FixCase(
        "JSONC: the comment directly above the only member moves with it, the parent goes",
        '{\n  "a": {\n    // note\n    "b": 1\n  },\n  "z": {}\n}\n',
        "rename",
        ("a", "b"),
        '{\n  "z": {\n    // note\n    "b": 1\n  }\n}\n',
        new_path=("z", "b"),
    ),
    FixCase(
        "JSONC comment-out: note line, then the member, prefixed at its indentation",
        '{\n  "a": {\n    "x": 1\n  },\n  "b": 2\n}\n',
        "comment-out",
        ("a",),
        '{\n  // keyshift: a was removed\n  // "a": {\n  //   "x": 1\n  // },\n  "b": 2\n}\n',
        note="keyshift: a was removed",
    ),
    FixCase(
        "JSONC comment-out of the last member drops the comma before it",
        '{\r\n  "a": 1, // one\r\n  "b": 2 // two\r\n}',
        "comment-out",
        ("b",),
        '{\r\n  "a": 1 // one\r\n  // gone\r\n  // "b": 2 // two\r\n}',
        note="gone",
    ),
    FixCase(
        "JSONC delete keeps the comment lines above and the trailing-comma style",
        '{\n  "a": 1,\n  // about b\n  "b": 2, // b\n}\n',
        "delete",
        ("b",),
        '{\n  "a": 1,\n  // about b\n}\n',
    ),
    FixCase(
        "JSONC: the comma goes right after the value, before the // comment",
        '{\n  "a": 1 // one\n}\n',
        "add",
        None,
        '{\n  "a": 1, // one\n  "b": true\n}\n',
        new_path=("b",),
        value=True,
        has_value=True,
    ),
    FixCase(
        "JSONC one-line trailing comma: delete the last member", '{"a": 1, "b": 2,}', "delete", ("b",), '{"a": 1,}'
    ),
]


@each_case(JSONC_CASES)
def test_plan_fix(case: FixCase) -> None:
    check_fix(case, get_parser("jsonc"), plan_fix, reparse.json)
