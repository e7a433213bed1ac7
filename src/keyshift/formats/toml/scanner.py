"""The position scanner: statements, keys and values of a TOML text with their offsets.

Neither tomllib nor tomlkit reports where keys and values are, so this small scanner for TOML 1.0
walks the text (tomllib tells whether it is valid) and returns raw statements (offsets only; lines and
columns come later).  Scalar values are decoded by handing their exact text back to tomllib;
dates and times stay raw text.  Anything it cannot read raises :class:`ScanError` at an offset, and so
does a key of more segments, or arrays and inline tables nested deeper, than
:data:`~keyshift.formats._dotted.MAX_KEY_DEPTH` (``too_deep``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, time
from typing import TypeVar

from keyshift.core.edits import line_start
from keyshift.core.model import Scalar, ValueKind
from keyshift.formats._dotted import KEY_TOO_DEEP, MAX_KEY_DEPTH, NESTING_TOO_DEEP
from keyshift.formats.toml.layout import TableKind

__all__ = ["RawHeader", "RawPair", "RawSegment", "RawValue", "ScanError", "Scanner"]


class ScanError(Exception):
    def __init__(self, message: str, offset: int, *, too_deep: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.too_deep = too_deep
        """The text holds a key or nesting deeper than :data:`~keyshift.formats._dotted.MAX_KEY_DEPTH`."""


@dataclass(frozen=True, slots=True)
class RawSegment:
    """One segment of a key: decoded name, text as written, and its offsets."""

    name: str
    raw: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RawValue:
    """A value: a scalar (decoded), an array (its items) or an inline table (its pairs)."""

    kind: ValueKind
    start: int
    end: int
    scalar: Scalar = None
    items: tuple[RawValue, ...] = ()
    pairs: tuple[RawPair, ...] = ()


@dataclass(frozen=True, slots=True)
class RawPair:
    """A ``key = value`` pair; the line offsets stay 0 inside inline tables."""

    segs: tuple[RawSegment, ...]
    value: RawValue
    line_start: int = 0
    line_end: int = 0


@dataclass(frozen=True, slots=True)
class RawHeader:
    """A ``[table]`` or ``[[array-table]]`` header line and the pairs of its section."""

    kind: TableKind
    segs: tuple[RawSegment, ...]
    start: int  # the first "["
    end: int  # after the last "]"
    line_start: int
    line_end: int
    pairs: tuple[RawPair, ...] = ()


_Item = TypeVar("_Item", RawValue, RawPair)

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TOKEN = re.compile(r"[^ \t\r\n,\]}#]+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPACE_TIME = re.compile(r" \d{2}:")


_PLAIN_INT = re.compile(r"[+-]?(?:0|[1-9][0-9]*)")
_PLAIN_STRING = re.compile(r'"[^"\\\x00-\x1f\x7f]*"|\'[^\'\x00-\x1f\x7f]*\'')


def _decode_scalar(raw: str, offset: int) -> Scalar:
    # Shortcuts for the commonest spellings, which decode exactly as tomllib would.
    if _PLAIN_STRING.fullmatch(raw) and raw[:3] not in ('"""', "'''"):
        return raw[1:-1]
    if _PLAIN_INT.fullmatch(raw):
        return int(raw)
    if raw in ("true", "false"):
        return raw == "true"
    try:
        value = tomllib.loads("v = " + raw)["v"]
    except tomllib.TOMLDecodeError:
        raise ScanError(f"cannot read value {raw!r}", offset) from None
    if isinstance(value, date | time):
        return raw
    if isinstance(value, str | int | float | bool):
        return value
    raise ScanError(f"unexpected value {raw!r}", offset)


