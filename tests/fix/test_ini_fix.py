"""Tests for the INI fixer: each request on a given text gives exactly the expected text."""

from __future__ import annotations

from functools import partial

from fix import reparse
from keyshift.core.edits import FixRequest, apply_edits
from keyshift.formats.ini.fix import plan_fix
from keyshift.formats.ini.parse import parse
from support.fix_cases import FixCase, check_fix, find_occurrence, refusal
from support.tables import each_case

NOTE = "keyshift: removed in 2.0"
fix_case = partial(FixCase, note=NOTE)

CASES: list[FixCase] = [
    fix_case(
        "rename in place",
        "[flake8]\nmax-line-length = 100  ; long\nselect = E\n",
        "rename",
        ("flake8", "max-line-length"),
        "[flake8]\nmax_line_length = 100  ; long\nselect = E\n",
        new_path=("flake8", "max_line_length"),
    ),
    fix_case(
        "rename in place with a new value, keeping the comment",
        "[dten]\nlegacy_mode=on # old\n",
        "rename",
        ("dten", "legacy_mode"),
        "[dten]\nenable=true # old\n",
        new_path=("dten", "enable"),
        value=True,
        has_value=True,
    ),
    fix_case(
        "rename a key before any section",
        "old = 1\n[s]\nk = v\n",
        "rename",
        ("old",),
        "new = 1\n[s]\nk = v\n",
        new_path=("new",),
    ),
    fix_case(
        "move to an existing section, with its comment lines, after that section's last key",
        "[a]\nx = 1\n# about y\n# more\ny = 2\n\n[b]\nz = 3\n# trailing\n",
        "rename",
        ("a", "y"),
        "[a]\nx = 1\n\n[b]\nz = 3\n# about y\n# more\ny = 2\n# trailing\n",
        new_path=("b", "y"),
    ),
    fix_case(
        "move creating the section at the end, after a blank line",
        "[a]\nx = 1\ny = 2\n",
        "rename",
        ("a", "x"),
        "[a]\ny = 2\n\n[c]\nx = 1\n",
        new_path=("c", "x"),
        creates=frozenset({("c",)}),
    ),
    fix_case(
        "move creating a section in a file that writes sections without blank lines",
        "[a]\nx = 1\ny = 2\n[b]\nz = 3\n",
        "rename",
        ("a", "x"),
        "[a]\ny = 2\n[b]\nz = 3\n[c]\nx = 1\n",
        new_path=("c", "x"),
        creates=frozenset({("c",)}),
    ),
    fix_case(
        "the only key of a section moved to a new section: the header is renamed in place",
        "[tool:pytest]\naddopts = -x\n\n[flake8]\nk = v\n",
        "rename",
        ("tool:pytest", "addopts"),
        "[pytest]\naddopts = -x\n\n[flake8]\nk = v\n",
        new_path=("pytest", "addopts"),
        creates=frozenset({("pytest",)}),
    ),
    fix_case(
        "the only key of a middle section moved to an existing one: the emptied section goes",
        "[a]\nx = 1\n\n[old]\ny = 2\n\n[c]\nz = 3\n",
        "rename",
        ("old", "y"),
        "[a]\nx = 1\ny = 2\n\n[c]\nz = 3\n",
        new_path=("a", "y"),
    ),
    fix_case(
        "the only key of the last section moved up, no final newline",
        "[a]\nx = 1\n\n[old]\ny = 2",
        "rename",
        ("old", "y"),
        "[a]\nx = 1\ny = 2",
        new_path=("a", "y"),
    ),
    fix_case(
        "a section holding a comment is kept when its key moves",
        "[a]\nx = 1\n[old]\n; keep me\n\ny = 2\n",
        "rename",
        ("old", "y"),
        "[a]\nx = 1\ny = 2\n[old]\n; keep me\n\n",
        new_path=("a", "y"),
    ),
    fix_case(
        "a multi-line value moves whole",
        "[options]\nname = x\ninstall_requires =\n    a\n    b\n[extra]\nk = 1\n",
        "rename",
        ("options", "install_requires"),
        "[options]\nname = x\n[extra]\nk = 1\ndeps =\n    a\n    b\n",
        new_path=("extra", "deps"),
    ),
    fix_case(
        "move into an empty section goes right after its header (CRLF)",
        "[a]\r\nx = 1\r\ny = 2\r\n[b]\r\n[c]\r\n",
        "rename",
        ("a", "x"),
        "[a]\r\ny = 2\r\n[b]\r\nx = 1\r\n[c]\r\n",
        new_path=("b", "x"),
    ),
    fix_case(
        "move to the root after the last key before any section",
        "top = 1\n[a]\nx = 1\ny = 2\n",
        "rename",
        ("a", "y"),
        "top = 1\ny = 2\n[a]\nx = 1\n",
        new_path=("y",),
    ),
    fix_case(
        "set-value keeps the spacing and the inline comment",
        "[s]\nk   =   old   ; c\n",
        "set-value",
        ("s", "k"),
        "[s]\nk   =   new   ; c\n",
        value="new",
        has_value=True,
    ),
    fix_case(
        "set-value of an empty value",
        "[s]\na =\nb:\nc=\n",
        "set-value",
        ("s", "a"),
        "[s]\na = 1\nb:\nc=\n",
        value=1,
        has_value=True,
    ),
    fix_case(
        "set-value of an empty value before an inline comment",
        "[s]\nc= ; note\n",
        "set-value",
        ("s", "c"),
        "[s]\nc=false ; note\n",
        value=False,
        has_value=True,
    ),
    fix_case(
        "set-value of a multi-line value puts it on the key line",
        "[s]\ndeps =\n    a\n    b\nnext = 1\n",
        "set-value",
        ("s", "deps"),
        "[s]\ndeps = c\nnext = 1\n",
        value="c",
        has_value=True,
    ),
    fix_case(
        "set-value to the empty string",
        "[s]\nk = v\n",
        "set-value",
        ("s", "k"),
        "[s]\nk =\n",
        value="",
        has_value=True,
    ),
    fix_case(
        "add after the last key of a section, before its trailing comment, with the file's separator",
        "[s]\na=1\nb=2\n# end of s\n\n[t]\nc=3\n",
        "add",
        None,
        "[s]\na=1\nb=2\nnew=yes\n# end of s\n\n[t]\nc=3\n",
        new_path=("s", "new"),
        value="yes",
        has_value=True,
    ),
    fix_case(
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
    fix_case(
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
    fix_case(
        "add goes to the last of duplicate sections",
        "[s]\na: 1\n[t]\n[s]\nb: 2\n",
        "add",
        None,
        "[s]\na: 1\n[t]\n[s]\nb: 2\nc: 3\n",
        new_path=("s", "c"),
        value=3,
        has_value=True,
    ),
    fix_case(
        "move into a new dotted section",
        "[options]\nzip_safe = false\nwhere = src\n",
        "rename",
        ("options", "where"),
        "[options]\nzip_safe = false\n\n[options.packages.find]\nwhere = src\n",
        new_path=("options", "packages", "find", "where"),
        creates=frozenset({("options", "packages", "find")}),
    ),
    fix_case(
        "move into an existing dotted section",
        "[options]\nwhere = src\nzip_safe = false\n\n[options.packages.find]\nexclude = tests\n",
        "rename",
        ("options", "where"),
        "[options]\nzip_safe = false\n\n[options.packages.find]\nexclude = tests\nwhere = src\n",
        new_path=("options", "packages", "find", "where"),
    ),
    fix_case(
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
    fix_case(
        "rename a dotted section",
        "[dten.legacy]\nk = 1\n",
        "rename",
        ("dten", "legacy"),
        "[dten.compat.v2]\nk = 1\n",
        new_path=("dten", "compat", "v2"),
    ),
    fix_case(
        "delete keeps the comment lines above",
        "[s]\n# about k\nk = 1\nj = 2\n",
        "delete",
        ("s", "k"),
        "[s]\n# about k\nj = 2\n",
    ),
    fix_case(
        "delete a multi-line entry",
        "[s]\ndeps =\n    a\n\n    b\nj = 2\n",
        "delete",
        ("s", "deps"),
        "[s]\nj = 2\n",
    ),
    fix_case(
        "delete the last line of a file without final newline",
        "[s]\nj = 2\nk = 1",
        "delete",
        ("s", "k"),
        "[s]\nj = 2",
    ),
    fix_case(
        "delete with empty-parent removal removes the section",
        "[a]\nx = 1\n\n[gone]\nk = 1\n\n[c]\nz = 3\n",
        "delete",
        ("gone", "k"),
        "[a]\nx = 1\n\n[c]\nz = 3\n",
        remove_empty_parents=True,
    ),
    fix_case(
        "delete with empty-parent removal keeps a section that holds a comment",
        "[gone]\n# why\nk = 1\n",
        "delete",
        ("gone", "k"),
        "[gone]\n# why\n",
        remove_empty_parents=True,
    ),
    fix_case(
        "delete without empty-parent removal keeps the section",
        "[gone]\nk = 1\n",
        "delete",
        ("gone", "k"),
        "[gone]\n",
    ),
    fix_case(
        "comment-out uses ; in a file that comments with ;",
        "; settings\n[s]\nk = 1\nj = 2\n",
        "comment-out",
        ("s", "k"),
        f"; settings\n[s]\n; {NOTE}\n; k = 1\nj = 2\n",
    ),
    fix_case(
        "comment-out of a multi-line entry, CRLF",
        "[s]\r\ndeps =\r\n    a\r\n\r\n    b\r\nj = 2\r\n",
        "comment-out",
        ("s", "deps"),
        f"[s]\r\n# {NOTE}\r\n# deps =\r\n#     a\r\n#\r\n#     b\r\nj = 2\r\n",
    ),
    fix_case(
        "comment-out of the only key leaves an empty section (still a section)",
        "[s]\nk = 1",
        "comment-out",
        ("s", "k"),
        f"[s]\n# {NOTE}\n# k = 1",
    ),
    fix_case(
        "rename a section",
        "[tool:pytest]\naddopts = -x\n",
        "rename",
        ("tool:pytest",),
        "[pytest]\naddopts = -x\n",
        new_path=("pytest",),
    ),
    fix_case(
        "delete a section with its keys, keeping the comment above it",
        "[a]\nx = 1\n\n# old stuff\n[old]\nk = 1\n; c\n\n[c]\nz = 3\n",
        "delete",
        ("old",),
        "[a]\nx = 1\n\n# old stuff\n[c]\nz = 3\n",
    ),
    fix_case(
        "delete the last section",
        "[a]\nx = 1\n\n[old]\nk = 1\n",
        "delete",
        ("old",),
        "[a]\nx = 1\n",
    ),
    fix_case(
        "comment-out a section",
        "[old]\nk = 1\n\n[c]\nz = 3\n",
        "comment-out",
        ("old",),
        f"# {NOTE}\n# [old]\n# k = 1\n\n[c]\nz = 3\n",
    ),
]


@each_case(CASES)
def test_fix(case: FixCase) -> None:
    check_fix(case, parse, plan_fix, reparse.ini)


CANNOT: list[FixCase] = [
    FixCase(
        "a key with a separator",
        "[s]\nk = 1\n",
        "rename",
        ("s", "k"),
        "cannot be written as an INI key",
        new_path=("s", "a=b"),
    ),
    FixCase(
        "a section name that would not read back",
        "[s]\nk = 1\n",
        "rename",
        ("s", "k"),
        "cannot be written as an INI section name",
        new_path=("a.b", "k"),
    ),
    FixCase("a multi-line value", "[s]\nk = 1\n", "set-value", ("s", "k"), "line breaks", value="a\nb", has_value=True),
    FixCase(
        "a value read as a comment", "[s]\nk = 1\n", "set-value", ("s", "k"), "comment", value="a ;b", has_value=True
    ),
    FixCase(
        "a value with outer blanks",
        "[s]\nk = 1\n",
        "set-value",
        ("s", "k"),
        "surrounding spaces",
        value=" a",
        has_value=True,
    ),
    FixCase("null", "[s]\nk = 1\n", "set-value", ("s", "k"), "null", has_value=True),
    FixCase("a section onto an existing one", "[s]\n[t]\n", "rename", ("s",), "already exists", new_path=("t",)),
    FixCase("a duplicated section", "[s]\n[s]\n", "rename", ("s",), "more than once", new_path=("t",)),
    FixCase("a value on a section", "[s]\n", "set-value", ("s",), "a section", value="x", has_value=True),
    FixCase(
        "a key into a file without root keys", "[s]\nk = 1\nj = 2\n", "rename", ("s", "k"), "outside", new_path=("k",)
    ),
    FixCase(
        "add a root key without root keys",
        "[s]\nk = 1\n",
        "add",
        None,
        "outside",
        new_path=("top",),
        value="x",
        has_value=True,
    ),
]


@each_case(CANNOT)
def test_cannot_fix(case: FixCase) -> None:
    assert case.expected in refusal(case, parse, plan_fix)


def test_moves_of_several_keys_in_passes() -> None:
    """A wildcard move done pass by pass (as the engine does) ends with the old section gone."""
    text = "[tool:pytest]\naddopts = -x\ntestpaths = tests\n\n[flake8]\nk = v\n"
    for key in ("addopts", "testpaths"):
        occurrence = find_occurrence(parse(text), ("tool:pytest", key))
        request = FixRequest("rename", 0, occurrence, new_path=("pytest", key))
        text = apply_edits(text, plan_fix(parse(text), request).edits)
    assert text == "[flake8]\nk = v\n\n[pytest]\naddopts = -x\ntestpaths = tests\n"
