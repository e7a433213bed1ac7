"""Issue 10, defects 1 and 2: numbers past Python's 4,300-digit int/str limit never raise.

Digits a user wrote (a version, ``--to``, ``--jobs``, ``--max-file-size``) are parsed in one guarded place
(:mod:`keyshift.core.numbers`), and an integer from a config file (a YAML or TOML ``0x...``) is shown,
compared and verified without ever being written out in decimal.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_cli, write_tree
from keyshift.core.numbers import NumberTooLong, decimal_text, digit_count, whole_number
from keyshift.core.values import format_scalar, scalar_text, typed_text, values_equal
from keyshift.core.versions import VersionError, VersionOrder
from support.tables import each_row

HUGE_HEX = "0x" + "F" * 3600  # 16**3600 - 1: 4,335 decimal digits
HUGE = int(HUGE_HEX, 16)


@each_row(
    ("digits", "limit", "expected"),
    [
        ("zero", "0", 3, 0),
        ("leading-zeros-do-not-count", "0" * 5000 + "42", 3, 42),
        ("at-the-limit", "999", 3, 999),
        ("all-zeros", "0000", 1, 0),
    ],
)
def test_whole_number(digits: str, limit: int, expected: int) -> None:
    assert whole_number(digits, limit=limit) == expected


def test_whole_number_past_its_limit_says_how_long_it_is() -> None:
    with pytest.raises(NumberTooLong) as caught:
        whole_number("1" + "0" * 4300, limit=100)
    assert str(caught.value) == "a number of 4,301 digits (at most 100)"


@each_row(
    ("value", "digits"),
    [
        ("one-digit", 7, 1),
        ("ten", 10, 2),
        ("power-of-ten", 10**5000, 5001),
        ("just-below-a-power-of-ten", 10**5000 - 1, 5000),
        ("negative", -(10**4400), 4401),
        ("hex", HUGE, 4335),
    ],
)
def test_digit_count_is_exact_without_writing_the_digits(value: int, digits: int) -> None:
    assert digit_count(value) == digits


@each_row(
    ("value", "text", "shown", "typed"),
    [
        ("small", 42, "42", "42", "int:42"),
        ("huge", HUGE, hex(HUGE), "an integer of 4,335 digits", f"int:{hex(HUGE)}"),
        ("huge-negative", -HUGE, hex(-HUGE), "a negative integer of 4,335 digits", f"int:{hex(-HUGE)}"),
        ("float", 1.0, "1.0", "1.0", "float:1.0"),
        ("bool", True, "true", "true", "bool:True"),
    ],
)
def test_a_value_is_shown_and_compared_as_text_whatever_its_size(value: int, text: str, shown: str, typed: str) -> None:
    assert scalar_text(value) == text
    assert format_scalar(value) == shown
    assert typed_text(value) == typed


@each_row(
    ("found", "wanted", "typed", "equal"),
    [
        ("huge-vs-small", HUGE, 3, True, False),
        ("huge-vs-itself", HUGE, HUGE, True, True),
        ("huge-vs-float", HUGE, 1e300, True, False),
        ("huge-vs-text", HUGE, "3", False, False),
        ("huge-vs-its-hex-text", HUGE, hex(HUGE), False, True),
    ],
)
def test_values_equal_never_raises_on_a_huge_integer(found: int, wanted: object, typed: bool, equal: bool) -> None:
    assert values_equal(found, wanted, typed) is equal  # type: ignore[arg-type]
    assert decimal_text(found) is None


@each_row(
    ("version", "message"),
    [
        (
            "release",
            "1" + "0" * 4300,
            "'100000000000000000000000000000'...'000000000000000000000000000000' (4,301 characters) "
            "is not a version number: it holds a number of 4,301 digits (at most 100)",
        ),
        (
            "suffix",
            "1.0-rc" + "9" * 200,
            "'1.0-rc999999999999999999999999'...'999999999999999999999999999999' (206 characters) "
            "is not a version number: it holds a number of 200 digits (at most 100)",
        ),
    ],
)
def test_a_version_number_too_long_is_a_version_error(version: str, message: str) -> None:
    with pytest.raises(VersionError) as caught:
        VersionOrder().check(version)
    assert str(caught.value) == message


def test_a_version_with_a_long_number_still_sorts() -> None:
    assert VersionOrder().lt("1." + "9" * 99, "2")


MATRIX = """\
[product]
name = "p"
files = ["app.yaml", "app.toml", "other.toml"]
to = "2.0"

