"""The check-path Python parser: key literals found in CPython's own syntax tree (``ast``, a C parser).

It applies the rules of :mod:`keyshift.formats.python.keys` to the nodes of ``ast`` and gives the
same occurrences (and the same :class:`~keyshift.formats.python.keys.PythonTree`) as the libcst
parser the fixer uses, many times faster and without importing libcst.  What ``ast`` does not keep
is read from the source: :mod:`keyshift.formats.python.literals` finds where a string literal ends,
which tells a literal from an implicit concatenation (``"a" "b"`` is one ``ast`` node), and gives its
prefix and quotes.

Syntax errors are the ones the libcst parser reports: CPython's own, trees nested deeper than
:data:`~keyshift.formats.python._errors.MAX_DEPTH`, a NUL byte in a file that is not Python, and a
file whose last line ends with a lone ``\\r`` (which libcst cannot reproduce).  Valid Python that libcst
cannot parse or reproduce otherwise (a few files in a thousand: ``except E :``, a leading form feed) is
read here; the fixer's parser refuses it.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable

from keyshift.core.model import ConfigSyntaxError, ParsedFile
from keyshift.formats.python import _errors
from keyshift.formats.python.keys import (
    PyKeyRef,
    PyLiteral,
    PythonTree,
    chain_ref,
    index_segment,
    link_segments,
    parsed_file,
    single_key,
)
from keyshift.formats.python.literals import SourceMap

_TEXT_TYPES = (str, bytes)
_LEAF_FIELDS = frozenset({"ctx", "op", "ops"})
"""Fields that hold only operator and context singletons: nothing to find under them."""


class _ChildFields(dict[type, tuple[str, ...]]):
    """The fields of each node class that may hold nodes to walk into, worked out once per class."""

    def __missing__(self, cls: type) -> tuple[str, ...]:
        fields = self[cls] = tuple(name for name in getattr(cls, "_fields", ()) if name not in _LEAF_FIELDS)
        return fields


_CHILD_FIELDS = _ChildFields()

Push = Callable[[tuple[ast.AST, int]], None]


def _string_value(node: ast.AST) -> tuple[str, bool] | None:
    """The value of a string literal node and whether it is an f-string; None for any other node.

    Bytes count as ASCII text; an f-string counts only without placeholders."""
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, str):
            return value, False
        if isinstance(value, bytes) and value.isascii():
            return value.decode("ascii"), False
        return None
    if isinstance(node, ast.JoinedStr):
        texts = [part.value for part in node.values if isinstance(part, ast.Constant) and isinstance(part.value, str)]
        if len(texts) == len(node.values):
            return "".join(texts), True
    return None


class _Walk:
    """One pass over the syntax tree, a lookup before what it looks into (as libcst visits)."""

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.refs: list[PyKeyRef] = []
        # lookups already covered by a longer chain, and literals that belong to a chain
        self.in_chain: set[int] = set()
        # format specs (``f"{x:>10}"``): f-string nodes that are not literals
        self.specs: set[int] = set()

    def run(self, tree: ast.Module) -> None:
        """Visit every node that may hold a key, depth first; refuse trees the libcst parser refuses."""
        stack: list[tuple[ast.AST, int]] = [(tree, 0)]
        pop, push = stack.pop, stack.append
        fields_of, max_depth = _CHILD_FIELDS, _errors.MAX_DEPTH
        while stack:
            node, depth = pop()
            if depth >= max_depth:
                _errors.check_depth(tree, self.source.text)  # raises where the libcst parser's guard would
                max_depth = sys.maxsize
            if isinstance(node, ast.Constant):
                if isinstance(node.value, _TEXT_TYPES):
                    self.single(node)
                continue
            if isinstance(node, ast.JoinedStr):
                self.fstring(node, depth, push)
                continue
            if isinstance(node, ast.Subscript | ast.Call):
                self.chain(node)
            elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
                self.specs.add(id(node.format_spec))
            depth += 1
            for name in fields_of[node.__class__]:
                child = getattr(node, name)
                if isinstance(child, list):
                    for item in child:
                        if isinstance(item, ast.AST):  # a list may hold None (``{**d}``) or names
                            push((item, depth))
                elif isinstance(child, ast.AST):
                    push((child, depth))

    def fstring(self, node: ast.JoinedStr, depth: int, push: Push) -> None:
        """An f-string: a literal when it has no placeholders; the placeholders are searched."""
        if id(node) not in self.specs:
            self.single(node)
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                push((part, depth + 1))

    def single(self, node: ast.Constant | ast.JoinedStr) -> None:
        if id(node) in self.in_chain:
            return
        string = _string_value(node)
        key = None if string is None else single_key(string[0])
        if string is None or key is None:
            return
        kind, segments = key
        literal = self.source.string_literal(node, string[0], segments, fstring=string[1])
        if literal is not None:
            self.refs.append(PyKeyRef(kind, (literal,)))

    def chain(self, node: ast.Subscript | ast.Call) -> None:
        if id(node) in self.in_chain:
            return
        links: list[PyLiteral] = []
        nodes: list[ast.AST] = []
        current: ast.AST = node
        while (step := self.link_of(current)) is not None:
            link, key, inner = step
            links.append(link)
            nodes += (current, key)
            current = inner
        links.reverse()
        ref = chain_ref(links) if len(links) >= 2 else None
        if ref is not None:
            self.in_chain.update(map(id, nodes))
            self.refs.append(ref)

    def link_of(self, node: ast.AST) -> tuple[PyLiteral, ast.expr, ast.expr] | None:
        """If ``node`` is one lookup of a chain: its link, its key node and the expression it looks into."""
        key: ast.expr | None
        inner: ast.expr | None
        if isinstance(node, ast.Subscript):
            key, inner = _subscript_key(node, self.source), node.value
        elif isinstance(node, ast.Call):
            key, inner = _get_key(node)
        else:
            return None
        link = None if key is None else self.link(key, subscript=isinstance(node, ast.Subscript))
        return None if link is None or key is None or inner is None else (link, key, inner)

    def link(self, key: ast.expr, subscript: bool) -> PyLiteral | None:
        """The link a lookup key spells: an integer index (of a subscript) or a literal of key segments."""
        if subscript and isinstance(key, ast.Constant) and type(key.value) is int:  # not a bool
            return self.source.integer_literal(key, index_segment(key.value))
        string = _string_value(key)
        segments = None if string is None else link_segments(string[0])
        if string is None or segments is None:
            return None
        return self.source.string_literal(key, string[0], segments, fstring=string[1])


def _subscript_key(node: ast.Subscript, source: SourceMap) -> ast.expr | None:
    """The key of ``x[key]``: the slice, or the one element of ``x[key,]`` (libcst reads both alike)."""
    key = node.slice
    if not isinstance(key, ast.Tuple):
        return key
    if len(key.elts) == 1 and source.ends_with_comma(key):
        return key.elts[0]
    return None


def _get_key(node: ast.Call) -> tuple[ast.expr | None, ast.expr | None]:
    """The key of ``x.get(key, ...)`` and ``x``; no key for any other call."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "get" and node.args):
        return None, None
    first = node.args[0]
    # it is the call's first argument: a positional one after a keyword is a syntax error, except *args
    return (None if isinstance(first, ast.Starred) else first), func.value


def parse(text: str) -> ParsedFile[PythonTree]:
    """Parse Python source into the occurrences of key-like string literals and lookup chains."""
    tree = _errors.compile_source(text)
    source = SourceMap(text)
    walk = _Walk(source)
    walk.run(tree)
    if text.endswith("\r"):
        raise ConfigSyntaxError(_errors.NOT_REPRODUCED, 1, 1)
    return parsed_file(text, walk.refs, source.line_index)
