"""Matrices mutated into invalid ones give exit 2 and ``FILE:LINE: FIELD: message``, never a traceback;
matrices with random edits give exit 0, 1 or 2, and a one-line error when 2.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from fuzz import budget, defects
from fuzz.matrices import MUTATIONS, Mutation, assert_matrix_error, base_and_table, mutate, run_check
from fuzz.mutations import edits
from fuzz.trees import Draw

pytestmark = pytest.mark.fuzz


@st.composite
def invalid_matrices(draw: Draw) -> tuple[str, int, str | None]:
    text, table, version = draw(base_and_table())
    choices = [m for m in MUTATIONS if m.table == table.kind and not (m.defect and defects.excluded(m.defect))]
    mutation: Mutation = draw(st.sampled_from(choices))
    mutated = mutate(text, table, mutation, version)
    assume(mutated is not None)
    assert mutated is not None
    return mutated


@budget.share(0.2, at_least=20)
@given(invalid=invalid_matrices())
def test_mutated_matrix_is_refused_at_its_field(invalid: tuple[str, int, str | None]) -> None:
    text, line, field = invalid
    with tempfile.TemporaryDirectory() as tmp:
        assert_matrix_error(run_check(Path(tmp), text), Path(tmp), line, field)


@budget.share(0.2, at_least=20)
@given(data=st.data())
def test_edited_matrix_never_crashes(data: st.DataObject) -> None:
    text, _, _ = data.draw(base_and_table())
    for _ in range(data.draw(st.integers(1, 3))):
        text = data.draw(edits(text, ("keys", "product", "removed", "replaced-by", "values", "[", "]", '"')))
    with tempfile.TemporaryDirectory() as tmp:
        run = run_check(Path(tmp), text)
        run.assert_clean(codes=(0, 1, 2))
        if run.code == 2:
            lines = run.stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith("keyshift: error: "), run.stderr


def test_every_mutation_applies_somewhere() -> None:
    from fuzz.matrices import base_matrices, tables

    applied = {
        m.name
        for text in base_matrices()
        for table in tables(text)
        for m in MUTATIONS
        if m.table == table.kind and mutate(text, table, m, "2.0") is not None
    }
    assert applied == {m.name for m in MUTATIONS}
