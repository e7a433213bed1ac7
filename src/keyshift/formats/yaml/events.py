"""The check-path YAML composer: libyaml's C event parser (PyYAML's C extension) composed into light nodes.

libyaml scans and parses in C; this module turns its event stream into nodes with the interface the shared
walk reads (:data:`~keyshift.formats.yaml.walk.Node`), recording alias tokens and document markers the way
the round-trip composer does, and resolving plain scalars under YAML 1.2 as ruamel.yaml does
(:mod:`~keyshift.formats.yaml.resolve`).  libyaml's marks count characters (a ``\\r\\n`` is two), so their
``index`` is an offset into the text as it is.

It only composes what it knows the round-trip parser reads the same way.  :func:`compose` gives None, and
the caller parses with ruamel instead, for anything else: no C extension, an error (ruamel then reports it
in its own words), an undefined alias, nesting as deep as ruamel refuses, a directive (ruamel switches its
resolver by ``%YAML`` version, and starts a document with directives at its ``---``), a scalar value with a
comment before it (where ruamel may fail) and text where the two parsers are known to differ
(:mod:`~keyshift.formats.yaml.divergent`).
"""

from __future__ import annotations

from typing import Any

from keyshift.formats.yaml.divergent import divergent
from keyshift.formats.yaml.resolve import plain_scalar_tag
from keyshift.formats.yaml.walk import MAX_DEPTH, STR_TAG, AliasKey, Composed, DocumentMarks, Node

try:  # PyYAML built with libyaml; without it (or without PyYAML) the caller falls back to ruamel
    from yaml._yaml import CParser  # type: ignore[import-untyped, unused-ignore]
    from yaml.events import (  # type: ignore[import-untyped, unused-ignore]
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )
except ImportError:  # pragma: no cover - exercised by the fallback test in a subprocess
    CParser = None

AVAILABLE: bool = CParser is not None
"""Whether libyaml's C parser can be used (PyYAML with its C extension)."""

_SEQUENCE_TAG = "tag:yaml.org,2002:seq"
_MAPPING_TAG = "tag:yaml.org,2002:map"


class _Scalar:
    __slots__ = ("anchor", "end_mark", "start_mark", "style", "tag", "value")
    id = "scalar"

    def __init__(
        self, tag: str, value: str, start_mark: Any, end_mark: Any, style: str | None, anchor: str | None
    ) -> None:
        self.tag = tag
        self.value = value
        self.start_mark = start_mark
        self.end_mark = end_mark
        self.style = style or None  # libyaml's plain style is "", ruamel's None
        self.anchor = anchor


class _Collection:
    __slots__ = ("anchor", "end_mark", "flow_style", "start_mark", "tag", "value")
    id = "collection"

    def __init__(self, tag: str, start_mark: Any, flow_style: bool | None, anchor: str | None) -> None:
        self.tag = tag
        self.value: list[Any] = []
        self.start_mark = start_mark
        self.end_mark = start_mark
        self.flow_style = flow_style
        self.anchor = anchor


class _Sequence(_Collection):
    __slots__ = ()
    id = "sequence"


class _Mapping(_Collection):
    __slots__ = ()
    id = "mapping"


class _Unsupported(Exception):
    """Text this composer leaves to the round-trip parser."""


_NO_KEY = object()
"""The key slot of an open mapping between its entries."""


