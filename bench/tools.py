"""The programs the benchmark runs, found on this machine, with their versions and the features keyshift has.

Nothing here assumes a feature: keyshift's ``--jobs``, cache (``--no-cache``, ``keyshift clean``) and
``--max-file-size`` are read from its ``--help``, so the suite runs against any keyshift, old or new, and skips
(with a reason) what that keyshift cannot do.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

KEYSHIFT_CACHE_DIR = ".keyshift_cache"


def _output(argv: list[str], cwd: Path | None = None) -> str | None:
    """stdout (or stderr, for tools that print their version there) of a quick command; None if it fails."""
    try:
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (done.stdout or done.stderr) if done.returncode == 0 else None


def first_line(text: str | None) -> str:
    return text.strip().splitlines()[0] if text and text.strip() else "unknown"


@dataclass(frozen=True)
class Keyshift:
    """The keyshift under test: how to run it and which options its ``check`` has."""

    argv: tuple[str, ...]
    version: str
    check_help: str
    commands_help: str

    def has_option(self, option: str) -> bool:
        return re.search(rf"(^|[\s,]){re.escape(option)}\b", self.check_help) is not None

    @property
    def has_jobs(self) -> bool:
        return self.has_option("--jobs")

    @property
    def has_max_file_size(self) -> bool:
        return self.has_option("--max-file-size")

    @property
    def has_clean(self) -> bool:
        return re.search(r"^[\s\u2502|]+clean\b", self.commands_help, re.MULTILINE) is not None

    @property
    def has_cache(self) -> bool:
        return self.has_option("--no-cache") or self.has_clean

    def clear_cache(self, root: Path) -> None:
        """Leave no keyshift cache for ``root``: ``keyshift clean`` where it exists, and the cache directory."""
        if self.has_clean:
            _output([*self.argv, "clean"], cwd=root)
        shutil.rmtree(root / KEYSHIFT_CACHE_DIR, ignore_errors=True)


def keyshift_argv(explicit: str | None) -> tuple[str, ...] | None:
    """An explicit command, else the ``keyshift`` beside this Python (the venv's), else the one on PATH."""
    if explicit:
        return tuple(explicit.split())
    beside = Path(sys.executable).parent / "keyshift"
    if beside.is_file():
        return (str(beside),)
    found = shutil.which("keyshift")
    return (found,) if found else None


def find_keyshift(explicit: str | None) -> Keyshift | str:
    """The keyshift to benchmark, or why there is none."""
    argv = keyshift_argv(explicit)
    if argv is None:
        return "keyshift is not installed (pip install -e . from the repository root)"
    version = _output([*argv, "--version"])
    if version is None or "keyshift" not in version:
        return f"{' '.join(argv)} --version does not print a keyshift version"
    return Keyshift(
        argv, first_line(version), _output([*argv, "check", "--help"]) or "", _output([*argv, "--help"]) or ""
    )


@dataclass(frozen=True)
class Tool:
    """An outside program the benchmark compares with (rg, yamllint)."""

    name: str
    argv: tuple[str, ...]
    version: str


def find_tool(name: str, install_hint: str) -> Tool | str:
    beside = Path(sys.executable).parent / name
    path = str(beside) if beside.is_file() else shutil.which(name)
    if path is None:
        return f"{name} is not installed ({install_hint})"
    return Tool(name, (path,), first_line(_output([path, "--version"])))


RG_HINT = "apt-get install -y ripgrep"
YAMLLINT_HINT = "pip install yamllint"
