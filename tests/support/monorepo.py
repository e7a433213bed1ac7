"""A small generated monorepo for the tests that compare serial, parallel and cached scans.

Deterministic: every format keyshift reads, files with and without keys, a product file, parse
errors, a template, a suppressed finding, and files that are skipped with a notice (binary, not
UTF-8, too large, a broken symlink), spread over directories so that chunks mix them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import write_tree

REPO = Path(__file__).resolve().parents[2]

HITS: dict[str, str] = {
    "deploy.yaml": "spec:\n  env:\n  - name: DTEN_HYBRID_LEGACY_MODE\n    value: 'on'\n",
    "values.yaml": "dten:\n  hybrid:\n    legacy_mode: on\n  cache:\n    size_mb: 512\n",
    "compose.yaml": "services:\n  app:\n    environment:\n      - DTEN_CLUSTER_GOSSIP_INTERVAL=5s\n",
    "data.json": '{"dten": {"cache": {"size_mb": 64}, "sync": {"backoff": "linear"}}}\n',
    "conf.toml": "[dten.cluster]\ngossip_interval = 5\n",
    "mod.py": 'import os\n\nLEGACY = config.get("dten.hybrid.legacy_mode")\nX = os.environ["DTEN_METRICS_PUSH_GATEWAY"]\n',
    "README.md": "Set `dten.hybrid.enable` first; `dten.cache.size_mb` moved.\n",
    "run.sh": "#!/bin/sh\nexport DTEN_METRICS_PUSH_GATEWAY=http://gw:9091\n",
    "app.env": "DTEN_SYNC_BACKOFF=linear\n",
    "Dockerfile": "FROM alpine\nENV DTEN_HYBRID_LEGACY_MODE=on\n",
    "settings.ini": "[dten.cluster]\ngossip_interval = 5\n",
    "app.properties": "dten.cache.size_mb=64\n",
}

CLEAN: dict[str, str] = {
    "deploy.yaml": "kind: Deployment\nspec:\n  replicas: 2\n",
    "data.json": '{"name": "svc", "port": 8080}\n',
    "conf.toml": "[server]\nport = 8080\n",
    "mod.py": "def f(x):\n    return x + 1\n",
    "README.md": "# A service\n\nNothing to see.\n",
    "run.sh": "#!/bin/sh\necho hi\n",
}

SPECIAL: dict[str, str | bytes] = {
    "dten.yaml": "dten:\n  hybrid:\n    legacy_mode: off\n  sync:\n    backoff: linear\n",
    "conf/node.toml": "[cluster]\ngossip_interval = 3\n",
    "broken/bad.yaml": "dten:\n  hybrid: [legacy_mode\n",
    "broken/bad.json": '{"dten": {"cache": }\n',
    "charts/templates/cm.yaml": "dten:\n  {{ if .Values.x }}\n  hybrid.legacy_mode: on\n  {{ end }}\n",
    "quiet/ignored.yaml": "dten:\n  cache:\n    size_mb: 1  # keyshift: ignore\n",
    "skip/logo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "skip/latin1.yaml": b"name: caf\xe9\ndten.hybrid.enable: true\n",
    "skip/big.yaml": "dten:\n  cache:\n    size_mb: 1\n" + "# padding\n" * 500,
    "bom.yaml": "\ufeffdten:\n  cache:\n    size_mb: 2\r\n",
}


def write_monorepo(root: Path, services: int = 12) -> Path:
    """The tree under ``root`` with the repository's ``deprecations.toml``; returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "deprecations.toml", root / "deprecations.toml")
    files: dict[str, str | bytes] = dict(SPECIAL)
    for i in range(services):
        source = HITS if i % 3 == 0 else CLEAN
        for name, text in source.items():
            files[f"svc{i:02d}/{name}"] = text
    write_tree(root, files)
    (root / "skip" / "dangling.yaml").symlink_to(root / "nowhere.yaml")
    return root
