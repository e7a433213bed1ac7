"""Mutated corpus inputs of every format (tests/fix_corpus/*/input and examples/, each with its own
matrix), through check and fix: every property of fuzz/pipeline.py.
"""

from __future__ import annotations

import pytest

from fuzz import budget
from fuzz.formats import EACH_FORMAT, FORMATS, Format
from fuzz.mutations import mutated_cases, seeds_of
from fuzz.pipeline import exercise

pytestmark = pytest.mark.fuzz


@EACH_FORMAT
def test_mutated_corpus_file(fmt: Format) -> None:
    budget.run_inputs(mutated_cases(fmt.name), 0.5, exercise)


def test_every_format_has_corpus_seeds() -> None:
    assert {f.name: len(seeds_of(f.name)) > 0 for f in FORMATS} == {f.name: True for f in FORMATS}
