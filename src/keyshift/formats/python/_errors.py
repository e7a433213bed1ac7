"""Syntax errors of Python files: where CPython's own compiler says they are, else what libcst says.

libcst's native parser reports where it gave up (often the end of the line, or 1:0 for tokenizer
errors); CPython's compiler points at the offending token, so it is asked first.
"""

from __future__ import annotations

import ast
import re
import warnings

import libcst as cst

from keyshift.core.model import ConfigSyntaxError
from keyshift.core.positions import LineIndex

_LIBCST_AT = re.compile(r"error at (\d+):(\d+): ")
_LIBCST_KIND = re.compile(r"^(?:parser|tokenizer) error: ")


def compile_python(text: str) -> ast.AST:
    """CPython's own syntax tree of ``text``; its syntax errors raised as :class:`ConfigSyntaxError`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree: ast.AST = compile(text, "<python>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as exc:
        raise ConfigSyntaxError(exc.msg or "invalid syntax", max(exc.lineno or 1, 1), max(exc.offset or 1, 1)) from None
    except (ValueError, MemoryError, RecursionError) as exc:
        raise ConfigSyntaxError(f"Python cannot parse this file ({exc})", 1, 1) from None
    return tree


def libcst_syntax_error(text: str, error: Exception) -> ConfigSyntaxError:
    """A ConfigSyntaxError for a file libcst refused, located by Python's own compiler when it can."""
    if "\x00" in text:
        nul = LineIndex(text).position(text.index("\x00"))
        return ConfigSyntaxError("source code cannot contain null bytes", nul.line, nul.column)
    try:
        compile_python(text)
    except ConfigSyntaxError as located:
        return located
    if isinstance(error, cst.ParserSyntaxError):
        message = _LIBCST_KIND.sub("", error.message)
        where = _LIBCST_AT.search(message)
        if where is not None:
            message = message[: where.start()] + message[where.end() :]
            return ConfigSyntaxError(message, int(where[1]), int(where[2]) + 1)
        return ConfigSyntaxError(message, max(error.raw_line, 1), error.raw_column + 1)
    return ConfigSyntaxError(f"libcst cannot parse this file ({type(error).__name__}: {error})", 1, 1)
