"""The case shape shared by the table-driven tests of the Dockerfile and shell fixers."""

from __future__ import annotations

from dataclasses import dataclass

from keyshift.core.edits import FixOp
from keyshift.core.model import Scalar

Path = tuple[str, ...]
Leaf = tuple[str, Path, Scalar]


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    op: FixOp
    found: str
    expected: str
    new_path: Path | None = None
    value: Scalar = None
    has_value: bool = False
    note: str | None = None
    form: str = "key"
    nth: int = 0
