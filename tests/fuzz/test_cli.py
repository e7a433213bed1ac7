"""A few inputs of every format through the installed command line, in a child process: no traceback,
the exit codes of the README, a text report on a real pipe, a JSON fix report that parses, and a fix
that a second fix leaves alone.  (Everything else runs in-process, see pipeline.py: a child process
costs a third of a second.)
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from fuzz import budget
from fuzz.formats import EACH_FORMAT, Format, generated_cases
from fuzz.harness import Case, run_cli

pytestmark = pytest.mark.fuzz


@EACH_FORMAT
def test_generated_file_through_the_cli(fmt: Format) -> None:
    budget.run_inputs(generated_cases(fmt), 0.001, _through_the_cli)


def _through_the_cli(case: Case) -> None:
    with tempfile.TemporaryDirectory(prefix="keyshift-fuzz-") as tmp:
        root = Path(tmp)
        (root / "m.toml").write_text(case.matrix, encoding="utf-8")
        work = root / "work"
        (work / case.name).parent.mkdir(parents=True)
        (work / case.name).write_bytes(case.data)
        matrix = ["-m", str(root / "m.toml"), "--no-cache"]
        fix = ["fix", *matrix, *(["--unsafe"] if case.unsafe else [])]
        run_cli(["check", "--format", "text", *matrix, "."], work).assert_clean()
        fixing = run_cli([*fix, "--format", "json", "."], work)
        fixing.assert_clean()
        json.loads(fixing.stdout)
        fixed = (work / case.name).read_bytes()
        again = run_cli([*fix, "--diff", "."], work)
        again.assert_clean(codes=(0,))
        assert again.stdout == "" and (work / case.name).read_bytes() == fixed
