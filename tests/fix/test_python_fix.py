"""Tests for the Python fixer: literal renames keep prefix, quotes and every other byte; the rest is refused."""

from __future__ import annotations

import pytest

from fix import reparse
from keyshift.core.edits import CannotFix, FixOp, FixRequest, apply_edits
from keyshift.core.model import Edit, Scalar
from keyshift.formats.python.fix import plan_fix
from keyshift.formats.python.parse import parse_round_trip as parse  # the parser whose tree the fixer edits
from support.fix_cases import FixCase, check_fix, refusal, run_fix
from support.tables import each_case

RENAME_CASES: list[FixCase] = [
    FixCase(
        "config.get",
        'v = config.get("dten.hybrid.legacy_mode")\n',
        "rename",
        ("dten", "hybrid", "legacy_mode"),
        'v = config.get("dten.hybrid.enable")\n',
        new_path=("dten", "hybrid", "enable"),
    ),
    FixCase(
        "raw prefix and single quotes",
        "v = cfg[r'dten.a.b']\n",
        "rename",
        ("dten", "a", "b"),
        "v = cfg[r'dten.c.b']\n",
        new_path=("dten", "c", "b"),
    ),
    FixCase(
        "bytes in triple quotes",
        'K = b"""dten.a.b"""\n',
        "rename",
        ("dten", "a", "b"),
        'K = b"""dten.a.c"""\n',
        new_path=("dten", "a", "c"),
    ),
    FixCase(
        "f-string keeps its prefix; comments stay",
        'k = F"dten.a.b"  # keep "dten.a.b"\n',
        "rename",
        ("dten", "a", "b"),
        'k = F"dten.x.y"  # keep "dten.a.b"\n',
        new_path=("dten", "x", "y"),
    ),
    FixCase(
        "escaped content is replaced by the plain new key",
        'k = "dten\\x2ea.b"\n',
        "rename",
        ("dten", "a", "b"),
        'k = "dten.x.b"\n',
        new_path=("dten", "x", "b"),
    ),
    FixCase(
        "a longer key", 'k = "dten.a"\n', "rename", ("dten", "a"), 'k = "dten.sub.a"\n', new_path=("dten", "sub", "a")
    ),
    FixCase(
        "indexes are glued",
        'k = "spec.rules[0].host"\n',
        "rename",
        ("spec", "rules", "[0]", "host"),
        'k = "spec.routes[0].hostname"\n',
        new_path=("spec", "routes", "[0]", "hostname"),
    ),
    FixCase(
        "os.environ name",
        'import os\nmode = os.environ["DTEN_HYBRID_LEGACY_MODE"]\n',
        "rename",
        ("DTEN_HYBRID_LEGACY_MODE",),
        'import os\nmode = os.environ["DTEN_HYBRID_ENABLE"]\n',
        new_path=("DTEN_HYBRID_ENABLE",),
    ),
    FixCase(
        "os.getenv with CRLF line endings and a default",
        "import os\r\nx = os.getenv('DTEN_A_B', \"1\")\r\n",
        "rename",
        ("DTEN_A_B",),
        "import os\r\nx = os.getenv('DTEN_C_D', \"1\")\r\n",
        new_path=("DTEN_C_D",),
    ),
    FixCase(
        "decorator and keyword argument on other lines stay",
        '@route("dten.a.b")\ndef f(key="dten.a.b"):\n    pass\n',
        "rename",
        ("dten", "a", "b"),
        '@route("dten.a.c")\ndef f(key="dten.a.b"):\n    pass\n',
        new_path=("dten", "a", "c"),
    ),
    FixCase(
        "characters before the literal on its line",
        'x = ("é", "dten.a.b")\n',
        "rename",
        ("dten", "a", "b"),
        'x = ("é", "dten.z.b")\n',
        new_path=("dten", "z", "b"),
    ),
    FixCase(
        "chain: only the changed literal is edited",
        'f = cfg["dten"]["hybrid"]["legacy_mode"]\n',
        "rename",
        ("dten", "hybrid", "legacy_mode"),
        'f = cfg["dten"]["hybrid"]["enable"]\n',
        new_path=("dten", "hybrid", "enable"),
    ),
    FixCase(
        "chain of .get with mixed quotes",
        "f = cfg.get('dten', {}).get(\"hybrid\").get('legacy_mode')\n",
        "rename",
        ("dten", "hybrid", "legacy_mode"),
        "f = cfg.get('dten', {}).get(\"compat\").get('enable')\n",
        new_path=("dten", "compat", "enable"),
    ),
    FixCase(
        "chain with a dotted literal",
        'v = cfg["dten.hybrid"]["enable"]\n',
        "rename",
        ("dten", "hybrid", "enable"),
        'v = cfg["dten.compat"]["enable"]\n',
        new_path=("dten", "compat", "enable"),
    ),
    FixCase(
        "chain with an unchanged index",
        "h = doc['spec']['rules'][0]['host']\n",
        "rename",
        ("spec", "rules", "[0]", "host"),
        "h = doc['spec']['routes'][0]['host']\n",
        new_path=("spec", "routes", "[0]", "host"),
    ),
    FixCase(
        "chain over lines with comments",
        'x = (\n    cfg["a"]  # first\n    ["b"]\n)\n',
        "rename",
        ("a", "b"),
        'x = (\n    cfg["c"]  # first\n    ["d"]\n)\n',
        new_path=("c", "d"),
    ),
]