class _DocumentComposer:
    """Composes the nodes of one document from the events, iteratively (no recursion however deep)."""

    def __init__(self, text: str, get_event: Any, alias_ranges: dict[AliasKey, tuple[int, int]]) -> None:
        self.text = text
        self.get_event = get_event
        self.alias_ranges = alias_ranges
        self.anchors: dict[str, Node] = {}
        # open collections, innermost last: [node, key waiting for its value (or _NO_KEY)]
        self.open: list[list[Any]] = []

    def compose(self) -> Node:
        get_event = self.get_event
        open_collections = self.open
        event = None
        while True:
            previous, event = event, get_event()
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                node = open_collections.pop()[0]
                node.end_mark = event.end_mark
            else:
                if open_collections:
                    self._check_gap(previous, event, kind is ScalarEvent)
                if kind is MappingStartEvent or kind is SequenceStartEvent:
                    self._start(event, _Mapping if kind is MappingStartEvent else _Sequence)
                    continue
                node = self._scalar(event) if kind is ScalarEvent else self._alias(event)
            if not open_collections:
                return node
            # attach the node to the innermost open collection (a mapping's key waits for its value)
            frame = open_collections[-1]
            parent = frame[0]
            if parent.id == "sequence":
                parent.value.append(node)
            elif frame[1] is _NO_KEY:
                frame[1] = node
            else:
                parent.value.append((frame[1], node))
                frame[1] = _NO_KEY

    def _check_gap(self, previous: Any, event: Any, scalar: bool) -> None:
        """Leave to ruamel what the text between an entry and the event before it shows the parsers differ on."""
        frame = self.open[-1]
        parent = frame[0]
        start, end = previous.end_mark.index, event.start_mark.index
        if parent.flow_style and self.text.find("?", start, end) != -1:
            raise _Unsupported  # an explicit key ("? ") in a flow collection
        if scalar and frame[1] is not _NO_KEY and parent.id == "mapping" and self.text.find("#", start, end) != -1:
            # ruamel fails ("overlap in comment") on some scalar values with a comment between them and their
            # key (key: # note, then the value on the next line)
            raise _Unsupported

    def _check_properties(self, event: Any) -> None:
        if event.anchor is not None and event.tag is not None and self.text[event.start_mark.index] == "!":
            raise _Unsupported  # a tag before an anchor: ruamel starts the node at the anchor

    def _scalar(self, event: Any) -> Node:
        self._check_properties(event)
        tag = event.tag
        if tag is None:
            tag = plain_scalar_tag(event.value) if event.implicit[0] else STR_TAG
        elif tag == "!":
            # ruamel resolves a scalar tagged "!" as if plain, an empty one too (libyaml marks that one not implicit)
            tag = plain_scalar_tag(event.value)
        node = _Scalar(tag, event.value, event.start_mark, event.end_mark, event.style, event.anchor)
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        return node

    def _start(self, event: Any, kind: type[_Collection]) -> None:
        if len(self.open) >= MAX_DEPTH:
            raise _Unsupported  # as deep as the round-trip parser's limit: it reports the error
        self._check_properties(event)
        if kind is _Mapping and event.flow_style and self.text[event.end_mark.index - 1 : event.end_mark.index] != "{":
            raise _Unsupported  # a single-pair mapping in a flow sequence ([a: b]): ruamel reads ["a":b] otherwise
        tag = event.tag
        if tag is None or tag == "!":
            tag = _MAPPING_TAG if kind is _Mapping else _SEQUENCE_TAG
        node = kind(tag, event.start_mark, event.flow_style, event.anchor)
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        self.open.append([node, _NO_KEY])

    def _alias(self, event: Any) -> Node:
        node = self.anchors.get(event.anchor)
        if node is None or not self.open:
            raise _Unsupported  # an undefined alias: ruamel reports it
        parent, key = self.open[-1]
        is_key = key is _NO_KEY and parent.id == "mapping"
        self.alias_ranges[(id(parent), len(parent.value), is_key)] = (event.start_mark.index, event.end_mark.index)
        return node


def _compose_stream(text: str, parser: Any) -> Composed:
    get_event = parser.get_event
    roots: list[Node] = []
    marks: list[DocumentMarks] = []
    alias_ranges: dict[AliasKey, tuple[int, int]] = {}
    get_event()  # the stream start
    while True:
        start = get_event()
        if type(start) is StreamEndEvent:
            return Composed(roots, marks, alias_ranges)
        if start.version is not None or start.tags:
            # a directive: ruamel resolves scalars by the %YAML version, and starts the document at its "---"
            raise _Unsupported
        roots.append(_DocumentComposer(text, get_event, alias_ranges).compose())
        end = get_event()
        marks.append((start.start_mark.index, start.end_mark.index, end.end_mark.index if end.explicit else None))


def compose(text: str) -> Composed | None:
    """The composed documents of ``text``, or None where the round-trip parser must read it instead."""
    if CParser is None or divergent(text):
        return None
    try:
        parser = CParser(text)
    except Exception:  # text PyYAML will not take (it encodes it to UTF-8 first: a lone surrogate)
        return None
    try:
        return _compose_stream(text, parser)
    except Exception:  # _Unsupported, or any error libyaml reports: ruamel gives the answer
        return None
    finally:
        parser.dispose()
