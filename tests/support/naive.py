"""A naive reference for the matrix index and the prefilter: every rule tried against every path and
name, every file let through, as the matcher did before rules were indexed.  Tests compare the indexed
matcher with it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from keyshift.check.prefilter import Prefilter
from keyshift.check.roles import Product
from keyshift.match import MatrixIndex
from keyshift.matrix import KeyRule, Matrix
from keyshift.matrix.envnames import EnvRule, compared_name, env_rules

PASS_ALL = Prefilter(always=True)


class NaiveEnv:
    """Env rules tried in matrix order, the first match deciding."""

    def __init__(self, matrix: Matrix) -> None:
        self.product = matrix.product
        self.rules = tuple(env_rules(matrix.product, matrix.keys)) if matrix.product.env else ()

    def __bool__(self) -> bool:
        return bool(self.rules)

    def find(self, name: str) -> tuple[EnvRule, tuple[str, ...]] | None:
        wanted = compared_name(self.product, name)
        for env_rule in self.rules:
            captures = env_rule.match(wanted)
            if captures is not None:
                return env_rule, captures
        return None


class NaiveIndex(MatrixIndex):
    """A :class:`MatrixIndex` whose lookups try every rule's pattern."""

    __slots__ = ()

    def __init__(self, matrix: Matrix) -> None:
        super().__init__(matrix)
        self.env = NaiveEnv(matrix)  # type: ignore[assignment]

    def positions(self, npath: Sequence[str]) -> tuple[int, ...]:
        # npath is already normalised, and normalising twice changes nothing
        normalize = self.matrix.product.normalizer()
        return tuple(p for p, rule in enumerate(self.rules) if rule.pattern.match(npath, normalize) is not None)

    def first_dotted(self, npath: Sequence[str]) -> KeyRule | None:
        normalize = self.matrix.product.normalizer()
        for rule in self.rules:
            if len(rule.pattern.segments) >= 2 and rule.pattern.match(npath, normalize) is not None:
                return rule
        return None


def naive_products(products: Sequence[Product]) -> list[Product]:
    """The same products with the naive index and no prefilter."""
    return [replace(product, index=NaiveIndex(product.matrix), prefilter=PASS_ALL) for product in products]
