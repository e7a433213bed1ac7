"""Values that flow between pipeline stages: positions, key occurrences, findings and edits.

Everything here is a frozen dataclass so a stage can hand its output to the next one without
worrying about who else holds a reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

Severity = Literal["error", "warning", "info"]
Kind = Literal["removed", "renamed", "deprecated", "missing", "mismatch", "bad-value", "too-new", "parse-error"]
ValueKind = Literal["scalar", "mapping", "sequence"]
OccurrenceForm = Literal["key", "literal", "text"]
Scalar = str | int | float | bool | None

TreeT = TypeVar("TreeT")

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a decoded file: 1-based line and column (in characters), 0-based character offset.

    Offsets index the text handed to the parser, which never contains a leading UTF-8 BOM
    (the reader strips it and the writer puts it back).
    """

    line: int
    column: int
    offset: int


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of text."""

    start: Position
    end: Position


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One key (or sequence element) found in a config document.

    ``path`` is the full path from the document root, one item per segment; a sequence element
    is the segment ``"[N]"``.  Nested, dotted and mixed spellings of the same key have the same
    ``path``; ``found`` keeps the spelling as written (``"a.b.c"``, ``"a.b[0].c"``,
    ``'"x.y".z'`` for a quoted TOML key).
    """

    path: tuple[str, ...]
    found: str
    key_span: Span
    value_span: Span | None
    value_kind: ValueKind
    value: Scalar = None
    document: int = 0
    implicit: bool = False
    """True for the intermediate paths of a dotted key (``a`` and ``a.b`` of ``a.b.c: 1``)."""
    is_element: bool = False
    """True for a sequence element (its last path segment is ``[N]``)."""
    form: OccurrenceForm = "key"
    """``key``: a key of a config file.  ``literal``: a string literal in source code whose text (or a
    chain of literals) names a key, path split on dots; ``text``: a token found in plain text."""


@dataclass(frozen=True, slots=True)
class Document:
    """One document of a parsed file (YAML may hold several; every other format holds one)."""

    index: int
    span: Span
    occurrences: tuple[Occurrence, ...]
    root_kind: ValueKind | None = "mapping"


@dataclass(frozen=True, slots=True)
class ParsedFile(Generic[TreeT]):
    """The result of a format adapter: the documents and the adapter's own tree for its fixer.

    ``ParsedFile[YamlTree]`` is what the YAML parser returns and the YAML fixer takes, so a fixer
    never has to check what kind of tree it was handed.
    """

    format: str
    text: str
    documents: tuple[Document, ...]
    typed: bool = True
    """False for formats whose values are all strings (.properties, .env, INI)."""
    tree: TreeT = field(default=None, compare=False, repr=False)  # type: ignore[assignment]


class ConfigSyntaxError(Exception):
    """Raised by a format adapter for input it cannot parse; line and column are 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"{message} (line {line}, column {column})")
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text in ``[start, end)`` (character offsets) with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one file, ready to report."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    kind: Kind
    severity: Severity
    message: str
    key: str | None = None
    found: str | None = None
    replacement: Scalar = None
    since: str | None = None
    product: str | None = None
    confidence: Literal["high", "low"] = "high"
    reason: str | None = None
    url: str | None = None
    suggestion: str | None = None
    """What to do, in a few words: ``rename to dten.hybrid.enable``, ``set to true``."""
    rule_source: str | None = None
    """The matrix file or ``pack:NAME`` the rule came from (a product layered over a pack mixes two)."""
    source_line: str | None = None
    """The text of ``line`` in the file, without its line ending, for reporters that show context."""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.key or "")


@dataclass(frozen=True, slots=True)
class Notice:
    """A file or directory that was skipped, and why."""

    display: str
    reason: str


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """What ``fix`` did with one fixable finding: applied (with what), or not (and why)."""

    finding: Finding
    description: str
    applied: bool
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ProductTarget:
    """The versions one run checks a product against."""

    product: str
    from_version: str | None
    to_version: str


@dataclass(frozen=True, slots=True)
class RunSummary:
    """Counts that reporters print beside the findings."""

    files_scanned: int
    files_parsed: int
    files_skipped: int
    targets: tuple[ProductTarget, ...] = ()

    @staticmethod
    def count(findings: Sequence[Finding]) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in findings:
            counts[finding.severity] += 1
        return counts
