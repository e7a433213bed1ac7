"""End-to-end, table-driven tests of repository scanning (issue 4): env-var forms, Python source, INI,
.properties, .env, Dockerfile, shell and plain text, relaxed binding and the switches that turn each off.
A case is a matrix, a file tree, options and the exact findings (path:line:col: CODE kind key found)."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest

from helpers import run_cli, write_tree
from support.tables import each_case
from support.tree_cases import CheckCase, run_check

MATRIX = """\
[product]
name = "dten"
versions = ["2.4", "3.0"]
files = ["dten.yaml", "dten.ini", "dten.properties"]
to = "3.0"

[keys."dten.hybrid.legacy_mode"]
removed = "3.0"
replaced-by = "dten.hybrid.enable"
value-map = { on = true, off = false }

[keys."dten.cluster.gossip_interval"]
removed = "3.0"

[[keys."dten.sync.backoff".values]]
value = "linear"
removed = "3.0"
replaced-by = "exponential"

[keys."port"]
removed = "3.0"
"""


# the expected findings end with the key as found
check_case = partial(CheckCase, matrix=MATRIX)

CASES = [
    check_case(
        ".env: keys are env-var names, values are checked",
        {".env": "# x\nexport DTEN_HYBRID_LEGACY_MODE=on\nDTEN_SYNC_BACKOFF='linear'\nPORT=1\n"},
        [
            ".env:2:8: KS102 renamed dten.hybrid.legacy_mode DTEN_HYBRID_LEGACY_MODE",
            ".env:3:19: KS301 bad-value dten.sync.backoff DTEN_SYNC_BACKOFF",
        ],
    ),
    check_case(
        "compose environment map and list, Kubernetes env names, CI env blocks",
        {
            "compose.yaml": "services:\n  app:\n    environment:\n      DTEN_HYBRID_LEGACY_MODE: 'on'\n"
            "  worker:\n    environment:\n      - DTEN_CLUSTER_GOSSIP_INTERVAL=5s\n",
            "deploy.yaml": "spec:\n  containers:\n    - env:\n"
            "        - name: DTEN_HYBRID_LEGACY_MODE\n          value: 'on'\n",
            ".github/workflows/ci.yml": "env:\n  DTEN_CLUSTER_GOSSIP_INTERVAL: 1s\n",
        },
        [
            ".github/workflows/ci.yml:2:3: KS101 removed dten.cluster.gossip_interval DTEN_CLUSTER_GOSSIP_INTERVAL",
            "compose.yaml:4:7: KS102 renamed dten.hybrid.legacy_mode DTEN_HYBRID_LEGACY_MODE",
            "compose.yaml:7:9: KS101 removed dten.cluster.gossip_interval DTEN_CLUSTER_GOSSIP_INTERVAL",
            "deploy.yaml:4:17: KS102 renamed dten.hybrid.legacy_mode DTEN_HYBRID_LEGACY_MODE",
        ],
    ),
    check_case(
        "Dockerfile ENV and ARG, shell export and assignment",
        {
            "Dockerfile": "FROM x\nENV A=1 \\\n    DTEN_HYBRID_LEGACY_MODE=on\nARG DTEN_CLUSTER_GOSSIP_INTERVAL\n",
            "run.sh": "#!/bin/sh\nexport DTEN_HYBRID_LEGACY_MODE=on\nDTEN_CLUSTER_GOSSIP_INTERVAL=2s ./dten\n",
        },
        [
            "Dockerfile:3:5: KS102 renamed dten.hybrid.legacy_mode DTEN_HYBRID_LEGACY_MODE",
            "Dockerfile:4:5: KS101 removed dten.cluster.gossip_interval DTEN_CLUSTER_GOSSIP_INTERVAL",
            "run.sh:2:8: KS102 renamed dten.hybrid.legacy_mode DTEN_HYBRID_LEGACY_MODE",
            "run.sh:3:1: KS101 removed dten.cluster.gossip_interval DTEN_CLUSTER_GOSSIP_INTERVAL",
        ],
    ),
    check_case(
        "Python: literals, env names, chains reported at their first literal",
        {
            "app.py": 'import os\nA = config.get("dten.hybrid.legacy_mode")\nB = os.environ["DTEN_CLUSTER_GOSSIP_INTERVAL"]\n'
            'C = cfg["dten"]["hybrid"]["legacy_mode"]\nD = cfg.get("dten", {}).get("cluster").get("gossip_interval")\n'
            'E = "port"\nF = "dten.hybrid.legacy_mode_v2"\n',
        },
        [
            "app.py:2:16: KS102 renamed dten.hybrid.legacy_mode dten.hybrid.legacy_mode",
            "app.py:3:16: KS101 removed dten.cluster.gossip_interval DTEN_CLUSTER_GOSSIP_INTERVAL",
            "app.py:4:9: KS102 renamed dten.hybrid.legacy_mode dten.hybrid.legacy_mode",
            "app.py:5:13: KS101 removed dten.cluster.gossip_interval dten.cluster.gossip_interval",
        ],
    ),
    check_case(
        "plain text: whole tokens only, and env-var forms",
        {
            "docs/run.md": "Set dten.hybrid.legacy_mode.\n"
            "Not dten.hybrid.legacy_modes or xdten.hybrid.legacy_mode.\n"
            "Export ${DTEN_HYBRID_LEGACY_MODE} or $DTEN_HYBRID_LEGACY_MODE_OLD.\nport\n",
            "chart/templates/cm.yaml": "data:\n  {{- if .Values.x }}\n  dten.cluster.gossip_interval: {{ .Values.g }}\n",
        },
        [
            "chart/templates/cm.yaml:3:3: KS101 removed dten.cluster.gossip_interval dten.cluster.gossip_interval",
            "docs/run.md:1:5: KS102 renamed dten.hybrid.legacy_mode dten.hybrid.legacy_mode",
            "docs/run.md:3:10: KS102 renamed dten.hybrid.legacy_mode DTEN_HYBRID_LEGACY_MODE",
        ],
    ),
    check_case(
        "--no-text turns plain-text scanning off (source and config files stay)",
        {"docs/run.md": "dten.hybrid.legacy_mode\n", "app.py": 'x = "dten.hybrid.legacy_mode"\n'},
        ["app.py:1:5: KS102 renamed dten.hybrid.legacy_mode dten.hybrid.legacy_mode"],
        args=["--no-text"],
    ),
    check_case(
        "INI product file: section.key, case-sensitive",
        {"dten.ini": "[dten.hybrid]\nlegacy_mode = on\nLegacy_Mode = on\n\n[dten.sync]\nbackoff: linear\n"},
        [
            "dten.ini:2:1: KS102 renamed dten.hybrid.legacy_mode dten.hybrid.legacy_mode",
            "dten.ini:6:10: KS301 bad-value dten.sync.backoff dten.sync.backoff",
        ],
    ),
    check_case(
        ".properties: separators, continuations, escapes, comments",
        {
            "dten.properties": "# c\n! c\ndten.hybrid.legacy_mode=on\ndten.sync.backoff : \\\n    linear\n"
            "dten.cluster.gossip_interval 5s\n"
        },
        [
            "dten.properties:3:1: KS102 renamed dten.hybrid.legacy_mode dten.hybrid.legacy_mode",
            "dten.properties:5:5: KS301 bad-value dten.sync.backoff dten.sync.backoff",
            "dten.properties:6:1: KS101 removed dten.cluster.gossip_interval dten.cluster.gossip_interval",
        ],
    ),
]

CASES += [
    check_case(
        "env-var references inside string values (CI run steps), at the reference itself",
        {
            ".github/workflows/ci.yml": 'steps:\n  - run: echo "${DTEN_CLUSTER_GOSSIP_INTERVAL}"\n  - run: |\n      go $DTEN_HYBRID_LEGACY_MODE\n'
        },
        [
            ".github/workflows/ci.yml:2:18: KS101 removed dten.cluster.gossip_interval DTEN_CLUSTER_GOSSIP_INTERVAL",
            ".github/workflows/ci.yml:4:11: KS102 renamed dten.hybrid.legacy_mode DTEN_HYBRID_LEGACY_MODE",
        ],
    ),
]

RELAXED = """\
[product]
name = "spring"
binding = "relaxed"
files = ["application.yml", "application.properties"]

