"""A document's key occurrences seen from the matrix's key space, both ways a prefix can relate them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from keyshift.core.model import Document, Occurrence
from keyshift.match.context import MatchContext
from keyshift.matrix import KeyRule

Entry = tuple[tuple[str, ...], Occurrence]
"""An occurrence and its path in the matrix's key space."""


class View:
    """Occurrences of one document keyed by their path in the matrix's key space."""

    def __init__(self, prefix: tuple[str, ...], *, rooted: bool) -> None:
        self.prefix = prefix
        self.rooted = rooted
        self.present = rooted or not prefix
        self.entries: list[Entry] = []
        self.npaths: list[tuple[str, ...]] = []
        """The normalised path of each entry, in the same order."""
        self.by_path: dict[tuple[str, ...], list[Entry]] = {}

    def add(
        self, path: tuple[str, ...], occurrence: Occurrence, npath: Callable[[Iterable[str]], tuple[str, ...]]
    ) -> None:
        entry = (path, occurrence)
        normalized = npath(path)
        self.entries.append(entry)
        self.npaths.append(normalized)
        self.by_path.setdefault(normalized, []).append(entry)

    def to_file(self, path: Sequence[str]) -> tuple[str, ...] | None:
        """A matrix-space path as a path in the file (None when the file cannot hold it)."""
        if not self.rooted:
            return (*self.prefix, *path)
        if tuple(path[: len(self.prefix)]) != self.prefix:
            return None
        return tuple(path[len(self.prefix) :])


@dataclass(frozen=True, slots=True)
class DocumentViews:
    """``nested``: the file holds the product's keys under the prefix (``[tool.ruff] select`` is
    ``select``); keys outside the prefix are left out.  ``rooted``: the file is written relative to
    the prefix (``[hybrid] enable`` in a ``dten``-prefixed file is ``dten.hybrid.enable``).  Without
    a prefix both are the file's own paths.
    """

    nested: View
    rooted: View

    def for_rule(self, ctx: MatchContext, rule: KeyRule) -> View:
        """The view a rule's key is looked up in: rooted when the key itself starts with the prefix."""
        prefix = ctx.prefix
        if prefix and ctx.npath(rule.pattern.segments[: len(prefix)]) == ctx.npath(prefix):
            return self.rooted
        return self.nested


def document_views(ctx: MatchContext, document: Document) -> DocumentViews:
    """The document's key occurrences in the matrix's key space."""
    prefix = ctx.prefix
    if not prefix:
        # without a prefix every rule looks in the nested view, and both would hold the same paths
        view = View(prefix, rooted=False)
        for occurrence in document.occurrences:
            if occurrence.form == "key" and occurrence.path:
                view.add(occurrence.path, occurrence, ctx.npath)
        return DocumentViews(view, view)
    nprefix = ctx.npath(prefix)
    nested = View(prefix, rooted=False)
    rooted = View(prefix, rooted=True)
    for occurrence in document.occurrences:
        if occurrence.form != "key":
            continue
        rooted.add((*prefix, *occurrence.path), occurrence, ctx.npath)
        if ctx.npath(occurrence.path[: len(prefix)]) != nprefix:
            continue
        nested.present = True
        rel = occurrence.path[len(prefix) :]
        if rel:
            nested.add(rel, occurrence, ctx.npath)
    return DocumentViews(nested, rooted)
