"""Layering: a user's matrix over a pack that defines the same product.

The user's ``[product]`` fields replace the pack's where the user's file sets them; the user's keys
replace the pack's rules for the same key and add the others.  Each rule remembers the file it came
from (``KeyRule.source``), so a report can say whether a finding is the pack's or the user's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from keyshift.core.versions import VersionError, VersionOrder
from keyshift.matrix.cycles import rename_loop
from keyshift.matrix.model import Matrix, MatrixError, Product

# [product] field -> Product attribute(s) it sets (the name is the same product's, by definition)
_PRODUCT_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "versions": ("versions", "order"),
    "files": ("files",),
    "from": ("from_version",),
    "to": ("to_version",),
    "only-product-files": ("only_product_files",),
    "binding": ("binding",),
    "description": ("description",),
    "url": ("url",),
    "env": ("env",),
    "env-prefix": ("env_prefix",),
    "env-separator": ("env_separator",),
    "text": ("text",),
    "source": ("sources",),
    "generated-by": ("generated_by",),
}


def layered(base: Matrix, over: Matrix) -> Matrix:
    """``over`` (a user's matrix) layered over ``base`` (a pack) of the same product."""
    product = _layered_product(base.product, over.product)
    _check_versions(base, over, product.order)
    replaced = {rule.key for rule in over.keys}
    keys = (*(rule for rule in base.keys if rule.key not in replaced), *over.keys)
    loop = rename_loop(keys, product.normalizer())
    if loop is not None:
        raise MatrixError(over.source, None, "keys", loop.describe(sources=True))
    return Matrix(
        source=f"{over.source} over {base.source}",
        product=product,
        keys=keys,
        mentioned_versions=(*base.mentioned_versions, *over.mentioned_versions),
    )


def _layered_product(base: Product, over: Product) -> Product:
    changes: dict[str, Any] = {}
    for field_name in over.given:
        for attribute in _PRODUCT_ATTRIBUTES.get(field_name, ()):
            changes[attribute] = getattr(over, attribute)
    return replace(base, **changes, given=tuple(sorted({*base.given, *over.given})))


def _check_versions(base: Matrix, over: Matrix, order: VersionOrder) -> None:
    """Every version either file names must be one the layered product knows."""
    for matrix in (over, base):
        for version in matrix.mentioned_versions:
            try:
                order.check(version)
            except VersionError:
                raise MatrixError(
                    matrix.source,
                    None,
                    "versions",
                    f"names version {version!r}, which the layered product does not list "
                    f"(versions of {base.source} with {over.source} over it: {', '.join(order.explicit or ())}); "
                    "add it to the versions of your matrix",
                ) from None


__all__ = ["layered"]
