"""Every fix-corpus case, as it is and with a BOM on each file: ``fix --diff`` applied by the real
``patch -p1`` to the input gives the expected files, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import write_tree
from support.patching import apply_patch, needs_patch, run_bytes
from support.tables import each_case
from test_fix_corpus import CASES, _args, _files


@needs_patch
@each_case(CASES)
@pytest.mark.parametrize("add_bom", [False, True], ids=["as is", "BOM"])
def test_the_corpus_diff_patches_the_input_into_the_expected_files(case: Path, add_bom: bool, tmp_path: Path) -> None:
    bom_bytes = "\ufeff".encode()

    def bom(data: bytes) -> bytes:
        return bom_bytes + data if add_bom and not data.startswith(bom_bytes) else data

    inputs = {name: bom(data) for name, data in _files(case / "input").items()}
    expected = {name: bom(data) for name, data in _files(case / "expected").items()}
    shutil.copy(case / "matrix.toml", tmp_path / "matrix.toml")
    write_tree(tmp_path / "work", inputs)
    write_tree(tmp_path / "patched", inputs)
    command = ["fix", "-m", str(tmp_path / "matrix.toml"), *_args(case), "--no-cache", "--diff", "."]
    code, diff, stderr = run_bytes(command, tmp_path / "work")
    assert code == (0 if expected == inputs else 1), stderr
    if diff:
        apply_patch(tmp_path / "patched", diff)
    assert _files(tmp_path / "patched") == expected
