"""Fixes shared by the formats whose keys are each one entry of whole lines (``.env``, ``.properties``, INI).

:func:`locate_entry` finds the entry the parse made an occurrence from.  :class:`EntryFixer` is
the plan of ``.env`` and ``.properties`` files: a rename rewrites the key where it is written, a new
value replaces the value as written, delete and comment-out take the entry's lines, and a new key
is one new line.  Each format supplies how it writes a key and a value and where a new line goes.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import Generic, Protocol, TypeVar

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix, describe_path
from keyshift.core.model import Edit, Occurrence, Scalar
from keyshift.formats._lines import delete_or_comment_out


class LineEntry(Protocol):
    """What the parse of a line-based format records of one ``key=value`` entry."""

    @property
    def path(self) -> tuple[str, ...]: ...
    @property
    def start(self) -> int:
        """Start of its first line."""

    @property
    def key_start(self) -> int: ...
    @property
    def key_end(self) -> int: ...
    @property
    def end(self) -> int:
        """Just past the line ending of its last line."""


Entry = TypeVar("Entry", bound=LineEntry)


def locate_entry(entries: Iterable[Entry], occurrence: Occurrence) -> Entry:
    """The entry whose key the parse made ``occurrence`` from (same key offset, same path)."""
    offset = occurrence.key_span.start.offset
    for entry in entries:
        if entry.key_start == offset and entry.path == occurrence.path:
            return entry
    raise CannotFix(f"{describe_path(occurrence.path)} is not where the parse put it")


class EntryFixer(ABC, Generic[Entry]):
    """Plans the fix of a request in a file of line entries; a subclass writes keys, values and new lines."""

    breaks: re.Pattern[str] | None = None
    """Where the format's reader ends a line when not only at keyshift's line ends
    (:func:`~keyshift.formats._lines.physical_lines`)."""

    def __init__(self, text: str, entries: Sequence[Entry]) -> None:
        self.text = text
        self.entries = entries

    def plan(self, request: FixRequest) -> PlannedFix:
        if request.op == "add":
            if request.new_path is None:
                raise CannotFix("no key to add")
            return PlannedFix((self.add(request.new_path, request.value),))
        occurrence = request.occurrence
        if occurrence is None:
            raise CannotFix("no key to change")
        if occurrence.implicit:
            return self.prefix_fix(occurrence, request)
        entry = locate_entry(self.entries, occurrence)
        if request.op == "set-value":
            return PlannedFix((self.set_value(entry, request.value),))
        if request.op in ("delete", "comment-out"):
            edit = delete_or_comment_out(
                self.text, entry.start, entry.end, request.op, request.note, breaks=self.breaks
            )
            return PlannedFix((edit,))
        if request.new_path is None:
            raise CannotFix("no new key to rename to")
        edits = [Edit(entry.key_start, entry.key_end, self.key_text(request.new_path))]
        if request.has_value:
            edits.append(self.set_value(entry, request.value))
        return PlannedFix(tuple(edits))

    def prefix_fix(self, occurrence: Occurrence, request: FixRequest) -> PlannedFix:
        """A change to a prefix of keys (an implicit occurrence); only formats with dotted keys have them."""
        raise CannotFix(f"{occurrence.found} is part of a longer key; change it by hand")

    @abstractmethod
    def key_text(self, path: tuple[str, ...]) -> str:
        """The key of ``path`` as the file writes it (:class:`CannotFix` when it has no spelling)."""

    @abstractmethod
    def set_value(self, entry: Entry, value: Scalar) -> Edit: ...

    @abstractmethod
    def add(self, path: tuple[str, ...], value: Scalar) -> Edit:
        """The line that adds ``path`` with ``value``."""
