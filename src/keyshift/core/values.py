"""Scalar values across formats: their text form, how messages show them, and how they compare.

A typed format (YAML, TOML, JSON, Python) keeps ``true`` and ``"true"`` apart; an untyped one
(.properties, .env, INI, scripts) holds text only.  Matching, fixing and reporting all compare and
show values through these three functions.
"""

from __future__ import annotations

import re

from keyshift.core.model import Scalar
from keyshift.core.numbers import decimal_text, digit_count


def scalar_text(value: Scalar) -> str:
    """The text form used to compare values across typed and untyped formats.

    An integer too long for decimal text (a YAML ``0x...`` of more than 4,300 decimal digits) is its
    exact hexadecimal form, so that two different integers never compare equal as text.
    """
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        text = decimal_text(value)
        return hex(value) if text is None else text
    return str(value)


def typed_text(value: Scalar) -> str:
    """The value and its type as text (``int:1`` is neither ``float:1.0`` nor ``str:1``); never raises."""
    shown = scalar_text(value) if isinstance(value, int) and not isinstance(value, bool) else repr(value)
    return f"{type(value).__name__}:{shown}"


_LOOKS_TYPED = re.compile(r"(?i:true|false|null|~|yes|no|on|off)|[-+]?(\d[\d_]*)?\.?\d+([eE][-+]?\d+)?")


def format_scalar(value: Scalar) -> str:
    """A value for messages: strings that would read as another type are quoted (``"true"``)."""
    if isinstance(value, str):
        if value == "" or value.strip() != value or _LOOKS_TYPED.fullmatch(value):
            return '"' + value.replace('"', '\\"') + '"'
        return value
    if isinstance(value, int) and not isinstance(value, bool) and decimal_text(value) is None:
        sign = "a negative" if value < 0 else "an"
        return f"{sign} integer of {digit_count(value):,} digits"
    return scalar_text(value)


def values_equal(found: Scalar, wanted: Scalar, typed: bool) -> bool:
    """Compare a value from a file with a matrix value.

    Typed formats compare type and value (``"true"`` is not ``true``; ``1`` is not ``true``);
    untyped formats (.properties, .env, INI) compare text, case-insensitively for booleans.
    """
    if typed:
        if isinstance(found, bool) or isinstance(wanted, bool):
            return isinstance(found, bool) and isinstance(wanted, bool) and found is wanted
        return (type(found) is type(wanted) and found == wanted) or (
            isinstance(found, int | float) and isinstance(wanted, int | float) and found == wanted
        )
    found_text, wanted_text = scalar_text(found), scalar_text(wanted)
    if isinstance(wanted, bool):
        return found_text.lower() == wanted_text
    return found_text == wanted_text
