"""What every matching function needs to know about one file and the product it is checked against."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from keyshift.core.model import ParsedFile, Scalar
from keyshift.core.positions import LineIndex
from keyshift.core.values import values_equal
from keyshift.formats import FormatTraits, format_info
from keyshift.match.envindex import EnvIndex
from keyshift.match.index import MatrixIndex
from keyshift.match.model import FileRole
from keyshift.matrix import Product

RootValues = dict[tuple[str, ...], Scalar]
"""A document's scalar values by normalised path, for ``when`` conditions."""


@dataclass(frozen=True, eq=False)
class MatchContext:
    """One parsed file, how it relates to the product, and the product's rules for matching it."""

    parsed: ParsedFile[Any]
    display: str
    role: FileRole
    traits: FormatTraits
    normalize: Callable[[str], str] | None
    """The product's key normaliser (relaxed binding), None when keys compare as written."""

    @classmethod
    def build(cls, parsed: ParsedFile[Any], display: str, role: FileRole) -> MatchContext:
        product = role.matrix.product
        return cls(parsed, display, role, format_info(parsed.format).traits, product.normalizer())

    @property
    def product(self) -> Product:
        return self.role.matrix.product

    @property
    def index(self) -> MatrixIndex:
        return self.role.index

    @property
    def env(self) -> EnvIndex:
        """The product's env-var names (empty when it has no env forms)."""
        return self.role.index.env

    @property
    def to(self) -> str:
        return self.role.to_version

    @property
    def prefix(self) -> tuple[str, ...]:
        return self.role.prefix

    @property
    def relaxed(self) -> bool:
        return self.normalize is not None

    @property
    def typed(self) -> bool:
        return self.parsed.typed

    @cached_property
    def lines(self) -> LineIndex:
        """Positions of the file's text, built only when a match needs one."""
        return LineIndex(self.parsed.text)

    def reached(self, version: str | None) -> bool:
        """Whether ``version`` is at or before the target version."""
        return version is not None and self.product.order.le(version, self.to)

    def npath(self, path: Iterable[str]) -> tuple[str, ...]:
        """A path in normalised form, the form paths are compared in."""
        if self.normalize is None:
            return tuple(path)
        return tuple(self.normalize(s) for s in path)

    def conditions_hold(
        self, conditions: Sequence[tuple[tuple[str, ...], tuple[Scalar, ...]]], root_values: RootValues
    ) -> bool:
        """Whether every ``when`` condition holds: its key is set, to one of the values it names."""
        for path, wanted in conditions:
            key = self.npath(path)
            if key not in root_values:
                return False
            found = root_values[key]
            if not any(values_equal(found, option, self.typed) for option in wanted):
                return False
        return True
