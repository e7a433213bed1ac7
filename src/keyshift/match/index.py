"""One matrix's rules indexed for matching, built once per run: key patterns in a trie, env-var names in
an :class:`~keyshift.match.envindex.EnvIndex`, and the rules with required keys or value rules.

An occurrence is only tried against the rules its path can match, so the cost of matching grows with
the file, not with the matrix.  Rules are named by their position in ``matrix.keys``: sorting by it
keeps matches in matrix order.  The index is plain data (it pickles, for worker processes).
"""

from __future__ import annotations

from collections.abc import Sequence

from keyshift.core.keypath import WILDCARDS
from keyshift.match.envindex import EnvIndex
from keyshift.match.trie import KeyTrie
from keyshift.matrix import KeyRule, Matrix


class MatrixIndex:
    """A matrix's rules by key path (normalised as the product compares keys) and by env-var name."""

    __slots__ = ("_keys", "_prefixed", "_trie", "env", "matrix", "required", "rules")

    def __init__(self, matrix: Matrix) -> None:
        self.matrix = matrix
        self.rules: tuple[KeyRule, ...] = matrix.keys
        normalize = matrix.product.normalizer()
        self._keys = tuple(
            tuple(s if normalize is None or s in WILDCARDS else normalize(s) for s in rule.pattern.segments)
            for rule in self.rules
        )
        """Each rule's key as it is compared (wildcards kept)."""
        self._trie = KeyTrie(self._keys)
        self.env = EnvIndex(matrix.product, self.rules)
        self.required: tuple[KeyRule, ...] = tuple(rule for rule in self.rules if rule.required is not None)
        """The rules with a required key, in matrix order."""
        self._prefixed: dict[tuple[str, ...], frozenset[int]] = {}

    def positions(self, npath: Sequence[str]) -> tuple[int, ...]:
        """The positions of the rules whose key matches ``npath`` (a normalised path), ascending."""
        return self._trie.lookup(npath)

    def first_dotted(self, npath: Sequence[str]) -> KeyRule | None:
        """The first rule of two or more segments whose key matches ``npath``."""
        for position in self._trie.lookup(npath):
            rule = self.rules[position]
            if len(rule.pattern.segments) >= 2:
                return rule
        return None

    def prefixed(self, nprefix: tuple[str, ...]) -> frozenset[int]:
        """The positions of the rules whose key starts with ``nprefix`` (normalised; a wildcard only
        matches a wildcard here): the rules a prefixed product file holds relative to its prefix."""
        found = self._prefixed.get(nprefix)
        if found is None:
            size = len(nprefix)
            found = frozenset(position for position, key in enumerate(self._keys) if key[:size] == nprefix)
            self._prefixed[nprefix] = found
        return found
