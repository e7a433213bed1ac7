"""Defect 7 of issue 10: the work of checking and fixing one file grows linearly with its keys and findings.

Work is counted, not timed: the Python and C function calls a run makes (``sys.setprofile``), for a YAML file
of N renamed keys and for one of 4 N.  Linear work gives about 4 times the calls; the quadratic parts this
replaced (every fix looking through every entry, every key and every accepted edit of the file, every key
match through every earlier one) gave 10 times and more.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from helpers import write_tree
from keyshift.app.check import check
from keyshift.app.config import RunConfig
from keyshift.app.fix import fix

PRODUCT = '[product]\nname = "p"\nversions = ["1", "2"]\nfiles = ["conf.yaml"]\n'
MATRIX = PRODUCT + '[keys."p.*.old"]\nremoved = "2"\nreplaced-by = "p.*.new"\n'


def calls(run: Any, config: RunConfig) -> int:
    """The function calls ``run(config)`` makes."""
    count = 0

    def profile(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        run(config, stdout=io.StringIO(), stderr=io.StringIO())
    finally:
        sys.setprofile(None)
    return count


def work(tmp_path: Path, command: str, keys: int) -> int:
    root = tmp_path / f"{command}{keys}"
    text = "p:\n" + "".join(f"  k{i}:\n    old: {i}\n" for i in range(keys))
    write_tree(root, {"m.toml": MATRIX, "conf.yaml": text})
    config = RunConfig(
        paths=(str(root / "conf.yaml"),),
        matrices=(str(root / "m.toml"),),
        cache=False,
        jobs="1",
        fix=command == "fix",
        output_format="concise",
    )
    run = fix if command == "fix" else check
    run(config, stdout=io.StringIO(), stderr=io.StringIO())  # imports and first-use work out of the count
    write_tree(root, {"conf.yaml": text})
    return calls(run, config)


@pytest.mark.parametrize("command", ["check", "fix"])
def test_work_grows_linearly_with_the_keys_and_findings_of_a_file(tmp_path: Path, command: str) -> None:
    small, large = work(tmp_path, command, 150), work(tmp_path, command, 600)
    assert large < 4.5 * small, f"{command}: {small} calls for 150 renamed keys, {large} for 600"
