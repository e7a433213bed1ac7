"""Tests for keyshift.matrix: loading and strict validation of deprecation matrices.

Every error case is a small matrix text; the test checks the line, the field and a key phrase of
the message, because ``file:line: field: message`` is what a matrix author sees.
"""

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
    ValueRule,
    load_matrix,
    parse_matrix,
    relaxed_segment,
)


def lines(*text: str) -> str:
    """A matrix text, one argument per line (so line N is argument N)."""
    return "\n".join(text) + "\n"


# lines 1-3 of most cases
HEAD = ("[product]", 'name = "dten"', 'versions = ["2.4", "2.5", "3.0", "3.1"]')
# lines 1-2: a product without an explicit version list
BARE = ("[product]", 'name = "dten"')


def parse(text: str) -> MatrixError:
    with pytest.raises(MatrixError) as caught:
        parse_matrix(text, "m.toml")
    return caught.value


ErrorCase = tuple[str, int | None, str | None, str]

UNKNOWN_FIELDS: list[ErrorCase] = [
    (lines(*HEAD, "[extra]", "a = 1"), 4, "extra", "unknown table 'extra'"),
    (lines("title = 'x'", *HEAD), 1, "title", "unknown table 'title'"),
    (lines(*HEAD, 'version = "2.4"'), 4, "product.version", "unknown field 'version' (known fields: binding"),
    (
        lines(*HEAD, "files = [", '  "a.yaml",', '  { glob = "b/*.toml", prefx = "dten" },', "]"),
        6,
        "product.files[1].prefx",
        "unknown field 'prefx' (known fields: format, glob, prefix)",
    ),
    (
        lines(*HEAD, "", '[keys."a.b"]', 'removed = "3.0"', 'removd = "3.1"'),
        7,
        'keys."a.b".removd',
        "unknown field 'removd' (known fields: added, deprecated, expect",
    ),
    (
        lines(*HEAD, '[[keys."a.b".values]]', 'value = "x"', 'removed = "3.0"', 'note = "y"'),
        7,
        'keys."a.b".values[0].note',
        "unknown field 'note'",
    ),
    (
        lines(
            *HEAD,
            '[[keys."a.b".values]]',
            'value = "x"',
            'removed = "3.0"',
            '[[keys."a.b".values]]',
            'pattern = "y"',
            'remove = "3.0"',
        ),
        9,
        'keys."a.b".values[1].remove',
        "unknown field 'remove'",
    ),
    # [keys.a.b] instead of [keys."a.b"]: TOML made tables of the key's segments
    (
        lines(*HEAD, "[keys.dten.hybrid.mode]", 'removed = "3.0"'),
        4,
        "keys.dten.hybrid",
        'write the key in quotes: [keys."dten.hybrid.mode"]',
    ),
]

PRODUCT: list[ErrorCase] = [
    (lines('[keys."a"]', 'removed = "1.0"'), None, "product", "missing [product] table"),
    (lines('product = "dten"'), 1, "product", "must be a table"),
    (lines("[product]", 'versions = ["1.0"]'), 1, "product.name", "[product] needs a name"),
    (lines("[product]", "name = 3"), 2, "product.name", "must be a string, not a number"),
    (lines("[product]", 'name = ""'), 2, "product.name", "must not be empty"),
    (lines(*BARE, 'description = ["x"]'), 3, "product.description", "must be a string, not a list"),
    (lines(*BARE, "url = 1"), 3, "product.url", "must be a string, not a number"),
    (lines(*BARE, "[keys]", "a = 1"), 4, "keys.a", "must be a table"),
    (lines("keys = 1", *BARE), 1, "keys", "must be a table of keys"),
]

