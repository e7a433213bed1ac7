"""Several reports in one run (--report FORMAT=PATH), the summary on stderr when the report goes to a file,
and --statistics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_cli, write_tree

MATRIX = '[product]\nname = "p"\nversions = ["1.0", "2.0"]\nfiles = ["app.yaml"]\n[keys."a.gone"]\nremoved = "2.0"\n'
MATRIX += '[keys."a.dep"]\ndeprecated = "2.0"\n'


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write_tree(
        tmp_path, {"matrix.toml": MATRIX, "app.yaml": "a:\n  gone: 1\n  dep: 2\n", "b/app.yaml": "a:\n  gone: 3\n"}
    )
    return tmp_path


def test_extra_reports_are_written_beside_stdout(tree: Path) -> None:
    (tree / "out").mkdir()
    reports = ["--report", "json=out/k.json", "--report", "text=k.txt"]
    result = run_cli(["check", "-m", "matrix.toml", "--format", "concise", *reports, "."], tree)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("app.yaml:2:3: KS101")
    data = json.loads((tree / "out" / "k.json").read_text())
    assert [f["path"] for f in data["findings"]] == ["app.yaml", "app.yaml", "b/app.yaml"]
    assert (tree / "k.txt").read_text().endswith("Found 2 errors and 1 warning in 2 files (p -> 2.0).\n")
    # a run's own reports are never scanned (they name the keys they report)
    again = run_cli(["check", "-m", "matrix.toml", "--format", "json", *reports, "."], tree)
    assert len(again.findings()) == 3


def test_the_summary_goes_to_stderr_when_the_report_goes_to_a_file(tree: Path) -> None:
    result = run_cli(["check", "-m", "matrix.toml", "--format", "json", "-o", "k.json", "."], tree)
    assert result.stdout == ""
    assert result.stderr == "Found 2 errors and 1 warning in 2 files (p -> 2.0).\n"
    assert run_cli(["check", "-m", "matrix.toml", "."], tree).stderr == ""


def test_statistics_count_the_findings_per_code_on_stderr(tree: Path) -> None:
    result = run_cli(["check", "-m", "matrix.toml", "--format", "json", "--statistics", "."], tree)
    assert result.stderr == "2  KS101  removed (error)\n1  KS103  deprecated (warning)\n"
    assert len(result.findings()) == 3


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("sarif", "--report sarif: write --report FORMAT=PATH, such as --report sarif=keyshift.sarif"),
        ("=x.json", "--report =x.json: write --report FORMAT=PATH"),
        ("xml=x.xml", "--report xml=x.xml: unknown format 'xml' (known: "),
    ],
)
def test_a_bad_report_option_exits_2(tree: Path, option: str, message: str) -> None:
    result = run_cli(["check", "-m", "matrix.toml", "--report", option, "."], tree)
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize(
    ("named", "args", "checked"),
    [
        (["b/app.yaml"], ["--exclude", "b/"], ["b/app.yaml"]),  # a named file is checked, excluded or not
        (["b/app.yaml"], ["--exclude", "b/", "--force-exclude"], []),
        (["app.yaml", "b/app.yaml"], ["--exclude", "b/app.yaml", "--force-exclude"], ["app.yaml"]),
        (["b/app.yaml"], ["--exclude", "app.yaml", "--force-exclude"], []),  # a glob without / at any depth
        (["."], ["--exclude", "b/", "--force-exclude"], ["app.yaml"]),
    ],
)
def test_force_exclude_applies_excludes_to_named_files(
    tree: Path, named: list[str], args: list[str], checked: list[str]
) -> None:
    result = run_cli(["check", "-m", "matrix.toml", "--format", "json", *args, *named], tree)
    assert sorted({f["path"] for f in result.findings()}) == checked


def test_github_actions_gets_annotations_unless_a_format_is_given(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(["check", "-m", "matrix.toml", "app.yaml"], tree)
    assert result.stdout.splitlines()[0].startswith("::error file=app.yaml,line=2,col=3,")
    assert result.stdout.splitlines()[-1] == "Found 1 error and 1 warning in 1 file (p -> 2.0)."
    assert run_cli(["check", "-m", "matrix.toml", "--format", "concise", "app.yaml"], tree).stdout.startswith(
        "app.yaml:2:3: KS101 [error]"
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert run_cli(["check", "-m", "matrix.toml", "app.yaml"], tree).stdout.startswith("app.yaml\n")
