"""Tests for keyshift.core.versions: numeric version order, explicit version lists and their errors."""

from __future__ import annotations

import pytest

from keyshift.core.versions import VersionError, VersionOrder, normalize, numeric_key

NUMERIC = VersionOrder()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.22", "1.22"),
        ("v1.22", "1.22"),
        ("V1.22", "1.22"),
        ("  v3.0 ", "3.0"),
        ("version", "version"),  # a "v" not followed by a digit stays
        ("vnext", "vnext"),
        ("jammy", "jammy"),
        ("v", "v"),
        ("v\u0661", "v\u0661"),  # an Arabic-Indic digit is not a version digit
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        ("1.9", "1.10"),
        ("1.2", "1.2.1"),
        ("2.4", "2.5"),
        ("2.99", "3"),
        ("v1.21", "1.22"),
        ("1.21", "V1.22"),
        # pre-releases come before the release, which comes before its patch releases
        ("3.0rc1", "3.0"),
        ("3.0", "3.0.1"),
        ("3.0rc1", "3.0.1"),
        ("2.9", "3.0rc1"),
        ("3.0rc1", "3.0rc2"),
        ("3.0rc2", "3.0rc10"),
        ("3.0.dev1", "3.0a1"),
        ("3.0a1", "3.0b1"),
        ("3.0b2", "3.0rc1"),
        ("3.0-alpha.1", "3.0-beta.1"),
        ("3.0-SNAPSHOT", "3.0"),
        ("3.0.0-rc.1", "3.0"),
        # anything else after the number is a post-release
        ("3.0", "3.0-post1"),
        ("3.0", "3.0+build.5"),
        ("3.0-1", "3.0-2"),
        ("3.0-post1", "3.0.1"),
    ],
)
def test_numeric_order(older: str, newer: str) -> None:
    assert NUMERIC.lt(older, newer)
    assert NUMERIC.le(older, newer)
    assert not NUMERIC.lt(newer, older)
    assert not NUMERIC.le(newer, older)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1.22", "v1.22"),
        ("1.22", "1.22.0"),
        ("3", "3.0.0"),
        ("v3.0", "3"),
        ("3.0rc1", "3.0.0rc1"),
        ("3.0rc1", "3.0-RC1"),
        ("3.0a1", "3.0alpha1"),
        ("3.0b1", "3.0beta1"),
        ("3.0c1", "3.0rc1"),
        ("01.2", "1.2"),
        (" 1.2 ", "1.2"),
    ],
)
def test_numeric_equal(a: str, b: str) -> None:
    assert numeric_key(a) == numeric_key(b)
    assert NUMERIC.le(a, b)
    assert NUMERIC.le(b, a)
    assert not NUMERIC.lt(a, b)
    assert not NUMERIC.lt(b, a)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "jammy",
        "v",
        "1.",
        "1..2",
        "1.2.",
        "1.2-",
        "x1.2",
        "1.2 3",
        ".1",
        "1.2!",
        "\u0661.\u0662",
        # long near-misses must fail quickly (a backtracking regex would hang here)
        "1.0" + "a" * 64 + "!",
        "1." * 64 + "!",
        "1.0" + "-a" * 64 + "-",
    ],
)
def test_numeric_key_rejects(text: str) -> None:
    with pytest.raises(VersionError, match="is not a version number"):
        numeric_key(text)
    with pytest.raises(VersionError, match="is not a version number"):
        NUMERIC.check(text)


@pytest.mark.parametrize(
    ("versions", "expected"),
    [
        (["2.4", "3.0", "2.10"], "3.0"),
        (["2.9", "2.10"], "2.10"),
        (["3.0rc1", "3.0", "2.9"], "3.0"),
        (["3.0.1", "3.0rc1", "3.0"], "3.0.1"),
        (["v1.2"], "v1.2"),
        ([], None),
    ],
)
def test_numeric_newest(versions: list[str], expected: str | None) -> None:
    assert NUMERIC.newest(versions) == expected


# -- explicit lists ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("explicit", "older", "newer"),
    [
        # names that are not numbers at all
        (("focal", "jammy", "noble"), "jammy", "noble"),
        (("focal", "jammy", "noble"), "focal", "noble"),
        # the list wins where numeric order would disagree
        (("2.10", "2.9"), "2.10", "2.9"),
        (("3.0", "2.9"), "3.0", "2.9"),
        # "v" is ignored on either side
        (("v1.0", "v2.0"), "1.0", "2.0"),
        (("1.0", "2.0"), "v1.0", "V2.0"),
        # a spelling with trailing zeros names the listed version
        (("2.4", "2.5"), "2.4.0", "v2.5.0"),
    ],
)
def test_explicit_order(explicit: tuple[str, ...], older: str, newer: str) -> None:
    order = VersionOrder(explicit)
    assert order.lt(older, newer)
    assert order.le(older, newer)
    assert not order.lt(newer, older)
    assert order.le(older, older)


@pytest.mark.parametrize(
    ("explicit", "version", "index"),
    [
        (("2.4", "2.5", "3.0"), "2.4", 0),
        (("2.4", "2.5", "3.0"), "3.0", 2),
        (("2.4", "2.5", "3.0"), "v3.0", 2),
        (("v2.4", "v2.5"), "2.5", 1),
        (("2.10", "2.1"), "2.10", 0),  # exact spelling, not the numeric fallback
        (("2.1", "2.10"), "2.10", 1),
        (("2.4", "3"), "3.0.0", 1),
        (("jammy", "noble"), " noble ", 1),
    ],
)
def test_explicit_key(explicit: tuple[str, ...], version: str, index: int) -> None:
    assert VersionOrder(explicit).key(version) == (index,)


@pytest.mark.parametrize(
    ("explicit", "version"),
    [
        (("2.4", "2.5", "3.0"), "3.1"),
        (("2.4", "2.5", "3.0"), "3.0rc1"),  # not the same version as 3.0
        (("2.4", "2.5", "3.0"), "3.0.1"),
        (("jammy", "noble"), "Noble"),  # names are case-sensitive
        (("jammy", "noble"), "oracular"),
        (("jammy", "noble"), ""),
    ],
)
def test_explicit_rejects(explicit: tuple[str, ...], version: str) -> None:
    order = VersionOrder(explicit)
    with pytest.raises(VersionError) as caught:
        order.check(version)
    assert str(caught.value) == f"{version!r} is not one of the product's versions ({', '.join(explicit)})"


@pytest.mark.parametrize(
    ("explicit", "versions", "expected"),
    [
        (("2.10", "2.9"), ["2.10", "2.9"], "2.9"),
        (("focal", "jammy", "noble"), ["noble", "focal"], "noble"),
        (("v1", "v2"), ["2", "1"], "2"),
        (("v1", "v2"), [], None),
    ],
)
def test_explicit_newest(explicit: tuple[str, ...], versions: list[str], expected: str | None) -> None:
    assert VersionOrder(explicit).newest(versions) == expected
