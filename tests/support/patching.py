"""Running the real GNU ``patch``, and the command line with its output as bytes, for the diff tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import chdir
from keyshift.cli import app

PATCH = shutil.which("patch")
GNU_PATCH = (
    PATCH is not None and "GNU patch" in subprocess.run([PATCH, "--version"], capture_output=True, text=True).stdout
)
needs_patch = pytest.mark.skipif(not GNU_PATCH, reason="needs GNU patch on PATH (Debian's package `patch`)")


def apply_patch(root: Path, diff: bytes) -> None:
    """Apply ``diff`` with ``patch -p1`` from ``root`` (the test fails if patch refuses any of it)."""
    assert PATCH is not None
    result = subprocess.run(
        [PATCH, "-p1", "--batch", "--no-backup-if-mismatch"], cwd=root, input=diff, capture_output=True, check=False
    )
    assert result.returncode == 0, (result.stdout + result.stderr).decode(errors="replace")


def patched(root: Path, name: str, before: bytes, diff: bytes) -> bytes:
    """``before``, written as ``root/name``, with ``diff`` applied."""
    target = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(before)
    apply_patch(root, diff)
    return target.read_bytes()


def run_bytes(args: list[str], cwd: Path) -> tuple[int, bytes, str]:
    """Run the CLI in-process: exit code, stdout as bytes (click's ``stdout`` turns CRLF into LF), stderr."""
    with chdir(cwd):
        result = CliRunner().invoke(app, args, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr
