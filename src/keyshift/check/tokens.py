"""The tokens of a file's text that the prefilter looks for, computed once per file for every product.

* Exact binding: the runs of ASCII letters and digits (``dten``, ``hybrid``, ``DTEN``, ``HYBRID``).
* Relaxed binding (case, ``-`` and ``_`` do not matter): the runs of ``[a-z0-9_-]`` of the
  lower-cased text with ``-`` and ``_`` dropped (``data-source`` and ``DATA_SOURCE`` are
  ``datasource``), and the same runs split at ``-`` first (``$SPRING_X-y`` names ``SPRING_X``).

Every parser ends a key's segment and an env-var name at a character outside these runs (a quote, a
colon, a dot, a space, ``=``, ``$``, a bracket), so the runs of a segment as written are whole tokens
of the text.  Escape sequences (``\\x2e``, ``\\u0041``, a properties line continuation) are decoded
into a second reading of the text whose tokens count too; under relaxed binding a text with
non-ASCII characters is also read lower-cased first (a few characters lower-case to ASCII letters).
Tokens are bytes: the text is encoded once and cut with a byte translation and a split, in C.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

_ALNUM = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_EXACT = bytes(c if c in _ALNUM else 0x20 for c in range(256))
"""Letters and digits kept, every other byte (non-ASCII included) a space."""
_FOLDED = bytes(c + 0x20 if 0x41 <= c <= 0x5A else c if c in _ALNUM or c in b"-_" else 0x20 for c in range(256))
"""Lower-cased letters, digits, ``-`` and ``_`` kept, every other byte a space."""
TOKEN_RUN = re.compile(r"[A-Za-z0-9]+")
"""A token of a needle (a segment or an env-var name, folded when relaxed): the runs the text is cut into."""
_ESCAPE = re.compile(
    r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([0-7]{1,3})|\r?\n[ \t\f]*|(.))", re.S
)


def token_runs(text: str) -> list[bytes]:
    """The letter-and-digit runs of a needle (a segment or an env-var name, folded when relaxed)."""
    return [run.encode() for run in TOKEN_RUN.findall(text)]


class TextTokens:
    """One text's tokens, each kind computed when a product first asks for it."""

    def __init__(self, text: str) -> None:
        self.text = text

    def words(self, relaxed: bool) -> list[bytes]:
        return self._relaxed if relaxed else self._exact

    def word_set(self, relaxed: bool) -> set[bytes]:
        return self._relaxed_set if relaxed else self._exact_set

    def may_hold_any(self, needles: Iterable[bytes], relaxed: bool) -> bool:
        """Whether any needle occurs anywhere in the text, as a substring (a whole token always does): a
        screen that costs a few substring searches, before the text is cut into tokens.  True where an
        escape sequence (a second reading) or non-ASCII case folding could make a token the bytes lack."""
        if "\\" in self.text or (relaxed and not self.text.isascii()):
            return True
        haystack = self._screen_relaxed if relaxed else self._readings[0]
        return any(needle in haystack for needle in needles)

    @cached_property
    def _screen_relaxed(self) -> bytes:
        # every relaxed token is a run of this text between non-token bytes
        return self._readings[0].translate(_FOLDED, b"_").replace(b"-", b"")

    def joined(self, relaxed: bool) -> bytes:
        """The distinct tokens between spaces (`` a b c ``): where affix needles are searched."""
        return self._relaxed_joined if relaxed else self._exact_joined

    @cached_property
    def _readings(self) -> tuple[bytes, ...]:
        text = self.text
        readings = [text.encode("utf-8", "surrogatepass")]
        if "\\" in text:
            readings.append(_ESCAPE.sub(_unescape, text).encode("utf-8", "surrogatepass"))
        return tuple(readings)

    @cached_property
    def _exact(self) -> list[bytes]:
        tokens: list[bytes] = []
        for reading in self._readings:
            tokens += reading.translate(_EXACT).split()
        return tokens

    @cached_property
    def _relaxed(self) -> list[bytes]:
        readings = list(self._readings)
        if not self.text.isascii():
            readings.append(self.text.lower().encode("utf-8", "surrogatepass"))
        tokens: list[bytes] = []
        for reading in readings:
            runs = reading.translate(_FOLDED, b"_")
            tokens += runs.replace(b"-", b"").split()
            if b"-" in runs:
                tokens += runs.replace(b"-", b" ").split()
        return tokens

    @cached_property
    def _exact_set(self) -> set[bytes]:
        return set(self._exact)

    @cached_property
    def _relaxed_set(self) -> set[bytes]:
        return set(self._relaxed)

    @cached_property
    def _exact_joined(self) -> bytes:
        return b" " + b" ".join(self._exact_set) + b" "

    @cached_property
    def _relaxed_joined(self) -> bytes:
        return b" " + b" ".join(self._relaxed_set) + b" "


_SPACES = frozenset("ntrf ")
"""Escaped characters that stand for white space in every format (``\\t``): a separator."""


def _unescape(escape: re.Match[str]) -> str:
    """An escape sequence as the character it stands for (a line continuation as nothing, any other
    escaped character as itself, as in Java properties)."""
    hex_code = escape[1] or escape[2] or escape[3]
    if hex_code:
        return chr(min(int(hex_code, 16), 0x10FFFF))
    if escape[4]:
        return chr(int(escape[4], 8))
    char = escape[5] or ""
    return " " if char in _SPACES else char
