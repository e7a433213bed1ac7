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
from keyshift.core.model import Edit, Occurrence, ParsedFile, Scalar
from keyshift.formats._lines import delete_or_comment_out, insert_lines, untyped_text
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
    layout = parsed.tree
    text = parsed.text
    if request.op == "add":
        if request.new_path is None:
            raise CannotFix("no key to add")
        key = _key(request.new_path)
        export = "export " if layout.entries and all(e.export for e in layout.entries) else ""
        line = f"{export}{key}={quoted(untyped_text(request.value), '')}"
        return PlannedFix((insert_lines(text, len(text), [line], newline_of(text)),))
    if request.occurrence is None:
        raise CannotFix("no key to change")
    entry = _locate(layout, request.occurrence)
    if request.op == "set-value":
        return PlannedFix((_set_value(entry, request.value),))
    if request.op in ("delete", "comment-out"):
        return PlannedFix((delete_or_comment_out(text, entry.start, entry.end, request.op, request.note),))
    if request.new_path is None:
        raise CannotFix("no new key to rename to")
    edits = [Edit(entry.key_start, entry.key_end, _key(request.new_path))]
    if request.has_value:
        edits.append(_set_value(entry, request.value))
    return PlannedFix(tuple(edits))


def _key(path: tuple[str, ...]) -> str:
    if len(path) != 1 or KEY.fullmatch(path[0]) is None:
        raise CannotFix(f"{describe_path(path)} cannot be written as a .env variable name")
    return path[0]


def _locate(layout: DotenvLayout, occurrence: Occurrence) -> DotenvEntry:
    offset = occurrence.key_span.start.offset
    for entry in layout.entries:
        if entry.key_start == offset and (entry.key,) == occurrence.path:
            return entry
    raise CannotFix(f"{describe_path(occurrence.path)} is not where the parse put it")


def _set_value(entry: DotenvEntry, value: Scalar) -> Edit:
    return Edit(entry.value_start, entry.value_end, quoted(untyped_text(value), entry.quote))
