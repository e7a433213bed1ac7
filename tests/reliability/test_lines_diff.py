"""``fix --diff`` is exactly what the real ``patch -p1`` applies to give the bytes ``fix`` writes.

Lines are keyshift's (``\\n`` ends one, nothing else does), so every character ``str.splitlines()``
breaks at (a lone CR, VT, FF, FS, GS, RS, NEL, LS, PS) stays inside its line; a BOM is part of
line 1 on both sides.  Each table runs over LF and CRLF files.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from helpers import write_tree
from keyshift.fix.diff import unified_diff, write_diff
from support.line_breaks import MATRIX, ODD_BREAKS
from support.patching import GNU_PATCH, needs_patch, patched, run_bytes
from support.tables import each_row

BOM = "\ufeff".encode()
NEWLINES = pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["LF", "CRLF"])
CHARS = pytest.mark.parametrize("char", list(ODD_BREAKS.values()), ids=list(ODD_BREAKS))


def two_changes(nl: str, char: str, where: str) -> tuple[str, str]:
    """A file holding ``char`` in its middle (on changed lines and on context lines) or as its very
    last character, and the same file with line 1, one middle line and the last line changed."""
    filler = "".join(f"f{i}: 0{nl}" for i in range(8))
    if where == "middle":
        before = f"k: 1{nl}a{char}b: 0{nl}{filler}m: x{char}y{nl}c{char}: 0{nl}{filler}z: 3{nl}"
    else:
        before = f"k: 1{nl}{filler}m: 1{nl}{filler}z: 3{char}"
    after = before.replace("k: 1", "k: 2").replace("m: ", "m: new ").replace("z: 3", "z: 4")
    return before, after


@needs_patch
@NEWLINES
@CHARS
@pytest.mark.parametrize("where", ["middle", "end"])
@pytest.mark.parametrize("has_bom", [False, True], ids=["no BOM", "BOM"])
def test_the_diff_applies_over_every_odd_break(tmp_path: Path, nl: str, char: str, where: str, has_bom: bool) -> None:
    before, after = two_changes(nl, char, where)
    bom = BOM if has_bom else b""
    diff = unified_diff("conf/app.txt", before, after, has_bom=has_bom)
    assert diff.count("\\ No newline at end of file") == (2 if where == "end" else 0)
    assert patched(tmp_path, "conf/app.txt", bom + before.encode(), diff.encode()) == bom + after.encode()


@needs_patch
@pytest.mark.parametrize(
    ("before", "after"),
    [("a\n", "b"), ("a", "b\n"), ("a\r", "a\rb\n"), ("x\n", "\ufeffx\n"), ("", "a\n"), ("a\nb\n", "a\n")],
)
def test_the_diff_applies_across_final_newlines(tmp_path: Path, before: str, after: str) -> None:
    diff = unified_diff("f.txt", before, after, has_bom=False)
    assert patched(tmp_path, "f.txt", before.encode(), diff.encode()) == after.encode()


def test_the_bom_starts_line_1_on_both_sides() -> None:
    assert unified_diff("d.yaml", "a: 1\nb: 2\n", "a: 2\nb: 2\n", has_bom=True) == (
        "--- a/d.yaml\n+++ b/d.yaml\n@@ -1,2 +1,2 @@\n-\ufeffa: 1\n+\ufeffa: 2\n b: 2\n"
    )


NAME_CASES: list[tuple[str, str, str]] = [
    ("plain", "conf/a.env", "a/conf/a.env"),
    ("a space: a tab ends the name", "my conf/a b.env", "a/my conf/a b.env\t"),
    ("a tab: quoted", "a\tb.env", '"a/a\\tb.env"'),
    ("a quote and a backslash: quoted", 'q"b\\s.env', '"a/q\\"b\\\\s.env"'),
    ("another control character: octal", "a\x01b.env", '"a/a\\001b.env"'),
    ("non-ASCII stays as it is", "é.env", "a/é.env"),
]


@each_row(("name", "header"), NAME_CASES)
def test_file_names_in_the_header(tmp_path: Path, name: str, header: str) -> None:
    diff = unified_diff(name, "A=1\n", "A=2\n", has_bom=False)
    assert diff.splitlines()[0] == "--- " + header
    if GNU_PATCH:
        assert patched(tmp_path, name, b"A=1\n", diff.encode()) == b"A=2\n"


def test_the_diff_is_written_as_utf8_whatever_the_stream_encoding() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    stream.write("before ")
    write_diff(stream, "+\ufeffé\u2028\n")
    assert raw.getvalue() == "before +\ufeffé\u2028\n".encode()


# -- through the command line: fix --diff, patch, and fix on the same files ------------------------

ALL = "".join(ODD_BREAKS.values())
YAML_SAFE = "\x85\u2028\u2029"
"""The odd breaks YAML reads as characters inside a quoted scalar (and TOML in a comment or string)."""

# (file name, a text with {c} in its comments and values, and what goes there: the odd breaks the format reads there)
CLI_CASES: list[tuple[str, str, str]] = [
    *(("conf.env", "# head{c}note\nA_B=1 # x{c}y\nA_GONE=2\nZ=3{c}", char) for char in ODD_BREAKS.values()),
    ("conf.ini", "[a]\nb = 1 ; x{c}y\ngone = 2\n", ALL),
    ("conf.sh", "export A_B=1 # x{c}y\nexport A_GONE=2 # {c}\n", ALL),
    ("notes.md", "Set a.b{c} here; a.b again.{c}", ALL),
    ("conf.properties", "a.b=1\nq=x{c}y\na.gone=2\n", ALL),
    ("conf.yaml", 'a:\n  b: 1\n  note: "x{c}y"\n  gone: 2 # {c}\n', YAML_SAFE),
    ("conf.toml", '[a]\nb = 1 # x{c}y\nnote = "{c}"\ngone = 2\n', YAML_SAFE),
    ("conf.json", '{{"a": {{"b": 1,{c}"gone": 2}}}}\n', "\r"),
]


def assert_diff_patches_to_fix(tmp_path: Path, name: str, content: bytes) -> None:
    work = tmp_path / "work"
    write_tree(tmp_path, {"matrix.toml": MATRIX, f"work/{name}": content})
    command = ["fix", "-m", str(tmp_path / "matrix.toml"), "--no-cache", "--unsafe"]
    code, diff, stderr = run_bytes([*command, "--diff", "."], work)
    assert code == 1, stderr
    code, _, stderr = run_bytes([*command, "."], work)
    assert "left unchanged" not in stderr, stderr
    written = (work / name).read_bytes()
    assert written != content
    assert patched(tmp_path / "patched", name, content, diff) == written


@needs_patch
@NEWLINES
@pytest.mark.parametrize(
    ("name", "template", "chars"), [pytest.param(*case, id=f"{case[0]}-{case[2]!r}") for case in CLI_CASES]
)
def test_fix_diff_patches_to_what_fix_writes(tmp_path: Path, name: str, template: str, chars: str, nl: str) -> None:
    assert_diff_patches_to_fix(tmp_path, name, template.format(c=chars).replace("\n", nl).encode())


@needs_patch
@pytest.mark.parametrize(
    ("name", "text"),
    [("conf.yaml", "a.b: on\nx: 1\n"), ("conf.env", "A_B=1\r\nA_GONE=2\u2028\r\n"), ("conf.json", '{"a.b": 1}')],
)
def test_fix_diff_of_a_file_with_a_bom_patches_line_1(tmp_path: Path, name: str, text: str) -> None:
    assert_diff_patches_to_fix(tmp_path, name, BOM + text.encode())