VERSION_LISTS: list[ErrorCase] = [
    (lines(*BARE, 'versions = ["2.4", "2.5", "2.4"]'), 3, "product.versions", "lists '2.4' twice (as '2.4')"),
    (lines(*BARE, 'versions = ["2.4", "v2.4"]'), 3, "product.versions", "lists '2.4' twice (as 'v2.4')"),
    (lines(*BARE, 'versions = ["3", "3.0.0"]'), 3, "product.versions", "lists '3' twice (as '3.0.0')"),
    (lines(*BARE, 'versions = ["2.4", true]'), 3, "product.versions", "entry 2 is a boolean"),
    (lines(*BARE, 'versions = ["2.4", ["2.5"]]'), 3, "product.versions", "entry 2 is a list"),
    (lines(*BARE, 'versions = ["2.4", " "]'), 3, "product.versions", "entry 2 is empty"),
    (lines(*BARE, "versions = [2.4, 2.10]"), 3, "product.versions", 'versions must be strings: write "2.4"'),
    (lines(*BARE, 'versions = ["2.4", 2.10]'), 3, "product.versions", 'write "2.10" in quotes'),
    (
        lines(*BARE, 'versions = "2.4"'),
        3,
        "product.versions",
        "must be a list of version strings, not a string",
    ),
    (lines(*BARE, "versions = []"), 3, "product.versions", "must list at least one version"),
]

NOT_LISTED = "is not one of the product's versions (2.4, 2.5, 3.0, 3.1)"

UNKNOWN_VERSIONS: list[ErrorCase] = [
    *[
        (lines(*HEAD, '[keys."a.b"]', f'{name} = "2.6"'), 5, f'keys."a.b".{name}', f"'2.6' {NOT_LISTED}")
        for name in ("added", "deprecated", "removed", "required")
    ],
    (lines(*HEAD, 'from = "2.3"'), 4, "product.from", f"'2.3' {NOT_LISTED}"),
    (lines(*HEAD, 'to = "4.0"'), 4, "product.to", f"'4.0' {NOT_LISTED}"),
    (lines(*HEAD, 'to = "3.0rc1"'), 4, "product.to", f"'3.0rc1' {NOT_LISTED}"),
    *[
        (
            lines(*HEAD, '[keys."a"]', 'reason = "r"', '[[keys."a".values]]', 'value = "x"', f'{name} = "9"'),
            8,
            f"keys.a.values[0].{name}",
            f"'9' {NOT_LISTED}",
        )
        for name in ("added", "deprecated", "removed")
    ],
    # without an explicit list, versions must be version numbers
    (lines(*BARE, '[keys."a"]', 'removed = "three"'), 4, "keys.a.removed", "'three' is not a version number"),
    (lines(*BARE, 'from = "latest"'), 3, "product.from", "'latest' is not a version number"),
    (lines(*BARE, 'to = "3.0."'), 3, "product.to", "'3.0.' is not a version number"),
    (
        lines(*BARE, '[[keys."a".values]]', 'pattern = "x"', 'deprecated = "next"'),
        5,
        "keys.a.values[0].deprecated",
        "'next' is not a version number",
    ),
]

NUMBERS_AS_VERSIONS: list[ErrorCase] = [
    (
        lines(*HEAD, '[keys."a"]', "removed = 3.0"),
        5,
        "keys.a.removed",
        'versions must be strings: write "3.0" in quotes',
    ),
    # the hint repeats the number as written, not as TOML reads it (3.10 is the float 3.1)
    (lines(*BARE, '[keys."a"]', "removed = 3.10"), 4, "keys.a.removed", 'write "3.10" in quotes'),
    (lines(*BARE, '[keys."a"]', "added = 3"), 4, "keys.a.added", 'write "3" in quotes'),
    (lines(*HEAD, "from = 2.4"), 4, "product.from", 'write "2.4" in quotes'),
    (lines(*HEAD, "to = 3.0"), 4, "product.to", 'write "3.0" in quotes'),
    (
        lines(*HEAD, '[[keys."a".values]]', "value = 1", "removed = 3.0"),
        6,
        "keys.a.values[0].removed",
        'write "3.0" in quotes',
    ),
    (lines(*HEAD, '[keys."a"]', "removed = true"), 5, "keys.a.removed", "must be a string, not a boolean"),
    (lines(*HEAD, '[keys."a"]', "removed = 2024-01-01"), 5, "keys.a.removed", "must be a string, not a date"),
    (lines(*HEAD, '[keys."a"]', 'removed = ""'), 5, "keys.a.removed", "must not be empty"),
]

