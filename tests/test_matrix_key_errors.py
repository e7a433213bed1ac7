"""Tests for keyshift.matrix: the errors of invalid key rules (replacements, key patterns, value rules, when).

Every case is a small matrix text; the test checks the line, the field and a key phrase of the message,
because ``file:line: field: message`` is what a matrix author sees.  (The product, versions, files and syntax:
``test_matrix_errors``.)"""

from __future__ import annotations

import pytest

from support.matrix_texts import HEAD, ErrorCase, assert_matrix_error, lines

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


GENERATED: list[ErrorCase] = [
    (lines(*HEAD, '[keys."a"]', 'removed = "3.0"', 'type = "string"'), 6, "keys.a.type", "must be one of any, scalar"),
    (lines(*HEAD, '[keys."a"]', 'removed = "3.0"', "type = 1"), 6, "keys.a.type", "must be one of any, scalar"),
    (lines(*HEAD, '[keys."a"]', 'removed = "3.0"', 'inferred = "yes"'), 6, "keys.a.inferred", "must be true or false"),
    (lines(*HEAD, '[keys."a"]', 'removed = "3.0"', "since = 3.0"), 6, "keys.a.since", "must be a string"),
]


KEY_ERRORS = [*REPLACEMENTS, *KEYS, *VALUE_RULES, *WHEN, *GENERATED]


@pytest.mark.parametrize(("text", "line", "field_name", "phrase"), KEY_ERRORS)
def test_matrix_key_errors(text: str, line: int | None, field_name: str | None, phrase: str) -> None:
    assert_matrix_error(text, line, field_name, phrase)
