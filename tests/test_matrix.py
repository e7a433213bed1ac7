"""Tests for keyshift.matrix: what a valid deprecation matrix loads as, its default target, loading files,
and the value helpers the matcher uses.  (Invalid matrices: ``test_matrix_errors``, ``test_matrix_key_errors``.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from keyshift.core.keypath import KeyPattern
from keyshift.core.model import Scalar
from keyshift.core.values import format_scalar, scalar_text, values_equal
from keyshift.core.versions import VersionOrder
from keyshift.matrix import (
    FileSpec,
    KeyRule,
    MatrixError,
    Product,
    SourceRecord,
    ValueRule,
    load_matrix,
    parse_matrix,
    relaxed_segment,
)
from support.matrix_texts import BARE, HEAD, lines

# -- what a valid matrix loads as --------------------------------------------------------------

EXAMPLE = """\
[product]
name = "dten"
versions = ["2.4", "2.5", "3.0", "3.1"]   # optional explicit order
files = ["dten.yaml", { glob = "conf/*.toml", prefix = "dten" }]
from = "2.4"
to = "3.0"

[keys."dten.hybrid.legacy_mode"]
deprecated = "2.5"
removed = "3.0"
replaced-by = "dten.hybrid.enable"
value-map = { on = true, off = false }
reason = "Hybrid mode replaced the legacy fallback."
url = "https://example.invalid/dten/3.0#hybrid"

[keys."dten.hybrid.enable"]
added = "2.5"
required = "3.0"
expect = true

[[keys."dten.sync.backoff".values]]
value = "linear"            # or: pattern = "regex"
removed = "3.0"
replaced-by = "exponential"

[[keys."dten.sync.backoff".values]]
pattern = "^step(ped)?$"
deprecated = "2.5"
reason = "stepped backoff is going away"

[keys."spec.rules[*].http.path"]
removed = "3.1"
replaced-by = "spec.rules[*].http.route"
when = { kind = "Ingress", apiVersion = ["networking.k8s.io/v1beta1", "extensions/v1beta1"] }

