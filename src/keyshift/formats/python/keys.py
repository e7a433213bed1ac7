"""What counts as a key in Python source, and the values both Python parsers hand on.

Both parsers (:mod:`~keyshift.formats.python.ast_parser` on the check path,
:mod:`~keyshift.formats.python.cst_parser` for the fixer) find the literals the same rules pick and
describe them with the values of this module; :func:`parsed_file` turns what either found into the
same :class:`~keyshift.core.model.ParsedFile`, so their occurrences can only differ in what they found.

The rules (all occurrences have ``form="literal"``, ``value_kind="scalar"`` and no value):

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
* A dotted literal or a chain of more than :data:`~keyshift.formats._dotted.MAX_KEY_DEPTH` segments is
  not a key.

Literals that count: any prefix (``r``, ``b``, ``u``, ``f`` without placeholders), single, double
or triple quotes.  Implicit concatenations (``"a" "b"``) are skipped with their parts (the
placeholders of their f-string parts are still searched).  Key spans cover the whole literal, prefix
and quotes included; lines count ``\\n`` like every adapter (:class:`~keyshift.core.positions.LineIndex`),
columns count characters from 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from keyshift.core.model import Document, Occurrence, ParsedFile, Position, Span
from keyshift.core.positions import LineIndex
from keyshift.formats._dotted import MAX_KEY_DEPTH
from keyshift.formats.text.parse import is_env_name

_SEGMENT = r"[A-Za-z0-9_\-]+(?:\[[0-9]+\])*"
DOTTED_KEY = re.compile(rf"{_SEGMENT}(?:\.{_SEGMENT})+")
"""A dotted key of two or more segments, each a name optionally followed by ``[N]`` indexes."""
PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_\-]+")
"""What one string link of a chain may hold when it is not a dotted key."""
_INDEX = re.compile(r"\[[0-9]+\]")
_NAME_AND_INDEXES = re.compile(r"([^\[]+)((?:\[[0-9]+\])*)")

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
    """The decoded value (the digits as written for an integer index)."""
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
    if value.count(".") + value.count("[") >= MAX_KEY_DEPTH or DOTTED_KEY.fullmatch(value) is None:
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


def single_key(value: str) -> tuple[KeyKind, tuple[str, ...]] | None:
    """How a literal standing on its own spells a key (a dotted key or an env name), None when it does not."""
    segments = split_dotted(value)
    if segments is not None:
        return "dotted", segments
    if is_env_name(value):
        return "env", (value,)
    return None


def index_segment(number: int) -> str:
    """The path segment of an integer subscript: ``[0]``."""
    return f"[{number}]"


def chain_ref(links_inner_first: Sequence[PyLiteral]) -> PyKeyRef | None:
    """The chain that lookup links spell (innermost lookup first), None with fewer than two string links.

    Integer indexes before the first string link are not part of the chain (``rows[0]["a"]["b"]``)."""
    first = next((at for at, link in enumerate(links_inner_first) if link.is_string), None)
    if first is None:
        return None
    links = tuple(links_inner_first[first:])
    if sum(1 for link in links if link.is_string) < 2:
        return None
    return PyKeyRef("chain", links)


def parsed_file(text: str, refs: Iterable[PyKeyRef], index: LineIndex | None = None) -> ParsedFile[PythonTree]:
    """The parsed file of ``text`` with one occurrence per ref, in the order of their first string literals.

    ``index`` is the text's line index if the caller has one; it is built only for a file with occurrences."""
    kept = (ref for ref in refs if sum(len(literal.segments) for literal in ref.literals) <= MAX_KEY_DEPTH)
    ordered = sorted(kept, key=lambda ref: _first_string(ref).start)
    if ordered and index is None:
        index = LineIndex(text)
    occurrences = tuple(_occurrence(ref, index) for ref in ordered) if index is not None else ()
    document = Document(index=0, span=_whole(text), occurrences=occurrences, root_kind=None)
    return ParsedFile(format="python", text=text, documents=(document,), typed=True, tree=PythonTree(tuple(ordered)))


def _whole(text: str) -> Span:
    """The span of the whole text, as :meth:`LineIndex.span` gives it (without building an index)."""
    last_line_start = text.rfind("\n") + 1
    end = Position(text.count("\n") + 1, len(text) - last_line_start + 1, len(text))
    return Span(Position(1, 1, 0), end)


def _first_string(ref: PyKeyRef) -> PyLiteral:
    return next(literal for literal in ref.literals if literal.is_string)


def _occurrence(ref: PyKeyRef, index: LineIndex) -> Occurrence:
    first = _first_string(ref)
    path = tuple(segment for literal in ref.literals for segment in literal.segments)
    return Occurrence(
        path=path,
        found=first.value if ref.kind != "chain" else _join(path),
        key_span=index.span(first.start, first.end),
        value_span=None,
        value_kind="scalar",
        form="literal",
    )


def _join(path: tuple[str, ...]) -> str:
    """``("a", "[0]", "b")`` -> ``a[0].b``."""
    out: list[str] = []
    for segment in path:
        if out and _INDEX.fullmatch(segment):
            out[-1] += segment
        else:
            out.append(segment)
    return ".".join(out)
