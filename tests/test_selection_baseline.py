"""--select / --extend-select / --ignore, and baselines (--write-baseline, --baseline): which findings a run
reports, and fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_cli, write_tree

MATRIX = """\
[product]
name = "p"
versions = ["1.0", "2.0"]
files = ["app.yaml"]

[keys."a.old"]
removed = "2.0"
replaced-by = "a.new"

[keys."a.gone"]
removed = "2.0"

[keys."a.dep"]
deprecated = "2.0"
"""

APP = "a:\n  old: 1\n  gone: 2\n  dep: 3\n"
ALL = [
    "app.yaml:2:3: KS102 renamed a.old",
    "app.yaml:3:3: KS101 removed a.gone",
    "app.yaml:4:3: KS103 deprecated a.dep",
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write_tree(tmp_path, {"matrix.toml": MATRIX, "app.yaml": APP})
    return tmp_path


def _check(tree: Path, *args: str) -> list[str]:
    result = run_cli(["check", "-m", "matrix.toml", "--format", "json", *args, "."], tree)
    assert result.exit_code in (0, 1), result.stderr
    return result.lines()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ALL),
        (["--select", "KS102"], [ALL[0]]),
        (["--select", "ks10"], ALL),
        (["--select", "KS101,KS103"], [ALL[1], ALL[2]]),
        (["--select", "renamed", "--select", "deprecated"], [ALL[0], ALL[2]]),
        (["--select", "p"], ALL),
        (["--ignore", "KS1"], []),
        (["--ignore", "deprecated"], ALL[:2]),
        (["--select", "KS1", "--ignore", "KS101"], [ALL[0], ALL[2]]),
        (["--select", "KS102", "--extend-select", "KS103"], [ALL[0], ALL[2]]),
        (["--extend-select", "KS103"], ALL),
    ],
)
def test_select_and_ignore(tree: Path, args: list[str], expected: list[str]) -> None:
    assert _check(tree, *args) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "KSX"], "--select KSX: not a code (KS102), code prefix (KS1), kind ("),
        (["--ignore", "nope"], "--ignore nope: not a code (KS102), code prefix (KS1), kind ("),
        (["--select", "KS1234"], "--select KS1234: not a code"),
    ],
)
def test_a_bad_selector_exits_2(tree: Path, args: list[str], message: str) -> None:
    result = run_cli(["check", "-m", "matrix.toml", *args, "."], tree)
    assert result.exit_code == 2
    assert message in result.stderr and "or loaded product (p)" in result.stderr


def test_the_exit_code_follows_the_selected_findings(tree: Path) -> None:
    assert run_cli(["check", "-m", "matrix.toml", "--ignore", "KS1"], tree).exit_code == 0


def test_fix_fixes_only_selected_findings(tree: Path) -> None:
    both_fixable = MATRIX.replace(
        '[keys."a.dep"]\ndeprecated = "2.0"\n', '[keys."a.dep"]\ndeprecated = "2.0"\nreplaced-by = "a.kept"\n'
    )
    write_tree(tree, {"matrix.toml": both_fixable})
    run_cli(["fix", "-m", "matrix.toml", "--select", "KS102"], tree)
    assert (tree / "app.yaml").read_text() == "a:\n  new: 1\n  gone: 2\n  dep: 3\n"
    run_cli(["fix", "-m", "matrix.toml", "--select", "deprecated"], tree)
    assert (tree / "app.yaml").read_text() == "a:\n  new: 1\n  gone: 2\n  kept: 3\n"


def test_a_baseline_hides_what_it_records_and_survives_lines_inserted_above(tree: Path) -> None:
    written = run_cli(["check", "-m", "matrix.toml", "--write-baseline", "keyshift-baseline.json", "."], tree)
    assert written.exit_code == 0
    assert written.stderr == "keyshift: wrote 3 findings to the baseline keyshift-baseline.json\n"
    assert _check(tree, "--baseline", "keyshift-baseline.json") == []
    (tree / "app.yaml").write_text("# a comment\n\n" + APP + "  added: 4\n")
    assert _check(tree, "--baseline", "keyshift-baseline.json") == []
    # a new finding is reported; so is an old one whose line changed
    (tree / "app.yaml").write_text("a:\n  old: 2\n  gone: 2\n  dep: 3\n  extra:\n    gone: 1\n")
    write_tree(tree, {"matrix.toml": MATRIX + '\n[keys."a.extra.gone"]\nremoved = "2.0"\n'})
    result = run_cli(
        ["check", "-m", "matrix.toml", "--format", "json", "--baseline", "keyshift-baseline.json", "."], tree
    )
    assert result.lines() == ["app.yaml:2:3: KS102 renamed a.old", "app.yaml:6:5: KS101 removed a.extra.gone"]
    assert result.stderr == (
        "keyshift: the baseline has 1 entry that no longer occurs: run --write-baseline to shrink it\n"
    )


def test_a_baseline_counts_equal_findings(tree: Path) -> None:
    write_tree(tree, {"app.yaml": "---\na:\n  gone: 2\n---\na:\n  gone: 2\n"})
    run_cli(["check", "-m", "matrix.toml", "--write-baseline", "b.json", "."], tree)
    (tree / "app.yaml").write_text("---\na:\n  gone: 2\n---\na:\n  gone: 2\n---\na:\n  gone: 2\n")
    assert _check(tree, "--baseline", "b.json") == ["app.yaml:9:3: KS101 removed a.gone"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "keyshift: error: b.json: baseline not found (write one with --write-baseline b.json)\n"),
        ("{", "keyshift: error: b.json: not a keyshift baseline (invalid JSON: "),
        ('{"entries": []}', "keyshift: error: b.json: not a keyshift baseline (write one with --write-baseline)\n"),
        (
            '{"keyshift-baseline": 1, "entries": [{"path": "a"}]}',
            "keyshift: error: b.json: entry 1 is not a baseline entry (path, code, product, key, line, index)\n",
        ),
    ],
)
def test_a_bad_baseline_exits_2_before_scanning(tree: Path, content: str | None, message: str) -> None:
    if content is not None:
        (tree / "b.json").write_text(content)
    result = run_cli(["check", "-m", "matrix.toml", "--baseline", "b.json", "."], tree)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)


def test_the_baseline_file_is_never_scanned(tree: Path) -> None:
    """It names the keys it records: scanned as JSON or text, it would report them."""
    run_cli(["check", "-m", "matrix.toml", "--write-baseline", "base.json", "."], tree)
    (tree / "app.yaml").write_text("a: {}\n")
    result = run_cli(["check", "-m", "matrix.toml", "--format", "json", "--baseline", "base.json", "."], tree)
    assert result.findings() == []
