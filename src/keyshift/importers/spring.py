"""The ``spring-metadata`` importer: Spring Boot configuration metadata of several versions -> one matrix.

Each version's inputs (metadata JSON, directories, jars, annotated-deprecation lists; read by
:mod:`keyshift.importers.spring_metadata`) give a snapshot of its properties.  A property's history over the
snapshots, oldest first, gives its key rule:

- ``deprecated``: the first version whose data marks it level ``warning``; ``removed``: the first marking it
  level ``error`` (a property already ``error`` in the oldest data is removed at the oldest version).
- A deprecated property that is gone from a later version without having reached ``error`` is removed at
  the first version without it (``inferred``).  So is, with ``infer-removals = "all"``, a property whose
  entry declared a type and is gone from the next version without a deprecation.  A gap (gone, then back)
  is not a removal.
- The newest data wins: a property present without a deprecation after it was deprecated (un-deprecated,
  or re-added after a removal) gets no rule.  The option ``not-deprecated`` (property = version) says so
  where the inputs cannot show it, since they hold only the deprecations.
- ``replaced-by``, ``reason`` and ``since`` are the newest ones Spring gives, written as Spring gives them.
  ``since`` is Spring's own version text; the matrix versions come from the data that shows the change.
- ``type`` comes from the Java type: maps and ``Properties`` are ``mapping`` (the key matches the whole map:
  in YAML the map once, in ``.properties`` each ``key.entry=`` line), collections and arrays ``list``,
  anything else ``scalar``; a deprecated getter that returns a nested group is a ``mapping``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from keyshift.importers import ImportInput, ImportRequest
from keyshift.importers.draft import ImportFailure, KeyDraft, MatrixDraft, TomlValue
from keyshift.importers.spring_metadata import Deprecation, Property, read_snapshot

INFERENCE = ("all", "deprecated", "none")
PRODUCT: dict[str, TomlValue] = {
    "files": [
        "application*.properties",
        "application*.yml",
        "application*.yaml",
        "bootstrap*.properties",
        "bootstrap*.yml",
        "bootstrap*.yaml",
    ],
    "binding": "relaxed",
}
"""What every Spring Boot application shares; a recipe's ``[product]`` table goes over it."""


@dataclass(frozen=True, slots=True)
class PropertyHistory:
    """One property over the versions: ``seen[i]`` is its entry at ``versions[i]``, None where absent."""

    name: str
    seen: Sequence[Property | None]
    versions: Sequence[str]
    infer: str


def build(request: ImportRequest) -> MatrixDraft:
    infer = _inference(request.options.get("infer-removals", "all"))
    versions = _versions(request.inputs)
    snapshots = [read_snapshot(i for i in request.inputs if i.version == version) for version in versions]
    for name, version in _not_deprecated(request.options.get("not-deprecated", {}), versions):
        snapshots[versions.index(version)][name] = Property(name)
    names = sorted({name for snapshot in snapshots for name in snapshot})
    keys = []
    for name in names:
        key = key_draft(PropertyHistory(name, [snapshot.get(name) for snapshot in snapshots], versions, infer))
        if key is not None:
            keys.append(key)
    return MatrixDraft(request.product, tuple(versions), tuple(keys), dict(PRODUCT))


def key_draft(history: PropertyHistory) -> KeyDraft | None:
    """The rule a property's history gives, or None when it ends as a property in use."""
    seen = history.seen
    plain = [i for i, prop in enumerate(seen) if prop is not None and prop.deprecation is None]
    start = plain[-1] + 1 if plain else 0
    marked = [i for i in range(start, len(seen)) if seen[i] is not None]
    if marked:
        return _deprecated(history, marked)
    if start == len(seen) or history.infer != "all":
        return None
    last = seen[start - 1]
    if last is None or not last.declared:
        return None
    version = history.versions[start]
    return KeyDraft(history.name, removed=version, reason=_inferred_note(version), type=last.kind, inferred=True)


def _deprecated(history: PropertyHistory, marked: list[int]) -> KeyDraft:
    """The rule of a property its newest data marks deprecated (at the indexes ``marked``)."""
    seen, versions = history.seen, history.versions
    marks = [(i, mark) for i in marked if (prop := seen[i]) is not None and (mark := prop.deprecation) is not None]
    removed = next((i for i, mark in marks if mark.level == "error"), None)
    inferred = removed is None and history.infer != "none" and marked[-1] + 1 < len(seen)
    if inferred:
        removed = marked[-1] + 1
    deprecated = next((i for i, mark in marks if mark.level == "warning" and (removed is None or i < removed)), None)
    newest = [mark for _, mark in reversed(marks)]
    reason = _newest(newest, lambda mark: mark.reason)
    replacement = _newest(newest, lambda mark: mark.replacement)
    if inferred and removed is not None:
        note = _inferred_note(versions[removed])
        reason = f"{reason} ({note})" if reason else note
    return KeyDraft(
        history.name,
        deprecated=None if deprecated is None else versions[deprecated],
        removed=None if removed is None else versions[removed],
        replaced_by=replacement if replacement != history.name else None,
        reason=reason,
        type=next((prop.kind for prop in reversed(seen) if prop is not None and prop.kind != "any"), "any"),
        inferred=inferred,
        since=_newest(newest, lambda mark: mark.since),
    )


def _newest(marks: Sequence[Deprecation], field: Callable[[Deprecation], str | None]) -> str | None:
    return next((value for value in map(field, marks) if value), None)


def _inferred_note(version: str) -> str:
    return f"inferred: no longer in the {version} metadata"


def _versions(inputs: Sequence[ImportInput]) -> list[str]:
    """The versions of the inputs, in the order given (oldest first); every input needs one."""
    if not inputs:
        raise ImportFailure("spring-metadata: no input (give metadata files, directories or jars, one version each)")
    for item in inputs:
        if item.version is None:
            raise ImportFailure(
                f"{item.recorded}: spring-metadata needs the product version of each input (--version V=PATH)"
            )
    return list(dict.fromkeys(item.version for item in inputs if item.version is not None))


def _not_deprecated(value: TomlValue, versions: Sequence[str]) -> list[tuple[str, str]]:
    """The option ``not-deprecated``: property -> a version at which it is in use without a deprecation,
    although the inputs do not show it (they hold only part of the metadata)."""
    if not isinstance(value, dict) or not all(isinstance(v, str) and v in versions for v in value.values()):
        raise ImportFailure(
            "spring-metadata: option not-deprecated must be a table of property = version, "
            f"each version one of the inputs' ({', '.join(versions)})"
        )
    return [(name, str(version)) for name, version in value.items()]


def _inference(value: TomlValue) -> str:
    if value not in INFERENCE:
        choices = ", ".join(f'"{choice}"' for choice in INFERENCE)
        raise ImportFailure(f"spring-metadata: option infer-removals must be one of {choices}, not {value!r}")
    return str(value)


__all__ = ["INFERENCE", "PRODUCT", "PropertyHistory", "build", "key_draft"]
