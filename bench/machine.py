"""What a result depends on besides the code: the machine, its load, the commit, and the library versions."""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def cpu_model() -> str:
    for line in _read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def memory_gib() -> float | None:
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def machine() -> dict[str, Any]:
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": usable_cpus(),
        "memory_gib": memory_gib(),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip()


AFFECTS_KEYSHIFT = ("src/", "rules/", "pyproject.toml")


def commit() -> dict[str, Any]:
    """The checkout under test; ``dirty`` lists uncommitted changes to what keyshift runs (its source and packs)."""
    changed = [line[3:] for line in _git("status", "--porcelain").splitlines() if line[3:].startswith(AFFECTS_KEYSHIFT)]
    return {
        "sha": _git("rev-parse", "HEAD") or "unknown",
        "subject": _git("log", "-1", "--format=%s"),
        "dirty": changed,
    }


def library_versions() -> dict[str, str]:
    """The parsers keyshift uses or is compared with, as installed in this Python."""
    out = {}
    for name in ("PyYAML", "ruamel.yaml", "ruamel.yaml.clib", "tomlkit", "libcst", "typer"):
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    try:
        yaml = importlib.import_module("yaml")  # untyped: PyYAML ships no type hints
        out["PyYAML libyaml"] = "yes" if yaml.__with_libyaml__ else "no"
    except ImportError:
        pass
    return out


def compile_bytecode() -> str:
    """Compile the bytecode of the keyshift under test, as ``pip install`` does for a regular install.

    An editable install run with ``PYTHONDONTWRITEBYTECODE=1`` would otherwise compile every module
    from source on every start (about 60 ms here), a cost no installed tool pays; the tools keyshift is
    compared with were compiled when pip installed them.
    """
    import compileall

    import keyshift

    package = Path(keyshift.__file__).parent
    compiled = compileall.compile_dir(str(package), quiet=1, force=False)
    return f"compiled ({package})" if compiled else f"compile failed ({package})"
