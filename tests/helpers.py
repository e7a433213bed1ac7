"""Shared test helpers: write a case tree, run the CLI in-process, read findings back."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from keyshift.cli import app


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def findings(self) -> list[dict[str, object]]:
        return list(json.loads(self.stdout)["findings"])

    def lines(self, *fields: str) -> list[str]:
        """Each finding as ``path:line:col: CODE kind key`` (the grep-friendly core of it), then ``fields``."""
        return [
            " ".join(
                [
                    f"{f['path']}:{f['line']}:{f['column']}: {f['code']} {f['kind']} {f['key']}",
                    *(str(f[n]) for n in fields),
                ]
            )
            for f in self.findings()
        ]


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Create the files (and their directories) as UTF-8 bytes; a name ending in '/' makes an empty directory."""
    for name, content in files.items():
        path = root / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))


@contextmanager
def chdir(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def run_cli(args: Sequence[str], cwd: Path) -> CliResult:
    with chdir(cwd):
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)
