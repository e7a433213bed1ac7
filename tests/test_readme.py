"""The README is part of the contract: its commands, codes and examples must stay true."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from keyshift.core.codes import CODES

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_the_two_commands_and_ci_runs_the_test_command() -> None:
    run_example, run_tests = _quick_start_commands()
    assert run_example == "python -m pip install . && keyshift check examples/"
    assert "pytest" in run_tests
    assert run_tests in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_every_code_is_documented_in_the_readme() -> None:
    for code, info in CODES.items():
        assert re.search(rf"^\| {code} \| `{info.kind}` \| {info.severity} \|", README, re.MULTILINE), code


def test_readme_example_lines_are_what_keyshift_prints() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "keyshift", "check", "examples/", "--format", "concise"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    printed = {line.split("/", 1)[-1] for line in result.stdout.splitlines()}
    block = README.split("Examples, as `concise` lines:", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    for line in block.splitlines():
        assert line in printed, line
    summary = subprocess.run(
        [sys.executable, "-m", "keyshift", "check", "examples/"], cwd=REPO, capture_output=True, text=True, check=False
    ).stdout.splitlines()[-1]
    assert summary in README


def test_readme_fix_example_is_what_fix_does(tmp_path: Path) -> None:
    section = README.split("### Before and after", 1)[1]
    before, after = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)[:2]
    assert before == (REPO / "examples" / "dten.yaml").read_text(encoding="utf-8")
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "dten.yaml").write_text(before, encoding="utf-8")
    (tmp_path / "deprecations.toml").write_bytes((REPO / "deprecations.toml").read_bytes())
    subprocess.run(
        [sys.executable, "-m", "keyshift", "fix", "examples/dten.yaml"], cwd=tmp_path, capture_output=True, check=False
    )
    assert (tmp_path / "examples" / "dten.yaml").read_text(encoding="utf-8") == after
