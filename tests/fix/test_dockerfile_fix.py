"""Tests for the Dockerfile fixer: each request on an input text -> the exact output text.

Every successful case is re-parsed: the variable has its new name or value (or is gone) and every
other occurrence of the file (name, form and value) is unchanged.
"""

from __future__ import annotations

from collections import Counter

import pytest

from fix.script_case import Case, Leaf, Path
from keyshift.core.edits import CannotFix, FixOp, FixRequest, apply_edits
from keyshift.core.model import Occurrence, ParsedFile
from keyshift.formats._lines import scalar_text
from keyshift.formats.dockerfile.fix import plan_fix
from keyshift.formats.dockerfile.parse import parse


def _pick(parsed: ParsedFile, case: Case) -> Occurrence:
    return [o for o in parsed.documents[0].occurrences if o.found == case.found and o.form == case.form][case.nth]


def _leaves(parsed: ParsedFile) -> Counter[Leaf]:
    return Counter((o.form, o.path, o.value) for o in parsed.documents[0].occurrences)


CASES: list[Case] = [
    Case(
        "rename in a multi-variable ENV",
        "FROM x\nENV DTEN_CACHE_MB=512 \\\n    DTEN_OLD=on\n",
        "rename",
        "DTEN_OLD",
        "FROM x\nENV DTEN_CACHE_MB=512 \\\n    DTEN_NEW=on\n",
        new_path=("DTEN_NEW",),
    ),
    Case(
        "rename with a mapped value keeps the quotes",
        'ENV DTEN_OLD="on" B=1\n',
        "rename",
        "DTEN_OLD",
        'ENV DTEN_NEW="true" B=1\n',
        new_path=("DTEN_NEW",),
        value=True,
        has_value=True,
    ),
    Case(
        "rename an ARG without default and give it a value",
        "ARG DTEN_OLD\n",
        "rename",
        "DTEN_OLD",
        "ARG DTEN_NEW=false\n",
        new_path=("DTEN_NEW",),
        value=False,
        has_value=True,
    ),
    Case(
        "rename a legacy ENV",
        "env DTEN_OLD some value\n",
        "rename",
        "DTEN_OLD",
        "env DTEN_NEW some value\n",
        new_path=("DTEN_NEW",),
    ),
    Case(
        "rename a reference",
        "ENV DTEN_OLD=1\nRUN echo ${DTEN_OLD:-0} > /x\n",
        "rename",
        "DTEN_OLD",
        "ENV DTEN_OLD=1\nRUN echo ${DTEN_NEW:-0} > /x\n",
        new_path=("DTEN_NEW",),
        form="literal",
    ),
    Case("set a bare value", "ENV A=slow B=2\n", "set-value", "A", "ENV A=fast B=2\n", value="fast", has_value=True),
    Case(
        "a bare value that needs quotes gets double quotes",
        "ENV A=slow\n",
        "set-value",
        "A",
        'ENV A="very \\$low"\n',
        value="very $low",
        has_value=True,
    ),
    Case("keep single quotes", "ENV A='x'\n", "set-value", "A", "ENV A='y z'\n", value="y z", has_value=True),
    Case(
        "single quotes cannot hold a quote",
        "ENV A='x'\n",
        "set-value",
        "A",
        'ENV A="it\'s"\n',
        value="it's",
        has_value=True,
    ),
    Case(
        "double quotes escape with the escape directive's character",
        '# escape=`\nENV A="x"\n',
        "set-value",
        "A",
        '# escape=`\nENV A="say `"hi`" `$5"\n',
        value='say "hi" $5',
        has_value=True,
    ),
    Case("an empty value", "ENV A= B=1\n", "set-value", "A", "ENV A=3 B=1\n", value=3, has_value=True),
    Case(
        "a legacy value",
        "ENV A some words\n",
        "set-value",
        "A",
        'ENV A "other words"\n',
        value="other words",
        has_value=True,
    ),
    Case("ARG without default", "ARG A\n", "set-value", "A", "ARG A=1\n", value=1, has_value=True),
    Case(
        "delete the first of several",
        "ENV A=1 \\\n    B=2 \\\n    C=3\n",
        "delete",
        "A",
        "ENV B=2 \\\n    C=3\n",
    ),
    Case(
        "delete a middle one",
        "ENV A=1 \\\n    B=2 \\\n    C=3\n",
        "delete",
        "B",
        "ENV A=1 \\\n    C=3\n",
    ),
    Case("delete the last one", 'ENV A=1 B="x y"\nRUN x\n', "delete", "B", "ENV A=1\nRUN x\n"),
    Case(
        "delete a lone variable with its continuation lines",
        "FROM x\nENV A \\\n  1\nRUN x\n",
        "delete",
        "A",
        "FROM x\nRUN x\n",
    ),
    Case(
        "delete the last instruction of a CRLF file without a final newline",
        "FROM x\r\nARG A=1",
        "delete",
        "A",
        "FROM x",
    ),
    Case(
        "comment out a lone variable, keeping indentation and CRLF",
        "FROM x\r\n  ENV DTEN_OLD \\\r\n      # why\r\n\r\n      on\r\nRUN x\r\n",
        "comment-out",
        "DTEN_OLD",
        "FROM x\r\n  # keyshift: removed\r\n  # ENV DTEN_OLD \\\r\n  #     # why\r\n#\r\n  #     on\r\nRUN x\r\n",
        note="keyshift: removed",
    ),
    Case(
        "comment out a legacy ENV at the end of a file without a final newline",
        "FROM x\nENV DTEN_OLD on",
        "comment-out",
        "DTEN_OLD",
        "FROM x\n# gone\n# ENV DTEN_OLD on",
        note="gone",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fix(case: Case) -> None:
    parsed = parse(case.text)
    occurrence = _pick(parsed, case)
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


REFUSED: list[tuple[str, str, str, FixOp, Path | None, str]] = [
    ("comment out one of several", "ENV A=1 B=2\n", "A", "comment-out", None, "other variables"),
    ("a comment between the variables", "ENV A=1 \\\n# c\n  B=2\n", "B", "delete", None, "comment"),
    ("rename to a dotted key", "ENV A=1\n", "A", "rename", ("a", "b"), "not a variable name"),
    ("rename to an invalid name", "ENV A=1\n", "A", "rename", ("A-B",), "not a variable name"),
    ("delete a reference", "RUN echo $DTEN_A\n", "DTEN_A", "delete", None, "only referenced"),
]


@pytest.mark.parametrize(("name", "text", "found", "op", "new_path", "reason"), REFUSED, ids=[c[0] for c in REFUSED])
def test_refused(name: str, text: str, found: str, op: FixOp, new_path: Path | None, reason: str) -> None:
    parsed = parse(text)
    occurrence = next(o for o in parsed.documents[0].occurrences if o.found == found)
    with pytest.raises(CannotFix, match=reason):
        plan_fix(parsed, FixRequest(op, 0, occurrence, new_path=new_path))


def test_add_and_line_breaks_are_refused() -> None:
    parsed = parse("ENV A=1\n")
    with pytest.raises(CannotFix, match="does not add"):
        plan_fix(parsed, FixRequest("add", 0, None, new_path=("B",), value=1, has_value=True))
    occurrence = parsed.documents[0].occurrences[0]
    with pytest.raises(CannotFix, match="line break"):
        plan_fix(parsed, FixRequest("set-value", 0, occurrence, value="a\nb", has_value=True))
