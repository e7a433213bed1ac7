"""Tests for keyshift.core.keypath: splitting and joining key paths, wildcard matching and substitution."""

from __future__ import annotations

import pytest

from keyshift.core.keypath import Captures, KeyPathError, KeyPattern, join_path, split_key, wildcards
from keyshift.matrix import relaxed_segment


@pytest.mark.parametrize(
    ("key", "segments", "joined"),
    [
        ("a", ("a",), "a"),
        ("a.b.c", ("a", "b", "c"), "a.b.c"),
        ("dten.hybrid.legacy_mode", ("dten", "hybrid", "legacy_mode"), "dten.hybrid.legacy_mode"),
        ('a."b.c".d', ("a", "b.c", "d"), 'a."b.c".d'),
        ('"a.b"', ("a.b",), '"a.b"'),
        ('"plain"', ("plain",), "plain"),  # quotes that are not needed are dropped
        ('""', ("",), '""'),
        ('a."".b', ("a", "", "b"), 'a."".b'),
        ("spec.rules[0].host", ("spec", "rules", "[0]", "host"), "spec.rules[0].host"),
        ("a[0][12]", ("a", "[0]", "[12]"), "a[0][12]"),
        ("a.[0]", ("a", "[0]"), "a[0]"),
        ("[3]", ("[3]",), "[3]"),
        ("[3].a", ("[3]", "a"), "[3].a"),
        ('a."b.c"[2]', ("a", "b.c", "[2]"), 'a."b.c"[2]'),
        ('"x[0]".y', ("x[0]", "y"), '"x[0]".y'),
        ('a."[x]"', ("a", "[x]"), 'a."[x]"'),
        ("a.*.c", ("a", "*", "c"), "a.*.c"),
        ("a.**", ("a", "**"), "a.**"),
        ("**.x", ("**", "x"), "**.x"),
        ("a[*].b", ("a", "*", "b"), "a.*.b"),  # [*] is a one-segment wildcard
        ("spring.data-source.max_pool", ("spring", "data-source", "max_pool"), "spring.data-source.max_pool"),
        ("a b.c", ("a b", "c"), "a b.c"),
    ],
)
def test_split_and_join(key: str, segments: tuple[str, ...], joined: str) -> None:
    assert split_key(key) == segments
    assert join_path(segments) == joined
    assert split_key(joined) == segments


@pytest.mark.parametrize(
    ("segments", "joined"),
    [
        ((), ""),
        (("a", "[0]", "b.c"), 'a[0]."b.c"'),
        (("a", "[abc]"), 'a."[abc]"'),  # not an index: quoted so it reads back as itself
        (("a", "x]y"), 'a."x]y"'),
        (("a", "[0]x"), 'a."[0]x"'),
        (("[0]", "[1]"), "[0][1]"),
        (("k8s.io", "name"), '"k8s.io".name'),
    ],
)
def test_join_path(segments: tuple[str, ...], joined: str) -> None:
    assert join_path(segments) == joined
    if segments:
        assert split_key(joined) == segments


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("", "empty key"),
        ("   ", "empty key"),
        ("a..b", "empty segment in key 'a..b'"),
        (".a", "empty segment in key '.a'"),
        ("a.", "key 'a.' ends with a dot"),
        ('a."b', "unterminated quote in key 'a.\"b'"),
        ('a."b"c', "unexpected 'c' in key 'a.\"b\"c'"),
        ('a"b', "unexpected '\"' in key 'a\"b'"),
        ("a[x]", "bad index in key 'a[x]' (expected [N])"),
        ("a[]", "bad index in key 'a[]' (expected [N])"),
        ("a[-1]", "bad index in key 'a[-1]' (expected [N])"),
        ("a[0", "bad index in key 'a[0' (expected [N])"),
        ("a[0]b", "unexpected 'b' in key 'a[0]b'"),
        ("a]", "unexpected ']' in key 'a]'"),
        ("a.b]", "unexpected ']' in key 'a.b]'"),
    ],
)
def test_split_key_errors(key: str, message: str) -> None:
    with pytest.raises(KeyPathError) as caught:
        split_key(key)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("a.b", ()),
        ("a.*.b", ("*",)),
        ("**.a.*", ("**", "*")),
        ("a[*].**", ("*", "**")),
    ],
)
def test_wildcards(key: str, expected: tuple[str, ...]) -> None:
    pattern = KeyPattern.parse(key)
    assert wildcards(pattern.segments) == expected
    assert pattern.is_literal == (expected == ())


def test_literal_segments() -> None:
    assert KeyPattern.parse("a.*.b[0].**.c").literal_segments() == ("a", "b", "c")


