"""Large single files (MB/s measurements) and the one-file pre-commit case.

Each large file holds one dten key near its end, so keyshift's prefilter lets it through and the whole file is
parsed: a YAML stream of Kubernetes manifests (1 MB and 10 MB), a 5 MB JSON document and a 2 MB TOML file.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import content, plant
from bench.keys import PlantKey
from bench.plant import Planting
from bench.vocab import SERVICES

MB = 1_000_000


@dataclass(frozen=True)
class BigFile:
    """One large file: its name under ``big/``, the parser family it exercises, and its target size."""

    name: str
    kind: str
    size: int


BIG_FILES = (
    BigFile("manifests-1mb.yaml", "yaml", 1 * MB),
    BigFile("manifests-10mb.yaml", "yaml", 10 * MB),
    BigFile("data-5mb.json", "json", 5 * MB),
    BigFile("config-2mb.toml", "toml", 2 * MB),
)

SINGLE_FILES = ("one.yaml", "one-key.yaml")
"""``one.yaml`` holds no matrix key (the common pre-commit case); ``one-key.yaml`` holds one."""


def _source(rng: random.Random) -> content.Source:
    return content.Source(rng, rng.choice(SERVICES))


def _yaml(size: int, rng: random.Random, key: PlantKey) -> str:
    documents: list[str] = []
    total = 0
    while total < size:
        document = content.k8s(_source(rng), None)
        documents.append(document)
        total += len(document) + 4
    documents[-1] = content.k8s(_source(rng), Planting("k8s-env", (key,)))
    return "---\n".join(documents)


def _json(size: int, rng: random.Random, key: PlantKey) -> str:
    items: list[object] = []
    total = 0
    while total < size:
        item = json.loads(content.json_file(_source(rng), None))
        items.append(item)
        text = json.dumps(item, indent=2)
        total += len(text) + 4 * text.count("\n") + 8  # nested two levels deeper in the document
    document = {"items": items, **plant.nested((key,))}
    return json.dumps(document, indent=2) + "\n"


def _toml(size: int, rng: random.Random, key: PlantKey) -> str:
    parts: list[str] = []
    total = 0
    while total < size:
        src = _source(rng)
        lines = ["", "[[services]]", f'name = "{src.service}"', f"replicas = {rng.randint(1, 9)}"]
        for section, leaves in src.settings(rng.randint(1, 3), rng.randint(2, 5)).items():
            lines += [f"{section}_{leaf} = {plant.toml_scalar(value)}" for leaf, value in leaves.items()]
        part = "\n".join(lines)
        parts.append(part)
        total += len(part) + 1
    return "# generated configuration\n" + "\n".join(parts) + "\n" + "\n".join(plant.toml_tables((key,))) + "\n"


WRITERS: dict[str, Callable[[int, random.Random, PlantKey], str]] = {"yaml": _yaml, "json": _json, "toml": _toml}


def write_big_files(directory: Path, seed: int, key: PlantKey) -> dict[str, int]:
    """Write every large file; returns each file's size in bytes."""
    directory.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for big in BIG_FILES:
        text = WRITERS[big.kind](big.size, random.Random(f"{seed}:big:{big.name}"), key)
        (directory / big.name).write_text(text, encoding="utf-8")
        sizes[big.name] = len(text.encode("utf-8"))
    return sizes


def write_single_files(directory: Path, seed: int, key: PlantKey) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}:single")
    (directory / "one.yaml").write_text(content.k8s(_source(rng), None), encoding="utf-8")
    (directory / "one-key.yaml").write_text(content.k8s(_source(rng), Planting("k8s-env", (key,))), encoding="utf-8")