[keys."p.level"]
required = "2.0"
expect = 3

[keys."p.old"]
removed = "2.0"
replaced-by = "p.new"
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write_tree(
        tmp_path,
        {
            "m.toml": MATRIX,
            "app.yaml": f"p:\n  level: {HUGE_HEX}\n",
            "app.toml": f"[p]\nlevel = {HUGE_HEX}\n",
            "other.toml": f"[p]\nlevel = 3\nold = 1\nbig = {HUGE_HEX}\n",
        },
    )
    return tmp_path


@pytest.mark.parametrize("name", ["app.yaml", "app.toml"])
def test_a_huge_hex_value_is_reported_as_a_mismatch(tree: Path, name: str) -> None:
    result = run_cli(["check", "-m", "m.toml", "--format", "json", "--no-cache", name], tree)
    assert (result.exit_code, result.stderr) == (1, "")
    assert [(f["line"], f["code"], f["message"]) for f in result.findings()] == [
        (2, "KS202", "p.level must be 3 from 2.0; found an integer of 4,335 digits")
    ]


@pytest.mark.parametrize("output_format", ["text", "concise"])
def test_the_human_reports_show_a_huge_value(tree: Path, output_format: str) -> None:
    result = run_cli(["check", "-m", "m.toml", "--format", output_format, "--no-cache", "app.yaml"], tree)
    assert result.exit_code == 1
    assert "p.level must be 3 from 2.0; found an integer of 4,335 digits" in result.stdout


def test_fix_verifies_a_file_holding_a_huge_hex_value(tree: Path) -> None:
    result = run_cli(["fix", "-m", "m.toml", "--format", "json", "--no-cache", "other.toml"], tree)
    assert result.stderr == ""
    fixes = json.loads(result.stdout)["fixes"]
    assert [(f["applied"], f["description"]) for f in fixes] == [(True, "p.old -> p.new")]
    assert (tree / "other.toml").read_text() == f"[p]\nlevel = 3\nnew = 1\nbig = {HUGE_HEX}\n"


@each_row(
    ("args", "message"),
    [
        (
            "to",
            ["--to", "1" + "0" * 4300],
            "keyshift: error: --to 100000000000000000000000000000...000000000000000000000000000000 (4,301 characters): "
            "'100000000000000000000000000000'...'000000000000000000000000000000' (4,301 characters) is not a version "
            "number: it holds a number of 4,301 digits (at most 100) (product p, m.toml)\n",
        ),
        (
            "jobs",
            ["--jobs", "1" + "0" * 5000],
            "keyshift: error: --jobs: too large: a number of 5,001 digits (at most 30)\n",
        ),
        (
            "max-file-size",
            ["--max-file-size", "1" + "0" * 5000 + "K"],
            "keyshift: error: --max-file-size: too large: a number of 5,001 digits (at most 30)\n",
        ),
    ],
)
def test_an_option_with_a_huge_number_is_a_usage_error(tmp_path: Path, args: list[str], message: str) -> None:
    write_tree(tmp_path, {"m.toml": MATRIX.replace('to = "2.0"\n', ""), "app.yaml": "a: 1\n"})
    result = run_cli(["check", "-m", "m.toml", *args, "app.yaml"], tmp_path)
    assert (result.exit_code, result.stderr) == (2, message)
