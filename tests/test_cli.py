"""The command line contract: exit codes, stdout/stderr separation, bad input, lazy imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import run_cli, write_tree

REPO = Path(__file__).resolve().parents[1]

MATRIX = """\
[product]
name = "p"
versions = ["1.0", "2.0"]
files = ["app.yaml"]

[keys."a.gone"]
removed = "2.0"

[keys."a.dep"]
deprecated = "2.0"
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write_tree(tmp_path, {"deprecations.toml": MATRIX, "app.yaml": "a:\n  ok: 1\n"})
    return tmp_path


@pytest.mark.parametrize(
    ("content", "args", "exit_code"),
    [
        ("a:\n  ok: 1\n", [], 0),
        ("a:\n  gone: 1\n", [], 1),
        ("a:\n  dep: 1\n", [], 1),
        ("a:\n  dep: 1\n", ["--fail-on", "error"], 0),
        ("a:\n  gone: 1\n", ["--fail-on", "error"], 1),
        ("a:\n  gone: 1\n", ["--fail-on", "never"], 0),
        ("a:\n  gone: 1\n", ["--to", "1.0"], 0),
    ],
)
def test_exit_codes_follow_fail_on(tree: Path, content: str, args: list[str], exit_code: int) -> None:
    (tree / "app.yaml").write_text(content)
    assert run_cli(["check", *args], tree).exit_code == exit_code


@pytest.mark.parametrize(
    ("args", "files", "message"),
    [
        (["-m", "nope.toml"], {}, "nope.toml: matrix file not found"),
        (["--pack", "no-such-pack"], {}, "unknown pack 'no-such-pack'"),
        (["missing-dir"], {}, "path not found: missing-dir"),
        (["--to", "9.9"], {}, "--to 9.9: '9.9' is not one of the product's versions"),
        (["--to", "q=1.0"], {}, "no product named 'q'"),
        (["--format", "xml"], {}, "unknown output format 'xml'"),
        (["--fail-on", "sometimes"], {}, "--fail-on must be error, warning or never"),
        (["--color", "pink"], {}, "--color must be auto, always or never"),
        (["--exclude", "!"], {}, "invalid glob"),
        (["-m", "bad.toml"], {"bad.toml": "[product]\nname = 'x'\nfrom = 1\n"}, "bad.toml:3: product.from:"),
        (["-m", "bad.toml"], {"bad.toml": "[product\n"}, "bad.toml:1: TOML syntax error"),
        (
            ["-m", "bad.toml"],
            {"bad.toml": '[product]\nname = "x"\n[keys."a"]\nremovd = "1"\n'},
            "bad.toml:4: keys.a.removd: unknown field",
        ),
        (["-m", "deprecations.toml", "-m", "deprecations.toml"], {}, "product 'p' is already defined"),
    ],
)
def test_usage_errors_exit_2_with_a_message(tree: Path, args: list[str], files: dict[str, str], message: str) -> None:
    write_tree(tree, files)
    result = run_cli(["check", *args], tree)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""


def test_no_matrix_anywhere_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(["check"], tmp_path)
    assert result.exit_code == 2
    assert "no matrix: ./deprecations.toml not found" in result.stderr


def test_json_stdout_parses_with_no_findings_and_notices_go_to_stderr(tree: Path) -> None:
    (tree / "blob.yaml").write_bytes(b"a:\x00\x01\x02")
    (tree / "latin.yaml").write_bytes("a:\n  gone: caf\xe9\n".encode("latin-1"))
    result = run_cli(["check", "--format", "json"], tree)
    payload = json.loads(result.stdout)
    assert payload["findings"] == []
    assert payload["summary"]["files_skipped"] == 2
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "keyshift: skipped blob.yaml: binary file",
        "keyshift: skipped latin.yaml: not UTF-8 text (byte 0xE9 at offset 14)",
    ]


def test_quiet_hides_notices(tree: Path) -> None:
    (tree / "blob.yaml").write_bytes(b"\x00")
    assert run_cli(["check", "-q"], tree).stderr == ""


def test_named_files_are_checked_even_when_gitignored(tree: Path) -> None:
    write_tree(tree, {".gitignore": "ignored/\n", "ignored/app.yaml": "a:\n  gone: 1\n"})
    assert run_cli(["check", "--format", "json"], tree).findings() == []
    named = run_cli(["check", "--format", "json", "ignored/app.yaml"], tree)
    assert named.lines() == ["ignored/app.yaml:2:3: KS101 removed a.gone"]


def test_output_file_receives_the_report(tree: Path) -> None:
    (tree / "app.yaml").write_text("a:\n  gone: 1\n")
    result = run_cli(["check", "--format", "concise", "-o", "report.txt"], tree)
    assert result.stdout == ""
    assert (tree / "report.txt").read_text() == "app.yaml:2:3: KS101 [error] removed a.gone a.gone was removed in 2.0\n"
    assert result.exit_code == 1


def test_text_report_has_no_colour_when_not_a_terminal(tree: Path) -> None:
    (tree / "app.yaml").write_text("a:\n  gone: 1\n")
    result = run_cli(["check"], tree)
    assert "\x1b[" not in result.stdout
    assert "    2 |   gone: 1" in result.stdout
    assert "\x1b[" in run_cli(["check", "--color", "always"], tree).stdout


