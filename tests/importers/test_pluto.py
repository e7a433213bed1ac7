"""The ``pluto`` importer: trimmed, real-shaped ``versions.yaml`` entries -> the exact value rules on
``apiVersion`` it writes, the refusals of bad input (file, line and column), and a round trip."""

from __future__ import annotations

from pathlib import Path

from keyshift.importers import importer_info
from keyshift.importers.draft import TomlValue
from support.kube import loaded, refusal, run_importer, value_rules_text
from support.tables import each_row


def entries(*blocks: str) -> str:
    return "deprecated-versions:\n" + "".join(blocks)


def entry(version: str, kind: str, component: str = "k8s", **fields: str) -> str:
    """One entry in pluto's layout; ``fields`` by their names with ``_`` for ``-`` (an empty one is written)."""
    lines = [f"  - version: {version}", f"    kind: {kind}"]
    empty = '""'
    lines += [f"    {name.replace('_', '-')}: {value or empty}" for name, value in fields.items()]
    return "\n".join([*lines, f"    component: {component}", ""])


# pluto's own first entry, as it is written there
DEPLOYMENT = """\
  - version: extensions/v1beta1
    kind: Deployment
    deprecated-in: v1.9.0
    removed-in: v1.16.0
    replacement-api: apps/v1
    replacement-available-in: v1.9.0
    component: k8s
"""
DEPLOYMENT_RULES = (
    '[[keys.apiVersion.values]]\nvalue = "apps/v1"\nadded = "1.9"\nwhen = { kind = "Deployment" }\n\n'
    '[[keys.apiVersion.values]]\nvalue = "extensions/v1beta1"\ndeprecated = "1.9"\nremoved = "1.16"\nreplaced-by = "apps/v1"\nfix = "unsafe"\nwhen = { kind = "Deployment" }\n'
)
CERT_MANAGER = entry(
    "cert-manager.io/v1alpha2",
    "Certificate",
    "cert-manager",
    deprecated_in="v1.4.0",
    removed_in="v1.6.0",
    replacement_api="cert-manager.io/v1",
)
PSP_REPLACED = entry(
    "extensions/v1beta1",
    "PodSecurityPolicy",
    deprecated_in="v1.10.0",
    removed_in="v1.16.0",
    replacement_api="policy/v1beta1",
    replacement_available_in="v1.10.0",
)
PSP_REMOVED = entry(
    "policy/v1beta1", "PodSecurityPolicy", deprecated_in="v1.21.0", removed_in="v1.25.0", replacement_api=""
)
DEPLOYMENT_APPS = DEPLOYMENT.replace("extensions/v1beta1", "apps/v1beta2").replace(
    "available-in: v1.9.0", "available-in: v1.10.0"
)

