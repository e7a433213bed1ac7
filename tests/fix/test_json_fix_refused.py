"""What the JSON/JSONC fixer refuses, and why: each request on a given text -> the words of its reason."""

from __future__ import annotations

import pytest

from keyshift.core.edits import CannotFix, FixRequest
from keyshift.formats import get_parser
from keyshift.formats.json.fix import plan_fix
from support.fix_cases import FixCase, refusal

JSON_CASES: list[FixCase] = [
    FixCase(
        "JSON comment-out", '{"a": 1, "b": 2}', "comment-out", ("a",), "JSON has no comments; use --unsafe", value=1
    ),
    FixCase(
        "target parent is a value",
        '{"a": 1, "b": 2}',
        "rename",
        ("a",),
        "b holds a value",
        new_path=("b", "a"),
        value=1,
    ),
    FixCase(
        "target parent is a list",
        '{"a": 1, "b": []}',
        "rename",
        ("a",),
        "b holds an array",
        new_path=("b", "a"),
        value=1,
    ),
    FixCase("target exists", '{"a": 1, "b": 2}', "rename", ("a",), "b is already set", new_path=("b",), value=1),
    FixCase("into itself", '{"a": {"x": 1}}', "rename", ("a",), "inside itself", new_path=("a", "b"), value=1),
    FixCase(
        "duplicate parent",
        '{"a": {}, "a": {}, "b": 1}',
        "rename",
        ("b",),
        "more than once",
        new_path=("a", "b"),
        value=1,
    ),
    FixCase("set-value on an object", '{"a": {"b": 1}}', "set-value", ("a",), "holds an object", value=1),
    FixCase(
        "add under a list root", "[1]", "add", None, "top level of the file is not an object", new_path=("a",), value=1
    ),
    FixCase(
        "dotted segment", '{"a": 1}', "rename", ("a",), "would read back as a dotted key", new_path=("b.c",), value=1
    ),
    FixCase("list element to create", '{"a": 1}', "add", None, "list element", new_path=("l", "[0]"), value=1),
]


JSONC_CASES: list[FixCase] = [
    FixCase("JSONC comment-out inline", '{"a": 1, "b": 2}', "comment-out", ("a",), "shares its line", value=1),
    FixCase(
        "comments into a one-line object",
        '{\n  "a": 1, // note\n  "b": {"c": 2}\n}',
        "rename",
        ("a",),
        "one-line object",
        new_path=("b", "a"),
        value=1,
    ),
]


@pytest.mark.parametrize(
    ("fmt", "case"),
    [pytest.param("json", c, id=c.name) for c in JSON_CASES]
    + [pytest.param("jsonc", c, id=c.name) for c in JSONC_CASES],
)
def test_cannot_fix(fmt: str, case: FixCase) -> None:
    assert case.expected in refusal(case, get_parser(fmt), plan_fix)


def test_implicit_occurrence_is_refused() -> None:
    parsed = get_parser("json")('{"a.b": 1}')
    implicit = next(o for o in parsed.documents[0].occurrences if o.implicit)
    with pytest.raises(CannotFix, match="part of a longer dotted key"):
        plan_fix(parsed, FixRequest("delete", 0, implicit))


def test_non_finite_value_is_refused() -> None:
    case = FixCase("", '{"a": 1}', "set-value", ("a",), "", value=float("inf"))
    assert "cannot be written in JSON" in refusal(case, get_parser("json"), plan_fix)
