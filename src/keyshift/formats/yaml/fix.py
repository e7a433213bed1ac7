"""YAML fixer: plans the minimal text edits that rename, move, add, set, delete or comment out a key.

It owns the mapping from a :class:`~keyshift.core.edits.FixRequest` to edits of the YAML text, computed
from the composed ruamel nodes of :mod:`keyshift.formats.yaml.parse` and never from a re-dump, so
every byte outside the edited entries stays as it was.  Anything it cannot do with certainty
(flow collections it cannot edit cleanly, anchors, aliases and merge keys whose meaning would
change, parents that are not mappings) raises :class:`~keyshift.core.edits.CannotFix`.
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix, describe_path, line_end, line_start, newline_of
from keyshift.core.model import Edit, Occurrence, ParsedFile, Scalar
from keyshift.formats.yaml.parse import NodeRanges, YamlTree, key_segments

_MERGE = "tag:yaml.org,2002:merge"
_INDEX = re.compile(r"\[[0-9]+\]")
# plain scalars that a YAML 1.1 or 1.2 reader would not take as a string
_RESERVED_WORDS = frozenset(
    {
        *("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO"),
        *("true", "True", "TRUE", "false", "False", "FALSE"),
        *("on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", "=", "<<"),
    }
)
_NUMBER_LIKE = re.compile(r"[-+]?(\.?[0-9]|\.(inf|Inf|INF|nan|NaN|NAN)$)")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


# -- writing scalars and keys --------------------------------------------------------------------


def _plain_ok(text: str, flow: bool) -> bool:
    """Whether ``text`` can be written as a plain scalar and read back as the same string."""
    if not text or text != text.strip() or not text.isprintable():
        return False
    if text in _RESERVED_WORDS or _NUMBER_LIKE.match(text) or text.startswith(("---", "...")):
        return False
    first = text[0]
    if first in "-?:":
        if len(text) == 1 or text[1] == " " or (flow and text[1] in _FLOW_INDICATORS):
            return False
    elif first in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    return not (flow and (":" in text or any(c in _FLOW_INDICATORS for c in text)))


def _double_quoted(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif not ch.isprintable():
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _quoted(text: str, style: str | None, flow: bool) -> str:
    """A string in the given quote style (None: plain if it can be, else double-quoted)."""
    if style == "'" and text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    if style is None and _plain_ok(text, flow):
        return text
    return _double_quoted(text)


def format_scalar(value: Scalar, style: str | None = None, flow: bool = False) -> str:
    """YAML text for ``value``: a string keeps ``style`` ('"', "'" or None for plain)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    return _quoted(value, style, flow)


def _format_key(segments: Sequence[str], style: str | None, flow: bool) -> str:
    for segment in segments:
        if not segment or "." in segment or _INDEX.fullmatch(segment):
            raise CannotFix(f"cannot write the key {segment!r} in YAML without changing its path")
    return _quoted(".".join(segments), style, flow)


def _quote_style(node: Node) -> str | None:
    style = getattr(node, "style", None)
    return style if style in ("'", '"') else None


