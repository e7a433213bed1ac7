"""The bundled kubernetes, cert-manager and istio packs against pluto's own data (the shared pack
sources; skipped when absent): they are what the importer makes of it today, they cover every entry,
and what helm-mapkubeapis and kube-no-trouble know that pluto does not is the known list below."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from keyshift.core.versions import numeric_key
from keyshift.importers import ImportInput, ImportRequest, get_importer
from keyshift.matrix import Matrix, ValueRule, load_matrix
from support.kube import REPO, RULES_START, pack_sources, run_importer, value_rules_text

PLUTO = "kubernetes/pluto/versions.yaml"
PACKS = {"kubernetes": "k8s", "cert-manager": "cert-manager", "istio": "istio"}


def pack(name: str) -> Matrix:
    return load_matrix(REPO / "rules" / f"{name}.pack.toml")


def pluto_entries(component: str) -> list[dict[str, str]]:
    data = yaml.safe_load((pack_sources() / PLUTO).read_text(encoding="utf-8"))
    return [entry for entry in data["deprecated-versions"] if entry.get("component") == component]


def same_version(first: str | None, second: str | None) -> bool:
    if not first or not second:
        return not first and not second
    return numeric_key(first) == numeric_key(second.removeprefix("v"))


def rules_for(matrix: Matrix, api_version: str, kind: str) -> list[ValueRule]:
    (key,) = matrix.keys
    return [
        rule
        for rule in key.values
        if rule.value == api_version and (not rule.when or kind in dict(rule.when)[("kind",)])
    ]


@pytest.mark.parametrize("name", PACKS)
def test_the_committed_pack_is_what_the_importer_makes_of_the_shared_data(name: str) -> None:
    source = pack_sources() / PLUTO
    request = ImportRequest(name, (ImportInput(source, PLUTO),), {"component": PACKS[name]})
    fresh = value_rules_text(get_importer("pluto")(request))
    committed = (REPO / "rules" / f"{name}.pack.toml").read_text(encoding="utf-8")
    assert committed[committed.index(RULES_START) :] == fresh
    (record,) = pack(name).product.sources
    assert (record.file, record.repo) == (PLUTO, "FairwindsOps/pluto")
    assert record.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", PACKS)
def test_every_pluto_entry_of_the_component_is_in_its_pack(name: str) -> None:
    matrix = pack(name)
    entries = pluto_entries(PACKS[name])
    assert entries
    for entry in entries:
        (rule,) = rules_for(matrix, entry["version"], entry["kind"])
        assert same_version(rule.deprecated, entry.get("deprecated-in")), entry
        assert same_version(rule.removed, entry.get("removed-in")), entry
        assert rule.replaced_by == (entry.get("replacement-api") or None), entry
        available = entry.get("replacement-available-in")
        if available:
            (replacement,) = rules_for(matrix, entry["replacement-api"], entry["kind"])
            assert replacement.added is not None
            assert numeric_key(replacement.added) <= numeric_key(available.removeprefix("v")), entry


def test_the_kubernetes_pack_covers_every_k8s_entry_from_1_16_on() -> None:
    entries = pluto_entries("k8s")
    # every k8s entry of pluto is removed in 1.16 or later (or not removed yet)
    assert all(
        numeric_key(e["removed-in"].removeprefix("v")) >= numeric_key("1.16") for e in entries if e["removed-in"]
    )
    unique = {(e["version"], e["kind"]) for e in entries}
    assert (len(entries), len(unique)) == (86, 85)  # audit.k8s.io/v1alpha1 Policy is listed twice
    (key,) = pack("kubernetes").keys
    deprecations = [rule for rule in key.values if rule.deprecated or rule.removed]
    covered = {(rule.value, kind) for rule in deprecations for kind in dict(rule.when)[("kind",)]}
    assert covered == unique


def removals_elsewhere(sources: Path) -> dict[str, dict[tuple[str, str], str]]:
    """(apiVersion, kind) -> removed-in, as helm-mapkubeapis and kube-no-trouble list them."""
    helm: dict[tuple[str, str], str] = {}
    for mapping in yaml.safe_load((sources / "kubernetes/helm-mapkubeapis/Map.yaml").read_text())["mappings"]:
        old = yaml.safe_load(mapping["deprecatedAPI"])
        helm[(old["apiVersion"], old["kind"])] = mapping["removedInVersion"].removeprefix("v")
    kubent: dict[tuple[str, str], str] = {}
    for entry in json.loads((sources / "kubernetes/kube-no-trouble/deprecated-apis.json").read_text())["entries"]:
        for api_version in entry["old_api_versions"]:
            kubent[(api_version, entry["kind"])] = entry["removed_in"]
    return {"helm-mapkubeapis": helm, "kube-no-trouble": kubent}


def test_cross_check_with_helm_mapkubeapis_and_kube_no_trouble() -> None:
    """What the other two lists know that pluto (and so the pack) does not, checked against the
    Kubernetes deprecation guide: the authorization.k8s.io/v1beta1 access reviews are no longer served
    from 1.22, and flowcontrol.apiserver.k8s.io/v1beta1 from 1.26 (pluto says 1.29)."""
    matrix = pack("kubernetes")
    missing: dict[str, set[tuple[str, str]]] = {}
    removed_otherwise: dict[str, set[tuple[str, str, str, str]]] = {}
    for name, removals in removals_elsewhere(pack_sources()).items():
        for (api_version, kind), removed in removals.items():
            rules = rules_for(matrix, api_version, kind)
            if not rules:
                missing.setdefault(name, set()).add((api_version, kind))
            elif not same_version(rules[0].removed, removed):
                removed_otherwise.setdefault(name, set()).add((api_version, kind, removed, str(rules[0].removed)))
    reviews = {
        ("authorization.k8s.io/v1beta1", "LocalSubjectAccessReview"),
        ("authorization.k8s.io/v1beta1", "SelfSubjectAccessReview"),
        ("authorization.k8s.io/v1beta1", "SubjectAccessReview"),
    }
    assert missing == {
        "helm-mapkubeapis": {*reviews, ("apiregistration.k8s.io/v1beta1", "APIServiceList")},
        "kube-no-trouble": reviews,
    }
    flowcontrol = {
        ("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", "1.26", "1.29"),
        ("flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", "1.26", "1.29"),
    }
    assert removed_otherwise == {"helm-mapkubeapis": flowcontrol, "kube-no-trouble": flowcontrol}


def test_a_trimmed_copy_of_the_real_file_gives_the_same_rules_for_its_entries(tmp_path: Path) -> None:
    """The real file's first entries, trimmed: the importer reads pluto's own layout (key order varies)."""
    lines = (pack_sources() / PLUTO).read_text(encoding="utf-8").splitlines(keepends=True)
    trimmed = "".join(lines[:8])
    assert trimmed.startswith("deprecated-versions:\n  - version: extensions/v1beta1\n    kind: Deployment\n")
    draft = run_importer("pluto", tmp_path, [(None, trimmed)])
    assert [(v.value, v.added, v.deprecated, v.removed) for v in draft.keys[0].values] == [
        ("apps/v1", "1.9", None, None),
        ("extensions/v1beta1", None, "1.9", "1.16"),
    ]