SEQUENCE: list[ErrorCase] = [
    (
        lines(*HEAD, '[keys."a"]', 'deprecated = "3.0"', 'removed = "2.5"'),
        6,
        "keys.a.removed",
        "removed (2.5) comes before deprecated (3.0)",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'added = "2.5"', 'removed = "2.5"'),
        6,
        "keys.a.removed",
        "removed (2.5) is not after added (2.5)",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'added = "3.0"', 'removed = "2.5"'),
        6,
        "keys.a.removed",
        "removed (2.5) is not after added (3.0)",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'added = "3.0"', 'deprecated = "2.5"'),
        6,
        "keys.a.deprecated",
        "deprecated (2.5) comes before added (3.0)",
    ),
    (
        lines(*BARE, '[keys."a"]', 'removed = "v1.9"', 'deprecated = "1.10"'),
        4,
        "keys.a.removed",
        "removed (v1.9) comes before deprecated (1.10)",
    ),
    (
        lines(*HEAD, '[[keys."a".values]]', 'value = "x"', 'deprecated = "3.1"', 'removed = "3.0"'),
        7,
        "keys.a.values[0].removed",
        "removed (3.0) comes before deprecated (3.1)",
    ),
    (
        lines(*HEAD, '[[keys."a".values]]', 'value = "x"', 'added = "3.1"', 'deprecated = "3.0"'),
        7,
        "keys.a.values[0].deprecated",
        "deprecated (3.0) comes before added (3.1)",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'added = "3.0"', 'required = "2.5"'),
        6,
        "keys.a.required",
        "required (2.5) comes before added (3.0)",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'required = "3.0"', 'removed = "3.0"'),
        5,
        "keys.a.required",
        "required (3.0) is not before removed (3.0)",
    ),
    (
        lines(*HEAD, 'from = "3.1"', 'to = "3.0"'),
        4,
        "product.from",
        "from (3.1) is newer than to (3.0)",
    ),
]

REPLACEMENTS: list[ErrorCase] = [
    (
        lines(*HEAD, '[keys."a.*"]', 'removed = "3.0"', 'replaced-by = "b.**"'),
        6,
        'keys."a.*".replaced-by',
        "wildcards of 'b.**' (**) do not match 'a.*' (*)",
    ),
    (
        lines(*HEAD, '[keys."a.*"]', 'removed = "3.0"', 'replaced-by = "b"'),
        6,
        'keys."a.*".replaced-by',
        "wildcards of 'b' (none) do not match 'a.*' (*)",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', 'replaced-by = "b.*"'),
        6,
        "keys.a.replaced-by",
        "wildcards of 'b.*' (*) do not match 'a' (none)",
    ),
    (
        lines(*HEAD, '[keys."a.*.**"]', 'removed = "3.0"', 'replaced-by = "b.**.*"'),
        6,
        'keys."a.*.**".replaced-by',
        "wildcards of 'b.**.*' (** *) do not match 'a.*.**' (* **)",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', 'replaced-by = "b..c"'),
        6,
        "keys.a.replaced-by",
        "empty segment in key 'b..c'",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'added = "2.5"', 'replaced-by = "b"'),
        6,
        "keys.a.replaced-by",
        "needs deprecated or removed",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', "replaced-by = 1"),
        6,
        "keys.a.replaced-by",
        "must be a string, not a number",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'deprecated = "3.0"', "value-map = { on = true }"),
        6,
        "keys.a.value-map",
        "needs replaced-by",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', 'replaced-by = "b"', "value-map = { on = [1] }"),
        7,
        "keys.a.value-map",
        "must be a table of old value = new value",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', 'replaced-by = "b"', "value-map = { on = { x = 1 } }"),
        7,
        "keys.a.value-map",
        "must be a table of old value = new value",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', 'replaced-by = "b"', 'value-map = "on"'),
        7,
        "keys.a.value-map",
        "must be a table of old value = new value",
    ),
]

