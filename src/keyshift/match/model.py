"""What matching hands on: how a file relates to a product (:class:`FileRole`) and each result (:class:`Match`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from keyshift.core.model import Finding, Occurrence, Scalar
from keyshift.match.index import MatrixIndex
from keyshift.matrix import KeyRule, Matrix, ValueRule

TargetState = Literal["absent", "same", "conflict"]
"""For renames: whether the new key is already in the document, with the same value or another."""


@dataclass(frozen=True, slots=True)
class FileRole:
    """How a file relates to a product: one of its own files (with a key prefix) or any other file.

    ``index`` is the product's matrix indexed for matching, built once per run and shared by every file.
    """

    index: MatrixIndex
    to_version: str
    product_file: bool
    prefix: tuple[str, ...] = ()

    @property
    def matrix(self) -> Matrix:
        return self.index.matrix


@dataclass(frozen=True, slots=True)
class Match:
    """A finding and what produced it."""

    finding: Finding
    document: int
    rule: KeyRule | None = None
    value_rule: ValueRule | None = None
    occurrence: Occurrence | None = None
    prefix: tuple[str, ...] = ()
    new_path: tuple[str, ...] | None = None
    """For renames and missing keys: the full path (prefix included) the key should have."""
    new_value: Scalar = None
    has_new_value: bool = False
    """For renames with value-map, mismatches, bad values and missing keys: the value to write."""
    target_state: TargetState = "absent"
    """For renames: whether the new key is already in the document, with the same value or another."""
    rename_by_value: bool = False
    """The key is named inside a string value (``- DTEN_X=1``, ``name: DTEN_X``): fix it by setting
    that value to ``new_value``."""
