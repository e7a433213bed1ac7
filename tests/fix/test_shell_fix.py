"""Tests for the shell fixer: each request on an input script -> the exact output script.

Every successful case is re-parsed: the variable has its new name or value (or is gone) and every
other occurrence of the script (name, form and value) is unchanged.
"""

from __future__ import annotations

from collections import Counter

import pytest

from fix.script_case import Case, Leaf, Path
from keyshift.core.edits import CannotFix, FixOp, FixRequest, apply_edits
from keyshift.core.model import Occurrence, ParsedFile
from keyshift.formats._lines import scalar_text
from keyshift.formats.shell.fix import plan_fix
from keyshift.formats.shell.parse import parse


def _pick(parsed: ParsedFile, found: str, form: str, nth: int) -> Occurrence:
    return [o for o in parsed.documents[0].occurrences if o.found == found and o.form == form][nth]


def _leaves(parsed: ParsedFile) -> Counter[Leaf]:
    return Counter((o.form, o.path, o.value) for o in parsed.documents[0].occurrences)


CASES: list[Case] = [
    Case(
        "rename an export in place",
        "#!/bin/sh\nexport DTEN_OLD=on  # legacy\n",
        "rename",
        "DTEN_OLD",
        "#!/bin/sh\nexport DTEN_NEW=on  # legacy\n",
        new_path=("DTEN_NEW",),
    ),
    Case(
        "rename with a mapped value keeps double quotes",
        'declare -x DTEN_OLD="on"\n',
        "rename",
        "DTEN_OLD",
        'declare -x DTEN_NEW="true"\n',
        new_path=("DTEN_NEW",),
        value=True,
        has_value=True,
    ),
    Case(
        "rename a bare export and give it a value",
        "export DTEN_OLD\n",
        "rename",
        "DTEN_OLD",
        "export DTEN_NEW=1\n",
        new_path=("DTEN_NEW",),
        value=1,
        has_value=True,
    ),
    Case(
        "rename a ${} reference inside a double-quoted value",
        'DTEN_OLD=1\nOPTS="-x ${DTEN_OLD}"\n',
        "rename",
        "DTEN_OLD",
        'DTEN_OLD=1\nOPTS="-x ${DTEN_NEW}"\n',
        new_path=("DTEN_NEW",),
        form="literal",
    ),
    Case(
        "rename a mention in an unset",
        "unset DTEN_OLD\r\n",
        "rename",
        "DTEN_OLD",
        "unset DTEN_NEW\r\n",
        new_path=("DTEN_NEW",),
        form="text",
    ),
    Case(
        "rename a dotted key argument",
        "helm upgrade --set dten.hybrid.legacy_mode=on x\n",
        "rename",
        "dten.hybrid.legacy_mode",
        "helm upgrade --set dten.hybrid.enable=on x\n",
        new_path=("dten", "hybrid", "enable"),
        form="text",
    ),
    Case("set a bare value", "A=linear\n", "set-value", "A", "A=exponential\n", value="exponential", has_value=True),
    Case("keep single quotes", "A='linear'\n", "set-value", "A", "A='exp'\n", value="exp", has_value=True),
    Case(
        "single quotes cannot hold a quote",
        "A='x'\n",
        "set-value",
        "A",
        'A="it\'s"\n',
        value="it's",
        has_value=True,
    ),
    Case(
        "double quotes escape what the shell would expand",
        'A="x"\n',
        "set-value",
        "A",
        'A="\\$HOME \\"q\\" \\`x\\` \\\\"\n',
        value='$HOME "q" `x` \\',
        has_value=True,
    ),
    Case("keep ANSI-C quoting", "A=$'x'\n", "set-value", "A", "A=$'a\\tb\\'c'\n", value="a\tb'c", has_value=True),
    Case("a value that needs quotes", "A=x\n", "set-value", "A", 'A="a b"\n', value="a b", has_value=True),
    Case(
        "a multi-line value becomes one line",
        'A="x\ny"\nB=1\n',
        "set-value",
        "A",
        'A="z"\nB=1\n',
        value="z",
        has_value=True,
    ),
    Case("a bare export gets a value", "export A\n", "set-value", "A", "export A=false\n", value=False, has_value=True),
    Case(
        "delete a whole assignment line with its comment",
        "set -e\n  export DTEN_OLD=on  # why\nrun\n",
        "delete",
        "DTEN_OLD",
        "set -e\nrun\n",
    ),
    Case(
        "delete a multi-line assignment at the end of a file without a final newline",
        'run\nA="x\ny"',
        "delete",
        "A",
        "run",
    ),
    Case(
        "comment out an indented assignment inside a block with another command",
        "if x; then\n  export DTEN_OLD=on;  # why\n  run\nfi\n",
        "comment-out",
        "DTEN_OLD",
        "if x; then\n  # keyshift: removed\n  # export DTEN_OLD=on;  # why\n  run\nfi\n",
        note="keyshift: removed",
    ),
    Case(
        "comment out a CRLF assignment",
        "DTEN_OLD=1\r\nrun\r\n",
        "comment-out",
        "DTEN_OLD",
        "# gone\r\n# DTEN_OLD=1\r\nrun\r\n",
        note="gone",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fix(case: Case) -> None:
    parsed = parse(case.text)
    occurrence = _pick(parsed, case.found, case.form, case.nth)
    request = FixRequest(
        case.op, 0, occurrence, new_path=case.new_path, value=case.value, has_value=case.has_value, note=case.note
    )
    plan = plan_fix(parsed, request)
    output = apply_edits(case.text, plan.edits)
    assert output == case.expected
    after = parse(output)
    want = _leaves(parsed)
    want[(occurrence.form, occurrence.path, occurrence.value)] -= 1
    if case.op in ("rename", "set-value"):
        path = case.new_path if case.op == "rename" else occurrence.path
        assert path is not None
        value = scalar_text(case.value) if case.has_value else occurrence.value
        want[(occurrence.form, path, value)] += 1
        at = [o for o in after.documents[0].occurrences if o.key_span.start.offset == occurrence.key_span.start.offset]
        assert [(o.path, o.value) for o in at] == [(path, value)]
    assert _leaves(after) == +want


REFUSED: list[tuple[str, str, str, str, FixOp, Path | None, str]] = [
    ("delete one of two exports", "export A=1 B=2\n", "A", "key", "delete", None, "does more than set"),
    ("comment out a prefix of a command", "A=1 run\n", "A", "key", "comment-out", None, "does more than set"),
    ("the only command of a then block", "if x; then\n  A=1\nfi\n", "A", "key", "delete", None, "does more"),
    ("after &&", "true &&\n  A=1\n", "A", "key", "comment-out", None, "does more than set"),
    ("an array value", "A=(1 2)\n", "A", "key", "set-value", None, "array"),
    ("rename to a dotted key", "A=1\n", "A", "key", "rename", ("a", "b"), "not a shell variable name"),
    ("delete a reference", "echo $DTEN_A\n", "DTEN_A", "literal", "delete", None, "only used here"),
    ("comment out a mention", "unset DTEN_A\n", "DTEN_A", "text", "comment-out", None, "only used here"),
]


@pytest.mark.parametrize(
    ("name", "text", "found", "form", "op", "new_path", "reason"), REFUSED, ids=[c[0] for c in REFUSED]
)
def test_refused(name: str, text: str, found: str, form: str, op: FixOp, new_path: Path | None, reason: str) -> None:
    parsed = parse(text)
    occurrence = _pick(parsed, found, form, 0)
    with pytest.raises(CannotFix, match=reason):
        plan_fix(parsed, FixRequest(op, 0, occurrence, new_path=new_path, value="x", has_value=op == "set-value"))


def test_add_is_refused() -> None:
    with pytest.raises(CannotFix, match="does not add"):
        plan_fix(parse("A=1\n"), FixRequest("add", 0, None, new_path=("B",), value=1, has_value=True))
