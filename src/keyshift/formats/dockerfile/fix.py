"""Fixes for Dockerfile ENV/ARG variables, edited in place with the positions of the parse.

- ``rename``: the name is replaced (a reference or mention of ``form="text"`` too); with a value,
  the value is set as by ``set-value``.
- ``set-value``: the value is replaced keeping its quoting (double, single, or bare when the new
  value needs no quotes; otherwise double quotes); ``ARG KEY`` becomes ``ARG KEY=value``.
- ``delete``: a variable sharing its instruction loses just its ``KEY=value`` word (with the blank
  or line continuation that separated it); a variable alone in its instruction loses the whole
  instruction, continuation lines included.
- ``comment-out``: only an instruction holding that one variable (commenting out a line of a
  multi-variable ENV would drop the others too).
- ``add``: never; which build stage should set a variable is for a person to decide.
"""

from __future__ import annotations

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix
from keyshift.core.model import Edit, Occurrence, ParsedFile, Scalar
from keyshift.formats._assignments import BARE, AssignmentFixer, has_unescaped
from keyshift.formats._lines import comment_out_lines, delete_lines, scalar_text
from keyshift.formats.dockerfile.parse import DockerfileTree, DockerInstruction, DockerVariable

_Located = tuple[DockerInstruction, DockerVariable]


def plan_fix(parsed: ParsedFile[DockerfileTree], request: FixRequest) -> PlannedFix:
    return _DockerfileFixer(parsed).plan(request)


class _DockerfileFixer(AssignmentFixer[DockerfileTree, _Located]):
    no_add = "keyshift does not add variables to a Dockerfile; add it to the right stage by hand"
    only_used = "is only referenced here; edit that use by hand"
    name_kind = "variable name"

    def locate(self, occurrence: Occurrence) -> _Located:
        key_start = occurrence.key_span.start.offset
        for instruction in self.tree.instructions:
            for variable in instruction.variables:
                if variable.key_start == key_start:
                    return instruction, variable
        raise CannotFix("the variable is not in an ENV or ARG instruction")

    def key_range(self, target: _Located) -> tuple[int, int]:
        _, variable = target
        return variable.key_start, variable.key_end

    def set_value(self, target: _Located, value: Scalar) -> Edit:
        _, variable = target
        escape = self.tree.escape
        new = scalar_text(value)
        if "\n" in new or "\r" in new:
            raise CannotFix("a Dockerfile value cannot hold a line break; set it by hand")
        if variable.value_start is None or variable.value_end is None:
            return Edit(variable.key_end, variable.key_end, "=" + _quote(new, "", escape))
        raw = self.text[variable.value_start : variable.value_end]
        return Edit(variable.value_start, variable.value_end, _quote(new, _style(raw, escape), escape))

    def delete(self, target: _Located, occurrence: Occurrence) -> Edit:
        instruction, variable = target
        return _delete(self.text, instruction, variable)

    def comment_out(self, target: _Located, occurrence: Occurrence, note: str | None) -> Edit:
        instruction, _ = target
        if len(instruction.variables) != 1:
            raise CannotFix(
                f"this {instruction.keyword} also sets other variables; comment {occurrence.found} out by hand"
            )
        return comment_out_lines(self.text, instruction.start, instruction.end, note)


def _style(raw: str, escape: str) -> str:
    """The quote that encloses the whole written value, or "" for bare or mixed quoting."""
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        inner = raw[1:-1]
        if raw[0] == "'" and "'" not in inner:
            return "'"
        if raw[0] == '"' and not has_unescaped(inner, '"', escape):
            return '"'
    return ""


def _quote(value: str, style: str, escape: str) -> str:
    if style == "'" and "'" not in value:
        return f"'{value}'"
    if style == "" and (value == "" or BARE.fullmatch(value)):
        return value
    escaped = "".join(escape + c if c in ('"', "$", escape) else c for c in value)
    return f'"{escaped}"'


def _delete(text: str, instruction: DockerInstruction, variable: DockerVariable) -> Edit:
    variables = instruction.variables
    if len(variables) == 1:
        return delete_lines(text, instruction.start, instruction.end)
    index = variables.index(variable)
    if index > 0:
        start, end = variables[index - 1].word_end, variable.word_end
    else:
        start, end = variable.word_start, variables[1].word_start
    if any(line.lstrip().startswith("#") for line in text[start:end].split("\n")[1:]):
        raise CannotFix(f"a comment sits between the variables of this {instruction.keyword}; delete it by hand")
    return Edit(start, end, "")
