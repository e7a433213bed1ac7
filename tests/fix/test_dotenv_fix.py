"""Tests for the .env fixer: each request on a given text gives exactly the expected text."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from keyshift.core.edits import CannotFix, FixOp, FixRequest, apply_edits
from keyshift.core.model import Scalar
from keyshift.formats.dotenv.fix import plan_fix, quoted
from keyshift.formats.dotenv.parse import parse

NOTE = "keyshift: dten.cache.size_mb was removed in 3.0 (KS101)"


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    op: FixOp
    key: str | None
    expected: str
    new_key: str | None = None
    value: Scalar = None
    has_value: bool = False


def _values(text: str) -> dict[str, Scalar]:
    return {o.path[0]: o.value for o in parse(text).documents[0].occurrences}


CASES: list[Case] = [
    Case(
        "rename keeps export, value and comment",
        "# local\nexport DTEN_HYBRID_LEGACY_MODE=on # old\nOTHER=1\n",
        "rename",
        "DTEN_HYBRID_LEGACY_MODE",
        "# local\nexport DTEN_HYBRID_ENABLE=on # old\nOTHER=1\n",
        new_key="DTEN_HYBRID_ENABLE",
    ),
    Case(
        "rename with a new value",
        "DTEN_HYBRID_LEGACY_MODE=on\n",
        "rename",
        "DTEN_HYBRID_LEGACY_MODE",
        "DTEN_HYBRID_ENABLE=true\n",
        new_key="DTEN_HYBRID_ENABLE",
        value=True,
        has_value=True,
    ),
    Case(
        "set-value keeps double quotes and escapes",
        'A="old"  # c\n',
        "set-value",
        "A",
        'A="say \\"hi\\"\\nbye"  # c\n',
        value='say "hi"\nbye',
        has_value=True,
    ),
    Case(
        "set-value keeps single quotes",
        "A='old'\n",
        "set-value",
        "A",
        "A='new value'\n",
        value="new value",
        has_value=True,
    ),
    Case(
        "set-value switches to double quotes when single quotes cannot hold the value",
        "A='old'\n",
        "set-value",
        "A",
        'A="it\'s"\n',
        value="it's",
        has_value=True,
    ),
    Case(
        "set-value keeps a bare value bare",
        "DTEN_SYNC_BACKOFF=linear\r\nX=1\r\n",
        "set-value",
        "DTEN_SYNC_BACKOFF",
        "DTEN_SYNC_BACKOFF=exponential\r\nX=1\r\n",
        value="exponential",
        has_value=True,
    ),
    Case(
        "set-value quotes a bare value that needs it",
        "A=x # c\n",
        "set-value",
        "A",
        'A="a b" # c\n',
        value="a b",
        has_value=True,
    ),
    Case(
        "set-value of an empty value before a comment",
        "A= # c\n",
        "set-value",
        "A",
        "A=1 # c\n",
        value=1,
        has_value=True,
    ),
    Case(
        "set-value of a multi-line value",
        'CERT="a\nb"\nX=1\n',
        "set-value",
        "CERT",
        'CERT="c"\nX=1\n',
        value="c",
        has_value=True,
    ),
    Case(
        "add at the end",
        "A=1\n",
        "add",
        None,
        "A=1\nDTEN_HYBRID_ENABLE=true\n",
        new_key="DTEN_HYBRID_ENABLE",
        value=True,
        has_value=True,
    ),
    Case(
        "add with export when every assignment has it, no final newline",
        "export A=1\nexport B=2",
        "add",
        None,
        'export A=1\nexport B=2\nexport C="x y"',
        new_key="C",
        value="x y",
        has_value=True,
    ),
    Case(
        "add to an empty file",
        "",
        "add",
        None,
        "A=1\n",
        new_key="A",
        value="1",
        has_value=True,
    ),
    Case(
        "delete keeps the comment above",
        "# cache\nDTEN_CACHE_SIZE_MB=64\nX=1\n",
        "delete",
        "DTEN_CACHE_SIZE_MB",
        "# cache\nX=1\n",
    ),
    Case(
        "delete a multi-line value, CRLF, no final newline",
        'X=1\r\nCERT="a\r\nb"',
        "delete",
        "CERT",
        "X=1",
    ),
    Case(
        "comment-out",
        "export DTEN_CACHE_SIZE_MB=64 # MB\n",
        "comment-out",
        "DTEN_CACHE_SIZE_MB",
        f"# {NOTE}\n# export DTEN_CACHE_SIZE_MB=64 # MB\n",
    ),
    Case(
        "comment-out a multi-line value",
        'CERT="a\nb"\n',
        "comment-out",
        "CERT",
        f'# {NOTE}\n# CERT="a\n# b"\n',
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fix(case: Case) -> None:
    occurrence = None
    if case.key is not None:
        occurrence = next(o for o in parse(case.text).documents[0].occurrences if o.path == (case.key,))
    new_path = None if case.new_key is None else (case.new_key,)
    request = FixRequest(
        case.op, 0, occurrence, new_path=new_path, value=case.value, has_value=case.has_value, note=NOTE
    )
    plan = plan_fix(parse(case.text), request)
    output = apply_edits(case.text, plan.edits)
    assert output == case.expected
    values = _values(output)
    written = str(case.value).lower() if isinstance(case.value, bool) else str(case.value)
    if case.op in ("rename", "add") and case.new_key is not None:
        assert case.new_key in values
        if case.has_value:
            assert values[case.new_key] == written
    if case.op in ("rename", "delete", "comment-out") and case.key is not None:
        assert case.key not in values
    if case.op == "set-value" and case.key is not None:
        assert values[case.key] == written


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


@pytest.mark.parametrize(
    ("op", "new_path", "reason"),
    [
        ("rename", ("1BAD",), "cannot be written as a .env variable name"),
        ("rename", ("a", "b"), "cannot be written as a .env variable name"),
        ("set-value", None, "null"),
    ],
)
def test_cannot_fix(op: FixOp, new_path: tuple[str, ...] | None, reason: str) -> None:
    text = "A=1\n"
    occurrence = parse(text).documents[0].occurrences[0]
    request = FixRequest(op, 0, occurrence, new_path=new_path, value=None, has_value=op == "set-value")
    with pytest.raises(CannotFix, match=reason):
        plan_fix(parse(text), request)


def test_a_dotted_name_is_one_variable_name() -> None:
    text = "A=1\n"
    occurrence = parse(text).documents[0].occurrences[0]
    plan = plan_fix(parse(text), FixRequest("rename", 0, occurrence, new_path=("spring.profiles.active",)))
    assert apply_edits(text, plan.edits) == "spring.profiles.active=1\n"