[keys."dten.plugins.**"]
deprecated = "v3.1"
"""


def test_full_example() -> None:
    matrix = parse_matrix(EXAMPLE, "dten.toml")
    versions = ("2.4", "2.5", "3.0", "3.1")
    assert matrix.source == "dten.toml"
    assert matrix.product == Product(
        name="dten",
        order=VersionOrder(versions),
        versions=versions,
        files=(FileSpec("dten.yaml"), FileSpec("conf/*.toml", ("dten",))),
        from_version="2.4",
        to_version="3.0",
    )
    legacy, enable, backoff, ingress, plugins = matrix.keys
    assert legacy == KeyRule(
        key="dten.hybrid.legacy_mode",
        pattern=KeyPattern("dten.hybrid.legacy_mode", ("dten", "hybrid", "legacy_mode")),
        deprecated="2.5",
        removed="3.0",
        replaced_by=KeyPattern("dten.hybrid.enable", ("dten", "hybrid", "enable")),
        value_map=(("on", True), ("off", False)),
        reason="Hybrid mode replaced the legacy fallback.",
        url="https://example.invalid/dten/3.0#hybrid",
    )
    assert enable == KeyRule(
        key="dten.hybrid.enable",
        pattern=KeyPattern.parse("dten.hybrid.enable"),
        added="2.5",
        required="3.0",
        expect=True,
        has_expect=True,
    )
    assert backoff.key == "dten.sync.backoff"
    assert (backoff.added, backoff.deprecated, backoff.removed, backoff.required) == (None, None, None, None)
    assert backoff.values == (
        ValueRule(value="linear", removed="3.0", replaced_by="exponential"),
        ValueRule(
            pattern=re.compile("^step(ped)?$"),
            deprecated="2.5",
            reason="stepped backoff is going away",
            has_value=False,
        ),
    )
    assert ingress.pattern.segments == ("spec", "rules", "*", "http", "path")
    assert ingress.replaced_by == KeyPattern("spec.rules[*].http.route", ("spec", "rules", "*", "http", "route"))
    assert ingress.when == (
        (("kind",), ("Ingress",)),
        (("apiVersion",), ("networking.k8s.io/v1beta1", "extensions/v1beta1")),
    )
    assert plugins.deprecated == "v3.1"  # kept as written; the order knows it is 3.1
    assert matrix.default_to() == "3.0"


def test_defaults_of_optional_fields() -> None:
    matrix = parse_matrix(lines(*BARE, '[keys."a"]', 'removed = "1.0"'), "m.toml")
    assert matrix.product == Product(name="dten", order=VersionOrder(None))
    assert matrix.product.normalizer() is None
    (rule,) = matrix.keys
    assert rule == KeyRule(key="a", pattern=KeyPattern("a", ("a",)), removed="1.0")
    assert (rule.has_expect, rule.expect, rule.value_map, rule.when, rule.values) == (False, None, (), (), ())
    assert (rule.type, rule.inferred, rule.since) == ("any", False, None)
    assert (matrix.product.sources, matrix.product.generated_by) == ((), None)


def test_fields_of_a_generated_matrix() -> None:
    text = lines(
        *BARE,
        'generated-by = "keyshift import json-schema --version 1.0=s.json"',
        'source = [{ file = "s.json", repo = "o/n", ref = "v1", commit = "abc", sha256 = "00" }, { file = "t.csv" }]',
        '[keys."a.b"]',
        'removed = "1.0"',
        'type = "scalar"',
        "inferred = true",
        'since = "0.9.1"',
    )
    matrix = parse_matrix(text, "m.toml")
    assert matrix.product.generated_by == "keyshift import json-schema --version 1.0=s.json"
    assert matrix.product.sources == (SourceRecord("s.json", "o/n", "v1", "abc", "00"), SourceRecord("t.csv"))
    (rule,) = matrix.keys
    assert (rule.type, rule.inferred, rule.since) == ("scalar", True, "0.9.1")


@pytest.mark.parametrize(
    ("product_lines", "files", "only", "binding"),
    [
        (
            ['files = ["a.yaml", { glob = "conf/*.toml", prefix = "x.\\"y.z\\"[0]", format = "toml" }]'],
            (FileSpec("a.yaml"), FileSpec("conf/*.toml", ("x", "y.z", "[0]"), "toml")),
            False,
            "exact",
        ),
        (
            [
                'files = [{ glob = "app.conf", format = "yaml" }]',
                "only-product-files = true",
                'binding = "relaxed"',
            ],
            (FileSpec("app.conf", (), "yaml"),),
            True,
            "relaxed",
        ),
    ],
)
def test_product_options(product_lines: list[str], files: tuple[FileSpec, ...], only: bool, binding: str) -> None:
    matrix = parse_matrix(lines(*BARE, *product_lines), "m.toml")
    assert matrix.product.files == files
    assert matrix.product.only_product_files is only
    assert matrix.product.binding == binding
    assert (matrix.product.normalizer() is relaxed_segment) == (binding == "relaxed")


@pytest.mark.parametrize(
    ("body", "expect"),
    [
        ("expect = false", False),
        ("expect = 0", 0),
        ('expect = ""', ""),
        ("expect = 1.5", 1.5),
    ],
)
def test_expect_values(body: str, expect: Scalar) -> None:
    (rule,) = parse_matrix(lines(*HEAD, '[keys."a"]', 'required = "3.0"', body), "m.toml").keys
    assert rule.has_expect is True
    assert rule.expect == expect
    assert type(rule.expect) is type(expect)


@pytest.mark.parametrize(
    "body",
    [
        # the versions a matrix accepts: spelled with "v", or with trailing zeros, against an explicit list
        ['[keys."a"]', 'deprecated = "v2.5"', 'removed = "3.0.0"'],
        ['[keys."a"]', 'added = "2.5"', 'deprecated = "2.5"', 'required = "2.5"', 'removed = "3.1"'],
        ['[keys."a"]', 'deprecated = "3.0"', 'removed = "3.0"'],  # deprecated and removed at once
        ['[keys."a"]', 'required = "3.0"', 'removed = "3.1"'],
        ['[keys."a.*"]', 'removed = "3.0"', 'replaced-by = "b.*"', "value-map = {}"],
        ['[keys."a"]', 'added = "3.1"'],
        ['[[keys."a".values]]', "value = 8080", 'added = "3.0"'],
        ['[[keys."a".values]]', "value = false", 'deprecated = "3.0"', "replaced-by = true"],
    ],
)
def test_valid_keys(body: list[str]) -> None:
    matrix = parse_matrix(lines(*HEAD, *body), "m.toml")
    assert len(matrix.keys) == 1


def test_unparsed_versions_keep_their_spelling() -> None:
    matrix = parse_matrix(lines(*HEAD, 'from = "v2.4"', '[keys."a"]', 'removed = "3.0.0"'), "m.toml")
    assert matrix.product.from_version == "v2.4"
    assert matrix.keys[0].removed == "3.0.0"
    assert matrix.mentioned_versions == ("v2.4", "3.0.0")


# -- default_to ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # [product] to wins
        (lines(*HEAD, 'to = "2.5"', '[keys."a"]', 'removed = "3.0"'), "2.5"),
        # else the newest of the explicit versions, even if no key mentions it
        (lines(*HEAD, '[keys."a"]', 'removed = "3.0"'), "3.1"),
        # the explicit order decides, not the numbers
        (lines(*BARE, 'versions = ["2.9", "2.10", "2.8"]', '[keys."a"]', 'removed = "2.9"'), "2.8"),
        # else the newest version the matrix mentions anywhere
        (
            lines(
                *BARE,
                'from = "1.1"',
                '[keys."a"]',
                'removed = "1.9"',
                '[keys."b"]',
                'deprecated = "1.10rc1"',
                '[[keys."c".values]]',
                'value = "x"',
                'removed = "v1.10"',
                '[keys."d"]',
                'added = "1.2"',
            ),
            "v1.10",
        ),
        (lines(*BARE, 'from = "2.0"'), "2.0"),
    ],
)
def test_default_to(text: str, expected: str) -> None:
    assert parse_matrix(text, "m.toml").default_to() == expected


def test_default_to_without_any_version() -> None:
    matrix = parse_matrix(lines(*BARE), "m.toml")
    with pytest.raises(MatrixError) as caught:
        matrix.default_to()
    assert (caught.value.line, caught.value.field_name) == (None, "product.to")
    assert str(caught.value) == "m.toml: product.to: no version to check against: set [product] to"


# -- load_matrix -----------------------------------------------------------------------------------


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MatrixError) as caught:
        load_matrix(tmp_path / "nope.toml", "nope.toml")
    assert (caught.value.line, caught.value.field_name) == (None, None)
    assert str(caught.value) == "nope.toml: matrix file not found"


def test_load_directory(tmp_path: Path) -> None:
    with pytest.raises(MatrixError) as caught:
        load_matrix(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path}: cannot read matrix: ")


def test_load_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(b'[product]\nname = "d\xe9"\n')
    with pytest.raises(MatrixError) as caught:
        load_matrix(path, "m.toml")
    assert caught.value.line is None
    assert str(caught.value) == "m.toml: matrix is not UTF-8 (byte at offset 19)"


def test_load_bom_file(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(b"\xef\xbb\xbf" + lines(*HEAD, '[keys."a"]', 'removed = "3.0"').encode())
    matrix = load_matrix(path)
    assert matrix.source == str(path)
    assert matrix.product.name == "dten"
    assert matrix.keys[0].removed == "3.0"


def test_load_bom_file_error_lines(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(b"\xef\xbb\xbf" + lines(*HEAD, '[keys."a"]', 'removed = "4.0"').encode())
    with pytest.raises(MatrixError) as caught:
        load_matrix(path, "m.toml")
    assert (caught.value.line, caught.value.field_name) == (5, "keys.a.removed")


def test_parse_strips_bom() -> None:
    assert parse_matrix("\ufeff" + lines(*BARE), "m.toml").product.name == "dten"


def test_load_crlf_file(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(lines(*HEAD, '[keys."a"]', 'removed = "4.0"').replace("\n", "\r\n").encode())
    with pytest.raises(MatrixError) as caught:
        load_matrix(path, "m.toml")
    assert (caught.value.line, caught.value.field_name) == (5, "keys.a.removed")


def test_repo_matrix_loads() -> None:
    matrix = load_matrix(Path(__file__).parent.parent / "deprecations.toml")
    assert matrix.product.name == "dten"
    assert matrix.default_to() == "3.0"


# -- the value helpers the matcher uses -----------------------------------------------------------


@pytest.mark.parametrize(
    ("found", "wanted", "typed", "equal"),
    [
        (True, True, True, True),
        ("true", True, True, False),
        (1, True, True, False),
        (True, 1, True, False),
        (1, 1.0, True, True),
        ("1", 1, True, False),
        ("linear", "linear", True, True),
        ("Linear", "linear", True, False),
        ("true", True, False, True),
        ("TRUE", True, False, True),
        ("yes", True, False, False),
        ("1", 1, False, True),
        ("Linear", "linear", False, False),
        (None, "null", False, True),
    ],
)
def test_values_equal(found: Scalar, wanted: Scalar, typed: bool, equal: bool) -> None:
    assert values_equal(found, wanted, typed) is equal


@pytest.mark.parametrize(
    ("value", "expected"),
    [("on", (True, True)), ("OFF", (True, False)), (True, (False, None)), ("maybe", (False, None))],
)
def test_mapped_value(value: Scalar, expected: tuple[bool, Scalar]) -> None:
    (rule, *_) = parse_matrix(EXAMPLE, "m.toml").keys
    assert rule.mapped_value(value) == expected


@pytest.mark.parametrize(
    ("value", "text", "shown"),
    [
        (True, "true", "true"),
        (None, "null", "null"),
        (3, "3", "3"),
        ("", "", '""'),
        (" a", " a", '" a"'),
        ("a", "a", "a"),
        ("true", "true", '"true"'),
        ("1.5", "1.5", '"1.5"'),
        ("off", "off", '"off"'),
        ("linear", "linear", "linear"),
    ],
)
def test_scalar_text_and_format(value: Scalar, text: str, shown: str) -> None:
    assert scalar_text(value) == text
    assert format_scalar(value) == shown


@pytest.mark.parametrize(
    ("rule", "value", "typed", "matches"),
    [
        (ValueRule(pattern=re.compile("^step"), has_value=False), "stepped", True, True),
        (ValueRule(pattern=re.compile("^step"), has_value=False), "linear", True, False),
        (ValueRule(pattern=re.compile("1"), has_value=False), 1, True, False),
        (ValueRule(value="linear"), "linear", True, True),
        (ValueRule(value=8080), "8080", False, True),
    ],
)
def test_value_rule_matches(rule: ValueRule, value: Scalar, typed: bool, matches: bool) -> None:
    assert rule.matches(value, typed) is matches
