"""Tests for keyshift.matrix: the errors of invalid matrices (unknown fields, the product, versions, files,
TOML syntax).

Every case is a small matrix text; the test checks the line, the field and a key phrase of the message,
because ``file:line: field: message`` is what a matrix author sees.  (Key rules: ``test_matrix_key_errors``.)"""

from __future__ import annotations

import pytest

from support.matrix_texts import BARE, HEAD, ErrorCase, assert_matrix_error, lines, matrix_error

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
    (lines(*BARE, 'source = "x.json"'), 3, "product.source", "must be a list"),
    (lines(*BARE, 'source = ["x.json"]'), 3, "product.source[0]", "entries must be tables such as"),
    (lines(*BARE, 'source = [{ repo = "o/n" }]'), 3, "product.source[0].file", "a source entry needs a file"),
    (lines(*BARE, 'source = [{ file = "a", tag = "v1" }]'), 3, "product.source[0].tag", "unknown field 'tag'"),
    (lines(*BARE, "generated-by = 1"), 3, "product.generated-by", "must be a string"),
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
    [*UNKNOWN_FIELDS, *PRODUCT, *VERSION_LISTS, *UNKNOWN_VERSIONS, *NUMBERS_AS_VERSIONS, *SEQUENCE, *FILES, *SYNTAX],
)
def test_matrix_errors(text: str, line: int | None, field_name: str | None, phrase: str) -> None:
    assert_matrix_error(text, line, field_name, phrase)


def test_error_str_is_file_line_field_message() -> None:
    error = matrix_error(lines(*HEAD, '[keys."a"]', "removed = 3.0"))
    assert str(error) == 'm.toml:5: keys.a.removed: versions must be strings: write "3.0" in quotes'
