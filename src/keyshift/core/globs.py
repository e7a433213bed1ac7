"""Gitignore-style globs, compiled in one place: product ``files``, ``--include``/``--exclude``, ``.gitignore``.

pathspec turns a glob into a regular expression; a glob it cannot read raises its own ``ValueError``, and one
whose regex does not compile (a reversed range, ``[z-a]``) raises ``re.error``.  Both become
:class:`InvalidGlob` here, so every caller can refuse a bad glob where it is written.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Callable, Sequence

from pathspec import GitIgnoreSpec

GLOB_ERRORS: tuple[type[Exception], ...] = (ValueError, re.error, RecursionError)
"""What compiling a glob can raise."""


class InvalidGlob(ValueError):
    """An include, exclude or product ``files`` glob that is not a valid gitignore-style pattern."""

    def __init__(self, pattern: str, detail: str) -> None:
        super().__init__(f"invalid glob {pattern!r}: {detail}")
        self.pattern = pattern
        self.detail = detail

    def __reduce__(self) -> tuple[type[InvalidGlob], tuple[str, str]]:
        # raised in a worker process (a product glob), it must come back whole to the scanning one
        return InvalidGlob, (self.pattern, self.detail)


def compile_lines(lines: Sequence[str]) -> GitIgnoreSpec:
    """pathspec's spec for ``lines``; raises one of :data:`GLOB_ERRORS` for a line it cannot compile."""
    with warnings.catch_warnings():
        # "Possible nested set" (a glob holding "[["): the glob still means what it says today
        warnings.simplefilter("ignore", FutureWarning)
        return GitIgnoreSpec.from_lines(list(lines))


@functools.lru_cache(maxsize=256)
def compile_globs(globs: tuple[str, ...]) -> GitIgnoreSpec:
    """The spec for ``globs``; raises :class:`InvalidGlob` naming the first glob that does not compile."""
    for glob in globs:
        try:
            compile_lines([glob])
        except GLOB_ERRORS as exc:
            raise InvalidGlob(glob, _detail(exc)) from None
    return compile_lines(globs)


def _detail(exc: Exception) -> str:
    if isinstance(exc, re.error):
        return exc.msg  # without "at position N": a position in pathspec's regex, not in the glob
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)


def glob_problem(glob: str) -> str | None:
    """Why ``glob`` cannot be used, or None when it compiles."""
    try:
        compile_globs((glob,))
    except InvalidGlob as exc:
        return exc.detail
    return None


def matches_globs(relative: str, globs: Sequence[str]) -> bool:
    """Whether a posix path (relative to a scanned root) matches any gitignore-style glob.

    A glob without a slash matches at any depth (``values.yaml``), one with a slash is anchored
    to the root (``conf/*.toml``), ``**`` spans directories, ``!glob`` re-excludes.  Raises
    :class:`InvalidGlob` for a malformed glob.
    """
    if not globs:
        return False
    return bool(compile_globs(tuple(globs)).match_file(relative))


@functools.lru_cache(maxsize=1024)
def glob_matcher(glob: str) -> Callable[[str], bool]:
    """:func:`matches_globs` for one glob, compiled once: the glob's own regex, without pathspec's
    per-call path normalisation (relative paths here are normalised posix paths already)."""
    patterns = compile_globs((glob,)).patterns
    if len(patterns) != 1:
        return lambda relative: matches_globs(relative, (glob,))
    pattern = patterns[0]
    regex = getattr(pattern, "regex", None)
    if pattern.include is None or regex is None:
        return lambda relative: False  # a comment or blank line: matches nothing
    if not pattern.include:
        return lambda relative: False  # a lone "!glob" re-excludes what nothing included
    return lambda relative: regex.match(relative) is not None
