"""Fixes for plain-text tokens: rename a dotted key or environment-variable name in place.

Only ``rename`` is possible: a token in prose has no value to set and no entry to delete or comment
out.  The new text must read back as the same kind of token (a dotted key of two or more segments, or
an environment-variable name), so a re-parse finds the renamed token where the old one was.
:func:`rename_token` is shared with the Dockerfile and shell fixers for their ``form="text"``
occurrences (references and mentions).
"""

from __future__ import annotations

from typing import Any

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix
from keyshift.core.keypath import join_path
from keyshift.core.model import Edit, Occurrence, ParsedFile
from keyshift.formats.text.parse import IDENTIFIER, is_dotted_token, is_env_name


def require_occurrence(parsed: ParsedFile[Any], request: FixRequest) -> Occurrence:
    """The request's occurrence, checked against the text it was parsed from."""
    occurrence = request.occurrence
    if occurrence is None:
        raise CannotFix("this fix needs an existing entry")
    start, end = occurrence.key_span.start.offset, occurrence.key_span.end.offset
    if parsed.text[start:end] != occurrence.found:
        raise CannotFix(f"{occurrence.found} is no longer where it was found")
    return occurrence


def new_token(occurrence: Occurrence, new_path: tuple[str, ...] | None) -> str:
    """The text that replaces a token when it is renamed to ``new_path``.

    A dotted token becomes the new key joined with dots; a name (environment variable or shell
    variable) becomes the one segment of ``new_path``.
    """
    if not new_path:
        raise CannotFix("no new key to rename to")
    old = occurrence.found
    if "." in old or "[" in old:
        new = join_path(new_path)
        if len(new_path) < 2 or not is_dotted_token(new):
            raise CannotFix(f"{new} cannot be written as a plain-text token; rename {old} by hand")
        return new
    if len(new_path) != 1:
        raise CannotFix(f"{old} is a variable name and {join_path(new_path)} is not; rename it by hand")
    new = new_path[0]
    if is_env_name(old) and not is_env_name(new):
        raise CannotFix(f"{new} is not an environment-variable name; rename {old} by hand")
    if IDENTIFIER.fullmatch(new) is None:
        raise CannotFix(f"{new} is not a valid variable name; rename {old} by hand")
    return new


def rename_token(parsed: ParsedFile[Any], request: FixRequest) -> PlannedFix:
    """Replace the token of a ``form="text"`` occurrence with its new name."""
    occurrence = require_occurrence(parsed, request)
    if request.has_value and request.value != occurrence.value:
        raise CannotFix(f"the value of {occurrence.found} is not written next to it here; change it by hand")
    start, end = occurrence.key_span.start.offset, occurrence.key_span.end.offset
    return PlannedFix((Edit(start, end, new_token(occurrence, request.new_path)),))


def plan_fix(parsed: ParsedFile[Any], request: FixRequest) -> PlannedFix:
    if request.op != "rename":
        raise CannotFix(f"a mention in plain text can only be renamed, not {_op_text(request)}; edit it by hand")
    return rename_token(parsed, request)


def _op_text(request: FixRequest) -> str:
    return {"set-value": "given a value", "add": "added", "delete": "deleted", "comment-out": "commented out"}.get(
        request.op, request.op
    )
