"""Dotted key paths and the wildcard patterns of the matrix.

A matrix key such as ``spring.redis.**`` or ``spec.rules[0].host`` is parsed into segments;
``*`` matches exactly one segment of an occurrence path and ``**`` one or more.  The segments a
wildcard matched are substituted, in order, into a ``replaced-by`` pattern that uses the same
wildcards.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

WILDCARDS = ("*", "**")
_INDEX = re.compile(r"\[([0-9]+|\*)\]")
_INDEX_SEGMENT = re.compile(r"\[[0-9]+\]")


class KeyPathError(ValueError):
    """A key path that cannot be parsed."""


def split_key(key: str) -> tuple[str, ...]:
    """Split a dotted key into segments.

    Double-quoted segments keep their dots (``a."b.c".d``); ``x[0]`` becomes ``x``, ``[0]``.
    """
    segments: list[str] = []
    i, n = 0, len(key)
    if not key.strip():
        raise KeyPathError("empty key")
    while i < n:
        if key[i] == '"':
            end = key.find('"', i + 1)
            if end == -1:
                raise KeyPathError(f"unterminated quote in key {key!r}")
            segments.append(key[i + 1 : end])
            i = end + 1
        else:
            j = i
            while j < n and key[j] not in '.["]':
                j += 1
            if j > i:
                segments.append(key[i:j])
            elif key[j : j + 1] != "[":
                raise KeyPathError(f"empty segment in key {key!r}")
            i = j
        while i < n and key[i] == "[":
            match = _INDEX.match(key, i)
            if match is None:
                raise KeyPathError(f"bad index in key {key!r} (expected [N])")
            segments.append("*" if match[1] == "*" else f"[{match[1]}]")
            i = match.end()
        if i < n:
            if key[i] != ".":
                raise KeyPathError(f"unexpected {key[i]!r} in key {key!r}")
            i += 1
            if i == n:
                raise KeyPathError(f"key {key!r} ends with a dot")
    return tuple(segments)


def join_path(segments: Sequence[str]) -> str:
    """The dotted spelling of a path: ``("a", "[0]", "b.c")`` -> ``a[0]."b.c"``.

    A segment that :func:`split_key` would not read back as itself is quoted (one holding a ``"``
    cannot be, and is written as is).
    """
    out: list[str] = []
    for segment in segments:
        if _INDEX_SEGMENT.fullmatch(segment):
            if out:
                out[-1] += segment
            else:
                out.append(segment)
        elif not segment or any(c in segment for c in ".[]"):
            out.append(f'"{segment}"')
        else:
            out.append(segment)
    return ".".join(out)


def wildcards(segments: Sequence[str]) -> tuple[str, ...]:
    return tuple(s for s in segments if s in WILDCARDS)


Captures = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class KeyPattern:
    """A parsed matrix key; ``normalize`` is applied to both sides before comparing segments."""

    text: str
    segments: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> KeyPattern:
        return cls(text, split_key(text))

    @property
    def is_literal(self) -> bool:
        return not wildcards(self.segments)

    def literal_segments(self) -> tuple[str, ...]:
        return tuple(s for s in self.segments if s not in WILDCARDS and not s.startswith("["))

    def match(self, path: Sequence[str], normalize: Callable[[str], str] | None = None) -> Captures | None:
        """The captured segments per wildcard if ``path`` matches, else None."""
        pattern = self.segments
        if normalize is not None:
            pattern = tuple(s if s in WILDCARDS else normalize(s) for s in pattern)
            path = tuple(normalize(s) for s in path)
        return _match(pattern, tuple(path), 0, 0)

    def substitute(self, captures: Captures) -> tuple[str, ...]:
        """This pattern's segments with each wildcard replaced by what it captured."""
        out: list[str] = []
        groups = iter(captures)
        for segment in self.segments:
            if segment in WILDCARDS:
                group = next(groups, None)
                if group is None:
                    raise KeyPathError(f"{self.text!r} has more wildcards than there are captures")
                out.extend(group)
            else:
                out.append(segment)
        return tuple(out)


def _match(pattern: tuple[str, ...], path: tuple[str, ...], pi: int, si: int) -> Captures | None:
    if pi == len(pattern):
        return () if si == len(path) else None
    head = pattern[pi]
    if head == "**":
        return _match_run(pattern, path, pi, si)
    if si == len(path) or (head != "*" and head != path[si]):
        return None
    rest = _match(pattern, path, pi + 1, si + 1)
    if rest is None or head != "*":
        return rest
    return ((path[si],), *rest)


def _match_run(pattern: tuple[str, ...], path: tuple[str, ...], pi: int, si: int) -> Captures | None:
    """Match the ``**`` at ``pattern[pi]`` against one or more segments from ``path[si]`` on."""
    # try the longest run first so that a trailing ** takes everything
    for end in range(len(path), si, -1):
        rest = _match(pattern, path, pi + 1, end)
        if rest is not None:
            return (path[si:end], *rest)
    return None
