"""Tests for the Dockerfile fixer: each request on an input text -> the exact output text.

Every successful case is re-parsed: the variable has its new name or value (or is gone) and every
other occurrence of the file (name, form and value) is unchanged.
"""

from __future__ import annotations

import pytest

from fix import reparse
from keyshift.core.edits import CannotFix, FixRequest
from keyshift.formats.dockerfile.fix import plan_fix
from keyshift.formats.dockerfile.parse import parse
from support.fix_cases import FixCase, check_fix, refusal
from support.tables import each_case

CASES: list[FixCase] = [
    FixCase(
        "rename in a multi-variable ENV",
        "FROM x\nENV DTEN_CACHE_MB=512 \\\n    DTEN_OLD=on\n",
        "rename",
        "DTEN_OLD",
        "FROM x\nENV DTEN_CACHE_MB=512 \\\n    DTEN_NEW=on\n",
        new_path=("DTEN_NEW",),
    ),
    FixCase(
        "rename with a mapped value keeps the quotes",
        'ENV DTEN_OLD="on" B=1\n',
        "rename",
        "DTEN_OLD",
        'ENV DTEN_NEW="true" B=1\n',
        new_path=("DTEN_NEW",),
        value=True,
        has_value=True,
    ),
    FixCase(
        "rename an ARG without default and give it a value",
        "ARG DTEN_OLD\n",
        "rename",
        "DTEN_OLD",
        "ARG DTEN_NEW=false\n",
        new_path=("DTEN_NEW",),
        value=False,
        has_value=True,
    ),
    FixCase(
        "rename a legacy ENV",
        "env DTEN_OLD some value\n",
        "rename",
        "DTEN_OLD",
        "env DTEN_NEW some value\n",
        new_path=("DTEN_NEW",),
    ),
    FixCase(
        "rename a reference",
        "ENV DTEN_OLD=1\nRUN echo ${DTEN_OLD:-0} > /x\n",
        "rename",
        "DTEN_OLD",
        "ENV DTEN_OLD=1\nRUN echo ${DTEN_NEW:-0} > /x\n",
        new_path=("DTEN_NEW",),
        form="literal",
    ),
    FixCase("set a bare value", "ENV A=slow B=2\n", "set-value", "A", "ENV A=fast B=2\n", value="fast", has_value=True),
    FixCase(
        "a bare value that needs quotes gets double quotes",
        "ENV A=slow\n",
        "set-value",
        "A",
        'ENV A="very \\$low"\n',
        value="very $low",
        has_value=True,
    ),
    FixCase("keep single quotes", "ENV A='x'\n", "set-value", "A", "ENV A='y z'\n", value="y z", has_value=True),
    FixCase(
        "single quotes cannot hold a quote",
        "ENV A='x'\n",
        "set-value",
        "A",
        'ENV A="it\'s"\n',
        value="it's",
        has_value=True,
    ),
    FixCase(
        "double quotes escape with the escape directive's character",
        '# escape=`\nENV A="x"\n',
        "set-value",
        "A",
        '# escape=`\nENV A="say `"hi`" `$5"\n',
        value='say "hi" $5',
        has_value=True,
    ),
    FixCase("an empty value", "ENV A= B=1\n", "set-value", "A", "ENV A=3 B=1\n", value=3, has_value=True),
    FixCase(
        "a legacy value",
        "ENV A some words\n",
        "set-value",
        "A",
        'ENV A "other words"\n',
        value="other words",
        has_value=True,
    ),
    FixCase("ARG without default", "ARG A\n", "set-value", "A", "ARG A=1\n", value=1, has_value=True),
    FixCase(
        "delete the first of several",
        "ENV A=1 \\\n    B=2 \\\n    C=3\n",
        "delete",
        "A",
        "ENV B=2 \\\n    C=3\n",
    ),
    FixCase(
        "delete a middle one",
        "ENV A=1 \\\n    B=2 \\\n    C=3\n",
        "delete",
        "B",
        "ENV A=1 \\\n    C=3\n",
    ),
    FixCase("delete the last one", 'ENV A=1 B="x y"\nRUN x\n', "delete", "B", "ENV A=1\nRUN x\n"),
    FixCase(
        "delete a lone variable with its continuation lines",
        "FROM x\nENV A \\\n  1\nRUN x\n",
        "delete",
        "A",
        "FROM x\nRUN x\n",
    ),
    FixCase(
        "delete the last instruction of a CRLF file without a final newline",
        "FROM x\r\nARG A=1",
        "delete",
        "A",
        "FROM x",
    ),
    FixCase(
        "comment out a lone variable, keeping indentation and CRLF",
        "FROM x\r\n  ENV DTEN_OLD \\\r\n      # why\r\n\r\n      on\r\nRUN x\r\n",
        "comment-out",
        "DTEN_OLD",
        "FROM x\r\n  # keyshift: removed\r\n  # ENV DTEN_OLD \\\r\n  #     # why\r\n#\r\n  #     on\r\nRUN x\r\n",
        note="keyshift: removed",
    ),
    FixCase(
        "comment out a legacy ENV at the end of a file without a final newline",
        "FROM x\nENV DTEN_OLD on",
        "comment-out",
        "DTEN_OLD",
        "FROM x\n# gone\n# ENV DTEN_OLD on",
        note="gone",
    ),
    FixCase(
        "comment out an ENV whose value holds odd breaks: one '#' per line, nothing inside it",
        'FROM x\nENV DTEN_OLD="a\x0cb\u2028c\x85d\x1ce" \\\n  # c\x0b\n',
        "comment-out",
        "DTEN_OLD",
        'FROM x\n# gone\n# ENV DTEN_OLD="a\x0cb\u2028c\x85d\x1ce" \\\n#   # c\x0b\n',
        note="gone",
    ),
]


@each_case(CASES)
def test_fix(case: FixCase) -> None:
    check_fix(case, parse, plan_fix, reparse.variables)


REFUSED: list[FixCase] = [
    FixCase("comment out one of several", "ENV A=1 B=2\n", "comment-out", "A", "other variables"),
    FixCase("a comment between the variables", "ENV A=1 \\\n# c\n  B=2\n", "delete", "B", "comment"),
    FixCase("rename to a dotted key", "ENV A=1\n", "rename", "A", "not a variable name", new_path=("a", "b")),
    FixCase("rename to an invalid name", "ENV A=1\n", "rename", "A", "not a variable name", new_path=("A-B",)),
    FixCase("delete a reference", "RUN echo $DTEN_A\n", "delete", "DTEN_A", "only referenced"),
]


@each_case(REFUSED)
def test_refused(case: FixCase) -> None:
    assert case.expected in refusal(case, parse, plan_fix)


def test_add_and_line_breaks_are_refused() -> None:
    parsed = parse("ENV A=1\n")
    with pytest.raises(CannotFix, match="does not add"):
        plan_fix(parsed, FixRequest("add", 0, None, new_path=("B",), value=1, has_value=True))
    occurrence = parsed.documents[0].occurrences[0]
    with pytest.raises(CannotFix, match="line break"):
        plan_fix(parsed, FixRequest("set-value", 0, occurrence, value="a\nb", has_value=True))
