"""The ``crd`` importer: trimmed, real-shaped CustomResourceDefinitions (cert-manager's, as its releases
shipped them) -> the exact value rules on ``apiVersion``; several versions compared; bad input refused at
its place; and a generated matrix checking a custom resource."""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli, write_tree
from keyshift.importers import importer_info
from keyshift.importers.draft import MatrixDraft, TomlValue
from keyshift.importers.render import render
from support.kube import loaded, refusal, run_importer, value_rules_text
from support.tables import each_row


def certificate_crd(*versions: str, api: str = "apiextensions.k8s.io/v1", kind: str = "Certificate") -> str:
    plural = kind.lower() + "s"
    return f"""\
apiVersion: {api}
kind: CustomResourceDefinition
metadata:
  name: {plural}.cert-manager.io
  annotations:
    cert-manager.io/inject-ca-from-secret: '{{{{ template "webhook.caRef" . }}}}'
spec:
  group: cert-manager.io
  names:
    kind: {kind}
    listKind: {kind}List
    plural: {plural}
    singular: {kind.lower()}
    categories:
      - cert-manager
  scope: Namespaced
  conversion:
    strategy: Webhook
  versions:
{"".join(versions)}"""


def version(
    name: str, *, served: bool = True, storage: bool = False, warning: str | None = None, kind: str = "Certificate"
) -> str:
    text = f"""\
    - name: {name}
      subresources:
        status: {{}}
      additionalPrinterColumns:
        - jsonPath: .status.conditions[?(@.type=="Ready")].status
          name: Ready
          type: string
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
      served: {str(served).lower()}
      storage: {str(storage).lower()}
"""
    if warning is not None:
        text += f'      deprecated: true\n      deprecationWarning: "{warning}"\n'
    return text


def warning(name: str, kind: str = "Certificate") -> str:
    return f"cert-manager.io/{name} {kind} is deprecated in v1.4+, unavailable in v1.6+; use cert-manager.io/v1 {kind}"


V1_5 = certificate_crd(
    version("v1alpha2", warning=warning("v1alpha2")),
    version("v1alpha3", warning=warning("v1alpha3")),
    version("v1beta1", warning=warning("v1beta1")),
    version("v1", storage=True),
)
V1_6 = certificate_crd(
    version("v1alpha2", served=False, warning=warning("v1alpha2")),
    version("v1alpha3", served=False, warning=warning("v1alpha3")),
    version("v1beta1", served=False, warning=warning("v1beta1")),
    version("v1", storage=True),
)
V1_7 = certificate_crd(version("v1", storage=True))
V1_BARE = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"


def deprecated_rule(name: str, at: str, removed: str | None = None, reason: str | None = None) -> str:
    lines = [f'value = "cert-manager.io/{name}"', f'deprecated = "{at}"']
    if removed:
        lines.append(f'removed = "{removed}"')
    lines.append(f'reason = "{reason or warning(name)}"')
    return "[[keys.apiVersion.values]]\n" + "\n".join(lines) + '\nwhen = { kind = "Certificate" }\n'


def rules(*blocks: str) -> str:
    return "\n".join(blocks)


