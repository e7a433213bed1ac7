"""The contract between the fix engine and the per-format fixers, and pure text-edit helpers.

The engine turns each fixable finding into a :class:`FixRequest`; the fixer of the file's format
(``keyshift.formats.<name>.fix.plan_fix``) answers with a :class:`PlannedFix` (text edits computed
from the parsed positions) or raises :class:`CannotFix` with a reason a user can act on.  The engine
applies the edits of non-conflicting fixes together, re-parses and verifies the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from keyshift.core.model import Edit, Occurrence, Scalar

FixOp = Literal["rename", "set-value", "add", "delete", "comment-out"]
DocumentPath = tuple[int, tuple[str, ...]]
"""A path in one document of a file: (document index, path)."""


@dataclass(frozen=True, slots=True)
class FixRequest:
    """One change to make in one document of a parsed file.

    - ``rename``: move the entry of ``occurrence`` (its key with its whole value, its own comment
      lines and trailing comment) to ``new_path`` (a full path from the document root). Same
      parent: rename the key in place. With ``has_value``, the (scalar) value becomes ``value``.
    - ``set-value``: replace the scalar value of ``occurrence`` (an entry or a sequence element) with
      ``value``, keeping its quote style where it stays a string.
    - ``add``: add ``new_path`` with ``value`` (``occurrence`` is None), creating missing parents.
    - ``delete``: remove the entry of ``occurrence``; with ``remove_empty_parents``, also parents it
      leaves empty.
    - ``comment-out``: turn the entry into comments, preceded by a comment line holding ``note``.
    """

    op: FixOp
    document: int
    occurrence: Occurrence | None = None
    new_path: tuple[str, ...] | None = None
    value: Scalar = None
    has_value: bool = False
    note: str | None = None
    remove_empty_parents: bool = False

    def written_key(self) -> DocumentPath | None:
        """The key this request writes (a rename's new key, an added key)."""
        if self.op not in ("rename", "add") or self.new_path is None:
            return None
        if self.occurrence is not None and self.occurrence.form != "key":
            return None
        return (self.document, tuple(self.new_path))

    def vacated_mapping(self) -> DocumentPath | None:
        """The mapping an entry leaves, for requests that take it out (delete, comment out, move elsewhere)."""
        occurrence = self.occurrence
        if occurrence is None or occurrence.form != "key":
            return None
        parent = occurrence.path[:-1]
        if self.op in ("delete", "comment-out") or (
            self.op == "rename" and self.new_path is not None and tuple(self.new_path[:-1]) != parent
        ):
            return (self.document, parent)
        return None


@dataclass(frozen=True, slots=True)
class PlannedFix:
    """The edits of one fix.

    ``creates`` names the paths of mappings/tables the fix creates (new parents): two fixes that
    create the same path are not applied in the same pass, so the second sees the first's parent.
    """

    edits: tuple[Edit, ...]
    creates: frozenset[tuple[str, ...]] = frozenset()


class CannotFix(Exception):
    """A fixer cannot make this change safely; the message says why."""


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (several inserts at one offset keep their given order)."""
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]))
    out: list[str] = []
    cursor = 0
    for _, edit in ordered:
        if edit.start < cursor:
            raise ValueError(f"overlapping edits at offset {edit.start}")
        out.append(text[cursor : edit.start])
        out.append(edit.replacement)
        cursor = edit.end
    out.append(text[cursor:])
    return "".join(out)


def overlaps(a: Edit, b: Edit) -> bool:
    """True when two edits touch the same text (two inserts at one offset count as touching)."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    return (
        (a.start < b.end and b.start < a.end)
        or (a.start == a.end and b.start < a.start < b.end)
        or (b.start == b.end and a.start < b.start < a.end)
    )


def newline_of(text: str) -> str:
    """The file's line ending: ``\\r\\n`` if its first line ends so, else ``\\n``."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def line_end(text: str, offset: int) -> int:
    """Offset just past the line ending of the line holding ``offset`` (or the end of the text)."""
    end = text.find("\n", offset)
    return len(text) if end == -1 else end + 1


def indent_at(text: str, offset: int) -> str:
    """The leading whitespace of the line holding ``offset``."""
    start = line_start(text, offset)
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]


def describe_path(path: Sequence[str]) -> str:
    from keyshift.core.keypath import join_path

    return join_path(path)
