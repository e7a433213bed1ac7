"""``.env`` adapter: ``KEY=value`` assignments with exact spans and a layout for fixes.

The grammar is the common ground of docker compose, python-dotenv and the shell:

* blank lines and full-line ``#`` comments;
* ``KEY=value`` or ``export KEY=value``, blanks allowed around ``=``; a key is
  ``[A-Za-z_][A-Za-z0-9_.-]*`` and is always one path segment ``(KEY,)`` (never split on dots);
* an unquoted value ends at a ``#`` preceded by whitespace (a comment) or at the end of the line,
  trailing blanks dropped (``KEY=a#b`` is ``a#b``; ``KEY= #x`` is empty);
* ``'single'`` quotes are literal; ``"double"`` quotes decode ``\\n \\r \\t \\" \\\\`` (any other
  backslash stays as written); both may span lines; after the closing quote only blanks and a
  comment may follow;
* ``${VAR}`` references are not expanded: the value is what is written.

Any other line (``KEY`` without ``=``, ``foo bar``, an unterminated quote) is a
:class:`~keyshift.core.model.ConfigSyntaxError`.  The key span is the name; the value span covers the
value with its quotes (zero-width right after ``=`` when the value is empty).

``ParsedFile.tree`` is a :class:`DotenvLayout` (offsets into the text) used by the fixer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from keyshift.core.model import ConfigSyntaxError, Document, Occurrence, ParsedFile
from keyshift.formats._lines import TextReader

__all__ = ["KEY", "DotenvEntry", "DotenvLayout", "Quote", "parse"]

Quote = Literal["", "'", '"']
KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_ASSIGNMENT = re.compile(r"(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.\-]*)[ \t]*=[ \t]*")
_EXPORT = re.compile(r"export[ \t]+")
_DOUBLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


@dataclass(frozen=True, slots=True)
class DotenvEntry:
    """One assignment."""

    key: str
    start: int
    """Start of its line."""
    export: bool
    key_start: int
    key_end: int
    equals: int
    """Offset of the ``=``."""
    value_start: int
    value_end: int
    """The value as written, quotes included."""
    quote: Quote
    end: int
    """Just past the line ending of its last line."""

    @property
    def path(self) -> tuple[str, ...]:
        """The key as a path (a ``.env`` key is one segment)."""
        return (self.key,)


@dataclass(frozen=True, slots=True)
class DotenvLayout:
    entries: tuple[DotenvEntry, ...]


class _Reader(TextReader):
    def line_bounds(self, pos: int) -> tuple[int, int]:
        """(end of the line's text, just past its line ending) for the line holding ``pos``."""
        text = self.text
        nl = text.find("\n", pos)
        if nl == -1:
            return len(text), len(text)
        return (nl - 1 if nl > 0 and text[nl - 1] == "\r" else nl), nl + 1

    def entries(self) -> list[tuple[DotenvEntry, str]]:
        text = self.text
        out: list[tuple[DotenvEntry, str]] = []
        pos = 0
        while pos < len(text):
            start = pos
            content_end, line_end = self.line_bounds(pos)
            while pos < content_end and text[pos] in " \t":
                pos += 1
            if pos == content_end or text[pos] == "#":
                pos = line_end
                continue
            found = _ASSIGNMENT.match(text, pos, content_end)
            if found is None:
                raise self.not_an_assignment(pos, content_end)
            entry, value, pos = self.assignment(found, start, content_end, line_end)
            out.append((entry, value))
        return out

    def assignment(
        self, found: re.Match[str], start: int, content_end: int, line_end: int
    ) -> tuple[DotenvEntry, str, int]:
        text = self.text
        at = found.end()
        equals = text.rfind("=", found.start(2), at)
        quote: Quote = ""
        if at < content_end and text[at] in "'\"":
            quote = "'" if text[at] == "'" else '"'
            close = self.closing_quote(at)
            value_start, value_end = at, close + 1
            raw = text[at + 1 : close].replace("\r\n", "\n")
            value = raw if quote == "'" else _decode_double(raw)
            content_end, line_end = self.line_bounds(close + 1)
            rest = text[value_end:content_end].lstrip(" \t")
            if rest and not rest.startswith("#"):
                raise self.error(f"unexpected text after the closing {quote}", content_end - len(rest))
        else:
            value_end = content_end
            for i in range(at, content_end):
                if text[i] == "#" and text[i - 1] in " \t":
                    value_end = i
                    break
            while value_end > at and text[value_end - 1] in " \t":
                value_end -= 1
            value_start = at if value_end > at else equals + 1
            if value_end == at:
                value_end = value_start
            value = text[value_start:value_end]
        entry = DotenvEntry(
            key=found[2],
            start=start,
            export=found[1] is not None,
            key_start=found.start(2),
            key_end=found.end(2),
            equals=equals,
            value_start=value_start,
            value_end=value_end,
            quote=quote,
            end=line_end,
        )
        return entry, value, line_end

    def not_an_assignment(self, pos: int, content_end: int) -> ConfigSyntaxError:
        exported = _EXPORT.match(self.text, pos, content_end)
        word = KEY.match(self.text, exported.end() if exported else pos, content_end)
        if word is None:
            return self.error("expected KEY=value", pos)
        return self.error(f"expected '=' after {word[0]} (a line must be KEY=value)", word.end())

    def closing_quote(self, at: int) -> int:
        text = self.text
        quote = text[at]
        i = at + 1
        while i < len(text):
            c = text[i]
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c == quote:
                return i
            i += 1
        kind = "double" if quote == '"' else "single"
        raise self.error(f"unterminated {kind}-quoted value (no closing {quote})", at)


def _decode_double(raw: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw) and raw[i + 1] in _DOUBLE_ESCAPES:
            out.append(_DOUBLE_ESCAPES[raw[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse(text: str) -> ParsedFile[DotenvLayout]:
    """Parse ``.env`` text into a :class:`ParsedFile` (one document, string values)."""
    reader = _Reader(text)
    index = reader.index
    entries: list[DotenvEntry] = []
    occurrences: list[Occurrence] = []
    for entry, value in reader.entries():
        entries.append(entry)
        occurrences.append(
            Occurrence(
                path=(entry.key,),
                found=entry.key,
                key_span=index.span(entry.key_start, entry.key_end),
                value_span=index.span(entry.value_start, entry.value_end),
                value_kind="scalar",
                value=value,
            )
        )
    document = Document(index=0, span=index.span(0, len(text)), occurrences=tuple(occurrences))
    return ParsedFile(format="dotenv", text=text, documents=(document,), typed=False, tree=DotenvLayout(tuple(entries)))
