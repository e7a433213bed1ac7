"""Format-independent helpers of the line-based adapters and fixers.

- :func:`physical_lines` splits a text into its lines with their offsets (INI, ``.properties``,
  Dockerfile); :func:`syntax_error` builds the error at an offset, :class:`TextReader` is the base
  of the line readers.
- Whole-line edits: :func:`removal_range` / :func:`delete_lines`, :func:`insert_lines`, and two
  ways of commenting lines out: :func:`prefix_comment_lines` (INI, ``.properties``, ``.env``: the
  file's comment prefix, line endings normalized, a note only when given) and
  :func:`comment_out_lines` (plain text, shell, Dockerfile: ``#``, each line keeps its ending, a
  default note).  :func:`delete_or_comment_out` picks :func:`delete_lines` or the first way by
  the request's op.
- How a value is written in a format whose values are all text: :func:`untyped_text` (``null``
  refused) and :func:`scalar_text` (``null`` written as nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from keyshift.core.edits import CannotFix, FixOp, newline_of
from keyshift.core.model import ConfigSyntaxError, Edit, Scalar
from keyshift.core.positions import LineIndex

# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    content_end: int
    """End of the line's text, without its line ending."""
    end: int
    """Just past the line ending (the end of the text for a last line without one)."""


def physical_lines(text: str, *, lone_cr_ends_last_line: bool = True) -> list[Line]:
    """The lines of ``text`` (none for an empty text); ``\\n`` and ``\\r\\n`` end a line.

    A ``\\r`` that ends the text counts as a line ending unless ``lone_cr_ends_last_line`` is
    False (``.properties``, where a lone ``\\r`` is an ordinary character).
    """
    out: list[Line] = []
    pos, n = 0, len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl + 1
        content_end = n if nl == -1 else nl
        if content_end > pos and (nl != -1 or lone_cr_ends_last_line) and text[content_end - 1] == "\r":
            content_end -= 1
        out.append(Line(pos, content_end, end))
        pos = end
    return out


def syntax_error(index: LineIndex, message: str, offset: int) -> ConfigSyntaxError:
    """A :class:`ConfigSyntaxError` at the line and column of ``offset``."""
    pos = index.position(offset)
    return ConfigSyntaxError(message, pos.line, pos.column)


class TextReader:
    """The text being read, its line index, and errors at an offset of it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index = LineIndex(text)

    def error(self, message: str, offset: int) -> ConfigSyntaxError:
        return syntax_error(self.index, message, offset)


# -- whole-line edits -------------------------------------------------------------------------


def leading_blanks(line: str) -> str:
    """The spaces and tabs that start ``line``."""
    return line[: len(line) - len(line.lstrip(" \t"))]


def line_texts(chunk: str) -> list[str]:
    """The lines of a chunk of whole lines, without their line endings."""
    if chunk.endswith("\n"):
        chunk = chunk[:-1]
    return [line.removesuffix("\r") for line in chunk.split("\n")]


def removal_range(text: str, start: int, end: int) -> tuple[int, int]:
    """The range that removes the whole lines ``[start, end)``; a file without a final newline keeps none."""
    if end == len(text) and not text.endswith("\n") and start > 0:
        # the lines end the file: take the line ending before them instead of leaving one at the end
        start -= 1
        if start > 0 and text[start - 1] == "\r":
            start -= 1
    return start, end


def delete_lines(text: str, start: int, end: int) -> Edit:
    """The edit that removes the whole lines ``[start, end)`` (see :func:`removal_range`)."""
    start, end = removal_range(text, start, end)
    return Edit(start, end, "")


def insert_lines(text: str, offset: int, lines: Sequence[str], nl: str, removal: tuple[int, int] | None = None) -> Edit:
    """Insert whole lines at a line start (or at the end of a file without a final newline).

    ``removal`` is a range the same fix deletes: when it ends the file and the file has no final
    newline, lines inserted at or after its start become the new end of the file.
    """
    if removal is not None and removal[1] == len(text) and not text.endswith("\n") and offset >= removal[0]:
        offset = removal[0]
        return Edit(offset, offset, (nl if offset > 0 else "") + nl.join(lines) + ("" if offset > 0 else nl))
    if offset == len(text) and text and not text.endswith("\n"):
        return Edit(offset, offset, nl + nl.join(lines))
    return Edit(offset, offset, "".join(line + nl for line in lines))


def prefix_comment_lines(text: str, start: int, end: int, prefix: str, note: str | None, nl: str) -> Edit:
    """Replace the whole lines ``[start, end)`` by comments, after a ``note`` comment line, at their indentation."""
    chunk = text[start:end]
    lines = line_texts(chunk)
    indent = leading_blanks(lines[0])
    out = [f"{indent}{prefix} {note}"] if note else []
    for line in lines:
        if not line.strip():
            out.append(indent + prefix)
        elif line.startswith(indent):
            out.append(f"{indent}{prefix} {line[len(indent) :]}")
        else:
            out.append(f"{prefix} {line}")
    ending = nl if chunk.endswith("\n") else ""
    return Edit(start, end, nl.join(out) + ending)


def delete_or_comment_out(text: str, start: int, end: int, op: FixOp, note: str | None, prefix: str = "#") -> Edit:
    """The edit that deletes (:func:`delete_lines`) or comments out (:func:`prefix_comment_lines`) whole lines."""
    if op == "delete":
        return delete_lines(text, start, end)
    return prefix_comment_lines(text, start, end, prefix, note, newline_of(text))


def comment_out_lines(text: str, start: int, end: int, note: str | None) -> Edit:
    """Replace whole lines ``[start, end)`` by ``# note`` and each line prefixed with ``# ``.

    ``#`` goes after the first line's indentation (or a shorter line's own); line endings are kept.
    """
    block = text[start:end]
    indent = leading_blanks(block.split("\n", 1)[0])
    out = [f"{indent}# {note or 'keyshift: commented out'}{newline_of(text)}"]
    for line in block.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        keep = 0
        while keep < len(indent) and keep < len(body) and body[keep] == indent[keep]:
            keep += 1
        rest = body[keep:]
        out.append(f"{body[:keep]}#{' ' + rest if rest else ''}{line[len(body) :]}")
    return Edit(start, end, "".join(out))


# -- values -----------------------------------------------------------------------------------


def scalar_text(value: Scalar) -> str:
    """A value as an untyped format writes it: ``true``/``false``, numbers as written, None as empty."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "" if value is None else str(value)


def untyped_text(value: Scalar) -> str:
    """How a matrix value is written in a file whose values are all strings (None is refused)."""
    if value is None:
        raise CannotFix("null has no spelling in a file whose values are all text; set it by hand")
    return scalar_text(value)
