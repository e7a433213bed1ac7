"""The case of the end-to-end tests: a matrix and a file tree -> the findings ``keyshift check`` reports,
or the files ``keyshift fix`` leaves."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from helpers import CliResult, run_cli, write_tree


@dataclass(frozen=True)
class CheckCase:
    """One row of a check table: the findings of ``keyshift check`` over a matrix and its file tree."""

    name: str
    files: dict[str, str]
    expected: list[str]
    """Every finding as ``CliResult.lines`` writes it (``path:line:col: CODE kind key`` and any fields the
    module adds), in report order."""
    matrix: str
    args: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FixTreeCase:
    """One row of a fix table: the files ``keyshift fix`` leaves from a matrix and its file tree."""

    name: str
    matrix: str
    files: dict[str, str]
    expected: dict[str, str]
    """The exact text of each named file after the fix."""
    args: list[str] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    """Phrases the fix report must contain."""


def run_check(case: CheckCase, root: Path) -> CliResult:
    """Write the case's matrix and files under ``root`` and check them, reporting JSON."""
    write_tree(root, {"matrix.toml": case.matrix, **case.files})
    return run_cli(["check", "-m", "matrix.toml", "--format", "json", *case.args, "."], root)


def run_fix(case: FixTreeCase, root: Path, *args: str) -> CliResult:
    """Write the case's matrix and files under ``root`` and fix them (``args`` before the case's own)."""
    write_tree(root, {"matrix.toml": case.matrix, **case.files})
    return run_cli(["fix", "-m", "matrix.toml", *args, *case.args, "."], root)
