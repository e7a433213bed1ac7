"""Syntax errors of Python files that both parsers report alike, located by CPython's own compiler.

libcst's native parser reports where it gave up (often the end of the line, or 1:0 for tokenizer
errors); CPython's compiler points at the offending token, so it is asked first, by both parsers.
Both count a lone ``\\r`` as a line break, keyshift does not (:mod:`keyshift.core.positions`):
:func:`error_at` moves their positions, and the line numbers in their messages, to keyshift's lines.
"""

from __future__ import annotations

import ast
import re
import warnings

from keyshift.core.model import ConfigSyntaxError
from keyshift.core.positions import LineIndex, ReaderLines
from keyshift.formats.python.literals import SourceMap

MAX_DEPTH = 1000
"""Deepest syntax tree keyshift analyses.  libcst walks recursively and, far deeper than this,
crashes the interpreter (a C stack overflow) or takes minutes (a 10,000-term ``1 + 1 + ...``); the
check path refuses the same files, so both parsers read the same ones."""


def compile_python(text: str) -> ast.Module:
    """CPython's own syntax tree of ``text``; its syntax errors raised as :class:`ConfigSyntaxError`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = compile(text, "<python>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as exc:
        raise error_at(text, exc.msg or "invalid syntax", exc.lineno or 1, exc.offset or 1) from None
    except (ValueError, MemoryError, RecursionError) as exc:
        raise ConfigSyntaxError(f"Python cannot parse this file ({exc})", 1, 1) from None
    assert isinstance(tree, ast.Module)
    return tree


def compile_source(text: str) -> ast.Module:
    """:func:`compile_python`, reading a NUL byte as another character Python refuses in code (but not
    in a comment or a string); where that does not compile, the error is at the first NUL."""
    if "\x00" not in text:
        return compile_python(text)
    try:
        return compile_python(text.replace("\x00", "\x01"))
    except ConfigSyntaxError:
        raise null_byte_error(text) from None


def check_depth(tree: ast.AST, text: str) -> None:
    """Refuse a tree deeper than :data:`MAX_DEPTH`, at the first too-deep node of a depth-first walk."""
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            offset = SourceMap(text).offset(getattr(node, "lineno", 1), getattr(node, "col_offset", 0))
            message = f"nested more than {MAX_DEPTH} levels deep; keyshift does not analyse such code"
            raise error_at_offset(text, message, offset)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


_LINE_NUMBER = re.compile(r"(?<=\bline )\d+")
"""A line number in one of CPython's messages (``detected at line 4``, ``opening parenthesis '(' on line 3``)."""


def error_at(text: str, message: str, line: int, column: int) -> ConfigSyntaxError:
    """The error at a 1-based line and character column as CPython and libcst count lines."""
    return error_at_offset(text, message, ReaderLines(text).offset(line, column))


def error_at_offset(text: str, message: str, offset: int) -> ConfigSyntaxError:
    """The error at ``offset``, in keyshift's lines; so are the line numbers CPython wrote in ``message``."""
    index = LineIndex(text)
    where = index.position(offset)
    if _LINE_NUMBER.search(message):
        reader = ReaderLines(text)
        message = _LINE_NUMBER.sub(lambda m: str(index.position(reader.line_start(int(m[0]))).line), message)
    return ConfigSyntaxError(message, where.line, where.column)


def null_byte_error(text: str) -> ConfigSyntaxError:
    """The error for a file with a NUL byte that is not valid Python, at its first NUL."""
    return error_at_offset(text, "source code cannot contain null bytes", text.index("\x00"))


NOT_REPRODUCED = "libcst cannot reproduce this file exactly (old Mac line endings?)"
"""The error for a file libcst reads back differently (its final line ends with a lone ``\\r``):
offsets into what libcst read would not be offsets into the file, so neither parser reads it."""
