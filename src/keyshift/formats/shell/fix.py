"""Fixes for shell-script assignments and variable references, edited in place.

- ``rename``: the name of an assignment, a ``$NAME`` reference or a mention (``form="text"``) is
  replaced; with a value, an assignment's value is set as by ``set-value``.
- ``set-value``: the value is replaced keeping its quoting (double, single, ``$'...'``, or bare when
  the new value needs no quotes; otherwise double quotes); ``export NAME`` becomes
  ``export NAME=value``.  Arrays are left alone.
- ``delete`` / ``comment-out``: only an assignment that is alone on its lines (its command sets just
  this one variable, with nothing but a ``;`` and a comment after it) and whose removal leaves no empty
  ``then``/``do``/``{`` block or dangling ``&&``; the trailing comment goes with it.
- ``add``: never; where in a script a variable should be set is for a person to decide.
"""

from __future__ import annotations

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix
from keyshift.core.model import Edit, Occurrence, ParsedFile, Scalar
from keyshift.formats._assignments import BARE, AssignmentFixer, has_unescaped
from keyshift.formats._lines import comment_out_lines, delete_lines, scalar_text
from keyshift.formats.shell.parse import ShellAssignment, ShellTree


def plan_fix(parsed: ParsedFile[ShellTree], request: FixRequest) -> PlannedFix:
    return _ShellFixer(parsed).plan(request)


class _ShellFixer(AssignmentFixer[ShellTree, ShellAssignment]):
    no_add = "keyshift does not add variables to a shell script; set it by hand where it belongs"
    only_used = "is only used here, not set; edit that use by hand"
    name_kind = "shell variable name"

    def locate(self, occurrence: Occurrence) -> ShellAssignment:
        offset = occurrence.key_span.start.offset
        assignment = next((a for a in self.tree.assignments if a.key_start == offset), None)
        if assignment is None:
            raise CannotFix(f"{occurrence.found} is not assigned here")
        return assignment

    def key_range(self, target: ShellAssignment) -> tuple[int, int]:
        return target.key_start, target.key_end

    def set_value(self, target: ShellAssignment, value: Scalar) -> Edit:
        if target.value_kind != "scalar":
            raise CannotFix("the variable holds an array; set it by hand")
        new = scalar_text(value)
        if target.value_start is None or target.value_end is None:
            return Edit(target.key_end, target.key_end, "=" + _quote(new, ""))
        raw = self.text[target.value_start : target.value_end]
        return Edit(target.value_start, target.value_end, _quote(new, _style(raw)))

    def delete(self, target: ShellAssignment, occurrence: Occurrence) -> Edit:
        start, end = self.own_lines(target, occurrence)
        return delete_lines(self.text, start, end)

    def comment_out(self, target: ShellAssignment, occurrence: Occurrence, note: str | None) -> Edit:
        start, end = self.own_lines(target, occurrence)
        return comment_out_lines(self.text, start, end, note)

    @staticmethod
    def own_lines(target: ShellAssignment, occurrence: Occurrence) -> tuple[int, int]:
        if target.lines is None:
            raise CannotFix(f"the line of {occurrence.found} does more than set it; edit it by hand")
        return target.lines


def _style(raw: str) -> str:
    """The quoting that encloses the whole written value, or "" for bare or mixed quoting."""
    if len(raw) >= 2 and raw[0] == raw[-1] == "'" and "'" not in raw[1:-1]:
        return "'"
    if len(raw) >= 3 and raw.startswith("$'") and raw.endswith("'") and not has_unescaped(raw[2:-1], "'", "\\"):
        return "$'"
    if len(raw) >= 2 and raw[0] == raw[-1] == '"' and not has_unescaped(raw[1:-1], '"', "\\"):
        return '"'
    return ""


def _quote(value: str, style: str) -> str:
    if style == "'" and "'" not in value:
        return f"'{value}'"
    if style == "$'":
        escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\t", "\\t")
        return f"$'{escaped}'"
    if style == "" and (value == "" or BARE.fullmatch(value)):
        return value
    escaped = "".join("\\" + c if c in '"$`\\' else c for c in value)
    return f'"{escaped}"'
