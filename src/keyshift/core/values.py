"""Scalar values across formats: their text form, how messages show them, and how they compare.

A typed format (YAML, TOML, JSON, Python) keeps ``true`` and ``"true"`` apart; an untyped one
(.properties, .env, INI, scripts) holds text only.  Matching, fixing and reporting all compare and
show values through these three functions.
"""

from __future__ import annotations

import re

from keyshift.core.model import Scalar


def scalar_text(value: Scalar) -> str:
    """The text form used to compare values across typed and untyped formats."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    return str(value)


_LOOKS_TYPED = re.compile(r"(?i:true|false|null|~|yes|no|on|off)|[-+]?(\d[\d_]*)?\.?\d+([eE][-+]?\d+)?")


def format_scalar(value: Scalar) -> str:
    """A value for messages: strings that would read as another type are quoted (``"true"``)."""
    if isinstance(value, str):
        if value == "" or value.strip() != value or _LOOKS_TYPED.fullmatch(value):
            return '"' + value.replace('"', '\\"') + '"'
        return value
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
