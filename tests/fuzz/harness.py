"""Running keyshift on one generated file: in-process through the library's commands, or the installed CLI.

A :class:`Workspace` is a temporary directory holding ``matrix.toml`` and ``work/`` with the file; each
command runs in ``work/`` (``.``) with one job and no cache, its stdout a strict UTF-8 stream (what a
terminal or pipe takes: a string that cannot be encoded fails, as it would for a user), and comes back
as a :class:`Run`.  ``patch`` applies a diff with the real ``patch -p1``.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from keyshift.app.check import check
from keyshift.app.config import RunConfig, UsageError
from keyshift.app.fix import fix

PATCH = shutil.which("patch")
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Case:
    """One input: a file (its name decides its format and whether it is a product file) and a matrix."""

    name: str
    data: bytes
    matrix: str
    unsafe: bool = False

    @property
    def text(self) -> str:
        """The text keyshift reads: UTF-8 without its BOM."""
        body = self.data[3:] if self.data.startswith(BOM) else self.data
        return body.decode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class Run:
    command: str
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def assert_clean(self, *, codes: tuple[int, ...] = (0, 1)) -> None:
        """No exception escaped, none was swallowed into an "internal error", and the exit code is one of ``codes``."""
        where = (
            f"keyshift {self.command}: exit {self.code}\n--- stderr:\n{self.stderr}\n--- stdout:\n{self.stdout[:3000]}"
        )
        assert "Traceback" not in self.stderr, where
        assert "internal error" not in self.stderr + self.stdout, where
        assert self.code in codes, where


class Workspace:
    def __init__(self, root: Path, case: Case) -> None:
        self.root = root
        self.case = case
        self.work = root / "work"
        self.file = self.work / case.name
        self.file.parent.mkdir(parents=True)
        self.file.write_bytes(case.data)
        (root / "matrix.toml").write_text(case.matrix, encoding="utf-8")

    def read(self) -> bytes:
        return self.file.read_bytes()

    def run(self, command: str, **options: Any) -> Run:
        """``keyshift check`` or ``fix`` in-process, with the case's matrix and ``options`` (RunConfig fields)."""
        config = RunConfig(matrices=(str(self.root / "matrix.toml"),), jobs="1", cache=False, **options)
        raw = io.BytesIO()
        stdout = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")
        stderr = io.StringIO()
        function = fix if command == "fix" else check
        old = Path.cwd()
        os.chdir(self.work)
        try:
            code = function(config, stdout, stderr)
        except UsageError as exc:
            code = 2
            stderr.write(f"keyshift: error: {exc}\n")
        finally:
            os.chdir(old)
        stdout.flush()
        return Run(command, code, raw.getvalue().decode("utf-8"), stderr.getvalue())

    def patch(self, diff: str) -> bytes:
        """The case's file as ``patch -p1`` leaves it after applying ``diff`` to a fresh copy."""
        assert PATCH is not None
        copy = self.root / "patched"
        target = copy / self.case.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.case.data)
        done = subprocess.run(
            # no fuzz: every context line must match, as in the file fix writes to
            [PATCH, "-p1", "--batch", "--silent", "--fuzz=0", "--no-backup-if-mismatch", "-r", "-"],
            cwd=copy,
            input=diff.encode("utf-8", "surrogatepass"),
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, f"patch failed ({done.returncode}): {done.stdout!r} {done.stderr!r}\n{diff}"
        return target.read_bytes()


@contextmanager
def workspace(case: Case) -> Iterator[Workspace]:
    with tempfile.TemporaryDirectory(prefix="keyshift-fuzz-") as tmp:
        yield Workspace(Path(tmp), case)


def run_cli(args: list[str], cwd: Path, timeout: float = 120) -> Run:
    """The installed command line, in a child process (``python -m keyshift``, the venv's own)."""
    done = subprocess.run(
        [sys.executable, "-m", "keyshift", *args],
        cwd=cwd,
        capture_output=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict", "NO_COLOR": "1"},
    )
    return Run(" ".join(args[:1]), done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))
