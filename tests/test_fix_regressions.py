"""Regressions found by review: each case is a matrix, input files, fix options, and the exact files
``keyshift fix`` must leave (plus phrases its report must contain)."""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

import pytest

from helpers import run_cli, write_tree
from support.tables import each_case
from support.tree_cases import FixTreeCase, run_fix

TWO_INTO_ONE = """\
[product]
name = "p"
[keys."a.x"]
removed = "2"
replaced-by = "a.z"
[keys."a.y"]
removed = "2"
replaced-by = "a.z"
"""

MOVE_AND_DELETE = """\
[product]
name = "k"
[keys."a.gone"]
removed = "2"
[keys."x.y"]
removed = "2"
replaced-by = "a.y"
"""

DEPRECATED_MAP = """\
[product]
name = "p"
versions = ["1", "2", "3"]
to = "2"
[keys."a.old"]
deprecated = "2"
removed = "3"
replaced-by = "a.new"
value-map = { on = true, off = false }
"""

ENV_MAP = """\
[product]
name = "dten"
[keys."dten.hybrid.legacy_mode"]
removed = "3.0"
replaced-by = "dten.hybrid.enable"
value-map = { on = true, off = false }
[[keys."dten.sync.backoff".values]]
value = "linear"
removed = "3.0"
replaced-by = "exponential"
[keys."dten.cache.size_mb"]
removed = "3.0"
replaced-by = "dten.storage.cache_mb"
"""


CASES = [
    FixTreeCase(
        "two renames onto one key: the second is a conflict, not a duplicate key (YAML)",
        TWO_INTO_ONE,
        {"a.yaml": "a:\n  x: 1\n  y: 2\n"},
        {"a.yaml": "a:\n  z: 1\n  y: 2\n"},
        report=["conflict: a.z is already set to another value"],
    ),
    FixTreeCase(
        "two renames onto one key with the same value: the second is deleted (JSON)",
        TWO_INTO_ONE,
        {"a.json": '{"a": {"x": 1, "y": 1}}\n'},
        {"a.json": '{"a": {"z": 1}}\n'},
    ),
    FixTreeCase(
        "two renames onto one key (INI)",
        TWO_INTO_ONE,
        {"a.ini": "[a]\nx = 1\ny = 2\n"},
        {"a.ini": "[a]\nz = 1\ny = 2\n"},
        report=["conflict"],
    ),
    FixTreeCase(
        "deleting a mapping's last child and moving a key into it go in separate passes (YAML)",
        MOVE_AND_DELETE,
        {"z1.yaml": "a:\n  gone: 1\nb: 2\nx:\n  y: 3\n"},
        {"z1.yaml": "a:\n  y: 3\nb: 2\n"},
        args=["--unsafe"],
    ),
    FixTreeCase(
        "value-map applies to a deprecated key with replaced-by",
        DEPRECATED_MAP,
        {"a.yaml": "a:\n  old: on\n", "a.toml": '[a]\nold = "off"\n'},
        {"a.yaml": "a:\n  new: true\n", "a.toml": "[a]\nnew = false\n"},
    ),
    FixTreeCase(
        "a deprecated key whose replacement already holds the same value is deleted",
        DEPRECATED_MAP,
        {"a.yaml": "a:\n  old: on\n  new: true\n"},
        {"a.yaml": "a:\n  new: true\n"},
    ),
    FixTreeCase(
        "compose: env renames keep string values and map them; NAME=value items too",
        ENV_MAP,
        {
            "compose.yaml": "services:\n  app:\n    environment:\n      DTEN_HYBRID_LEGACY_MODE: 'on'\n"
            "  w:\n    environment:\n      - DTEN_HYBRID_LEGACY_MODE=off\n      - DTEN_SYNC_BACKOFF=linear\n",
        },
        {
            "compose.yaml": "services:\n  app:\n    environment:\n      DTEN_HYBRID_ENABLE: 'true'\n"
            "  w:\n    environment:\n      - DTEN_HYBRID_ENABLE=false\n      - DTEN_SYNC_BACKOFF=exponential\n",
        },
    ),
    FixTreeCase(
        "a shell script is renamed everywhere or not at all (for, read, references)",
        ENV_MAP,
        {
            "half.sh": '#!/bin/sh\nfor DTEN_CACHE_SIZE_MB in 1 2; do\n  echo "$DTEN_CACHE_SIZE_MB"\ndone\nread DTEN_CACHE_SIZE_MB\n'
        },
        {
            "half.sh": '#!/bin/sh\nfor DTEN_STORAGE_CACHE_MB in 1 2; do\n  echo "$DTEN_STORAGE_CACHE_MB"\ndone\nread DTEN_STORAGE_CACHE_MB\n'
        },
    ),
    FixTreeCase(
        "env-var references in one-line string values are renamed; multi-line values are left to the user",
        ENV_MAP,
        {
            "ci.yml": "steps:\n  - run: 'echo $DTEN_CACHE_SIZE_MB ${DTEN_CACHE_SIZE_MB}'\n  - run: |\n      $DTEN_CACHE_SIZE_MB\n"
        },
        {
            "ci.yml": "steps:\n  - run: 'echo $DTEN_STORAGE_CACHE_MB ${DTEN_STORAGE_CACHE_MB}'\n  - run: |\n      $DTEN_CACHE_SIZE_MB\n"
        },
        report=["used inside a multi-line value here; rename that use by hand"],
    ),
    FixTreeCase(
        "every applied fix is reported, even the same key on several lines",
        ENV_MAP,
        {"t.py": 'A = c.get("dten.hybrid.legacy_mode")\nB = c.get("dten.hybrid.legacy_mode")\n'},
        {"t.py": 'A = c.get("dten.hybrid.enable")\nB = c.get("dten.hybrid.enable")\n'},
        report=["fixed t.py:1:11", "fixed t.py:2:11", "Fixed 2 findings"],
    ),
]


