"""Tests for the .properties fixer: each request on a given text gives exactly the expected text."""

from __future__ import annotations

from functools import partial

import pytest

from fix import reparse
from keyshift.formats.properties.fix import escape_key, escape_value, plan_fix
from keyshift.formats.properties.parse import parse
from support.fix_cases import FixCase, check_fix, refusal, run_fix, scalar_values
from support.tables import each_case

NOTE = "keyshift: spring.redis.host was removed in 3.0 (KS101)"
fix_case = partial(FixCase, note=NOTE)

CASES: list[FixCase] = [
    fix_case(
        "rename to another parent is a key rewrite in place",
        "# redis\nspring.redis.host = localhost\nspring.redis.port = 6379\n",
        "rename",
        ("spring", "redis", "host"),
        "# redis\nspring.data.redis.host = localhost\nspring.redis.port = 6379\n",
        new_path=("spring", "data", "redis", "host"),
    ),
    fix_case(
        "rename with a new value, keeping the colon separator",
        "a.legacy: on\n",
        "rename",
        ("a", "legacy"),
        "a.enabled: true\n",
        new_path=("a", "enabled"),
        value=True,
        has_value=True,
    ),
    fix_case(
        "rename an indexed key; the new key is escaped",
        "servers[0].name=x\n",
        "rename",
        ("servers", "[0]", "name"),
        "servers[0].display\\ name=x\n",
        new_path=("servers", "[0]", "display name"),
    ),
    fix_case(
        "rename a key whose value continues keeps the value lines",
        "list = a,\\\n  b\n",
        "rename",
        ("list",),
        "items = a,\\\n  b\n",
        new_path=("items",),
    ),
    fix_case(
        "set-value keeps separator and trailing comment-like text is the value (CRLF)",
        "k = old\r\nj=1\r\n",
        "set-value",
        ("k",),
        "k = new value\r\nj=1\r\n",
        value="new value",
        has_value=True,
    ),
    fix_case(
        "set-value escapes a leading blank and a backslash",
        "k=x\n",
        "set-value",
        ("k",),
        "k=\\ C:\\\\dir\n",
        value=" C:\\dir",
        has_value=True,
    ),
    fix_case(
        "set-value of a continued value replaces all its lines",
        "list = a,\\\n  b\nnext=1\n",
        "set-value",
        ("list",),
        "list = c\nnext=1\n",
        value="c",
        has_value=True,
    ),
    fix_case(
        "set-value of a key alone adds the file's separator",
        "a = 1\nalone\n",
        "set-value",
        ("alone",),
        "a = 1\nalone = 2\n",
        value=2,
        has_value=True,
    ),
    fix_case(
        "set-value of an empty value",
        "a=\n",
        "set-value",
        ("a",),
        "a=false\n",
        value=False,
        has_value=True,
    ),
    fix_case(
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
    fix_case(
        "add with a shorter shared prefix goes after the last key of that prefix",
        "spring.a=1\nspring.b=2\nserver.port=80\n",
        "add",
        None,
        "spring.a=1\nspring.b=2\nspring.c.d=3\nserver.port=80\n",
        new_path=("spring", "c", "d"),
        value=3,
        has_value=True,
    ),
    fix_case(
        "add after a continued entry goes after its last line",
        "spring.list=a,\\\n  b\nother=1\n",
        "add",
        None,
        "spring.list=a,\\\n  b\nspring.x=y\nother=1\n",
        new_path=("spring", "x"),
        value="y",
        has_value=True,
    ),
    fix_case(
        "add with no shared prefix goes at the end of a file without final newline",
        "a=1",
        "add",
        None,
        "a=1\nb.c=2",
        new_path=("b", "c"),
        value=2,
        has_value=True,
    ),
    fix_case(
        "add to an empty file",
        "",
        "add",
        None,
        "k=v\n",
        new_path=("k",),
        value="v",
        has_value=True,
    ),
    fix_case(
        "delete a continued entry, keeping the comment above",
        "# list\nlist = a,\\\n  b\nnext=1\n",
        "delete",
        ("list",),
        "# list\nnext=1\n",
    ),
    fix_case(
        "delete the last line of a file without final newline",
        "a=1\nb=2",
        "delete",
        ("b",),
        "a=1",
    ),
    fix_case(
        "comment-out each physical line",
        "spring.redis.host = h\\\n   ost\nx=1\n",
        "comment-out",
        ("spring", "redis", "host"),
        f"# {NOTE}\n# spring.redis.host = h\\\n#    ost\nx=1\n",
    ),
    fix_case(
        "comment-out keeps the indentation",
        "  k=v\n",
        "comment-out",
        ("k",),
        f"  # {NOTE}\n  # k=v\n",
    ),
    # a lone CR ends a line for java.util.Properties: a fix keeps the keys on either side apart
    fix_case(
        "rename a key that a lone CR ends: the CR stays a line break, not the escape \\r",
        "a.b.x\ry.z=1\n",
        "rename",
        ("a", "b", "x"),
        "a.c.x\ry.z=1\n",
        new_path=("a", "c", "x"),
    ),
    fix_case(
        "comment out a key after a lone CR",
        "q=1\rp.gone=5s\nz=1\n",
        "comment-out",
        ("p", "gone"),
        f"q=1\r# {NOTE}\n# p.gone=5s\nz=1\n",
    ),
    fix_case(
        "comment out a key that a lone CR ends: its line ending becomes the file's",
        "p.gone=5s\rz=1\n",
        "comment-out",
        ("p", "gone"),
        f"# {NOTE}\n# p.gone=5s\nz=1\n",
    ),
    fix_case(
        "comment out a continuation over a lone CR: each line is commented",
        "k=a,\\\r  b\rn=1\n",
        "comment-out",
        ("k",),
        f"# {NOTE}\n# k=a,\\\n#   b\nn=1\n",
    ),
    fix_case(
        "delete the last line, ended by a lone CR",
        "z=1\np.gone=5s\r",
        "delete",
        ("p", "gone"),
        "z=1\n",
    ),
    fix_case(
        "delete the last line, without an ending, after a lone CR",
        "z=1\rp.gone=5s",
        "delete",
        ("p", "gone"),
        "z=1",
    ),
    fix_case(
        "add after a key that a lone CR ends at the end of the file",
        "a.x=1\r",
        "add",
        None,
        "a.x=1\ra.y=2\n",
        new_path=("a", "y"),
        value=2,
        has_value=True,
    ),
]


@each_case(CASES)
def test_fix(case: FixCase) -> None:
    check_fix(case, parse, plan_fix, reparse.properties)


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


REFUSED: list[FixCase] = [
    FixCase(
        "a key that would not read back",
        "a=1\n",
        "rename",
        ("a",),
        "cannot be written as a .properties key",
        new_path=("x.", "y"),
    ),
    FixCase("a null value", "a=1\n", "set-value", ("a",), "null", has_value=True),
    FixCase(
        "a value on a group of keys",
        "a.b=1\n",
        "set-value",
        ("a",),
        "a group of keys, not a value",
        value="x",
        has_value=True,
    ),
]


@each_case(REFUSED)
def test_cannot_fix(case: FixCase) -> None:
    assert case.expected in refusal(case, parse, plan_fix)


GROUP_CASES: list[FixCase] = [
    fix_case(
        "rename a prefix rewrites every key under it",
        "spring.redis.host=h\nserver.port=1\nspring.redis.pool.max-active=8\nspring.redisson=x\n",
        "rename",
        ("spring", "redis"),
        "spring.data.redis.host=h\nserver.port=1\nspring.data.redis.pool.max-active=8\nspring.redisson=x\n",
        new_path=("spring", "data", "redis"),
    ),
    fix_case(
        "delete a prefix removes every key under it (no final newline)",
        "a.x=1\nb=2\na.y=3\na.z=4",
        "delete",
        ("a",),
        "b=2",
    ),
    fix_case(
        "rename a prefix: a lone CR inside a key is a line break (java.util.Properties), so two keys",
        "a.b.x\ry.z=1\nq=1\rp.gone=5s\n",
        "rename",
        ("a", "b"),
        "a.c.x\ry.z=1\nq=1\rp.gone=5s\n",
        new_path=("a", "c"),
    ),
    fix_case(
        "comment-out a prefix: one note per run of lines",
        "a.x=1\nb=2\na.y=3\na.z=4\n",
        "comment-out",
        ("a",),
        f"# {NOTE}\n# a.x=1\nb=2\n# {NOTE}\n# a.y=3\n# a.z=4\n",
    ),
]


@each_case(GROUP_CASES)
def test_prefix_fix(case: FixCase) -> None:
    fixed = run_fix(case, parse, plan_fix)
    assert fixed.occurrence is not None and fixed.occurrence.implicit
    assert fixed.output == case.expected
    prefix = fixed.occurrence.path
    assert not any(p[: len(prefix)] == prefix and len(p) > len(prefix) for p in scalar_values(parse(fixed.output)))
