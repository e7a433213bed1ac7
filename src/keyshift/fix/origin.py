"""Where text of a later pass was in the file as the user has it.

Each pass of the fixer replaces ranges of the text.  An :class:`OriginMap` keeps those edits, pass
by pass, and maps an offset of the latest text back to the original: text no edit touched maps
back exactly, and text an edit wrote maps to the place of the finding whose fix wrote it.  Findings
of every pass are reported through it, so ``fixed`` and ``not fixed`` lines are at their place in
the file as it was.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from keyshift.core.model import Edit, Finding
from keyshift.core.positions import LineIndex

Offsets = tuple[int, int]
"""A range of the original text: start and end offsets."""


@dataclass(frozen=True, slots=True)
class _Step:
    """One pass's edits, in the coordinates of the text the pass produced."""

    starts: tuple[int, ...]
    """Where each replacement begins in the new text, in order."""
    ends: tuple[int, ...]
    shifts: tuple[int, ...]
    """What to add to an offset past each replacement to get the offset in the text before the pass."""
    origins: tuple[Offsets, ...]
    """The original place of the finding whose fix made each edit."""

    def back(self, offset: int) -> int | Offsets:
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            return offset
        if offset < self.ends[index]:
            return self.origins[index]
        return offset + self.shifts[index]


@dataclass(frozen=True, slots=True)
class OriginMap:
    """Maps offsets of the text after some passes back to the original text."""

    original: LineIndex
    steps: tuple[_Step, ...] = ()

    def then(self, edits: Sequence[tuple[Edit, Offsets]]) -> OriginMap:
        """The map after one more pass, given its edits (in the text before it) and their origins."""
        starts: list[int] = []
        ends: list[int] = []
        shifts: list[int] = []
        origins: list[Offsets] = []
        delta = 0
        # the order apply_edits applies them in: by start, end, then as given
        for _, (edit, origin) in sorted(enumerate(edits), key=lambda item: (item[1][0].start, item[1][0].end, item[0])):
            start = edit.start + delta
            delta += len(edit.replacement) - (edit.end - edit.start)
            starts.append(start)
            ends.append(start + len(edit.replacement))
            shifts.append(-delta)
            origins.append(origin)
        step = _Step(tuple(starts), tuple(ends), tuple(shifts), tuple(origins))
        return OriginMap(self.original, (*self.steps, step))

    def offsets(self, start: int, end: int) -> Offsets:
        """The original range of ``[start, end)`` of the latest text."""
        first, last = self._back(start), self._back(end)
        if isinstance(first, tuple):
            return first
        if isinstance(last, tuple):
            return first, max(first, last[0])
        return first, max(first, last)

    def _back(self, offset: int) -> int | Offsets:
        for step in reversed(self.steps):
            mapped = step.back(offset)
            if isinstance(mapped, tuple):
                return mapped
            offset = mapped
        return offset

    def locate(self, finding: Finding, index: LineIndex) -> Offsets:
        """The original range of a finding reported in the text ``index`` indexes."""
        return self.offsets(
            _offset(index, finding.line, finding.column), _offset(index, finding.end_line, finding.end_column)
        )

    def place(self, finding: Finding, where: Offsets) -> Finding:
        """``finding`` moved to an original range."""
        start, end = self.original.position(where[0]), self.original.position(where[1])
        moved = replace(finding, line=start.line, column=start.column, end_line=end.line, end_column=end.column)
        if finding.source_line is None:
            return moved
        return replace(moved, source_line=self.original.line_text(moved.line))

    def finding(self, finding: Finding, index: LineIndex) -> Finding:
        """``finding``, reported in the text ``index`` indexes, at its place in the original."""
        if not self.steps:
            return finding
        return self.place(finding, self.locate(finding, index))


def _offset(index: LineIndex, line: int, column: int) -> int:
    """The offset of a reported line and column, kept inside the text."""
    line = min(max(line, 1), index.line_count)
    return min(index.offset(line, max(column, 1)), len(index.text))
