"""The TOML fixer's read-only view of one parsed text: what each line holds and what each path is.

:class:`TomlView` answers the planner's questions about ``parsed.text`` and its
:class:`~keyshift.formats.toml.layout.TomlLayout`: the kind of a line (blank, comment, statement;
a line inside a multi-line value is a statement), the comment lines that belong to a statement,
the entry or header of a path and how a path is defined (:data:`PathKind`).  The small range
helpers shared by the planner's modules live here too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Literal

from keyshift.core.edits import CannotFix, line_end, line_start, newline_of
from keyshift.core.model import ParsedFile
from keyshift.formats.toml.layout import TableOrigin, TomlEntry, TomlLayout, TomlTable

__all__ = [
    "LineKind",
    "Path",
    "PathKind",
    "Range",
    "TomlView",
    "common_prefix_length",
    "is_index",
    "kept",
    "kind_word",
    "line_range",
    "line_starts",
    "merge_ranges",
]

Path = tuple[str, ...]
PathKind = Literal["missing", "value", "inline", "aot", "element", "header", "dotted", "implicit"]
LineKind = Literal["blank", "comment", "statement"]
Range = tuple[int, int]

_INDEX = re.compile(r"\[[0-9]+\]")
_ORIGIN_KINDS: dict[TableOrigin | None, PathKind] = {
    "inline": "inline",
    "array-of-tables": "aot",
    "array-table": "element",
}


class TomlView:
    """Lookups in one parsed TOML text: line kinds, entries, headers and path kinds."""

    def __init__(self, parsed: ParsedFile[TomlLayout]) -> None:
        layout = parsed.tree
        self.text = parsed.text
        self.layout = layout
        self.nl = newline_of(self.text)
        self.origins = dict(layout.origins)
        self.paths: set[Path] = {o.path for d in parsed.documents for o in d.occurrences}
        self.lines_entries = [e for e in layout.entries if e.line_span is not None]
        spans = [(t.line_span.start.offset, t.line_span.end.offset) for t in layout.tables]
        spans += [(line_range(e)) for e in self.lines_entries]
        spans.sort()
        self.statements = spans
        self.statement_starts = [s for s, _ in spans]
        self.statement_start_set = set(self.statement_starts)
        self.blank_before_header = self._header_style()

    # lines

    def line_kind(self, start: int) -> LineKind:
        """What the line starting at ``start`` holds (a line inside a multi-line value is a statement)."""
        i = bisect_right(self.statement_starts, start) - 1
        if i >= 0 and self.statements[i][0] <= start <= self.statements[i][1]:
            return "statement"
        stripped = self.text[start : line_end(self.text, start)].strip()
        if not stripped:
            return "blank"
        return "comment" if stripped.startswith("#") else "statement"

    def prev_line(self, start: int) -> int | None:
        return None if start == 0 else line_start(self.text, start - 1)

    def own_comments_start(self, start: int) -> int:
        """The first of the comment lines directly above the line at ``start`` (no blank between)."""
        while True:
            prev = self.prev_line(start)
            if prev is None or self.line_kind(prev) != "comment":
                return start
            start = prev

    def line_text(self, start: int) -> str:
        return self.text[start : line_end(self.text, start)].rstrip("\r\n")

    def _header_style(self) -> bool:
        """Whether the file puts a blank line before its headers (the default when it cannot tell)."""
        blank = tight = 0
        for table in self.layout.tables:
            prev = self.prev_line(table.line_span.start.offset)
            while prev is not None and self.line_kind(prev) == "comment":
                prev = self.prev_line(prev)
            if prev is None:
                continue
            if self.line_kind(prev) == "blank":
                blank += 1
            else:
                tight += 1
        return blank >= tight

    # lookups

    def entry(self, path: Path) -> TomlEntry | None:
        for entry in self.layout.entries:
            if entry.path == path:
                return entry
        return None

    def header(self, path: Path) -> TomlTable | None:
        for table in self.layout.tables:
            if table.path == path:
                return table
        return None

    def headers_under(self, path: Path) -> list[TomlTable]:
        return [t for t in self.layout.tables if t.path[: len(path)] == path]

    def table_entries(self, table: Path) -> list[TomlEntry]:
        return [e for e in self.lines_entries if e.table == table]

    def spelled_through(self, path: Path) -> list[TomlEntry]:
        """Entries whose dotted key spells ``path`` as one of its intermediate tables."""
        n = len(path)
        return [e for e in self.layout.entries if len(e.path) > n and e.path[:n] == path and len(e.table) < n]

    def kind(self, path: Path) -> PathKind:
        """How ``path`` is defined: a value, an inline table, an array of tables or one of its
        elements, a ``[header]``, dotted keys, only as a parent of headers, or not at all."""
        if path not in self.paths:
            return "missing"
        entry = self.entry(path)
        if entry is not None:
            return "inline" if entry.value_kind == "mapping" else "value"
        origin_kind = _ORIGIN_KINDS.get(self.origins.get(path))
        if origin_kind is not None:
            return origin_kind
        if self.header(path) is not None:
            return "header"
        return self._headerless_kind(path)

    def _headerless_kind(self, path: Path) -> PathKind:
        through = self.spelled_through(path)
        if through:
            return "inline" if any(e.inline for e in through) else "dotted"
        if self.headers_under(path):
            return "implicit"
        return "value"

    def exists(self, path: Path) -> bool:
        return path in self.paths


# --- small pure helpers -------------------------------------------------------------------------


def is_index(segment: str) -> bool:
    """Whether a path segment is an array index (``"[N]"``)."""
    return _INDEX.fullmatch(segment) is not None


def common_prefix_length(a: Path, b: Path) -> int:
    """How many leading segments ``a`` and ``b`` share."""
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    return common


def line_range(entry: TomlEntry) -> Range:
    """Line start of the entry's key to the end of its last line (trailing comment included)."""
    span = entry.line_span
    if span is None:  # pragma: no cover - callers filter inline entries
        raise CannotFix("the key is inside an inline table")
    return span.start.offset, span.end.offset


def line_starts(text: str, start: int, end: int) -> list[int]:
    """Starts of the lines beginning in ``[start, end)``; ``start`` must be a line start."""
    out: list[int] = []
    position = start
    while position < end and position < len(text):
        out.append(position)
        position = line_end(text, position)
    if not out and start == len(text) and start < end:
        out.append(start)
    return out


def merge_ranges(ranges: Sequence[Range]) -> list[Range]:
    """The ranges sorted, overlapping and touching ones joined."""
    out: list[Range] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def kept(start: int, removed: Sequence[Range]) -> bool:
    """Whether the offset ``start`` survives the removal of the ``removed`` ranges."""
    return not any(s <= start < e for s, e in removed)


def kind_word(entry: TomlEntry) -> str:
    """What the entry's value is, in the words of the messages."""
    return {"mapping": "table", "sequence": "list", "scalar": "value"}[entry.value_kind]
