"""Python source adapter: string literals that name config keys (the rules: :mod:`.keys`).

Two parsers give the same occurrences.  :func:`parse`, on the check path, reads CPython's own syntax
tree (:mod:`.ast_parser`); :func:`parse_round_trip`, for the fixer and its verification, reads
libcst's (:mod:`.cst_parser`), and only it imports libcst.  ``ParsedFile.tree`` is a
:class:`PythonTree` either way: for each occurrence, the literals that spell it, with their offsets,
prefix and quotes, which is all :mod:`keyshift.formats.python.fix` needs.
"""

from __future__ import annotations

from keyshift.core.model import ParsedFile
from keyshift.formats.python.ast_parser import parse
from keyshift.formats.python.keys import DOTTED_KEY, PyKeyRef, PyLiteral, PythonTree, link_segments, split_dotted


def parse_round_trip(text: str) -> ParsedFile[PythonTree]:
    """Parse Python source with libcst (imported now): the same occurrences as :func:`parse`."""
    from keyshift.formats.python.cst_parser import parse_with_libcst

    return parse_with_libcst(text)


__all__ = [
    "DOTTED_KEY",
    "PyKeyRef",
    "PyLiteral",
    "PythonTree",
    "link_segments",
    "parse",
    "parse_round_trip",
    "split_dotted",
]