# -- the parsed document -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class _Entry:
    """A mapping entry or sequence element of the document, with the entries that enclose it."""

    parent: Node
    index: int
    key: ScalarNode | None
    value: Node
    path: tuple[str, ...]
    segments: tuple[str, ...]
    """The key's path segments (several for a dotted key); ``("[N]",)`` for an element."""
    chain: tuple[_Entry, ...]
    """The enclosing entries, outermost first."""

    @property
    def base(self) -> tuple[str, ...]:
        """The path of the mapping (or sequence) that holds this entry."""
        return self.path[: len(self.path) - len(self.segments)]

    @property
    def in_flow(self) -> bool:
        return bool(getattr(self.parent, "flow_style", False))


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a new path goes: the deepest existing mapping on its way, and how that was reached."""

    container: MappingNode
    container_path: tuple[str, ...]
    depth: int
    """How many leading segments of the path exist already."""
    implicit: bool
    """True when ``path[:depth]`` exists only as the prefix of dotted keys in ``container``."""
    chain: frozenset[int]
    """ids of ``container`` and of every collection node that encloses it."""
    after: _Entry | None = None
    """For an implicit place: the last entry of ``container`` under that prefix."""


class _Doc:
    """One document of a parsed YAML file, with what the fixer needs to know about its nodes."""

    def __init__(self, parsed: ParsedFile[YamlTree], number: int) -> None:
        tree = parsed.tree
        if not 0 <= number < len(parsed.documents) or number >= len(tree):
            raise CannotFix(f"the file has no document {number}")
        self.original = parsed.text
        self.nl = newline_of(parsed.text)
        # every line, the last one included, ends with a newline here; see _finalize
        ends_open = bool(parsed.text) and not parsed.text.endswith("\n")
        self.text = parsed.text + self.nl if ends_open else parsed.text
        self.ranges = NodeRanges(parsed.text, tree)
        self.alias_ranges = tree.alias_ranges
        self.roots: list[Node] = list(tree)
        self.root: Node = tree[number]
        self.document = parsed.documents[number]
        self.entries: list[_Entry] = []
        self.nodes: dict[int, Node] = {}
        self.merge_sources: set[int] = set()
        self._walk(self.root, (), ())
        # (alias start, alias end, the anchored node it refers to)
        self.aliases: list[tuple[int, int, Node]] = []
        for (parent_id, index, is_key), (start, end) in self.alias_ranges.items():
            parent = self.nodes.get(parent_id)
            if parent is None:
                continue
            item = parent.value[index]
            target = item[0 if is_key else 1] if isinstance(parent, MappingNode) else item
            self.aliases.append((start, end, target))
        self.referenced = {id(target) for _, _, target in self.aliases}
        names = [node.anchor for node in self.nodes.values() if getattr(node, "anchor", None)]
        self.duplicate_anchors = len(names) != len(set(names))

    # -- walking ------------------------------------------------------------------------------

    def _walk(self, node: Node, path: tuple[str, ...], chain: tuple[_Entry, ...]) -> None:
        self.nodes[id(node)] = node
        if isinstance(node, MappingNode):
            for i, (key, value) in enumerate(node.value):
                self.nodes[id(key)] = key
                value_alias = self.ranges.alias_range(node, i) is not None
                if str(key.tag) == _MERGE:
                    sources = value.value if isinstance(value, SequenceNode) else [value]
                    self.merge_sources.update(id(source) for source in sources)
                    if not value_alias:
                        self._walk(value, path, ())
                    continue
                if not isinstance(key, ScalarNode) or self.ranges.alias_range(node, i, True) is not None:
                    continue
                segments = key_segments(key)
                entry = _Entry(node, i, key, value, path + segments, segments, chain)
                self.entries.append(entry)
                if not value_alias:
                    self._walk(value, entry.path, (*chain, entry))
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                segment = f"[{i}]"
                entry = _Entry(node, i, None, item, (*path, segment), (segment,), chain)
                self.entries.append(entry)
                if self.ranges.alias_range(node, i) is None:
                    self._walk(item, entry.path, (*chain, entry))

    def find(self, occurrence: Occurrence) -> tuple[_Entry, int]:
        """The entry of an occurrence and how many of its key segments the occurrence covers."""
        start = occurrence.key_span.start.offset
        path = occurrence.path
        for entry in self.entries:
            if entry.key is None:
                if occurrence.is_element and entry.path == path and self.value_range(entry)[0] == start:
                    return entry, 1
            elif (
                not occurrence.is_element
                and self.key_range(entry)[0] == start
                and len(entry.base) < len(path) <= len(entry.path)
                and entry.path[: len(path)] == path
            ):
                return entry, len(path) - len(entry.base)
        raise CannotFix(f"{describe_path(path)} is not where the parse found it")

    # -- positions ----------------------------------------------------------------------------

    def key_range(self, entry: _Entry) -> tuple[int, int]:
        assert isinstance(entry.parent, MappingNode)
        return self.ranges.key_range(entry.parent, entry.index)

    def value_range(self, entry: _Entry) -> tuple[int, int]:
        return self.ranges.value_range(entry.parent, entry.index, entry.value)

    def value_alias(self, entry: _Entry) -> tuple[int, int] | None:
        return self.ranges.alias_range(entry.parent, entry.index)

    def entry_start(self, entry: _Entry) -> int:
        """Where the entry's own text starts: its key, or its value for an element."""
        return self.key_range(entry)[0] if entry.key is not None else self.value_range(entry)[0]

    def column(self, offset: int) -> int:
        return offset - line_start(self.text, offset)

    def starts_line(self, entry: _Entry) -> bool:
        start = self.entry_start(entry)
        return self.text[line_start(self.text, start) : start].strip(" ") == ""

    def compact_first(self, entry: _Entry) -> bool:
        """Whether a block entry is the first key of a mapping that starts on its ``- `` line."""
        if entry.key is None or entry.in_flow or entry.index != 0 or len(entry.parent.value) < 2:
            return False
        start = self.key_range(entry)[0]
        prefix = self.text[line_start(self.text, start) : start]
        return "-" in prefix and prefix.strip(" -") == ""

    def cut_start(self, entry: _Entry, with_comments: bool) -> int:
        """Where removing a block entry starts: its line, or its comment lines above, or its key."""
        if self.compact_first(entry):
            return self.key_range(entry)[0]
        if with_comments:
            return self.comments_above(entry)
        return line_start(self.text, self.key_range(entry)[0])

    def cut_end(self, entry: _Entry) -> int:
        """Where removing a block entry ends (for a compact first key: at the next key)."""
        end = self.block_end(entry)
        if not self.compact_first(entry):
            return end
        assert isinstance(entry.parent, MappingNode)
        following = self.ranges.key_range(entry.parent, 1)[0]
        if self.text[end : line_start(self.text, following)].strip():
            raise CannotFix(f"cannot remove {describe_path(entry.path)}: comments follow it in its sequence element")
        return following

    def block_end(self, entry: _Entry) -> int:
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
            if _is_block_scalar(node):
                start, end = self.ranges.value_range(parent, index, node)
                start, _ = self.after_properties(start, end)
                return "+" in self.text[start : line_end(self.text, start)].split("#", 1)[0]
            if not isinstance(node, (MappingNode, SequenceNode)) or node.flow_style or not node.value:
                return False
            parent, index = node, len(node.value) - 1
            last = node.value[index]
            node = last[1] if isinstance(node, MappingNode) else last
        return False

    def comments_above(self, entry: _Entry) -> int:
        """Start of the comment lines directly above a block entry at its indentation."""
        start = line_start(self.text, self.entry_start(entry))
        if entry.index == 0:
            # a file's or document's header comment is not the first key's own comment
            if not entry.chain:
                return start
            bound = 0
        else:
            previous = entry.parent.value[entry.index - 1]
            prev_value = previous[1] if isinstance(entry.parent, MappingNode) else previous
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

    def child_column(self, mapping: MappingNode) -> int:
        return self.column(self.ranges.key_range(mapping, 0)[0])

    # -- anchors, aliases and merges -------------------------------------------------------------

    def defined_in(self, entry: _Entry) -> list[Node]:
        """The anchored nodes defined in an entry (not reached through one of its aliases)."""
        found: list[Node] = []

        def visit(node: Node, parent: Node, index: int, is_key: bool) -> None:
            if self.ranges.alias_range(parent, index, is_key) is not None:
                return
            if getattr(node, "anchor", None):
                found.append(node)
            if isinstance(node, MappingNode):
                for i, (k, v) in enumerate(node.value):
                    visit(k, node, i, True)
                    visit(v, node, i, False)
            elif isinstance(node, SequenceNode):
                for i, item in enumerate(node.value):
                    visit(item, node, i, False)

        if entry.key is not None:
            visit(entry.key, entry.parent, entry.index, True)
        visit(entry.value, entry.parent, entry.index, False)
        return found

    def check_no_outside_aliases(self, entry: _Entry, start: int, end: int, action: str) -> None:
        defined = {id(node): node for node in self.defined_in(entry)}
        for alias_start, _, target in self.aliases:
            if id(target) in defined and not start <= alias_start < end:
                raise CannotFix(
                    f"cannot {action} {describe_path(entry.path)}: an alias elsewhere refers to its "
                    f"anchor &{target.anchor}"
                )

    def check_anchor_order(self, entry: _Entry, start: int, end: int, insert_at: int) -> None:
        """A moved entry must stay after the anchors it refers to and before the aliases to its own."""
        defined = {id(node) for node in self.defined_in(entry)}
        inside = [(s, target) for s, _, target in self.aliases if start <= s < end]
        if (defined or inside) and self.duplicate_anchors:
            raise CannotFix("the document reuses an anchor name; moving anchors or aliases is not safe")
        for alias_start, _, target in self.aliases:
            if id(target) in defined and not start <= alias_start < end and insert_at > alias_start:
                raise CannotFix(
                    f"moving {describe_path(entry.path)} would put its anchor &{target.anchor} after an "
                    "alias that refers to it"
                )
        for _, target in inside:
            if id(target) not in defined and insert_at <= target.start_mark.index:
                raise CannotFix(
                    f"moving {describe_path(entry.path)} would put its alias *{target.anchor} before the "
                    "anchor it refers to"
                )

    def check_not_merged(self, entry: _Entry, action: str) -> None:
        """Keys of a merge source, or keys a merge would put back, cannot be renamed or removed."""
        parent = entry.parent
        if id(parent) in self.merge_sources:
            raise CannotFix(f"cannot {action} {describe_path(entry.path)}: other mappings merge it in with '<<'")
        if not isinstance(parent, MappingNode) or entry.key is None:
            return
        name = entry.key.value
        for key, value in parent.value:
            if str(key.tag) != _MERGE:
                continue
            sources = value.value if isinstance(value, SequenceNode) else [value]
            for source in sources:
                if isinstance(source, MappingNode) and any(k.value == name for k, _ in source.value):
                    raise CannotFix(f"cannot {action} {describe_path(entry.path)}: a '<<' merge would bring it back")

    def check_shared(self, chain_ids: Iterable[int], what: str) -> None:
        for node_id in chain_ids:
            if node_id in self.referenced or node_id in self.merge_sources:
                anchor = getattr(self.nodes[node_id], "anchor", None)
                shared = f"every alias of &{anchor}" if anchor else "the mappings that merge it in"
                raise CannotFix(f"{what} would also change {shared}")

    def entry_chain_ids(self, entry: _Entry) -> list[int]:
        """ids of the collections that hold an entry, the document root included."""
        return [id(self.root), *(id(e.value) for e in entry.chain)]

    # -- finding where a new path goes -----------------------------------------------------------

    def exists(self, path: tuple[str, ...], moving: _Entry | None) -> bool:
        """Whether ``path`` (or anything below it) is in the document, not counting ``moving``."""
        skip: tuple[int, int] | None = None
        if moving is not None:
            skip = (self.entry_start(moving), self.value_range(moving)[1])
        for occurrence in self.document.occurrences:
            if occurrence.path[: len(path)] != path:
                continue
            start = occurrence.key_span.start.offset
            if skip is not None and skip[0] <= start <= skip[1]:
                continue
            return True
        return False

    def place(self, path: tuple[str, ...], moving: _Entry | None) -> _Place:
        """The deepest existing mapping for ``path[:-1]`` (explicit wins a tie), ignoring ``moving``."""
        root = self.root
        if not isinstance(root, MappingNode):
            raise CannotFix("the document root is not a mapping")
        search = _PlaceSearch(self, path[:-1], moving)
        search.visit(root, (), frozenset({id(root)}))
        return search.best

    def dotted_style(self, mapping: MappingNode) -> bool:
        """Whether the file writes dotted keys (``a.b: 1``) in this mapping more than nested blocks."""
        dotted = nested = 0
        for key, value in mapping.value:
            if not isinstance(key, ScalarNode) or str(key.tag) == _MERGE:
                continue
            if len(key_segments(key)) > 1:
                dotted += 1
            elif isinstance(value, MappingNode):
                nested += 1
        return dotted > 0 and dotted >= nested

    def new_key_split(self, place: _Place, path: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The new parent mappings and the key segments that write ``path`` at ``place``.

        One dotted key when the place is implicit, the key is a direct child, or the mapping writes
        dotted keys; else nested mappings for the missing parents.
        """
        relative = path[len(place.container_path) :]
        if place.implicit or len(relative) == 1 or self.dotted_style(place.container):
            return (), relative
        return relative[:-1], relative[-1:]

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
            if isinstance(node, SequenceNode):
                stack.extend(node.value)
            if not isinstance(node, MappingNode):
                continue
            for i, (_, value) in enumerate(node.value):
                stack.append(value)
                if (
                    node.flow_style
                    or not isinstance(value, MappingNode)
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


class _PlaceSearch:
    """Walks the existing mappings along a target path and keeps the deepest place found."""

    def __init__(self, doc: _Doc, target: tuple[str, ...], moving: _Entry | None) -> None:
        self.doc = doc
        self.target = target
        self.moving = moving
        root = doc.root
        assert isinstance(root, MappingNode)
        self.best = _Place(root, (), 0, False, frozenset({id(root)}))

    def offer(self, candidate: _Place) -> None:
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
            if not isinstance(key, ScalarNode) or str(key.tag) == _MERGE:
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
                entry = _Entry(mapping, i, key, value, full, segments, ())
                self.offer(_Place(mapping, base, len(base) + common, True, chain, entry))
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
                self.offer(_Place(node, path, len(path), False, inner))
                self.visit(node, path, inner)
                return
            if isinstance(node, SequenceNode) and len(path) < len(target) and _INDEX.fullmatch(target[len(path)]):
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


# the engine plans many fixes against one parse: walk each document once (keyed by the tree's
# id, dropped when the tree is collected; a list cannot be a weak dictionary key)
_DOCUMENTS: dict[int, dict[int, _Doc]] = {}


def _document(parsed: ParsedFile[YamlTree], number: int) -> _Doc:
    tree = parsed.tree
    documents = _DOCUMENTS.get(id(tree))
    if documents is None:
        documents = _DOCUMENTS[id(tree)] = {}
        weakref.finalize(tree, _DOCUMENTS.pop, id(tree), None)
    doc = documents.get(number)
    if doc is None or doc.original is not parsed.text:
        doc = documents[number] = _Doc(parsed, number)
    return doc


# -- edits ------------------------------------------------------------------------------------------


def _render(text: str, start: int, end: int, subs: Sequence[tuple[int, int, str]]) -> str:
    out: list[str] = []
    cursor = start
    for s, e, replacement in sorted(subs):
        out.append(text[cursor:s])
        out.append(replacement)
        cursor = e
    out.append(text[cursor:end])
    return "".join(out)


def _reindent(block: str, delta: int) -> str:
    if delta == 0:
        return block
    out: list[str] = []
    for line in block.splitlines(keepends=True):
        if not line.strip():
            out.append(line)
        elif delta > 0:
            out.append(" " * delta + line)
        else:
            leading = len(line) - len(line.lstrip(" "))
            out.append(line[min(leading, -delta) :])
    return "".join(out)


def _is_block_scalar(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.style in ("|", ">")


class _Planner:
    def __init__(self, parsed: ParsedFile[YamlTree], request: FixRequest) -> None:
        self.request = request
        self.doc = _document(parsed, request.document)
        self.text = self.doc.text
        self.nl = self.doc.nl

    # -- small pieces ---------------------------------------------------------------------------

    def entry(self) -> tuple[_Entry, int]:
        """The entry the request is about and how many of its key segments the occurrence covers."""
        occurrence = self.request.occurrence
        if occurrence is None:
            raise CannotFix(f"{self.request.op} needs the key it applies to")
        if occurrence.document != self.request.document:
            raise CannotFix("the key is not in the requested document")
        entry, covered = self.doc.find(occurrence)
        if covered < len(entry.segments) and self.request.op != "rename":
            raise CannotFix(f"{describe_path(occurrence.path)} is part of a longer dotted key")
        return entry, covered

    def key_edit(self, entry: _Entry, segments: Sequence[str]) -> Edit:
        assert entry.key is not None
        start, end = self.doc.key_range(entry)
        start, _ = self.doc.after_properties(start, end)
        return Edit(start, end, _format_key(segments, _quote_style(entry.key), entry.in_flow))

    def key_text(self, entry: _Entry, segments: Sequence[str], flow: bool) -> str:
        """The key for ``segments`` in the style of ``entry``'s key; its very text when unchanged."""
        assert entry.key is not None
        start, end = self.doc.key_range(entry)
        start, _ = self.doc.after_properties(start, end)
        raw = self.text[start:end]
        style = _quote_style(entry.key)
        plain_fits = not flow or entry.in_flow or _plain_ok(raw, True)
        if entry.key.value == ".".join(segments) and "\n" not in raw and (style or plain_fits):
            return raw
        return _format_key(segments, style, flow)

    def value_edit(self, entry: _Entry, value: Scalar) -> Edit:
        """Replace a scalar value (or an alias to one), keeping its anchor and quote style."""
        doc = self.doc
        alias = doc.value_alias(entry)
        node = entry.value
        if not isinstance(node, ScalarNode):
            kind = "mapping" if isinstance(node, MappingNode) else "sequence"
            raise CannotFix(f"{describe_path(entry.path)} holds a {kind}, not a single value")
        if alias is not None:
            return Edit(alias[0], alias[1], format_scalar(value, None, entry.in_flow))
        if id(node) in doc.referenced:
            raise CannotFix(
                f"aliases refer to the value of {describe_path(entry.path)} (&{node.anchor}); "
                "changing it would change them too"
            )
        start, end = doc.value_range(entry)
        scalar_start, tagged = doc.after_properties(start, end)
        if tagged:
            raise CannotFix(f"the value of {describe_path(entry.path)} has an explicit tag")
        replacement = format_scalar(value, _quote_style(node), entry.in_flow)
        if scalar_start == end and scalar_start > 0 and self.text[scalar_start - 1] not in " \t":
            replacement = " " + replacement
        return Edit(scalar_start, end, replacement)

    def require_block_line(self, entry: _Entry, action: str) -> None:
        """A block entry can be cut out by whole lines (or is the first key after a ``- ``)."""
        compact_ok = action in ("move", "delete") and self.doc.compact_first(entry)
        if not self.doc.starts_line(entry) and not compact_ok:
            raise CannotFix(f"cannot {action} {describe_path(entry.path)}: it shares its line with other text")
        if action == "move" and self.doc.keeps_trailing_lines(entry.parent, entry.index, entry.value):
            raise CannotFix(
                f"cannot {action} {describe_path(entry.path)}: it ends with a block scalar that keeps trailing lines"
            )

    def empty_mapping_edit(self, holder: _Entry) -> Edit:
        """Write ``{}`` as the value of ``holder`` (after its anchor or tag) so it stays a mapping."""
        text = self.text
        pos = self.doc.key_range(holder)[1]
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos < len(text) and text[pos] == ":":
            pos += 1
        end = pos
        while True:
            while pos < len(text) and text[pos] in " \t":
                pos += 1
            if pos >= len(text) or text[pos] not in "&!":
                break
            while pos < len(text) and text[pos] not in " \t\r\n":
                pos += 1
            end = pos
        return Edit(end, end, " {}")

    def flow_removal(self, entry: _Entry) -> Edit:
        parent = entry.parent
        assert isinstance(parent, MappingNode)
        doc = self.doc
        key_start = doc.key_range(entry)[0]
        value_end = doc.value_range(entry)[1]
        if len(parent.value) == 1:
            start, end = key_start, value_end
        elif entry.index < len(parent.value) - 1:
            start, end = key_start, doc.ranges.key_range(parent, entry.index + 1)[0]
        else:
            prev_value = parent.value[entry.index - 1][1]
            start = doc.ranges.value_range(parent, entry.index - 1, prev_value)[1]
            end = value_end
        # the key and value are tokens; a comment can only sit in the separators around them
        if "#" in self.text[start:key_start] + self.text[value_end:end]:
            raise CannotFix(f"cannot remove {describe_path(entry.path)} cleanly: comments inside the flow mapping")
        return Edit(start, end, "")

    def removal(self, entry: _Entry, start: int, remove_empty: bool, protected: frozenset[int]) -> list[Edit]:
        """Remove an entry from ``start``; then the parents it leaves empty, or mark them ``{}``.

        Parents are removed only with ``remove_empty``, when they hold nothing else (not even a
        comment) and no alias refers to them; the document root and sequence elements are never
        left empty: the last parent above them stays, as ``{}``.
        """
        doc = self.doc
        edits = [self.flow_removal(entry) if entry.in_flow else Edit(start, doc.cut_end(entry), "")]
        current = entry
        # the edits before ``current`` was taken out whole, to fall back on
        previous: list[Edit] | None = None
        while True:
            parent = current.parent
            if len(parent.value) > 1 or id(parent) in protected:
                return edits
            holder = current.chain[-1] if current.chain else None
            if holder is None or holder.key is None:
                if previous is None:
                    where = "the document" if holder is None else "a sequence element"
                    raise CannotFix(f"removing {describe_path(entry.path)} would leave {where} empty")
                return previous + self.mark_empty(current)
            if remove_empty and id(parent) not in doc.referenced and self.holds_only(holder, edits[0]):
                if holder.in_flow:
                    previous, edits = edits, [self.flow_removal(holder)]
                elif doc.starts_line(holder):
                    start = line_start(self.text, doc.key_range(holder)[0])
                    previous, edits = edits, [Edit(start, doc.block_end(holder), "")]
                else:
                    return edits + self.mark_empty(holder)
                current = holder
                continue
            return edits + self.mark_empty(holder)

    def mark_empty(self, holder: _Entry) -> list[Edit]:
        """``{}`` for a block mapping value that loses its last entry (a flow one keeps its braces)."""
        if getattr(holder.value, "flow_style", False):
            return []
        return [self.empty_mapping_edit(holder)]

    def holds_only(self, holder: _Entry, removed: Edit) -> bool:
        """Whether the value of ``holder`` holds nothing (no comment either) but the removed text.

        Comment lines right after the value, indented deeper than ``holder``'s key, count as inside.
        """
        doc = self.doc
        text = self.text
        value_start, value_end = doc.value_range(holder)
        if getattr(holder.value, "flow_style", False):
            start, end = value_start, value_end
        else:
            start, end = line_end(text, doc.key_range(holder)[1]), line_end(text, value_end)
        rest = text[start : removed.start] + text[removed.end : end]
        if rest.strip(" \t\r\n{}"):
            return False
        column = doc.column(doc.key_range(holder)[0])
        pos = line_end(text, value_end)
        while pos < len(text):
            line = text[pos : line_end(text, pos)]
            stripped = line.lstrip(" ")
            if stripped.startswith("#") and len(line) - len(stripped) > column:
                return False
            if stripped.strip():
                break
            pos += len(line)
        return True

    # -- operations -----------------------------------------------------------------------------

    def plan(self) -> PlannedFix:
        op = self.request.op
        if op == "set-value":
            entry, _ = self.entry()
            return PlannedFix((self.value_edit(entry, self.request.value),))
        if op == "rename":
            return self.rename()
        if op == "add":
            return self.add()
        if op == "delete":
            return self.delete()
        if op == "comment-out":
            return self.comment_out()
        raise CannotFix(f"unknown fix operation {op!r}")

    def new_path(self) -> tuple[str, ...]:
        new_path = self.request.new_path
        if not new_path:
            raise CannotFix(f"{self.request.op} needs the new key path")
        return tuple(new_path)

    def rename(self) -> PlannedFix:
        doc = self.doc
        request = self.request
        entry, covered = self.entry()
        if entry.key is None:
            raise CannotFix("a sequence element cannot be renamed")
        if doc.ranges.alias_range(entry.parent, entry.index, True) is not None:
            raise CannotFix(f"the key {describe_path(entry.path)} is an alias")
        new_path = self.new_path()
        assert request.occurrence is not None
        old_path = request.occurrence.path
        rest = entry.segments[covered:]
        full = new_path + rest
        value_edits: list[Edit] = []
        if request.has_value:
            if rest:
                raise CannotFix(f"{describe_path(old_path)} holds a mapping, not a single value")
            value_edits.append(self.value_edit(entry, request.value))
        if full == entry.path:
            return PlannedFix(tuple(value_edits))
        doc.check_not_merged(entry, "rename")
        if doc.exists(full, entry):
            raise CannotFix(f"{describe_path(full)} already exists")
        base = entry.base
        if new_path[:-1] == old_path[:-1]:
            return PlannedFix((self.key_edit(entry, full[len(base) :]), *value_edits))
        place = doc.place(full, entry)
        missing = full[place.depth : -1]
        if any(_INDEX.fullmatch(segment) for segment in missing):
            raise CannotFix(f"cannot create the sequence element in {describe_path(full)}")
        creates = frozenset(full[:n] for n in range(place.depth + 1, len(full)))
        relative = full[len(place.container_path) :]
        if place.container is entry.parent and (
            place.implicit or len(relative) == 1 or len(entry.segments) > 1 or doc.dotted_style(place.container)
        ):
            # the key stays where it is, written dotted
            return PlannedFix((self.key_edit(entry, relative), *value_edits), creates)
        return self.move(entry, full, place, creates)

    def move(
        self, entry: _Entry, full: tuple[str, ...], place: _Place, creates: frozenset[tuple[str, ...]]
    ) -> PlannedFix:
        doc = self.doc
        request = self.request
        path_text = describe_path(entry.path)
        doc.check_shared(doc.entry_chain_ids(entry), f"moving {path_text}")
        doc.check_shared(place.chain, f"moving {path_text} there")
        key = entry.key
        assert key is not None
        container = place.container
        to_flow = bool(getattr(container, "flow_style", False))
        key_start, key_end = doc.key_range(entry)
        key_token = doc.after_properties(key_start, key_end)[0]
        value_start, value_end = doc.value_range(entry)
        value_text = self.text[value_start:value_end]
        if request.has_value:
            new_value = self.value_edit(entry, request.value)
            value_text = _render(
                self.text, value_start, value_end, [(new_value.start, new_value.end, new_value.replacement)]
            )
            value_text = value_text.lstrip(" ")
        if entry.in_flow:
            start = key_start
            if "\n" in value_text:
                raise CannotFix(f"cannot move {path_text} out of its flow mapping: its value spans lines")
        else:
            self.require_block_line(entry, "move")
            start = doc.cut_start(entry, True)
        end = value_end if entry.in_flow else doc.block_end(entry)
        parents, key_segs = doc.new_key_split(place, full)
        insert_at, insertion = (
            self.flow_insertion(place, parents, self.key_text(entry, key_segs, True), value_text, entry)
            if to_flow
            else self.block_insertion(place, parents, self.moved_block(entry, start, end, key_segs, key_token))
        )
        doc.check_anchor_order(entry, start, end, insert_at)
        edits = self.removal(entry, start, True, place.chain)
        edits.append(Edit(insert_at, insert_at, insertion))
        return PlannedFix(tuple(edits), creates)

    def moved_block(
        self, entry: _Entry, start: int, end: int, key_segs: Sequence[str], key_token: int
    ) -> tuple[str, int]:
        """The entry's lines with the new key (and value), and the column its key is at."""
        doc = self.doc
        assert entry.key is not None
        key_text = self.key_text(entry, key_segs, False)
        value_subs: list[tuple[int, int, str]] = []
        if self.request.has_value:
            edit = self.value_edit(entry, self.request.value)
            value_subs.append((edit.start, edit.end, edit.replacement))
        if entry.in_flow:
            value_start, value_end = doc.value_range(entry)
            value_text = _render(self.text, value_start, value_end, value_subs).strip()
            return f"{key_text}:" + (f" {value_text}" if value_text else "") + self.nl, 0
        subs = [(key_token, doc.key_range(entry)[1], key_text), *value_subs]
        # a first key after "- " starts mid-line: give it its column as indentation
        indent = " " * doc.column(start) if doc.compact_first(entry) else ""
        return indent + _render(self.text, start, end, subs), doc.column(key_token)

    def block_insertion(self, place: _Place, parents: Sequence[str], block: tuple[str, int]) -> tuple[int, str]:
        doc = self.doc
        container = place.container
        col = doc.child_column(container)
        step = doc.indent_step
        lines = [
            " " * (col + depth * step) + _format_key([segment], None, False) + ":" + self.nl
            for depth, segment in enumerate(parents)
        ]
        body, old_col = block
        lines.append(_reindent(body, col + len(parents) * step - old_col))
        return self.block_insert_point(place), "".join(lines)

    def block_insert_point(self, place: _Place) -> int:
        doc = self.doc
        container = place.container
        if place.implicit and place.after is not None:
            last = place.after
        else:
            index = len(container.value) - 1
            key, value = container.value[index]
            last = _Entry(container, index, key, value, (), (), ())
        if doc.keeps_trailing_lines(container, last.index, last.value):
            raise CannotFix("the mapping ends with a block scalar that keeps trailing lines")
        return doc.block_end(last)

    def flow_insertion(
        self,
        place: _Place,
        parents: Sequence[str],
        key_text: str,
        value_text: str,
        moving: _Entry | None,
    ) -> tuple[int, str]:
        doc = self.doc
        if moving is not None:
            if not moving.in_flow:
                self.require_block_line(moving, "move")
                start = doc.cut_start(moving, True)
                rest = self.text[doc.value_range(moving)[1] : doc.block_end(moving)].strip()
                if start < line_start(self.text, doc.key_range(moving)[0]) or rest:
                    raise CannotFix(f"cannot move {describe_path(moving.path)} into a flow mapping with its comments")
            node = moving.value
            if (
                "\n" in value_text
                or _is_block_scalar(node)
                or (isinstance(node, (MappingNode, SequenceNode)) and not getattr(node, "flow_style", False))
            ):
                raise CannotFix(f"cannot move {describe_path(moving.path)} into a flow mapping: its value spans lines")
            if (
                isinstance(node, ScalarNode)
                and node.style is None
                and value_text
                and any(c in _FLOW_INDICATORS or c == "#" for c in value_text)
            ):
                raise CannotFix(
                    f"cannot move {describe_path(moving.path)} into a flow mapping: its value would need quotes"
                )
        inner = key_text + ":" + (f" {value_text}" if value_text else "")
        for segment in reversed(parents):
            inner = _format_key([segment], None, True) + ": {" + inner + "}"
        container = place.container
        only_moving = moving is not None and moving.parent is container and len(container.value) == 1
        if not container.value or only_moving:
            start, end = doc.ranges.value_range(None, 0, container)
            brace = self.text.find("{", start, end)
            if brace < 0:
                raise CannotFix("cannot find the flow mapping's '{'")
            return brace + 1, inner
        index = len(container.value) - 1
        last_value = container.value[index][1]
        return doc.ranges.value_range(container, index, last_value)[1], ", " + inner

    def add(self) -> PlannedFix:
        doc = self.doc
        path = self.new_path()
        if doc.document.root_kind != "mapping" or not isinstance(doc.root, MappingNode):
            kind = doc.document.root_kind or "empty"
            raise CannotFix(f"cannot add {describe_path(path)}: the document root is {kind}, not a mapping")
        if doc.exists(path, None):
            raise CannotFix(f"{describe_path(path)} already exists")
        place = doc.place(path, None)
        missing = path[place.depth : -1]
        if any(_INDEX.fullmatch(segment) for segment in missing):
            raise CannotFix(f"cannot create the sequence element in {describe_path(path)}")
        doc.check_shared(place.chain, f"adding {describe_path(path)}")
        creates = frozenset(path[:n] for n in range(place.depth + 1, len(path)))
        parents, key_segs = doc.new_key_split(place, path)
        container = place.container
        if getattr(container, "flow_style", False):
            value_text = format_scalar(self.request.value, None, True)
            key_text = _format_key(key_segs, None, True)
            at, text = self.flow_insertion(place, parents, key_text, value_text, None)
        else:
            value_text = format_scalar(self.request.value)
            line = _format_key(key_segs, None, False) + ": " + value_text + self.nl
            at, text = self.block_insertion(place, parents, (line, 0))
        return PlannedFix((Edit(at, at, text),), creates)

    def delete(self) -> PlannedFix:
        doc = self.doc
        entry, _ = self.entry()
        if entry.key is None:
            raise CannotFix("deleting a sequence element would renumber the ones after it")
        doc.check_not_merged(entry, "delete")
        if entry.in_flow:
            start = doc.key_range(entry)[0]
        else:
            self.require_block_line(entry, "delete")
            start = doc.cut_start(entry, False)
        doc.check_no_outside_aliases(entry, start, doc.block_end(entry), "delete")
        return PlannedFix(tuple(self.removal(entry, start, self.request.remove_empty_parents, frozenset())))

    def comment_out(self) -> PlannedFix:
        doc = self.doc
        entry, _ = self.entry()
        path_text = describe_path(entry.path)
        if entry.key is None:
            raise CannotFix("commenting out a sequence element would renumber the ones after it")
        if entry.in_flow:
            raise CannotFix(f"cannot comment out {path_text}: it is inside a flow mapping")
        self.require_block_line(entry, "comment out")
        doc.check_not_merged(entry, "comment out")
        if len(entry.parent.value) == 1:
            holder = describe_path(entry.base) if entry.base else "the document"
            raise CannotFix(f"commenting out {path_text} would leave {holder} empty")
        start = line_start(self.text, doc.key_range(entry)[0])
        end = doc.block_end(entry)
        doc.check_no_outside_aliases(entry, start, end, "comment out")
        col = doc.column(doc.key_range(entry)[0])
        indent = " " * col
        out: list[str] = []
        note = self.request.note
        if note:
            out.append(f"{indent}# {' '.join(note.split())}{self.nl}")
        for line in self.text[start:end].splitlines(keepends=True):
            body = line.rstrip("\r\n")
            ending = line[len(body) :]
            leading = len(body) - len(body.lstrip(" "))
            rest = body[min(leading, col) :]
            out.append(f"{indent}# {rest}{ending}" if rest.strip() else f"{indent}#{ending}")
        return PlannedFix((Edit(start, end, "".join(out)),))


def _finalize(doc: _Doc, edits: Iterable[Edit]) -> tuple[Edit, ...]:
    """Map edits of the newline-terminated working text back onto a file without a final newline."""
    ordered = [edit for _, edit in sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]))]
    original, text = doc.original, doc.text
    if original is text or len(original) == len(text):
        return tuple(ordered)
    size, full = len(original), len(text)
    tail: list[Edit] = []
    while ordered and ordered[-1].end == (tail[0].start if tail else full):
        tail.insert(0, ordered.pop())
    if not tail:
        return tuple(ordered)
    start = tail[0].start
    replacement = "".join(edit.replacement for edit in tail)
    if replacement:
        for ending in ("\r\n", "\n"):
            if replacement.endswith(ending):
                replacement = replacement[: -len(ending)]
                break
        if start >= full:
            ordered.append(Edit(size, size, doc.nl + replacement))
        else:
            ordered.append(Edit(start, size, replacement))
    elif start == 0:
        ordered.append(Edit(0, size, ""))
    else:
        back = 2 if text[start - 2 : start] == "\r\n" else 1
        ordered.append(Edit(start - back, size, ""))
    return tuple(ordered)


