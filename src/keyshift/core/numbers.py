"""Whole numbers between text and ``int``, guarded: the one place keyshift turns digits a user wrote into a
number, or an integer from a file into decimal text.

Python refuses ``int(text)`` and ``str(number)`` past 4,300 decimal digits (and both take time quadratic in
the digits before that), so a version, an option or a config value with a long number would otherwise end
in a ``ValueError`` traceback.
"""

from __future__ import annotations

import math

_DECIMAL_BITS = 14_000
"""Integers up to this many bits have at most 4,215 decimal digits: within Python's default limit."""


class NumberTooLong(ValueError):
    """Digits that make a number longer than the caller accepts."""

    def __init__(self, digits: int, limit: int) -> None:
        super().__init__(f"a number of {digits:,} digits (at most {limit:,})")
        self.digits = digits
        self.limit = limit


def whole_number(digits: str, *, limit: int) -> int:
    """``int(digits)`` for a run of ASCII digits; NumberTooLong past ``limit`` digits (leading zeros aside)."""
    significant = digits.lstrip("0")
    if len(significant) > limit:
        raise NumberTooLong(len(significant), limit)
    return int(significant or "0")


def decimal_text(value: int) -> str | None:
    """``str(value)``, or None for an integer too long to write in decimal."""
    if value.bit_length() > _DECIMAL_BITS:
        return None
    try:
        return str(value)
    except ValueError:  # a lower limit set with PYTHONINTMAXSTRDIGITS
        return None


def digit_count(value: int) -> int:
    """How many decimal digits ``abs(value)`` has, without writing them out."""
    magnitude = abs(value)
    if magnitude < 10:
        return 1
    estimate = math.log10(magnitude)
    digits = math.floor(estimate) + 1
    if estimate - math.floor(estimate) < 1e-9 or math.ceil(estimate) - estimate < 1e-9:
        # within float error of a power of ten: decide exactly
        digits = math.floor(estimate + 0.5)
        if magnitude >= 10**digits:
            digits += 1
    return digits
