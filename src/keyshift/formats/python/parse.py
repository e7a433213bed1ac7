"""Python source adapter: string literals that name config keys, found with libcst.

This module is imported only when a ``.py`` file passed the text prefilter, so libcst is loaded only
then.  It reports (all with ``form="literal"``, ``value_kind="scalar"`` and no value):

* A string literal whose decoded value is a dotted key of two or more segments
  (``config.get("dten.hybrid.enable")``): the path is the value split on dots, an index ``x[0]``
  giving the segments ``x``, ``[0]``.  Values with an all-numeric segment (``"1.2.3"``) or any
  character outside ``A-Z a-z 0-9 _ - [ ]`` between the dots (URLs, sentences, paths) are not keys.
* A string literal whose value looks like an environment-variable name (``"DTEN_HYBRID_ENABLE"``):
  a one-segment path.
* A chain of lookups (``cfg["dten"]["hybrid"]``, ``cfg.get("dten", {}).get("hybrid")`` and mixes):
  a run of subscripts with one key-like string literal each and ``.get(...)`` calls whose first
  positional argument is one, plus integer subscripts (``[0]``) after the first string.  A chain
  needs two or more string links.  Only the longest chain of an expression is reported (never its
  prefixes), as one occurrence pointing at its first literal; the literals of a chain are not also
  reported on their own.  A dotted literal inside a chain contributes all of its segments.

Literals that count: any prefix (``r``, ``b``, ``u``, ``f`` without placeholders), single, double
or triple quotes.  Implicit concatenations (``"a" "b"``) are skipped with their parts (the
placeholders of their f-string parts are still searched).  Key spans
cover the whole literal, prefix and quotes included; lines count ``\\n`` like every adapter
(:class:`~keyshift.core.positions.LineIndex`), columns count characters from 1.

``ParsedFile.tree`` is a :class:`PythonTree`: for each occurrence, the literals that spell it, with
their offsets, prefix and quotes, which is all :mod:`keyshift.formats.python.fix` needs.  Syntax
errors are :class:`~keyshift.core.model.ConfigSyntaxError` at the position Python's own compiler reports;
so are files libcst cannot reproduce byte for byte (a final lone ``\r``) and expressions nested
deeper than libcst's recursive walk can follow (about 2500 levels, see :data:`RECURSION_LIMIT`).
"""

from __future__ import annotations

import ast
import re
import sys
import warnings
from dataclasses import dataclass
from typing import Literal

import libcst as cst
from libcst.metadata import CodeRange, PositionProvider

from keyshift.core.model import ConfigSyntaxError, Document, Occurrence, ParsedFile
from keyshift.core.positions import LineIndex
from keyshift.formats.python._errors import compile_python, libcst_syntax_error
from keyshift.formats.text.parse import is_env_name

_SEGMENT = r"[A-Za-z0-9_\-]+(?:\[[0-9]+\])*"
DOTTED_KEY = re.compile(rf"{_SEGMENT}(?:\.{_SEGMENT})+")
"""A dotted key of two or more segments, each a name optionally followed by ``[N]`` indexes."""
PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_\-]+")
"""What one string link of a chain may hold when it is not a dotted key."""
_INDEX = re.compile(r"\[[0-9]+\]")
_NAME_AND_INDEXES = re.compile(r"([^\[]+)((?:\[[0-9]+\])*)")
_NEWLINE = re.compile(r"\r\n?|\n")
RECURSION_LIMIT = 10_000
"""The recursion limit while libcst walks a file; deeper files are reported as nested too deeply."""

KeyKind = Literal["dotted", "env", "chain"]


@dataclass(frozen=True, slots=True)
class PyLiteral:
    """One literal of the source that spells (part of) a key."""

    start: int
    """Offset of the literal's first character (its prefix, else its opening quote)."""
    end: int
    """Offset just past its closing quote."""
    prefix: str
    """The string prefix as written (``""``, ``"r"``, ``"Rb"``, ``"f"``); ``""`` for an integer index."""
    quote: str
    """``'``, ``"``, ``'''`` or ``\"\"\"``; ``""`` for an integer index (``cfg["a"][0]``), never edited."""
    value: str
    """The decoded value (the digits for an integer index)."""
    segments: tuple[str, ...]
    """The path segments this literal spells."""

    @property
    def is_string(self) -> bool:
        return self.quote != ""

    @property
    def content_start(self) -> int:
        return self.start + len(self.prefix) + len(self.quote)

    @property
    def content_end(self) -> int:
        return self.end - len(self.quote)


@dataclass(frozen=True, slots=True)
class PyKeyRef:
    """How one occurrence is written: a dotted-key literal, an env-name literal or a chain of literals."""

    kind: KeyKind
    literals: tuple[PyLiteral, ...]


@dataclass(frozen=True, slots=True)
class PythonTree:
    """What ``ParsedFile.tree`` holds for Python files: one ref per occurrence, in the same order."""

    refs: tuple[PyKeyRef, ...]


def split_dotted(value: str) -> tuple[str, ...] | None:
    """The segments of a dotted key (``"a.b[0].c"`` -> ``a``, ``b``, ``[0]``, ``c``), None if it is not one."""
    if DOTTED_KEY.fullmatch(value) is None:
        return None
    segments: list[str] = []
    for part in value.split("."):
        match = _NAME_AND_INDEXES.fullmatch(part)
        if match is None or match[1].isdigit():
            return None
        segments.append(match[1])
        segments.extend(_INDEX.findall(match[2]))
    return tuple(segments)


def link_segments(value: str) -> tuple[str, ...] | None:
    """The segments one string link of a chain contributes, None when it cannot be part of a chain."""
    if PLAIN_SEGMENT.fullmatch(value):
        return (value,)
    return split_dotted(value)


