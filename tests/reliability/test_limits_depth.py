"""Defect 6 of issue 10: one bound on key depth in every format (``MAX_KEY_DEPTH``, nesting and dotted segments
counted together).  A key at the bound is read; one segment more is a syntax error at the key (config files), or
no key (source code and plain text); collections nested deeper are refused; a 10,000-segment key is refused at
once (it used to cost memory and time quadratic in its length)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers import run_cli, write_tree
from keyshift.core.edits import FixRequest
from keyshift.core.model import ParsedFile
from keyshift.formats import get_parser
from keyshift.formats._dotted import KEY_TOO_DEEP, MAX_KEY_DEPTH, NESTING_TOO_DEEP
from keyshift.formats.toml.fix import plan_fix as plan_toml_fix
from keyshift.formats.yaml.roundtrip import parse_round_trip as parse_yaml_with_ruamel
from support.parsing import assert_syntax_error

N = MAX_KEY_DEPTH


def dotted(count: int, segment: str = "a") -> str:
    return ".".join([segment] * count)


def arrays(before: str, after: str, depth: int) -> tuple[str, str]:
    """A value in arrays nested to a key path of ``depth`` (after the one key ``before`` has), and one level deeper."""

    def nested(n: int) -> str:
        return before + "[" * n + "1" + "]" * n + after

    return nested(depth - 1), nested(depth)


def deepest(parsed: ParsedFile[Any]) -> int:
    return max(len(o.path) for document in parsed.documents for o in document.occurrences)


def parsers(format_name: str) -> list[Callable[[str], ParsedFile[Any]]]:
    """The format's check parser and its fixer's (for YAML also ruamel's, which the fixer falls back to)."""
    found: list[Callable[[str], ParsedFile[Any]]] = [get_parser(format_name), get_parser(format_name, round_trip=True)]
    return [*found, parse_yaml_with_ruamel] if format_name == "yaml" else found


# (format, text at the bound, the same one level deeper, the error and where the deeper one is refused)
AT_THE_BOUND: list[tuple[str, str, str, str, int, int]] = [
    ("json", f'{{"{dotted(N)}": 1}}', f'{{"{dotted(N + 1)}": 1}}', KEY_TOO_DEEP, 1, 2),
    (
        "json",
        '{"a": ' * N + "1" + "}" * N,
        '{"b": {"a.a": ' + '{"a": ' * (N - 2) + "1" + "}" * N,
        KEY_TOO_DEEP,
        1,
        16 + 6 * (N - 3),
    ),
    ("json", *arrays('{"x": ', "}", N), NESTING_TOO_DEEP, 1, 7 + N - 1),
    ("yaml", f"{dotted(N)}: 1\n", f"{dotted(N + 1)}: 1\n", KEY_TOO_DEEP, 1, 1),
    ("yaml", f"x:\n  {dotted(N - 1)}: 1\n", f"x:\n  {dotted(N)}: 1\n", KEY_TOO_DEEP, 2, 3),
    ("yaml", f"? {dotted(N, 'ab')}\n: 1\n", f"? {dotted(N + 1, 'ab')}\n: 1\n", KEY_TOO_DEEP, 1, 3),
    ("yaml", *arrays("x: ", "\n", N), NESTING_TOO_DEEP, 1, 4 + N),  # at the value in the deepest collection
    ("toml", f"{dotted(N)} = 1\n", f"{dotted(N + 1)} = 1\n", KEY_TOO_DEEP, 1, 1),
    ("toml", f"[{dotted(N)}]\n", f"[{dotted(N + 1)}]\n", KEY_TOO_DEEP, 1, 2),
    ("toml", f"[{dotted(N - 1)}]\nb = 1\n", f"[{dotted(N - 1)}]\nb.c = 1\n", KEY_TOO_DEEP, 2, 1),
    ("toml", f"[[{dotted(N - 1)}]]\n", f"[[{dotted(N)}]]\n", KEY_TOO_DEEP, 1, 3),
    ("toml", *arrays("a = ", "\n", N), KEY_TOO_DEEP, 1, 5 + N),
    (
        "toml",
        "a = " + "{b = " * (N - 1) + "1" + "}" * (N - 1) + "\n",
        "a = " + "{b = " * N + "1" + "}" * N + "\n",
        KEY_TOO_DEEP,
        1,
        6 + 5 * (N - 1),
    ),
    ("ini", f"[{dotted(N)}]\n", f"[{dotted(N + 1)}]\n", KEY_TOO_DEEP, 1, 2),
    ("ini", f"[{dotted(N - 1)}]\nkey = 1\n", f"[{dotted(N)}]\nkey = 1\n", KEY_TOO_DEEP, 2, 1),
    ("properties", f"{dotted(N)}=1\n", f"{dotted(N + 1)}=1\n", KEY_TOO_DEEP, 1, 1),
    ("properties", "a" + "[0]" * (N - 1) + "=1\n", "a" + "[0]" * N + "=1\n", KEY_TOO_DEEP, 1, 1),
]


@pytest.mark.parametrize(("format_name", "at_bound", "deeper", "message", "line", "column"), AT_THE_BOUND)
def test_a_key_at_the_bound_is_read_and_one_level_deeper_is_refused_there(
    format_name: str, at_bound: str, deeper: str, message: str, line: int, column: int
) -> None:
    for parse in parsers(format_name):
        assert deepest(parse(at_bound)) == N
        assert_syntax_error(parse, deeper, message, line, column)


TEN_THOUSAND = dotted(10_000)

# (format, text, message, line, column)
HOSTILE_KEYS: list[tuple[str, str, str, int, int]] = [
    ("json", f'{{"x": 1, "{TEN_THOUSAND}": 1}}', KEY_TOO_DEEP, 1, 10),
    ("json", '{"a": ' * 10_000, NESTING_TOO_DEEP, 1, 6 * N + 1),
    ("yaml", f"x: 1\n? {TEN_THOUSAND}\n: 1\n", KEY_TOO_DEEP, 2, 3),
    ("yaml", "a: " * 10_000 + "1\n", "mapping values are not allowed here", 1, 5),
    ("yaml", "[" * 10_000, NESTING_TOO_DEEP, 1, N + 2),
    ("toml", f"x = 1\n{TEN_THOUSAND} = 1\n", KEY_TOO_DEEP, 2, 1),
    ("toml", f"[{TEN_THOUSAND}]\n", KEY_TOO_DEEP, 1, 2),
    ("toml", "a = " + "[" * 10_000 + "]" * 10_000 + "\n", NESTING_TOO_DEEP, 1, 5 + N),
    ("toml", "a = " + "{b = " * 10_000 + "1" + "}" * 10_000 + "\n", NESTING_TOO_DEEP, 1, 5 + 5 * N),
    ("ini", f"[x]\ny = 1\n[{TEN_THOUSAND}]\nz = 1\n", KEY_TOO_DEEP, 3, 2),
    ("properties", f"x=1\n{TEN_THOUSAND}=1\n", KEY_TOO_DEEP, 2, 1),
]


@pytest.mark.parametrize(("format_name", "text", "message", "line", "column"), HOSTILE_KEYS)
def test_a_ten_thousand_segment_key_or_nesting_is_a_syntax_error(
    format_name: str, text: str, message: str, line: int, column: int
) -> None:
    for parse in parsers(format_name):
        assert_syntax_error(parse, text, message, line, column)


def test_in_source_code_and_text_a_longer_dotted_name_is_no_key() -> None:
    at_bound, deeper = dotted(N), dotted(N + 1)
    text = get_parser("text")(f"{at_bound} {deeper} {TEN_THOUSAND} X_Y.{at_bound}\n")
    assert [o.found for o in text.documents[0].occurrences] == [at_bound]
    chain = 'c["' + dotted(N - 1) + '"]["b"]\n'
    too_long = 'c["' + dotted(N) + '"]["b"]\n'
    source = f'x = "{at_bound}"\ny = "{deeper}"\nz = "{TEN_THOUSAND}"\n{chain}{too_long}'
    for parse in parsers("python"):
        assert [(o.key_span.start.line, len(o.path)) for o in parse(source).documents[0].occurrences] == [
            (1, N),
            (4, N),
        ]


def test_check_reports_a_long_dotted_key_as_a_parse_error_at_the_key(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "m.toml": '[product]\nname = "p"\nversions = ["1", "2"]\nfiles = ["conf/*"]\n[keys."p.old"]\nremoved = "2"\n',
            "conf/a.json": f'{{"p": {{"old": 1}}, "{TEN_THOUSAND}": 1}}\n',
            "conf/a.toml": f"p.old = 1\n{TEN_THOUSAND} = 1\n",
            "conf/a.properties": f"p.old=1\n{TEN_THOUSAND}=1\n",
            "conf/a.ini": f"[p]\nold = 1\n[{TEN_THOUSAND}]\n",
            "conf/a.yaml": f"p: {{old: 1}}\n? {TEN_THOUSAND}\n: 1\n",
        },
    )
    result = run_cli(["check", "-m", "m.toml", "--format", "json", "--no-cache", "-j", "1", "conf"], tmp_path)
    assert result.exit_code == 1
    assert result.lines("message") == [
        f"conf/a.ini:3:2: KS001 parse-error None cannot parse INI: {KEY_TOO_DEEP}",
        f"conf/a.json:1:19: KS001 parse-error None cannot parse JSON: {KEY_TOO_DEEP}",
        f"conf/a.properties:2:1: KS001 parse-error None cannot parse .properties: {KEY_TOO_DEEP}",
        f"conf/a.toml:2:1: KS001 parse-error None cannot parse TOML: {KEY_TOO_DEEP}",
        f"conf/a.yaml:2:3: KS001 parse-error None cannot parse YAML: {KEY_TOO_DEEP}",
    ]


def test_the_toml_fixer_checks_a_plan_however_deep_the_data_without_recursion() -> None:
    # the fixer compares the data before and after with a stack: a new key far deeper than Python's
    # recursion limit gives a plan (the pass's own verification then refuses the file it would make)
    parsed = get_parser("toml", round_trip=True)("a.x = 1\n")
    occurrence = next(o for o in parsed.documents[0].occurrences if o.path == ("a", "x"))
    new_path = ("a", *["b"] * 2_000)
    plan = plan_toml_fix(parsed, FixRequest("rename", 0, occurrence, new_path=new_path))
    assert [edit.replacement for edit in plan.edits] == ["", f"a.{dotted(2_000, 'b')} = 1\n\n"]
