"""Resolving ``--from`` / ``--to`` options into the version each product is checked against."""

from __future__ import annotations

from collections.abc import Sequence

from keyshift.core.model import ProductTarget
from keyshift.core.versions import VersionError, shown
from keyshift.matrix.model import Matrix


class OptionError(ValueError):
    """A bad command-line option value (exit code 2)."""


def _split(options: Sequence[str], flag: str, products: dict[str, Matrix]) -> tuple[str | None, dict[str, str]]:
    plain: str | None = None
    per_product: dict[str, str] = {}
    for option in options:
        name, sep, version = option.partition("=")
        if sep:
            if name not in products:
                known = ", ".join(sorted(products)) or "none"
                raise OptionError(f"{flag} {option}: no product named {name!r} is loaded (loaded: {known})")
            if not version.strip():
                raise OptionError(f"{flag} {option}: missing version after '='")
            if per_product.get(name, version) != version:
                raise OptionError(f"{flag} given twice for product {name} ({per_product[name]}, {version})")
            per_product[name] = version
        else:
            if not option.strip():
                raise OptionError(f"{flag}: empty version (use {flag} VERSION or {flag} PRODUCT=VERSION)")
            if plain is not None and plain != option:
                raise OptionError(f"{flag} given twice ({plain}, {option}); use {flag} PRODUCT=VERSION per product")
            plain = option
    return plain, per_product


def resolve_targets(
    matrices: Sequence[Matrix], from_options: Sequence[str] = (), to_options: Sequence[str] = ()
) -> dict[str, ProductTarget]:
    """The target of each loaded product: explicit options first, then the matrix defaults."""
    products = {m.product.name: m for m in matrices}
    plain_to, to_for = _split(to_options, "--to", products)
    plain_from, from_for = _split(from_options, "--from", products)
    targets: dict[str, ProductTarget] = {}
    for name, matrix in products.items():
        order = matrix.product.order
        to = to_for.get(name) or plain_to
        to_given = to is not None
        if to is None:
            to = matrix.default_to()
        start = from_for.get(name) or plain_from
        from_given = start is not None
        if start is None:
            start = matrix.product.from_version
        for flag, version in (("--to", to), ("--from", start)):
            if version is None:
                continue
            try:
                order.check(version)
            except VersionError as exc:
                hint = ""
                if len(products) > 1 and version in (plain_to, plain_from):
                    # a bare version applies to every product loaded (./deprecations.toml is loaded beside packs)
                    others = ", ".join(sorted(other for other in products if other != name))
                    loaded = f"{len(products)} products are loaded ({name}, {others})"
                    hint = f"; {loaded}: give {flag} PRODUCT={shown(version, quoted=False)}"
                raise OptionError(
                    f"{flag} {shown(version, quoted=False)}: {exc} (product {name}, {matrix.source}){hint}"
                ) from None
        if start is not None and order.lt(to, start):
            start_text = f"--from {start}" if from_given else f"from {start} (the matrix default)"
            to_text = f"--to {to}" if to_given else f"to {to} (the matrix default)"
            raise OptionError(f"{start_text} is newer than {to_text} for product {name} ({matrix.source})")
        targets[name] = ProductTarget(name, start, to)
    return targets
