"""The round-trip Python parser: key literals found with libcst, for the fixer and its verification.

This module is imported only when the fixer (or its verification) reads a ``.py`` file, so libcst is
loaded only then; ``check`` uses :mod:`keyshift.formats.python.ast_parser`, which finds the same
occurrences (the rules are in :mod:`keyshift.formats.python.keys`).  Syntax errors are
:class:`~keyshift.core.model.ConfigSyntaxError` at the position Python's own compiler reports; so are
files libcst cannot reproduce byte for byte (a final lone ``\\r``) and expressions nested deeper than
libcst's recursive walk can follow (about 2500 levels, see :data:`RECURSION_LIMIT`).
"""

from __future__ import annotations

import ast
import re
import sys
import warnings
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import PositionProvider

from keyshift.core.model import ConfigSyntaxError, ParsedFile
from keyshift.core.positions import ReaderLines
from keyshift.formats.python import keys
from keyshift.formats.python._errors import (
    NOT_REPRODUCED,
    check_depth,
    compile_python,
    compile_source,
    error_at,
    null_byte_error,
)
from keyshift.formats.python.keys import PyKeyRef, PyLiteral, PythonTree

_LIBCST_AT = re.compile(r"error at (\d+):(\d+): ")
_LIBCST_KIND = re.compile(r"^(?:parser|tokenizer) error: ")
RECURSION_LIMIT = 10_000
"""The recursion limit while libcst walks a file; deeper files are reported as nested too deeply."""


@dataclass(frozen=True, slots=True)
class _Literal:
    """A string literal node's text and decoded value (positions come later)."""

    text: str
    prefix: str
    quote: str
    value: str


def _decode(source: str) -> str | None:
    """The value of a literal's source text (bytes as ASCII), None when it cannot be evaluated."""
    try:
        with warnings.catch_warnings():
            # invalid escapes like "\q" warn (DeprecationWarning or SyntaxWarning) but still evaluate
            warnings.simplefilter("ignore")
            value = ast.literal_eval(source)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    if isinstance(value, bytes):
        try:
            return value.decode("ascii")
        except UnicodeDecodeError:
            return None
    return value if isinstance(value, str) else None


def _literal(node: cst.CSTNode) -> _Literal | None:
    """The literal a node spells: a simple string or an f-string without placeholders, else None."""
    if isinstance(node, cst.SimpleString):
        text = node.value
        prefix = text[: len(node.prefix)]
        quote: str = node.quote
        value = _decode(text)
    elif isinstance(node, cst.FormattedString):
        parts: list[str] = []
        for part in node.parts:
            if not isinstance(part, cst.FormattedStringText):
                return None
            parts.append(part.value)
        content = "".join(parts)
        if "{" in content or "}" in content:  # {{ and }}: never part of a key
            return None
        quote = node.end
        prefix = node.start[: len(node.start) - len(quote)]
        text = node.start + content + node.end
        value = _decode(prefix.replace("f", "").replace("F", "") + quote + content + quote)
    else:
        return None
    if value is None:
        return None
    return _Literal(text, prefix, quote, value)


# ---------------------------------------------------------------------------------------------
# the walk


@dataclass(frozen=True, slots=True)
class _Link:
    node: cst.CSTNode
    """The string or integer node of the link."""
    literal: _Literal | None
    """None for an integer index."""
    segments: tuple[str, ...]


def _link_of(node: cst.CSTNode) -> tuple[_Link, cst.CSTNode] | None:
    """If ``node`` is one lookup of a chain, its link and the expression it looks into."""
    lookup = _lookup(node)
    if lookup is None:
        return None
    key, inner = lookup
    link = _link(key, subscript=isinstance(node, cst.Subscript))
    return None if link is None else (link, inner)


def _lookup(node: cst.CSTNode) -> tuple[cst.CSTNode, cst.CSTNode] | None:
    """The key and the looked-into expression of ``x[key]`` or ``x.get(key, ...)``; None for anything else."""
    if isinstance(node, cst.Subscript):
        return _subscript_lookup(node)
    if isinstance(node, cst.Call):
        return _get_lookup(node)
    return None


def _subscript_lookup(node: cst.Subscript) -> tuple[cst.CSTNode, cst.CSTNode] | None:
    if len(node.slice) != 1:
        return None
    element = node.slice[0].slice
    if not isinstance(element, cst.Index) or element.star is not None:
        return None
    return element.value, node.value


def _get_lookup(node: cst.Call) -> tuple[cst.CSTNode, cst.CSTNode] | None:
    func = node.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "get" and node.args):
        return None
    first = node.args[0]
    if first.keyword is not None or first.star != "":
        return None
    return first.value, func.value