[keys."spring.redis.host-name"]
removed = "3.0"
replaced-by = "spring.data.redis.host-name"
"""

PREFIXED_ENV = """\
[product]
name = "svc"
env-prefix = "SVC_"
env-separator = "__"

[keys."db.pool-size"]
removed = "2.0"

[keys."port"]
removed = "2.0"
"""

CASES += [
    check_case(
        "relaxed binding: case, kebab, snake and camel case are one key, in every format",
        {
            "application.yml": "spring:\n  Redis:\n    hostName: a\n",
            "application.properties": "spring.redis.host_name=b\nSPRING.REDIS.HOST-NAME=c\n",
            ".env": "SPRING_REDIS_HOSTNAME=d\n",
            "app.py": 'x = "spring.redis.hostName"\n',
        },
        [
            ".env:1:1: KS102 renamed spring.redis.host-name SPRING_REDIS_HOSTNAME",
            "app.py:1:5: KS102 renamed spring.redis.host-name spring.redis.hostName",
            "application.properties:1:1: KS102 renamed spring.redis.host-name spring.redis.host_name",
            "application.properties:2:1: KS102 renamed spring.redis.host-name SPRING.REDIS.HOST-NAME",
            "application.yml:3:5: KS102 renamed spring.redis.host-name spring.Redis.hostName",
        ],
        matrix=RELAXED,
    ),
    check_case(
        "env-prefix and env-separator shape the env-var form; one-segment keys get one with a prefix",
        {".env": "SVC_DB__POOL_SIZE=4\nSVC_DB_POOL_SIZE=4\nSVC_PORT=80\nPORT=80\n"},
        [".env:1:1: KS101 removed db.pool-size SVC_DB__POOL_SIZE", ".env:3:1: KS101 removed port SVC_PORT"],
        matrix=PREFIXED_ENV,
    ),
    check_case(
        "env = false and text = false turn those forms off for a product",
        {
            ".env": "DTEN_HYBRID_LEGACY_MODE=on\n",
            "notes.md": "dten.hybrid.legacy_mode\n",
            "a.py": 'x = "dten.hybrid.legacy_mode"\n',
        },
        ["a.py:1:5: KS102 renamed dten.hybrid.legacy_mode dten.hybrid.legacy_mode"],
        matrix=MATRIX.replace('to = "3.0"', 'to = "3.0"\nenv = false\ntext = false'),
    ),
    check_case(
        "only-product-files keeps short keys out of source and text",
        {
            "pyproject.toml": '[tool.ruff]\nselect = ["E"]\n',
            "a.py": 'x = "lint.select"\nselect = 1\n',
            "n.md": "select\n",
        },
        ["pyproject.toml:2:1: KS103 deprecated select tool.ruff.select"],
        matrix='[product]\nname = "ruff"\nfiles = [{ glob = "pyproject.toml", prefix = "tool.ruff" }]\n'
        'only-product-files = true\n\n[keys."select"]\ndeprecated = "0.2.0"\nreplaced-by = "lint.select"\n',
    ),
]


@each_case(CASES)
def test_repository_scan_cases(case: CheckCase, tmp_path: Path) -> None:
    result = run_check(case, tmp_path)
    assert result.lines("found") == case.expected, result.stderr


def test_text_findings_have_low_confidence_and_unsafe_fixes(tmp_path: Path) -> None:
    write_tree(tmp_path, {"matrix.toml": MATRIX, "notes.md": "use dten.hybrid.legacy_mode here\n"})
    result = run_cli(["check", "-m", "matrix.toml", "--format", "json"], tmp_path)
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["confidence"], finding["replacement"]) == ("low", "dten.hybrid.enable")
    safe = run_cli(["fix", "-m", "matrix.toml"], tmp_path)
    assert "fixes in plain text are unsafe" in safe.stdout
    assert (tmp_path / "notes.md").read_text() == "use dten.hybrid.legacy_mode here\n"
    run_cli(["fix", "-m", "matrix.toml", "--unsafe"], tmp_path)
    assert (tmp_path / "notes.md").read_text() == "use dten.hybrid.enable here\n"


def test_env_rename_maps_the_value_and_keeps_every_other_byte(tmp_path: Path) -> None:
    original = "# dev\r\nexport DTEN_HYBRID_LEGACY_MODE=off  # why\r\nOTHER=1"
    write_tree(tmp_path, {"matrix.toml": MATRIX, ".env": original})
    result = run_cli(["fix", "-m", "matrix.toml"], tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert (tmp_path / ".env").read_bytes() == b"# dev\r\nexport DTEN_HYBRID_ENABLE=false  # why\r\nOTHER=1"


def test_python_chain_with_a_longer_new_key_is_reported_not_fixed(tmp_path: Path) -> None:
    matrix = MATRIX + '\n[keys."dten.cache.size_mb"]\nremoved = "3.0"\nreplaced-by = "dten.storage.cache.size_mb"\n'
    source = 'a = cfg["dten"]["cache"]["size_mb"]\nb = cfg.get("dten.cache.size_mb")\n'
    write_tree(tmp_path, {"matrix.toml": matrix, "app.py": source})
    result = run_cli(["fix", "-m", "matrix.toml"], tmp_path)
    assert (
        tmp_path / "app.py"
    ).read_text() == 'a = cfg["dten"]["cache"]["size_mb"]\nb = cfg.get("dten.storage.cache.size_mb")\n'
    assert "different number of segments" in result.stdout


def test_checking_a_python_file_without_keys_never_imports_libcst(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    write_tree(tmp_path, {"deprecations.toml": MATRIX, "a.py": "print('hello')\n", "b.yaml": "x: 1\n"})
    probe = (
        "import sys\nfrom keyshift.app.check import check\nfrom keyshift.app.config import RunConfig\n"
        "check(RunConfig(paths=('.',), output_format='json'))\n"
        "print('libcst' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
    )
    assert done.stderr.strip() == "False"


ENV_PRODUCT = """\
[product]
name = "d"
files = [".env"]