@each_case(RENAME_CASES)
def test_rename(case: FixCase) -> None:
    check_fix(case, parse, plan_fix, reparse.python)


def test_only_the_requested_literal_changes() -> None:
    text = 'a = "dten.a.b"\nb = "dten.a.b"\nc = cfg["dten"]["a"]["b"]\n'
    second = FixCase("", text, "rename", ("dten", "a", "b"), "", new_path=("dten", "a", "c"), nth=1)
    assert run_fix(second, parse, plan_fix).output == ('a = "dten.a.b"\nb = "dten.a.c"\nc = cfg["dten"]["a"]["b"]\n')
    third = FixCase("", text, "rename", ("dten", "a", "b"), "", new_path=("dten", "x", "b"), nth=2)
    assert run_fix(third, parse, plan_fix).output == ('a = "dten.a.b"\nb = "dten.a.b"\nc = cfg["dten"]["x"]["b"]\n')


def test_renames_of_one_file_apply_together() -> None:
    text = 'a = "dten.a.b"\nb = os.environ["DTEN_A_B"]\nc = cfg["dten"]["a"]["b"]\n'
    parsed = parse(text)
    edits: list[Edit] = []
    for path, new in (
        (("dten", "a", "b"), ("dten", "n", "b")),
        (("DTEN_A_B",), ("DTEN_N_B",)),
    ):
        for occurrence in [o for o in parsed.documents[0].occurrences if o.path == path]:
            edits.extend(plan_fix(parsed, FixRequest("rename", 0, occurrence, new_path=new)).edits)
    assert apply_edits(text, edits) == 'a = "dten.n.b"\nb = os.environ["DTEN_N_B"]\nc = cfg["dten"]["n"]["b"]\n'


def test_renaming_to_the_same_key_edits_nothing() -> None:
    parsed = parse('k = "dten.a.b"\nc = cfg["x"]["y"]\n')
    for occurrence in parsed.documents[0].occurrences:
        request = FixRequest("rename", 0, occurrence, new_path=occurrence.path)
        assert plan_fix(parsed, request).edits == ()


def test_the_plan_creates_nothing() -> None:
    parsed = parse('k = "dten.a.b"\n')
    request = FixRequest("rename", 0, parsed.documents[0].occurrences[0], new_path=("x", "y", "z"))
    plan = plan_fix(parsed, request)
    assert plan.creates == frozenset()
    assert [(e.start, e.end, e.replacement) for e in plan.edits] == [(5, 13, "x.y.z")]


