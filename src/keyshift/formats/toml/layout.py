"""Where everything sits in a TOML text: the tree :func:`keyshift.formats.toml.parse.parse` returns.

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

from dataclasses import dataclass
from typing import Literal

from keyshift.core.model import Span, ValueKind

TableKind = Literal["table", "array-table"]
TableOrigin = Literal["header", "implicit", "dotted", "inline", "array-of-tables", "array-table"]

__all__ = ["KeySegment", "TableKind", "TableOrigin", "TomlEntry", "TomlLayout", "TomlTable"]


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
