"""The dotted-key rule shared by the JSON, YAML and INI adapters, the occurrences it gives, and the bound
on key depth every adapter keeps.

A key (or an INI section name) is split on dots into path segments unless a segment would be
empty: ``a.b`` is ``("a", "b")``; ``.hidden``, ``a..b`` and ``a.`` stay one segment.  The
``.properties`` adapter splits off ``[N]`` indexes too, so it keeps its own rule.
"""

from __future__ import annotations

from keyshift.core.model import ConfigSyntaxError, Occurrence, Scalar, Span, ValueKind

MAX_KEY_DEPTH = 100
"""The most segments a key path has, in every format: nesting and dotted segments counted together
(``a.b: {c: 1}`` is three deep, a sequence element one more).  In a config file a deeper key, or
collections nested deeper, is a syntax error there; in source code and plain text a longer dotted name
is not taken for a key.  Each level of a key is an occurrence holding its whole path: the bound keeps
memory and time linear in the size of a file."""

KEY_TOO_DEEP = f"a key deeper than {MAX_KEY_DEPTH} levels (nesting and dotted segments together) is not supported"
NESTING_TOO_DEEP = f"nesting deeper than {MAX_KEY_DEPTH} levels is not supported"


def check_key_depth(depth: int, span: Span) -> None:
    """Refuse a key path of ``depth`` segments deeper than :data:`MAX_KEY_DEPTH`, at the key's ``span``."""
    if depth > MAX_KEY_DEPTH:
        raise ConfigSyntaxError(KEY_TOO_DEEP, span.start.line, span.start.column)


def split_dotted_key(key: str) -> tuple[str, ...]:
    """The path segments a key stands for (``"a.b"`` is ``("a", "b")``, ``".x"`` stays whole)."""
    parts = tuple(key.split("."))
    return (key,) if "" in parts else parts


def key_occurrences(
    path: tuple[str, ...],
    found: str,
    segments: tuple[str, ...],
    key_span: Span,
    value_span: Span,
    value_kind: ValueKind,
    value: Scalar,
    document: int = 0,
) -> list[Occurrence]:
    """The occurrences of a mapping key of ``segments`` under ``path`` (spelled ``found``).

    An ``implicit`` mapping for each shorter prefix of a dotted key, sharing the key's spans, then
    the key's own occurrence (the last one, whose path and spelling its children extend).  A path
    deeper than :data:`MAX_KEY_DEPTH` raises :class:`ConfigSyntaxError` at the key.
    """
    check_key_depth(len(path) + len(segments), key_span)
    prefix = found + "." if found else ""
    occurrences = [
        Occurrence(
            path=path + segments[:depth],
            found=prefix + ".".join(segments[:depth]),
            key_span=key_span,
            value_span=value_span,
            value_kind="mapping",
            document=document,
            implicit=True,
        )
        for depth in range(1, len(segments))
    ]
    occurrences.append(
        Occurrence(
            path=path + segments,
            found=prefix + ".".join(segments),
            key_span=key_span,
            value_span=value_span,
            value_kind=value_kind,
            value=value,
            document=document,
        )
    )
    return occurrences


def element_occurrence(
    path: tuple[str, ...], found: str, index: int, span: Span, value_kind: ValueKind, value: Scalar, document: int = 0
) -> Occurrence:
    """The occurrence of element ``index`` of the sequence at ``path``; its span is the element's."""
    check_key_depth(len(path) + 1, span)
    return Occurrence(
        path=(*path, f"[{index}]"),
        found=f"{found}[{index}]",
        key_span=span,
        value_span=span,
        value_kind=value_kind,
        value=value,
        document=document,
        is_element=True,
    )
