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
from keyshift.core.model import Edit, ParsedFile, Scalar
from keyshift.formats._assignments import BARE, has_unescaped, renamed, variable_name
from keyshift.formats._lines import comment_out_lines, delete_lines, scalar_text
from keyshift.formats.shell.parse import ShellAssignment, ShellTree
from keyshift.formats.text.fix import rename_token, require_occurrence


def plan_fix(parsed: ParsedFile[ShellTree], request: FixRequest) -> PlannedFix:
    if request.op == "add":
        raise CannotFix("keyshift does not add variables to a shell script; set it by hand where it belongs")
    occurrence = require_occurrence(parsed, request)
    if occurrence.form != "key":
        if request.op != "rename":
            raise CannotFix(f"{occurrence.found} is only used here, not set; edit that use by hand")
        return rename_token(parsed, request)
    tree = parsed.tree
    assignment = next((a for a in tree.assignments if a.key_start == occurrence.key_span.start.offset), None)
    if assignment is None:
        raise CannotFix(f"{occurrence.found} is not assigned here")
    text = parsed.text
    if request.op == "rename":
        return PlannedFix(_rename(text, assignment, request))
    if request.op == "set-value":
        return PlannedFix((_set_value(text, assignment, request.value),))
    if assignment.lines is None:
        raise CannotFix(f"the line of {occurrence.found} does more than set it; edit it by hand")
    start, end = assignment.lines
    if request.op == "delete":
        return PlannedFix((delete_lines(text, start, end),))
    return PlannedFix((comment_out_lines(text, start, end, request.note),))


def _rename(text: str, assignment: ShellAssignment, request: FixRequest) -> tuple[Edit, ...]:
    name = variable_name(request.new_path, text[assignment.key_start : assignment.key_end], "shell variable name")
    value = _set_value(text, assignment, request.value) if request.has_value else None
    return renamed(assignment.key_start, assignment.key_end, name, value)


def _set_value(text: str, assignment: ShellAssignment, value: Scalar) -> Edit:
    if assignment.value_kind != "scalar":
        raise CannotFix("the variable holds an array; set it by hand")
    new = scalar_text(value)
    if assignment.value_start is None or assignment.value_end is None:
        return Edit(assignment.key_end, assignment.key_end, "=" + _quote(new, ""))
    raw = text[assignment.value_start : assignment.value_end]
    return Edit(assignment.value_start, assignment.value_end, _quote(new, _style(raw)))


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
