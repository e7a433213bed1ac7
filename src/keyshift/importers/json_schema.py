"""The ``json-schema`` importer: JSON Schemas of a product, one per version -> a versioned matrix.

Each schema is walked by :mod:`keyshift.importers._schema_walk`.  Over the versions (oldest first):

- a key deprecated at a version gets ``deprecated`` = the first version of its last run of deprecated
  versions (a key that is deprecated and later is not, is not deprecated);
- a key whose last version is not the newest is ``removed`` at the next version: ``inferred`` when it
  was never deprecated (the schema dropped it without saying); a key whose parent goes at the same version
  is left to the parent's rule;
- deprecated ``enum``/``const`` alternatives become value rules, removed where the key stays and the value
  goes;
- ``replaced-by`` is a key the deprecation message names ("use `x` instead", "renamed to `x`", "alias for
  x", ...) that exists in the schema: first as a sibling of the key, then from the root; else, with the
  ``moved-under`` option, the same key under that prefix where the schema has it.  A replacement that is
  itself deprecated by then is followed to its own replacement.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from keyshift.core.keypath import KeyPathError, KeyPattern, join_path, split_key, wildcards
from keyshift.core.versions import VersionError, numeric_key
from keyshift.importers import ImportFailure, ImportRequest
from keyshift.importers._inputs import flag_option, list_option, read_json, str_option
from keyshift.importers._schema_walk import ELEMENT, WILDCARD, KeyFacts, KeyPath, Snapshot, ValueKey, walk_schema
from keyshift.importers.draft import KeyDraft, MatrixDraft, TomlValue, ValueDraft

_NAME = r"""\[?[`'"]?(?P<name>[A-Za-z0-9_][A-Za-z0-9_.\-]*)[`'"]?\]?(?:\([^)]*\))?"""
_REPLACEMENT = re.compile(
    r"\b(?P<lead>use(?:\s+the)?|renamed\s+to|replaced\s+by|superseded\s+by|in\s+favou?r\s+of|alias\s+(?:for|of))"
    rf"\s+{_NAME}(?P<instead>(?:\s+(?:property|option|setting|field|key))?\s+instead\b)?",
    re.IGNORECASE,
)
_INDEX = re.compile(r"\[[0-9]+\]")


@dataclass(frozen=True, slots=True)
class _Settings:
    root: str | None
    prefix: tuple[str, ...]
    moved_under: tuple[str, ...]
    exclude: tuple[KeyPattern, ...]
    types: bool


@dataclass(frozen=True, slots=True)
class _Change:
    """The history of one key over the versions."""

    path: KeyPath
    facts: KeyFacts
    """As the last version that has the key says."""
    last: int
    """The index of that version."""
    deprecated: int | None
    removed: int | None


def build(request: ImportRequest) -> MatrixDraft:
    settings = _settings(request.options)
    versions = _versions(request)
    snapshots = [walk_schema(read_json(source), settings.root, source.recorded) for source in request.inputs]
    changes = {path: change for path in _all_paths(snapshots) if (change := _change(path, snapshots)) is not None}
    replacements = _replacements(changes, snapshots, settings)
    keys: dict[str, KeyDraft] = {}
    for path in _all_paths(snapshots):
        if _excluded(path, settings):
            continue
        draft = _key_draft(path, changes.get(path), replacements, snapshots, versions, settings)
        if draft is not None:
            keys[draft.key] = draft
    return MatrixDraft(
        name=request.product,
        versions=_explicit_order(versions),
        keys=tuple(keys[name] for name in sorted(keys)),
    )


def _settings(options: Mapping[str, TomlValue]) -> _Settings:
    exclude: list[KeyPattern] = []
    for text in list_option(options, "exclude"):
        try:
            exclude.append(KeyPattern.parse(text))
        except KeyPathError as exc:
            raise ImportFailure(f"option exclude: {exc}") from None
    return _Settings(
        root=str_option(options, "root"),
        prefix=_dotted_option(options, "prefix"),
        moved_under=_dotted_option(options, "moved-under"),
        exclude=tuple(exclude),
        types=flag_option(options, "types", default=True),
    )


def _dotted_option(options: Mapping[str, TomlValue], name: str) -> tuple[str, ...]:
    text = str_option(options, name)
    if text is None:
        return ()
    try:
        return split_key(text)
    except KeyPathError as exc:
        raise ImportFailure(f"option {name}: {exc}") from None


def _versions(request: ImportRequest) -> list[str]:
    if not request.inputs:
        raise ImportFailure("json-schema needs at least one schema file")
    versions: list[str] = []
    for source in request.inputs:
        if source.version is None:
            raise ImportFailure(
                f"{source.recorded}: json-schema needs the product version each schema describes "
                '(--version V=FILE, or version = "V" in a recipe input)'
            )
        if source.version in versions:
            raise ImportFailure(f"{source.recorded}: a second schema for version {source.version}")
        versions.append(source.version)
    return versions


def _explicit_order(versions: Sequence[str]) -> tuple[str, ...]:
    """No version list when the versions are numbered in the order given (so that any version in between
    can be named with --to); else the order they were given in."""
    try:
        keys = [numeric_key(version) for version in versions]
    except VersionError:
        return tuple(versions)
    return () if all(a < b for a, b in itertools.pairwise(keys)) else tuple(versions)


def _all_paths(snapshots: Sequence[Snapshot]) -> list[KeyPath]:
    return sorted({path for snapshot in snapshots for path in snapshot})


def _change(path: KeyPath, snapshots: Sequence[Snapshot]) -> _Change | None:
    present = [index for index, snapshot in enumerate(snapshots) if path in snapshot]
    last = present[-1]
    facts = snapshots[last][path]
    deprecated = None
    if facts.deprecation is not None:
        deprecated = last
        while deprecated > 0 and _deprecated_at(snapshots[deprecated - 1], path):
            deprecated -= 1
    removed = last + 1 if last + 1 < len(snapshots) else None
    if deprecated is None and path[-1] in (WILDCARD, ELEMENT):
        # entries named by the user (a map's keys, a list's items) are not removed when the schema
        # describes them another way: only a named property can vanish
        removed = None
    if deprecated is None and removed is None:
        return None
    return _Change(path, facts, last, deprecated, removed)


def _deprecated_at(snapshot: Snapshot, path: KeyPath) -> bool:
    facts = snapshot.get(path)
    return facts is not None and facts.deprecation is not None


def _replacements(
    changes: Mapping[KeyPath, _Change], snapshots: Sequence[Snapshot], settings: _Settings
) -> dict[KeyPath, KeyPath]:
    """The replacement of each deprecated key, with chains followed to a key not deprecated by then."""
    direct: dict[KeyPath, KeyPath] = {}
    for path, change in changes.items():
        if change.deprecated is not None:
            found = _named_replacement(change, snapshots[change.last], settings)
            if found is not None:
                direct[path] = found
    final: dict[KeyPath, KeyPath] = {}
    for path, target in direct.items():
        seen = {path}
        since = changes[path].deprecated
        while target in direct and target not in seen and _deprecated_by(changes[target], since):
            seen.add(target)
            target = direct[target]
        final[path] = target
    return final


def _deprecated_by(change: _Change, since: int | None) -> bool:
    return change.deprecated is not None and since is not None and change.deprecated <= since


def _named_replacement(change: _Change, snapshot: Snapshot, settings: _Settings) -> KeyPath | None:
    path = change.path
    reason = change.facts.deprecation.reason if change.facts.deprecation else None
    for name in _replacement_names(reason or ""):
        try:
            named = split_key(name)
        except KeyPathError:
            continue
        for candidate in ((*path[:-1], *named), named):
            if _fits(candidate, path, snapshot):
                return candidate
    moved = (*settings.moved_under, *path)
    if settings.moved_under and _fits(moved, path, snapshot):
        return moved
    return None


def _fits(candidate: KeyPath, path: KeyPath, snapshot: Snapshot) -> bool:
    """A replacement must be another key of the schema, with the same wildcards."""
    return candidate != path and candidate in snapshot and _wild(candidate) == _wild(path)


def _wild(path: KeyPath) -> tuple[str, ...]:
    return wildcards(["*" if segment == ELEMENT else segment for segment in path])


def _replacement_names(reason: str) -> list[str]:
    """The key names a deprecation message offers as replacements, in the order written ("use X" only
    with "instead": "use X if you need Y" is advice, not a rename)."""
    return [
        found["name"].rstrip(".-")
        for found in _REPLACEMENT.finditer(reason)
        if found["instead"] or not found["lead"].lower().startswith("use")
    ]


def _excluded(path: KeyPath, settings: _Settings) -> bool:
    segments = ["*" if segment == ELEMENT else segment for segment in path]
    return any(pattern.match(segments) is not None for pattern in settings.exclude)


def _key_draft(
    path: KeyPath,
    change: _Change | None,
    replacements: Mapping[KeyPath, KeyPath],
    snapshots: Sequence[Snapshot],
    versions: Sequence[str],
    settings: _Settings,
) -> KeyDraft | None:
    values = _value_drafts(path, snapshots, versions)
    key = key_text((*settings.prefix, *path))
    if change is not None and _parent_goes_too(change, snapshots):
        change = None
    if change is None:
        return KeyDraft(key, values=values) if values and key is not None else None
    if key is None:
        return None
    replacement = replacements.get(path)
    return KeyDraft(
        key,
        deprecated=versions[change.deprecated] if change.deprecated is not None else None,
        removed=versions[change.removed] if change.removed is not None else None,
        replaced_by=key_text((*settings.prefix, *replacement)) if replacement else None,
        reason=change.facts.deprecation.reason if change.facts.deprecation else None,
        values=values,
        type=change.facts.type if settings.types else "any",
        inferred=change.removed is not None and change.deprecated is None,
    )


def _parent_goes_too(change: _Change, snapshots: Sequence[Snapshot]) -> bool:
    """A key never deprecated that goes with its parent: the parent's rule says it all."""
    if change.deprecated is not None or change.removed is None or len(change.path) < 2:
        return False
    return change.path[:-1] not in snapshots[change.removed]


def _value_drafts(path: KeyPath, snapshots: Sequence[Snapshot], versions: Sequence[str]) -> tuple[ValueDraft, ...]:
    """Value rules for the deprecated enum/const alternatives of a key."""
    listed: dict[ValueKey, None] = {}
    for snapshot in snapshots:
        facts = snapshot.get(path)
        if facts is not None:
            listed.update(dict.fromkeys(facts.deprecated_values))
    drafts = []
    for wanted in listed:
        draft = _value_draft(path, wanted, snapshots, versions)
        if draft is not None:
            drafts.append(draft)
    return tuple(sorted(drafts, key=lambda d: (str(d.value), type(d.value).__name__)))


def _value_draft(
    path: KeyPath, wanted: ValueKey, snapshots: Sequence[Snapshot], versions: Sequence[str]
) -> ValueDraft | None:
    states = [_value_state(snapshot.get(path), wanted) for snapshot in snapshots]
    known = [index for index, state in enumerate(states) if state is not None]
    last = known[-1]
    if states[last] != "deprecated":
        return None
    first = last
    while first > 0 and states[first - 1] == "deprecated":
        first -= 1
    after = snapshots[last + 1].get(path) if last + 1 < len(snapshots) else None
    facts = snapshots[last][path]
    value, deprecation = facts.deprecated_values[wanted]
    return ValueDraft(
        value,
        deprecated=versions[first],
        removed=versions[last + 1] if after is not None else None,
        reason=deprecation.reason,
    )


def _value_state(facts: KeyFacts | None, wanted: ValueKey) -> str | None:
    if facts is None:
        return None
    if wanted in facts.allowed:
        return "allowed"
    return "deprecated" if wanted in facts.deprecated_values else None


def key_text(path: KeyPath) -> str | None:
    """The matrix key of a path (``select[*]``, ``a."b.c"``); None for a name no key can spell."""
    out = ""
    for segment in path:
        if segment == ELEMENT or _INDEX.fullmatch(segment):
            out += segment
            continue
        part = segment if segment == "*" else join_path((segment,))
        out = f"{out}.{part}" if out else part
    try:
        split_key(out)
    except KeyPathError:
        return None
    expected = tuple("*" if segment == ELEMENT else segment for segment in path)
    return out if split_key(out) == expected else None
