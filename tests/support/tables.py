"""Running a test once per row of a table of cases."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pytest


class Named(Protocol):
    @property
    def name(self) -> str: ...


def each_case(cases: Sequence[Named]) -> pytest.MarkDecorator:
    """Parametrize a test's ``case`` argument over ``cases``, each test named by its case."""
    return pytest.mark.parametrize("case", cases, ids=[case.name for case in cases])


def each_row(argnames: str | Sequence[str], rows: Sequence[tuple[object, ...]]) -> pytest.MarkDecorator:
    """Parametrize a test over table rows ``(name, *values)``: ``argnames`` take the values, and each
    test is named by its row's name."""
    return pytest.mark.parametrize(argnames, [pytest.param(*row[1:], id=str(row[0])) for row in rows])
