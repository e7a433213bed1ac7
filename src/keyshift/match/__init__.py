"""Matching key occurrences of one parsed file against one product's matrix.

Pure functions: a parsed file, the matrix, the target version and how the file relates to the
product (a product file with an optional prefix, or any other file) in; :class:`Match` values out.
A match is a finding plus what produced it, which the fixer needs.

The modules of this package share one :class:`~keyshift.match.context.MatchContext`: ``document``
orders the matches of one document; ``keys``, ``values``, ``required`` and ``forms`` (env-var names,
source literals, text tokens, with ``aliases``) find them; ``findings`` builds each finding from its
code.  The rules an occurrence is tried against come from a :class:`MatrixIndex` (``index``), built
once per run and carried by the :class:`FileRole`, so matching costs the same for any matrix size.
"""

from __future__ import annotations

from typing import Any

from keyshift.core.model import ParsedFile
from keyshift.match.context import MatchContext
from keyshift.match.document import document_matches
from keyshift.match.index import MatrixIndex
from keyshift.match.model import FileRole, Match
from keyshift.match.required import missing_everywhere

__all__ = ["FileRole", "Match", "MatrixIndex", "match_file"]


def match_file(parsed: ParsedFile[Any], display: str, role: FileRole) -> list[Match]:
    ctx = MatchContext.build(parsed, display, role)
    matches: list[Match] = []
    for document in parsed.documents:
        matches.extend(document_matches(ctx, document))
    if role.product_file and not role.prefix and not any(d.root_kind == "mapping" for d in parsed.documents):
        matches.extend(missing_everywhere(ctx))
    return matches
