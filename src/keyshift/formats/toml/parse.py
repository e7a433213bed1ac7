"""TOML format adapter: key occurrences with exact positions, plus a layout for minimal-diff fixes.

The text is validated with :mod:`tomllib` first (its errors become
:class:`~keyshift.core.model.ConfigSyntaxError`); then a small position scanner for TOML 1.0 walks the
same text, because neither tomllib nor tomlkit reports where keys and values are.  Scalar values
are decoded by handing their exact text back to tomllib; dates and times stay raw text.

Occurrences (one document, index 0) follow the contract in :class:`~keyshift.core.model.Occurrence`:

* every ``key = value`` pair gives an explicit occurrence with its full path from the root and,
  for each intermediate segment of a dotted key, an ``implicit`` one sharing the pair's key and
  value spans;
* ``[a.b]`` gives an implicit occurrence per intermediate segment (sharing the header's spans;
  a sequence when it names an array of tables) and an explicit mapping occurrence whose value
  span runs from the ``[`` to the end of the table's last value (the
  header alone when the table is empty);
* ``[[a.b]]`` gives ``("a", "b")`` (a sequence; implicit for every header of that array but the
  first) and the element ``("a", "b", "[N]")``; the keys below continue under the element, and a
  later header reaching through ``a.b`` indexes into its latest element;
* array elements give ``path + ("[N]",)`` occurrences whose key and value span is the element.

``ParsedFile.tree`` is a :class:`TomlLayout`:

* ``tables``: one :class:`TomlTable` per ``[table]`` / ``[[array-table]]`` header, in file order:
  resolved path (an array-table's element path ends in ``"[N]"``), kind, key segments with
  their spans, the header span (``[`` to ``]``), the header's line span (with a trailing
  comment), the body span (from the end of the header line to the end of the last entry's line,
  comment included; empty when the table has no entries), the section span (header line start to
  the start of the next header line or the end of the text) and whether the body holds dotted keys;
* ``entries``: one :class:`TomlEntry` per ``key = value`` pair, in file order, including pairs
  inside inline tables (``inline=True``): key segments with their own spans, the key span, the
  value span, the line span (line start to the end of the trailing comment, or of the value;
  None inside inline tables), the owning table path (``()`` for the root, the inline table's
  path for inline pairs) and the full path;
* ``origins``: for every table path, how it came to exist: ``"header"`` (``[a]``),
  ``"implicit"`` (only as an intermediate of a header key, e.g. ``a`` of ``[a.b]``),
  ``"dotted"`` (created by a dotted key such as ``a.b = 1``), ``"inline"`` (an inline table
  value), ``"array-of-tables"`` (the array of a ``[[a]]``) and ``"array-table"`` (one of its
  element tables).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal

from keyshift.core.edits import line_start
from keyshift.core.model import ConfigSyntaxError, Document, Occurrence, ParsedFile, Scalar, Span, ValueKind
from keyshift.core.positions import LineIndex
from keyshift.formats._lines import syntax_error

TableKind = Literal["table", "array-table"]
TableOrigin = Literal["header", "implicit", "dotted", "inline", "array-of-tables", "array-table"]

__all__ = ["KeySegment", "TableKind", "TableOrigin", "TomlEntry", "TomlLayout", "TomlTable", "parse"]


@dataclass(frozen=True, slots=True)
class KeySegment:
    """One segment of a (possibly dotted) key: decoded name, text as written and its span."""

    name: str
    raw: str
    span: Span


@dataclass(frozen=True, slots=True)
class TomlTable:
    """A ``[table]`` or ``[[array-table]]`` header and the section it opens."""

    path: tuple[str, ...]
    kind: TableKind
    segments: tuple[KeySegment, ...]
    key_span: Span
    header_span: Span
    line_span: Span
    body_span: Span
    section_span: Span
    has_dotted_keys: bool


@dataclass(frozen=True, slots=True)
class TomlEntry:
    """A ``key = value`` pair."""

    path: tuple[str, ...]
    table: tuple[str, ...]
    segments: tuple[KeySegment, ...]
    key_span: Span
    value_span: Span
    line_span: Span | None
    value_kind: ValueKind
    inline: bool = False


@dataclass(frozen=True, slots=True)
class TomlLayout:
    """Where everything sits in a TOML text; see the module docstring."""

    tables: tuple[TomlTable, ...] = ()
    entries: tuple[TomlEntry, ...] = ()
    origins: tuple[tuple[tuple[str, ...], TableOrigin], ...] = ()

    def origin(self, path: tuple[str, ...]) -> TableOrigin | None:
        """How the table at ``path`` was defined, or None when no table has that path."""
        for table_path, origin in self.origins:
            if table_path == path:
                return origin
        return None


# --- validation ---------------------------------------------------------------------------------

_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def _validate(text: str, index: LineIndex) -> None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _AT_LINE.search(message)
        if match:
            raise ConfigSyntaxError(message[: match.start()], int(match.group(1)), int(match.group(2))) from None
        end = index.position(len(text))
        match = _AT_END.search(message)
        if match:
            message = message[: match.start()]
        raise ConfigSyntaxError(message, end.line, end.column) from None
    except RecursionError:
        raise ConfigSyntaxError("TOML nested too deeply", 1, 1) from None
    except ValueError as exc:  # tomllib turns its own ValueErrors into TOMLDecodeError; be safe
        raise ConfigSyntaxError(str(exc) or "invalid TOML", 1, 1) from None


# --- scanner ------------------------------------------------------------------------------------


class _ScanError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(slots=True)
class _Seg:
    name: str
    raw: str
    start: int
    end: int


@dataclass(slots=True)
class _Value:
    kind: ValueKind
    start: int
    end: int
    scalar: Scalar = None
    items: list[_Value] = field(default_factory=list)
    pairs: list[_Pair] = field(default_factory=list)


@dataclass(slots=True)
class _Pair:
    segs: list[_Seg]
    value: _Value
    line_start: int = 0
    line_end: int = 0


@dataclass(slots=True)
class _Header:
    kind: TableKind
    segs: list[_Seg]
    start: int  # the first "["
    end: int  # after the last "]"
    line_start: int
    line_end: int
    pairs: list[_Pair] = field(default_factory=list)


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
        raise _ScanError(f"cannot read value {raw!r}", offset) from None
    if isinstance(value, date | time):
        return raw
    if isinstance(value, str | int | float | bool):
        return value
    raise _ScanError(f"unexpected value {raw!r}", offset)


class _Scanner:
    """Finds statements, keys and values in text that tomllib has already accepted."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.pos = 0

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
            raise _ScanError("expected the end of the line", self.pos)
        return line_end

    # statements

    def scan(self) -> tuple[list[_Pair], list[_Header]]:
        root: list[_Pair] = []
        headers: list[_Header] = []
        while True:
            self._skip_blank()
            if self.pos >= self.n:
                return root, headers
            start = self.pos
            if self._peek() == "[":
                header = self._header()
                header.line_start = line_start(self.text, start)
                header.line_end = self._end_statement()
                headers.append(header)
            else:
                pair = self._pair()
                pair.line_start = line_start(self.text, start)
                pair.line_end = self._end_statement()
                (headers[-1].pairs if headers else root).append(pair)

    def _header(self) -> _Header:
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
            raise _ScanError(f"expected {closing!r}", self.pos)
        self.pos += len(closing)
        return _Header(kind, segs, start, self.pos, 0, 0)

    def _pair(self) -> _Pair:
        segs = self._key()
        self._skip_ws()
        if self._peek() != "=":
            raise _ScanError("expected '='", self.pos)
        self.pos += 1
        self._skip_ws()
        return _Pair(segs, self._value())

    # keys

    def _key(self) -> list[_Seg]:
        segs = [self._simple_key()]
        while True:
            save = self.pos
            self._skip_ws()
            if self._peek() != ".":
                self.pos = save
                return segs
            self.pos += 1
            self._skip_ws()
            segs.append(self._simple_key())

    def _simple_key(self) -> _Seg:
        start = self.pos
        char = self._peek()
        if char == '"':
            end = self._basic_string_end(start)
            raw = self.text[start:end]
            name = _decode_scalar(raw, start)
            if not isinstance(name, str):
                raise _ScanError("bad quoted key", start)
        elif char == "'":
            end = self.text.find("'", start + 1) + 1
            if end == 0:
                raise _ScanError("unterminated literal key", start)
            raw = self.text[start:end]
            name = raw[1:-1]
        else:
            match = _BARE_KEY.match(self.text, start)
            if not match:
                raise _ScanError("expected a key", start)
            end = match.end()
            raw = name = match.group()
        self.pos = end
        return _Seg(name, raw, start, end)

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
        raise _ScanError("unterminated string", start)

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
        raise _ScanError("unterminated multi-line string", start)

    def _value(self) -> _Value:
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
                raise _ScanError("unterminated string", start)
        else:
            match = _TOKEN.match(text, start)
            if not match:
                raise _ScanError("expected a value", start)
            end = match.end()
            if _DATE.fullmatch(match.group()) and _SPACE_TIME.match(text, end):
                # "1979-05-27 07:32:00": a date-time whose delimiter is a space
                rest = _TOKEN.match(text, end + 1)
                if rest:
                    end = rest.end()
        self.pos = end
        return _Value("scalar", start, end, _decode_scalar(text[start:end], start))

    def _array(self) -> _Value:
        start = self.pos
        self.pos += 1
        items: list[_Value] = []
        while True:
            self._skip_blank()
            if self._peek() == "]":
                break
            items.append(self._value())
            self._skip_blank()
            if self._peek() == ",":
                self.pos += 1
            elif self._peek() != "]":
                raise _ScanError("expected ',' or ']'", self.pos)
        self.pos += 1
        return _Value("sequence", start, self.pos, items=items)

    def _inline_table(self) -> _Value:
        start = self.pos
        self.pos += 1
        pairs: list[_Pair] = []
        while True:
            self._skip_blank()
            if self._peek() == "}":
                break
            pairs.append(self._pair())
            self._skip_blank()
            if self._peek() == ",":
                self.pos += 1
            elif self._peek() != "}":
                raise _ScanError("expected ',' or '}'", self.pos)
        self.pos += 1
        return _Value("mapping", start, self.pos, pairs=pairs)