KEYS: list[ErrorCase] = [
    (lines(*HEAD, '[keys."a..b"]', 'removed = "3.0"'), 4, 'keys."a..b"', "empty segment in key 'a..b'"),
    (lines(*HEAD, '[keys."a."]', 'removed = "3.0"'), 4, 'keys."a."', "key 'a.' ends with a dot"),
    (lines(*HEAD, '[keys."a[x]"]', 'removed = "3.0"'), 4, 'keys."a[x]"', "bad index in key 'a[x]'"),
    (lines(*HEAD, '[keys.""]', 'removed = "3.0"'), 4, 'keys.""', "empty key"),
    (lines(*HEAD, '[keys."a b"]', 'reason = "r"'), 4, 'keys."a b"', "says nothing"),
    (
        lines(*HEAD, '[[keys."a"]]', 'removed = "3.0"'),
        4,
        "keys.a",
        'must be a table: write [keys."a"], not [[keys."a"]]',
    ),
    (lines(*HEAD, '[keys."a"]', 'reason = "nothing"'), 4, "keys.a", "says nothing: give at least one of"),
    (lines(*HEAD, '[keys."a"]', "values = []"), 4, "keys.a", "says nothing"),
    (lines(*HEAD, '[keys."a"]', 'deprecated = "3.0"', "reason = 1"), 6, "keys.a.reason", "must be a string"),
    (lines(*HEAD, '[keys."a"]', 'deprecated = "3.0"', "url = true"), 6, "keys.a.url", "must be a string"),
    (
        lines(*HEAD, '[keys."a"]', 'deprecated = "2.5"', "expect = true"),
        6,
        "keys.a.expect",
        "expect only applies together with required",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'required = "3.0"', "expect = [true]"),
        6,
        "keys.a.expect",
        "must be a single value (string, number or boolean)",
    ),
    (
        lines(*HEAD, '[keys."a.*.b"]', 'required = "3.0"'),
        5,
        'keys."a.*.b".required',
        "a required key cannot use wildcards",
    ),
    (
        lines(*HEAD, '[keys."a.**"]', 'required = "3.0"', "expect = 1"),
        5,
        'keys."a.**".required',
        "a required key cannot use wildcards",
    ),
]

VALUE_RULES: list[ErrorCase] = [
    (
        lines(*HEAD, '[[keys."a".values]]', 'value = "x"', 'pattern = "y"', 'removed = "3.0"'),
        4,
        "keys.a.values[0]",
        "give exactly one of value or pattern",
    ),
    (
        lines(*HEAD, '[[keys."a".values]]', 'removed = "3.0"'),
        4,
        "keys.a.values[0]",
        "give exactly one of value or pattern",
    ),
    (
        lines(*HEAD, '[[keys."a".values]]', 'pattern = "(unclosed"', 'removed = "3.0"'),
        5,
        "keys.a.values[0].pattern",
        "invalid regular expression: missing ), unterminated subpattern",
    ),
    (
        lines(*HEAD, '[[keys."a".values]]', 'pattern = ""', 'removed = "3.0"'),
        5,
        "keys.a.values[0].pattern",
        "must not be empty",
    ),
    (
        lines(*HEAD, '[[keys."a".values]]', "value = [1]", 'removed = "3.0"'),
        5,
        "keys.a.values[0].value",
        "must be a single value",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'deprecated = "3.0"', "", '[[keys."a".values]]', 'value = "x"'),
        7,
        "keys.a.values[0]",
        "a value rule needs added, deprecated or removed",
    ),
    (
        lines(*HEAD, '[[keys."a".values]]', 'value = "x"', 'added = "3.0"', 'replaced-by = "y"'),
        7,
        "keys.a.values[0].replaced-by",
        "needs deprecated or removed",
    ),
    (
        lines(*HEAD, '[[keys."a".values]]', 'value = "x"', 'removed = "3.0"', "replaced-by = [1]"),
        7,
        "keys.a.values[0].replaced-by",
        "must be a single value",
    ),
    (lines(*HEAD, '[keys."a"]', 'values = "x"'), 5, "keys.a.values", "must be a list, not a string"),
    (
        lines(*HEAD, '[keys."a"]', "values = [1]"),
        5,
        "keys.a.values[0]",
        "each [[values]] entry must be a table",
    ),
]