[keys."dten.hybrid.enable"]
required = "1"
expect = true

[keys."dten.hybrid.legacy_mode"]
removed = "1"
replaced-by = "dten.hybrid.enable"
"""


@pytest.mark.parametrize(
    ("before", "after", "remaining"),
    [
        ("A=1\n", "A=1\nDTEN_HYBRID_ENABLE=true\n", []),
        ("DTEN_HYBRID_LEGACY_MODE=true\n", "DTEN_HYBRID_ENABLE=true\n", []),
        ("DTEN_HYBRID_ENABLE=true\nDTEN_HYBRID_LEGACY_MODE=true\n", "DTEN_HYBRID_ENABLE=true\n", []),
        (
            "DTEN_HYBRID_ENABLE=true\nDTEN_HYBRID_LEGACY_MODE=false\n",
            "DTEN_HYBRID_ENABLE=true\nDTEN_HYBRID_LEGACY_MODE=false\n",
            ["conflict: DTEN_HYBRID_ENABLE is already set, to another value"],
        ),
    ],
)
def test_env_product_file_required_keys_and_renames(
    tmp_path: Path, before: str, after: str, remaining: list[str]
) -> None:
    write_tree(tmp_path, {"matrix.toml": ENV_PRODUCT, ".env": before})
    run_cli(["fix", "-m", "matrix.toml"], tmp_path)
    assert (tmp_path / ".env").read_text() == after
    left = json.loads(run_cli(["check", "-m", "matrix.toml", "--format", "json"], tmp_path).stdout)["findings"]
    assert [m for f in left for m in remaining if m in f["message"]] == remaining
    assert len(left) == len(remaining)
