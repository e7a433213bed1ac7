"""Tests for the INI fixer: each request on a given text gives exactly the expected text."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from keyshift.core.edits import CannotFix, FixOp, FixRequest, apply_edits
from keyshift.core.model import Occurrence, Scalar
from keyshift.core.values import scalar_text
from keyshift.formats.ini.fix import plan_fix
from keyshift.formats.ini.parse import parse

NOTE = "keyshift: removed in 2.0"


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    op: FixOp
    path: tuple[str, ...] | None
    expected: str
    new_path: tuple[str, ...] | None = None
    value: Scalar = None
    has_value: bool = False
    remove_empty_parents: bool = False
    creates: frozenset[tuple[str, ...]] = field(default_factory=frozenset)
    index: int = 0
    """Which occurrence of ``path`` to fix (for duplicates)."""


def _occurrence(text: str, path: tuple[str, ...], index: int = 0) -> Occurrence:
    return [o for o in parse(text).documents[0].occurrences if o.path == path][index]


def _request(case: Case) -> FixRequest:
    occurrence = None if case.path is None else _occurrence(case.text, case.path, case.index)
    return FixRequest(
        case.op,
        0,
        occurrence,
        new_path=case.new_path,
        value=case.value,
        has_value=case.has_value,
        note=NOTE,
        remove_empty_parents=case.remove_empty_parents,
    )


def _values(text: str) -> dict[tuple[str, ...], Scalar]:
    return {o.path: o.value for o in parse(text).documents[0].occurrences if o.value_kind == "scalar"}


CASES: list[Case] = [
    Case(
        "rename in place",
        "[flake8]\nmax-line-length = 100  ; long\nselect = E\n",
        "rename",
        ("flake8", "max-line-length"),
        "[flake8]\nmax_line_length = 100  ; long\nselect = E\n",
        new_path=("flake8", "max_line_length"),
    ),
    Case(
        "rename in place with a new value, keeping the comment",
        "[dten]\nlegacy_mode=on # old\n",
        "rename",
        ("dten", "legacy_mode"),
        "[dten]\nenable=true # old\n",
        new_path=("dten", "enable"),
        value=True,
        has_value=True,
    ),
    Case(
        "rename a key before any section",
        "old = 1\n[s]\nk = v\n",
        "rename",
        ("old",),
        "new = 1\n[s]\nk = v\n",
        new_path=("new",),
    ),
    Case(
        "move to an existing section, with its comment lines, after that section's last key",
        "[a]\nx = 1\n# about y\n# more\ny = 2\n\n[b]\nz = 3\n# trailing\n",
        "rename",
        ("a", "y"),
        "[a]\nx = 1\n\n[b]\nz = 3\n# about y\n# more\ny = 2\n# trailing\n",
        new_path=("b", "y"),
    ),
    Case(
        "move creating the section at the end, after a blank line",
        "[a]\nx = 1\ny = 2\n",
        "rename",
        ("a", "x"),
        "[a]\ny = 2\n\n[c]\nx = 1\n",
        new_path=("c", "x"),
        creates=frozenset({("c",)}),
    ),
    Case(
        "move creating a section in a file that writes sections without blank lines",
        "[a]\nx = 1\ny = 2\n[b]\nz = 3\n",
        "rename",
        ("a", "x"),
        "[a]\ny = 2\n[b]\nz = 3\n[c]\nx = 1\n",
        new_path=("c", "x"),
        creates=frozenset({("c",)}),
    ),
    Case(
        "the only key of a section moved to a new section: the header is renamed in place",
        "[tool:pytest]\naddopts = -x\n\n[flake8]\nk = v\n",
        "rename",
        ("tool:pytest", "addopts"),
        "[pytest]\naddopts = -x\n\n[flake8]\nk = v\n",
        new_path=("pytest", "addopts"),
        creates=frozenset({("pytest",)}),
    ),
    Case(
        "the only key of a middle section moved to an existing one: the emptied section goes",
        "[a]\nx = 1\n\n[old]\ny = 2\n\n[c]\nz = 3\n",
        "rename",
        ("old", "y"),
        "[a]\nx = 1\ny = 2\n\n[c]\nz = 3\n",
        new_path=("a", "y"),
    ),
    Case(
        "the only key of the last section moved up, no final newline",
        "[a]\nx = 1\n\n[old]\ny = 2",
        "rename",
        ("old", "y"),
        "[a]\nx = 1\ny = 2",
        new_path=("a", "y"),
    ),
    Case(
        "a section holding a comment is kept when its key moves",
        "[a]\nx = 1\n[old]\n; keep me\n\ny = 2\n",
        "rename",
        ("old", "y"),
        "[a]\nx = 1\ny = 2\n[old]\n; keep me\n\n",
        new_path=("a", "y"),
    ),
    Case(
        "a multi-line value moves whole",
        "[options]\nname = x\ninstall_requires =\n    a\n    b\n[extra]\nk = 1\n",
        "rename",
        ("options", "install_requires"),
        "[options]\nname = x\n[extra]\nk = 1\ndeps =\n    a\n    b\n",
        new_path=("extra", "deps"),
    ),
    Case(
        "move into an empty section goes right after its header (CRLF)",
        "[a]\r\nx = 1\r\ny = 2\r\n[b]\r\n[c]\r\n",
        "rename",
        ("a", "x"),
        "[a]\r\ny = 2\r\n[b]\r\nx = 1\r\n[c]\r\n",
        new_path=("b", "x"),
    ),
    Case(
        "move to the root after the last key before any section",
        "top = 1\n[a]\nx = 1\ny = 2\n",
        "rename",
        ("a", "y"),
        "top = 1\ny = 2\n[a]\nx = 1\n",
        new_path=("y",),
    ),
    Case(
        "set-value keeps the spacing and the inline comment",
        "[s]\nk   =   old   ; c\n",
        "set-value",
        ("s", "k"),
        "[s]\nk   =   new   ; c\n",
        value="new",
        has_value=True,
    ),
    Case(
        "set-value of an empty value",
        "[s]\na =\nb:\nc=\n",
        "set-value",
        ("s", "a"),
        "[s]\na = 1\nb:\nc=\n",
        value=1,
        has_value=True,
    ),
    Case(
        "set-value of an empty value before an inline comment",
        "[s]\nc= ; note\n",
        "set-value",
        ("s", "c"),
        "[s]\nc=false ; note\n",
        value=False,
        has_value=True,
    ),
    Case(
        "set-value of a multi-line value puts it on the key line",
        "[s]\ndeps =\n    a\n    b\nnext = 1\n",
        "set-value",
        ("s", "deps"),
        "[s]\ndeps = c\nnext = 1\n",
        value="c",
        has_value=True,
    ),
    Case(
        "set-value to the empty string",
        "[s]\nk = v\n",
        "set-value",
        ("s", "k"),
        "[s]\nk =\n",
        value="",
        has_value=True,
    ),
    Case(
        "add after the last key of a section, before its trailing comment, with the file's separator",
        "[s]\na=1\nb=2\n# end of s\n\n[t]\nc=3\n",
        "add",
        None,
        "[s]\na=1\nb=2\nnew=yes\n# end of s\n\n[t]\nc=3\n",
        new_path=("s", "new"),
        value="yes",
        has_value=True,
    ),
    Case(
        "add to a missing section at the end of a file without final newline",
        "[s]\na = 1",
        "add",
        None,
        "[s]\na = 1\n\n[mypy]\nstrict = true",
        new_path=("mypy", "strict"),
        value=True,
        has_value=True,
        creates=frozenset({("mypy",)}),
    ),
    Case(
        "add to an empty file",
        "",
        "add",
        None,
        "[s]\nk = v\n",
        new_path=("s", "k"),
        value="v",
        has_value=True,
        creates=frozenset({("s",)}),
    ),
    Case(
        "add goes to the last of duplicate sections",
        "[s]\na: 1\n[t]\n[s]\nb: 2\n",
        "add",
        None,
        "[s]\na: 1\n[t]\n[s]\nb: 2\nc: 3\n",
        new_path=("s", "c"),
        value=3,
        has_value=True,
    ),
    Case(
        "move into a new dotted section",
        "[options]\nzip_safe = false\nwhere = src\n",
        "rename",
        ("options", "where"),
        "[options]\nzip_safe = false\n\n[options.packages.find]\nwhere = src\n",
        new_path=("options", "packages", "find", "where"),
        creates=frozenset({("options", "packages", "find")}),
    ),
    Case(
        "move into an existing dotted section",
        "[options]\nwhere = src\nzip_safe = false\n\n[options.packages.find]\nexclude = tests\n",
        "rename",
        ("options", "where"),
        "[options]\nzip_safe = false\n\n[options.packages.find]\nexclude = tests\nwhere = src\n",
        new_path=("options", "packages", "find", "where"),
    ),
    Case(
        "add into a missing dotted section",
        "[dten.hybrid]\npeers = 3\n",
        "add",
        None,
        "[dten.hybrid]\npeers = 3\n\n[dten.audit]\nenabled = false\n",
        new_path=("dten", "audit", "enabled"),
        value=False,
        has_value=True,
        creates=frozenset({("dten", "audit")}),
    ),
    Case(
        "rename a dotted section",
        "[dten.legacy]\nk = 1\n",
        "rename",
        ("dten", "legacy"),
        "[dten.compat.v2]\nk = 1\n",
        new_path=("dten", "compat", "v2"),
    ),
    Case(
        "delete keeps the comment lines above",
        "[s]\n# about k\nk = 1\nj = 2\n",
        "delete",
        ("s", "k"),
        "[s]\n# about k\nj = 2\n",
    ),
    Case(
        "delete a multi-line entry",
        "[s]\ndeps =\n    a\n\n    b\nj = 2\n",
        "delete",
        ("s", "deps"),
        "[s]\nj = 2\n",
    ),
    Case(
        "delete the last line of a file without final newline",
        "[s]\nj = 2\nk = 1",
        "delete",
        ("s", "k"),
        "[s]\nj = 2",
    ),
    Case(
        "delete with empty-parent removal removes the section",
        "[a]\nx = 1\n\n[gone]\nk = 1\n\n[c]\nz = 3\n",
        "delete",
        ("gone", "k"),
        "[a]\nx = 1\n\n[c]\nz = 3\n",
        remove_empty_parents=True,
    ),
    Case(
        "delete with empty-parent removal keeps a section that holds a comment",
        "[gone]\n# why\nk = 1\n",
        "delete",
        ("gone", "k"),
        "[gone]\n# why\n",
        remove_empty_parents=True,
    ),
    Case(
        "delete without empty-parent removal keeps the section",
        "[gone]\nk = 1\n",
        "delete",
        ("gone", "k"),
        "[gone]\n",
    ),
    Case(
        "comment-out uses ; in a file that comments with ;",
        "; settings\n[s]\nk = 1\nj = 2\n",
        "comment-out",
        ("s", "k"),
        f"; settings\n[s]\n; {NOTE}\n; k = 1\nj = 2\n",
    ),
    Case(
        "comment-out of a multi-line entry, CRLF",
        "[s]\r\ndeps =\r\n    a\r\n\r\n    b\r\nj = 2\r\n",
        "comment-out",
        ("s", "deps"),
        f"[s]\r\n# {NOTE}\r\n# deps =\r\n#     a\r\n#\r\n#     b\r\nj = 2\r\n",
    ),
    Case(
        "comment-out of the only key leaves an empty section (still a section)",
        "[s]\nk = 1",
        "comment-out",
        ("s", "k"),
        f"[s]\n# {NOTE}\n# k = 1",
    ),
    Case(
        "rename a section",
        "[tool:pytest]\naddopts = -x\n",
        "rename",
        ("tool:pytest",),
        "[pytest]\naddopts = -x\n",
        new_path=("pytest",),
    ),
    Case(
        "delete a section with its keys, keeping the comment above it",
        "[a]\nx = 1\n\n# old stuff\n[old]\nk = 1\n; c\n\n[c]\nz = 3\n",
        "delete",
        ("old",),
        "[a]\nx = 1\n\n# old stuff\n[c]\nz = 3\n",
    ),
    Case(
        "delete the last section",
        "[a]\nx = 1\n\n[old]\nk = 1\n",
        "delete",
        ("old",),
        "[a]\nx = 1\n",
    ),
    Case(
        "comment-out a section",
        "[old]\nk = 1\n\n[c]\nz = 3\n",
        "comment-out",
        ("old",),
        f"# {NOTE}\n# [old]\n# k = 1\n\n[c]\nz = 3\n",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fix(case: Case) -> None:
    plan = plan_fix(parse(case.text), _request(case))
    output = apply_edits(case.text, plan.edits)
    assert output == case.expected
    assert plan.creates == case.creates
    values = _values(output)
    before = _values(case.text)
    written = scalar_text(case.value)
    if case.op == "rename" and case.path in before and case.new_path is not None:
        assert case.path not in values
        assert values[case.new_path] == (written if case.has_value else before[case.path])
    if case.op == "add" and case.new_path is not None:
        assert values[case.new_path] == written
    if case.op == "set-value" and case.path is not None:
        assert values[case.path] == written
    if case.op in ("delete", "comment-out") and case.path is not None:
        assert case.path not in {o.path for o in parse(output).documents[0].occurrences}


CANNOT: list[tuple[str, str, FixOp, tuple[str, ...] | None, tuple[str, ...] | None, Scalar, str]] = [
    (
        "a key with a separator",
        "[s]\nk = 1\n",
        "rename",
        ("s", "k"),
        ("s", "a=b"),
        None,
        "cannot be written as an INI key",
    ),
    (
        "a section name that would not read back",
        "[s]\nk = 1\n",
        "rename",
        ("s", "k"),
        ("a.b", "k"),
        None,
        "cannot be written as an INI section name",
    ),
    ("a multi-line value", "[s]\nk = 1\n", "set-value", ("s", "k"), None, "a\nb", "line breaks"),
    ("a value read as a comment", "[s]\nk = 1\n", "set-value", ("s", "k"), None, "a ;b", "comment"),
    ("a value with outer blanks", "[s]\nk = 1\n", "set-value", ("s", "k"), None, " a", "surrounding spaces"),
    ("null", "[s]\nk = 1\n", "set-value", ("s", "k"), None, None, "null"),
    ("a section onto an existing one", "[s]\n[t]\n", "rename", ("s",), ("t",), None, "already exists"),
    ("a duplicated section", "[s]\n[s]\n", "rename", ("s",), ("t",), None, "more than once"),
    ("a value on a section", "[s]\n", "set-value", ("s",), None, "x", "a section"),
    ("a key into a file without root keys", "[s]\nk = 1\nj = 2\n", "rename", ("s", "k"), ("k",), None, "outside"),
    ("add a root key without root keys", "[s]\nk = 1\n", "add", None, ("top",), "x", "outside"),
]


@pytest.mark.parametrize(
    ("name", "text", "op", "path", "new_path", "value", "reason"), CANNOT, ids=[c[0] for c in CANNOT]
)
def test_cannot_fix(
    name: str,
    text: str,
    op: FixOp,
    path: tuple[str, ...] | None,
    new_path: tuple[str, ...] | None,
    value: Scalar,
    reason: str,
) -> None:
    occurrence = None if path is None else _occurrence(text, path)
    request = FixRequest(op, 0, occurrence, new_path=new_path, value=value, has_value=op != "rename")
    with pytest.raises(CannotFix, match=reason):
        plan_fix(parse(text), request)


def test_moves_of_several_keys_in_passes() -> None:
    """A wildcard move done pass by pass (as the engine does) ends with the old section gone."""
    text = "[tool:pytest]\naddopts = -x\ntestpaths = tests\n\n[flake8]\nk = v\n"
    for key in ("addopts", "testpaths"):
        occurrence = _occurrence(text, ("tool:pytest", key))
        request = FixRequest("rename", 0, occurrence, new_path=("pytest", key))
        text = apply_edits(text, plan_fix(parse(text), request).edits)
    assert text == "[flake8]\nk = v\n\n[pytest]\naddopts = -x\ntestpaths = tests\n"
