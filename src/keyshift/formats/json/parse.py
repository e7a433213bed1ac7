"""JSON and JSONC adapter: a position-tracking parser and the walk to key occurrences.

The json module keeps no positions, so this module owns a small recursive-descent parser.
``parse`` accepts strict RFC 8259 JSON; ``parse_jsonc`` also accepts ``//`` and ``/* */``
comments and trailing commas (tsconfig.json, VS Code settings).  Every error is a
:class:`~keyshift.core.model.ConfigSyntaxError` at the offending character.

Conventions:

* A file holds exactly one document whose ``root_kind`` is that of the top-level value; its
  span is the span of that value.
* Dotted keys are split into segments (``"editor.fontSize"`` has path ``("editor",
  "fontSize")``) unless a segment would be empty, like the YAML adapter does; duplicate keys
  are all reported.
* ``ParsedFile.tree`` is a :class:`JsonTree`: the root :class:`JsonValue` (every value with its
  ``[start, end)`` character offsets, object members with the offsets of their key, colon and
  following comma) and, for JSONC, the ranges of all comments.
* Nesting deeper than :data:`MAX_DEPTH` levels is reported as a syntax error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal, NoReturn

from keyshift.core.model import ConfigSyntaxError, Document, Occurrence, ParsedFile, Scalar, Span, ValueKind
from keyshift.core.positions import LineIndex
from keyshift.formats._dotted import (
    MAX_KEY_DEPTH,
    NESTING_TOO_DEEP,
    element_occurrence,
    key_occurrences,
    split_dotted_key,
)
from keyshift.formats._lines import syntax_error

MAX_DEPTH = MAX_KEY_DEPTH
"""Deepest nesting of objects and arrays accepted (the bound on key depth of every format)."""

JsonKind = Literal["object", "array", "scalar"]


@dataclass(frozen=True, slots=True)
class JsonMember:
    """One ``"key": value`` entry of an object."""

    key: str
    """The decoded key."""
    key_start: int
    """Offset of the opening quote of the key."""
    key_end: int
    """Offset just after the closing quote of the key."""
    colon: int
    """Offset of the ``:``."""
    value: JsonValue
    comma: int | None
    """Offset of the ``,`` after the member, None when there is none."""


@dataclass(frozen=True, slots=True)
class JsonValue:
    """A value with its ``[start, end)`` character offsets in the text."""

    kind: JsonKind
    start: int
    end: int
    value: Scalar = None
    """The Python value of a scalar (str, int, float, bool or None); None for collections."""
    members: tuple[JsonMember, ...] = ()
    """The entries of an object, in text order (duplicates kept)."""
    items: tuple[JsonValue, ...] = ()
    """The elements of an array."""
    item_commas: tuple[int | None, ...] = ()
    """For each element of an array, the offset of the ``,`` after it (None when there is none)."""


@dataclass(frozen=True, slots=True)
class JsonTree:
    """What ``ParsedFile.tree`` holds for JSON and JSONC files."""

    root: JsonValue
    comments: tuple[tuple[int, int], ...] = ()
    """``[start, end)`` offsets of every comment (JSONC only), in text order."""


_WHITESPACE = re.compile(r"[ \t\n\r]*")
# the longest run of valid string content after an opening quote
_STRING_BODY = re.compile(r'(?:[^"\\\x00-\x1f]+|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_NUMBER_TAIL = re.compile(r"[0-9A-Za-z_.+\-]")
_LITERALS: tuple[tuple[str, Scalar], ...] = (("true", True), ("false", False), ("null", None))


def _describe(text: str, pos: int) -> str:
    return "end of input" if pos >= len(text) else repr(text[pos])


class _Parser:
    def __init__(self, text: str, jsonc: bool, lines: LineIndex) -> None:
        self.text = text
        self.jsonc = jsonc
        self.lines = lines
        self.pos = 0
        self.comments: list[tuple[int, int]] = []

    def fail(self, message: str, offset: int) -> NoReturn:
        raise syntax_error(self.lines, message, min(offset, len(self.text)))

    def skip(self) -> None:
        """Move past whitespace (and, in JSONC, comments)."""
        text = self.text
        while True:
            match = _WHITESPACE.match(text, self.pos)
            assert match is not None  # the pattern matches the empty string
            self.pos = match.end()
            if not text.startswith("/", self.pos):
                return
            start = self.pos
            marker = text[start : start + 2]
            if marker not in ("//", "/*"):
                return
            if not self.jsonc:
                self.fail("comments are not allowed in JSON", start)
            if marker == "//":
                end = text.find("\n", start)
                self.pos = len(text) if end == -1 else end
            else:
                end = text.find("*/", start + 2)
                if end == -1:
                    self.fail("unterminated comment", start)
                self.pos = end + 2
            self.comments.append((start, self.pos))

    def parse_document(self) -> JsonValue:
        self.skip()
        if self.pos >= len(self.text):
            self.fail("empty document", 0)
        root = self.value(0)
        self.skip()
        if self.pos < len(self.text):
            self.fail("extra data after the top-level value", self.pos)
        return root

    def value(self, depth: int) -> JsonValue:
        """Parse the value at ``self.pos`` (whitespace already skipped)."""
        text, start = self.text, self.pos
        ch = text[start : start + 1]
        if ch == "{" or ch == "[":
            if depth >= MAX_DEPTH:
                self.fail(NESTING_TOO_DEEP, start)
            return self.object(depth + 1) if ch == "{" else self.array(depth + 1)
        if ch == '"':
            string = self.string()
            return JsonValue("scalar", start, self.pos, string)
        if ch and ch in "-0123456789":
            return self.number()
        for word, literal in _LITERALS:
            if text.startswith(word, start):
                if _NUMBER_TAIL.match(text, start + len(word)):
                    break
                self.pos = start + len(word)
                return JsonValue("scalar", start, self.pos, literal)
        self.fail(f"expected a value, got {_describe(text, start)}", start)

    def string(self) -> str:
        text, start = self.text, self.pos
        body = _STRING_BODY.match(text, start + 1)
        assert body is not None  # the pattern matches the empty string
        end = body.end()
        ch = text[end : end + 1]
        if ch == '"':
            self.pos = end + 1
            raw = text[start + 1 : end]
            return json.loads(text[start : end + 1]) if "\\" in raw else raw
        if ch == "\\":
            self.fail(f"invalid escape sequence {text[end : end + 2]!r} in string", end)
        if ch in ("", "\n", "\r"):
            self.fail("unterminated string", start)
        self.fail(f"invalid control character {ch!r} in string", end)

    def number(self) -> JsonValue:
        text, start = self.text, self.pos
        match = _NUMBER.match(text, start)
        if match is None or _NUMBER_TAIL.match(text, match.end()):
            self.fail("invalid number", start)
        self.pos = match.end()
        literal = match.group()
        number: int | float
        if match.group(1) is None and match.group(2) is None:
            try:
                number = int(literal)
            except ValueError:  # more digits than int() accepts from a string
                number = float(literal)
        else:
            number = float(literal)
        return JsonValue("scalar", start, self.pos, number)

    def _comma(self) -> int | None:
        """After an entry: the offset of the ``,`` that follows it (moving past it), None when there is none."""
        self.skip()
        if not self.text.startswith(",", self.pos):
            return None
        self.pos += 1
        return self.pos - 1

    def _trailing_comma(self, comma: int | None) -> None:
        if comma is not None and not self.jsonc:
            self.fail("trailing comma is not allowed in JSON", comma)

    def object(self, depth: int) -> JsonValue:
        text, start = self.text, self.pos
        self.pos += 1
        members: list[JsonMember] = []
        comma: int | None = None
        while True:
            self.skip()
            ch = text[self.pos : self.pos + 1]
            if ch == "}":
                self._trailing_comma(comma)
                break
            if members and comma is None:
                self.fail("expected ',' or '}' after object member", self.pos)
            if ch != '"':
                expected = "expected a string key or '}'" if not members else "expected a string key"
                self.fail(f"{expected}, got {_describe(text, self.pos)}", self.pos)
            key_start = self.pos
            key = self.string()
            key_end = self.pos
            self.skip()
            if not text.startswith(":", self.pos):
                self.fail("expected ':' after object key", self.pos)
            colon = self.pos
            self.pos += 1
            self.skip()
            value = self.value(depth)
            comma = self._comma()
            members.append(JsonMember(key, key_start, key_end, colon, value, comma))
        self.pos += 1
        return JsonValue("object", start, self.pos, members=tuple(members))

    def array(self, depth: int) -> JsonValue:
        text, start = self.text, self.pos
        self.pos += 1
        items: list[JsonValue] = []
        commas: list[int | None] = []
        comma: int | None = None
        while True:
            self.skip()
            ch = text[self.pos : self.pos + 1]
            if ch == "]":
                self._trailing_comma(comma)
                break
            if items and comma is None:
                self.fail("expected ',' or ']' after array element", self.pos)
            if ch == "":
                self.fail("expected a value or ']', got end of input", self.pos)
            if ch == ",":
                self.fail("expected a value, got ','", self.pos)
            items.append(self.value(depth))
            comma = self._comma()
            commas.append(comma)
        self.pos += 1
        return JsonValue("array", start, self.pos, items=tuple(items), item_commas=tuple(commas))


def _kind(node: JsonValue) -> ValueKind:
    if node.kind == "object":
        return "mapping"
    if node.kind == "array":
        return "sequence"
    return "scalar"


class _Walker:
    def __init__(self, lines: LineIndex) -> None:
        self.lines = lines
        self.occurrences: list[Occurrence] = []

    def span(self, start: int, end: int) -> Span:
        return self.lines.span(start, end)

    def walk(self, node: JsonValue, path: tuple[str, ...], found: str) -> None:
        for member in node.members:
            value = member.value
            entry = key_occurrences(
                path,
                found,
                split_dotted_key(member.key),
                self.span(member.key_start, member.key_end),
                self.span(value.start, value.end),
                _kind(value),
                value.value,
            )
            self.occurrences.extend(entry)
            self.walk(value, entry[-1].path, entry[-1].found)
        for i, item in enumerate(node.items):
            element = element_occurrence(path, found, i, self.span(item.start, item.end), _kind(item), item.value)
            self.occurrences.append(element)
            self.walk(item, element.path, element.found)


def _parse(text: str, jsonc: bool) -> ParsedFile[JsonTree]:
    lines = LineIndex(text)
    parser = _Parser(text, jsonc, lines)
    try:
        root = parser.parse_document()
    except RecursionError:  # MAX_DEPTH keeps well below the limit; this is only a safety net
        raise ConfigSyntaxError("nesting too deep", 1, 1) from None
    walker = _Walker(lines)
    walker.walk(root, (), "")
    document = Document(
        index=0,
        span=lines.span(root.start, root.end),
        occurrences=tuple(walker.occurrences),
        root_kind=_kind(root),
    )
    return ParsedFile(
        format="jsonc" if jsonc else "json",
        text=text,
        documents=(document,),
        typed=True,
        tree=JsonTree(root, tuple(parser.comments)),
    )


def parse(text: str) -> ParsedFile[JsonTree]:
    """Parse strict RFC 8259 JSON."""
    return _parse(text, jsonc=False)


def parse_jsonc(text: str) -> ParsedFile[JsonTree]:
    """Parse JSON with comments (``//``, ``/* */``) and trailing commas."""
    return _parse(text, jsonc=True)
