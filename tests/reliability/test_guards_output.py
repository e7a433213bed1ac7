"""Issue 10, defects 3 and 4: globs refused where they are given; reports written on any stdout encoding.

A glob pathspec turns into a regex that does not compile (``[z-a]``) is refused when the option or the matrix is
read, and a ``.gitignore`` line like it is dropped, as git does.  A lone surrogate (a YAML or JSON
``"\\ud800"`` escape) in a key or value is written as its escape by every reporter, on a UTF-8, Latin-1 or
ASCII stdout, and ``fix`` refuses to write it into a file rather than crash after writing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import run_cli, write_tree
from keyshift.core.globs import glob_problem
from keyshift.report import one_line, printable
from support.tables import each_row

MATRIX = """\
[product]
name = "fz"
files = ["app.yaml", "app.json"]
to = "2.0"

[keys."fz.plugins.*.path"]
removed = "2.0"
replaced-by = "fz.plugins.*.location"

[keys."fz.legacy.**"]
removed = "2.0"
replaced-by = "fz.modern.**"

[keys."fz.level"]
required = "2.0"
expect = 3
"""


@each_row(
    ("glob", "problem"),
    [
        ("fine", "conf/*.yaml", None),
        ("reversed-range", "[z-a]", "bad character range z-a"),
        ("reversed-range-in-a-path", "conf/[9-0].yaml", "bad character range 9-0"),
        ("lone-bang", "!", "Invalid git pattern: '!'"),
        ("lone-backslash", "\\", "Invalid git pattern: '\\\\'"),
    ],
)
def test_glob_problem(glob: str, problem: str | None) -> None:
    assert glob_problem(glob) == problem


@pytest.mark.parametrize("flag", ["--include", "--exclude"])
def test_an_include_or_exclude_glob_that_does_not_compile_is_a_usage_error(tmp_path: Path, flag: str) -> None:
    write_tree(tmp_path, {"m.toml": MATRIX, "app.yaml": "a: 1\n"})
    result = run_cli(["check", "-m", "m.toml", flag, "*.yaml", flag, "[z-a]", "."], tmp_path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"keyshift: error: {flag} '[z-a]': invalid glob: bad character range z-a\n"


def test_a_gitignore_line_that_does_not_compile_is_dropped(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {".git/": "", ".gitignore": "[z-a]\nignored.yaml\n", "m.toml": MATRIX, "app.yaml": "fz:\n  level: 2\n"},
    )
    write_tree(tmp_path, {"ignored.yaml": "fz:\n  level: 2\n"})
    result = run_cli(["check", "-m", "m.toml", "--format", "concise", "--no-cache", "."], tmp_path)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == "app.yaml:2:10: KS202 [error] mismatch fz.level fz.level must be 3 from 2.0; found 2\n"


@each_row(
    ("text", "line", "shown"),
    [
        ("high-surrogate", "a.\ud800.b", "a.\\ud800.b", "a.\ufffd.b"),
        ("low-surrogate", "\udc00", "\\udc00", "\ufffd"),
        ("a-path-that-is-not-utf-8", "conf/\udcff.yaml", "conf/\\udcff.yaml", "conf/\ufffd.yaml"),
        ("escape-and-newline", "a\x1b[31m\nb", "a\ufffd[31m b", "a\ufffd[31m b"),
        ("plain", "caf\u00e9", "caf\u00e9", "caf\u00e9"),
    ],
)
def test_one_line_escapes_a_lone_surrogate_and_printable_replaces_it(text: str, line: str, shown: str) -> None:
    assert one_line(text) == line
    assert printable(text) == shown


YAML = 'fz:\n  plugins:\n    "\\ud800":\n      path: x\n  level: "\\udc00"\n'
JSON = '{"fz": {"level": "\\udc00", "legacy": {"\\ud800": 1}}}\n'


def _keyshift(args: list[str], cwd: Path, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "keyshift", *args], cwd=cwd, env=env, capture_output=True, check=False, timeout=120
    )


CONCISE = (
    "app.yaml:4:7: KS102 [error] renamed fz.plugins.*.path fz.plugins.\\ud800.path was removed in 2.0; "
    "use fz.plugins.\\ud800.location\n"
    "app.yaml:5:10: KS202 [error] mismatch fz.level fz.level must be 3 from 2.0; found \\udc00\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", "ascii"])
def test_every_reporter_writes_a_lone_surrogate_on_any_stdout_encoding(tmp_path: Path, encoding: str) -> None:
    write_tree(tmp_path, {"m.toml": MATRIX, "app.yaml": YAML})
    concise = _keyshift(["check", "-m", "m.toml", "--no-cache", "--format", "concise", "app.yaml"], tmp_path, encoding)
    assert (concise.returncode, concise.stderr, concise.stdout.decode(encoding)) == (1, b"", CONCISE)
    text = _keyshift(["check", "-m", "m.toml", "--no-cache", "app.yaml"], tmp_path, encoding)
    assert (text.returncode, text.stderr) == (1, b"")
    assert "  5:10  error    KS202  mismatch  fz.level must be 3 from 2.0; found \\udc00\n" in text.stdout.decode(
        encoding
    )
    as_json = _keyshift(["check", "-m", "m.toml", "--no-cache", "--format", "json", "app.yaml"], tmp_path, encoding)
    assert [f["key"] for f in json.loads(as_json.stdout)["findings"]] == ["fz.plugins.*.path", "fz.level"]


def test_an_accent_on_an_ascii_stdout_is_escaped(tmp_path: Path) -> None:
    write_tree(tmp_path, {"m.toml": MATRIX, "app.yaml": "fz:\n  level: caf\u00e9\n"})
    result = _keyshift(["check", "-m", "m.toml", "--no-cache", "--format", "concise", "app.yaml"], tmp_path, "ascii")
    assert (
        result.stdout == b"app.yaml:2:10: KS202 [error] mismatch fz.level fz.level must be 3 from 2.0; found caf\\xe9\n"
    )


def test_fix_writes_a_file_with_a_surrogate_escape_and_reports_it(tmp_path: Path) -> None:
    write_tree(tmp_path, {"m.toml": MATRIX, "app.yaml": YAML})
    result = _keyshift(["fix", "-m", "m.toml", "--no-cache", "--format", "concise", "app.yaml"], tmp_path, "utf-8")
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode() == (
        "fixed app.yaml:4:7 KS102 fz.plugins.\\ud800.path -> fz.plugins.\\ud800.location\n"
        "fixed app.yaml:5:10 KS202 fz.level: \\udc00 -> 3\n"
        "Fixed 2 findings in 1 file; 0 remaining.\n"
    )
    assert (tmp_path / "app.yaml").read_text() == 'fz:\n  plugins:\n    "\\ud800":\n      location: x\n  level: 3\n'


def test_fix_refuses_to_write_a_lone_surrogate_into_a_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"m.toml": MATRIX, "app.json": JSON})
    result = _keyshift(["fix", "-m", "m.toml", "--no-cache", "--format", "concise", "app.json"], tmp_path, "utf-8")
    reason = (
        "the file was left unchanged: the fixed file would hold a lone surrogate (\\ud800), which UTF-8 cannot encode"
    )
    assert result.returncode == 1
    assert (
        result.stderr.decode()
        == f"keyshift: app.json: left unchanged: {reason.removeprefix('the file was left unchanged: ')}\n"
    )
    assert result.stdout.decode().splitlines()[:4] == [
        f"not fixed app.json:1:18 KS202 fz.level: {reason}",
        f"not fixed app.json:1:39 KS102 fz.legacy.\\ud800: {reason}",
        f"error app.json: left unchanged: {reason.removeprefix('the file was left unchanged: ')}",
        "Fixed 0 findings in 0 files; 2 remaining.",
    ]
    assert (tmp_path / "app.json").read_text() == JSON
