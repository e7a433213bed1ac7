"""Where a field of a matrix is written, for error messages: its line, its value as written, its name.

Positions come from parsing the matrix a second time with the TOML format's parser, looked up in
the format registry (the matrix layer never imports a format adapter itself), once and only when
an error needs them.
"""

from __future__ import annotations

import re

from keyshift.core.model import Span
from keyshift.matrix.model import MatrixError

FieldPath = tuple[str, ...]
"""A field of a matrix as TOML table names and keys: ``("keys", "a.b", "values", "[0]", "value")``."""

MATRIX_FORMAT = "toml"


class FieldLocator:
    """Finds fields in the text of one matrix and builds the :class:`MatrixError` that names them."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self._positions: dict[FieldPath, tuple[int, Span | None]] | None = None

    def positions(self) -> dict[FieldPath, tuple[int, Span | None]]:
        """Line and value span of every path, found (once) by parsing the matrix with positions."""
        if self._positions is None:
            self._positions = {}
            try:
                from keyshift.formats import get_parser

                parsed = get_parser(MATRIX_FORMAT)(self.text)
            except Exception:  # positions are a courtesy; the message still names the field
                return self._positions
            for occurrence in parsed.documents[0].occurrences:
                where = (occurrence.key_span.start.line, occurrence.value_span)
                self._positions.setdefault(occurrence.path, where)
        return self._positions

    def line_of(self, path: FieldPath) -> int | None:
        """The line where a field is written, or where its closest written parent is."""
        positions = self.positions()
        for end in range(len(path), 0, -1):
            where = positions.get(path[:end])
            if where is not None:
                return where[0]
        return None

    def raw_value(self, path: FieldPath) -> str | None:
        """The value of a field as written in the matrix."""
        where = self.positions().get(path)
        if where is None or where[1] is None:
            return None
        span = where[1]
        return self.text[span.start.offset : span.end.offset]

    def error(self, path: FieldPath, message: str) -> MatrixError:
        """The error for a problem with a field: ``file:line: field: message``."""
        return MatrixError(self.source, self.line_of(path), field_name(path), message)


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_INDEX = re.compile(r"\[[0-9]+\]")


def field_name(path: FieldPath) -> str:
    """A field's path spelled as in TOML: ``keys."a.b".values[0].value``."""
    out = ""
    for segment in path:
        if _INDEX.fullmatch(segment):
            out += segment
            continue
        spelled = segment if _BARE_KEY.fullmatch(segment) else f'"{segment}"'
        out = f"{out}.{spelled}" if out else spelled
    return out
