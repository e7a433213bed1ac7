"""The edit index of one YAML document: its entries (mapping entries and sequence elements, with the
entries that enclose them), where their text starts and ends, and what the fixer must know about
anchors, aliases and merges.  Built once per document of a parse and shared by every fix planned
against it; everything is computed from the composed nodes of
:func:`~keyshift.formats.yaml.parse.parse_round_trip` (libyaml's or ruamel's), never from a re-dump.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import cached_property

from keyshift.core.edits import CannotFix, describe_path, line_end, line_start, newline_of
from keyshift.core.model import Occurrence, ParsedFile
from keyshift.formats.yaml.walk import MERGE_TAG, Node, NodeRanges, YamlTree, key_segments


@dataclass(frozen=True, slots=True, eq=False)
class Entry:
    """A mapping entry or sequence element of the document, with the entries that enclose it."""

    parent: Node
    index: int
    key: Node | None
    value: Node
    path: tuple[str, ...]
    segments: tuple[str, ...]
    """The key's path segments (several for a dotted key); ``("[N]",)`` for an element."""
    chain: tuple[Entry, ...]
    """The enclosing entries, outermost first."""

    @property
    def base(self) -> tuple[str, ...]:
        """The path of the mapping (or sequence) that holds this entry."""
        return self.path[: len(self.path) - len(self.segments)]

    @property
    def in_flow(self) -> bool:
        return bool(getattr(self.parent, "flow_style", False))


