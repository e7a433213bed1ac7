"""The two Python parsers agree: ``parse`` (CPython's ``ast``, the check path) and ``parse_round_trip``
(libcst, whose tree the fixer edits) give the same documents, occurrence by occurrence, and the same
tree, or the same syntax error, over every Python text the test suite has.  ``keyshift check`` never
imports libcst; ``keyshift fix`` still fixes Python files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from fix.test_python_fix import REFUSED_CASES, RENAME_CASES
from formats.test_python_format import OCCURRENCE_CASES, SYNTAX_ERROR_CASES
from helpers import write_tree
from keyshift.core.model import ConfigSyntaxError, ParsedFile
from keyshift.formats.python.parse import parse, parse_round_trip
from support.parsing import Parse
from support.rows import at
from support.tables import each_row

REPO = Path(__file__).resolve().parents[2]

# spellings where CPython's tree and libcst's differ in shape: each must still give the same occurrences
AGREEMENT_CASES: list[tuple[str, str]] = [
    ("f-strings side by side", "x = f\"{cfg['a.b.c']}\" f\"{x['d.e.f']}\"\n"),
    ("placeholders over lines", "x = f'''a\n{\n  cfg['a']['b']}'''\n"),
    ("a concatenation over lines", "x = ('x'\n  f'''a\n{\n  cfg['a']['b']}''')\n"),
    ("the same literal twice in an f-string", "x = f\"{'a.b.c'}{'a.b.c'}\"\n"),
    ("the same chain twice in an f-string", "x = f\"{cfg['a']['b']} and {cfg['a']['b']}\"\n"),
    ("a string spelling a placeholder before an f-string", "x = (\"{'a.b.c'}\"\n     f\"{'a.b.c'}\")\n"),
    ("placeholders after escapes and wide characters", "x = f\"é{x}\\n{'a.b.c'}\\\n{'d.e.f'}\"\n"),
    ("a literal in a format spec", "x = f\"{x:{'a.b.c'}}\"\n"),
    ("a format spec is not a literal", 'x = f"{x:a.b.c}"\n'),
    ("an f-string in a placeholder", "x = f\"{f'a.b.c'}\"\n"),
    ("an escape that spells a brace", 'x = f"a\\N{FULL STOP}b.c"\n'),
    ("escaped braces", 'x = f"{{a.b.c}}"\n'),
    ("an f-string and a string", 'x = f"a.b.c" "d"\ny = "a.b.c" f"d"\n'),
    ("debug placeholders", 'x = f"{x=}" "a.b.c"\ny = f"{x = }a.b.c"\n'),
    ("a one-element key with a trailing comma", 'x = cfg["a",]["b"]\ny = cfg[("a"),]["b"]\n'),
    ("a parenthesized tuple is no key", 'x = cfg[("a",)]["b"]\n'),
    ("a trailing comma before a comment", 'x = cfg["a" ,  # c\n]["b"]\n'),
    ("integer spellings", 'x = cfg[0x1F]["a"][0b1]["b"][1_0]\n'),
    ("booleans and negatives break a chain", 'x = cfg["a"][True]["b"]\ny = cfg["a"][-1]["b"]["c"]\n'),
    ("starred and keyword arguments", 'x = cfg.get("a").get(*b).get("c").get("d")\ny = cfg.get(k=1, *b).get("e")\n'),
    ("an integer .get", 'x = cfg.get(0).get("c").get("d")\n'),
    ("concatenated keys", 'x = cfg["a" "b"]["c"]["d"]\ny = cfg[("a"\n "b")]["c"]["d"]\n'),
    ("a byte order mark", '\ufeffx = "a.b.c"; y = "é"; z = "d.e.f"\n'),
    ("wide characters", 'x = "😀"; y = "a.b.c"\ny = "😀😀", cfg["a"]["😀"], cfg["é"]["b"]["c"]\n'),
    ("tabs and form feeds", 'x\t=\t"a.b.c"\nx = 1\x0cy = "a.b.c"\n'),
    ("a continuation inside a string", 'x = "a\\\nb.c"\n'),
    ("a lone CR inside the file", 'x = 1\ry = "a.b.c"\rz = cfg["a"]\\\r["b"]\n'),
    ("CRs inside triple quotes", 'x = """a\rb""" "c"; y = "d.e.f"\nz = """a\r\nb"""; w = "g.h.i"\n'),
    ("NUL bytes in a comment and a string", '# \x00\nb = "a.b\x00c"; c = "d.e.f"\n'),
    ("NUL bytes in code", 'b = "a.b.c"\x00\n'),
    ("raw strings ending in backslashes", "x = r'a\\'.b'\ny = 'a.b\\\\'; z = 'c.d.e'\n"),
    ("a chain inside a chain", 'x = cfg[y["a"]["b"]]["c"]\ny = cfg.get(y["a"]["b"])["c"]\n'),
    ("a chain after a call", 'x = cfg["a"]["b"].get("c")["d"][x]["e"]["f"]\n'),
    ("patterns and annotations", 'match x:\n    case {"a.b.c": 1}: pass\n    case "D_E_F": pass\ny: "g.h" = 1\n'),
    ("defaults and return annotations", 'def f(a="a.b.c", *, b="d.e.f") -> "g.h.i": pass\n'),
    ("dict unpacking", 'x = {**cfg["a"]["b"], "c.d": 1}\n'),
    ("except star", 'try:\n    pass\nexcept* E:\n    x = "a.b.c"\n'),
]
if sys.version_info >= (3, 12):  # PEP 701 f-strings and PEP 695 type parameters
    AGREEMENT_CASES += [
        ("nested quotes in an f-string", 'x = f"{cfg["a"]["b"]}" f"{f"{cfg["d"]["e"]}"}"\n'),
        ("an f-string placeholder over lines", 'x = f"{cfg[\n  "a.b.c"  # comment\n]}"\n'),
        ("type parameters", 'type T[X] = dict["a.b.c", X]\ndef f[T](x: "a.b.c"): pass\n'),
    ]

# files libcst reads back wrong or cannot parse, although they are valid Python: the check path reads
# them; the fixer refuses them (its parser raises), as it did before there were two parsers
LIBCST_REFUSES: list[tuple[str, str, list[str]]] = [
    ("a comment ending in a backslash at the end", 'x = "a.b.c"  # comment\\\n', ["a.b.c"]),
    ("a form feed before the first statement", '\x0cx = "a.b.c"\n', ["a.b.c"]),
    ("a space before an except clause's colon", 'try:\n    x = 1\nexcept E :\n    y = "a.b.c"\n', ["a.b.c"]),
]


def _outcome(parse: Parse, text: str) -> ParsedFile[Any] | tuple[str, int, int]:
    try:
        return parse(text)
    except ConfigSyntaxError as error:
        return error.message, error.line, error.column


def assert_parsers_agree(text: str) -> None:
    """Both parsers give the same documents and tree, occurrence by occurrence, or the same syntax error."""
    fast, slow = _outcome(parse, text), _outcome(parse_round_trip, text)
    if not isinstance(fast, ParsedFile) or not isinstance(slow, ParsedFile):
        assert fast == slow
        return
    assert len(fast.documents) == len(slow.documents) == 1
    ((ours, theirs),) = zip(fast.documents, slow.documents, strict=True)
    assert (ours.index, ours.span, ours.root_kind) == (theirs.index, theirs.span, theirs.root_kind)
    assert [(o.found, at(o.key_span)) for o in ours.occurrences] == [
        (o.found, at(o.key_span)) for o in theirs.occurrences
    ]
    for mine, other in zip(ours.occurrences, theirs.occurrences, strict=True):
        assert mine == other
    assert fast.tree.refs == slow.tree.refs
    assert (fast.format, fast.text, fast.typed) == (slow.format, slow.text, slow.typed)


def _table_texts() -> list[tuple[str, str]]:
    """The Python texts of the format and fixer tables (the fixers' outputs too)."""
    texts = [(f"format: {name}", text) for name, text, _ in OCCURRENCE_CASES]
    texts += [(f"syntax error: {row[0]}", row[1]) for row in SYNTAX_ERROR_CASES]
    texts += [(f"rename: {case.name}", case.text) for case in RENAME_CASES]
    texts += [(f"renamed: {case.name}", case.expected) for case in RENAME_CASES]
    texts += [(f"refused: {case.name}", case.text) for case in REFUSED_CASES]
    return texts + [(f"agreement: {name}", text) for name, text in AGREEMENT_CASES]


def _file_texts() -> list[tuple[str, str]]:
    """Every Python file of the repository's sources, tests (the fix corpus included) and examples."""
    files = sorted({path for folder in ("src", "tests", "examples") for path in (REPO / folder).rglob("*.py")})
    return [(str(path.relative_to(REPO)), path.read_bytes().decode("utf-8")) for path in files]


FILES = _file_texts()


@each_row("text", _table_texts())
def test_both_parsers_agree_on_the_test_tables(text: str) -> None:
    assert_parsers_agree(text)


def test_the_repository_files_include_the_examples_the_sources_and_the_fix_corpus() -> None:
    names = {name for name, _ in FILES}
    assert {"examples/app/settings.py", "src/keyshift/formats/python/keys.py", __file__[len(str(REPO)) + 1 :]} <= names
    assert len([name for name in names if name.startswith("tests/fix_corpus/python-")]) >= 12


@each_row("text", FILES)
def test_both_parsers_agree_on_every_python_file_of_the_repository(text: str) -> None:
    assert_parsers_agree(text)


@each_row(("text", "found"), LIBCST_REFUSES)
def test_the_check_path_reads_valid_python_libcst_cannot(text: str, found: list[str]) -> None:
    assert [o.found for o in parse(text).documents[0].occurrences] == found
    with pytest.raises(ConfigSyntaxError):
        parse_round_trip(text)


MATRIX = """\
[product]
name = "dten"
versions = ["2.4", "3.0"]
to = "3.0"

[keys."dten.hybrid.legacy_mode"]
removed = "3.0"
replaced-by = "dten.hybrid.enable"

[keys."dten.sync.backoff"]
removed = "3.0"
replaced-by = "dten.sync.retry_backoff"
"""

APP = 'import os\nmode = config.get("dten.hybrid.legacy_mode")\nwait = cfg["dten"]["sync"]["backoff"]\n'


def _run_keyshift(root: Path, *args: str) -> tuple[Any, bool]:
    """Run the keyshift CLI in a new interpreter: its JSON report, and whether libcst was imported."""
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('libcst' in sys.modules, file=sys.stderr))\n"
        f"sys.argv = ['keyshift', *{list(args)!r}]\n"
        "from keyshift.cli import main\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, env=env, check=False)
    imported = done.stderr.strip().splitlines()[-1]
    assert imported in {"True", "False"}, done.stderr
    return json.loads(done.stdout), imported == "True"


def test_check_never_imports_libcst_and_fix_still_fixes_python(tmp_path: Path) -> None:
    write_tree(tmp_path, {"deprecations.toml": MATRIX, "app/main.py": APP, "app/other.py": "print('hello')\n"})
    report, imported = _run_keyshift(tmp_path, "check", "--format", "json")
    found = [(f["path"], f["line"], f["column"], f["key"]) for f in report["findings"]]
    assert found == [
        ("app/main.py", 2, 19, "dten.hybrid.legacy_mode"),
        ("app/main.py", 3, 12, "dten.sync.backoff"),
    ]
    assert not imported
    report, imported = _run_keyshift(tmp_path, "fix", "--format", "json")
    assert imported
    assert (tmp_path / "app/main.py").read_text() == (
        'import os\nmode = config.get("dten.hybrid.enable")\nwait = cfg["dten"]["sync"]["retry_backoff"]\n'
    )
