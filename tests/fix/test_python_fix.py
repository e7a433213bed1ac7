"""Tests for the Python fixer: literal renames keep prefix, quotes and every other byte; the rest is refused."""

from __future__ import annotations

import libcst
import pytest

from keyshift.core.edits import CannotFix, FixOp, FixRequest, apply_edits
from keyshift.core.model import Edit, Occurrence, ParsedFile, Scalar
from keyshift.formats.python.fix import plan_fix
from keyshift.formats.python.parse import parse


def _occurrence(parsed: ParsedFile, path: tuple[str, ...], nth: int = 0) -> Occurrence:
    found = [o for o in parsed.documents[0].occurrences if o.path == path]
    assert len(found) > nth, f"no occurrence {nth} of {path} in {[o.path for o in parsed.documents[0].occurrences]}"
    return found[nth]


def _rename(text: str, old: tuple[str, ...], new: tuple[str, ...], nth: int = 0) -> str:
    parsed = parse(text)
    request = FixRequest("rename", 0, _occurrence(parsed, old, nth), new_path=new)
    return apply_edits(text, plan_fix(parsed, request).edits)


RENAME_CASES: list[tuple[str, str, tuple[str, ...], tuple[str, ...], str]] = [
    (
        "config.get",
        'v = config.get("dten.hybrid.legacy_mode")\n',
        ("dten", "hybrid", "legacy_mode"),
        ("dten", "hybrid", "enable"),
        'v = config.get("dten.hybrid.enable")\n',
    ),
    (
        "raw prefix and single quotes",
        "v = cfg[r'dten.a.b']\n",
        ("dten", "a", "b"),
        ("dten", "c", "b"),
        "v = cfg[r'dten.c.b']\n",
    ),
    (
        "bytes in triple quotes",
        'K = b"""dten.a.b"""\n',
        ("dten", "a", "b"),
        ("dten", "a", "c"),
        'K = b"""dten.a.c"""\n',
    ),
    (
        "f-string keeps its prefix; comments stay",
        'k = F"dten.a.b"  # keep "dten.a.b"\n',
        ("dten", "a", "b"),
        ("dten", "x", "y"),
        'k = F"dten.x.y"  # keep "dten.a.b"\n',
    ),
    (
        "escaped content is replaced by the plain new key",
        'k = "dten\\x2ea.b"\n',
        ("dten", "a", "b"),
        ("dten", "x", "b"),
        'k = "dten.x.b"\n',
    ),
    (
        "a longer key",
        'k = "dten.a"\n',
        ("dten", "a"),
        ("dten", "sub", "a"),
        'k = "dten.sub.a"\n',
    ),
    (
        "indexes are glued",
        'k = "spec.rules[0].host"\n',
        ("spec", "rules", "[0]", "host"),
        ("spec", "routes", "[0]", "hostname"),
        'k = "spec.routes[0].hostname"\n',
    ),
    (
        "os.environ name",
        'import os\nmode = os.environ["DTEN_HYBRID_LEGACY_MODE"]\n',
        ("DTEN_HYBRID_LEGACY_MODE",),
        ("DTEN_HYBRID_ENABLE",),
        'import os\nmode = os.environ["DTEN_HYBRID_ENABLE"]\n',
    ),
    (
        "os.getenv with CRLF line endings and a default",
        "import os\r\nx = os.getenv('DTEN_A_B', \"1\")\r\n",
        ("DTEN_A_B",),
        ("DTEN_C_D",),
        "import os\r\nx = os.getenv('DTEN_C_D', \"1\")\r\n",
    ),
    (
        "decorator and keyword argument on other lines stay",
        '@route("dten.a.b")\ndef f(key="dten.a.b"):\n    pass\n',
        ("dten", "a", "b"),
        ("dten", "a", "c"),
        '@route("dten.a.c")\ndef f(key="dten.a.b"):\n    pass\n',
    ),
    (
        "characters before the literal on its line",
        'x = ("é", "dten.a.b")\n',
        ("dten", "a", "b"),
        ("dten", "z", "b"),
        'x = ("é", "dten.z.b")\n',
    ),
    (
        "chain: only the changed literal is edited",
        'f = cfg["dten"]["hybrid"]["legacy_mode"]\n',
        ("dten", "hybrid", "legacy_mode"),
        ("dten", "hybrid", "enable"),
        'f = cfg["dten"]["hybrid"]["enable"]\n',
    ),
    (
        "chain of .get with mixed quotes",
        "f = cfg.get('dten', {}).get(\"hybrid\").get('legacy_mode')\n",
        ("dten", "hybrid", "legacy_mode"),
        ("dten", "compat", "enable"),
        "f = cfg.get('dten', {}).get(\"compat\").get('enable')\n",
    ),
    (
        "chain with a dotted literal",
        'v = cfg["dten.hybrid"]["enable"]\n',
        ("dten", "hybrid", "enable"),
        ("dten", "compat", "enable"),
        'v = cfg["dten.compat"]["enable"]\n',
    ),
    (
        "chain with an unchanged index",
        "h = doc['spec']['rules'][0]['host']\n",
        ("spec", "rules", "[0]", "host"),
        ("spec", "routes", "[0]", "host"),
        "h = doc['spec']['routes'][0]['host']\n",
    ),
    (
        "chain over lines with comments",
        'x = (\n    cfg["a"]  # first\n    ["b"]\n)\n',
        ("a", "b"),
        ("c", "d"),
        'x = (\n    cfg["c"]  # first\n    ["d"]\n)\n',
    ),
]


