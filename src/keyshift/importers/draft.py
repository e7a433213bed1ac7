"""A matrix as an importer builds it: plain values in the matrix's own spelling, before it is written.

An importer reads a product's data and returns a :class:`MatrixDraft`; :mod:`keyshift.importers.render`
writes it as TOML, and the written text is loaded and validated like any matrix before it is kept.
Drafts from several imports of one recipe are combined with :func:`merge`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from keyshift.core.model import Scalar
from keyshift.matrix.model import SourceRecord

TomlValue = str | int | float | bool | list["TomlValue"] | dict[str, "TomlValue"]
When = tuple[tuple[str, tuple[Scalar, ...]], ...]
"""``when``: (dotted key, the values it may have), in order."""


class ImportFailure(Exception):
    """Input an importer cannot use; the message names the file and, where known, the place in it."""


@dataclass(frozen=True, slots=True)
class ValueDraft:
    """One ``[[keys."k".values]]`` rule: give ``value`` (with ``has_value``) or ``pattern``."""

    value: Scalar = None
    has_value: bool = True
    pattern: str | None = None
    added: str | None = None
    deprecated: str | None = None
    removed: str | None = None
    replaced_by: Scalar = None
    reason: str | None = None
    url: str | None = None
    when: When = ()
    fix: str = "default"


@dataclass(frozen=True, slots=True)
class KeyDraft:
    """One ``[keys."k"]`` table."""

    key: str
    added: str | None = None
    deprecated: str | None = None
    removed: str | None = None
    required: str | None = None
    replaced_by: str | None = None
    value_map: tuple[tuple[str, Scalar], ...] = ()
    reason: str | None = None
    url: str | None = None
    when: When = ()
    values: tuple[ValueDraft, ...] = ()
    type: str = "any"
    inferred: bool = False
    since: str | None = None
    fix: str = "default"


@dataclass(frozen=True, slots=True)
class MatrixDraft:
    """A whole matrix: ``product`` holds the ``[product]`` fields other than name, versions and sources,
    in matrix spelling (``files``, ``binding``, ``env-prefix``, ...)."""

    name: str
    versions: tuple[str, ...] = ()
    keys: tuple[KeyDraft, ...] = ()
    product: Mapping[str, TomlValue] = field(default_factory=dict)
    sources: tuple[SourceRecord, ...] = ()
    generated_by: str | None = None


def merge(drafts: Iterable[MatrixDraft]) -> MatrixDraft:
    """One draft from several of one product: versions in first-seen order, keys of later drafts added;
    a key two drafts both define gets the later one's fields where it sets them, and both drafts' value
    rules."""
    drafts = list(drafts)
    if not drafts:
        raise ImportFailure("nothing was imported")
    first = drafts[0]
    versions: dict[str, None] = {}
    keys: dict[str, KeyDraft] = {}
    product: dict[str, TomlValue] = {}
    sources: dict[SourceRecord, None] = {}
    for draft in drafts:
        versions.update(dict.fromkeys(draft.versions))
        product.update(draft.product)
        sources.update(dict.fromkeys(draft.sources))
        for key in draft.keys:
            keys[key.key] = _combined(keys[key.key], key) if key.key in keys else key
    return MatrixDraft(first.name, tuple(versions), tuple(keys.values()), product, tuple(sources), first.generated_by)


def _combined(old: KeyDraft, new: KeyDraft) -> KeyDraft:
    changes = {
        name: getattr(new, name)
        for name in ("added", "deprecated", "removed", "required", "replaced_by", "reason", "url", "since")
        if getattr(new, name) is not None
    }
    return replace(
        old,
        **changes,
        value_map=new.value_map or old.value_map,
        when=new.when or old.when,
        values=old.values + new.values,
        type=new.type if new.type != "any" else old.type,
        fix=new.fix if new.fix != "default" else old.fix,
        inferred=new.inferred if changes else old.inferred,
    )


__all__ = ["ImportFailure", "KeyDraft", "MatrixDraft", "TomlValue", "ValueDraft", "When", "merge"]
