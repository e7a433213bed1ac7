"""How the YAML fixer writes text: scalars and keys (plain when they can be, else quoted), and
blocks of existing text spliced with replacements or moved to another indentation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from keyshift.core.edits import CannotFix
from keyshift.core.model import Scalar
from keyshift.core.positions import YAML_BREAKS, split_lines
from keyshift.formats._scalars import ScalarSpelling, spell_scalar
from keyshift.formats.yaml.walk import Node

INDEX_SEGMENT = re.compile(r"\[[0-9]+\]")
"""A path segment that names a sequence element (``[3]``)."""
# plain scalars that a YAML 1.1 or 1.2 reader would not take as a string
_RESERVED_WORDS = frozenset(
    {
        *("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO"),
        *("true", "True", "TRUE", "false", "False", "FALSE"),
        *("on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", "=", "<<"),
    }
)
_NUMBER_LIKE = re.compile(r"[-+]?(\.?[0-9]|\.(inf|Inf|INF|nan|NaN|NAN)$)")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
FLOW_INDICATORS = frozenset(",[]{}")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


# -- scalars and keys -----------------------------------------------------------------------------


def plain_ok(text: str, flow: bool) -> bool:
    """Whether ``text`` can be written as a plain scalar and read back as the same string."""
    if not text or text != text.strip() or not text.isprintable():
        return False
    if text in _RESERVED_WORDS or _NUMBER_LIKE.match(text) or text.startswith(("---", "...")):
        return False
    first = text[0]
    if first in "-?:":
        if len(text) == 1 or text[1] == " " or (flow and text[1] in FLOW_INDICATORS):
            return False
    elif first in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    return not (flow and (":" in text or any(c in FLOW_INDICATORS for c in text)))


def _double_quoted(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif not ch.isprintable():
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _quoted(text: str, style: str | None, flow: bool) -> str:
    """A string in the given quote style (None: plain if it can be, else double-quoted)."""
    if style == "'" and text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    if style is None and plain_ok(text, flow):
        return text
    return _double_quoted(text)


YAML_SCALARS = ScalarSpelling("YAML", null="null", nan=".nan", inf=".inf")


def format_scalar(value: Scalar, style: str | None = None, flow: bool = False) -> str:
    """YAML text for ``value``: a string keeps ``style`` ('"', "'" or None for plain)."""
    return spell_scalar(value, YAML_SCALARS, lambda text: _quoted(text, style, flow))


def format_key(segments: Sequence[str], style: str | None, flow: bool) -> str:
    """One key for ``segments`` (dotted when there are several), in the given quote style."""
    for segment in segments:
        if not segment or "." in segment or INDEX_SEGMENT.fullmatch(segment):
            raise CannotFix(f"cannot write the key {segment!r} in YAML without changing its path")
    return _quoted(".".join(segments), style, flow)


def quote_style(node: Node) -> str | None:
    """The quote character a scalar node is written with (None when plain or a block scalar)."""
    style = getattr(node, "style", None)
    return style if style in ("'", '"') else None


# -- blocks of text -------------------------------------------------------------------------------


def render(text: str, start: int, end: int, subs: Sequence[tuple[int, int, str]]) -> str:
    """``text[start:end]`` with each ``(start, end, replacement)`` of ``subs`` applied."""
    out: list[str] = []
    cursor = start
    for s, e, replacement in sorted(subs):
        out.append(text[cursor:s])
        out.append(replacement)
        cursor = e
    out.append(text[cursor:end])
    return "".join(out)


def reindent(block: str, delta: int) -> str:
    """Shift every non-blank line of ``block`` by ``delta`` columns (never past its own indentation)."""
    if delta == 0:
        return block
    out: list[str] = []
    for line in split_lines(block, YAML_BREAKS):
        if not line.strip():
            out.append(line)
        elif delta > 0:
            out.append(" " * delta + line)
        else:
            leading = len(line) - len(line.lstrip(" "))
            out.append(line[min(leading, -delta) :])
    return "".join(out)