@pytest.mark.parametrize(
    ("pattern", "path", "captures"),
    [
        # literal keys
        ("a.b", "a.b", ()),
        ("a.b", "a.c", None),
        ("a.b", "a", None),
        ("a.b", "a.b.c", None),
        ("a", "a.b", None),
        # * matches exactly one segment, at the start, in the middle or at the end
        ("*.b", "a.b", (("a",),)),
        ("*.b", "b", None),
        ("*.b", "x.y.b", None),
        ("a.*.c", "a.b.c", (("b",),)),
        ("a.*.c", "a.c", None),
        ("a.*.c", "a.b.x.c", None),
        ("a.*", "a.b", (("b",),)),
        ("a.*", "a", None),
        ("a.*", "a.b.c", None),
        ("*.*", "x.y", (("x",), ("y",))),
        # ** matches one or more segments
        ("**.b", "a.b", (("a",),)),
        ("**.b", "x.y.b", (("x", "y"),)),
        ("**.b", "b", None),
        ("a.**.c", "a.x.c", (("x",),)),
        ("a.**.c", "a.x.y.z.c", (("x", "y", "z"),)),
        ("a.**.c", "a.c", None),
        ("a.**", "a.b", (("b",),)),
        ("a.**", "a.b.c.d", (("b", "c", "d"),)),
        ("a.**", "a", None),
        ("**", "a.b", (("a", "b"),)),
        # a trailing ** takes everything after the last literal it has to leave room for
        ("**.c.**", "a.c.b.c.d", (("a", "c", "b"), ("d",))),
        ("a.*.**", "a.b.c.d", (("b",), ("c", "d"))),
        ("a.**.*", "a.b.c.d", (("b", "c"), ("d",))),
        # [N] segments
        ("spec.rules[0].host", "spec.rules[0].host", ()),
        ("spec.rules[0].host", "spec.rules[1].host", None),
        ("spec.rules.*.host", "spec.rules[3].host", (("[3]",),)),
        ("spec.rules[*].host", "spec.rules[3].host", (("[3]",),)),
        ("spec.**.host", "spec.rules[0].http.host", (("rules", "[0]", "http"),)),
        # quoted segments are one segment
        ('a."b.c"', 'a."b.c"', ()),
        ('a."b.c"', "a.b.c", None),
        ("a.*", 'a."b.c"', (("b.c",),)),
    ],
)
def test_match(pattern: str, path: str, captures: Captures | None) -> None:
    assert KeyPattern.parse(pattern).match(split_key(path)) == captures


@pytest.mark.parametrize(
    ("pattern", "path", "captures"),
    [
        ("spring.datasource.max-pool-size", "spring.dataSource.maxPoolSize", ()),
        ("spring.datasource.max-pool-size", "SPRING.DATA_SOURCE.MAX_POOL_SIZE", ()),
        ("spring.datasource.max_pool_size", "spring.datasource.max-pool-size", ()),
        # captures are the normalised segments (the matcher maps them back to the written ones)
        ("spring.*.url", "spring.Data-Source.url", (("datasource",),)),
        ("spring.datasource.url", "spring.datasource.uri", None),
        ("a[0].b", "A[0].B", ()),
    ],
)
def test_match_with_normalizer(pattern: str, path: str, captures: Captures | None) -> None:
    assert KeyPattern.parse(pattern).match(split_key(path), relaxed_segment) == captures


def test_match_without_normalizer_is_exact() -> None:
    assert KeyPattern.parse("spring.datasource.url").match(split_key("spring.dataSource.url")) is None


@pytest.mark.parametrize(
    ("replacement", "captures", "expected"),
    [
        ("b", (), ("b",)),
        ("b.*.location", (("x",),), ("b", "x", "location")),
        ("new.**", (("a", "[0]", "c"),), ("new", "a", "[0]", "c")),
        ("*.*.z", (("x",), ("y",)), ("x", "y", "z")),
        ("**.renamed.*", (("p", "q"), ("r",)), ("p", "q", "renamed", "r")),
        ('"k.x".*', (("v",),), ("k.x", "v")),
    ],
)
def test_substitute(replacement: str, captures: Captures, expected: tuple[str, ...]) -> None:
    assert KeyPattern.parse(replacement).substitute(captures) == expected


@pytest.mark.parametrize(
    ("old", "new", "path", "expected"),
    [
        (
            "dten.plugins.*.path",
            "dten.plugins.*.location",
            "dten.plugins.s3.path",
            "dten.plugins.s3.location",
        ),
        ("spring.redis.**", "spring.data.redis.**", "spring.redis.pool.max", "spring.data.redis.pool.max"),
        ("a.*.b.**", "c.*.**.d", "a.x.b.y[0].z", "c.x.y[0].z.d"),
    ],
)
def test_match_then_substitute(old: str, new: str, path: str, expected: str) -> None:
    captures = KeyPattern.parse(old).match(split_key(path))
    assert captures is not None
    assert join_path(KeyPattern.parse(new).substitute(captures)) == expected


def test_substitute_with_too_few_captures() -> None:
    with pytest.raises(KeyPathError, match="more wildcards than there are captures"):
        KeyPattern.parse("a.*.*").substitute((("x",),))


def test_parse_keeps_text() -> None:
    pattern = KeyPattern.parse("spec.rules[0].host")
    assert pattern.text == "spec.rules[0].host"
    assert pattern.segments == ("spec", "rules", "[0]", "host")
