"""YAML adapter: turns YAML text (one or more documents) into key occurrences with exact spans.

Parsing is done by ruamel.yaml (round-trip loader, YAML 1.2) composing node trees, whose marks
give character offsets into the text.  This module owns the walk from those nodes to
:class:`~keyshift.core.model.Occurrence` values and the mapping of ruamel errors to
:class:`~keyshift.core.model.ConfigSyntaxError`.

Conventions:

* An empty or comment-only file has **zero documents**; ``---`` with nothing after it is one
  document with ``root_kind`` None.
* ``ParsedFile.tree`` is a :class:`YamlTree`: a ``list`` with one composed root node
  (``ruamel.yaml.nodes.Node``) per document, in document order, that also records where the
  alias tokens are.  Node marks (``start_mark.index`` / ``end_mark.index``) are offsets into
  ``ParsedFile.text``; an alias shares the node object of its anchor.  :class:`NodeRanges` gives
  the same key and value ranges the occurrence spans use (for the fixer).
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
* Nesting deeper than :data:`MAX_DEPTH` levels is reported as a syntax error.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from keyshift.core.model import (
    ConfigSyntaxError,
    Document,
    Occurrence,
    ParsedFile,
    Scalar,
    Span,
    ValueKind,
)
from keyshift.core.positions import LineIndex
from keyshift.formats._dotted import element_occurrence, key_occurrences, split_dotted_key

MAX_DEPTH = 200
"""Deepest nesting of collections accepted (keeps ruamel's recursive composer off the stack limit)."""

_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"

# (id(parent node), index of the entry in parent.value, is the mapping key) -> alias token range
_AliasKey = tuple[int, int, bool]


class _RecordingComposer(Composer):
    """A composer that also records where alias tokens and document markers are."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader=loader)
        self.alias_ranges: dict[_AliasKey, tuple[int, int]] = {}
        # per document: (start, end of the start marker, explicit end marker end or None)
        self.document_marks: list[tuple[int, int, int | None]] = []

    def compose_document(self) -> Any:
        self.anchors = {}
        start_event = self.parser.get_event()
        node = self.compose_node(None, None)
        end_event = self.parser.get_event()
        explicit_end = end_event.end_mark.index if end_event.explicit else None
        self.document_marks.append((start_event.start_mark.index, start_event.end_mark.index, explicit_end))
        return node

    def compose_node(self, parent: Any, index: Any) -> Any:
        if parent is not None and self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            # compose_mapping_node composes a key with index None and its value with the key node
            is_key = isinstance(parent, MappingNode) and index is None
            key = (id(parent), len(parent.value), is_key)
            self.alias_ranges[key] = (event.start_mark.index, event.end_mark.index)
        return super().compose_node(parent, index)


def _error_from(exc: BaseException, index: LineIndex) -> ConfigSyntaxError:
    length = len(index.text)

    def at(offset: int) -> tuple[int, int]:
        pos = index.position(max(0, min(offset, length)))
        return pos.line, pos.column

    if isinstance(exc, MaxDepthExceededError):
        line, column = at(exc.problem_mark.index) if exc.problem_mark is not None else (1, 1)
        return ConfigSyntaxError(f"nesting deeper than {MAX_DEPTH} levels is not supported", line, column)
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = at(mark.index) if mark is not None else (1, 1)
        message = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context:
            if exc.context_mark is not None:
                ctx_line, ctx_column = at(exc.context_mark.index)
                message += f" ({exc.context} that starts at line {ctx_line}, column {ctx_column})"
            else:
                message += f" ({exc.context})"
        return ConfigSyntaxError(message, line, column)
    if isinstance(exc, ReaderError):
        line, column = at(exc.position) if isinstance(exc.position, int) else (1, 1)
        if isinstance(exc.character, int):
            message = f"unacceptable character #x{exc.character:04x}: {exc.reason}"
        else:
            message = f"unreadable input: {exc.reason}"
        return ConfigSyntaxError(message, line, column)
    if isinstance(exc, RecursionError):
        return ConfigSyntaxError("nesting too deep", 1, 1)
    return ConfigSyntaxError(f"invalid YAML: {exc}", 1, 1)


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


def _scalar_text(node: ScalarNode) -> str:
    text: str = node.value
    if node.style == ">":
        # the round-trip scanner marks fold points of folded scalars with BEL characters
        text = text.replace("\a", "")
    return text


def _scalar_value(node: ScalarNode) -> Scalar:
    """The Python value of a scalar under the YAML 1.2 core schema; any other tag gives the text."""
    tag = str(node.tag)
    text = _scalar_text(node)
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return _convert_bool(text)
    if tag == _INT:
        return _convert_int(text)
    if tag == _FLOAT:
        return _convert_float(text)
    return text


def _kind(node: Node) -> ValueKind:
    if isinstance(node, MappingNode):
        return "mapping"
    if isinstance(node, SequenceNode):
        return "sequence"
    return "scalar"


def _is_empty(node: Node) -> bool:
    """True for a value with no text at all (``a:`` or a bare ``-``)."""
    return isinstance(node, ScalarNode) and node.start_mark.index == node.end_mark.index


def key_segments(key: ScalarNode) -> tuple[str, ...]:
    """The path segments of a scalar mapping key (``a.b`` gives ``a``, ``b``; only string keys split)."""
    text = _scalar_text(key)
    return split_dotted_key(text) if str(key.tag) == _STR else (text,)


class _Walker:
    """Walks the composed nodes of one document and collects its occurrences in text order."""

    def __init__(self, text: str, lines: LineIndex, alias_ranges: dict[_AliasKey, tuple[int, int]]) -> None:
        self.text = text
        self.lines = lines
        self.alias_ranges = alias_ranges
        self.ranges: dict[tuple[int, int], tuple[int, int]] = {}
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

    def _key_range(self, parent: MappingNode, i: int) -> tuple[int, int]:
        alias = self.alias_ranges.get((id(parent), i, True))
        if alias is not None:
            return alias
        key: Node = parent.value[i][0]
        return key.start_mark.index, key.end_mark.index

    def value_range(self, parent: Node | None, i: int, node: Node) -> tuple[int, int]:
        """The text range of ``node``, entry ``i`` of ``parent`` (None for a document root)."""
        memo_key = (id(parent), i)
        cached = self.ranges.get(memo_key)
        if cached is not None:
            return cached
        result = self._compute_range(parent, i, node)
        self.ranges[memo_key] = result
        return result

    def _compute_range(self, parent: Node | None, i: int, node: Node) -> tuple[int, int]:
        if parent is not None:
            alias = self.alias_ranges.get((id(parent), i, False))
            if alias is not None:
                return alias
        start: int = node.start_mark.index
        if _is_empty(node):
            if isinstance(parent, MappingNode):
                pos = self._after_colon(self._key_range(parent, i)[1])
            elif isinstance(parent, SequenceNode):
                pos = self._after_dash(start)
            else:
                pos = start
            return pos, pos
        if isinstance(node, ScalarNode):
            end: int = node.end_mark.index
            if node.style in ("|", ">"):
                end = start + len(self.text[start:end].rstrip(" \t\r\n"))
            return start, end
        if not isinstance(node, CollectionNode) or node.flow_style or not node.value:
            return start, node.end_mark.index
        last = len(node.value) - 1
        child = node.value[last][1] if isinstance(node, MappingNode) else node.value[last]
        return start, self.value_range(node, last, child)[1]

    def span(self, start: int, end: int) -> Span:
        return self.lines.span(start, end)

    # -- occurrences ----------------------------------------------------------------------

    def _descend(self, node: Node, parent: Node, i: int) -> bool:
        """Whether the walk goes below ``node`` (not for aliases and nodes already walked)."""
        if (id(parent), i, False) in self.alias_ranges or id(node) in self.seen:
            return False
        self.seen.add(id(node))
        return True

    def walk_root(self, root: Node) -> None:
        self.seen.add(id(root))
        self._walk_children(root, (), "")

    def _walk_children(self, node: Node, path: tuple[str, ...], found: str) -> None:
        if isinstance(node, MappingNode):
            self._walk_mapping(node, path, found)
        elif isinstance(node, SequenceNode):
            self._walk_sequence(node, path, found)

    def _value_fields(self, node: Node) -> tuple[ValueKind, Scalar]:
        kind = _kind(node)
        return kind, _scalar_value(node) if isinstance(node, ScalarNode) else None

    def _walk_mapping(self, node: MappingNode, path: tuple[str, ...], found: str) -> None:
        for i, (key, value) in enumerate(node.value):
            if isinstance(key, ScalarNode) and str(key.tag) == _MERGE:
                self._merged(node, i, value, path, found)
                continue
            if not isinstance(key, ScalarNode):
                continue
            key_span = self.span(*self._key_range(node, i))
            value_span = self.span(*self.value_range(node, i, value))
            kind, scalar = self._value_fields(value)
            entry = key_occurrences(path, found, key_segments(key), key_span, value_span, kind, scalar, self.document)
            self.occurrences.extend(entry)
            if self._descend(value, node, i):
                self._walk_children(value, entry[-1].path, entry[-1].found)

    def _merged(self, node: MappingNode, index: int, value: Node, path: tuple[str, ...], found: str) -> None:
        """Keys a ``<<`` merge brings in: implicit occurrences at the merge key, so that a required key
        set through a merge is present; they are reported (and fixed) where they are written."""
        own = {str(k.value) for k, _ in node.value if isinstance(k, ScalarNode) and str(k.tag) != _MERGE}
        sources = value.value if isinstance(value, SequenceNode) else [value]
        key_span = self.span(*self._key_range(node, index))
        value_span = self.span(*self.value_range(node, index, value))
        for source in sources:
            if not isinstance(source, MappingNode):
                continue
            for merged_key, merged_value in source.value:
                if not isinstance(merged_key, ScalarNode) or str(merged_key.value) in own:
                    continue
                own.add(str(merged_key.value))
                kind, scalar = self._value_fields(merged_value)
                for occurrence in key_occurrences(
                    path, found, key_segments(merged_key), key_span, value_span, kind, scalar, self.document
                ):
                    self.occurrences.append(replace(occurrence, implicit=True))

    def _walk_sequence(self, node: SequenceNode, path: tuple[str, ...], found: str) -> None:
        for i, item in enumerate(node.value):
            item_span = self.span(*self.value_range(node, i, item))
            kind, scalar = self._value_fields(item)
            element = element_occurrence(path, found, i, item_span, kind, scalar, self.document)
            self.occurrences.append(element)
            if self._descend(item, node, i):
                self._walk_children(item, element.path, element.found)


class YamlTree(list[Any]):
    """``ParsedFile.tree`` of a YAML file: one composed root node per document, in document order.

    ``alias_ranges`` maps ``(id(parent node), entry index, is the mapping key)`` of every alias to
    the ``(start, end)`` offsets of its ``*name`` token; the index of a mapping entry is its index
    in ``parent.value`` (so an entry's key and value share it).
    """

    def __init__(self, roots: Iterable[Node], alias_ranges: dict[_AliasKey, tuple[int, int]]) -> None:
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

    def key_range(self, parent: MappingNode, index: int) -> tuple[int, int]:
        """The key of entry ``index`` (from its first property; the alias token for an alias)."""
        return self._walker._key_range(parent, index)

    def value_range(self, parent: Node | None, index: int, node: Node) -> tuple[int, int]:
        """The value ``node`` of entry ``index`` of ``parent`` (None for a document root)."""
        if parent is None:
            return self._walker._compute_range(None, index, node)
        return self._walker.value_range(parent, index, node)


def _compose(text: str, lines: LineIndex) -> tuple[list[Node], _RecordingComposer]:
    yaml = YAML()
    yaml.max_depth = MAX_DEPTH
    yaml.Composer = _RecordingComposer
    try:
        with warnings.catch_warnings():
            # a reused anchor name is legal YAML; ruamel only warns about it
            warnings.simplefilter("ignore")
            roots = list(yaml.compose_all(text))
    except Exception as exc:  # YAMLError, and whatever else ruamel may raise on odd input
        raise _error_from(exc, lines) from None
    composer = yaml.composer
    assert isinstance(composer, _RecordingComposer)
    return roots, composer


def parse(text: str) -> ParsedFile[YamlTree]:
    """Parse YAML text (any number of documents) into a :class:`ParsedFile`."""
    lines = LineIndex(text)
    roots, composer = _compose(text, lines)
    walker = _Walker(text, lines, composer.alias_ranges)
    documents: list[Document] = []
    try:
        for number, (root, marks) in enumerate(zip(roots, composer.document_marks, strict=True)):
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
                    root_kind=None if empty else _kind(root),
                )
            )
    except RecursionError as exc:
        raise _error_from(exc, lines) from None
    tree = YamlTree(roots, composer.alias_ranges)
    return ParsedFile(format="yaml", text=text, documents=tuple(documents), typed=True, tree=tree)
