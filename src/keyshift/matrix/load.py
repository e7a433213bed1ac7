"""Loading a matrix file: reading and decoding it, and reporting TOML syntax errors at their position.

The validation of what the TOML says is :mod:`keyshift.matrix.validate`'s; every problem here or
there raises :class:`MatrixError`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from keyshift.core.positions import LineIndex
from keyshift.matrix.model import Matrix, MatrixError
from keyshift.matrix.validate import validate_matrix


def load_matrix(path: Path, display: str | None = None) -> Matrix:
    """Read and validate one matrix file; raises MatrixError for any problem."""
    source = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MatrixError(source, None, None, "matrix file not found") from None
    except OSError as exc:
        raise MatrixError(source, None, None, f"cannot read matrix: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MatrixError(source, None, None, f"matrix is not UTF-8 (byte at offset {exc.start})") from None
    return parse_matrix(text, source)


_TOML_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def parse_matrix(text: str, source: str) -> Matrix:
    """Validate the text of one matrix; ``source`` names it in errors.  Raises MatrixError."""
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(exc, text, source) from None
    except RecursionError:
        raise MatrixError(source, 1, None, "TOML syntax error: nested too deeply") from None
    return validate_matrix(data, text, source)


def _syntax_error(exc: tomllib.TOMLDecodeError, text: str, source: str) -> MatrixError:
    """tomllib's message with its position moved to the front, where every matrix error has it."""
    message = str(exc)
    where = _TOML_AT_LINE.search(message)
    if where is not None:
        line, column = int(where[1]), int(where[2])
        message = message[: where.start()]
    else:
        # "at end of document": point just after the last thing written
        end = LineIndex(text).position(len(text.rstrip()))
        line, column = end.line, end.column
        message = _TOML_AT_END.sub("", message)
    return MatrixError(source, line, None, f"TOML syntax error at line {line}, column {column}: {message}")
