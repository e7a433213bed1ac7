"""Helpers shared by the pluto and crd importer tests: run an importer on inline text, render the
value rules it wrote, and find the pack sources (skipping with the reason when they are absent)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from keyshift.importers import ImportInput, ImportRequest, get_importer
from keyshift.importers.draft import ImportFailure, MatrixDraft, TomlValue
from keyshift.importers.render import render
from keyshift.matrix import Matrix, parse_matrix

REPO = Path(__file__).resolve().parents[2]
RULES_START = "[[keys.apiVersion.values]]\n"


def run_importer(
    importer: str,
    tmp_path: Path,
    files: Sequence[tuple[str | None, str]],
    options: Mapping[str, TomlValue] | None = None,
    product: str = "demo",
) -> MatrixDraft:
    """Build from inputs given as (version or None, text), written to files in order."""
    inputs = []
    for number, (version, text) in enumerate(files):
        path = tmp_path / f"input{number}.yaml"
        path.write_text(text, encoding="utf-8")
        inputs.append(ImportInput(path, path.name, version))
    return get_importer(importer)(ImportRequest(product, tuple(inputs), dict(options or {})))


def value_rules_text(draft: MatrixDraft) -> str:
    """The rendered value rules (what follows the ``[keys.apiVersion]`` header), checked to load."""
    text = render(draft)
    parse_matrix(text, "generated.toml")
    return text[text.index(RULES_START) :] if RULES_START in text else ""


def loaded(draft: MatrixDraft) -> Matrix:
    return parse_matrix(render(draft), "generated.toml")


def pack_sources() -> Path:
    """Where the products' data is: ``KEYSHIFT_PACK_SOURCES``, else ``<repository>/../shared/pack-sources``."""
    configured = os.environ.get("KEYSHIFT_PACK_SOURCES")
    directory = Path(configured) if configured else REPO.parent / "shared" / "pack-sources"
    if not directory.is_dir():
        pytest.skip(
            f"pack sources not found at {directory} (set KEYSHIFT_PACK_SOURCES to the shared pack-sources folder)"
        )
    return directory


def refusal(
    importer: str, tmp_path: Path, files: Sequence[tuple[str | None, str]], options: Mapping[str, TomlValue]
) -> str:
    """The message an import fails with, the inputs named without their directory (``input0.yaml:2:5: ...``)."""
    with pytest.raises(ImportFailure) as failure:
        run_importer(importer, tmp_path, files, options)
    return str(failure.value).replace(f"{tmp_path}{os.sep}", "")
