"""Tests for the plain-text fixer: renames of tokens in place, everything else refused.

Every successful case is re-parsed: the renamed token is found where the old one was, and every
other token of the file is unchanged.
"""

from __future__ import annotations

import pytest

from fix import reparse
from keyshift.core.edits import CannotFix, FixRequest, apply_edits
from keyshift.core.model import Scalar
from keyshift.formats._lines import comment_out_lines, delete_lines, scalar_text
from keyshift.formats.text.fix import plan_fix
from keyshift.formats.text.parse import parse
from support.fix_cases import FixCase, check_fix, find_occurrence, refusal
from support.tables import each_case, each_row

RENAME_CASES: list[FixCase] = [
    FixCase(
        "a dotted key in Markdown prose",
        "Set `dten.hybrid.legacy_mode: on` to keep the old mode.\n",
        "rename",
        "dten.hybrid.legacy_mode",
        "Set `dten.hybrid.enable: on` to keep the old mode.\n",
        new_path=("dten", "hybrid", "enable"),
    ),
    FixCase(
        "only the chosen mention; the longer key is another token",
        "dten.a.b and dten.a.b_v2 and dten.a.b.\n",
        "rename",
        "dten.a.b",
        "dten.a.b and dten.a.b_v2 and dten.a.c.\n",
        new_path=("dten", "a", "c"),
        nth=1,
    ),
    FixCase(
        "a key moved to another parent, with an index",
        "spring.redis.hosts[0] is set",
        "rename",
        "spring.redis.hosts[0]",
        "spring.data.redis.hosts[0] is set",
        new_path=("spring", "data", "redis", "hosts", "[0]"),
    ),
    FixCase(
        "an environment variable in a template",
        "env:\r\n  - {{ .Env.DTEN_HYBRID_LEGACY_MODE }}\r\n",
        "rename",
        "DTEN_HYBRID_LEGACY_MODE",
        "env:\r\n  - {{ .Env.DTEN_HYBRID_ENABLE }}\r\n",
        new_path=("DTEN_HYBRID_ENABLE",),
    ),
    FixCase(
        "a ${VAR} in a Terraform file without a final newline",
        'value = "${DTEN_OLD_NAME}"',
        "rename",
        "DTEN_OLD_NAME",
        'value = "${DTEN_NEW_NAME}"',
        new_path=("DTEN_NEW_NAME",),
    ),
]


@each_case(RENAME_CASES)
def test_rename(case: FixCase) -> None:
    check_fix(case, parse, plan_fix, reparse.text)


REFUSED_CASES: list[FixCase] = [
    FixCase("set-value", "dten.a.b", "set-value", "dten.a.b", "can only be renamed", value=True, has_value=True),
    FixCase("delete", "dten.a.b", "delete", "dten.a.b", "can only be renamed"),
    FixCase("comment-out", "dten.a.b", "comment-out", "dten.a.b", "can only be renamed"),
    FixCase(
        "rename with a new value",
        "dten.a.b",
        "rename",
        "dten.a.b",
        "not written",
        new_path=("dten", "a", "c"),
        value=True,
        has_value=True,
    ),
    FixCase("dotted key to one word", "dten.a.b", "rename", "dten.a.b", "plain-text token", new_path=("enable",)),
    FixCase("dotted key to a quoted segment", "dten.a.b", "rename", "dten.a.b", "token", new_path=("a", "b.c")),
    FixCase("env name to a dotted key", "DTEN_A", "rename", "DTEN_A", "variable name", new_path=("dten", "a")),
    FixCase("env name to a lower-case name", "DTEN_A", "rename", "DTEN_A", "environment", new_path=("dten_a",)),
    FixCase("no new path", "DTEN_A", "rename", "DTEN_A", "no new key"),
]


@each_case(REFUSED_CASES)
def test_refused(case: FixCase) -> None:
    assert case.expected in refusal(case, parse, plan_fix)


def test_add_is_refused() -> None:
    with pytest.raises(CannotFix):
        plan_fix(parse(""), FixRequest("add", 0, None, new_path=("a", "b"), value=1, has_value=True))


def test_stale_occurrence_is_refused() -> None:
    occurrence = find_occurrence(parse("dten.a.b"), "dten.a.b")
    with pytest.raises(CannotFix, match="no longer"):
        plan_fix(parse("xxxx.a.b"), FixRequest("rename", 0, occurrence, new_path=("dten", "a", "c")))


LINE_CASES: list[tuple[str, str, int, int, str, str]] = [
    ("delete a middle line", "a\nb\nc\n", 2, 4, "delete", "a\nc\n"),
    ("delete the last line without a final newline", "a\nb", 2, 3, "delete", "a"),
    ("delete the last CRLF line without a final newline", "a\r\nb", 3, 4, "delete", "a"),
    ("delete the only line", "a", 0, 1, "delete", ""),
    ("comment out indented lines", "x\n  a \\\n    b\ny\n", 2, 14, "comment-out", "x\n  # N\n  # a \\\n  #   b\ny\n"),
    ("comment out a CRLF line with an empty line", "a\r\n\r\n", 0, 5, "comment-out", "# N\r\n# a\r\n#\r\n"),
    ("comment out a line with less indentation", "  a\n b\n", 0, 7, "comment-out", "  # N\n  # a\n # b\n"),
]


@each_row(("text", "start", "end", "op", "expected"), LINE_CASES)
def test_line_helpers(text: str, start: int, end: int, op: str, expected: str) -> None:
    edit = delete_lines(text, start, end) if op == "delete" else comment_out_lines(text, start, end, "N")
    assert apply_edits(text, [edit]) == expected


@pytest.mark.parametrize(
    ("value", "text"), [(True, "true"), (False, "false"), (None, ""), (3, "3"), (1.5, "1.5"), ("x y", "x y")]
)
def test_scalar_text(value: Scalar, text: str) -> None:
    assert scalar_text(value) == text
