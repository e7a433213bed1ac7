"""The walk from composed YAML nodes to key occurrences with exact spans, shared by both YAML parsers.

Two sources compose the nodes: libyaml's C event parser (:mod:`~keyshift.formats.yaml.events`) and
ruamel.yaml's round-trip composer (:mod:`~keyshift.formats.yaml.roundtrip`, for the text libyaml's
composer leaves to it); the fixer edits the nodes of either.  Both hand this module a :class:`Composed`
value, so every occurrence, span and value comes from one walk whichever parser read the text.

Conventions:

* An empty or comment-only file has **zero documents**; ``---`` with nothing after it is one
  document with ``root_kind`` None.
* Dotted string keys are split into segments (``a.b: 1`` has path ``("a", "b")``) unless a
  segment would be empty (``.hidden``, ``a..b`` stay one segment).  Non-string scalar keys
  (``1:``, ``true:``) use their text as the segment.  Complex (collection) keys give no occurrence;
  a merge key (``<<``) gives none itself, and the keys it merges in are ``implicit`` occurrences at
  the ``<<`` (present for required checks, reported where they are written).
* A node's span starts at its first property (anchor or tag) when it has one.  Block scalars
  and block collections end at the end of their last non-blank text, never on trailing
  blank lines or comments.  An empty value gets a zero-width span right after its ``:``
  (right after the key when there is no ``:``, as in ``{a}``) or right after its ``-``.
* An alias (``*name``) gets the kind and value of its anchored node and a value span on the
  alias token; an aliased collection is not walked again (its keys are reported at the anchor).
* Scalar values follow the YAML 1.2 core schema (the composer resolved the tags).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from keyshift.core.model import ConfigSyntaxError, Document, Occurrence, Scalar, ValueKind
from keyshift.core.positions import LineIndex
from keyshift.formats._dotted import MAX_KEY_DEPTH, element_occurrence, key_occurrences, split_dotted_key

Node = Any
"""A composed node: a ``ruamel.yaml.nodes.Node`` or an :mod:`~keyshift.formats.yaml.events` node.  Both have
``id`` (``"scalar"``, ``"sequence"`` or ``"mapping"``), ``tag`` (the resolved tag as a string), ``value`` (a
scalar's text, a sequence's nodes, a mapping's ``(key, value)`` pairs) and ``start_mark.index`` /
``end_mark.index`` (character offsets into the text); a scalar has a ``style`` (None when plain), a
collection a ``flow_style``, and any node an ``anchor`` (its name, or None).  An alias is the very node
object of its anchor."""

MAX_DEPTH = MAX_KEY_DEPTH
"""Deepest nesting of collections accepted, the bound on key depth of every format (it also keeps ruamel's
recursive composer and this walk off the stack limit); ruamel's parser refuses deeper text, and libyaml's
composer leaves such text to it."""

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
STR_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"

AliasKey = tuple[int, int, bool]
"""``(id(parent node), index of the entry in parent.value, is the mapping key)`` of an alias."""

DocumentMarks = tuple[int, int, int | None]
"""One document's start, the end of its start marker, and the end of its explicit ``...`` (or None)."""


@dataclass(frozen=True, slots=True)
class Composed:
    """What a composer made of a text: one root node per document, in document order, with the offsets
    of each document's markers and the ``*name`` token range of every alias."""

    roots: list[Node]
    document_marks: list[DocumentMarks]
    alias_ranges: dict[AliasKey, tuple[int, int]]


def _convert_int(text: str) -> Scalar:
    digits = text.replace("_", "")
    sign = 1
    if digits and digits[0] in "+-":
        sign = -1 if digits[0] == "-" else 1
        digits = digits[1:]
    try:
        for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
            if digits.lower().startswith(prefix):
                return sign * int(digits[2:], base)
        return sign * int(digits, 10)
    except ValueError:
        return text


def _convert_float(text: str) -> Scalar:
    digits = text.replace("_", "").lower()
    if digits in (".inf", "+.inf"):
        return float("inf")
    if digits == "-.inf":
        return float("-inf")
    if digits == ".nan":
        return float("nan")
    try:
        return float(digits)
    except ValueError:
        return text


def _convert_bool(text: str) -> Scalar:
    lowered = text.lower()
    # the YAML 1.1 spellings only reach here under %YAML 1.1 or an explicit !!bool
    if lowered in ("true", "yes", "y", "on"):
        return True
    if lowered in ("false", "no", "n", "off"):
        return False
    return text


def _scalar_text(node: Node) -> str:
    text: str = node.value
    if node.style == ">":
        # the round-trip scanner marks fold points of folded scalars with BEL characters
        text = text.replace("\a", "")
    return text


def _scalar_value(node: Node) -> Scalar:
    """The Python value of a scalar under the YAML 1.2 core schema; any other tag gives the text."""
    tag = node.tag
    text = _scalar_text(node)
    if tag == NULL_TAG:
        return None
    if tag == BOOL_TAG:
        return _convert_bool(text)
    if tag == INT_TAG:
        return _convert_int(text)
    if tag == FLOAT_TAG:
        return _convert_float(text)
    return text


def _is_empty(node: Node) -> bool:
    """True for a value with no text at all (``a:`` or a bare ``-``)."""
    return bool(node.id == "scalar" and node.start_mark.index == node.end_mark.index)


def _value_fields(node: Node) -> tuple[ValueKind, Scalar]:
    kind: ValueKind = node.id
    return kind, _scalar_value(node) if kind == "scalar" else None


def key_segments(key: Node) -> tuple[str, ...]:
    """The path segments of a scalar mapping key (``a.b`` gives ``a``, ``b``; only string keys split)."""
    text = _scalar_text(key)
    return split_dotted_key(text) if key.tag == STR_TAG else (text,)


class _Walker:
    """Walks the composed nodes of one document and collects its occurrences in text order.

    Most files hold no alias at all: then no alias is looked up and no node is remembered as walked
    (only an alias reaches a node a second time)."""

    def __init__(self, text: str, lines: LineIndex, alias_ranges: dict[AliasKey, tuple[int, int]]) -> None:
        self.text = text
        self.lines = lines
        self.span = lines.span
        self.alias_ranges = alias_ranges
        # id(collection node) -> its range (a collection's end is its last child's, asked again below it)
        self.ranges: dict[int, tuple[int, int]] = {}
        self.document = 0
        self.seen: set[int] = set()
        self.occurrences: list[Occurrence] = []

    # -- text positions -------------------------------------------------------------------

    def _skip_blank(self, pos: int) -> int:
        """Skip spaces, line breaks and comments forward from ``pos``."""
        text = self.text
        n = len(text)
        while pos < n:
            ch = text[pos]
            if ch in " \t\r\n":
                pos += 1
            elif ch == "#":
                end = text.find("\n", pos)
                pos = n if end == -1 else end
            else:
                break
        return pos

    def _after_colon(self, key_end: int) -> int:
        pos = self._skip_blank(key_end)
        if pos < len(self.text) and self.text[pos] == ":":
            return pos + 1
        return key_end

    def _after_dash(self, mark: int) -> int:
        pos = mark
        while pos > 0 and self.text[pos - 1] in " \t":
            pos -= 1
        if pos > 0 and self.text[pos - 1] == "-":
            return pos
        return mark

    def key_range(self, parent: Node, i: int) -> tuple[int, int]:
        """The key of entry ``i`` of the mapping ``parent`` (the alias token for an alias)."""
        if self.alias_ranges:
            alias = self.alias_ranges.get((id(parent), i, True))
            if alias is not None:
                return alias
        key: Node = parent.value[i][0]
        return key.start_mark.index, key.end_mark.index

    def value_range(self, parent: Node | None, i: int, node: Node) -> tuple[int, int]:
        """The text range of ``node``, entry ``i`` of ``parent`` (None for a document root)."""
        if self.alias_ranges and parent is not None:
            alias = self.alias_ranges.get((id(parent), i, False))
            if alias is not None:
                return alias
        if node.id == "scalar":
            return self._scalar_range(parent, i, node)
        cached = self.ranges.get(id(node))
        if cached is None:
            cached = self.ranges[id(node)] = self._collection_range(node)
        return cached

    def _scalar_range(self, parent: Node | None, i: int, node: Node) -> tuple[int, int]:
        start: int = node.start_mark.index
        end: int = node.end_mark.index
        if start == end:
            if parent is None:
                return start, start
            pos = self._after_colon(self.key_range(parent, i)[1]) if parent.id == "mapping" else self._after_dash(start)
            return pos, pos
        if node.style in ("|", ">"):
            end = start + len(self.text[start:end].rstrip(" \t\r\n"))
        return start, end

    def _collection_range(self, node: Node) -> tuple[int, int]:
        if node.flow_style or not node.value:
            return node.start_mark.index, node.end_mark.index
        last = len(node.value) - 1
        child = node.value[last][1] if node.id == "mapping" else node.value[last]
        return node.start_mark.index, self.value_range(node, last, child)[1]

    # -- occurrences ----------------------------------------------------------------------

    def _descend(self, node: Node, parent: Node, i: int) -> bool:
        """Whether the walk goes below ``node``: a collection, not an alias, not walked already."""
        if node.id == "scalar":
            return False
        if not self.alias_ranges:
            return True
        if (id(parent), i, False) in self.alias_ranges or id(node) in self.seen:
            return False
        self.seen.add(id(node))
        return True

    def walk_root(self, root: Node) -> None:
        self.seen.add(id(root))
        self._walk_children(root, (), "")

    def _walk_children(self, node: Node, path: tuple[str, ...], found: str) -> None:
        if node.id == "mapping":
            self._walk_mapping(node, path, found)
        elif node.id == "sequence":
            self._walk_sequence(node, path, found)

    def _walk_mapping(self, node: Node, path: tuple[str, ...], found: str) -> None:
        span = self.span
        for i, (key, value) in enumerate(node.value):
            if key.id != "scalar":
                continue
            if key.tag == MERGE_TAG:
                self._merged(node, i, value, path, found)
                continue
            key_span = span(*self.key_range(node, i))
            value_span = span(*self.value_range(node, i, value))
            kind, scalar = _value_fields(value)
            entry = key_occurrences(path, found, key_segments(key), key_span, value_span, kind, scalar, self.document)
            self.occurrences.extend(entry)
            if self._descend(value, node, i):
                self._walk_children(value, entry[-1].path, entry[-1].found)

    def _merged(self, node: Node, index: int, value: Node, path: tuple[str, ...], found: str) -> None:
        """Keys a ``<<`` merge brings in: implicit occurrences at the merge key, so that a required key
        set through a merge is present; they are reported (and fixed) where they are written."""
        own = {str(k.value) for k, _ in node.value if k.id == "scalar" and k.tag != MERGE_TAG}
        sources = value.value if value.id == "sequence" else [value]
        key_span = self.span(*self.key_range(node, index))
        value_span = self.span(*self.value_range(node, index, value))
        for source in sources:
            if source.id != "mapping":
                continue
            for merged_key, merged_value in source.value:
                if merged_key.id != "scalar" or str(merged_key.value) in own:
                    continue
                own.add(str(merged_key.value))
                kind, scalar = _value_fields(merged_value)
                for occurrence in key_occurrences(
                    path, found, key_segments(merged_key), key_span, value_span, kind, scalar, self.document
                ):
                    self.occurrences.append(replace(occurrence, implicit=True))

    def _walk_sequence(self, node: Node, path: tuple[str, ...], found: str) -> None:
        span = self.span
        for i, item in enumerate(node.value):
            item_span = span(*self.value_range(node, i, item))
            kind, scalar = _value_fields(item)
            element = element_occurrence(path, found, i, item_span, kind, scalar, self.document)
            self.occurrences.append(element)
            if self._descend(item, node, i):
                self._walk_children(item, element.path, element.found)


def walk_documents(text: str, lines: LineIndex, composed: Composed) -> tuple[Document, ...]:
    """The documents of a composed text, each with its span, root kind and occurrences."""
    try:
        return _documents(_Walker(text, lines, composed.alias_ranges), composed)
    except RecursionError:
        raise ConfigSyntaxError("nesting too deep", 1, 1) from None


def _documents(walker: _Walker, composed: Composed) -> tuple[Document, ...]:
    lines = walker.lines
    documents: list[Document] = []
    for number, (root, marks) in enumerate(zip(composed.roots, composed.document_marks, strict=True)):
        walker.document = number
        walker.seen = set()
        walker.ranges = {}
        walker.occurrences = []
        start, marker_end, explicit_end = marks
        empty = _is_empty(root)
        end = max(marker_end, start if empty else walker.value_range(None, 0, root)[1])
        if explicit_end is not None:
            end = max(end, explicit_end)
        if not empty:
            walker.walk_root(root)
        documents.append(
            Document(
                index=number,
                span=lines.span(start, end),
                occurrences=tuple(walker.occurrences),
                root_kind=None if empty else root.id,
            )
        )
    return tuple(documents)


class YamlTree(list[Any]):
    """``ParsedFile.tree`` of the round-trip parse: one composed root node per document, in
    document order.

    ``alias_ranges`` maps ``(id(parent node), entry index, is the mapping key)`` of every alias to
    the ``(start, end)`` offsets of its ``*name`` token; the index of a mapping entry is its index
    in ``parent.value`` (so an entry's key and value share it).
    """

    def __init__(self, roots: Iterable[Node], alias_ranges: dict[AliasKey, tuple[int, int]]) -> None:
        super().__init__(roots)
        self.alias_ranges = alias_ranges


class NodeRanges:
    """Text ranges of the keys and values of a parsed YAML file, as the occurrence spans use them."""

    def __init__(self, text: str, tree: YamlTree) -> None:
        self._alias_ranges = tree.alias_ranges
        self._walker = _Walker(text, LineIndex(text), tree.alias_ranges)

    def alias_range(self, parent: Node, index: int, is_key: bool = False) -> tuple[int, int] | None:
        """The ``*name`` token when entry ``index`` of ``parent`` (its key or value) is an alias."""
        return self._alias_ranges.get((id(parent), index, is_key))

    def key_range(self, parent: Node, index: int) -> tuple[int, int]:
        """The key of entry ``index`` (from its first property; the alias token for an alias)."""
        return self._walker.key_range(parent, index)

    def value_range(self, parent: Node | None, index: int, node: Node) -> tuple[int, int]:
        """The value ``node`` of entry ``index`` of ``parent`` (None for a document root)."""
        return self._walker.value_range(parent, index, node)
