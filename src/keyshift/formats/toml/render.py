"""How the TOML fixer writes keys and scalar values: bare keys where TOML allows, quotes like the
file's own, strings in the quote kind of the value they replace, dates and times as literals."""

from __future__ import annotations

import math
import re
import tomllib
from datetime import date, time

from keyshift.core.edits import CannotFix
from keyshift.core.model import Scalar

__all__ = ["decode_value", "key_text", "render_scalar"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _basic_body(text: str) -> str:
    out: list[str] = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def _literal_ok(text: str) -> bool:
    """Whether a single-line literal string (``'...'``) can hold ``text`` as it is."""
    return "'" not in text and not any((ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F for c in text)


def key_text(name: str, like_raw: str) -> str:
    """A key segment: bare when TOML allows, else quoted like ``like_raw`` (basic for bare keys)."""
    if _BARE_KEY.fullmatch(name):
        return name
    if like_raw.startswith("'") and _literal_ok(name):
        return f"'{name}'"
    return f'"{_basic_body(name)}"'


def decode_value(raw: str) -> object:
    """What tomllib reads from the value text ``raw`` (None when it is not a TOML value)."""
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return None


def _is_datetime(raw: str) -> bool:
    """Whether ``raw`` is exactly one TOML date/time literal (no comment, nothing around it)."""
    return raw == raw.strip() and not any(c in raw for c in "#\n\r") and isinstance(decode_value(raw), date | time)


def render_scalar(value: Scalar, old_raw: str | None) -> str:
    """``value`` as a TOML literal, a string keeping the quote kind of ``old_raw`` where it can."""
    if value is None:
        raise CannotFix("TOML has no null value; change this key by hand")
    if isinstance(value, str):
        return _string_text(value, old_raw or '"')
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _float_text(value)


def _float_text(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def _string_text(value: str, old: str) -> str:
    """A string in the quote kind of ``old`` (the text it replaces) where that kind can hold it."""
    if old.startswith('"""'):
        return f'"""{_basic_body(value)}"""'
    if old.startswith("'''"):
        return f"'''{value}'''" if _literal_ok(value) else f'"""{_basic_body(value)}"""'
    if old.startswith("'"):
        return f"'{value}'" if _literal_ok(value) else f'"{_basic_body(value)}"'
    if not old.startswith('"') and _is_datetime(old) and _is_datetime(value):
        return value  # a date/time stays a date/time literal
    return f'"{_basic_body(value)}"'
