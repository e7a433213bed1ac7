"""The ``pluto`` importer: pluto's ``versions.yaml`` (Fairwinds' list of deprecated Kubernetes API
versions, also used for cert-manager and istio) -> value rules on ``apiVersion``, limited by ``kind``.

Each entry of ``deprecated-versions`` gives an apiVersion of one kind ``deprecated`` and ``removed`` at
pluto's versions, ``replaced-by`` its replacement API.  Where the entry says since when the replacement
is served (``replacement-available-in``), the replacement value gets ``added`` at that version with the
same ``when``: a manifest already on the new apiVersion is ``too-new`` when checked against an older
``--to``, and an upgrade plan can tell "switch before the upgrade" from "switch with it".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from keyshift.importers import ImportRequest
from keyshift.importers._kube import KindRule, Node, YamlFile, api_version_draft, earliest, read_yaml
from keyshift.importers.draft import ImportFailure, MatrixDraft, ValueDraft

_TOP_FIELDS = ("deprecated-versions", "target-versions")
_ENTRY_FIELDS = (
    "version",
    "kind",
    "deprecated-in",
    "removed-in",
    "replacement-api",
    "replacement-available-in",
    "component",
)


@dataclass(frozen=True, slots=True)
class PlutoEntry:
    """One ``deprecated-versions`` entry, versions in matrix spelling (None where pluto's is empty)."""

    api_version: str
    kind: str
    """``""`` in pluto's data means every kind of the apiVersion."""
    deprecated: str | None
    removed: str | None
    replacement: str | None
    available: str | None
    """Since when the replacement API is served."""
    component: str
    where: str
    """``file:line:column`` of the entry, for messages."""


def build(request: ImportRequest) -> MatrixDraft:
    entries = [entry for source in request.inputs for entry in _entries(read_yaml(source))]
    files = ", ".join(str(source.path) for source in request.inputs)
    component = _component(request, entries, files)
    rules = _changes([entry for entry in entries if entry.component == component])
    if not rules:
        raise ImportFailure(f"{files}: no entry of component {component!r} deprecates or removes an API version")
    return api_version_draft(request.product, rules)


def _entries(source: YamlFile) -> Iterator[PlutoEntry]:
    if not source.documents:
        raise ImportFailure(f"{source.name}: no pluto data (expected a mapping with deprecated-versions)")
    for document in source.documents:
        top = source.mapping(document, "pluto's versions file")
        source.only_fields(document, _TOP_FIELDS, "pluto's versions file")
        if "deprecated-versions" not in top:
            raise source.fail(document, "missing field 'deprecated-versions'")
        for node in source.sequence(top["deprecated-versions"], "deprecated-versions"):
            yield _entry(source, node)


def _entry(source: YamlFile, node: Node) -> PlutoEntry:
    fields = source.mapping(node, "a deprecated-versions entry")
    source.only_fields(node, _ENTRY_FIELDS, "a deprecated-versions entry")
    if "kind" not in fields:
        raise source.fail(node, "missing field 'kind' (pluto writes kind: \"\" for every kind)")

    def version(name: str) -> str | None:
        text = source.text(fields, name, node)
        return source.version(fields[name], text) if text else None

    return PlutoEntry(
        api_version=source.text(fields, "version", node, required=True),
        kind=source.text(fields, "kind", node),
        deprecated=version("deprecated-in"),
        removed=version("removed-in"),
        replacement=source.text(fields, "replacement-api", node) or None,
        available=version("replacement-available-in"),
        component=source.text(fields, "component", node),
        where=source.place(node),
    )


def _component(request: ImportRequest, entries: list[PlutoEntry], files: str) -> str:
    """The component the option names, or the only one the data has."""
    found = sorted({entry.component for entry in entries})
    listed = ", ".join(repr(name) for name in found) or "none"
    option = request.options.get("component")
    if option is None:
        if len(found) == 1:
            return found[0]
        if not found:
            raise ImportFailure(f"{files}: deprecated-versions has no entries")
        raise ImportFailure(
            f"{files}: the data holds several components ({listed}): choose one with the option component"
        )
    if not isinstance(option, str):
        raise ImportFailure(f"option component must be a string, not {option!r}")
    if option not in found:
        raise ImportFailure(f"{files}: no entry has component {option!r} (components: {listed})")
    return option


def _changes(entries: list[PlutoEntry]) -> list[KindRule]:
    """One rule per apiVersion and kind: its own deprecation, and since when it is served where it is
    another entry's replacement (the earliest such version when several entries say)."""
    rules = _deprecations(entries)
    for entry in entries:
        if entry.replacement and entry.available:
            key = (entry.kind, entry.replacement)
            old = rules.get(key, ValueDraft(entry.replacement))
            rules[key] = replace(old, added=earliest(old.added, entry.available))
    return [(kind, rule) for (kind, _), rule in rules.items()]


def _deprecations(entries: list[PlutoEntry]) -> dict[tuple[str, str], ValueDraft]:
    """The entries that deprecate or remove something, by (kind, apiVersion); an entry listed twice must
    say the same twice."""
    rules: dict[tuple[str, str], tuple[ValueDraft, PlutoEntry]] = {}
    for entry in entries:
        if entry.deprecated is None and entry.removed is None:
            continue  # pluto reports nothing for it
        rule = ValueDraft(
            entry.api_version,
            deprecated=entry.deprecated,
            removed=entry.removed,
            replaced_by=entry.replacement,
            # the new API version may have another schema (Ingress: service.name, pathType): pluto's data
            # does not say, so a person confirms each rewrite with --unsafe
            fix="unsafe" if entry.replacement else "default",
        )
        key = (entry.kind, entry.api_version)
        if key in rules and rules[key][0] != rule:
            kind = entry.kind or "(every kind)"
            first = rules[key][1].where
            raise ImportFailure(
                f"{entry.where}: {entry.api_version} {kind} is listed again with other data (first at {first})"
            )
        rules.setdefault(key, (rule, entry))
    return {key: rule for key, (rule, _) in rules.items()}


__all__ = ["PlutoEntry", "build"]