CASES = [
    (
        "deprecated versions, their warnings as the reason; the served storage version says nothing",
        [(None, V1_5)],
        {"version": "v1.5.0"},
        rules(
            deprecated_rule("v1alpha2", "1.5"), deprecated_rule("v1alpha3", "1.5"), deprecated_rule("v1beta1", "1.5")
        ),
    ),
    (
        "a version with served: false is removed",
        [("1.6", V1_6)],
        {},
        rules(
            deprecated_rule("v1alpha2", "1.6", "1.6"),
            deprecated_rule("v1alpha3", "1.6", "1.6"),
            deprecated_rule("v1beta1", "1.6", "1.6"),
        ),
    ),
    (
        "releases compared: deprecated where first deprecated, removed where first unserved",
        [("1.4", V1_5), ("1.5", V1_5), ("1.6", V1_6), ("1.7", V1_7)],
        {},
        rules(
            deprecated_rule("v1alpha2", "1.4", "1.6"),
            deprecated_rule("v1alpha3", "1.4", "1.6"),
            deprecated_rule("v1beta1", "1.4", "1.6"),
        ),
    ),
    (
        "a version gone from the next release is removed there, and the reason says it is inferred",
        [("1.5", V1_5), ("1.7", V1_7)],
        {},
        rules(
            *(
                deprecated_rule(
                    name,
                    "1.5",
                    "1.7",
                    f"{warning(name)} cert-manager.io/{name} Certificate is not in the CRDs at 1.7 (the removal is inferred).",
                )
                for name in ("v1alpha2", "v1alpha3", "v1beta1")
            )
        ),
    ),
    (
        "a version that appears in a later release is added there; a CRD that appears too",
        [
            ("1.0", certificate_crd(version("v1alpha2", storage=True))),
            (
                "1.1",
                certificate_crd(version("v1alpha2"), version("v1", storage=True))
                + "---\n"
                + certificate_crd(version("v1", storage=True, kind="Issuer"), kind="Issuer"),
            ),
        ],
        {},
        '[[keys.apiVersion.values]]\nvalue = "cert-manager.io/v1"\nadded = "1.1"\nwhen = { kind = ["Certificate", "Issuer"] }\n',
    ),
    (
        "several files of one release are one release; other documents of a bundle are read past",
        [
            ("1.5", "apiVersion: v1\nkind: Namespace\nmetadata: {name: cert-manager}\n---\n" + V1_7),
            ("1.5", certificate_crd(version("v1alpha2", warning="use v1"), kind="Issuer")),
        ],
        {},
        '[[keys.apiVersion.values]]\nvalue = "cert-manager.io/v1alpha2"\ndeprecated = "1.5"\nreason = "use v1"\nwhen = { kind = "Issuer" }\n',
    ),
    (
        "v1beta1's single spec.version, then that version unserved beside its successor",
        [
            (
                "0.10",
                V1_BARE.replace("/v1", "/v1beta1")
                + "spec:\n  group: certmanager.k8s.io\n  version: v1alpha1\n  names: {kind: Issuer}\n",
            ),
            (
                "0.11",
                certificate_crd(version("v1alpha1", served=False), version("v1", storage=True), kind="Issuer").replace(
                    "group: cert-manager.io", "group: certmanager.k8s.io"
                ),
            ),
        ],
        {},
        '[[keys.apiVersion.values]]\nvalue = "certmanager.k8s.io/v1"\nadded = "0.11"\nwhen = { kind = "Issuer" }\n\n'
        '[[keys.apiVersion.values]]\nvalue = "certmanager.k8s.io/v1alpha1"\nremoved = "0.11"\nwhen = { kind = "Issuer" }\n',
    ),
    (
        "a List of CRDs (kubectl get crd -o yaml), apiextensions.k8s.io/v1beta1, a deprecation without a warning",
        [
            (
                None,
                "apiVersion: v1\nkind: List\nitems:\n"
                + "".join(
                    "  " + line + "\n" if line else "\n"
                    for line in certificate_crd(
                        version("v1alpha1", served=False),
                        version("v1beta1") + "      deprecated: true\n",
                        api="apiextensions.k8s.io/v1beta1",
                    ).splitlines()
                ).replace("  apiVersion: apiextensions", "- apiVersion: apiextensions", 1),
            )
        ],
        {"version": "0.11"},
        '[[keys.apiVersion.values]]\nvalue = "cert-manager.io/v1alpha1"\nremoved = "0.11"\nwhen = { kind = "Certificate" }\n\n'
        '[[keys.apiVersion.values]]\nvalue = "cert-manager.io/v1beta1"\ndeprecated = "0.11"\nwhen = { kind = "Certificate" }\n',
    ),
]


@each_row(("files", "options", "expected"), CASES)
def test_crds_become_value_rules(
    tmp_path: Path, files: list[tuple[str | None, str]], options: dict[str, str], expected: str
) -> None:
    assert value_rules_text(run_importer("crd", tmp_path, files, options)) == expected


def test_the_matrix_loads(tmp_path: Path) -> None:
    matrix = loaded(run_importer("crd", tmp_path, [("1.6", V1_6)], product="cert-manager-crds"))
    assert (matrix.product.name, matrix.product.env, matrix.product.text) == ("cert-manager-crds", False, False)
    first = matrix.keys[0].values[0]
    assert (first.value, first.deprecated, first.removed, first.reason) == (
        "cert-manager.io/v1alpha2",
        "1.6",
        "1.6",
        warning("v1alpha2"),
    )
    assert first.when == ((("kind",), ("Certificate",)),)


def test_the_importer_is_registered_with_its_option() -> None:
    assert set(importer_info("crd").options) == {"version"}


VERSIONS = V1_BARE + "spec:\n  group: cert-manager.io\n  names: {kind: Certificate}\n  versions:\n"

