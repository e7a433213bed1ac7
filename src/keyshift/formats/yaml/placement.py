"""Where a new key path goes: whether it exists already, the deepest existing mapping on its way,
and how the missing part is written there (one dotted key or nested mappings)."""

from __future__ import annotations

from dataclasses import dataclass

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from keyshift.core.edits import CannotFix, describe_path
from keyshift.formats.yaml.edit_index import EditIndex, Entry
from keyshift.formats.yaml.style import INDEX_SEGMENT
from keyshift.formats.yaml.walk import MERGE_TAG, key_segments


@dataclass(frozen=True, slots=True)
class Place:
    """Where a new path goes: the deepest existing mapping on its way, and how that was reached."""

    container: MappingNode
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
    for occurrence in doc.document.occurrences:
        if occurrence.path[: len(path)] != path:
            continue
        start = occurrence.key_span.start.offset
        if skip is not None and skip[0] <= start <= skip[1]:
            continue
        return True
    return False


def find_place(doc: EditIndex, path: tuple[str, ...], moving: Entry | None) -> Place:
    """The deepest existing mapping for ``path[:-1]`` (explicit wins a tie), ignoring ``moving``."""
    root = doc.root
    if not isinstance(root, MappingNode):
        raise CannotFix("the document root is not a mapping")
    search = _PlaceSearch(doc, path[:-1], moving)
    search.visit(root, (), frozenset({id(root)}))
    return search.best


def dotted_style(mapping: MappingNode) -> bool:
    """Whether the file writes dotted keys (``a.b: 1``) in this mapping more than nested blocks."""
    dotted = nested = 0
    for key, value in mapping.value:
        if not isinstance(key, ScalarNode) or str(key.tag) == MERGE_TAG:
            continue
        if len(key_segments(key)) > 1:
            dotted += 1
        elif isinstance(value, MappingNode):
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
        assert isinstance(root, MappingNode)
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

    def visit(self, mapping: MappingNode, base: tuple[str, ...], chain: frozenset[int]) -> None:
        moving = self.moving
        for i, (key, value) in enumerate(mapping.value):
            if moving is not None and mapping is moving.parent and i == moving.index:
                continue
            if not isinstance(key, ScalarNode) or str(key.tag) == MERGE_TAG:
                continue
            segments = key_segments(key)
            rest = self.target[len(base) :]
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
            if isinstance(node, MappingNode):
                inner = chain | {id(node)}
                self.offer(Place(node, path, len(path), False, inner))
                self.visit(node, path, inner)
                return
            if (
                isinstance(node, SequenceNode)
                and len(path) < len(target)
                and INDEX_SEGMENT.fullmatch(target[len(path)])
            ):
                position = int(target[len(path)][1:-1])
                if position >= len(node.value):
                    return
                chain = chain | {id(node)}
                owner, index = node, position
                node = node.value[position]
                path = (*path, target[len(path)])
                continue
            if isinstance(node, ScalarNode) and node.start_mark.index == node.end_mark.index:
                raise CannotFix(f"{describe_path(path)} is empty (null), not a mapping")
            kind = "sequence" if isinstance(node, SequenceNode) else "single value"
            raise CannotFix(f"{describe_path(path)} holds a {kind}, not a mapping")
