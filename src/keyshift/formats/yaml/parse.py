"""YAML adapter: turns YAML text (one or more documents) into key occurrences with exact spans.

Two parsers give the same documents, occurrence for occurrence (a test runs both over every YAML text of
the test suite and many generated ones):

* :func:`parse`, the check path: libyaml's C event parser through PyYAML's C extension
  (:mod:`~keyshift.formats.yaml.events`), several times faster than ruamel.yaml's pure-Python composer.
  It keeps no tree.  Without the C extension, and for the rare text it leaves to ruamel (errors among
  them, so that every error has ruamel's message and position), it parses with the round-trip parser;
  only then is ruamel imported.
* :func:`parse_round_trip`, the fixer's: the same, keeping the composed nodes as ``ParsedFile.tree`` (a
  :class:`~keyshift.formats.yaml.walk.YamlTree`) for the fixer to plan its edits on: libyaml's nodes, or
  ruamel.yaml's (:mod:`~keyshift.formats.yaml.roundtrip`) for the text the check path leaves to ruamel.
  Both kinds of node have the interface :data:`~keyshift.formats.yaml.walk.Node` describes.

The walk from nodes to occurrences, and its conventions, are :mod:`~keyshift.formats.yaml.walk`'s.
Bad input raises :class:`~keyshift.core.model.ConfigSyntaxError`; nesting deeper than
:data:`~keyshift.formats.yaml.walk.MAX_DEPTH` levels is refused.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from keyshift.core.model import Document, ParsedFile
from keyshift.core.positions import LineIndex
from keyshift.formats.yaml import events
from keyshift.formats.yaml.walk import MAX_DEPTH, YamlTree, walk_documents

__all__ = ["MAX_DEPTH", "parse", "parse_round_trip"]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold Python's cycle collector while a parse allocates its many small objects (nodes, positions,
    occurrences): none of them form garbage cycles, and the collector's passes over the growing heap would
    otherwise take as long as the parse itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse(text: str) -> ParsedFile[None]:
    """Parse YAML text for checking: the documents and their occurrences, no tree."""
    with _collector_paused():
        documents = _documents(text)
    return ParsedFile(format="yaml", text=text, documents=documents, typed=True)


def _documents(text: str) -> tuple[Document, ...]:
    # the nodes are freed on return, before the collector runs again: it then has only the documents to visit
    composed = events.compose(text)
    if composed is None:
        return _parse_with_ruamel(text).documents
    return walk_documents(text, LineIndex(text), composed)


def parse_round_trip(text: str) -> ParsedFile[YamlTree]:
    """Parse YAML text keeping the node tree the fixer edits: libyaml's nodes where the check path reads the
    text itself, else ruamel.yaml's (the same documents either way)."""
    with _collector_paused():
        composed = events.compose(text)
        if composed is None:
            return _parse_with_ruamel(text)
        documents = walk_documents(text, LineIndex(text), composed)
        return ParsedFile("yaml", text, documents, typed=True, tree=YamlTree(composed.roots, composed.alias_ranges))


def _parse_with_ruamel(text: str) -> ParsedFile[YamlTree]:
    from keyshift.formats.yaml.roundtrip import parse_round_trip as parse_with_ruamel

    return parse_with_ruamel(text)
