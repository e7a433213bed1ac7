"""Where a new ``key = value`` goes in a TOML text, following TOML 1.0 and the file's own style.

:func:`find_destination` checks that every existing parent of the new key is a table it may
extend, then picks the place: after the last entry of its table, after a leading comment block
for root keys, among the dotted keys that already spell its parent, or under a new ``[header]``
after the run of sections of its nearest ancestor.  The answer is a :class:`Destination`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from keyshift.core.edits import CannotFix, describe_path, line_end
from keyshift.formats._lines import leading_blanks
from keyshift.formats.toml.layout import TomlEntry, TomlTable
from keyshift.formats.toml.view import Path, Range, TomlView, is_index, kept, line_range, line_starts

__all__ = ["Destination", "deepest_table", "find_destination", "top_destination"]


@dataclass(frozen=True, slots=True)
class Destination:
    """Where a new ``key = value`` goes and how it is written."""

    where: Literal["after", "top", "end"]
    offset: int
    table: Path
    """The table the new key is written relative to (``()`` for the root)."""
    indent: str = ""
    header: Path | None = None
    """A ``[table]`` header to write before the entry."""
    header_indent: str = ""
    likes: tuple[TomlEntry, ...] = ()
    """Entries whose key spelling (quotes) the new key reuses for the segments they share."""
    creates: frozenset[Path] = frozenset()
    separate: bool = True
    """Whether a new header at the end of the text may get a blank line before it."""


def find_destination(view: TomlView, new_path: Path, removed: Sequence[Range], moved: TomlEntry | None) -> Destination:
    """Where ``new_path`` can be written once the ``removed`` ranges are gone (``moved`` is the
    entry being moved there, if any)."""
    parent = new_path[:-1]
    if view.exists(new_path):
        raise CannotFix(f"{describe_path(new_path)} already exists")
    deepest = deepest_table(view, parent, "add the key by hand")
    finder = _Finder(view, removed, (moved,) if moved is not None else ())
    if not parent:
        return finder.root()
    if deepest == parent:
        return finder.existing_parent(parent)
    missing = parent[len(deepest) :]
    if any(is_index(s) for s in missing):
        raise CannotFix(f"{describe_path(parent)} is not in the file; add the key by hand")
    creates = frozenset(parent[:j] for j in range(len(deepest) + 1, len(parent) + 1))
    return finder.new_parent(parent, deepest, creates)


def deepest_table(view: TomlView, parent: Path, action: str) -> Path:
    """The longest existing prefix of ``parent``, after checking that every existing prefix is a
    table a new child may extend (the error says to ``action`` instead)."""
    deepest: Path = ()
    for i in range(1, len(parent) + 1):
        prefix = parent[:i]
        kind = view.kind(prefix)
        if kind == "missing":
            break
        if kind == "value":
            raise CannotFix(f"{describe_path(prefix)} holds a value, not a table")
        if kind == "inline":
            raise CannotFix(f"{describe_path(prefix)} is an inline table; {action}")
        if kind == "aot" and (i == len(parent) or not is_index(parent[i])):
            raise CannotFix(f"{describe_path(prefix)} is an array of tables; {action}")
        deepest = prefix
    return deepest


def top_destination(view: TomlView, likes: tuple[TomlEntry, ...]) -> Destination:
    """Root keys go before the first header: after a leading comment block that a blank line
    separates from what follows (or that is all the file holds), else at the very top."""
    text = view.text
    first = 0
    while first < len(text) and view.line_kind(first) == "comment":
        first = line_end(text, first)
    if first > 0 and (first >= len(text) or view.line_kind(first) == "blank"):
        last_comment = view.prev_line(first) if first < len(text) or text.endswith("\n") else None
        if last_comment is None:  # the file ends in a comment without a final newline
            return Destination("after", len(text), (), likes=likes)
        return Destination("after", last_comment + len(view.line_text(last_comment)), (), likes=likes)
    return Destination("top", 0, (), likes=likes)


class _Finder:
    """The placement rules, for one text with some ranges about to be removed."""

    def __init__(self, view: TomlView, removed: Sequence[Range], likes: tuple[TomlEntry, ...]) -> None:
        self.view = view
        self.removed = removed
        self.likes = likes

    def existing_parent(self, parent: Path) -> Destination:
        """The parent table exists (it is not the root)."""
        kind = self.view.kind(parent)
        table = self.view.header(parent)
        if kind in ("header", "element") and table is not None:
            return self.table(table)
        if kind == "dotted":
            return self.dotted(parent, frozenset())
        if kind == "implicit":
            return self.header(parent, frozenset({parent}))
        raise CannotFix(f"cannot add a key to {describe_path(parent)}")  # pragma: no cover

    def new_parent(self, parent: Path, deepest: Path, creates: frozenset[Path]) -> Destination:
        """The parent is missing below ``deepest`` (its longest existing prefix, maybe the root)."""
        if not deepest:
            if any(len(e.segments) > 1 for e in self.view.table_entries(())):
                return self.dotted((), creates)
            return self.header(parent, creates)
        kind = self.view.kind(deepest)
        table = self.view.header(deepest)
        if kind in ("header", "element") and table is not None:
            if table.has_dotted_keys:
                return self.dotted(deepest, creates)
            if kind == "element":
                raise CannotFix(f"cannot create a table inside {describe_path(deepest)}; add the key by hand")
            return self.header(parent, creates)
        if kind == "dotted":
            return self.dotted(deepest, creates)
        if kind == "implicit":
            return self.header(parent, creates)
        raise CannotFix(f"cannot add a key under {describe_path(deepest)}")  # pragma: no cover

    # the places

    def root(self) -> Destination:
        last = self._last_kept(self.view.table_entries(()))
        if last is not None:
            return Destination("after", line_range(last)[1], (), self._indent(last), likes=(last, *self.likes))
        return top_destination(self.view, self.likes)

    def table(self, table: TomlTable) -> Destination:
        last = self._last_kept(self.view.table_entries(table.path))
        if last is not None:
            return Destination("after", line_range(last)[1], table.path, self._indent(last), likes=self.likes)
        return Destination("after", table.line_span.end.offset, table.path, self._entry_indent(), likes=self.likes)

    def dotted(self, path: Path, creates: frozenset[Path]) -> Destination:
        """A dotted key in the table whose dotted keys already spell ``path`` (or in table ``path``)."""
        view = self.view
        if path and view.header(path) is not None:
            table_path = path
            siblings = view.table_entries(path)
        elif path:
            table_path = next(e.table for e in view.spelled_through(path) if not e.inline)
            siblings = [e for e in view.table_entries(table_path) if e.path[: len(path)] == path]
        else:
            table_path, siblings = (), view.table_entries(())
        last = self._last_kept(siblings) or self._last_kept(view.table_entries(table_path))
        header = view.header(table_path) if table_path else None
        likes = self.likes
        if last is not None:
            offset, indent = line_range(last)[1], self._indent(last)
            likes = (last, *likes)
        elif header is not None:
            offset, indent = header.line_span.end.offset, self._entry_indent()
        else:
            top = top_destination(view, likes)
            return Destination(top.where, top.offset, (), likes=likes, creates=creates)
        return Destination("after", offset, table_path, indent, likes=likes, creates=creates)

    def header(self, path: Path, creates: frozenset[Path]) -> Destination:
        """A new ``[path]`` header after the run of sections of its nearest ancestor that has any."""
        kept_headers, last_entry = self._run_end(path)
        ends = [t.line_span.end.offset for t in kept_headers]
        if last_entry is not None:
            ends.append(line_range(last_entry)[1])
        header_indent = (
            leading_blanks(self.view.line_text(kept_headers[-1].line_span.start.offset)) if kept_headers else ""
        )
        indent = self._indent(last_entry) if last_entry is not None and last_entry.table else self._entry_indent()
        if ends:
            return Destination("after", max(ends), path, indent, path, header_indent, self.likes, creates)
        text = self.view.text
        content = any(self._kept(p) and self.view.line_kind(p) != "blank" for p in line_starts(text, 0, len(text)))
        return Destination("end", len(text), path, indent, path, header_indent, self.likes, creates, separate=content)

    def _run_end(self, path: Path) -> tuple[list[TomlTable], TomlEntry | None]:
        """The kept headers and the last kept entry of the run of sections a new ``[path]`` follows."""
        tables = self.view.layout.tables
        anchor, run = _ancestor_run(tables, path)
        if anchor is None:
            candidates = self.view.lines_entries
        else:
            run_paths = {t.path for t in run}
            candidates = [e for e in self.view.lines_entries if e.table in run_paths]
        kept_headers = [t for t in run if self._kept(t.line_span.start.offset)]
        last_entry = self._last_kept(candidates)
        if anchor is not None and not kept_headers and last_entry is None:
            # the whole run goes away: place the header after whatever else the file keeps
            kept_headers = [t for t in tables if self._kept(t.line_span.start.offset)]
            last_entry = self._last_kept(self.view.lines_entries)
        return kept_headers, last_entry

    # helpers

    def _kept(self, start: int) -> bool:
        return kept(start, self.removed)

    def _last_kept(self, entries: Sequence[TomlEntry]) -> TomlEntry | None:
        survivors = [e for e in entries if self._kept(line_range(e)[0])]
        return max(survivors, key=lambda e: line_range(e)[1]) if survivors else None

    def _indent(self, entry: TomlEntry) -> str:
        return self.view.text[line_range(entry)[0] : entry.key_span.start.offset]

    def _entry_indent(self) -> str:
        """The indentation of entries under headers, for a table that has none yet."""
        entries = [e for e in self.view.lines_entries if e.table]
        return self._indent(entries[0]) if entries else ""


def _ancestor_run(tables: Sequence[TomlTable], path: Path) -> tuple[Path | None, list[TomlTable]]:
    """The nearest ancestor of ``path`` (itself included) that some header lies under, and the run
    of consecutive headers under it from its first one; all headers when there is none."""
    for i in range(len(path), 0, -1):
        anchor = path[:i]
        if any(t.path[:i] == anchor for t in tables):
            first = next(j for j, t in enumerate(tables) if t.path[:i] == anchor)
            run: list[TomlTable] = []
            for table in tables[first:]:
                if table.path[:i] != anchor:
                    break
                run.append(table)
            return anchor, run
    return None, list(tables)