# --- occurrences and layout ---------------------------------------------------------------------


def _join(found: str, raw: str) -> str:
    return f"{found}.{raw}" if found else raw


class _Builder:
    def __init__(self, index: LineIndex) -> None:
        self.index = index
        self.occurrences: list[Occurrence] = []
        self.entries: list[TomlEntry] = []
        self.tables: list[TomlTable] = []
        self.origins: dict[tuple[str, ...], TableOrigin] = {}
        self.array_counts: dict[tuple[str, ...], int] = {}

    def _segments(self, segs: list[_Seg]) -> tuple[KeySegment, ...]:
        return tuple(KeySegment(s.name, s.raw, self.index.span(s.start, s.end)) for s in segs)

    def pairs(self, pairs: list[_Pair], table: tuple[str, ...], found: str, *, inline: bool = False) -> None:
        span = self.index.span
        for pair in pairs:
            key_span = span(pair.segs[0].start, pair.segs[-1].end)
            value_span = span(pair.value.start, pair.value.end)
            path, text = table, found
            for seg in pair.segs[:-1]:
                path, text = (*path, seg.name), _join(text, seg.raw)
                self.occurrences.append(Occurrence(path, text, key_span, value_span, "mapping", implicit=True))
                self.origins.setdefault(path, "dotted")
            last = pair.segs[-1]
            path, text = (*path, last.name), _join(text, last.raw)
            self.entries.append(
                TomlEntry(
                    path=path,
                    table=table,
                    segments=self._segments(pair.segs),
                    key_span=key_span,
                    value_span=value_span,
                    line_span=None if inline else span(pair.line_start, pair.line_end),
                    value_kind=pair.value.kind,
                    inline=inline,
                )
            )
            self.value(pair.value, path, text, key_span, is_element=False)

    def value(self, value: _Value, path: tuple[str, ...], found: str, key_span: Span, *, is_element: bool) -> None:
        value_span = self.index.span(value.start, value.end)
        self.occurrences.append(
            Occurrence(path, found, key_span, value_span, value.kind, value.scalar, is_element=is_element)
        )
        if value.kind == "sequence":
            for number, item in enumerate(value.items):
                item_span = self.index.span(item.start, item.end)
                self.value(item, (*path, f"[{number}]"), f"{found}[{number}]", item_span, is_element=True)
        elif value.kind == "mapping":
            self.origins[path] = "inline"
            self.pairs(value.pairs, path, found, inline=True)

    def header(self, header: _Header, section_end: int) -> None:
        span = self.index.span
        segs = header.segs
        key_span = span(segs[0].start, segs[-1].end)
        last_end = header.pairs[-1].value.end if header.pairs else header.end
        value_span = span(header.start, last_end)
        path: tuple[str, ...] = ()
        found = ""
        for seg in segs[:-1]:
            path, found = (*path, seg.name), _join(found, seg.raw)
            count = self.array_counts.get(path)
            kind: ValueKind = "mapping" if count is None else "sequence"
            self.occurrences.append(Occurrence(path, found, key_span, value_span, kind, implicit=True))
            self.origins.setdefault(path, "implicit")
            if count is not None:
                path, found = (*path, f"[{count - 1}]"), f"{found}[{count - 1}]"
        path, found = (*path, segs[-1].name), _join(found, segs[-1].raw)
        if header.kind == "table":
            self.occurrences.append(Occurrence(path, found, key_span, value_span, "mapping"))
            self.origins[path] = "header"
        else:
            count = self.array_counts.get(path, 0)
            self.array_counts[path] = count + 1
            self.occurrences.append(Occurrence(path, found, key_span, value_span, "sequence", implicit=count > 0))
            self.origins.setdefault(path, "array-of-tables")
            path, found = (*path, f"[{count}]"), f"{found}[{count}]"
            self.occurrences.append(Occurrence(path, found, key_span, value_span, "mapping", is_element=True))
            self.origins[path] = "array-table"
        body_end = header.pairs[-1].line_end if header.pairs else header.line_end
        self.tables.append(
            TomlTable(
                path=path,
                kind=header.kind,
                segments=self._segments(segs),
                key_span=key_span,
                header_span=span(header.start, header.end),
                line_span=span(header.line_start, header.line_end),
                body_span=span(header.line_end, body_end),
                section_span=span(header.line_start, section_end),
                has_dotted_keys=any(len(pair.segs) > 1 for pair in header.pairs),
            )
        )
        self.pairs(header.pairs, path, found)


def parse(text: str) -> ParsedFile[TomlLayout]:
    """Parse TOML text into one document of occurrences; raise ConfigSyntaxError for bad input."""
    index = LineIndex(text)
    _validate(text, index)
    try:
        root, headers = _Scanner(text).scan()
        builder = _Builder(index)
        builder.pairs(root, (), "")
        for number, header in enumerate(headers):
            section_end = headers[number + 1].line_start if number + 1 < len(headers) else len(text)
            builder.header(header, section_end)
    except _ScanError as exc:
        raise syntax_error(index, exc.message, min(exc.offset, len(text))) from None
    except RecursionError:
        raise ConfigSyntaxError("TOML nested too deeply", 1, 1) from None
    document = Document(0, index.span(0, len(text)), tuple(builder.occurrences), "mapping")
    layout = TomlLayout(tuple(builder.tables), tuple(builder.entries), tuple(builder.origins.items()))
    return ParsedFile("toml", text, (document,), typed=True, tree=layout)