CASES = [
    (
        "deprecated, removed, replaced, and the replacement added when it is served",
        entries(DEPLOYMENT),
        {},
        DEPLOYMENT_RULES,
    ),
    (
        "kinds with the same versions share one rule; the replacement's kinds too",
        entries(DEPLOYMENT, DEPLOYMENT.replace("Deployment", "DaemonSet")),
        {},
        DEPLOYMENT_RULES.replace('"Deployment"', '["DaemonSet", "Deployment"]'),
    ),
    (
        "an empty removed-in: deprecated only",
        entries(
            entry(
                "storage.k8s.io/v1beta1",
                "VolumeAttributesClass",
                deprecated_in="v1.34.0",
                removed_in="",
                replacement_api="storage.k8s.io/v1",
            )
        ),
        {},
        '[[keys.apiVersion.values]]\nvalue = "storage.k8s.io/v1beta1"\ndeprecated = "1.34"\nreplaced-by = "storage.k8s.io/v1"\nfix = "unsafe"\n'
        'when = { kind = "VolumeAttributesClass" }\n',
    ),
    (
        "an empty deprecated-in: removed only",
        entries(entry("apps/v1beta2", "ReplicaSet", deprecated_in="", removed_in="v1.16.0", replacement_api="apps/v1")),
        {},
        '[[keys.apiVersion.values]]\nvalue = "apps/v1beta2"\nremoved = "1.16"\nreplaced-by = "apps/v1"\nfix = "unsafe"\nwhen = { kind = "ReplicaSet" }\n',
    ),
    (
        "no replacement, and a replacement that is itself deprecated later: one rule with every version",
        entries(PSP_REPLACED, PSP_REMOVED),
        {},
        '[[keys.apiVersion.values]]\nvalue = "extensions/v1beta1"\ndeprecated = "1.10"\nremoved = "1.16"\nreplaced-by = "policy/v1beta1"\nfix = "unsafe"\nwhen = { kind = "PodSecurityPolicy" }\n\n'
        '[[keys.apiVersion.values]]\nvalue = "policy/v1beta1"\nadded = "1.10"\ndeprecated = "1.21"\nremoved = "1.25"\nwhen = { kind = "PodSecurityPolicy" }\n',
    ),
    (
        "an empty kind is every kind of the apiVersion: no when",
        entries(
            entry(
                "authentication.istio.io/v1alpha1",
                "",
                "istio",
                deprecated_in="v1.5.0",
                removed_in="v1.6.0",
                replacement_api="security.istio.io/v1beta1",
            )
        ),
        {},
        '[[keys.apiVersion.values]]\nvalue = "authentication.istio.io/v1alpha1"\ndeprecated = "1.5"\nremoved = "1.6"\n'
        'replaced-by = "security.istio.io/v1beta1"\nfix = "unsafe"\n',
    ),
    (
        "a rule for some kinds comes before the rule for every kind of the same apiVersion",
        entries(
            entry("authentication.istio.io/v1alpha1", "", "istio", deprecated_in="v1.5.0"),
            entry("authentication.istio.io/v1alpha1", "MeshPolicy", "istio", removed_in="v1.4.0"),
        ),
        {},
        '[[keys.apiVersion.values]]\nvalue = "authentication.istio.io/v1alpha1"\nremoved = "1.4"\nwhen = { kind = "MeshPolicy" }\n\n'
        '[[keys.apiVersion.values]]\nvalue = "authentication.istio.io/v1alpha1"\ndeprecated = "1.5"\n',
    ),
    (
        "the option component chooses the entries",
        entries(DEPLOYMENT, CERT_MANAGER),
        {"component": "cert-manager"},
        '[[keys.apiVersion.values]]\nvalue = "cert-manager.io/v1alpha2"\ndeprecated = "1.4"\nremoved = "1.6"\n'
        'replaced-by = "cert-manager.io/v1"\nfix = "unsafe"\nwhen = { kind = "Certificate" }\n',
    ),
    (
        "an entry listed twice the same way counts once (pluto lists audit.k8s.io/v1alpha1 Policy twice)",
        entries(DEPLOYMENT, DEPLOYMENT),
        {},
        DEPLOYMENT_RULES,
    ),
    (
        "entries that disagree on when a replacement is served: the earliest",
        entries(DEPLOYMENT, DEPLOYMENT_APPS),
        {},
        DEPLOYMENT_RULES.replace('value = "extensions/v1beta1"', 'value = "apps/v1beta2"')
        + DEPLOYMENT_RULES[DEPLOYMENT_RULES.index("\n[[", 1) :],
    ),
    (
        "versions: no v, no .0 patch; a real patch and a pre-release stay",
        entries(
            entry(
                "certmanager.k8s.io/v1alpha1",
                "Issuer",
                "cert-manager",
                deprecated_in="v0.11.0-alpha.1",
                removed_in="v1.5.3",
            )
        ),
        {},
        '[[keys.apiVersion.values]]\nvalue = "certmanager.k8s.io/v1alpha1"\ndeprecated = "0.11.0-alpha.1"\nremoved = "1.5.3"\n'
        'when = { kind = "Issuer" }\n',
    ),
    (
        "an entry that neither deprecates nor removes gives only its replacement's version",
        entries(entry("apps/v1beta1", "Deployment", replacement_api="apps/v1", replacement_available_in="v1.9.0")),
        {},
        DEPLOYMENT_RULES[: DEPLOYMENT_RULES.index("\n[[")],
    ),
    (
        "a file without components needs no option; target-versions is read past",
        entries(DEPLOYMENT.replace("    component: k8s\n", "")) + "target-versions:\n  k8s: v1.25.0\n",
        {},
        DEPLOYMENT_RULES,
    ),
]


@each_row(("text", "options", "expected"), CASES)
def test_entries_become_value_rules(tmp_path: Path, text: str, options: dict[str, str], expected: str) -> None:
    draft = run_importer("pluto", tmp_path, [(None, text)], options)
    assert value_rules_text(draft) == expected


