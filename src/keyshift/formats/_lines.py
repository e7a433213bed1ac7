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

import re
from collections.abc import Sequence
from dataclasses import dataclass

from keyshift.core.edits import CannotFix, FixOp, newline_of
from keyshift.core.model import ConfigSyntaxError, Edit, Scalar
from keyshift.core.positions import LineIndex, break_before, split_lines

# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    content_end: int
    """End of the line's text, without its line ending."""
    end: int
    """Just past the line ending (the end of the text for a last line without one)."""


def physical_lines(text: str, breaks: re.Pattern[str] | None = None) -> list[Line]:
    """The lines of ``text`` (none for an empty text), as keyshift counts them (``\\n`` and ``\\r\\n``
    end a line, see :mod:`keyshift.core.positions`), or where the format's reader ends them when it
    also does elsewhere (``breaks``: ``.properties`` ends a line at a lone ``\\r`` too).

    Without ``breaks``, a ``\\r`` that ends the text ends the last line's content (INI, Dockerfile).
    """
    out: list[Line] = []
    pos, n = 0, len(text)
    if breaks is not None:
        for match in breaks.finditer(text):
            out.append(Line(pos, match.start(), match.end()))
            pos = match.end()
        return [*out, Line(pos, n, n)] if pos < n else out
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl + 1
        content_end = n if nl == -1 else nl
        if content_end > pos and text[content_end - 1] == "\r":
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


def line_texts(chunk: str, breaks: re.Pattern[str] | None = None) -> list[str]:
    """The lines of a chunk of whole lines, without their line endings (``breaks``: see :func:`physical_lines`)."""
    if breaks is not None:
        return [line[: len(line) - break_before(line, len(line), breaks)] for line in split_lines(chunk, breaks)]
    if chunk.endswith("\n"):
        chunk = chunk[:-1]
    return [line.removesuffix("\r") for line in chunk.split("\n")]


def removal_range(text: str, start: int, end: int, breaks: re.Pattern[str] | None = None) -> tuple[int, int]:
    """The range that removes the whole lines ``[start, end)``; a file without a final newline keeps none."""
    if end == len(text) and not break_before(text, end, breaks) and start > 0:
        # the lines end the file: take the line ending before them instead of leaving one at the end
        start -= break_before(text, start, breaks)
    return start, end


def delete_lines(text: str, start: int, end: int, breaks: re.Pattern[str] | None = None) -> Edit:
    """The edit that removes the whole lines ``[start, end)`` (see :func:`removal_range`)."""
    start, end = removal_range(text, start, end, breaks)
    return Edit(start, end, "")


def insert_lines(
    text: str,
    offset: int,
    lines: Sequence[str],
    nl: str,
    removal: tuple[int, int] | None = None,
    breaks: re.Pattern[str] | None = None,
) -> Edit:
    """Insert whole lines at a line start (or at the end of a file without a final newline).

    ``removal`` is a range the same fix deletes: when it ends the file and the file has no final
    newline, lines inserted at or after its start become the new end of the file.
    """
    unended = bool(text) and not break_before(text, len(text), breaks)
    if removal is not None and removal[1] == len(text) and unended and offset >= removal[0]:
        offset = removal[0]
        return Edit(offset, offset, (nl if offset > 0 else "") + nl.join(lines) + ("" if offset > 0 else nl))
    if offset == len(text) and unended:
        return Edit(offset, offset, nl + nl.join(lines))
    return Edit(offset, offset, "".join(line + nl for line in lines))


def prefix_comment_lines(
    text: str, start: int, end: int, prefix: str, note: str | None, nl: str, breaks: re.Pattern[str] | None = None
) -> Edit:
    """Replace the whole lines ``[start, end)`` by comments, after a ``note`` comment line, at their indentation."""
    chunk = text[start:end]
    lines = line_texts(chunk, breaks)
    indent = leading_blanks(lines[0])
    out = [f"{indent}{prefix} {note}"] if note else []
    for line in lines:
        if not line.strip():
            out.append(indent + prefix)
        elif line.startswith(indent):
            out.append(f"{indent}{prefix} {line[len(indent) :]}")
        else:
            out.append(f"{prefix} {line}")
    ending = nl if break_before(chunk, len(chunk), breaks) else ""
    return Edit(start, end, nl.join(out) + ending)


def delete_or_comment_out(
    text: str,
    start: int,
    end: int,
    op: FixOp,
    note: str | None,
    prefix: str = "#",
    breaks: re.Pattern[str] | None = None,
) -> Edit:
    """The edit that deletes (:func:`delete_lines`) or comments out (:func:`prefix_comment_lines`) whole lines."""
    if op == "delete":
        return delete_lines(text, start, end, breaks)
    return prefix_comment_lines(text, start, end, prefix, note, newline_of(text), breaks)


def comment_out_lines(text: str, start: int, end: int, note: str | None) -> Edit:
    """Replace whole lines ``[start, end)`` by ``# note`` and each line prefixed with ``# ``.

    ``#`` goes after the first line's indentation (or a shorter line's own); line endings are kept.
    """
    block = text[start:end]
    indent = leading_blanks(block.split("\n", 1)[0])
    out = [f"{indent}# {note or 'keyshift: commented out'}{newline_of(text)}"]
    for line in split_lines(block):
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
