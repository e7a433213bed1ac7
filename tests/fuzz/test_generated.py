"""Generated files of every format, with the matrix's keys in every spelling, through check and fix.

Each input goes through every property of fuzz/pipeline.py; see docs/reliability.md.
"""

from __future__ import annotations

import pytest

from fuzz import budget
from fuzz.formats import EACH_FORMAT, Format, generated_cases
from fuzz.pipeline import exercise

pytestmark = pytest.mark.fuzz


@EACH_FORMAT
def test_generated_file(fmt: Format) -> None:
    budget.run_inputs(generated_cases(fmt), 0.5, exercise)
