"""The text of each generated file, by kind: ordinary content, with the planted keys (if any) in their slot.

Ordinary content uses only words that are no matrix key's first segment, so a file holds a matrix key exactly
when the generator planted one.  Sizes vary around a few KB, as in a real repository.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench import plant
from bench.keys import Value, env_name
from bench.plant import Planting
from bench.vocab import ENVIRONMENTS, IMAGES, LEAVES, PROSE, PY_NAMES, ROOTS, SECTIONS, SHELL_COMMANDS


@dataclass(frozen=True)
class Source:
    """The seeded randomness and the service one file belongs to."""

    rng: random.Random
    service: str

    def value(self, leaf: str) -> Value:
        if leaf in {"enabled", "keepalive", "compression"}:
            return self.rng.random() < 0.5
        if leaf.endswith(("_file", "path", "endpoint", "host", "bucket", "prefix")):
            return f"/srv/{self.service}/{self.rng.choice(SECTIONS)}"
        if leaf in {"level", "format", "mode", "strategy", "region", "backoff", "username"}:
            return self.rng.choice(("info", "json", "auto", "eu-west-1", "exponential", "svc"))
        return self.rng.choice((1, 2, 4, 8, 30, 60, 100, 512, 1024, 8080))

    def settings(self, sections: int, leaves: int) -> dict[str, dict[str, Value]]:
        out: dict[str, dict[str, Value]] = {}
        for section in self.rng.sample(SECTIONS, sections):
            out[section] = {leaf: self.value(leaf) for leaf in self.rng.sample(LEAVES, leaves)}
        return out

    def env(self, count: int) -> list[tuple[str, str]]:
        pairs = []
        for section, leaves in self.settings(count, 1).items():
            for leaf, value in leaves.items():
                pairs.append((env_name(("app", section, leaf)), plant.env_value(value)))
        return pairs

    def words(self, count: int) -> str:
        return " ".join(self.rng.choice(PROSE) for _ in range(count))


def _container(src: Source, component: str, planting: Planting | None) -> list[str]:
    lines = [
        f"        - name: {component}",
        f"          image: registry.example.com/{src.service}/{component}:1.{src.rng.randrange(30)}.0",
        "          ports:",
        f"            - containerPort: {src.rng.choice((8080, 8443, 9090, 3000))}",
        "          env:",
    ]
    for name, value in src.env(src.rng.randint(6, 16)):
        lines += [f"            - name: {name}", f"              value: {json.dumps(value)}"]
    if planting is not None:
        for key in planting.keys:
            lines += [
                f"            - name: {key.env}",
                f"              value: {json.dumps(plant.env_value(key.value))}",
            ]
    lines += [
        "          resources:",
        "            limits:",
        f"              cpu: {src.rng.choice((250, 500, 1000))}m",
        f"              memory: {src.rng.choice((256, 512, 1024))}Mi",
        "          readinessProbe:",
        "            httpGet:",
        "              path: /healthz",
        "              port: http",
        f"            periodSeconds: {src.rng.choice((5, 10, 15))}",
    ]
    return lines


def k8s(src: Source, planting: Planting | None) -> str:
    component = src.rng.choice(("api", "worker", "web", "cron", "consumer"))
    name = f"{src.service}-{component}"
    labels = [f"    app.kubernetes.io/name: {src.service}", f"    app.kubernetes.io/component: {component}"]
    lines = ["apiVersion: apps/v1", "kind: Deployment", "metadata:", f"  name: {name}"]
    lines += [f"  namespace: {src.rng.choice(ENVIRONMENTS)}", "  labels:", *labels, "spec:"]
    lines += [f"  replicas: {src.rng.randint(1, 6)}", "  selector:", "    matchLabels:", f"      app: {name}"]
    lines += ["  template:", "    metadata:", "      labels:", f"        app: {name}", "    spec:", "      containers:"]
    lines += _container(src, component, planting)
    lines += ["---", "apiVersion: v1", "kind: Service", "metadata:", f"  name: {name}", "spec:"]
    lines += [
        "  selector:",
        f"    app: {name}",
        "  ports:",
        "    - name: http",
        "      port: 80",
        "      targetPort: 8080",
    ]
    lines += ["---", "apiVersion: v1", "kind: ConfigMap", "metadata:", f"  name: {name}-config", "data:"]
    for section, leaves in src.settings(src.rng.randint(3, 9), 4).items():
        lines += [f"  {section}.{leaf}: {json.dumps(plant.env_value(v))}" for leaf, v in leaves.items()]
    lines += ["---", "apiVersion: autoscaling/v2", "kind: HorizontalPodAutoscaler", "metadata:", f"  name: {name}"]
    lines += ["spec:", "  scaleTargetRef:", "    apiVersion: apps/v1", "    kind: Deployment", f"    name: {name}"]
    lines += [f"  minReplicas: {src.rng.randint(1, 3)}", f"  maxReplicas: {src.rng.randint(4, 20)}"]
    return "\n".join(lines) + "\n"


def helm(src: Source, planting: Planting | None) -> str:
    image = src.rng.choice(IMAGES)
    blocks = [
        [f"replicaCount: {src.rng.randint(1, 5)}"],
        ["image:", f"  repository: registry.example.com/{image}", f"  tag: '{src.rng.randrange(9)}.2'"],
        ["service:", "  type: ClusterIP", f"  port: {src.rng.choice((80, 8080))}"],
        ["ingress:", "  enabled: true", "  hosts:", f"    - host: {src.service}.example.com", "      paths: [/]"],
        ["resources:", "  limits:", "    cpu: 500m", "    memory: 512Mi"],
        ["nodeSelector: {}", "tolerations: []", "affinity: {}"],
        ["podAnnotations:", "  prometheus.io/scrape: 'true'", "securityContext:", "  runAsNonRoot: true"],
        ["config:", *plant.yaml_block(src.settings(src.rng.randint(6, 14), 5), 2)],
        ["extraEnv:", *(f"  - name: {k}\n    value: {json.dumps(v)}" for k, v in src.env(src.rng.randint(3, 8)))],
    ]
    if planting is not None:
        if planting.form == "yaml-dotted":
            block = [f"{key.dotted}: {plant.yaml_scalar(key.value)}" for key in planting.keys]
        else:
            block = plant.yaml_block(plant.nested(planting.keys))
        blocks.insert(src.rng.randrange(len(blocks) + 1), block)
    return "\n".join(line for block in blocks for line in block) + "\n"


def compose(src: Source, planting: Planting | None) -> str:
    as_list = planting.form == "compose-env-list" if planting else src.rng.random() < 0.5
    lines = ["services:"]
    for index, name in enumerate((src.service, "db", "cache")[: src.rng.randint(2, 3)]):
        lines += [f"  {name}:", f"    image: {src.rng.choice(IMAGES)}:{src.rng.randrange(20)}", "    environment:"]
        pairs = src.env(src.rng.randint(5, 12))
        if index == 0 and planting is not None:
            pairs += [(key.env, plant.env_value(key.value)) for key in planting.keys]
        lines += [f"      - {k}={v}" if as_list else f"      {k}: {json.dumps(v)}" for k, v in pairs]
        lines += ["    restart: unless-stopped", "    healthcheck:", "      test: [CMD, true]", "      interval: 10s"]
        lines += [
            "    ports:",
            f"      - '{8000 + index}:8080'",
            "    volumes:",
            f"      - ./data/{name}:/var/lib/{name}",
        ]
    lines += ["volumes:", "  data: {}"]
    return "\n".join(lines) + "\n"


def json_file(src: Source, planting: Planting | None) -> str:
    document: dict[str, Any] = {"name": src.service, "version": f"1.{src.rng.randrange(40)}.0"}
    for root in src.rng.sample(ROOTS, src.rng.randint(2, 4)):
        document[root] = src.settings(src.rng.randint(3, 7), src.rng.randint(3, 6))
    document["features"] = [{"name": src.rng.choice(PROSE), "enabled": True} for _ in range(src.rng.randint(1, 8))]
    if planting is not None:
        document.update(plant.nested(planting.keys))
    return json.dumps(document, indent=2) + "\n"


def toml_file(src: Source, planting: Planting | None) -> str:
    lines = [f"# {src.service} configuration", f'name = "{src.service}"', f'version = "2.{src.rng.randrange(9)}.1"']
    if planting is not None and planting.form == "toml-dotted":
        lines += [f"{key.dotted} = {plant.toml_scalar(key.value)}" for key in planting.keys]
    for section, leaves in src.settings(src.rng.randint(5, 12), src.rng.randint(3, 7)).items():
        lines += ["", f"[{section}]", *(f"{leaf} = {plant.toml_scalar(v)}" for leaf, v in leaves.items())]
    for _ in range(src.rng.randint(1, 6)):
        lines += ["", "[[jobs]]", f'name = "{src.rng.choice(PY_NAMES)}"', 'schedule = "*/5 * * * *"']
    if planting is not None and planting.form == "toml-table":
        lines += plant.toml_tables(planting.keys)
    return "\n".join(lines) + "\n"


def python(src: Source, planting: Planting | None) -> str:
    lines = [f'"""{src.service}: {src.words(12)}."""', "", "from __future__ import annotations", ""]
    lines += [
        "import logging",
        "import os",
        "from dataclasses import dataclass",
        "",
        "LOG = logging.getLogger(__name__)",
    ]
    leaves = src.rng.sample(LEAVES, 6)
    lines += ["", "", "@dataclass(frozen=True)", "class Settings:"]
    lines += [f"    {leaf}: str = {json.dumps(str(src.value(leaf)))}" for leaf in leaves]
    for index in range(src.rng.randint(7, 15)):
        leaf = src.rng.choice(leaves)
        lines += ["", "", f"def {src.rng.choice(PY_NAMES)}_{index}(settings: dict[str, object]) -> object:"]
        lines += [f'    """{src.words(10).capitalize()}."""', f'    value = settings.get("{leaf}")']
        lines += ["    if value is None:", f'        LOG.warning("no %s", "{leaf}")', "        return Settings()"]
        lines += [f"    # {src.words(9)}", "    return value"]
    if planting is not None:
        lines += plant.python_lines(planting, src.rng.randrange(100))
    return "\n".join(lines) + "\n"


def markdown(src: Source, planting: Planting | None) -> str:
    lines = [f"# {src.service.capitalize()}", "", src.words(40).capitalize() + "."]
    for _ in range(src.rng.randint(3, 7)):
        lines += ["", f"## {src.words(3).capitalize()}", "", src.words(src.rng.randint(40, 120)).capitalize() + "."]
        lines += ["", "```sh", src.rng.choice(SHELL_COMMANDS), "```", ""]
        lines += [f"- {src.words(8)}" for _ in range(src.rng.randint(2, 5))]
    if planting is not None:
        lines += plant.markdown_lines(planting)
    return "\n".join(lines) + "\n"


def shell(src: Source, planting: Planting | None) -> str:
    lines = ["#!/usr/bin/env bash", f"# {src.words(10)}", "set -euo pipefail", ""]
    lines += [f'export {name}="{value}"' for name, value in src.env(src.rng.randint(4, 10))]
    if planting is not None:
        lines += plant.env_lines(planting, export="export ")
    lines += ["", "log() { printf '%s\\n' \"$*\" >&2; }"]
    for index in range(src.rng.randint(5, 11)):
        lines += ["", f"{src.rng.choice(PY_NAMES)}_{index}() {{", f'  log "{src.words(7)}"']
        lines += [f"  {src.rng.choice(SHELL_COMMANDS)}", f"  {src.rng.choice(SHELL_COMMANDS)}", "}"]
    return "\n".join(lines) + "\n"


def dotenv(src: Source, planting: Planting | None) -> str:
    lines = [f"# {src.service} ({src.rng.choice(ENVIRONMENTS)})"]
    lines += [f"{name}={value}" for name, value in src.env(src.rng.randint(8, 20))]
    if planting is not None:
        lines += plant.env_lines(planting)
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Source, Planting | None], str]] = {
    "k8s": k8s,
    "helm": helm,
    "compose": compose,
    "json": json_file,
    "toml": toml_file,
    "python": python,
    "markdown": markdown,
    "shell": shell,
    "dotenv": dotenv,
}
