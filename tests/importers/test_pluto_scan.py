"""Real-shaped Kubernetes manifests scanned with the bundled kubernetes and cert-manager packs: the
exact position of each ``apiVersion`` value, ``--to`` before and after each removal, the replacement's
``too-new`` before it is served, files that must stay quiet, and what ``keyshift fix`` does."""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli, write_tree
from support.tables import each_row

MANIFESTS = """\
apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.25
---
apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            backend:
              serviceName: web
              servicePort: 80
---
# the job runs at night
apiVersion: "batch/v1beta1"
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: busybox
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: current}
"""


def at(line: int, code: str) -> str:
    return f"deploy.yaml:{line}:13: {code} {'too-new' if code == 'KS104' else 'bad-value'} apiVersion"


# the apiVersion values of the Deployment, the Ingress and the CronJob, deprecated (KS302) or removed (KS301)
DEP_DEPRECATED, DEP_REMOVED = at(1, "KS302"), at(1, "KS301")
ING_DEPRECATED, ING_REMOVED = at(15, "KS302"), at(15, "KS301")
CRON_DEPRECATED, CRON_REMOVED = at(30, "KS302"), at(30, "KS301")

TARGETS = [
    ("1.8: only the current Deployment, whose apps/v1 is not served yet", "1.8", [at(45, "KS104")]),
    ("1.9: extensions/v1beta1 deprecated", "1.9", [DEP_DEPRECATED]),
    ("1.15: the last release that serves it", "1.15", [DEP_DEPRECATED]),
    ("1.16: removed", "1.16", [DEP_REMOVED]),
    ("1.19: the Ingress deprecated", "1.19", [DEP_REMOVED, ING_DEPRECATED]),
    ("1.21: the CronJob deprecated", "1.21", [DEP_REMOVED, ING_DEPRECATED, CRON_DEPRECATED]),
    ("1.22: the Ingress removed", "1.22", [DEP_REMOVED, ING_REMOVED, CRON_DEPRECATED]),
    ("1.24: the CronJob still served", "1.24", [DEP_REMOVED, ING_REMOVED, CRON_DEPRECATED]),
    ("1.25: the CronJob removed", "1.25", [DEP_REMOVED, ING_REMOVED, CRON_REMOVED]),
]


@each_row(("to", "expected"), TARGETS)
def test_a_multi_document_manifest_against_each_target(tmp_path: Path, to: str, expected: list[str]) -> None:
    write_tree(tmp_path, {"deploy.yaml": MANIFESTS})
    result = run_cli(["check", "--pack", "kubernetes", "--to", to, "--format", "json"], tmp_path)
    assert result.lines() == expected
    assert result.exit_code == (1 if expected else 0)


def test_the_finding_names_the_removal_and_the_replacement(tmp_path: Path) -> None:
    write_tree(tmp_path, {"deploy.yaml": MANIFESTS})
    result = run_cli(["check", "--pack", "kubernetes", "--to", "1.21", "--format", "concise"], tmp_path)
    assert result.stdout.splitlines()[:3] == [
        "deploy.yaml:1:13: KS301 [error] bad-value apiVersion value extensions/v1beta1 of apiVersion was removed in 1.16;"
        " use apps/v1",
        "deploy.yaml:15:13: KS302 [warning] bad-value apiVersion value networking.k8s.io/v1beta1 of apiVersion is deprecated"
        " since 1.19 and removed in 1.22; use networking.k8s.io/v1",
        "deploy.yaml:30:13: KS302 [warning] bad-value apiVersion value batch/v1beta1 of apiVersion is deprecated since 1.21"
        " and removed in 1.25; use batch/v1",
    ]


REPLACEMENTS = """\
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
"""


@each_row(
    ("to", "expected"),
    [
        (
            "1.18: both replacements are too new",
            "1.18",
            ["r.yaml:1:13: KS104 too-new apiVersion", "r.yaml:5:13: KS104 too-new apiVersion"],
        ),
        (
            "1.20: networking.k8s.io/v1 is served from 1.19, batch/v1 only from 1.21",
            "1.20",
            ["r.yaml:1:13: KS104 too-new apiVersion"],
        ),
        ("1.21: both served: switch before the upgrade that removes the old ones", "1.21", []),
    ],
)
def test_a_replacement_is_too_new_before_it_is_served(tmp_path: Path, to: str, expected: list[str]) -> None:
    write_tree(tmp_path, {"r.yaml": REPLACEMENTS})
    result = run_cli(["check", "--pack", "kubernetes", "--to", to, "--format", "json"], tmp_path)
    assert result.lines() == expected


CERTIFICATE = """\
apiVersion: cert-manager.io/v1alpha2
kind: Certificate
metadata:
  name: web-tls
  namespace: shop
spec:
  secretName: web-tls
  dnsNames: [shop.example.com]
  issuerRef:
    name: letsencrypt
    kind: ClusterIssuer
---
apiVersion: certmanager.k8s.io/v1alpha1
kind: ClusterIssuer
metadata: {name: letsencrypt}
"""