@each_case(CASES)
def test_fix_regression(case: FixTreeCase, tmp_path: Path) -> None:
    result = run_fix(case, tmp_path, "--to", "3.0" if "dten" in case.matrix else "2")
    for name, content in case.expected.items():
        assert (tmp_path / name).read_text() == content, result.stdout + result.stderr
    for phrase in case.report:
        assert phrase in result.stdout, result.stdout
    assert "left unchanged" not in result.stderr


def test_a_pass_that_fails_verification_names_the_reason_per_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyshift.core.edits import FixRequest, PlannedFix
    from keyshift.core.model import Edit, ParsedFile
    from keyshift.fix import engine as fixer

    def garble(parsed: ParsedFile, request: FixRequest) -> PlannedFix:
        assert request.occurrence is not None
        return PlannedFix(
            (Edit(request.occurrence.key_span.start.offset, request.occurrence.key_span.end.offset, "x: ["),)
        )

    monkeypatch.setattr(fixer, "get_fixer", lambda fmt: garble)
    write_tree(tmp_path, {"matrix.toml": TWO_INTO_ONE, "a.yaml": "a:\n  x: 1\n"})
    result = run_cli(["fix", "-m", "matrix.toml", "--format", "json", "--to", "2"], tmp_path)
    import json

    (outcome,) = json.loads(result.stdout)["fixes"]
    assert outcome["applied"] is False
    assert outcome["reason"].startswith("the file was left unchanged: the fixed file would not parse")


def test_report_file_is_not_scanned_on_the_next_run(tmp_path: Path) -> None:
    write_tree(tmp_path, {"matrix.toml": ENV_MAP, ".env": "DTEN_HYBRID_LEGACY_MODE=on\n"})
    for _ in range(2):
        result = run_cli(
            ["check", "-m", "matrix.toml", "--format", "json", "-o", "report.json", "--to", "3.0"], tmp_path
        )
    import json

    assert [f["path"] for f in json.loads((tmp_path / "report.json").read_text())["findings"]] == [".env"]
    assert result.exit_code == 1


