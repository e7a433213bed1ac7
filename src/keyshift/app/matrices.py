"""Which matrices a run loads: ``-m`` files (or ``./deprecations.toml``), ``--pack`` names, and layering.

``./deprecations.toml`` is the default matrix: it is loaded when no ``-m`` is given, with or without
``--pack`` (a project's own matrix is never dropped silently because a pack was named).  A user
matrix for a product a pack also defines is layered over the pack (:mod:`keyshift.matrix.layers`);
two user matrices, or two packs, for one product are an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from keyshift.app.config import UsageError
from keyshift.matrix import Matrix, MatrixError, load_matrix
from keyshift.matrix.layers import layered
from keyshift.matrix.packs import PackError, PackSearch, UnknownPack, pack_location

DEFAULT_MATRIX = "deprecations.toml"


def load_matrices(matrix_files: Sequence[str], packs: Sequence[str], pack_path: Sequence[str] = ()) -> list[Matrix]:
    """The matrices of a run, each product once, user matrices layered over packs of the same product."""
    user_sources = [(Path(m), m) for m in matrix_files]
    if not user_sources and Path(DEFAULT_MATRIX).is_file():
        user_sources.append((Path(DEFAULT_MATRIX), DEFAULT_MATRIX))
    pack_sources = _pack_sources(packs, pack_path)
    if not user_sources and not pack_sources:
        raise UsageError(f"no matrix: ./{DEFAULT_MATRIX} not found here; pass -m FILE or --pack NAME")
    users = _by_product([_load(path, display) for path, display in user_sources])
    by_pack = _by_product([_load(path, display) for path, display in pack_sources])
    matrices = [_layer(by_pack.pop(name), matrix) if name in by_pack else matrix for name, matrix in users.items()]
    return [*matrices, *by_pack.values()]


def _pack_sources(packs: Sequence[str], pack_path: Sequence[str]) -> list[tuple[Path, str]]:
    search = PackSearch(tuple(pack_path))
    sources: list[tuple[Path, str]] = []
    for name in packs:
        try:
            sources.append((pack_location(name, search).path, f"pack:{name}"))
        except (UnknownPack, PackError) as exc:
            raise UsageError(str(exc)) from None
    return sources


def _load(path: Path, display: str) -> Matrix:
    try:
        return load_matrix(path, display)
    except MatrixError as exc:
        raise UsageError(str(exc)) from None


def _by_product(matrices: Sequence[Matrix]) -> dict[str, Matrix]:
    found: dict[str, Matrix] = {}
    for matrix in matrices:
        name = matrix.product.name
        if name in found:
            raise UsageError(f"{matrix.source}: product {name!r} is already defined by {found[name].source}")
        found[name] = matrix
    return found


def _layer(pack: Matrix, user: Matrix) -> Matrix:
    try:
        return layered(pack, user)
    except MatrixError as exc:
        raise UsageError(str(exc)) from None


__all__ = ["DEFAULT_MATRIX", "load_matrices"]
