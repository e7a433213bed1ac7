"""The ``crd`` importer: Kubernetes CustomResourceDefinition manifests -> value rules on the custom
resources' ``apiVersion`` (``<group>/<version>``), limited by their ``kind``.

A CRD version with ``deprecated: true`` is deprecated (its ``deprecationWarning`` is the reason) and one
with ``served: false`` is removed.  A CRD carries no product version, so each input gets one: its own
(``--version V=crds.yaml``) or the option ``version``.  With several versions (oldest first) the inputs
are compared: a CRD version that first appears in a later input is ``added`` there, and one that is gone
from a later input (its CRD with it, or not) is removed there, which the reason says was inferred.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from keyshift.core.versions import VersionError
from keyshift.importers import ImportInput, ImportRequest
from keyshift.importers._kube import KindRule, Node, YamlFile, api_version_draft, matrix_version, read_yaml
from keyshift.importers.draft import ImportFailure, MatrixDraft, ValueDraft

_CRD_KIND = "CustomResourceDefinition"
_LIST_KINDS = ("List", "CustomResourceDefinitionList")
_CRD_API_VERSIONS = ("apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1")


@dataclass(frozen=True, slots=True)
class ServedVersion:
    """One entry of a CRD's ``spec.versions``."""

    served: bool
    deprecated: bool
    warning: str | None


Resource = tuple[str, str]
"""A custom resource: (API group, kind)."""
Snapshot = dict[Resource, dict[str, ServedVersion]]
"""The CRDs at one product version: each resource's versions by name."""


def build(request: ImportRequest) -> MatrixDraft:
    snapshots = _snapshots(request)
    changes = [change for resource in _resources(snapshots) for change in _history(resource, snapshots)]
    if not changes:
        files = ", ".join(str(source.path) for source in request.inputs)
        raise ImportFailure(f"{files}: no CRD version is deprecated, unserved or gone in a later input")
    return api_version_draft(request.product, changes)


def _snapshots(request: ImportRequest) -> list[tuple[str, Snapshot]]:
    """The CRDs of each product version, oldest first; inputs of one version are read together."""
    option = request.options.get("version")
    if option is not None and not isinstance(option, str):
        raise ImportFailure(f"option version must be a string, not {option!r}")
    snapshots: dict[str, Snapshot] = {}
    for source in request.inputs:
        version = _product_version(source, source.version or option)
        snapshot = snapshots.setdefault(version, {})
        file = read_yaml(source)
        crds = list(_crd_nodes(file))
        if not crds:
            raise ImportFailure(f"{file.name}: no CustomResourceDefinition in it")
        for node in crds:
            resource, versions = _crd(file, node)
            if resource in snapshot:
                raise file.fail(node, f"a second CRD for {resource[1]} in group {resource[0]} at version {version}")
            snapshot[resource] = versions
    return list(snapshots.items())


def _product_version(source: ImportInput, version: str | None) -> str:
    if version is None:
        raise ImportFailure(
            f"{source.path}: a CRD names no product version: give the option version, or a version for each input"
        )
    try:
        return matrix_version(version)
    except VersionError as exc:
        raise ImportFailure(f"{source.path}: {exc}") from None


def _crd_nodes(file: YamlFile) -> Iterator[Node]:
    """The CRD documents of a file, and the CRDs in a ``List`` (``kubectl get crd -o yaml``)."""
    for document in file.documents:
        fields = file.mapping(document, "a Kubernetes manifest")
        kind = file.text(fields, "kind", document)
        if kind == _CRD_KIND:
            yield document
        elif kind in _LIST_KINDS and "items" in fields:
            for item in file.sequence(fields["items"], "items"):
                if file.text(file.mapping(item, "a list item"), "kind", item) == _CRD_KIND:
                    yield item


def _crd(file: YamlFile, node: Node) -> tuple[Resource, dict[str, ServedVersion]]:
    fields = file.mapping(node, "a CustomResourceDefinition")
    api_version = file.text(fields, "apiVersion", node, required=True)
    if api_version not in _CRD_API_VERSIONS:
        expected = " or ".join(_CRD_API_VERSIONS)
        raise file.fail(fields["apiVersion"], f"a CustomResourceDefinition of {api_version} (expected {expected})")
    spec_node = _field(file, fields, "spec", node)
    spec = file.mapping(spec_node, "spec")
    names_node = _field(file, spec, "names", spec_node)
    names = file.mapping(names_node, "spec.names")
    resource = (file.text(spec, "group", spec_node, required=True), file.text(names, "kind", names_node, required=True))
    if "versions" in spec:
        return resource, _versions(file, spec["versions"])
    if api_version.endswith("v1beta1") and "version" in spec:
        # v1beta1's single-version spelling: that version is served
        return resource, {file.text(spec, "version", spec_node, required=True): ServedVersion(True, False, None)}
    raise file.fail(spec_node, "missing field 'versions'")


def _field(file: YamlFile, fields: dict[str, Node], name: str, owner: Node) -> Node:
    if name not in fields:
        raise file.fail(owner, f"missing field {name!r}")
    return fields[name]


def _versions(file: YamlFile, node: Node) -> dict[str, ServedVersion]:
    versions: dict[str, ServedVersion] = {}
    for item in file.sequence(node, "spec.versions"):
        fields = file.mapping(item, "a spec.versions entry")
        name = file.text(fields, "name", item, required=True)
        if name in versions:
            raise file.fail(item, f"version {name} is listed twice")
        _field(file, fields, "served", item)
        versions[name] = ServedVersion(
            served=file.flag(fields, "served", default=True),
            deprecated=file.flag(fields, "deprecated", default=False),
            warning=file.text(fields, "deprecationWarning", item) or None,
        )
    return versions


def _resources(snapshots: list[tuple[str, Snapshot]]) -> list[tuple[Resource, str]]:
    """Every (resource, version name) of any input, in a stable order."""
    found = {(resource, name) for _, snapshot in snapshots for resource, names in snapshot.items() for name in names}
    return sorted(found)


def _history(item: tuple[Resource, str], snapshots: list[tuple[str, Snapshot]]) -> Iterator[KindRule]:
    """What the inputs say, oldest first, about one version of one custom resource, up to its removal."""
    (group, kind), name = item
    api_version = f"{group}/{name}"
    change = ValueDraft(api_version)
    seen = False
    for version, snapshot in snapshots:
        served = snapshot.get((group, kind), {}).get(name)
        if served is None and seen:
            note = f"{api_version} {kind} is not in the CRDs at {version} (the removal is inferred)."
            yield kind, replace(change, removed=version, reason=" ".join(filter(None, (change.reason, note))))
            return
        if served is None:
            continue
        if not seen and version != snapshots[0][0]:
            change = replace(change, added=version)
        seen = True
        if served.deprecated and change.deprecated is None:
            change = replace(change, deprecated=version, reason=served.warning)
        if not served.served:
            # a version that first appears unserved was never usable: it is only removed
            yield kind, replace(change, removed=version, added=None if change.added == version else change.added)
            return
    if change != ValueDraft(api_version):
        yield kind, change


__all__ = ["ServedVersion", "build"]
