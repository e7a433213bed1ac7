"""Fixer for Python source: renames the string literals that spell a key, nothing else.

Only ``rename`` applies.  The edit replaces the content between a literal's quotes, so its prefix
(``r``, ``b``, ``f``, ...) and quote style stay as written, and every other byte of the file is left
alone.  Keys are written only when they consist of the key alphabet (``A-Z a-z 0-9 _ - . [ ]``), so
no escaping is ever needed in any kind of literal, and only when the adapter would read the new text
back as the new path:

* a dotted-key literal gets the new key joined with dots (indexes glued: ``a[0].b``);
* an environment-variable literal gets the new name (a one-segment path that looks like one);
* a chain (``cfg["a"]["b"]``) is renamed segment by segment when the new key has the same number of
  segments; only the literals whose segments change are edited, and integer indexes never are.

Changing a value, adding, deleting or commenting out code is left to the user (:class:`CannotFix`).
"""

from __future__ import annotations

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix
from keyshift.core.keypath import join_path
from keyshift.core.model import Edit, Occurrence, ParsedFile
from keyshift.formats.python.keys import (
    PLAIN_SEGMENT,
    PyKeyRef,
    PyLiteral,
    PythonTree,
    link_segments,
    split_dotted,
)
from keyshift.formats.text.parse import is_env_name

_VERBS = {
    "set-value": "change its value",
    "add": "add the key",
    "delete": "delete it",
    "comment-out": "remove it",
}


def plan_fix(parsed: ParsedFile[PythonTree], request: FixRequest) -> PlannedFix:
    """The edits that rename one key literal (or chain) of a parsed Python file."""
    if request.op != "rename":
        what = _VERBS.get(request.op, request.op)
        raise CannotFix(f"keyshift does not edit Python source beyond renaming key strings; {what} by hand")
    occurrence = request.occurrence
    new_path = request.new_path
    if occurrence is None or new_path is None:
        raise CannotFix("nothing to rename")
    if request.has_value and request.value is not None:
        raise CannotFix("keyshift cannot change the value a Python program uses; rename the key and update it by hand")
    ref = _ref_of(parsed, occurrence)
    if ref.kind == "chain":
        edits = _rename_chain(ref, occurrence.path, new_path)
    else:
        (literal,) = ref.literals
        text = _single_text(ref, new_path)
        edits = [] if text == literal.value else [_replace(literal, text)]
    return PlannedFix(tuple(edits))


def _ref_of(parsed: ParsedFile[PythonTree], occurrence: Occurrence) -> PyKeyRef:
    tree = parsed.tree
    if not parsed.documents:
        raise CannotFix("not a parsed Python file")
    for candidate, ref in zip(parsed.documents[0].occurrences, tree.refs, strict=True):
        if candidate == occurrence:
            return ref
    raise CannotFix("the key is no longer where it was found; run keyshift again")


def _replace(literal: PyLiteral, text: str) -> Edit:
    return Edit(literal.content_start, literal.content_end, text)


def _dotted(path: tuple[str, ...]) -> str | None:
    """The dotted spelling of ``path`` when the adapter reads it back as exactly ``path``."""
    text = join_path(path)
    return text if split_dotted(text) == path else None


def _single_text(ref: PyKeyRef, new_path: tuple[str, ...]) -> str:
    """The new content of a literal that spells a whole key (dotted) or an env name."""
    if ref.kind == "env":
        if len(new_path) != 1 or not is_env_name(new_path[0]):
            raise CannotFix(f"the new key {join_path(new_path)} is not an environment variable name; rename it by hand")
        return new_path[0]
    text = _dotted(new_path)
    if text is None:
        raise CannotFix(
            f"the new key {join_path(new_path)} cannot be written as a dotted key string; rename it by hand"
        )
    return text


def _rename_chain(ref: PyKeyRef, old_path: tuple[str, ...], new_path: tuple[str, ...]) -> list[Edit]:
    if len(new_path) != len(old_path):
        raise CannotFix("the new key has a different number of segments; rename the chain by hand")
    edits: list[Edit] = []
    at = 0
    for literal in ref.literals:
        count = len(literal.segments)
        old, new = literal.segments, new_path[at : at + count]
        at += count
        if new == old:
            continue
        if not literal.is_string:
            raise CannotFix(f"the chain's index {old[0]} would change; rename it by hand")
        text = new[0] if count == 1 and PLAIN_SEGMENT.fullmatch(new[0]) else _dotted(new)
        if text is None or link_segments(text) != new:
            raise CannotFix(
                f"the new segment {join_path(new)} cannot be written as one lookup of the chain; rename it by hand"
            )
        edits.append(_replace(literal, text))
    return edits


__all__ = ["plan_fix"]