REFUSED_CASES: list[FixCase] = [
    FixCase(
        "chain with another number of segments",
        'f = cfg["a"]["b"]\n',
        "rename",
        ("a", "b"),
        "the new key has a different number of segments; rename the chain by hand",
        new_path=("a", "b", "c"),
    ),
    FixCase(
        "chain whose index would change",
        'h = doc["spec"][0]["host"]\n',
        "rename",
        ("spec", "[0]", "host"),
        "the chain's index [0] would change; rename it by hand",
        new_path=("spec", "[1]", "host"),
    ),
    FixCase(
        "chain segment that is not a plain name",
        'f = cfg["a"]["b"]\n',
        "rename",
        ("a", "b"),
        "the new segment b c cannot be written as one lookup of the chain; rename it by hand",
        new_path=("a", "b c"),
    ),
    FixCase(
        "chain string turning into an index",
        'f = cfg["a"]["b"]\n',
        "rename",
        ("a", "b"),
        "the new segment [0] cannot be written as one lookup of the chain; rename it by hand",
        new_path=("a", "[0]"),
    ),
    FixCase(
        "dotted key to one segment",
        'k = "dten.a.b"\n',
        "rename",
        ("dten", "a", "b"),
        "the new key dten cannot be written as a dotted key string; rename it by hand",
        new_path=("dten",),
    ),
    FixCase(
        "dotted key with a quoted segment",
        'k = "dten.a.b"\n',
        "rename",
        ("dten", "a", "b"),
        'the new key dten."x.y" cannot be written as a dotted key string; rename it by hand',
        new_path=("dten", "x.y"),
    ),
    FixCase(
        "dotted key with a space",
        'k = "dten.a.b"\n',
        "rename",
        ("dten", "a", "b"),
        "the new key dten.a b cannot be written as a dotted key string; rename it by hand",
        new_path=("dten", "a b"),
    ),
    FixCase(
        "dotted key with a numeric segment",
        'k = "dten.a.b"\n',
        "rename",
        ("dten", "a", "b"),
        "the new key dten.2 cannot be written as a dotted key string; rename it by hand",
        new_path=("dten", "2"),
    ),
    FixCase(
        "env name to a dotted key",
        'os.environ["DTEN_A_B"]\n',
        "rename",
        ("DTEN_A_B",),
        "the new key dten.a.b is not an environment variable name; rename it by hand",
        new_path=("dten", "a", "b"),
    ),
    FixCase(
        "env name to lower case",
        'os.environ["DTEN_A_B"]\n',
        "rename",
        ("DTEN_A_B",),
        "the new key dten_a_b is not an environment variable name; rename it by hand",
        new_path=("dten_a_b",),
    ),
]


@each_case(REFUSED_CASES)
def test_refused_renames(case: FixCase) -> None:
    assert refusal(case, parse, plan_fix) == case.expected


OTHER_OPS: list[tuple[FixOp, Scalar, bool, str]] = [
    ("set-value", "x", True, "change its value"),
    ("delete", None, False, "delete it"),
    ("comment-out", None, False, "remove it"),
]


@pytest.mark.parametrize(("op", "value", "has_value", "what"), OTHER_OPS)
def test_other_operations_are_refused(op: FixOp, value: Scalar, has_value: bool, what: str) -> None:
    parsed = parse('k = "dten.a.b"\n')
    request = FixRequest(op, 0, parsed.documents[0].occurrences[0], value=value, has_value=has_value, note="n")
    with pytest.raises(CannotFix) as caught:
        plan_fix(parsed, request)
    assert str(caught.value) == f"keyshift does not edit Python source beyond renaming key strings; {what} by hand"


def test_add_is_refused() -> None:
    parsed = parse('k = "dten.a.b"\n')
    with pytest.raises(CannotFix, match="beyond renaming key strings; add the key by hand"):
        plan_fix(parsed, FixRequest("add", 0, None, new_path=("dten", "c"), value=1, has_value=True))


def test_rename_with_a_new_value_is_refused() -> None:
    parsed = parse('k = "dten.a.b"\n')
    occurrence = parsed.documents[0].occurrences[0]
    request = FixRequest("rename", 0, occurrence, new_path=("dten", "c"), value=True, has_value=True)
    with pytest.raises(CannotFix, match="cannot change the value a Python program uses"):
        plan_fix(parsed, request)


def test_occurrence_of_another_parse_is_refused() -> None:
    stale = parse('k = "dten.a.b"\n').documents[0].occurrences[0]
    parsed = parse('\nk = "dten.a.b"\n')
    with pytest.raises(CannotFix, match="no longer where it was found"):
        plan_fix(parsed, FixRequest("rename", 0, stale, new_path=("dten", "c")))
