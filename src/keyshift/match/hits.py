"""The rules a document's key occurrences can match, found through the matrix index.

For each rule with an occurrence in the view its key is looked up in (:meth:`DocumentViews.for_rule`):
the entries its key matches (for its key findings) and the scalar entries whose key it matches, a list
element counting as its list's key (for its value rules), both in the view's order.  Rules without
any are never visited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from keyshift.match.context import MatchContext
from keyshift.match.views import DocumentViews, Entry, View


@dataclass(frozen=True, slots=True)
class RuleHits:
    """One rule's entries in one document, in the view its key is looked up in."""

    view: View
    keys: list[Entry] = field(default_factory=list)
    """Entries whose path the rule's key matches."""
    values: list[Entry] = field(default_factory=list)
    """Scalar entries whose key the rule's key matches (only for rules with value rules)."""


def rule_hits(ctx: MatchContext, views: DocumentViews) -> dict[int, RuleHits]:
    """The rules (by position in the matrix) with entries in this document."""
    hits: dict[int, RuleHits] = {}
    if not ctx.prefix:
        _collect(ctx, views.nested, hits, None)
        return hits
    rooted = ctx.index.prefixed(ctx.npath(ctx.prefix))
    _collect(ctx, views.nested, hits, lambda position: position not in rooted)
    _collect(ctx, views.rooted, hits, rooted.__contains__)
    return hits


def _collect(ctx: MatchContext, view: View, hits: dict[int, RuleHits], accept: Callable[[int], bool] | None) -> None:
    """Add the view's entries to the rules they match (those ``accept`` takes, when given)."""
    index = ctx.index
    known: dict[tuple[str, ...], tuple[int, ...]] = {}

    def positions(npath: tuple[str, ...]) -> tuple[int, ...]:
        found = known.get(npath)
        if found is None:
            found = index.positions(npath)
            if accept is not None:
                found = tuple(p for p in found if accept(p))
            known[npath] = found
        return found

    for entry, npath in zip(view.entries, view.npaths, strict=True):
        for position in positions(npath):
            _hit(hits, position, view).keys.append(entry)
        occurrence = entry[1]
        if occurrence.implicit or occurrence.value_kind != "scalar":
            continue
        for position in positions(npath[:-1] if occurrence.is_element else npath):
            if index.rules[position].values:
                _hit(hits, position, view).values.append(entry)


def _hit(hits: dict[int, RuleHits], position: int, view: View) -> RuleHits:
    hit = hits.get(position)
    if hit is None:
        hit = hits[position] = RuleHits(view)
    return hit
