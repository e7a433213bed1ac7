"""Writing a matrix value as a typed format's literal: the part YAML and TOML share.

Booleans, integers and floats are spelled the same way in both (``true``, ``42``, ``repr`` of a
float); they differ in how they write null, NaN and infinities, and strings are each format's own
business (quote styles), so those come in as a :class:`ScalarSpelling` and a string writer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from keyshift.core.edits import CannotFix
from keyshift.core.model import Scalar


@dataclass(frozen=True, slots=True)
class ScalarSpelling:
    format_label: str
    null: str | None
    """How null is written; None where the format has no null (the fix is refused)."""
    nan: str
    inf: str


def spell_scalar(value: Scalar, spelling: ScalarSpelling, write_string: Callable[[str], str]) -> str:
    """``value`` as a literal of the format ``spelling`` describes."""
    if isinstance(value, str):
        return write_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        if spelling.null is None:
            raise CannotFix(f"{spelling.format_label} has no null value; change this key by hand")
        return spelling.null
    if isinstance(value, int):
        return str(value)
    return _spell_float(value, spelling)


def _spell_float(value: float, spelling: ScalarSpelling) -> str:
    if math.isnan(value):
        return spelling.nan
    if math.isinf(value):
        return spelling.inf if value > 0 else "-" + spelling.inf
    return repr(value)
