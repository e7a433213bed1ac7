"""Where a new key path goes: whether it exists already, the deepest existing mapping on its way,
and how the missing part is written there (one dotted key or nested mappings)."""

from __future__ import annotations

import itertools
from bisect import bisect_left
from dataclasses import dataclass

from keyshift.core.edits import CannotFix, describe_path
from keyshift.formats.yaml.edit_index import EditIndex, Entry
from keyshift.formats.yaml.style import INDEX_SEGMENT
from keyshift.formats.yaml.walk import MERGE_TAG, Node, key_segments


@dataclass(frozen=True, slots=True)
class Place:
    """Where a new path goes: the deepest existing mapping on its way, and how that was reached."""

    container: Node
    container_path: tuple[str, ...]
    depth: int
    """How many leading segments of the path exist already."""
    implicit: bool
    """True when ``path[:depth]`` exists only as the prefix of dotted keys in ``container``."""
    chain: frozenset[int]
    """ids of ``container`` and of every collection node that encloses it."""
    after: Entry | None = None
    """For an implicit place: the last entry of ``container`` under that prefix."""


def path_exists(doc: EditIndex, path: tuple[str, ...], moving: Entry | None) -> bool:
    """Whether ``path`` (or anything below it) is in the document, not counting ``moving``."""
    skip: tuple[int, int] | None = None
    if moving is not None:
        skip = (doc.entry_start(moving), doc.value_range(moving)[1])
    if not path:
        return bool(doc.document.occurrences) if skip is None else _any_outside(doc.sorted_paths, 0, skip)
    paths = doc.sorted_paths
    # the paths that start with ``path`` sort from ``path`` itself to just before its last segment's successor
    first = bisect_left(paths, (path,))
    beyond = (*path[:-1], path[-1] + "\0")
    if skip is None:
        return first < len(paths) and paths[first][0] < beyond
    return _any_outside(paths, first, skip, beyond)


def _any_outside(
    paths: list[tuple[tuple[str, ...], int]], first: int, skip: tuple[int, int], beyond: tuple[str, ...] | None = None
) -> bool:
    """Whether an occurrence of ``paths[first:]`` (up to the path ``beyond``) has its key outside ``skip``."""
    for found, start in itertools.islice(paths, first, None):
        if beyond is not None and found >= beyond:
            return False
        if not skip[0] <= start <= skip[1]:
            return True
    return False


def find_place(doc: EditIndex, path: tuple[str, ...], moving: Entry | None) -> Place:
    """The deepest existing mapping for ``path[:-1]`` (explicit wins a tie), ignoring ``moving``."""
    root = doc.root
    if root.id != "mapping":
        raise CannotFix("the document root is not a mapping")
    search = _PlaceSearch(doc, path[:-1], moving)
    search.visit(root, (), frozenset({id(root)}))
    return search.best


def dotted_style(mapping: Node) -> bool:
    """Whether the file writes dotted keys (``a.b: 1``) in this mapping more than nested blocks."""
    dotted = nested = 0
    for key, value in mapping.value:
        if key.id != "scalar" or str(key.tag) == MERGE_TAG:
            continue
        if len(key_segments(key)) > 1:
            dotted += 1
        elif value.id == "mapping":
            nested += 1
    return dotted > 0 and dotted >= nested


def new_key_split(place: Place, path: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The new parent mappings and the key segments that write ``path`` at ``place``.

    One dotted key when the place is implicit, the key is a direct child, or the mapping writes
    dotted keys; else nested mappings for the missing parents.
    """
    relative = path[len(place.container_path) :]
    if place.implicit or len(relative) == 1 or dotted_style(place.container):
        return (), relative
    return relative[:-1], relative[-1:]


class _PlaceSearch:
    """Walks the existing mappings along a target path and keeps the deepest place found."""

    def __init__(self, doc: EditIndex, target: tuple[str, ...], moving: Entry | None) -> None:
        self.doc = doc
        self.target = target
        self.moving = moving
        root = doc.root
        assert root.id == "mapping"
        self.best = Place(root, (), 0, False, frozenset({id(root)}))

    def offer(self, candidate: Place) -> None:
        best = self.best
        if candidate.depth > best.depth or (
            candidate.depth == best.depth
            and best.implicit
            and (not candidate.implicit or candidate.container is best.container)
        ):
            # deeper wins; at the same depth explicit wins, or a later entry under the same dotted prefix
            self.best = candidate

    def visit(self, mapping: Node, base: tuple[str, ...], chain: frozenset[int]) -> None:
        moving = self.moving
        rest = self.target[len(base) :]
        if not rest:
            return
        # only the keys that start with the next segment of the target lead to it
        for i in self.doc.keys_by_first_segment(mapping).get(rest[0], ()):
            if moving is not None and mapping is moving.parent and i == moving.index:
                continue
            key, value = mapping.value[i]
            segments = key_segments(key)
            common = 0
            while common < min(len(segments), len(rest)) and segments[common] == rest[common]:
                common += 1
            if common == 0:
                continue
            full = base + segments
            if common < len(segments):
                entry = Entry(mapping, i, key, value, full, segments, ())
                self.offer(Place(mapping, base, len(base) + common, True, chain, entry))
            else:
                self.descend(mapping, i, value, full, chain)

    def descend(self, owner: Node, index: int, node: Node, path: tuple[str, ...], chain: frozenset[int]) -> None:
        """Go below an existing entry on the way to the target (through sequence elements too)."""
        target = self.target
        while True:
            if self.doc.ranges.alias_range(owner, index) is not None:
                raise CannotFix(f"{describe_path(path)} is an alias; keys cannot be added through it")
            if node.id == "mapping":
                inner = chain | {id(node)}
                self.offer(Place(node, path, len(path), False, inner))
                self.visit(node, path, inner)
                return
            if node.id == "sequence" and len(path) < len(target) and INDEX_SEGMENT.fullmatch(target[len(path)]):
                position = int(target[len(path)][1:-1])
                if position >= len(node.value):
                    return
                chain = chain | {id(node)}
                owner, index = node, position
                node = node.value[position]
                path = (*path, target[len(path)])
                continue
            if node.id == "scalar" and node.start_mark.index == node.end_mark.index:
                raise CannotFix(f"{describe_path(path)} is empty (null), not a mapping")
            kind = "sequence" if node.id == "sequence" else "single value"
            raise CannotFix(f"{describe_path(path)} holds a {kind}, not a mapping")
