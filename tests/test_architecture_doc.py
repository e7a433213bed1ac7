"""docs/architecture.md stays true: every file it names exists, and it describes every package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "architecture.md"
TEXT = DOC.read_text(encoding="utf-8")
NAMED = sorted(set(re.findall(r"`((?:src|tests)/[\w./<>-]+)`", TEXT)))


@pytest.mark.parametrize("path", [p for p in NAMED if "<" not in p])
def test_every_named_file_exists(path: str) -> None:
    assert (REPO / path).exists(), f"docs/architecture.md names {path}, which does not exist"


def test_the_doc_names_files() -> None:
    assert len(NAMED) >= 20


@pytest.mark.parametrize(
    "package", sorted(p.name for p in (REPO / "src" / "keyshift").iterdir() if (p / "__init__.py").is_file())
)
def test_every_package_is_described(package: str) -> None:
    assert f"| `{package}/` |" in TEXT


@pytest.mark.parametrize(
    "heading",
    [
        "## How to add a file format",
        "## How to add an output format",
        "## How to add a command",
        "## How to add a finding kind",
    ],
)
def test_the_checklists_are_there(heading: str) -> None:
    assert heading in TEXT


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("keyshift.formats", "FORMATS"),
        ("keyshift.formats", "FormatTraits"),
        ("keyshift.report", "REPORTERS"),
        ("keyshift.cli", "COMMANDS"),
        ("keyshift.cli.options", "scan_command"),
        ("keyshift.cli.options", "run_config"),
        ("keyshift.fix.policy", "POLICIES"),
        ("keyshift.match.findings", "finding"),
        ("keyshift.matrix.locate", "FieldLocator"),
        ("keyshift.core.identity", "fingerprint"),
        ("keyshift.fix.remaining", "remaining_scan"),
        ("keyshift.app.config", "RunConfig"),
    ],
)
def test_named_extension_points_exist(module: str, name: str) -> None:
    import importlib

    assert f"`{name}`" in TEXT or f"{name}(" in TEXT
    assert hasattr(importlib.import_module(module), name)
