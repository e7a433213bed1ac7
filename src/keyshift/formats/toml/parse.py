"""TOML format adapter: key occurrences with exact positions, plus a layout for minimal-diff fixes.

The position scanner (:mod:`keyshift.formats.toml.scanner`) reads the text first, refusing keys and
nesting deeper than :data:`~keyshift.formats._dotted.MAX_KEY_DEPTH` (tomllib takes time quadratic in a
key's length, and runs out of stack on deep nesting); then :mod:`tomllib` validates it (its errors become
:class:`~keyshift.core.model.ConfigSyntaxError`), and this module turns the scanner's raw statements into
occurrences and a :class:`~keyshift.formats.toml.layout.TomlLayout` (the tree).  A key path deeper than
``MAX_KEY_DEPTH`` (table, dotted key and array elements together) is a syntax error at its key.

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
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence

from keyshift.core.model import ConfigSyntaxError, Document, Occurrence, ParsedFile, Span, ValueKind
from keyshift.core.positions import LineIndex
from keyshift.formats._dotted import KEY_TOO_DEEP, MAX_KEY_DEPTH, NESTING_TOO_DEEP
from keyshift.formats._lines import syntax_error
from keyshift.formats.toml.layout import KeySegment, TableKind, TableOrigin, TomlEntry, TomlLayout, TomlTable
from keyshift.formats.toml.scanner import RawHeader, RawPair, RawSegment, RawValue, ScanError, Scanner

__all__ = ["KeySegment", "TableKind", "TableOrigin", "TomlEntry", "TomlLayout", "TomlTable", "parse"]


def parse(text: str) -> ParsedFile[TomlLayout]:
    """Parse TOML text into one document of occurrences; raise ConfigSyntaxError for bad input."""
    index = LineIndex(text)
    try:
        # before tomllib: the scanner refuses keys and nesting too deep for it (see MAX_KEY_DEPTH)
        root, headers = Scanner(text).scan()
    except ScanError as exc:
        if not exc.too_deep:
            _validate(text, index)  # not TOML: tomllib's error says why
        raise syntax_error(index, exc.message, min(exc.offset, len(text))) from None
    _validate(text, index)
    try:
        builder = _Builder(index)
        builder.pairs(root, (), "")
        for number, header in enumerate(headers):
            section_end = headers[number + 1].line_start if number + 1 < len(headers) else len(text)
            builder.header(header, section_end)
    except ScanError as exc:
        raise syntax_error(index, exc.message, min(exc.offset, len(text))) from None
    document = Document(0, index.span(0, len(text)), tuple(builder.occurrences), "mapping")
    layout = TomlLayout(tuple(builder.tables), tuple(builder.entries), tuple(builder.origins.items()))
    return ParsedFile("toml", text, (document,), typed=True, tree=layout)


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
    except RecursionError:  # the scanner refuses deep nesting first; this is only a safety net
        raise ConfigSyntaxError(NESTING_TOO_DEEP, 1, 1) from None
    except ValueError as exc:  # tomllib turns its own ValueErrors into TOMLDecodeError; be safe
        raise ConfigSyntaxError(str(exc) or "invalid TOML", 1, 1) from None


# --- occurrences and layout ---------------------------------------------------------------------


def _check_depth(depth: int, offset: int) -> None:
    if depth > MAX_KEY_DEPTH:
        raise ScanError(KEY_TOO_DEEP, offset, too_deep=True)


def _join(found: str, raw: str) -> str:
    return f"{found}.{raw}" if found else raw


class _Builder:
    """Collects the occurrences, entries, tables and table origins of the scanned statements."""

    def __init__(self, index: LineIndex) -> None:
        self.index = index
        self.occurrences: list[Occurrence] = []
        self.entries: list[TomlEntry] = []
        self.tables: list[TomlTable] = []
        self.origins: dict[tuple[str, ...], TableOrigin] = {}
        self.array_counts: dict[tuple[str, ...], int] = {}

    def _segments(self, segs: Sequence[RawSegment]) -> tuple[KeySegment, ...]:
        return tuple(KeySegment(s.name, s.raw, self.index.span(s.start, s.end)) for s in segs)

    def pairs(self, pairs: Sequence[RawPair], table: tuple[str, ...], found: str, *, inline: bool = False) -> None:
        span = self.index.span
        for pair in pairs:
            _check_depth(len(table) + len(pair.segs), pair.segs[0].start)
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

    def value(self, value: RawValue, path: tuple[str, ...], found: str, key_span: Span, *, is_element: bool) -> None:
        value_span = self.index.span(value.start, value.end)
        self.occurrences.append(
            Occurrence(path, found, key_span, value_span, value.kind, value.scalar, is_element=is_element)
        )
        if value.kind == "sequence":
            if value.items:
                _check_depth(len(path) + 1, value.items[0].start)
            for number, item in enumerate(value.items):
                item_span = self.index.span(item.start, item.end)
                self.value(item, (*path, f"[{number}]"), f"{found}[{number}]", item_span, is_element=True)
        elif value.kind == "mapping":
            self.origins[path] = "inline"
            self.pairs(value.pairs, path, found, inline=True)

    def header(self, header: RawHeader, section_end: int) -> None:
        span = self.index.span
        segs = header.segs
        # each array of tables the header runs through adds an element segment: checked once the path is known
        _check_depth(len(segs), segs[0].start)
        key_span = span(segs[0].start, segs[-1].end)
        last_end = header.pairs[-1].value.end if header.pairs else header.end
        value_span = span(header.start, last_end)
        path, found = self._header_parent(segs[:-1], key_span, value_span)
        path, found = (*path, segs[-1].name), _join(found, segs[-1].raw)
        if header.kind == "table":
            self.occurrences.append(Occurrence(path, found, key_span, value_span, "mapping"))
            self.origins[path] = "header"
        else:
            path, found = self._array_table(path, found, key_span, value_span)
        _check_depth(len(path), segs[0].start)
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

    def _header_parent(
        self, segs: Sequence[RawSegment], key_span: Span, value_span: Span
    ) -> tuple[tuple[str, ...], str]:
        """The implicit tables a header key runs through (into the latest element of an array of
        tables); returns the parent's path and text."""
        path: tuple[str, ...] = ()
        found = ""
        for seg in segs:
            path, found = (*path, seg.name), _join(found, seg.raw)
            count = self.array_counts.get(path)
            kind: ValueKind = "mapping" if count is None else "sequence"
            self.occurrences.append(Occurrence(path, found, key_span, value_span, kind, implicit=True))
            self.origins.setdefault(path, "implicit")
            if count is not None:
                path, found = (*path, f"[{count - 1}]"), f"{found}[{count - 1}]"
        return path, found

    def _array_table(
        self, path: tuple[str, ...], found: str, key_span: Span, value_span: Span
    ) -> tuple[tuple[str, ...], str]:
        """A ``[[path]]`` header: the array (first time) and its new element; returns the element's path and text."""
        count = self.array_counts.get(path, 0)
        self.array_counts[path] = count + 1
        self.occurrences.append(Occurrence(path, found, key_span, value_span, "sequence", implicit=count > 0))
        self.origins.setdefault(path, "array-of-tables")
        path, found = (*path, f"[{count}]"), f"{found}[{count}]"
        self.occurrences.append(Occurrence(path, found, key_span, value_span, "mapping", is_element=True))
        self.origins[path] = "array-table"
        return path, found
