"""The deprecation matrix: its values, loading and validation, bundled packs, and version targets.

Other packages import from here: ``from keyshift.matrix import Matrix, load_matrix``.
"""

from keyshift.matrix.load import load_matrix, parse_matrix
from keyshift.matrix.model import (
    KEY_TYPES,
    Condition,
    FileSpec,
    KeyRule,
    Matrix,
    MatrixError,
    Product,
    SourceRecord,
    ValueRule,
    relaxed_segment,
)
from keyshift.matrix.packs import UnknownPack, available_packs, pack_path
from keyshift.matrix.targets import OptionError, resolve_targets

__all__ = [
    "KEY_TYPES",
    "Condition",
    "FileSpec",
    "KeyRule",
    "Matrix",
    "MatrixError",
    "OptionError",
    "Product",
    "SourceRecord",
    "UnknownPack",
    "ValueRule",
    "available_packs",
    "load_matrix",
    "pack_path",
    "parse_matrix",
    "relaxed_segment",
    "resolve_targets",
]
