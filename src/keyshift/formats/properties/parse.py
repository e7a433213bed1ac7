"""Java ``.properties`` adapter: key occurrences with exact spans and a layout for fixes.

The grammar is ``java.util.Properties.load``'s:

* A logical line is one or more physical lines: a line ending in an odd number of ``\\`` continues
  on the next one, whose leading whitespace is skipped.  Lines end at ``\\n``, ``\\r\\n`` or a lone
  ``\\r``, as Java reads them (:data:`~keyshift.core.positions.UNIVERSAL_BREAKS`).  Positions still
  count keyshift's lines: a key after a lone ``\\r`` is on the same line, further right.
* A line whose first non-blank character is ``#`` or ``!`` is a comment (and never continues).
* The key runs to the first unescaped ``=``, ``:`` or whitespace; whitespace, at most one ``=`` or
  ``:`` and more whitespace separate it from the value, which runs to the end of the logical line
  (trailing whitespace included).  A line with a key alone has an empty value.
* Escapes are decoded in keys and values: ``\\t \\n \\r \\f``, ``\\uXXXX`` (surrogate pairs joined;
  a malformed one is a :class:`~keyshift.core.model.ConfigSyntaxError`) and ``\\`` before any other
  character stands for that character (``\\:``, ``\\=``, ``\\ ``, ``\\\\``, ``\\#``).

The path is the decoded key split on ``.``, with indexes split off (``a.b[0].c`` ->
``("a", "b", "[0]", "c")``); a key that would give an empty segment (``.a``, ``a..b``, ``a.``)
stays one segment.  As for dotted YAML keys, each intermediate prefix gets an ``implicit``
occurrence sharing the key's spans (a ``sequence`` when an index follows, an element when it ends in
``[N]``).  A key of more than :data:`~keyshift.formats._dotted.MAX_KEY_DEPTH` segments is a
:class:`~keyshift.core.model.ConfigSyntaxError`.  The key span covers the key as written; the value
span runs from the first value character to the end of the logical line (zero-width where the value
would start when it is empty).

``ParsedFile.tree`` is a :class:`PropertiesLayout` (offsets into the text) used by the fixer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from keyshift.core.model import Document, Occurrence, ParsedFile, ValueKind
from keyshift.core.positions import UNIVERSAL_BREAKS
from keyshift.formats._dotted import check_key_depth
from keyshift.formats._lines import TextReader, physical_lines

__all__ = ["PropertiesEntry", "PropertiesLayout", "join_key", "parse", "split_property_key"]

WHITESPACE = " \t\f"
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}
_INDEXED = re.compile(r"([^\[\]]+)((?:\[[0-9]+\])+)")
_INDEX = re.compile(r"\[[0-9]+\]")


@dataclass(frozen=True, slots=True)
class PropertiesEntry:
    """One logical ``key=value`` line."""

    key: str
    path: tuple[str, ...]
    start: int
    """Start of its first physical line."""
    key_start: int
    key_end: int
    value_start: int
    value_end: int
    end: int
    """Just past the line ending of its last physical line."""
    separator: str
    """The text between key and value when both sit on one physical line and the value is not empty."""


@dataclass(frozen=True, slots=True)
class PropertiesLayout:
    entries: tuple[PropertiesEntry, ...]


def split_property_key(key: str) -> tuple[str, ...]:
    """The path of a decoded key: ``a.b[0].c`` -> ``("a", "b", "[0]", "c")``; ``a..b`` stays whole."""
    parts = key.split(".")
    if any(not part for part in parts):
        return (key,)
    path: list[str] = []
    for part in parts:
        indexed = _INDEXED.fullmatch(part)
        if indexed is None:
            path.append(part)
        else:
            path.append(indexed[1])
            path.extend(_INDEX.findall(indexed[2]))
    return tuple(path)


def join_key(path: tuple[str, ...]) -> str:
    """The key spelling of a path (inverse of :func:`split_property_key` where one exists)."""
    out = ""
    for segment in path:
        if _INDEX.fullmatch(segment) and out:
            out += segment
        else:
            out += ("." if out else "") + segment
    return out


class _Reader(TextReader):
    def skip_blank(self, pos: int, end: int) -> int:
        while pos < end and self.text[pos] in WHITESPACE:
            pos += 1
        return pos

    def entries(self) -> list[tuple[PropertiesEntry, str]]:
        text = self.text
        lines = physical_lines(text, UNIVERSAL_BREAKS)
        out: list[tuple[PropertiesEntry, str]] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            pos = self.skip_blank(line.start, line.content_end)
            if pos == line.content_end or text[pos] in "#!":
                i += 1
                continue
            # the offsets of the logical line's characters, continuation backslashes left out
            chars: list[int] = []
            while True:
                end = lines[i].content_end
                tail = end
                while tail > pos and text[tail - 1] == "\\":
                    tail -= 1
                continued = (end - tail) % 2 == 1
                chars.extend(range(pos, end - 1 if continued else end))
                if not continued or i + 1 == len(lines):
                    break
                i += 1
                pos = self.skip_blank(lines[i].start, lines[i].content_end)
            if chars:  # a lone continuation backslash followed by a blank line holds nothing
                out.append(self.entry(chars, line.start, lines[i].end))
            i += 1
        return out

    def entry(self, chars: list[int], start: int, end: int) -> tuple[PropertiesEntry, str]:
        text = self.text
        n = len(chars)
        key_len, value_at, has_sep, backslash = n, n, False, False
        for k, offset in enumerate(chars):
            c = text[offset]
            if not backslash and c in "=:":
                key_len, value_at, has_sep = k, k + 1, True
                break
            if not backslash and c in WHITESPACE:
                key_len, value_at = k, k + 1
                break
            backslash = c == "\\" and not backslash
        while value_at < n:
            c = text[chars[value_at]]
            if c not in WHITESPACE:
                if has_sep or c not in "=:":
                    break
                has_sep = True
            value_at += 1
        key_chars, value_chars = chars[:key_len], chars[value_at:]
        key = self.decode(key_chars)
        value = self.decode(value_chars)
        key_start = chars[0]
        key_end = key_chars[-1] + 1 if key_chars else key_start
        if value_chars:
            value_start, value_end = value_chars[0], value_chars[-1] + 1
        else:
            value_start = value_end = chars[-1] + 1
        between = text[key_end:value_start]
        separator = between if value_chars and "\n" not in between and "\r" not in between else ""
        entry = PropertiesEntry(
            key=key,
            path=split_property_key(key),
            start=start,
            key_start=key_start,
            key_end=key_end,
            value_start=value_start,
            value_end=value_end,
            end=end,
            separator=separator,
        )
        return entry, value

    def decode(self, offsets: list[int]) -> str:
        text = self.text
        out: list[str] = []
        k, n = 0, len(offsets)
        while k < n:
            c = text[offsets[k]]
            if c != "\\" or k + 1 == n:
                if c != "\\":
                    out.append(c)
                k += 1
                continue
            escaped = text[offsets[k + 1]]
            if escaped == "u":
                digits = "".join(text[o] for o in offsets[k + 2 : k + 6])
                if len(digits) != 4 or any(d not in "0123456789abcdefABCDEF" for d in digits):
                    raise self.error("malformed \\uXXXX escape (expected four hex digits)", offsets[k])
                out.append(chr(int(digits, 16)))
                k += 6
            else:
                out.append(_ESCAPES.get(escaped, escaped))
                k += 2
        return _join_surrogates("".join(out))


def _join_surrogates(value: str) -> str:
    """Join ``\\uD83D\\uDE00``-style pairs; a lone surrogate becomes U+FFFD."""
    if not any("\ud800" <= c <= "\udfff" for c in value):
        return value
    return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def parse(text: str) -> ParsedFile[PropertiesLayout]:
    """Parse ``.properties`` text into a :class:`ParsedFile` (one document, string values)."""
    reader = _Reader(text)
    index = reader.index
    occurrences: list[Occurrence] = []
    entries: list[PropertiesEntry] = []
    for entry, value in reader.entries():
        entries.append(entry)
        key_span = index.span(entry.key_start, entry.key_end)
        value_span = index.span(entry.value_start, entry.value_end)
        path = entry.path
        check_key_depth(len(path), key_span)
        for depth in range(1, len(path)):
            nxt = path[depth]
            kind: ValueKind = "sequence" if _INDEX.fullmatch(nxt) else "mapping"
            occurrences.append(
                Occurrence(
                    path=path[:depth],
                    found=join_key(path[:depth]),
                    key_span=key_span,
                    value_span=value_span,
                    value_kind=kind,
                    implicit=True,
                    is_element=bool(_INDEX.fullmatch(path[depth - 1])),
                )
            )
        occurrences.append(
            Occurrence(
                path=path,
                found=entry.key,
                key_span=key_span,
                value_span=value_span,
                value_kind="scalar",
                value=value,
                is_element=bool(_INDEX.fullmatch(path[-1])) and len(path) > 1,
            )
        )
    document = Document(index=0, span=index.span(0, len(text)), occurrences=tuple(occurrences))
    return ParsedFile(
        format="properties", text=text, documents=(document,), typed=False, tree=PropertiesLayout(tuple(entries))
    )