@pytest.mark.parametrize(
    ("text", "old", "new", "expected"),
    [pytest.param(t, o, n, e, id=name) for name, t, o, n, e in RENAME_CASES],
)
def test_rename(text: str, old: tuple[str, ...], new: tuple[str, ...], expected: str) -> None:
    result = _rename(text, old, new)
    assert result == expected
    assert libcst.parse_module(result).code == result
    before = [o.path for o in parse(text).documents[0].occurrences]
    after = [o.path for o in parse(result).documents[0].occurrences]
    index = before.index(old)
    assert after == [*before[:index], new, *before[index + 1 :]]
    assert parse(result).documents[0].occurrences[index].key_span.start == (
        parse(text).documents[0].occurrences[index].key_span.start
    )


def test_only_the_requested_literal_changes() -> None:
    text = 'a = "dten.a.b"\nb = "dten.a.b"\nc = cfg["dten"]["a"]["b"]\n'
    assert _rename(text, ("dten", "a", "b"), ("dten", "a", "c"), nth=1) == (
        'a = "dten.a.b"\nb = "dten.a.c"\nc = cfg["dten"]["a"]["b"]\n'
    )
    assert _rename(text, ("dten", "a", "b"), ("dten", "x", "b"), nth=2) == (
        'a = "dten.a.b"\nb = "dten.a.b"\nc = cfg["dten"]["x"]["b"]\n'
    )


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


REFUSED_CASES: list[tuple[str, str, tuple[str, ...], tuple[str, ...], str]] = [
    (
        "chain with another number of segments",
        'f = cfg["a"]["b"]\n',
        ("a", "b"),
        ("a", "b", "c"),
        "the new key has a different number of segments; rename the chain by hand",
    ),
    (
        "chain whose index would change",
        'h = doc["spec"][0]["host"]\n',
        ("spec", "[0]", "host"),
        ("spec", "[1]", "host"),
        "the chain's index [0] would change; rename it by hand",
    ),
    (
        "chain segment that is not a plain name",
        'f = cfg["a"]["b"]\n',
        ("a", "b"),
        ("a", "b c"),
        "the new segment b c cannot be written as one lookup of the chain; rename it by hand",
    ),
    (
        "chain string turning into an index",
        'f = cfg["a"]["b"]\n',
        ("a", "b"),
        ("a", "[0]"),
        "the new segment [0] cannot be written as one lookup of the chain; rename it by hand",
    ),
    (
        "dotted key to one segment",
        'k = "dten.a.b"\n',
        ("dten", "a", "b"),
        ("dten",),
        "the new key dten cannot be written as a dotted key string; rename it by hand",
    ),
    (
        "dotted key with a quoted segment",
        'k = "dten.a.b"\n',
        ("dten", "a", "b"),
        ("dten", "x.y"),
        'the new key dten."x.y" cannot be written as a dotted key string; rename it by hand',
    ),
    (
        "dotted key with a space",
        'k = "dten.a.b"\n',
        ("dten", "a", "b"),
        ("dten", "a b"),
        "the new key dten.a b cannot be written as a dotted key string; rename it by hand",
    ),
    (
        "dotted key with a numeric segment",
        'k = "dten.a.b"\n',
        ("dten", "a", "b"),
        ("dten", "2"),
        "the new key dten.2 cannot be written as a dotted key string; rename it by hand",
    ),
    (
        "env name to a dotted key",
        'os.environ["DTEN_A_B"]\n',
        ("DTEN_A_B",),
        ("dten", "a", "b"),
        "the new key dten.a.b is not an environment variable name; rename it by hand",
    ),
    (
        "env name to lower case",
        'os.environ["DTEN_A_B"]\n',
        ("DTEN_A_B",),
        ("dten_a_b",),
        "the new key dten_a_b is not an environment variable name; rename it by hand",
    ),
]


@pytest.mark.parametrize(
    ("text", "old", "new", "reason"),
    [pytest.param(t, o, n, r, id=name) for name, t, o, n, r in REFUSED_CASES],
)
def test_refused_renames(text: str, old: tuple[str, ...], new: tuple[str, ...], reason: str) -> None:
    with pytest.raises(CannotFix) as caught:
        _rename(text, old, new)
    assert str(caught.value) == reason


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
