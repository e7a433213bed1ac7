"""The deprecation matrix as values: the product, its key rules and value rules, and MatrixError.

One matrix file describes one product (``[product]``) and its keys (``[keys."a.b.c"]``).  These
frozen values are what loading (:mod:`keyshift.matrix.load`) produces and the matcher reads.  Every
problem in a matrix stops the run: :class:`MatrixError` names the file, the line and the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from keyshift.core.keypath import KeyPattern
from keyshift.core.model import Scalar
from keyshift.core.values import format_scalar, scalar_text, values_equal
from keyshift.core.versions import VersionOrder

BINDINGS = ("exact", "relaxed")
"""The values of ``[product] binding``: how key segments are compared."""


class MatrixError(Exception):
    """An invalid matrix; ``str()`` is ``file:line: field: message``."""

    def __init__(self, source: str, line: int | None, field_name: str | None, message: str) -> None:
        self.source = source
        self.line = line
        self.field_name = field_name
        self.message = message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {field_name}: {message}" if field_name else f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class FileSpec:
    """One entry of ``[product] files``: a glob relative to the scanned root."""

    glob: str
    prefix: tuple[str, ...] = ()
    format: str | None = None


Condition = tuple[tuple[str, ...], tuple[Scalar, ...]]

FIX_CHOICES = ("default", "unsafe", "none")
"""The values of a rule's ``fix``: the fix keyshift would offer, only with ``--unsafe``, or none at all."""

KEY_TYPES = ("any", "scalar", "mapping", "list")
"""The values of a key rule's ``type``: what kind of value the rule is about."""


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One entry of ``[product] source``: a file a generated matrix was built from, and where it came from."""

    file: str
    repo: str | None = None
    ref: str | None = None
    commit: str | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class ValueRule:
    """A value of a key that was deprecated or removed (``[[keys."k".values]]``)."""

    value: Scalar = None
    pattern: re.Pattern[str] | None = None
    added: str | None = None
    deprecated: str | None = None
    removed: str | None = None
    replaced_by: Scalar = None
    reason: str | None = None
    url: str | None = None
    when: tuple[Condition, ...] = ()
    has_value: bool = True
    fix: str = "default"
    """:data:`FIX_CHOICES`: ``unsafe`` when the new value needs more than the value changed (a Kubernetes
    API version whose schema changed), ``none`` when a person must decide."""

    def matches(self, value: Scalar, typed: bool) -> bool:
        if self.pattern is not None:
            return isinstance(value, str) and self.pattern.search(value) is not None
        return values_equal(value, self.value, typed)

    def describe(self) -> str:
        return f"/{self.pattern.pattern}/" if self.pattern is not None else format_scalar(self.value)


@dataclass(frozen=True, slots=True)
class KeyRule:
    """Everything the matrix says about one key (pattern)."""

    key: str
    pattern: KeyPattern
    added: str | None = None
    deprecated: str | None = None
    removed: str | None = None
    required: str | None = None
    replaced_by: KeyPattern | None = None
    value_map: tuple[tuple[str, Scalar], ...] = ()
    expect: Scalar = None
    has_expect: bool = False
    reason: str | None = None
    url: str | None = None
    when: tuple[Condition, ...] = ()
    values: tuple[ValueRule, ...] = ()
    type: str = "any"
    """What the key holds (:data:`KEY_TYPES`): a rule typed ``scalar`` does not match a mapping at its path."""
    inferred: bool = False
    """The change was inferred by an importer (a key that vanished from the product's data), not stated."""
    since: str | None = None
    """The version the product's own data gives for the change, where it is not one of the matrix's."""
    fix: str = "default"
    """:data:`FIX_CHOICES`, as for a value rule."""
    source: str = field(default="", compare=False)
    """The matrix file (or ``pack:NAME``) the rule was read from: a layered product mixes two."""

    def mapped_value(self, value: Scalar) -> tuple[bool, Scalar]:
        """``(True, new)`` when value-map has an entry for ``value``."""
        wanted = scalar_text(value)
        for old, new in self.value_map:
            if old == wanted or old.lower() == wanted.lower():
                return True, new
        return False, None


@dataclass(frozen=True, slots=True)
class Product:
    name: str
    order: VersionOrder
    versions: tuple[str, ...] = ()
    files: tuple[FileSpec, ...] = ()
    from_version: str | None = None
    to_version: str | None = None
    only_product_files: bool = False
    binding: str = "exact"
    description: str | None = None
    url: str | None = None
    env: bool = True
    """Look for the environment-variable form of keys (``dten.hybrid.enable`` -> ``DTEN_HYBRID_ENABLE``)."""
    env_prefix: str = ""
    env_separator: str = "_"
    text: bool = True
    """Look for keys in plain-text files (Markdown, templates, ...)."""
    sources: tuple[SourceRecord, ...] = ()
    """What a generated matrix was built from (``[product] source``)."""
    generated_by: str | None = None
    """The command that generated the matrix (``[product] generated-by``)."""
    given: tuple[str, ...] = field(default=(), compare=False)
    """The ``[product]`` fields the matrix file sets (a layered matrix overrides only these)."""

    def normalizer(self) -> Callable[[str], str] | None:
        return relaxed_segment if self.binding == "relaxed" else None

    @property
    def searches_sources(self) -> bool:
        """Whether Python source and plain text are searched at all (never for short-keyed packs)."""
        return not self.only_product_files


@dataclass(frozen=True, slots=True)
class Matrix:
    source: str
    product: Product
    keys: tuple[KeyRule, ...]
    mentioned_versions: tuple[str, ...] = field(default=(), repr=False)

    def default_to(self) -> str:
        """``[product] to``, else the newest version the matrix names."""
        if self.product.to_version:
            return self.product.to_version
        candidates = list(self.product.versions) or list(self.mentioned_versions)
        newest = self.product.order.newest(candidates)
        if newest is None:
            raise MatrixError(self.source, None, "product.to", "no version to check against: set [product] to")
        return newest


def relaxed_segment(segment: str) -> str:
    """Spring-Boot-style relaxed binding: case, ``-`` and ``_`` do not matter."""
    return segment.replace("-", "").replace("_", "").lower()