SHAPE_ERRORS = [
    ("not YAML", "kind: CustomResourceDefinition\nspec: {group: [x}\n", "input0.yaml:2:17: not valid YAML: "),
    ("no CRD in the file", "apiVersion: v1\nkind: Namespace\n", "input0.yaml: no CustomResourceDefinition in it"),
    ("a document that is not a mapping", "- a\n", "input0.yaml:1:1: a Kubernetes manifest must be a mapping"),
    (
        "not a CRD's apiVersion",
        V1_BARE.replace("/v1", "/v2"),
        "input0.yaml:1:13: a CustomResourceDefinition of apiextensions.k8s.io/v2 (expected",
    ),
    ("no spec", V1_BARE, "input0.yaml:1:1: missing field 'spec'"),
    ("no group", V1_BARE + "spec:\n  names: {kind: Certificate}\n", "input0.yaml:4:3: missing field 'group'"),
    (
        "no kind",
        V1_BARE + "spec:\n  group: g\n  names: {plural: certificates}\n",
        "input0.yaml:5:10: missing field 'kind'",
    ),
    ("no versions", VERSIONS.removesuffix("  versions:\n"), "input0.yaml:4:3: missing field 'versions'"),
    (
        "versions not a list",
        VERSIONS.replace("versions:\n", "versions: v1\n"),
        "input0.yaml:6:13: spec.versions must be a list",
    ),
    ("a version without a name", VERSIONS + "    - served: true\n", "input0.yaml:7:7: missing field 'name'"),
    ("a version without served", VERSIONS + "    - name: v1\n", "input0.yaml:7:7: missing field 'served'"),
    (
        "served as a string",
        VERSIONS + '    - name: v1\n      served: "true"\n',
        "input0.yaml:8:15: served must be true or false",
    ),
    (
        "a version listed twice",
        VERSIONS + "    - {name: v1, served: true}\n    - {name: v1, served: false}\n",
        "input0.yaml:8:7: version v1 is listed twice",
    ),
    ("nothing deprecated", V1_7, "input0.yaml: no CRD version is deprecated, unserved or gone in a later input"),
]


@each_row(("text", "message"), SHAPE_ERRORS)
def test_bad_input_is_refused_at_its_place(tmp_path: Path, text: str, message: str) -> None:
    assert refusal("crd", tmp_path, [(None, text)], {"version": "1.0"}).startswith(message)


VERSION_ERRORS = [
    (
        "no product version",
        [(None, V1_5)],
        {},
        "input0.yaml: a CRD names no product version: give the option version, or a version for each input",
    ),
    (
        "a product version that is not one",
        [("next", V1_5)],
        {},
        "input0.yaml: 'next' is not a version number (expected something like 3.0 or v1.22.1)",
    ),
    ("option version not a string", [(None, V1_5)], {"version": 1.5}, "option version must be a string, not 1.5"),
    (
        "the same CRD twice in a release",
        [("1.7", V1_7), ("1.7", V1_7)],
        {},
        "input1.yaml:1:1: a second CRD for Certificate in group cert-manager.io at version 1.7",
    ),
]


@each_row(("files", "options", "message"), VERSION_ERRORS)
def test_inputs_without_a_usable_version_or_twice_at_one_are_refused(
    tmp_path: Path, files: list[tuple[str | None, str]], options: dict[str, TomlValue], message: str
) -> None:
    assert refusal("crd", tmp_path, files, options) == message


CUSTOM_RESOURCES = """\
apiVersion: cert-manager.io/v1alpha2
kind: Certificate
metadata:
  name: web-tls
spec:
  secretName: web-tls
  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
---
apiVersion: cert-manager.io/v1alpha2
kind: Issuer
metadata: {name: local}
spec:
  selfSigned: {}
"""


def write_matrix(tmp_path: Path, draft: MatrixDraft) -> None:
    write_tree(tmp_path, {"crds.toml": render(draft), "app/certificate.yaml": CUSTOM_RESOURCES})


@each_row(
    ("to", "expected"),
    [
        ("1.3: before the deprecation", "1.3", []),
        ("1.4: deprecated", "1.4", ["app/certificate.yaml:1:13: KS302 bad-value apiVersion"]),
        ("1.6: unserved", "1.6", ["app/certificate.yaml:1:13: KS301 bad-value apiVersion"]),
    ],
)
def test_a_generated_matrix_checks_the_custom_resources_of_its_kind(
    tmp_path: Path, to: str, expected: list[str]
) -> None:
    draft = run_importer("crd", tmp_path, [("1.4", V1_5), ("1.6", V1_6)], product="cert-manager-crds")
    write_matrix(tmp_path, draft)
    result = run_cli(["check", "--matrix", "crds.toml", "--to", to, "--format", "json"], tmp_path)
    assert result.lines() == expected
    if expected:
        (finding,) = result.findings()
        assert finding["reason"] == warning("v1alpha2")
