"""Matrix texts for the matrix tests, written one argument per line, and the check of a matrix error
(``file:line: field: message`` is what a matrix author sees)."""

from __future__ import annotations

import pytest

from keyshift.matrix import MatrixError, parse_matrix

# lines 1-3 of most cases
HEAD = ("[product]", 'name = "dten"', 'versions = ["2.4", "2.5", "3.0", "3.1"]')
# lines 1-2: a product without an explicit version list
BARE = ("[product]", 'name = "dten"')

ErrorCase = tuple[str, int | None, str | None, str]
"""(matrix text, line, field, a phrase of the message) of one invalid matrix."""


def lines(*text: str) -> str:
    """A matrix text, one argument per line (so line N is argument N)."""
    return "\n".join(text) + "\n"


def matrix_error(text: str) -> MatrixError:
    """The error that parsing ``text`` as ``m.toml`` raises (the test fails if it parses)."""
    with pytest.raises(MatrixError) as caught:
        parse_matrix(text, "m.toml")
    return caught.value


def assert_matrix_error(text: str, line: int | None, field_name: str | None, phrase: str) -> None:
    error = matrix_error(text)
    assert error.source == "m.toml"
    assert error.line == line
    assert error.field_name == field_name
    assert phrase in error.message
    where = f"m.toml:{line}" if line else "m.toml"
    assert str(error) == (f"{where}: {field_name}: {error.message}" if field_name else f"{where}: {error.message}")
