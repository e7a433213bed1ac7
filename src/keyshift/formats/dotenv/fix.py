"""Minimal-diff fixes for ``.env`` files, planned on a :class:`DotenvLayout`.

A key is one name, so a rename rewrites it in place (``export `` and the value stay).  A new value
keeps the old quote style when it can be written in it: double quotes escape ``\\ " \\n``, single
quotes are used only for values without ``'`` or line breaks, and a bare value stays bare only when
it has nothing a reader would take differently (blanks, quotes, ``#``, ``\\``); otherwise it is
double-quoted.  A new key goes at the end of the file, with ``export `` when every assignment in
the file has it.
"""

from __future__ import annotations

import re

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix, describe_path, newline_of
from keyshift.core.model import Edit, ParsedFile, Scalar
from keyshift.formats._entries import EntryFixer
from keyshift.formats._lines import insert_lines, untyped_text
from keyshift.formats.dotenv.parse import KEY, DotenvEntry, DotenvLayout, Quote

__all__ = ["plan_fix", "quoted"]

_BARE = re.compile(r"[^\s'\"\\#]*")


def quoted(value: str, style: Quote) -> str:
    """``value`` as written in ``style`` (or in double quotes when ``style`` cannot hold it)."""
    if style == "" and _BARE.fullmatch(value):
        return value
    if style == "'" and "'" not in value and "\n" not in value and "\r" not in value:
        return f"'{value}'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def plan_fix(parsed: ParsedFile[DotenvLayout], request: FixRequest) -> PlannedFix:
    """The edits that make ``request`` in a ``.env`` file (pure: computed from ``parsed`` alone)."""
    return _DotenvFixer(parsed.text, parsed.tree.entries).plan(request)


class _DotenvFixer(EntryFixer[DotenvEntry]):
    def key_text(self, path: tuple[str, ...]) -> str:
        if len(path) != 1 or KEY.fullmatch(path[0]) is None:
            raise CannotFix(f"{describe_path(path)} cannot be written as a .env variable name")
        return path[0]

    def set_value(self, entry: DotenvEntry, value: Scalar) -> Edit:
        return Edit(entry.value_start, entry.value_end, quoted(untyped_text(value), entry.quote))

    def add(self, path: tuple[str, ...], value: Scalar) -> Edit:
        """A line at the end of the file, with ``export`` when every assignment has it."""
        key = self.key_text(path)
        export = "export " if self.entries and all(e.export for e in self.entries) else ""
        line = f"{export}{key}={quoted(untyped_text(value), '')}"
        return insert_lines(self.text, len(self.text), [line], newline_of(self.text))
