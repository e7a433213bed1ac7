"""Issue 10: matrices that used to load and then crash, hang or loop are refused at load, at their line and field.

A version with more than 4,300 digits (defect 1), a product glob that does not compile (3), a value rule pattern
with catastrophic backtracking (5), ``nan`` where a value is compared, and renames forming a cycle (9).
"""

from __future__ import annotations

import pytest

from keyshift.matrix import MatrixError, parse_matrix
from support.matrix_texts import HEAD, lines
from support.tables import each_row

BARE = ("[product]", 'name = "p"')
HUGE = "1" + "0" * 4300
HUGE_SHOWN = "'100000000000000000000000000000'...'000000000000000000000000000000' (4,301 characters)"
CATASTROPHIC = (
    "catastrophic backtracking: a repeated part can match the same text in more than one way "
    "(as in (a+)+, (a|a)* or (.*)*), so a value that almost matches would take forever; "
    "write it so that each character can be matched only one way"
)
NAN = "nan never equals any value, not even nan: no file could ever satisfy or match it"
OUT_OF_RANGE = "integer out of range: TOML integers are 64-bit (-2^63 to 2^63-1)"


def _value_rule(entry: str) -> str:
    return lines(*HEAD, '[[keys."a".values]]', entry, 'removed = "3.0"')


REFUSED = [
    (
        "version-with-4301-digits",
        lines(*BARE, '[keys."a.b"]', f'removed = "{HUGE}"'),
        f'm.toml:4: keys."a.b".removed: {HUGE_SHOWN} is not a version number: '
        "it holds a number of 4,301 digits (at most 100)",
    ),
    (
        "pre-release-number-with-4301-digits",
        lines(*BARE, f'to = "2.0rc{HUGE}"'),
        "m.toml:3: product.to: '2.0rc1000000000000000000000000'...'000000000000000000000000000000' "
        "(4,306 characters) is not a version number: it holds a number of 4,301 digits (at most 100)",
    ),
    (
        "version-number-with-101-digits",
        lines(*BARE, f'to = "1.{"9" * 101}"'),
        f"m.toml:3: product.to: '1.{'9' * 28}'...'{'9' * 30}' (103 characters) is not a version number: "
        "it holds a number of 101 digits (at most 100)",
    ),
    (
        "reversed-range-in-files-glob",
        lines(*BARE, 'files = ["app.yaml", "conf/[z-a].yaml"]'),
        "m.toml:3: product.files[1]: invalid glob 'conf/[z-a].yaml': bad character range z-a",
    ),
    (
        "reversed-range-in-files-table-glob",
        lines(*BARE, 'files = [{ glob = "[z-a]", prefix = "a" }]'),
        "m.toml:3: product.files[0].glob: invalid glob '[z-a]': bad character range z-a",
    ),
    (
        "lone-bang-files-glob",
        lines(*BARE, 'files = ["!"]'),
        "m.toml:3: product.files[0]: invalid glob '!': Invalid git pattern: '!'",
    ),
    (
        "expect-nan",
        lines(*HEAD, '[keys."a.b"]', 'required = "3.0"', "expect = nan"),
        f'm.toml:6: keys."a.b".expect: {NAN}',
    ),
    (
        "value-map-to-nan",
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', 'replaced-by = "b"', "value-map = { on = nan }"),
        f"m.toml:7: keys.a.value-map.on: {NAN}",
    ),
    ("value-nan", _value_rule("value = nan"), f"m.toml:5: keys.a.values[0].value: {NAN}"),
    (
        "value-replaced-by-nan",
        _value_rule('value = "x"\nreplaced-by = -nan'),
        f"m.toml:6: keys.a.values[0].replaced-by: {NAN}",
    ),
    (
        "when-nan",
        lines(*HEAD, '[keys."a"]', 'removed = "3.0"', "when = { kind = [1, nan] }"),
        f"m.toml:6: keys.a.when.kind: {NAN}",
    ),
    (
        "expect-past-64-bits",
        lines(*HEAD, '[keys."a"]', 'required = "3.0"', "expect = 0x" + "F" * 3600),
        f"m.toml:6: keys.a.expect: {OUT_OF_RANGE}",
    ),
    (
        "value-past-64-bits",
        _value_rule("value = 0x10000000000000000"),
        f"m.toml:5: keys.a.values[0].value: {OUT_OF_RANGE}",
    ),
    ("catastrophic-pattern", _value_rule('pattern = "^(a+)+$"'), f"m.toml:5: keys.a.values[0].pattern: {CATASTROPHIC}"),
    (
        "pattern-repeat-too-large",
        _value_rule('pattern = "a{99999999999}"'),
        "m.toml:5: keys.a.values[0].pattern: invalid regular expression: nested too deeply or too large",
    ),
    (
        "pattern-nested-too-deeply",
        _value_rule(f'pattern = "{"(" * 2000}{")" * 2000}"'),
        "m.toml:5: keys.a.values[0].pattern: invalid regular expression: nested too deeply or too large",
    ),
]


def _renames(*pairs: str) -> str:
    out = [*BARE, 'to = "2.0"']
    for pair in pairs:
        old, new = pair.split(" -> ")
        out += [f'[keys."{old}"]', 'removed = "2.0"', f'replaced-by = "{new}"']
    return lines(*out)


