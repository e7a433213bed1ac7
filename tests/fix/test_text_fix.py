"""Tests for the plain-text fixer: renames of tokens in place, everything else refused.

Every successful case is re-parsed: the renamed token is found where the old one was, and every
other token of the file is unchanged.
"""

from __future__ import annotations

from collections import Counter

import pytest

from keyshift.core.edits import CannotFix, FixOp, FixRequest, apply_edits
from keyshift.core.model import Occurrence, ParsedFile, Scalar
from keyshift.formats._lines import comment_out_lines, delete_lines, scalar_text
from keyshift.formats.text.fix import plan_fix
from keyshift.formats.text.parse import parse

Path = tuple[str, ...]


def _pick(parsed: ParsedFile, found: str, nth: int) -> Occurrence:
    return [o for o in parsed.documents[0].occurrences if o.found == found][nth]


def _paths(parsed: ParsedFile) -> Counter[Path]:
    return Counter(o.path for o in parsed.documents[0].occurrences)


RENAME_CASES: list[tuple[str, str, str, int, Path, str]] = [
    (
        "a dotted key in Markdown prose",
        "Set `dten.hybrid.legacy_mode: on` to keep the old mode.\n",
        "dten.hybrid.legacy_mode",
        0,
        ("dten", "hybrid", "enable"),
        "Set `dten.hybrid.enable: on` to keep the old mode.\n",
    ),
    (
        "only the chosen mention; the longer key is another token",
        "dten.a.b and dten.a.b_v2 and dten.a.b.\n",
        "dten.a.b",
        1,
        ("dten", "a", "c"),
        "dten.a.b and dten.a.b_v2 and dten.a.c.\n",
    ),
    (
        "a key moved to another parent, with an index",
        "spring.redis.hosts[0] is set",
        "spring.redis.hosts[0]",
        0,
        ("spring", "data", "redis", "hosts", "[0]"),
        "spring.data.redis.hosts[0] is set",
    ),
    (
        "an environment variable in a template",
        "env:\r\n  - {{ .Env.DTEN_HYBRID_LEGACY_MODE }}\r\n",
        "DTEN_HYBRID_LEGACY_MODE",
        0,
        ("DTEN_HYBRID_ENABLE",),
        "env:\r\n  - {{ .Env.DTEN_HYBRID_ENABLE }}\r\n",
    ),
    (
        "a ${VAR} in a Terraform file without a final newline",
        'value = "${DTEN_OLD_NAME}"',
        "DTEN_OLD_NAME",
        0,
        ("DTEN_NEW_NAME",),
        'value = "${DTEN_NEW_NAME}"',
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "found", "nth", "new_path", "expected"), RENAME_CASES, ids=[c[0] for c in RENAME_CASES]
)
def test_rename(name: str, text: str, found: str, nth: int, new_path: Path, expected: str) -> None:
    parsed = parse(text)
    occurrence = _pick(parsed, found, nth)
    plan = plan_fix(parsed, FixRequest("rename", 0, occurrence, new_path=new_path))
    output = apply_edits(text, plan.edits)
    assert output == expected
    assert plan.creates == frozenset()
    after = parse(output)
    renamed = [o for o in after.documents[0].occurrences if o.key_span.start.offset == occurrence.key_span.start.offset]
    assert [o.path for o in renamed] == [new_path]
    want = _paths(parsed)
    want[occurrence.path] -= 1
    want[new_path] += 1
    assert _paths(after) == +want


REFUSED_CASES: list[tuple[str, str, str, FixOp, Path | None, Scalar, bool, str]] = [
    ("set-value", "dten.a.b", "dten.a.b", "set-value", None, True, True, "can only be renamed"),
    ("delete", "dten.a.b", "dten.a.b", "delete", None, None, False, "can only be renamed"),
    ("comment-out", "dten.a.b", "dten.a.b", "comment-out", None, None, False, "can only be renamed"),
    ("rename with a new value", "dten.a.b", "dten.a.b", "rename", ("dten", "a", "c"), True, True, "not written"),
    ("dotted key to one word", "dten.a.b", "dten.a.b", "rename", ("enable",), None, False, "plain-text token"),
    ("dotted key to a quoted segment", "dten.a.b", "dten.a.b", "rename", ("a", "b.c"), None, False, "token"),
    ("env name to a dotted key", "DTEN_A", "DTEN_A", "rename", ("dten", "a"), None, False, "variable name"),
    ("env name to a lower-case name", "DTEN_A", "DTEN_A", "rename", ("dten_a",), None, False, "environment"),
    ("no new path", "DTEN_A", "DTEN_A", "rename", None, None, False, "no new key"),
]


@pytest.mark.parametrize(
    ("name", "text", "found", "op", "new_path", "value", "has_value", "reason"),
    REFUSED_CASES,
    ids=[c[0] for c in REFUSED_CASES],
)
def test_refused(
    name: str, text: str, found: str, op: FixOp, new_path: Path | None, value: Scalar, has_value: bool, reason: str
) -> None:
    parsed = parse(text)
    request = FixRequest(op, 0, _pick(parsed, found, 0), new_path=new_path, value=value, has_value=has_value)
    with pytest.raises(CannotFix, match=reason):
        plan_fix(parsed, request)


def test_add_is_refused() -> None:
    with pytest.raises(CannotFix):
        plan_fix(parse(""), FixRequest("add", 0, None, new_path=("a", "b"), value=1, has_value=True))


def test_stale_occurrence_is_refused() -> None:
    occurrence = _pick(parse("dten.a.b"), "dten.a.b", 0)
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


@pytest.mark.parametrize(("name", "text", "start", "end", "op", "expected"), LINE_CASES, ids=[c[0] for c in LINE_CASES])
def test_line_helpers(name: str, text: str, start: int, end: int, op: str, expected: str) -> None:
    edit = delete_lines(text, start, end) if op == "delete" else comment_out_lines(text, start, end, "N")
    assert apply_edits(text, [edit]) == expected


@pytest.mark.parametrize(
    ("value", "text"), [(True, "true"), (False, "false"), (None, ""), (3, "3"), (1.5, "1.5"), ("x y", "x y")]
)
def test_scalar_text(value: Scalar, text: str) -> None:
    assert scalar_text(value) == text