class EditIndex:
    """One document of a parsed YAML file: its entries, the text ranges of their keys and values,
    and its anchors, aliases and merge sources."""

    def __init__(self, parsed: ParsedFile[YamlTree], number: int) -> None:
        tree = parsed.tree
        if not 0 <= number < len(parsed.documents) or number >= len(tree):
            raise CannotFix(f"the file has no document {number}")
        self.original = parsed.text
        self.nl = newline_of(parsed.text)
        # every line, the last one included, ends with a newline here (fix.py maps the edits back)
        ends_open = bool(parsed.text) and not parsed.text.endswith("\n")
        self.text = parsed.text + self.nl if ends_open else parsed.text
        self.ranges = NodeRanges(parsed.text, tree)
        self.alias_ranges = tree.alias_ranges
        self.roots: list[Node] = list(tree)
        self.root: Node = tree[number]
        self.document = parsed.documents[number]
        self.entries: list[Entry] = []
        self.nodes: dict[int, Node] = {}
        self.merge_sources: set[int] = set()
        self._first_segments: dict[int, dict[str, list[int]]] = {}
        self._walk(self.root, (), ())
        # (alias start, alias end, the anchored node it refers to)
        self.aliases: list[tuple[int, int, Node]] = []
        for (parent_id, index, is_key), (start, end) in self.alias_ranges.items():
            parent = self.nodes.get(parent_id)
            if parent is None:
                continue
            item = parent.value[index]
            target = item[0 if is_key else 1] if parent.id == "mapping" else item
            self.aliases.append((start, end, target))
        self.referenced = {id(target) for _, _, target in self.aliases}
        names = [node.anchor for node in self.nodes.values() if getattr(node, "anchor", None)]
        self.duplicate_anchors = len(names) != len(set(names))

    # -- walking ------------------------------------------------------------------------------

    def _walk(self, node: Node, path: tuple[str, ...], chain: tuple[Entry, ...]) -> None:
        self.nodes[id(node)] = node
        if node.id == "mapping":
            for i, (key, value) in enumerate(node.value):
                self.nodes[id(key)] = key
                value_alias = self.ranges.alias_range(node, i) is not None
                if str(key.tag) == MERGE_TAG:
                    sources = value.value if value.id == "sequence" else [value]
                    self.merge_sources.update(id(source) for source in sources)
                    if not value_alias:
                        self._walk(value, path, ())
                    continue
                if key.id != "scalar" or self.ranges.alias_range(node, i, True) is not None:
                    continue
                segments = key_segments(key)
                entry = Entry(node, i, key, value, path + segments, segments, chain)
                self.entries.append(entry)
                if not value_alias:
                    self._walk(value, entry.path, (*chain, entry))
        elif node.id == "sequence":
            for i, item in enumerate(node.value):
                segment = f"[{i}]"
                entry = Entry(node, i, None, item, (*path, segment), (segment,), chain)
                self.entries.append(entry)
                if self.ranges.alias_range(node, i) is None:
                    self._walk(item, entry.path, (*chain, entry))

    def find(self, occurrence: Occurrence) -> tuple[Entry, int]:
        """The entry of an occurrence and how many of its key segments the occurrence covers."""
        start = occurrence.key_span.start.offset
        path = occurrence.path
        if occurrence.is_element:
            for entry in self._starts[1].get(start, ()):
                if entry.path == path:
                    return entry, 1
        else:
            for entry in self._starts[0].get(start, ()):
                if len(entry.base) < len(path) <= len(entry.path) and entry.path[: len(path)] == path:
                    return entry, len(path) - len(entry.base)
        raise CannotFix(f"{describe_path(path)} is not where the parse found it")

    @cached_property
    def _starts(self) -> tuple[dict[int, list[Entry]], dict[int, list[Entry]]]:
        """The mapping entries by where their key starts, and the sequence elements by where their value
        starts, in document order: a fix finds its entry among the few that start where its occurrence does."""
        keys: dict[int, list[Entry]] = {}
        elements: dict[int, list[Entry]] = {}
        for entry in self.entries:
            if entry.key is None:
                elements.setdefault(self.value_range(entry)[0], []).append(entry)
            else:
                keys.setdefault(self.key_range(entry)[0], []).append(entry)
        return keys, elements

    def keys_by_first_segment(self, mapping: Node) -> dict[str, list[int]]:
        """The entries of ``mapping`` with a plain key (not a merge), by the key's first path segment."""
        found = self._first_segments.get(id(mapping))
        if found is None:
            found = self._first_segments[id(mapping)] = {}
            for i, (key, _) in enumerate(mapping.value):
                if key.id == "scalar" and str(key.tag) != MERGE_TAG:
                    found.setdefault(key_segments(key)[0], []).append(i)
        return found

    @cached_property
    def sorted_paths(self) -> list[tuple[tuple[str, ...], int]]:
        """Every occurrence of the document as (path, key start), sorted: the occurrences under a path
        are one run of it."""
        return sorted((o.path, o.key_span.start.offset) for o in self.document.occurrences)

    # -- positions ----------------------------------------------------------------------------

    def key_range(self, entry: Entry) -> tuple[int, int]:
        assert entry.parent.id == "mapping"
        return self.ranges.key_range(entry.parent, entry.index)

    def value_range(self, entry: Entry) -> tuple[int, int]:
        return self.ranges.value_range(entry.parent, entry.index, entry.value)

    def value_alias(self, entry: Entry) -> tuple[int, int] | None:
        return self.ranges.alias_range(entry.parent, entry.index)

    def entry_start(self, entry: Entry) -> int:
        """Where the entry's own text starts: its key, or its value for an element."""
        return self.key_range(entry)[0] if entry.key is not None else self.value_range(entry)[0]

    def column(self, offset: int) -> int:
        return offset - line_start(self.text, offset)

    def starts_line(self, entry: Entry) -> bool:
        start = self.entry_start(entry)
        return self.text[line_start(self.text, start) : start].strip(" ") == ""

    def compact_first(self, entry: Entry) -> bool:
        """Whether a block entry is the first key of a mapping that starts on its ``- `` line."""
        if entry.key is None or entry.in_flow or entry.index != 0 or len(entry.parent.value) < 2:
            return False
        start = self.key_range(entry)[0]
        prefix = self.text[line_start(self.text, start) : start]
        return "-" in prefix and prefix.strip(" -") == ""

    def cut_start(self, entry: Entry, with_comments: bool) -> int:
        """Where removing a block entry starts: its line, or its comment lines above, or its key."""
        if self.compact_first(entry):
            return self.key_range(entry)[0]
        if with_comments:
            return self.comments_above(entry)
        return line_start(self.text, self.key_range(entry)[0])

    def cut_end(self, entry: Entry) -> int:
        """Where removing a block entry ends (for a compact first key: at the next key)."""
        end = self.block_end(entry)
        if not self.compact_first(entry):
            return end
        assert entry.parent.id == "mapping"
        following = self.ranges.key_range(entry.parent, 1)[0]
        if self.text[end : line_start(self.text, following)].strip():
            raise CannotFix(f"cannot remove {describe_path(entry.path)}: comments follow it in its sequence element")
        return following

    def block_end(self, entry: Entry) -> int:
        """The start of the line after the entry's value (its trailing comment included)."""
        return line_end(self.text, self.value_range(entry)[1])

    def after_properties(self, start: int, end: int) -> tuple[int, bool]:
        """Skip the anchor and tag in front of a node's text; also says whether there was a tag."""
        text = self.text
        pos = start
        tagged = False
        while pos < end and text[pos] in "&!":
            tagged = tagged or text[pos] == "!"
            while pos < end and text[pos] not in " \t\r\n":
                pos += 1
            while pos < end and text[pos] in " \t\r\n":
                pos += 1
        return pos, tagged

    def keeps_trailing_lines(self, parent: Node, index: int, node: Node) -> bool:
        """Whether a value ends with a block scalar whose ``+`` keeps the blank lines after it."""
        while self.ranges.alias_range(parent, index) is None:
            if is_block_scalar(node):
                start, end = self.ranges.value_range(parent, index, node)
                start, _ = self.after_properties(start, end)
                return "+" in self.text[start : line_end(self.text, start)].split("#", 1)[0]
            if node.id not in ("mapping", "sequence") or node.flow_style or not node.value:
                return False
            parent, index = node, len(node.value) - 1
            last = node.value[index]
            node = last[1] if node.id == "mapping" else last
        return False

    def comments_above(self, entry: Entry) -> int:
        """Start of the comment lines directly above a block entry at its indentation."""
        start = line_start(self.text, self.entry_start(entry))
        if entry.index == 0:
            # a file's or document's header comment is not the first key's own comment
            if not entry.chain:
                return start
            bound = 0
        else:
            previous = entry.parent.value[entry.index - 1]
            prev_value = previous[1] if entry.parent.id == "mapping" else previous
            bound = line_end(self.text, self.ranges.value_range(entry.parent, entry.index - 1, prev_value)[1])
        indent = " " * self.column(self.entry_start(entry))
        pos = start
        while pos > bound:
            above = line_start(self.text, pos - 1)
            line = self.text[above:pos]
            if not (line.startswith(indent) and line[len(indent) : len(indent) + 1] == "#"):
                break
            pos = above
        return pos

    def child_column(self, mapping: Node) -> int:
        return self.column(self.ranges.key_range(mapping, 0)[0])

    @cached_property
    def indent_step(self) -> int:
        """The smallest positive indentation between a block mapping key and its block children,
        over every document of the file (2 when no nested block mapping shows it)."""
        step = 0
        stack: list[Node] = list(self.roots)
        seen: set[int] = set()
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if node.id == "sequence":
                stack.extend(node.value)
            if node.id != "mapping":
                continue
            for i, (_, value) in enumerate(node.value):
                stack.append(value)
                if (
                    node.flow_style
                    or value.id != "mapping"
                    or value.flow_style
                    or not value.value
                    or self.ranges.alias_range(node, i) is not None
                ):
                    continue
                key_start = self.ranges.key_range(node, i)[0]
                child_start = self.ranges.key_range(value, 0)[0]
                if line_start(self.text, child_start) == line_start(self.text, key_start):
                    continue
                diff = self.column(child_start) - self.column(key_start)
                if diff > 0 and (step == 0 or diff < step):
                    step = diff
        return step or 2


def is_block_scalar(node: Node) -> bool:
    """Whether ``node`` is a literal (``|``) or folded (``>``) block scalar."""
    return node.id == "scalar" and node.style in ("|", ">")


# the engine plans many fixes against one parse: walk each document once (keyed by the tree's
# id, dropped when the tree is collected; a list cannot be a weak dictionary key)
_INDEXES: dict[int, dict[int, EditIndex]] = {}


def document_index(parsed: ParsedFile[YamlTree], number: int) -> EditIndex:
    """The edit index of document ``number`` of ``parsed`` (built on first use)."""
    tree = parsed.tree
    documents = _INDEXES.get(id(tree))
    if documents is None:
        documents = _INDEXES[id(tree)] = {}
        weakref.finalize(tree, _INDEXES.pop, id(tree), None)
    doc = documents.get(number)
    if doc is None or doc.original is not parsed.text:
        doc = documents[number] = EditIndex(parsed, number)
    return doc