CYCLE = "(fix would rename keys back and forth)"
RENAME_LOOPS = [
    (
        "two-keys",
        _renames("a.x -> a.y", "a.y -> a.x"),
        f'm.toml:6: keys."a.x".replaced-by: renames form a cycle: a.x -> a.y -> a.x {CYCLE}',
    ),
    ("itself", _renames("a.x -> a.x"), f'm.toml:6: keys."a.x".replaced-by: renames form a cycle: a.x -> a.x {CYCLE}'),
    (
        "three-keys",
        _renames("a -> b", "b -> c", "c -> a"),
        f"m.toml:6: keys.a.replaced-by: renames form a cycle: a -> b -> c -> a {CYCLE}",
    ),
    (
        "after-a-chain",
        _renames("s -> a", "a -> b", "b -> a"),
        f"m.toml:9: keys.a.replaced-by: renames form a cycle: a -> b -> a {CYCLE}",
    ),
    (
        "through-wildcards",
        _renames("a.*.x -> a.*.y", "a.*.y -> a.*.x"),
        f'm.toml:6: keys."a.*.x".replaced-by: renames form a cycle: a.*.x -> a.*.y -> a.*.x {CYCLE}',
    ),
    (
        "wildcard-and-literal",
        _renames("a.*.x -> a.*.y", "a.c.y -> a.c.x"),
        f'm.toml:9: keys."a.c.y".replaced-by: renames form a cycle: a.c.y -> a.*.x -> a.c.y {CYCLE}',
    ),
    (
        "double-star",
        _renames("old.** -> new.**", "new.** -> old.**"),
        f'm.toml:6: keys."old.**".replaced-by: renames form a cycle: old.** -> new.** -> old.** {CYCLE}',
    ),
    (
        "renames-its-own-result",
        _renames("a.** -> a.b.**"),
        'm.toml:6: keys."a.**".replaced-by: renames never end: a.** -> ... (each new key is renamed again)',
    ),
]


BACK_AND_FORTH = "(fix would change the value back and forth)"


def _values(*entries: str, key: str = "") -> str:
    out = [*BARE, 'to = "2.0"', '[keys."a.b"]', *([key] if key else []), 'required = "2.0"' if key else ""]
    for entry in entries:
        old, new = entry.split(" -> ")
        out += ['[[keys."a.b".values]]', old, 'removed = "2.0"', f"replaced-by = {new}"]
    return lines(*(line for line in out if line))


VALUE_LOOPS = [
    (
        "two-values",
        _values('value = "x" -> "y"', 'value = "y" -> "x"'),
        f'm.toml:8: keys."a.b".values[0].replaced-by: value replacements form a cycle: x -> y -> x {BACK_AND_FORTH}',
    ),
    (
        "a-pattern-that-matches-its-replacement",
        _values('pattern = "^old" -> "older"'),
        f'm.toml:8: keys."a.b".values[0].replaced-by: value replacements form a cycle: older -> older {BACK_AND_FORTH}',
    ),
    (
        "a-number-and-its-text",
        _values('value = 1 -> "one"', 'pattern = "^o" -> "1"'),
        f'm.toml:8: keys."a.b".values[0].replaced-by: value replacements form a cycle: "1" -> one -> "1" '
        f"{BACK_AND_FORTH}",
    ),
    (
        "expect-replaced",
        _values('value = "x" -> "y"', key='expect = "x"'),
        f'm.toml:5: keys."a.b".expect: expect = x, but values[0] replaces it with y {BACK_AND_FORTH}',
    ),
]


@each_row(("text", "message"), REFUSED + RENAME_LOOPS + VALUE_LOOPS)
def test_a_matrix_that_would_crash_hang_or_loop_is_refused_at_its_field(text: str, message: str) -> None:
    with pytest.raises(MatrixError) as caught:
        parse_matrix(text, "m.toml")
    assert str(caught.value) == message


NOT_LOOPS = [
    ("a-chain", _renames("a -> b", "b -> c")),
    # a.c.x -> a.c.y -> a.d.x -> a.d.y, where no rule renames a.d.y
    ("wildcard-chain-that-ends", _renames("a.*.x -> a.*.y", "a.c.y -> a.d.x")),
    ("moves-below-another-prefix", _renames("a.** -> b.a.**")),
    ("a-value-chain", _values('value = "x" -> "y"', 'value = "y" -> "z"')),
    ("expect-is-the-replacement", _values('value = "x" -> "y"', key='expect = "y"')),
    (
        "value-rules-limited-to-other-documents",
        _values('value = "x" -> "y"\nwhen = { kind = "A" }', 'value = "y" -> "x"\nwhen = { kind = "B" }'),
    ),
    (
        "a-new-spelling-under-relaxed-binding",
        lines(
            *BARE,
            'to = "2.0"',
            'binding = "relaxed"',
            '[keys."a.key-store"]',
            'removed = "2.0"',
            'replaced-by = "a.keystore"',
        ),
    ),
]


@each_row("text", NOT_LOOPS)
def test_replacements_that_end_are_accepted(text: str) -> None:
    parse_matrix(text, "m.toml")


def test_a_cycle_across_a_pack_and_a_matrix_over_it_is_refused() -> None:
    from keyshift.matrix.layers import layered

    pack = parse_matrix(_renames("a.x -> a.y"), "pack:p")
    mine = parse_matrix(_renames("a.y -> a.x"), "mine.toml")
    with pytest.raises(MatrixError) as caught:
        layered(pack, mine)
    assert str(caught.value) == (
        "mine.toml: keys: renames form a cycle: a.x (pack:p) -> a.y (mine.toml) -> a.x "
        "(fix would rename keys back and forth)"
    )