# ---------------------------------------------------------------------------------------------
# literals


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


@dataclass(frozen=True, slots=True)
class _Found:
    kind: KeyKind
    links: tuple[_Link, ...]


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
        return None if number is None else _Link(key, None, (f"[{number}]",))
    literal = _literal(key)
    if literal is None:
        return None
    segments = link_segments(literal.value)
    return None if segments is None else _Link(key, literal, segments)


def _decode_int(text: str) -> int | None:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, int) else None


class _Collector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        super().__init__()
        self.found: list[_Found] = []
        self.starts: dict[int, CodeRange] = {}
        # nodes already covered by a longer chain, and literals that belong to a chain
        self.in_chain: set[int] = set()
        # the parts of implicit concatenations
        self.skipped: set[int] = set()

    def remember(self, node: cst.CSTNode) -> None:
        self.starts[id(node)] = self.get_metadata(PositionProvider, node)

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
        while links and links[0].literal is None:
            links.pop(0)
        if sum(1 for link in links if link.literal is not None) < 2:
            return
        self.in_chain.update(id(lookup) for lookup in lookups)
        for link in links:
            self.in_chain.add(id(link.node))
            self.remember(link.node)
        self.found.append(_Found("chain", tuple(links)))

    def single(self, node: cst.CSTNode) -> None:
        if id(node) in self.in_chain or id(node) in self.skipped:
            return
        literal = _literal(node)
        if literal is None:
            return
        segments = split_dotted(literal.value)
        if segments is not None:
            kind: KeyKind = "dotted"
        elif is_env_name(literal.value):
            kind, segments = "env", (literal.value,)
        else:
            return
        self.remember(node)
        self.found.append(_Found(kind, (_Link(node, literal, segments),)))

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


def _line_starts(text: str) -> list[int]:
    """Offsets of line starts as libcst counts lines (``\\r\\n``, ``\\r`` and ``\\n`` all end one)."""
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


# ---------------------------------------------------------------------------------------------
# entry point


MAX_DEPTH = 1000
"""Deepest syntax tree keyshift hands to libcst.  libcst walks recursively and, far deeper than this,
crashes the interpreter (a C stack overflow) or takes minutes (a 10,000-term ``1 + 1 + ...``)."""


def _check_depth(text: str) -> None:
    """Parse with CPython's own (C) parser first, and refuse trees too deep for libcst."""
    stack: list[tuple[ast.AST, int]] = [(compile_python(text), 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            line, column = getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1
            raise ConfigSyntaxError(
                f"nested more than {MAX_DEPTH} levels deep; keyshift does not analyse such code", line, column
            )
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


def parse(text: str) -> ParsedFile[PythonTree]:
    """Parse Python source into the occurrences of key-like string literals and lookup chains."""
    if "\x00" not in text:
        _check_depth(text)
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
    return _build(text, collector)


def _walk(text: str) -> _Collector:
    try:
        module = cst.parse_module(text)
    except RecursionError:
        raise
    except Exception as exc:  # libcst raises several types (ParserSyntaxError, CSTLogicError, ...)
        raise libcst_syntax_error(text, exc) from None
    if module.code != text:
        # libcst drops a final lone "\r"; offsets into its code would not be offsets into ours
        raise ConfigSyntaxError("libcst cannot reproduce this file exactly (old Mac line endings?)", 1, 1)
    collector = _Collector()
    cst.MetadataWrapper(module, unsafe_skip_copy=True).visit(collector)
    return collector


def _build(text: str, collector: _Collector) -> ParsedFile[PythonTree]:
    index = LineIndex(text)
    starts = _line_starts(text)
    occurrences: list[Occurrence] = []
    refs: list[PyKeyRef] = []
    for found in collector.found:
        literals: list[PyLiteral] = []
        for link in found.links:
            where = collector.starts[id(link.node)].start
            start = starts[where.line - 1] + where.column
            if link.literal is None:
                assert isinstance(link.node, cst.Integer)
                source = link.node.value
                literals.append(PyLiteral(start, start + len(source), "", "", source, link.segments))
            else:
                lit = link.literal
                end = start + len(lit.text)
                literals.append(PyLiteral(start, end, lit.prefix, lit.quote, lit.value, link.segments))
        first = next(lit for lit in literals if lit.is_string)
        path = tuple(segment for lit in literals for segment in lit.segments)
        found_text = first.value if found.kind != "chain" else _join(path)
        occurrences.append(
            Occurrence(
                path=path,
                found=found_text,
                key_span=index.span(first.start, first.end),
                value_span=None,
                value_kind="scalar",
                form="literal",
            )
        )
        refs.append(PyKeyRef(found.kind, tuple(literals)))

    order = sorted(range(len(occurrences)), key=lambda i: occurrences[i].key_span.start.offset)
    document = Document(
        index=0,
        span=index.span(0, len(text)),
        occurrences=tuple(occurrences[i] for i in order),
        root_kind=None,
    )
    tree = PythonTree(tuple(refs[i] for i in order))
    return ParsedFile(format="python", text=text, documents=(document,), typed=True, tree=tree)


def _join(path: tuple[str, ...]) -> str:
    """``("a", "[0]", "b")`` -> ``a[0].b``."""
    out: list[str] = []
    for segment in path:
        if out and _INDEX.fullmatch(segment):
            out[-1] += segment
        else:
            out.append(segment)
    return ".".join(out)


__all__ = [
    "DOTTED_KEY",
    "PyKeyRef",
    "PyLiteral",
    "PythonTree",
    "link_segments",
    "parse",
    "split_dotted",
]
