"""Choosing the fixes of one pass: the planned fixes that can be applied to the text together.

The others wait for the next pass, which plans them again on the text this pass leaves.  Fixes go
together unless one must see the text the other leaves, so that a file needs few passes however
many fixes it gets: a script assigning a renamed variable a hundred times, or a hundred keys
commented out of one mapping, is one pass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from keyshift.core.edits import DocumentPath, PlannedFix, overlaps
from keyshift.core.model import Edit, ParsedFile
from keyshift.fix.policy import FixOption
from keyshift.formats import format_info
from keyshift.match import Match


@dataclass(frozen=True, slots=True)
class Proposal:
    """A fix planned this pass: the format whose fixer planned it, the match, the option and its edits."""

    format_name: str
    match: Match
    option: FixOption
    plan: PlannedFix


def select_fixes(proposals: Sequence[Proposal], parsed: Mapping[str, ParsedFile[Any]]) -> list[Proposal]:
    """The fixes applied together this pass, in their order; the others wait for the next pass.

    ``parsed`` holds the parse each proposal was planned on.  Deferred: a fix whose edits touch
    another's (two insertions at one place do not: they go in in order); that creates a parent
    another creates; that writes a key another writes (the next pass sees it there: same value or
    conflict); that takes an entry out of a mapping another fix puts one into; or that takes the
    last entries out of a mapping others take entries out of (the fixer must see the mapping as it
    will be: emptied, or not).  In a script (a format that reassigns variables) there are no
    mappings: its fixes wait only for edits they touch.
    """
    ledger = _Ledger(proposals, parsed)
    for item in proposals:
        if not ledger.clashes(item):
            ledger.accept(item)
    return ledger.accepted


def _parent(path: DocumentPath) -> DocumentPath:
    return (path[0], path[1][:-1])


def _keyed(item: Proposal) -> bool:
    """Whether the fix's format holds each key once in a mapping (not a script's many assignments)."""
    return not format_info(item.format_name).traits.reassigns


def _touch(mine: Edit, theirs: Edit) -> bool:
    """Edits that touch the same text; two insertions at one offset do not (they are applied in order)."""
    both_insert = mine.start == mine.end == theirs.start == theirs.end
    return not both_insert and overlaps(mine, theirs)


class _Ledger:
    """What the fixes accepted so far touch: their edits, and the mappings they empty or fill."""

    def __init__(self, proposals: Sequence[Proposal], parsed: Mapping[str, ParsedFile[Any]]) -> None:
        written_keys = (p.option.request.written_key() for p in proposals if _keyed(p))
        # a mapping that gains a key this pass must not be emptied (and removed) first
        self.gaining = {_parent(key) for key in written_keys if key is not None}
        self.parsed = parsed
        self.accepted: list[Proposal] = []
        self.edits = _EditIndex()
        self.creates: set[tuple[str, ...]] = set()
        self.removed_from: Counter[DocumentPath] = Counter()
        self.inserted_into: set[DocumentPath] = set()
        self.written: set[DocumentPath] = set()
        self._entries: dict[str, Counter[DocumentPath]] = {}

    def clashes(self, item: Proposal) -> bool:
        if self._touches_accepted(item.plan):
            return True
        if not _keyed(item):
            return False
        request = item.option.request
        source = request.vacated_mapping()
        target = request.written_key()
        if source is not None and (
            source in self.inserted_into
            or (source in self.gaining and target is None)
            or (self.removed_from[source] > 0 and not self._keeps_an_entry(item.format_name, source))
        ):
            return True
        return target is not None and (target in self.written or _parent(target) in self.removed_from)

    def _touches_accepted(self, plan: PlannedFix) -> bool:
        """Whether the plan edits text an accepted fix edits, or creates a parent one creates."""
        return any(self.edits.touches(mine) for mine in plan.edits) or not self.creates.isdisjoint(plan.creates)

    def _keeps_an_entry(self, format_name: str, mapping: DocumentPath) -> bool:
        """Whether ``mapping`` keeps an entry once one more is taken out of it this pass."""
        return self.removed_from[mapping] + 1 < self._entries_of(format_name)[mapping]

    def _entries_of(self, format_name: str) -> Counter[DocumentPath]:
        """How many entries each mapping of the parse the fixes of ``format_name`` were planned on holds:
        each key written (a key assigned twice is two), and each dotted key's first segment once."""
        entries = self._entries.get(format_name)
        if entries is None:
            entries = Counter()
            dotted: set[tuple[DocumentPath, str]] = set()
            for document in self.parsed[format_name].documents:
                for occurrence in document.occurrences:
                    if occurrence.form != "key" or not occurrence.path:
                        continue
                    mapping = (document.index, occurrence.path[:-1])
                    if not occurrence.implicit:
                        entries[mapping] += 1
                    elif (mapping, occurrence.path[-1]) not in dotted:
                        dotted.add((mapping, occurrence.path[-1]))
                        entries[mapping] += 1
            self._entries[format_name] = entries
        return entries

    def accept(self, item: Proposal) -> None:
        self.accepted.append(item)
        self.edits.add_all(item.plan.edits)
        self.creates.update(item.plan.creates)
        if not _keyed(item):
            return
        source = item.option.request.vacated_mapping()
        target = item.option.request.written_key()
        if source is not None:
            self.removed_from[source] += 1
        if target is not None:
            self.written.add(target)
            self.inserted_into.add(_parent(target))


_BLOCK = 256
"""Characters per block of :class:`_EditIndex`."""


class _EditIndex:
    """The accepted edits by the blocks of text they touch, so that a pass of many fixes checks each
    edit against its neighbours only, not against every accepted one.

    Two edits that touch share an offset (both ends included), and so a block."""

    def __init__(self) -> None:
        self.blocks: dict[int, list[Edit]] = {}

    def add_all(self, edits: Sequence[Edit]) -> None:
        for edit in edits:
            for block in range(edit.start // _BLOCK, edit.end // _BLOCK + 1):
                self.blocks.setdefault(block, []).append(edit)

    def touches(self, edit: Edit) -> bool:
        return any(
            _touch(edit, other)
            for block in range(edit.start // _BLOCK, edit.end // _BLOCK + 1)
            for other in self.blocks.get(block, ())
        )
