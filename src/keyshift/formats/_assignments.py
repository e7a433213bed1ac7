"""The plan shared by the fixers of shell-style ``NAME=value`` assignments (shell scripts, Dockerfile ENV/ARG).

:class:`AssignmentFixer` owns what the two have in common: no variable is ever added, a use that is
not an assignment (``form="text"``) can only be renamed, a rename takes a variable name and may set
the value too.  What stays in each fixer is where an assignment is, what deleting or commenting it
out may take, and the format's own quoting: the escape character (``\\`` or the Dockerfile's
``# escape=``), which characters double quotes escape, and ``$'...'`` (shell only).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import ClassVar, Generic, TypeVar

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix
from keyshift.core.model import Edit, Occurrence, ParsedFile, Scalar
from keyshift.formats.text.fix import rename_token, require_occurrence
from keyshift.formats.text.parse import IDENTIFIER

BARE = re.compile(r"[A-Za-z0-9_./:@%+,=-]+")
"""Values written without quotes as they are; anything else is quoted."""


def has_unescaped(inner: str, quote: str, escape: str) -> bool:
    """True when ``inner`` (the text between two quotes) holds a ``quote`` not preceded by ``escape``."""
    i = 0
    while i < len(inner):
        if inner[i] == escape:
            i += 2
            continue
        if inner[i] == quote:
            return True
        i += 1
    return False


def _variable_name(new_path: tuple[str, ...] | None, old: str, what: str) -> str:
    """The one segment of ``new_path`` when it is a variable name; else :class:`CannotFix` naming ``what``."""
    if not new_path or len(new_path) != 1 or IDENTIFIER.fullmatch(new_path[0]) is None:
        shown = ".".join(new_path or ())
        raise CannotFix(f"{shown} is not a {what}; rename {old} by hand")
    return new_path[0]


def _renamed(key_start: int, key_end: int, name: str, value: Edit | None) -> tuple[Edit, ...]:
    """The edits that rename the key ``[key_start, key_end)`` to ``name`` and apply ``value``.

    A value edit that inserts right after the key (``export NAME`` -> ``export NEW=value``) is
    joined to the key's edit.
    """
    if value is None:
        return (Edit(key_start, key_end, name),)
    if value.start == key_end:
        return (Edit(key_start, key_end, name + value.replacement),)
    return (Edit(key_start, key_end, name), value)


Tree = TypeVar("Tree")
Target = TypeVar("Target")
"""What a format's parse knows of one assignment (the fixer finds it from an occurrence)."""


class AssignmentFixer(ABC, Generic[Tree, Target]):
    """Plans the fix of a request in a script; a subclass finds, sets, deletes and comments out assignments."""

    no_add: ClassVar[str]
    """Why no variable is added to such a file."""
    only_used: ClassVar[str]
    """Said after the name of a use that is not an assignment when the fix is not a rename."""
    name_kind: ClassVar[str]
    """What a new name must be (``variable name``)."""

    def __init__(self, parsed: ParsedFile[Tree]) -> None:
        self.parsed = parsed
        self.text = parsed.text
        self.tree = parsed.tree

    def plan(self, request: FixRequest) -> PlannedFix:
        parsed = self.parsed
        if request.op == "add":
            raise CannotFix(self.no_add)
        occurrence = require_occurrence(parsed, request)
        if occurrence.form != "key":
            if request.op != "rename":
                raise CannotFix(f"{occurrence.found} {self.only_used}")
            return rename_token(parsed, request)
        target = self.locate(occurrence)
        if request.op == "rename":
            return PlannedFix(self.rename(target, request))
        if request.op == "set-value":
            return PlannedFix((self.set_value(target, request.value),))
        if request.op == "delete":
            return PlannedFix((self.delete(target, occurrence),))
        return PlannedFix((self.comment_out(target, occurrence, request.note),))

    def rename(self, target: Target, request: FixRequest) -> tuple[Edit, ...]:
        key_start, key_end = self.key_range(target)
        name = _variable_name(request.new_path, self.text[key_start:key_end], self.name_kind)
        value = self.set_value(target, request.value) if request.has_value else None
        return _renamed(key_start, key_end, name, value)

    @abstractmethod
    def locate(self, occurrence: Occurrence) -> Target:
        """The assignment of a ``form="key"`` occurrence (:class:`CannotFix` when there is none)."""

    @abstractmethod
    def key_range(self, target: Target) -> tuple[int, int]:
        """The ``[start, end)`` offsets of the assignment's name."""

    @abstractmethod
    def set_value(self, target: Target, value: Scalar) -> Edit: ...

    @abstractmethod
    def delete(self, target: Target, occurrence: Occurrence) -> Edit: ...

    @abstractmethod
    def comment_out(self, target: Target, occurrence: Occurrence, note: str | None) -> Edit: ...
