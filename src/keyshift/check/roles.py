"""Which products look at a file, how, and with which parser.

A :class:`Product` is a loaded matrix ready to check files against (its target versions, its
prefilter and its rules indexed for matching, all built once per run); :func:`file_roles` gives, for
one file, the role each product gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from keyshift.check.discover import Candidate, glob_matcher
from keyshift.check.prefilter import Prefilter, build_prefilter
from keyshift.check.tokens import TextTokens
from keyshift.core.model import Notice, ProductTarget
from keyshift.formats import TEXT_FORMAT, detect_format
from keyshift.match import FileRole, MatrixIndex
from keyshift.matrix import Matrix


@dataclass(frozen=True, slots=True)
class Product:
    """A loaded matrix with its target, prefilter and index, ready to check files against (it pickles)."""

    matrix: Matrix
    target: ProductTarget
    prefilter: Prefilter
    index: MatrixIndex


def prepare(matrices: Sequence[Matrix], targets: dict[str, ProductTarget]) -> list[Product]:
    products: list[Product] = []
    for matrix in matrices:
        target = targets[matrix.product.name]
        products.append(Product(matrix, target, build_prefilter(matrix, target.to_version), MatrixIndex(matrix)))
    return products


def file_roles(
    candidate: Candidate,
    text: str,
    products: Sequence[Product],
    notice: Callable[[Notice], None],
    scan_text: bool,
) -> list[tuple[str, FileRole]]:
    """Which products look at this file, how, and with which parser.

    A product's own files always; any other file when the product looks beyond its own files and the
    prefilter says the text may hold one of its keys: config formats by their full key paths, Python
    source by its string literals, and every other text file by its tokens (unless text is off).
    """
    roles: list[tuple[str, FileRole]] = []
    detected = detect_format(candidate.path)
    fallback = detected or TEXT_FORMAT
    tokens = TextTokens(text)  # shared by the products' prefilters
    for product in products:
        spec = next((s for s in product.matrix.product.files if is_product_file(candidate, s.glob)), None)
        if spec is not None:
            format_name = spec.format or detected
            if format_name is None:
                notice(
                    Notice(
                        candidate.display,
                        f"no parser for this file name: set format in {product.matrix.source}",
                    )
                )
                continue
            roles.append((format_name, FileRole(product.index, product.target.to_version, True, spec.prefix)))
        elif (
            product.matrix.product.searches_sources
            and (fallback != TEXT_FORMAT or (scan_text and product.matrix.product.text))
            and product.prefilter.may_contain(tokens)
        ):
            roles.append((fallback, FileRole(product.index, product.target.to_version, False)))
    return roles


def is_product_file(candidate: Candidate, glob: str) -> bool:
    """Whether a file matches a product glob, relative to the scanned directory.

    A file named on the command line has no scanned directory: pre-commit passes
    ``deploy/conf/node.toml`` from the repository root, and ``conf/*.toml`` must still match it, so
    each trailing part of its path is tried.
    """
    matches = glob_matcher(glob)
    if matches(candidate.relative):
        return True
    if not candidate.explicit:
        return False
    parts = candidate.relative.split("/")
    return any(matches("/".join(parts[i:])) for i in range(1, len(parts)))
