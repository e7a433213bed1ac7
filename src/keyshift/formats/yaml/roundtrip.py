"""The round-trip YAML parser: ruamel.yaml (YAML 1.2) composes the node tree the fixer edits.

This module owns ruamel: a composer that also records where alias tokens and document markers are,
and the mapping of ruamel's errors to :class:`~keyshift.core.model.ConfigSyntaxError`.  Its errors are
the YAML adapter's errors on both paths (the check path re-parses the rare text libyaml refuses here).
``ParsedFile.tree`` is a :class:`~keyshift.formats.yaml.walk.YamlTree` of ruamel nodes whose marks
(``start_mark.index`` / ``end_mark.index``) are offsets into ``ParsedFile.text``; an alias shares the
node object of its anchor.  Nesting deeper than :data:`MAX_DEPTH` levels is a syntax error.
"""

from __future__ import annotations

import warnings
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode
from ruamel.yaml.reader import ReaderError

from keyshift.core.model import ConfigSyntaxError, ParsedFile
from keyshift.core.positions import LineIndex
from keyshift.formats._dotted import NESTING_TOO_DEEP
from keyshift.formats.yaml.walk import MAX_DEPTH, AliasKey, Composed, DocumentMarks, YamlTree, walk_documents


class _RecordingComposer(Composer):
    """A composer that also records where alias tokens and document markers are."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader=loader)
        self.alias_ranges: dict[AliasKey, tuple[int, int]] = {}
        self.document_marks: list[DocumentMarks] = []

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
        return ConfigSyntaxError(NESTING_TOO_DEEP, line, column)
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


def _compose(text: str, lines: LineIndex) -> Composed:
    yaml = YAML()
    yaml.max_depth = MAX_DEPTH + 1  # ruamel counts the scalars inside the deepest collections as a level
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
    return Composed(roots, composer.document_marks, composer.alias_ranges)


def parse_round_trip(text: str) -> ParsedFile[YamlTree]:
    """Parse YAML text (any number of documents) with ruamel, keeping the node tree for the fixer."""
    lines = LineIndex(text)
    composed = _compose(text, lines)
    documents = walk_documents(text, lines, composed)
    tree = YamlTree(composed.roots, composed.alias_ranges)
    return ParsedFile(format="yaml", text=text, documents=documents, typed=True, tree=tree)
