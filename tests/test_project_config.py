"""The project configuration: [tool.keyshift] in pyproject.toml or .keyshift.toml, found from any
subdirectory, under the command-line options; `keyshift config` shows where each value comes from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_cli, write_tree

REPO = Path(__file__).resolve().parents[1]
MATRIX = '[product]\nname = "p"\nversions = ["1.0", "2.0"]\nfiles = ["*.yaml"]\n[keys."a.gone"]\nremoved = "2.0"\n'
MATRIX += '[keys."a.dep"]\ndeprecated = "2.0"\n'
APP = "a:\n  gone: 1\n  dep: 2\n"

PYPROJECT = """\
[project]
name = "demo"

[tool.keyshift]
matrix = ["ci/matrix.toml"]
fail-on = "error"
format = "concise"
ignore = ["KS103"]
per-file-ignores = { "docs/**" = ["KS101"] }
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write_tree(
        tmp_path,
        {
            ".git/": "",
            "pyproject.toml": PYPROJECT,
            "ci/matrix.toml": MATRIX,
            "conf/app.yaml": APP,
            "docs/app.yaml": APP,
        },
    )
    return tmp_path


def test_the_configuration_applies_from_a_subdirectory(repo: Path) -> None:
    result = run_cli(["check", "."], repo / "conf")
    assert result.stdout == "app.yaml:2:3: KS101 [error] removed a.gone a.gone was removed in 2.0\n"
    assert result.exit_code == 1
    # per-file-ignores: docs/ has the same key, not reported
    assert run_cli(["check", "docs/app.yaml"], repo).stdout == ""


def test_the_command_line_wins(repo: Path) -> None:
    result = run_cli(["check", "--format", "json", "--ignore", "KS101", "."], repo / "conf")
    assert [f["code"] for f in result.findings()] == ["KS103"]
    assert result.exit_code == 0  # fail-on error still comes from the file


def test_config_shows_each_value_and_where_it_comes_from(repo: Path) -> None:
    shown = run_cli(["config", "--fail-on", "warning"], repo / "conf").stdout
    config = repo / "pyproject.toml"
    assert f"# configuration file: {config}\n" in shown
    assert f'matrix = ["{repo / "ci" / "matrix.toml"}"]  # {config}:5\n' in shown
    assert 'fail-on = "warning"  # command line\n' in shown
    assert f'format = "concise"  # {config}:7\n' in shown
    assert "select = []  # default\n" in shown


def test_keyshift_toml_comes_first_and_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.keyshift]\nformat = "json"\n',  # above the repository: never read
            "repo/.git/": "",
            "repo/.keyshift.toml": 'format = "concise"\n',
            "repo/pyproject.toml": '[tool.keyshift]\nformat = "text"\n',
            "other/.git/": "",
        },
    )
    assert 'format = "concise"' in run_cli(["config"], tmp_path / "repo").stdout
    assert 'format = "text"  # default' in run_cli(["config"], tmp_path / "other").stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[tool.keyshift]\nfail_on = "error"\n',
            "pyproject.toml:2: tool.keyshift.fail_on: unknown key (known: matrix,",
        ),
        (
            '[tool.keyshift]\nmatrix = "m.toml"\n',
            "pyproject.toml:2: tool.keyshift.matrix: must be a list of matrix files",
        ),
        ("[tool.keyshift]\nquiet = 1\n", "pyproject.toml:2: tool.keyshift.quiet: must be true or false"),
        ("[tool.keyshift]\njobs = 0\n", "pyproject.toml:2: tool.keyshift.jobs: must be a number of worker processes"),
        ("[tool.keyshift\n", "pyproject.toml: TOML syntax error: "),
    ],
)
def test_a_bad_configuration_exits_2_naming_the_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    write_tree(tmp_path, {".git/": "", "pyproject.toml": text, "deprecations.toml": MATRIX})
    result = run_cli(["check", "."], tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr


def test_the_shipped_schema_is_the_one_the_keys_make_and_validates_a_configuration() -> None:
    import jsonschema

    from keyshift.app.project import KEYS, config_schema

    shipped = json.loads((REPO / "src/keyshift/schemas/keyshift-config.schema.json").read_text())
    assert shipped == config_schema()
    assert set(shipped["properties"]) == set(KEYS)
    jsonschema.validate({"matrix": ["m.toml"], "to": {"ruff": "0.16.4"}, "jobs": 2}, shipped)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"fail_on": "error"}, shipped)