WHEN: list[ErrorCase] = [
    (
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', 'when = "Ingress"'),
        6,
        "keys.a.when",
        'must be a table such as { kind = "Ingress" }',
    ),
    (lines(*HEAD, '[keys."a"]', 'removed = "3.0"', "when = {}"), 6, "keys.a.when", "must be a table such as"),
    (
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', 'when = { "a..b" = "x" }'),
        6,
        "keys.a.when",
        "empty segment in key 'a..b'",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', 'when = { "meta.*" = "x" }'),
        6,
        "keys.a.when",
        "condition key 'meta.*' cannot use wildcards",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', "when = { kind = [] }"),
        6,
        "keys.a.when",
        "'kind' must be a value or a list of values",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', "when = { kind = { x = 1 } }"),
        6,
        "keys.a.when",
        "'kind' must be a value or a list of values",
    ),
    (
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', 'when = { kind = ["A", ["B"]] }'),
        6,
        "keys.a.when",
        "'kind' must be a value or a list of values",
    ),
    (
        lines(*HEAD, '[[keys."a".values]]', 'value = "x"', 'removed = "3.0"', "when = 1"),
        7,
        "keys.a.values[0].when",
        "must be a table such as",
    ),
]

FILES: list[ErrorCase] = [
    (lines(*BARE, 'files = "dten.yaml"'), 3, "product.files", "must be a list, not a string"),
    (lines(*BARE, "files = [1]"), 3, "product.files[0]", "entries must be globs or { glob ="),
    (lines(*BARE, "files = [", '  "a.yaml",', '  "",', "]"), 5, "product.files[1]", "entries must be globs"),
    (lines(*BARE, "files = [", '  { prefix = "dten" },', "]"), 4, "product.files[0].glob", "needs a glob"),
    (lines(*BARE, 'files = [{ glob = "" }]'), 3, "product.files[0].glob", "must not be empty"),
    (
        lines(*BARE, 'files = [{ glob = "a.yaml", prefix = "a..b" }]'),
        3,
        "product.files[0].prefix",
        "empty segment in key 'a..b'",
    ),
    (
        lines(*BARE, "files = [", '  { glob = "a.conf", format = "xml" },', "]"),
        4,
        "product.files[0].format",
        "unknown format 'xml' (known: dockerfile, dotenv, ini, json, jsonc,",
    ),
    (
        lines(*BARE, "only-product-files = true"),
        3,
        "product.only-product-files",
        "needs [product] files to say which files are the product's",
    ),
    (lines(*BARE, 'only-product-files = "yes"'), 3, "product.only-product-files", "must be true or false"),
    (lines(*BARE, 'binding = "loose"'), 3, "product.binding", "must be one of exact, relaxed"),
    (lines(*BARE, "binding = true"), 3, "product.binding", "must be one of exact, relaxed"),
]

SYNTAX: list[ErrorCase] = [
    (
        lines("[product]", 'name = "dten'),
        2,
        None,
        "TOML syntax error at line 2, column 13: Illegal character",
    ),
    (lines(*BARE, 'name = "x"'), 3, None, "TOML syntax error at line 3, column 11: Cannot overwrite a value"),
    (
        lines(*BARE, '[keys."a"]', "removed = "),
        4,
        None,
        "TOML syntax error at line 4, column 11: Invalid value",
    ),
    # an error at the end of the text points just after the last thing written
    (lines(*BARE, "files = [", '  "a.yaml",'), 4, None, "TOML syntax error at line 4, column 12: "),
    (lines("[product", 'name = "dten"'), 1, None, "TOML syntax error at line 1, column 9:"),
    ("a = " + "[" * 100_000, 1, None, "TOML syntax error"),
]


@pytest.mark.parametrize(
    ("text", "line", "field_name", "phrase"),
    [
        *UNKNOWN_FIELDS,
        *PRODUCT,
        *VERSION_LISTS,
        *UNKNOWN_VERSIONS,
        *NUMBERS_AS_VERSIONS,
        *SEQUENCE,
        *REPLACEMENTS,
        *KEYS,
        *VALUE_RULES,
        *WHEN,
        *FILES,
        *SYNTAX,
    ],
)
def test_matrix_errors(text: str, line: int | None, field_name: str | None, phrase: str) -> None:
    error = parse(text)
    assert error.source == "m.toml"
    assert error.line == line
    assert error.field_name == field_name
    assert phrase in error.message
    where = f"m.toml:{line}" if line else "m.toml"
    assert str(error) == (f"{where}: {field_name}: {error.message}" if field_name else f"{where}: {error.message}")


def test_error_str_is_file_line_field_message() -> None:
    error = parse(lines(*HEAD, '[keys."a"]', "removed = 3.0"))
    assert str(error) == 'm.toml:5: keys.a.removed: versions must be strings: write "3.0" in quotes'


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
