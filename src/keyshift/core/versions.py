"""Version ordering for deprecation matrices.

Versions compare as version numbers (``v1.22`` == ``1.22`` == ``1.22.0``; ``3.0rc1`` < ``3.0``) unless
a product lists its versions explicitly, in which case that list is the order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from keyshift.core.numbers import NumberTooLong, whole_number

# ASCII digits only (``\d`` would accept other scripts' digits); the suffix is letters and digits,
# each optionally after one separator, so "1.2." and "1.2-" are not versions.  The possessive
# release and the one-character suffix steps keep a failing match linear (no backtracking blow-up).
_VERSION = re.compile(r"[vV]?(?P<release>[0-9]++(?:\.[0-9]++)*+)(?P<suffix>(?:[-._+]?[0-9A-Za-z])*)")
_SUFFIX_PART = re.compile(r"[0-9]+|[A-Za-z]+")

# pre-release labels sort before the release itself; anything else sorts after it
_PRE_RELEASE = {
    "dev": 0,
    "snapshot": 0,
    "a": 1,
    "alpha": 1,
    "b": 2,
    "beta": 2,
    "pre": 3,
    "c": 3,
    "rc": 3,
}


MAX_NUMBER_DIGITS = 100
"""The longest number a version may hold (a date and time, ``20240131235959``, has 14 digits)."""


class VersionError(ValueError):
    """A version string that cannot be placed in the product's order."""


_SHOWN = 60


def shown(version: str, *, quoted: bool = True) -> str:
    """A version for a message (``repr`` when ``quoted``), cut in the middle when it is long."""
    if len(version) <= _SHOWN:
        return repr(version) if quoted else version
    head, tail = version[: _SHOWN // 2], version[-_SHOWN // 2 :]
    if quoted:
        head, tail = repr(head), repr(tail)
    return f"{head}...{tail} ({len(version):,} characters)"


VersionKey = tuple[object, ...]


def normalize(version: str) -> str:
    """Strip a leading ``v`` so that ``v1.22`` and ``1.22`` name the same version."""
    text = version.strip()
    if text[:1] in ("v", "V") and text[1:2].isascii() and text[1:2].isdigit():
        return text[1:]
    return text


def numeric_key(version: str) -> VersionKey:
    """A sort key for a version number; raises VersionError for text that is not one."""
    match = _VERSION.fullmatch(version.strip())
    if match is None:
        raise VersionError(f"{shown(version)} is not a version number (expected something like 3.0 or v1.22.1)")
    try:
        return _numeric_key(match)
    except NumberTooLong as exc:
        raise VersionError(f"{shown(version)} is not a version number: it holds {exc}") from None


def _numeric_key(match: re.Match[str]) -> VersionKey:
    release = [whole_number(part, limit=MAX_NUMBER_DIGITS) for part in match["release"].split(".")]
    while len(release) > 1 and release[-1] == 0:
        release.pop()
    suffix = (match["suffix"] or "").lstrip("-._+")
    if not suffix:
        # a final release sorts after its pre-releases and before its post-releases
        return (tuple(release), 1, ())
    parts = _SUFFIX_PART.findall(suffix.lower())
    label = parts[0] if parts else ""
    rank = 0 if label in _PRE_RELEASE else 2
    # known labels compare by rank only, so that "a" == "alpha" and "c" == "rc"
    tail = tuple(
        (0, whole_number(p, limit=MAX_NUMBER_DIGITS), "")
        if p.isdigit()
        else (1, _PRE_RELEASE[p], "")
        if p in _PRE_RELEASE
        else (1, 99, p)
        for p in parts
    )
    return (tuple(release), rank, tail)


def _numeric_or_none(version: str) -> VersionKey | None:
    try:
        return numeric_key(version)
    except VersionError:
        return None


@dataclass(frozen=True, slots=True)
class VersionOrder:
    """Orders the versions of one product: by an explicit list when given, else numerically."""

    explicit: tuple[str, ...] | None = None

    def key(self, version: str) -> VersionKey:
        if self.explicit is None:
            return numeric_key(version)
        wanted = normalize(version)
        for index, known in enumerate(self.explicit):
            if normalize(known) == wanted:
                return (index,)
        # "3.0.0" names the listed "3.0" (only when no entry is spelled exactly so)
        wanted_key = _numeric_or_none(version)
        if wanted_key is not None:
            for index, known in enumerate(self.explicit):
                if _numeric_or_none(known) == wanted_key:
                    return (index,)
        raise VersionError(f"{shown(version)} is not one of the product's versions ({', '.join(self.explicit)})")

    def check(self, version: str) -> None:
        """Raise VersionError if the version cannot be ordered."""
        self.key(version)

    def le(self, a: str, b: str) -> bool:
        return self.key(a) <= self.key(b)

    def lt(self, a: str, b: str) -> bool:
        return self.key(a) < self.key(b)

    def newest(self, versions: Sequence[str]) -> str | None:
        return max(versions, key=self.key, default=None)
