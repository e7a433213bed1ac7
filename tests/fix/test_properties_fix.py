"""Tests for the .properties fixer: each request on a given text gives exactly the expected text."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from keyshift.core.edits import CannotFix, FixOp, FixRequest, apply_edits
from keyshift.core.model import Occurrence, Scalar
from keyshift.formats.properties.fix import escape_key, escape_value, plan_fix
from keyshift.formats.properties.parse import parse

NOTE = "keyshift: spring.redis.host was removed in 3.0 (KS101)"


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    op: FixOp
    path: tuple[str, ...] | None
    expected: str
    new_path: tuple[str, ...] | None = None
    value: Scalar = None
    has_value: bool = False


def _occurrence(text: str, path: tuple[str, ...]) -> Occurrence:
    return next(o for o in parse(text).documents[0].occurrences if o.path == path and not o.implicit)


def _values(text: str) -> dict[tuple[str, ...], Scalar]:
    return {
        o.path: o.value for o in parse(text).documents[0].occurrences if not o.implicit and o.value_kind == "scalar"
    }


CASES: list[Case] = [
    Case(
        "rename to another parent is a key rewrite in place",
        "# redis\nspring.redis.host = localhost\nspring.redis.port = 6379\n",
        "rename",
        ("spring", "redis", "host"),
        "# redis\nspring.data.redis.host = localhost\nspring.redis.port = 6379\n",
        new_path=("spring", "data", "redis", "host"),
    ),
    Case(
        "rename with a new value, keeping the colon separator",
        "a.legacy: on\n",
        "rename",
        ("a", "legacy"),
        "a.enabled: true\n",
        new_path=("a", "enabled"),
        value=True,
        has_value=True,
    ),
    Case(
        "rename an indexed key; the new key is escaped",
        "servers[0].name=x\n",
        "rename",
        ("servers", "[0]", "name"),
        "servers[0].display\\ name=x\n",
        new_path=("servers", "[0]", "display name"),
    ),
    Case(
        "rename a key whose value continues keeps the value lines",
        "list = a,\\\n  b\n",
        "rename",
        ("list",),
        "items = a,\\\n  b\n",
        new_path=("items",),
    ),
    Case(
        "set-value keeps separator and trailing comment-like text is the value (CRLF)",
        "k = old\r\nj=1\r\n",
        "set-value",
        ("k",),
        "k = new value\r\nj=1\r\n",
        value="new value",
        has_value=True,
    ),
    Case(
        "set-value escapes a leading blank and a backslash",
        "k=x\n",
        "set-value",
        ("k",),
        "k=\\ C:\\\\dir\n",
        value=" C:\\dir",
        has_value=True,
    ),
    Case(
        "set-value of a continued value replaces all its lines",
        "list = a,\\\n  b\nnext=1\n",
        "set-value",
        ("list",),
        "list = c\nnext=1\n",
        value="c",
        has_value=True,
    ),
    Case(
        "set-value of a key alone adds the file's separator",
        "a = 1\nalone\n",
        "set-value",
        ("alone",),
        "a = 1\nalone = 2\n",
        value=2,
        has_value=True,
    ),
    Case(
        "set-value of an empty value",
        "a=\n",
        "set-value",
        ("a",),
        "a=false\n",
        value=False,
        has_value=True,
    ),
    Case(
        "add after the last key sharing the longest prefix, with the most common separator",
        "spring.redis.host = h\nspring.redis.port = 1\nspring.main.banner=off\nserver.port = 80\n",
        "add",
        None,
        "spring.redis.host = h\nspring.redis.port = 1\nspring.redis.timeout = 5s\n"
        "spring.main.banner=off\nserver.port = 80\n",
        new_path=("spring", "redis", "timeout"),
        value="5s",
        has_value=True,
    ),
    Case(
        "add with a shorter shared prefix goes after the last key of that prefix",
        "spring.a=1\nspring.b=2\nserver.port=80\n",
        "add",
        None,
        "spring.a=1\nspring.b=2\nspring.c.d=3\nserver.port=80\n",
        new_path=("spring", "c", "d"),
        value=3,
        has_value=True,
    ),
    Case(
        "add after a continued entry goes after its last line",
        "spring.list=a,\\\n  b\nother=1\n",
        "add",
        None,
        "spring.list=a,\\\n  b\nspring.x=y\nother=1\n",
        new_path=("spring", "x"),
        value="y",
        has_value=True,
    ),
    Case(
        "add with no shared prefix goes at the end of a file without final newline",
        "a=1",
        "add",
        None,
        "a=1\nb.c=2",
        new_path=("b", "c"),
        value=2,
        has_value=True,
    ),
    Case(
        "add to an empty file",
        "",
        "add",
        None,
        "k=v\n",
        new_path=("k",),
        value="v",
        has_value=True,
    ),
    Case(
        "delete a continued entry, keeping the comment above",
        "# list\nlist = a,\\\n  b\nnext=1\n",
        "delete",
        ("list",),
        "# list\nnext=1\n",
    ),
    Case(
        "delete the last line of a file without final newline",
        "a=1\nb=2",
        "delete",
        ("b",),
        "a=1",
    ),
    Case(
        "comment-out each physical line",
        "spring.redis.host = h\\\n   ost\nx=1\n",
        "comment-out",
        ("spring", "redis", "host"),
        f"# {NOTE}\n# spring.redis.host = h\\\n#    ost\nx=1\n",
    ),
    Case(
        "comment-out keeps the indentation",
        "  k=v\n",
        "comment-out",
        ("k",),
        f"  # {NOTE}\n  # k=v\n",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fix(case: Case) -> None:
    occurrence = None if case.path is None else _occurrence(case.text, case.path)
    request = FixRequest(
        case.op, 0, occurrence, new_path=case.new_path, value=case.value, has_value=case.has_value, note=NOTE
    )
    plan = plan_fix(parse(case.text), request)
    output = apply_edits(case.text, plan.edits)
    assert output == case.expected
    assert plan.creates == frozenset()
    values = _values(output)
    if case.op in ("rename", "add") and case.new_path is not None:
        assert case.new_path in values
    if case.op == "rename" and case.path is not None:
        assert case.path not in values
    if case.op in ("delete", "comment-out") and case.path is not None:
        assert case.path not in values
    if case.op == "set-value" and case.path is not None:
        assert values[case.path] == (str(case.value).lower() if isinstance(case.value, bool) else str(case.value))


@pytest.mark.parametrize(
    ("raw", "key", "value"),
    [
        ("a b", "a\\ b", "a b"),
        ("=x:y", "\\=x\\:y", "\\=x:y"),
        ("#c", "\\#c", "#c"),
        ("tab\there\n", "tab\\there\\n", "tab\\there\\n"),
        ("\\", "\\\\", "\\\\"),
        ("é\x01", "é\\u0001", "é\\u0001"),
    ],
)
def test_escapes_round_trip(raw: str, key: str, value: str) -> None:
    assert escape_key(raw) == key
    assert escape_value(raw) == value
    line = f"{key}={value}\n"
    occurrence = parse(line).documents[0].occurrences[-1]
    assert occurrence.value == raw
    assert occurrence.path == (raw,)


@pytest.mark.parametrize(
    ("text", "op", "path", "new_path", "value", "reason"),
    [
        ("a=1\n", "rename", ("a",), ("x.", "y"), None, "cannot be written as a .properties key"),
        ("a=1\n", "set-value", ("a",), None, None, "null"),
        ("a.b=1\n", "set-value", ("a",), None, "x", "a group of keys, not a value"),
    ],
)
def test_cannot_fix(
    text: str,
    op: FixOp,
    path: tuple[str, ...],
    new_path: tuple[str, ...] | None,
    value: Scalar,
    reason: str,
) -> None:
    occurrence = next(o for o in parse(text).documents[0].occurrences if o.path == path)
    request = FixRequest(op, 0, occurrence, new_path=new_path, value=value, has_value=op == "set-value")
    with pytest.raises(CannotFix, match=reason):
        plan_fix(parse(text), request)


GROUP_CASES: list[tuple[str, str, FixOp, tuple[str, ...], tuple[str, ...] | None, str]] = [
    (
        "rename a prefix rewrites every key under it",
        "spring.redis.host=h\nserver.port=1\nspring.redis.pool.max-active=8\nspring.redisson=x\n",
        "rename",
        ("spring", "redis"),
        ("spring", "data", "redis"),
        "spring.data.redis.host=h\nserver.port=1\nspring.data.redis.pool.max-active=8\nspring.redisson=x\n",
    ),
    (
        "delete a prefix removes every key under it (no final newline)",
        "a.x=1\nb=2\na.y=3\na.z=4",
        "delete",
        ("a",),
        None,
        "b=2",
    ),
    (
        "comment-out a prefix: one note per run of lines",
        "a.x=1\nb=2\na.y=3\na.z=4\n",
        "comment-out",
        ("a",),
        None,
        f"# {NOTE}\n# a.x=1\nb=2\n# {NOTE}\n# a.y=3\n# a.z=4\n",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "op", "prefix", "new_path", "expected"), GROUP_CASES, ids=[c[0] for c in GROUP_CASES]
)
def test_prefix_fix(
    name: str, text: str, op: FixOp, prefix: tuple[str, ...], new_path: tuple[str, ...] | None, expected: str
) -> None:
    occurrence = next(o for o in parse(text).documents[0].occurrences if o.path == prefix and o.implicit)
    request = FixRequest(op, 0, occurrence, new_path=new_path, note=NOTE)
    output = apply_edits(text, plan_fix(parse(text), request).edits)
    assert output == expected
    paths = set(_values(output))
    assert not any(p[: len(prefix)] == prefix and len(p) > len(prefix) for p in paths)
