"""Environment-variable names looked up by index: the first key rule (in matrix order) whose env form a
name is, found without trying every rule.

Literal forms are one dictionary.  Wildcard forms are filed in a character trie under the literal
text they start with, so a name is only tried against the forms whose start it shares (a form that
starts with a wildcard is tried against every name).
"""

from __future__ import annotations

from collections.abc import Sequence

from keyshift.matrix import KeyRule, Product
from keyshift.matrix.envnames import EnvRule, compared_name, env_rules


class _Start:
    """A node of the character trie: the wildcard forms whose literal start ends here."""

    __slots__ = ("next", "positions")

    def __init__(self) -> None:
        self.next: dict[str, _Start] = {}
        self.positions: list[int] = []


class EnvIndex:
    """A product's env rules (matrix order), by exact name and by literal start."""

    __slots__ = ("_by_name", "_product", "_starts", "rules")

    def __init__(self, product: Product, rules: Sequence[KeyRule]) -> None:
        self._product = product
        self.rules = tuple(env_rules(product, rules)) if product.env else ()
        self._by_name: dict[str, int] = {}
        self._starts = _Start()
        for position, env_rule in enumerate(self.rules):
            if env_rule.regex is None:
                self._by_name.setdefault(env_rule.form.chunks[0], position)
                continue
            node = self._starts
            for char in env_rule.form.chunks[0]:
                node = node.next.setdefault(char, _Start())
            node.positions.append(position)

    def __bool__(self) -> bool:
        return bool(self.rules)

    def find(self, name: str) -> tuple[EnvRule, tuple[str, ...]] | None:
        """The first env rule ``name`` is the env form of, with its wildcard captures."""
        wanted = compared_name(self._product, name)
        first = self._by_name.get(wanted)
        for position in sorted(self._candidates(wanted)):
            if first is not None and first < position:
                break
            captures = self.rules[position].match(wanted)
            if captures is not None:
                return self.rules[position], captures
        return None if first is None else (self.rules[first], ())

    def _candidates(self, wanted: str) -> list[int]:
        """Wildcard forms whose literal start ``wanted`` starts with."""
        node = self._starts
        found = list(node.positions)
        for char in wanted:
            after = node.next.get(char)
            if after is None:
                break
            node = after
            found.extend(node.positions)
        return found