def _link(key: cst.CSTNode, subscript: bool) -> _Link | None:
    """The link a lookup key spells: an integer index (of a subscript) or a literal of key segments."""
    if isinstance(key, cst.Integer) and subscript:
        number = _decode_int(key.value)
        return None if number is None else _Link(key, None, (keys.index_segment(number),))
    literal = _literal(key)
    if literal is None:
        return None
    segments = keys.link_segments(literal.value)
    return None if segments is None else _Link(key, literal, segments)


def _decode_int(text: str) -> int | None:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, int) else None


class _Collector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, text: str) -> None:
        super().__init__()
        self.lines = ReaderLines(text)
        """Line starts as libcst counts lines (``\\r\\n``, ``\\r`` and ``\\n`` all end one)."""
        self.refs: list[PyKeyRef] = []
        # nodes already covered by a longer chain, and literals that belong to a chain
        self.in_chain: set[int] = set()
        # the parts of implicit concatenations
        self.skipped: set[int] = set()

    def py_literal(self, link: _Link) -> PyLiteral:
        where = self.get_metadata(PositionProvider, link.node).start
        start = self.lines.line_start(where.line) + where.column
        if link.literal is None:
            assert isinstance(link.node, cst.Integer)
            source = link.node.value
            return PyLiteral(start, start + len(source), "", "", source, link.segments)
        lit = link.literal
        return PyLiteral(start, start + len(lit.text), lit.prefix, lit.quote, lit.value, link.segments)

    def chain(self, node: cst.CSTNode) -> None:
        if id(node) in self.in_chain:
            return
        links: list[_Link] = []
        lookups: list[cst.CSTNode] = []
        current: cst.CSTNode = node
        while (step := _link_of(current)) is not None:
            link, inner = step
            links.append(link)
            lookups.append(current)
            current = inner
        links.reverse()
        ref = keys.chain_ref([self.py_literal(link) for link in links])
        if ref is None:
            return
        self.in_chain.update(id(lookup) for lookup in lookups)
        self.in_chain.update(id(link.node) for link in links)
        self.refs.append(ref)

    def single(self, node: cst.CSTNode) -> None:
        if id(node) in self.in_chain or id(node) in self.skipped:
            return
        literal = _literal(node)
        key = None if literal is None else keys.single_key(literal.value)
        if literal is None or key is None:
            return
        kind, segments = key
        self.refs.append(PyKeyRef(kind, (self.py_literal(_Link(node, literal, segments)),)))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self.chain(node)

    def visit_Call(self, node: cst.Call) -> None:
        self.chain(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.single(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self.single(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        # implicit concatenation: neither the whole nor its parts are keys, but a placeholder of an
        # f-string part may hold one (a nested concatenation marks its own parts)
        self.skipped.update((id(node.left), id(node.right)))


# ---------------------------------------------------------------------------------------------
# entry point


def parse_with_libcst(text: str) -> ParsedFile[PythonTree]:
    """Parse Python source with libcst into the occurrences of key-like literals and lookup chains."""
    check_depth(compile_source(text), text)
    limit = sys.getrecursionlimit()
    # libcst walks the tree recursively, several frames per level: a 400-term "a + b + ..." already
    # needs more than the default 1000 frames
    sys.setrecursionlimit(max(limit, RECURSION_LIMIT))
    try:
        collector = _walk(text)
    except RecursionError:
        raise ConfigSyntaxError("the file is nested too deeply to analyse", 1, 1) from None
    finally:
        sys.setrecursionlimit(limit)
    return keys.parsed_file(text, collector.refs)


def _walk(text: str) -> _Collector:
    try:
        module = cst.parse_module(text)
    except RecursionError:
        raise
    except Exception as exc:  # libcst raises several types (ParserSyntaxError, CSTLogicError, ...)
        raise libcst_syntax_error(text, exc) from None
    if module.code != text:
        # libcst drops a final lone "\r"; offsets into its code would not be offsets into ours
        raise ConfigSyntaxError(NOT_REPRODUCED, 1, 1)
    collector = _Collector(text)
    cst.MetadataWrapper(module, unsafe_skip_copy=True).visit(collector)
    return collector


def libcst_syntax_error(text: str, error: Exception) -> ConfigSyntaxError:
    """A ConfigSyntaxError for a file libcst refused, located by Python's own compiler when it can."""
    if "\x00" in text:
        return null_byte_error(text)
    try:
        compile_python(text)
    except ConfigSyntaxError as located:
        return located
    if isinstance(error, cst.ParserSyntaxError):
        message = _LIBCST_KIND.sub("", error.message)
        where = _LIBCST_AT.search(message)
        if where is not None:
            message = message[: where.start()] + message[where.end() :]
            return error_at(text, message, int(where[1]), int(where[2]) + 1)
        return error_at(text, message, error.raw_line, error.raw_column + 1)
    return ConfigSyntaxError(f"libcst cannot parse this file ({type(error).__name__}: {error})", 1, 1)
