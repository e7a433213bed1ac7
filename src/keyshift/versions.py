"""Version ordering for deprecation matrices.

Versions compare as version numbers (``v1.22`` == ``1.22`` == ``1.22.0``; ``3.0rc1`` < ``3.0``) unless
a product lists its versions explicitly, in which case that list is the order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_VERSION = re.compile(r"^[vV]?(?P<release>\d+(?:\.\d+)*)(?P<suffix>[-._+]?[0-9A-Za-z.\-_+]*)?$")
_SUFFIX_PART = re.compile(r"\d+|[A-Za-z]+")

# pre-release labels sort before the release itself; anything else sorts after it
_PRE_RELEASE = {"dev": 0, "a": 1, "alpha": 1, "b": 2, "beta": 2, "pre": 3, "c": 3, "rc": 3}


class VersionError(ValueError):
    """A version string that cannot be placed in the product's order."""


VersionKey = tuple[object, ...]


def normalize(version: str) -> str:
    """Strip a leading ``v`` so that ``v1.22`` and ``1.22`` name the same version."""
    text = version.strip()
    if text[:1] in ("v", "V") and text[1:2].isdigit():
        return text[1:]
    return text


def numeric_key(version: str) -> VersionKey:
    """A sort key for a version number; raises VersionError for text that is not one."""
    match = _VERSION.match(version.strip())
    if match is None:
        raise VersionError(f"{version!r} is not a version number (expected something like 3.0 or v1.22.1)")
    release = [int(part) for part in match["release"].split(".")]
    while len(release) > 1 and release[-1] == 0:
        release.pop()
    suffix = (match["suffix"] or "").lstrip("-._+")
    if not suffix:
        # a final release sorts after its pre-releases and before its post-releases
        return (tuple(release), 1, ())
    parts = _SUFFIX_PART.findall(suffix.lower())
    label = parts[0] if parts else ""
    rank = 0 if label in _PRE_RELEASE else 2
    tail = tuple((0, int(p), "") if p.isdigit() else (1, _PRE_RELEASE.get(p, 99), p) for p in parts)
    return (tuple(release), rank, tail)


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
        raise VersionError(f"{version!r} is not one of the product's versions ({', '.join(self.explicit)})")

    def check(self, version: str) -> None:
        """Raise VersionError if the version cannot be ordered."""
        self.key(version)

    def le(self, a: str, b: str) -> bool:
        return self.key(a) <= self.key(b)

    def lt(self, a: str, b: str) -> bool:
        return self.key(a) < self.key(b)

    def newest(self, versions: Sequence[str]) -> str | None:
        return max(versions, key=self.key, default=None)