def test_explain_prints_the_code_documentation(tree: Path) -> None:
    result = run_cli(["explain", "ks102"], tree)
    assert result.stdout.startswith("KS102 renamed (error): Key was renamed")
    assert "How to fix:" in result.stdout
    assert run_cli(["explain", "KS999"], tree).exit_code == 2


def test_bundled_packs_are_listed_and_usable_from_any_directory(tmp_path: Path) -> None:
    listed = run_cli(["packs"], tmp_path).stdout.split()
    assert "spring-boot" in listed
    write_tree(tmp_path, {"application.yml": "spring:\n  redis:\n    host: cache\n"})
    result = run_cli(["check", "--pack", "spring-boot", "--format", "json"], tmp_path)
    assert result.lines("replacement") == [
        "application.yml:3:5: KS102 renamed spring.redis.host spring.data.redis.host"
    ]


def _keyshift_command() -> list[str]:
    script = Path(sys.executable).with_name("keyshift")
    return [str(script)] if script.exists() else [sys.executable, "-m", "keyshift"]


def test_installed_command_runs_the_bundled_example() -> None:
    result = subprocess.run(
        [*_keyshift_command(), "check", "examples/", "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    kinds = {f["kind"] for f in json.loads(result.stdout)["findings"]}
    assert kinds == {"removed", "renamed", "deprecated", "missing", "mismatch", "bad-value", "too-new", "parse-error"}


def test_python_dash_m_reports_the_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "keyshift", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("keyshift ")


def test_checking_one_yaml_file_imports_neither_libcst_nor_other_adapters(tree: Path) -> None:
    probe = (
        "import sys\n"
        "from keyshift.app.check import check\nfrom keyshift.app.config import RunConfig\n"
        "code = check(RunConfig(paths=('app.yaml',), output_format='json'))\n"
        "heavy = [m for m in ('libcst', 'keyshift.formats.toml.parse', 'keyshift.formats.json.parse') "
        "if m in sys.modules]\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tree, capture_output=True, text=True, env=env, check=False
    )
    assert result.stderr.strip() == "0 []"


def test_an_adapter_bug_skips_the_file_with_a_notice(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from keyshift.check import filecheck

    def broken(text: str) -> object:
        raise ValueError("bad adapter")

    monkeypatch.setattr(filecheck, "get_parser", lambda name, round_trip=False: broken)
    result = run_cli(["check"], tree)
    assert (
        "keyshift: skipped app.yaml: internal error while reading it as yaml (ValueError: bad adapter)" in result.stderr
    )
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# options declared once, help a person can read


def _option_names(command: str) -> list[str]:
    import typer.main

    from keyshift.cli import app

    group = typer.main.get_command(app)
    return [name for param in group.commands[command].params for name in param.opts]  # type: ignore[attr-defined]


def test_check_and_fix_share_one_option_list() -> None:
    check = _option_names("check")
    fix = _option_names("fix")
    assert [name for name in check if name != "--fix"] == fix
    assert {"--format", "--fail-on", "--matrix", "--pack", "--from", "--to", "--unsafe", "--diff"} <= set(fix)


@pytest.mark.parametrize("command", ["check", "fix"])
def test_help_shows_metavars_and_choices(command: str, tmp_path: Path) -> None:
    result = run_cli([command, "--help"], tmp_path)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "<str>" not in text and "<list[str]>" not in text
    for shown in ("[PATH]...", "--format FORMAT", "--to VERSION", "--from VERSION", "-m, --matrix FILE"):
        assert shown in text
    assert (
        "Report format: text, concise, json, json-lines, sarif, github, gitlab, junit, markdown (default: text)."
        in text
    )
    assert "at this level or above: error, warning, never (default: warning)." in text


def test_help_lists_the_commands_in_order(tmp_path: Path) -> None:
    lines = run_cli(["--help"], tmp_path).stdout.split("Commands:")[1].split("\n")
    commands = [line.split()[0] for line in lines if line.strip()]
    assert commands == ["check", "fix", "explain", "packs", "import", "config", "clean"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--fail-on", "loud"], "--fail-on must be error, warning or never, not 'loud'"),
        (["check", "--color", "pink"], "--color must be auto, always or never, not 'pink'"),
        (["check", "--diff"], "--unsafe and --diff go with fix"),
        (["explain", "KS999"], "unknown code 'KS999'"),
    ],
)
def test_bad_options_exit_2_with_a_message(args: list[str], message: str, tree: Path) -> None:
    result = run_cli(args, tree)
    assert result.exit_code == 2
    assert result.stderr.startswith("keyshift: error: ")
    assert message in result.stderr


def test_the_command_line_never_imports_pydantic_or_libcst_for_a_yaml_file(tree: Path) -> None:
    """pre-commit runs keyshift on every commit: start-up is part of the product (typer 0.29 would load pydantic)."""
    probe = (
        "import sys\n"
        "from keyshift.cli import main\n"
        "sys.argv = ['keyshift', 'check', 'app.yaml']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    print(exit.code, sorted(m for m in ('pydantic', 'libcst') if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tree, capture_output=True, text=True, env=env, check=False
    )
    assert result.stderr.strip() == "0 []"
