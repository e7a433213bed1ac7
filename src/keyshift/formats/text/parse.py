"""Plain-text adapter: whole-token dotted keys and environment-variable names in any text file.

Markdown, templates, Terraform, ... are not parsed: this module finds the tokens that can name a
config key and reports each as an occurrence of ``form="text"`` with ``value_kind="scalar"``, no
value and no value span.  The token scanners are shared with the Dockerfile and shell adapters.

Tokens:

* A dotted key is a maximal run ``segment(.segment)+`` where a segment is ``[A-Za-z0-9_-]+``
  optionally followed by ``[N]`` indexes (``spec.rules[0].host``).  It must not be preceded by
  ``[A-Za-z0-9_.$-]`` nor followed by ``[A-Za-z0-9_-]``; a ``.`` after it counts as sentence
  punctuation when no segment character follows that dot (``set dten.hybrid.enable.``).  So
  ``dten.hybrid.enable`` is not found inside ``dten.hybrid.enabled``, ``xdten.hybrid.enable`` or
  ``dten.hybrid.enable_v2``.  A run right after ``$`` is a shell expansion followed by text
  (``$LOG_DIR.old``), not a key.  The path splits on dots, an index becoming its own ``[N]``
  segment.
* An environment-variable name is a whole token ``[A-Z][A-Z0-9_]*_[A-Z0-9_]+`` not preceded or
  followed by ``[A-Za-z0-9_]`` (``$DTEN_X``, ``${DTEN_X}`` and ``DTEN_X=1`` all hold one); its path
  is the one segment ``(NAME,)``.  A dotted run with an environment-variable name as a segment is
  an env lookup or a file name (``process.env.DTEN_X``, ``{{ env.DTEN_X }}``, ``DTEN_HOME.bak``): only
  the name is reported, not the run as a dotted key.  A name inside a reported dotted token (as
  part of a segment such as ``a-DTEN_X.b``) belongs to that token only.
* A dotted run of more than :data:`~keyshift.formats._dotted.MAX_KEY_DEPTH` segments is no key, and
  no name inside it is one either.

``ParsedFile.tree`` is None: a fix needs only the occurrence's span.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate

from keyshift.core.model import Document, Occurrence, OccurrenceForm, ParsedFile, ValueKind
from keyshift.core.positions import LineIndex
from keyshift.formats._dotted import MAX_KEY_DEPTH

FORMAT = "text"

_SEGMENT = r"[A-Za-z0-9_\-]+(?:\[[0-9]+\])*"
DOTTED_TOKEN = re.compile(rf"(?<![A-Za-z0-9_\-.$])(?>{_SEGMENT}(?:\.{_SEGMENT})+)(?![A-Za-z0-9_\-]|\.[A-Za-z0-9_\-])")
"""A whole dotted-key token (the atomic group keeps a rejected run from matching a shorter prefix)."""

_UPPER_TOKEN = re.compile(r"(?<![A-Za-z0-9_])[A-Z][A-Z0-9_]*(?![A-Za-z0-9_])")
_PATH_PART = re.compile(r"\[[0-9]+\]|[^.\[]+")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def is_env_name(name: str) -> bool:
    """True for a name of the form ``[A-Z][A-Z0-9_]*_[A-Z0-9_]+``."""
    return _UPPER_TOKEN.fullmatch(name) is not None and "_" in name[1:-1]


def is_dotted_token(token: str) -> bool:
    """True when ``token`` on its own is a dotted-key token."""
    return DOTTED_TOKEN.fullmatch(token) is not None


def token_path(token: str) -> tuple[str, ...]:
    """``spec.rules[0].host`` -> ``("spec", "rules", "[0]", "host")``."""
    return tuple(_PATH_PART.findall(token))


def text_occurrence(
    lines: LineIndex, start: int, end: int, path: tuple[str, ...] | None = None, form: OccurrenceForm = "text"
) -> Occurrence:
    """An occurrence (``form="text"`` unless told otherwise) for the token at ``[start, end)``."""
    found = lines.text[start:end]
    return Occurrence(
        path=path if path is not None else (found,),
        found=found,
        key_span=lines.span(start, end),
        value_span=None,
        value_kind="scalar",
        value=None,
        form=form,
    )


def token_occurrences(lines: LineIndex, start: int = 0, end: int | None = None) -> list[Occurrence]:
    """Every dotted-key and environment-variable token in ``lines.text[start:end]``, in text order."""
    text = lines.text
    stop = len(text) if end is None else end
    found: list[Occurrence] = []
    dotted: list[tuple[int, int]] = []
    for match in DOTTED_TOKEN.finditer(text, start, stop):
        token = match[0]
        if token.count(".") + token.count("[") >= MAX_KEY_DEPTH:
            dotted.append(match.span())  # more segments than a key has: no key, nor a name inside it
            continue
        path = token_path(token)
        if any(is_env_name(segment) for segment in path):
            # process.env.DTEN_X, {{ env.DTEN_X }}, DTEN_HOME.bak: an env-var lookup, not a key
            continue
        dotted.append(match.span())
        found.append(text_occurrence(lines, match.start(), match.end(), path))
    cursor = 0
    for match in _UPPER_TOKEN.finditer(text, start, stop):
        if "_" not in match[0][1:-1]:
            continue
        while cursor < len(dotted) and dotted[cursor][1] <= match.start():
            cursor += 1
        if cursor < len(dotted) and dotted[cursor][0] <= match.start():
            continue
        found.append(text_occurrence(lines, match.start(), match.end()))
    found.sort(key=lambda o: o.key_span.start.offset)
    return found


def merge_occurrences(keys: Iterable[Occurrence], texts: Iterable[Occurrence]) -> tuple[Occurrence, ...]:
    """Key occurrences plus the text occurrences that overlap none of them (one per span), in text order."""
    kept = list(keys)
    taken = sorted((o.key_span.start.offset, o.key_span.end.offset) for o in kept)
    starts = [start for start, _ in taken]
    # the longest key span ending at or before each index: a span overlaps [a, b) iff some key
    # starting before b ends after a
    reach = list(accumulate((end for _, end in taken), max))
    seen: set[tuple[int, int]] = set()
    for occurrence in texts:
        span = (occurrence.key_span.start.offset, occurrence.key_span.end.offset)
        before = bisect_left(starts, span[1])
        if span in seen or (before > 0 and reach[before - 1] > span[0]):
            continue
        seen.add(span)
        kept.append(occurrence)
    kept.sort(key=lambda o: (o.key_span.start.offset, o.key_span.end.offset))
    return tuple(kept)


def whole_document(
    lines: LineIndex, occurrences: tuple[Occurrence, ...], root_kind: ValueKind | None = None
) -> Document:
    """The one document of a file, spanning all of it."""
    return Document(0, lines.span(0, len(lines.text)), occurrences, root_kind)


def parse(text: str) -> ParsedFile[None]:
    """Find every token that can name a key; never raises."""
    lines = LineIndex(text)
    occurrences = tuple(token_occurrences(lines))
    return ParsedFile(FORMAT, text, (whole_document(lines, occurrences),), typed=False)
