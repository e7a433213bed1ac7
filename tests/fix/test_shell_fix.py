"""Tests for the shell fixer: each request on an input script -> the exact output script.

Every successful case is re-parsed: the variable has its new name or value (or is gone) and every
other occurrence of the script (name, form and value) is unchanged.
"""

from __future__ import annotations

import pytest

from fix import reparse
from keyshift.core.edits import CannotFix, FixRequest
from keyshift.formats.shell.fix import plan_fix
from keyshift.formats.shell.parse import parse
from support.fix_cases import FixCase, check_fix, refusal
from support.tables import each_case

CASES: list[FixCase] = [
    FixCase(
        "rename an export in place",
        "#!/bin/sh\nexport DTEN_OLD=on  # legacy\n",
        "rename",
        "DTEN_OLD",
        "#!/bin/sh\nexport DTEN_NEW=on  # legacy\n",
        new_path=("DTEN_NEW",),
    ),
    FixCase(
        "rename with a mapped value keeps double quotes",
        'declare -x DTEN_OLD="on"\n',
        "rename",
        "DTEN_OLD",
        'declare -x DTEN_NEW="true"\n',
        new_path=("DTEN_NEW",),
        value=True,
        has_value=True,
    ),
    FixCase(
        "rename a bare export and give it a value",
        "export DTEN_OLD\n",
        "rename",
        "DTEN_OLD",
        "export DTEN_NEW=1\n",
        new_path=("DTEN_NEW",),
        value=1,
        has_value=True,
    ),
    FixCase(
        "rename a ${} reference inside a double-quoted value",
        'DTEN_OLD=1\nOPTS="-x ${DTEN_OLD}"\n',
        "rename",
        "DTEN_OLD",
        'DTEN_OLD=1\nOPTS="-x ${DTEN_NEW}"\n',
        new_path=("DTEN_NEW",),
        form="literal",
    ),
    FixCase(
        "rename a mention in an unset",
        "unset DTEN_OLD\r\n",
        "rename",
        "DTEN_OLD",
        "unset DTEN_NEW\r\n",
        new_path=("DTEN_NEW",),
        form="text",
    ),
    FixCase(
        "rename a dotted key argument",
        "helm upgrade --set dten.hybrid.legacy_mode=on x\n",
        "rename",
        "dten.hybrid.legacy_mode",
        "helm upgrade --set dten.hybrid.enable=on x\n",
        new_path=("dten", "hybrid", "enable"),
        form="text",
    ),
    FixCase("set a bare value", "A=linear\n", "set-value", "A", "A=exponential\n", value="exponential", has_value=True),
    FixCase("keep single quotes", "A='linear'\n", "set-value", "A", "A='exp'\n", value="exp", has_value=True),
    FixCase(
        "single quotes cannot hold a quote",
        "A='x'\n",
        "set-value",
        "A",
        'A="it\'s"\n',
        value="it's",
        has_value=True,
    ),
    FixCase(
        "double quotes escape what the shell would expand",
        'A="x"\n',
        "set-value",
        "A",
        'A="\\$HOME \\"q\\" \\`x\\` \\\\"\n',
        value='$HOME "q" `x` \\',
        has_value=True,
    ),
    FixCase("keep ANSI-C quoting", "A=$'x'\n", "set-value", "A", "A=$'a\\tb\\'c'\n", value="a\tb'c", has_value=True),
    FixCase("a value that needs quotes", "A=x\n", "set-value", "A", 'A="a b"\n', value="a b", has_value=True),
    FixCase(
        "a multi-line value becomes one line",
        'A="x\ny"\nB=1\n',
        "set-value",
        "A",
        'A="z"\nB=1\n',
        value="z",
        has_value=True,
    ),
    FixCase(
        "a bare export gets a value", "export A\n", "set-value", "A", "export A=false\n", value=False, has_value=True
    ),
    FixCase(
        "delete a whole assignment line with its comment",
        "set -e\n  export DTEN_OLD=on  # why\nrun\n",
        "delete",
        "DTEN_OLD",
        "set -e\nrun\n",
    ),
    FixCase(
        "delete a multi-line assignment at the end of a file without a final newline",
        'run\nA="x\ny"',
        "delete",
        "A",
        "run",
    ),
    FixCase(
        "comment out an indented assignment inside a block with another command",
        "if x; then\n  export DTEN_OLD=on;  # why\n  run\nfi\n",
        "comment-out",
        "DTEN_OLD",
        "if x; then\n  # keyshift: removed\n  # export DTEN_OLD=on;  # why\n  run\nfi\n",
        note="keyshift: removed",
    ),
    FixCase(
        "comment out a CRLF assignment",
        "DTEN_OLD=1\r\nrun\r\n",
        "comment-out",
        "DTEN_OLD",
        "# gone\r\n# DTEN_OLD=1\r\nrun\r\n",
        note="gone",
    ),
    FixCase(
        "comment out an assignment whose comment holds odd breaks: one '#' per line, nothing inside it",
        "DTEN_OLD=1  # a\x0cb\u2028c\x85d\re\nrun\n",
        "comment-out",
        "DTEN_OLD",
        "# gone\n# DTEN_OLD=1  # a\x0cb\u2028c\x85d\re\nrun\n",
        note="gone",
    ),
]


@each_case(CASES)
def test_fix(case: FixCase) -> None:
    check_fix(case, parse, plan_fix, reparse.variables)


REFUSED: list[FixCase] = [
    FixCase("delete one of two exports", "export A=1 B=2\n", "delete", "A", "does more than set", value="x"),
    FixCase("comment out a prefix of a command", "A=1 run\n", "comment-out", "A", "does more than set", value="x"),
    FixCase("the only command of a then block", "if x; then\n  A=1\nfi\n", "delete", "A", "does more", value="x"),
    FixCase("after &&", "true &&\n  A=1\n", "comment-out", "A", "does more than set", value="x"),
    FixCase("an array value", "A=(1 2)\n", "set-value", "A", "array", value="x", has_value=True),
    FixCase(
        "rename to a dotted key", "A=1\n", "rename", "A", "not a shell variable name", new_path=("a", "b"), value="x"
    ),
    FixCase("delete a reference", "echo $DTEN_A\n", "delete", "DTEN_A", "only used here", value="x", form="literal"),
    FixCase(
        "comment out a mention", "unset DTEN_A\n", "comment-out", "DTEN_A", "only used here", value="x", form="text"
    ),
]


@each_case(REFUSED)
def test_refused(case: FixCase) -> None:
    assert case.expected in refusal(case, parse, plan_fix)


def test_add_is_refused() -> None:
    with pytest.raises(CannotFix, match="does not add"):
        plan_fix(parse("A=1\n"), FixRequest("add", 0, None, new_path=("B",), value=1, has_value=True))
