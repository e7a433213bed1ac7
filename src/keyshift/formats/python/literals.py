"""Where the literals of CPython's syntax tree are in the source text, as the libcst parser places them.

``ast`` gives every node its line and its column in UTF-8 bytes, and gives one node for an implicit
concatenation (``"a" "b"``).  :class:`SourceMap` turns those into character offsets (lines end at
``\\r\\n``, ``\\r`` or ``\\n``, as CPython and libcst count them: :class:`~keyshift.core.positions.ReaderLines`)
and reads the literal that starts there: its prefix, its quotes and where it ends.  A string node
whose first literal ends before the node does is a concatenation, which no rule reads as a key.
"""

from __future__ import annotations

import ast
import re

from keyshift.core.positions import LineIndex, ReaderLines
from keyshift.formats.python.keys import PyLiteral

_OPENING = re.compile(r"([A-Za-z]*)('''|\"\"\"|'|\")")
"""A string literal's prefix and opening quote."""
_REST = {
    # the body and closing quote: any character, a backslash escaping the next one (raw strings too)
    "'": re.compile(r"(?:[^\\']|\\.)*'", re.DOTALL),
    '"': re.compile(r'(?:[^\\"]|\\.)*"', re.DOTALL),
    "'''": re.compile(r"(?:[^\\]|\\.)*?'''", re.DOTALL),
    '"""': re.compile(r'(?:[^\\]|\\.)*?"""', re.DOTALL),
}


class SourceMap:
    """Offsets of ``ast`` positions in one text, and the literals found there."""

    __slots__ = ("_ascii", "_index", "_reader", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._ascii = text.isascii()
        self._index: LineIndex | None = None
        self._reader: ReaderLines | None = None

    @property
    def line_index(self) -> LineIndex | None:
        """The text's line index, if an offset needed it (most files hold no key and never do)."""
        return self._index

    def offset(self, line: int, byte_column: int) -> int:
        """The character offset of an ``ast`` position (1-based line, 0-based UTF-8 byte column)."""
        start = self._line_start(line)
        if self._ascii:
            return start + byte_column
        head = self.text[start : start + byte_column].encode("utf-8", "surrogatepass")[:byte_column]
        return start + len(head.decode("utf-8", "surrogatepass"))

    def _line_start(self, line: int) -> int:
        if self._index is None:
            self._index = LineIndex(self.text)
            if "\r" in self.text:  # a lone "\r" ends a line too
                self._reader = ReaderLines(self.text)
        return self._index.line_start(line) if self._reader is None else self._reader.line_start(line)

    def start(self, node: ast.expr) -> int:
        return self.offset(node.lineno, node.col_offset)

    def end(self, node: ast.expr) -> int:
        assert node.end_lineno is not None and node.end_col_offset is not None
        return self.offset(node.end_lineno, node.end_col_offset)

    def string_literal(
        self, node: ast.expr, value: str, segments: tuple[str, ...], *, fstring: bool
    ) -> PyLiteral | None:
        """The literal ``node`` is, None for an implicit concatenation (or an f-string holding ``{{``)."""
        start = self.start(node)
        opening = _OPENING.match(self.text, start)
        assert opening is not None, "a string node starts with its prefix or quote"
        prefix, quote = opening.groups()
        rest = _REST[quote].match(self.text, opening.end())
        assert rest is not None, "CPython compiled the literal"
        end = rest.end()
        if end != self.end(node):
            return None
        content = self.text[opening.end() : end - len(quote)]
        if fstring and ("{" in content or "}" in content):
            return None  # {{ and }} (or \N{...}): as libcst reads the f-string's text, not a literal
        return PyLiteral(start, end, prefix, quote, value, segments)

    def integer_literal(self, node: ast.expr, segment: str) -> PyLiteral:
        """An integer index as written (``0``, ``0x1F``); only its position and digits matter."""
        start, end = self.start(node), self.end(node)
        return PyLiteral(start, end, "", "", self.text[start:end], (segment,))

    def ends_with_comma(self, node: ast.expr) -> bool:
        """True when the node's source ends with a comma: a tuple written without its own parentheses."""
        return self.text[self.end(node) - 1] == ","
