"""Key patterns indexed by their segments: a trie whose edges are literal segments, ``*`` and ``**``.

A lookup walks a path through the trie once, so its cost depends on the path and on the patterns
that share its segments, not on how many patterns there are.  It gives exactly the patterns
:meth:`~keyshift.core.keypath.KeyPattern.match` would match: ``*`` takes one segment, ``**`` one or more.
Paths and patterns are compared as given: normalise both the same way first (relaxed binding).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class _Node:
    """The patterns that end here, and the edges on: by literal segment, ``*`` and ``**``."""

    __slots__ = ("children", "globstar", "loops", "plain", "positions", "star")

    def __init__(self, *, loops: bool = False) -> None:
        self.children: dict[str, _Node] = {}
        self.star: _Node | None = None
        self.globstar: _Node | None = None
        self.loops = loops
        """Entered through ``**``, which may take further segments."""
        self.positions: list[int] = []
        self.plain = not loops
        """No wildcard edge leaves here: a segment leads at most to one child."""

    def step(self, segment: str) -> Iterable[_Node]:
        """The nodes one segment leads to from here."""
        child = self.children.get(segment)
        if child is not None:
            yield child
        if self.star is not None:
            yield self.star
        if self.globstar is not None:
            yield self.globstar
        if self.loops:
            yield self


class KeyTrie:
    """Patterns (as segment tuples) by their position in the sequence they were built from."""

    __slots__ = ("_root",)

    def __init__(self, patterns: Iterable[Sequence[str]] = ()) -> None:
        self._root = _Node()
        for position, segments in enumerate(patterns):
            self.add(segments, position)

    def add(self, segments: Sequence[str], position: int) -> None:
        node = self._root
        for segment in segments:
            if segment == "*":
                node.star = node.star or _Node()
                node.plain = False
                node = node.star
            elif segment == "**":
                node.globstar = node.globstar or _Node(loops=True)
                node.plain = False
                node = node.globstar
            else:
                node = node.children.setdefault(segment, _Node())
        node.positions.append(position)

    def lookup(self, path: Sequence[str]) -> tuple[int, ...]:
        """The positions of every pattern that matches ``path``, in ascending order."""
        nodes = [self._root]
        for segment in path:
            if len(nodes) == 1 and nodes[0].plain:
                child = nodes[0].children.get(segment)
                if child is None:
                    return ()
                nodes = [child]
                continue
            reached = [after for node in nodes for after in node.step(segment)]
            if len(reached) > 1:
                reached = list(dict.fromkeys(reached))  # the same node by two routes counts once
            elif not reached:
                return ()
            nodes = reached
        if len(nodes) == 1:
            return tuple(nodes[0].positions)
        return tuple(sorted(p for node in nodes for p in node.positions))