def plan_fix(parsed: ParsedFile[YamlTree], request: FixRequest) -> PlannedFix:
    """Plan the edits of one fix in a YAML file (pure: computed from ``parsed`` alone)."""
    if not parsed.documents and request.op == "add" and request.document == 0:
        return _add_to_empty_file(parsed, request)
    planner = _Planner(parsed, request)
    planned = planner.plan()
    return PlannedFix(_finalize(planner.doc, planned.edits), planned.creates)


def _add_to_empty_file(parsed: ParsedFile[YamlTree], request: FixRequest) -> PlannedFix:
    """A key for a file with no document yet (empty, or only comments): nested blocks at its end."""
    path = request.new_path
    if not path or any(segment.startswith("[") for segment in path):
        raise CannotFix("the file is empty and the key cannot be written as plain nested mappings")
    text = parsed.text
    nl = newline_of(text) if "\n" in text else "\n"
    lines = [f"{'  ' * depth}{format_scalar(segment)}:" for depth, segment in enumerate(path)]
    lines[-1] += f" {format_scalar(request.value)}"
    block = nl.join(lines)
    if text and not text.endswith("\n"):
        block = nl + block  # the file had no final newline, and keeps none
    else:
        block += nl
    creates = frozenset(tuple(path[:end]) for end in range(1, len(path)))
    return PlannedFix((Edit(len(text), len(text), block),), creates)