class Scanner:
    """Finds statements, keys and values in TOML text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.pos = 0
        self.depth = 0
        """Arrays and inline tables open at the current position."""

    # low-level helpers

    def _peek(self, ahead: int = 0) -> str:
        i = self.pos + ahead
        return self.text[i] if i < self.n else ""

    def _skip_ws(self) -> None:
        text, n, i = self.text, self.n, self.pos
        while i < n and text[i] in " \t":
            i += 1
        self.pos = i

    def _skip_comment(self) -> None:
        if self._peek() == "#":
            end = self.text.find("\n", self.pos)
            if end == -1:
                end = self.n
            if end > self.pos and self.text[end - 1] == "\r":
                end -= 1
            self.pos = end

    def _at_newline(self) -> int:
        """The length of the line ending at the current position (0 when there is none)."""
        if self._peek() == "\n":
            return 1
        if self._peek() == "\r" and self._peek(1) == "\n":
            return 2
        return 0

    def _skip_blank(self) -> None:
        """Skip whitespace, comments and newlines (inside arrays and inline tables)."""
        while True:
            self._skip_ws()
            self._skip_comment()
            step = self._at_newline()
            if not step:
                return
            self.pos += step

    def _end_statement(self) -> int:
        """Consume trailing whitespace, a comment and the line ending; return where the line ends."""
        self._skip_ws()
        self._skip_comment()
        line_end = self.pos
        step = self._at_newline()
        if step:
            self.pos += step
        elif self.pos < self.n:
            raise ScanError("expected the end of the line", self.pos)
        return line_end

    # statements

    def scan(self) -> tuple[tuple[RawPair, ...], tuple[RawHeader, ...]]:
        """The pairs before the first header, and every header with the pairs of its section."""
        root: list[RawPair] = []
        sections: list[tuple[RawHeader, list[RawPair]]] = []
        while True:
            self._skip_blank()
            if self.pos >= self.n:
                return tuple(root), tuple(replace(header, pairs=tuple(pairs)) for header, pairs in sections)
            first = line_start(self.text, self.pos)
            if self._peek() == "[":
                sections.append((self._header(first), []))
            else:
                segs, value = self._pair()
                pair = RawPair(segs, value, first, self._end_statement())
                (sections[-1][1] if sections else root).append(pair)

    def _header(self, first: int) -> RawHeader:
        start = self.pos
        kind: TableKind = "table"
        self.pos += 1
        if self._peek() == "[":
            kind = "array-table"
            self.pos += 1
        self._skip_ws()
        segs = self._key()
        self._skip_ws()
        closing = "]]" if kind == "array-table" else "]"
        if not self.text.startswith(closing, self.pos):
            raise ScanError(f"expected {closing!r}", self.pos)
        self.pos += len(closing)
        end = self.pos
        return RawHeader(kind, segs, start, end, first, self._end_statement())

    def _pair(self) -> tuple[tuple[RawSegment, ...], RawValue]:
        segs = self._key()
        self._skip_ws()
        if self._peek() != "=":
            raise ScanError("expected '='", self.pos)
        self.pos += 1
        self._skip_ws()
        return segs, self._value()

    # keys

    def _key(self) -> tuple[RawSegment, ...]:
        segs = [self._simple_key()]
        while True:
            save = self.pos
            self._skip_ws()
            if self._peek() != ".":
                self.pos = save
                return tuple(segs)
            self.pos += 1
            self._skip_ws()
            if len(segs) == MAX_KEY_DEPTH:
                raise ScanError(KEY_TOO_DEEP, segs[0].start, too_deep=True)
            segs.append(self._simple_key())

    def _simple_key(self) -> RawSegment:
        start = self.pos
        char = self._peek()
        if char == '"':
            end = self._basic_string_end(start)
            raw = self.text[start:end]
            name = _decode_scalar(raw, start)
            if not isinstance(name, str):
                raise ScanError("bad quoted key", start)
        elif char == "'":
            end = self.text.find("'", start + 1) + 1
            if end == 0:
                raise ScanError("unterminated literal key", start)
            raw = self.text[start:end]
            name = raw[1:-1]
        else:
            match = _BARE_KEY.match(self.text, start)
            if not match:
                raise ScanError("expected a key", start)
            end = match.end()
            raw = name = match.group()
        self.pos = end
        return RawSegment(name, raw, start, end)

    # values

    def _basic_string_end(self, start: int) -> int:
        text, n, i = self.text, self.n, start + 1
        while i < n:
            char = text[i]
            if char == "\\":
                i += 2
            elif char == '"':
                return i + 1
            elif char == "\n":
                break
            else:
                i += 1
        raise ScanError("unterminated string", start)

    def _multiline_end(self, start: int, quote: str) -> int:
        text, n, i = self.text, self.n, start + 3
        delimiter = quote * 3
        while i < n:
            char = text[i]
            if char == "\\" and quote == '"':
                i += 2
            elif text.startswith(delimiter, i):
                # up to two quotes may sit right before the closing delimiter
                end = i + 3
                while end < n and text[end] == quote and end - i < 5:
                    end += 1
                return end
            else:
                i += 1
        raise ScanError("unterminated multi-line string", start)

    def _value(self) -> RawValue:
        start = self.pos
        text = self.text
        char = self._peek()
        if char == "[":
            return self._array()
        if char == "{":
            return self._inline_table()
        if text.startswith('"""', start) or text.startswith("'''", start):
            end = self._multiline_end(start, char)
        elif char == '"':
            end = self._basic_string_end(start)
        elif char == "'":
            end = text.find("'", start + 1) + 1
            if end == 0:
                raise ScanError("unterminated string", start)
        else:
            end = self._bare_value_end(start)
        self.pos = end
        return RawValue("scalar", start, end, _decode_scalar(text[start:end], start))

    def _bare_value_end(self, start: int) -> int:
        """The end of a number, boolean or date/time starting at ``start``."""
        match = _TOKEN.match(self.text, start)
        if not match:
            raise ScanError("expected a value", start)
        end = match.end()
        if _DATE.fullmatch(match.group()) and _SPACE_TIME.match(self.text, end):
            # "1979-05-27 07:32:00": a date-time whose delimiter is a space
            rest = _TOKEN.match(self.text, end + 1)
            if rest:
                end = rest.end()
        return end

    def _array(self) -> RawValue:
        start = self.pos
        items = self._bracketed("]", self._value)
        return RawValue("sequence", start, self.pos, items=tuple(items))

    def _inline_table(self) -> RawValue:
        start = self.pos
        pairs = self._bracketed("}", lambda: RawPair(*self._pair()))
        return RawValue("mapping", start, self.pos, pairs=tuple(pairs))

    def _bracketed(self, close: str, read: Callable[[], _Item]) -> list[_Item]:
        """The comma-separated items from the opening bracket at the current position to ``close``."""
        if self.depth == MAX_KEY_DEPTH:
            raise ScanError(NESTING_TOO_DEEP, self.pos, too_deep=True)
        self.depth += 1
        self.pos += 1
        items: list[_Item] = []
        while True:
            self._skip_blank()
            if self._peek() == close:
                break
            items.append(read())
            self._skip_blank()
            if self._peek() == ",":
                self.pos += 1
            elif self._peek() != close:
                raise ScanError(f"expected ',' or {close!r}", self.pos)
        self.pos += 1
        self.depth -= 1
        return items