def test_the_matrix_loads_with_type_and_product_settings(tmp_path: Path) -> None:
    matrix = loaded(run_importer("pluto", tmp_path, [(None, entries(DEPLOYMENT))], product="kubernetes"))
    assert matrix.product.name == "kubernetes"
    assert (matrix.product.env, matrix.product.text, matrix.product.files) == (False, False, ())
    (rule,) = matrix.keys
    assert (rule.key, rule.type) == ("apiVersion", "scalar")
    old = rule.values[1]
    assert (old.value, old.deprecated, old.removed, old.replaced_by) == ("extensions/v1beta1", "1.9", "1.16", "apps/v1")
    assert old.when == ((("kind",), ("Deployment",)),)


def test_the_importer_is_registered_with_its_option() -> None:
    assert set(importer_info("pluto").options) == {"component"}


ERRORS = [
    ("not YAML", "deprecated-versions:\n  - version: [a\n", {}, "input0.yaml:3:1: not valid YAML: "),
    ("empty file", "", {}, "input0.yaml: no pluto data (expected a mapping with deprecated-versions)"),
    ("top level is a list", "- version: a\n", {}, "input0.yaml:1:1: pluto's versions file must be a mapping"),
    ("no deprecated-versions", "target-versions: {}\n", {}, "input0.yaml:1:1: missing field 'deprecated-versions'"),
    (
        "unknown top-level field",
        "deprecated-versions: []\nversions: []\n",
        {},
        "input0.yaml:2:1: unknown field 'versions'",
    ),
    ("no entries", "deprecated-versions: []\n", {}, "input0.yaml: deprecated-versions has no entries"),
    (
        "nothing deprecated",
        entries(entry("apps/v1", "Deployment")),
        {},
        "input0.yaml: no entry of component 'k8s' deprecates or removes an API version",
    ),
    ("entries not a list", "deprecated-versions: {a: 1}\n", {}, "input0.yaml:1:22: deprecated-versions must be a list"),
    (
        "entry not a mapping",
        "deprecated-versions:\n  - apps/v1\n",
        {},
        "input0.yaml:2:5: a deprecated-versions entry must be a mapping",
    ),
    (
        "missing version",
        entries("  - kind: Deployment\n    removed-in: v1.16.0\n"),
        {},
        "input0.yaml:2:5: missing field 'version'",
    ),
    (
        "empty version",
        entries('  - version: ""\n    kind: Deployment\n'),
        {},
        "input0.yaml:2:14: version must not be empty",
    ),
    (
        "missing kind",
        entries("  - version: apps/v1beta1\n    removed-in: v1.16.0\n"),
        {},
        "input0.yaml:2:5: missing field 'kind'",
    ),
    (
        "kind not a string",
        entries("  - version: apps/v1beta1\n    kind: [Deployment]\n"),
        {},
        "input0.yaml:3:11: kind must be a string",
    ),
    (
        "misspelt field",
        entries("  - version: apps/v1beta1\n    kind: Deployment\n    removed_in: v1.16.0\n"),
        {},
        "input0.yaml:4:5: unknown field 'removed_in'",
    ),
    (
        "not a version",
        entries("  - version: apps/v1beta1\n    kind: Deployment\n    removed-in: soon\n"),
        {},
        "input0.yaml:4:17: 'soon' is not a version number",
    ),
    (
        "several components, no option",
        entries(DEPLOYMENT, CERT_MANAGER),
        {},
        "input0.yaml: the data holds several components ('cert-manager', 'k8s'): choose one with the option component",
    ),
    (
        "unknown component",
        entries(DEPLOYMENT),
        {"component": "istio"},
        "input0.yaml: no entry has component 'istio' (components: 'k8s')",
    ),
    ("component not a string", entries(DEPLOYMENT), {"component": 1}, "option component must be a string, not 1"),
    (
        "the same entry with other versions",
        entries(DEPLOYMENT, DEPLOYMENT.replace("v1.16.0", "v1.17.0")),
        {},
        "input0.yaml:9:5: extensions/v1beta1 Deployment is listed again with other data (first at input0.yaml:2:5)",
    ),
]


@each_row(("text", "options", "message"), ERRORS)
def test_bad_input_is_refused_at_its_place(
    tmp_path: Path, text: str, options: dict[str, TomlValue], message: str
) -> None:
    assert refusal("pluto", tmp_path, [(None, text)], options).startswith(message)