def test_typed_values_are_shown_with_their_type(tmp_path: Path) -> None:
    matrix = '[product]\nname = "p"\nfiles = ["a.yaml"]\n[keys."a.enable"]\nrequired = "1"\nexpect = true\n'
    write_tree(tmp_path, {"matrix.toml": matrix, "a.yaml": 'a:\n  enable: "true"\n'})
    result = run_cli(["check", "-m", "matrix.toml", "--format", "concise"], tmp_path)
    assert 'a.enable must be true from 1; found "true"' in result.stdout


def test_explicit_files_match_anchored_product_globs_from_the_repository_root(tmp_path: Path) -> None:
    matrix = '[product]\nname = "d"\nfiles = [{ glob = "conf/*.toml", prefix = "dten" }]\n[keys."dten.hybrid.enable"]\nrequired = "1"\n'
    write_tree(tmp_path, {"matrix.toml": matrix, "deploy/conf/node.toml": "[cluster]\nname = 'x'\n"})
    result = run_cli(["check", "-m", "matrix.toml", "--format", "concise", "deploy/conf/node.toml"], tmp_path)
    assert result.stdout.startswith("deploy/conf/node.toml:1:1: KS201 [error] missing dten.hybrid.enable")


def test_an_empty_include_glob_is_a_usage_error(tmp_path: Path) -> None:
    write_tree(tmp_path, {"matrix.toml": ENV_MAP})
    result = run_cli(["check", "-m", "matrix.toml", "--include", ""], tmp_path)
    assert result.exit_code == 2
    assert "empty glob" in result.stderr


CORPUS_CASES = sorted(p for p in (Path(__file__).parent / "fix_corpus").iterdir() if (p / "input").is_dir())
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _fix_then_check(work: Path, matrix: Path, args: list[str]) -> None:
    """``keyshift fix`` reports what remains without scanning the tree again: its findings, summary
    counts and exit code must be those of a new ``keyshift check``."""
    fixed = run_cli(["fix", "-m", str(matrix), *args, "--format", "json", "."], work)
    check_args = [a for a in args if a != "--unsafe"]
    checked = run_cli(["check", "-m", str(matrix), *check_args, "--format", "json", "."], work)
    report, fresh = json.loads(fixed.stdout), json.loads(checked.stdout)
    assert report["findings"] == fresh["findings"]
    assert report["summary"] == fresh["summary"]
    assert fixed.exit_code == checked.exit_code


@each_case(CORPUS_CASES)
def test_the_fix_report_of_a_corpus_case_is_what_a_new_check_finds(case: Path, tmp_path: Path) -> None:
    shutil.copytree(case / "input", tmp_path / "work")
    args_file = case / "args.txt"
    args = shlex.split(args_file.read_text(encoding="utf-8")) if args_file.is_file() else []
    _fix_then_check(tmp_path / "work", case / "matrix.toml", args)


@pytest.mark.parametrize("args", [[], ["--unsafe"]])
def test_the_fix_report_of_the_examples_is_what_a_new_check_finds(args: list[str], tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "work")
    _fix_then_check(tmp_path / "work", EXAMPLES.parent / "deprecations.toml", args)


def test_a_file_only_the_check_parser_reads_is_reported_not_fixed(tmp_path: Path) -> None:
    """CPython reads ``except E :`` but libcst cannot reproduce it: fix explains, nothing is written."""
    matrix = '[product]\nname = "p"\nversions = ["1.0", "2.0"]\nfiles = ["app.yaml"]\n\n[keys."a.old"]\nremoved = "2.0"\nreplaced-by = "a.new"\n'
    source = 'try:\n    x = "a.old"\nexcept ValueError :\n    pass\n'
    write_tree(tmp_path, {"deprecations.toml": matrix, "app.py": source, "app.yaml": "a: {}\n"})
    result = run_cli(["fix", "--no-cache", "app.py"], tmp_path)
    assert result.exit_code == 1
    assert "not fixed app.py:2:9 KS102 a.old: the parser that edits this file cannot read it (" in result.stdout
    assert "internal error" not in result.stdout + result.stderr
    assert (tmp_path / "app.py").read_text() == source
