"""Tests for the .env fixer: each request on a given text gives exactly the expected text."""

from __future__ import annotations

from functools import partial

import pytest

from fix import reparse
from keyshift.core.edits import FixRequest, apply_edits
from keyshift.formats.dotenv.fix import plan_fix, quoted
from keyshift.formats.dotenv.parse import parse
from support.fix_cases import FixCase, check_fix, refusal
from support.tables import each_case

NOTE = "keyshift: dten.cache.size_mb was removed in 3.0 (KS101)"
fix_case = partial(FixCase, note=NOTE)

CASES: list[FixCase] = [
    fix_case(
        "rename keeps export, value and comment",
        "# local\nexport DTEN_HYBRID_LEGACY_MODE=on # old\nOTHER=1\n",
        "rename",
        "DTEN_HYBRID_LEGACY_MODE",
        "# local\nexport DTEN_HYBRID_ENABLE=on # old\nOTHER=1\n",
        new_path=("DTEN_HYBRID_ENABLE",),
    ),
    fix_case(
        "rename with a new value",
        "DTEN_HYBRID_LEGACY_MODE=on\n",
        "rename",
        "DTEN_HYBRID_LEGACY_MODE",
        "DTEN_HYBRID_ENABLE=true\n",
        new_path=("DTEN_HYBRID_ENABLE",),
        value=True,
        has_value=True,
    ),
    fix_case(
        "set-value keeps double quotes and escapes",
        'A="old"  # c\n',
        "set-value",
        "A",
        'A="say \\"hi\\"\\nbye"  # c\n',
        value='say "hi"\nbye',
        has_value=True,
    ),
    fix_case(
        "set-value keeps single quotes",
        "A='old'\n",
        "set-value",
        "A",
        "A='new value'\n",
        value="new value",
        has_value=True,
    ),
    fix_case(
        "set-value switches to double quotes when single quotes cannot hold the value",
        "A='old'\n",
        "set-value",
        "A",
        'A="it\'s"\n',
        value="it's",
        has_value=True,
    ),
    fix_case(
        "set-value keeps a bare value bare",
        "DTEN_SYNC_BACKOFF=linear\r\nX=1\r\n",
        "set-value",
        "DTEN_SYNC_BACKOFF",
        "DTEN_SYNC_BACKOFF=exponential\r\nX=1\r\n",
        value="exponential",
        has_value=True,
    ),
    fix_case(
        "set-value quotes a bare value that needs it",
        "A=x # c\n",
        "set-value",
        "A",
        'A="a b" # c\n',
        value="a b",
        has_value=True,
    ),
    fix_case(
        "set-value of an empty value before a comment",
        "A= # c\n",
        "set-value",
        "A",
        "A=1 # c\n",
        value=1,
        has_value=True,
    ),
    fix_case(
        "set-value of a multi-line value",
        'CERT="a\nb"\nX=1\n',
        "set-value",
        "CERT",
        'CERT="c"\nX=1\n',
        value="c",
        has_value=True,
    ),
    fix_case(
        "add at the end",
        "A=1\n",
        "add",
        None,
        "A=1\nDTEN_HYBRID_ENABLE=true\n",
        new_path=("DTEN_HYBRID_ENABLE",),
        value=True,
        has_value=True,
    ),
    fix_case(
        "add with export when every assignment has it, no final newline",
        "export A=1\nexport B=2",
        "add",
        None,
        'export A=1\nexport B=2\nexport C="x y"',
        new_path=("C",),
        value="x y",
        has_value=True,
    ),
    fix_case(
        "add to an empty file",
        "",
        "add",
        None,
        "A=1\n",
        new_path=("A",),
        value="1",
        has_value=True,
    ),
    fix_case(
        "delete keeps the comment above",
        "# cache\nDTEN_CACHE_SIZE_MB=64\nX=1\n",
        "delete",
        "DTEN_CACHE_SIZE_MB",
        "# cache\nX=1\n",
    ),
    fix_case(
        "delete a multi-line value, CRLF, no final newline",
        'X=1\r\nCERT="a\r\nb"',
        "delete",
        "CERT",
        "X=1",
    ),
    fix_case(
        "comment-out",
        "export DTEN_CACHE_SIZE_MB=64 # MB\n",
        "comment-out",
        "DTEN_CACHE_SIZE_MB",
        f"# {NOTE}\n# export DTEN_CACHE_SIZE_MB=64 # MB\n",
    ),
    fix_case(
        "comment-out a multi-line value",
        'CERT="a\nb"\n',
        "comment-out",
        "CERT",
        f'# {NOTE}\n# CERT="a\n# b"\n',
    ),
]


@each_case(CASES)
def test_fix(case: FixCase) -> None:
    check_fix(case, parse, plan_fix, reparse.dotenv)


@pytest.mark.parametrize(
    ("value", "style", "written"),
    [
        ("plain", "", "plain"),
        ("", "", ""),
        ("a#b", "", '"a#b"'),
        ("back\\slash", "", '"back\\\\slash"'),
        ("x", "'", "'x'"),
        ("a\nb", "'", '"a\\nb"'),
        ('q"', '"', '"q\\""'),
    ],
)
def test_quoted(value: str, style: str, written: str) -> None:
    assert quoted(value, style) == written  # type: ignore[arg-type]
    assert parse(f"K={written}\n").documents[0].occurrences[0].value == value


REFUSED: list[FixCase] = [
    FixCase(
        "a name that starts with a digit",
        "A=1\n",
        "rename",
        "A",
        "cannot be written as a .env variable name",
        new_path=("1BAD",),
    ),
    FixCase(
        "a name of two segments",
        "A=1\n",
        "rename",
        "A",
        "cannot be written as a .env variable name",
        new_path=("a", "b"),
    ),
    FixCase("a null value", "A=1\n", "set-value", "A", "null", has_value=True),
]


@each_case(REFUSED)
def test_cannot_fix(case: FixCase) -> None:
    assert case.expected in refusal(case, parse, plan_fix)


def test_a_dotted_name_is_one_variable_name() -> None:
    text = "A=1\n"
    occurrence = parse(text).documents[0].occurrences[0]
    plan = plan_fix(parse(text), FixRequest("rename", 0, occurrence, new_path=("spring.profiles.active",)))
    assert apply_edits(text, plan.edits) == "spring.profiles.active=1\n"
