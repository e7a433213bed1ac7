"""keyshift's line model, and conversion between character offsets and 1-based line/column positions.

This is the one place that says what a line is, for every position keyshift reports (findings,
parse errors, ``fixed`` lines) and every diff it prints:

* A line ends just after a ``\\n``.  A ``\\r`` right before that ``\\n`` belongs to the line ending,
  so CRLF files count lines as LF files do.  The last line may have no ending.
* Nothing else ends a line.  A lone ``\\r``, ``\\v``, ``\\f``, ``\\x1c``-``\\x1e``, U+0085, U+2028 and
  U+2029 are characters of the line they are on, one column each, as every other character is.

``diff``, ``patch``, git, ``grep -n``, ``sed`` and ``wc -l`` count lines so, and so do vim and Emacs in
a file with LF or CRLF endings (VS Code also ends a line at a lone ``\\r``, so after one its line
numbers run ahead); a diff can only count them so, since ``patch`` does.  Some readers end
a line elsewhere too (CPython's tokenizer, libcst and ``java.util.Properties`` at a lone ``\\r``, YAML
also at U+0085, U+2028 and U+2029): that changes what a file means, never how its positions are
counted.  Such a reader's own line numbers are turned into offsets with :class:`ReaderLines`, and
offsets into positions with :class:`LineIndex`; :func:`split_lines` cuts a text into either kind.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from keyshift.core.model import Position, Span

_LINE_BREAK = re.compile(r"\r?\n")
"""keyshift's own line break."""

UNIVERSAL_BREAKS = re.compile(r"\r\n?|\n")
"""Where CPython's tokenizer, libcst and ``java.util.Properties`` end a line: ``\\r\\n``, ``\\r`` or ``\\n``."""

YAML_BREAKS = re.compile(r"\r\n?|[\n\x85\u2028\u2029]")
"""Where libyaml (YAML 1.1) ends a line, and ruamel does in comments and quoted scalars: those and
U+0085, U+2028, U+2029 (the YAML fixer comments out and re-indents such lines one by one)."""


def split_lines(text: str, breaks: re.Pattern[str] | None = None) -> list[str]:
    """The lines of ``text``, each with its ending: as keyshift counts them (``\\n`` or ``\\r\\n`` ends
    one), or as a reader that ends them at ``breaks`` does."""
    if breaks is None:
        lines = text.split("\n")
        last = lines.pop()
        return [*(line + "\n" for line in lines), *((last,) if last else ())]
    out: list[str] = []
    start = 0
    for match in breaks.finditer(text):
        out.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        out.append(text[start:])
    return out


def break_before(text: str, offset: int, breaks: re.Pattern[str] | None = None) -> int:
    """The length of the line break that ends just before ``offset`` (0 if none): keyshift's
    (``\\n`` or ``\\r\\n``), or a reader's that ends lines at ``breaks``."""
    pattern = _LINE_BREAK if breaks is None else breaks
    for size in (2, 1):
        if offset >= size and pattern.fullmatch(text, offset - size, offset):
            return size
    return 0


class LineIndex:
    """Maps character offsets of one text to :class:`Position` values, in keyshift's line model.

    Lines end after ``\\n`` only (see the module); columns count characters from 1.
    """

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    def position(self, offset: int) -> Position:
        line = bisect_right(self._starts, offset) - 1
        return Position(line + 1, offset - self._starts[line] + 1, offset)

    def span(self, start: int, end: int) -> Span:
        return Span(self.position(start), self.position(end))

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column."""
        return self._starts[line - 1] + column - 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line ending (``\\n`` or ``\\r\\n``)."""
        if line < 1 or line > len(self._starts):
            return ""
        start = self._starts[line - 1]
        end = self.text.find("\n", start)
        if end == -1:
            return self.text[start:]
        return self.text[start : end - 1 if end > start and self.text[end - 1] == "\r" else end]

    @property
    def line_count(self) -> int:
        return len(self._starts)


class ReaderLines:
    """Offsets of the positions given by a reader that ends lines at ``breaks`` (by default at a lone
    ``\\r`` too, as CPython's tokenizer and libcst do).

    Lines and columns are 1-based, columns in characters.  A column past the end of its line is the
    line's end (where its break starts); a line past the last one is the end of the text.
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, text: str, breaks: re.Pattern[str] = UNIVERSAL_BREAKS) -> None:
        found = list(breaks.finditer(text))
        self._starts = [0, *(match.end() for match in found)]
        self._ends = [*(match.start() for match in found), len(text)]
        """Where each line's break starts (the end of the text for the last line)."""

    def line_start(self, line: int) -> int:
        return self._starts[max(line, 1) - 1] if line <= len(self._starts) else self._ends[-1]

    def offset(self, line: int, column: int) -> int:
        line = max(line, 1)
        end = self._ends[line - 1] if line <= len(self._ends) else self._ends[-1]
        return min(self.line_start(line) + max(column, 1) - 1, end)
