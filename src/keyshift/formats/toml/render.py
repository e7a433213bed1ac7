"""How the TOML fixer writes keys and scalar values: bare keys where TOML allows, quotes like the
file's own, strings in the quote kind of the value they replace, dates and times as literals."""

from __future__ import annotations

import re
import tomllib
from datetime import date, time

from keyshift.core.model import Scalar
from keyshift.formats._scalars import ScalarSpelling, spell_scalar

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


TOML_SCALARS = ScalarSpelling("TOML", null=None, nan="nan", inf="inf")


def render_scalar(value: Scalar, old_raw: str | None) -> str:
    """``value`` as a TOML literal, a string keeping the quote kind of ``old_raw`` where it can."""
    return spell_scalar(value, TOML_SCALARS, lambda text: _string_text(text, old_raw or '"'))


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