@each_row(
    ("to", "expected"),
    [
        ("0.10: all served", "0.10", []),
        ("0.11: the certmanager.k8s.io group is gone", "0.11", ["cert.yaml:13:13: KS301 bad-value apiVersion"]),
        (
            "1.4: v1alpha2 deprecated",
            "1.4",
            ["cert.yaml:1:13: KS302 bad-value apiVersion", "cert.yaml:13:13: KS301 bad-value apiVersion"],
        ),
        (
            "1.6: v1alpha2 removed",
            "1.6",
            ["cert.yaml:1:13: KS301 bad-value apiVersion", "cert.yaml:13:13: KS301 bad-value apiVersion"],
        ),
    ],
)
def test_a_cert_manager_certificate_on_an_old_version(tmp_path: Path, to: str, expected: list[str]) -> None:
    write_tree(tmp_path, {"cert.yaml": CERTIFICATE})
    result = run_cli(["check", "--pack", "cert-manager", "--to", to, "--format", "json"], tmp_path)
    assert result.lines() == expected


def test_the_packs_together_each_speak_for_their_own_kinds(tmp_path: Path) -> None:
    write_tree(tmp_path, {"deploy.yaml": MANIFESTS, "cert.yaml": CERTIFICATE})
    args = ["check", "--pack", "kubernetes", "--pack", "cert-manager", "--pack", "istio", "--format", "json"]
    findings = run_cli(args, tmp_path).findings()
    assert [(f["path"], f["line"], f["product"]) for f in findings] == [
        ("cert.yaml", 1, "cert-manager"),
        ("cert.yaml", 13, "cert-manager"),
        ("deploy.yaml", 1, "kubernetes"),
        ("deploy.yaml", 15, "kubernetes"),
        ("deploy.yaml", 30, "kubernetes"),
    ]


QUIET = {
    # a kind the entry is not about, and apiVersion below the document root
    "other.yaml": "apiVersion: extensions/v1beta1\nkind: PodPreset\n---\ningress:\n  apiVersion: networking.k8s.io/v1beta1\n  kind: Ingress\n",
    "docs/upgrade.md": "Change `apiVersion: extensions/v1beta1` to `apps/v1`:\n\n```yaml\napiVersion: extensions/v1beta1\nkind: Deployment\n```\n",
    "tools/render.py": 'MANIFEST = {"apiVersion": "extensions/v1beta1", "kind": "Deployment"}\n',
    ".env": "API_VERSION=extensions/v1beta1\nAPIVERSION=extensions/v1beta1\n",
    # a Helm template that is not YAML until rendered: read as text, where apiVersion is no key
    "chart/templates/ingress.yaml": '{{- if .Values.ingress.enabled }}\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: {{ include "chart.fullname" . }}\n{{- end }}\n',
}


def test_files_that_are_not_manifests_stay_quiet(tmp_path: Path) -> None:
    write_tree(tmp_path, QUIET)
    result = run_cli(["check", "--pack", "kubernetes", "--format", "json"], tmp_path)
    assert (result.exit_code, result.findings(), result.stderr) == (0, [], "")


def test_a_helm_template_that_parses_is_checked_and_a_json_manifest_too(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "chart/templates/cronjob.yaml": 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: "{{ .Release.Name }}-nightly"\n',
            "manifests/hpa.json": '{\n  "apiVersion": "autoscaling/v2beta2",\n  "kind": "HorizontalPodAutoscaler"\n}\n',
        },
    )
    result = run_cli(["check", "--pack", "kubernetes", "--to", "1.26", "--format", "json"], tmp_path)
    assert result.lines() == [
        "chart/templates/cronjob.yaml:1:13: KS301 bad-value apiVersion",
        "manifests/hpa.json:2:17: KS301 bad-value apiVersion",
    ]


def test_fix_rewrites_the_api_version_and_nothing_else_only_with_unsafe(tmp_path: Path) -> None:
    """The new API version may have another schema (an Ingress on networking.k8s.io/v1 needs service.name and
    pathType), which pluto's data does not say: the packs mark these fixes unsafe, so a plain fix changes
    nothing and --unsafe rewrites each apiVersion value and nothing else."""
    write_tree(tmp_path, {"deploy.yaml": MANIFESTS})
    plain = run_cli(["fix", "--pack", "kubernetes", "--to", "1.25"], tmp_path)
    assert plain.exit_code == 1
    assert (tmp_path / "deploy.yaml").read_text() == MANIFESTS
    assert "the matrix marks this fix unsafe (apiVersion: extensions/v1beta1 -> apps/v1); use --unsafe" in plain.stdout
    # one outcome per finding, though the three share code and key (they once collapsed into one)
    assert plain.stdout.count("the matrix marks this fix unsafe") == 3
    result = run_cli(["fix", "--unsafe", "--pack", "kubernetes", "--to", "1.25"], tmp_path)
    assert result.exit_code == 0
    fixed = (tmp_path / "deploy.yaml").read_text()
    assert fixed == (
        MANIFESTS.replace("apiVersion: extensions/v1beta1", "apiVersion: apps/v1")
        .replace("apiVersion: networking.k8s.io/v1beta1", "apiVersion: networking.k8s.io/v1")
        .replace('apiVersion: "batch/v1beta1"', 'apiVersion: "batch/v1"')
    )
    assert run_cli(["check", "--pack", "kubernetes", "--to", "1.25", "--format", "json"], tmp_path).findings() == []
