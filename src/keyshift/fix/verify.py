"""Verifying a pass: the fixed text, parsed again, must be the old one with exactly the intended changes.

Each document is compared by its leaves (scalar entries: path and value): the leaves the requests
should leave are worked out from the parse before the pass, and must be what the new parse holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from keyshift.core.edits import DocumentPath, FixRequest
from keyshift.core.keypath import join_path
from keyshift.core.model import ConfigSyntaxError, Occurrence, ParsedFile, Scalar
from keyshift.core.values import scalar_text, typed_text
from keyshift.fix.select import Proposal
from keyshift.formats import format_info, get_parser

Leaves = Counter[tuple[tuple[str, ...], str]]
"""The scalar entries of one document, as (path, value) with how often each occurs."""


def verify_pass(parsed: Mapping[str, ParsedFile[Any]], new_text: str, accepted: Sequence[Proposal]) -> str | None:
    """None when ``new_text`` holds exactly the accepted changes for every format, else what is wrong."""
    by_format: dict[str, list[FixRequest]] = {}
    for item in accepted:
        by_format.setdefault(item.format_name, []).append(item.option.request)
    for format_name, requests in by_format.items():
        problem = verify(parsed[format_name], new_text, requests)
        if problem is not None:
            return problem
    return None


def verify(before: ParsedFile[Any], after_text: str, applied: Sequence[FixRequest]) -> str | None:
    """None when ``after_text`` is ``before`` with exactly the applied changes, else what is wrong."""
    try:
        after_text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # a key or value read from an escape ("\\ud800" in JSON) written back as the character itself
        code = ord(after_text[exc.start])
        return f"the fixed file would hold a lone surrogate (\\u{code:04x}), which UTF-8 cannot encode"
    try:
        after = get_parser(before.format, round_trip=True)(after_text)
    except ConfigSyntaxError as error:
        return f"the fixed file would not parse ({error})"
    first_document = not before.documents and all(r.op == "add" and r.document == 0 for r in applied)
    if len(after.documents) != len(before.documents) and not (first_document and len(after.documents) == 1):
        return "the fixed file would have a different number of documents"
    return _set_twice(before, after, applied) or _unexpected_change(before, after, applied)


def _set_twice(before: ParsedFile[Any], after: ParsedFile[Any], applied: Sequence[FixRequest]) -> str | None:
    """A key a request writes that the fixed file would set more often than the old one did."""
    # a script sets and exports one variable in several places; a config file sets a key once
    if format_info(before.format).traits.code:
        return None
    counts_before, counts_after = _KeyCounts(before), _KeyCounts(after)
    for request in applied:
        target = request.written_key()
        if target is None or target[0] >= len(after.documents):
            continue
        if counts_after.count(target) > max(counts_before.count(target), 1):
            return f"the fixed file would set {join_path(target[1])} twice"
    return None


def _unexpected_change(before: ParsedFile[Any], after: ParsedFile[Any], applied: Sequence[FixRequest]) -> str | None:
    for index, (want, got) in enumerate(zip(_expected(before, applied), _leaves(after), strict=True)):
        if want != got:
            missing = sorted(join_path(p) for p, _ in (want - got))
            extra = sorted(join_path(p) for p, _ in (got - want))
            where = f" in document {index + 1}" if len(before.documents) > 1 else ""
            return f"the fixed file would differ unexpectedly{where} (lost: {missing or '-'}, gained: {extra or '-'})"
    return None


class _KeyCounts:
    """How often each key is set in each document of a parse, counted once (on first use) for all requests."""

    def __init__(self, parsed: ParsedFile[Any]) -> None:
        self.parsed = parsed
        self.counts: dict[int, Counter[tuple[str, ...]]] = {}

    def count(self, target: DocumentPath) -> int:
        document, path = target
        if document >= len(self.parsed.documents):
            return 0
        if document not in self.counts:
            self.counts[document] = Counter(
                o.path
                for o in self.parsed.documents[document].occurrences
                if o.form == "key" and not o.implicit and not o.is_element
            )
        return self.counts[document][path]


def _leaves(parsed: ParsedFile[Any]) -> list[Leaves]:
    return [
        Counter(
            (o.path, _value_key(o.value, parsed.typed))
            for o in document.occurrences
            if not o.implicit and o.value_kind == "scalar"
        )
        for document in parsed.documents
    ]


def _value_key(value: Scalar, typed: bool) -> str:
    """Values as the format holds them: typed formats keep the type, the others only the text."""
    return typed_text(value) if typed else scalar_text(value)


def _expected(before: ParsedFile[Any], applied: Sequence[FixRequest]) -> list[Leaves]:
    """The leaves ``before`` should have once the applied requests are made.

    A scalar entry changes just its own leaf (a path can occur several times: a shell variable set
    and exported, a key and its references); an entry holding a mapping or sequence moves its whole
    subtree.  A literal or token renamed inside another entry's value changes that value too.
    """
    expected = _leaves(before)
    while len(expected) <= max((r.document for r in applied if r.op == "add"), default=-1):
        expected.append(Counter())  # keys added to a file that had no document yet
    for request in applied:
        if request.document < len(expected):
            _expect(before, request, expected[request.document])
    return [+leaves for leaves in expected]  # without the zero counts


def _expect(before: ParsedFile[Any], request: FixRequest, leaves: Leaves) -> None:
    """Change ``leaves`` (of the request's document) as the request changes them."""
    occurrence = request.occurrence
    if occurrence is None:
        if request.op == "add" and request.new_path is not None:
            leaves[(request.new_path, _value_key(request.value, before.typed))] += 1
    elif occurrence.value_kind == "scalar" and not occurrence.implicit:
        _expect_scalar(before, request, occurrence, leaves)
    else:
        _expect_subtree(request, occurrence.path, leaves)


def _expect_scalar(before: ParsedFile[Any], request: FixRequest, occurrence: Occurrence, leaves: Leaves) -> None:
    typed = before.typed
    own = (occurrence.path, _value_key(occurrence.value, typed))
    if leaves[own] > 0:
        leaves[own] -= 1
    if request.op == "rename" and request.new_path is not None:
        value = _value_key(request.value, typed) if request.has_value else own[1]
        leaves[(tuple(request.new_path), value)] += 1
        if occurrence.form != "key":
            _rename_inside_values(before, request, leaves)
    elif request.op == "set-value":
        leaves[(occurrence.path, _value_key(request.value, typed))] += 1


def _expect_subtree(request: FixRequest, old: tuple[str, ...], leaves: Leaves) -> None:
    """An entry holding a mapping or sequence: its leaves go (a delete) or move with it (a rename)."""
    moved: Leaves = Counter()
    for (path, value), count in list(leaves.items()):
        if path[: len(old)] != old:
            continue
        del leaves[(path, value)]
        if request.op == "rename" and request.new_path is not None:
            moved[((*request.new_path, *path[len(old) :]), value)] += count
    leaves.update(moved)


def _rename_inside_values(before: ParsedFile[Any], request: FixRequest, leaves: Leaves) -> None:
    """A token renamed inside the written value of a key (``OPTS="--set a.b=1"``) changes that value."""
    token = request.occurrence
    assert token is not None and request.new_path is not None
    start, end = token.key_span.start.offset, token.key_span.end.offset
    new_text = join_path(request.new_path)
    for holder in before.documents[request.document].occurrences:
        span = holder.value_span
        if holder.form != "key" or holder.value_kind != "scalar" or not isinstance(holder.value, str) or span is None:
            continue
        if not (span.start.offset <= start and end <= span.end.offset):
            continue
        old_key = (holder.path, _value_key(holder.value, before.typed))
        if leaves[old_key] > 0:
            leaves[old_key] -= 1
            renamed = holder.value.replace(token.found, new_text, 1)
            leaves[(holder.path, _value_key(renamed, before.typed))] += 1
