"""Choosing the fixes of one pass: the planned fixes that can be applied to the text together.

The others wait for the next pass, which plans them again on the text this pass leaves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from keyshift.core.edits import DocumentPath, PlannedFix, overlaps
from keyshift.fix.policy import FixOption
from keyshift.match import Match


@dataclass(frozen=True, slots=True)
class Proposal:
    """A fix planned this pass: the format whose fixer planned it, the match, the option and its edits."""

    format_name: str
    match: Match
    option: FixOption
    plan: PlannedFix


def select_fixes(proposals: Sequence[Proposal]) -> list[Proposal]:
    """The fixes applied together this pass, in their order; the others wait for the next pass.

    Deferred: a fix whose edits touch another's; that creates a parent another creates; that writes
    a key another writes (the next pass sees it there: same value or conflict); or that takes an entry
    out of a mapping another fix also takes one out of or puts one into (the fixer must see the
    mapping as it will be: emptied, or not).
    """
    ledger = _Ledger(proposals)
    for item in proposals:
        if not ledger.clashes(item):
            ledger.accept(item)
    return ledger.accepted


def _parent(path: DocumentPath) -> DocumentPath:
    return (path[0], path[1][:-1])


class _Ledger:
    """What the fixes accepted so far touch: their edits, and the mappings they empty or fill."""

    def __init__(self, proposals: Sequence[Proposal]) -> None:
        written_keys = (p.option.request.written_key() for p in proposals)
        # a mapping that gains a key this pass must not be emptied (and removed) first
        self.gaining = {_parent(key) for key in written_keys if key is not None}
        self.accepted: list[Proposal] = []
        self.removed_from: set[DocumentPath] = set()
        self.inserted_into: set[DocumentPath] = set()
        self.written: set[DocumentPath] = set()

    def clashes(self, item: Proposal) -> bool:
        request = item.option.request
        source = request.vacated_mapping()
        target = request.written_key()
        if self._touches_accepted(item.plan):
            return True
        if source is not None and (
            source in self.removed_from or source in self.inserted_into or (source in self.gaining and target is None)
        ):
            return True
        return target is not None and (target in self.written or _parent(target) in self.removed_from)

    def _touches_accepted(self, plan: PlannedFix) -> bool:
        """Whether the plan edits text an accepted fix edits, or creates a parent one creates."""
        return any(
            overlaps(mine, theirs) for other in self.accepted for mine in plan.edits for theirs in other.plan.edits
        ) or any(plan.creates & other.plan.creates for other in self.accepted)

    def accept(self, item: Proposal) -> None:
        self.accepted.append(item)
        source = item.option.request.vacated_mapping()
        target = item.option.request.written_key()
        if source is not None:
            self.removed_from.add(source)
        if target is not None:
            self.written.add(target)
            self.inserted_into.add(_parent(target))
