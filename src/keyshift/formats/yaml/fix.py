"""YAML fixer: plans the minimal text edits that rename, move, add, set, delete or comment out a key.

It owns the mapping from a :class:`~keyshift.core.edits.FixRequest` to edits of the YAML text, computed
from the composed nodes of :func:`~keyshift.formats.yaml.parse.parse_round_trip` and never from a re-dump, so
every byte outside the edited entries stays as it was.  Anything it cannot do with certainty
(flow collections it cannot edit cleanly, anchors, aliases and merge keys whose meaning would
change, parents that are not mappings) raises :class:`~keyshift.core.edits.CannotFix`.

The work is split by responsibility: :mod:`~keyshift.formats.yaml.edit_index` (the document's
entries and their text ranges), :mod:`~keyshift.formats.yaml.style` (writing scalars, keys and
blocks), :mod:`~keyshift.formats.yaml.anchors` (anchor, alias and merge checks),
:mod:`~keyshift.formats.yaml.placement` (where a new path goes), :mod:`~keyshift.formats.yaml.rewrite`,
:mod:`~keyshift.formats.yaml.removal` and :mod:`~keyshift.formats.yaml.insertion` (the edits), and
:mod:`~keyshift.formats.yaml.operations` (one function per fix operation).  This module is the entry
point: it plans against the newline-terminated working text and maps the edits back.
"""

from __future__ import annotations

from collections.abc import Iterable

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix, newline_of
from keyshift.core.model import Edit, ParsedFile
from keyshift.formats.yaml.edit_index import EditIndex, document_index
from keyshift.formats.yaml.operations import plan_operation
from keyshift.formats.yaml.style import format_scalar
from keyshift.formats.yaml.walk import YamlTree


def plan_fix(parsed: ParsedFile[YamlTree], request: FixRequest) -> PlannedFix:
    """Plan the edits of one fix in a YAML file (pure: computed from ``parsed`` alone)."""
    if not parsed.documents and request.op == "add" and request.document == 0:
        return _add_to_empty_file(parsed, request)
    doc = document_index(parsed, request.document)
    planned = plan_operation(doc, request)
    return PlannedFix(_finalize(doc, planned.edits), planned.creates)


def _finalize(doc: EditIndex, edits: Iterable[Edit]) -> tuple[Edit, ...]:
    """Map edits of the newline-terminated working text back onto a file without a final newline."""
    ordered = [edit for _, edit in sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]))]
    original, text = doc.original, doc.text
    if original is text or len(original) == len(text):
        return tuple(ordered)
    size, full = len(original), len(text)
    tail: list[Edit] = []
    while ordered and ordered[-1].end == (tail[0].start if tail else full):
        tail.insert(0, ordered.pop())
    if not tail:
        return tuple(ordered)
    start = tail[0].start
    replacement = "".join(edit.replacement for edit in tail)
    if replacement:
        for ending in ("\r\n", "\n"):
            if replacement.endswith(ending):
                replacement = replacement[: -len(ending)]
                break
        if start >= full:
            ordered.append(Edit(size, size, doc.nl + replacement))
        else:
            ordered.append(Edit(start, size, replacement))
    elif start == 0:
        ordered.append(Edit(0, size, ""))
    else:
        back = 2 if text[start - 2 : start] == "\r\n" else 1
        ordered.append(Edit(start - back, size, ""))
    return tuple(ordered)


def _add_to_empty_file(parsed: ParsedFile[YamlTree], request: FixRequest) -> PlannedFix:
    """A key for a file with no document yet (empty, or only comments): nested blocks at its end."""
    path = request.new_path
    if not path or any(segment.startswith("[") for segment in path):
        raise CannotFix("the file is empty and the key cannot be written as plain nested mappings")
    text = parsed.text
    nl = newline_of(text) if "\n" in text else "\n"
    lines = [f"{'  ' * depth}{format_scalar(segment)}:" for depth, segment in enumerate(path)]
    lines[-1] += f" {format_scalar(request.value)}"
    block = nl.join(lines)
    if text and not text.endswith("\n"):
        block = nl + block  # the file had no final newline, and keeps none
    else:
        block += nl
    creates = frozenset(tuple(path[:end]) for end in range(1, len(path)))
    return PlannedFix((Edit(len(text), len(text), block),), creates)
